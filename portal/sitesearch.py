"""One search over the whole portal: every kind of content the apps registered, ranked together.

Each kind of content is a `SearchSource` that its app registers from its AppConfig.ready()
(core.registry): a queryset of what the public may see, which already carries a search document
(core.search). Good Ideas, library resources, webinars, conferences, e-zine items, news and
community threads are the sources today. A search runs:

1. one UNION ALL query that ranks the matches of every source together and returns the page's
   (kind, pk, rank) rows;
2. one query of a COUNT per source (UNION ALL), for "narrow by type";
3. one query per kind present on the page, fetching its rows with a highlighted snippet (SQL written
   from the model once per kind and language: _reading()).

So a search costs a fixed number of queries, whatever the size of the collections. The counts of
the same words, the ranked page and its results are kept per content version as a list keeps its
counts: a page viewed again makes none of these queries.
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
# Each kind ranks at most this many of its matches, the newest, as every search box does
# (core.search.CANDIDATES), and counts up to it ("1,000+").
CANDIDATES = search.CANDIDATES


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


@dataclass(frozen=True)
class _Reading:
    """How a page of results reads the rows of one kind by their ids (_reading())."""

    sql: str  # its parameters: those of search.headline_params() if `extract`, then the ids
    extract: bool
    model: type[models.Model]
    attnames: tuple[str, ...]  # the row's own columns its address needs, after id, title, language, extract
    related: tuple[tuple[models.ForeignKey, str], ...]  # (a foreign key, the field read in its row)

    def instance(self, pk: int, values: list):
        """The row as a model instance holding what its address needs (its other fields deferred)."""
        own = len(self.attnames)
        obj = self.model.from_db(connection.alias, [self.model._meta.pk.attname, *self.attnames], [pk, *values[:own]])
        for (field, attname), value in zip(self.related, values[own:], strict=True):
            names, row = [field.target_field.attname, attname], [getattr(obj, field.attname), value]
            setattr(obj, field.name, field.related_model.from_db(connection.alias, names, row))
        return obj


@functools.cache
def _reading(key: str, language: str) -> _Reading:
    """The SQL that reads the results of kind `key` on a page in `language` (which localised.sql reads from
    the page): the title and the language it is shown in, the extract, and the columns of its address.

    Written from the model once per kind and language, not built by the ORM for each page: a query per
    kind, built and compiled every time, was most of a search's time. The ids are those of the ranked
    page, kept per content version, so they are public rows: publishing or withdrawing any moves the
    version on.
    """
    source = sources()[key]
    model, quote = source.queryset().model, connection.ops.quote_name

    def text(name):
        if source.translated:
            return localised.sql("t", name, model)
        return f"t.{quote(model._meta.get_field(name).column)}::text"

    if source.language_field:
        shown = f"NULLIF(t.{quote(source.language_field)}::text, '{language}')"
    elif source.translated:
        shown = localised.shown_language_sql("t", source.title_field, model)
    else:
        shown = "NULL::text"
    own = [name for name in source.fields if "__" not in name]
    if not source.translated:
        own.append(source.title_field)  # an address made from the title (a community thread's)
    paths = [name.split("__") for name in source.fields if "__" in name]  # one step: "issue__number"
    fields = {model._meta.get_field(name) for name in [*own, *(relation for relation, _name in paths)]}
    fields = [field for field in model._meta.concrete_fields if field in fields]  # in from_db()'s order
    columns, joins, related = [f"t.{quote(field.column)}" for field in fields], [], []
    for number, (relation, name) in enumerate(paths):
        field = model._meta.get_field(relation)
        target = field.related_model._meta.get_field(name)
        columns.append(f"r{number}.{quote(target.column)}")
        joins.append(
            f"LEFT JOIN {quote(field.related_model._meta.db_table)} r{number} "
            f"ON r{number}.{quote(field.target_field.column)} = t.{quote(field.column)}"
        )
        related.append((field, target.attname))
    attnames = tuple(field.attname for field in fields)
    extract = search.headline_sql(text(source.snippet_field)) if source.snippet_field else "NULL::text"
    pk = f"t.{quote(model._meta.pk.column)}"
    selected = ", ".join([pk, text(source.title_field), shown, extract, *columns])
    sql = f"SELECT {selected} FROM {quote(model._meta.db_table)} t {' '.join(joins)} WHERE {pk} = ANY(%s)"
    return _Reading(sql, bool(source.snippet_field), model, attnames, tuple(related))


def _fetch(rows: list[tuple], text: str) -> list[Result]:
    """The results of the page in its order, one query per kind on it, each with its extract marking the
    words. A row gone since the page was ranked is left out."""
    found, ranks, extract_params = {}, {(kind, pk): rank for kind, pk, rank in rows}, None
    for key in dict.fromkeys(row[0] for row in rows):
        source, reading = sources()[key], _reading(key, localised.page_language())
        ids = [pk for kind, pk, _rank in rows if kind == key]
        if reading.extract:
            extract_params = extract_params or search.headline_params(text, fragments=0)
        with connection.cursor() as cursor:
            cursor.execute(reading.sql, [*(extract_params if reading.extract else ()), ids])
            fetched = cursor.fetchall()
        for pk, title, language, extract, *values in fetched:
            obj = reading.instance(pk, values)
            found[key, pk] = Result(key, source.label, obj, ranks[key, pk], title, search.marked(extract), language)
    return [found[key, pk] for key, pk, _rank in rows if (key, pk) in found]


def _kept(parts: tuple, build):
    """`build()`, kept for the same words (and `parts`) in the page's language as a list keeps its
    counts (core.lists.kept)."""
    return lists.kept("sitesearch", (localised.page_language(), *parts), build, settings.LIST_COUNTS_CACHE_SECONDS)


def run(text: str, *, kind: str | None = None, page: int = 1) -> Outcome:
    """The page `page` of the results for `text`, of one kind or all (a page past the last: the last).

    The counts of the words (shared by every kind and page of them), the ranked page and its results
    with their extracts are kept like a list's counts (_kept).
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
    results = _kept(("results", text, selected, number), lambda: _fetch(rows, text))
    return Outcome(text, results, counts, total, kind)
