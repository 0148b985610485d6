"""Integration news: newest first, filters by theme, country and city, pages, bad input."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from places.models import Theme
from tests.conversations.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [item.title for item in response.context["news"]]


def test_newest_first(client, news):
    assert titles(client.get("/en/news/")) == ["German news", "Toronto news", "Berlin news"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=work", ["Toronto news", "Berlin news"]),
        ("theme=learn", ["German news", "Toronto news"]),
        ("country=germany", ["German news", "Berlin news"]),  # the country's own news and its cities'
        ("city=toronto", ["Toronto news"]),
        ("theme=work&country=germany", ["Berlin news"]),
    ],
)
def test_filters(client, news, query, expected):
    assert titles(client.get(f"/en/news/?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    ["theme=nope", "country=%00", "city=" + "x" * 500, "page=999", "page=-1", "page=x", "theme=work&theme=live"],
)
def test_bad_input_never_500(client, news, query):
    response = client.get(f"/en/news/?{query}")
    assert response.status_code == 200  # a stale or odd filter is ignored: the list is still shown


@pytest.mark.parametrize("query", ["theme=nope", "country=atlantis", "city=%00", "city=" + "x" * 500])
def test_unknown_filter_value_is_ignored_and_not_shown_as_applied(client, news, query):
    response = client.get(f"/fr/news/?{query}")
    content = response.content.decode()
    assert response.status_code == 200
    assert len(titles(response)) == len(news)
    assert "errorlist" not in content
    assert "aria-invalid" not in content
    assert " selected>" not in content.replace('<option value="" selected>', "")
    assert not response.context["filterset"].is_filtered


def test_unknown_value_beside_a_known_one(client, news):
    response = client.get("/en/news/?theme=nope&city=toronto")
    assert titles(response) == ["Toronto news"]
    assert response.context["filterset"].is_filtered


def test_a_long_search_is_cut_not_refused(client, news):
    response = client.get("/en/news/", {"q": "Toronto " * 40})  # 320 characters, cut to 200
    assert response.status_code == 200
    assert titles(response) == ["Toronto news"]
    assert "errorlist" not in response.content.decode()


@pytest.mark.parametrize(("page", "shown"), [("999", 2), ("0", 1), ("x", 1), ("-1", 1)])
def test_a_page_that_is_not_a_page_shows_the_first_or_the_last(client, places, page, shown):
    for n in range(25):
        NewsItemFactory(date=date(2020, 1, 1 + n))
    response = client.get("/en/news/", {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


def test_news_detail_page(client, news):
    response = client.get(news["berlin"].get_absolute_url())
    assert response.status_code == 200
    assert "https://example.org/news" in response.content.decode()
    assert client.get("/en/news/no-such-news/").status_code == 404


def test_french_news_page(client, news):
    news["berlin"].title_fr = "Nouvelles de Berlin"
    news["berlin"].save()
    html = client.get("/fr/news/").content.decode()
    assert "Nouvelles de Berlin" in html
    assert '<span lang="en">Toronto news</span>' in html


def test_pagination(client, places):
    for n in range(25):
        NewsItemFactory(date=date(2020, 1, 1 + n))
    assert len(client.get("/en/news/").context["news"]) == 20
    assert len(client.get("/en/news/?page=2").context["news"]) == 5


def test_news_list_query_count_is_constant(client, places, django_assert_max_num_queries):
    work = Theme.objects.get(slug="work")
    for _n in range(5):
        NewsItemFactory(city=places["berlin"], themes=[work])
    with django_assert_max_num_queries(7):
        assert client.get("/en/news/?theme=work").status_code == 200
    for _n in range(45):
        NewsItemFactory(city=places["toronto"], themes=[work])
    with django_assert_max_num_queries(7):
        assert client.get("/en/news/?theme=work").status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get("/en/news/?page=2").status_code == 200


def test_search_the_news_in_any_language(client, news):
    news["berlin"].summary_de = "Die Stadt eröffnet ein Willkommenszentrum für Geflüchtete."
    news["berlin"].save()
    assert titles(client.get("/en/news/?q=Willkommenszentrum")) == ["Berlin news"]
    assert titles(client.get("/en/news/?q=Toronto&theme=work")) == ["Toronto news"]
    assert client.get("/en/news/?q=" + "%22" * 300).status_code == 200
    assert client.get("/en/news/?q=%00%01").status_code == 200


def counting(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].startswith("WITH m AS")]


def test_counts_are_kept_for_the_same_choices_until_news_is_published(client, news, settings):
    settings.LIST_COUNTS_CACHE_SECONDS = 120
    with CaptureQueriesContext(connection) as first:
        client.get("/en/news/?theme=work")
    with CaptureQueriesContext(connection) as again:
        response = client.get("/en/news/?theme=work&page=1")  # another address of the same choices
    assert len(counting(first.captured_queries)) == 1
    assert counting(again.captured_queries) == []
    assert titles(response) == ["Toronto news", "Berlin news"]

    NewsItemFactory(title_en="Late news", date=date(2024, 6, 1), themes=[Theme.objects.get(slug="work")])
    response = client.get("/en/news/?theme=work")
    assert titles(response) == ["Late news", "Toronto news", "Berlin news"]
    assert response.context["paginator"].count == 3
