"""Reminders a day and an hour before a webinar, through the real queue (a worker in the test process)."""

from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from tests.webinars.factories import RegistrationFactory, WebinarFactory
from webinars import tasks
from webinars.models import Registration, Webinar

pytestmark = pytest.mark.usefixtures("site_url")


def register(webinar, name, *, language="en", status="registered", days_before=7):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(name, f"{name}@example.org", "a long password 123")
    created = webinar.starts_at - timedelta(days=days_before)
    return RegistrationFactory(webinar=webinar, user=user, status=status, language=language, created=created)


def starting_in(delta, **kwargs):
    return WebinarFactory(starts_at=timezone.now().replace(microsecond=0) + delta, **kwargs)


def run_reminders(run_jobs):
    before = len(outbox.outbox)
    job_id = tasks.send_reminders.defer(timestamp=int(timezone.now().timestamp()))
    run_jobs()  # lists the jobs but the periodic ones, such as this
    assert ProcrastinateJob.objects.get(id=job_id).status == "succeeded"
    return outbox.outbox[before:]


def test_a_day_before_each_registrant_gets_one_reminder_in_their_language(run_jobs):
    webinar = starting_in(timedelta(hours=23), title_fr="Les bibliothèques")
    register(webinar, "anna")
    register(webinar, "bruno", language="fr")
    register(webinar, "waiting", status="waitlisted")
    register(webinar, "gone", status="cancelled")

    sent = run_reminders(run_jobs)

    assert sorted(message.to[0] for message in sent) == ["anna@example.org", "bruno@example.org"]
    french = next(message for message in sent if message.to == ["bruno@example.org"])
    assert french.extra_headers["Content-Language"] == "fr"
    assert french.subject == "Rappel : Les bibliothèques"
    assert "https://meet.example.org/room-42" in french.body
    assert french.attachments[0][0] == f"{webinar.slug}.ics"
    assert b"BEGIN:VEVENT" in french.attachments[0][1].encode()
    assert Registration.objects.filter(day_reminder_sent_at__isnull=False).count() == 2


def test_never_twice(run_jobs):
    webinar = starting_in(timedelta(hours=23))
    register(webinar, "anna")

    assert len(run_reminders(run_jobs)) == 1
    assert run_reminders(run_jobs) == []


def test_an_hour_before_the_hour_reminder_only(run_jobs):
    webinar = starting_in(timedelta(minutes=50))
    register(webinar, "anna")

    sent = run_reminders(run_jobs)

    assert [message.subject for message in sent] == [f"Starting soon: {webinar.title}"]
    registration = Registration.objects.get()
    assert registration.hour_reminder_sent_at is not None
    assert registration.day_reminder_sent_at is None


def test_no_reminder_for_drafts_far_webinars_or_those_who_just_registered(run_jobs):
    register(starting_in(timedelta(hours=23), status=Webinar.Status.DRAFT), "draft")
    register(starting_in(timedelta(days=3)), "far")
    register(starting_in(timedelta(hours=-2)), "past")
    register(starting_in(timedelta(hours=23)), "late", days_before=0)  # they just got the confirmation

    assert run_reminders(run_jobs) == []


def test_a_failed_send_leaves_no_marker_and_the_next_run_sends(run_jobs, monkeypatch):
    webinar = starting_in(timedelta(hours=23))
    register(webinar, "anna")

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("the mail server is down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        assert run_reminders(run_jobs) == []
    assert Registration.objects.get().day_reminder_sent_at is None

    assert len(run_reminders(run_jobs)) == 1
