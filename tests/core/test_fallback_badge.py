"""Readers see when a French or German page shows English text: a translated badge beside lang="en"."""

import pytest
from django.utils import translation

from tests.conversations.factories import NewsItemFactory
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "badge"), [("fr", "En anglais"), ("de", "Auf Englisch")])
def test_an_english_only_idea_says_so_on_french_and_german_pages(client, language, badge):
    idea = GoodIdeaFactory(title_en="Only in English")
    with translation.override(language):
        url = idea.get_absolute_url()

    html = client.get(url).content.decode()

    assert '<span lang="en">Only in English</span> <span class="fallback-badge">' + badge in html
    assert f'<p class="fallback-badge">{badge}</p><div lang="en">' in html  # the body


def test_the_english_page_has_no_badge(client):
    idea = GoodIdeaFactory(title_en="Only in English")

    html = client.get(idea.get_absolute_url()).content.decode()

    assert "fallback-badge" not in html


def test_a_translated_title_has_no_badge(client):
    news = NewsItemFactory(title_fr="Nouvelles", summary_fr="Résumé")
    with translation.override("fr"):
        url = news.get_absolute_url()

    html = client.get(url).content.decode()

    assert "<h1>Nouvelles</h1>" in html
    assert "fallback-badge" not in html
