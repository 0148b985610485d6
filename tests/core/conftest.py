import socket
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from citiesofmigration.settings import redis_cache
from core import cache as fail_soft
from core import synonyms, versioning
from tests.community.factories import ThreadFactory
from tests.conversations.factories import NewsItemFactory
from tests.core.support import BEFORE, HOST, SilentServer, migrate
from tests.elibrary.factories import ResourceFactory
from tests.goodideas.factories import GoodIdeaFactory, idea_with
from tests.places.factories import CityFactory
from tests.webinars.factories import WebinarFactory


# From test_cache_outage.py
@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture(params=["down", "hung"])
def redis_out(request, settings):
    """The portal's Redis cache (as REDIS_URL would configure it) on a closed port, or on a silent server."""
    port = request.getfixturevalue("closed_port" if request.param == "down" else "silent_server")
    port = getattr(port, "port", port)
    settings.CACHES = {**settings.CACHES, "default": redis_cache(f"redis://127.0.0.1:{port}/0")}
    yield request.param
    fail_soft._health.clear()


@pytest.fixture
def cache_outage_content():
    GoodIdeaFactory(title_en="Mentors for newcomers")
    ResourceFactory(title_en="Welcoming cities report")


# From test_client_ip.py
@pytest.fixture
def behind_one_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_HOPS = 1


# From test_list_layout.py
@pytest.fixture
def list_layout_content():
    GoodIdeaFactory(title_en="Welcome centre", teaser_en="A welcome for newcomers.")
    ResourceFactory(title_en="Welcome report")
    WebinarFactory(title_en="Welcome webinar", starts_at=timezone.now() - timedelta(days=3))
    NewsItemFactory(title_en="Welcome news")
    ThreadFactory(title="Welcome thread")


# From test_lists.py
@pytest.fixture
def ideas():
    berlin, toronto = CityFactory(slug="berlin", name_en="Berlin"), CityFactory(slug="toronto", name_en="Toronto")
    made = [
        idea_with(title_en="Museums welcome refugees", city=berlin, themes=["learn", "connect"], year_started=2015),
        idea_with(title_en="Library language cafe", city=berlin, themes=["learn"], year_started=2016),
        idea_with(title_en="Coffee shop hires newcomers", city=toronto, themes=["work"], year_started=2015),
    ]
    for number in range(22):
        idea_with(title_en=f"Mentors {number}", city=toronto, themes=["work"], year_started=2017)
    return made


# From test_mail.py
@pytest.fixture
def on_port(client, settings):
    settings.SITE_URL = ""
    client.defaults["HTTP_HOST"] = HOST
    return client


# From test_publication_migrations.py
@pytest.fixture
def old_apps():
    yield migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # whatever happened, back to the latest


# From test_refusals.py
@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)  # as a browser without a form's token


# From test_search.py
@pytest.fixture
def museum_idea():
    return GoodIdeaFactory(
        title_en="Museums welcome refugees",
        title_fr="Les musées accueillent les réfugiés",
        title_de="Museen heißen Geflüchtete willkommen",
        teaser_en="Guides lead tours in Arabic.",
        body_en="<p>Trained guides from Syria and Iraq.</p>",
    )


# From test_uploads.py
@pytest.fixture
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# From test_versioning.py
@pytest.fixture
def _caches_on(settings, tmp_path):
    settings.LIST_COUNTS_CACHE_SECONDS = 600  # the library keeps its counts an hour anyway
    settings.MEDIA_ROOT = tmp_path / "media"


# From test_lists.py and test_synonyms.py
@pytest.fixture
def in_request():
    """As inside a request: the content version is read once (core.versioning), the synonyms come from the cache."""
    versioning._request_started()
    synonyms.groups()
    yield
    versioning._request_finished()


@pytest.fixture
def link_server(settings):
    """A local HTTP server for the link check: /ok 200, /gone 404, /no-head 405 to HEAD and 200 to GET,
    /slow answers after the (shortened) timeout. Yields (base address, requests seen: (method, path, agent, time)),
    and the address of a port where nothing listens."""
    import socket
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    settings.LINK_CHECK_TIMEOUT = 1
    settings.LINK_CHECK_DELAY = 0.5
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def answer(self, method):
            seen.append((method, self.path, self.headers["User-Agent"], time.monotonic()))
            if self.path == "/slow":
                time.sleep(2)
            codes = {"/ok": 200, "/gone": 404, "/no-head": 405 if method == "HEAD" else 200, "/slow": 200}
            self.send_response(codes.get(self.path, 404))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self):
            self.answer("HEAD")

        def do_GET(self):
            self.answer("GET")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        refused = f"http://127.0.0.1:{closed.getsockname()[1]}/nothing"
    yield f"http://127.0.0.1:{server.server_port}", seen, refused
    server.shutdown()
    server.server_close()
