"""One publication rule for every public kind (core.publication): statuses, scheduling, the staff
preview at one address shape with one banner, and one admin."""

import re
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.contrib import admin
from django.utils import timezone

from conversations.models import Issue, Item, NewsItem
from core.admin import PublishableAdmin
from core.publication import Publishable, Status
from elibrary.models import Resource
from goodideas.models import GoodIdea
from tests.conversations.factories import IssueFactory, ItemFactory, NewsItemFactory
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import GoodIdeaFactory
from webinars.models import Event, Webinar

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FACTORIES = {
    GoodIdea: GoodIdeaFactory,
    Resource: ResourceFactory,
    Issue: IssueFactory,
    Item: ItemFactory,
    NewsItem: NewsItemFactory,
}
KINDS = [GoodIdea, Resource, Webinar, Event, Issue, Item, NewsItem]
PREVIEW_ADDRESS = re.compile(r"^/en/(ideas|library|webinars|events|conversations|news)/preview/((issue|item)/)?\d+/$")


def make(model, **kwargs):
    from tests.webinars.factories import EventFactory, WebinarFactory

    return {**FACTORIES, Webinar: WebinarFactory, Event: EventFactory}[model](**kwargs)


def admin_list(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def test_every_public_kind_is_publishable():
    publishable = {model for model in apps.get_models() if issubclass(model, Publishable)}
    assert publishable == set(KINDS)


@pytest.mark.parametrize("model", KINDS)
def test_public_lists_have_an_index_on_status_and_published_at(model):
    assert any(list(index.fields[:2]) == ["status", "published_at"] for index in model._meta.indexes)


def test_published_is_the_one_definition_of_public():
    """No page, feed, sitemap, search source, export or template tag spells the rule out again."""
    spelled_out = re.compile(
        r"publish(ed)?_at__lte|published_at <=|is_published=True|\bpublished=True|__status=\S*PUBLISHED"
    )
    packages = [path for path in ROOT.iterdir() if (path / "__init__.py").exists() and path.name != "tests"]
    offenders = []
    for path in (path for package in packages for path in package.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts or relative.as_posix() == "core/publication.py":
            continue
        lines = enumerate(path.read_text().splitlines(), 1)
        offenders += [f"{relative}:{number}" for number, line in lines if spelled_out.search(line)]
    assert len(packages) >= 8  # core, places, the features, portal, the project
    assert offenders == []


def test_a_resource_is_a_draft_until_an_editor_publishes_it():
    assert Resource().status == Status.DRAFT
    assert Resource._meta.get_field("status").default == Status.DRAFT


@pytest.mark.parametrize("model", KINDS)
def test_scheduled_items_appear_by_themselves_at_their_time(client, model):
    later = timezone.now() + timedelta(hours=2)
    obj = make(model, status=Status.PUBLISHED, publish_at=later)

    assert obj.published_at == later
    assert obj.is_scheduled
    assert not obj.is_published
    assert not model.objects.published().filter(pk=obj.pk).exists()
    assert client.get(obj.get_absolute_url()).status_code == 404

    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        assert model.objects.published().filter(pk=obj.pk).exists()
        assert client.get(obj.get_absolute_url()).status_code == 200


def test_published_at_is_set_when_published_and_kept_when_withdrawn():
    idea = GoodIdeaFactory(status=Status.DRAFT, published_at=None)
    assert idea.published_at is None

    idea.publish()
    first = idea.published_at
    assert first is not None
    assert idea.is_published

    idea.withdraw()
    idea.refresh_from_db()
    assert (idea.status, idea.published_at) == (Status.WITHDRAWN, first)

    idea.publish()  # back: the date it was first published stays
    assert idea.published_at == first

    earlier = first - timedelta(days=1)
    idea.publish_at = earlier  # an editor sets the date
    idea.save()
    assert idea.published_at == earlier

    idea.publish_at = None  # then clears the field: the date it went public stays
    idea.save()
    assert idea.published_at == earlier


def test_clearing_a_schedule_ahead_publishes_at_once():
    later = timezone.now() + timedelta(days=3)
    resource = ResourceFactory(publish_at=later)
    assert not resource.is_published

    resource.publish_at = None
    resource.save()

    assert resource.is_published


def test_an_item_is_public_when_it_and_its_issue_are(client):
    item = ItemFactory(title_en="Withdrawn article")
    kept = ItemFactory(issue=item.issue, title_en="Kept article")
    item.withdraw()

    assert list(Item.objects.published()) == [kept]
    issue_page = client.get(item.issue.get_absolute_url()).content.decode()
    assert "Kept article" in issue_page
    assert "Withdrawn article" not in issue_page
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "Withdrawn article" not in client.get("/en/conversations/feed/").content.decode()

    draft_issue = IssueFactory(status=Status.DRAFT)
    waiting = ItemFactory(issue=draft_issue)
    assert waiting.status == Status.PUBLISHED  # items follow their issue
    assert not waiting.is_published
    assert client.get(waiting.get_absolute_url()).status_code == 404


def test_draft_news_stays_off_every_public_page(client):
    NewsItemFactory(title_en="Public news story")
    NewsItemFactory(title_en="Draft news story", status=Status.DRAFT)

    for address in ["/en/news/", "/en/news/feed/", "/en/", "/sitemap.xml", "/en/search/?q=news+story"]:
        content = client.get(address).content.decode()
        assert "Draft news story" not in content, address
        assert "draft-news" not in content, address
    assert "Public news story" in client.get("/en/news/").content.decode()


@pytest.mark.parametrize("model", KINDS)
def test_one_preview_for_every_kind(client, editor, django_user_model, model):
    obj = make(model, status=Status.DRAFT)
    preview = obj.get_preview_url()
    assert PREVIEW_ADDRESS.match(preview), preview

    assert client.get(obj.get_absolute_url()).status_code == 404
    assert client.get(preview).status_code == 404  # not even a sign that it exists
    staff = django_user_model.objects.create_user("staff", "s@example.org", "a long password 123", is_staff=True)
    client.force_login(staff)
    assert client.get(preview).status_code == 404  # staff who may not view this kind

    client.force_login(editor)
    response = client.get(preview)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'class="preview-banner"' in html
    assert "Not public yet: its status is “Draft”." in html
    assert client.get(obj.get_absolute_url()).status_code == 404  # the public address is still closed


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_preview_banner_speaks_the_page_language(client, editor, language):
    idea = GoodIdeaFactory(status=Status.IN_REVIEW)
    client.force_login(editor)

    html = client.get(idea.get_preview_url().replace("/en/", f"/{language}/", 1)).content.decode()

    expected = {"fr": "Pas encore en ligne", "de": "Noch nicht öffentlich"}[language]
    assert expected in html


def test_the_banner_says_when_a_scheduled_item_appears_and_links_a_public_one(client, editor):
    scheduled = ResourceFactory(publish_at=timezone.now() + timedelta(days=2))
    public = ResourceFactory()
    client.force_login(editor)

    assert "Scheduled: it appears on" in client.get(scheduled.get_preview_url()).content.decode()
    html = client.get(public.get_preview_url()).content.decode()
    assert "It is public now." in html
    assert f'href="{public.get_absolute_url()}"' in html


@pytest.mark.parametrize("model", KINDS)
def test_every_kind_has_the_publishable_admin(client, editor, model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, PublishableAdmin)
    draft = make(model, status=Status.DRAFT)
    client.force_login(editor)

    changelist = client.get(admin_list(model))
    assert changelist.status_code == 200
    html = changelist.content.decode()
    assert draft.get_preview_url() in html  # the Preview link of each row
    assert "?status__exact=draft" in html  # the status filter
    assert 'value="publish"' in html
    assert 'value="withdraw"' in html

    change = client.get(f"{admin_list(model)}{draft.pk}/change/").content.decode()
    assert draft.get_preview_url() in change
    assert "viewsitelink" not in change  # "View on site" only for what is public

    client.post(admin_list(model), {"action": "publish", "publish_untranslated": "yes", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "viewsitelink" in client.get(f"{admin_list(model)}{draft.pk}/change/").content.decode()

    client.post(admin_list(model), {"action": "withdraw", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
