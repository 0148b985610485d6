"""The languages content is in: documents in the library, webinars, what members speak.

One name per ISO 639-1 code, translated once; each kind offers its own list of codes, in its own order
(the portal's three languages first where editors pick, alphabetical where members tick boxes).
This is not the interface's languages (settings.LANGUAGES: en, fr, de).
"""

from django.utils.translation import gettext_lazy as _

NAMES = {
    "en": _("English"),
    "fr": _("French"),
    "de": _("German"),
    "es": _("Spanish"),
    "it": _("Italian"),
    "pt": _("Portuguese"),
    "nl": _("Dutch"),
    "da": _("Danish"),
    "tr": _("Turkish"),
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "pl": _("Polish"),
    "ru": _("Russian"),
    "sv": _("Swedish"),
    "uk": _("Ukrainian"),
    "other": _("Other"),
}

# A library resource's document.
DOCUMENT = ["en", "fr", "de", "es", "it", "pt", "nl", "da", "tr", "ar", "other"]
# What a webinar is held in.
SPOKEN = ["en", "fr", "de", "es", "it", "nl", "pt"]
# What a member speaks (their profile): alphabetical by the English name.
MEMBER = ["ar", "zh", "nl", "en", "fr", "de", "it", "pl", "pt", "ru", "es", "sv", "tr", "uk"]


def choices(codes: list[str]) -> list[tuple[str, str]]:
    """(code, name) pairs for a model or form field's choices."""
    return [(code, NAMES[code]) for code in codes]


def label(code: str) -> str:
    """The name of a language in the active language; an unknown code as it is."""
    return str(NAMES.get(code, code))


def labels(codes) -> list[str]:
    return [label(code) for code in codes]
