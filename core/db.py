"""Statistics for the query planner after bulk writes.

PostgreSQL plans from the statistics of each table, which autovacuum refreshes some time after rows
change. Right after a bulk load the planner still believes the old sizes (an empty table, before the
first load) and can choose a plan that takes seconds (the first Good Ideas list after loading 10,000
ideas took 71 s). So every bulk writer (import_library, load_demo, the bench generators) calls
`analyze()` with the models it changed, once, when done. Outside a transaction it is VACUUM (ANALYZE):
the pages written are then marked visible to every transaction, which index-only scans need.
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
