"""Which database a request reads (core/dbrouter.py), without a replica (tests/deploy/test_replica.py has one)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core import dbrouter
from goodideas.models import GoodIdea

router = dbrouter.ReplicaRouter()


class Recorder:
    """A stand-in for the rest of the portal: records, for each run, whether its reads may use the replica."""

    def __init__(self, *statuses):
        self.statuses = list(statuses) or [200]
        self.seen = []

    def __call__(self, request):
        self.seen.append(dbrouter.reads_replica())
        if dbrouter.reads_replica():
            router.db_for_read(GoodIdea)  # a read of the page
        return HttpResponse(status=self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0])


@pytest.fixture
def replica_up(monkeypatch, settings):
    settings.DATABASE_REPLICA_STICKY_SECONDS = 10
    monkeypatch.setattr(dbrouter, "replica_usable", lambda: True)


def run(request, *statuses):
    portal = Recorder(*statuses)
    response = dbrouter.ReplicaReads(portal)(request)
    return portal.seen, response


def test_outside_a_request_everything_reads_the_primary():
    # management commands, migrations, the shell, the job worker
    assert router.db_for_read(GoodIdea) == "default"
    assert router.db_for_write(GoodIdea) == "default"
    assert router.allow_migrate("default", "goodideas")
    assert not router.allow_migrate("replica", "goodideas")


@pytest.fixture
def public_get():
    token = dbrouter._reads.set(dbrouter._Reads(replica=True))
    yield
    dbrouter._reads.reset(token)


def test_a_public_get_reads_the_replica(public_get):
    assert router.db_for_read(GoodIdea) == "replica"
    assert router.db_for_write(GoodIdea) == "default"


def test_inside_a_transaction_reads_stay_on_the_primary(public_get, db):
    """The test runs in a transaction (pytest-django's `db`): it reads what it wrote."""
    assert router.db_for_read(GoodIdea) == "default"


@pytest.mark.parametrize(
    ("method", "path", "replica"),
    [
        ("get", "/en/ideas/", True),
        ("head", "/fr/library/", True),
        ("get", "/admin/goodideas/goodidea/", False),
        ("get", "/en/accounts/login/", False),
        ("post", "/en/newsletter/", False),
    ],
)
def test_which_requests_read_the_replica(replica_up, method, path, replica):
    seen, _response = run(getattr(RequestFactory(), method)(path))
    assert seen == [replica]


def test_a_visitor_who_wrote_reads_the_primary_for_a_while(replica_up, settings):
    _seen, response = run(RequestFactory().post("/en/community/threads/1-a/", {"body": "Hello"}))
    cookie = response.cookies[dbrouter.STICKY_COOKIE]
    assert cookie["max-age"] == 10
    assert cookie["httponly"]

    after = RequestFactory().get("/en/community/threads/1-a/")
    after.COOKIES[dbrouter.STICKY_COOKIE] = cookie.value
    assert run(after)[0] == [False]

    forged = RequestFactory().get("/en/community/threads/1-a/")
    forged.COOKIES[dbrouter.STICKY_COOKIE] = "1"  # not signed by us: ignored
    assert run(forged)[0] == [True]


def test_a_get_that_failed_on_a_replica_gone_away_runs_again_on_the_primary(replica_up, monkeypatch):
    monkeypatch.setattr(dbrouter, "check_replica", lambda: dbrouter.ReplicaState(ok=False, problem="down"))

    seen, response = run(RequestFactory().get("/en/ideas/"), 503, 200)

    assert seen == [True, False]
    assert response.status_code == 200


def test_a_server_error_with_the_replica_fine_is_not_run_again(replica_up, monkeypatch):
    monkeypatch.setattr(dbrouter, "check_replica", lambda: dbrouter.ReplicaState(ok=True))

    seen, response = run(RequestFactory().get("/en/ideas/"), 500, 200)

    assert seen == [True]
    assert response.status_code == 500


def test_pages_for_a_visitor_who_wrote_lately_are_not_shared(client, db):
    """A cache in front must not answer them with a copy older than their write."""
    client.cookies[dbrouter.STICKY_COOKIE] = "anything"
    response = client.get("/en/ideas/")
    assert response["Cache-Control"] == "private, no-store"
    del client.cookies[dbrouter.STICKY_COOKIE]
    assert "public" in client.get("/en/ideas/")["Cache-Control"]
