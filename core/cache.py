"""The Redis cache as an optimisation the portal never depends on.

`FailSoftRedisCache` is Django's RedisCache, except that Redis being down, refusing, or not answering
within the short timeouts of settings.redis_cache() makes an operation answer as an empty cache would:
`get` gives the default, `set` and `add` pretend to have stored, `incr` finds no key, `delete` finds
nothing. Every page and form then works, only slower; the rate limits kept in the cache are not
applied (they "fail open") while the sign-in lockout, kept in the database by django-axes, still is.

After a failure Redis is left alone for RETRY_AFTER seconds, so a hung server costs one timeout per
process in that time, not one per cache operation. A warning is logged at most every WARN_EVERY
seconds, and once when Redis answers again. /healthz does not go through any of this: `round_trip`
raises what Redis raises.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
WARN_EVERY = 60.0


class _Health:
    """What this process knows about one Redis server: since when it failed, and when we last said so."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.failing = False
        self.warned_at = float("-inf")

    def available(self) -> bool:
        return time.monotonic() >= self.down_until

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_AFTER
            self.failing = True
            warn = now - self.warned_at >= WARN_EVERY
            if warn:
                self.warned_at = now
        if warn:
            logger.warning(
                "Cache unavailable (%s: %s); serving without it, rate limits not applied. Retrying every %g s.",
                type(error).__name__,
                error,
                RETRY_AFTER,
            )

    def answered(self) -> None:
        if self.failing:
            with self.lock:
                was_failing, self.failing = self.failing, False
                self.warned_at = float("-inf")
            if was_failing:
                logger.warning("Cache available again.")


_health: dict[str, _Health] = {}
_health_lock = threading.Lock()


def _fail_soft(fallback):
    """Run the RedisCache method; on a Redis error (or while Redis is resting) return `fallback(*args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            health = self._health
            if not health.available():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                health.failed(error)
                return fallback(*args, **kwargs)
            health.answered()
            return result

        return wrapper

    return decorate


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found.")  # what incr() says of a missing key; callers handle it


class _KeptClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per server instead of making one per operation:
    each copies redis-py's ~170 response callbacks, 60 of the 210 µs of a cache read here. A `redis.Redis`
    is safe to share between threads (it takes a connection from its pool for each command)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClient
        with _health_lock:
            self._health = _health.setdefault(str(server), _Health())

    # add() "stores": locks built on it (allauth's rate limits) go on instead of waiting for a lock.
    add = _fail_soft(lambda *args, **kwargs: True)(RedisCache.add)
    get = _fail_soft(lambda key, default=None, *args, **kwargs: default)(RedisCache.get)
    set = _fail_soft(lambda *args, **kwargs: None)(RedisCache.set)
    touch = _fail_soft(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _fail_soft(lambda *args, **kwargs: False)(RedisCache.delete)
    get_many = _fail_soft(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _fail_soft(lambda *args, **kwargs: False)(RedisCache.has_key)
    incr = _fail_soft(_missing_key)(RedisCache.incr)
    set_many = _fail_soft(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _fail_soft(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _fail_soft(lambda *args, **kwargs: False)(RedisCache.clear)

    def round_trip(self, key: str, value) -> bool:
        """Store `value` and read it back, raising what Redis raises: the health check's honest answer."""
        RedisCache.set(self, key, value, 10)
        kept = RedisCache.get(self, key) == value
        self._health.answered()
        self._health.down_until = 0.0
        return kept
