"""The caches in front are told once per committed change of public content (core/cachepurge.py)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from tests.goodideas.factories import GoodIdeaFactory


@pytest.fixture
def cache_server(settings):
    """A stand-in for Varnish: records the PURGE requests it receives."""
    purges = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purges.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CACHE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}/"]
    yield purges
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_change_purges_once(cache_server):
    with transaction.atomic():
        idea = GoodIdeaFactory()
        idea.title_en = "Renamed"
        idea.save()
        assert cache_server == []  # not before the commit: the cache would fetch the old page again

    assert cache_server == ["/"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_change_purges_nothing(cache_server):
    def publish_then_fail():
        with transaction.atomic():
            GoodIdeaFactory()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        publish_then_fail()

    assert cache_server == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cache_that_does_not_answer_does_not_stop_the_publication(settings, caplog):
    settings.CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # discard port: nothing listens

    idea = GoodIdeaFactory(title_en="Published all the same")

    assert idea.pk is not None
    assert "Cache purge of http://127.0.0.1:9/ failed" in caplog.text
