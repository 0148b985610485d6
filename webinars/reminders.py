"""Reminders to registrants a day and an hour before a webinar (the periodic job webinars.send_reminders).

Each registration gets each reminder at most once: its sent-at marker is set in the transaction that sends
the e-mail, on the registration's row locked for it; a failed send rolls the marker back, so the next run
tries again. A reminder goes only to those registered before its time (the others just got their
confirmation) and in the language the member chose for e-mails, else the one they registered in.
"""

import logging
import smtplib
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import mail
from webinars import ics
from webinars.models import Registration, Webinar

logger = logging.getLogger(__name__)

# kind: (how long before the start, the registration's marker field)
REMINDERS = {
    "day": (timedelta(days=1), "day_reminder_sent_at"),
    "hour": (timedelta(hours=1), "hour_reminder_sent_at"),
}


def reminders_due(kind: str, now=None):
    """The registrations that should get the `kind` reminder now and have not had it."""
    now = now or timezone.now()
    lead, marker = REMINDERS[kind]
    # The day reminder's window ends where the hour's begins: a late run sends the hour one only.
    shorter = [other for other, _marker in REMINDERS.values() if other < lead]
    window_start = now + max(shorter, default=timedelta(0))
    return (
        Registration.objects.registered()
        .filter(
            webinar__in=Webinar.objects.published(),
            webinar__starts_at__gt=window_start,
            webinar__starts_at__lte=now + lead,
            created__lte=F("webinar__starts_at") - lead,
            **{f"{marker}__isnull": True},
        )
        .exclude(user__email="")
    )


def reminder_message(registration: Registration, kind: str):
    user, webinar = registration.user, registration.webinar
    language = mail.member_language(user, registration.language)
    context = {"registration": registration, "webinar": webinar, "user": user, "name": mail.member_name(user)}
    message = mail.build_message(f"webinars/email/reminder_{kind}", context, to=[user.email], language=language)
    message.attach(f"{webinar.slug}.ics", ics.webinar_ics(webinar, language=language), "text/calendar")
    return message


def reminder_send(registration_id: int, kind: str) -> bool:
    """Send one reminder, unless another run sends it or has sent it. True when this call sent it."""
    marker = REMINDERS[kind][1]
    with transaction.atomic():
        due = reminders_due(kind).select_for_update(skip_locked=True, of=("self",))
        registration = due.select_related("webinar", "user").filter(pk=registration_id).first()
        if registration is None:
            return False
        setattr(registration, marker, timezone.now())
        registration.save(update_fields=[marker])
        reminder_message(registration, kind).send()  # an error here rolls the marker back
    return True


def reminders_send() -> dict[str, int]:
    """Send every reminder due now: {"day": sent, "hour": sent, "failed": n}."""
    counts = {"failed": 0}
    for kind in REMINDERS:
        counts[kind] = 0
        for registration_id in reminders_due(kind).values_list("pk", flat=True):
            try:
                counts[kind] += reminder_send(registration_id, kind)
            except (OSError, smtplib.SMTPException):
                logger.exception("Could not send the %s reminder of registration %s", kind, registration_id)
                counts["failed"] += 1
    return counts
