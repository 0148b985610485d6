from django.urls import reverse

from citiesofmigration.sitemaps import I18nSitemap
from community.models import Thread, Topic


class CommunitySitemap(I18nSitemap):
    """The community's front page, its topics, and the visible threads."""

    changefreq = "daily"

    def items(self):
        return [
            "community:index",
            *Topic.objects.order_by("position", "pk"),
            *Thread.objects.visible().only("pk", "title", "last_activity").order_by("pk"),
        ]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return getattr(item, "last_activity", None)
