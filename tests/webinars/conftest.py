import pytest


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("member", "member@example.org", "a long password 123")


@pytest.fixture
def other_member(django_user_model):
    return django_user_model.objects.create_user("other", "other@example.org", "a long password 123")
