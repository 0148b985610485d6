"""The content version (core.versioning): every change to public content, whichever way it is made,
shows at once on the cached pages (the Good Ideas facet counts, the library's counts and pages)."""

import re
import threading

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from conversations.models import Issue, Item, ItemImage, NewsItem
from core import versioning
from core.versioning import content_version
from elibrary import importer
from elibrary.models import Resource
from goodideas import services
from goodideas.models import FurtherReading, GoodIdea
from places.models import City, Country, Organisation, Theme
from tests.elibrary.factories import ResourceFactory
from tests.forms import admin_form
from tests.goodideas.factories import GoodIdeaFactory, idea_with
from webinars.models import Event, EventLink, Session, Speaker, Webinar, WebinarSpeaker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_caches_on")]


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def count(client, label, url="/en/ideas/") -> int:
    """The count a facet shows next to `label` ("Work (2)"), 0 when it is not shown."""
    found = re.search(rf"{re.escape(label)} \((\d+)\)", page_text(client, url))
    return int(found[1]) if found else 0


def test_the_public_models_are_found_from_the_models():
    from django.contrib.auth import get_user_model

    from community.models import Follow, Post, Profile, Report, Thread, Topic
    from conversations.models import Subscriber
    from goodideas.models import Proposal
    from places.models import Tag, TaggedItem
    from webinars.models import Registration

    found = versioning.public_models()

    for model in [GoodIdea, Resource, Webinar, Event, Issue, Item, NewsItem]:  # the Publishable kinds
        assert found[model] is True
    for model in [Theme, Country, City, Organisation, Tag, TaggedItem, Speaker, WebinarSpeaker]:
        assert found[model] is True  # what they point to, and link tables of their own
    for model in [FurtherReading, ItemImage, Session, EventLink]:
        assert found[model] is True  # the parts of their pages they name (public_parts)
    assert found[GoodIdea.themes.through] is False  # an automatic link table: m2m_changed only
    for model in [Topic, Thread, Post, Profile]:
        assert found[model] is True  # what members write that public pages show (public_content)
    for model in [Proposal, Registration, Subscriber, Follow, Report, get_user_model()]:
        assert model not in found  # private: a sign-in or a report must not move the version


def test_a_change_in_the_admin_shows_at_once(client, editor):
    idea_with(themes=["work"])
    draft = idea_with(themes=["work"], status=GoodIdea.Status.DRAFT)
    client.force_login(editor)
    assert count(client, "Work") == 1

    client.post(
        "/admin/goodideas/goodidea/",
        {"action": "publish", "publish_untranslated": "yes", "_selected_action": [draft.pk]},
    )
    assert count(client, "Work") == 2

    # The change form: its themes are saved after the idea itself, and count too.
    change = f"/admin/goodideas/goodidea/{draft.pk}/change/"
    data = admin_form(client, change)
    data["themes"] = [str(Theme.objects.get(slug="learn").pk)]
    assert client.post(change, data).status_code == 302
    assert (count(client, "Work"), count(client, "Learn")) == (1, 1)

    client.post(f"/admin/goodideas/goodidea/{draft.pk}/delete/", {"post": "yes"})
    assert count(client, "Learn") == 0


def test_a_service_changes_the_cached_counts(client):
    draft = idea_with(themes=["work"], status=GoodIdea.Status.DRAFT)
    assert count(client, "Work") == 0

    services.idea_publish(idea=draft)

    assert count(client, "Work") == 1


def test_a_save_and_a_delete_from_the_shell_change_the_cached_counts(client):
    idea = idea_with(themes=["work"])
    other = idea_with(themes=["work"])
    assert count(client, "Work") == 2

    idea.status = GoodIdea.Status.WITHDRAWN
    idea.save()
    assert count(client, "Work") == 1

    other.delete()
    assert count(client, "Work") == 0


def test_many_to_many_changes_change_the_cached_counts(client):
    idea = idea_with(themes=["work"])
    learn = Theme.objects.get(slug="learn")
    assert count(client, "Learn") == 0

    idea.themes.add(learn)
    assert count(client, "Learn") == 1

    learn.ideas.remove(idea)  # from the other side
    assert count(client, "Learn") == 0

    idea.tags.add("housing")  # taggit's links
    assert count(client, "housing") == 1
    idea.tags.clear()
    assert count(client, "housing") == 0


def test_a_change_to_a_place_shows_in_the_cached_labels(client):
    idea = idea_with(themes=["work"])
    assert count(client, idea.city.name) == 1

    city = City.objects.get(pk=idea.city_id)
    city.name_en = city.name = "Renamed city"
    city.save()

    assert count(client, "Renamed city") == 1


def test_loading_the_demo_changes_the_cached_pages(client):
    assert count(client, "Work") == 0
    assert "0 resources" in page_text(client, "/en/library/")

    call_command("load_demo", verbosity=0)

    assert count(client, "Work") > 0
    assert "0 resources" not in page_text(client, "/en/library/")


def test_the_library_cache_follows_every_change(client, editor):
    resource = ResourceFactory(title_en="Housing first in Helsinki", status=Resource.Status.DRAFT)
    assert "0 resources" in page_text(client, "/en/library/")

    client.force_login(editor)
    client.post(
        "/admin/elibrary/resource/",
        {"action": "publish", "publish_untranslated": "yes", "_selected_action": [resource.pk]},
    )
    text = page_text(client, "/en/library/")
    assert "1 resource" in text
    assert "Housing first in Helsinki" in text

    resource.themes.add(Theme.objects.get(slug="live"))
    assert count(client, "Live", "/en/library/") == 1

    importer.import_csv("slug,title_en,year,url\nsecond,A second report,2020,https://example.org/second\n")
    assert "2 resources" in page_text(client, "/en/library/")

    resource.delete()
    assert "1 resource" in page_text(client, "/en/library/")


def test_a_bulk_update_does_not_change_the_version_until_bump_is_called(client):
    """QuerySet.update() sends no signal: bulk writers call versioning.bump() (README, Layout)."""
    idea = idea_with(themes=["work"])
    assert count(client, "Work") == 1

    GoodIdea.objects.filter(pk=idea.pk).update(status=GoodIdea.Status.WITHDRAWN)
    assert count(client, "Work") == 1  # still the cached count

    versioning.bump()
    assert count(client, "Work") == 0


def test_one_new_number_per_transaction_unless_it_was_read_between():
    idea = GoodIdeaFactory()
    before = content_version()

    with transaction.atomic():
        for number in range(5):
            idea.title_en = f"Title {number}"
            idea.save()
        assert content_version() == before + 1
        idea.save()  # read in between: a fragment cached since must not keep its key
        assert content_version() == before + 2


def save_then_fail(idea):
    with transaction.atomic():
        idea.save()
        raise RuntimeError


def test_a_rolled_back_change_takes_its_number_with_it():
    idea = GoodIdeaFactory()
    before = content_version()

    with pytest.raises(RuntimeError):
        save_then_fail(idea)
    assert content_version() == before

    idea.save()  # the mark of the rolled-back savepoint went with it: a new UPDATE
    assert content_version() == before + 1


def test_read_once_per_request_and_at_each_call_outside_one():
    with CaptureQueriesContext(connection) as outside:
        content_version()
        content_version()
    assert len(outside) == 2

    # As the test client does: the signals without closing the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        with CaptureQueriesContext(connection) as inside:
            first = content_version()
            assert content_version() == first
        assert len(inside) == 1
        GoodIdeaFactory()  # a change in the request: the next read sees the new number
        assert content_version() == first + 1
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def read_in_another_connection() -> int:
    """content_version() as another process (a gunicorn worker) reads it: on a connection of its own."""
    found = []

    def read():
        try:
            found.append(content_version())
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return found[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_connection_sees_the_new_number_once_the_change_is_committed():
    before = read_in_another_connection()

    with transaction.atomic():
        GoodIdeaFactory()
        assert content_version() == before + 1  # the writer's own transaction
        assert read_in_another_connection() == before  # not committed: nothing to see yet

    assert read_in_another_connection() == before + 1


def test_a_kept_value_is_built_again_when_a_scheduled_publication_comes_due(django_assert_num_queries):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    from goodideas.models import GoodIdea
    from tests.goodideas.factories import GoodIdeaFactory

    later = timezone.now() + timedelta(hours=1)
    GoodIdeaFactory(title_en="Now")
    GoodIdeaFactory(title_en="Scheduled", publish_at=later)
    titles = versioning.KeptPerVersion(
        lambda: sorted(GoodIdea.objects.published().values_list("title_en", flat=True)),
        until=GoodIdea.objects.next_publication,
    )

    assert titles() == ["Now"]
    # Kept: one query (the content version), nothing is due yet.
    with (
        mock.patch("django.utils.timezone.now", return_value=later - timedelta(seconds=1)),
        django_assert_num_queries(1),
    ):
        assert titles() == ["Now"]
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        assert titles() == ["Now", "Scheduled"]
