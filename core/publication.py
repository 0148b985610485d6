"""One publication rule for every public kind: Good Ideas, library resources, webinars, conferences,
e-zine issues and items, news.

    class GoodIdea(Publishable):                           # status, publish_at, published_at, last_verified
        objects = GoodIdeaQuerySet.as_manager()            # a PublishableQuerySet: .published()

    GoodIdea.objects.published()                           # what the public sees, on every page and feed

An item is public when its status is *published* and its `published_at` time has come. Editors choose
the status and, to schedule, a `publish_at` time; `published_at` follows: when an item is saved as
published it becomes `publish_at`, or else keeps the date it was first published, or else now. So a
scheduled item appears by itself at its time (every request asks the database), with no cron job.
Withdrawing (or going back to draft) keeps `published_at`: the date it was first published.

Staff see any item, whatever its status, at one address shape, `/<lang>/<section>/preview/<pk>/`
(the e-zine, whose issues and items share a section, adds the kind: `/conversations/preview/item/<pk>/`),
through the same view mixin (`PreviewMixin`) and the same banner (`includes/preview_banner.html`);
the admin of every kind is a `core.admin.PublishableAdmin`.
"""

import functools

from django.db import connections, models, router
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import written
from core.kept import LinksQuerySet


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication status", "Draft")
    IN_REVIEW = "in-review", pgettext_lazy("publication status", "In review")
    PUBLISHED = "published", pgettext_lazy("publication status", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("publication status", "Withdrawn")


def published_q(prefix: str = "", now=None) -> Q:
    """The condition of being public `now` (by default, now), for the model at `prefix` ("" for the
    model itself, "issue__" for an item's issue, "ideas__" to count a city's ideas)."""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": now or timezone.now()})


def published_sql(alias: str) -> tuple[str, list]:
    """The same condition for hand-written SQL over the table aliased `alias`: (sql, params)."""
    return f"{alias}.status = %s AND {alias}.published_at <= %s", [Status.PUBLISHED, timezone.now()]


@functools.cache
def _linked_sql(relation, order: tuple[str, ...]) -> str:
    """linked_ids()'s SQL for `relation` and `order`; its parameters: the row, published_sql()'s, the limit."""
    field = relation.field
    owner, target, linked = field.m2m_column_name(), field.m2m_reverse_name(), field.related_model
    if relation.reverse:  # GoodIdea.resources: the relation Resource.related_ideas seen from the idea
        owner, target, linked = target, owner, field.model
    if type(linked._default_manager.get_queryset()).published is not PublishableQuerySet.published:
        raise ValueError(f"{linked.__name__}.objects.published() has its own rule: published_sql() is not it")
    quote, meta = connections[router.db_for_read(linked)].ops.quote_name, linked._meta

    def column(name):
        return quote((meta.pk if name == "pk" else meta.get_field(name)).column)

    terms = ", ".join(f"t.{column(name.removeprefix('-'))}{' DESC' if name.startswith('-') else ''}" for name in order)
    published, _params = published_sql("t")
    return (
        f"SELECT t.{column('pk')} FROM {quote(meta.db_table)} t "
        f"JOIN {quote(field.remote_field.through._meta.db_table)} l ON l.{quote(target)} = t.{column('pk')} "
        f"WHERE l.{quote(owner)} = %s AND {published} ORDER BY {terms} LIMIT %s"
    )


def linked_ids(relation, row_id: int, order: tuple[str, ...], *, limit: int | None = None) -> list[int]:
    """The ids of the public rows that row `row_id` links to through the many-to-many `relation`, in
    `order` (field names, "-" before a descending one), the first `limit` of them (None: all).

        linked_ids(GoodIdea.resources, idea.pk, Resource.NEWEST, limit=10)  # an idea's E-Library
        linked_ids(Resource.related_ideas, resource.pk, GoodIdea.NEWEST)    # a resource's Good Ideas

    Where a page shows them as kept cards (core.lists.rows.LazyRows), this is its one query: written
    once per relation, as related_to() is, because the ORM took longer to build and compile the same
    query than PostgreSQL to run it. For kinds whose published() is the one rule (published_sql()).
    """
    _published, params = published_sql("t")
    with connections[router.db_for_read(relation.field.model)].cursor() as cursor:
        cursor.execute(_linked_sql(relation, tuple(order)), [row_id, *params, limit])
        return [linked_id for (linked_id,) in cursor.fetchall()]


class PublishableQuerySet(LinksQuerySet):
    def published(self, now=None):
        """What the public may see now: every page, feed, sitemap, search and export asks this. (`now`:
        the clock as a detail page's written query gives it, core.written.)"""
        return self.filter(published_q(now=now))

    def next_publication(self):
        """When the next of these rows scheduled for later becomes public, or None: until then, what
        published() finds stays the same (core.versioning.KeptPerVersion's `until`)."""
        scheduled = self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
        return scheduled.aggregate(first=models.Min("published_at"))["first"]


def status_field(default: str = Status.DRAFT) -> models.CharField:
    return models.CharField(_("status"), max_length=20, choices=Status.choices, default=default)


class Publishable(models.Model):
    Status = Status

    status = status_field()
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "To schedule: once its status is Published, it appears on the site at this time (UTC), by itself. "
            "Empty: at once."
        ),
    )
    published_at = models.DateTimeField(
        _("published on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When it went public (or goes public, when scheduled)."),
    )
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, help_text=_("When an editor last checked that it is accurate.")
    )

    # The reverse relations whose rows show on the item's public page (inlines such as an idea's
    # further reading): saving or deleting them changes the content version too (core.versioning).
    public_parts: tuple[str, ...] = ()

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["status", "published_at"], name="%(class)s_published")]

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED:
            published_at = self.publication_time()
            if published_at != self.published_at:
                self.published_at = published_at
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "published_at"}
        super().save(*args, **kwargs)

    def publication_time(self):
        """When a published item is public from: `publish_at` if the editors set one, else the date it
        was first published (not one still to come: the schedule was cleared), else now."""
        now = timezone.now()
        if self.publish_at is not None:
            return self.publish_at
        if self.published_at is not None and self.published_at <= now:
            return self.published_at
        return now

    @property
    def public_from(self):
        """When it is (or will be) public: None while it is not published."""
        return self.published_at if self.status == Status.PUBLISHED else None

    @property
    def last_updated(self):
        """When its content last changed, for "Last updated" on its page: the model's `updated_at` if it
        has one, else when it went public."""
        return getattr(self, "updated_at", None) or self.published_at

    @property
    def is_published(self) -> bool:
        """Public now (the same rule as `published()`)."""
        return self.public_from is not None and self.public_from <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        """Published, and its time has not come yet."""
        return self.public_from is not None and self.public_from > timezone.now()

    def publish(self) -> None:
        """Publish (at `publish_at` if it is set): the rule of save() sets `published_at`."""
        self.status = Status.PUBLISHED
        self.save()

    def withdraw(self) -> None:
        """Take off the site; `published_at` stays, the date it was first published."""
        self.status = Status.WITHDRAWN
        self.save()

    def get_preview_url(self) -> str:
        """The staff preview: /<lang>/<section>/preview/<pk>/, named "<app>:preview-<model>"."""
        return reverse(f"{self._meta.app_label}:preview-{self._meta.model_name}", kwargs={"pk": self.pk})


def can_preview(user, model) -> bool:
    """Staff who may view `model` in the admin see its unpublished items."""
    opts = model._meta
    return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


class PreviewMixin:
    """A detail view of a Publishable that is also its staff preview: `as_view(preview=True)` at
    `<section>/preview/<int:pk>/`.

    The public page shows `visible(queryset)`, the published rows only; the preview shows any row, by
    pk, to staff who may view the model (everyone else gets a 404, as for a page that does not exist),
    never cached and never indexed, with the preview banner (base.html shows it for `preview_object`).
    Views set `model` and build their queryset with `self.visible(…)`.

    The public page finds its object by `public_lookups` (a lookup: the address's argument giving its
    value; by slug, by default), with SQL compiled once per view and language (core.written): the
    clock comes in as `now`, which visible() gives published().
    """

    preview = False
    public_lookups = {"slug": "slug"}
    now = None

    def dispatch(self, request, *args, **kwargs):
        if not self.preview:
            return super().dispatch(request, *args, **kwargs)
        if not (can_preview(request.user, self.model) or self._shared(request)):
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response

    def _shared(self, request) -> bool:
        """Opened through a signed link to this item (core.shared_preview), by someone without an account."""
        shared = getattr(request, "shared_preview", None)
        return shared is not None and shared == (self.model, self.kwargs.get("pk"))

    def visible(self, queryset):
        """The rows this page may show: in a preview, all of them; else the published ones."""
        return queryset if self.preview else queryset.published(self.now)

    def get_object(self, queryset=None):
        if self.preview:
            return get_object_or_404(self.get_queryset() if queryset is None else queryset, pk=self.kwargs["pk"])
        return self.get_public_object(queryset)

    def get_public_object(self, queryset=None):
        """The object of the public address: the visible row of get_queryset() with `public_lookups`."""
        if queryset is not None:
            return get_object_or_404(queryset, **self._lookups())
        try:
            return written.get(self.model, type(self), self._public_queryset, now=timezone.now(), **self._lookups())
        except self.model.DoesNotExist:
            raise Http404(f"No {self.model._meta.verbose_name} at this address") from None

    def _lookups(self) -> dict:
        return {lookup: self.kwargs[argument] for lookup, argument in self.public_lookups.items()}

    def _public_queryset(self, now, **lookups):
        self.now = now
        try:
            return self.get_queryset().filter(**lookups)
        finally:
            self.now = None

    def get_context_data(self, **kwargs):
        if self.preview:
            kwargs.update(preview_object=self.object, preview_kind=capfirst(self.model._meta.verbose_name))
            kwargs["shared_preview"] = getattr(self.request, "shared_preview", None) is not None
        return super().get_context_data(preview=self.preview, **kwargs)
