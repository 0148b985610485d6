"""The demo community loads on top of the demo Good Ideas, in three languages, and loading it twice changes nothing."""

import pytest
from django.core.management import call_command

from community.models import Post, Profile, Thread, Topic

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Profile.objects.order_by("pk").values_list("pk", "display_name")),
        list(Topic.objects.order_by("pk").values_list("pk", "slug", "title_fr")),
        list(Thread.objects.order_by("pk").values_list("pk", "title", "last_activity")),
        list(Post.objects.order_by("pk").values_list("pk", "body_markdown", "status")),
    )


def test_demo_is_idempotent_and_multilingual(client):
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)

    assert snapshot() == first
    assert Topic.objects.count() == 5
    assert set(Thread.objects.values_list("language", flat=True)) == {"en", "fr", "de"}
    assert Thread.objects.filter(idea__isnull=False).count() >= 3
    assert Thread.objects.filter(webinar__isnull=False).count() == 2
    assert Thread.objects.filter(item__isnull=False).count() == 1
    item_page = client.get("/fr/conversations/3/answering-rumours-with-conversation/").content.decode()
    assert "Quelles rumeurs reviennent le plus souvent" in item_page
    webinar_page = client.get("/en/webinars/libraries-as-first-stops/").content.decode()
    assert "newcomers who never come into the library" in webinar_page
    assert all(not profile.user.has_usable_password() for profile in Profile.objects.select_related("user"))
    assert client.get("/fr/community/").status_code == 200
    assert "Travail et compétences" in client.get("/fr/community/").content.decode()
