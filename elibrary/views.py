from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.generic import DetailView, View

from core import kept, lists, ratelimit
from core.lists.rows import lazy_rows
from core.publication import PreviewMixin, can_preview, linked_ids
from core.uploads import DOCUMENTS
from elibrary.citations import apa, bibtex
from elibrary.filters import LibraryFilter
from elibrary.models import Resource
from goodideas.models import GoodIdea


class LibraryView(lists.FilteredListView):
    """/library/: search, facets, sort and pages, all in the address (a GET form; no JavaScript)."""

    template_name = "elibrary/resource_list.html"
    filterset_class = LibraryFilter
    context_object_name = "resources"

    def get_queryset(self):
        return Resource.objects.published()

    def for_listing(self, queryset):
        # The list shows neither the document's text nor the search vector: leave them on disk.
        return queryset.for_listing().without_text()


# The webinars and e-zine articles that cite each resource, kept per content version (core.kept.linked_ids:
# they are few), through the reverse relations of their own many-to-many fields: their apps stand above
# this one, which imports neither. A resource's page shows them as cards kept in the fragment cache.
citing_webinars = kept.linked_ids(Resource.webinars, ("-starts_at", "pk"))
citing_items = kept.linked_ids(Resource.ezine_items, ("-issue__published_at", "position", "pk"))
_Webinar, _Item = Resource.webinars.field.model, Resource.ezine_items.field.model


class ResourceDetailView(PreviewMixin, DetailView):
    model = Resource
    template_name = "elibrary/resource_detail.html"
    context_object_name = "resource"

    def get_queryset(self):
        resources = Resource.objects.select_related("publisher").without_text()
        return self.visible(resources.with_links("themes", "cities", "countries", "tags"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.object
        context.update(
            # The Good Ideas it informs: their ids, newest first; their rows only for teasers not kept.
            related_ideas=lazy_rows(
                linked_ids(Resource.related_ideas, resource.pk, GoodIdea.NEWEST), GoodIdea.objects.for_cards()
            ),
            discussed_in_webinars=lazy_rows(citing_webinars().get(resource.pk, []), _Webinar.objects.all()),
            ezine_items=lazy_rows(citing_items().get(resource.pk, []), _Item.objects.select_related("issue")),
            apa=apa(resource),
            bibtex=bibtex(resource, self.request.build_absolute_uri(resource.get_absolute_url())),
        )
        return context


class ResourceDownloadView(View):
    """The file, with its own content type and an attachment name made from the slug.

    A GET that starts a download counts once per visitor and resource a minute; HEAD (link checkers,
    previews) answers the same headers, without opening the file, and counts nothing.
    """

    # Repeats from the same visitor within this many seconds count once.
    COUNT_ONCE_PER = 60

    def get(self, request, slug):
        resource = self.get_resource(slug)
        if resource.is_external:
            self.count(request, resource)
            return HttpResponseRedirect(resource.external_url)
        try:
            handle = resource.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        self.count(request, resource)
        return self.headers(FileResponse(handle, as_attachment=True, filename=resource.download_filename), resource)

    def head(self, request, slug):
        resource = self.get_resource(slug)
        if resource.is_external:
            return HttpResponseRedirect(resource.external_url)
        try:
            size = resource.file.size
        except (FileNotFoundError, OSError):
            raise Http404 from None
        response = HttpResponse()
        response["Content-Length"] = str(size)
        response["Content-Disposition"] = content_disposition_header(True, resource.download_filename)
        return self.headers(response, resource)

    def get_resource(self, slug) -> Resource:
        # Editors download the file of a resource they preview; nobody else, before it is published.
        resources = Resource.objects.all() if can_preview(self.request.user, Resource) else Resource.objects.published()
        resource = get_object_or_404(resources, slug=slug)
        if not resource.is_external and not resource.file:
            raise Http404
        return resource

    def headers(self, response, resource):
        content_type = DOCUMENTS[resource.file_format].content_type if resource.file_format in DOCUMENTS else None
        response["Content-Type"] = content_type or "application/octet-stream"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def count(self, request, resource):
        visitor = f"{ratelimit.client_ip(request)}:{resource.pk}"
        if ratelimit.first_in("library-download", visitor, period=self.COUNT_ONCE_PER):
            Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
