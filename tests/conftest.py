import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import versioning


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Members made by the factories: a fast hash (PBKDF2's million rounds cost seconds each on a shared machine)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def forget_cached():
    """Empty every cache of content: the next page is built as after a change of content."""
    cache.clear()
    caches["fragments"].clear()
    versioning.KeptPerVersion.forget()


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with empty caches."""
    forget_cached()
    yield
    translation.activate("en")


@pytest.fixture
def cold():
    """forget_cached(), for query counts to compare a page before and after a change on equal terms:
    what the page keeps for the content version (cards, counts, cities) is rebuilt after a change."""
    return forget_cached


@pytest.fixture
def warm_queries(client):
    """warm_queries(*addresses): each address asked once (what it counts and keeps is then kept), then
    again: [(number of queries, response)] of the second asks, what a page costs once warm."""

    def asked(*addresses):
        for address in addresses:
            client.get(address)
        found = []
        for address in addresses:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(address)
            found.append((len(captured), response))
        return found

    return asked


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", "editor@example.org", "a long password 123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def site_url(settings):
    """The portal's public address (DJANGO_SITE_URL), which mails sent outside a request need for their links."""
    settings.SITE_URL = "https://citiesofmigration.example"
    return settings.SITE_URL


DEMO_APPS = ("places", "goodideas", "elibrary", "webinars", "conversations", "community", "account", "auth")


def _demo_rows() -> dict:
    """Every row of the apps the demo writes, without the times of the last save."""
    from django.apps import apps

    rows = {}
    for model in apps.get_models(include_auto_created=True):  # many-to-many links too
        if model._meta.app_label in DEMO_APPS:
            skip = {field.attname for field in model._meta.concrete_fields if getattr(field, "auto_now", False)}
            values = model._default_manager.order_by("pk").values()
            rows[model._meta.label] = [{k: v for k, v in row.items() if k not in skip} for row in values]
    return rows


@pytest.fixture
def demo_loaded_twice(db, settings, tmp_path):
    """`load_demo` run twice: (every demo row after the first run, after the second run)."""
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    first = _demo_rows()
    call_command("load_demo", verbosity=0)
    return first, _demo_rows()


@pytest.fixture
def run_jobs(transactional_db, django_db_serialized_rollback):
    """Run the queued background jobs through the real queue: a procrastinate worker in this process, on
    PostgreSQL (the test database), until the queue is empty. Returns (task, status) of each job but the
    periodic ones, which the worker queues by itself when their time comes (portal.tasks.SCHEDULE).

    Serialized rollback: the test starts from the migrated rows (the Editors group) and its end flushes
    without re-running post_migrate, so a later serialized-rollback test does not find that group twice."""
    from procrastinate.contrib.django import app
    from procrastinate.contrib.django.models import ProcrastinateJob

    from portal.tasks import SCHEDULE

    # Procrastinate's tables are not Django's to flush between tests: each test starts with an empty queue.
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_jobs, procrastinate_events, procrastinate_periodic_defers, "
            "procrastinate_workers RESTART IDENTITY CASCADE"
        )

    def run(queues=None):
        with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
            worker_app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False, queues=queues)
        jobs = ProcrastinateJob.objects.exclude(task_name__in=SCHEDULE).order_by("id")
        return list(jobs.values_list("task_name", "status"))

    return run
