"""Link previews and structured data of webinars and conferences: card builders (core.seo), registered on import."""

from core import seo
from core.context_processors import absolute_url
from places.seo import place


@seo.builder("webinars.webinar")
def webinar(webinar, request) -> seo.Card:
    url = absolute_url(request, webinar.get_absolute_url())
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": webinar.title,
        "description": seo.summary(webinar.summary),
        "url": url,
        "startDate": webinar.starts_at.isoformat(),
        "endDate": webinar.ends_at.isoformat(),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "VirtualLocation", "url": url},
        "inLanguage": webinar.language,
        "isAccessibleForFree": True,
        "organizer": seo.publisher(),
        "superEvent": {"@type": "EventSeries", "name": webinar.series},
    }
    return seo.Card(title=webinar.title, description=seo.summary(webinar.summary), jsonld=jsonld)


@seo.builder("webinars.event")
def conference(event, request) -> seo.Card:
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": seo.summary(event.summary or event.description),
        "url": absolute_url(request, event.get_absolute_url()),
        "startDate": event.starts_on.isoformat(),
        "endDate": event.ends_on.isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if event.city_id:
        location = place(event.city, request)
        if event.venue:
            location["name"] = event.venue
        jsonld["location"] = location
    if event.organisers:
        jsonld["organizer"] = {"@type": "Organization", "name": event.organisers}
    return seo.Card(title=event.title, description=seo.summary(event.summary or event.description), jsonld=jsonld)
