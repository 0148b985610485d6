"""The portal's own pages in /sitemap.xml; the other apps register theirs (core.registry)."""

from django.urls import reverse

from core.sitemaps import I18nSitemap


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "about"]

    def location(self, item):
        return reverse(item)
