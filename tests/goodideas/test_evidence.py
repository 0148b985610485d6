"""Evidence and transfer on Good Ideas: facets of the list, open-data columns, the idea and city pages."""

import csv
import io
import json

import pytest

from goodideas.models import Adaptation
from tests.goodideas.factories import AdaptationFactory, GoodIdeaFactory, ideas_in_cities

pytestmark = pytest.mark.django_db


def facet(response, name):
    return {item.value: item.count for item in response.context["facets"][name].values}


def titles(response):
    return {idea.title for idea in response.context["object_list"]}


@pytest.fixture
def rated():
    return {
        "evaluated": GoodIdeaFactory(
            title_en="Evaluated mentoring", evidence_level="evaluated", cost_band="low", stage="running"
        ),
        "described": GoodIdeaFactory(title_en="Described cafe", evidence_level="described", stage="pilot"),
        "unknown": GoodIdeaFactory(title_en="Unknown garden"),
    }


def test_evidence_cost_and_stage_are_facets_with_counts(client, rated):
    response = client.get("/en/ideas/?evidence=evaluated")

    assert titles(response) == {"Evaluated mentoring"}
    assert facet(response, "evidence") == {"described": 1, "evaluated": 1}  # disjunctive: what a tick adds
    assert facet(response, "cost") == {"low": 1}
    assert facet(response, "stage") == {"running": 1}


def test_facets_combine(client, rated):
    response = client.get("/en/ideas/?evidence=evaluated&evidence=described&stage=pilot")

    assert titles(response) == {"Described cafe"}


@pytest.mark.parametrize("query", ["evidence=strong", "cost=free", "stage=%00", "evidence=", "cost=" + "x" * 500])
def test_unknown_values_are_ignored_not_an_error(client, rated, query):
    response = client.get(f"/en/ideas/?{query}")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == 3
    assert response.context["active_filters"] == []


def test_open_data_has_the_new_columns(client, rated):
    AdaptationFactory(idea=rated["evaluated"], city__slug="lisbon")

    rows = list(
        csv.DictReader(io.StringIO(b"".join(client.get("/en/ideas/export.csv").streaming_content).decode("utf-8-sig")))
    )
    data = json.loads(b"".join(client.get("/en/ideas/export.json?evidence=evaluated").streaming_content))

    by_title = {row["title"]: row for row in rows}
    assert by_title["Evaluated mentoring"]["evidence_level"] == "evaluated"
    assert by_title["Evaluated mentoring"]["cost_band"] == "low"
    assert by_title["Evaluated mentoring"]["adapted_in"] == "lisbon"
    assert by_title["Unknown garden"]["evidence_level"] == ""
    assert data["count"] == 1
    assert data["results"][0]["stage"] == "running"
    assert data["results"][0]["adapted_in"] == ["lisbon"]


@pytest.mark.parametrize(
    ("language", "badge", "fact"),
    [
        ("en", "Evidence 4/5: Independently evaluated", "Key success factors"),
        ("fr", "Preuves 4/5 : Évaluée de façon indépendante", "Facteurs clés de succès"),
        ("de", "Nachweis 4/5: Unabhängig evaluiert", "Wichtigste Erfolgsfaktoren"),
    ],
)
def test_idea_page_shows_badges_facts_and_adaptations(client, language, badge, fact):
    idea = GoodIdeaFactory(
        evidence_level="evaluated",
        cost_band="medium",
        stage="ended",
        year_started=2010,
        year_ended=2014,
        people_reached=12500,
        success_factors=["employers", "partnerships"],
        adaptation_en="<p>Start with two employers.</p>",
    )
    copy = GoodIdeaFactory(title_en="Lisbon's version")
    AdaptationFactory(idea=idea, city=copy.city, adapted_idea=copy, year=2018)

    page = client.get(f"/{language}{idea.get_absolute_url()[3:]}").content.decode()
    copy_page = client.get(copy.get_absolute_url()).content.decode()

    assert badge in page
    assert fact in page
    assert f'href="/{language}/ideas/evidence/#level-evaluated"' in page
    assert "2014" in page
    assert "<p>Start with two employers.</p>" in page
    assert "Lisbon&#x27;s version" in page or "Lisbon's version" in page
    assert idea.title in copy_page  # "adapted from" on the other idea


def test_idea_without_evidence_shows_no_badge(client):
    idea = GoodIdeaFactory()

    assert "evidence-badge" not in client.get(idea.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "How strong is the evidence?"), ("fr", "Quelle est la solidité des preuves ?"), ("de", "Wie stark")],
)
def test_evidence_scale_page_in_three_languages(client, rated, language, heading, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(f"/{language}/ideas/evidence/")

    assert heading in response.content.decode()
    levels = {level["value"]: level["count"] for level in response.context["levels"]}
    assert levels == {"described": 1, "monitored": 0, "outcomes": 0, "evaluated": 1, "compared": 0}


def test_city_pages_show_ideas_adapted_here_and_elsewhere(client):
    idea = GoodIdeaFactory(title_en="Origin idea")
    adaptation = AdaptationFactory(idea=idea, year=2020)

    origin = client.get(idea.city.get_absolute_url())
    destination = client.get(adaptation.city.get_absolute_url())

    assert list(origin.context["adapted_elsewhere"]) == [adaptation]
    assert list(destination.context["adapted_here"]) == [adaptation]
    assert "Origin idea" in destination.content.decode()


def test_adaptations_of_unpublished_ideas_stay_hidden(client, draft):
    adaptation = AdaptationFactory(idea=draft)

    assert list(client.get(adaptation.city.get_absolute_url()).context["adapted_here"]) == []
    assert Adaptation.objects.city_pairs() == []


def test_city_pairs_for_the_map(client):
    adaptation = AdaptationFactory()

    assert Adaptation.objects.city_pairs() == [(adaptation.idea.city.slug, adaptation.city.slug)]


def test_idea_page_query_count_does_not_grow_with_adaptations(client, django_assert_max_num_queries, cold):
    idea = GoodIdeaFactory()
    AdaptationFactory(idea=idea, adapted_idea=GoodIdeaFactory())  # that idea is related too: its card is a query
    with django_assert_max_num_queries(40) as few:
        client.get(idea.get_absolute_url())
    for _ in range(5):
        AdaptationFactory(idea=idea, adapted_idea=GoodIdeaFactory())
    cold()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(idea.get_absolute_url()).status_code == 200


def test_list_query_count_with_evidence_facets(client, places, django_assert_max_num_queries):
    ideas_in_cities(5, places)
    client.get("/en/ideas/?evidence=evaluated&cost=low&stage=running")
    with django_assert_max_num_queries(12) as few:
        client.get("/en/ideas/?evidence=evaluated&cost=low&stage=running")
    ideas_in_cities(45, places)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/en/ideas/?evidence=evaluated&cost=low&stage=running").status_code == 200


def test_ideas_feed_honours_the_list_filters_and_the_list_links_to_it(client, rated):
    feed = client.get("/en/ideas/feed/?evidence=evaluated&page=2").content.decode()
    page = client.get("/en/ideas/?evidence=evaluated&sort=title").content.decode()

    assert "Evaluated mentoring" in feed
    assert "Described cafe" not in feed
    assert 'href="/en/ideas/feed/?evidence=evaluated"' in page
    assert 'type="application/rss+xml"' in page


def test_an_idea_page_says_where_it_was_adapted_and_from_where(client):
    idea = GoodIdeaFactory(title_en="Origin idea")
    copy = GoodIdeaFactory(title_en="The copy")
    AdaptationFactory(idea=idea, adapted_idea=copy, city=copy.city, year=2020, note_en="With the city's libraries")

    origin = client.get(idea.get_absolute_url()).content.decode()
    adapted = client.get(copy.get_absolute_url()).content.decode()

    assert "<h3>Adapted in</h3>" in origin
    assert f'<a href="{copy.city.get_absolute_url()}">{copy.city.name}</a>' in origin
    assert "(2020)" in origin
    assert ": With the city&#x27;s libraries" in origin  # escaped as Django escapes it (tr)
    assert f' · <a href="{copy.get_absolute_url()}">The copy</a>' in origin
    assert "<h3>Adapted from</h3>" in adapted
    assert f'<a href="{idea.get_absolute_url()}">Origin idea</a>, {idea.city.name} (2020)' in adapted
