import pytest
from django.core.cache import cache, caches
from django.utils import translation


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


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with empty caches."""
    cache.clear()
    caches["fragments"].clear()
    yield
    translation.activate("en")


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
