"""Link previews and structured data of Good Ideas: card builders (core.seo), registered on import."""

from django.utils.translation import get_language

from core import seo
from core.context_processors import absolute_url
from places.seo import place


@seo.builder("goodideas.goodidea")
def good_idea(idea, request) -> seo.Card:
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
        "publisher": seo.publisher(),
        "keywords": ", ".join(tag.label for tag in idea.tags.all()),
    }
    if idea.city:  # only a proposal from a city not yet in the portal has none
        jsonld["contentLocation"] = place(idea.city, request)
    if idea.published_at:
        jsonld["datePublished"] = idea.published_at.date().isoformat()
    if idea.updated_at:
        jsonld["dateModified"] = idea.updated_at.date().isoformat()
    if idea.organisation:
        jsonld["sourceOrganization"] = {"@type": "Organization", "name": idea.organisation.name}
    if image:
        jsonld["image"] = absolute_url(request, image)
    return seo.Card(
        title=idea.title,
        description=seo.summary(idea.teaser),
        type="article",
        image=image,
        image_alt=idea.image_alt,
        jsonld=jsonld,
    )
