"""Newsletter workflows: sign-up with double opt-in, confirmation, unsubscription, sending an issue."""

import html
import logging
import re
import smtplib
from datetime import timedelta

from django.core import signing
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from conversations.models import Delivery, Issue, IssueSend, Item, Subscriber
from core import mail, ratelimit

logger = logging.getLogger(__name__)

CONFIRM_SALT = "conversations.newsletter.confirm"
# How long a confirmation link works.
CONFIRM_MAX_AGE = 7 * 24 * 3600
# Confirmation e-mails sent to one address per day, whoever asks: nobody can flood a stranger's inbox.
CONFIRM_MAILS_PER_DAY = 3


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=CONFIRM_SALT)


def subscriber_from_confirmation(token: str) -> Subscriber | None:
    """The subscriber a confirmation link names, or None when it is forged, altered or too old."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return Subscriber.objects.get(pk=data["id"], email=data["email"])
    except (signing.BadSignature, Subscriber.DoesNotExist, KeyError, TypeError):
        return None


def subscribers_purge_unconfirmed(*, now=None) -> int:
    """Delete the subscriptions never confirmed whose last confirmation link has expired (the privacy
    page promises it). Returns how many were deleted."""
    moment = (now or timezone.now()) - timedelta(seconds=CONFIRM_MAX_AGE)
    deleted, _by_model = Subscriber.objects.unconfirmed_since(moment).delete()
    return deleted


def subscriber_sign_up(*, email: str, language: str) -> Subscriber:
    """Record the sign-up and send the confirmation e-mail (nothing is sent to an active subscriber).

    Each sign-up also deletes the expired unconfirmed subscriptions, so that the promise holds without
    a scheduled job (`manage.py purge_subscriptions` does the same)."""
    subscribers_purge_unconfirmed()
    email = email.strip().lower()
    subscriber, created = Subscriber.objects.get_or_create(email=email, defaults={"language": language})
    if not created and subscriber.language != language:
        subscriber.language = language
        subscriber.save(update_fields=["language"])
    if subscriber.is_active:
        return subscriber
    if ratelimit.hit("newsletter-confirm", email, limit=CONFIRM_MAILS_PER_DAY, period=24 * 3600):
        logger.info("No confirmation e-mail to %s: daily limit reached.", subscriber.pk)
        return subscriber
    with translation.override(language):
        path = reverse("conversations:newsletter-confirm", kwargs={"token": confirmation_token(subscriber)})
    mail.send(
        "conversations/email/confirm",
        {"subscriber": subscriber, "confirm_url": mail.site_url() + path},
        to=[subscriber.email],
        language=language,
    )
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at"])
    return subscriber


def subscriber_confirm(*, subscriber: Subscriber) -> None:
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])


def subscriber_unsubscribe(*, subscriber: Subscriber) -> None:
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])


def html_to_text(value: str) -> str:
    """Sanitised rich text as plain text for the text part of an e-mail: one paragraph per block."""
    value = re.sub(r"</(p|h2|h3|blockquote)>|<br\s*/?>", "\n\n", value or "")
    value = re.sub(r"<li[^>]*>", "\n- ", value)
    text = html.unescape(strip_tags(value))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def issue_message(*, issue: Issue, items: list[Item], subscriber: Subscriber, connection=None):
    """The issue as an e-mail for `subscriber`: in their language, HTML and plain text, with unsubscribe headers."""
    with translation.override(subscriber.language):
        unsubscribe_url = mail.site_url() + subscriber.get_unsubscribe_url()
        editorial_text = html_to_text(issue.editorial)
    message = mail.build_message(
        "conversations/email/issue",
        {
            "issue": issue,
            "items": items,
            "subscriber": subscriber,
            "unsubscribe_url": unsubscribe_url,
            "editorial_text": editorial_text,
        },
        to=[subscriber.email],
        language=subscriber.language,
    )
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.connection = connection
    return message


class IssueNotPublished(Exception):
    pass


def issue_send(*, issue: Issue, batch_size: int = 100, progress=None, failed: list | None = None) -> int:
    """Send `issue` to every active subscriber who has not had it yet; returns how many were sent.

    Each message is sent inside the transaction that records its Delivery: if sending fails the
    record is rolled back (the subscriber gets it on the next run); once recorded, no later run sends
    it again. The unique (subscriber, issue) constraint also keeps two runs at once from sending twice.
    Given a `failed` list, a subscriber whose message the mail server refuses goes into it (by pk) and the
    sending goes on without them; else the error stops the sending.
    """
    if not issue.is_published:
        raise IssueNotPublished(f"Issue {issue.number} is not public yet: it must be published and its time come.")
    items = list(issue.items.published())
    sent = 0
    while True:
        waiting = Subscriber.objects.active().exclude(deliveries__issue=issue).exclude(pk__in=failed or [])
        batch = list(waiting.order_by("pk")[:batch_size])
        if not batch:
            break
        with get_connection() as connection:
            for subscriber in batch:
                try:
                    with transaction.atomic():
                        Delivery.objects.create(subscriber=subscriber, issue=issue)
                        issue_message(issue=issue, items=items, subscriber=subscriber, connection=connection).send()
                except IntegrityError:  # another run sent it meanwhile
                    continue
                except (OSError, smtplib.SMTPException):
                    if failed is None:
                        raise
                    logger.exception("Issue %s not sent to subscriber %s", issue.number, subscriber.pk)
                    failed.append(subscriber.pk)
                    continue
                sent += 1
        if progress:
            progress(sent)
    return sent


def subscriptions_export(*, user, addresses) -> list[dict]:
    """The newsletter subscriptions of any of the member's addresses and the issues each received, for
    their data export (core.registry)."""
    deliveries = Prefetch("deliveries", Delivery.objects.select_related("issue").order_by("sent_at"))
    return [
        {
            "email": subscriber.email,
            "language": subscriber.language,
            "signed_up": subscriber.created_at,
            "confirmed": subscriber.confirmed_at,
            "unsubscribed": subscriber.unsubscribed_at,
            "issues_received": [
                {"issue": delivery.issue.number, "sent": delivery.sent_at} for delivery in subscriber.deliveries.all()
            ],
        }
        for subscriber in Subscriber.objects.filter(email__in=addresses)
        .prefetch_related(deliveries)
        .order_by("created_at")
    ]


def issue_send_queue(*, issue: Issue) -> IssueSend:
    """Queue the sending of `issue` (a job, conversations.send_issue), its links leading where they lead now."""
    from conversations import tasks

    if not issue.is_published:
        raise IssueNotPublished(f"Issue {issue.number} is not public yet: it must be published and its time come.")
    with transaction.atomic():
        sending = IssueSend.objects.create(issue=issue, base_url=mail.site_url())
        tasks.send_issue.configure(lock=f"issue-send-{issue.pk}").defer(send_id=sending.pk)
    return sending


def issue_send_run(send_id: int) -> None:
    """The job: send, counting sent and failed in the IssueSend as it goes; a retry resumes (Deliveries)."""
    sending = IssueSend.objects.select_related("issue").get(pk=send_id)
    waiting = Subscriber.objects.active().exclude(deliveries__issue=sending.issue).count()
    IssueSend.objects.filter(pk=send_id).update(status=IssueSend.Status.RUNNING, total=sending.sent + waiting)
    failed = []
    already = sending.sent

    def progress(sent):
        IssueSend.objects.filter(pk=send_id).update(sent=already + sent, failed=len(failed))

    try:
        with mail.links_to(sending.base_url):
            issue_send(issue=sending.issue, progress=progress, failed=failed)
    except Exception:
        IssueSend.objects.filter(pk=send_id).update(status=IssueSend.Status.FAILED)
        raise
    done = {"status": IssueSend.Status.DONE, "failed": len(failed), "finished_at": timezone.now()}
    IssueSend.objects.filter(pk=send_id).update(**done)
