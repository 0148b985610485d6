"""Revisions of public content (django-reversion): who changed what and when, compare and restore.

Every `Publishable` kind is registered here (CoreConfig.ready()), following the parts of its page it
names in `public_parts` (an idea's further reading, a conference's sessions), so one revision holds
the item, its translations (modeltranslation's columns are fields of the model) and its many-to-many
links (themes, cities, tags) and restores them together.

A revision is made where an editor acts: each save in the admin (`PublishableAdmin` is a reversion
`VersionAdmin`) and each admin action. The demo loader, importers and bulk loaders work outside
`reversion.create_revision()`, so they make none: no flood of versions from a load.

    rows = compare(model, field_dict(older), field_dict(newer))    # per field, per language, with tags
"""

import difflib
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.errors import RevertError

from core.publication import Status

WORD = re.compile(r"\s+|[^\s]+")


def register_publishables() -> None:
    """Register every Publishable kind and the parts of its page (CoreConfig.ready())."""
    import reversion
    from django.apps import apps

    from core.publication import Publishable

    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        parts = tuple(getattr(model, "public_parts", ()))
        for name in parts:
            part = model._meta.get_field(name).related_model
            if not reversion.is_registered(part):
                reversion.register(part)
        follow = parts
        if reversion.is_registered(model):  # by its VersionAdmin (admin's ready() runs first): with its inlines
            follow = (*reversion.revisions._get_options(model).follow, *parts)
            reversion.unregister(model)
        reversion.register(model, follow=tuple(dict.fromkeys(follow)))
    from reversion.signals import post_revision_commit

    post_revision_commit.connect(_drop_deleted_parts, dispatch_uid="core.revisions.drop_deleted_parts")


def _drop_deleted_parts(sender, revision, versions, **kwargs):
    """Forget the parts deleted after their item was saved in the same revision.

    An item's save follows its parts as they are then (all its tags' links, all its further reading); the tags
    or inline rows removed afterwards in the same request would otherwise stay in the version, and a restore
    would bring back what the editor had just removed. One query per kind of part in the revision.
    """
    by_model: dict[type, dict[str, object]] = {}
    for version in versions:
        model = version.content_type.model_class()
        if model is not None and not issubclass(model, _publishable()):
            by_model.setdefault(model, {})[version.object_id] = version
    for model, found in by_model.items():
        alive = {str(pk) for pk in model._base_manager.filter(pk__in=list(found)).values_list("pk", flat=True)}
        gone = [version.pk for object_id, version in found.items() if object_id not in alive and version.pk]
        if gone:
            revision.version_set.filter(pk__in=gone).delete()


def _publishable():
    from core.publication import Publishable

    return Publishable


def _tag_fields(model):
    """The model's taggit managers (many-to-many through a generic link table of their own)."""
    return [
        field
        for field in model._meta.get_fields()
        if field.many_to_many and not field.auto_created and not isinstance(field, models.ManyToManyField)
    ]


def field_dict(version) -> dict:
    """A version's field values, with its tags (the tag ids of the links kept in the same revision)."""
    data = dict(version.field_dict)
    fields = _tag_fields(version._model)
    if not fields:
        return data
    from django.contrib.contenttypes.models import ContentType

    own = ContentType.objects.get_for_model(version._model)
    for field in fields:
        through = field.remote_field.through
        links = version.revision.version_set.filter(content_type=ContentType.objects.get_for_model(through))
        data[field.attname] = [
            link.field_dict["tag_id"]
            for link in links
            if link.field_dict["content_type_id"] == own.pk and str(link.field_dict["object_id"]) == version.object_id
        ]
    return data


@dataclass
class Row:
    """One line of a comparison: a field (in one language, for a translated field)."""

    label: str
    language: str  # "" for a field that is not translated
    old: SafeString
    new: SafeString
    changed: bool


def _translated_fields(model) -> dict[str, list[str]]:
    """{base field: [its column per language]} for a model modeltranslation translates."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {base: [f"{base}_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES] for base in options.fields}


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value)
    return " ".join(strip_tags(str(value)).split())


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The two texts, escaped, with what was removed in <del> (old) and what was added in <ins> (new)."""
    a, b = WORD.findall(old), WORD.findall(new)
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            left.append(("{}", removed))
            right.append(("{}", added))
            continue
        if removed:
            left.append(("<del>{}</del>", removed))
        if added:
            right.append(("<ins>{}</ins>", added))
    return _join(left), _join(right)


def _join(parts) -> SafeString:
    return format_html_join("", "{}", ((format_html(template, text),) for template, text in parts))


def _fields(model):
    """The fields an editor edits, in form order, as (base name, field): translated columns grouped."""
    translated = _translated_fields(model)
    columns = {column for names in translated.values() for column in names}
    skip = {"id", "published_at", "created_at", "updated_at"}
    for field in model._meta.get_fields():
        if field.auto_created or not field.concrete or field.name in skip or field.name in columns:
            continue
        if not getattr(field, "editable", True):
            continue
        if field.many_to_many and not isinstance(field, models.ManyToManyField):
            yield field, None  # taggit's tags: in `field_dict(version)`, from the links kept in the revision
            continue
        yield field, translated.get(field.name)


def _labels(model, field, old, new) -> tuple[str, str]:
    """Readable values: related rows by name (one query per changed relation), choices by label."""
    if field.is_relation:
        related = field.related_model
        ids = {*(_as_list(old)), *(_as_list(new))}
        names = {row.pk: str(row) for row in related._base_manager.filter(pk__in=ids)}
        return _names(old, names), _names(new, names)
    if field.choices:
        choices = dict(field.flatchoices)
        return str(choices.get(old, old or "")), str(choices.get(new, new or ""))
    return _plain(old), _plain(new)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple | set) else [value]


def _key(value) -> list[str]:
    return sorted(str(item) for item in _as_list(value))


def _names(value, names) -> str:
    return ", ".join(sorted(names.get(pk, f"#{pk}") for pk in _as_list(value)))


def compare(model, old: dict, new: dict) -> list[Row]:
    """The rows of a side-by-side comparison of two versions' field values (`Version.field_dict`)."""
    rows = []
    languages = dict(settings.LANGUAGES)
    for field, columns in _fields(model):
        label = capfirst(str(field.verbose_name))
        if columns:
            for column, (code, _name) in zip(columns, settings.LANGUAGES, strict=True):
                rows.append(
                    _row(f"{label} ({languages[code]})", code, _plain(old.get(column)), _plain(new.get(column)))
                )
            continue
        before, after = old.get(field.attname), new.get(field.attname)
        if _key(before) != _key(after):
            rows.append(_row(label, "", *_labels(model, field, before, after)))
        else:
            rows.append(Row(label, "", SafeString(""), SafeString(""), changed=False))
    return rows


def _row(label, language, old: str, new: str) -> Row:
    return Row(label, language, *word_diff(old, new), changed=old != new)


def last_published(versions):
    """The newest of `versions` (newest first) in which the item was published, or None."""
    for version in versions:
        try:
            if version.field_dict.get("status") == Status.PUBLISHED:
                return version
        except RevertError:  # a version the model can no longer read
            continue
    return None


def describe(version) -> str:
    """A version's line in a choice: date, who, comment."""
    revision = version.revision
    who = revision.user.get_username() if revision.user else _("nobody (outside the admin)")
    return f"{revision.date_created:%Y-%m-%d %H:%M} · {who}"
