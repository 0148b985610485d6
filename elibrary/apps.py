from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ELibraryConfig(AppConfig):
    name = "elibrary"
    verbose_name = _("E-Library")

    def ready(self):
        """Tell the portal what this app offers (core.registry), and which uploads are public when."""
        from core import registry, uploads
        from elibrary import demo, seo, services, sitemaps  # noqa: F401 - seo: the cards register themselves
        from elibrary.feeds import ResourcesFeed
        from elibrary.models import Resource

        registry.register_alert_source("library", _("E-Library"), ResourcesFeed)
        registry.register_search_source(
            registry.SearchSource(
                "library",
                _("Library resources"),
                Resource.objects.published,
                snippet_field="summary",
            )
        )
        registry.register_sitemap("library-pages", sitemaps.LibraryPagesSitemap)
        registry.register_sitemap("library", sitemaps.ResourceSitemap)
        registry.register_demo("elibrary", demo.load, after=["goodideas"])
        # A resource's file is public while the resource is (the download view asks the same).
        uploads.protect("library", lambda name: Resource.objects.published().filter(file=name).exists())
        registry.register_link_source("elibrary", services.external_urls)
