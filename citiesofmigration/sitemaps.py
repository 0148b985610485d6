"""/sitemap.xml: every public page in the three languages, with hreflang alternates.

Each app adds its own Sitemap classes (in its `sitemaps.py`) to SITEMAPS in urls.py.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class I18nSitemap(Sitemap):
    """A sitemap whose every page exists in each language, listed with its alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "about"]

    def location(self, item):
        return reverse(item)
