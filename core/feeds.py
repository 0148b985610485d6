"""RSS and Atom feeds in the page's language (the URL's language prefix picks it).

    class NewsFeed(Feed):            # django.contrib.syndication.views.Feed, RSS 2.0
        ...
    NewsAtomFeed = atom(NewsFeed)    # the same items as Atom 1.0

A list's feed follows the list's filters (`/en/ideas/feed/?theme=work&region=europe`): FilteredFeed binds
the list's FilterSet to the query string, ignores what the list ignores, and gives the newest rows;
the list page links to it with `feed_query` (core.lists.list_context).

Django's Feed writes the active language into the feed; item links come from get_absolute_url(),
reversed in that language.

Every feed keeps each item's XML in the fragment cache (KeptItemsFeed), as a list keeps its cards: an
item is the same in every feed of its kind whatever the filters, so a feed reads the ids of its items
(one query) and the rows only of the items not kept. Django's Feed spent ~0.5 ms of Python per item
(fifteen item_* lookups and the XML writer); a feed of 30 kept items spends none of it.
"""

import functools
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import StringIO

from django.contrib.syndication.views import Feed
from django.core.cache import caches
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import SimplerXMLGenerator

from core.templatetags.fragments import fragment_key
from core.versioning import kept_seconds

# The query string parameters that are not filters: a feed is always the newest, from the first.
NOT_FILTERS = ("page", "sort")
FEED_LENGTH = 30


def feed_query(data) -> str:
    """The query string of a list's filters (page and sort dropped), for the address of its feed."""
    query = data.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    return query.urlencode()


@dataclass
class _Kept:
    """The items of one feed as it is written: their ids in order, and the XML (and latest date) of
    those found in the fragment cache, by id; `keys`: each id's key there."""

    ids: list
    keys: dict
    found: dict = field(default_factory=dict)

    @property
    def missing(self) -> list:
        return [pk for pk in self.ids if pk not in self.found]


# The feed being written in this request (a Feed is one object serving every request: no state on it).
_writing: ContextVar[_Kept | None] = ContextVar("kept_feed_items", default=None)


class KeptItemsFeed(Feed):
    """A feed whose items' XML is kept in the fragment cache, keyed by the feed, the address's host,
    the item, the content version and the language: publishing anything shows at once.

    Declare `rows(obj)`: every item, in the feed's order (a queryset); `prepare(rows)` adds what the
    items show (select_related …). Each item_* method reads the item alone, never `obj`.
    """

    feed_type = None  # Rss201rev2Feed, written by kept_writer(); atom() gives Atom's
    feed_length = FEED_LENGTH

    def rows(self, obj):
        raise NotImplementedError

    def prepare(self, rows):
        return rows

    def items(self, obj):
        """The rows of the items not kept, in the feed's order."""
        missing = _writing.get().missing
        read = {row.pk: row for row in self.prepare(self.rows(obj).filter(pk__in=missing))} if missing else {}
        return [read[pk] for pk in missing if pk in read]

    def item_extra_kwargs(self, item):
        return {**super().item_extra_kwargs(item), "kept_pk": item.pk}

    def get_feed(self, obj, request):
        ids = list(self.rows(obj).values_list("pk", flat=True)[: self.feed_length])
        where = (type(self).__qualname__, request.get_host(), request.is_secure())
        kept = _Kept(ids, {pk: fragment_key("feed-item", *where, pk) for pk in ids})
        if kept_seconds():
            found = caches["fragments"].get_many(kept.keys.values())
            kept.found = {pk: found[key] for pk, key in kept.keys.items() if key in found}
        token = _writing.set(kept)
        try:
            feed = super().get_feed(obj, request)
        finally:
            _writing.reset(token)
        feed.kept = kept
        return feed


def _latest(item: dict):
    """The latest of an item's dates, as SyndicationFeed.latest_post_date() reads them."""
    return max((item[key] for key in ("updateddate", "pubdate") if item.get(key)), default=None)


@functools.cache
def kept_writer(feed_type: type) -> type:
    """`feed_type` (RSS or Atom) writing the kept items' XML as it is and keeping the XML of the others."""

    class KeptWriter(feed_type):
        kept: _Kept | None = None
        item_element = "entry" if issubclass(feed_type, Atom1Feed) else "item"

        def item_xml(self, item: dict) -> str:
            out = StringIO()
            handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)  # text: no bytes encoded
            handler.startElement(self.item_element, self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement(self.item_element)
            return out.getvalue()

        def write_items(self, handler):
            if self.kept is None:
                super().write_items(handler)
                return
            written = {item["kept_pk"]: item for item in self.items}
            fresh = {}
            for pk in self.kept.ids:
                if pk in self.kept.found:
                    xml = self.kept.found[pk][0]
                elif pk in written:
                    xml = self.item_xml(written[pk])
                    fresh[self.kept.keys[pk]] = (xml, _latest(written[pk]))
                else:  # withdrawn between the two queries
                    continue
                handler.ignorableWhitespace(xml)
            if fresh and (seconds := kept_seconds()):
                caches["fragments"].set_many(fresh, seconds)

        def latest_post_date(self):
            dates = [_latest(item) for item in self.items]
            if self.kept is not None:
                dates += [date for _xml, date in self.kept.found.values()]
            return max((date for date in dates if date), default=None) or datetime.now(tz=UTC)

    KeptWriter.__name__ = KeptWriter.__qualname__ = f"Kept{feed_type.__name__}"
    return KeptWriter


KeptItemsFeed.feed_type = kept_writer(Rss201rev2Feed)


class FilteredFeed(KeptItemsFeed):
    """A feed of the rows a list shows with the same filters, newest first.

    Declare `filterset_class` and `queryset()` (the published rows); `prepare(rows)` adds what the
    items show (select_related …). `list_url_name`: the list whose filters these are. `order`: the
    feed's order when the list's "newest" is not when rows appeared (a library sorted by year).
    """

    filterset_class = None
    order: tuple = ()
    list_url_name = ""

    def queryset(self):
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs):
        self.query = feed_query(request.GET)
        return self.filterset_class(request.GET, queryset=self.queryset(), request=request)

    def link(self):
        url = reverse(self.list_url_name)
        return f"{url}?{self.query}" if getattr(self, "query", "") else url

    def rows(self, filterset):
        return filterset.qs.order_by(*self.order) if self.order else filterset.ordered("newest")


def atom(feed_class: type[Feed]) -> type[Feed]:
    """The Atom twin of an RSS feed class."""
    return type(
        feed_class.__name__.removesuffix("Feed") + "AtomFeed",
        (feed_class,),
        {"feed_type": kept_writer(Atom1Feed), "subtitle": property(lambda self: self.description)},
    )
