"""Link previews and structured data of library resources: card builders (core.seo), registered on import."""

from core import seo
from core.context_processors import absolute_url


@seo.builder("elibrary.resource")
def resource(resource, request) -> seo.Card:
    jsonld = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": resource.title,
        "description": seo.summary(resource.summary),
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
    return seo.Card(title=resource.title, description=seo.summary(resource.summary), jsonld=jsonld)
