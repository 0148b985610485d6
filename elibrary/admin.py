from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from core import csvcells
from core.admin import PublishableAdmin
from core.linkcheck import HasBrokenLinksFilter
from elibrary import tasks
from elibrary.forms import ImportForm, ResourceAdminForm
from elibrary.importer import export_rows
from elibrary.models import ImportRun, Resource
from elibrary.services import resource_save, resources_queue_extraction


class BrokenLinksFilter(HasBrokenLinksFilter):
    link_fields = ("external_url",)


@admin.register(Resource)
class ResourceAdmin(PublishableAdmin, TabbedTranslationAdmin):
    form = ResourceAdminForm
    list_display = [
        "title",
        "kind",
        "publication_year",
        "publisher",
        "file_format",
        "extraction",
        "download_count",
        "status",
    ]
    list_filter = [
        "status",
        "kind",
        "themes",
        "file_format",
        "extraction",
        "publication_year",
        "countries",
        BrokenLinksFilter,
    ]
    list_select_related = ["publisher"]
    search_fields = ["title_en", "title_fr", "title_de", "slug", "authors", "publisher__name"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["publisher", "cities", "countries", "related_ideas"]
    filter_horizontal = ["themes"]
    readonly_fields = [
        "file_format",
        "file_size",
        "page_count",
        "download_count",
        "extraction",
        "extraction_note",
        "text_excerpt",
    ]
    date_hierarchy = "published_at"
    actions = [*PublishableAdmin.actions, "export_csv", "extract_again"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "authors", "publisher"]}),
        (_("Publication"), {"fields": ["publication_year", "publication_date", "languages"]}),
        (
            _("File or address"),
            {
                "fields": [
                    "file",
                    "external_url",
                    "file_format",
                    "file_size",
                    "page_count",
                    "extraction",
                    "extraction_note",
                    "text_excerpt",
                ],
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

    @admin.action(description=_("Read the text of the selected resources' files again"))
    def extract_again(self, request, queryset):
        count = resources_queue_extraction(queryset)
        message = ngettext(
            "The text of %(count)s file will be read again: its state shows in the list.",
            "The text of %(count)s files will be read again: their state shows in the list.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

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
        """Upload a CSV file: a background job imports it; its page shows the progress (ImportRunAdmin)."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():  # the run and its job are queued together, or neither
                run = ImportRun.objects.create(
                    file_name=request.FILES["csv_file"].name[:255],
                    csv_text=form.cleaned_data["csv_file"],
                    created_by=request.user,
                )
                tasks.queue_import(run)
            messages.success(request, _("The import has started: this page shows its progress."))
            return redirect(reverse("admin:elibrary_importrun_change", args=[run.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import library resources from CSV"),
            "form": form,
            "recent_runs": ImportRun.objects.only("pk", "file_name", "created_at", "status")[:5],
        }
        return TemplateResponse(request, "admin/elibrary/resource/import.html", context)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The CSV imports and their progress; the page of a running one reloads itself every few seconds."""

    list_display = ["file_name", "created_at", "status", "progress", "created", "updated", "skipped_count"]
    list_filter = ["status"]
    fields = [
        "file_name",
        "created_by",
        "created_at",
        "finished_at",
        "status",
        "progress",
        "created",
        "updated",
        "skipped_count",
        "skipped_report",
    ]
    readonly_fields = fields
    list_select_related = ["created_by"]
    change_form_template = "admin/elibrary/importrun/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("csv_text")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("rows done"))
    def progress(self, run):
        return _("%(done)s of %(total)s") % {"done": run.rows_done, "total": run.total_rows}

    @admin.display(description=_("skipped rows"))
    def skipped_report(self, run):
        if not run.skipped_count:
            return "—"
        url = reverse("admin:elibrary_importrun_skipped", args=[run.pk])
        label = ngettext(
            "Download the %(count)s skipped row and why (CSV)",
            "Download the %(count)s skipped rows and why (CSV)",
            run.skipped_count,
        ) % {"count": run.skipped_count}
        return format_html('<a href="{}">{}</a>', url, label)

    def get_urls(self):
        return [
            path(
                "<int:pk>/skipped.csv",
                self.admin_site.admin_view(self.skipped_csv),
                name="elibrary_importrun_skipped",
            ),
            *super().get_urls(),
        ]

    def skipped_csv(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun.objects.only("pk", "skipped"), pk=pk)
        header = [[str(_("Line")), str(_("Why"))]]
        return csvcells.csv_response(
            header + [[str(line), reason] for line, reason in run.skipped], f"skipped-{pk}.csv"
        )
