from django.contrib.postgres.indexes import GinIndex
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
        indexes = [GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="searchterm_word_trgm")]

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
