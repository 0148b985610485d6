"""Reads of public web requests from a PostgreSQL streaming replica; everything else on the primary.

With DATABASE_REPLICA_URL set, settings add a "replica" database, `ReplicaRouter` to DATABASE_ROUTERS and
`ReplicaReads` at the top of MIDDLEWARE (README "Database replica, backups and workers"). Then:

- writes always go to the primary ("default");
- reads go to the replica only inside a GET or HEAD request that `ReplicaReads` let through: not the
  admin nor the accounts pages (settings.PRIVATE_SECTIONS), not a visitor who wrote something in the last
  DATABASE_REPLICA_STICKY_SECONDS (every POST, PUT, PATCH or DELETE sets a signed cookie saying so: they
  read their own writes), not inside a transaction on the primary. Management commands, migrations, the
  shell and the job worker never pass through the middleware, so they read the primary;
- the replica is checked at most once every DATABASE_REPLICA_CHECK_SECONDS per process (one query that
  also gives its lag); while it does not answer, or lags more than DATABASE_REPLICA_MAX_LAG_SECONDS,
  reads go to the primary. A GET that failed on the replica between two checks is run again on the
  primary (a GET changes nothing, so running it twice is safe).
"""

import contextlib
import contextvars
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from core import versioning
from core.httpcache import STICKY_COOKIE, _private_path

REPLICA = "replica"
_STICKY_SALT = "core.dbrouter"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# The replay lag: 0 when the replica has replayed all it received, else the age of the last replayed commit.
LAG_SQL = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END, pg_is_in_recovery()"
)


@dataclass
class _Reads:
    replica: bool  # this request may read from the replica
    used: bool = False  # and did


_reads: contextvars.ContextVar[_Reads | None] = contextvars.ContextVar("replica_reads", default=None)


@dataclass
class ReplicaState:
    ok: bool = True
    lag: float | None = None
    problem: str = ""
    checked_at: float = float("-inf")


_state = ReplicaState()
_lock = threading.Lock()


def configured() -> bool:
    return REPLICA in settings.DATABASES


def check_replica() -> ReplicaState:
    """Ask the replica now whether it answers and how far behind it is; remember the answer."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            lag, in_recovery = cursor.fetchone()
        lag = float(lag)
        if not in_recovery:
            problem = "not a replica (pg_is_in_recovery() is false)"
        elif lag > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
            problem = f"lags {lag:.1f} s, more than {settings.DATABASE_REPLICA_MAX_LAG_SECONDS} s"
        else:
            problem = ""
    except Exception as error:  # any failure sends the reads to the primary
        lag, problem = None, f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error) else ''}"
        with contextlib.suppress(Exception):  # already broken
            connection.close()
    with _lock:
        _state.ok, _state.lag, _state.problem, _state.checked_at = not problem, lag, problem, time.monotonic()
    return _state


def replica_usable() -> bool:
    """The last check's answer, checking again when it is older than DATABASE_REPLICA_CHECK_SECONDS."""
    if time.monotonic() - _state.checked_at >= settings.DATABASE_REPLICA_CHECK_SECONDS:
        check_replica()
    return _state.ok


def reads_replica() -> bool:
    """Whether the current request reads from the replica (False outside a request)."""
    reads = _reads.get()
    return bool(reads and reads.replica)


class ReplicaRouter:
    """Public reads to the replica inside a request that allows it; every write and migration on the primary."""

    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if reads is None or not reads.replica or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        reads.used = True
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by itself


def _wrote_lately(request) -> bool:
    return bool(
        request.get_signed_cookie(
            STICKY_COOKIE, default=None, salt=_STICKY_SALT, max_age=settings.DATABASE_REPLICA_STICKY_SECONDS
        )
    )


def _may_read_replica(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and not _private_path(request.path)
        and not _wrote_lately(request)
        and replica_usable()
    )


class ReplicaReads:
    """Decides, for each request, whether its reads may go to the replica (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = _Reads(replica=_may_read_replica(request))
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
            if reads.used and response.status_code >= 500 and not check_replica().ok:
                # The replica went away since the last check: this GET again, on the primary.
                reads.replica = False
                versioning.forget_request_version()
                response = self.get_response(request)
        finally:
            _reads.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_signed_cookie(
                STICKY_COOKIE,
                "1",
                salt=_STICKY_SALT,
                max_age=settings.DATABASE_REPLICA_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
