"""ListFilterSet: the django-filter FilterSet every list declares, with its facets, sorts and extracts."""

import dataclasses
import functools
import hashlib
from contextlib import nullcontext

import django_filters
from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import F
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import localised, search
from core.lists import counts
from core.lists.filters import ListFilter, ListForm, SearchFilter
from core.lists.pages import CountedPaginator
from core.lists.rows import LazyRows
from core.templatetags.fragments import fragment_key
from core.versioning import content_version, kept_seconds


def kept(name: str, parts: tuple, build, seconds: int):
    """`build()` (counts, ids: what a list or a search finds for some choices), kept in the cache for
    `seconds` (0: built every time) under the content version, `name` and `parts` (what it depends on)."""
    if not seconds:
        return build()
    key = f"{name}:{content_version()}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, seconds)
    return found


class ListFilterSet(django_filters.FilterSet):
    """The filters of a list, and what the list page makes of them.

    Declare the filters (core.lists.filters) and, as class attributes:
    facets: the filters offered with counts (counts.FacetSpec), in the order the page shows them;
    sorts: the orders offered ("relevance" only when there are words); newest: the order of "newest";
    title_field: the (translated) field "title" sorts by; snippets: the text a list shows, of which a
    highlighted extract is shown instead when there are words (a field name, in the page's language, or
    a callable: words -> the expression of a text); cache_seconds: how long the counts and page of the
    same choices are kept (keyed by the content version; 0: not kept; settings.LIST_COUNTS_CACHE_SECONDS
    unless the list says otherwise); whole_snippets: the texts are
    short and shown whole, their words marked (else passages around the words).
    """

    facets: tuple[counts.FacetSpec, ...] = ()
    sorts = ("relevance", "newest", "title")
    newest: tuple = ("-pk",)
    title_field = "title"
    snippets: tuple = ()
    whole_snippets = False

    @property
    def cache_seconds(self) -> int:
        return settings.LIST_COUNTS_CACHE_SECONDS

    SORT_LABELS = {"relevance": _("Relevance"), "newest": _("Newest first"), "title": _("Title A–Z")}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(QueryDict() if data is None else data, queryset, request=request, prefix=prefix)

    def get_form_class(self):
        return _form_class(type(self))

    @property
    def form(self):
        """The form of the values asked for, resolving them with this request's filters (a year is
        looked for among this list's rows)."""
        if not hasattr(self, "_form"):
            super().form.list_filters = self.filters
        return self._form

    # What was asked for --------------------------------------------------------------------------
    @cached_property
    def values(self) -> dict:
        """The values applied, by filter: a list of Choice (core.lists.filters), or the words of `q`."""
        self.form.is_valid()  # never invalid
        return self.form.cleaned_data

    @property
    def query_text(self) -> str:
        return self.values.get("q") or ""

    def with_words(self, text: str) -> "ListFilterSet":
        """The same choices with the words `text` instead (a corrected query: core.lists.views.corrected)."""
        data = self.data.copy()
        name = next(name for name, value in self.filters.items() if isinstance(value, SearchFilter))
        data[self.form_prefix + "-" + name if self.form_prefix else name] = text
        return type(self)(data, self.queryset, request=self.request, prefix=self.form_prefix)

    @property
    def applied(self) -> dict[str, list[str]]:
        """{filter: [values as in the address]} of the filters applied, words apart."""
        return {
            name: [choice.value for choice in value]
            for name, value in self.values.items()
            if isinstance(self.filters[name], ListFilter) and value
        }

    @property
    def is_filtered(self) -> bool:
        return bool(self.applied or self.query_text)

    @property
    def ignored(self) -> list[tuple[str, str]]:
        """(filter label, value as given) of the values dropped: malformed, or naming nothing."""
        self.values  # noqa: B018 - cleans the form
        return self.form.ignored

    def base(self, exclude=()):
        """The rows with every filter applied except those named in `exclude`."""
        queryset = self.queryset.all()
        for name, value in self.values.items():
            if name not in exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    # Order ---------------------------------------------------------------------------------------
    def sort_key(self, requested: str | None) -> str:
        """The order asked for if offered; else relevance when there are words, newest otherwise."""
        if requested in self.sort_keys():
            return requested
        return "relevance" if self.query_text and "relevance" in self.sorts else "newest"

    def sort_keys(self) -> list[str]:
        return [key for key in self.sorts if key != "relevance" or self.query_text]

    def sort_choices(self) -> list[tuple[str, str]]:
        return [(key, self.SORT_LABELS[key]) for key in self.sort_keys()]

    def ordering(self, key: str) -> list:
        if key == "relevance":
            return [counts.Ranked(F("rank"), self.newest), *self.newest]
        if key == "title":
            return [Lower(localised.expression(self.title_field, self.queryset.model)), "pk"]
        return list(self.newest)

    def ordered(self, requested: str | None = None):
        """Every filtered row in the order asked for: what exports and feeds use."""
        return self.qs.order_by(*self.ordering(self.sort_key(requested)))

    # Counts and one page -------------------------------------------------------------------------
    def counted(self, *, sort: str, page: int, per_page: int, within=None, within_key=None) -> counts.Counted:
        """The total, each facet's counts and the page's ids (counts.count), from the cache if kept.

        `within`: the part of the rows that is paginated (a condition that moves with the clock: the
        archive below what is coming up); `within_key`: what names that part for as long as it stays the
        same (how many rows it had taken in), so that its counts may be kept; without one they are not.
        """
        flags = {
            spec.name: self.filters[spec.name].condition([choice.key for choice in self.values[spec.name]])
            for spec in self.facets
            if spec.disjunctive and self.values[spec.name]
        }

        def run():
            return counts.count(
                self.base(exclude=flags),
                facets={spec.name: self.filters[spec.name].group() for spec in self.facets},
                flags=flags,
                order=self.ordering(sort),
                page=page,
                per_page=per_page,
                within=within,
                searched=bool(self.query_text),
            )

        if not self.cache_seconds or (within is not None and within_key is None):
            return run()
        prefix = f"lists:{type(self).__name__}:{content_version()}"
        asked = self.asked() if within is None else f"{self.asked()}:{within_key}"
        # The counts of these choices, whatever the order and page: shared by their pages and orders.
        counts_key = f"{prefix}:counts:{asked}"
        key = f"{prefix}:{hashlib.sha256(repr((asked, sort, page, per_page)).encode()).hexdigest()}"
        kept = cache.get_many([key, counts_key])
        if key in kept:
            return kept[key]
        if counts_key in kept:  # counted before, for another page or order: only this page's ids to find
            counted = kept[counts_key]
            found = dataclasses.replace(counted, page_ids=self.page_ids(counted, sort, page, per_page, within))
            cache.set(key, found, self.cache_seconds)
            return found
        found = run()
        cache.set_many({key: found, counts_key: found}, self.cache_seconds)
        return found

    def asked(self) -> str:
        """What this list's counts and facets depend on, as a digest: the page's language, the values
        applied and the words. The same for every page and order of these choices."""
        chosen = sorted((name, sorted(str(c.key) for c in value)) for name, value in self.applied_choices().items())
        asked = repr((type(self).__name__, localised.page_language(), chosen, self.query_text))
        return hashlib.sha256(asked.encode()).hexdigest()

    def kept(self, what: str, build, *, key=None):
        """`build()` (what a list shows besides its page: the ids of what is coming up), kept in the cache
        as the counts of these choices are, and under `key` (what else it depends on)."""
        return kept(f"lists:{type(self).__name__}", (what, self.asked(), key), build, self.cache_seconds)

    def page_ids(self, counted: counts.Counted, sort: str, page: int, per_page: int, within=None) -> list[int]:
        """The ids of page `page` (the last one past the end) of the rows `counted` counted: one query."""
        number = CountedPaginator(counted.page_total, per_page).number(page)
        offset, order = (number - 1) * per_page, self.ordering(sort)
        with search.matched_by_index() if self.query_text else nullcontext():
            if counted.page_total <= counts.FEW:  # few rows: found first, then ordered
                return counts.page_of(self.base(), order=order, limit=per_page, offset=offset, within=within)
            rows = self.base() if within is None else self.base().filter(within)
            return list(rows.order_by(*order).values_list("pk", flat=True)[offset : offset + per_page])

    def applied_choices(self) -> dict:
        return {
            name: value for name, value in self.values.items() if isinstance(self.filters[name], ListFilter) and value
        }

    def page_rows(self, ids: list[int], prepare=None) -> list:
        """The rows of a page, in its order, each with `snippet`: its extract marking the words, or None.

        The rows are read only when something reads them (core.lists.rows): a page whose cards are all
        in the fragment cache reads none. With words, so do the extracts, kept beside the cards (their
        key has the words, the content version and the language): a page whose extracts are all kept
        makes none; else one query reads the rows with their extracts.
        """
        rows = self.queryset.filter(pk__in=ids)
        rows = prepare(rows) if prepare else rows
        model, text = self.queryset.model, self.query_text
        if not text:
            return LazyRows(ids, rows)
        seconds = kept_seconds()
        keys = {pk: fragment_key("extract", type(self).__qualname__, text, pk) for pk in ids}
        found = caches["fragments"].get_many(keys.values()) if seconds else {}
        if len(found) == len(keys):
            lazy = LazyRows(ids, rows)
            for row in lazy:
                row.snippet = mark_safe(found[keys[row.pk]]) or None  # marked() escaped it
            return lazy
        extracts = [localised.expression(s, model) if isinstance(s, str) else s(text) for s in self.snippets]
        if extracts:
            rows = rows.annotate(**search.headlines(text, extracts, whole=self.whole_snippets))
        by_pk = {row.pk: row for row in rows}
        read = [by_pk[pk] for pk in ids if pk in by_pk]
        for row in read:
            row.snippet = search.best_headline(row, len(extracts))
        if seconds:
            caches["fragments"].set_many({keys[row.pk]: str(row.snippet or "") for row in read}, seconds)
        return read

    # Facets and applied values, as the page shows them --------------------------------------------
    def facet_results(self, counted: counts.Counted, data) -> dict[str, counts.Facet]:
        results = {}
        for spec in self.facets:
            list_filter = self.filters[spec.name]
            values = self.facet_values(spec, list_filter, counted.counts.get(spec.name, []))
            for value in values:
                if value.selected:
                    value.remove_url = remove_url(data, spec.name, value.value, list_filter.read)
            results[spec.name] = counts.Facet(
                spec.name,
                str(list_filter.label),
                values,
                multiple=list_filter.multiple,
                open=spec.open,
                all_label=str(list_filter.all_label),
                more=spec.more,
            )
        return results

    def facet_values(self, spec, list_filter, rows) -> list[counts.FacetValue]:
        applied = self.values[spec.name]
        chosen = {choice.value for choice in applied}
        values, positions = [], {}
        option_of = list_filter.options_of_keys()
        for text, label, position, number in rows:
            if text in ("", None):  # a column left empty ("not known") is no value to offer
                continue
            option = option_of(text)
            value, label = (option.value, option.label) if option else (text, label)
            values.append(counts.FacetValue(value, str(label), number, value in chosen))
            positions[value] = position or 0
        shown = {value.value for value in values}
        values += [counts.FacetValue(c.value, c.label, 0, True) for c in applied if c.value not in shown]
        if spec.limit and len(values) > spec.limit:
            by_count = sorted(values, key=lambda v: (-v.count, v.label.casefold()))
            values = [v for place, v in enumerate(by_count) if place < spec.limit or v.selected]
        return sorted(values, key=self.sorting(spec, list_filter, positions))

    @staticmethod
    def sorting(spec, list_filter, positions):
        if spec.order == "count":
            return lambda v: (-v.count, v.label.casefold())
        if spec.order == "position":
            return lambda v: (positions.get(v.value, 0), v.label.casefold())
        if spec.order == "choices":
            order = {option.value: place for place, option in enumerate(list_filter.options())}
            return lambda v: order.get(v.value, len(order))
        if spec.order == "-value":
            return lambda v: -int(v.value)
        return lambda v: (v.label.casefold(), v.value)

    def chips(self, data) -> list[counts.FacetValue]:
        """Every value applied (words apart), with the address of the list without it."""
        return [
            counts.FacetValue(
                choice.value,
                choice.label,
                0,
                selected=True,
                remove_url=remove_url(data, name, choice.value, self.filters[name].read),
            )
            for name, value in self.applied_choices().items()
            for choice in value
        ]


def remove_url(data, name: str, value: str, read) -> str:
    """The query string of the list without the value `value` of filter `name`, on its first page."""
    remaining = data.copy()
    remaining.pop("page", None)
    remaining.setlist(name, [text for text in remaining.getlist(name) if str(read(text.strip())) != value])
    return "?" + remaining.urlencode()


@functools.cache
def _form_class(filterset_class: type) -> type[ListForm]:
    """The form class of a ListFilterSet class, made once: its fields read a value's shape with what the
    filters were declared with only (ListFilter.read). Made per request, it was ~0.4 ms of each list."""
    fields = {name: list_filter.field for name, list_filter in filterset_class.base_filters.items()}
    return type(f"{filterset_class.__name__}Form", (ListForm,), fields)
