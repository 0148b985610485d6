"""What search engines and link previews read: OpenGraph and Twitter card tags, schema.org JSON-LD.

The frame (templates/jinja2/includes/social_meta.html, through social_meta()) looks at the page's
`object` (what a DetailView shows) and asks the builder registered for its model for a `Card`. Pages without an
object get the portal's own card. Each app writes the builders of its models in its own `seo.py`
(`@seo.builder("app_label.model")`), which its AppConfig.ready() imports.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from core.context_processors import absolute_url


@dataclass
class Card:
    title: str
    description: str
    type: str = "website"  # og:type
    image: str = ""  # a path or URL; made absolute by the tag
    image_alt: str = ""
    jsonld: dict = field(default_factory=dict)


BUILDERS: dict[str, Callable] = {}


def builder(model_label: str):
    """Register a function (obj, request) -> Card for a model ("app_label.modelname")."""

    def register(function):
        BUILDERS[model_label] = function
        return function

    return register


def summary(text: str | None, words: int = 40) -> str:
    return Truncator(" ".join(strip_tags(text or "").split())).words(words)


def card_for(obj, request) -> Card | None:
    if obj is None or not hasattr(obj, "_meta"):
        return None
    function = BUILDERS.get(obj._meta.label_lower)
    return function(obj, request) if function else None


# The field whose text makes a page of a translated kind exist in a language: its title.
MAIN_TEXT = "title"


def content_languages(obj) -> list[str]:
    """The languages in which the page of `obj` has its own text, for hreflang (sitemap and <head>).

    A translated kind (one whose title is translated) exists in English, the fallback, and in each
    language its title is written in; elsewhere the page shows the English text. A model may say
    itself (`content_languages()`: a thread exists in the language its member wrote it in). Other
    pages (lists, themes, cities, pages without an object) exist in every language.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    if obj is None or not hasattr(obj, "_meta"):
        return codes
    if hasattr(obj, "content_languages"):
        return [code for code in obj.content_languages() if code in codes]
    try:
        translated = MAIN_TEXT in translator.get_options_for_model(type(obj)).all_fields
    except NotRegistered:
        translated = False
    if not translated:
        return codes
    return [code for code in codes if code == settings.LANGUAGE_CODE or getattr(obj, f"{MAIN_TEXT}_{code}", "")]


def default_image(request) -> str:
    return absolute_url(request, static("img/og-default.png"))


def publisher() -> dict:
    """The portal as the publisher of a page (schema.org Organization)."""
    return {"@type": "Organization", "name": _("Cities of Migration"), "email": settings.CONTACT_EMAIL}


# As django.utils.html.json_script: no </script> or <!-- can break out of the data block.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE"}


def _subject(context):
    """A DetailView's object, or what a list view names as the page's subject (a thread and its posts)."""
    return context.get("object") or context.get("seo_object")


def social_meta(context, title: str = "", description: str = "") -> dict:
    """OpenGraph, Twitter card and JSON-LD of a page (its template context): from its object when it has
    one, else from its title and description."""
    request = context["request"]
    card = card_for(_subject(context), request) or Card(title=title, description=description)
    image = absolute_url(request, card.image) if card.image and card.image.startswith("/") else card.image
    jsonld = ""
    if card.jsonld:
        jsonld = mark_safe(json.dumps(card.jsonld, ensure_ascii=False, default=str).translate(_JSON_ESCAPES))
    return {
        "card": card,
        "image": image or default_image(request),
        "has_own_image": bool(image),
        "jsonld": jsonld,
        "locale": OG_LOCALES.get(context.get("LANGUAGE_CODE"), "en_GB"),
    }


def hreflang_alternates(context) -> list[dict]:
    """A page's addresses for <link rel="alternate" hreflang>: in each language its content exists in.

    The same rule as the sitemap (content_languages): an idea written only in English has no French or
    German alternate, although its page can be read with a French or German frame.
    """
    languages = content_languages(_subject(context))
    return [alternate for alternate in context.get("alternates") or [] if alternate["code"] in languages]
