from django.db import migrations, models


def mark_read_pdfs(apps, schema_editor):
    """PDFs were read when they were saved: those with text are done; every other file waits for the
    backfill (python manage.py extract_library_text)."""
    Resource = apps.get_model("elibrary", "Resource")
    Resource.objects.exclude(file="").exclude(extracted_text="").update(extraction="done")


class Migration(migrations.Migration):
    dependencies = [
        ("elibrary", "0007_import_run"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="extraction",
            field=models.CharField(
                blank=True,
                choices=[("", "not read"), ("queued", "queued"), ("done", "done"), ("failed", "failed")],
                default="",
                editable=False,
                max_length=10,
                verbose_name="text extraction",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="extraction_note",
            field=models.CharField(blank=True, editable=False, max_length=500, verbose_name="text extraction note"),
        ),
        migrations.RunPython(mark_read_pdfs, migrations.RunPython.noop),
    ]
