from django.urls import reverse

from core.sitemaps import TITLE_FIELDS, I18nSitemap
from elibrary.models import Resource


class LibraryPagesSitemap(I18nSitemap):
    changefreq = "daily"

    def items(self):
        return ["elibrary:list"]

    def location(self, item):
        return reverse(item)


class ResourceSitemap(I18nSitemap):
    changefreq = "monthly"
    limit = 5000  # fewer URLs per sitemap page: each one lists three languages

    def items(self):
        return Resource.objects.published().only("slug", "updated_at", *TITLE_FIELDS).order_by("pk")

    def lastmod(self, resource):
        return resource.updated_at
