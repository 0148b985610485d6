"""Pieces of pages kept as {% fragment %}s (the home sections and themes, the main menu, library, webinar
and news cards): rendered once per content version and language, they still show every change at once
and what differs from page to page (the current section, a search's snippet)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.community.factories import UserFactory
from tests.conversations.factories import NewsItemFactory
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import idea_with
from tests.webinars.factories import WebinarFactory

pytestmark = pytest.mark.django_db


def queries(client, address) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_home_sections_are_rendered_once_and_a_publication_shows_at_once(client, public_idea):
    first, page = queries(client, "/en/")
    assert "Museums welcome refugees" in page
    again, page_again = queries(client, "/en/")
    assert again < first  # the themes and every section come from the kept pieces, with no query
    assert page_again == page
    idea_with(title_en="Libraries lend laptops", slug="libraries-lend-laptops")
    assert "Libraries lend laptops" in queries(client, "/en/")[1]


def test_the_home_sections_are_kept_per_language(client, public_idea):
    english = queries(client, "/en/")[1]
    french = queries(client, "/fr/")[1]
    assert "Recent Good Ideas" in english
    assert "Recent Good Ideas" not in french


def current_menu_entry(content: str) -> list[str]:
    menu = re.search(r'<nav class="main-nav".*?</nav>', content, re.S)[0]
    return re.findall(r'aria-current="true">([^<]+)</a>', menu)


def test_the_kept_main_menu_marks_the_section_of_each_page(client):
    assert current_menu_entry(queries(client, "/en/ideas/")[1]) == ["Good Ideas"]
    assert current_menu_entry(queries(client, "/en/library/")[1]) == ["E-Library"]
    assert current_menu_entry(queries(client, "/en/community/")[1]) == ["Community"]
    assert current_menu_entry(queries(client, "/en/")[1]) == []
    client.force_login(UserFactory())
    assert current_menu_entry(queries(client, "/en/accounts/profile/")[1]) == []  # the member's own pages


def test_a_library_card_shows_each_search_its_own_snippet(client):
    ResourceFactory(title_en="Housing", summary_en="Tenants and landlords meet in the library every week.")
    tenants = queries(client, "/en/library/?q=tenants")[1]
    landlords = queries(client, "/en/library/?q=landlords")[1]
    assert "<mark>Tenants</mark>" in tenants
    assert "<mark>landlords</mark>" in landlords
    assert "<mark>Tenants</mark>" not in landlords


def test_an_edited_library_card_shows_at_once(client):
    resource = ResourceFactory(title_en="Housing first")
    assert "Housing first" in queries(client, "/en/library/")[1]
    resource.title_en = "Housing for newcomers"
    resource.save()
    content = queries(client, "/en/library/")[1]
    assert "Housing for newcomers" in content
    assert "Housing first" not in content


def test_an_edited_webinar_card_and_news_item_show_at_once(client):
    webinar = WebinarFactory(title_en="Libraries as first stops")
    news = NewsItemFactory(title_en="Toronto opens a welcome centre")
    assert "Libraries as first stops" in queries(client, "/en/webinars/")[1]
    assert "Toronto opens a welcome centre" in queries(client, "/en/news/")[1]
    webinar.title_en = "Museums as first stops"
    webinar.save()
    news.title_en = "Lisbon opens a welcome centre"
    news.save()
    assert "Museums as first stops" in queries(client, "/en/webinars/")[1]
    assert "Lisbon opens a welcome centre" in queries(client, "/en/news/")[1]
