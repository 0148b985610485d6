"""Error pages in the visitor's language, rendered from the project's templates (400.html, 405.html …).

The middleware answers 405 and 414 with them before any view runs; the portal's handlers (handler400,
handler403, handler404, handler500) use the same rendering.
"""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse, QueryDict
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def readable_query(request) -> None:
    """Let an error page read request.GET (its search box does) when Django refused to parse the query.

    A query with more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters raises on every read of request.GET:
    the 400 page itself would fail, and so would the 500 page after it.
    """
    try:
        request.GET  # noqa: B018 - parsed here, or refused
    except SuspiciousOperation:
        request.GET = QueryDict()


def error_page(template_name, status):
    """A view answering `status` with `template_name` (an error handler's signature: exception optional)."""

    def view(request, exception=None):
        readable_query(request)
        return HttpResponse(loader.render_to_string(template_name, {"status": status}, request), status=status)

    return requires_csrf_token(view)


method_not_allowed = error_page("405.html", 405)
uri_too_long = error_page("414.html", 414)
