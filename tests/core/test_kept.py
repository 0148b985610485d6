"""core.kept: rows linked to the kept tables (themes, cities, countries, tags) in one query, never stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import kept
from elibrary.models import Resource
from goodideas.models import GoodIdea
from places.models import City, Theme
from tests.conversations.factories import ItemFactory
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import GoodIdeaFactory
from tests.places.factories import CityFactory, CountryFactory

pytestmark = pytest.mark.django_db

LINKS = ("themes", "cities", "countries", "tags")


@pytest.fixture
def resources():
    berlin = CityFactory(name_en="Berlin", name="Berlin", country=CountryFactory(name_en="Germany", name="Germany"))
    lisbon = CityFactory(name_en="Lisbon", name="Lisbon")
    first, second, bare = ResourceFactory(), ResourceFactory(), ResourceFactory()
    first.themes.set(Theme.objects.filter(slug__in=["work", "learn"]))
    first.cities.set([lisbon, berlin])
    first.countries.set([berlin.country])
    first.tags.add("housing", "language courses")
    second.themes.set(Theme.objects.filter(slug="plan"))
    second.tags.add("housing")
    return first, second, bare


def names(objects):
    return [str(obj) for obj in objects]


def test_links_are_those_prefetch_related_finds_in_the_same_order(resources):
    kept = {row.pk: row for row in Resource.objects.with_links(*LINKS)}
    for row in Resource.objects.prefetch_related(*LINKS):
        for name in LINKS:
            assert names(getattr(kept[row.pk], name).all()) == names(getattr(row, name).all()), name


def test_all_links_of_all_rows_cost_one_query(resources):
    rows = list(Resource.objects.with_links(*LINKS).order_by("pk"))  # the kept tables are read once per version
    with CaptureQueriesContext(connection) as queries:
        rows = list(Resource.objects.with_links(*LINKS).order_by("pk"))
        cities = [[city.name for city in row.cities.all()] for row in rows]
        countries = [[city.country.name for city in row.cities.all()] for row in rows]
    # Outside a request the content version is read at each use; besides it: the rows, then every link.
    read = [query["sql"] for query in queries.captured_queries if "core_contentversion" not in query["sql"]]
    assert len(read) == 2
    assert all(table in read[1] for table in ("resource_themes", "resource_cities", "taggeditem"))
    assert cities == [["Berlin", "Lisbon"], [], []]
    assert countries[0][0] == "Germany"


def test_the_resource_page_reads_its_links_in_one_query(client, resources, django_assert_max_num_queries):
    address = resources[0].get_absolute_url()
    client.get(address)
    with django_assert_max_num_queries(20) as queries:
        html = client.get(address).content.decode()
    sql = [query["sql"] for query in queries.captured_queries]
    assert len([text for text in sql if "_themes" in text or "taggeditem" in text]) == 1
    for shown in ("Berlin", "Germany", "housing"):
        assert shown in html


def test_a_renamed_city_shows_its_new_name_at_once(client, resources):
    first = resources[0]
    assert "Berlin" in client.get(first.get_absolute_url()).content.decode()
    berlin = first.cities.get(name_en="Berlin")
    berlin.name_en = berlin.name = "Berlin (Brandenburg)"
    berlin.save()  # moves the content version on: the kept cities are read again
    assert "Berlin (Brandenburg)" in client.get(first.get_absolute_url()).content.decode()


def test_a_foreign_key_to_a_kept_table_costs_no_query_and_no_join():
    lisbon = CityFactory(name_en="Lisbon", name="Lisbon", country=CountryFactory(name_en="Portugal", name="Portugal"))
    GoodIdeaFactory(city=lisbon)
    GoodIdeaFactory(city=None, status="draft", published_at=None)
    list(GoodIdea.objects.with_links("city"))  # the kept tables are read once per version
    with CaptureQueriesContext(connection) as queries:
        shown = [
            (idea.city.name, idea.city.country.name) if idea.city else None
            for idea in GoodIdea.objects.with_links("city").order_by("pk")
        ]
    read = [query["sql"] for query in queries.captured_queries if "core_contentversion" not in query["sql"]]
    assert shown == [("Lisbon", "Portugal"), None]
    assert len(read) == 1
    assert "goodideas_city" not in read[0]  # no join: the row's city_id names the kept city


def test_a_relation_to_a_table_that_is_not_kept_is_refused():
    GoodIdeaFactory()
    with pytest.raises(LookupError, match="not kept"):
        list(GoodIdea.objects.with_links("partners"))


def test_linked_ids_follow_links_publication_and_the_clock_both_ways():
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    from core import kept
    from tests.webinars.factories import WebinarFactory
    from webinars.models import Webinar

    later = timezone.now() + timedelta(hours=1)
    older = GoodIdeaFactory(
        published_at=timezone.now() - timedelta(days=2), themes=list(Theme.objects.filter(slug="work"))
    )
    newer = GoodIdeaFactory(
        published_at=timezone.now() - timedelta(days=1), themes=list(Theme.objects.filter(slug="work"))
    )
    draft = GoodIdeaFactory(status=GoodIdea.Status.DRAFT, published_at=None)
    scheduled = GoodIdeaFactory(publish_at=later)
    webinar = WebinarFactory()
    webinar.related_ideas.set([older, newer, draft, scheduled])
    ideas = kept.linked_ids(Webinar.related_ideas, GoodIdea.NEWEST)
    by_theme = kept.linked_ids(Theme.ideas, GoodIdea.NEWEST)

    assert ideas() == {webinar.pk: [newer.pk, older.pk]}  # published only, newest first
    assert by_theme()[Theme.objects.get(slug="work").pk] == [newer.pk, older.pk]
    webinar.related_ideas.remove(newer)  # a change of links moves the content version on
    assert ideas() == {webinar.pk: [older.pk]}
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        assert ideas() == {webinar.pk: [scheduled.pk, older.pk]}


def test_a_page_lists_kept_cities_in_its_own_language_whichever_language_read_them_first(client):
    copenhagen = CityFactory(name_en="Copenhagen", name="Copenhagen", name_fr="Copenhague", name_de="Kopenhagen")
    frankfurt = CityFactory(name_en="Frankfurt", name="Frankfurt", name_fr="Francfort", name_de="Frankfurt")
    item = ItemFactory()
    item.cities.set([copenhagen, frankfurt])
    with translation.override("de"):  # a German page is the first to read the kept cities
        assert [city.pk for city in kept.rows(City) if city in (copenhagen, frankfurt)] == [frankfurt.pk, copenhagen.pk]
        german = client.get(item.get_absolute_url()).content.decode()
    with translation.override("fr"):
        french = client.get(item.get_absolute_url()).content.decode()
    assert german.index(">Frankfurt</a>") < german.index(">Kopenhagen</a>")
    assert french.index(">Copenhague</a>") < french.index(
        ">Francfort</a>"
    )  # in French order, as prefetching sorted them
