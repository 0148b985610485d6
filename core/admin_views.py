"""The admin pages `PublishableAdmin` adds to every public kind: compare two versions, review a draft,
and (for the whole portal) the freshness list.

    /admin/<app>/<model>/<pk>/history/compare/?old=<version>&new=<version>
    /admin/<app>/<model>/<pk>/review/
    /admin/freshness/
"""

from datetime import timedelta

import reversion
from django.apps import apps
from django.contrib import messages
from django.contrib.admin import site
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from core import review, revisions
from core.linkcheck import HasBrokenLinksFilter
from core.publication import Publishable, Status

FRESHNESS_AGE = timedelta(days=2 * 365)


def _versions(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def history(model_admin, object_id) -> list[dict]:
    """The lines of an item's History page, newest first: version, revision (who, when) and its page."""
    opts = model_admin.model._meta
    versions = Version.objects.get_for_object_reference(model_admin.model, unquote(object_id))
    return [
        {
            "version": version,
            "revision": version.revision,
            "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[version.object_id, version.pk]),
        }
        for version in versions.select_related("revision__user").order_by("-revision__date_created", "-pk")
    ]


def _pick(versions, value, default):
    if value in (None, ""):
        return default
    try:
        wanted = int(value)
    except ValueError:
        raise Http404 from None
    for version in versions:
        if version.pk == wanted:
            return version
    raise Http404


def _context(model_admin, request, obj, **kwargs):
    opts = model_admin.model._meta
    return {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "original": obj,
        "app_label": opts.app_label,
        "has_view_permission": True,
        **kwargs,
    }


def _revision_url(obj, version):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, version.pk])


def compare_view(model_admin, request, object_id):
    """Two versions side by side, changed fields first, per language; links to restore either."""
    obj = model_admin.get_object(request, object_id)
    if obj is None:
        raise Http404
    if not model_admin.has_view_or_change_permission(request, obj):
        raise PermissionDenied
    versions = _versions(obj)
    new = _pick(versions, request.GET.get("new"), versions[0] if versions else None)
    old = _pick(versions, request.GET.get("old"), versions[1] if len(versions) > 1 else new)
    rows = revisions.compare(obj.__class__, revisions.field_dict(old), revisions.field_dict(new)) if new else []
    context = _context(
        model_admin,
        request,
        obj,
        title=_("Compare versions of “%(item)s”") % {"item": obj},
        versions=[(version, revisions.describe(version)) for version in versions],
        old=old,
        new=new,
        changed=[row for row in rows if row.changed],
        unchanged=[row for row in rows if not row.changed],
        can_restore=model_admin.has_change_permission(request, obj),
        old_restore=_revision_url(obj, old) if old else "",
        new_restore=_revision_url(obj, new) if new else "",
    )
    return TemplateResponse(request, "admin/core/compare.html", context)


def review_view(model_admin, request, object_id):
    """A reviewer's page: the preview, a shareable link, the changes since the last published version,
    and a form to publish or send back with a comment."""
    obj = model_admin.get_object(request, object_id)
    if obj is None:
        raise Http404
    if not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        done, error = _decide(model_admin, request, obj)
        if done:
            return redirect(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]))
    versions = _versions(obj)
    published = revisions.last_published(versions)
    rows = (
        revisions.compare(
            obj.__class__, revisions.field_dict(published) if published else {}, revisions.field_dict(versions[0])
        )
        if versions
        else []
    )
    context = _context(
        model_admin,
        request,
        obj,
        title=_("Review “%(item)s”") % {"item": obj},
        published=published,
        latest=versions[0] if versions else None,
        changed=[row for row in rows if row.changed],
        notes=review.notes(obj),
        shared_url=request.build_absolute_uri(review.shared_preview_url(obj)),
        in_review=obj.status == Status.IN_REVIEW,
        error=error,
        comment=request.POST.get("comment", ""),
    )
    return TemplateResponse(request, "admin/core/review.html", context)


def _decide(model_admin, request, obj) -> tuple[bool, str]:
    """Publish or send back (POST): (done, error to show)."""
    if obj.status != Status.IN_REVIEW:
        return False, _("Only an item in review can be published or sent back from here.")
    comment = request.POST.get("comment", "").strip()
    decision = request.POST.get("decision")
    if decision == "send-back":
        if not comment:
            return False, _("Say what the author should change: the comment is required to send it back.")
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Sent back after review"))
            review.send_back(obj, request.user, comment)
        messages.success(request, _("Sent back to its author as a draft, with your comment."))
        return True, ""
    if decision != "publish":
        return False, _("Choose Publish or Send back.")
    try:
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Published after review"))
            model_admin.publish_one(request, obj)
    except ValidationError as refusal:
        return False, " ".join(refusal.messages)
    review.published_after_review(obj, request.user, comment)
    messages.success(request, _("Published."))
    return True, ""


def _with_broken_links(request) -> list[dict]:
    """Per kind whose admin has the "has broken links" filter (core.linkcheck): its published profiles
    linking to an address the weekly link check found broken, and the admin list so filtered."""
    found = []
    for model, model_admin in site._registry.items():
        filters = [item for item in model_admin.list_filter if isinstance(item, type)]
        link_filter = next((item for item in filters if issubclass(item, HasBrokenLinksFilter)), None)
        opts = model._meta
        if link_filter is None or not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        published = model._default_manager.published()
        rows = link_filter(request, {link_filter.parameter_name: ["broken"]}, model, model_admin).queryset(
            request, published
        )
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        change = f"admin:{opts.app_label}_{opts.model_name}_change"
        found.append(
            {
                "kind": capfirst(opts.verbose_name_plural),
                "rows": [(row, reverse(change, args=[row.pk])) for row in rows.order_by("pk")[:200]],
                "total": rows.count(),
                "list_url": f"{changelist}?{link_filter.parameter_name}=broken",
            }
        )
    return found


def _stale(model, before):
    opts = model._meta
    rows = model._default_manager.published().filter(Q(last_verified__isnull=True) | Q(last_verified__lt=before))
    shown = rows.order_by(F("last_verified").asc(nulls_first=True), "pk")[:200]
    change = f"admin:{opts.app_label}_{opts.model_name}_change"
    return {
        "kind": capfirst(opts.verbose_name_plural),
        "rows": [(row, reverse(change, args=[row.pk])) for row in shown],
        "total": rows.count(),
    }


def freshness_view(request):
    """Published profiles nobody has confirmed as accurate for two years (or ever), per kind, oldest first."""
    before = timezone.localdate() - FRESHNESS_AGE
    kinds = []
    for model in apps.get_models():
        opts = model._meta
        if issubclass(model, Publishable) and request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            kinds.append(_stale(model, before))
    context = {
        **site.each_context(request),
        "title": _("Freshness: profiles to check"),
        "kinds": kinds,
        "before": before,
        "broken": _with_broken_links(request),
    }
    return TemplateResponse(request, "admin/core/freshness.html", context)
