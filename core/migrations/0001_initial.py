"""The ground the shared search stands on, the Editors group and the vocabulary of "did you mean".

This is what the `citiesofmigration` app's three migrations did, under the app label `core`. It
replaces them: on a database that applied them Django records this one as applied and runs nothing;
on a new database it runs this one. The migrations of other apps that depended on
("citiesofmigration", "0001_search") now depend on this one.

- pg_trgm, for typo-tolerant matching and "did you mean";
- com_unaccent(text): folds accents (é→e, ß→ss, œ→oe), IMMUTABLE so that stored, GIN-indexed
  search columns may use it. The contrib `unaccent` extension is not in every PostgreSQL (the
  embedded one lacks it) and is only STABLE, so the project carries its own.
- the "Editors" group (core/editors.py gives it its permissions after each migrate);
- SearchTerm, in the table it always had.
"""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

FROM = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčĆćĐđŁłŃńŚśŹźŻżĘęĄąŘřŤťŮůĚěĞğŞşİı"
TO = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzCcCcDdLlNnSsZzZzEeAaRrTtUuEeGgSsIi"
assert len(FROM) == len(TO)

CREATE = f"""
CREATE OR REPLACE FUNCTION com_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT replace(replace(replace(replace(replace(replace(
    translate(value, '{FROM}', '{TO}'),
    'ß', 'ss'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ẞ', 'SS') $$;
"""


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Editors")


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("citiesofmigration", "0001_search"),
        ("citiesofmigration", "0002_editors_group"),
        ("citiesofmigration", "0003_search_terms"),
    ]

    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(CREATE, "DROP FUNCTION IF EXISTS com_unaccent(text);"),
        migrations.RunPython(create_group, migrations.RunPython.noop),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=40, unique=True, verbose_name="word")),
                ("frequency", models.PositiveIntegerField(default=0, verbose_name="frequency")),
            ],
            options={
                "verbose_name": "search term",
                "verbose_name_plural": "search terms",
                "db_table": "citiesofmigration_searchterm",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["word"], name="searchterm_word_trgm", opclasses=["gin_trgm_ops"]
                    )
                ],
            },
        ),
    ]
