"""Every feed keeps each item's XML (core.feeds.KeptItemsFeed): seen again, a feed reads the ids of its
items and no rows, and is the same; a feed sharing some items with one seen before reads only the others;
a change shows at once."""

from datetime import timedelta

import feedparser
import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.goodideas.factories import idea_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas():
    now = timezone.now()

    def idea(theme, title, age):
        return idea_with(themes=[theme], title_fr=title, published_at=now - age)

    work = [idea("work", f"Emploi {n}", timedelta(days=n)) for n in range(3)]
    live = [idea("live", f"Logement {n}", timedelta(days=n, hours=6)) for n in range(3)]
    return work, live


def reads_rows(queries) -> bool:
    """Whether a query read the ideas' rows (their teasers), not only their ids."""
    return any('"teaser_fr"' in query["sql"] for query in queries)


@pytest.mark.parametrize("path", ["/fr/ideas/feed/?theme=work", "/fr/ideas/feed/atom/"])
def test_a_feed_seen_again_reads_no_rows_and_is_the_same(client, ideas, path):
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(path)
    with CaptureQueriesContext(connection) as again_queries:
        again = client.get(path)

    assert reads_rows(first_queries)
    assert not reads_rows(again_queries)
    assert len(again_queries) < len(first_queries)
    assert again.content == first.content
    assert again["Last-Modified"] == first["Last-Modified"]


def test_a_feed_sharing_kept_items_shows_them_in_its_own_order(client, ideas):
    client.get("/fr/ideas/feed/?theme=live")  # keeps the three "live" items
    mixed = client.get("/fr/ideas/feed/").content
    caches["fragments"].clear()
    fresh = client.get("/fr/ideas/feed/").content

    assert mixed == fresh
    titles = [entry.title for entry in feedparser.parse(mixed).entries]
    assert [title.split(" (")[0] for title in titles] == [
        "Emploi 0",
        "Logement 0",
        "Emploi 1",
        "Logement 1",
        "Emploi 2",
        "Logement 2",
    ]


def test_rss_and_atom_keep_their_items_apart(client, ideas):
    client.get("/en/ideas/feed/")
    atom = feedparser.parse(client.get("/en/ideas/feed/atom/").content)
    rss = feedparser.parse(client.get("/en/ideas/feed/").content)

    assert (atom.version, len(atom.entries)) == ("atom10", 6)
    assert (rss.version, len(rss.entries)) == ("rss20", 6)
    assert not atom.bozo
    assert not rss.bozo


def test_an_idea_edited_after_the_feed_was_seen_shows_at_once(client, ideas):
    client.get("/fr/ideas/feed/")
    idea = ideas[0][1]
    idea.title_fr = "Emploi renommé"
    idea.save()

    titles = [entry.title for entry in feedparser.parse(client.get("/fr/ideas/feed/").content).entries]

    assert any(title.startswith("Emploi renommé (") for title in titles)
    assert not any(title.startswith("Emploi 1 (") for title in titles)


def test_each_language_keeps_its_own_items(client, ideas):
    client.get("/fr/ideas/feed/")
    english = feedparser.parse(client.get("/en/ideas/feed/").content)

    assert english.feed.language == "en"
    assert not any(entry.title.startswith(("Emploi", "Logement")) for entry in english.entries)
