"""Limits on how often one visitor may do something (post, sign up, propose an idea), kept in the cache."""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The visitor's address; behind a proxy (DJANGO_BEHIND_PROXY) the first X-Forwarded-For entry."""
    if settings.BEHIND_PROXY and (forwarded := request.headers.get("x-forwarded-for")):
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


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
