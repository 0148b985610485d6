"""Webinars and conferences follow the one publication rule (core.publication.Publishable).

`published` becomes the status: published (public since the row was made, as before), or draft.
"""

from django.db import migrations, models
from django.db.models import F

PUBLICATION_FIELDS = [
    (
        "last_verified",
        models.DateField(
            blank=True,
            help_text="When an editor last checked that it is accurate.",
            null=True,
            verbose_name="last verified",
        ),
    ),
    (
        "publish_at",
        models.DateTimeField(
            blank=True,
            help_text="To schedule: once its status is Published, it appears on the site at this time (UTC), by itself. Empty: at once.",
            null=True,
            verbose_name="publish at",
        ),
    ),
    (
        "published_at",
        models.DateTimeField(
            blank=True,
            editable=False,
            help_text="When it went public (or goes public, when scheduled).",
            null=True,
            verbose_name="published on",
        ),
    ),
    (
        "status",
        models.CharField(
            choices=[("draft", "Draft"), ("in-review", "In review"), ("published", "Published"), ("withdrawn", "Withdrawn")],
            default="draft",
            max_length=20,
            verbose_name="status",
        ),
    ),
]


def check_constraints_now(schema_editor):
    """Foreign keys are checked at commit (deferred): the rows this migration updates would leave checks
    pending, and PostgreSQL refuses to alter a table with pending checks in the same transaction."""
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forward(apps, schema_editor):
    check_constraints_now(schema_editor)
    for name in ("Webinar", "Event"):
        rows = apps.get_model("webinars", name).objects.using(schema_editor.connection.alias)
        rows.filter(published=True).update(status="published", published_at=F("created_at"))


def backward(apps, schema_editor):
    check_constraints_now(schema_editor)
    for name in ("Webinar", "Event"):
        rows = apps.get_model("webinars", name).objects.using(schema_editor.connection.alias)
        rows.filter(status="published").update(published=True)


class Migration(migrations.Migration):
    dependencies = [("webinars", "0004_places")]

    operations = [
        migrations.RemoveIndex(model_name="webinar", name="webinar_published_ends"),
        *(
            migrations.AddField(model_name=model, name=name, field=field.clone())
            for model in ("event", "webinar")
            for name, field in PUBLICATION_FIELDS
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="event", name="published"),
        migrations.RemoveField(model_name="webinar", name="published"),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["status", "published_at"], name="event_published"),
        ),
        migrations.AddIndex(
            model_name="webinar",
            index=models.Index(fields=["status", "published_at"], name="webinar_published"),
        ),
        migrations.AddIndex(
            model_name="webinar",
            index=models.Index(fields=["status", "ends_at"], name="webinar_status_ends"),
        ),
    ]
