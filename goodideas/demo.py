"""Demo content: Good Ideas from the demo cities (goodideas/demo/ideas.json; the cities come from places).

Evidence, stage and success factors only where the profile says so (ideas.json); no adaptation is
recorded, as no profile names the city that took an idea up ("other cities" is not a place).

Idempotent: ideas by slug, organisations by name and city, further reading by idea and position.
"""

from datetime import UTC, date, datetime, time

from django.utils.html import escape

from core.demo import LANGUAGE_CODES, by_slug, read, save, translated
from core.richtext import sanitize
from goodideas.models import FurtherReading, GoodIdea
from places.models import City, Organisation, Theme


def as_html(text: str) -> str:
    """A profile's plain text as a sanitised paragraph (the field is rich text)."""
    return sanitize(text if not text or text.startswith("<") else f"<p>{escape(text)}</p>")


def organisation(item: dict, city: City) -> Organisation:
    fields = {"kind": item.get("kind", "other"), "website": item.get("website", "")}
    return save(Organisation, {"name": item["name"], "city": city}, fields=fields)


def contact_fields(contact: dict) -> dict:
    return {
        "contact_name": contact.get("name", ""),
        "contact_email": contact.get("email", ""),
        "contact_phone": contact.get("phone", ""),
        "contact_website": contact.get("website", ""),
        **translated("contact_role", dict.fromkeys(LANGUAGE_CODES, contact.get("role", ""))),
    }


def load_idea(item: dict, city: City, themes: dict) -> GoodIdea:
    published = datetime.combine(date.fromisoformat(item["published"]), time(9), tzinfo=UTC)
    texts = {field: item.get(field, {}) for field in ("title", "teaser", "body", "beneficiaries", "results")}
    idea = save(
        GoodIdea,
        {"slug": item["slug"]},
        fields={
            "city": city,
            "organisation": organisation(item["organisation"], city),
            "year_started": item.get("year_started"),
            "stage": item.get("stage", ""),
            "year_ended": item.get("year_ended"),
            "evidence_level": item.get("evidence_level", ""),
            "success_factors": item.get("success_factors", []),
            "status": GoodIdea.Status.PUBLISHED,
            "published_at": published,
            "last_verified": published.date(),
            **contact_fields(item.get("contact", {})),
        },
        texts={**texts, "adaptation": item.get("adapt", {})},
        clean={"body": sanitize, "adaptation": as_html},
        many={
            "themes": [themes[slug] for slug in item["themes"]],
            "partners": [organisation(partner, city) for partner in item.get("partners", [])],
            "tags": item.get("tags", []),
        },
    )
    links = item.get("further_reading", [])
    for position, link in enumerate(links):
        save(
            FurtherReading,
            {"idea": idea, "position": position},
            fields={"url": link["url"]},
            texts={"title": {"en": link["title"]}},
        )
    idea.further_reading.filter(position__gte=len(links)).delete()
    return idea


def load() -> str:
    items = read(__file__, "ideas.json")
    themes = by_slug(Theme)
    cities = by_slug(City.objects.filter(slug__in={item["city"] for item in items}))
    for item in items:
        load_idea(item, cities[item["city"]], themes)
    return f"{len(items)} Good Ideas"
