import itertools

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from core import csvcells
from core.admin import PublishableAdmin
from webinars import services
from webinars.admin_forms import SessionAdminForm, WebinarAdminForm
from webinars.forms import RegistrantsEmailForm
from webinars.models import Event, EventLink, Registration, Session, Speaker, Webinar, WebinarSpeaker
from webinars.templatetags.webinar_tags import zoned_range_text

# Addresses typed without a scheme are read as https (and Django 6's default, without its warning).


class TimeZoneSelectMixin:
    """The time zone as a list of IANA names (Europe/Berlin), not free text."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":
            import zoneinfo

            from django import forms

            kwargs["widget"] = forms.Select(choices=[(name, name) for name in sorted(zoneinfo.available_timezones())])
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def registrations_csv(registrations, filename: str):
    rows = (
        [
            registration.webinar.slug,
            registration.webinar.starts_at.isoformat(),
            registration.user.get_full_name() or registration.user.get_username(),
            registration.user.email,
            registration.status,
            registration.language,
            registration.created.isoformat(),
        ]
        for registration in registrations.select_related("user", "webinar").order_by("webinar__starts_at", "created")
    )
    return csvcells.csv_response(
        itertools.chain([["webinar", "starts_at", "name", "email", "status", "language", "registered_on"]], rows),
        filename,
    )


@admin.register(Speaker)
class SpeakerAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role", "organisation", "city"]
    list_select_related = ["organisation", "city"]
    search_fields = ["name", "role_en", "organisation__name"]
    autocomplete_fields = ["organisation", "city"]


class WebinarSpeakerInline(admin.TabularInline):
    model = WebinarSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    can_delete = False
    fields = ["user", "user_email", "status", "language", "created"]
    readonly_fields = ["user", "user_email", "status", "language", "created"]
    verbose_name_plural = _("registrations (export and e-mail them with the actions of the webinar list)")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description=_("e-mail"))
    def user_email(self, obj):
        return obj.user.email


@admin.register(Webinar)
class WebinarAdmin(TimeZoneSelectMixin, PublishableAdmin, TabbedTranslationAdmin):
    form = WebinarAdminForm
    list_display = ["title", "local_start", "language", "status", "registered_count"]
    list_filter = ["status", "themes", "language"]
    search_fields = ["title_en", "title_fr", "title_de", "slug"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["related_ideas", "related_resources"]
    filter_horizontal = ["themes"]
    inlines = [WebinarSpeakerInline, RegistrationInline]
    actions = [*PublishableAdmin.actions, "export_registrations", "email_registrants"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "series", "summary", "description", "themes", "language"]}),
        (_("Time"), {"fields": ["starts_at", "ends_at", "time_zone"]}),
        (_("Registration"), {"fields": ["capacity", "join_url"]}),
        (_("After the webinar"), {"fields": ["recording_url", "slides", "transcript"]}),
        (_("Related"), {"fields": ["related_ideas", "related_resources"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.waitlist_promote(webinar=obj)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person moved up from the waiting list.",
                        "%(count)d people moved up from the waiting list.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )

    @admin.display(description=_("starts at"), ordering="starts_at")
    def local_start(self, obj):
        return zoned_range_text(obj.starts_at, obj.ends_at, obj.zone)

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered_count(self, obj):
        """The number registered, linking to this webinar's registrations (filterable, exportable)."""
        url = reverse("admin:webinars_registration_changelist") + f"?webinar__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.registered_count)

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(registered_count=Count("registrations", filter=Q(registrations__status="registered")))
        )

    @admin.action(description=_("Export the registrations (CSV)"))
    def export_registrations(self, request, queryset):
        registrations = Registration.objects.filter(webinar__in=queryset)
        return registrations_csv(registrations, "registrations.csv")

    @admin.action(description=_("E-mail the registrants"))
    def email_registrants(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one webinar to e-mail its registrants."), messages.WARNING)
            return None
        webinar = queryset.get()
        form = RegistrantsEmailForm(request.POST if "send" in request.POST else None)
        if form.is_valid():
            sent = services.registrants_email(
                webinar=webinar, subject=form.cleaned_data["subject"], message=form.cleaned_data["message"]
            )
            self.message_user(
                request,
                ngettext("%(count)d registrant e-mailed.", "%(count)d registrants e-mailed.", sent) % {"count": sent},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("E-mail the registrants"),
            "webinar": webinar,
            "form": form,
            "recipients": webinar.registrations.registered().count(),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/webinars/webinar/email_registrants.html", context)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["webinar", "user", "status", "language", "created"]
    list_filter = ["status", "webinar"]
    list_select_related = ["webinar", "user"]
    search_fields = ["user__username", "user__email", "webinar__title_en"]
    autocomplete_fields = ["user", "webinar"]
    date_hierarchy = "created"
    actions = ["export_csv"]

    @admin.action(description=_("Export the selected registrations (CSV)"))
    def export_csv(self, request, queryset):
        return registrations_csv(queryset, "registrations.csv")


class SessionInline(TranslationTabularInline):
    model = Session
    form = SessionAdminForm
    extra = 1


class EventLinkInline(TranslationStackedInline):
    model = EventLink
    extra = 0


@admin.register(Event)
class EventAdmin(TimeZoneSelectMixin, PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "starts_on", "ends_on", "city", "status"]
    list_filter = ["status"]
    list_select_related = ["city"]
    search_fields = ["title_en", "title_fr", "title_de", "slug"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["city"]
    filter_horizontal = ["themes"]
    inlines = [SessionInline, EventLinkInline]
