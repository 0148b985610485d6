from django.urls import reverse

from community.models import Thread, Topic
from core.sitemaps import TITLE_FIELDS, I18nSitemap


class CommunitySitemap(I18nSitemap):
    """The community's front page, its topics, and the visible threads (each in the language it is written in)."""

    changefreq = "daily"

    def items(self):
        return [
            "community:index",
            *Topic.objects.only("slug", *TITLE_FIELDS).order_by("position", "pk"),
            *Thread.objects.visible().only("pk", "title", "language", "last_activity").order_by("pk"),
        ]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return getattr(item, "last_activity", None)
