"""A visitor's confirmed alerts become a member's when they prove the address: on confirming it (sign-up,
or a new address) or on signing in (core.alerts.alerts_attach, through community's receivers)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from core.models import Alert
from tests.community.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def visitor_alert(email, *, confirmed=True, query="theme=work"):
    now = timezone.now()
    return Alert.objects.create(
        kind="ideas", query=query, email=email, sent_up_to=now, confirmed_at=now if confirmed else None
    )


def test_signing_up_with_the_address_takes_over_its_confirmed_alerts(client):
    confirmed = visitor_alert("ana@example.org")
    waiting = visitor_alert("ana@example.org", confirmed=False, query="theme=live")
    someone_elses = visitor_alert("bob@example.org")

    client.post(
        "/en/accounts/signup/",
        {
            "display_name": "Ana",
            "email": "Ana@Example.org",
            "password1": "cities of migration 42",
            "password2": "cities of migration 42",
        },
    )
    user = get_user_model().objects.get(email__iexact="ana@example.org")
    confirmed.refresh_from_db()
    assert confirmed.user is None  # not before the address is proved
    link = re.search(r"https?://\S+(/en/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    client.post(link)

    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    someone_elses.refresh_from_db()
    assert confirmed.user == user
    assert waiting.user is None  # its own link still decides
    assert someone_elses.user is None
    page = client.get("/en/alerts/").content.decode()  # signed in by the confirmation
    assert page.count("/en/alerts/unsubscribe/") == 1


def test_signing_in_takes_over_alerts_confirmed_since_under_a_verified_address(client):
    member = UserFactory(email="cy@example.org")
    alert = visitor_alert("cy@example.org")  # confirmed while signed out

    response = client.post("/en/accounts/login/", {"login": "cy@example.org", "password": PASSWORD})

    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.user == member


def test_an_address_not_verified_takes_over_nothing(client):
    member = UserFactory(email="dee@example.org")
    EmailAddress.objects.filter(user=member).update(verified=False)
    alert = visitor_alert("dee@example.org")

    client.force_login(member)  # sends user_logged_in as a sign-in does

    alert.refresh_from_db()
    assert alert.user is None
