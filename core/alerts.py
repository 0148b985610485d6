"""Alerts: "e-mail me when something new matches" on a list (its kind and its filters), and their digests.

A list offers alerts by registering its filtered feed (core.registry.register_alert_source): the digest
matches with the same FilterSet as the list and its feed. A member's alert is saved at once; a visitor's
is kept unconfirmed until they open the link e-mailed to them (double opt-in, as for the newsletter).
"""

import logging
from datetime import timedelta
from urllib.parse import parse_qsl

from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from core import mail, ratelimit, registry
from core.models import Alert

logger = logging.getLogger(__name__)

CONFIRM_SALT = "core.alerts.confirm"
UNSUBSCRIBE_SALT = "core.alerts.unsubscribe"
MANAGE_SALT = "core.alerts.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600
CONFIRM_MAILS_PER_DAY = 3
DIGEST_LENGTH = 10
# A digest is due once its period has passed since the last one, give or take the job's hour.
PERIODS = {Alert.Frequency.DAILY: timedelta(hours=23), Alert.Frequency.WEEKLY: timedelta(days=6, hours=23)}


def source(kind: str):
    """(label, feed class) of a list that offers alerts, or None."""
    return registry.alert_sources().get(kind)


def normalise_query(kind: str, data) -> str:
    """The query string of the list's own filters only (page, sort and unknown parameters dropped), sorted."""
    known = set(source(kind)[1].filterset_class.base_filters)
    pairs = sorted((name, value.strip()) for name, value in _pairs(data) if name in known and value.strip())
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query.urlencode()[:1000]


def _pairs(data):
    if isinstance(data, str):
        return parse_qsl(data)
    return [(name, value) for name in data for value in data.getlist(name)]


def describe(alert: Alert) -> str:
    """ "Good Ideas: theme work, city toronto" — what the alert follows, for pages and e-mails."""
    found = source(alert.kind)
    if found is None:
        return alert.kind
    label, feed_class = found
    filters = feed_class.filterset_class.base_filters
    chosen: dict[str, list[str]] = {}
    for name, value in parse_qsl(alert.query):
        chosen.setdefault(name, []).append(value)
    parts = [
        f"{filters[name].label or name} {' / '.join(values)}" for name, values in chosen.items() if name in filters
    ]
    return f"{label}: {', '.join(parts)}" if parts else str(label)


def list_url(alert: Alert) -> str:
    path = reverse(source(alert.kind)[1].list_url_name)
    return f"{path}?{alert.query}" if alert.query else path


def token(alert: Alert, salt: str) -> str:
    return signing.dumps({"id": alert.pk, "email": alert.email}, salt=salt)


def from_token(value: str, salt: str, max_age=None) -> Alert | None:
    """The alert a signed link names, or None when forged, altered, too old or already deleted."""
    try:
        data = signing.loads(value, salt=salt, max_age=max_age)
        return Alert.objects.get(pk=data["id"], email=data["email"])
    except (signing.BadSignature, Alert.DoesNotExist, KeyError, TypeError, ValueError):
        return None


def manage_token(email: str) -> str:
    return signing.dumps(email.lower(), salt=MANAGE_SALT)


def email_from_manage_token(value: str) -> str | None:
    try:
        return signing.loads(value, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None


def alert_create(*, kind: str, query: str, frequency: str, language: str, email: str = "", user=None) -> Alert:
    """Save an alert: at once for a member, else unconfirmed with a confirmation e-mail to the address."""
    now = timezone.now()
    alert = Alert.objects.create(
        kind=kind,
        query=normalise_query(kind, query),
        frequency=frequency,
        language=language,
        email=(user.email if user else email).strip().lower(),
        user=user,
        confirmed_at=now if user else None,
        sent_up_to=now,
    )
    if user is None:
        _send_confirmation(alert)
    return alert


def _send_confirmation(alert: Alert) -> None:
    if ratelimit.hit("alert-confirm", alert.email, limit=CONFIRM_MAILS_PER_DAY, period=24 * 3600):
        logger.info("No alert confirmation e-mail for alert %s: daily limit reached.", alert.pk)
        return
    with translation.override(alert.language):
        path = reverse("alert-confirm", kwargs={"token": token(alert, CONFIRM_SALT)})
    context = {"alert": alert, "description": describe(alert), "confirm_url": mail.site_url() + path}
    mail.send("core/email/alert_confirm", context, to=[alert.email], language=alert.language)


def alert_confirm(alert: Alert) -> None:
    if alert.confirmed_at is None:
        alert.confirmed_at = alert.sent_up_to = timezone.now()
        alert.save(update_fields=["confirmed_at", "sent_up_to"])


def new_rows(alert: Alert):
    """What the alert's list shows with its filters and was published after the last digest, newest first."""
    feed = source(alert.kind)[1]()
    filterset = feed.filterset_class(QueryDict(alert.query), queryset=feed.queryset())
    rows = filterset.qs.filter(published_at__gt=alert.sent_up_to)
    return feed.prepare(rows.order_by("-published_at", "-pk"))


def digest_message(alert: Alert, rows: list, more: bool):
    with translation.override(alert.language):
        unsubscribe = mail.site_url() + reverse("alert-unsubscribe", kwargs={"token": token(alert, UNSUBSCRIBE_SALT)})
        context = {
            "alert": alert,
            "description": describe(alert),
            "rows": rows,
            "more": more,
            "list_url": mail.site_url() + list_url(alert),
            "unsubscribe_url": unsubscribe,
            "manage_url": mail.site_url() + reverse("alert-manage", kwargs={"token": manage_token(alert.email)}),
        }
    message = mail.build_message("core/email/alert_digest", context, to=[alert.email], language=alert.language)
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def digest_send(alert_id: int, now) -> bool:
    """Send one alert's digest if due and something new matches. The high-water mark moves in the same
    transaction as the sending: a retry after a failure sends the same items, never twice after success."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update(skip_locked=True).filter(pk=alert_id).first()
        if alert is None or source(alert.kind) is None:
            return False
        if alert.last_sent_at and alert.last_sent_at > now - PERIODS.get(alert.frequency, PERIODS["weekly"]):
            return False
        rows = list(new_rows(alert)[: DIGEST_LENGTH + 1])
        if rows:
            digest_message(alert, rows[:DIGEST_LENGTH], more=len(rows) > DIGEST_LENGTH).send()
            alert.sent_up_to = max(new_rows(alert).values_list("published_at", flat=True)[:1])
        alert.last_sent_at = now
        alert.save(update_fields=["sent_up_to", "last_sent_at"])
        return bool(rows)


def digests_send(now=None) -> int:
    """Every confirmed alert's digest that is due; returns how many e-mails were sent."""
    now = now or timezone.now()
    return sum(digest_send(pk, now) for pk in Alert.objects.active().values_list("pk", flat=True))


def alerts_export(*, user, addresses) -> list[dict]:
    """The member data export: the alerts of the account or of its addresses."""
    rows = Alert.objects.filter(user=user) | Alert.objects.filter(email__in=addresses)
    return [
        {
            "list": alert.kind,
            "filters": alert.query,
            "email": alert.email,
            "frequency": alert.frequency,
            "language": alert.language,
            "created_at": alert.created_at.isoformat(),
            "confirmed_at": alert.confirmed_at.isoformat() if alert.confirmed_at else None,
        }
        for alert in rows.distinct()
    ]


def purge_unconfirmed() -> int:
    """Delete visitors' alerts never confirmed whose confirmation link has expired; how many."""
    expired = timezone.now() - timedelta(seconds=CONFIRM_MAX_AGE)
    deleted, _by_model = Alert.objects.filter(confirmed_at__isnull=True, created_at__lt=expired).delete()
    return deleted
