"""A real PostgreSQL streaming replica behind the portal (core/dbrouter.py): public reads come from it, a
visitor who just wrote reads the primary, and the portal carries on when the replica stops.

The test starts its own primary (initdb) and replica (pg_basebackup -R) on free loopback ports, migrates
the primary, and serves the portal under gunicorn pointed at both, as an operator would run it. It skips
where PostgreSQL's server programs are missing. Pausing the replica's replay (pg_wal_replay_pause())
makes it lag on purpose, so what each visitor sees does not depend on timing.
"""

import shutil

import pytest

from tests.deploy.servers import (
    Browser,
    Cluster,
    Portal,
    manage,
    portal_environment,
    require_postgres_programs,
    scratch_folder,
    wait_until,
)

SET_UP = """
from tests.community.factories import ThreadFactory, UserFactory
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
member = UserFactory()
thread = ThreadFactory(author=member)
session = SessionStore()
session.update({SESSION_KEY: str(member.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: member.get_session_auth_hash()})
session.create()
print(thread.get_absolute_url(), session.session_key)
"""

PUBLISH = """
from tests.goodideas.factories import GoodIdeaFactory
print(GoodIdeaFactory(title_en="Welcome desks in every library", slug="welcome-desks").get_absolute_url())
"""


def caught_up(primary: Cluster, replica: Cluster) -> bool:
    (wanted,) = primary.query("SELECT pg_current_wal_lsn()::text")
    (replayed,) = replica.query(f"SELECT pg_last_wal_replay_lsn() >= '{wanted}'::pg_lsn")
    return replayed


@pytest.fixture(scope="module")
def clusters():
    bindir = require_postgres_programs()
    folder = scratch_folder("com-replica-")
    primary = Cluster.primary(bindir, folder / "primary")
    replica = None
    try:
        primary.start()
        primary.query("CREATE DATABASE portal")
        replica = primary.replica(folder / "replica")
        replica.start()
        yield primary, replica
    finally:
        for cluster in (replica, primary):
            if cluster is not None:
                cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_reads_from_the_replica_writes_on_the_primary_and_carries_on_without_it(clusters, tmp_path):
    primary, replica = clusters
    on_primary = portal_environment(DATABASE_URL=primary.url("portal"), COMMUNITY_PREMODERATE_FIRST_POSTS="0")
    manage("migrate", "--no-input", env=on_primary)
    thread_url, session_key = manage("shell", "-c", SET_UP, env=on_primary).splitlines()[-1].split()
    wait_until(lambda: caught_up(primary, replica), what="the replica to replay the migrations")

    # The replica is checked once an hour here: the test, not the clock, decides when it is looked at again.
    portal = Portal(
        portal_environment(
            DATABASE_URL=primary.url("portal"),
            DATABASE_REPLICA_URL=replica.url("portal"),
            DATABASE_REPLICA_CHECK_SECONDS="3600",
            DATABASE_REPLICA_MAX_LAG_SECONDS="3600",
            COMMUNITY_PREMODERATE_FIRST_POSTS="0",
        ),
        tmp_path / "gunicorn.log",
    )
    try:
        visitor = Browser(portal.base)
        status, health = visitor.get("/healthz")
        assert status == 200
        assert '"replica": "ok"' in health

        # An idea published on the primary while the replica's replay is paused: not there for a visitor yet…
        replica.query("SELECT pg_wal_replay_pause()")
        idea_url = manage("shell", "-c", PUBLISH, env=on_primary).splitlines()[-1].strip()
        assert visitor.get(idea_url)[0] == 404  # read from the replica, which has not replayed it
        assert visitor.get("/en/ideas/")[0] == 200
        assert "Welcome desks in every library" not in visitor.get("/en/ideas/")[1]

        # …and there once the replica replays it: the reads came from the replica.
        replica.query("SELECT pg_wal_replay_resume()")
        lag = wait_until(lambda: caught_up(primary, replica), what="the replica to catch up")
        shown = wait_until(lambda: visitor.get(idea_url)[0] == 200, what="the idea to show")
        print(f"\nreplica caught up {lag:.3f} s after replay resumed; page showed it after {shown:.3f} s")
        assert "Welcome desks in every library" in visitor.get(idea_url)[1]

        # A member who posts reads their own post at once, though the replica lags (paused again)…
        member = Browser(portal.base)
        member.set_cookie("sessionid", session_key)
        status, page = member.get(thread_url)
        assert status == 200
        replica.query("SELECT pg_wal_replay_pause()")
        status, headers = member.post(thread_url, {"body": "Our library opened a welcome desk last spring."})
        assert status == 302, headers
        assert "#post-" in headers["Location"]  # posted, not sent to sign in
        assert member.cookie("com_wrote")  # the signed "wrote lately" cookie
        status, page = member.get(headers["Location"].split("#")[0].removeprefix(portal.base))
        assert status == 200
        assert "Our library opened a welcome desk last spring." in page
        # …whereas, without that cookie, the same member reads the replica, which has not replayed the post.
        member.forget("com_wrote")
        status, page = member.get(thread_url)
        assert status == 200
        assert "Our library opened a welcome desk last spring." not in page
        status, health = visitor.get("/healthz")
        print(f"/healthz while replay is paused: {health}")
        replica.query("SELECT pg_wal_replay_resume()")
        wait_until(lambda: caught_up(primary, replica), what="the replica to catch up")
        assert "Our library opened a welcome desk last spring." in member.get(thread_url)[1]

        # The replica stops: pages still answer (the first one retried on the primary), /healthz names it.
        replica.stop()
        for path in (idea_url, "/en/ideas/", "/fr/", thread_url):
            status, page = visitor.get(path)
            assert status == 200, (path, page[:300])
        assert "Welcome desks in every library" in visitor.get(idea_url)[1]
        status, health = visitor.get("/healthz")
        assert status == 200
        assert '"replica": "error: OperationalError' in health
        assert '"database": "ok"' in health
    finally:
        portal.stop()
        replica.start()  # the module fixture stops both
