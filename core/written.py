"""A detail page's own row, read with SQL compiled once per view and language.

The ORM built and compiled the query of a detail page's object on every view: ~2 ms of Python for
the ~80 columns (every translation) and the joins of an idea's page, for PostgreSQL to run it in a
tenth of that. `get()` builds the queryset once with stand-ins for the values that change from one
view to the next (the address's slug or number, the clock), compiles it, and afterwards runs that SQL
with each view's values. The object comes out as the ORM makes it (its select_related() objects
included); what the queryset asks after (core.kept's with_links(), prefetch_related()) is done as
the queryset does it:

    written.get(GoodIdea, IdeaDetailView, build, now=timezone.now(), slug="idnyc")
    # build(now=…, slug=…) -> the queryset; its .get(), with one query written once
    written.rows(WebinarSpeaker, "speakers", lambda webinar: …filter(webinar=webinar), webinar=1)
    # its rows, in its order: a detail page's few related rows with their select_related() objects

A query whose values cannot all be found among its parameters as they were given (a lookup that
changes them: `__icontains`), or which read the clock while it was built instead of being given it,
is not written: it is built by the ORM every time, as before.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models.query import get_related_populators, prefetch_related_objects
from django.utils import translation

from core.kept import attach


@dataclass(frozen=True)
class _Written:
    sql: str
    params: tuple
    # (position in params, name of the value given there, the type the ORM wrapped it in: psycopg's Int4)
    slots: tuple[tuple[int, str, type | None], ...]
    compiler: object  # the compiler that wrote the SQL: its converters
    columns: tuple[list[str], int, int]  # the model's attnames, and where its columns start and end in a row
    populators: list  # the select_related() objects', as the ORM fills them
    links: tuple[str, ...]
    prefetches: tuple

    def objects(self, alias: str, values: dict) -> list[models.Model]:
        params = list(self.params)
        for position, name, wrap in self.slots:
            params[position] = values[name] if wrap is None else wrap(values[name])
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        model, (names, start, end) = self.compiler.klass_info["model"], self.columns
        found = []
        for row in self.compiler.results_iter([rows]):
            obj = model.from_db(alias, names, row[start:end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in (self.compiler.annotation_col_map or {}).items():
                setattr(obj, name, row[position])
            found.append(obj)
        attach(found, self.links)
        if self.prefetches:
            prefetch_related_objects(found, *self.prefetches)
        return found


_written: dict[tuple, _Written | None] = {}


def get(model: type[models.Model], key, build, **values) -> models.Model:
    """`build(**values).get()` (a queryset of `model`), with its SQL compiled once per `key`, language
    and database; raises the model's DoesNotExist or MultipleObjectsReturned as get() does."""
    found = _found(model, key, build, values, one=True)
    if not found:
        raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")
    if len(found) > 1:
        raise model.MultipleObjectsReturned(f"get() returned more than one {model._meta.object_name}.")
    return found[0]


def rows(model: type[models.Model], key, build, **values) -> list[models.Model]:
    """`list(build(**values))` (a queryset of `model`, in its order), with its SQL compiled once per
    `key`, language and database."""
    return _found(model, key, build, values, one=False)


def _found(model, key, build, values: dict, *, one: bool) -> list[models.Model]:
    alias = router.db_for_read(model)
    place = (key, one, translation.get_language(), alias)
    if place not in _written:
        _written[place] = _write(build, values, alias, one=one)
    written = _written[place]
    if written is None:
        queryset = build(**values)
        return list(queryset.order_by()[:2] if one else queryset)
    return written.objects(alias, values)


def _stand_in(value, number: int):
    """A value of the same type as `value` that no view gives, to find where the SQL takes it."""
    if isinstance(value, datetime):
        return datetime(1901, 2, 3, 4, 5, 6, 7000 + number, tzinfo=UTC)
    if isinstance(value, date):
        return date(1901, 2, 3 + number)
    if isinstance(value, bool):
        raise TypeError("a boolean has no stand-in")
    if isinstance(value, int):
        return 31_607 + number  # in the range of every integer field (a lookup out of it matches nothing)
    if isinstance(value, str):
        return f"\x1fwritten {number}\x1f"
    raise TypeError(f"no stand-in for {type(value).__name__}")


def _write(build, values: dict, alias: str, *, one: bool) -> _Written | None:
    try:
        stand_ins = {name: _stand_in(value, number) for number, (name, value) in enumerate(values.items())}
    except TypeError:
        return None
    queryset = build(**stand_ins)
    links, prefetches = getattr(queryset, "_link_names", ()), queryset._prefetch_related_lookups
    query = queryset.query.chain()
    if one:  # as get() does: no order, two rows at most (one more than expected tells an error)
        query.clear_ordering(force=True)
        query.set_limits(high=2)
    compiler = query.get_compiler(using=alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    if compiler.has_extra_select or queryset.db != alias:
        return None
    slots = []
    for position, param in enumerate(params):
        names = [
            name for name, stand_in in stand_ins.items() if isinstance(param, type(stand_in)) and param == stand_in
        ]
        if names:
            wrap = None if type(param) is type(stand_ins[names[0]]) else type(param)
            slots.append((position, names[0], wrap))
        elif isinstance(param, date | datetime) or any(str(stand_in) in str(param) for stand_in in stand_ins.values()):
            return None  # the clock read while building, or a value changed on its way into the SQL
    if {name for _position, name, _wrap in slots} != set(values):
        return None
    fields = compiler.klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    names = [column[0].target.attname for column in compiler.select[start:end]]
    populators = get_related_populators(compiler.klass_info, compiler.select, alias)
    return _Written(
        sql, tuple(params), tuple(slots), compiler, (names, start, end), populators, tuple(links), tuple(prefetches)
    )
