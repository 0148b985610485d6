"""The Learning Exchange: monthly webinars (with their archive) and the conferences where the network meets."""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import embeds, fields, languages, search, uploads
from core.publication import Publishable, PublishableQuerySet
from core.richtext import RichTextField

# Addresses under /webinars/ that a webinar's slug would hide or be hidden by.
RESERVED_SLUGS = {"calendar", "feed"}

# How long before the start the join link appears to registrants.
JOIN_WINDOW = timedelta(minutes=15)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone name such as Europe/Berlin."), params={"value": value})


# Migration 0001 names the validator here; it lives in core/embeds.py with the rest of the video rules.
validate_video_url = embeds.validate_video_url


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("E.g. Director of Integration."))
    organisation = models.ForeignKey(
        "places.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name=_("organisation"),
    )
    city = models.ForeignKey(
        "places.City", models.SET_NULL, null=True, blank=True, related_name="speakers", verbose_name=_("city")
    )
    bio = models.TextField(_("short biography"), blank=True)
    photo = uploads.ImageField(_("photo"), upload_to=uploads.RandomName("speakers"), blank=True)
    photo_alt = models.CharField(_("photo description (alt text)"), max_length=250, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def clean(self):
        if self.photo and not self.photo_alt:
            # The English description is the one every language falls back to (the admin's field photo_alt_en).
            raise ValidationError({"photo_alt_en": _("Describe the photo for people who cannot see it.")})


class WebinarQuerySet(PublishableQuerySet, search.SearchQuerySet):
    def upcoming(self, now=None):
        """Not over yet (a webinar under way still counts), soonest first."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("starts_at")

    def archived(self, now=None):
        """Over, most recent first."""
        return self.filter(ends_at__lte=now or timezone.now()).order_by("-starts_at")

    def for_listing(self):
        return self.with_links("themes").prefetch_related(
            models.Prefetch(
                "webinar_speakers", queryset=WebinarSpeaker.objects.select_related("speaker").order_by("order", "pk")
            ),
        )


class Webinar(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    series = models.CharField(_("series"), max_length=100, default="Learning Exchange")
    themes = models.ManyToManyField("places.Theme", blank=True, related_name="webinars", verbose_name=_("themes"))
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences."))
    description = RichTextField(verbose_name=_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Berlin",
        validators=[validate_time_zone],
        help_text=_("Where the webinar is hosted, as a time zone name such as America/Toronto."),
    )
    speakers = models.ManyToManyField(
        Speaker, through="WebinarSpeaker", related_name="webinars", verbose_name=_("speakers")
    )
    language = models.CharField(_("held in"), max_length=5, choices=languages.choices(languages.SPOKEN), default="en")
    related_ideas = models.ManyToManyField(
        "goodideas.GoodIdea", blank=True, related_name="webinars", verbose_name=_("related Good Ideas")
    )
    related_resources = models.ManyToManyField(
        "elibrary.Resource", blank=True, related_name="webinars", verbose_name=_("related library resources")
    )
    recording_url = fields.WebAddressField(
        _("recording"),
        blank=True,
        validators=[embeds.validate_video_url],
        help_text=_("Address of the recording on YouTube or Vimeo."),
    )
    slides = uploads.DocumentField(_("slides"), upload_to=uploads.RandomName("webinars/slides"), blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    join_url = fields.WebAddressField(
        _("join link"), blank=True, help_text=_("Shown to registrants only, from 15 minutes before the start.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places; later registrations join the waiting list.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_document = search.DocumentField(
        search.Field("title", "A"),
        search.Field("summary", "B"),
        search.Field("description", "C"),
        search.Field("transcript", "D"),
    )

    objects = WebinarQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["-starts_at"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")
        indexes = [
            *Publishable.Meta.indexes,
            # The upcoming webinars (ends_at > now) of the list, the home page and the calendar.
            models.Index(fields=["status", "ends_at"], name="webinar_status_ends"),
            GinIndex(fields=["search_document"], name="webinar_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="webinar_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("webinars:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by the webinar pages; choose another.")})

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def is_upcoming(self, now=None):
        return self.ends_at > (now or timezone.now())

    def is_archived(self, now=None):
        return not self.is_upcoming(now)

    def join_opens_at(self):
        return self.starts_at - JOIN_WINDOW

    def join_link_visible(self, registration, now=None):
        """The join link: for a registrant (not waitlisted), from 15 minutes before the start to the end."""
        now = now or timezone.now()
        return bool(
            self.join_url
            and registration is not None
            and registration.status == Registration.Status.REGISTERED
            and self.join_opens_at() <= now < self.ends_at
        )

    def ordered_speakers(self):
        """WebinarSpeaker rows, moderators included, in order (uses the prefetch of for_listing)."""
        return list(self.webinar_speakers.all())

    def recording_embed_url(self):
        return embeds.embed_url(self.recording_url, autoplay=True)

    def recording_host(self):
        return embeds.video_host(self.recording_url)


class WebinarSpeaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")

    webinar = models.ForeignKey(Webinar, models.CASCADE, related_name="webinar_speakers", verbose_name=_("webinar"))
    speaker = models.ForeignKey(Speaker, models.PROTECT, related_name="appearances", verbose_name=_("speaker"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("speaker of the webinar")
        verbose_name_plural = _("speakers of the webinar")
        constraints = [models.UniqueConstraint(fields=["webinar", "speaker"], name="webinarspeaker_unique")]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def registered(self):
        return self.filter(status=Registration.Status.REGISTERED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="webinar_registrations", verbose_name=_("user")
    )
    webinar = models.ForeignKey(Webinar, models.CASCADE, related_name="registrations", verbose_name=_("webinar"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en", help_text=_("For e-mails.")
    )
    created = models.DateTimeField(_("registered on"), default=timezone.now)
    # When the reminders went out (webinars.reminders): set in the transaction that sends, so never twice.
    day_reminder_sent_at = models.DateTimeField(_("reminder a day before sent"), null=True, blank=True, editable=False)
    hour_reminder_sent_at = models.DateTimeField(
        _("reminder an hour before sent"), null=True, blank=True, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["user", "webinar"], name="registration_unique_user_webinar")]
        indexes = [models.Index(fields=["webinar", "status", "created"], name="registration_webinar_status")]

    def __str__(self):
        return f"{self.user} – {self.webinar} ({self.get_status_display()})"


class EventQuerySet(PublishableQuerySet, search.SearchQuerySet):
    def upcoming(self, today=None):
        return self.filter(ends_on__gte=today or timezone.localdate()).order_by("starts_on")

    def past(self, today=None):
        return self.filter(ends_on__lt=today or timezone.localdate()).order_by("-starts_on")

    def for_listing(self):
        return self.select_related("city__country")


class Event(Publishable):
    """A conference where the network meets, with its programme and materials."""

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = RichTextField(verbose_name=_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", validators=[validate_time_zone]
    )
    city = models.ForeignKey(
        "places.City", models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("city")
    )
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    website = fields.WebAddressField(_("website"), blank=True)
    themes = models.ManyToManyField("places.Theme", blank=True, related_name="events", verbose_name=_("themes"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_document = search.DocumentField(
        search.Field("title", "A"),
        search.Field("summary", "B"),
        search.Field("description", "C"),
        search.Field("organisers", "B", translated=False),
    )

    objects = EventQuerySet.as_manager()

    public_parts = ("sessions", "links")

    class Meta(Publishable.Meta):
        ordering = ["-starts_on"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [*Publishable.Meta.indexes, GinIndex(fields=["search_document"], name="event_search")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("webinars:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first.")})

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def is_upcoming(self, today=None):
        return self.ends_on >= (today or timezone.localdate())


class Session(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="sessions", verbose_name=_("event"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    speakers = models.CharField(_("speakers"), max_length=400, blank=True, help_text=_("Names, separated by commas."))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("programme")

    def __str__(self):
        return self.title


class EventLink(models.Model):
    """A link or material of an event: a website, a report, a recording, a file."""

    class Kind(models.TextChoices):
        LINK = "link", _("Link")
        MATERIAL = "material", _("Material")
        RECORDING = "recording", _("Recording")

    event = models.ForeignKey(Event, models.CASCADE, related_name="links", verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LINK)
    title = models.CharField(_("title"), max_length=250)
    url = fields.WebAddressField(_("address"), blank=True)
    file = uploads.DocumentField(_("file"), upload_to=uploads.RandomName("events"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("link or material")
        verbose_name_plural = _("links and materials")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.url and not self.file:
            raise ValidationError(_("Give an address or a file."))

    @property
    def href(self):
        return self.file.url if self.file else self.url
