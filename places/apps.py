from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Reference data every app shares: themes, regions, countries, cities, organisations.

    Imports core only. The pages of a theme and of a city (the Good Ideas there) belong to goodideas.
    """

    name = "places"
    verbose_name = _("Themes and places")

    def ready(self):
        from core import kept, registry
        from places import demo, seo  # noqa: F401 - seo: the city's card registers itself
        from places.models import City, Country, Tag, Theme

        registry.register_demo("places", demo.load)
        # What pages link their rows to, kept in each process's memory (core.kept): `with_links("themes")`.
        kept.keep(Theme, Theme.objects.all)
        kept.keep(Country, Country.objects.all)
        kept.keep(City, lambda: City.objects.select_related("country"))
        kept.keep(Tag, lambda: Tag.objects.order_by("name"))
