"""RSS and Atom feeds of the E-Library: the resources newly added, with the library page's filters."""

from django.utils.translation import gettext_lazy as _

from core.feeds import FilteredFeed, atom
from elibrary.filters import LibraryFilter
from elibrary.models import Resource


class ResourcesFeed(FilteredFeed):
    title = _("E-Library · Cities of Migration")
    description = _("Research, policy briefs and guides on the integration of immigrants and refugees, newly added.")
    filterset_class = LibraryFilter  # /library/feed/?theme=work&kind=report follows what the list shows
    list_url_name = "elibrary:list"
    order = ("-published_at", "-pk")  # when it was added to the library, not when it was written

    def queryset(self):
        return Resource.objects.published()

    def prepare(self, rows):
        return rows.for_listing().without_text()

    def item_title(self, resource):
        return f"{resource.title} ({resource.publication_year})" if resource.publication_year else resource.title

    def item_description(self, resource):
        return resource.summary

    def item_pubdate(self, resource):
        return resource.published_at

    def item_updateddate(self, resource):
        return resource.updated_at

    def item_categories(self, resource):
        return [resource.get_kind_display(), *(theme.name for theme in resource.themes.all())]

    def item_author_name(self, resource):
        return resource.authors or (resource.publisher.name if resource.publisher else None)


ResourcesAtomFeed = atom(ResourcesFeed)
