"""Link previews and structured data of e-zine articles and news: card builders (core.seo), registered on import."""

from django.utils.translation import get_language

from core import seo
from core.context_processors import absolute_url


@seo.builder("conversations.item")
def ezine_item(item, request) -> seo.Card:
    url = absolute_url(request, item.get_absolute_url())
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": item.title,
        "description": seo.summary(item.teaser or item.body),
        "url": url,
        "inLanguage": get_language(),
        "articleSection": item.get_kind_display(),
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": item.issue.number,
            "name": item.issue.title,
            "url": absolute_url(request, item.issue.get_absolute_url()),
        },
        "publisher": seo.publisher(),
    }
    if item.issue.published_at:
        jsonld["datePublished"] = item.issue.published_at.date().isoformat()
    if item.authors:
        jsonld["author"] = [
            {"@type": "Person", "name": name.strip()} for name in item.authors.split(",") if name.strip()
        ]
    return seo.Card(title=item.title, description=seo.summary(item.teaser or item.body), type="article", jsonld=jsonld)


@seo.builder("conversations.newsitem")
def news_item(news, request) -> seo.Card:
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": news.title,
        "description": seo.summary(news.summary),
        "url": absolute_url(request, news.get_absolute_url()),
        "inLanguage": get_language(),
        "datePublished": news.date.isoformat(),
        "isBasedOn": news.source_url,
        "publisher": seo.publisher(),
    }
    return seo.Card(title=news.title, description=seo.summary(news.summary), type="article", jsonld=jsonld)
