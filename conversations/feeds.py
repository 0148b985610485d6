"""RSS and Atom feeds of integration news and e-zine items, in the language of the URL."""

from datetime import UTC, datetime, time

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conversations.filters import NewsFilter
from conversations.models import Item, NewsItem
from core.feeds import FilteredFeed, KeptItemsFeed, atom


class NewsFeed(FilteredFeed):
    title = _("Integration news · Cities of Migration")
    description = _("News on the integration of immigrants and refugees, from cities around the world.")
    filterset_class = NewsFilter  # the news list's filters: /news/feed/?theme=work
    list_url_name = "conversations:news"

    def queryset(self):
        return NewsItem.objects.published()

    def prepare(self, rows):
        return rows.prefetch_related("themes")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.summary} ({item.source_name})"

    def item_pubdate(self, item):
        return datetime.combine(item.date, time(12), tzinfo=UTC)

    def item_updateddate(self, item):
        return item.created_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class ItemFeed(KeptItemsFeed):
    title = _("Conversations in Integration · Cities of Migration")
    description = _("Articles, interviews, news and multimedia from the e-zine of Cities of Migration.")

    def link(self):
        return reverse("conversations:list")

    def rows(self, obj):
        return Item.objects.published().order_by("-issue__published_at", "-issue__number", "position", "pk")

    def prepare(self, rows):
        return rows.select_related("issue").prefetch_related("themes")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_author_name(self, item):
        return item.authors or None

    def item_pubdate(self, item):
        return item.issue.published_at

    def item_categories(self, item):
        return [item.get_kind_display(), *(theme.name for theme in item.themes.all())]


NewsAtomFeed = atom(NewsFeed)
ItemAtomFeed = atom(ItemFeed)
