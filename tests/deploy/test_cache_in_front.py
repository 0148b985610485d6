"""Varnish (deploy/default.vcl) in front of the balancer and the two app servers.

A published page is kept and served from the cache; a change of public content, committed anywhere,
makes the portal send PURGE (settings.CACHE_PURGE_URLS, core/cachepurge.py), so the next request
shows it.
"""

import pytest
import requests

from core.cachepurge import purge_all
from tests.community.factories import UserFactory
from tests.deploy.test_stateless import sign_in
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.usefixtures("transactional_db", "django_db_serialized_rollback")


@pytest.fixture
def purging(settings, site):
    settings.CACHE_PURGE_URLS = [f"{site.cache}/"]
    purge_all()  # what earlier tests left in the cache


def test_a_published_page_is_served_from_the_cache(cache_in_front, site, purging):
    idea = GoodIdeaFactory(title_en="Welcome centres in every borough")
    address = f"{site.cache}{idea.get_absolute_url()}"

    first, second = requests.get(address), requests.get(address)

    assert first.headers["X-Cache"] == "MISS"
    assert second.headers["X-Cache"] == "HIT"
    assert second.status_code == 200
    assert "Welcome centres in every borough" in second.text
    assert second.headers["ETag"] == first.headers["ETag"]
    # Kept for s-maxage; browsers keep it for max-age from what the portal said.
    assert second.headers["Cache-Control"] == "public, max-age=60, s-maxage=600"


def test_a_change_shows_on_the_next_request(cache_in_front, site, purging):
    idea = GoodIdeaFactory(title_en="Welcome centres in every borough")
    address = f"{site.cache}{idea.get_absolute_url()}"
    requests.get(address)
    assert requests.get(address).headers["X-Cache"] == "HIT"

    idea.title_en = "Welcome centres in every district"
    idea.save()

    after = requests.get(address)
    assert "Welcome centres in every district" in after.text
    assert after.headers["X-Cache"] == "MISS"


def test_without_the_purge_the_cache_would_show_the_old_page(cache_in_front, site, purging, settings):
    """What CACHE_PURGE_URLS is for: a cache that is not told keeps the page for s-maxage."""
    idea = GoodIdeaFactory(title_en="Welcome centres in every borough")
    address = f"{site.cache}{idea.get_absolute_url()}"
    requests.get(address)
    settings.CACHE_PURGE_URLS = []

    idea.title_en = "Welcome centres in every district"
    idea.save()

    assert "Welcome centres in every borough" in requests.get(address).text
    # The app servers behind have the new page already: the ETag moved on with the content version.
    assert "Welcome centres in every district" in requests.get(f"{site.balancer}{idea.get_absolute_url()}").text


def test_a_signed_in_member_is_never_served_from_the_cache(cache_in_front, site, purging):
    idea = GoodIdeaFactory()
    browser = requests.Session()
    assert sign_in(browser, site.cache, UserFactory().email).status_code == 302

    answers = [browser.get(f"{site.cache}{idea.get_absolute_url()}") for _ in range(2)]

    assert [answer.headers["X-Cache"] for answer in answers] == ["MISS", "MISS"]
    assert all(answer.headers["Cache-Control"] == "private, no-store" for answer in answers)
