"""Emptying the caches in front of the portal (Varnish, a CDN) when public content changes.

The content version (core/versioning.py) is one number for the whole site, so a change makes every
public page's ETag new at once; a cache in front that keeps pages for `s-maxage` would not know. Each
address in settings.CACHE_PURGE_URLS receives a `PURGE` request once the change is committed (the
Varnish configuration in deploy/default.vcl bans every page it keeps on one). A cache that does not
answer within settings.CACHE_PURGE_TIMEOUT is logged and left: its pages then age out after
`s-maxage` (settings.PUBLIC_CACHE_CONTROL), and the publication itself never fails.
"""

import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)


def purge_all() -> None:
    """Ask every cache in settings.CACHE_PURGE_URLS to drop what it keeps."""
    for url in settings.CACHE_PURGE_URLS:
        request = urllib.request.Request(url, method="PURGE")
        try:
            with urllib.request.urlopen(request, timeout=settings.CACHE_PURGE_TIMEOUT) as response:
                response.read()
        except OSError:  # refused, timed out, or an HTTP error status (HTTPError is an OSError)
            logger.warning("Cache purge of %s failed: its pages age out within s-maxage.", url, exc_info=True)
