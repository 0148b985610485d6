"""Demo content: the Learning Exchange webinars the seeds name, a few upcoming ones, and three conferences
(webinars/demo/speakers.json, webinars.json, events.json).

Archived webinars keep fixed dates; upcoming ones are dated from today when the demo is loaded, so the demo
always has webinars to register for. Idempotent: speakers by name, webinars and events by slug, sessions by
event and start, links by event and position. Speakers are invented; recording addresses are placeholders.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.demo import by_slug, pick, read, save
from core.richtext import sanitize
from elibrary.models import Resource
from goodideas.models import GoodIdea
from places.models import City, Theme
from webinars.models import Event, EventLink, Session, Speaker, Webinar, WebinarSpeaker

MODERATOR = "Mei Lin Tan"
JOIN_URL = "https://meet.example.org/learning-exchange"


def load_speakers(cities: dict) -> dict[str, Speaker]:
    return {
        item["name"]: save(
            Speaker,
            {"name": item["name"]},
            fields={"city": cities.get(item["city"])},
            texts={"role": item["role"], "bio": item["bio"]},
        )
        for item in read(__file__, "speakers.json")
    }


def load_webinar(item: dict, links: dict, starts_at: datetime, minutes: int, **extra) -> Webinar:
    webinar = save(
        Webinar,
        {"slug": item["slug"]},
        fields={
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=minutes),
            "time_zone": item["zone"],
            "language": "en",
            "status": Webinar.Status.PUBLISHED,
            **extra,
        },
        texts={key: item.get(key, {}) for key in ("title", "summary", "description", "transcript")},
        clean={"description": sanitize},
        many={
            "themes": pick(links["themes"], item["themes"]),
            "related_ideas": pick(links["ideas"], item["ideas"]),
            "related_resources": pick(links["resources"], item["resources"]),
        },
    )
    speakers = links["speakers"]
    rows = [(speakers[name], WebinarSpeaker.Role.SPEAKER) for name in item["speakers"]]
    rows.append((speakers[MODERATOR], WebinarSpeaker.Role.MODERATOR))
    for order, (speaker, role) in enumerate(rows):
        save(WebinarSpeaker, {"webinar": webinar, "speaker": speaker}, fields={"role": role, "order": order})
    WebinarSpeaker.objects.filter(webinar=webinar).exclude(speaker__in=[speaker for speaker, _ in rows]).delete()
    return webinar


def load_event(item: dict, cities: dict, themes: dict) -> Event:
    zone = ZoneInfo(item["zone"])
    event = save(
        Event,
        {"slug": item["slug"]},
        fields={
            "starts_on": date.fromisoformat(item["starts_on"]),
            "ends_on": date.fromisoformat(item["ends_on"]),
            "time_zone": item["zone"],
            "city": cities.get(item["city"]),
            "organisers": item["organisers"],
            "status": Event.Status.PUBLISHED,
        },
        texts={key: item[key] for key in ("title", "summary", "venue", "description")},
        clean={"description": sanitize},
        many={"themes": pick(themes, item["themes"])},
    )
    kept = [
        save(
            Session,
            {"event": event, "starts_at": datetime.fromisoformat(session["starts"]).replace(tzinfo=zone)},
            fields={
                "ends_at": datetime.fromisoformat(session["ends"]).replace(tzinfo=zone),
                "speakers": session["speakers"],
            },
            texts={"title": session["title"]},
        ).pk
        for session in item["sessions"]
    ]
    event.sessions.exclude(pk__in=kept).delete()
    for order, link in enumerate(item["links"]):
        save(
            EventLink,
            {"event": event, "order": order},
            fields={"kind": link["kind"], "url": link["url"]},
            texts={"title": link["title"]},
        )
    event.links.filter(order__gte=len(item["links"])).delete()
    return event


def load() -> str:
    cities, themes = by_slug(City), by_slug(Theme)
    links = {
        "themes": themes,
        "ideas": by_slug(GoodIdea),
        "resources": by_slug(Resource),
        "speakers": load_speakers(cities),
    }
    webinars = read(__file__, "webinars.json")
    for item in webinars["archived"]:
        starts_at = datetime.fromisoformat(item["starts"]).replace(tzinfo=ZoneInfo(item["zone"]))
        load_webinar(item, links, starts_at, 75, recording_url=item["recording"])
    today = timezone.localdate()
    for item in webinars["upcoming"]:
        day = today + timedelta(days=item["days_ahead"])
        starts_at = datetime.combine(day, time(item["hour"]), tzinfo=ZoneInfo(item["zone"]))
        extra = {"capacity": item["capacity"], "join_url": JOIN_URL, "recording_url": ""}
        load_webinar(item, links, starts_at, item["duration"], **extra)
    events = [load_event(item, cities, themes) for item in read(__file__, "events.json")]
    count = len(webinars["archived"]) + len(webinars["upcoming"])
    return f"{len(links['speakers'])} speakers, {count} webinars, {len(events)} conferences"
