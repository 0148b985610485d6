import pytest
from django.db import OperationalError, connection

from portal import views

pytestmark = pytest.mark.django_db


def register_worker(seconds_ago: int = 0) -> None:
    """What a starting procrastinate worker does; its heartbeat then moved `seconds_ago` into the past."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM procrastinate_register_worker_v1()")
        worker_id = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE procrastinate_workers SET last_heartbeat = NOW() - make_interval(secs => %s) WHERE id = %s",
            [seconds_ago, worker_id],
        )


def test_healthz_reports_database_cache_and_a_live_worker(client):
    register_worker(seconds_ago=5)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "jobs": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_a_silent_worker_without_failing_the_pages(client):
    register_worker(seconds_ago=90)  # killed, or its machine lost

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["jobs"] == "error: no worker seen in the last 60 seconds"


def test_healthz_names_a_failed_database(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views, "connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "database": "error: OperationalError",
        "cache": "ok",
        "jobs": "error: database unavailable",
    }


def test_healthz_names_a_failed_cache(client, monkeypatch):
    class BrokenCache:
        def set(self, *args, **kwargs):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(views, "cache", BrokenCache())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == "error: ConnectionError"
