"""Library resources follow the one publication rule (core.publication.Publishable), and a new
resource is a draft until an editor publishes it.

`is_published` becomes the status: published, or draft. What was public stays public and nothing
else becomes so: a published resource whose date lies ahead keeps it as its schedule (`publish_at`);
an unpublished one keeps a date ahead as the time planned for it (`publish_at`) and loses its
`published_at`, which now says when it went public.
"""

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone


def check_constraints_now(schema_editor):
    """Foreign keys are checked at commit (deferred): the rows this migration updates would leave checks
    pending, and PostgreSQL refuses to alter a table with pending checks in the same transaction."""
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forward(apps, schema_editor):
    check_constraints_now(schema_editor)
    Resource = apps.get_model("elibrary", "Resource")
    resources = Resource.objects.using(schema_editor.connection.alias)
    resources.filter(published_at__gt=timezone.now()).update(publish_at=F("published_at"))
    resources.filter(is_published=True).update(status="published")
    resources.filter(is_published=False).update(status="draft", published_at=None)


def backward(apps, schema_editor):
    check_constraints_now(schema_editor)
    Resource = apps.get_model("elibrary", "Resource")
    resources = Resource.objects.using(schema_editor.connection.alias)
    resources.filter(status="published").update(is_published=True)
    resources.exclude(status="published").update(is_published=False)
    resources.filter(published_at__isnull=True, publish_at__isnull=False).update(published_at=F("publish_at"))
    resources.filter(published_at__isnull=True).update(published_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("elibrary", "0003_places")]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="last_verified",
            field=models.DateField(
                blank=True,
                help_text="When an editor last checked that it is accurate.",
                null=True,
                verbose_name="last verified",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="publish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="To schedule: once its status is Published, it appears on the site at this time (UTC), by itself. Empty: at once.",
                null=True,
                verbose_name="publish at",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in-review", "In review"),
                    ("published", "Published"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="draft",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When it went public (or goes public, when scheduled).",
                null=True,
                verbose_name="published on",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="resource", name="is_published"),
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(fields=["status", "published_at"], name="resource_published"),
        ),
    ]
