"""RSS and Atom feeds in the page's language (the URL's language prefix picks it).

    class NewsFeed(Feed):            # django.contrib.syndication.views.Feed, RSS 2.0
        ...
    NewsAtomFeed = atom(NewsFeed)    # the same items as Atom 1.0

Django's Feed writes the active language into the feed; item links come from get_absolute_url(),
reversed in that language.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


def atom(feed_class: type[Feed]) -> type[Feed]:
    """The Atom twin of an RSS feed class."""
    return type(
        feed_class.__name__.removesuffix("Feed") + "AtomFeed",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": property(lambda self: self.description)},
    )
