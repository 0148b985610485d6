"""An idea's profile: content, fallback to English, related ideas, old slugs, drafts, queries."""

import json
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodideas import services
from goodideas.models import GoodIdea
from tests.goodideas.factories import FurtherReadingFactory, GoodIdeaFactory, idea_with
from tests.places.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_profile_shows_everything(client, idea):
    response = client.get("/en/ideas/museums-welcome-refugees/")

    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Museums welcome refugees",
        "Guides lead tours in Arabic.",
        "<h2>How it works</h2>",
        "Connect",
        "Learn",
        "Berlin",
        "State Museums",
        "museums",
        "2015",
        "Refugees and museum visitors.",
        "Tours for thousands.",
        "Any museum can hire guides.",
        "Ana Example",
        "Coordinator",
        "mailto:ana@example.org",
        "Report ",
        "3,700,000",
        "Statistik Berlin",
        "24.5",
        "Mikrozensus",
        "A city of newcomers.",
        'property="og:title"',
    ]:
        assert text in html, text
    partners = list(idea.partners.all())
    assert partners[0].name in html
    assert partners[1].name in html


def test_partners_and_further_reading_in_their_order_and_language_with_one_query(client):
    idea = idea_with(slug="harbour-walks", title_en="Harbour walks")
    idea.partners.set(
        [
            OrganisationFactory(name="Zebra Trust", website="https://zebra.example.org/"),
            OrganisationFactory(name="Anchor Club", website=""),
        ]
    )
    FurtherReadingFactory(idea=idea, position=2, title_en="Second report", url="https://example.org/second")
    FurtherReadingFactory(
        idea=idea, position=1, title_en="First report", title_fr="Premier rapport", url="https://example.org/first"
    )
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/fr/ideas/harbour-walks/").content.decode()

    partners = re.search(r"<ul class=\"plain\">(.*?)</ul>", html.split("Partenaires", 1)[1]).group(1)
    assert (
        partners == '<li>Anchor Club</li><li><a href="https://zebra.example.org/" rel="external">Zebra Trust</a></li>'
    )
    assert html.index(">Premier rapport</a>") < html.index("Second report</span></a>")  # by position, then in English
    assert '<a href="https://example.org/first" rel="external">Premier rapport</a>' in html
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "goodideas_goodidea_partners" in q["sql"] or "goodideas_furtherreading" in q["sql"]
    ]
    assert len(reads) == 1


def test_schema_org_metadata(client, idea):
    html = client.get("/en/ideas/museums-welcome-refugees/").content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Article"
    assert data["headline"] == "Museums welcome refugees"
    assert data["contentLocation"]["name"] == "Berlin"


def test_french_page_shows_french_and_marks_english(client, idea):
    html = client.get("/fr/ideas/museums-welcome-refugees/").content.decode()

    assert "Les musées accueillent les réfugiés" in html
    assert "Comment ça marche" in html
    assert '<span lang="en">Guides lead tours in Arabic.</span>' in html  # no French teaser
    assert '<span lang="en">Refugees and museum visitors.</span>' in html


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_profile_in_each_language(client, idea, language):
    response = client.get(f"/{language}/ideas/museums-welcome-refugees/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "in-review"])
def test_drafts_are_not_public(client, idea, status):
    GoodIdea.objects.filter(pk=idea.pk).update(status=status)

    assert client.get("/en/ideas/museums-welcome-refugees/").status_code == 404


def test_unknown_idea_is_not_found(client, db):
    assert client.get("/en/ideas/no-such-idea/").status_code == 404


def test_old_slug_redirects(client, idea):
    idea.slug = "multaqa"
    idea.save()
    services.idea_slug_changed(idea=idea, old_slug="museums-welcome-refugees")

    response = client.get("/fr/ideas/museums-welcome-refugees/")

    assert response.status_code == 301
    assert response["Location"] == "/fr/ideas/multaqa/"


def test_old_slug_of_an_unpublished_idea_does_not_redirect(client, idea):
    idea.slug = "multaqa"
    idea.save()
    services.idea_slug_changed(idea=idea, old_slug="museums-welcome-refugees")
    idea.withdraw()

    assert client.get("/en/ideas/museums-welcome-refugees/").status_code == 404


def links_in(html: str, section_class: str) -> list[str]:
    """The texts of the links in the page's <section class="… section_class …">, in order."""
    section = re.search(rf'<section class="[^"]*\b{section_class}\b[^"]*".*?</section>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]*)</a>", section.group()) if section else []


def test_related_ideas_are_computed_from_city_tags_and_themes(client, idea):
    idea_with(title_en="Same tags", tags=["museums", "refugees"])
    idea_with(title_en="Same city", city=idea.city, themes=["work"])
    idea_with(title_en="Same theme", themes=["learn"])
    idea_with(title_en="Nothing shared", themes=["plan"])

    html = client.get("/en/ideas/museums-welcome-refugees/").content.decode()

    assert links_in(html, "related") == ["Same tags", "Same city", "Same theme"]


def test_editors_choice_of_related_ideas_wins(client, idea):
    chosen = GoodIdeaFactory(title_en="Chosen by editors", themes=[])
    idea_with(title_en="Same tags", tags=["museums"])
    idea.related.add(chosen)

    html = client.get("/en/ideas/museums-welcome-refugees/").content.decode()

    assert links_in(html, "related") == ["Chosen by editors"]


def test_city_box_lists_other_ideas_of_the_city(client, idea):
    other = idea_with(title_en="Another Berlin idea", city=idea.city)

    html = client.get("/en/ideas/museums-welcome-refugees/").content.decode()

    assert links_in(html, "city-box") == [other.title, f"About {idea.city.name}"]


def test_detail_query_count_is_constant(client, idea, django_assert_max_num_queries, cold):
    idea_with(city=idea.city, themes=["learn"], tags=["museums"])  # a related idea: its cards are a query
    # 18 when nothing is kept: the content version (ETag, fragments); read once per version (core.kept): the
    # cities, themes and tags, the ideas adapted in/from, each city's ideas and each idea's webinars (with
    # the time of the next scheduled publication); the rows of the cards not kept.
    with django_assert_max_num_queries(18) as few:
        client.get("/en/ideas/museums-welcome-refugees/")
    for _ in range(44):
        idea_with(city=idea.city, themes=["learn"], tags=["museums"])
    idea.partners.add(*OrganisationFactory.create_batch(10))
    cold()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/en/ideas/museums-welcome-refugees/").status_code == 200


def test_related_ideas_cards_once_shown_need_no_rows(client, idea):
    """A related idea's card is kept like any card: once shown, the page reads the ranking, not the ideas."""
    idea_with(title_en="Same tags", tags=["museums", "refugees"])
    client.get("/en/ideas/museums-welcome-refugees/")  # what every page keeps per content version
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as cards_not_kept:
        client.get("/en/ideas/museums-welcome-refugees/")
    with CaptureQueriesContext(connection) as cards_kept:
        html = client.get("/en/ideas/museums-welcome-refugees/").content.decode()

    assert "Same tags" in html
    assert len(cards_kept.captured_queries) == len(cards_not_kept.captured_queries) - 1
