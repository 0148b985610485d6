"""The shared search piece: stemming per language, accents, weights, bad input."""

import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from core import search
from core.search import MAX_QUERY_LENGTH
from goodideas.models import GoodIdea
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "refugees",
        "refugee",
        "réfugiés",
        "refugies",
        "REFUGIÉ",
        "Geflüchtete",
        "gefluchteten",
        "museum",
        "musées",
        "Museen",
        '"welcome refugees"',
        "welcome -library",
        "guide",
    ],
)
def test_words_in_any_language_find_the_idea(museum_idea, query):
    assert list(GoodIdea.objects.search(query)) == [museum_idea]


@pytest.mark.parametrize("query", ["library", "welcome -refugees", "bibliothèque"])
def test_words_not_in_the_idea_do_not_find_it(museum_idea, query):
    assert list(GoodIdea.objects.search(query)) == []


def test_title_outranks_teaser_outranks_body():
    in_body = GoodIdeaFactory(title_en="Neighbourhood kitchens", body_en="<p>Mentoring over dinner.</p>")
    in_title = GoodIdeaFactory(title_en="Mentoring for newcomers")
    in_teaser = GoodIdeaFactory(title_en="Job coaching", teaser_en="Mentoring by employers.")

    found = list(GoodIdea.objects.search("mentoring").order_by("-rank"))

    assert found == [in_title, in_teaser, in_body]


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", "a" * 5000, "\x00\x01", "' OR 1=1 --", "&|!():*", "🙂", "((((", "the"]
)
def test_odd_queries_never_fail(museum_idea, query):
    list(GoodIdea.objects.search(query))


def test_empty_query_does_not_filter(museum_idea):
    assert list(GoodIdea.objects.search("  ")) == [museum_idea]


def test_clean_query_strips_control_characters_and_bounds_length():
    assert search.clean_query("  refugee\x00 \t housing ") == "refugee housing"
    assert len(search.clean_query("x" * 1000)) == search.MAX_QUERY_LENGTH


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/fr/ideas/", "/de/library/", "/en/webinars/", "/en/news/", "/en/search/"])
def test_every_search_box_is_bounded_by_the_one_query_length(client, path):
    html = client.get(path).content.decode()

    boxes = re.findall(r'<input[^>]*name="q"[^>]*>', html)
    assert boxes
    assert all(f'maxlength="{MAX_QUERY_LENGTH}"' in box for box in boxes), boxes


def test_the_words_are_parsed_once_then_passed_as_one_parameter(museum_idea, in_request, django_assert_num_queries):
    with django_assert_num_queries(1) as parsing:  # the four readings and their synonyms, in one query
        first = search.query("museum refugees")
    assert "websearch_to_tsquery" in parsing.captured_queries[0]["sql"]
    with django_assert_num_queries(0):
        again = search.query("museum refugees")
    assert again.tsquery == first.tsquery
    with django_assert_num_queries(1) as finding:
        assert list(GoodIdea.objects.search("museum refugees")) == [museum_idea]
    assert "websearch_to_tsquery" not in finding.captured_queries[0]["sql"]


def test_a_change_of_synonyms_is_seen_by_the_next_search(museum_idea):
    from core.models import SynonymGroup

    assert list(GoodIdea.objects.search("galleries")) == []
    SynonymGroup.objects.create(language="en", terms="galleries, museum")  # moves the content version
    assert list(GoodIdea.objects.search("galleries")) == [museum_idea]


def _seqscan():
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


def test_words_are_matched_through_the_search_index_then_the_setting_is_back(museum_idea):
    GoodIdeaFactory.create_batch(3)
    matching = GoodIdea.objects.search("museum").values("pk").query.sql_with_params()
    with search.matched_by_index(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {matching[0]}", matching[1])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # At a few rows PostgreSQL would read every row; the index is what keeps a common word fast at scale.
    assert "goodidea_search" in plan, plan
    assert "Seq Scan on goodideas_goodidea" not in plan, plan
    assert _seqscan() == "on"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the rows migrations made come back after
def test_outside_a_transaction_the_setting_ends_with_the_queries_own():
    with search.matched_by_index(), connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "off"
    assert _seqscan() == "on"


def test_a_query_failing_inside_leaves_the_setting_as_it_was(museum_idea):
    with pytest.raises(DatabaseError), transaction.atomic(), search.matched_by_index(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    assert _seqscan() == "on"
    assert list(GoodIdea.objects.search("museum")) == [museum_idea]  # the connection still serves


@pytest.mark.parametrize("page", [1, 2])
def test_a_searched_list_matches_its_words_through_the_index(client, settings, page):
    settings.LIST_COUNTS_CACHE_SECONDS = 60  # page 2 reads the counts kept by page 1: its own id query
    GoodIdeaFactory.create_batch(25, title_en="Museum guides for newcomers")
    with CaptureQueriesContext(connection) as queries:
        for number in range(1, page + 1):
            response = client.get("/en/ideas/", {"q": "museum", "page": number})
            assert response.status_code == 200
    sqls = [query["sql"] for query in queries.captured_queries]
    matching = [n for n, sql in enumerate(sqls) if '"search_document" @@' in sql and "ts_headline" not in sql]
    assert matching, sqls
    for n in matching:
        assert "set_config('enable_seqscan', 'off', true)" in sqls[n - 1], sqls[n - 1]
