from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from core.search import MAX_QUERY_LENGTH


def absolute_url(request, path: str) -> str:
    """`path` on the portal's public address (DJANGO_SITE_URL), else on the request's host."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:  # an error page for a request with a bad Host header
        return path


def site(request):
    """What the frame of every page needs: the page in each language, and its canonical address."""

    def alternates():
        full_path = request.get_full_path()
        current = get_language()
        return [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(full_path, code),
                "absolute_url": absolute_url(request, translate_url(request.path, code)),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]

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
