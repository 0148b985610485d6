from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from goodideas import services
from goodideas.filters import bump_version
from goodideas.models import City, Country, FormerSlug, FurtherReading, GoodIdea, Organisation, Theme
from goodideas.views import IdeaPreviewView

# Addresses typed without a scheme are read as https:// (Django 6's default, asked for now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    readonly_fields = ["slug"]


@admin.register(Country)
class CountryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name_en", "name_fr", "name_de", "code"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country", "population", "foreign_born_share"]
    list_filter = ["country__region", "country"]
    list_select_related = ["country"]
    search_fields = ["name_en", "name_fr", "name_de"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["country"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "latitude", "longitude", "profile"]}),
        (_("Population"), {"fields": ["population", "population_source", "population_year"]}),
        (
            _("Residents born abroad"),
            {"fields": ["foreign_born_share", "foreign_born_source", "foreign_born_year"]},
        ),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    list_select_related = ["city"]
    search_fields = ["name"]
    autocomplete_fields = ["city"]


class FurtherReadingInline(TranslationTabularInline):
    model = FurtherReading
    formfield_overrides = URL_FIELDS
    extra = 1


class FormerSlugInline(admin.TabularInline):
    """Old addresses of the idea, which redirect to it: recorded when editors change a published slug."""

    model = FormerSlug
    extra = 0
    fields = ["slug", "created_at"]
    readonly_fields = ["slug", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GoodIdea)
class GoodIdeaAdmin(TabbedTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "city", "status", "published_at", "last_verified", "preview_link"]
    list_filter = ["status", "themes", "city__country__region", "city__country", "city"]
    list_select_related = ["city"]
    search_fields = ["title_en", "title_fr", "title_de", "slug", "city__name_en", "organisation__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["city", "organisation", "partners", "related"]
    filter_horizontal = ["themes"]
    inlines = [FurtherReadingInline, FormerSlugInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body", "themes", "tags"]}),
        (_("Place and organisations"), {"fields": ["city", "organisation", "partners"]}),
        (
            _("The practice's facts"),
            {"fields": ["year_started", "still_running", "beneficiaries", "results", "adaptation"]},
        ),
        (
            _("Contact"),
            {"fields": ["contact_name", "contact_role", "contact_email", "contact_phone", "contact_website"]},
        ),
        (_("Image"), {"fields": ["image", "image_alt", "image_credit"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "last_verified", "related", "created_at", "updated_at"]},
        ),
    ]

    def view_on_site(self, idea):
        """ "View on site" opens the preview, which also works for drafts."""
        return reverse("admin:goodideas_goodidea_preview", args=[idea.pk])

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [path("<int:pk>/preview/", preview, name="goodideas_goodidea_preview"), *super().get_urls()]

    def preview_view(self, request, pk):
        """The idea's public page, whatever its status: what the public will see once it is published."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return IdeaPreviewView.as_view()(request, pk=pk)

    @admin.display(description=_("Preview"))
    def preview_link(self, idea):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:goodideas_goodidea_preview", args=[idea.pk]), _("Preview")
        )

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        if obj.status == GoodIdea.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)
        if old_slug:
            services.idea_slug_changed(idea=obj, old_slug=old_slug)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump_version()  # themes and tags are saved here, after the idea: the counts change now

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_version()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump_version()

    @admin.action(description=_("Publish the selected Good Ideas"), permissions=["change"])
    def publish(self, request, queryset):
        for idea in queryset:
            services.idea_publish(idea=idea)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)d Good Idea published.", "%(count)d Good Ideas published.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected Good Ideas (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        for idea in queryset:
            services.idea_unpublish(idea=idea)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)d Good Idea unpublished.", "%(count)d Good Ideas unpublished.", count) % {"count": count},
            messages.SUCCESS,
        )
