"""One search over the whole portal: every kind of content the apps registered, ranked together.

Each kind of content is a `SearchSource` that its app registers from its AppConfig.ready()
(core.registry): a queryset of what the public may see, which already carries a search document
(core.search). Good Ideas, library resources, webinars, conferences, e-zine items, news and
community threads are the sources today. A search runs:

1. one UNION ALL query that ranks the matches of every source together and returns the page's
   (kind, pk, rank) rows;
2. one query of a COUNT per source (UNION ALL), for "narrow by type";
3. one query per kind present on the page, fetching its rows with a highlighted snippet.

So a search costs a fixed number of queries, whatever the size of the collections. The counts of
the same words, and the ranked page, are kept per content version as a list keeps its counts.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core import lists, localised, registry, search
from core.models import SearchTerm

PAGE_SIZE = 20
# Each kind ranks at most this many of its matches, the newest first, and counts up to it ("1,000+").
# A word found in most of 100,000 documents would otherwise make every search rank them all; past
# a thousand matches, people narrow the search rather than read on.
CANDIDATES = 1000


def sources() -> dict[str, registry.SearchSource]:
    """Every kind of content the apps registered (core.registry), in the order of INSTALLED_APPS."""
    return registry.search_sources()


def kinds():
    return [(key, source.label) for key, source in sources().items()]


class SiteSearchFilter(lists.ListFilterSet):
    """What the address asks of site search: the words, and the kind of content to narrow to.

    Read by the rules of every list (core.lists); the ranking is run()'s UNION over every kind, so
    the FilterSet is bound to no rows of its own (an empty queryset).
    """

    q = lists.SearchFilter(label=_("Words to look for"))
    type = lists.ChoicesFilter("type", kinds, label=_("Type"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, queryset=SearchTerm.objects.none(), **kwargs)

    @property
    def kind(self) -> str | None:
        chosen = self.values.get("type")
        return chosen[0].value if chosen else None


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


def _ranked_page(matching: dict, counts: dict[str, int], selected: list[str], page: int) -> list[tuple]:
    """(kind, pk, rank) of page `page` of the matches of the `selected` kinds, ranked together: one query."""
    ranked = [
        (
            key,
            matching[key][0]
            .order_by("-pk")
            .annotate(hit_id=F("pk"), hit_rank=matching[key][1])
            .values("hit_id", "hit_rank")[:CANDIDATES],
            "hit.hit_rank, hit.hit_id",
        )
        for key in selected
        if counts[key]
    ]
    tail = " ORDER BY hit_rank DESC, hit_kind, hit_id LIMIT %s OFFSET %s"
    return [(kind, pk, rank) for kind, rank, pk in _union(ranked, tail, (PAGE_SIZE, (page - 1) * PAGE_SIZE))]


def _fetch(rows: list[tuple], text: str) -> dict[tuple[str, int], models.Model]:
    """The rows of the page, one query per kind on it, each with its extract marking the words."""
    objects = {}
    for key in dict.fromkeys(row[0] for row in rows):
        source = sources()[key]
        queryset = source.queryset().filter(pk__in=[pk for kind, pk, _rank in rows if kind == key])
        if source.snippet_field:
            extract = localised.expression(source.snippet_field, translated=source.translated)
            queryset = queryset.annotate(hit_snippet=search.headline(extract, text, fragments=0))
        columns = [source.title_field, *source.fields, *([source.language_field] if source.language_field else [])]
        relations = {name.rsplit("__", 1)[0] for name in source.fields if "__" in name}
        queryset = queryset.select_related(*relations).only(*columns)
        objects.update({(key, obj.pk): obj for obj in queryset})
    return objects


def _shown_language(source: registry.SearchSource, obj) -> str | None:
    """The language the result is shown in, when it is not the page's."""
    language = localised.page_language()
    if source.language_field:
        written_in = getattr(obj, source.language_field)
        return written_in if written_in != language else None
    if source.translated:
        return localised.shown_language(obj, source.title_field)
    return None


def _result(key: str, obj, rank: float) -> Result:
    source = sources()[key]
    return Result(
        kind=key,
        label=source.label,
        obj=obj,
        rank=rank,
        title=getattr(obj, source.title_field),
        snippet=search.marked(getattr(obj, "hit_snippet", "")),
        language=_shown_language(source, obj),
    )


def _kept(parts: tuple, build):
    """`build()`, kept for the same words (and `parts`) in the page's language as a list keeps its
    counts (core.lists.kept)."""
    return lists.kept("sitesearch", (localised.page_language(), *parts), build, settings.LIST_COUNTS_CACHE_SECONDS)


def run(text: str, *, kind: str | None = None, page: int = 1) -> Outcome:
    """The page `page` of the results for `text`, of one kind or all (a page past the last: the last).

    The counts of the words (shared by every kind and page of them) and the ranked page are kept like
    a list's counts (_kept); the rows of the page, with their extracts, are read on every view.
    """
    text = search.clean_query(text)
    if not text:
        return Outcome(text, [], {}, 0, kind)

    @functools.cache  # built only if the counts or the page are not kept, then once
    def matching():
        search_query = search.query(text)
        return {key: source.matching(search_query) for key, source in sources().items()}

    counts = _kept(("counts", text), lambda: _counts({key: queryset for key, (queryset, _rank) in matching().items()}))
    selected = [kind] if kind in counts else list(counts)
    total = sum(min(counts[key], CANDIDATES) for key in selected)
    if not total:
        return Outcome(text, [], counts, 0, kind)
    number = lists.CountedPaginator(total, PAGE_SIZE).number(page)
    rows = _kept(("page", text, selected, number), lambda: _ranked_page(matching(), counts, selected, number))
    objects = _fetch(rows, text)
    # A row unpublished between the two queries is left out.
    results = [_result(key, objects[key, pk], rank) for key, pk, rank in rows if (key, pk) in objects]
    return Outcome(text, results, counts, total, kind)
