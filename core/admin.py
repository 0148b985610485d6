"""What the admin of every public kind shares: `PublishableAdmin` (core.publication)."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from core import admin_views, alerts, registry, review, translation_status
from core.languages import label as language_name
from core.models import Alert, ExternalLink, SynonymGroup
from core.publication import Status

TranslationStatus = translation_status.Status

PUBLICATION_FIELDS = ["status", "publish_at", "published_at", "last_verified", "preview", "review_notes"]


STATUS_LABELS = dict(TranslationStatus.choices)


def translation_label(language: str, status: str | None) -> str:
    """ "French: outdated", in the admin's language."""
    return gettext("%(language)s: %(status)s") % {
        "language": language_name(language),
        "status": STATUS_LABELS.get(status, "—"),
    }


class TranslationFilter(admin.SimpleListFilter):
    """ "French outdated", "German missing"…: the items whose translation in a language stands so."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (f"{language}-{status}", translation_label(language, status))
            for language in translation_status.OTHER_LANGUAGES
            for status in TranslationStatus.values
        ]

    def queryset(self, request, queryset):
        language, _dash, status = (self.value() or "").partition("-")
        if language not in translation_status.OTHER_LANGUAGES or status not in TranslationStatus.values:
            return queryset  # a stale or mistyped link shows everything, as for the other filters
        return queryset.filter(**{f"translation_{language}": status})


class ConfirmPublicationForm(forms.ModelForm):
    """Publishing with French or German missing needs a tick: readers would see the English instead."""

    publish_untranslated = forms.BooleanField(
        label=_("Publish without every translation"),
        required=False,
        help_text=_("Tick to publish although French or German texts are missing: readers will see the English."),
    )

    def clean(self):
        cleaned_data = super().clean()
        newly_published = cleaned_data.get("status") == Status.PUBLISHED and self.instance.status != Status.PUBLISHED
        if newly_published and not cleaned_data.get("publish_untranslated"):
            fields = translation_status.translated_fields(self._meta.model)
            missing = translation_status.missing_languages(cleaned_data, fields)
            if missing:
                names = ", ".join(language_name(code) for code in missing)
                self.add_error(
                    "publish_untranslated",
                    gettext("Not translated yet: %(languages)s. Tick the box to publish anyway.")
                    % {"languages": names},
                )
        return cleaned_data


def _with_confirmation(fields):
    fields = list(fields)
    if "status" in fields and "publish_untranslated" not in fields:
        fields.insert(fields.index("status") + 1, "publish_untranslated")
    return fields


class PublishableAdmin(VersionAdmin):
    """The admin of a Publishable: a status filter, Publish and Withdraw actions, a Preview link on the
    change form and in the list, and "View on site" for what is public.

    It is a reversion `VersionAdmin` (core.revisions): each save and action makes a revision (who,
    when); History lists them, compares any two (`<pk>/history/compare/`) and restores one
    (reversion's revision page: the form filled with that version, saved on confirmation).
    Review (core.review): "Send for review" mails the Editors group; `<pk>/review/` publishes or sends
    back with a comment. "Confirm still accurate" sets `last_verified` (/admin/freshness/ lists the stale).

    Admins that declare `actions` keep these two: `actions = [*PublishableAdmin.actions, "export_csv"]`.
    Admins that declare `fieldsets` include `PublishableAdmin.publication_fieldset` (or its fields);
    the others get it after their fields.
    """

    actions = ["publish", "withdraw", "send_for_review", "confirm_accurate", "mark_translations_reviewed"]
    # Reversion's list template would replace the admin's own (and an app's admin/<app>/<model>/ one).
    change_list_template = None
    object_history_template = "admin/core/object_history.html"
    publication_fieldset = (
        _("Publication"),
        {
            "fields": PUBLICATION_FIELDS,
            "description": _(
                "Public when its status is Published and its time has come: a scheduled item appears by "
                "itself, nobody needs to act then."
            ),
        },
    )

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        added = ("status", "published_at", "preview_link", "french_translation", "german_translation")
        return columns + [name for name in added if name not in columns]

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        filters = filters if "status" in filters else ["status", *filters]
        return [*filters, TranslationFilter]

    def get_queryset(self, request):
        """With the status of each translation (`translation_fr`…), for the columns and the filter."""
        return translation_status.annotate(super().get_queryset(request))

    def get_form(self, request, obj=None, **kwargs):
        base = kwargs.get("form") or self.form
        kwargs["form"] = type(base.__name__, (ConfirmPublicationForm, base), {})
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            self.show_translation_status(form, obj)
        return form

    def show_translation_status(self, form, obj) -> None:
        """The status of each language on its tab: under the language's first translated field."""
        fields = translation_status.translated_fields(type(obj))
        statuses = {row.language: row.status for row in translation_status.rows_of(obj)}
        for language in translation_status.OTHER_LANGUAGES:
            first = next((f"{name}_{language}" for name in fields if f"{name}_{language}" in form.base_fields), None)
            if first is None:
                continue
            field = form.base_fields[first]
            note = translation_label(language, statuses.get(language))
            field.help_text = format_html("<strong>{}</strong> {}", note, field.help_text or "")

    def get_fieldsets(self, request, obj=None):
        """With the "publish without every translation" box after the status, for those who may edit."""
        fieldsets = self.fieldsets_of(request, obj)
        editable = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if not editable:
            return fieldsets
        return [(name, {**options, "fields": _with_confirmation(options["fields"])}) for name, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [name for name in ("published_at", "preview", "review_notes") if name not in fields]

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(lambda request, object_id: admin_views.compare_view(self, request, object_id)),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/review/",
                view(lambda request, object_id: admin_views.review_view(self, request, object_id)),
                name=f"{name}_review",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Reversion's list of versions, each with its version (to choose two to compare)."""
        return super().history_view(
            request, object_id, {**(extra_context or {}), "action_list": admin_views.history(self, object_id)}
        )

    @admin.display(description=_("review"))
    def review_notes(self, obj):
        """The review steps (with the reviewers' comments, for the author) and the link to review."""
        if obj is None or not obj.pk:
            return "-"
        opts = obj._meta
        link = format_html(
            '<a href="{}">{}</a>',
            reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[obj.pk]),
            _("Review: preview, changes since published, publish or send back"),
        )
        steps = format_html_join(
            "",
            "<li>{} · {} · {}{}</li>",
            (
                (note.created_at.strftime("%Y-%m-%d %H:%M"), note.get_step_display(), note.user or "-", _comment(note))
                for note in review.notes(obj)[:5]
            ),
        )
        return format_html("{}<ul>{}</ul>", link, steps) if steps else link

    def fieldsets_of(self, request, obj=None):
        if self.fieldsets:
            return super().get_fieldsets(request, obj)
        fields = [
            name
            for name in self.get_fields(request, obj)
            if name not in PUBLICATION_FIELDS and name != "publish_untranslated"
        ]
        return [(None, {"fields": fields}), self.publication_fieldset]

    def view_on_site(self, obj):
        """The public page, for what is public now (drafts have the preview link instead)."""
        return obj.get_absolute_url() if obj.is_published else None

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if obj is None or not obj.pk:
            return _("Save first: then it can be previewed.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_preview_url(),
            _("Preview as the public will see it"),
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_preview_url(), _("Preview"))

    def publish_one(self, request, obj) -> None:
        """Publish one item (admins add their checks and notices); a ValidationError refuses it."""
        obj.publish()

    @admin.display(description=_("French"))
    def french_translation(self, obj):
        return STATUS_LABELS.get(getattr(obj, "translation_fr", None), "—")

    @admin.display(description=_("German"))
    def german_translation(self, obj):
        return STATUS_LABELS.get(getattr(obj, "translation_de", None), "—")

    @admin.action(description=_("Publish the selected %(verbose_name_plural)s"), permissions=["change"])
    def publish(self, request, queryset):
        if "publish_untranslated" not in request.POST:
            untranslated = [
                (obj, translation_status.missing_in(obj))
                for obj in queryset
                if obj.status != Status.PUBLISHED and translation_status.missing_in(obj)
            ]
            if untranslated:
                return self.confirm_publication(request, queryset, untranslated)
        return self.publish_all(request, queryset)

    def confirm_publication(self, request, queryset, untranslated):
        """An intermediate page: these have no French or German yet, publish them all the same?"""
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Publish without every translation?"),
            "opts": self.model._meta,
            "queryset": queryset,
            "untranslated": [(obj, [language_name(code) for code in codes]) for obj, codes in untranslated],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/confirm_publication.html", context)

    def publish_all(self, request, queryset):
        done = 0
        for obj in queryset:
            if obj.status == Status.PUBLISHED:
                continue
            try:
                self.publish_one(request, obj)
            except ValidationError as error:
                self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request, ngettext("%(count)d published.", "%(count)d published.", done) % {"count": done}, messages.SUCCESS
        )

    @admin.action(
        description=_("Mark the translations of the selected %(verbose_name_plural)s as checked: still right"),
        permissions=["change"],
    )
    def mark_translations_reviewed(self, request, queryset):
        """The English changed in a way the translations need not follow (a typo): they are up to date again."""
        done = sum(
            translation_status.mark_reviewed(queryset, language) for language in translation_status.OTHER_LANGUAGES
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d translation marked as up to date.", "%(count)d translations marked as up to date.", done
            )
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw the selected %(verbose_name_plural)s from the site"), permissions=["change"])
    def withdraw(self, request, queryset):
        done = 0
        for obj in queryset.filter(status=Status.PUBLISHED):
            obj.withdraw()
            done += 1
        self.message_user(
            request, ngettext("%(count)d withdrawn.", "%(count)d withdrawn.", done) % {"count": done}, messages.SUCCESS
        )

    @admin.action(description=_("Send the selected %(verbose_name_plural)s for review"), permissions=["change"])
    def send_for_review(self, request, queryset):
        done = 0
        for obj in queryset.exclude(status__in=[Status.PUBLISHED, Status.IN_REVIEW]):
            review.send_for_review(obj, request.user)
            done += 1
        reversion.set_comment(_("Sent for review"))
        self.message_user(
            request,
            ngettext(
                "%(count)d sent for review: the editors have been e-mailed.",
                "%(count)d sent for review: the editors have been e-mailed.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Confirm the selected %(verbose_name_plural)s are still accurate"), permissions=["change"]
    )
    def confirm_accurate(self, request, queryset):
        today = timezone.localdate()
        done = 0
        for obj in queryset:
            obj.last_verified = today
            obj.save(update_fields=["last_verified"])
            done += 1
        reversion.set_comment(_("Confirmed still accurate"))
        self.message_user(
            request,
            ngettext("%(count)d confirmed accurate today.", "%(count)d confirmed accurate today.", done)
            % {"count": done},
            messages.SUCCESS,
        )


def _comment(note) -> str:
    return f" · “{note.comment}”" if note.comment else ""


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """Groups of words that mean the same, per language: applied by every search box at once (core.synonyms)."""

    list_display = ["__str__", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
    fields = ["language", "terms"]


TRANSLATIONS_PER_PAGE = 50


def translations_page(request):
    """For editors: every French or German text missing or out of date, across the portal, newest first.

    Filtered by language and status through links (no JavaScript); one query per kind of content for
    the page's items, whatever their number.
    """
    language, status = request.GET.get("language", ""), request.GET.get("status", "")
    rows = translation_status.to_do(language=language, status=status)
    page = Paginator(rows, TRANSLATIONS_PER_PAGE).get_page(request.GET.get("page"))
    items = [
        {
            "row": row,
            "url": reverse(f"admin:{row.item._meta.app_label}_{row.item._meta.model_name}_change", args=[row.item.pk]),
            "kind": capfirst(row.item._meta.verbose_name),
            "language": language_name(row.language),
        }
        for row in translation_status.attach_objects(page.object_list)
    ]
    choices = {
        "language": [(code, language_name(code)) for code in translation_status.OTHER_LANGUAGES],
        "status": [
            (TranslationStatus.MISSING, STATUS_LABELS["missing"]),
            (TranslationStatus.OUTDATED, STATUS_LABELS["outdated"]),
        ],
    }
    context = {
        **admin.site.each_context(request),
        "title": gettext("Translations to write or check"),
        "items": items,
        "page_obj": page,
        "filters": _filter_links(request, choices),
        "status_labels": STATUS_LABELS,
    }
    return TemplateResponse(request, "admin/translations.html", context)


def _filter_links(request, choices: dict) -> list:
    """For each filter: its title and links (label, address, selected), "All" first."""
    titles = {"language": gettext("Language"), "status": gettext("Status")}
    filters = []
    for name, options in choices.items():
        current = request.GET.get(name, "")
        links = []
        for value, label in [("", gettext("All")), *options]:
            query = request.GET.copy()
            query.pop("page", None)
            query[name] = value
            if not value:
                query.pop(name)
            links.append((label, f"?{query.urlencode()}", value == current))
        filters.append((titles[name], links))
    return filters


# Background jobs (core.jobs): procrastinate's own admin (queued, running, failed and done jobs, with a
# Retry action), plus the error a failed job raised, which procrastinate does not keep.
from django.db.models import OuterRef, Subquery  # noqa: E402
from procrastinate.contrib.django.admin import ProcrastinateJobAdmin  # noqa: E402
from procrastinate.contrib.django.models import ProcrastinateJob  # noqa: E402

from core.models import JobFailure  # noqa: E402


class JobAdmin(ProcrastinateJobAdmin):
    list_display = [*ProcrastinateJobAdmin.list_display, "error_line"]
    fields = [*ProcrastinateJobAdmin.fields, "error"]

    def get_queryset(self, request):
        failure = JobFailure.objects.filter(job_id=OuterRef("pk")).values("error")[:1]
        return super().get_queryset(request).annotate(last_error=Subquery(failure)).order_by("-id")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "error"]

    @admin.display(description=_("Last error"))
    def error_line(self, job):
        lines = (job.last_error or "").strip().splitlines()
        return lines[-1] if lines and job.status != "succeeded" else ""

    @admin.display(description=_("Error"))
    def error(self, job):
        return format_html("<pre>{}</pre>", job.last_error) if job.last_error else "—"


admin.site.unregister(ProcrastinateJob)
admin.site.register(ProcrastinateJob, JobAdmin)


@admin.register(ExternalLink)
class ExternalLinkAdmin(admin.ModelAdmin):
    """What the weekly link check found (core.linkcheck): the broken links first, read-only."""

    list_display = ["url", "status_code", "error", "broken", "checked_at"]
    list_filter = ["broken"]
    search_fields = ["url"]
    readonly_fields = ["url", "status_code", "error", "broken", "checked_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AlertListFilter(admin.SimpleListFilter):
    """The list an alert follows, by its label (the lists offering alerts: core.registry)."""

    title = _("list")
    parameter_name = "list"

    def lookups(self, request, model_admin):
        return [(kind, label) for kind, (label, _feed) in registry.alert_sources().items()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() in registry.alert_sources() else queryset


class AlertConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No, waiting for its link"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Visitors' and members' alerts (core.alerts): who receives what, how often, and when it was last sent.
    Made by their owners only; an editor may change the frequency or delete one (spam, a bouncing address)."""

    list_display = ["email", "member", "list_label", "description", "frequency", "confirmed", "last_sent_at"]
    list_filter = [AlertListFilter, "frequency", AlertConfirmedFilter, "language"]
    list_select_related = ["user"]
    search_fields = ["email", "user__email"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "member",
        "list_label",
        "description",
        "list_link",
        "frequency",
        "language",
        "created_at",
        "confirmed_at",
        "sent_up_to",
        "last_sent_at",
    ]
    readonly_fields = [field for field in fields if field != "frequency"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("member"), ordering="user__email")
    def member(self, alert):
        return alert.user.email if alert.user else "—"

    @admin.display(description=_("list"), ordering="kind")
    def list_label(self, alert):
        found = alerts.source(alert.kind)
        return found[0] if found else alert.kind

    @admin.display(description=_("what it follows"))
    def description(self, alert):
        return alerts.describe(alert)

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, alert):
        return alert.confirmed_at is not None

    @admin.display(description=_("the list it follows"))
    def list_link(self, alert):
        if not alerts.source(alert.kind):
            return "—"
        url = alerts.list_url(alert)
        return format_html('<a href="{}">{}</a>', url, url)
