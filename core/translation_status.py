"""Translation status: for each public item and each language other than English, whether the
translation is *missing*, *outdated* (the English changed after it was last saved) or *up to date*.

    record(idea)                      # Publishable.save() calls it: every write of the text is seen
    status_of(idea, "fr")             # "missing" | "outdated" | "current"
    mark_reviewed(queryset, "fr")     # an editor checked it: the English change needs no new French
    annotate(queryset)                # .translation_fr, .translation_de: for admin columns and filters

The translated fields of a kind are the ones its `translation.py` registers with modeltranslation.
A language is *missing* when a field has English text and none in that language (the reader sees the
English fallback there). Otherwise it is *outdated* when the English text is not the one it had when
this language was last saved (a hash of it is kept per language, in core.models.TranslationState),
else *up to date*. Saving the item with a changed French text counts as translating the current English.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

from core import db
from core.localised import DEFAULT, LANGUAGE_CODES
from core.models import TranslationState

Status = TranslationState.Status
OTHER_LANGUAGES = [code for code in LANGUAGE_CODES if code != DEFAULT]


def translated_fields(model) -> list[str]:
    """The fields of `model` kept in every language (its modeltranslation registration), in order."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return list(options.fields)


def _hash(values) -> str:
    return hashlib.sha256("\x1f".join(str(value or "") for value in values).encode()).hexdigest()


def _texts(values: dict, fields, language: str) -> list:
    return [values.get(f"{name}_{language}") for name in fields]


def is_missing(values: dict, fields, language: str) -> bool:
    """Some field has English text and no text in `language`: `values` maps `title_fr`… to the text."""
    return any(values.get(f"{name}_{DEFAULT}") and not values.get(f"{name}_{language}") for name in fields)


def missing_languages(values: dict, fields) -> list[str]:
    return [language for language in OTHER_LANGUAGES if is_missing(values, fields, language)]


def missing_in(obj) -> list[str]:
    """The languages `obj` has no text in, where it has English."""
    fields = translated_fields(type(obj))
    return missing_languages(_values(obj, fields), fields)


def _values(obj, fields) -> dict:
    return {
        f"{name}_{language}": getattr(obj, f"{name}_{language}", "") for name in fields for language in LANGUAGE_CODES
    }


def _next_state(row: TranslationState, values: dict, fields, language: str, source_hash: str) -> str:
    """The status after a save, moving `row.source_hash` on when this language's text was saved anew."""
    text_hash = _hash(_texts(values, fields, language))
    if is_missing(values, fields, language):
        row.text_hash = text_hash
        return Status.MISSING
    if row.pk is None or text_hash != row.text_hash or row.status == Status.MISSING:
        # Its text is new (or newly complete): it translates the English as it is now.
        row.source_hash, row.text_hash = source_hash, text_hash
        return Status.CURRENT
    return Status.CURRENT if row.source_hash == source_hash else Status.OUTDATED


def record(obj) -> None:
    """Bring the status of `obj`'s translations up to date after a save."""
    record_many([obj])


def record_many(objs) -> None:
    """`record` for many items of one kind at once (a bulk import's batch): three queries, whatever their number."""
    if not objs:
        return
    model = type(objs[0])
    fields = translated_fields(model)
    if not fields:
        return
    content_type = ContentType.objects.get_for_model(model)
    rows = {
        (row.object_id, row.language): row
        for row in TranslationState.objects.filter(content_type=content_type, object_id__in=[obj.pk for obj in objs])
    }
    now, new, changed = timezone.now(), [], []
    for obj in {obj.pk: obj for obj in objs}.values():
        values = _values(obj, fields)
        source_hash = _hash(_texts(values, fields, DEFAULT))
        for language in OTHER_LANGUAGES:
            row = rows.get((obj.pk, language)) or TranslationState(
                content_type=content_type, object_id=obj.pk, language=language
            )
            before = (row.status, row.source_hash, row.text_hash)
            status = _next_state(row, values, fields, language, source_hash)
            if row.status != status or row.pk is None:
                row.status, row.changed_at = status, now
            if row.pk is None:
                new.append(row)
            elif before != (row.status, row.source_hash, row.text_hash):
                changed.append(row)
    TranslationState.objects.bulk_create(new)
    db.update_rows(changed, ["status", "source_hash", "text_hash", "changed_at"])


def forget(obj) -> None:
    """An item was deleted: its statuses go with it."""
    TranslationState.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk).delete()


def rows_of(obj):
    return TranslationState.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def status_of(obj, language: str) -> str | None:
    row = rows_of(obj).filter(language=language).first()
    return row.status if row else None


def mark_reviewed(queryset, language: str) -> int:
    """Editors checked these translations against the English: outdated ones become up to date."""
    model = queryset.model
    fields = translated_fields(model)
    content_type = ContentType.objects.get_for_model(model)
    rows = TranslationState.objects.filter(
        content_type=content_type, language=language, status=Status.OUTDATED, object_id__in=queryset.values("pk")
    )
    objects = {obj.pk: obj for obj in queryset.filter(pk__in=rows.values("object_id"))}
    done = 0
    for row in rows:
        obj = objects.get(row.object_id)
        if obj is None:
            continue
        row.source_hash = _hash(_texts(_values(obj, fields), fields, DEFAULT))
        row.status, row.changed_at = Status.CURRENT, timezone.now()
        row.save(update_fields=["source_hash", "status", "changed_at"])
        done += 1
    return done


def annotate(queryset):
    """`queryset` with `translation_<language>`: the status of each language (None: never recorded)."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    return queryset.annotate(
        **{
            f"translation_{language}": Subquery(
                TranslationState.objects.filter(
                    content_type=content_type, object_id=OuterRef("pk"), language=language
                ).values("status")[:1]
            )
            for language in OTHER_LANGUAGES
        }
    )


def to_do(*, language: str = "", status: str = ""):
    """The translations editors have to write or check, across the portal, newest first."""
    rows = TranslationState.objects.exclude(status=Status.CURRENT).select_related("content_type")
    if language in OTHER_LANGUAGES:
        rows = rows.filter(language=language)
    if status in (Status.MISSING, Status.OUTDATED):
        rows = rows.filter(status=status)
    return rows.order_by("-changed_at", "-pk")


def attach_objects(rows) -> list:
    """The rows of one page with `.item` set: one query per kind, whatever the number of rows."""
    by_type = {}
    for row in rows:
        by_type.setdefault(row.content_type, set()).add(row.object_id)
    items = {}
    for content_type, ids in by_type.items():
        model = content_type.model_class()
        for obj in model._default_manager.filter(pk__in=ids):
            items[content_type.pk, obj.pk] = obj
    kept = []
    for row in rows:
        row.item = items.get((row.content_type_id, row.object_id))
        if row.item is not None:
            kept.append(row)
    return kept


def backfill(using: str = "default") -> int:
    """Give a status to every item that has none yet; the number of items given one.

    A database from before statuses were kept (or rows written with `raw`, as loaddata does) has items
    without rows, which the translations page would not list. Run after every `migrate` (post_migrate):
    the first run fills them all, later ones find nothing to do (one query per kind).
    """
    count = sum(_backfill_kind(model, using) for model in followed_models())
    if count:  # a bulk write (every item, on the first run): the statistics of the table it grew
        db.analyze(TranslationState, using=using)
    return count


def _backfill_kind(model, using: str) -> int:
    """One kind: its items without rows get them, as if each had just been saved once (no history to compare)."""
    fields = translated_fields(model)
    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    known = TranslationState.objects.using(using).filter(content_type=content_type).values("object_id")
    columns = [f"{name}_{language}" for name in fields for language in LANGUAGE_CODES]
    items = model._default_manager.using(using).exclude(pk__in=known).only("pk", "published_at", *columns)
    now, rows, count = timezone.now(), [], 0
    for obj in items.iterator(chunk_size=500):
        values = _values(obj, fields)
        source_hash = _hash(_texts(values, fields, DEFAULT))
        for language in OTHER_LANGUAGES:
            row = TranslationState(content_type=content_type, object_id=obj.pk, language=language)
            row.status = _next_state(row, values, fields, language, source_hash)
            row.changed_at = obj.published_at or now  # newest first on the translations page, as published
            rows.append(row)
        count += 1
    TranslationState.objects.using(using).bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return count


def _migrated(sender, using="default", **kwargs):
    backfill(using)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        record(instance)


def _deleted(sender, instance, **kwargs):
    forget(instance)


def connect() -> None:
    """Follow every save and delete of every public kind with translated fields (CoreConfig.ready()).

    A receiver rather than a call in each admin: the status must follow every write of the text,
    whoever makes it (the admin, an import, the demo loader, a service).
    """
    from django.apps import apps
    from django.db.models.signals import post_delete, post_migrate, post_save

    for model in followed_models():
        uid = f"translation-status:{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    # An upgraded database: its existing items get their statuses once, after the migration that adds them.
    post_migrate.connect(_migrated, sender=apps.get_app_config("core"), dispatch_uid="translation-status:backfill")


def followed_models() -> list:
    """The public kinds with translated fields: those whose translations have a status."""
    from django.apps import apps

    from core.publication import Publishable

    return [model for model in apps.get_models() if issubclass(model, Publishable) and translated_fields(model)]
