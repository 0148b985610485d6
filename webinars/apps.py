from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Learning Exchange")

    def ready(self):
        """Tell the portal what this app offers (core.registry)."""
        from core import registry
        from webinars import demo, home, seo, services, sitemaps  # noqa: F401 - seo: cards register themselves
        from webinars.models import Event, Webinar

        registry.register_search_source(
            registry.SearchSource("webinars", _("Webinars"), Webinar.objects.published, snippet_field="summary")
        )
        registry.register_search_source(
            registry.SearchSource("events", _("Conferences"), Event.objects.published, snippet_field="summary")
        )
        registry.register_sitemap("webinars-pages", sitemaps.WebinarsPagesSitemap)
        registry.register_sitemap("webinars", sitemaps.WebinarSitemap)
        registry.register_sitemap("events", sitemaps.EventSitemap)
        registry.register_home_section("webinars/home_section.html", home.home_context, order=20)
        registry.register_demo("webinars", demo.load, after=["goodideas", "elibrary"])
        registry.register_personal_data("webinar_registrations", services.registrations_export)
        registry.register_link_source("webinars", services.recording_urls)
