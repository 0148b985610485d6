from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info, override

from core.search import MAX_QUERY_LENGTH


def absolute_url(request, path: str) -> str:
    """`path` on the portal's public address (DJANGO_SITE_URL), else on the request's host."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:  # an error page for a request with a bad Host header
        return path


def _in_language(request, code: str) -> str:
    """The request's path in language `code`: its view reversed under that language, from the match the
    request already has (translate_url() resolves the path again, ~0.2 ms for each of six addresses on
    every page), else as translate_url() finds it (an error page has no match)."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return translate_url(request.path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    try:
        with override(code):
            return reverse(name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return translate_url(request.path, code)


def site(request):
    """What the frame of every page needs: the page in each language, and its canonical address."""

    def alternates():
        current, query = get_language(), request.META.get("QUERY_STRING", "")
        alternates = []
        for code, _name in settings.LANGUAGES:
            path = _in_language(request, code)
            alternates.append(
                {
                    "code": code,
                    "name": get_language_info(code)["name_local"],
                    "url": f"{path}?{iri_to_uri(query)}" if query else path,
                    "absolute_url": absolute_url(request, path),
                    "current": code == current,
                }
            )
        return alternates

    def return_to():
        """Where signing in or up from this page leads back to: this page (on the sign-in and sign-up
        pages themselves, the page they were opened from)."""
        match = getattr(request, "resolver_match", None)
        if match is not None and (match.url_name or "").startswith("account_"):
            return request.GET.get("next", "")
        return request.get_full_path()

    return {
        "return_to": SimpleLazyObject(return_to),
        "alternates": SimpleLazyObject(alternates),
        "canonical_url": SimpleLazyObject(lambda: absolute_url(request, request.path)),
        "contact_email": settings.CONTACT_EMAIL,
        "query_max_length": MAX_QUERY_LENGTH,  # the one bound on `q`, for every search box's maxlength
    }
