"""The content version (core.versioning): one row, bumped with every change to public content."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0002_content_types")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=1, verbose_name="version")),
            ],
            options={
                "verbose_name": "content version",
                "verbose_name_plural": "content version",
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)), name="contentversion_one_row")],
            },
        ),
        migrations.RunSQL(
            "INSERT INTO core_contentversion (id, value) VALUES (1, 1)", "DELETE FROM core_contentversion"
        ),
    ]
