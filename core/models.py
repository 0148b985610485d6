from django.conf import settings
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
