"""Translated content in templates: show the page's language, or English marked as English."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import localised
from core.templating import jinja_filter, jinja_global

register = template.Library()


fallback_language = localised.shown_language


def _badge(tag: str) -> str:
    """What a reader sees beside English text on a French or German page: "En anglais", "Auf Englisch"."""
    return format_html('<{} class="fallback-badge">{}</{}>', mark_safe(tag), gettext("In English"), mark_safe(tag))


@jinja_global
@register.simple_tag
def tr(obj, field: str, html: bool = False, element: str = "", badge: bool = False, text=None):
    """`obj.field` in the current language; English fallback text comes wrapped in lang="en".

    {% tr idea "title" %} → text (escaped), or <span lang="en">text</span>.
    {% tr idea "body" html=True %} → sanitised HTML as is, or inside <div lang="en">.
    badge=True adds a visible, translated "In English" beside the English text (not where only text may go,
    such as <title>). text= shows another form of the same field (a search snippet of it) with its mark.
    """
    value = (localised.text(obj, field) if text is None else text) or ""
    if html:
        value = mark_safe(value)  # rich text fields are sanitised when saved (core.richtext)
    language = fallback_language(obj, field)
    if language is None:
        return format_html("{}", value)
    tag = element or ("div" if html else "span")
    text = format_html('<{} lang="{}">{}</{}>', mark_safe(tag), language, value, mark_safe(tag))
    if not badge:
        return text
    if html:
        return format_html("{}{}", _badge("p"), text)
    return format_html("{} {}", text, _badge("span"))


@jinja_global
@register.simple_tag
def fallback_badge(obj, field: str, unless: str = ""):
    """ "In English" where `obj.field` shows its English text on a French or German page, else nothing.

    unless="title": none when that field is in English too, whose badge the reader has already seen
    (one badge per list card, beside its title, or beside its teaser when only the teaser is English).
    """
    if not fallback_language(obj, field) or (unless and fallback_language(obj, unless)):
        return ""
    return _badge("span")


@jinja_filter
@register.filter
def fallback_lang(obj, field: str) -> str:
    """lang="en" for an attribute list when `obj.field` is shown in English on a non-English page."""
    language = fallback_language(obj, field)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def page_range(page_obj):
    """Page numbers around the current page, with ellipses: 1 … 4 5 [6] 7 8 … 20."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
