"""The E-Library: research, practice and policy resources that give context to the Good Ideas."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core import addresses, fields, languages, localised, search, uploads
from core.publication import Publishable, PublishableQuerySet
from goodideas.models import GoodIdea
from places.models import City, Country, Organisation, TaggedItem, Theme


class Kind(models.TextChoices):
    RESEARCH_REPORT = "research-report", _("Research report")
    POLICY_BRIEF = "policy-brief", _("Policy brief")
    PRACTICE_GUIDE = "practice-guide", _("Practice guide")
    TOOLKIT = "toolkit", _("Toolkit")
    ARTICLE = "article", _("Article")
    PRESENTATION = "presentation", _("Presentation")
    VIDEO = "video", _("Video")
    DATASET = "dataset", _("Dataset")


def resource_upload_to(instance, filename: str) -> str:
    """library/<year>/<random>.<ext>: the name the user gave the file never becomes a path."""
    extension = instance.file_format if instance.file_format in uploads.DOCUMENTS else ""
    if not extension:
        suffix = PurePosixPath(filename).suffix.lower().lstrip(".")
        extension = suffix if suffix in uploads.DOCUMENTS else "bin"
    year = instance.publication_year or timezone.now().year
    return f"library/{year}/{uuid.uuid4().hex}.{extension}"


class Extraction(models.TextChoices):
    """Where the reading of a resource's file for search stands (the job elibrary.extract_text)."""

    NONE = "", _("not read")
    QUEUED = "queued", _("queued")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ResourceQuerySet(PublishableQuerySet, search.SearchQuerySet):
    def for_listing(self):
        """What a list of resources shows: the publisher and the themes."""
        return self.select_related("publisher").with_links("themes")

    def without_text(self):
        """Without the document's text (up to 200,000 characters) and its search vector: what every page
        shows of a resource, its own page included (they serve search only)."""
        return self.defer("extracted_text", "search_document")

    def for_links(self):
        """What a short list of resources on another page shows: title, kind, year, publisher, file."""
        return self.select_related("publisher").only(
            *("slug", "title", "kind", "publication_year", "status", "published_at"),
            *("file", "file_format", "file_size", "external_url", "publisher__name"),
        )

    def order_by_title(self):
        return self.order_by(localised.expression("title", self.model).asc(), "pk")


class Resource(Publishable):
    """A library resource: a draft until an editor publishes it (status, in the admin or the CSV import)."""

    # "Newest first", the library's order and that of every list of resources that has no other.
    NEWEST = ("-publication_year", "-publication_date", "-pk")

    Kind = Kind
    Extraction = Extraction

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.RESEARCH_REPORT)
    summary = models.TextField(_("summary"), blank=True)
    authors = models.CharField(
        _("authors"),
        max_length=500,
        blank=True,
        help_text=_("Separated by semicolons, family name first: “Saunders, Doug; Omidvar, Ratna”."),
    )
    publisher = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="library_resources",
        verbose_name=_("publisher"),
    )
    publication_year = models.PositiveSmallIntegerField(
        _("year of publication"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    publication_date = models.DateField(_("date of publication"), null=True, blank=True)
    languages = ArrayField(
        models.CharField(max_length=5, choices=languages.choices(languages.DOCUMENT)),
        verbose_name=_("languages of the document"),
        default=list,
        blank=True,
    )

    file = uploads.DocumentField(_("file"), upload_to=resource_upload_to, blank=True, max_length=200)
    external_url = fields.WebAddressField(_("external address"), blank=True)
    file_format = models.CharField(_("file format"), max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    extracted_text = models.TextField(_("text of the document"), blank=True, editable=False)
    extraction = models.CharField(
        _("text extraction"), max_length=10, choices=Extraction, default=Extraction.NONE, blank=True, editable=False
    )
    extraction_note = models.CharField(
        _("text extraction note"), max_length=500, blank=True, editable=False
    )  # why it failed, or that the text was cut

    themes = models.ManyToManyField(Theme, blank=True, related_name="resources", verbose_name=_("themes"))
    cities = models.ManyToManyField(City, blank=True, related_name="resources", verbose_name=_("cities"))
    countries = models.ManyToManyField(Country, blank=True, related_name="resources", verbose_name=_("countries"))
    tags = TaggableManager(_("tags"), through=TaggedItem, blank=True)
    tagged_items = GenericRelation(TaggedItem)  # the tags' links, followed by revisions (public_parts)
    related_ideas = models.ManyToManyField(
        GoodIdea, blank=True, related_name="resources", verbose_name=_("related Good Ideas")
    )

    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_document = search.DocumentField(
        search.Field("title", "A"),
        search.Field("summary", "B"),
        search.Field("authors", "B", translated=False),
        search.Field("extracted_text", "D", translated=False),
    )

    objects = ResourceQuerySet.as_manager()

    public_parts = ("tagged_items",)

    class Meta(Publishable.Meta):
        ordering = ["-publication_year", "-publication_date", "-pk"]
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        indexes = [
            *Publishable.Meta.indexes,
            GinIndex(fields=["search_document"], name="resource_search"),
            GinIndex(fields=["title_en"], opclasses=["gin_trgm_ops"], name="resource_title_en_trgm"),
            GinIndex(fields=["title_fr"], opclasses=["gin_trgm_ops"], name="resource_title_fr_trgm"),
            GinIndex(fields=["title_de"], opclasses=["gin_trgm_ops"], name="resource_title_de_trgm"),
            GinIndex(fields=["languages"], name="resource_languages"),
            # Covering the publication rule's columns: a deep page of the newest (OFFSET 15,000) is an
            # index-only scan, 3 ms instead of 110 ms at 100,000 resources (bench/scale.sh).
            models.Index(
                fields=["-publication_year", "-publication_date", "-id"],
                name="resource_newest",
                include=["status", "published_at"],
            ),
            models.Index(fields=["kind"], name="resource_kind"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return addresses.slug_url("elibrary:detail", self.slug)

    def get_download_url(self):
        return reverse("elibrary:download", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if bool(self.file) == bool(self.external_url):
            raise ValidationError(
                _("Give either a file or an external address, not both and not neither."), code="file_or_url"
            )
        if self.publication_date and self.publication_year and self.publication_date.year != self.publication_year:
            raise ValidationError(
                {"publication_date": _("The date of publication must fall in the year of publication.")}
            )

    @property
    def is_external(self) -> bool:
        return not self.file and bool(self.external_url)

    @property
    def author_list(self) -> list[str]:
        return [name.strip() for name in self.authors.split(";") if name.strip()]

    @property
    def format_label(self) -> str:
        return uploads.DOCUMENTS[self.file_format].label if self.file_format in uploads.DOCUMENTS else ""

    @property
    def download_filename(self) -> str:
        """An ASCII file name for Content-Disposition, made from the slug."""
        extension = self.file_format if self.file_format in uploads.DOCUMENTS else "bin"
        return f"{self.slug[:100]}.{extension}"

    def language_labels(self) -> list[str]:
        return languages.labels(self.languages)


class ImportRun(models.Model):
    """One CSV file uploaded for import, imported by a background job in batches (elibrary.importer.run_import).

    Each batch commits its resources together with the counts below, so a worker stopped in the
    middle of a batch loses that batch whole and the next attempt starts it again: nothing twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    file_name = models.CharField(_("file"), max_length=255)
    csv_text = models.TextField(_("CSV text"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    skipped = models.JSONField(_("skipped rows"), default=list, editable=False)  # [[line, reason], …]

    class Meta:
        verbose_name = _("CSV import")
        verbose_name_plural = _("CSV imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
