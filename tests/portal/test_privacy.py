"""The privacy page, the links to it, and the deletion of newsletter subscriptions never confirmed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conversations import services
from conversations.models import Subscriber
from tests.community.factories import UserFactory
from tests.conversations.factories import SubscriberFactory
from tests.places.factories import CityFactory
from tests.webinars.factories import WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "newsletter_period"),
    [
        ("en", "Privacy", "7 days after it was sent"),
        ("fr", "Confidentialité", "7 jours après son envoi"),
        ("de", "Datenschutz", "7 Tage nach dem Versand"),
    ],
)
def test_privacy_page_in_each_language(client, settings, language, heading, newsletter_period):
    settings.CONTACT_EMAIL = "privacy@citiesofmigration.example"

    response = client.get(f"/{language}/privacy/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert newsletter_period in html
    assert 'href="mailto:privacy@citiesofmigration.example"' in html
    assert f'href="/{language}/accounts/export/"' in html
    assert f'href="/{language}/accounts/delete/"' in html


def test_privacy_page_says_what_is_kept(client):
    html = client.get("/en/privacy/").content.decode()

    for kind in (
        "Your account",
        "Your profile",
        "Your questions and replies",
        "Webinar registrations",
        "Newsletter subscriptions",
        "Good Idea proposals",
        "Downloads",
        "Sign-ins and server logs",
    ):
        assert f">{kind}</h3>" in html


@pytest.mark.parametrize(
    "path",
    ["/de/", "/de/accounts/signup/", "/de/newsletter/", "/de/ideas/submit/"],
)
def test_privacy_page_is_linked_from_the_footer_and_the_forms(client, path):
    CityFactory()
    assert 'href="/de/privacy/"' in client.get(path).content.decode()


def test_privacy_page_is_linked_at_webinar_registration(client):
    webinar = WebinarFactory()
    page = f"/en/webinars/{webinar.slug}/"
    anonymous = client.get(page).content.decode()
    client.force_login(UserFactory())
    member = client.get(page).content.decode()

    for html in (anonymous, member):
        registration = html[html.index('id="registration-heading"') :]
        assert 'href="/en/privacy/"' in registration[: registration.index("</section>")]


# Unconfirmed subscriptions are deleted once their link has expired ------------------------------------


def old(days):
    return timezone.now() - timedelta(days=days)


def test_unconfirmed_subscriptions_go_once_their_link_has_expired():
    expired = SubscriberFactory(email="expired@example.org", confirmed_at=None)
    resent = SubscriberFactory(email="resent@example.org", confirmed_at=None)
    fresh = SubscriberFactory(email="fresh@example.org", confirmed_at=None)
    confirmed = SubscriberFactory(email="reader@example.org")
    gone = SubscriberFactory(email="gone@example.org", unsubscribed_at=old(30))
    Subscriber.objects.filter(pk__in=[expired.pk, resent.pk, confirmed.pk, gone.pk]).update(created_at=old(30))
    Subscriber.objects.filter(pk=expired.pk).update(confirmation_sent_at=old(8))
    Subscriber.objects.filter(pk=resent.pk).update(confirmation_sent_at=old(2))  # asked again: link still valid

    assert services.subscribers_purge_unconfirmed() == 1

    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        resent.email,
        fresh.email,
        confirmed.email,
        gone.email,
    }


def test_purge_command(capsys):
    pending = SubscriberFactory(confirmed_at=None)
    Subscriber.objects.filter(pk=pending.pk).update(created_at=old(8))

    call_command("purge_subscriptions")

    assert "1 unconfirmed subscription(s) deleted." in capsys.readouterr().out
    assert not Subscriber.objects.exists()


def test_each_sign_up_deletes_the_expired_ones(client):
    pending = SubscriberFactory(email="someone@example.org", confirmed_at=None)
    Subscriber.objects.filter(pk=pending.pk).update(created_at=old(8), confirmation_sent_at=old(8))

    client.post("/en/newsletter/", {"email": "new@example.org", "language": "en", "website_url": ""})

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]
    assert Subscriber.objects.get().confirmation_sent_at is not None
    assert len(mail.outbox) == 1


def test_an_expired_sign_up_may_sign_up_again(client):
    pending = SubscriberFactory(email="late@example.org", confirmed_at=None)
    Subscriber.objects.filter(pk=pending.pk).update(created_at=old(8), confirmation_sent_at=old(8))

    response = client.post("/en/newsletter/", {"email": "late@example.org", "language": "fr", "website_url": ""})

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.is_active) == ("late@example.org", "fr", False)
    assert len(mail.outbox) == 1
