"""Database pieces that the shared search (citiesofmigration/search.py) stands on.

- pg_trgm, for typo-tolerant matching and "did you mean";
- com_unaccent(text): folds accents (é→e, ß→ss, œ→oe), IMMUTABLE so that stored, GIN-indexed
  search columns may use it. The contrib `unaccent` extension is not in every PostgreSQL (the
  embedded one lacks it) and is only STABLE, so the project carries its own.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

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


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        TrigramExtension(),
        migrations.RunSQL(CREATE, "DROP FUNCTION IF EXISTS com_unaccent(text);"),
    ]
