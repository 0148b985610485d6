"""A detail page's few related rows, read with one query written once.

An idea's page shows its partners and further reading, an e-zine article its images: a handful of rows
each. `prefetch_related()` built and compiled a query per relation on every view, ~1 ms of Python
each, for PostgreSQL to run in a tenth of that. `read_related()` reads every relation named with one
query, written once per model and relations, and leaves each relation's rows where prefetch_related()
leaves them, so templates and code reading `obj.partners.all` are unchanged:

    read_related(idea, partners=("name", "website"), further_reading=("title", "url", "position"))
    idea.partners.all()  # no query: the partners, in Organisation's order

Each row holds its id, the fields named (a translated one in every language, for the English
fallback) and, for a reverse foreign key, the link back; reading another field is a query, as for a
deferred field. The fields are read through JSON: text, whole numbers and booleans as they are, dates
and times from JSON's ISO 8601 text (an event's sessions); what JSON would round (a decimal) is refused.
"""

import functools
from contextlib import suppress

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models

from core import localised

# Fields whose value comes back from JSON as from_db() expects it; and those read from its ISO 8601 text.
_JSON_SAFE = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.FileField)
_JSON_TEXT = (models.DateTimeField, models.DateField, models.TimeField)


def read_related(obj: models.Model, **relations: tuple[str, ...]) -> None:
    """Fill each relation of `obj` named (a many-to-many or a reverse foreign key: name=fields) as
    prefetch_related() would, with one query for all of them."""
    connection = connections[obj._state.db or "default"]
    asked = tuple((name, tuple(fields)) for name, fields in relations.items())
    sql, shapes = _written(type(obj), asked, connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, [obj.pk] * len(shapes))
        found = cursor.fetchone()
    for (name, model, attnames, parsed), rows in zip(shapes, found, strict=True):
        for row in rows:
            for position, to_python in parsed:
                row[position] = to_python(row[position])
        as_prefetched(obj, name, [model.from_db(connection.alias, attnames, row) for row in rows])


def as_prefetched(obj: models.Model, name: str, rows: list[models.Model]) -> None:
    """Leave `rows` as obj's relation `name`, where prefetch_related() leaves what it read: a queryset of
    obj's rows (so that `.filter()` still asks the database), already evaluated, and for a reverse
    foreign key each row knowing `obj`, as prefetch_related() does. Also core.kept.attach's and a
    webinar's speakers (core.written.rows)."""
    relation = obj._meta.get_field(name)
    if relation.one_to_many:
        for row in rows:
            relation.field.set_cached_value(row, obj)
    manager = getattr(obj, name)
    queryset = manager.get_queryset()
    queryset._result_cache, queryset._prefetch_done = rows, True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    # A many-to-many manager (taggit's too) names its cache; a reverse foreign key's is the relation's name.
    obj._prefetched_objects_cache[getattr(manager, "prefetch_cache_name", name)] = queryset


@functools.cache
def _written(model, relations: tuple[tuple[str, tuple[str, ...]], ...], alias: str):
    """The query of read_related(model, **relations), and what each of its columns holds."""
    quote = connections[alias].ops.quote_name
    selects, shapes = [], []
    for name, names in relations:
        relation = model._meta.get_field(name)
        related = relation.related_model
        fields = [related._meta.pk, *_with_translations(related, names)]
        if relation.many_to_many and not relation.auto_created:  # declared here: through its link table
            through = relation.remote_field.through._meta
            source = through.get_field(relation.m2m_field_name()).column
            target = through.get_field(relation.m2m_reverse_field_name()).column
            rows = (
                f"FROM {quote(related._meta.db_table)} r JOIN {quote(through.db_table)} l "
                f"ON l.{quote(target)} = r.{quote(related._meta.pk.column)} WHERE l.{quote(source)} = %s"
            )
        elif relation.one_to_many:  # another model's foreign key to this one
            fields.append(relation.field)
            rows = f"FROM {quote(related._meta.db_table)} r WHERE r.{quote(relation.field.column)} = %s"
        else:
            raise ValueError(f"{model.__name__}.{name}: read_related() reads many-to-many and reverse foreign keys")
        fields = [field for field in related._meta.concrete_fields if field in fields]  # from_db()'s order
        for field in fields:
            if not isinstance(field, _JSON_SAFE + _JSON_TEXT) and not field.is_relation:
                raise ValueError(f"{related.__name__}.{field.name}: read_related() reads text, numbers, dates")
        parsed = tuple(
            (number, field.to_python) for number, field in enumerate(fields) if isinstance(field, _JSON_TEXT)
        )
        columns = ", ".join(f"r.{quote(field.column)}" for field in fields)
        selects.append(
            f"(SELECT COALESCE(json_agg(json_build_array({columns}) ORDER BY {_order(related, quote)}), '[]') {rows})"
        )
        shapes.append((name, related, tuple(field.attname for field in fields), parsed))
    return "SELECT " + ", ".join(selects), shapes


def _with_translations(model, names):
    """The fields `names`, each translated one followed by its column in every language it has."""
    for name in names:
        yield model._meta.get_field(name)
        if localised.is_translated(model, name):
            for code, _language in settings.LANGUAGES:
                with suppress(FieldDoesNotExist):  # places.Tag keeps its English in `name` itself
                    yield model._meta.get_field(f"{name}_{code}")


def _order(model, quote) -> str:
    """The model's own order (Meta.ordering), then its id, as SQL on the alias r."""
    terms = []
    for term in [*model._meta.ordering, "pk"]:
        name = term.removeprefix("-")
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        terms.append(f"r.{quote(field.column)}{' DESC' if term.startswith('-') else ''}")
    return ", ".join(terms)
