"""The news list's filters: words, theme, country (its own news and its cities') and city (core.lists).

Places and themes are slugs in the URL; the places offered are those that have news.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import lists
from core.versioning import KeptPerVersion
from places.models import City, Country, Theme

# The countries and cities that have news, their own or their cities': the only ones the filters know
# (kept per content version).
countries_with_news = KeptPerVersion(
    lambda: set(
        Country.objects.filter(Q(news__isnull=False) | Q(cities__news__isnull=False)).values_list("pk", flat=True)
    )
)
cities_with_news = KeptPerVersion(lambda: set(City.objects.filter(news__isnull=False).values_list("pk", flat=True)))


class NewsFilter(lists.ListFilterSet):
    q = lists.SearchFilter(label=_("Keywords"))
    theme = lists.RowsFilter(
        Theme, link="themes", position_field="position", label=_("Theme"), all_label=_("All themes")
    )
    country = lists.RowsFilter(
        Country,
        ("country", "city__country"),
        among=countries_with_news,
        label=_("Country"),
        all_label=_("All countries"),
    )
    city = lists.RowsFilter(City, "city", among=cities_with_news, label=_("City"), all_label=_("All cities"))

    facets = (lists.FacetSpec("theme", order="position"), lists.FacetSpec("country"), lists.FacetSpec("city"))
    sorts = ("relevance", "newest")
    newest = ("-date", "-pk")
    snippets = ("summary",)
    whole_snippets = True
