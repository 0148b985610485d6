"""The news list's filters: words, theme, country (its own news and its cities') and city (core.lists).

Places and themes are slugs in the URL; the places offered are those that have news.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import lists
from places.models import City, Country, Theme


def countries_with_news():
    return Country.objects.filter(Q(news__isnull=False) | Q(cities__news__isnull=False))


def cities_with_news():
    return City.objects.filter(news__isnull=False)


class NewsFilter(lists.ListFilterSet):
    q = lists.SearchFilter(label=_("Keywords"))
    theme = lists.RowsFilter(
        Theme, link="themes", position_field="position", label=_("Theme"), all_label=_("All themes")
    )
    country = lists.RowsFilter(
        Country,
        ("country", "city__country"),
        rows=countries_with_news,
        label=_("Country"),
        all_label=_("All countries"),
    )
    city = lists.RowsFilter(City, "city", rows=cities_with_news, label=_("City"), all_label=_("All cities"))

    facets = (lists.FacetSpec("theme", order="position"), lists.FacetSpec("country"), lists.FacetSpec("city"))
    sorts = ("relevance", "newest")
    newest = ("-date", "-pk")
    snippets = ("summary",)
    whole_snippets = True
