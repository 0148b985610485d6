"""The one way to make a filtered, counted, paginated list (every list of the portal uses it).

A list declares a ListFilterSet (a django-filter FilterSet: its filters, which of them have counts,
its sorts, the text it shows) and a FilteredListView (or calls list_context()). The rules, the same in
every list:

- a filter value that names nothing (no such theme, a year that is not offered, `abc` for a year) is
  ignored, and the list shows that it is not filtered by it (no chip, no count says otherwise) and
  says it was ignored; never a 400 or 500 page;
- the words of `q` are cut to search.MAX_QUERY_LENGTH, never refused; they are matched and ranked by
  core.search in every language, the rows shown with an extract marking the words; when they find
  nothing, they are corrected from the words the portal knows (core.vocabulary) and the results of
  the corrected words shown, with a link to the words as typed (`exact=1`: never corrected; then
  "did you mean" offers the corrected words). Corrected words that find nothing are never offered;
- a page that is not a positive number (`abc`, `0`, `-1`) is the first page; a page past the last is
  the last page;
- the total, the counts of every facet and the page's ids come from ONE query (counts.count), and
  each facet value comes as FacetValue(value, label, count, selected, remove_url).
"""

from core.lists.counts import Counted, Facet, FacetSpec, FacetValue
from core.lists.filters import (
    BoundFilter,
    Choice,
    ChoicesFilter,
    Link,
    ListFilter,
    RowsFilter,
    SearchFilter,
    YearsFilter,
)
from core.lists.filtersets import ListFilterSet, kept
from core.lists.pages import CountedPaginator, ForgivingPaginationMixin, page_of_ids, requested_page
from core.lists.views import EXACT, FilteredListView, correction, exact_requested, list_context

__all__ = [
    "EXACT",
    "BoundFilter",
    "Choice",
    "ChoicesFilter",
    "Counted",
    "CountedPaginator",
    "Facet",
    "FacetSpec",
    "FacetValue",
    "FilteredListView",
    "ForgivingPaginationMixin",
    "Link",
    "ListFilter",
    "ListFilterSet",
    "RowsFilter",
    "SearchFilter",
    "YearsFilter",
    "correction",
    "exact_requested",
    "kept",
    "list_context",
    "page_of_ids",
    "requested_page",
]
