"""What search engines and link previews read: OpenGraph and Twitter card tags, schema.org JSON-LD.

`{% social_meta %}` (templatetags/seo.py) in base.html looks at the page's `object` (what a
DetailView shows) and asks the builder registered for its model for a `Card`. Pages without an
object get the portal's own card. Each app writes the builders of its models in its own `seo.py`
(`@seo.builder("app_label.model")`), which its AppConfig.ready() imports.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
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
