from django.conf import settings
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    """A word the portal's public content contains: what "did you mean" suggests (core.vocabulary.suggest).

    Rebuilt by `manage.py refresh_search_terms` (run by `make run` and after each demo load).
    """

    word = models.CharField(_("word"), max_length=40, unique=True)
    frequency = models.PositiveIntegerField(_("frequency"), default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        db_table = "citiesofmigration_searchterm"  # the table it had in the `citiesofmigration` app
        # The nearest words to a typed one, by trigram distance (<->): only a GiST index orders by it.
        indexes = [GistIndex(fields=["word"], opclasses=["gist_trgm_ops"], name="searchterm_word_nearest")]

    def __str__(self):
        return self.word


class ContentVersion(models.Model):
    """One row holding a number that moves on with every change to public content (core.versioning).

    A table rather than a cache key: every process reads the same number at once, and the number
    moves on in the transaction that changes the content.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="contentversion_one_row")]

    def __str__(self):
        return str(self.value)


class SynonymGroup(models.Model):
    """Words or phrases that mean the same in one language: a search for one finds the others (core.synonyms).

    Public content for the content version (core.versioning): a change applies to the next search at once.
    """

    # core.versioning.public_models(): saving or deleting a group moves the content version on.
    public_content = True

    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    terms = models.TextField(
        _("words that mean the same"),
        help_text=_(
            "Two or more words or phrases, separated by commas, e.g. “refugees, asylum seekers”. A search for any "
            "of them finds all of them; results with the word typed come first."
        ),
    )

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["language", "pk"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list()
        if len(terms) < MIN_SYNONYMS:
            raise ValidationError({"terms": _("Give at least two different words or phrases, separated by commas.")})
        if len(terms) > MAX_SYNONYMS:
            raise ValidationError({"terms": _("Give at most %(count)d words or phrases.") % {"count": MAX_SYNONYMS}})
        if any(len(term) > MAX_TERM_LENGTH for term in terms):
            raise ValidationError(
                {"terms": _("A phrase may have at most %(count)d characters.") % {"count": MAX_TERM_LENGTH}}
            )
        self.terms = ", ".join(terms)


MIN_SYNONYMS, MAX_SYNONYMS, MAX_TERM_LENGTH = 2, 12, 60


def split_terms(text: str) -> list[str]:
    """The distinct terms of a comma-separated list, spaces tidied, search operators (quotes, a leading -) dropped."""
    terms = []
    for part in (text or "").split(","):
        term = " ".join(part.replace('"', " ").split()).lstrip("-").strip()
        if term and term.casefold() not in {known.casefold() for known in terms} and term.casefold() != "or":
            terms.append(term)
    return terms


class ReviewNote(models.Model):
    """One step of an item's review (core.review): sent for review, sent back with a comment, published.

    Kept for the item's author and reviewers: the change form shows them, newest first.
    """

    class Step(models.TextChoices):
        SENT = "sent", _("Sent for review")
        SENT_BACK = "sent-back", _("Sent back")
        PUBLISHED = "published", _("Published after review")

    content_type = models.ForeignKey("contenttypes.ContentType", models.CASCADE, verbose_name=_("kind"))
    object_id = models.PositiveIntegerField(_("item"))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="reviewnote_item")]

    def __str__(self):
        return f"{self.get_step_display()} ({self.created_at:%Y-%m-%d})"


class TranslationState(models.Model):
    """Where one item's French (or German) translation stands against its English text (core.translation_status).

    `source_hash` is the hash of the English text as it was when this language was last saved (or
    marked as still right); `text_hash` the hash of this language's text then. One row per public item
    and language other than English, written each time the item is saved.
    """

    class Status(models.TextChoices):
        MISSING = "missing", _("missing")
        OUTDATED = "outdated", _("outdated")
        CURRENT = "current", _("up to date")

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    source_hash = models.CharField(max_length=64, blank=True)
    text_hash = models.CharField(max_length=64, blank=True)
    changed_at = models.DateTimeField(_("since"), help_text=_("When it came to this status."))

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="translationstate_one")
        ]
        indexes = [models.Index(fields=["status", "-changed_at"], name="translationstate_todo")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.language} {self.status}"


class JobFailure(models.Model):
    """The last error of a background job (core.jobs), shown with the job in the admin.

    Procrastinate records that a job failed, not why: this keeps the why, one row per job.
    """

    job_id = models.BigIntegerField(_("job"), unique=True)
    task_name = models.CharField(_("task"), max_length=200)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    error = models.TextField(_("error"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("job failure")
        verbose_name_plural = _("job failures")

    def __str__(self):
        return f"{self.task_name} #{self.job_id}"


class ExternalLinkQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(broken=True)


class ExternalLink(models.Model):
    """An address outside the portal that content links to, and what the weekly link check found
    (core.linkcheck): its HTTP status, or the error when it answered nothing."""

    url = models.CharField(_("address"), max_length=2000, unique=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    broken = models.BooleanField(_("broken"), default=False, db_index=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)

    objects = ExternalLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-broken", "url"]
        verbose_name = _("external link")
        verbose_name_plural = _("external links")

    def __str__(self):
        return self.url


class AlertQuerySet(models.QuerySet):
    def active(self):
        """Saved by a member, or confirmed by a visitor (double opt-in)."""
        return self.filter(confirmed_at__isnull=False)


class Alert(models.Model):
    """ "E-mail me when something new matches": a list (its kind, core.registry alert sources) and its
    filters, normalised. The digest job (core.alerts.digests_send) sends what was published after
    `sent_up_to`, the newest publication time already sent: nothing is sent twice."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    kind = models.CharField(_("list"), max_length=20)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="alerts", verbose_name=_("member")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    sent_up_to = models.DateTimeField(_("sent up to"))
    last_sent_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    # {language: "Good Ideas · Theme: Work · Region: Europe"}: what it follows, by name, written when saved
    # (core.alerts.descriptions), so that pages and e-mails listing alerts need no query to name them.
    descriptions = models.JSONField(_("description"), default=dict, blank=True, editable=False)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self):
        return f"{self.email}: {self.kind}?{self.query}"
