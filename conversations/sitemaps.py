from django.urls import reverse

from conversations.models import Issue, Item, NewsItem
from core.sitemaps import TITLE_FIELDS, I18nSitemap


class ConversationsPagesSitemap(I18nSitemap):
    changefreq = "daily"

    def items(self):
        return ["conversations:list", "conversations:news", "conversations:newsletter"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(I18nSitemap):
    def items(self):
        return Issue.objects.published().only("number", "updated_at", *TITLE_FIELDS).order_by("number")

    def lastmod(self, issue):
        return issue.updated_at


class ItemSitemap(I18nSitemap):
    def items(self):
        return (
            Item.objects.published().select_related("issue").only("slug", "issue__number", *TITLE_FIELDS).order_by("pk")
        )


class NewsSitemap(I18nSitemap):
    def items(self):
        return NewsItem.objects.published().only("slug", *TITLE_FIELDS).order_by("pk")
