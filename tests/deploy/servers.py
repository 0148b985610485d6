"""Throwaway servers for the tests of several machines: PostgreSQL clusters (initdb, pg_basebackup) and the
portal under gunicorn, on free loopback ports, started and stopped by the test."""

import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_PROGRAMS = ("initdb", "pg_ctl", "pg_basebackup", "pg_dump", "pg_restore")


def postgres_bindir() -> Path | None:
    """The folder with all of initdb, pg_ctl, pg_basebackup, pg_dump and pg_restore: the one on PATH, pg_config's,
    or Debian's /usr/lib/postgresql/N/bin (Debian puts only wrappers of some of them on PATH)."""
    candidates = [Path(found).parent for found in [shutil.which("initdb")] if found]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        done = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)
        candidates.append(Path(done.stdout.strip()))
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    candidates += [Path(folder) for folder in debian]
    return next((c for c in candidates if all((c / name).exists() for name in POSTGRES_PROGRAMS)), None)


def require_postgres_programs() -> Path:
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip(
            "needs PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup, pg_dump, pg_restore): "
            "apt-get install postgresql (or put their folder on PATH)"
        )
    return bindir


def server_user() -> dict:
    """PostgreSQL refuses to run as root: then its programs run as the `postgres` user."""
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("run as root, PostgreSQL needs a `postgres` user to run as (apt-get install postgresql makes it)")
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scratch_folder(prefix: str) -> Path:
    """A folder the PostgreSQL user may write in (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if user := server_user():
        os.chown(folder, user["user"], user["group"])
    return folder


class Cluster:
    """One PostgreSQL server: a primary made by initdb, or a streaming replica made by pg_basebackup -R."""

    def __init__(self, bindir: Path, folder: Path, port: int):
        self.bindir, self.data, self.port = bindir, folder / "data", port
        self.log = folder / "server.log"

    def run(self, program: str, *args: str) -> str:
        done = subprocess.run(
            [str(self.bindir / program), *args], capture_output=True, text=True, **server_user(), cwd="/"
        )
        if done.returncode:
            pytest.fail(f"{program} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    @classmethod
    def primary(cls, bindir: Path, folder: Path) -> "Cluster":
        cluster = cls(bindir, folder, free_port())
        cluster.run("initdb", "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        # wal_level=replica and wal senders are the defaults of PostgreSQL 10 and later; said here for the reader.
        # initdb --auth=trust already lets 127.0.0.1 connect for replication (pg_hba.conf's "replication" lines).
        with open(cluster.data / "postgresql.conf", "a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 5\nfsync = off\n")
        return cluster

    def replica(self, folder: Path) -> "Cluster":
        """A streaming replica of this running primary (pg_basebackup -R writes standby.signal, primary_conninfo)."""
        copy = Cluster(self.bindir, folder, free_port())
        self.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "-D", str(copy.data), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
        )  # fmt: skip
        return copy

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.data.parent}"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def query(self, sql: str, database: str = "postgres"):
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True) as db:
            cursor = db.execute(sql)
            return cursor.fetchone() if cursor.description else None


def manage(*args: str, env: dict, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def portal_environment(**variables: str) -> dict:
    """A portal process's environment: only what the test gives, plus a secret key and debug on
    (static files from the app folders, no collectstatic needed)."""
    ours = ("DATABASE_", "REDIS_", "DJANGO_", "MEDIA_")
    keep = {name: value for name, value in os.environ.items() if not name.startswith(ours)}
    return {**keep, "DJANGO_SECRET_KEY": "a test key " * 5, "DJANGO_DEBUG": "true", **variables}


class Portal:
    """The portal under gunicorn (one worker, as in production but smaller) on a free loopback port."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "citiesofmigration.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--no-control-socket"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/robots.txt", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"the portal did not start:\n{log.read_text()}")
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A visitor: keeps cookies, does not follow redirects, sends the CSRF token with its forms."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = None
        headers = {}
        if data is not None:
            token = self.cookie("csrftoken")
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
            headers = {"Referer": self.base + path, "X-CSRFToken": token}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def get(self, path: str) -> tuple[int, str]:
        status, text, _headers = self.request(path)
        return status, text

    def post(self, path: str, data: dict) -> tuple[int, dict]:
        status, _text, headers = self.request(path, data)
        return status, headers

    def cookie(self, name: str) -> str:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), "")

    def set_cookie(self, name: str, value: str) -> None:
        from http.cookiejar import Cookie

        host = urllib.parse.urlsplit(self.base).hostname
        self.cookies.set_cookie(
            Cookie(0, name, value, None, False, host, False, False, "/", True, False, None, False, None, None, {})
        )

    def forget(self, name: str) -> None:
        self.cookies.clear("127.0.0.1", "/", name)


def wait_until(condition, seconds: float = 60, what: str = "condition") -> float:
    """Poll until condition() is true; returns the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)
    return time.monotonic() - start


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def database_of_the_tests() -> str:
    """The address of pytest-django's test database, for processes the test starts."""
    from django.conf import settings

    if "DATABASE_URL" not in os.environ:
        pytest.skip("needs DATABASE_URL (a PostgreSQL server the test's processes can reach)")
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path="/" + settings.DATABASES["default"]["NAME"]))
