"""Calendar files (RFC 5545) for webinars and events, built with icalendar."""

import functools
from contextlib import suppress
from datetime import date, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone, translation

from core.mail import site_url

PRODID = "-//Cities of Migration//Learning Exchange//EN"


def _uid_domain() -> str:
    return urlsplit(settings.SITE_URL or "https://citiesofmigration.org").hostname or "citiesofmigration.org"


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def webinar_component(webinar, base_url: str, stamp=None) -> icalendar.Event:
    """A VEVENT for `webinar`, its times in the webinar's own zone (TZID, with a VTIMEZONE added later)."""
    url = base_url + webinar.get_absolute_url()
    component = icalendar.Event()
    component.add("uid", f"webinar-{webinar.pk}@{_uid_domain()}")
    component.add("dtstamp", stamp or timezone.now())
    component.add("dtstart", webinar.starts_at.astimezone(webinar.zone))
    component.add("dtend", webinar.ends_at.astimezone(webinar.zone))
    component.add("summary", webinar.title)
    component.add("description", f"{webinar.summary}\n\n{url}")
    component.add("url", url)
    component.add("location", url)
    component.add("categories", [str(webinar.series)])
    component.add("last-modified", webinar.updated_at)
    return component


def event_component(event, base_url: str, stamp=None) -> icalendar.Event:
    """A VEVENT for a conference: whole days (DTEND is the day after the last, as RFC 5545 wants)."""
    url = base_url + event.get_absolute_url()
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{_uid_domain()}")
    component.add("dtstamp", stamp or timezone.now())
    component.add("dtstart", event.starts_on)
    component.add("dtend", event.ends_on + timedelta(days=1))
    component.add("summary", event.title)
    component.add("description", f"{event.summary}\n\n{url}".strip())
    component.add("url", url)
    location = ", ".join(part for part in [event.venue, event.city.name if event.city else ""] if part)
    if location:
        component.add("location", location)
    return component


def calendar_bytes(*, webinars=(), events=(), name: str, base_url: str | None = None) -> bytes:
    base_url = base_url if base_url is not None else site_url()
    stamp = timezone.now()
    calendar = _calendar(name)
    webinars = list(webinars)
    for webinar in webinars:
        calendar.add_component(webinar_component(webinar, base_url, stamp))
    for event in events:
        calendar.add_component(event_component(event, base_url, stamp))
    content = calendar.to_ical()
    if webinars:
        # VTIMEZONE rules for the years the webinars fall in (the default, 1970–2038, makes files of 10 kB each).
        first = min(webinar.starts_at for webinar in webinars).date().replace(month=1, day=1)
        last = max(webinar.ends_at for webinar in webinars).date().replace(month=12, day=31)
        zones = _timezones(tuple(sorted(calendar.get_missing_tzids())), first, last + timedelta(days=1))
        content = content.replace(b"\r\nBEGIN:VEVENT\r\n", b"\r\n" + zones + b"BEGIN:VEVENT\r\n", 1)
    return content


@functools.lru_cache(maxsize=512)
def _timezones(tzids: tuple[str, ...], first_date: date, last_date: date) -> bytes:
    """The VTIMEZONE components of `tzids` for those years, before the events that name them (RFC 5545).

    They come from the time zone database alone, so each process writes them once per zones and years:
    icalendar's add_missing_timezones() worked out and wrote some 70 lines of rules on every download,
    two thirds of the time of the Learning Exchange calendar. In the order of their names (icalendar's
    followed a set's, which changes from one process to the next)."""
    calendar = icalendar.Calendar()
    for tzid in tzids:
        with suppress(ValueError):  # a zone the database does not know: left out, as icalendar does
            calendar.add_component(icalendar.Timezone.from_tzid(tzid, first_date=first_date, last_date=last_date))
    return b"".join(component.to_ical() for component in calendar.subcomponents)


def webinar_ics(webinar, *, language: str, base_url: str | None = None) -> bytes:
    with translation.override(language):
        return calendar_bytes(webinars=[webinar], name=webinar.title, base_url=base_url)
