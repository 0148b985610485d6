"""E-zine issues and items and news follow the one publication rule (core.publication.Publishable).

Issues keep their status and `publish_at` (their schedule); `published_at`, when they went or go
public, is `publish_at` for published issues. A "published" issue without a time was hidden: it
becomes a draft, hidden still. Items were public with their issue: they become published (from
their issue's time, or from now where it has none yet), so they stay public with it. News was always
public: published, since the row was made.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone


def status_field(default):
    return models.CharField(
        choices=[("draft", "Draft"), ("in-review", "In review"), ("published", "Published"), ("withdrawn", "Withdrawn")],
        default=default,
        max_length=20,
        verbose_name="status",
    )


def last_verified_field():
    return models.DateField(
        blank=True, help_text="When an editor last checked that it is accurate.", null=True, verbose_name="last verified"
    )


def publish_at_field():
    return models.DateTimeField(
        blank=True,
        help_text="To schedule: once its status is Published, it appears on the site at this time (UTC), by itself. Empty: at once.",
        null=True,
        verbose_name="publish at",
    )


def published_at_field():
    return models.DateTimeField(
        blank=True,
        editable=False,
        help_text="When it went public (or goes public, when scheduled).",
        null=True,
        verbose_name="published on",
    )


def check_constraints_now(schema_editor):
    """Foreign keys are checked at commit (deferred): the rows this migration updates would leave checks
    pending, and PostgreSQL refuses to alter a table with pending checks in the same transaction."""
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forward(apps, schema_editor):
    check_constraints_now(schema_editor)
    db = schema_editor.connection.alias
    Issue = apps.get_model("conversations", "Issue")
    Item = apps.get_model("conversations", "Item")
    NewsItem = apps.get_model("conversations", "NewsItem")
    now = timezone.now()
    issues = Issue.objects.using(db)
    issues.filter(status="published", publish_at__isnull=True).update(status="draft")
    issues.filter(status="published").update(published_at=F("publish_at"))
    issue_time = Issue.objects.using(db).filter(pk=OuterRef("issue_id"), publish_at__lte=now).values("publish_at")[:1]
    Item.objects.using(db).update(status="published", published_at=Coalesce(Subquery(issue_time), Value(now)))
    NewsItem.objects.using(db).update(status="published", published_at=F("created_at"))


def backward(apps, schema_editor):
    check_constraints_now(schema_editor)
    Issue = apps.get_model("conversations", "Issue")
    issues = Issue.objects.using(schema_editor.connection.alias)
    issues.filter(status="published", publish_at__isnull=True).update(publish_at=F("published_at"))
    issues.exclude(status="published").update(status="draft")


class Migration(migrations.Migration):
    dependencies = [("conversations", "0005_places")]

    operations = [
        migrations.RemoveIndex(model_name="issue", name="issue_status_publish_at"),
        migrations.AddField(model_name="issue", name="last_verified", field=last_verified_field()),
        migrations.AddField(model_name="issue", name="published_at", field=published_at_field()),
        migrations.AlterField(model_name="issue", name="publish_at", field=publish_at_field()),
        migrations.AlterField(model_name="issue", name="status", field=status_field("draft")),
        *(
            operation
            for model in ("item", "newsitem")
            for operation in (
                migrations.AddField(model_name=model, name="last_verified", field=last_verified_field()),
                migrations.AddField(model_name=model, name="publish_at", field=publish_at_field()),
                migrations.AddField(model_name=model, name="published_at", field=published_at_field()),
                migrations.AddField(model_name=model, name="status", field=status_field("published")),
            )
        ),
        migrations.RunPython(forward, backward),
        migrations.AddIndex(
            model_name="issue", index=models.Index(fields=["status", "published_at"], name="issue_published")
        ),
        migrations.AddIndex(
            model_name="item", index=models.Index(fields=["status", "published_at"], name="item_published")
        ),
        migrations.AddIndex(
            model_name="newsitem", index=models.Index(fields=["status", "published_at"], name="newsitem_published")
        ),
    ]
