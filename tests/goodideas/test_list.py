"""The list of Good Ideas: filters, counts, search, sorting, pagination, bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core import search
from places.models import Theme
from tests.goodideas.factories import GoodIdeaFactory, idea_with, ideas_in_cities
from tests.places.factories import CityFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [idea.title for idea in response.context["object_list"]]


def facet(response, name):
    return {item.value: item.count for item in response.context["facets"][name].values}


def test_lists_published_ideas_newest_first(client, list_ideas):
    response = client.get("/en/ideas/")

    assert response.status_code == 200
    assert titles(response) == ["Coffee shop hires newcomers", "Library language cafe", "Museums welcome refugees"]
    assert "Secret draft" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=learn", {"Museums welcome refugees", "Library language cafe"}),
        (
            "theme=learn&theme=work",
            {"Museums welcome refugees", "Library language cafe", "Coffee shop hires newcomers"},
        ),
        ("city=cologne", {"Library language cafe"}),
        ("city=berlin&city=toronto", {"Museums welcome refugees", "Coffee shop hires newcomers"}),
        ("country=germany", {"Museums welcome refugees", "Library language cafe"}),
        ("region=north-america", {"Coffee shop hires newcomers"}),
        ("tag=refugees", {"Museums welcome refugees", "Coffee shop hires newcomers"}),
        ("running=no", {"Library language cafe"}),
        ("running=yes", {"Museums welcome refugees", "Coffee shop hires newcomers"}),
        ("year=2015&year=2017", {"Museums welcome refugees", "Coffee shop hires newcomers"}),
        ("country=germany&tag=refugees", {"Museums welcome refugees"}),
        ("theme=learn&theme=connect", {"Museums welcome refugees", "Library language cafe"}),
    ],
)
def test_filters_select_the_right_ideas(client, list_ideas, query, expected):
    response = client.get(f"/en/ideas/?{query}")

    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert len(titles(response)) == len(expected)  # an idea in two chosen themes shows once


def test_counts_next_to_each_value_follow_the_other_filters(client, list_ideas):
    response = client.get("/en/ideas/?country=germany&theme=learn")

    # Theme counts: ideas in Germany, by theme (not narrowed by the theme filter itself).
    assert facet(response, "theme") == {"connect": 1, "learn": 2}
    # Country counts: ideas in "learn", by country.
    assert facet(response, "country") == {"germany": 2}
    assert facet(response, "city") == {"berlin": 1, "cologne": 1}
    assert facet(response, "year") == {"2015": 1, "2016": 1}
    html = response.content.decode()
    assert 'value="learn" checked' in html
    assert "(2)" in html


def test_unfiltered_counts(client, list_ideas):
    response = client.get("/en/ideas/")

    assert facet(response, "theme") == {"work": 1, "learn": 2, "connect": 1}
    assert facet(response, "region") == {"europe": 2, "north-america": 1}
    assert facet(response, "tag") == {"refugees": 2, "museums": 1, "libraries": 1, "employment": 1}


def test_search_finds_words_and_sorts_by_relevance(client, list_ideas):
    response = client.get("/en/ideas/?q=refugees")

    assert titles(response) == ["Museums welcome refugees"]
    assert response.context["sort"] == "relevance"


def _harbour_ideas(*specs):
    """Ideas holding the word "harbour", published `days` ago, with their themes: (title, teaser, days, theme)."""
    now = timezone.now()
    for title, teaser, days, theme in specs:
        idea = GoodIdeaFactory(title_en=title, teaser_en=teaser, published_at=now - timedelta(days=days))
        idea.themes.set([Theme.objects.get(slug=theme)])


@pytest.mark.parametrize("counted_before", [False, True])
def test_a_common_word_ranks_the_newest_matches_and_lists_the_others_after_them(
    client, monkeypatch, settings, counted_before
):

    _harbour_ideas(
        ("Harbour tours", "Harbour guides.", 300, "work"),
        ("Walks by the water", "The harbour too.", 2, "work"),
        ("Harbour cafe", "Coffee.", 1, "work"),
        ("Old quays", "The harbour, once.", 200, "work"),
    )
    monkeypatch.setattr(search, "CANDIDATES", 2)
    if counted_before:  # the counts of these words are kept: this order's page is found on its own (page_ids)
        settings.LIST_COUNTS_CACHE_SECONDS = 60
        client.get("/en/ideas/", {"q": "harbour", "sort": "newest"})

    response = client.get("/en/ideas/", {"q": "harbour"})

    # The two newest are ranked (the title match first); the others follow them, newest first, even
    # "Harbour tours", which would rank first among all.
    assert titles(response) == ["Harbour cafe", "Walks by the water", "Old quays", "Harbour tours"]
    assert response.context["paginator"].count == 4


@pytest.mark.parametrize("counted_before", [False, True])
def test_the_newest_matches_ranked_are_those_listed_with_a_facet_applied(client, monkeypatch, settings, counted_before):
    _harbour_ideas(
        ("Harbour festival", "Live music.", 1, "live"),
        ("Harbour homes", "Housing.", 2, "live"),
        ("Walks by the water", "The harbour too.", 3, "work"),
        ("Harbour cafe", "Coffee.", 4, "work"),
        ("Harbour tours", "Harbour guides.", 300, "work"),
    )
    monkeypatch.setattr(search, "CANDIDATES", 2)
    if counted_before:
        settings.LIST_COUNTS_CACHE_SECONDS = 60
        client.get("/en/ideas/", {"q": "harbour", "theme": "work", "sort": "newest"})

    response = client.get("/en/ideas/", {"q": "harbour", "theme": "work"})

    # The two newest *work* ideas are ranked, not the two newest that hold the word (both "live").
    assert titles(response) == ["Harbour cafe", "Walks by the water", "Harbour tours"]


def test_search_in_french_words(client, list_ideas):
    list_ideas["museum"].title_fr = "Les musées accueillent les réfugiés"
    list_ideas["museum"].save()

    response = client.get("/fr/ideas/?q=musées")

    assert titles(response) == ["Les musées accueillent les réfugiés"]


def test_sort_a_to_z(client, list_ideas):
    response = client.get("/en/ideas/?sort=title")

    assert titles(response) == ["Coffee shop hires newcomers", "Library language cafe", "Museums welcome refugees"]


def test_sort_a_to_z_uses_the_page_language_with_english_fallback(client, list_ideas):
    list_ideas["jobs"].title_fr = "Un café embauche des nouveaux arrivants"
    list_ideas["jobs"].save()

    response = client.get("/fr/ideas/?sort=title")

    assert titles(response) == [
        "Library language cafe",
        "Museums welcome refugees",
        "Un café embauche des nouveaux arrivants",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "theme=nope",
        "city=atlantis&city=berlin",
        "year=abc&year=99999",
        "running=maybe",
        "region=mars",
        "sort=upside-down",
        "tag=%00",
        "q=" + "refugees " * 300,
        "q=%00%01%02",
        "q=%F0%9F%98%80+%E2%80%AE+%EF%BF%BF",
        "q=!!!+%26%26+%7C%7C+(",
        "q=" + "é" * 600,
        "theme=" + "a" * 500,
        "page=2&page=1&sort=title&sort=newest",
        "city=" + "&city=".join(f"city-{n}" for n in range(200)),
    ],
)
def test_bad_input_gives_a_normal_page(client, list_ideas, query):
    response = client.get(f"/en/ideas/?{query}")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "query", ["theme=nope", "city=atlantis&country=utopia", "tag=no-such-tag", "year=1850", "theme=" + "x" * 100]
)
def test_values_that_name_nothing_are_ignored_and_not_shown_as_applied(client, list_ideas, query):
    response = client.get(f"/en/ideas/?{query}")

    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert response.context["active_filters"] == []
    assert not response.context["filterset"].is_filtered
    assert '<meta name="robots" content="noindex, follow">' not in response.content.decode()


def test_an_unknown_value_beside_a_known_one_is_dropped(client, list_ideas):
    response = client.get("/en/ideas/?theme=work&theme=nope&city=atlantis")

    assert titles(response) == ["Coffee shop hires newcomers"]
    assert [active.label for active in response.context["active_filters"]] == ["Work"]


def test_an_applied_value_that_counts_no_idea_is_still_shown(client, list_ideas):
    response = client.get("/en/ideas/?theme=work&city=berlin")

    assert titles(response) == []
    assert {active.label for active in response.context["active_filters"]} == {"Work", "Berlin"}
    assert facet(response, "theme")["work"] == 0


def test_malformed_values_are_ignored(client, list_ideas):
    response = client.get("/en/ideas/?year=abc&running=maybe&region=mars")

    assert len(titles(response)) == 3


@pytest.mark.parametrize(
    ("page", "shown"), [("0", 1), ("abc", 1), ("-1", 1), ("²", 1), ("2", 2), ("999", 2), ("9" * 30, 2)]
)
def test_a_page_that_is_not_a_page_shows_the_first_or_the_last(client, places, page, shown):
    for _ in range(25):
        GoodIdeaFactory(city=places["berlin"])

    response = client.get("/en/ideas/", {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


def test_pagination(client, places):
    for _ in range(25):
        GoodIdeaFactory(city=places["berlin"])

    first = client.get("/en/ideas/")
    second = client.get("/en/ideas/?page=2")

    assert len(first.context["object_list"]) == 20
    assert len(second.context["object_list"]) == 5
    assert 'href="?page=2"' in first.content.decode()


def test_active_filter_can_be_removed(client, list_ideas):
    response = client.get("/en/ideas/?theme=learn&theme=work&city=berlin")

    urls = {active.label: active.remove_url for active in response.context["active_filters"]}
    assert urls["Berlin"] == "?theme=learn&theme=work"
    assert urls["Learn"] == "?theme=work&city=berlin"


def test_filters_work_without_javascript(client, list_ideas):
    html = client.get("/en/ideas/").content.decode()

    assert '<form class="ideas-filters" method="get" action="/en/ideas/"' in html
    assert 'type="checkbox"' in html
    assert 'name="theme" value="learn"' in html
    assert '<button class="button" type="submit">' in html
    assert "<script" not in html


def test_page_links_feeds_and_exports(client, list_ideas):
    html = client.get("/en/ideas/?theme=learn").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/en/ideas/feed/atom/?theme=learn"' in html  # the feed of what the page shows
    assert 'href="/en/ideas/export.csv?theme=learn"' in html
    assert 'href="/en/ideas/export.json?theme=learn"' in html


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_list_in_each_language(client, list_ideas, language):
    response = client.get(f"/{language}/ideas/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_french_page_marks_english_fallback(client, list_ideas):
    html = client.get("/fr/ideas/").content.decode()

    assert '<span lang="en">Museums welcome refugees</span>' in html


@pytest.mark.parametrize("query", ["", "?theme=work&city=berlin", "?q=idea&sort=title", "?tag=shared&year=2003"])
def test_list_query_count_is_constant(client, places, django_assert_max_num_queries, query):
    ideas_in_cities(5, places)
    client.get(f"/en/ideas/{query}")  # warm caches (content types)
    with django_assert_max_num_queries(12) as few:
        client.get(f"/en/ideas/{query}")
    at_five = len(few.captured_queries)  # read now: each request clears the log
    ideas_in_cities(45, places)
    client.get(f"/en/ideas/{query}")  # warm again: what is cached per content version (synonyms) is read anew
    with django_assert_max_num_queries(at_five):
        response = client.get(f"/en/ideas/{query}")
    assert response.status_code == 200


def test_city_filter_offers_the_most_used_cities_and_the_ticked_one(client, places):
    for _ in range(2):
        idea_with(city=places["berlin"])
    lonely = CityFactory(name_en="Aaa lonely", slug="lonely")
    idea_with(city=lonely)
    for _ in range(45):
        idea_with(city=CityFactory())

    plain = facet(client.get("/en/ideas/"), "city")
    ticked = facet(client.get("/en/ideas/?city=lonely"), "city")

    assert len(plain) == 40
    assert plain["berlin"] == 2
    assert "lonely" in ticked


def test_a_tag_is_read_without_a_query_and_only_if_good_ideas_carry_it(client, settings, warm_queries):
    from tests.elibrary.factories import ResourceFactory

    settings.LIST_COUNTS_CACHE_SECONDS = 60
    idea_with(title_en="Tagged", tags=["housing"])
    idea_with(title_en="Untagged")
    ResourceFactory().tags.add("museums")  # a tag of the library only
    (unfiltered, _), (filtered, response) = warm_queries("/en/ideas/", "/en/ideas/?tag=housing")
    assert [idea.title for idea in response.context["ideas"]] == ["Tagged"]
    assert filtered == unfiltered

    response = client.get("/en/ideas/?tag=museums")
    assert not response.context["filterset"].is_filtered
    assert len(response.context["ideas"]) == 2


def test_a_tag_filter_reads_the_tags_of_ideas_not_of_other_kinds_with_the_same_id(client):
    from django.contrib.contenttypes.models import ContentType

    from elibrary.models import Resource
    from places.models import Tag, TaggedItem

    tagged = idea_with(title_en="Tagged", tags=["housing"])
    untagged = idea_with(title_en="Untagged")
    # A library resource whose id is the untagged idea's, tagged "housing" (the link table is shared).
    TaggedItem.objects.create(
        tag=Tag.objects.get(slug="housing"),
        content_type=ContentType.objects.get_for_model(Resource),
        object_id=untagged.pk,
    )
    response = client.get("/en/ideas/?tag=housing")
    assert titles(response) == [tagged.title]
    assert facet(response, "tag") == {"housing": 1}
