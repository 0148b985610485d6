"""The E-Library's feed follows the library page's filters, and the page links to it."""

import pytest

from places.models import Theme
from tests.elibrary.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources():
    work = ResourceFactory(title_en="Jobs report", kind="research-report")
    work.themes.set(Theme.objects.filter(slug="work"))
    other = ResourceFactory(title_en="Housing guide")
    other.themes.set(Theme.objects.filter(slug="live"))
    return work, other


def test_feed_honours_the_list_filters(client, resources):
    whole = client.get("/en/library/feed/").content.decode()
    filtered = client.get("/en/library/feed/?theme=work").content.decode()

    assert "Jobs report" in whole
    assert "Housing guide" in whole
    assert "Jobs report" in filtered
    assert "Housing guide" not in filtered


@pytest.mark.parametrize("query", ["theme=nothing", "year_from=abc", "page=9&sort=title"])
def test_feed_ignores_what_the_list_ignores(client, resources, query):
    response = client.get(f"/en/library/feed/atom/?{query}")

    assert response.status_code == 200
    assert response.content.decode().count("<entry>") == 2


def test_list_links_to_the_feed_of_what_it_shows(client, resources):
    page = client.get("/en/library/?theme=work&page=1").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/en/library/feed/?theme=work"' in page
    assert 'href="/en/library/feed/atom/?theme=work"' in page


def test_feed_query_count_is_constant(client, resources, django_assert_max_num_queries, cold):
    with django_assert_max_num_queries(10) as few:
        client.get("/en/library/feed/?theme=work")
    for _ in range(10):
        ResourceFactory().themes.set(Theme.objects.filter(slug="work"))
    cold()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/library/feed/?theme=work")
