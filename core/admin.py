"""What the admin of every public kind shares: `PublishableAdmin` (core.publication)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import ExternalLink
from core.publication import Status

PUBLICATION_FIELDS = ["status", "publish_at", "published_at", "last_verified", "preview"]


class PublishableAdmin(admin.ModelAdmin):
    """The admin of a Publishable: a status filter, Publish and Withdraw actions, a Preview link on the
    change form and in the list, and "View on site" for what is public.

    Admins that declare `actions` keep these two: `actions = [*PublishableAdmin.actions, "export_csv"]`.
    Admins that declare `fieldsets` include `PublishableAdmin.publication_fieldset` (or its fields);
    the others get it after their fields.
    """

    actions = ["publish", "withdraw"]
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
        return fields + [name for name in ("published_at", "preview") if name not in fields]

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
