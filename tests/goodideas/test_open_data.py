"""Open data exports and feeds."""

import csv
import io
import json

import feedparser
import pytest
from django.http import StreamingHttpResponse

from tests.goodideas.factories import idea_with
from tests.places.factories import CityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def body(response):
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def test_json_export_has_the_documented_shape(client, open_data_ideas):
    response = client.get("/en/ideas/export.json?city=berlin")

    assert response["Content-Type"].startswith("application/json")
    data = json.loads(body(response))
    assert data["count"] == 1
    (item,) = data["results"]
    assert set(item) == {
        *("title", "slug", "url", "teaser", "city", "themes", "tags", "organisation", "published"),
        *("evidence_level", "cost_band", "people_reached", "stage", "year_started", "year_ended"),
        *("success_factors", "adapted_in"),
    }
    assert item["title"] == "Museums welcome refugees"
    assert item["slug"] == "museums"
    assert item["url"] == "http://testserver/en/ideas/museums/"
    assert item["city"] == {"name": "Berlin", "slug": "berlin", "country": "Germany"}
    assert item["themes"] == ["learn", "connect"]
    assert item["tags"] == ["museums", "refugees"]
    assert item["organisation"] == "State Museums"
    assert len(item["published"]) == 10
    assert item["published"][4] == "-"


def test_json_export_in_french(client, open_data_ideas):
    data = json.loads(body(client.get("/fr/ideas/export.json?city=berlin")))

    assert data["results"][0]["title"] == "Les musées accueillent les réfugiés"
    assert data["results"][0]["city"]["country"] == "Allemagne"
    assert data["results"][0]["url"].endswith("/fr/ideas/museums/")


def test_exports_follow_the_filters(client, open_data_ideas):
    everything = json.loads(body(client.get("/en/ideas/export.json")))
    work = json.loads(body(client.get("/en/ideas/export.json?theme=work")))
    unknown = json.loads(body(client.get("/en/ideas/export.json?theme=nope")))
    none = json.loads(body(client.get("/en/ideas/export.json?theme=work&q=museums")))

    assert everything["count"] == 2
    assert {item["slug"] for item in everything["results"]} == {"museums", "jobs"}
    assert [item["slug"] for item in work["results"]] == ["jobs"]
    assert unknown == everything  # a theme that does not exist filters nothing
    assert none == {"count": 0, "results": []}


def test_csv_export(client, open_data_ideas):
    response = client.get("/en/ideas/export.csv?q=museums")

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert len(rows) == 1
    assert rows[0]["title"] == "Museums welcome refugees"
    assert rows[0]["city"] == "Berlin"
    assert rows[0]["themes"] == "learn connect"


def test_export_query_count_does_not_grow_with_rows(client, open_data_ideas, django_assert_max_num_queries):
    with django_assert_max_num_queries(6) as few:  # 6: the content version, count, themes, tags, adaptations, rows
        body(client.get("/en/ideas/export.json"))
    for _ in range(30):
        idea_with(themes=["work"], tags=["a", "b"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert json.loads(body(client.get("/en/ideas/export.json")))["count"] == 32


@pytest.mark.parametrize("path", ["feed/", "feed/atom/"])
@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_feeds_list_published_ideas_in_the_language(client, open_data_ideas, path, language):
    response = client.get(f"/{language}/ideas/{path}")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.language == language
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 2
    assert all("Draft" not in title for title in titles)
    links = [entry.link for entry in feed.entries]
    assert f"http://testserver/{language}/ideas/museums/" in links


def test_french_feed_in_french(client, open_data_ideas):
    feed = feedparser.parse(client.get("/fr/ideas/feed/").content)

    assert "Les musées accueillent les réfugiés (Berlin)" in [entry.title for entry in feed.entries]


def test_atom_feed_is_atom(client, open_data_ideas):
    feed = feedparser.parse(client.get("/en/ideas/feed/atom/").content)

    assert feed.version == "atom10"
    assert feed.entries[0].tags


def test_footer_links_the_feed(client, db):
    assert 'href="/en/ideas/feed/"' in client.get("/en/").content.decode()


@pytest.mark.parametrize(
    "query", ["q=%00%01", "q=" + "é" * 600, "theme=nope", "year=abc", "region=mars", "sort=zzz", "q=!!+(&sort=title"]
)
@pytest.mark.parametrize("path", ["export.json", "export.csv"])
def test_exports_take_bad_input(client, open_data_ideas, path, query):
    response = client.get(f"/en/ideas/{path}?{query}")

    assert response.status_code == 200
    body(response)


def test_export_search_and_list_search_agree(client, open_data_ideas):
    listed = client.get("/en/ideas/?q=museums").context["object_list"]
    exported = json.loads(body(client.get("/en/ideas/export.json?q=museums")))

    assert [idea.slug for idea in listed] == [item["slug"] for item in exported["results"]] == ["museums"]


def test_csv_cells_never_run_as_formulas_but_json_stays_exact(client):
    berlin = CityFactory(name_en="Berlin", slug="berlin")
    idea_with(
        title_en='=HYPERLINK("https://evil.example","Click")',
        teaser_en="+1 more job",
        slug="formula",
        city=berlin,
        organisation=OrganisationFactory(name="@Home Association", city=berlin),
        tags=["-minus"],
    )

    rows = list(csv.DictReader(io.StringIO(body(client.get("/en/ideas/export.csv")).lstrip("\ufeff"))))
    results = json.loads(body(client.get("/en/ideas/export.json")))["results"]

    assert rows[0]["title"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert rows[0]["teaser"] == "'+1 more job"
    assert rows[0]["organisation"] == "'@Home Association"
    assert rows[0]["tags"] == "'-minus"
    assert rows[0]["published"][:1].isdigit()
    assert results[0]["title"] == '=HYPERLINK("https://evil.example","Click")'
    assert results[0]["teaser"] == "+1 more job"
    assert results[0]["organisation"] == "@Home Association"
