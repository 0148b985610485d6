"""The generic view of a filtered list, and the context every list page gets."""

from collections.abc import Callable

from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from core import vocabulary
from core.feeds import feed_query
from core.lists.pages import CountedPaginator, requested_page

# `?exact=1`: the words as typed, never corrected (the "Search instead for …" link).
EXACT = "exact"


def exact_requested(request) -> bool:
    return request.GET.get(EXACT) == "1"


def correction(text: str, found: int, finds: Callable[[str], int]) -> str | None:
    """The words `text` with each unknown one replaced by the nearest the portal knows (core.vocabulary),
    when `text` found nothing and the corrected words find something (`finds(words)`: how many they
    find). Never words that find nothing."""
    if not text or found:
        return None
    corrected = vocabulary.suggest(text)
    return corrected if corrected and finds(corrected) else None


def corrected(filterset, request, counted, **counting) -> tuple:
    """What a list shows when its words found nothing: (filterset, counted, words typed, suggestion).

    The results of the corrected words, shown at once, with the words typed for "Search instead for";
    with `?exact=1`, nothing found as asked, and the corrected words offered as "Did you mean".
    """
    typed, kept = filterset.query_text, {}

    def finds(words):
        kept["filterset"] = filterset.with_words(words)
        kept["counted"] = kept["filterset"].counted(**counting)
        return kept["counted"].total

    words = correction(typed, counted.total, finds)
    if not words:
        return filterset, counted, None, None
    if exact_requested(request):
        return filterset, counted, None, words
    return kept["filterset"], kept["counted"], typed, None


def list_context(
    filterset, request, *, per_page: int, prepare=None, within=None, within_key=None, object_name="object_list"
) -> dict:
    """What a list page shows: one page of the filtered rows, the facets, the values applied, the sort.

    One query counts and finds the page (filterset.counted), one fetches its rows (`prepare` adds what
    the page shows of each: select_related …). `within`: the part of the rows that is paginated, and
    `within_key` what names it while it stays the same (ListFilterSet.counted).
    Words that find nothing are corrected (corrected()): the page shows the filterset of the corrected words.
    """
    requested = requested_page(request)
    sort = filterset.sort_key(request.GET.get("sort"))
    counting = {"sort": sort, "page": requested, "per_page": per_page, "within": within, "within_key": within_key}
    filterset, counted, typed, suggestion = corrected(filterset, request, filterset.counted(**counting), **counting)
    paginator = CountedPaginator(counted.page_total, per_page)
    page_obj = paginator.page_of(requested, filterset.page_rows(counted.page_ids, prepare))
    chips = filterset.chips(request.GET)
    return {
        "filterset": filterset,
        "object_list": page_obj.object_list,
        object_name: page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "is_paginated": page_obj.has_other_pages(),
        "total": counted.total,
        # The facets are built only if their block is not in the fragment cache ({% fragment "facets"
        # facets_key %} in the lists' templates): every page and order of the same choices shows it.
        "facets": SimpleLazyObject(lambda: filterset.facet_results(counted, request.GET)),
        "facets_key": filterset.asked(),
        "active_filters": chips,
        "filter_count": len(chips),
        "query": filterset.query_text,
        "sort": sort,
        "sort_choices": filterset.sort_choices(),
        "ignored": filterset.ignored,
        "suggestion": suggestion,
        "corrected_from": typed,
        "feed_query": feed_query(request.GET),  # the same filters, for the address of the list's feed
    }


class FilteredListView(TemplateView):
    """A list filtered by a ListFilterSet (`filterset_class`) over `get_queryset()`, counted and paginated.

    `for_listing(queryset)` adds what the page shows of each row. The template gets list_context().
    """

    filterset_class = None
    paginate_by = 20
    context_object_name = "object_list"
    within = None

    def get_queryset(self):
        raise NotImplementedError

    def for_listing(self, queryset):
        return queryset

    def get_within(self):
        """The part of the rows that is paginated (the rest shown otherwise), or None: all of them."""
        return self.within

    def get_within_key(self):
        """What names the part get_within() selects for as long as it stays the same, so that the
        counts may be kept (ListFilterSet.counted); None: counted on every view."""

    def get_filterset(self):
        return self.filterset_class(self.request.GET, queryset=self.get_queryset(), request=self.request)

    def get_context_data(self, **kwargs):
        self.filterset = self.get_filterset()
        context = list_context(
            self.filterset,
            self.request,
            per_page=self.paginate_by,
            prepare=self.for_listing,
            within=self.get_within(),
            within_key=self.get_within_key(),
            object_name=self.context_object_name,
        )
        return super().get_context_data(**context, **kwargs)
