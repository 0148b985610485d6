"""Facet counts are cached, and forgotten as soon as the editors change what is published."""

import pytest

from goodideas import services
from goodideas.models import GoodIdea
from tests.goodideas.factories import idea_with

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_cache_on")]


def theme_counts(client, url="/en/ideas/"):
    response = client.get(url)
    return {item.value: item.count for item in response.context["facets"]["theme"].values}


def test_cached_counts_change_when_an_idea_is_published(client, django_assert_max_num_queries):
    idea_with(themes=["work"])
    draft = idea_with(themes=["work"], status=GoodIdea.Status.DRAFT, published_at=None)
    assert theme_counts(client) == {"work": 1}

    with django_assert_max_num_queries(4):  # content version, count, page, themes: the facets come from the cache
        assert theme_counts(client) == {"work": 1}

    services.idea_publish(idea=draft)
    assert theme_counts(client) == {"work": 2}


def test_cache_is_per_language_and_filter(client):
    idea_with(themes=["work"], year_started=2010)
    idea_with(themes=["learn"], year_started=2011)

    assert theme_counts(client) == {"work": 1, "learn": 1}
    assert theme_counts(client, "/en/ideas/?year=2010") == {"work": 1}
    html = client.get("/fr/ideas/").content.decode()
    assert "Apprendre" in html
