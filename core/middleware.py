from django.conf import settings
from django.utils.cache import add_never_cache_headers

from core import errors, mail

# Longer addresses get the 414 page: about where gunicorn's default limit cut them before. gunicorn
# runs with --limit-request-line 8190 (its largest; Makefile and README) so that they reach us; it
# answers still longer request lines itself, with a bare page.
MAX_URL_LENGTH = 4096


def permissions_policy(get_response):
    """Deny powerful browser features the portal never uses (Django sets the other security headers)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def admin_csp(get_response):
    """Let the admin's rich-text editor run.

    django-prose-editor declares its modules in an inline <script type="importmap"> and styles its
    toolbar inline, which a strict policy forbids. The admin alone (signed-in staff, behind CSRF)
    allows inline scripts and styles; every public page keeps script-src and style-src 'self'.
    """

    def middleware(request):
        response = get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}
        return response

    return middleware


class FriendlyRefusals:
    """Requests the portal will not serve get a page in the visitor's language, before any work is done.

    - An address longer than MAX_URL_LENGTH: 414.
    - A method that a class-based view does not take (POST, PUT or DELETE to a list page): 405, with
      Allow. It comes before the CSRF check, which would otherwise answer 403 to a method that the view
      would refuse anyway.
    - A 405 that a view sent without a body (require_GET, require_POST): the same page.

    Sits after LocaleMiddleware (the language is known) and before CsrfViewMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # In bytes, as the request line carried them (WSGI gives one character per byte).
        if len(request.META.get("PATH_INFO", "")) + len(request.META.get("QUERY_STRING", "")) > MAX_URL_LENGTH:
            response = errors.uri_too_long(request)
            add_never_cache_headers(response)
            return response
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = errors.method_not_allowed(request)
            page["Allow"] = response.get("Allow", "")
            return page
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        allowed = {method for method in view_class.http_method_names if hasattr(view_class, method)}
        if "get" in allowed:
            allowed.add("head")  # View.setup() answers HEAD with get()
        if request.method.lower() in allowed:
            return None
        response = errors.method_not_allowed(request)
        response["Allow"] = ", ".join(sorted(method.upper() for method in allowed))
        return response


def mail_links(get_response):
    """E-mails sent while a request is handled link to the host it came to (DJANGO_SITE_URL, where set,
    wins), on whatever port the portal runs."""

    def middleware(request):
        with mail.links_to(request):
            return get_response(request)

    return middleware
