"""The search term's content type (and so its permissions) follows it from `citiesofmigration` to `core`."""

from django.db import migrations

MODELS = ["searchterm"]


def rename(old_label, new_label):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        taken = set(ContentType.objects.using(db).filter(app_label=new_label).values_list("model", flat=True))
        ContentType.objects.using(db).filter(app_label=old_label, model__in=set(MODELS) - taken).update(
            app_label=new_label
        )

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(rename("citiesofmigration", "core"), rename("core", "citiesofmigration"))]
