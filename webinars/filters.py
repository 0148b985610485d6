"""The filters of the webinar list (words, theme, year) and the order of the conference list (core.lists)."""

from django.utils.translation import gettext_lazy as _

from core import lists
from places.models import Theme


class WebinarFilter(lists.ListFilterSet):
    q = lists.SearchFilter(label=_("Search webinars"))
    theme = lists.RowsFilter(
        Theme, link="themes", position_field="position", label=_("Theme"), all_label=_("All themes")
    )
    year = lists.YearsFilter("starts_at__year", label=_("Year"), all_label=_("All years"))

    facets = (lists.FacetSpec("theme", order="position"), lists.FacetSpec("year", order="-value"))
    sorts = ("relevance", "newest")
    newest = ("-starts_at", "-pk")


class EventFilter(lists.ListFilterSet):
    """Conferences have no filters: the list is newest first."""

    sorts = ("newest",)
    newest = ("-starts_on", "-pk")
