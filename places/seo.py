"""Link previews and structured data of the cities: card builders (core.seo), registered on import."""

from django.utils.translation import gettext as _

from core import seo
from core.context_processors import absolute_url


def place(city, request) -> dict:
    """A city as a schema.org Place: for its own page, and where an idea or a conference happens."""
    return {
        "@type": "Place",
        "name": city.name,
        "url": absolute_url(request, city.get_absolute_url()),
        "address": {"@type": "PostalAddress", "addressLocality": city.name, "addressCountry": city.country.code},
        "geo": {"@type": "GeoCoordinates", "latitude": city.latitude, "longitude": city.longitude},
    }


@seo.builder("places.city")
def city(city, request) -> seo.Card:
    description = seo.summary(city.profile) or _("Good Ideas in Integration from %(city)s.") % {"city": city.name}
    return seo.Card(
        title=city.name,
        description=description,
        jsonld={"@context": "https://schema.org", **place(city, request), "description": description},
    )
