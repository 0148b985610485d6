"""Addresses of pages named by a slug, without a reverse() for each: `slug_url("goodideas:detail", slug)`.

A list page links to each card's page, city and themes: a reverse() is ~20 µs of Python apiece, and
the address differs only by the slug. So the address is resolved once per URL name, language, script
prefix and URL configuration (with a placeholder slug), and the slug put in its place. A slug that
`<slug:…>` would not accept goes through reverse(), which refuses it as before.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_PLACEHOLDER = "slug-placeholder-7f3a"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_known: dict[tuple, tuple[str, str]] = {}


def slug_url(name: str, slug: str) -> str:
    """reverse(name, kwargs={"slug": slug}) for a URL whose only argument is `slug`."""
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    key = (name, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    parts = _known.get(key)
    if parts is None:
        before, after = reverse(name, kwargs={"slug": _PLACEHOLDER}).split(_PLACEHOLDER)
        parts = _known[key] = (before, after)
    return parts[0] + slug + parts[1]
