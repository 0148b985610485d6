from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        """Tell the portal what this app offers (core.registry), and places what waits for typed cities."""
        from allauth.account.signals import email_confirmed
        from django.contrib.auth.signals import user_logged_in

        from community import demo, seo, sitemaps  # noqa: F401 - seo: the cards register themselves
        from community.models import Thread
        from community.services import member_data, members
        from core import registry
        from places.services import register_waiting

        registry.register_search_source(
            registry.SearchSource(
                "community",
                _("Community"),
                Thread.objects.visible,
                snippet_field="",
                translated=False,
                fields=(),  # its address is its pk and the slug of its title
                match=Thread.search_match,
                language_field="language",
            )
        )
        registry.register_sitemap("community", sitemaps.CommunitySitemap)
        registry.register_demo("community", demo.load, after=["goodideas", "webinars", "conversations"])
        # What a member's data export holds: the account first, the records of sign-ins last.
        for key, export in member_data.MEMBER_DATA.items():
            registry.register_personal_data(key, export, order=10)
        for key, export in member_data.SIGN_IN_DATA.items():
            registry.register_personal_data(key, export, order=90)
        register_waiting("community", resolve=members.profiles_place_resolved)
        # A visitor's alerts join the account of whoever proves their address (core.alerts.alerts_attach).
        email_confirmed.connect(members.alerts_claim_on_confirmation, dispatch_uid="community-alerts-confirmed")
        user_logged_in.connect(members.alerts_claim_on_sign_in, dispatch_uid="community-alerts-sign-in")
