"""The library page's search: text, facets with counts, sort.

Facets are counted over the resources that match everything chosen (drilling down), all in one
query over the matching set: the cost follows the number of matches, not the collection's size."""

import hashlib
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.utils.translation import get_language

from core import search
from core.versioning import content_version
from elibrary.models import DocumentLanguage, Kind, Resource
from places.models import City, Country, Organisation, Theme

# Facet counts, the total and the page's ids are kept this long for the same choices: the library's
# first page, which every visitor sees, then costs no pass over the whole collection. Any change to
# public content (a save anywhere: admin, import, shell) moves the content version on, and with it
# the key (core.versioning).
FACET_CACHE_SECONDS = 3600


# Facets that list many values show the most frequent ones (the chosen one always stays).
FACET_LIMIT = 30
TITLE_FIELDS = ["title_en", "title_fr", "title_de"]


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

    def __init__(self, values: dict, ids: dict | None = None):
        """`ids`: the id of the theme, country and city chosen, when known (LibrarySearchForm.ids)."""
        self.values = values
        self.text = search.clean_query(values.get("q"))
        self.fuzzy = False  # True when no document matched the words and titles alike are shown instead
        self.total = 0  # the number of matches, counted by facets()
        relations = {"theme": "themes", "country": "countries", "city": "cities"}
        self._ids = {
            (relations[name], values[name]): pk
            for name, pk in (ids or {}).items()
            if name in relations and name in values
        }
        self.page_ids: list[int] = []  # the page's resources in order, from facets()

    # Filtering
    def text_filtered(self):
        queryset = Resource.objects.published()
        if not self.text:
            return queryset
        if self.fuzzy:
            # Each word (typos included) against the titles in every language, by trigram word
            # similarity (GIN trigram indexes); titles like more of the words come first.
            words = [word for word in self.text.split() if len(word) >= 3][:5] or [self.text]
            condition = Q()
            for word in words:
                for name in TITLE_FIELDS:
                    condition |= Q(**{f"{name}__trigram_word_similar": word})
            similarity = sum(
                (Greatest(*[TrigramWordSimilarity(word, name) for name in TITLE_FIELDS]) for word in words[1:]),
                Greatest(*[TrigramWordSimilarity(words[0], name) for name in TITLE_FIELDS]),
            )
            return queryset.filter(condition).annotate(rank=similarity)
        # ts_rank rather than the shared search's cover-density rank: the same order of fields
        # (weights A-D), at half the cost per match, which counts when a word matches thousands.
        search_query = search.query(self.text)
        return queryset.filter(search_document=search_query).annotate(
            rank=SearchRank(F("search_document"), search_query, weights=search.WEIGHTS)
        )

    def filtered(self, exclude: str = ""):
        """The matching resources, leaving out the facet `exclude`."""
        queryset = self.text_filtered()
        values = self.values
        if exclude != "kind" and values.get("kind"):
            queryset = queryset.filter(kind=values["kind"])
        if exclude != "language" and values.get("language"):
            queryset = queryset.filter(languages__contains=[values["language"]])
        for name, relation in (("theme", "themes"), ("country", "countries"), ("city", "cities")):
            if exclude != name and values.get(name):
                queryset = queryset.filter(pk__in=self.linked(relation, values[name]))
        if exclude != "publisher" and values.get("publisher"):
            queryset = queryset.filter(publisher_id=values["publisher"])
        if values.get("year_from"):
            queryset = queryset.filter(publication_year__gte=values["year_from"])
        if values.get("year_to"):
            queryset = queryset.filter(publication_year__lte=values["year_to"])
        return queryset

    def linked(self, relation: str, slug: str):
        """The ids of the resources linked to the theme, city or country `slug`, as a subquery.

        Looked up by id (one small query, remembered) rather than joined by slug: PostgreSQL then
        knows from its statistics how common the value is and plans the search around it.
        """
        key = (relation, slug)
        if key not in self._ids:
            model = {"themes": Theme, "cities": City, "countries": Country}[relation]
            self._ids[key] = model.objects.filter(slug=slug).values_list("pk", flat=True).first() or 0
        through = getattr(Resource, relation).through
        column = {"themes": "theme_id", "cities": "city_id", "countries": "country_id"}[relation]
        return through.objects.filter(**{column: self._ids[key]}).values("resource_id")

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
        # The list shows neither the document's text nor the search vector: leave them on disk.
        return queryset.for_listing().defer("extracted_text", "search_document")

    def use_fuzzy(self):
        """Switch to titles that look like the words (typos), when the words found nothing."""
        if self.text and not self.fuzzy:
            self.fuzzy = True
            return True
        return False

    # Facets
    def facets(self, page: int = 1, per_page: int = 20) -> list[Facet]:
        """Every facet's counts over the matching resources, the total, and the ids of one page.

        All in one query: the matching set is computed once (a materialised CTE, ranked once), then
        grouped once per facet and cut for the page, so the cost follows the number of matches, not
        the size of the collection. Cached for a few minutes per set of choices and page; then one
        small query per related model fetches the names of the values shown.
        """
        choices = sorted((name, value) for name, value in self.values.items() if name not in ("sort", "q"))
        language = get_language() if self.sort == "title" else ""
        state = (choices, self.text, self.fuzzy, self.sort, language, page, per_page)
        key = f"elibrary:facets:v{content_version()}:{hashlib.sha256(repr(state).encode()).hexdigest()}"
        counts = cache.get(key)
        if counts is None:
            counts = self.count_facets((page - 1) * per_page, per_page)
            cache.set(key, counts, FACET_CACHE_SECONDS)
        self.total = counts.get("total", {}).get("", 0)
        self.page_ids = [int(pk) for pk, _n in sorted(counts.get("page", {}).items(), key=lambda item: item[1])]
        return [
            self.choice_facet("kind", Kind.choices, counts.get("kind", {})),
            self.model_facet("theme", Theme.objects.all(), counts.get("themes", {}), "slug", limit=None),
            self.choice_facet("language", DocumentLanguage.choices, counts.get("language", {})),
            self.model_facet("country", Country.objects.all(), counts.get("countries", {}), "slug"),
            self.model_facet("city", City.objects.all(), counts.get("cities", {}), "slug"),
            self.model_facet("publisher", Organisation.objects.all(), counts.get("publisher", {}), "pk"),
        ]

    def page(self):
        """The resources of the page counted by facets(), in order, with what a list shows."""
        rows = Resource.objects.filter(pk__in=self.page_ids).for_listing().defer("extracted_text", "search_document")
        order = {pk: position for position, pk in enumerate(self.page_ids)}
        return sorted(rows, key=lambda resource: order[resource.pk])

    def count_facets(self, offset: int, limit: int) -> dict[str, dict[str, int]]:
        base = self.filtered().order_by()
        columns = ["id", "kind", "languages", "publisher_id"]
        if self.sort == "title":
            language = get_language() or "en"
            title = f"title_{language}" if language in ("fr", "de") else "title_en"
            base = base.annotate(sort_title=Coalesce(NullIf(title, Value("")), "title_en", output_field=CharField()))
            columns.append("sort_title")
            order = "sort_title ASC, id ASC"
        elif self.sort == "relevance":
            columns += ["rank", "publication_year"]
            order = "rank DESC, publication_year DESC, id DESC"
        else:
            columns += ["publication_year", "publication_date"]
            order = "publication_year DESC, publication_date DESC, id DESC"
        sql, params = base.values_list(*columns).query.sql_with_params()
        through = {name: getattr(Resource, name).through._meta.db_table for name in ("themes", "cities", "countries")}
        groups = [
            "SELECT 'total', '', count(*) FROM m",
            "SELECT 'kind', kind, count(*) FROM m GROUP BY kind",
            "SELECT 'language', code, count(*) FROM m, unnest(m.languages) AS code GROUP BY code",
            "SELECT 'publisher', publisher_id::text, count(*) FROM m WHERE publisher_id IS NOT NULL"
            " GROUP BY publisher_id",
        ]
        for name, column in (("themes", "theme_id"), ("cities", "city_id"), ("countries", "country_id")):
            groups.append(
                f"SELECT '{name}', link.{column}::text, count(*) FROM m"
                f" JOIN {through[name]} AS link ON link.resource_id = m.id GROUP BY link.{column}"
            )
        groups.append(
            "SELECT 'page', id::text, row_number() OVER () FROM"
            f" (SELECT id FROM m ORDER BY {order} LIMIT %s OFFSET %s) AS page"
        )
        counts: dict[str, dict[str, int]] = {}
        with connection.cursor() as cursor:
            cursor.execute(f"WITH m AS MATERIALIZED ({sql}) " + " UNION ALL ".join(groups), (*params, limit, offset))
            for facet, value, count in cursor.fetchall():
                counts.setdefault(facet, {})[value] = count
        return counts

    def choice_facet(self, name, choices, counts) -> Facet:
        chosen = self.values.get(name)
        return Facet(
            name,
            [
                FacetValue(code, str(label), counts.get(code, 0), selected=code == chosen)
                for code, label in choices
                if counts.get(code) or code == chosen
            ],
        )

    def model_facet(self, name, queryset, counts, key, limit=FACET_LIMIT) -> Facet:
        chosen = str(self.values.get(name, ""))
        top = sorted(counts.items(), key=lambda item: (-item[1], int(item[0])))
        top = top[:limit] if limit else top
        if not top:
            return Facet(name)
        objects = queryset.in_bulk([int(pk) for pk, _count in top])
        facet = Facet(name)
        for pk, count in top:
            obj = objects.get(int(pk))
            if obj is not None:
                value = str(getattr(obj, key))
                facet.values.append(FacetValue(value, str(obj), count, selected=value == chosen, obj=obj))
        return facet

    # Snippets
    def headlines(self, resources) -> dict[int, str]:
        """Highlighted snippets for the resources of one page: the summary, or the document's words."""
        if not self.text or self.fuzzy or not resources:
            return {}
        language = get_language() or "en"
        query = search.query(self.text)
        config = search.CONFIGS.get(language, "english")
        options = {**search.HIGHLIGHT, "max_words": 35, "min_words": 15, "max_fragments": 2}
        rows = Resource.objects.filter(pk__in=[resource.pk for resource in resources]).values_list(
            "pk",
            SearchHeadline(f"summary_{language}", query, config=config, **options),
            SearchHeadline("summary_en", query, config="english", **options),
            SearchHeadline("extracted_text", query, config="simple", **options),
        )
        found = {}
        for pk, *candidates in rows:
            for candidate in candidates:
                if candidate and search.HIGHLIGHT_START in candidate:
                    found[pk] = search.marked(candidate)
                    break
        return found
