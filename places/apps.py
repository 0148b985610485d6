from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Reference data every app shares: themes, regions, countries, cities, organisations.

    Imports core only. The pages of a theme and of a city (the Good Ideas there) belong to goodideas.
    """

    name = "places"
    verbose_name = _("Themes and places")

    def ready(self):
        from core import registry
        from places import demo, seo  # noqa: F401 - seo: the city's card registers itself

        registry.register_demo("places", demo.load)
