"""The total, every facet's counts and the ids of one page of a list, in ONE SQL query.

    WITH m AS MATERIALIZED (
        SELECT id AS row_id,
               <the value of each facet counted on a column of the row>  AS g_<facet>,
               <for each facet with values applied: does the row match?> AS f_<facet>,
               <the sort keys>                                             AS o_<n>
        FROM <the listed rows, every filter applied but the facets'>
        WHERE <the row fails at most one facet>
    ), t AS (SELECT count(*) AS n FROM m WHERE <every f_>)
    SELECT 'total', … n FROM t
    UNION ALL SELECT 'page', row_id, … FROM (SELECT … FROM m WHERE <every f_> ORDER BY o_… LIMIT … OFFSET …)
    UNION ALL SELECT '<facet>', value, label, position, count
              FROM (SELECT key, count(*) FROM m [JOIN <link table>] WHERE <every f_ but its own> GROUP BY key)
              JOIN <the table naming the values>
    UNION ALL …

Facets on columns of the row counted over the same rows are counted in one pass first, a CTE
`c<n> AS (SELECT … count(*) FROM m WHERE … GROUP BY GROUPING SETS ((g_a), (g_b), …))`, which each of
them then reads (_grouped()).

The matching rows are found once (the search ranked once); each facet is one GROUP BY over them, so
the cost follows the number of matches. Counts are disjunctive: a value counts the rows that match
every other filter and that value, so that ticking a second value of a filter shows what it adds,
and the value ticked counts what it keeps. A facet declared `disjunctive=False` narrows instead: its
value is a condition of the rows, and its counts are within them. The names of the values come in
the same query, in the page's language. A page past the last is the last page (OFFSET is bounded by
the count), so no second query is needed for it.
"""

import operator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import reduce

from django.db import connection
from django.db.models import BooleanField, Case, ExpressionWrapper, F, FloatField, Q, When, Window
from django.db.models.expressions import OrderBy
from django.db.models.functions import RowNumber
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import Promise

from core import localised, search
from core.lists.filters import Column, Link, Names


@dataclass(frozen=True)
class FacetSpec:
    """A filter whose values are offered with counts: how they are ordered and how many are shown.

    order: "label" (alphabetical), "count" (most rows first), "position" (the rows' own order),
    "choices" (the order of the filter's choices) or "-value" (highest first, for years).
    limit: show the `limit` values with most rows (and every value applied).
    """

    name: str
    order: str = "label"
    limit: int | None = None
    disjunctive: bool = True
    open: bool = False  # shown unfolded even with nothing applied
    more: tuple[str, Promise] | None = None  # (URL name, link text) of a page listing every value


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    remove_url: str = ""


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    multiple: bool = False
    open: bool = False
    all_label: str = ""
    more: tuple | None = None

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]


@dataclass
class Counted:
    """What the query found: picklable, so that a list may keep it in the cache."""

    total: int  # rows matching every filter
    page_total: int  # of them, those `within` the paginated part (all of them if no `within`)
    page_ids: list[int]
    counts: dict[str, list[tuple[str, str | None, int | None, int]]]  # facet: (value, label, position, count)


# A list of up to this many rows has its other pages found by page_of(), past it by walking the order's
# index: at 100,000 resources, a word in 9,000 took 30 ms to read first and sort, 19 ms to walk to page
# 2; one in 30 took 4.8 s to walk, 13 ms to read first.
FEW = 5_000


class Ranked(OrderBy):
    """Relevance as an order_by() term: `rank` descending for the newest search.CANDIDATES of the listed
    rows (`newest`: their order), then the others in that order (their rank NULL). Ranking reads each
    row's whole search document: a word most rows hold would have every search rank them all.

    The rows are numbered among the listed ones. The count query's matching rows also hold those
    failing one facet (for its counts) and, on the webinars list, those coming up: it numbers the
    listed ones apart (`among()`), so that its first page and page_ids()'s pages pick the same rows.
    """

    def __init__(self, rank, newest, among=None):  # newest: order_by() terms, such as ("-published_at", "pk")
        self.rank, self.newest = rank, newest
        number = Window(RowNumber(), partition_by=among, order_by=newest)
        ranked = Case(
            When(LessThanOrEqual(number, search.CANDIDATES), then=rank), default=None, output_field=FloatField()
        )
        super().__init__(ranked, descending=True, nulls_last=True)

    def among(self, condition: Q) -> "Ranked":
        return Ranked(self.rank, self.newest, among=ExpressionWrapper(condition, BooleanField()))


def _order_term(item) -> tuple[object, str]:
    """(expression, its SQL direction) of an order_by() term."""
    if isinstance(item, str):
        return F(item.removeprefix("-")), "DESC" if item.startswith("-") else "ASC"
    if isinstance(item, OrderBy):
        nulls = " NULLS LAST" if item.nulls_last else " NULLS FIRST" if item.nulls_first else ""
        return item.expression, ("DESC" if item.descending else "ASC") + nulls
    return item, "ASC"


def _at_most_one_failed(conditions: list[Q]) -> Q:
    """Rows matching every condition but at most one: those that some facet's counts need."""
    return reduce(
        operator.or_,
        (
            reduce(operator.and_, conditions[:left_out] + conditions[left_out + 1 :])
            for left_out in range(len(conditions))
        ),
    )


def _label_sql(names: Names) -> str:
    return localised.sql("v", names.label_field, names.model)


def _grouped(facets: dict, where_of) -> tuple[list[str], dict[str, str]]:
    """The CTEs that count, in one pass over m, the column facets counted over the same rows (GROUPING
    SETS: one per facet), and for each facet so counted, the SELECT of its keys and counts from them.

    Each facet counted apart scanned m again (at 10,000 matching ideas, ~4 ms for each of seven
    columns: ~30 ms; in one pass ~14 ms). `where_of(name)`: the rows that facet's counts are over."""
    shared: dict[str, list[str]] = {}
    for name, group in facets.items():
        if isinstance(group, Column) and not group.array:
            shared.setdefault(where_of(name), []).append(name)
    ctes, counted = [], {}
    for position, (where, names) in enumerate(item for item in shared.items() if len(item[1]) > 1):
        keys = ", ".join(f"m.g_{name} AS k_{name}, GROUPING(m.g_{name}) AS x_{name}" for name in names)
        sets = ", ".join(f"(m.g_{name})" for name in names)
        grouping = f"SELECT {keys}, count(*) AS n FROM m WHERE {where} GROUP BY GROUPING SETS ({sets})"
        ctes.append(f"c{position} AS ({grouping})")
        for name in names:
            counted[name] = f"SELECT k_{name} AS k, n FROM c{position} WHERE x_{name} = 0 AND k_{name} IS NOT NULL"
    return ctes, counted


def _counted_sql(name: str, group, where: str) -> tuple[str, list]:
    """SELECT key, count(*) of one facet over the rows of m matching `where`."""
    column = connection.ops.quote_name
    if isinstance(group, Link):
        extra = group.where() if group.where else {}
        joined = "".join(f" AND l.{column(key)} = %s" for key in extra)
        table, row = column(group.model._meta.db_table), column(group.row_column)
        return (
            f"SELECT l.{column(group.value_column)} AS k, count(*) AS n"
            f" FROM m JOIN {table} AS l ON l.{row} = m.row_id{joined} WHERE {where} GROUP BY 1",
            list(extra.values()),
        )
    if group.array:  # unnest() in the select list: one pass, where a LATERAL join calls it once per row (2x slower)
        unnested = f"SELECT unnest(m.g_{name}) AS k FROM m WHERE {where}"
        return f"SELECT a.k, count(*) AS n FROM ({unnested}) AS a GROUP BY 1", []
    return f"SELECT m.g_{name} AS k, count(*) AS n FROM m WHERE {where} AND m.g_{name} IS NOT NULL GROUP BY 1", []


def _facet_sql(name: str, group, where: str, counted: str | None = None) -> tuple[str, list]:
    """SELECT facet, value, label, position, count of one facet: its counts (`counted`, if counted with
    others: _grouped()), named in the page's language."""
    counted, params = (counted, []) if counted else _counted_sql(name, group, where)
    names = group.names
    if names is None:
        return f"SELECT %s, g.k::text, NULL, NULL, g.n FROM ({counted}) AS g", [name, *params]
    column, meta = connection.ops.quote_name, names.model._meta
    position = f"v.{column(names.position_field)}::integer" if names.position_field else "NULL"
    value_field = meta.pk if names.value_field == "pk" else meta.get_field(names.value_field)
    named = f"v.{column(value_field.column)}::text, {_label_sql(names)}, {position}, g.n"
    joined = f"JOIN {column(meta.db_table)} AS v ON v.{column(meta.pk.column)} = g.k"
    return f"SELECT %s, {named} FROM ({counted}) AS g {joined}", [name, *params]


def _rows_sql(base, *, facets: dict, flags: dict[str, Q], order: list, within: Q | None) -> tuple[str, list, str]:
    """The SQL of m, the matching rows (with their facet values, match flags and sort keys), and its ORDER BY."""
    if len(flags) > 1:
        base = base.filter(_at_most_one_failed(list(flags.values())))
    annotations = {"row_id": F("pk")}
    annotations.update({f"g_{name}": group.expression for name, group in facets.items() if isinstance(group, Column)})
    annotations.update({f"f_{name}": ExpressionWrapper(condition, BooleanField()) for name, condition in flags.items()})
    if within is not None:
        annotations["f__within"] = ExpressionWrapper(within, BooleanField())
    listed = [*flags.values(), *([within] if within is not None else [])]
    terms = []
    for position, item in enumerate(order):
        if isinstance(item, Ranked) and listed:
            item = item.among(reduce(operator.and_, listed))
        expression, direction = _order_term(item)
        column = "m.row_id" if expression == F("pk") else f"m.o_{position}"
        if column != "m.row_id":
            annotations[f"o_{position}"] = expression
        terms.append(f"{column} {direction}")
    sql, params = base.order_by().annotate(**annotations).values(*annotations).query.sql_with_params()
    return sql, list(params), ", ".join(terms) or "m.row_id"


def count(
    base,
    *,
    facets: dict,
    flags: dict[str, Q],
    order: list,
    page: int,
    per_page: int,
    within: Q | None = None,
    searched: bool = False,
):
    """Count the rows of `base`, each facet's values, and find the ids of page `page`, in one query.

    base: the listed rows, with every filter applied except the facets in `flags`;
    facets: {name: its group (core.lists.filters.Column or Link)} for every facet counted;
    flags: {name: the condition its applied values set} for every disjunctive facet with values applied;
    order: the page's order (order_by() terms); within: the part of the rows that is paginated (the
    rest is shown otherwise: upcoming webinars); `total` counts them all; searched: `base` matches words
    (they are then matched through the search index: search.matched_by_index()).
    """
    rows_sql, params, order_sql = _rows_sql(base, facets=facets, flags=flags, order=order, within=within)

    def matching(but=None):
        return " AND ".join([f"m.f_{name}" for name in flags if name != but]) or "TRUE"

    paged = matching() + (" AND m.f__within" if within is not None else "")
    parts = [
        "SELECT 'total'::text, NULL::text, NULL::text, NULL::integer, n FROM t",
        "SELECT 'within', NULL, NULL, NULL, n FROM w",
        # Numbered after the LIMIT, in the order the subquery gives: a top-N sort, not a sort of every match.
        f"SELECT 'page', p.row_id::text, NULL, NULL, row_number() OVER () FROM (SELECT m.row_id FROM m"
        f" WHERE {paged} ORDER BY {order_sql} LIMIT %s OFFSET LEAST(%s, (SELECT GREATEST(n - 1, 0) / %s * %s FROM w)))"
        " AS p",
    ]
    params += [per_page, (page - 1) * per_page, per_page, per_page]
    grouped_ctes, grouped = _grouped(facets, lambda name: matching(but=name))
    for name, group in facets.items():
        sql, facet_params = _facet_sql(name, group, matching(but=name), grouped.get(name))
        parts.append(sql)
        params += facet_params
    within_count = f"SELECT count(*) AS n FROM m WHERE {paged}" if within is not None else "SELECT n FROM t"
    ctes = [f"m AS MATERIALIZED ({rows_sql})", f"t AS (SELECT count(*) AS n FROM m WHERE {matching()})"]
    ctes += [f"w AS ({within_count})", *grouped_ctes]
    sql = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(parts)
    with search.matched_by_index() if searched else nullcontext(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _counted(cursor.fetchall(), facets)


def page_of(base, *, order: list, limit: int, offset: int, within: Q | None = None) -> list[int]:
    """The ids of one page of `base` in `order`: its rows found first (MATERIALIZED), then ordered.

    For a list known to hold few rows (Counted.page_total up to FEW). Given a LIMIT and the order of an
    index, PostgreSQL walks that index and tests each row until it has the page, which is right when most
    rows match and wrong when few do: page 2 of a word in 30 of 100,000 resources, newest first, read every
    row's search document (4.8 s). Found through the search index (or a filter's) and then sorted, few rows
    take milliseconds. Numbered and ordered as count()'s first page (`within`: the part paginated).
    """
    rows_sql, params, order_sql = _rows_sql(base, facets={}, flags={}, order=order, within=within)
    paged = "m.f__within" if within is not None else "TRUE"
    sql = (
        f"WITH m AS MATERIALIZED ({rows_sql})"
        f" SELECT m.row_id FROM m WHERE {paged} ORDER BY {order_sql} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return [row_id for (row_id,) in cursor.fetchall()]


def _counted(rows, facets) -> Counted:
    counted = Counted(0, 0, [], {name: [] for name in facets})
    page = []
    for kind, value, label, position, number in rows:
        if kind == "total":
            counted.total = number
        elif kind == "within":
            counted.page_total = number
        elif kind == "page":
            page.append((number, int(value)))
        else:
            counted.counts[kind].append((value, label, position, number))
    counted.page_ids = [pk for _number, pk in sorted(page)]
    return counted
