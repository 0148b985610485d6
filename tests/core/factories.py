"""Rows of the historical models (a migration test's `apps`), in every state the old publication fields could hold."""

from datetime import date, timedelta

from conversations.models import Issue, Item, NewsItem
from elibrary.models import Resource
from goodideas.models import GoodIdea
from webinars.models import Event, Webinar


def old_ideas_and_resources(old, now):
    """Good Ideas and library resources in every old state; the place they need."""
    country = old.get_model("places", "Country").objects.create(name="Testland", slug="testland", code="TL")
    city = old.get_model("places", "City").objects.create(
        name="Testcity", slug="testcity", country=country, latitude=1, longitude=1
    )
    # Rows with foreign keys, as real ones have: their deferred checks must not stop the schema changes.
    publisher = old.get_model("places", "Organisation").objects.create(name="Publisher", city=city)
    ideas = old.get_model("goodideas", "GoodIdea").objects
    for slug, status, published_at in [
        ("draft", "draft", None),
        ("was-public", "draft", now - timedelta(days=30)),  # unpublished by an editor
        ("submitted", "submitted", None),
        ("in-review", "in-review", None),
        ("public", "published", now - timedelta(days=3)),
        ("scheduled", "published", now + timedelta(days=3)),
        ("no-date", "published", None),
    ]:
        ideas.create(
            title=slug, title_en=slug, slug=slug, teaser="t", city=city, status=status, published_at=published_at
        )

    resources = old.get_model("elibrary", "Resource").objects
    for slug, is_published, published_at in [
        ("public", True, now - timedelta(days=3)),
        ("scheduled", True, now + timedelta(days=3)),
        ("hidden", False, now - timedelta(days=3)),
        ("planned", False, now + timedelta(days=5)),
    ]:
        resources.create(
            title=slug,
            slug=slug,
            publication_year=2020,
            publisher=publisher,
            is_published=is_published,
            published_at=published_at,
        )
    return city, ideas, resources


def old_ezine_and_webinars(old, now, city):
    """Webinars, events, e-zine issues with an item each, and a news item, in every old state."""
    start = now + timedelta(days=10)
    for name in ("Webinar", "Event"):
        rows = old.get_model("webinars", name).objects
        for slug, published in [("public", True), ("hidden", False)]:
            times = (
                {"starts_at": start, "ends_at": start + timedelta(hours=1)}
                if name == "Webinar"
                else {"starts_on": start.date(), "ends_on": start.date(), "city": city}
            )
            rows.create(title=slug, title_en=slug, slug=slug, summary="s", published=published, **times)

    issues = old.get_model("conversations", "Issue").objects
    items = old.get_model("conversations", "Item").objects
    for number, status, publish_at in [
        (1, "published", now - timedelta(days=40)),
        (2, "published", now + timedelta(days=2)),  # scheduled
        (3, "published", None),  # published without a time: hidden
        (4, "draft", now - timedelta(days=1)),
        (5, "draft", None),
    ]:
        issue = issues.create(number=number, title=f"Issue {number}", status=status, publish_at=publish_at)
        items.create(issue=issue, title=f"Item {number}", slug=f"item-{number}")
    news = old.get_model("conversations", "NewsItem").objects
    news.create(
        title="News", slug="news", summary="s", source_name="s", source_url="https://example.org", date=date(2024, 1, 1)
    )
    return issues, items


def old_publication_rows(old, now):
    """One row in each state the old fields could hold; returns what the public saw (old rules)."""
    city, ideas, resources = old_ideas_and_resources(old, now)
    issues, items = old_ezine_and_webinars(old, now, city)
    return {
        GoodIdea: set(ideas.filter(status="published", published_at__lte=now).values_list("slug", flat=True)),
        Resource: set(resources.filter(is_published=True, published_at__lte=now).values_list("slug", flat=True)),
        Webinar: {"public"},
        Event: {"public"},
        Issue: set(issues.filter(status="published", publish_at__lte=now).values_list("number", flat=True)),
        Item: set(items.filter(issue__status="published", issue__publish_at__lte=now).values_list("slug", flat=True)),
        NewsItem: {"news"},
    }
