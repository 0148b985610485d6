from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Conversations in Integration")

    def ready(self):
        """Tell the portal what this app offers (core.registry)."""
        from conversations import demo, home, seo, services, sitemaps  # noqa: F401 - seo: cards register themselves
        from conversations.feeds import NewsFeed
        from conversations.models import Item, NewsItem
        from core import registry

        registry.register_alert_source("news", _("Integration news"), NewsFeed)
        registry.register_search_source(
            registry.SearchSource(
                "ezine", _("E-zine articles"), Item.objects.published, fields=("slug", "issue__number")
            )
        )
        registry.register_search_source(
            registry.SearchSource("news", _("News"), NewsItem.objects.published, snippet_field="summary")
        )
        registry.register_sitemap("conversations-pages", sitemaps.ConversationsPagesSitemap)
        registry.register_sitemap("ezine-issues", sitemaps.IssueSitemap)
        registry.register_sitemap("ezine-items", sitemaps.ItemSitemap)
        registry.register_sitemap("news", sitemaps.NewsSitemap)
        registry.register_home_section("conversations/home_section.html", home.home_context, order=30)
        registry.register_demo("conversations", demo.load, after=["goodideas", "elibrary"])
        registry.register_personal_data("newsletter_subscriptions", services.subscriptions_export)
