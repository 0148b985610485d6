from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.webinars.factories import WebinarFactory
from webinars import services
from webinars.models import Registration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]  # mails sent outside a request


def test_places_then_waiting_list_then_moving_up(users, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third, fourth = (services.registration_create(user=user, webinar=webinar) for user in users)

    statuses = [r.status for r in (first, second, third, fourth)]
    assert statuses == ["registered", "registered", "waitlisted", "waitlisted"]

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=first)

    assert promoted == third
    third.refresh_from_db()
    fourth.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, third.status, fourth.status) == ("cancelled", "registered", "waitlisted")
    assert webinar.registrations.registered().count() == 2
    # The promoted registrant is told, with the calendar entry.
    assert mail.outbox[-1].to == ["user2@example.org"]
    assert mail.outbox[-1].attachments[0][0].endswith(".ics")


def test_leaving_the_waiting_list_promotes_nobody(users):
    webinar = WebinarFactory(capacity=1)
    services.registration_create(user=users[0], webinar=webinar)
    waiting = services.registration_create(user=users[1], webinar=webinar)
    third = services.registration_create(user=users[2], webinar=webinar)

    assert services.registration_cancel(registration=waiting) is None
    third.refresh_from_db()
    assert third.status == Registration.Status.WAITLISTED


def test_registering_twice_keeps_one_row_and_cancelled_can_come_back(users):
    webinar = WebinarFactory()
    registration = services.registration_create(user=users[0], webinar=webinar)
    assert services.registration_create(user=users[0], webinar=webinar) == registration
    services.registration_cancel(registration=registration)
    again = services.registration_create(user=users[0], webinar=webinar)

    assert again.pk == registration.pk
    assert again.status == Registration.Status.REGISTERED
    assert Registration.objects.count() == 1


def test_confirmation_email_in_the_users_language_with_the_ics(users, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(title_fr="Les bibliothèques, premières escales", time_zone="Europe/Paris")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(user=users[0], webinar=webinar, language="fr")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["user0@example.org"]
    assert "Les bibliothèques, premières escales" in message.subject
    assert message.subject.startswith("Vous êtes inscrit")
    assert "/fr/webinars/" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == f"{webinar.slug}.ics"
    assert mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Les bibliothèques, premières escales"
    assert event.decoded("DTSTART") == webinar.starts_at


def test_waiting_list_email_has_no_calendar(users, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(capacity=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(user=users[0], webinar=webinar, language="de")

    assert "Warteliste" in mail.outbox[0].subject
    assert mail.outbox[0].attachments == []


def test_no_registration_once_it_has_started(users):
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationError):
        services.registration_create(user=users[0], webinar=webinar)
    unpublished = WebinarFactory(status="draft")
    with pytest.raises(ValidationError):
        services.registration_create(user=users[0], webinar=unpublished)


def test_registrants_email_goes_to_registered_only(users):
    webinar = WebinarFactory(capacity=1)
    services.registration_create(user=users[0], webinar=webinar)
    services.registration_create(user=users[1], webinar=webinar)
    mail.outbox.clear()

    sent = services.registrants_email(webinar=webinar, subject="Slides", message="Here they are.")

    assert sent == 1
    assert [m.to for m in mail.outbox] == [["user0@example.org"]]


def test_raising_the_capacity_moves_the_waiting_list_up_in_order(users, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(capacity=1)
    _first, second, third, fourth = (services.registration_create(user=user, webinar=webinar) for user in users)
    webinar.capacity = 3
    webinar.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.waitlist_promote(webinar=webinar)

    assert promoted == [second, third]
    fourth.refresh_from_db()
    assert fourth.status == Registration.Status.WAITLISTED
    assert sorted(m.to[0] for m in mail.outbox) == ["user1@example.org", "user2@example.org"]


def test_a_mail_server_that_is_down_does_not_undo_the_registration(users, monkeypatch, caplog):
    from django.core.mail import EmailMultiAlternatives

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    webinar = WebinarFactory()
    registration = services.registration_create(user=users[0], webinar=webinar)
    services.registration_notify(registration=registration)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED
    assert "Could not send" in caplog.text
