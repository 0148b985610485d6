from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoodIdeasConfig(AppConfig):
    name = "goodideas"
    verbose_name = _("Good Ideas in Integration")

    def ready(self):
        from goodideas import services
        from places.services import register_waiting

        register_waiting(
            "goodideas",
            label=_("Proposals from there"),
            resolve=services.ideas_place_resolved,
            items=services.ideas_proposed_from,
        )
