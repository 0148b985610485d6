import logging
import sys

import psycopg
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps.views import sitemap
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from conversations.services import CONFIRM_MAX_AGE
from core import dbrouter, errors, jobs, lists, registry
from core.context_processors import absolute_url
from goodideas.home import home_context as goodideas_home
from places.models import Theme
from portal import sitesearch
from portal.sitemaps import StaticPagesSitemap

logger = logging.getLogger(__name__)

# What a database that is down, restarting or unreachable raises (Django's wrappers and psycopg's own).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)
RETRY_AFTER_SECONDS = 30


class HomeView(TemplateView):
    """The themes, then the section each app registered (core.registry): recent ideas, the next webinar …"""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        sections = [HomeSectionPart(section, self.request) for section in registry.home_sections()]
        return super().get_context_data(themes=Theme.objects.all(), home_sections=sections, **kwargs)


class HomeSectionPart:
    """A home section rendered only when the page asks for its HTML: home.html keeps it in a
    {% fragment %}, so that its queries and its template run once per content version and language."""

    def __init__(self, section: registry.HomeSection, request):
        self.template = section.template
        self._section = section
        self._request = request

    def html(self) -> str:
        return loader.render_to_string(self.template, self._section.context(self._request), self._request)


class SearchView(TemplateView):
    """Site search: every kind of content ranked together, narrowed by type, paginated."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        wanted = sitesearch.SiteSearchFilter(self.request.GET)
        requested = lists.requested_page(self.request)
        outcome = sitesearch.run(wanted.query_text, kind=wanted.kind, page=requested)
        typed, suggestion, found = None, None, {}

        def finds(words):  # the corrected words: what they find (core.lists.correction)
            found["outcome"] = sitesearch.run(words, kind=wanted.kind, page=requested)
            return found["outcome"].total

        if corrected := lists.correction(outcome.query, outcome.total, finds):
            if lists.exact_requested(self.request):
                suggestion = corrected
            else:
                typed, outcome = outcome.query, found["outcome"]
        paginator = lists.CountedPaginator(outcome.total, sitesearch.PAGE_SIZE)
        context = super().get_context_data(
            query=outcome.query,
            kind=outcome.kind,
            kinds=[
                {
                    "key": key,
                    "label": label,
                    "count": min(outcome.counts.get(key, 0), sitesearch.CANDIDATES),
                    "more": outcome.counts.get(key, 0) > sitesearch.CANDIDATES,
                }
                for key, label in sitesearch.kinds()
            ],
            results=outcome.results,
            total=outcome.total,
            capped=outcome.capped,
            page_obj=paginator.page_of(requested, outcome.results) if outcome.total else None,
            ignored=wanted.ignored,
            suggestion=suggestion,
            corrected_from=typed,
            **kwargs,
        )
        if not outcome.total:  # an empty query, or nothing found: offer a way on
            context["themes"] = Theme.objects.all()
            context.update(goodideas_home(self.request))  # recent Good Ideas
        return context


class AboutView(TemplateView):
    template_name = "about.html"


class PrivacyView(TemplateView):
    """What the portal keeps about people, why, for how long, and how to see or delete it."""

    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(confirm_days=CONFIRM_MAX_AGE // (24 * 3600), **kwargs)


@never_cache
@require_GET
def healthz(request):
    """200 when the database and the cache answer, else 503 naming what failed.

    "jobs" says whether a background worker was seen in the last minute; a stopped worker does not make
    the pages fail, so it is named here without turning the answer into a 503. So is "replica", where
    DATABASE_REPLICA_URL is set (checked now), with "replica_lag_seconds": pages read the primary without it.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # any failure is what this view reports
        checks["database"] = f"error: {type(error).__name__}"
    try:
        # The Redis cache hides its errors from pages (core/cache.py), not from this check.
        if round_trip := getattr(cache, "round_trip", None):
            kept = round_trip("healthz", "ok")
        else:
            cache.set("healthz", "ok", 10)
            kept = cache.get("healthz") == "ok"
        checks["cache"] = "ok" if kept else "error: value not kept"
    except Exception as error:
        checks["cache"] = f"error: {type(error).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    checks["jobs"] = jobs_check() if checks["database"] == "ok" else "error: database unavailable"
    if dbrouter.configured():
        replica = dbrouter.check_replica()
        checks["replica"] = "ok" if replica.ok else f"error: {replica.problem}"
        checks["replica_lag_seconds"] = None if replica.lag is None else round(replica.lag, 3)
    return JsonResponse(checks, status=200 if healthy else 503)


def jobs_check() -> str:
    try:
        return jobs.worker_problem() or "ok"
    except Exception as error:  # e.g. procrastinate's tables not migrated yet
        return f"error: {type(error).__name__}"


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/accounts/" for code in ("en", "fr", "de")),
        *(f"Disallow: /{code}/ideas/export" for code in ("en", "fr", "de")),
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap_xml(request):
    """/sitemap.xml: the portal's own pages, then the sitemaps every app registered (core.registry)."""
    return sitemap(request, sitemaps={"pages": StaticPagesSitemap, **registry.sitemaps()})


def favicon(request):
    return HttpResponsePermanentRedirect(static("favicon.ico"))


bad_request = errors.error_page("400.html", 400)
permission_denied = errors.error_page("403.html", 403)
page_not_found = errors.error_page("404.html", 404)


def database_unavailable(request, error):
    """503 with Retry-After while the database does not answer, logged as one line, not a traceback.

    The page needs no query: the visitor is shown as signed out and no messages are read.
    """
    errors.readable_query(request)
    logger.error(
        "Database unavailable: %s %s answered 503 (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
    )
    try:
        html = loader.render_to_string("503.html", {"status": 503, "user": AnonymousUser(), "messages": []}, request)
    except Exception:
        html = '<!doctype html><html lang="en"><title>Unavailable</title><h1>Temporarily unavailable</h1></html>'
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # Django's own "Service Unavailable" line, with a traceback, would repeat it
    return response


@requires_csrf_token
def server_error(request):
    """The 500 page in the visitor's language; a bare page if even that fails. A database outage is a 503."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable(request, error)
    errors.readable_query(request)
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", {"status": 500}, request))
    except Exception:
        return HttpResponseServerError(
            '<!doctype html><html lang="en"><title>Server error</title><h1>Server error</h1>'
            f'<p>Something went wrong on our side. <a href="{reverse("home")}">Home</a></p></html>'
        )
