"""Configuration from the environment, checked in a fresh process as production would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION = {
    "DJANGO_SECRET_KEY": "production-" + "k3y" * 20,
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "citiesofmigration.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://citiesofmigration.example",
    "DJANGO_SITE_URL": "https://citiesofmigration.example",
    "DJANGO_HTTPS": "true",
    "DJANGO_BEHIND_PROXY": "true",
    "DATABASE_URL": "postgres://com:secret@db.internal:5432/citiesofmigration",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_HOST": "smtp.example",
}


def manage(*args, env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_the_documented_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_https():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "DJANGO_HTTPS": "false"})

    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_start_up_stops_without_a_secret_key_when_debug_is_off(tmp_path):
    env = {**PRODUCTION, "DJANGO_VAR_DIR": str(tmp_path)}
    del env["DJANGO_SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "No secret key: set DJANGO_SECRET_KEY" in result.stderr


def test_debug_generates_a_local_key_once(tmp_path):
    env = {"DJANGO_DEBUG": "true", "DJANGO_VAR_DIR": str(tmp_path), "DATABASE_URL": PRODUCTION["DATABASE_URL"]}

    assert manage("check", env=env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert manage("check", env=env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_a_bad_boolean_is_reported_clearly():
    result = manage("check", env={**PRODUCTION, "DJANGO_DEBUG": "maybe"})

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "core.cache.FailSoftRedisCache"),
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_cache_follows_redis_url(env, backend):
    base = {"DJANGO_SECRET_KEY": "x" * 60, "DATABASE_URL": PRODUCTION["DATABASE_URL"], **env}
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])", env=base
    )

    assert result.stdout.strip().splitlines()[-1] == backend


def test_email_is_smtp_only_where_a_host_is_configured():
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    base = {"DJANGO_SECRET_KEY": "x" * 60, "DATABASE_URL": PRODUCTION["DATABASE_URL"]}

    smtp = manage("shell", "-c", code, env={**base, "EMAIL_HOST": "smtp.example"})
    local = manage("shell", "-c", code, env=base)

    assert smtp.stdout.strip().splitlines()[-1] == "django.core.mail.backends.smtp.EmailBackend"
    assert local.stdout.strip().splitlines()[-1] == "django.core.mail.backends.filebased.EmailBackend"


def test_commands_on_the_embedded_database_print_no_runtime_dir_warning(tmp_path):
    # A new user's machine: no DATABASE_URL (the embedded PostgreSQL starts), no XDG_RUNTIME_DIR.
    env = {key: value for key, value in os.environ.items() if key != "XDG_RUNTIME_DIR"}
    env = {**env, "DJANGO_DEBUG": "true", "DJANGO_VAR_DIR": str(tmp_path), "PYTHONWARNINGS": "default"}
    env.pop("DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "showmigrations", "sessions"],
        cwd=BASE_DIR,
        env={key: value for key, value in env.items() if not key.startswith(("DATABASE_", "REDIS_"))},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stdout
    assert result.stderr == ""


@pytest.mark.django_db
def test_queries_a_page_runs_again_are_prepared_once_per_connection(client):
    from django.db import connection

    from tests.goodideas.factories import GoodIdeaFactory

    idea = GoodIdeaFactory()
    for _ in range(3):
        assert client.get(idea.get_absolute_url()).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any("goodideas_goodidea" in statement for statement in prepared)


@pytest.mark.parametrize(("env", "threshold"), [({}, "2"), ({"DATABASE_PREPARE_THRESHOLD": "0"}, "None")])
def test_prepared_statements_can_be_turned_off_for_a_pooler(env, threshold):
    base = {"DJANGO_SECRET_KEY": "x" * 60, "DATABASE_URL": PRODUCTION["DATABASE_URL"], **env}
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['prepare_threshold'])"
    result = manage("shell", "-c", code, env=base)

    assert result.stdout.strip().splitlines()[-1] == threshold


def test_the_embedded_database_starts_after_a_stop_that_left_its_list_of_users_empty(tmp_path):
    # pgserver rewrites var/pgdata/.handle_pids.json in place: a process killed while writing it left
    # it empty, and every later `make run` failed on it.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "REDIS_"))}
    env = {**env, "DJANGO_DEBUG": "true", "DJANGO_VAR_DIR": str(tmp_path)}

    def showmigrations():
        return subprocess.run(
            [sys.executable, "manage.py", "showmigrations", "sessions"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert showmigrations().returncode == 0  # creates the database
    (tmp_path / "pgdata" / ".handle_pids.json").write_text("")

    result = showmigrations()

    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stdout
