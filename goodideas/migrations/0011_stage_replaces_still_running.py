from django.db import migrations, models


def stage_from_still_running(apps, schema_editor):
    """What an editor set in "still running" after 0009, where the stage is still blank, before the column goes."""
    GoodIdea = apps.get_model("goodideas", "GoodIdea")
    blank = GoodIdea.objects.filter(stage="")
    blank.filter(still_running=True).update(stage="running")
    blank.filter(still_running=False).update(stage="ended")


def still_running_from_stage(apps, schema_editor):
    """Backwards: running (or a pilot) is still running, ended is not, no stage says nothing."""
    GoodIdea = apps.get_model("goodideas", "GoodIdea")
    GoodIdea.objects.filter(stage__in=["running", "pilot"]).update(still_running=True)
    GoodIdea.objects.filter(stage="ended").update(still_running=False)


class Migration(migrations.Migration):
    dependencies = [
        ("goodideas", "0010_places_tags"),
    ]

    operations = [
        migrations.RunPython(stage_from_still_running, still_running_from_stage),
        migrations.RemoveIndex(
            model_name="goodidea",
            name="goodidea_facets",
        ),
        migrations.RemoveField(
            model_name="goodidea",
            name="still_running",
        ),
        # The stage takes its place among the facet columns the counts read from the index alone,
        # with the evidence level and the cost band.
        migrations.AddIndex(
            model_name="goodidea",
            index=models.Index(
                fields=["status", "published_at"],
                include=("id", "city", "year_started", "stage", "evidence_level", "cost_band"),
                name="goodidea_facets",
            ),
        ),
    ]
