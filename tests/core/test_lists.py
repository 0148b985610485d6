"""The list engine (core.lists): one query for the counts and the page, one rule for bad input, the
same search behaviour in every box. Each list's own tests (goodideas, elibrary, webinars, news,
community, site search) check its filters; here what all of them share."""

import dataclasses
import html
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import lists, search
from goodideas.filters import GoodIdeaFilter
from goodideas.models import GoodIdea
from places.models import Theme
from tests.community.factories import PostFactory, ThreadFactory
from tests.conversations.factories import NewsItemFactory
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import idea_with
from tests.webinars.factories import EventFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def reading(sql: str) -> bool:
    """Does this statement read rows (not only a setting of the connection)?"""
    return "set_config(" not in sql


def bound(query: str) -> GoodIdeaFilter:
    return GoodIdeaFilter(QueryDict(query), queryset=GoodIdea.objects.published())


def test_the_total_every_facet_and_the_page_come_from_one_query(ideas, in_request, django_assert_num_queries, settings):
    # in_request: the synonyms of the words come from the cache, at the content version read once
    settings.LIST_COUNTS_CACHE_SECONDS = 0  # the counting itself; a cached count adds the version's read
    ContentType.objects.get_for_model(GoodIdea)  # kept by Django once asked (the tag facet's link)
    filterset = bound("theme=learn&city=berlin&year=2015&q=refugees&page=1")
    filterset.values  # noqa: B018 - reads the address: one query per filter given (theme, city, year)
    search.query("refugees")  # PostgreSQL parses the words once, then they come from the cache
    # The one query reading the rows, after turning sequential scans off for it (the words are matched
    # through the search index: search.matched_by_index) and, in the test's transaction, on again.
    with django_assert_num_queries(3) as found:
        counted = filterset.counted(sort="relevance", page=1, per_page=20)
    assert [bool(reading(query["sql"])) for query in found.captured_queries] == [False, True, False]
    assert counted.total == 1
    assert counted.page_ids == [ideas[0].pk]
    assert set(counted.counts) == {"theme", "region", "country", "city", "tag", "year", "evidence", "cost", "stage"}


@pytest.mark.parametrize(
    ("address", "passes"),
    [("", 1), ("q=mentors", 1), ("theme=learn&year=2015", 1), ("city=berlin&region=europe&stage=running", 1)],
)
def test_the_column_facets_over_the_same_rows_are_counted_in_one_pass(ideas, monkeypatch, settings, address, passes):
    """Region, country, city, year, stage, evidence and cost are columns of the idea (or its city): counted
    over the same rows, they share one GROUPING SETS pass over the matches, and count as each alone."""
    settings.LIST_COUNTS_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        together = bound(address).counted(sort="newest", page=1, per_page=10)
    [sql] = [q["sql"] for q in queries.captured_queries if "WITH m AS" in q["sql"]]
    assert sql.count("GROUPING SETS") == passes
    monkeypatch.setattr(lists.counts, "_grouped", lambda facets, where_of: ([], {}))
    alone = bound(address).counted(sort="newest", page=1, per_page=10)
    assert {name: sorted(values) for name, values in together.counts.items()} == {
        name: sorted(values) for name, values in alone.counts.items()
    }
    assert (together.total, together.page_ids) == (alone.total, alone.page_ids)


def test_counts_are_disjunctive_each_facet_over_every_other_filter(ideas):
    filterset = bound("theme=learn&city=berlin")
    counted = filterset.counted(sort="newest", page=1, per_page=20)
    facets = filterset.facet_results(counted, QueryDict("theme=learn&city=berlin"))
    # Themes of the ideas in Berlin (the theme filter left out), cities of the ideas in "learn".
    assert {v.value: v.count for v in facets["theme"].values} == {"learn": 2, "connect": 1}
    assert {v.value: v.count for v in facets["city"].values} == {"berlin": 2}
    assert {v.value: v.count for v in facets["year"].values} == {"2015": 1, "2016": 1}
    assert counted.total == 2


def test_a_page_past_the_last_is_the_last_page_without_a_second_query(ideas, django_assert_num_queries, settings):
    settings.LIST_COUNTS_CACHE_SECONDS = 0  # the counting itself; a cached count adds the version's read
    ContentType.objects.get_for_model(GoodIdea)
    filterset = bound("")
    filterset.values  # noqa: B018
    with django_assert_num_queries(1):
        counted = filterset.counted(sort="newest", page=10**9, per_page=20)
    assert counted.total == 25
    assert len(counted.page_ids) == 5
    paginator = lists.CountedPaginator(counted.total, 20)
    assert paginator.number(10**9) == 2
    assert paginator.number(0) == 1
    assert lists.CountedPaginator(0, 20).number(3) == 1  # an empty list has one (empty) page


@pytest.mark.parametrize("sort", ["newest", "title", "relevance"])
def test_another_page_or_order_of_counted_choices_finds_only_its_ids(
    ideas, in_request, django_assert_num_queries, settings, sort
):
    """The counts of the same choices are kept whatever the page and order: a deep page costs one light query."""
    settings.LIST_COUNTS_CACHE_SECONDS = 60
    ContentType.objects.get_for_model(GoodIdea)
    address = "q=mentors" if sort == "relevance" else ""
    first = bound(address)
    first.values  # noqa: B018
    counted = first.counted(sort="newest", page=1, per_page=10)
    for page in (2, 3, 10**9):
        expected = dataclasses.replace(counted, page_ids=[])
        filterset = bound(address)
        filterset.values  # noqa: B018
        with django_assert_num_queries(3 if address else 1) as found:  # with words: the setting, set and put back
            again = filterset.counted(sort=sort, page=page, per_page=10)
        [query] = [query["sql"] for query in found.captured_queries if reading(query["sql"])]
        assert "count(" not in query.lower()
        settings.LIST_COUNTS_CACHE_SECONDS = 0
        fresh = bound(address).counted(sort=sort, page=page, per_page=10)
        settings.LIST_COUNTS_CACHE_SECONDS = 60
        assert again.page_ids == fresh.page_ids
        assert dataclasses.replace(again, page_ids=[]) == expected


@pytest.mark.parametrize("address", ["q=mentors&sort=newest", "q=mentors", "q=mentors&sort=title", "theme=work"])
def test_a_later_page_of_few_rows_finds_them_first_then_orders_them(ideas, monkeypatch, address):
    """Walking an order's index to a page is right when most rows match; for few (a rare word), it read
    every row (4.8 s at 100,000 resources): they are found first, then ordered (counts.page_of)."""
    sort = dict(QueryDict(address).items()).get("sort", "relevance" if "q=" in address else "newest")
    counted = bound(address).counted(sort=sort, page=1, per_page=5)
    assert counted.page_total > 10

    def page(number):
        filterset = bound(address)
        filterset.values  # noqa: B018
        with CaptureQueriesContext(connection) as queries:
            ids = filterset.page_ids(counted, sort, number, 5)
        [sql] = [q["sql"] for q in queries.captured_queries if reading(q["sql"]) and "goodideas_goodidea" in q["sql"]]
        return ids, sql

    found = {number: page(number) for number in (2, 3)}
    assert all("MATERIALIZED" in sql for _ids, sql in found.values())
    monkeypatch.setattr(lists.counts, "FEW", 0)  # as if many rows matched: the index walked
    for number, (ids, _sql) in found.items():
        walked, sql = page(number)
        assert "MATERIALIZED" not in sql
        assert walked == ids
    assert bound(address).counted(sort=sort, page=2, per_page=5).page_ids == found[2][0]  # as the count query


@pytest.mark.parametrize(
    ("query", "ignored"),
    [
        ("theme=nope", [("Theme", "nope")]),
        ("year=abc&year=1850", [("Year started", "abc"), ("Year started", "1850")]),
        ("running=maybe&region=mars", [("Region", "mars"), ("Still running", "maybe")]),
        ("theme=work&theme=%3Cscript%3E", [("Theme", "<script>")]),
    ],
)
def test_the_form_is_never_invalid_and_says_what_it_ignored(ideas, query, ignored):
    filterset = bound(query)
    assert filterset.form.is_valid()
    assert sorted((str(label), value) for label, value in filterset.ignored) == sorted(ignored)
    assert "nope" not in str(filterset.applied)
    assert "mars" not in str(filterset.applied)


def test_every_list_says_what_it_ignored_and_escapes_it(client, ideas):
    ResourceFactory()
    NewsItemFactory()
    WebinarFactory()
    for address in ["/en/ideas/", "/en/library/", "/en/news/", "/en/webinars/", "/en/search/?q=museums"]:
        response = client.get(address, {"theme": "<b>nope</b>", "type": "<b>nope</b>"})
        content = response.content.decode()
        assert response.status_code == 200, address
        assert "“&lt;b&gt;nope&lt;/b&gt;” (ignored)" in content, address
        assert "<b>nope</b>" not in content


def test_the_words_are_cut_to_the_one_bound(ideas):
    long_words = "museums " * 100
    filterset = bound(f"q={long_words}")
    assert len(filterset.query_text) == search.MAX_QUERY_LENGTH
    assert filterset.counted(sort="relevance", page=1, per_page=20).total == 1


@pytest.mark.parametrize(
    ("query", "asked", "used"),
    [
        ("", None, "newest"),
        ("", "relevance", "newest"),  # no words: nothing to be relevant to
        ("q=refugees", None, "relevance"),
        ("q=refugees", "title", "title"),
        ("", "upside-down", "newest"),
    ],
)
def test_one_sort_rule(ideas, query, asked, used):
    filterset = bound(query)
    assert filterset.sort_key(asked) == used
    assert ("relevance" in dict(filterset.sort_choices())) == bool(filterset.query_text)


def test_title_order_is_in_the_page_language_and_ignores_case(client, ideas):
    GoodIdea.objects.filter(pk=ideas[2].pk).update(title_fr="aaa un café")
    response = client.get("/fr/ideas/", {"sort": "title", "year": "2015"})
    assert [idea.pk for idea in response.context["object_list"]] == [ideas[2].pk, ideas[0].pk]


def test_each_applied_value_has_a_link_to_the_list_without_it(client, ideas):
    response = client.get("/en/library/", {"theme": "work", "kind": "toolkit", "page": "3", "q": "x"})
    chips = {chip.label: chip.remove_url for chip in response.context["active_filters"]}
    assert chips == {"Work": "?kind=toolkit&q=x", "Toolkit": "?theme=work&q=x"}
    assert 'href="?kind=toolkit&amp;q=x"' in response.content.decode()


@pytest.mark.parametrize(
    ("address", "factory", "field"),
    [
        ("/en/ideas/", lambda: idea_with(teaser_en="Volunteers run a welcome desk at the station."), None),
        ("/en/news/", lambda: NewsItemFactory(summary_en="Volunteers run a welcome desk at the station."), None),
        ("/en/library/", lambda: ResourceFactory(summary_en="Volunteers run a welcome desk at the station."), None),
    ],
)
def test_lists_that_show_a_text_mark_the_words_found_in_it(client, address, factory, field):
    factory()
    content = client.get(address, {"q": "welcome desk"}).content.decode()
    assert "<mark>welcome</mark> <mark>desk</mark>" in content


def test_community_threads_found_by_a_reply_show_the_reply_marked(client):
    thread = ThreadFactory(title="A question about Lisbon")
    PostFactory(thread=thread, body_markdown="Start with the housing office of the city.")
    content = client.get("/en/community/", {"q": "housing office"}).content.decode()
    assert "<mark>housing</mark> <mark>office</mark>" in content
    assert "A question about Lisbon" in content


@pytest.mark.parametrize(
    ("address", "make", "typo", "meant"),
    [
        ("/en/ideas/", lambda: idea_with(title_en="Mentoring newcomers"), "mentorinng", "mentoring"),
        ("/en/library/", lambda: ResourceFactory(title_en="Mentoring newcomers"), "mentorinng", "mentoring"),
        ("/en/news/", lambda: NewsItemFactory(title_en="Mentoring newcomers"), "mentorinng", "mentoring"),
        (
            "/en/webinars/",
            lambda: WebinarFactory(title_en="Mentoring newcomers", starts_at=timezone.now() - timedelta(days=3)),
            "mentorinng",
            "mentoring",
        ),
        ("/en/community/", lambda: ThreadFactory(title="Mentoring newcomers"), "mentorinng", "mentoring"),
        ("/en/search/", lambda: idea_with(title_en="Mentoring newcomers"), "mentorinng", "mentoring"),
    ],
)
def test_a_typo_in_any_search_box_shows_the_corrected_results(client, address, make, typo, meant):
    make()
    call_command("refresh_search_terms", verbosity=0)
    response = client.get(address, {"q": typo})
    content = response.content.decode()
    assert "Mentoring newcomers" in content
    assert f"Showing results for <strong>{meant}</strong>" in content
    assert response.context["corrected_from"] == typo
    link = re.search(r'Search instead for <a href="([^"]+)">', content).group(1)
    assert html.unescape(link) == f"?q={typo}&exact=1"
    exact = client.get(address + html.unescape(link))
    assert exact.context["total"] == 0
    assert exact.context["corrected_from"] is None
    assert exact.context["suggestion"] == meant  # offered, as it finds something


def test_nothing_is_suggested_when_words_find_something(client, ideas):
    call_command("refresh_search_terms", verbosity=0)
    assert client.get("/en/ideas/", {"q": "museums"}).context["suggestion"] is None


def test_the_ideas_feed_follows_the_list_filters(client, ideas):
    content = client.get("/en/ideas/feed/", {"theme": "learn"}).content.decode()
    assert "Museums welcome refugees" in content
    assert "Library language cafe" in content
    assert "Coffee shop hires newcomers" not in content


@pytest.mark.parametrize("rows", [5, 50])
def test_webinar_list_queries_do_not_grow(client, django_assert_max_num_queries, rows):
    work = Theme.objects.get(slug="work")
    # Upcoming and past webinars, an hour apart around now, all in this year (not across New Year)
    now = timezone.now()
    year_start, year_end = datetime(now.year, 1, 1, tzinfo=UTC), datetime(now.year + 1, 1, 1, tzinfo=UTC)
    middle = min(max(now, year_start + timedelta(hours=rows)), year_end - timedelta(hours=rows))
    for number in range(rows):
        webinar = WebinarFactory(starts_at=middle + timedelta(hours=number - rows // 2))
        webinar.themes.set([work])
    # 12: the content version (the ETag, core.httpcache), once per version the synonyms of the words
    # (core.synonyms), the theme, the years, the counts, then the upcoming webinars and the archive, each
    # with its themes and speakers, + 1: the themes themselves, read once per content version (core.kept),
    # + 1: the ids of the upcoming webinars, whose rows this cold page reads because no card is kept yet,
    # + 1: when each webinar ends, read once per content version (the counts are kept until one is over),
    # + 2: the words are matched through the search index (a setting turned off for the counts' query, then
    # back on: search.matched_by_index; outside a test's transaction, the query's own transaction ends it: + 1).
    with django_assert_max_num_queries(17):
        response = client.get("/en/webinars/", {"theme": "work", "year": str(timezone.now().year), "q": "cities"})
    assert response.status_code == 200
    assert response.context["total"] == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_event_list_queries_do_not_grow(client, django_assert_max_num_queries, rows):
    for number in range(rows):
        EventFactory(starts_on=date.today() + timedelta(days=2 * number - rows))
    # 5, + 2 once per content version: each conference's last day and the next scheduled publication,
    # so that the counts are kept until the next one is over.
    with django_assert_max_num_queries(7):
        response = client.get("/en/events/")
    assert response.status_code == 200
    assert len(response.context["upcoming"]) + response.context["paginator"].count == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_site_search_queries_do_not_grow(client, django_assert_max_num_queries, rows):
    for number in range(rows):
        idea_with(title_en=f"Library {number}")
        NewsItemFactory(title_en=f"Library news {number}")
    with django_assert_max_num_queries(7):  # the first search of these words: PostgreSQL parses them (one query)
        response = client.get("/en/search/", {"q": "library"})
    assert response.context["total"] == 2 * rows
