"""Times of webinars and sessions: in the event's own zone with its UTC offset, in the page's language."""

from datetime import UTC

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import kept
from core.lists.rows import lazy_rows
from core.templating import jinja_global
from goodideas.models import GoodIdea
from webinars.models import Webinar

register = template.Library()


def utc_offset(local) -> str:
    """UTC+01:00, UTC−05:00, UTC+05:30."""
    offset = local.strftime("%z") or "+0000"
    return f"UTC{offset[0]}{offset[1:3]}:{offset[3:5]}"


def zone_label(local) -> str:
    """'CET (UTC+01:00)'; zones without an abbreviation (tzdata writes '+04') get the offset only."""
    name = local.tzname() or ""
    offset = utc_offset(local)
    if not name or name[0] in "+-" or name == "UTC":
        return offset
    return f"{name} ({offset})"


def day_text(local) -> str:
    return gettext("%(weekday)s, %(date)s") % {
        "weekday": formats.date_format(local, "l"),
        "date": formats.date_format(local, "DATE_FORMAT"),
    }


def clock(local) -> str:
    return formats.date_format(local, "H:i")


def iso_utc(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.simple_tag
def zoned_range(starts_at, ends_at, zone, show_day=True):
    """<time datetime="…Z">Tuesday, 1 Dec 2026, 14:00</time>–<time …>15:30</time> CET (UTC+01:00)."""
    start = starts_at.astimezone(zone)
    end = ends_at.astimezone(zone) if ends_at else None
    start_text = f"{day_text(start)}, {clock(start)}" if show_day else clock(start)
    if end is None:
        return format_html('<time datetime="{}">{}</time> {}', iso_utc(starts_at), start_text, zone_label(start))
    end_text = clock(end) if end.date() == start.date() else f"{day_text(end)}, {clock(end)}"
    return format_html(
        '<time datetime="{}">{}</time>–<time datetime="{}">{}</time> {}',
        iso_utc(starts_at),
        start_text,
        iso_utc(ends_at),
        end_text,
        zone_label(end),
    )


@register.simple_tag
def visitor_time(starts_at, ends_at, zone, short=False):
    """An empty placeholder that static/js/localtime.js fills with the visitor's own time (if it differs)."""
    return format_html(
        '<span class="visitor-time" data-visitor-time data-start="{}" data-end="{}" data-zone="{}" data-label="{}"'
        "{} hidden></span>",
        iso_utc(starts_at),
        iso_utc(ends_at) if ends_at else "",
        str(zone),
        gettext("In your time zone: {time}"),
        mark_safe(" data-short") if short else "",
    )


@register.filter
def in_zone(value, zone):
    return value.astimezone(zone)


@register.filter
def day(value):
    return day_text(value)


@register.simple_tag
def zoned_range_text(starts_at, ends_at, zone):
    """The same as zoned_range, as plain text (e-mails, feeds)."""
    start = starts_at.astimezone(zone)
    end = ends_at.astimezone(zone)
    end_text = clock(end) if end.date() == start.date() else f"{day_text(end)}, {clock(end)}"
    return f"{day_text(start)}, {clock(start)}–{end_text} {zone_label(end)}"


# {idea id: ids of the published webinars that discuss it, newest first}, kept per content version
# (core.kept.linked_ids): most ideas have none, and the others' webinars are cards kept in the fragment cache.
webinars_of_ideas = kept.linked_ids(GoodIdea.webinars, ("-starts_at", "pk"))


@jinja_global
def idea_webinars(idea, limit: int = 5):
    """The published webinars that discuss a Good Idea, newest first, for the idea's page
    (goodideas/idea_detail.html, Jinja2): their rows only for a link not kept in the fragment cache."""
    return lazy_rows(webinars_of_ideas().get(idea.pk, [])[:limit], Webinar.objects.all())
