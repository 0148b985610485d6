"""What every app's demo loader shares."""

from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated(field: str, values: dict, clean=lambda value: value) -> dict:
    """{"en": …, "fr": …} → {"field_en": …, "field_fr": …, "field": English}."""
    fields = {f"{field}_{code}": clean(values.get(code, "")) for code in LANGUAGE_CODES}
    fields[field] = fields[f"{field}_en"]
    return fields
