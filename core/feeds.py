"""RSS and Atom feeds in the page's language (the URL's language prefix picks it).

    class NewsFeed(Feed):            # django.contrib.syndication.views.Feed, RSS 2.0
        ...
    NewsAtomFeed = atom(NewsFeed)    # the same items as Atom 1.0

A list's feed follows the list's filters (`/en/ideas/feed/?theme=work&region=europe`): FilteredFeed binds
the list's FilterSet to the query string, ignores what the list ignores, and gives the newest rows;
the list page links to it with `feed_query` (core.lists.list_context).

Django's Feed writes the active language into the feed; item links come from get_absolute_url(),
reversed in that language.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

# The query string parameters that are not filters: a feed is always the newest, from the first.
NOT_FILTERS = ("page", "sort")
FEED_LENGTH = 30


def feed_query(data) -> str:
    """The query string of a list's filters (page and sort dropped), for the address of its feed."""
    query = data.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    return query.urlencode()


class FilteredFeed(Feed):
    """A feed of the rows a list shows with the same filters, newest first.

    Declare `filterset_class` and `queryset()` (the published rows); `prepare(rows)` adds what the
    items show (select_related …). `list_url_name`: the list whose filters these are. `order`: the
    feed's order when the list's "newest" is not when rows appeared (a library sorted by year).
    """

    filterset_class = None
    order: tuple = ()
    list_url_name = ""
    feed_length = FEED_LENGTH

    def queryset(self):
        raise NotImplementedError

    def prepare(self, rows):
        return rows

    def get_object(self, request, *args, **kwargs):
        self.query = feed_query(request.GET)
        return self.filterset_class(request.GET, queryset=self.queryset(), request=request)

    def link(self):
        url = reverse(self.list_url_name)
        return f"{url}?{self.query}" if getattr(self, "query", "") else url

    def items(self, filterset):
        rows = filterset.qs.order_by(*self.order) if self.order else filterset.ordered("newest")
        return self.prepare(rows)[: self.feed_length]


def atom(feed_class: type[Feed]) -> type[Feed]:
    """The Atom twin of an RSS feed class."""
    return type(
        feed_class.__name__.removesuffix("Feed") + "AtomFeed",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": property(lambda self: self.description)},
    )
