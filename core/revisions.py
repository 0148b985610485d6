"""Revisions of public content (django-reversion): who changed what and when, compare and restore.

Every `Publishable` kind is registered here (CoreConfig.ready()), following the parts of its page it
names in `public_parts` (an idea's further reading, a conference's sessions), so one revision holds
the item, its translations (modeltranslation's columns are fields of the model) and its many-to-many
links (themes, cities, tags) and restores them together.

A revision is made where an editor acts: each save in the admin (`PublishableAdmin` is a reversion
`VersionAdmin`) and each admin action. The demo loader, importers and bulk loaders work outside
`reversion.create_revision()`, so they make none: no flood of versions from a load.

    rows = compare(model, older.field_dict, newer.field_dict)    # per field, per language
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
        if not issubclass(model, Publishable) or reversion.is_registered(model):
            continue
        parts = tuple(getattr(model, "public_parts", ()))
        for name in parts:
            part = model._meta.get_field(name).related_model
            if not reversion.is_registered(part):
                reversion.register(part)
        reversion.register(model, follow=parts)


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
            continue  # taggit's tags: their link table is not part of a version
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
