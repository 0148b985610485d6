"""What the admin of every public kind shares: `PublishableAdmin` (core.publication)."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from core import admin_views, review
from core.models import SynonymGroup
from core.publication import Status

PUBLICATION_FIELDS = ["status", "publish_at", "published_at", "last_verified", "preview", "review_notes"]


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

    actions = ["publish", "withdraw", "send_for_review", "confirm_accurate"]
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
        return columns + [name for name in ("status", "published_at", "preview_link") if name not in columns]

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return filters if "status" in filters else ["status", *filters]

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

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return super().get_fieldsets(request, obj)
        fields = [name for name in self.get_fields(request, obj) if name not in PUBLICATION_FIELDS]
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

    @admin.action(description=_("Publish the selected %(verbose_name_plural)s"), permissions=["change"])
    def publish(self, request, queryset):
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
