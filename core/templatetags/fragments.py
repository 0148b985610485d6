"""`{% fragment "name" part… %}…{% endfragment %}`: a piece of a page kept in the cache.

The key is the content version, the language, the name and the parts (any values the piece depends
on: an id, a facet with its counts and selection). So a piece is shared by every page that shows it
the same way, and a change of public content moves every key on at once (core/versioning.py): nothing
is invalidated by hand. The pieces live in the "fragments" cache (each process's memory) for
settings.FRAGMENT_CACHE_SECONDS at most (0: not cached), which also bounds what a scheduled
publication could leave stale.

    {% load fragments %}
    {% fragment "idea-card" idea.pk heading idea.snippet %}<li>…</li>{% endfragment %}

Only for pieces that show public content, the same for every visitor (no user, no CSRF token).
"""

import dataclasses
import hashlib

import psycopg
from django import template
from django.core.cache import caches
from django.db import Error as DatabaseError
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.versioning import content_version, kept_seconds

register = template.Library()

_PLAIN = frozenset({str, int, float, bool})


def _stable(value):
    """A text form of `value` that is the same in every process for the same content."""
    if value is None or type(value) in _PLAIN:  # most parts: ids, names, counts
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((field.name, _stable(getattr(value, field.name))) for field in dataclasses.fields(value))
    if isinstance(value, list | tuple):
        return tuple(_stable(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, _stable(item)) for key, item in value.items())
    if isinstance(value, Promise):
        return str(value)
    return value


def fragment_key(name: str, *parts) -> str:
    digest = hashlib.blake2b(repr(_stable(parts)).encode(), digest_size=16).hexdigest()
    return f"fragment:{content_version()}:{get_language()}:{name}:{digest}"


def kept_html(name: str, parts, render) -> str:
    """`render()`, kept in the "fragments" cache under `name` and `parts` for this content version and
    language (rendered afresh when nothing may be kept, or when the database is down: no version)."""
    seconds = kept_seconds()
    if not seconds:
        return render()
    try:
        key = fragment_key(name, *parts)
    except (DatabaseError, psycopg.Error):  # the database is down (the 503 page): no version, render it
        return render()
    cache = caches["fragments"]
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html), seconds)
    return mark_safe(html)  # rendered (and escaped) by the template engine


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        return kept_html(self.name.resolve(context), parts, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
