"""Existing tags and their links move from taggit's tables to places.Tag and places.TaggedItem, keeping
their ids (links, bookmarks of ?tag=<slug> and the related-ideas scores stay as they were); the English
name is taggit's `name`, the French and German names start empty. taggit's tables are emptied, so that
there is one truth; going back copies them back."""

from django.core.management.color import no_style
from django.db import migrations

TAG_FIELDS = ("id", "name", "slug")
LINK_FIELDS = ("id", "tag_id", "content_type_id", "object_id")


def _copy(apps, schema_editor, source_app: str, target_app: str) -> None:
    database = schema_editor.connection.alias
    source_tag, source_link = apps.get_model(source_app, "Tag"), apps.get_model(source_app, "TaggedItem")
    target_tag, target_link = apps.get_model(target_app, "Tag"), apps.get_model(target_app, "TaggedItem")
    tags = source_tag.objects.using(database).values(*TAG_FIELDS)
    target_tag.objects.using(database).bulk_create((target_tag(**tag) for tag in tags.iterator()), batch_size=1000)
    links = source_link.objects.using(database).values(*LINK_FIELDS)
    target_link.objects.using(database).bulk_create((target_link(**link) for link in links.iterator()), batch_size=1000)
    source_link.objects.using(database).all().delete()
    source_tag.objects.using(database).all().delete()
    # New rows take ids after the copied ones.
    with schema_editor.connection.cursor() as cursor:
        for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), [target_tag, target_link]):
            cursor.execute(statement)


def forwards(apps, schema_editor):
    _copy(apps, schema_editor, "taggit", "places")


def backwards(apps, schema_editor):
    _copy(apps, schema_editor, "places", "taggit")


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0004_tags"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
