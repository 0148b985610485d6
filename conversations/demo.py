"""Demo content: three e-zine issues (the first built on the seeds' "2009: A Successful First Year" report
card) and a dozen integration news items, in English, French and German (conversations/demo/*.json).

Linked to the demo cities and countries of places/demo, the Good Ideas of goodideas/demo and the library
resources of elibrary/demo. Idempotent: issues by number, items by slug within their issue, news by slug.
"""

from datetime import UTC, date, datetime, time

from conversations.models import Issue, Item, NewsItem
from core.demo import by_slug, pick, read, save
from core.richtext import sanitize
from elibrary.models import Resource
from goodideas.models import GoodIdea
from places.models import City, Country, Theme


def load_items(issue: Issue, items: list, links: dict) -> None:
    for position, values in enumerate(items, start=1):
        save(
            Item,
            {"issue": issue, "slug": values["slug"]},
            fields={
                "position": position,
                "kind": values["kind"],
                "authors": values["authors"],
                "media_url": values.get("media_url", ""),
            },
            texts={key: values[key] for key in ("title", "teaser", "body")},
            clean={"body": sanitize},
            many={
                "themes": pick(links["themes"], values["themes"]),
                "cities": pick(links["cities"], values["cities"]),
                "related_ideas": pick(links["ideas"], values["ideas"]),
                "related_resources": pick(links["resources"], values["resources"]),
            },
        )


def load_issues(data: list, links: dict) -> int:
    for entry in data:
        issue = save(
            Issue,
            {"number": entry["number"]},
            fields={
                "slug": entry["slug"],
                "status": Issue.Status.PUBLISHED,
                "publish_at": datetime.combine(date.fromisoformat(entry["publish_at"]), time(9), tzinfo=UTC),
            },
            texts={key: entry[key] for key in ("title", "editorial", "cover_alt")},
            clean={"editorial": sanitize},
        )
        load_items(issue, entry["items"], links)
    return sum(len(entry["items"]) for entry in data)


def load_news(data: list, links: dict) -> int:
    countries = by_slug(Country)
    for entry in data:
        save(
            NewsItem,
            {"slug": entry["slug"]},
            fields={
                "date": date.fromisoformat(entry["date"]),
                "city": links["cities"].get(entry["city"]),
                "country": countries.get(entry["country"]),
                "source_name": entry["source_name"],
                "source_url": entry["source_url"],
            },
            texts={key: entry[key] for key in ("title", "summary")},
            many={"themes": pick(links["themes"], entry["themes"])},
        )
    return len(data)


def load() -> str:
    links = {
        "themes": by_slug(Theme),
        "cities": by_slug(City),
        "ideas": by_slug(GoodIdea),
        "resources": by_slug(Resource),
    }
    issues = read(__file__, "issues.json")
    items = load_issues(issues, links)
    news = load_news(read(__file__, "news.json"), links)
    return f"{len(issues)} e-zine issues with {items} items, {news} news items"
