"""RSS and Atom feeds of the news and the e-zine, in each language, parsed back with feedparser."""

import feedparser
import pytest

from places.models import Theme
from tests.conversations.factories import IssueFactory, ItemFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("news/feed/", "rss20"),
        ("news/feed/atom/", "atom10"),
        ("conversations/feed/", "rss20"),
        ("conversations/feed/atom/", "atom10"),
    ],
)
def test_feeds_are_valid_in_each_language(client, content, language, path, version):
    response = client.get(f"/{language}/{path}")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.get("language", language).startswith(language)
    assert len(feed.entries) == 1
    assert feed.entries[0].link.startswith(f"http://testserver/{language}/")


def test_feeds_speak_the_language_of_the_url(client, content):
    fr = feedparser.parse(client.get("/fr/conversations/feed/").content)
    de = feedparser.parse(client.get("/de/news/feed/atom/").content)

    assert fr.entries[0].title == "Guichet d'accueil"
    assert fr.entries[0].link == "http://testserver/fr/conversations/4/welcome/"
    assert de.entries[0].title == "Stadt eröffnet ein Willkommenszentrum"


def test_unpublished_items_stay_out_of_the_feed(client, content):
    feed = feedparser.parse(client.get("/en/conversations/feed/").content)
    assert [entry.title for entry in feed.entries] == ["Welcome desk"]


@pytest.mark.parametrize("path", ["/en/conversations/", "/en/news/", "/en/conversations/4/welcome/"])
def test_pages_link_their_feeds(client, content, path):
    html = client.get(path).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/en/news/feed/atom/"' in html
    assert 'href="/en/conversations/feed/"' in html


def test_footer_lists_the_feeds(client):
    html = client.get("/de/").content.decode()
    assert 'href="/de/news/feed/"' in html
    assert 'href="/de/conversations/feed/"' in html


@pytest.mark.parametrize("path", ["/en/news/feed/", "/en/conversations/feed/atom/"])
def test_feed_query_count_is_constant(client, path, django_assert_max_num_queries):
    from places.models import Theme

    themes = list(Theme.objects.all()[:2])
    issue = IssueFactory()
    for _n in range(5):
        NewsItemFactory(themes=themes)
        ItemFactory(issue=issue).themes.set(themes)
    # the version, the ids of the items, the rows of those not kept and their themes (core.feeds)
    with django_assert_max_num_queries(4):
        client.get(path)
    for _n in range(45):
        NewsItemFactory(themes=themes)
        ItemFactory(issue=issue).themes.set(themes)
    with django_assert_max_num_queries(4):
        feed = feedparser.parse(client.get(path).content)
    assert len(feed.entries) == 30


def test_news_feed_honours_the_list_filters_and_the_list_links_to_it(client):
    NewsItemFactory(title_en="Jobs news", themes=Theme.objects.filter(slug="work"))
    NewsItemFactory(title_en="Housing news", themes=Theme.objects.filter(slug="live"))

    feed = client.get("/en/news/feed/?theme=work").content.decode()
    page = client.get("/en/news/?theme=work").content.decode()

    assert "Jobs news" in feed
    assert "Housing news" not in feed
    assert 'href="/en/news/feed/?theme=work"' in page
