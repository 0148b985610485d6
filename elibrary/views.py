from django.core.paginator import Page, Paginator
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.generic import DetailView, TemplateView, View

from core import ratelimit
from core.lists import requested_page
from core.publication import PreviewMixin, can_preview
from core.uploads import DOCUMENTS
from elibrary.citations import apa, bibtex
from elibrary.filters import LibrarySearch
from elibrary.forms import LibrarySearchForm
from elibrary.models import Resource
from goodideas.models import GoodIdea


class LibraryView(TemplateView):
    """/library/: search, facets, sort and pages, all in the address (a GET form; no JavaScript)."""

    template_name = "elibrary/resource_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LibrarySearchForm(self.request.GET or None)
        values = form.values() if self.request.GET else {}
        library = LibrarySearch(values, ids=getattr(form, "ids", None))
        number = requested_page(self.request)
        # One query gives the total, the facets and the page's ids (see LibrarySearch.facets).
        facets = library.facets(number, self.paginate_by)
        if library.text and library.total == 0 and library.use_fuzzy():
            facets = library.facets(number, self.paginate_by)
        paginator = Paginator(Resource.objects.none(), self.paginate_by)
        paginator.count = library.total
        if number > paginator.num_pages:  # past the end: the last page
            number = paginator.num_pages
            facets = library.facets(number, self.paginate_by)
        resources = library.page()
        page = Page(resources, number, paginator)
        headlines = library.headlines(resources)
        for resource in resources:
            resource.headline = headlines.get(resource.pk)
        context.update(
            form=form,
            library=library,
            values=values,
            facets={facet.name: facet for facet in facets},
            page_obj=page,
            paginator=paginator,
            resources=resources,
            is_paginated=page.has_other_pages(),
            filtered=bool(set(values) - {"sort"}),
            filter_count=len(set(values) - {"sort", "q"}),
        )
        return context


class ResourceDetailView(PreviewMixin, DetailView):
    model = Resource
    template_name = "elibrary/resource_detail.html"
    context_object_name = "resource"

    def get_queryset(self):
        resources = Resource.objects.select_related("publisher")
        return self.visible(resources.prefetch_related("themes", "cities__country", "countries", "tags"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.object
        context.update(
            related_ideas=GoodIdea.objects.published().filter(resources=resource).for_listing(),
            # The webinars and e-zine articles that cite it, through the reverse relations of their own
            # many-to-many fields: their apps stand above this one, which imports neither.
            discussed_in_webinars=resource.webinars.published(),
            ezine_items=(
                resource.ezine_items.published()
                .select_related("issue")
                .order_by("-issue__published_at", "position", "pk")
            ),
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
