"""What each app offers the portal, told from its own AppConfig.ready().

The portal (home page, site search, /sitemap.xml, load_demo) and the member data export read these
registries; no list of apps is kept anywhere else. Adding a kind of content is done in its app alone:

    class WebinarsConfig(AppConfig):
        def ready(self):
            from core import registry
            from webinars import demo, home, seo, services, sitemaps  # seo: its card builders register themselves
            from webinars.models import Webinar

            registry.register_search_source(
                registry.SearchSource("webinars", _("Webinars"), Webinar.objects.published, snippet_field="summary")
            )
            registry.register_sitemap("webinars", sitemaps.WebinarSitemap)
            registry.register_home_section("webinars/home_section.html", home.home_context, order=20)
            registry.register_demo("webinars", demo.load, after=["elibrary"])
            registry.register_personal_data("webinar_registrations", services.registrations_export)

Registering again under the same key replaces the earlier entry. Sources and sitemaps keep the order
of registration, which is the order of INSTALLED_APPS; home sections and data export parts follow
their `order`; demo loaders run after the loaders they name.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.expressions import Expression
from django.utils.functional import Promise

from core import search

# Site search and "did you mean" --------------------------------------------------------------------


@dataclass(frozen=True)
class SearchSource:
    """A kind of content that site search finds, and whose titles "did you mean" learns words from.

    `queryset()` gives what the public may see of it; its rows carry a search document (core.search).
    """

    key: str
    label: Promise
    queryset: Callable[[], models.QuerySet]
    title_field: str = "title"
    snippet_field: str = "teaser"
    translated: bool = True
    # What a result needs besides its title and language: the columns of its address (a path through a
    # relation, "issue__number", joins that row). A page of results reads these alone, not whole rows.
    fields: tuple[str, ...] = ("slug",)
    # Where what to match and how to rank differ from the row's own search document (community
    # threads are found by their replies too): search_query -> (Q filter, rank expression).
    match: Callable | None = None
    language_field: str = ""  # user-written content: the one language it is written in

    def matching(self, search_query) -> tuple[models.QuerySet, Expression]:
        """What the public may see of this kind that matches, and the expression that ranks it."""
        if self.match:
            condition, rank = self.match(search_query)
            return self.queryset().filter(condition), rank
        return self.queryset().filter(search_document=search_query), search.rank(search_query)


_search_sources: dict[str, SearchSource] = {}


def register_search_source(source: SearchSource) -> None:
    _search_sources[source.key] = source


def search_sources() -> dict[str, SearchSource]:
    return dict(_search_sources)


# /sitemap.xml --------------------------------------------------------------------------------------

_sitemaps: dict[str, type] = {}


def register_sitemap(key: str, sitemap_class: type) -> None:
    """A section of /sitemap.xml: a Sitemap class (core.sitemaps.I18nSitemap)."""
    _sitemaps[key] = sitemap_class


def sitemaps() -> dict[str, type]:
    return dict(_sitemaps)


# The home page -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeSection:
    template: str  # a partial, included in the home page with the variables `context` returns
    context: Callable  # (request) -> dict
    order: int


_home_sections: dict[str, HomeSection] = {}


def register_home_section(template: str, context: Callable, *, order: int) -> None:
    """A section of the home page, below the themes: sections come in increasing `order`."""
    _home_sections[template] = HomeSection(template, context, order)


def home_sections() -> list[HomeSection]:
    return sorted(_home_sections.values(), key=lambda section: section.order)


# Demo content (manage.py load_demo) ----------------------------------------------------------------


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], str]  # loads (again: idempotent) and says what it loaded
    after: tuple[str, ...]  # the loaders whose content it links to


_demo_loaders: dict[str, DemoLoader] = {}


def register_demo(name: str, load: Callable[[], str], *, after=()) -> None:
    _demo_loaders[name] = DemoLoader(name, load, tuple(after))


def demo_loaders() -> list[DemoLoader]:
    """Every loader, each after those it names (otherwise in the order of registration)."""
    done: list[DemoLoader] = []
    waiting = list(_demo_loaders.values())
    for loader in waiting:
        unknown = set(loader.after) - set(_demo_loaders)
        if unknown:
            raise ImproperlyConfigured(f"The demo loader {loader.name!r} comes after unknown loaders: {unknown}.")
    while waiting:
        ready = next(
            (loader for loader in waiting if all(name in {d.name for d in done} for name in loader.after)), None
        )
        if ready is None:
            raise ImproperlyConfigured(f"Demo loaders wait for each other: {[loader.name for loader in waiting]}.")
        done.append(ready)
        waiting.remove(ready)
    return done


# The member data export (the privacy page's promise) -----------------------------------------------


@dataclass(frozen=True)
class PersonalData:
    key: str  # the key of this part in the exported JSON
    export: Callable  # (*, user, addresses) -> what the app keeps about the member, JSON-serialisable
    order: int


_personal_data: dict[str, PersonalData] = {}


def register_personal_data(key: str, export: Callable, *, order: int = 50) -> None:
    """A part of the member data export: what this app keeps about a member.

    `export(user=…, addresses=…)` gets the account and the set of its e-mail addresses (lower case), for
    what the app keeps by address rather than by account (newsletter subscriptions, proposals). Parts
    come in increasing `order` (the account first, the records of sign-ins last), else as registered.
    """
    _personal_data[key] = PersonalData(key, export, order)


def personal_data() -> list[PersonalData]:
    return sorted(_personal_data.values(), key=lambda part: part.order)


# The external addresses the weekly link check visits (core.linkcheck): each source gives the URLs
# one kind of content links to.
_link_sources: dict[str, Callable] = {}


def register_link_source(key: str, urls: Callable) -> None:
    """`urls()` returns the external addresses (strings) that this app's content links to."""
    _link_sources[key] = urls


def link_sources() -> dict[str, Callable]:
    return dict(_link_sources)


# "E-mail me when something new matches" (core.alerts): each list that offers alerts gives its filtered
# feed (core.feeds.FilteredFeed: FilterSet, published rows, list URL name) under a short key.
_alert_sources: dict[str, tuple] = {}


def register_alert_source(kind: str, label: Promise, feed_class: type) -> None:
    _alert_sources[kind] = (label, feed_class)


def alert_sources() -> dict[str, tuple]:
    return dict(_alert_sources)
