"""What search engines and link previews read: sitemap, robots, OpenGraph, JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory

pytestmark = pytest.mark.django_db


def jsonld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def meta(response, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', response.content.decode())
    assert match, f"no {prop}"
    return match.group(1)


def test_an_idea_page_is_a_schema_org_article_with_its_place(client):
    idea = GoodIdeaFactory(title_en="Museums welcome refugees", title_fr="Les musées accueillent les réfugiés")
    response = client.get(f"/fr/ideas/{idea.slug}/")
    data = jsonld(response)
    assert data["@type"] == "Article"
    assert data["headline"] == "Les musées accueillent les réfugiés"
    assert data["inLanguage"] == "fr"
    assert data["contentLocation"]["@type"] == "Place"
    assert data["url"].endswith(f"/fr/ideas/{idea.slug}/")
    assert meta(response, "og:type") == "article"
    assert meta(response, "og:title") == "Les musées accueillent les réfugiés"
    assert meta(response, "og:locale") == "fr_FR"
    assert meta(response, "twitter:card") == "summary"


def test_json_ld_cannot_be_broken_out_of(client):
    idea = GoodIdeaFactory(title_en="</script><script>alert(1)</script>")
    content = client.get(f"/en/ideas/{idea.slug}/").content.decode()
    assert "<script>alert(1)" not in content
    assert "\\u003C/script\\u003E" in content


def test_a_city_page_is_a_schema_org_place(client):
    city = CityFactory(name_en="Lisbon", slug="lisbon", latitude=38.72, longitude=-9.14)
    GoodIdeaFactory(city=city)
    data = jsonld(client.get("/en/cities/lisbon/"))
    assert data["@type"] == "Place"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 38.72, "longitude": -9.14}


@pytest.mark.parametrize("path", ["/en/", "/fr/about/", "/de/ideas/", "/en/search/?q=x"])
def test_every_page_has_a_description_and_a_link_preview(client, path):
    response = client.get(path)
    assert meta(response, "description")
    assert meta(response, "og:title")
    assert meta(response, "og:image").startswith("http://testserver/static/img/og-default")
    assert meta(response, "twitter:title") == meta(response, "og:title")


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client) -> dict[str, set[str]]:
    """{address listed: the hreflang codes of its alternates}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", SITEMAP_NS).text: {link.get("hreflang") for link in url.findall("x:link", SITEMAP_NS)}
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_each_page_in_three_languages_with_alternates(client):
    idea = GoodIdeaFactory(title_fr="Une idée", title_de="Eine Idee")
    listed = sitemap(client)
    for language in ("en", "fr", "de"):
        assert listed[f"http://testserver/{language}/ideas/{idea.slug}/"] == {"en", "fr", "de", "x-default"}
        assert listed[f"http://testserver/{language}/about/"] == {"en", "fr", "de", "x-default"}


def test_sitemap_lists_an_english_only_idea_in_english_only(client):
    idea = GoodIdeaFactory(title_en="Only in English")
    french = GoodIdeaFactory(title_en="Also in French", title_fr="Aussi en français")
    listed = sitemap(client)
    assert listed[f"http://testserver/en/ideas/{idea.slug}/"] == {"en", "x-default"}
    assert f"http://testserver/fr/ideas/{idea.slug}/" not in listed
    assert f"http://testserver/de/ideas/{idea.slug}/" not in listed
    assert listed[f"http://testserver/fr/ideas/{french.slug}/"] == {"en", "fr", "x-default"}
    assert f"http://testserver/de/ideas/{french.slug}/" not in listed
    # Lists exist in every language.
    assert listed["http://testserver/de/ideas/"] == {"en", "fr", "de", "x-default"}


def test_page_head_names_only_the_languages_its_content_exists_in(client):
    idea = GoodIdeaFactory(title_en="Only in English")
    french = GoodIdeaFactory(title_en="Also in French", title_fr="Aussi en français")
    alternate = re.compile(r'<link rel="alternate" hreflang="([^"]+)"')

    assert set(alternate.findall(client.get(f"/fr/ideas/{idea.slug}/").content.decode())) == {"en", "x-default"}
    assert set(alternate.findall(client.get(f"/en/ideas/{french.slug}/").content.decode())) == {
        "en",
        "fr",
        "x-default",
    }
    assert set(alternate.findall(client.get("/en/ideas/").content.decode())) == {"en", "fr", "de", "x-default"}
    # The language links of the frame still offer every language.
    assert 'hreflang="de" lang="de"' in client.get(f"/en/ideas/{idea.slug}/").content.decode()


def test_sitemap_queries_do_not_grow_with_the_content(client, django_assert_max_num_queries):
    GoodIdeaFactory.create_batch(5, title_fr="Une idée")
    with django_assert_max_num_queries(30) as few:
        sitemap(client)
    GoodIdeaFactory.create_batch(45, title_fr="Une idée")
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed = sitemap(client)
    assert sum("/fr/ideas/" in address for address in listed) == 51  # 50 ideas and the list


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_exports(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /fr/ideas/export" in text
    assert "Disallow: /de/accounts/" in text


def test_a_community_thread_is_a_discussion_forum_posting(client):
    from tests.community.factories import ThreadFactory

    thread = ThreadFactory(title="Where do newcomers find housing?")
    data = jsonld(client.get(thread.get_absolute_url()))
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == "Where do newcomers find housing?"
