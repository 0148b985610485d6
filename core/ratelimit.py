"""Limits on how often one visitor may do something (post, sign up, propose an idea), kept in the cache.

`client_ip` is the one answer to "who is this visitor": django-axes (sign-in lockout), allauth's rate
limits (through community.adapter) and every limit here use it.
"""

import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _address(value: str) -> str | None:
    """`value` as an IP address (a port or IPv6 brackets removed), or None if it is not one."""
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # 203.0.113.9:443
        value = value.partition(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The visitor's address.

    Without a proxy, the address that connected. Behind our proxies (DJANGO_BEHIND_PROXY), the address
    that the outermost of them saw: each proxy appends the address it received the request from to
    X-Forwarded-For, so we count DJANGO_TRUSTED_PROXY_HOPS entries from the right. Entries further
    left were written by the client and prove nothing. A header with fewer entries, or an entry that
    is not an address, means the request did not come through our proxies as configured: then the
    address that connected.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote
    entries = [entry for entry in request.headers.get("x-forwarded-for", "").split(",") if entry.strip()]
    hops = settings.TRUSTED_PROXY_HOPS
    if len(entries) < hops:
        return remote
    return _address(entries[-hops]) or remote


def hit(scope: str, key: str, *, limit: int, period: int) -> int:
    """Count one more action by `key` in `scope`.

    Returns 0 when it is allowed, else the number of seconds until the next one will be. Fixed windows
    of `period` seconds, at most `limit` actions in each.
    """
    window = int(time.time() // period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period + 5)
        count = 1
    if count <= limit:
        return 0
    return max(1, math.ceil((window + 1) * period - time.time()))


def first_in(scope: str, key: str, *, period: int) -> bool:
    """True the first time `key` does this in `scope` within `period` seconds, False on repeats.

    For counting (a download counts once a minute per visitor), not for refusing: when the cache does
    not answer it says True, so that the count goes on and nobody gets an error page.
    """
    try:
        return bool(cache.add(f"once:{scope}:{key}", 1, timeout=period))
    except Exception:  # the cache is down: count rather than fail
        logger.warning("Cache unavailable: %s not deduplicated.", scope, exc_info=True)
        return True
