"""Real processes on loopback ports: two gunicorn app servers on the test database, HAProxy in front
(deploy/haproxy.cfg), Varnish in front of that (deploy/default.vcl), a local S3 server (moto).

Each is started once per test session, on ports the system hands out, and stopped at the end. A test
that needs a binary this machine lacks is skipped with the command that installs it (CI installs them).
The app servers read the test database, so the tests that use them write with `transactional_db`
(committed rows) and `django_db_serialized_rollback` (the rows the migrations made come back after).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
DEPLOY = BASE_DIR / "deploy"
SECRET_KEY = "deploy-tests-" + "s3cr3t" * 10  # the same on every app server: sessions are signed with it
START_SECONDS = 60


def need(binary: str, package: str) -> str:
    found = shutil.which(binary) or next(
        (path for path in (f"/usr/sbin/{binary}", f"/usr/local/sbin/{binary}") if os.access(path, os.X_OK)), None
    )
    if not found:
        pytest.skip(f"{binary} is not installed: apt-get install {package}")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Service:
    """A process started for the tests, in its own process group, with its output in a log file."""

    name: str
    command: list[str]
    log: Path
    env: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None

    def start(self) -> "Service":
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=BASE_DIR,
                env=self.env or None,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        return self

    def wait_until(self, url: str, *, status: int = 200) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} stopped at start:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == status:
                        return
            except urllib.error.HTTPError as error:
                if error.code == status:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"{self.name} did not answer {url} within {START_SECONDS}s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Site:
    """Where each part listens."""

    apps: list[str]  # http://127.0.0.1:PORT of each app server
    balancer: str = ""
    cache: str = ""


def _database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def deploy_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("deploy")


@pytest.fixture(scope="session")
def ports():
    return {name: free_port() for name in ("app1", "app2", "balancer", "cache")}


SHARED_BUCKET = "shared-uploads"
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="session")
def s3_server():
    """The address of a local S3 server (moto's server mode, in this process), or None without moto."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        yield None
        return
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


@pytest.fixture(scope="session")
def shared_storage(s3_server):
    """The app servers' uploads (MEDIA_STORAGE_URL and credentials), in a bucket of the local S3
    server; {} (files under each server's own MEDIA_ROOT) where moto is not installed."""
    if s3_server is None:
        return {}
    s3_client(s3_server).create_bucket(Bucket=SHARED_BUCKET)
    return {
        "MEDIA_STORAGE_URL": f"s3://{SHARED_BUCKET}?endpoint_url={s3_server}&region_name=us-east-1",
        **S3_CREDENTIALS,
    }


@pytest.fixture(scope="session")
def app_env(django_db_setup, deploy_dir, ports, shared_storage):
    """The environment of an app server as production sets it, on the test database."""
    if "embedded" in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("the multi-server tests need DATABASE_URL (a PostgreSQL server the app servers can reach)")
    var = deploy_dir / "var"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DATABASE_URL=_database_url(),
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_VAR_DIR=str(var),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_BEHIND_PROXY="true",
        DJANGO_TRUSTED_PROXY_HOPS="1",
        COMMUNITY_PREMODERATE_FIRST_POSTS="0",
        CACHE_PURGE_URLS=f"http://127.0.0.1:{ports['cache']}/",
        **shared_storage,
    )
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr
    return env


def gunicorn(name: str, port: int, env: dict, log_dir: Path, workers: int = 2) -> Service:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "citiesofmigration.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--no-control-socket",
        f"--name={name}",
    ]
    return Service(name, command, log_dir / f"{name}.log", env={**env, "APP_SERVER_NAME": name}).start()


@pytest.fixture(scope="session")
def app_servers(app_env, deploy_dir, ports):
    """Two app servers, each with its own processes and memory, on the test database."""
    servers = [gunicorn(name, ports[name], app_env, deploy_dir) for name in ("app1", "app2")]
    try:
        for server, name in zip(servers, ("app1", "app2"), strict=True):
            server.wait_until(f"http://127.0.0.1:{ports[name]}/healthz")
        yield servers
    finally:
        for server in servers:
            server.stop()


def haproxy(port: int, app1: int, app2: int, log: Path) -> Service:
    """HAProxy with deploy/haproxy.cfg on `port`, round robin over two app servers, started and answering."""
    binary = need("haproxy", "haproxy")
    env = {**os.environ, "LB_BIND": f"127.0.0.1:{port}", "APP1": f"127.0.0.1:{app1}", "APP2": f"127.0.0.1:{app2}"}
    service = Service("haproxy", [binary, "-db", "-f", str(DEPLOY / "haproxy.cfg")], log, env).start()
    try:
        service.wait_until(f"http://127.0.0.1:{port}/healthz")
    except BaseException:
        service.stop()
        raise
    return service


@pytest.fixture(scope="session")
def balancer(app_servers, deploy_dir, ports):
    """HAProxy with deploy/haproxy.cfg, round robin over the two app servers."""
    service = haproxy(ports["balancer"], ports["app1"], ports["app2"], deploy_dir / "haproxy.log")
    yield service
    service.stop()


def varnish_config(backend_port: int) -> str:
    """deploy/default.vcl with its backend (compose's `lb:8080`) at the balancer's loopback port."""
    vcl = (DEPLOY / "default.vcl").read_text()
    vcl, found = re.subn(
        r'\.host = "lb";\s*\.port = "8080";', f'.host = "127.0.0.1";\n    .port = "{backend_port}";', vcl
    )
    assert found == 1, "deploy/default.vcl: the backend address the tests rewrite has changed"
    return vcl


@pytest.fixture(scope="session")
def cache_in_front(balancer, deploy_dir, ports):
    """Varnish with deploy/default.vcl, in front of the balancer."""
    binary = need("varnishd", "varnish")
    if not shutil.which("cc"):
        pytest.skip("varnishd compiles its configuration with a C compiler: apt-get install gcc")
    # Outside pytest's own temporary folder, which only its owner may enter: varnishd reads the
    # configuration and its work folder as its own user.
    workdir = Path(tempfile.mkdtemp(prefix="com-varnish-"))
    workdir.chmod(0o755)
    vcl = workdir / "default.vcl"
    vcl.write_text(varnish_config(ports["balancer"]))
    vcl.chmod(0o644)
    command = [binary, "-F", "-n", str(workdir), "-f", str(vcl), "-a", f"127.0.0.1:{ports['cache']}"]
    command += ["-s", "malloc,64m", "-T", "none", "-p", "ban_lurker_sleep=0.1"]
    service = Service("varnish", command, deploy_dir / "varnish.log").start()
    try:
        service.wait_until(f"http://127.0.0.1:{ports['cache']}/healthz")
        yield service
    finally:
        service.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def site(ports):
    return Site(
        apps=[f"http://127.0.0.1:{ports['app1']}", f"http://127.0.0.1:{ports['app2']}"],
        balancer=f"http://127.0.0.1:{ports['balancer']}",
        cache=f"http://127.0.0.1:{ports['cache']}",
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """The app servers check passwords with the production hashers: members made here use them too."""
