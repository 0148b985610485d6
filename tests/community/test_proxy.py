"""Sign-in lockout and sign-up limits behind a proxy: a forged X-Forwarded-For entry changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.community.factories import PASSWORD

pytestmark = pytest.mark.django_db

VISITOR = "203.0.113.9"
PROXY = "10.0.0.2"


@pytest.mark.usefixtures("behind_one_proxy")
def test_a_new_forged_address_on_each_try_does_not_escape_the_lockout(client, member):
    with translation.override("en"):
        login = reverse("account_login")
    statuses = []
    for attempt in range(12):
        response = client.post(
            login,
            {"login": member.email, "password": "wrong"},
            headers={"x-forwarded-for": f"198.51.100.{attempt}, {VISITOR}"},
            REMOTE_ADDR=PROXY,
        )
        statuses.append(response.status_code)

    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}  # locked out at the fifth, whatever the client wrote
    locked = client.post(
        login, {"login": member.email, "password": PASSWORD}, headers={"x-forwarded-for": f"9.9.9.9, {VISITOR}"}
    )
    assert locked.status_code == 429


@pytest.mark.usefixtures("behind_one_proxy")
def test_a_forged_address_does_not_escape_the_sign_up_limit(client):
    with translation.override("en"):
        signup = reverse("account_signup")
    statuses = []
    for number in range(6):
        response = client.post(
            signup,
            {
                "display_name": "Ana P.",
                "email": f"person{number}@example.org",
                "password1": "cities of migration 42",
                "password2": "cities of migration 42",
            },
            headers={"x-forwarded-for": f"198.51.100.{number}, {VISITOR}"},
        )
        client.logout()
        statuses.append(response.status_code)

    assert statuses[-1] == 429
