"""Readers see when a French or German page shows English text: a translated badge beside lang="en"."""

import pytest
from django.utils import translation

from tests.conversations.factories import IssueFactory, ItemFactory, NewsItemFactory
from tests.elibrary.factories import ResourceFactory
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


# List cards ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "badge"), [("fr", "En anglais"), ("de", "Auf Englisch")])
def test_a_list_card_in_english_says_so_beside_its_title_once(client, language, badge):
    GoodIdeaFactory(title_en="Only in English", teaser_en="An English teaser.")

    html = client.get(f"/{language}/ideas/").content.decode()

    card = html[html.index("Only in English") - 200 : html.index("An English teaser.") + 200]
    assert f'<span lang="en">Only in English</span></a> <span class="fallback-badge">{badge}</span>' in card
    assert card.count("fallback-badge") == 1  # not again beside the teaser
    assert '<span lang="en">An English teaser.</span>' in card


def test_a_card_with_a_french_title_and_an_english_teaser_marks_the_teaser(client):
    GoodIdeaFactory(title_en="Housing", title_fr="Logement abordable", teaser_en="An English teaser.")

    html = client.get("/fr/ideas/").content.decode()

    assert '<span lang="en">An English teaser.</span> <span class="fallback-badge">En anglais</span>' in html
    assert "Logement abordable</a> </h2>" in html  # no badge beside the French title


def test_english_list_cards_have_no_badge(client):
    GoodIdeaFactory(title_en="Only in English")
    NewsItemFactory(title_en="English news")

    for url in ("/en/ideas/", "/en/news/"):
        assert "fallback-badge" not in client.get(url).content.decode()


@pytest.mark.parametrize("path", ["/fr/news/", "/fr/library/"])
def test_other_list_cards_carry_the_badge_too(client, path):
    from tests.elibrary.factories import ResourceFactory

    NewsItemFactory(title_en="English news")
    ResourceFactory(title_en="English guide")

    html = client.get(path).content.decode()

    assert '</span></a> <span class="fallback-badge">En anglais</span>' in html


# Home-page teasers and the lists of related ideas -----------------------------------------------


@pytest.mark.parametrize(("language", "badge"), [("fr", "En anglais"), ("de", "Auf Englisch")])
def test_the_home_page_teasers_in_english_say_so(client, language, badge):
    GoodIdeaFactory(title_en="An English idea")
    GoodIdeaFactory(title_en="Housing", title_fr="Logement", title_de="Wohnen")
    issue = IssueFactory(title_en="An English issue")
    ItemFactory(issue=issue, title_en="An English item")

    html = client.get(f"/{language}/").content.decode()

    for title in ("An English idea", "An English issue", "An English item"):
        assert f'<span lang="en">{title}</span></a> <span class="fallback-badge">{badge}</span>' in html
    translated = {"fr": "Logement", "de": "Wohnen"}[language]
    assert f">{translated}</a> </h3>" in html  # no badge where the title is translated


def test_the_related_ideas_of_a_resource_say_which_are_in_english(client):
    resource = ResourceFactory(title_fr="Une ressource")
    resource.related_ideas.add(GoodIdeaFactory(title_en="An English idea"))
    with translation.override("de"):
        url = resource.get_absolute_url()

    html = client.get(url).content.decode()

    assert '<span lang="en">An English idea</span></a> <span class="fallback-badge">Auf Englisch</span>' in html
