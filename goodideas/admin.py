from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import PUBLICATION_FIELDS, PublishableAdmin
from core.linkcheck import HasBrokenLinksFilter
from goodideas import services
from goodideas.models import Adaptation, FormerSlug, FurtherReading, GoodIdea, Proposal, SuccessFactor

# Addresses typed without a scheme are read as https:// (Django 6's default, asked for now).


class FurtherReadingInline(TranslationTabularInline):
    model = FurtherReading
    extra = 1


class FormerSlugInline(admin.TabularInline):
    """Old addresses of the idea, which redirect to it: recorded when editors change a published slug."""

    model = FormerSlug
    extra = 0
    fields = ["slug", "created_at"]
    readonly_fields = ["slug", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


class AdaptationInline(TranslationTabularInline):
    """Where the idea was taken up: shown on both ideas and both cities' pages."""

    model = Adaptation
    fk_name = "idea"
    extra = 0
    fields = ["city", "year", "organisation", "url", "adapted_idea", "note"]
    autocomplete_fields = ["city", "organisation", "adapted_idea"]


class BrokenLinksFilter(HasBrokenLinksFilter):
    link_fields = ("contact_website", "further_reading__url")


@admin.register(GoodIdea)
class GoodIdeaAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "city", "status", "published_at", "last_verified", "preview_link"]
    list_filter = ["status", "themes", "city__country__region", "city__country", "city", BrokenLinksFilter]
    list_select_related = ["city"]
    search_fields = ["title_en", "title_fr", "title_de", "slug", "city__name_en", "organisation__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["city", "organisation", "partners", "related"]
    filter_horizontal = ["themes"]
    inlines = [FurtherReadingInline, AdaptationInline, FormerSlugInline]
    actions = PublishableAdmin.actions
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body", "themes", "tags"]}),
        (_("Place and organisations"), {"fields": ["city", "organisation", "partners"]}),
        (
            _("The practice's facts"),
            {"fields": ["year_started", "beneficiaries", "results"]},
        ),
        (
            _("Evidence and transfer"),
            {
                "fields": [
                    "evidence_level",
                    "cost_band",
                    "people_reached",
                    ("stage", "year_ended"),
                    "success_factors",
                    "adaptation",
                ],
                "description": _(
                    "Shown as badges and facts on the idea's page, offered as filters of the list and "
                    "included in the open data. Leave empty what is not known."
                ),
            },
        ),
        (
            _("Contact"),
            {"fields": ["contact_name", "contact_role", "contact_email", "contact_phone", "contact_website"]},
        ),
        (_("Image"), {"fields": ["image", "image_alt", "image_credit"]}),
        (
            _("Publishing"),
            {
                "fields": [*PUBLICATION_FIELDS, "related", "created_at", "updated_at"],
                "description": PublishableAdmin.publication_fieldset[1]["description"],
            },
        ),
    ]

    PROPOSAL_FIELDSET = (_("Proposed by (private: never shown on the site)"), {"fields": ["proposal_details"]})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("proposal__place")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "success_factors":  # a controlled list: ticked, not typed
            return forms.TypedMultipleChoiceField(
                choices=SuccessFactor.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=db_field.verbose_name,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and _proposal(obj) is not None:
            return [*fieldsets, self.PROPOSAL_FIELDSET]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "proposal_details"]

    @admin.display(description=_("Proposer"))
    def proposal_details(self, idea):
        proposal = _proposal(idea)
        if proposal is None:
            return "-"
        rows = [
            (gettext("Name"), proposal.name),
            (gettext("Role"), proposal.role or "-"),
            (gettext("E-mail address"), proposal.email),
            (gettext("Phone number"), proposal.phone or "-"),
            (gettext("Language"), proposal.get_language_display()),
            (
                gettext("Public contact"),
                gettext("agreed to be shown as the contact")
                if proposal.publish_contact
                else gettext("did NOT agree: do not show these details on the site"),
            ),
        ]
        if proposal.place_id:
            rows.append((gettext("City typed"), str(proposal.place)))
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        idea = self.get_object(request, object_id)
        proposal = _proposal(idea) if idea is not None and request.method == "GET" else None
        if proposal is not None:
            self.warn_about_proposal(request, idea, proposal)
        return super().change_view(request, object_id, form_url, extra_context)

    def warn_about_proposal(self, request, idea, proposal):
        if proposal.publish_contact:
            self.message_user(
                request,
                _("The proposer agreed to be shown as the contact of this idea (see “Proposed by”)."),
                messages.INFO,
            )
        else:
            self.message_user(
                request,
                _(
                    "The proposer did not agree to be shown on the site: their name, e-mail address and phone "
                    "under “Proposed by” are private. Do not copy them into “Contact”."
                ),
                messages.WARNING,
            )
        if proposal.place_id and idea.city_id is None:
            review = reverse("admin:places_typedplace_change", args=[proposal.place_id])
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    gettext("The proposer typed a city that is not in the portal yet: %(place)s.")
                    % {"place": proposal.place},
                    review,
                    gettext("Confirm it as a new city or merge it into an existing one"),
                ),
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if old_slug:
            services.idea_slug_changed(idea=obj, old_slug=old_slug)
        if services.idea_published_notify(idea=obj):
            self.message_user(request, _("The proposer has been told that the idea is published."), messages.INFO)

    def publish_one(self, request, obj):
        """Through the service: it checks the city and tells the proposer."""
        try:
            services.idea_publish(idea=obj)
        except services.CannotPublish as error:
            raise ValidationError(str(error)) from None


def _proposal(idea) -> Proposal | None:
    try:
        return idea.proposal
    except Proposal.DoesNotExist:
        return None
