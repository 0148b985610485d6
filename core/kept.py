"""The small tables pages link to (themes, cities, countries, tags), kept in memory, and a row's links
to them read in one query.

A page that shows a resource with its themes, cities, countries and tags asked `prefetch_related` for
four relations: four or five queries, each joining a link table to the linked table and selecting every
column of it in every language, about 1.5 ms of Python each for a handful of ids. These tables are small
(five themes, a few hundred cities) and change only with public content, so each process keeps them
whole per content version (core.versioning.KeptPerVersion) and language (their order is by a
translated name), and `with_links()` reads only the ids in the link tables, of every relation at once:

    Resource.objects.with_links("themes", "cities", "countries", "tags")
    GoodIdea.objects.with_links("city")  # a foreign key: idea.city (and its country) with no join
    resource.themes.all()  # no query: the kept Theme objects, in the table's own order
    kept.rows(Theme)        # no query: every theme
    kept.by_slug(City, "berlin")  # no query

The kept objects are shared by every page of the process: nothing may change them. A relation to a
model that is not kept (`keep()`) is an error, so that a large table is never read whole.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models.query import ModelIterable
from django.utils import translation

from core import localised
from core.related import as_prefetched
from core.versioning import KeptPerVersion

_kept: dict[type[models.Model], dict[str, KeptPerVersion]] = {}


def keep(model: type[models.Model], rows) -> None:
    """Keep `rows()` (all of `model`, with what pages show of each: a queryset) in memory, read once per
    language: a translated name orders them in the page's language (cities, countries)."""
    _kept[model] = {code: KeptPerVersion(functools.partial(_read, rows, code)) for code in localised.LANGUAGE_CODES}


def _read(rows, language: str) -> dict:
    with translation.override(language):
        return {row.pk: (position, row) for position, row in enumerate(rows())}


def is_kept(model: type[models.Model]) -> bool:
    return model in _kept


def rows(model: type[models.Model]) -> list[models.Model]:
    """Every row of a kept table, in its order (the theme pages' themes): shared objects, never to change."""
    return [row for _position, row in _table(model).values()]


def by_slug(model: type[models.Model], slug: str) -> models.Model | None:
    """The row of a kept table with this slug (a theme's or a city's page), or None."""
    return next((row for row in rows(model) if row.slug == slug), None)


def linked_ids(relation, order: tuple[str, ...]) -> KeptPerVersion:
    """{row id: [ids of the public rows it links to, in `order`]} of a many-to-many relation to a
    publishable kind (`Webinar.related_ideas`, or one seen from the other side: `Theme.ideas`), kept per
    content version and built again when the next of those rows scheduled for later comes due
    (KeptPerVersion's `until`). A page shows them as cards kept in the fragment cache (LazyRows), with
    no query when every card is kept. Each process holds every link: for small tables (webinars,
    e-zine articles), or large ones seen from a small one (the Good Ideas of each theme).

        webinar_ideas = kept.linked_ids(Webinar.related_ideas, GoodIdea.NEWEST)
        webinar_ideas().get(webinar.pk, [])
    """
    field = relation.field
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    linked = field.related_model
    if relation.reverse:  # Theme.ideas: the relation GoodIdea.themes seen from the theme
        owner, target, linked = target, owner, field.model

    def build():
        links = (
            relation.through.objects.filter(**{f"{target}__in": linked.objects.published().values("pk")})
            .order_by(*(f"-{target}__{name[1:]}" if name.startswith("-") else f"{target}__{name}" for name in order))
            .values_list(f"{owner}_id", f"{target}_id")
        )
        by_row = {}
        for row_id, linked_id in links:
            by_row.setdefault(row_id, []).append(linked_id)
        return by_row

    return KeptPerVersion(build, until=linked.objects.next_publication)


def _links(model, name: str, connection) -> tuple[str, list, type[models.Model]]:
    """`SELECT owner id, linked id FROM <link table> WHERE …` for the relation `model.name` (to be
    completed with `= ANY(%s)`), its parameters before the ids, and the linked model."""
    field = model._meta.get_field(name)
    quote = connection.ops.quote_name
    if isinstance(field, models.ManyToManyField):
        table = quote(field.remote_field.through._meta.db_table)
        owner, linked = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
        return f"SELECT {owner}, {linked} FROM {table} WHERE {owner}", [], field.related_model
    # django-taggit's TaggableManager: one generic link table (content type, object id, tag)
    table = quote(field.through._meta.db_table)
    sql = f"SELECT object_id, tag_id FROM {table} WHERE content_type_id = %s AND object_id"
    return sql, [ContentType.objects.get_for_model(model).pk], field.related_model


def _table(model: type[models.Model]) -> dict:
    """{pk: (position, row)} of a kept table, in the page's language; a relation to a table that is not
    kept is an error."""
    if model not in _kept:
        raise LookupError(f"{model.__name__} is not kept in memory (core.kept.keep)")
    return _kept[model][localised.page_language()]()


def _attach_foreign_keys(rows: list[models.Model], fields: list[models.ForeignKey]) -> None:
    """Each row's linked object through a foreign key to a kept table, from the table: no query, no join.
    A row whose linked object is not kept (added since the table was read) reads it when it is asked for."""
    for field in fields:
        table = _table(field.related_model)
        for row in rows:
            found = table.get(getattr(row, field.attname))
            if found is not None:
                field.set_cached_value(row, found[1])


def attach(rows: list[models.Model], names: tuple[str, ...]) -> None:
    """Fill the relations `names` of each of `rows` (of one model) from the kept tables: one query for
    the many-to-many ones, none for foreign keys (a city, with its country as the table keeps it)."""
    if not rows or not names:
        return
    model = type(rows[0])
    fields = [model._meta.get_field(name) for name in names]
    _attach_foreign_keys(rows, [field for field in fields if isinstance(field, models.ForeignKey)])
    names = tuple(field.name for field in fields if not isinstance(field, models.ForeignKey))
    if not names:
        return
    connection = connections[rows[0]._state.db or "default"]
    ids = [row.pk for row in rows]
    selects, params, targets = [], [], []
    for number, name in enumerate(names):
        sql, sql_params, target = _links(model, name, connection)
        targets.append(_table(target))
        selects.append(f"SELECT {number}, link.* FROM ({sql} = ANY(%s)) AS link")
        params.extend([*sql_params, ids])
    linked: dict[tuple[int, int], list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for number, owner, target_id in cursor.fetchall():
            linked.setdefault((number, owner), []).append(target_id)
    for number, name in enumerate(names):
        table = targets[number]
        for row in rows:
            found = sorted(table[pk] for pk in linked.get((number, row.pk), ()) if pk in table)
            as_prefetched(row, name, [item for _position, item in found])


class LinksQuerySet(models.QuerySet):
    """A queryset whose rows come with their links to kept tables: `with_links(relation names…)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._link_names: tuple[str, ...] = ()

    def with_links(self, *names: str):
        """Each row's `names` (relations to kept tables, core.kept.keep) read with one query for all:
        many-to-many relations; foreign keys ("city") come from the kept table with no query or join."""
        clone = self._chain()
        clone._link_names = (*self._link_names, *names)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._link_names = self._link_names
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is None
        super()._fetch_all()
        if fetched and self._link_names and self._iterable_class is ModelIterable:
            attach(self._result_cache, self._link_names)
