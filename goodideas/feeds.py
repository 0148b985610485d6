"""RSS and Atom feeds of the latest published Good Ideas, in the language of the URL."""

from django.utils.translation import gettext_lazy as _

from core.feeds import FilteredFeed, atom
from goodideas.filters import GoodIdeaFilter
from goodideas.models import GoodIdea


class IdeasFeed(FilteredFeed):
    title = _("Good Ideas in Integration · Cities of Migration")
    description = _(
        "The latest Good Ideas in the integration of immigrants and refugees, from cities around the world."
    )

    filterset_class = GoodIdeaFilter  # the list's filters: /ideas/feed/?theme=work follows one theme
    list_url_name = "goodideas:list"

    def queryset(self):
        return GoodIdea.objects.published()

    def prepare(self, rows):
        return rows.for_listing()

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
