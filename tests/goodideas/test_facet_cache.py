"""Facet counts are cached, and forgotten as soon as the editors change what is published."""

import re

import pytest

from core.lists.filtersets import ListFilterSet
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


def shown_counts(html, name):
    """{value: count} of facet `name` as the page shows it: `value="work"…(1)`."""
    pattern = rf'name="{name}" value="([^"]+)"[^>]*>\s*<label[^>]*>[^<]*<span class="facet__count">\((\d+)\)'
    found = re.findall(pattern, html)
    return {value: int(count) for value, count in found}


def test_the_facets_block_is_kept_per_choices_not_per_page_or_order(client, monkeypatch):
    for year in (2010, 2011):
        for _ in range(11):
            idea_with(themes=["work"], year_started=year)
    built = []
    facet_results = ListFilterSet.facet_results
    monkeypatch.setattr(ListFilterSet, "facet_results", lambda *args: built.append(1) or facet_results(*args))

    assert shown_counts(client.get("/en/ideas/").content.decode(), "theme") == {"work": 22}
    assert shown_counts(client.get("/en/ideas/?year=2010").content.decode(), "theme") == {"work": 11}
    assert len(built) == 2
    # Another page, another order of the same choices: the same block, not built again.
    html = client.get("/en/ideas/?year=2010&page=2&sort=title").content.decode()
    assert shown_counts(html, "theme") == {"work": 11}
    assert len(built) == 2
    # The same choices in another language: a block of its own.
    assert 'value="work"' in client.get("/fr/ideas/?year=2010").content.decode()
    assert len(built) == 3
