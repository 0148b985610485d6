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
from django.utils.translation import gettext

from core import localised, mail, ratelimit, registry
from core.lists.filters import ListFilter
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


def describe(alert: Alert, language: str | None = None) -> str:
    """ "Good Ideas · Theme: Work · Region: Europe · words: housing": what the alert follows, by name, in
    `language` (else the page's): as written when it was saved, without a query; else named now."""
    language = language or localised.page_language()
    stored = (alert.descriptions or {}).get(language)
    if stored:
        return stored
    with translation.override(language):
        return _describe_now(alert.kind, alert.query)


def descriptions(kind: str, query: str) -> dict[str, str]:
    """{language: description} in every language of the portal: what an alert keeps (a few queries, once)."""
    found = {}
    for language in localised.LANGUAGE_CODES:
        with translation.override(language):
            found[language] = _describe_now(kind, query)
    return found


def _describe_now(kind: str, query: str) -> str:
    """The list's label, then each filter applied with the names of its values, as the list shows them
    (the same FilterSet: a value naming nothing is left out), then the words searched for."""
    found = source(kind)
    if found is None:
        return kind
    label, feed_class = found
    feed = feed_class()
    filterset = feed_class.filterset_class(QueryDict(query), queryset=feed.queryset())
    parts, words = [str(label)], []
    for name, value in filterset.values.items():
        list_filter = filterset.filters[name]
        if not value:
            continue
        if not isinstance(list_filter, ListFilter):  # the words of the search box, said last
            words.append(gettext("words: %(words)s") % {"words": value})
        elif list_filter.labels_name_the_filter:
            parts.extend(choice.label for choice in value)
        else:
            names = ", ".join(choice.label for choice in value)
            parts.append(gettext("%(filter)s: %(values)s") % {"filter": list_filter.label, "values": names})
    return " · ".join(parts + words)


def descriptions_fill() -> int:
    """Name the alerts saved without descriptions (before they were kept); how many. Run by the digest job."""
    missing = list(Alert.objects.filter(descriptions={}))
    for alert in missing:
        alert.descriptions = descriptions(alert.kind, alert.query) if source(alert.kind) else {}
        alert.save(update_fields=["descriptions"])
    return len(missing)


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
    query = normalise_query(kind, query)
    alert = Alert.objects.create(
        kind=kind,
        query=query,
        descriptions=descriptions(kind, query),
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
    context = {"alert": alert, "description": describe(alert, alert.language), "confirm_url": mail.site_url() + path}
    message = mail.build_message("core/email/alert_confirm", context, to=[alert.email], language=alert.language)
    # Someone who never asked for it can drop the waiting alert from their mail program.
    _one_click_unsubscribe(message, unsubscribe_url(alert))
    message.send()


def unsubscribe_url(alert: Alert) -> str:
    with translation.override(alert.language):
        return mail.site_url() + reverse("alert-unsubscribe", kwargs={"token": token(alert, UNSUBSCRIBE_SALT)})


def _one_click_unsubscribe(message, url: str) -> None:
    """RFC 8058: a mail program's "unsubscribe" POSTs to `url` (AlertUnsubscribeView, without CSRF)."""
    message.extra_headers["List-Unsubscribe"] = f"<{url}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"


def alerts_attach(*, user, addresses) -> int:
    """A visitor's confirmed alerts under `addresses` (the member's verified addresses) become the member's:
    listed on their alerts page and deleted with their account. Unconfirmed ones wait for their link."""
    addresses = {address.strip().lower() for address in addresses if address}
    if not addresses:
        return 0
    return Alert.objects.active().filter(user__isnull=True, email__in=addresses).update(user=user)


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
    unsubscribe = unsubscribe_url(alert)
    with translation.override(alert.language):
        context = {
            "alert": alert,
            "description": describe(alert, alert.language),
            "rows": rows,
            "more": more,
            "list_url": mail.site_url() + list_url(alert),
            "unsubscribe_url": unsubscribe,
            "manage_url": mail.site_url() + reverse("alert-manage", kwargs={"token": manage_token(alert.email)}),
        }
    message = mail.build_message("core/email/alert_digest", context, to=[alert.email], language=alert.language)
    _one_click_unsubscribe(message, unsubscribe)
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
    descriptions_fill()
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
