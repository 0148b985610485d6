import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with an empty cache."""
    cache.clear()
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
