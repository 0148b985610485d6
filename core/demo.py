"""What every app's demo loader shares: its content is data (`<app>/demo/*.json`), loaded by natural keys.

A loader reads its files with `read()` and writes each row with `save()`: the row is found by its natural
key (a slug, an e-mail, a number within its parent) and updated in place, so loading twice changes
nothing, and rows an editor added (other keys) are left alone. Rows are saved through the models, so the
content version (core.versioning) follows by its signals.
"""

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated(field: str, values: dict, clean=lambda value: value) -> dict:
    """{"en": …, "fr": …} → {"field_en": …, "field_fr": …, "field": English}."""
    fields = {f"{field}_{code}": clean(values.get(code, "")) for code in LANGUAGE_CODES}
    fields[field] = fields[f"{field}_en"]
    return fields


def read(loader_file: str, name: str) -> Any:
    """The JSON file `name` in the `demo/` folder next to the loader module (pass its `__file__`)."""
    return json.loads((Path(loader_file).resolve().parent / "demo" / name).read_text(encoding="utf-8"))


def save(
    model: type[models.Model],
    key: dict,
    *,
    fields: dict | None = None,
    texts: dict | None = None,
    clean: dict[str, Callable] | None = None,
    many: dict[str, Iterable] | None = None,
) -> models.Model:
    """Create or update the row of `model` found by its natural `key`, and return it.

    `fields` are plain values; `texts` are translated fields, {"title": {"en": …, "fr": …, "de": …}},
    each passed through `clean[name]` if given (e.g. the rich-text sanitizer); `many` sets many-to-many
    relations (and tags) to exactly the given rows.
    """
    values = dict(fields or {})
    for name, languages in (texts or {}).items():
        values.update(translated(name, languages, **({"clean": clean[name]} if clean and name in clean else {})))
    row, _created = model.objects.update_or_create(**key, defaults=values)
    for name, related in (many or {}).items():
        getattr(row, name).set(list(related))
    return row


def by_slug(rows: type[models.Model] | models.QuerySet) -> dict[str, models.Model]:
    """{slug: row} of a model's rows (or of a queryset), for linking demo rows to those another loader wrote."""
    queryset = rows.objects.all() if isinstance(rows, type) else rows
    return {row.slug: row for row in queryset}


def pick(rows: dict, keys: Iterable) -> list:
    """The rows named by `keys` that exist (a demo link to a row another loader skipped is dropped)."""
    return [rows[key] for key in keys if key in rows]
