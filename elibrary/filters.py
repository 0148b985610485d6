"""The library page's filters: words, kind, theme, language, places, publisher, years (core.lists).

Each filter takes one value. Facets narrow: their counts are within the resources that match
everything chosen (drilling down).
"""

from django.utils.translation import gettext_lazy as _

from core import languages, lists
from elibrary.models import Kind, Resource
from places.models import City, Country, Organisation, Theme

# Facets that list many values show the most frequent ones (the chosen one always stays).
FACET_LIMIT = 30


class LibraryFilter(lists.ListFilterSet):
    q = lists.SearchFilter(label=_("Search the library"))
    kind = lists.ChoicesFilter("kind", Kind.choices, label=_("Kind"))
    theme = lists.RowsFilter(Theme, link="themes", label=_("Theme"))
    language = lists.ChoicesFilter(
        "languages", languages.choices(languages.DOCUMENT), array=True, label=_("Language of the document")
    )
    country = lists.RowsFilter(Country, link="countries", label=_("Country"))
    city = lists.RowsFilter(City, link="cities", label=_("City"))
    publisher = lists.RowsFilter(Organisation, "publisher", to_field="pk", label=_("Publisher"))
    year_from = lists.BoundFilter(
        "publication_year", lookup_expr="gte", minimum=1900, maximum=2100, label=_("From year")
    )
    year_to = lists.BoundFilter("publication_year", lookup_expr="lte", minimum=1900, maximum=2100, label=_("To year"))

    facets = (
        lists.FacetSpec("kind", order="choices", disjunctive=False),
        lists.FacetSpec("theme", order="count", disjunctive=False),
        lists.FacetSpec("language", order="choices", disjunctive=False),
        lists.FacetSpec("country", order="count", limit=FACET_LIMIT, disjunctive=False),
        lists.FacetSpec("city", order="count", limit=FACET_LIMIT, disjunctive=False),
        lists.FacetSpec("publisher", order="count", limit=FACET_LIMIT, disjunctive=False),
    )
    newest = Resource.NEWEST
    snippets = ("summary", "extracted_text")  # the summary, or else the words of the document
    # The counts and page of the same choices are kept an hour: the first page, which every visitor
    # sees, then costs no pass over the whole collection. Any change starts a new content version.
    cache_seconds = 3600
