from django.urls import reverse

from core.publication import published_q
from core.sitemaps import TITLE_FIELDS, I18nSitemap
from goodideas.models import GoodIdea
from places.models import City, Theme


class GoodIdeasPagesSitemap(I18nSitemap):
    changefreq = "daily"

    def items(self):
        return ["goodideas:list", "goodideas:cities"]

    def location(self, item):
        return reverse(item)


class GoodIdeaSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return GoodIdea.objects.published().only("slug", "updated_at", *TITLE_FIELDS).order_by("pk")

    def lastmod(self, idea):
        return idea.updated_at


class ThemeSitemap(I18nSitemap):
    def items(self):
        return Theme.objects.only("slug")


class CitySitemap(I18nSitemap):
    def items(self):
        return City.objects.filter(published_q("ideas__")).distinct().only("slug").order_by("pk")
