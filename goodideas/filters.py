"""The filters of the Good Ideas list, of its open-data exports and of its feeds (core.lists).

Every filter takes slugs (or years, or yes/no; evidence, cost and stage: the values of their choices)
and may repeat in the query string. A value that names
nothing is ignored; a value applied is shown with its count, even 0. Counts are disjunctive.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import lists
from core.lists.filters import Choice, Names
from core.versioning import KeptPerVersion
from goodideas.models import CostBand, EvidenceLevel, GoodIdea, Stage
from places import similar
from places.models import City, Country, Region, Tag, TaggedItem, Theme

# The tag and city filters offer the most used values (and those ticked): a list of 500 checkboxes
# helps nobody, and the page lists every city (/cities/).
MAX_TAGS = 30
MAX_CITIES = 40


def idea_content_type() -> dict:
    return {"content_type_id": ContentType.objects.get_for_model(GoodIdea).pk}  # cached by Django after once


# The tags Good Ideas carry: the only ones the tag filter knows (kept per content version).
idea_tags = KeptPerVersion(
    lambda: set(
        Tag.objects.filter(places_taggeditem_items__content_type_id=idea_content_type()["content_type_id"]).values_list(
            "pk", flat=True
        )
    )
)


class LikeCityFilter(lists.ListFilter):
    """`like=<city slug>`: the ideas from the cities most like that city (places.similar), not from it."""

    labels_name_the_filter = True  # "Cities like Berlin: Lyon, Hamburg"

    def read(self, text):
        return text if lists.filters.SLUG_RE.match(text) else None

    def resolve(self, values):
        cities = list(City.objects.select_related("country"))
        city = next((city for city in cities if city.slug == values[-1]), None)
        if city is None:
            return []
        matches = similar.like_city(city, cities)
        label = _("Cities like %(city)s: %(cities)s") % {
            "city": city.name,
            "cities": ", ".join(match.city.name for match in matches),
        }
        return [Choice(city.slug, tuple(match.city.pk for match in matches), label)]

    def condition(self, keys):
        return Q(city__in=keys[0])


class GoodIdeaFilter(lists.ListFilterSet):
    q = lists.SearchFilter(label=_("Search"))
    theme = lists.RowsFilter(Theme, link="themes", position_field="position", multiple=True, label=_("Theme"))
    city = lists.RowsFilter(City, "city", multiple=True, label=_("City"))
    country = lists.RowsFilter(Country, "city__country", multiple=True, label=_("Country"))
    region = lists.ChoicesFilter("city__country__region", Region.choices, multiple=True, label=_("Region"))
    tag = lists.RowsFilter(
        Tag,
        link=lists.Link(TaggedItem, "object_id", "tag_id", Names(Tag), where=idea_content_type),
        among=idea_tags,
        multiple=True,
        label=_("Tag"),
    )
    # The old "still running" facet, now a view of the stage: addresses saved with ?running=yes|no keep working.
    running = lists.ChoicesFilter(
        "stage",
        [("yes", Stage.RUNNING, _("Still running")), ("no", Stage.ENDED, _("Ended"))],
        multiple=True,
        label=_("Still running"),
    )
    year = lists.YearsFilter("year_started", multiple=True, label=_("Year started"))
    evidence = lists.ChoicesFilter("evidence_level", EvidenceLevel.choices, multiple=True, label=_("Evidence"))
    cost = lists.ChoicesFilter("cost_band", CostBand.choices, multiple=True, label=_("Cost"))
    stage = lists.ChoicesFilter("stage", Stage.choices, multiple=True, label=_("Status"))
    like = LikeCityFilter(label=_("From cities like"))

    facets = (
        lists.FacetSpec("theme", order="position", open=True),
        lists.FacetSpec("region", open=True),
        lists.FacetSpec("country"),
        lists.FacetSpec("city", limit=MAX_CITIES, more=("goodideas:cities", _("All cities"))),
        lists.FacetSpec("tag", order="count", limit=MAX_TAGS),
        lists.FacetSpec("year", order="-value"),
        lists.FacetSpec("stage", order="choices"),
        lists.FacetSpec("evidence", order="choices"),
        lists.FacetSpec("cost", order="choices"),
    )
    newest = GoodIdea.NEWEST
    snippets = ("teaser",)
    whole_snippets = True


def filter_ideas(data, queryset=None) -> GoodIdeaFilter:
    """The FilterSet bound to `data` (request.GET) over the published ideas."""
    return GoodIdeaFilter(data, queryset=GoodIdea.objects.published() if queryset is None else queryset)
