"""Bulk writes: statistics for the query planner after them, and an UPDATE of many rows at once.

PostgreSQL plans from the statistics of each table, which autovacuum refreshes some time after rows
change. Right after a bulk load the planner still believes the old sizes (an empty table, before the
first load) and can choose a plan that takes seconds (the first Good Ideas list after loading 10,000
ideas took 71 s). So every bulk writer (import_library, load_demo, the bench generators) calls
`analyze()` with the models it changed, once, when done. Outside a transaction it is VACUUM (ANALYZE):
the pages written are then marked visible to every transaction, which index-only scans need.

`update_rows()` is Django's `bulk_update()` without its cost: bulk_update writes one CASE WHEN per field
with a branch per row, which Django takes seconds to build for 500 rows of 20 fields and PostgreSQL
evaluates row by row (12 s for a batch of 500 library resources); one `UPDATE … FROM (VALUES …)`
joins the new values on the primary key instead.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction


def tables_of(*models) -> list[str]:
    """The tables of the models and of their automatic many-to-many link tables, each once, in order."""
    tables: list[str] = []
    for model in models:
        names = [model._meta.db_table]
        names += [
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ]
        tables += [name for name in names if name not in tables]
    return tables


def analyze(*models, using: str = DEFAULT_DB_ALIAS) -> None:
    """ANALYZE the tables of `models` (with their link tables): after the transaction commits, when in one,
    so that the statistics describe the rows written (and other connections plan with them)."""
    connection = connections[using]
    tables = tables_of(*models)
    if not tables or connection.vendor != "postgresql":
        return

    def run():
        names = ", ".join(connection.ops.quote_name(table) for table in tables)
        with connections[using].cursor() as cursor:
            # VACUUM too where it can run (not in a transaction): it marks the pages written as visible
            # to all, so that a covering index answers alone (deep pages of the library: index-only scans).
            cursor.execute(f"ANALYZE {names}" if connections[using].in_atomic_block else f"VACUUM (ANALYZE) {names}")

    transaction.on_commit(run, using=using)  # runs at once outside a transaction


def update_rows(objs, field_names: list[str], *, batch_size: int = 500, using: str = DEFAULT_DB_ALIAS) -> None:
    """Write the fields `field_names` of saved model instances `objs` (all of one model): one UPDATE per batch.

    Like bulk_update, no signal is sent and no save() runs: auto_now fields are the caller's to set.
    """
    objs = list(objs)
    if not objs:
        return
    connection = connections[using]
    meta = type(objs[0])._meta
    fields = [meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    pk = meta.pk
    columns = [pk, *fields]
    casts = ", ".join(
        f"%s::{field.rel_db_type(connection) if field is pk else field.db_type(connection)}" for field in columns
    )
    assignments = ", ".join(f"{quote(field.column)} = v.{quote(field.column)}" for field in fields)
    names = ", ".join(quote(field.column) for field in columns)
    for start in range(0, len(objs), batch_size):
        batch = objs[start : start + batch_size]
        values = ", ".join(f"({casts})" for _ in batch)
        params = [field.get_db_prep_save(getattr(obj, field.attname), connection) for obj in batch for field in columns]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} AS t SET {assignments} FROM (VALUES {values}) AS v ({names}) "
                f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}",
                params,
            )
