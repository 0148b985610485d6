"""Good Ideas follow the one publication rule (core.publication.Publishable).

Statuses: "submitted" (a proposal from the public) becomes "in-review"; draft, in review and
published keep theirs; "withdrawn" is new. What was public stays public and nothing else becomes so:
a published idea whose date lies ahead keeps it, as its schedule (`publish_at`); one with no date
(never public) becomes a draft.
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
    GoodIdea = apps.get_model("goodideas", "GoodIdea")
    ideas = GoodIdea.objects.using(schema_editor.connection.alias)
    ideas.filter(status="submitted").update(status="in-review")
    ideas.filter(status="published", published_at__gt=timezone.now()).update(publish_at=F("published_at"))
    ideas.filter(status="published", published_at__isnull=True).update(status="draft")


def backward(apps, schema_editor):
    check_constraints_now(schema_editor)
    GoodIdea = apps.get_model("goodideas", "GoodIdea")
    GoodIdea.objects.using(schema_editor.connection.alias).filter(status="withdrawn").update(status="draft")


class Migration(migrations.Migration):
    dependencies = [("goodideas", "0006_places")]

    operations = [
        migrations.AddField(
            model_name="goodidea",
            name="publish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="To schedule: once its status is Published, it appears on the site at this time (UTC), by itself. Empty: at once.",
                null=True,
                verbose_name="publish at",
            ),
        ),
        migrations.AlterField(
            model_name="goodidea",
            name="last_verified",
            field=models.DateField(
                blank=True,
                help_text="When an editor last checked that it is accurate.",
                null=True,
                verbose_name="last verified",
            ),
        ),
        migrations.AlterField(
            model_name="goodidea",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When it went public (or goes public, when scheduled).",
                null=True,
                verbose_name="published on",
            ),
        ),
        migrations.AlterField(
            model_name="goodidea",
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
        migrations.RunPython(forward, backward),
    ]
