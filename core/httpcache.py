"""HTTP caching that a browser, a CDN or a reverse proxy can use, keyed by the content version.

`PublicPages` (a middleware, high in settings.MIDDLEWARE) gives every anonymous GET or HEAD of a page
named in settings.PUBLIC_PAGES (URL names, "namespace:*" for every page of an app but those in
settings.PUBLIC_PAGES_EXCEPT) that answers 200 and sets no cookie:

    Cache-Control: public, max-age=60, s-maxage=600      (settings.PUBLIC_CACHE_CONTROL)
    ETag: "<hash of the content version, language, address with its query, sign-in state, time window>"

and answers a request whose If-None-Match carries that ETag with 304 before the view runs (from
process_view: the URL is resolved and the visitor known, nothing rendered). Publishing anything moves
the content version on (core/versioning.py), so every ETag changes at once; the time window
(settings.PUBLIC_ETAG_WINDOW seconds) moves it on too, so that what comes or goes by the clock
(a scheduled publication, a webinar that is over) shows within that time.

Everything else a member or the editors see is `private, no-store`: any request of a signed-in
member, the admin, the accounts pages, any method but GET and HEAD, and any response that sets a cookie
(the CSRF cookie of a form, the session). Other anonymous responses keep what their view set.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from core.versioning import content_version

STICKY_COOKIE = "com_wrote"  # core.dbrouter.STICKY_COOKIE (which imports this module)

PRIVATE = "private, no-store"
SAFE_METHODS = {"GET", "HEAD"}
_LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def is_public_page(resolver_match) -> bool:
    """Whether the page is one of settings.PUBLIC_PAGES (and not of settings.PUBLIC_PAGES_EXCEPT)."""
    if resolver_match is None:
        return False
    name = resolver_match.view_name
    if name in settings.PUBLIC_PAGES_EXCEPT:
        return False
    namespace = resolver_match.namespace
    return name in settings.PUBLIC_PAGES or bool(namespace and f"{namespace}:*" in settings.PUBLIC_PAGES)


def page_etag(request) -> str:
    """The validator of an anonymous public page: changes with the content, the language, the address
    (with its query), the sign-in state and the time window."""
    window = int(time.time() // settings.PUBLIC_ETAG_WINDOW)
    parts = (content_version(), get_language(), request.get_full_path(), _signed_in(request), window)
    return '"' + hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest() + '"'


def _private_path(path: str) -> bool:
    """The admin and the accounts pages (under any language prefix): settings.PRIVATE_SECTIONS."""
    segments = path.split("/", 3)[1:3]
    if segments and segments[0] in _LANGUAGE_CODES:
        segments = segments[1:]
    return bool(segments) and segments[0] in settings.PRIVATE_SECTIONS


def _private_only(request) -> bool:
    return (
        request.method not in SAFE_METHODS
        or _private_path(request.path)
        or _signed_in(request)
        or CookieStorage.cookie_name in request.COOKIES  # a one-time message waits for this visitor
        or STICKY_COOKIE in request.COOKIES  # wrote lately: reads the primary, its pages are its own (core.dbrouter)
    )


class PublicPages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.public_page_etag = None
        response = self.get_response(request)
        # A page that used the CSRF token (a form) carries it: never shared, even when no cookie is set.
        if _private_only(request) or response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            response["Cache-Control"] = PRIVATE
            response.headers.pop("ETag", None)
        elif request.public_page_etag and response.status_code == 200 and not response.has_header("Cache-Control"):
            response["Cache-Control"] = settings.PUBLIC_CACHE_CONTROL
            response["ETag"] = request.public_page_etag
            patch_vary_headers(response, ["Cookie"])
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _private_only(request) or not is_public_page(request.resolver_match):
            return None
        request.public_page_etag = etag = page_etag(request)
        wanted = request.headers.get("if-none-match")
        if wanted and (etag in parse_etags(wanted) or wanted.strip() == "*"):
            return self._not_modified(etag)
        return None

    @staticmethod
    def _not_modified(etag):
        from django.http import HttpResponseNotModified

        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Cache-Control"] = settings.PUBLIC_CACHE_CONTROL
        patch_vary_headers(response, ["Cookie"])
        return response
