"""Requests the portal refuses get a friendly page in the visitor's language: 405 for a method, 414 for a length."""

import pytest

from tests.webinars.factories import WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/ideas/", "This page cannot do that"),
        ("/fr/library/", "Cette page ne peut pas faire cela"),
        ("/de/webinars/", "Diese Seite kann das nicht"),
        ("/en/conversations/", "This page cannot do that"),
        ("/fr/search/", "Cette page ne peut pas faire cela"),
    ],
)
def test_writing_to_a_list_page_is_a_friendly_405(browser, method, path, text):
    response = getattr(browser, method)(path)

    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert "POST" not in response["Allow"]
    assert text in response.content.decode()


def test_a_function_view_refusing_a_method_shows_the_page_too(browser):
    webinar = WebinarFactory()

    response = browser.get(f"/de/webinars/{webinar.slug}/register/")  # POST only

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Diese Seite kann das nicht" in response.content.decode()


def test_forms_still_take_posts(browser):
    assert browser.post("/en/newsletter/", {"email": "a@example.org"}).status_code == 403  # the CSRF check


@pytest.mark.parametrize(
    ("path", "text"),
    [("/en/ideas/", "This address is too long"), ("/fr/search/", "Cette adresse est trop longue")],
)
def test_an_address_too_long_is_a_friendly_414(client, path, text):
    response = client.get(path, {"q": "x" * 5000})

    assert response.status_code == 414
    assert text in response.content.decode()


def test_a_long_address_within_the_limit_is_served(client):
    assert client.get("/en/ideas/", {"q": "x" * 3000}).status_code == 200  # the query is cut to the search bound
