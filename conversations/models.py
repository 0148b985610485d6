"""Conversations in Integration: the e-zine (issues and their items), integration news, the newsletter."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import embeds, fields, search, uploads
from core.publication import Publishable, PublishableQuerySet, published_q, status_field
from core.richtext import RichTextField
from goodideas.models import GoodIdea
from places.models import City, Country, Theme


class Issue(Publishable):
    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    cover_image = uploads.ImageField(_("cover image"), upload_to=uploads.RandomName("conversations"), blank=True)
    cover_alt = models.CharField(_("cover image description (alt text)"), max_length=250, blank=True)
    editorial = RichTextField(verbose_name=_("editorial"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["-number"]
        verbose_name = _("e-zine issue")
        verbose_name_plural = _("e-zine issues")

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("conversations:issue", kwargs={"number": self.number})


class ItemQuerySet(PublishableQuerySet, search.SearchQuerySet):
    def published(self, now=None):
        """Items the public sees: published themselves, in an issue that is published."""
        return super().published(now).filter(published_q("issue__", now))

    def next_publication(self):
        """As for any kind, but an item shows only once its issue does: the issues' times count too."""
        times = (super().next_publication(), Issue.objects.next_publication())
        return min((when for when in times if when), default=None)

    def for_listing(self):
        """What a list of an issue's items shows (conversations/_item_list.html): not their bodies, nor
        the search vector."""
        return self.only(
            *("issue", "position", "kind", "title", "slug", "authors", "teaser"),
            *("status", "publish_at", "published_at"),
        )


# Hosts whose players may be shown in a frame once the visitor asks (see CONTENT_SECURITY_POLICY frame-src).


class Item(Publishable):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        INTERVIEW = "interview", _("Interview")
        NEWS = "news", _("News")
        MULTIMEDIA = "multimedia", _("Multimedia")

    issue = models.ForeignKey(Issue, models.CASCADE, related_name="items", verbose_name=_("issue"))
    # An item follows its issue: published with it, unless an editor withdraws it or keeps it a draft.
    status = status_field(default=Publishable.Status.PUBLISHED)
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Items are shown in this order."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    authors = models.CharField(_("authors"), max_length=250, blank=True)
    teaser = models.CharField(_("teaser"), max_length=400, blank=True)
    body = RichTextField(verbose_name=_("body"), blank=True)
    media_url = fields.WebAddressField(
        _("video or audio address"),
        blank=True,
        help_text=_("YouTube and Vimeo play on the page once the visitor asks; other addresses are linked."),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="ezine_items", verbose_name=_("themes"))
    cities = models.ManyToManyField(City, blank=True, related_name="ezine_items", verbose_name=_("cities"))
    related_ideas = models.ManyToManyField(
        GoodIdea, blank=True, related_name="ezine_items", verbose_name=_("related Good Ideas")
    )
    related_resources = models.ManyToManyField(
        "elibrary.Resource", blank=True, related_name="ezine_items", verbose_name=_("related library resources")
    )

    search_document = search.DocumentField(
        search.Field("title", "A"),
        search.Field("teaser", "B"),
        search.Field("body", "C"),
    )

    objects = ItemQuerySet.as_manager()

    public_parts = ("images",)

    class Meta(Publishable.Meta):
        ordering = ["position", "pk"]
        verbose_name = _("e-zine item")
        verbose_name_plural = _("e-zine items")
        constraints = [models.UniqueConstraint(fields=["issue", "slug"], name="item_unique_slug_in_issue")]
        indexes = [*Publishable.Meta.indexes, GinIndex(fields=["search_document"], name="ezine_item_search")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conversations:item", kwargs={"number": self.issue.number, "slug": self.slug})

    @property
    def public_from(self):
        """An item is public once it and its issue are."""
        own, issue = super().public_from, self.issue.public_from
        return None if own is None or issue is None else max(own, issue)

    @property
    def embed_url(self) -> str:
        """The player's address on a privacy-friendly host, or "" where the media is only linked."""
        return embeds.embed_url(self.media_url)

    @property
    def media_host(self) -> str:
        return (urlsplit(self.media_url).hostname or "").removeprefix("www.")


class ItemImage(models.Model):
    item = models.ForeignKey(Item, models.CASCADE, related_name="images", verbose_name=_("item"))
    image = uploads.ImageField(_("image"), upload_to=uploads.RandomName("conversations"))
    alt = models.CharField(_("description (alt text)"), max_length=250)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt


class NewsItemQuerySet(PublishableQuerySet, search.SearchQuerySet):
    def for_listing(self):
        return self.select_related("city__country", "country").with_links("themes")


class NewsItem(Publishable):
    # News is published when saved, unless an editor keeps it a draft.
    status = status_field(default=Publishable.Status.PUBLISHED)
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"))
    source_name = models.CharField(_("source"), max_length=200)
    source_url = fields.WebAddressField(_("source address"))
    city = models.ForeignKey(City, models.SET_NULL, null=True, blank=True, related_name="news", verbose_name=_("city"))
    country = models.ForeignKey(
        Country,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("country"),
        help_text=_("For news about a whole country; news about a city is found under its country too."),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="news", verbose_name=_("themes"))
    date = models.DateField(_("date"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    search_document = search.DocumentField(search.Field("title", "A"), search.Field("summary", "B"))

    objects = NewsItemQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["-date", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["-date"], name="newsitem_date"),
            GinIndex(fields=["search_document"], name="newsitem_search"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conversations:news-detail", kwargs={"slug": self.slug})

    @property
    def place_country(self):
        return self.city.country if self.city_id else self.country


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Confirmed (double opt-in) and not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def unconfirmed_since(self, moment):
        """Never confirmed, and no confirmation e-mail sent since `moment`."""
        return self.filter(confirmed_at__isnull=True).filter(
            models.Q(confirmation_sent_at__lt=moment)
            | models.Q(confirmation_sent_at__isnull=True, created_at__lt=moment)
        )


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    token = models.CharField(_("unsubscribe token"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    # The last confirmation e-mail: an unconfirmed subscription is deleted once its link has expired.
    confirmation_sent_at = models.DateTimeField(_("confirmation e-mail sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def get_unsubscribe_url(self):
        return reverse("conversations:newsletter-unsubscribe", kwargs={"token": self.token})


class Delivery(models.Model):
    """One issue sent to one subscriber: written with the sending, so nobody gets an issue twice."""

    subscriber = models.ForeignKey(Subscriber, models.CASCADE, related_name="deliveries", verbose_name=_("subscriber"))
    issue = models.ForeignKey(Issue, models.CASCADE, related_name="deliveries", verbose_name=_("issue"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["subscriber", "issue"], name="delivery_once_per_issue")]

    def __str__(self):
        return f"{self.issue} → {self.subscriber}"


class IssueSend(models.Model):
    """One sending of an issue to the subscribers, done by a background job (conversations.send_issue): its
    progress for the admin. Deliveries say who has had the issue, so a sending resumes without duplicates."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    issue = models.ForeignKey(Issue, models.CASCADE, related_name="sends", verbose_name=_("issue"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    base_url = models.CharField(_("links lead to"), max_length=300)
    total = models.PositiveIntegerField(_("to send"), default=0)
    sent = models.PositiveIntegerField(_("sent"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sending of an issue")
        verbose_name_plural = _("sendings of issues")

    def __str__(self):
        return f"{self.issue} ({self.get_status_display()})"
