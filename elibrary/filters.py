"""The library page's search: text, facets with counts, sort. Each facet is counted with one query
over the resources the other choices leave (so a facet shows what choosing another of its values
would give), grouped in the database: the cost follows the matching set, not the collection."""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, TrigramWordSimilarity
from django.db.models import Count, Q
from django.db.models.functions import Greatest
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from citiesofmigration import search
from elibrary.models import DocumentLanguage, Kind, Resource
from goodideas.models import City, Country, Organisation, Theme

# Facets that list many values show the most frequent ones (the chosen one always stays).
FACET_LIMIT = 30
TITLE_FIELDS = ["title_en", "title_fr", "title_de"]
START, STOP = "\x02", "\x03"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    obj: object = None


@dataclass
class Facet:
    name: str
    values: list[FacetValue] = field(default_factory=list)


class LibrarySearch:
    """The resources matching `values` (LibrarySearchForm.values()), their facets and their order."""

    def __init__(self, values: dict):
        self.values = values
        self.text = search.clean_query(values.get("q"))
        self.fuzzy = False  # True when no document matched the words and titles alike are shown instead

    # Filtering
    def text_filtered(self):
        queryset = Resource.objects.published()
        if not self.text:
            return queryset
        if self.fuzzy:
            return queryset.filter(
                Q(title_en__trigram_word_similar=self.text)
                | Q(title_fr__trigram_word_similar=self.text)
                | Q(title_de__trigram_word_similar=self.text)
            ).annotate(
                rank=Greatest(*[TrigramWordSimilarity(self.text, name) for name in TITLE_FIELDS]),
            )
        return queryset.search(self.text)

    def filtered(self, exclude: str = ""):
        """The matching resources, leaving out the facet `exclude`."""
        queryset = self.text_filtered()
        values = self.values
        if exclude != "kind" and values.get("kind"):
            queryset = queryset.filter(kind=values["kind"])
        if exclude != "language" and values.get("language"):
            queryset = queryset.filter(languages__contains=[values["language"]])
        if exclude != "theme" and values.get("theme"):
            queryset = queryset.filter(themes__slug=values["theme"])
        if exclude != "country" and values.get("country"):
            queryset = queryset.filter(countries__slug=values["country"])
        if exclude != "city" and values.get("city"):
            queryset = queryset.filter(cities__slug=values["city"])
        if exclude != "publisher" and values.get("publisher"):
            queryset = queryset.filter(publisher_id=values["publisher"])
        if values.get("year_from"):
            queryset = queryset.filter(publication_year__gte=values["year_from"])
        if values.get("year_to"):
            queryset = queryset.filter(publication_year__lte=values["year_to"])
        return queryset

    @property
    def sort(self) -> str:
        sort = self.values.get("sort") or ("relevance" if self.text else "newest")
        return "newest" if sort == "relevance" and not self.text else sort

    def results(self):
        queryset = self.filtered()
        if self.sort == "title":
            queryset = queryset.order_by_title()
        elif self.sort == "relevance":
            queryset = queryset.order_by("-rank", "-publication_year", "-pk")
        else:
            queryset = queryset.order_by("-publication_year", "-publication_date", "-pk")
        return queryset.for_listing()

    def use_fuzzy(self):
        """Switch to titles that look like the words (typos), when the words found nothing."""
        if self.text and not self.fuzzy:
            self.fuzzy = True
            return True
        return False

    # Facets
    def ids(self, exclude: str):
        return self.filtered(exclude).values("pk")

    def facets(self) -> list[Facet]:
        values = self.values
        kinds = self.conditional_counts("kind", "kind", Kind.choices, lambda code: Q(kind=code))
        languages = self.conditional_counts(
            "language", "language", DocumentLanguage.choices, lambda code: Q(languages__contains=[code])
        )
        return [
            kinds,
            self.related_counts("theme", Theme.objects.all(), "resources", "slug", limit=None),
            languages,
            self.related_counts("country", Country.objects.all(), "resources", "slug", selected=values.get("country")),
            self.related_counts("city", City.objects.all(), "resources", "slug", selected=values.get("city")),
            self.related_counts(
                "publisher", Organisation.objects.all(), "library_resources", "pk", selected=values.get("publisher")
            ),
        ]

    def conditional_counts(self, name, exclude, choices, condition) -> Facet:
        counts = self.filtered(exclude).aggregate(**{code: Count("pk", filter=condition(code)) for code, _ in choices})
        chosen = self.values.get(name)
        return Facet(
            name,
            [
                FacetValue(code, str(label), counts[code], selected=code == chosen)
                for code, label in choices
                if counts[code] or code == chosen
            ],
        )

    def related_counts(self, name, queryset, relation, key, selected=None, limit=FACET_LIMIT) -> Facet:
        chosen = self.values.get(name)
        rows = queryset.filter(**{f"{relation}__in": self.ids(name)}).annotate(n=Count(relation)).order_by("-n", "pk")
        rows = list(rows[:limit] if limit else rows)
        facet = Facet(name)
        for obj in rows:
            value = getattr(obj, key)
            facet.values.append(FacetValue(str(value), str(obj), obj.n, selected=str(value) == str(chosen), obj=obj))
        return facet

    # Snippets
    def headlines(self, resources) -> dict[int, str]:
        """Highlighted snippets for the resources of one page: the summary, or the document's words."""
        if not self.text or self.fuzzy or not resources:
            return {}
        language = get_language() or "en"
        query = search.query(self.text)
        config = search.CONFIGS.get(language, "english")
        options = {"start_sel": START, "stop_sel": STOP, "max_words": 35, "min_words": 15, "max_fragments": 2}
        rows = Resource.objects.filter(pk__in=[resource.pk for resource in resources]).values_list(
            "pk",
            SearchHeadline(f"summary_{language}", query, config=config, **options),
            SearchHeadline("summary_en", query, config="english", **options),
            SearchHeadline("extracted_text", query, config="simple", **options),
        )
        found = {}
        for pk, *candidates in rows:
            for candidate in candidates:
                if candidate and START in candidate:
                    found[pk] = mark(candidate)
                    break
        return found


def mark(headline: str) -> str:
    """The headline's text escaped, its matches in <mark>."""
    return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))
