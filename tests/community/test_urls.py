import pytest
from django.urls import resolve, reverse
from django.utils import translation

ROUTES = [
    ("community:index", {}, "/en/community/"),
    ("community:topic", {"slug": "work"}, "/en/community/work/"),
    ("community:thread", {"pk": 7, "slug": "who-pays"}, "/en/community/threads/7-who-pays/"),
    ("community:idea-ask", {"slug": "an-idea"}, "/en/community/ideas/an-idea/ask/"),
    ("community:profile", {}, "/en/accounts/profile/"),
    ("community:export", {}, "/en/accounts/export/"),
    ("community:delete-account", {}, "/en/accounts/delete/"),
    ("account_login", {}, "/en/accounts/login/"),
    ("account_signup", {}, "/en/accounts/signup/"),
]


@pytest.mark.parametrize(("name", "kwargs", "path"), ROUTES)
def test_routes_reverse_and_resolve(name, kwargs, path):
    with translation.override("en"):
        assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name


@pytest.mark.django_db
def test_sitemap_lists_topics_and_visible_threads(client):
    from community.models import Thread
    from tests.community.factories import ThreadFactory

    shown = ThreadFactory(title="Gezeigter Faden", language="de", topic__title_fr="Le travail")
    hidden = ThreadFactory(title="Hidden thread", status=Thread.Status.HIDDEN)

    xml = client.get("/sitemap.xml").content.decode()

    assert "/en/community/</loc>" in xml
    assert f"/fr{shown.topic.get_absolute_url()[3:]}" in xml  # the topic's title exists in French
    assert f"/de{shown.topic.get_absolute_url()[3:]}" not in xml  # but not in German
    # A thread is listed in the language it is written in.
    assert f"/de/community/threads/{shown.pk}-gezeigter-faden/" in xml
    assert f"/en/community/threads/{shown.pk}-gezeigter-faden/" not in xml
    assert f"/community/threads/{hidden.pk}-" not in xml
