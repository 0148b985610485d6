"""Registration for webinars: places, the waiting list and the confirmation e-mails."""

import logging
import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import mail
from webinars import ics
from webinars.models import Registration, Webinar

logger = logging.getLogger(__name__)


def _locked(webinar: Webinar) -> Webinar:
    """The webinar's row, locked until the end of the transaction: one registration change at a time."""
    return Webinar.objects.select_for_update().get(pk=webinar.pk)


def registration_notify(*, registration: Registration) -> None:
    """E-mail the registrant: a place (with the .ics) or the waiting list. In the language the member chose
    for e-mails (their profile), else the one they registered in; greeting them by their display name."""
    user = registration.user
    if not user.email:
        return
    webinar = registration.webinar
    language = mail.member_language(user, registration.language)
    template = (
        "webinars/email/registered"
        if registration.status == Registration.Status.REGISTERED
        else "webinars/email/waitlisted"
    )
    with translation.override(language):
        message = mail.build_message(
            template,
            {"registration": registration, "webinar": webinar, "user": user, "name": mail.member_name(user)},
            to=[user.email],
            language=language,
        )
        if registration.status == Registration.Status.REGISTERED:
            message.attach(f"{webinar.slug}.ics", ics.webinar_ics(webinar, language=language), "text/calendar")
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        # The registration stands; a mail server that is down must not turn it into an error page.
        logger.exception("Could not send the %s e-mail for registration %s", template, registration.pk)


def registration_create(*, user, webinar: Webinar, language: str | None = None) -> Registration:
    """Register `user` for an upcoming webinar: a place if one is free, else the waiting list.

    Registering again after cancelling reuses the same row; registering twice changes nothing.
    """
    language = language or translation.get_language() or "en"
    with transaction.atomic():
        webinar = _locked(webinar)
        if not webinar.is_published or webinar.starts_at <= timezone.now():
            raise ValidationError(_("Registration for this webinar is closed."))
        registration = Registration.objects.filter(user=user, webinar=webinar).first()
        if registration and registration.status != Registration.Status.CANCELLED:
            return registration
        taken = webinar.registrations.registered().count()
        full = webinar.capacity is not None and taken >= webinar.capacity
        status = Registration.Status.WAITLISTED if full else Registration.Status.REGISTERED
        if registration is None:
            registration = Registration(user=user, webinar=webinar)
        registration.status = status
        registration.language = language
        registration.created = timezone.now()
        registration.save()
        mail.on_commit(lambda: registration_notify(registration=registration))
    return registration


def _fill_places(webinar: Webinar) -> list[Registration]:
    """Move the waiting list up into free places (the webinar's row must be locked). Each promoted is e-mailed."""
    if webinar.starts_at <= timezone.now():
        return []
    waiting = webinar.registrations.waitlisted().select_for_update()
    if webinar.capacity is not None:
        free = webinar.capacity - webinar.registrations.registered().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status"])
        mail.on_commit(lambda registration=registration: registration_notify(registration=registration))
    return promoted


def waitlist_promote(*, webinar: Webinar) -> list[Registration]:
    """After an editor raises the capacity (or removes it): give the new places to the waiting list, in order."""
    with transaction.atomic():
        return _fill_places(_locked(webinar))


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; a freed place goes to the first on the waiting list, who is told by e-mail.

    Returns the promoted registration, if any.
    """
    promoted = None
    with transaction.atomic():
        webinar = _locked(registration.webinar)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        freed = registration.status == Registration.Status.REGISTERED
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status"])
        if freed:
            promoted = next(iter(_fill_places(webinar)), None)
    return promoted


def registrants_email(*, webinar: Webinar, subject: str, message: str) -> int:
    """Send an editor's message to everyone registered (not waitlisted or cancelled); one e-mail each."""
    recipients = list(webinar.registrations.registered().exclude(user__email="").values_list("user__email", flat=True))
    messages = [EmailMessage(subject, message, to=[address]) for address in recipients]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def registrations_export(*, user, addresses) -> list[dict]:
    """The member's webinar registrations, for their data export (core.registry)."""
    return [
        {
            "webinar": registration.webinar.title,
            "starts": registration.webinar.starts_at,
            "status": registration.status,
            "language": registration.language,
            "registered": registration.created,
        }
        for registration in Registration.objects.filter(user=user).select_related("webinar").order_by("created")
    ]


def recording_urls() -> list[str]:
    """The recordings' addresses, for the weekly link check (core.linkcheck)."""
    return list(Webinar.objects.exclude(recording_url="").values_list("recording_url", flat=True))
