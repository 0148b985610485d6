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
