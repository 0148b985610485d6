from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoodIdeasConfig(AppConfig):
    name = "goodideas"
    verbose_name = _("Good Ideas in Integration")

    def ready(self):
        """Tell the portal what this app offers (core.registry), and places what waits for typed cities."""
        from core import registry
        from goodideas import demo, home, seo, services, sitemaps  # noqa: F401 - seo: cards register themselves
        from goodideas.feeds import IdeasFeed
        from goodideas.models import GoodIdea
        from places.services import register_waiting

        registry.register_alert_source("ideas", _("Good Ideas"), IdeasFeed)
        registry.register_search_source(registry.SearchSource("ideas", _("Good Ideas"), GoodIdea.objects.published))
        registry.register_sitemap("goodideas-pages", sitemaps.GoodIdeasPagesSitemap)
        registry.register_sitemap("ideas", sitemaps.GoodIdeaSitemap)
        registry.register_sitemap("themes", sitemaps.ThemeSitemap)
        registry.register_sitemap("cities", sitemaps.CitySitemap)
        registry.register_home_section("goodideas/home_section.html", home.home_context, order=10)
        registry.register_demo("goodideas", demo.load, after=["places"])
        registry.register_personal_data("good_idea_proposals", services.proposals_export)
        register_waiting(
            "goodideas",
            label=_("Proposals from there"),
            resolve=services.ideas_place_resolved,
            items=services.ideas_proposed_from,
        )
        registry.register_link_source("goodideas", services.external_urls)
