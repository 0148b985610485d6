"""Demo content: Good Ideas from the demo cities (goodideas/demo/ideas.json; the cities come from places)."""

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.conf import settings

from core.demo import translated
from core.richtext import sanitize
from goodideas.models import FurtherReading, GoodIdea
from places.models import City, Organisation, Theme

DEMO_DIR = Path(__file__).resolve().parent / "demo"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def organisation(item: dict, city: City) -> Organisation:
    found, _ = Organisation.objects.update_or_create(
        name=item["name"], city=city, defaults={"kind": item.get("kind", "other"), "website": item.get("website", "")}
    )
    return found


def load_ideas(items: list) -> int:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    cities = {city.slug: city for city in City.objects.filter(slug__in={item["city"] for item in items})}
    for item in items:
        city = cities[item["city"]]
        published = datetime.combine(date.fromisoformat(item["published"]), time(9), tzinfo=UTC)
        contact = item.get("contact", {})
        idea, _ = GoodIdea.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "city": city,
                "organisation": organisation(item["organisation"], city),
                "year_started": item.get("year_started"),
                "still_running": item.get("still_running"),
                "status": GoodIdea.Status.PUBLISHED,
                "published_at": published,
                "last_verified": published.date(),
                "contact_name": contact.get("name", ""),
                "contact_email": contact.get("email", ""),
                "contact_phone": contact.get("phone", ""),
                "contact_website": contact.get("website", ""),
                **translated("contact_role", {code: contact.get("role", "") for code in LANGUAGE_CODES}),
                **translated("title", item["title"]),
                **translated("teaser", item["teaser"]),
                **translated("body", item["body"], clean=sanitize),
                **translated("beneficiaries", item.get("beneficiaries", {})),
                **translated("results", item.get("results", {})),
                **translated("adaptation", item.get("adapt", {})),
            },
        )
        idea.themes.set([themes[slug] for slug in item["themes"]])
        idea.partners.set([organisation(partner, city) for partner in item.get("partners", [])])
        idea.tags.set(item.get("tags", []), clear=True)
        idea.further_reading.all().delete()
        FurtherReading.objects.bulk_create(
            FurtherReading(idea=idea, url=link["url"], position=position, **translated("title", {"en": link["title"]}))
            for position, link in enumerate(item.get("further_reading", []))
        )
    return len(items)


def load() -> str:
    count = load_ideas(json.loads((DEMO_DIR / "ideas.json").read_text()))
    return f"{count} Good Ideas"
