"""Link previews and structured data of community threads: card builders (core.seo), registered on import."""

from django.utils.translation import gettext as _

from core import seo
from core.context_processors import absolute_url


@seo.builder("community.thread")
def thread(thread, request) -> seo.Card:
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
    return seo.Card(title=thread.title, description=description, type="article", jsonld=jsonld)
