"""The weekly check of every external address the content links to (the job core.check_links).

Polite: one request per host every `delay` seconds (3 by default), a timeout, HEAD first and GET only
when the server refuses HEAD (405, 501), and a User-Agent that says who asks and where to read why.
The result per address is an ExternalLink row (status, error, date); editors list the broken ones in
the admin and filter Good Ideas and resources by "has broken links".
"""

import logging
import time
import urllib.error
import urllib.request
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registry
from core.models import ExternalLink

logger = logging.getLogger(__name__)

TIMEOUT = 10  # seconds for an answer (settings.LINK_CHECK_TIMEOUT)
DELAY = 3.0  # seconds between two requests to the same host (settings.LINK_CHECK_DELAY)
HEAD_REFUSED = {405, 501}


def user_agent() -> str:
    return f"CitiesOfMigration-LinkCheck/1.0 (+{settings.SITE_URL or 'https://citiesofmigration.org'})"


def external_urls() -> set[str]:
    """Every http(s) address of every registered source (registry.register_link_source)."""
    urls = set()
    for source in registry.link_sources().values():
        urls.update(url.strip() for url in source() if url and url.strip().startswith(("http://", "https://")))
    return urls


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent()})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def probe(url: str, *, timeout: float = TIMEOUT) -> tuple[int | None, str]:
    """(status, error) of `url`: HEAD, then GET if the server refuses HEAD. No status when nothing answered."""
    try:
        status = _request(url, "HEAD", timeout)
        if status in HEAD_REFUSED:
            status = _request(url, "GET", timeout)
    except (OSError, ValueError) as error:  # refused, timed out, bad name, bad address
        reason = getattr(error, "reason", None) or error
        return None, (str(reason) or type(reason).__name__)[:500]
    return status, ""


def polite_order(urls) -> list[str]:
    """The addresses with their hosts taken in turn (a, b, c, a, b, …): the wait for one host is spent on others."""
    by_host = defaultdict(list)
    for url in sorted(urls):
        by_host[urlsplit(url).netloc.lower()].append(url)
    rounds = max((len(group) for group in by_host.values()), default=0)
    return [group[n] for n in range(rounds) for group in by_host.values() if n < len(group)]


def check(urls, *, delay: float = DELAY, timeout: float = TIMEOUT) -> dict[str, int]:
    """Visit each address (at most one request per host per `delay` seconds) and record what it answered."""
    last_visit: dict[str, float] = {}
    counts = {"checked": 0, "broken": 0}
    for url in polite_order(urls):
        host = urlsplit(url).netloc.lower()
        wait = last_visit.get(host, -delay) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        last_visit[host] = time.monotonic()
        status, error = probe(url, timeout=timeout)
        last_visit[host] = time.monotonic()  # a slow answer counts from its end
        broken = status is None or status >= 400
        ExternalLink.objects.update_or_create(
            url=url,
            defaults={"status_code": status, "error": error, "broken": broken, "checked_at": timezone.now()},
        )
        counts["checked"] += 1
        counts["broken"] += broken
    return counts


def check_all() -> dict[str, int]:
    """Check every external address the content links to; forget those it no longer links to."""
    urls = external_urls()
    ExternalLink.objects.exclude(url__in=urls).delete()
    delay = getattr(settings, "LINK_CHECK_DELAY", DELAY)
    return check(urls, delay=delay, timeout=getattr(settings, "LINK_CHECK_TIMEOUT", TIMEOUT))


class HasBrokenLinksFilter(admin.SimpleListFilter):
    """The admin filter "has broken links": subclass it with the model's link fields (lookups)."""

    title = _("links")
    parameter_name = "links"
    link_fields: tuple[str, ...] = ()

    def lookups(self, request, model_admin):
        return [("broken", _("Has broken links"))]

    def queryset(self, request, queryset):
        if self.value() != "broken":
            return queryset
        broken = ExternalLink.objects.broken().values("url")
        condition = Q()
        for field in self.link_fields:
            condition |= Q(**{f"{field}__in": broken})
        return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))
