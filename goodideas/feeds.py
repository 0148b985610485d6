"""RSS and Atom feeds of the latest published Good Ideas, in the language of the URL."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.feeds import atom
from goodideas.filters import filter_ideas

FEED_LENGTH = 30


class IdeasFeed(Feed):
    title = _("Good Ideas in Integration · Cities of Migration")
    description = _(
        "The latest Good Ideas in the integration of immigrants and refugees, from cities around the world."
    )

    def link(self):
        return reverse("goodideas:list")

    def get_object(self, request, *args, **kwargs):
        return filter_ideas(request.GET)  # the list's filters: /ideas/feed/?theme=work follows one theme

    def items(self, filterset):
        return filterset.ordered("newest").for_listing()[:FEED_LENGTH]

    def item_title(self, idea):
        return f"{idea.title} ({idea.city.name})"

    def item_description(self, idea):
        return idea.teaser

    def item_pubdate(self, idea):
        return idea.published_at

    def item_updateddate(self, idea):
        return idea.updated_at

    def item_categories(self, idea):
        return [theme.name for theme in idea.themes.all()]

    def item_author_name(self, idea):
        return idea.organisation.name if idea.organisation else None


IdeasAtomFeed = atom(IdeasFeed)
