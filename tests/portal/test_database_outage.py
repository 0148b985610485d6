"""The database down: a friendly 503 with Retry-After in the visitor's language, and one log line per request."""

import logging
from contextlib import contextmanager

import pytest
from django.db import InterfaceError, OperationalError, connection

from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(error=OperationalError):
    """Every query fails as it does when PostgreSQL is down or restarting."""

    def refuse(execute, sql, params, many, context):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused\n\tIs it running?")

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/", "The portal is briefly unavailable"),
        ("/en/ideas/", "The portal is briefly unavailable"),
        ("/fr/library/", "Le portail est brièvement indisponible"),
        ("/de/search/?q=work", "Das Portal ist kurz nicht erreichbar"),
    ],
)
def test_pages_answer_503_with_retry_after(visitor, path, text):
    GoodIdeaFactory()
    with database_down():
        response = visitor.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert text in response.content.decode()


def test_a_signed_in_member_gets_the_page_too(visitor, django_user_model):
    visitor.force_login(django_user_model.objects.create_user("ana", "ana@example.org", "a long password 123"))
    with database_down(InterfaceError):
        response = visitor.get("/en/ideas/")

    assert response.status_code == 503
    assert "Sign in" in response.content.decode()  # shown as signed out: the page reads nothing


def test_each_failed_request_is_one_log_line_without_a_traceback(visitor, caplog):
    with caplog.at_level(logging.INFO), database_down():
        visitor.get("/en/ideas/?page=2")
        visitor.get("/fr/library/")

    records = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [record.getMessage() for record in records] == [
        "Database unavailable: GET /en/ideas/ answered 503 (OperationalError: connection to server at 127.0.0.1, "
        "port 5432 failed: Connection refused)",
        "Database unavailable: GET /fr/library/ answered 503 (OperationalError: connection to server at 127.0.0.1, "
        "port 5432 failed: Connection refused)",
    ]
    assert all(record.exc_info is None for record in records)


def test_other_errors_stay_500(visitor, monkeypatch):
    from portal import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.AboutView, "get", broken)

    assert visitor.get("/en/about/").status_code == 500
