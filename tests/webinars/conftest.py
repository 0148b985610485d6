import pytest

from tests.webinars.factories import RegistrationFactory, WebinarFactory


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("member", "member@example.org", "a long password 123")


@pytest.fixture
def other_member(django_user_model):
    return django_user_model.objects.create_user("other", "other@example.org", "a long password 123")


# From test_admin.py
@pytest.fixture
def registrants(django_user_model):
    webinar = WebinarFactory(title_en="Libraries as first stops")
    for n, status in enumerate(["registered", "registered", "waitlisted", "cancelled"]):
        user = django_user_model.objects.create_user(f"u{n}", f"u{n}@example.org", "a long password 123")
        RegistrationFactory(webinar=webinar, user=user, status=status)
    return webinar


# From test_services.py
@pytest.fixture
def users(django_user_model):
    return [
        django_user_model.objects.create_user(f"user{n}", f"user{n}@example.org", "a long password 123")
        for n in range(4)
    ]
