"""What every list shares: the rule for bad input, which page is asked for, fields that forgive.

A list's address is often stale (a bookmarked filter whose theme was renamed, a page that no longer
exists after the list shrank) or hand-edited. The rule, the same in every list:

- a filter value that names nothing (no such theme, a year that is not offered, `abc` for a year) is
  ignored, and the list shows that it is not filtered by it: its field shows "All …", no chip, no
  count says otherwise; never a 400 or 500 page;
- a search text longer than the bound (`search.MAX_QUERY_LENGTH`) is cut, not refused;
- a page that is not a positive number (`abc`, `0`, `-1`) is the first page; a page past the last
  is the last page.
"""

import django_filters
from django import forms
from django_filters import fields as filter_fields

# A longer number is read as this one: past the last page of any list (and no OFFSET overflows).
MAX_PAGE_DIGITS = 9


def requested_page(request, name: str = "page") -> int:
    """The page number the query string asks for: a positive number, else 1 (the caller stops at the last)."""
    value = request.GET.get(name, "")
    if not (value.isascii() and value.isdigit()):
        return 1
    if len(value) > MAX_PAGE_DIGITS:
        return 10**MAX_PAGE_DIGITS
    return max(int(value), 1)


class ForgivingPaginationMixin:
    """For a ListView: requested_page(), and a page past the last shows the last one (no 404)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        page = paginator.get_page(requested_page(self.request, self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class KnownValueMixin:
    """A form field of a list's filter: a value it does not know cleans to None (no filter), not an error."""

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            return None


class KnownModelChoiceField(KnownValueMixin, forms.ModelChoiceField):
    pass


class KnownTypedChoiceField(KnownValueMixin, forms.TypedChoiceField):
    pass


class _KnownFilterModelChoiceField(KnownValueMixin, filter_fields.ModelChoiceField):
    pass


class KnownModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's ModelChoiceFilter, whose unknown value is ignored (KnownValueMixin)."""

    field_class = _KnownFilterModelChoiceField
