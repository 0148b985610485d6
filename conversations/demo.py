"""Demo content: three e-zine issues (the first built on the seeds' "2009: A Successful First Year" report
card) and a dozen integration news items, in English, French and German (conversations/demo/*.json).

Linked to the demo cities and countries of places/demo and the Good Ideas of goodideas/demo.
Idempotent: rows are found by issue number, item slug within its issue and news slug, and updated in
place.
"""

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

from conversations.models import Issue, Item, NewsItem
from core.demo import translated
from core.richtext import sanitize
from elibrary.models import Resource
from goodideas.models import GoodIdea
from places.models import City, Country, Theme

DEMO_DIR = Path(__file__).resolve().parent / "demo"

# E-Library resources (elibrary/demo/resources.json, loaded before the e-zine) each item points to, by item slug.
LIBRARY_RESOURCES = {
    "city-hall-as-a-welcome-desk": [
        "welcome-desks-for-international-residents",
        "newcomer-offices-in-city-hall",
        "diversity-at-the-heart-of-city-hall",
    ],
    "university-doors-open-in-geneva": ["opening-university-doors-refugee-students"],
    "answering-rumours-with-conversation": ["anti-rumour-handbook"],
    "shared-tables-in-kuala-lumpur": ["refugee-kitchens-social-enterprise-toolkit"],
}


def load_issues(data: list) -> int:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    cities = {city.slug: city for city in City.objects.all()}
    ideas = {idea.slug: idea for idea in GoodIdea.objects.all()}
    resources = {resource.slug: resource for resource in Resource.objects.only("slug")}
    items = 0
    for entry in data:
        issue, _ = Issue.objects.update_or_create(
            number=entry["number"],
            defaults={
                "slug": entry["slug"],
                "status": Issue.Status.PUBLISHED,
                "publish_at": datetime.combine(date.fromisoformat(entry["publish_at"]), time(9), tzinfo=UTC),
                **translated("title", entry["title"]),
                **translated("editorial", entry["editorial"], clean=sanitize),
                **translated("cover_alt", entry["cover_alt"]),
            },
        )
        for position, values in enumerate(entry["items"], start=1):
            item, _ = Item.objects.update_or_create(
                issue=issue,
                slug=values["slug"],
                defaults={
                    "position": position,
                    "kind": values["kind"],
                    "authors": values["authors"],
                    "media_url": values.get("media_url", ""),
                    **translated("title", values["title"]),
                    **translated("teaser", values["teaser"]),
                    **translated("body", values["body"], clean=sanitize),
                },
            )
            item.themes.set([themes[slug] for slug in values["themes"]])
            item.cities.set([cities[slug] for slug in values["cities"] if slug in cities])
            item.related_ideas.set([ideas[slug] for slug in values["ideas"] if slug in ideas])
            item.related_resources.set(
                [resources[slug] for slug in LIBRARY_RESOURCES.get(values["slug"], []) if slug in resources]
            )
            items += 1
    return items


def load_news(data: list) -> int:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    cities = {city.slug: city for city in City.objects.all()}
    countries = {country.slug: country for country in Country.objects.all()}
    for entry in data:
        news_item, _ = NewsItem.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "date": date.fromisoformat(entry["date"]),
                "city": cities.get(entry["city"]),
                "country": countries.get(entry["country"]),
                "source_name": entry["source_name"],
                "source_url": entry["source_url"],
                **translated("title", entry["title"]),
                **translated("summary", entry["summary"]),
            },
        )
        news_item.themes.set([themes[slug] for slug in entry["themes"]])
    return len(data)


def load() -> str:
    issues = json.loads((DEMO_DIR / "issues.json").read_text())
    items = load_issues(issues)
    news = load_news(json.loads((DEMO_DIR / "news.json").read_text()))
    return f"{len(issues)} e-zine issues with {items} items, {news} news items"
