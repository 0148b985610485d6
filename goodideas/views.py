"""The public pages of Good Ideas in Integration: list, profile, themes, cities, open data, proposals."""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView, View

from core import kept, lists, ratelimit
from core.context_processors import absolute_url
from core.lists.rows import lazy_rows
from core.publication import PreviewMixin, published_q
from core.related import read_related
from core.versioning import KeptPerVersion
from goodideas import export, services
from goodideas.filters import GoodIdeaFilter, filter_ideas
from goodideas.forms import CityFinderForm, ProposalForm
from goodideas.models import Adaptation, EvidenceLevel, FormerSlug, GoodIdea
from places import similar
from places.models import City, Region, Theme

# Proposals one visitor may send per hour.
PROPOSALS_PER_HOUR = 5


class IdeaListView(lists.FilteredListView):
    template_name = "goodideas/idea_list.html"
    filterset_class = GoodIdeaFilter

    def get_queryset(self):
        return GoodIdea.objects.published()

    def for_listing(self, queryset):
        return queryset.for_listing()

    def get_context_data(self, **kwargs):
        query_string = self.request.GET.copy()
        query_string.pop("page", None)
        return super().get_context_data(export_query=query_string.urlencode(), **kwargs)


class IdeaDetailView(PreviewMixin, DetailView):
    """An idea's page; with preview=True, any idea for the editors (core.publication.PreviewMixin)."""

    model = GoodIdea
    template_name = "goodideas/idea_detail.html"

    def get_queryset(self):
        return self.visible(GoodIdea.objects.for_detail())

    def get_object(self, queryset=None):
        idea = super().get_object(queryset)
        read_related(idea, partners=("name", "website"), further_reading=("title", "url", "position"))
        return idea

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if self.preview:
                raise
            former = (
                FormerSlug.objects.filter(slug=kwargs.get("slug"), idea__in=GoodIdea.objects.published())
                .select_related("idea")
                .first()
            )
            if former is None:
                raise
            return redirect(former.idea, permanent=True)

    def get_context_data(self, **kwargs):
        idea = self.object
        url = absolute_url(self.request, idea.get_absolute_url())
        adaptations, adapted_from = Adaptation.objects.of_idea(idea) if idea.pk in ideas_adapted() else ([], [])
        return super().get_context_data(
            adaptations=adaptations,
            adapted_from=adapted_from,
            related_ideas=GoodIdea.objects.published().related_to(idea),
            city_ideas=lazy_rows(
                [pk for pk in city_idea_ids().get(idea.city_id, [])[:6] if pk != idea.pk][:5],
                GoodIdea.objects.for_cards(),
            ),
            absolute_url=url,
            map=services.world_map([idea.city], highlight=idea.city) if idea.city_id else None,
            **kwargs,
        )


EVIDENCE_EXPLANATIONS = {
    EvidenceLevel.DESCRIBED: gettext_lazy(
        "The practice is described by those who run it: what it does, for whom, with whom. Nothing is measured yet."
    ),
    EvidenceLevel.MONITORED: gettext_lazy(
        "What it does is counted: people reached, sessions held, places offered. We know it runs as planned, "
        "not yet what it changes."
    ),
    EvidenceLevel.OUTCOMES: gettext_lazy(
        "Changes for the participants are measured, for example jobs found or language levels reached, before "
        "and after. Those running the practice measured them themselves."
    ),
    EvidenceLevel.EVALUATED: gettext_lazy(
        "Someone independent (a university, an audit office, a research institute) evaluated the practice and "
        "published the results."
    ),
    EvidenceLevel.COMPARED: gettext_lazy(
        "An independent evaluation compared participants with similar people who did not take part, so that "
        "the changes can be attributed to the practice. The strongest evidence."
    ),
}


class EvidenceScaleView(TemplateView):
    """The evidence scale explained, with the number of ideas at each step (one query)."""

    template_name = "goodideas/evidence_scale.html"

    def get_context_data(self, **kwargs):
        counts = dict(
            GoodIdea.objects.published()
            .exclude(evidence_level="")
            .order_by()
            .values_list("evidence_level")
            .annotate(n=Count("pk"))
        )
        levels = [
            {"value": value, "label": label, "explanation": EVIDENCE_EXPLANATIONS[value], "count": counts.get(value, 0)}
            for value, label in EvidenceLevel.choices
        ]
        return super().get_context_data(levels=levels, **kwargs)


# A theme page's list, kept per content version (and until the next scheduled idea is due): the page then
# reads no count and no ids, only the rows of cards that are not kept (LazyRows).
ideas_by_theme = kept.linked_ids(Theme.ideas, GoodIdea.NEWEST)


class ThemeDetailView(TemplateView):
    """A theme, and its Good Ideas as cards, newest first, 20 a page (a page past the last: the last)."""

    template_name = "goodideas/theme_detail.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        theme = kept.by_slug(Theme, self.kwargs["slug"])
        if theme is None:
            raise Http404
        ids = ideas_by_theme().get(theme.pk, [])
        page = lists.page_of_ids(self.request, ids, self.paginate_by, GoodIdea.objects.for_listing())
        return super().get_context_data(theme=theme, object=theme, themes=kept.rows(Theme), **page, **kwargs)


def published_ideas_count():
    return Count("ideas", filter=published_q("ideas__"))


# Every city, its country, and its number of published Good Ideas (`idea_count`): one query, then kept
# for the content version (the cities page, every city page and the finder read all of them).
cities_with_counts = KeptPerVersion(
    lambda: list(City.objects.select_related("country").annotate(idea_count=published_ideas_count()))
)


# Every visible adaptation between two cities, with both cities and the idea: the lines of every map
# (cities page, every city page) and a city page's "adapted here / elsewhere". Kept for the content
# version: the query joins seven tables, which PostgreSQL took ~2 ms to plan on every city page.
map_adaptations = KeptPerVersion(lambda: list(Adaptation.objects.for_map()))


# The ids of the ideas with an adaptation either way: most have none, and their page then spares the
# query of its adaptations (Adaptation.objects.of_idea), which joins six tables.
ideas_adapted = KeptPerVersion(
    lambda: {pk for pair in Adaptation.objects.values_list("idea_id", "adapted_idea_id") for pk in pair if pk}
)


def ideas_by_city(cities, per_city: int = 3) -> dict:
    """{city id: its newest published Good Ideas (at most `per_city`)}: one query."""
    found = {}
    newest = Window(RowNumber(), partition_by=F("city_id"), order_by=[F("published_at").desc(), F("pk")])
    ideas = GoodIdea.objects.published().filter(city__in=[city.pk for city in cities]).annotate(row=newest)
    for idea in ideas.filter(row__lte=per_city).for_listing().order_by("-published_at", "pk"):
        found.setdefault(idea.city_id, []).append(idea)
    return found


def region_groups(cities) -> list[dict]:
    """The cities by region, then country, each sorted by name."""
    regions = dict(Region.choices)
    grouped = {}
    for city in cities:
        grouped.setdefault(city.country.region, {}).setdefault(city.country, []).append(city)
    return [
        {
            "region": regions[region],
            "slug": region,
            "countries": sorted(
                ((country, sorted(items, key=lambda c: c.name.lower())) for country, items in grouped[region].items()),
                key=lambda pair: pair[0].name.lower(),
            ),
        }
        for region in Region.values
        if region in grouped
    ]


class CityListView(TemplateView):
    """Every city on the map and in a list (the map's text alternative); a region of them (`region`);
    and the finder of cities like mine (`population`, `share`, or `city`)."""

    template_name = "goodideas/city_list.html"

    def get_context_data(self, **kwargs):
        cities = cities_with_counts()
        region = self.request.GET.get("region")
        region = region if region in Region.values else None
        shown = [city for city in cities if region is None or city.country.region == region]
        return super().get_context_data(
            # Made only if the page's fragments of them are not in the cache (city_list.html)
            regions=SimpleLazyObject(lambda: region_groups(shown)),
            all_regions=[(value, label) for value, label in Region.choices],
            region=region,
            region_label=dict(Region.choices).get(region),
            cities=shown,
            map=SimpleLazyObject(lambda: services.world_map(shown, region=region, adaptations=map_adaptations())),
            **self.finder(cities),
            **kwargs,
        )

    def finder(self, cities) -> dict:
        asked = any(self.request.GET.get(name) for name in ("population", "share", "city"))
        form = CityFinderForm(
            self.request.GET if asked else None,
            cities=sorted(cities, key=lambda city: city.name.casefold()),
            regions=Region.choices,
        )
        if not asked or not form.is_valid():
            return {"finder": form}
        mine, picked = form.profile()
        matches = similar.closest(mine, cities, exclude=picked)
        found = ideas_by_city([match.city for match in matches])
        for match in matches:
            match.ideas = found.get(match.city.pk, [])
        return {"finder": form, "finder_matches": matches, "finder_city": picked}


def _city_idea_ids() -> dict[int, list[int]]:
    by_city = {}
    for city_id, idea_id in (
        GoodIdea.objects.published().exclude(city=None).order_by(*GoodIdea.NEWEST).values_list("city_id", "pk")
    ):
        by_city.setdefault(city_id, []).append(idea_id)
    return by_city


# {city id: ids of its published Good Ideas, newest first}, kept per content version (and until the next
# scheduled idea is due): a city's page and an idea's "more from this city" read no count and no ids.
city_idea_ids = KeptPerVersion(_city_idea_ids, until=GoodIdea.objects.next_publication)


class CityDetailView(TemplateView):
    """A city: its figures with their sources and a chart, the cities most like it, the map, its ideas."""

    template_name = "goodideas/city_detail.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        self.city = kept.by_slug(City, self.kwargs["slug"])
        if self.city is None:
            raise Http404
        ids = city_idea_ids().get(self.city.pk, [])
        kwargs.update(lists.page_of_ids(self.request, ids, self.paginate_by, GoodIdea.objects.for_listing()))
        cities = cities_with_counts()
        adaptations = map_adaptations()  # the map's lines and both lists below it
        by_year = sorted(adaptations, key=lambda item: (item.year is None, item.year or 0, item.pk))
        births = list(self.city.birth_countries.all())
        like = similar.like_city(self.city, cities)
        return super().get_context_data(
            city=self.city,
            object=self.city,
            birth_countries=births,
            like=like,
            population_chart=services.bar_chart(
                [(self.city, self.city.population)] + [(match.city, match.city.population) for match in like],
                highlight=self.city,
            ),
            births_chart=services.bar_chart([(birth.name, birth.share) for birth in births], percent=True),
            map=services.world_map(cities, highlight=self.city, adaptations=adaptations),
            adapted_here=[item for item in by_year if item.city_id == self.city.pk],
            adapted_elsewhere=[item for item in by_year if item.idea.city_id == self.city.pk],
            **kwargs,
        )


class ExportView(View):
    """The filtered list as open data, streamed: CSV or JSON (`format` in the URL pattern)."""

    format = "csv"

    def get(self, request, *args, **kwargs):
        ideas = filter_ideas(request.GET).ordered(request.GET.get("sort"))
        if self.format == "json":
            return export.json_response(request, ideas)
        return export.csv_response(request, ideas)


class ProposalView(FormView):
    template_name = "goodideas/submit.html"
    form_class = ProposalForm
    success_url = reverse_lazy("goodideas:submit-thanks")

    def form_valid(self, form):
        wait = ratelimit.hit(
            "goodideas-proposal", ratelimit.client_ip(self.request), limit=PROPOSALS_PER_HOUR, period=3600
        )
        if wait:
            minutes = max(1, round(wait / 60))
            form.add_error(
                None,
                _("You have sent several proposals in a short time. Please try again in %(minutes)d minutes.")
                % {"minutes": minutes},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        services.idea_propose(proposal=form.proposal(language=self.request.LANGUAGE_CODE))
        return redirect(self.get_success_url())


class ProposalThanksView(TemplateView):
    template_name = "goodideas/submit_thanks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(list_url=reverse("goodideas:list"), **kwargs)
