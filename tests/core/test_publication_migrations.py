"""The data migrations to the one publication rule (goodideas 0007, elibrary 0004, webinars 0005,
conversations 0006) map every row faithfully: the public sees exactly what it saw before, and each
old state gets its new status. Rows are made in every old state at the schema before those
migrations (MigrationExecutor), migrated forward, checked, migrated back and checked again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conversations.models import Issue, Item, NewsItem
from elibrary.models import Resource
from goodideas.models import GoodIdea
from tests.core.factories import old_publication_rows
from tests.core.support import BEFORE, latest, migrate
from webinars.models import Event, Webinar

AFTER = [
    ("goodideas", "0007_publishable"),
    ("elibrary", "0004_publishable"),
    ("webinars", "0005_publishable"),
    ("conversations", "0006_publishable"),
]


pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def public_now(at):
    """What the public sees with the new rule (published()), at the time `at`."""
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=at):
        return {
            GoodIdea: set(GoodIdea.objects.published().values_list("slug", flat=True)),
            Resource: set(Resource.objects.published().values_list("slug", flat=True)),
            Webinar: set(Webinar.objects.published().values_list("slug", flat=True)),
            Event: set(Event.objects.published().values_list("slug", flat=True)),
            Issue: set(Issue.objects.published().values_list("number", flat=True)),
            Item: set(Item.objects.published().values_list("slug", flat=True)),
            NewsItem: set(NewsItem.objects.published().values_list("slug", flat=True)),
        }


def assert_issues_and_news_migrated(now):
    """E-zine issues: published with a time in the past or future stay so; the rest are drafts."""
    issues = {issue.number: issue for issue in Issue.objects.all()}
    assert {number: issue.status for number, issue in issues.items()} == {
        1: "published",
        2: "published",
        3: "draft",
        4: "draft",
        5: "draft",
    }
    assert issues[1].published_at == issues[1].publish_at == now - timedelta(days=40)
    assert issues[4].publish_at == now - timedelta(days=1)
    assert issues[4].published_at is None
    assert set(Item.objects.values_list("status", flat=True)) == {"published"}
    assert Item.objects.get(slug="item-1").published_at == now - timedelta(days=40)  # its issue's date
    news = NewsItem.objects.get()
    assert (news.status, news.published_at) == ("published", news.created_at)


def test_every_row_keeps_what_the_public_sees_and_gets_its_status(old_apps):
    now = timezone.now()
    before = old_publication_rows(old_apps, now)

    migrate(latest())  # through the publication migrations to today's schema, which the models below read

    assert public_now(timezone.now()) == before
    statuses = dict(GoodIdea.objects.values_list("slug", "status"))
    assert statuses == {
        "draft": "draft",
        "was-public": "draft",
        "submitted": "in-review",
        "in-review": "in-review",
        "public": "published",
        "scheduled": "published",
        "no-date": "draft",  # was never public; published now, it would be
    }
    # Only the columns the schema has at this state (later migrations add others to the model).
    ideas = GoodIdea.objects.only("slug", "publish_at", "published_at")
    assert ideas.get(slug="scheduled").publish_at == now + timedelta(days=3)
    assert ideas.get(slug="was-public").published_at == now - timedelta(days=30)  # first published

    resources = {resource.slug: resource for resource in Resource.objects.all()}
    assert {slug: resource.status for slug, resource in resources.items()} == {
        "public": "published",
        "scheduled": "published",
        "hidden": "draft",
        "planned": "draft",
    }
    assert resources["scheduled"].publish_at == now + timedelta(days=3)
    assert resources["planned"].publish_at == now + timedelta(days=5)  # the editors' date, kept as a schedule
    assert resources["hidden"].published_at is None

    for model in (Webinar, Event):
        assert dict(model.objects.values_list("slug", "status")) == {"public": "published", "hidden": "draft"}
        assert model.objects.get(slug="public").published_at == model.objects.get(slug="public").created_at

    assert_issues_and_news_migrated(now)

    # The scheduled ones appear at their time, by themselves.
    later = public_now(now + timedelta(days=4))
    assert "scheduled" in later[GoodIdea]
    assert "scheduled" in later[Resource]
    assert 2 in later[Issue]
    assert "item-2" in later[Item]
    assert 3 not in later[Issue]
    assert 5 not in later[Issue]


def test_the_migrations_go_back_as_they_came(old_apps):
    now = timezone.now()
    before = old_publication_rows(old_apps, now)
    migrate(AFTER)

    old = migrate(BEFORE)

    ideas = old.get_model("goodideas", "GoodIdea").objects
    assert (
        set(ideas.filter(status="published", published_at__lte=now).values_list("slug", flat=True)) == before[GoodIdea]
    )
    resources = old.get_model("elibrary", "Resource").objects
    assert set(resources.filter(is_published=True).values_list("slug", flat=True)) == {"public", "scheduled"}
    assert (
        set(resources.filter(is_published=True, published_at__lte=now).values_list("slug", flat=True))
        == before[Resource]
    )
    for name in ("Webinar", "Event"):
        rows = old.get_model("webinars", name).objects
        assert set(rows.filter(published=True).values_list("slug", flat=True)) == {"public"}
    issues = old.get_model("conversations", "Issue").objects
    assert set(issues.filter(status="published", publish_at__lte=now).values_list("number", flat=True)) == before[Issue]
