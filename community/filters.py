"""The community index's search (core.lists): threads found by their title or by a visible reply."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from community.models import Post, Thread
from core import lists, search


def best_reply(text):
    """The text of the visible reply of each thread that matches `text` best: its extract is shown."""
    search_query = search.query(text)
    replies = Post.objects.visible().filter(thread=OuterRef("pk"), search_document=search_query)
    return Subquery(replies.annotate(r=search.rank(search_query)).order_by("-r", "pk").values("body_markdown")[:1])


class ThreadFilter(lists.ListFilterSet):
    q = lists.SearchFilter(label=_("Search the community"), match=Thread.search_match)

    sorts = ("relevance", "newest")
    newest = ("-last_activity", "-pk")
    snippets = (best_reply,)
