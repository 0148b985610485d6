"""Redis down or hung: every page and form still works (without the cache), /healthz says so, a warning is logged."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from citiesofmigration.settings import redis_cache
from core import cache as fail_soft
from goodideas.models import GoodIdea
from tests.community.factories import PASSWORD, UserFactory
from tests.forms import admin_form
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.usefixtures("redis_out", "cache_outage_content")
@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/ideas/",
        "/fr/ideas/?theme=work",
        "/en/library/",
        "/de/library/?kind=research-report",
        "/en/search/?q=mentors",
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/en/accounts/password/reset/",
        "/en/newsletter/",
    ],
)
def test_pages_work_without_the_cache(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.usefixtures("redis_out")
def test_sign_in_works_without_the_cache_and_the_lockout_still_holds(client):
    member = UserFactory()

    wrong = client.post(url("account_login"), {"login": member.email, "password": "wrong"})
    right = client.post(url("account_login"), {"login": member.email, "password": PASSWORD})

    assert wrong.status_code == 200
    assert right.status_code == 302
    client.logout()
    # The lockout is kept in the database (django-axes): Redis down does not open it.
    statuses = [
        client.post(url("account_login"), {"login": member.email, "password": "wrong"}).status_code for _ in range(5)
    ]
    assert statuses[-1] == 429


@pytest.mark.usefixtures("redis_out")
def test_sign_up_password_reset_and_newsletter_work_without_the_cache(client):
    member = UserFactory()
    signup = client.post(
        url("account_signup"),
        {
            "display_name": "Ana P.",
            "email": "ana@example.org",
            "password1": "cities of migration 42",
            "password2": "cities of migration 42",
        },
    )
    reset = client.post(url("account_reset_password"), {"email": member.email})
    newsletter = client.post("/en/newsletter/", {"email": "reader@example.org", "language": "en", "website_url": ""})

    assert signup.status_code == 302
    assert reset.status_code == 302
    assert newsletter.status_code == 302


@pytest.mark.usefixtures("redis_out")
def test_asking_a_question_works_without_the_cache(client, settings):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 0
    idea = GoodIdeaFactory()
    client.force_login(UserFactory())

    response = client.post(
        url("community:idea-ask", slug=idea.slug), {"title": "How long?", "kind": "question", "body": "Tell us."}
    )

    assert response.status_code == 302


@pytest.mark.usefixtures("redis_out")
def test_an_editor_saves_a_good_idea_without_the_cache(client, editor):
    idea = GoodIdeaFactory(title_en="Before")
    client.force_login(editor)
    change = reverse("admin:goodideas_goodidea_change", args=[idea.pk])

    response = client.post(change, {**admin_form(client, change), "title_en": "After"})

    assert response.status_code == 302
    assert GoodIdea.objects.get(pk=idea.pk).title_en == "After"


def test_healthz_reports_the_cache_down_honestly(client, redis_out):
    response = client.get("/healthz")

    assert response.status_code == 503
    expected = "error: ConnectionError" if redis_out == "down" else "error: TimeoutError"
    assert (response.json()["database"], response.json()["cache"]) == ("ok", expected)


@pytest.mark.usefixtures("redis_out", "cache_outage_content")
def test_one_warning_is_logged_not_one_per_request(client, caplog):
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for path in ["/en/ideas/", "/en/library/", "/en/ideas/?theme=work"]:
            client.get(path)

    warnings = [record for record in caplog.records if record.name == "core.cache"]
    assert len(warnings) == 1
    assert "Cache unavailable" in warnings[0].getMessage()
    assert "rate limits not applied" in warnings[0].getMessage()


@pytest.mark.usefixtures("cache_outage_content")
def test_a_hung_redis_costs_one_timeout_not_one_per_cache_operation(client, settings, silent_server):
    settings.CACHES = {**settings.CACHES, "default": redis_cache(f"redis://127.0.0.1:{silent_server.port}/0")}
    try:
        for path in ["/en/ideas/", "/en/library/", "/en/ideas/?theme=work"]:  # dozens of cache operations
            assert client.get(path).status_code == 200
    finally:
        fail_soft._health.clear()

    # The first operation waited for the read timeout; then Redis was left alone.
    assert len(silent_server.connections) == 1
