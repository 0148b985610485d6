"""Theme pages, the list of cities with its map, and city profiles."""

import pytest

from goodideas.models import GoodIdea
from tests.goodideas.factories import idea_with
from tests.places.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("path", ["themes/work/", "cities/", "cities/berlin/"])
def test_pages_in_each_language(client, berlin, path, language):
    idea_with(city=berlin, themes=["work"])

    response = client.get(f"/{language}/{path}")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_theme_page_lists_its_ideas(client, berlin):
    idea_with(title_en="A work idea", city=berlin, themes=["work"])
    idea_with(title_en="A plan idea", city=berlin, themes=["plan"])
    idea_with(title_en="A draft work idea", city=berlin, themes=["work"], status=GoodIdea.Status.DRAFT)

    response = client.get("/fr/themes/work/")

    html = response.content.decode()
    assert "<h1>Travailler</h1>" in html  # theme names are in every menu: the heading names this theme
    assert "A work idea" in html
    assert "A plan idea" not in html
    assert "A draft work idea" not in html


def test_theme_page_shows_the_newest_first_20_a_page_and_a_scheduled_idea_at_its_time(client, berlin):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    now = timezone.now()
    for number in range(21):
        idea_with(title_en=f"Idea {number:02}", city=berlin, themes=["work"], publish_at=now - timedelta(days=number))
    idea_with(title_en="Scheduled idea", city=berlin, themes=["work"], publish_at=now + timedelta(hours=1))

    first = client.get("/en/themes/work/")
    assert [idea.title for idea in first.context["object_list"]] == [f"Idea {n:02}" for n in range(20)]
    assert "21 Good Ideas" in first.content.decode()
    assert [idea.title for idea in client.get("/en/themes/work/?page=2").context["object_list"]] == ["Idea 20"]
    assert client.get("/en/themes/work/?page=99").context["page_obj"].number == 2  # past the last: the last

    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
        later = client.get("/en/themes/work/")
    assert later.context["object_list"][0].title == "Scheduled idea"
    assert "22 Good Ideas" in later.content.decode()


def test_city_page_shows_the_newest_first_20_a_page_and_a_scheduled_idea_at_its_time(client, berlin):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    now = timezone.now()
    for number in range(21):
        idea_with(title_en=f"Idea {number:02}", city=berlin, publish_at=now - timedelta(days=number))
    idea_with(title_en="Scheduled idea", city=berlin, publish_at=now + timedelta(hours=1))
    idea_with(title_en="Elsewhere")

    first = client.get("/en/cities/berlin/")
    assert [idea.title for idea in first.context["object_list"]] == [f"Idea {n:02}" for n in range(20)]
    assert [idea.title for idea in client.get("/en/cities/berlin/?page=2").context["object_list"]] == ["Idea 20"]
    assert client.get("/en/cities/berlin/?page=x").context["page_obj"].number == 1

    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
        later = client.get("/en/cities/berlin/")
    assert later.context["object_list"][0].title == "Scheduled idea"
    assert later.context["paginator"].count == 22


def test_unknown_theme_and_city_are_not_found(client, db):
    assert client.get("/en/themes/sleep/").status_code == 404
    assert client.get("/en/cities/atlantis/").status_code == 404


def test_cities_grouped_by_country_with_counts_and_map(client, berlin):
    idea_with(city=berlin)
    idea_with(city=berlin)
    idea_with(city=berlin, status=GoodIdea.Status.DRAFT)

    response = client.get("/de/cities/")

    html = response.content.decode()
    assert "Deutschland" in html
    assert "2 Gute Ideen" in html
    assert '<svg viewBox="0 0 360 150"' in html
    assert 'cx="193.4" cy="37.5"' in html


def test_city_page_shows_profile_and_ideas(client, berlin):
    idea_with(title_en="Berlin idea", city=berlin)
    idea_with(title_en="Elsewhere")

    html = client.get("/en/cities/berlin/").content.decode()

    assert "Capital city." in html
    assert "Berlin idea" in html
    assert "Elsewhere" not in html


@pytest.mark.parametrize("path", ["themes/work/", "cities/", "cities/berlin/"])
def test_query_count_is_constant(client, berlin, path, django_assert_max_num_queries, cold):
    for _ in range(5):
        idea_with(city=berlin, themes=["work"])
    client.get(f"/en/{path}")
    cold()
    # The city page: 10 when nothing is kept (figures, cities like it, adapted in; its ideas: ids, then rows)
    with django_assert_max_num_queries(10) as few:
        client.get(f"/en/{path}")
    for number in range(45):
        idea_with(city=berlin if number % 2 else CityFactory(), themes=["work", "plan"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/en/{path}").status_code == 200
