"""The newsletter: double opt-in sign-up, one-click unsubscribe, sending an issue in batches."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from conversations import services
from conversations.models import Delivery, Subscriber
from tests.conversations.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def sign_up(client, email="ada@example.org", language="fr", **extra):
    return client.post(f"/{language}/newsletter/", {"email": email, "language": language, "website_url": "", **extra})


def confirm_link(message):
    return re.search(r"https?://\S+/newsletter/confirm/\S+/", message.body)[0]


def test_double_opt_in(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/fr/newsletter/check-your-inbox/"
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "fr"
    assert not subscriber.is_active
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "/fr/newsletter/confirm/" in message.body
    assert message.subject.startswith("Veuillez confirmer")

    path = confirm_link(message).split("://", 1)[1].split("/", 1)[1]
    # Opening the link (as a mail scanner would) does not subscribe: the button does.
    assert client.get(f"/{path}").status_code == 200
    subscriber.refresh_from_db()
    assert not subscriber.is_active
    assert client.post(f"/{path}").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "eyJpZCI6MX0:1abc:xyz"])
def test_forged_confirmation_link_is_404(client, token):
    sign_up(client)
    assert client.get(f"/en/newsletter/confirm/{token}/").status_code == 404
    assert client.post(f"/en/newsletter/confirm/{token}/").status_code == 404
    assert not Subscriber.objects.get().is_active


def test_expired_confirmation_link_is_404(client):
    sign_up(client)
    link = confirm_link(mail.outbox[0])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    with mock.patch("django.core.signing.time.time", return_value=__import__("time").time() + 8 * 24 * 3600):
        assert client.get(path).status_code == 404


def test_honeypot_and_bad_email_are_form_errors(client):
    assert sign_up(client, website_url="http://spam.example").status_code == 200
    assert sign_up(client, email="not an address").status_code == 200
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_sign_up_is_rate_limited(client):
    for n in range(5):
        assert sign_up(client, email=f"p{n}@example.org").status_code == 302
    response = sign_up(client, email="p6@example.org")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Subscriber.objects.count() == 5


def test_signing_up_again_does_not_duplicate(client):
    sign_up(client, email="Ada@Example.org")
    sign_up(client, email="ada@example.org", language="de")
    assert Subscriber.objects.get().language == "de"


def test_one_click_unsubscribe(client):
    subscriber = SubscriberFactory()
    path = subscriber.get_unsubscribe_url()

    response = client.get(path)
    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_active

    # A mail client's one-click POST (RFC 8058) carries no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    assert csrf_client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    subscriber.refresh_from_db()
    assert not subscriber.is_active
    assert client.get("/en/newsletter/unsubscribe/unknown-token/").status_code == 404
    assert client.post("/en/newsletter/unsubscribe/unknown-token/").status_code == 404


def test_send_issue_in_each_language_html_and_text_with_unsubscribe_headers(newsletter_issue, site_url):
    SubscriberFactory(email="fr@example.org", language="fr")
    SubscriberFactory(email="de@example.org", language="de")
    SubscriberFactory(email="pending@example.org", confirmed_at=None)

    call_command("send_issue", "12", verbosity=0)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"fr@example.org", "de@example.org"}
    french, german = by_address["fr@example.org"], by_address["de@example.org"]
    assert "Des villes à l'écoute" in french.subject
    assert "Beitrag eins" in german.body
    assert "/de/conversations/12/one/" in german.body
    html, mimetype = german.alternatives[0]
    assert mimetype == "text/html"
    assert "Beitrag eins" in html
    assert '<html lang="de">' in html
    subscriber = Subscriber.objects.get(email="de@example.org")
    assert (
        german.extra_headers["List-Unsubscribe"]
        == f"<https://citiesofmigration.example/de/newsletter/unsubscribe/{subscriber.token}/>"
    )
    assert german.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Delivery.objects.count() == 2


def test_interrupted_send_resumes_without_sending_twice(newsletter_issue, site_url):
    subscribers = SubscriberFactory.create_batch(7)
    original_send = services.mail.build_message

    sent = []

    def failing_after_three(*args, **kwargs):
        message = original_send(*args, **kwargs)
        if len(sent) == 3:
            raise ConnectionError("SMTP server went away")
        sent.append(message.to[0])
        return message

    with mock.patch.object(services.mail, "build_message", failing_after_three), pytest.raises(ConnectionError):
        services.issue_send(issue=newsletter_issue, batch_size=2)
    assert len(mail.outbox) == 3
    assert Delivery.objects.count() == 3

    call_command("send_issue", "12", "--batch-size", "2", verbosity=0)
    call_command("send_issue", "12", verbosity=0)  # a third run: nothing left to send

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(subscriber.email for subscriber in subscribers)
    assert Delivery.objects.count() == 7


def test_send_issue_refuses_unpublished_or_missing_issue(newsletter_issue):
    IssueFactory(number=13, status="draft")
    with pytest.raises(CommandError):
        call_command("send_issue", "13")
    with pytest.raises(CommandError):
        call_command("send_issue", "99")
    with pytest.raises(CommandError):
        call_command("send_issue", "12", "--batch-size", "0")


def test_send_issue_uses_one_connection_per_batch(newsletter_issue, site_url):
    SubscriberFactory.create_batch(5)
    opened = []
    real = services.get_connection

    def counting_connection(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    with mock.patch.object(services, "get_connection", counting_connection):
        assert services.issue_send(issue=newsletter_issue, batch_size=2) == 5
    assert len(opened) == 3
    assert len(mail.outbox) == 5


def test_unsubscribed_and_unconfirmed_get_nothing(newsletter_issue, site_url):
    from django.utils import timezone

    SubscriberFactory(email="gone@example.org", unsubscribed_at=timezone.now())
    SubscriberFactory(email="pending@example.org", confirmed_at=None)
    SubscriberFactory(email="reader@example.org")
    services.issue_send(issue=newsletter_issue)
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]


def test_one_address_gets_at_most_three_confirmation_mails_a_day(site_url):
    for _n in range(5):
        services.subscriber_sign_up(email="target@example.org", language="en")
    assert len(mail.outbox) == 3
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"email": "a@example.org", "language": "xx"},
        {"email": "x" * 300 + "@example.org", "language": "en"},
        {"email": "", "language": ""},
        {},
        {"email": "a@example.org\nBcc: b@example.org", "language": "en"},
    ],
)
def test_bad_sign_up_input_is_a_form_error_never_500(client, data):
    response = client.post("/en/newsletter/", data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_newsletter_pages_in_each_language(client, language):
    subscriber = SubscriberFactory(language=language)
    pages = [
        f"/{language}/newsletter/",
        f"/{language}/newsletter/check-your-inbox/",
        f"/{language}/newsletter/confirm/{services.confirmation_token(subscriber)}/",
        f"/{language}/newsletter/unsubscribe/{subscriber.token}/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.content.decode()
    if language == "fr":
        assert "S'abonner à la lettre d'information" in client.get("/fr/newsletter/").content.decode()
