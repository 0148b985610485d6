"""Pages of a list: which page the address asks for, and a paginator that is told the count."""

from django.core.paginator import Page, Paginator

from core.lists.rows import lazy_rows

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


class CountedPaginator(Paginator):
    """A paginator told the number of rows (counted with the facets): it runs no COUNT of its own."""

    def __init__(self, count: int, per_page: int):
        super().__init__((), per_page)
        self.count = count  # Paginator.count is a cached_property: this is its value

    def number(self, requested: int) -> int:
        """The page shown for the page asked for: the last one past the end."""
        return min(max(requested, 1), self.num_pages)

    def page_of(self, requested: int, rows) -> Page:
        """The page `requested` (kept within the pages there are), holding `rows`, already fetched."""
        return Page(list(rows), self.number(requested), self)


def page_of_ids(request, ids: list, per_page: int, queryset) -> dict:
    """The context of the page the address asks for (past the last: the last) of a list known by its
    ids (kept per content version: core.kept): paginator, page_obj, is_paginated and object_list, whose
    rows are read from `queryset` only if something reads them (LazyRows). No COUNT, no query for ids."""
    paginator = CountedPaginator(len(ids), per_page)
    number = paginator.number(requested_page(request))
    page = paginator.page_of(number, lazy_rows(ids[(number - 1) * per_page : number * per_page], queryset))
    return {
        "paginator": paginator,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "object_list": page.object_list,
    }


class ForgivingPaginationMixin:
    """For a plain ListView: requested_page(), and a page past the last shows the last one (no 404).

    `lazy_rows = True`: the page reads only the ids of its rows, and the rows themselves only if
    something reads them (core.lists.rows), for pages whose rows are cards kept in the fragment cache.
    """

    lazy_rows = False

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset.values_list("pk", flat=True) if self.lazy_rows else queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = paginator.get_page(requested_page(self.request, self.page_kwarg))
        if self.lazy_rows:
            ids = list(page.object_list)
            page.object_list = lazy_rows(ids, queryset)
        return paginator, page, page.object_list, page.has_other_pages()
