"""A real PostgreSQL streaming replica behind the portal (core/dbrouter.py): public reads come from it, a
visitor who just wrote reads the primary, and the portal carries on when the replica stops.

The test starts its own primary (initdb) and replica (pg_basebackup -R) on free loopback ports, migrates
the primary, and serves the portal under gunicorn pointed at both, as an operator would run it. It skips
where PostgreSQL's server programs are missing. Pausing the replica's replay (pg_wal_replay_pause())
makes it lag on purpose, so what each visitor sees does not depend on timing.
"""

import shutil
import time

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


def streaming_lag(primary: Cluster, replica: Cluster, writes: int = 20) -> list[float]:
    """Seconds from a commit on the primary until the replica has replayed it, for each of `writes` commits."""
    import psycopg

    def connect(cluster):
        return psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres", dbname="portal", autocommit=True)

    lags = []
    with connect(primary) as writer, connect(replica) as reader:
        writer.execute("CREATE TABLE IF NOT EXISTS lag_probe (at timestamptz)")
        for _ in range(writes):
            (wanted,) = writer.execute(
                "INSERT INTO lag_probe VALUES (now()) RETURNING pg_current_wal_lsn()::text"
            ).fetchone()
            started = time.perf_counter()
            while not reader.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [wanted]).fetchone()[0]:
                time.sleep(0.0002)
            lags.append(time.perf_counter() - started)
    return lags


@pytest.fixture
def portal_on_both(clusters, tmp_path):
    """The portal under gunicorn, on the migrated primary and its replica, with a member and their thread."""
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
        yield portal, on_primary, thread_url, session_key
    finally:
        portal.stop()


def test_reads_from_the_replica_writes_on_the_primary_and_carries_on_without_it(clusters, portal_on_both):
    primary, replica = clusters
    portal, on_primary, thread_url, session_key = portal_on_both
    lags = sorted(streaming_lag(primary, replica))
    median, longest = lags[len(lags) // 2] * 1000, lags[-1] * 1000
    print(f"\nstreaming lag, commit to replayed: median {median:.2f} ms, max {longest:.2f} ms")
    visitor = Browser(portal.base)
    status, health = visitor.get("/healthz")
    assert status == 200
    assert '"replica": "ok"' in health

    idea_url = public_reads_come_from_the_replica(visitor, primary, replica, on_primary)
    a_member_reads_their_own_post(Browser(portal.base), session_key, thread_url, primary, replica)
    print(f"/healthz while replay is paused: {visitor.get('/healthz')[1]}")
    replica.query("SELECT pg_wal_replay_resume()")
    wait_until(lambda: caught_up(primary, replica), what="the replica to catch up")

    # The replica stops: pages still answer (the first one retried on the primary), /healthz names it.
    replica.stop()
    try:
        for path in (idea_url, "/en/ideas/", "/fr/", thread_url):
            status, page = visitor.get(path)
            assert status == 200, (path, page[:300])
        assert "Welcome desks in every library" in visitor.get(idea_url)[1]
        status, health = visitor.get("/healthz")
        assert status == 200
        assert '"replica": "error: OperationalError' in health
        assert '"database": "ok"' in health
    finally:
        replica.start()  # the module's fixture stops both


def public_reads_come_from_the_replica(visitor, primary, replica, on_primary) -> str:
    """An idea published on the primary while the replica's replay is paused is not shown until it replays."""
    replica.query("SELECT pg_wal_replay_pause()")
    idea_url = manage("shell", "-c", PUBLISH, env=on_primary).splitlines()[-1].strip()
    assert visitor.get(idea_url)[0] == 404  # read from the replica, which has not replayed it
    status, page = visitor.get("/en/ideas/")
    assert status == 200
    assert "Welcome desks in every library" not in page

    replica.query("SELECT pg_wal_replay_resume()")
    wait_until(lambda: caught_up(primary, replica), what="the replica to catch up")
    status, page = visitor.get(idea_url)
    assert status == 200
    assert "Welcome desks in every library" in page
    return idea_url


def a_member_reads_their_own_post(member, session_key, thread_url, primary, replica) -> None:
    """A member who posts reads their post at once though the replica lags (paused); without the
    "wrote lately" cookie the same member would read the replica, which has not replayed it. Leaves replay paused."""
    member.set_cookie("sessionid", session_key)
    assert member.get(thread_url)[0] == 200
    replica.query("SELECT pg_wal_replay_pause()")
    status, headers = member.post(thread_url, {"body": "Our library opened a welcome desk last spring."})
    assert status == 302, headers
    assert "#post-" in headers["Location"]  # posted, not sent to sign in
    assert member.cookie("com_wrote")  # the signed "wrote lately" cookie
    status, page = member.get(headers["Location"].split("#")[0].removeprefix(member.base))
    assert status == 200
    assert "Our library opened a welcome desk last spring." in page

    member.forget("com_wrote")
    status, page = member.get(thread_url)
    assert status == 200
    assert "Our library opened a welcome desk last spring." not in page
