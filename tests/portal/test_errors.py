"""Friendly error pages, in the visitor's language."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from portal import views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/no-such-page/", "Page not found"),
        ("/fr/no-such-page/", "Page introuvable"),
        ("/de/no-such-page/", "Seite nicht gefunden"),
        ("/en/ideas/no-such-idea/", "Page not found"),
        ("/en/themes/no-such-theme/", "Page not found"),
    ],
)
def test_not_found_page_is_friendly_and_translated(client, path, text):
    response = client.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'name="q"' in html  # a way on: search


def test_unprefixed_unknown_path_answers_404_in_the_browsers_language(client):
    response = client.get("/no-such-page/", headers={"accept-language": "de"})

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_bad_host_gets_the_400_page(client):
    response = client.get("/en/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


@pytest.mark.parametrize(
    ("view", "status", "text"),
    [
        (views.permission_denied, 403, "Zugriff verweigert"),
        (views.bad_request, 400, "Wir konnten diese Anfrage nicht verstehen"),
    ],
)
def test_error_handlers_render_in_the_active_language(view, status, text):
    request = RequestFactory().get("/de/")
    with translation.override("de"):
        response = view(request, exception=None)

    assert response.status_code == status
    assert text in response.content.decode()


def test_server_error_page_in_french():
    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        response = views.server_error(request)

    assert response.status_code == 500
    assert "Un problème est survenu de notre côté" in response.content.decode()


def test_server_error_page_survives_a_broken_template(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(views.loader, "render_to_string", broken)
    response = views.server_error(RequestFactory().get("/en/"))

    assert response.status_code == 500
    assert "Server error" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/fr/search/", "Nous n’avons pas pu comprendre cette requête"),
        ("/de/ideas/", "Wir konnten diese Anfrage nicht verstehen"),
        ("/en/library/", "We could not understand that request"),
    ],
)
def test_a_flood_of_query_parameters_gets_the_localized_400_page(path, text):
    flood = "&".join(["p=1"] * 1001)  # over DATA_UPLOAD_MAX_NUMBER_FIELDS

    response = Client(raise_request_exception=False).get(f"{path}?{flood}")

    assert response.status_code == 400
    assert text in response.content.decode()
