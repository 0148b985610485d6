"""Translated content: the field in the page's language, else in English (the default language).

modeltranslation stores `title` as `title_en`, `title_fr`, `title_de`. Every page, list, count and search
result that shows translated content asks here which text to show and whether it is the English fallback:
as a value (shown_language, for the lang="en" mark), as an ORM expression (expression, for ordering,
snippets and labels) or as SQL (sql, for the hand-written facet counts).
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def page_language() -> str:
    """The language of the page, one of settings.LANGUAGES (else the default language)."""
    language = get_language()
    return language if language in LANGUAGE_CODES else DEFAULT


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def is_translated(model, name: str) -> bool:
    """Whether `model` keeps `name` in every language: a `name_en` (modeltranslation), or `name` in English
    beside its own `name_fr`, `name_de` (places.Tag, whose `name` taggit needs in English)."""
    return _has_field(model, f"{name}_{DEFAULT}") or all(
        _has_field(model, f"{name}_{code}") for code in LANGUAGE_CODES if code != DEFAULT
    )


def english_column(model, name: str) -> str:
    """The column holding the English of a translated field: `name_en`, else `name` itself."""
    return f"{name}_{DEFAULT}" if model is None or _has_field(model, f"{name}_{DEFAULT}") else name


def text(obj, field: str):
    """`obj.field` in the page's language, else in English (the text a reader sees)."""
    language = page_language()
    own = getattr(obj, f"{field}_{language}", None) if language != DEFAULT else None
    return own or getattr(obj, field, "")


def shown_language(obj, field: str) -> str | None:
    """The language `obj.field` falls back to (English) when it has no text in the page's language, else None."""
    language = page_language()
    if language == DEFAULT or getattr(obj, f"{field}_{language}", None):
        return None
    return DEFAULT if getattr(obj, field, None) else None


def expression(name: str, model=None, *, translated: bool | None = None):
    """The field `name` in the page's language, else in the default language (an ORM expression).

    A field without translations (`translated` False, or no `name_en` on `model`) is itself.
    """
    if translated is None:
        translated = model is None or is_translated(model, name)
    if not translated:
        return F(name)
    language, english = page_language(), english_column(model, name)
    if language == DEFAULT:
        return F(english)
    return Coalesce(NullIf(F(f"{name}_{language}"), Value("")), F(english), output_field=models.TextField())


def sql(table: str, name: str, model) -> str:
    """expression() as SQL text, for a query written by hand: `table` is the alias of `model`'s table."""
    column = connection.ops.quote_name
    if not is_translated(model, name):
        return f"{table}.{column(name)}::text"
    language = page_language()
    own, fallback = column(f"{name}_{language}"), column(english_column(model, name))
    if language == DEFAULT:
        return f"{table}.{fallback}::text"
    return f"COALESCE(NULLIF({table}.{own}, ''), {table}.{fallback})::text"


def shown_language_sql(table: str, name: str, model) -> str:
    """shown_language() as SQL text: 'en' where the text shown is the English fallback, else NULL."""
    column = connection.ops.quote_name
    language = page_language()
    if language == DEFAULT or not is_translated(model, name):
        return "NULL::text"
    own, fallback = column(f"{name}_{language}"), column(english_column(model, name))
    return f"CASE WHEN COALESCE({table}.{own}, '') = '' AND {table}.{fallback} <> '' THEN '{DEFAULT}' END"
