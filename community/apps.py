from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from community import services
        from places.services import register_waiting

        register_waiting("community", resolve=services.profiles_place_resolved)
