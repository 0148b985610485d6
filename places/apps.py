from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Reference data every app shares: themes, regions, countries, cities, organisations.

    Imports core only. The pages of a theme and of a city (the Good Ideas there) belong to goodideas.
    """

    name = "places"
    verbose_name = _("Themes and places")
