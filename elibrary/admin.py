from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from core import csvcells
from core.admin import PublishableAdmin
from elibrary.forms import ImportForm, ResourceAdminForm
from elibrary.importer import export_rows, import_csv
from elibrary.models import Resource
from elibrary.services import resource_save


@admin.register(Resource)
class ResourceAdmin(PublishableAdmin, TabbedTranslationAdmin):
    form = ResourceAdminForm
    list_display = ["title", "kind", "publication_year", "publisher", "file_format", "download_count", "status"]
    list_filter = ["status", "kind", "themes", "file_format", "publication_year", "countries"]
    list_select_related = ["publisher"]
    search_fields = ["title_en", "title_fr", "title_de", "slug", "authors", "publisher__name"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["publisher", "cities", "countries", "related_ideas"]
    filter_horizontal = ["themes"]
    readonly_fields = ["file_format", "file_size", "page_count", "download_count", "text_excerpt"]
    date_hierarchy = "published_at"
    actions = [*PublishableAdmin.actions, "export_csv"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "authors", "publisher"]}),
        (_("Publication"), {"fields": ["publication_year", "publication_date", "languages"]}),
        (
            _("File or address"),
            {
                "fields": ["file", "external_url", "file_format", "file_size", "page_count", "text_excerpt"],
                "description": _("Upload a file (PDF, DOCX, ODT, XLSX, PPTX, EPUB) or give an address, not both."),
            },
        ),
        (_("Connections"), {"fields": ["themes", "cities", "countries", "tags", "related_ideas"]}),
        PublishableAdmin.publication_fieldset,
        (_("On the portal"), {"fields": ["download_count"]}),
    ]

    @admin.display(description=_("text found in the document"))
    def text_excerpt(self, obj):
        if not obj.extracted_text:
            return "—"
        return obj.extracted_text[:500] + ("…" if len(obj.extracted_text) > 500 else "")

    def save_model(self, request, obj, form, change):
        resource_save(resource=obj, file_changed="file" in form.changed_data)

    @admin.action(description=_("Export the selected resources to CSV"))
    def export_csv(self, request, queryset):
        queryset = queryset.select_related("publisher").prefetch_related(
            "themes", "cities", "countries", "tags", "related_ideas"
        )
        return csvcells.csv_response(export_rows(queryset.iterator(chunk_size=500)), "library.csv")

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="elibrary_resource_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = import_csv(form.cleaned_data["csv_file"])
            messages.add_message(
                request,
                messages.WARNING if report.skipped else messages.SUCCESS,
                _("%(created)s created, %(updated)s updated, %(skipped)s skipped.")
                % {"created": report.created, "updated": report.updated, "skipped": len(report.skipped)},
            )
            if not report.skipped:
                return redirect(reverse("admin:elibrary_resource_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import library resources from CSV"),
            "form": form,
            "report": report,
            "skipped_title": ngettext("%(count)s row skipped", "%(count)s rows skipped", len(report.skipped))
            % {"count": len(report.skipped)}
            if report
            else "",
        }
        return TemplateResponse(request, "admin/elibrary/resource/import.html", context)
