"""What search engines and link previews read: OpenGraph and Twitter card tags, schema.org JSON-LD.

`{% social_meta %}` (templatetags/seo.py) in base.html looks at the page's `object` (what a
DetailView shows) and asks the builder registered for its model for a `Card`. Pages without an
object get the portal's own card.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from core.context_processors import absolute_url


@dataclass
class Card:
    title: str
    description: str
    type: str = "website"  # og:type
    image: str = ""  # a path or URL; made absolute by the tag
    image_alt: str = ""
    jsonld: dict = field(default_factory=dict)


BUILDERS: dict[str, Callable] = {}


def builder(model_label: str):
    """Register a function (obj, request) -> Card for a model ("app_label.modelname")."""

    def register(function):
        BUILDERS[model_label] = function
        return function

    return register


def summary(text: str | None, words: int = 40) -> str:
    return Truncator(" ".join(strip_tags(text or "").split())).words(words)


def card_for(obj, request) -> Card | None:
    if obj is None or not hasattr(obj, "_meta"):
        return None
    function = BUILDERS.get(obj._meta.label_lower)
    return function(obj, request) if function else None


# The field whose text makes a page of a translated kind exist in a language: its title.
MAIN_TEXT = "title"


def content_languages(obj) -> list[str]:
    """The languages in which the page of `obj` has its own text, for hreflang (sitemap and <head>).

    A translated kind (one whose title is translated) exists in English, the fallback, and in each
    language its title is written in; elsewhere the page shows the English text. A model may say
    itself (`content_languages()`: a thread exists in the language its member wrote it in). Other
    pages (lists, themes, cities, pages without an object) exist in every language.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    if obj is None or not hasattr(obj, "_meta"):
        return codes
    if hasattr(obj, "content_languages"):
        return [code for code in obj.content_languages() if code in codes]
    try:
        translated = MAIN_TEXT in translator.get_options_for_model(type(obj)).all_fields
    except NotRegistered:
        translated = False
    if not translated:
        return codes
    return [code for code in codes if code == settings.LANGUAGE_CODE or getattr(obj, f"{MAIN_TEXT}_{code}", "")]


def default_image(request) -> str:
    return absolute_url(request, static("img/og-default.png"))


def _place(city, request) -> dict:
    return {
        "@type": "Place",
        "name": city.name,
        "url": absolute_url(request, city.get_absolute_url()),
        "address": {"@type": "PostalAddress", "addressLocality": city.name, "addressCountry": city.country.code},
        "geo": {"@type": "GeoCoordinates", "latitude": city.latitude, "longitude": city.longitude},
    }


def _publisher() -> dict:
    return {"@type": "Organization", "name": _("Cities of Migration"), "email": settings.CONTACT_EMAIL}


@builder("goodideas.goodidea")
def good_idea(idea, request) -> Card:
    url = absolute_url(request, idea.get_absolute_url())
    image = idea.image.url if idea.image else ""
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": idea.title,
        "description": idea.teaser,
        "url": url,
        "inLanguage": get_language(),
        "about": [theme.name for theme in idea.themes.all()],
        "publisher": _publisher(),
        "keywords": ", ".join(tag.name for tag in idea.tags.all()),
    }
    if idea.city:  # only a proposal from a city not yet in the portal has none
        jsonld["contentLocation"] = _place(idea.city, request)
    if idea.published_at:
        jsonld["datePublished"] = idea.published_at.date().isoformat()
    if idea.updated_at:
        jsonld["dateModified"] = idea.updated_at.date().isoformat()
    if idea.organisation:
        jsonld["sourceOrganization"] = {"@type": "Organization", "name": idea.organisation.name}
    if image:
        jsonld["image"] = absolute_url(request, image)
    return Card(
        title=idea.title,
        description=summary(idea.teaser),
        type="article",
        image=image,
        image_alt=idea.image_alt,
        jsonld=jsonld,
    )


@builder("places.city")
def city(city, request) -> Card:
    description = summary(city.profile) or _("Good Ideas in Integration from %(city)s.") % {"city": city.name}
    return Card(
        title=city.name,
        description=description,
        jsonld={"@context": "https://schema.org", **_place(city, request), "description": description},
    )


@builder("conversations.item")
def ezine_item(item, request) -> Card:
    url = absolute_url(request, item.get_absolute_url())
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": item.title,
        "description": summary(item.teaser or item.body),
        "url": url,
        "inLanguage": get_language(),
        "articleSection": item.get_kind_display(),
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": item.issue.number,
            "name": item.issue.title,
            "url": absolute_url(request, item.issue.get_absolute_url()),
        },
        "publisher": _publisher(),
    }
    if item.issue.publish_at:
        jsonld["datePublished"] = item.issue.publish_at.date().isoformat()
    if item.authors:
        jsonld["author"] = [
            {"@type": "Person", "name": name.strip()} for name in item.authors.split(",") if name.strip()
        ]
    return Card(title=item.title, description=summary(item.teaser or item.body), type="article", jsonld=jsonld)


@builder("conversations.newsitem")
def news_item(news, request) -> Card:
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": news.title,
        "description": summary(news.summary),
        "url": absolute_url(request, news.get_absolute_url()),
        "inLanguage": get_language(),
        "datePublished": news.date.isoformat(),
        "isBasedOn": news.source_url,
        "publisher": _publisher(),
    }
    return Card(title=news.title, description=summary(news.summary), type="article", jsonld=jsonld)


@builder("webinars.webinar")
def webinar(webinar, request) -> Card:
    url = absolute_url(request, webinar.get_absolute_url())
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": webinar.title,
        "description": summary(webinar.summary),
        "url": url,
        "startDate": webinar.starts_at.isoformat(),
        "endDate": webinar.ends_at.isoformat(),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "VirtualLocation", "url": url},
        "inLanguage": webinar.language,
        "isAccessibleForFree": True,
        "organizer": _publisher(),
        "superEvent": {"@type": "EventSeries", "name": webinar.series},
    }
    return Card(title=webinar.title, description=summary(webinar.summary), jsonld=jsonld)


@builder("webinars.event")
def conference(event, request) -> Card:
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": summary(event.summary or event.description),
        "url": absolute_url(request, event.get_absolute_url()),
        "startDate": event.starts_on.isoformat(),
        "endDate": event.ends_on.isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if event.city_id:
        place = _place(event.city, request)
        if event.venue:
            place["name"] = event.venue
        jsonld["location"] = place
    if event.organisers:
        jsonld["organizer"] = {"@type": "Organization", "name": event.organisers}
    return Card(title=event.title, description=summary(event.summary or event.description), jsonld=jsonld)


@builder("community.thread")
def thread(thread, request) -> Card:
    jsonld = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "url": absolute_url(request, thread.get_absolute_url()),
        "inLanguage": thread.language,
        "datePublished": thread.created_at.isoformat(),
        "dateModified": thread.last_activity.isoformat(),
    }
    description = _("A question asked in the Cities of Migration community.")
    return Card(title=thread.title, description=description, type="article", jsonld=jsonld)


@builder("elibrary.resource")
def resource(resource, request) -> Card:
    jsonld = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": resource.title,
        "description": summary(resource.summary),
        "url": absolute_url(request, resource.get_absolute_url()),
        "genre": resource.get_kind_display(),
        "datePublished": str(resource.publication_date or resource.publication_year),
        "inLanguage": list(resource.languages or []),
        "author": [{"@type": "Person", "name": name} for name in resource.author_list],
    }
    if resource.publisher_id:
        jsonld["publisher"] = {"@type": "Organization", "name": resource.publisher.name}
    if resource.is_external:
        jsonld["sameAs"] = resource.external_url
    elif resource.file_format:
        jsonld["encodingFormat"] = resource.file_format
    return Card(title=resource.title, description=summary(resource.summary), jsonld=jsonld)
