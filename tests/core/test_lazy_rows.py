"""A list page whose cards are all in the fragment cache reads no rows (core.lists.rows)."""

import pytest
from django.core.cache import caches

from core.lists.rows import LazyRows
from goodideas.models import GoodIdea
from tests.goodideas.factories import idea_with

pytestmark = pytest.mark.django_db


def row_reads(queries) -> int:
    return sum('"goodideas_goodidea"."teaser' in query["sql"] for query in queries)


def test_cached_cards_spare_the_rows_and_show_the_same_page(client, django_assert_max_num_queries):
    for number in range(5):
        idea_with(title_en=f"Idea number {number}", themes=["work"])
    caches["fragments"].clear()
    with django_assert_max_num_queries(10) as cold:
        first = client.get("/en/ideas/?theme=work")
    with django_assert_max_num_queries(10) as warm:
        second = client.get("/en/ideas/?theme=work")
    assert row_reads(cold.captured_queries) == 1
    assert row_reads(warm.captured_queries) == 0
    assert len(warm.captured_queries) < len(cold.captured_queries)
    assert first.content == second.content
    assert first.content.count(b'class="idea-card"') == 5


ADDRESSES = ["/en/ideas/?q=harbour", "/fr/ideas/?q=harbour&sort=newest", "/de/ideas/?q=harbour"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_searched_page_whose_cards_and_extracts_are_kept_reads_no_rows(
    client, django_assert_max_num_queries, address
):
    for number in range(4):
        idea_with(title_en=f"Idea number {number}", teaser_en=f"Newcomers meet at the harbour, group {number}.")
    caches["fragments"].clear()
    with django_assert_max_num_queries(12) as cold:
        first = client.get(address)
    with django_assert_max_num_queries(12) as warm:
        second = client.get(address)
    assert row_reads(cold.captured_queries) == 1
    assert row_reads(warm.captured_queries) == 0
    assert first.content == second.content
    assert first.content.count(b"<mark>harbour</mark>") == 4  # each card's extract, marked


def test_a_searched_card_not_in_the_cache_reads_its_page_with_the_extracts(client, django_assert_max_num_queries):
    for number in range(3):
        idea_with(title_en=f"Idea number {number}", teaser_en=f"Newcomers meet at the harbour, group {number}.")
    first = client.get("/en/ideas/?q=harbour")
    fragments = caches["fragments"]
    for key in [key for key in fragments._cache if ":extract:" in key or ":idea-card:" in key][:2]:
        fragments.delete(key.removeprefix(":1:"))  # LocMemCache: ":1:<key>"
    with django_assert_max_num_queries(12) as some:
        again = client.get("/en/ideas/?q=harbour")
    assert row_reads(some.captured_queries) == 1
    assert again.content == first.content


def test_a_card_not_in_the_cache_reads_the_rows_of_its_page_once(client, django_assert_max_num_queries):
    ideas = [idea_with(title_en=f"Idea number {number}") for number in range(4)]
    client.get("/en/ideas/")
    fragments = caches["fragments"]
    card = next(key for key in fragments._cache if ":idea-card:" in key)  # LocMemCache: ":1:<key>"
    fragments.delete(card.removeprefix(":1:"))
    with django_assert_max_num_queries(10) as some:
        page = client.get("/en/ideas/")
    assert row_reads(some.captured_queries) == 1
    for idea in ideas:
        assert idea.title_en in page.content.decode()


def test_a_row_gone_since_the_page_was_counted_shows_nothing_rather_than_failing():
    kept, gone = idea_with(title_en="Kept"), idea_with(title_en="Gone")
    rows = LazyRows([kept.pk, gone.pk], GoodIdea.objects.filter(pk=kept.pk))
    assert rows[0].title_en == "Kept"
    assert rows[1].pk == gone.pk
    with pytest.raises(AttributeError):
        rows[1].title_en  # noqa: B018 - the template engine shows an AttributeError as nothing
    assert rows[0] == kept


@pytest.mark.parametrize(
    ("address", "table", "make"),
    [
        ("/en/webinars/", '"webinars_webinar"."summary', "webinars"),
        ("/en/events/", '"webinars_event"."summary', "events"),
    ],
)
def test_upcoming_and_past_cards_kept_spare_the_rows(client, django_assert_max_num_queries, address, table, make):
    from datetime import timedelta

    from django.utils import timezone

    from tests.webinars.factories import EventFactory, WebinarFactory

    for number in range(-3, 3):  # three coming up, three over
        if make == "webinars":
            WebinarFactory(title_en=f"Webinar number {number}", starts_at=timezone.now() + timedelta(days=number))
        else:
            EventFactory(title_en=f"Event number {number}", starts_on=timezone.localdate() + timedelta(days=number))
    caches["fragments"].clear()
    with django_assert_max_num_queries(12) as cold:
        first = client.get(address)
    with django_assert_max_num_queries(12) as warm:
        second = client.get(address)
    reads = [sum(table in query["sql"] for query in run.captured_queries) for run in (cold, warm)]
    assert reads == [2, 0]  # coming up and past: read once each when their cards are not kept, then never
    assert first.content == second.content
    assert first.content.decode().count(f"{make[:-1].capitalize()} number") == 6
