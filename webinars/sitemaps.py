from django.urls import reverse

from core.sitemaps import TITLE_FIELDS, I18nSitemap
from webinars.models import Event, Webinar


class WebinarsPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["webinars:list", "webinars:events"]

    def location(self, item):
        return reverse(item)


class WebinarSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Webinar.objects.published().only("slug", "updated_at", *TITLE_FIELDS).order_by("pk")

    def lastmod(self, webinar):
        return webinar.updated_at


class EventSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Event.objects.published().only("slug", "updated_at", *TITLE_FIELDS).order_by("pk")

    def lastmod(self, event):
        return event.updated_at
