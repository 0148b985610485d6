"""The content version: one number that moves on whenever public content changes.

Every cached fragment or count built from public content keys on it, so that a change shows at once
on every page, in every process:

    key = f"goodideas:facets:{content_version()}:{fingerprint}"

The number is the one row of `core.ContentVersion`. Receivers of post_save, post_delete and
m2m_changed (connected by `connect()`, from CoreConfig.ready()) move it on, with an UPDATE in the
transaction that writes the change (once per transaction), for every public model: each `Publishable` kind, the models
they point to (themes, places, organisations, speakers, tags, link tables…) and the parts of their
pages they name in `public_parts` (an idea's further reading, an item's images…), and the models that
say `public_content = True` (what members write that public pages show: community topics, threads,
posts, the names on them). So no view, admin,
service, importer or loader moves it by hand: a save from the admin, a service, the shell or the
demo loader all count.

Bulk writes send no signals: `QuerySet.update()`, `bulk_create()`, `bulk_update()` and raw SQL leave
the version as it is. Code that changes public content that way (bulk loaders, such as the bench
generators, the community's moderation of many posts at once) must call `bump()` once when done: that
is the only call of it outside this module.

Migrations change content without signals too: the version moves on after each `migrate`.

Caches in front of the portal (settings.CACHE_PURGE_URLS: Varnish, a CDN) are emptied once each
move is committed (core/cachepurge.py), so the next request after a publication shows it.

`content_version()` reads the row once per request (the value is kept until the request ends) and on
every call outside a request.
"""

import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone

from core.cachepurge import purge_all

_state = threading.local()
# Before the first bump (or in a database emptied by a test's flush, which has no row).
INITIAL = 1


def _table(connection) -> str:
    from core.models import ContentVersion

    return connection.ops.quote_name(ContentVersion._meta.db_table)


def kept_seconds() -> int:
    """How long what is kept per content version (fragments, feed items, extracts, KeptPerVersion) may
    be kept: settings.FRAGMENT_CACHE_SECONDS; 0 keeps nothing."""
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 600)


def content_version(using: str | None = None) -> int:
    """The current version of the public content, from the database the request reads (a replica keeps
    the number of the content it has replayed: a fragment is never filed under a version its content lacks)."""
    version = getattr(_state, "version", None)
    if version is None:
        if using is None:
            from core.models import ContentVersion

            using = router.db_for_read(ContentVersion)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {_table(connection)} WHERE id = 1")
            row = cursor.fetchone()
        version = row[0] if row else INITIAL
        if (mark := _bumped_in_transaction(connection)) is not None:
            mark.read = True
        if getattr(_state, "in_request", False):
            _state.version = version
    return version


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the version on, in the current transaction (for bulk writers; signals do it for the rest).

    Once per transaction: further changes in the same transaction need no new number (and a long
    one, such as a loader's, does not pile up thousands of versions of the row), unless the number
    was read in between.
    """
    connection = connections[using]
    mark = _bumped_in_transaction(connection)
    if mark is not None and not mark.read:
        return
    table = _table(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, value) VALUES (1, %s) ON CONFLICT (id) DO UPDATE SET value = {table}.value + 1",
            [INITIAL + 1],
        )
    _state.version = None
    if connection.in_atomic_block:
        connection.content_version_bumped = mark = _Bumped()
        transaction.on_commit(mark, using=using)
    else:  # committed already
        purge_all()


class KeptPerVersion:
    """A value built from public content (`build()`), kept in this process's memory while the content
    version stays the same, for FRAGMENT_CACHE_SECONDS at most (what a scheduled publication may leave
    unseen, as for fragments); 0 keeps nothing. For what many pages read whole, such as every city
    with its number of ideas: no query, no unpickling. Callers must not change what they get.

        cities = KeptPerVersion(lambda: list(City.objects.annotate(...)))
        cities()

    `until`: () -> when what build() read next changes by the clock (the next scheduled publication,
    PublishableQuerySet.next_publication()), or None; asked with each build, and the value is built
    again from that time: a scheduled item shows at its time, not up to FRAGMENT_CACHE_SECONDS later.
    """

    every: list["KeptPerVersion"] = []

    def __init__(self, build, *, until=None):
        self.build = build
        self.until = until
        self.kept = None
        KeptPerVersion.every.append(self)

    def __call__(self):
        seconds = kept_seconds()
        version, now, kept = content_version(), time.monotonic(), self.kept
        if (
            seconds
            and kept is not None
            and kept[0] == version
            and now - kept[1] < seconds
            and (kept[3] is None or timezone.now() < kept[3])
        ):
            return kept[2]
        changes_at = self.until() if self.until else None  # before build(): a publication in between shows
        value = self.build()
        self.kept = (version, now, value, changes_at) if seconds else None
        return value

    def __copy__(self):
        return self  # one per process: a copy (django-filter copies its filters per request) would keep nothing

    def __deepcopy__(self, memo):
        return self

    @classmethod
    def forget(cls) -> None:
        """Drop every kept value (tests, whose rolled-back transactions reuse version numbers)."""
        for kept in cls.every:
            kept.kept = None


class _Bumped:
    """The mark of a transaction that moved the version on: a commit hook, so that it goes when the
    transaction ends, or when the savepoint it was set in is rolled back (and the UPDATE with it).
    On commit it empties the caches in front (nothing when settings.CACHE_PURGE_URLS is empty)."""

    def __init__(self):
        self.read = False  # the new number was read since: the next change needs another

    def __call__(self):
        purge_all()


def _bumped_in_transaction(connection) -> _Bumped | None:
    mark = getattr(connection, "content_version_bumped", None)
    if mark is None or not connection.in_atomic_block:
        return None
    return mark if any(hook is mark for _savepoints, hook, _robust in connection.run_on_commit) else None


def public_models() -> dict[type, bool]:
    """Every model whose rows public pages show: {model: whether rows are saved on their own}.

    Found from the models themselves: the Publishable kinds and models marked `public_content` (synonyms),
    what they point to (recursively), the link tables of their many-to-many fields and the reverse
    relations they name in `public_parts`.
    An automatic link table (False) changes only through its many-to-many field (m2m_changed).
    A model that says `public_content = True` counts, without what it points to (its author is a
    member, whose sign-ins must not move the version).
    """
    from core.publication import Publishable

    found: dict[type, bool] = {}
    waiting = [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) or getattr(model, "public_content", False)  # e.g. core.SynonymGroup
    ]
    while waiting:
        model = waiting.pop()
        if model in found or model._meta.app_config.name.startswith("django."):
            continue
        found[model] = not model._meta.auto_created
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is not None:
                waiting.append(field.related_model)
                through = getattr(field.remote_field, "through", None)
                if through is not None:
                    waiting.append(through)
        for name in getattr(model, "public_parts", ()):
            waiting.append(model._meta.get_field(name).related_model)
    for model in apps.get_models():
        if getattr(model, "public_content", False):
            found.setdefault(model, True)
    return found


def _saved_or_deleted(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    bump(using)


def _links_changed(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump(using)


def _migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Data migrations change content without the models' signals (unless core was migrated away)."""
    from core.models import ContentVersion

    if ContentVersion._meta.db_table in connections[using].introspection.table_names():
        bump(using)


def _request_started(**kwargs):
    _state.in_request = True
    _state.version = None


def forget_request_version() -> None:
    """Read the version again at its next use in this request (core.dbrouter: a request run again on the primary)."""
    _state.version = None


def _request_finished(**kwargs):
    _state.in_request = False
    _state.version = None


def connect() -> None:
    """Connect the receivers to every public model (CoreConfig.ready(), once the models are loaded)."""
    for model, saved_alone in public_models().items():
        uid = f"content-version:{model._meta.label}"
        m2m_changed.connect(_links_changed, sender=model, dispatch_uid=uid)
        if saved_alone:
            post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
            post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
    post_migrate.connect(_migrated, sender=apps.get_app_config("core"), dispatch_uid="content-version:migrated")
    request_started.connect(_request_started, dispatch_uid="content-version:request-started")
    request_finished.connect(_request_finished, dispatch_uid="content-version:request-finished")
