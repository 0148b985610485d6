"""One search over the whole portal: every kind of content the apps registered, ranked together.

Each kind of content is a `SearchSource` that its app registers from its AppConfig.ready()
(core.registry): a queryset of what the public may see, which already carries a search document
(core.search). Good Ideas, library resources, webinars, conferences, e-zine items, news and
community threads are the sources today. A search runs:

1. one UNION ALL query that ranks the matches of every source together and returns the page's
   (kind, pk, rank) rows;
2. one query of a COUNT per source (UNION ALL), for "narrow by type";
3. one query per kind present on the page, fetching its rows with a highlighted snippet.

So a search costs a fixed number of queries, whatever the size of the collections.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

from core import registry, search

PAGE_SIZE = 20
# Each kind ranks at most this many of its matches, the newest first, and counts up to it ("1,000+").
# A word found in most of 100,000 documents would otherwise make every search rank them all; past
# a thousand matches, people narrow the search rather than read on.
CANDIDATES = 1000


def sources() -> dict[str, registry.SearchSource]:
    """Every kind of content the apps registered (core.registry), in the order of INSTALLED_APPS."""
    return registry.search_sources()


@dataclass
class Result:
    kind: str
    label: str
    obj: models.Model
    rank: float
    title: str
    snippet: str
    language: str | None  # the language shown, when it is not the page's

    @property
    def url(self):
        return self.obj.get_absolute_url()


def _localised(field_name: str, translated: bool):
    """The field in the page's language, else in English (SQL)."""
    if not translated:
        return F(field_name)
    language = get_language() or settings.LANGUAGE_CODE
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language == default:
        return F(f"{field_name}_{default}")
    return Coalesce(
        NullIf(F(f"{field_name}_{language}"), Value("")), F(f"{field_name}_{default}"), output_field=models.TextField()
    )


@dataclass
class Outcome:
    query: str
    results: list[Result]
    counts: dict[str, int]
    total: int  # matches of the selected kind (or of all kinds), each kind counted up to CANDIDATES
    kind: str | None

    @property
    def capped(self) -> bool:
        """Whether a selected kind has more matches than it ranks."""
        keys = [self.kind] if self.kind in self.counts else list(self.counts)
        return any(self.counts[key] > CANDIDATES for key in keys)


def _union(parts: list[tuple[str, models.QuerySet, str]], tail: str = "", tail_params=()) -> list[tuple]:
    """Run `SELECT kind, <columns of queryset> ... UNION ALL ...` for each (kind, queryset, columns).

    Built as SQL around each queryset's own SQL, so the columns come in the order written here
    (Django orders annotation columns of a combined query by a set, which can differ per process).
    """
    selects, params = [], []
    for key, queryset, columns in parts:
        sql, sql_params = queryset.query.sql_with_params()
        selects.append(f"(SELECT %s::text AS hit_kind, {columns} FROM ({sql}) AS hit)")
        params.extend([key, *sql_params])
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects) + tail, [*params, *tail_params])
        return cursor.fetchall()


def _counts(matching: dict[str, models.QuerySet]) -> dict[str, int]:
    """The number of matches of each source, up to CANDIDATES + 1, in one query."""
    counts = dict.fromkeys(matching, 0)
    parts = [
        (key, queryset.order_by().values("pk")[: CANDIDATES + 1], "count(*)") for key, queryset in matching.items()
    ]
    counts.update(dict(_union(parts)))
    return counts


def run(text: str, *, kind: str | None = None, page: int = 1) -> Outcome:
    """The page `page` of the results for `text`, of one kind or all."""
    text = search.clean_query(text)
    all_sources = sources()
    if not text:
        return Outcome(text, [], {}, 0, kind)
    search_query = search.query(text)
    matching, ranks = {}, {}
    for key, source in all_sources.items():
        matching[key], ranks[key] = source.matching(search_query)
    counts = _counts(matching)
    selected = [kind] if kind in all_sources else list(all_sources)
    total = sum(min(counts[key], CANDIDATES) for key in selected)
    if not total:
        return Outcome(text, [], counts, 0, kind)

    ranked = [
        (
            key,
            matching[key]
            .order_by("-pk")
            .annotate(hit_id=F("pk"), hit_rank=ranks[key])
            .values("hit_id", "hit_rank")[:CANDIDATES],
            "hit.hit_rank, hit.hit_id",
        )
        for key in selected
        if counts[key]
    ]
    # A page past the last is the last page (lists.py), so the OFFSET never goes beyond the matches.
    page = min(max(page, 1), (total - 1) // PAGE_SIZE + 1)
    start = (page - 1) * PAGE_SIZE
    rows = [
        (kind, pk, rank)
        for kind, rank, pk in _union(
            ranked, " ORDER BY hit_rank DESC, hit_kind, hit_id LIMIT %s OFFSET %s", (PAGE_SIZE, start)
        )
    ]

    language = get_language() or settings.LANGUAGE_CODE
    config = search.CONFIGS.get(language, "simple")
    # Snippets show the text as written, accents and all: match the words as typed, too.
    highlight_query = search_query | SearchQuery(text, config=config, search_type="websearch")
    objects = {}
    for key in dict.fromkeys(row[0] for row in rows):
        source = all_sources[key]
        pks = [row[1] for row in rows if row[0] == key]
        queryset = source.queryset().filter(pk__in=pks).select_related(*source.related)
        if source.snippet_field:
            queryset = queryset.annotate(
                hit_snippet=SearchHeadline(
                    _localised(source.snippet_field, source.translated),
                    highlight_query,
                    config=config,
                    **search.HIGHLIGHT,
                    max_words=35,
                    min_words=15,
                )
            )
        objects.update({(key, obj.pk): obj for obj in queryset})

    results = []
    for key, pk, rank in rows:
        obj = objects.get((key, pk))
        if obj is None:  # unpublished between the two queries
            continue
        source = all_sources[key]
        shown_language = None
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        if source.language_field:
            written_in = getattr(obj, source.language_field)
            shown_language = written_in if written_in != language else None
        elif source.translated and language != default and not getattr(obj, f"{source.title_field}_{language}", None):
            shown_language = default
        results.append(
            Result(
                kind=key,
                label=source.label,
                obj=obj,
                rank=rank,
                title=getattr(obj, source.title_field),
                snippet=search.marked(getattr(obj, "hit_snippet", "")),
                language=shown_language,
            )
        )
    return Outcome(text, results, counts, total, kind)
