"""What the core tests and their fixtures share: a hung server, the mail tests' host, migrating to a state,
the planner's statistics of a table."""

import socket
import threading

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The portal run with `PORT=8123 make run`, DJANGO_SITE_URL unset: the browser asks for this host.
HOST = "127.0.0.1:8123"


BEFORE = [
    ("places", "0001_initial"),  # the places as they were then (later fields have no database default)
    ("goodideas", "0006_places"),
    ("elibrary", "0003_places"),
    ("webinars", "0004_places"),
    ("conversations", "0005_places"),
]


def latest():
    """Every app's newest migration: where the current models hold."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    """Migrate to `targets`; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


class SilentServer:
    """Accepts connections and never answers a byte: a hung Redis."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.socket.close()
        for accepted in self.connections:
            accepted.close()


def table_counts(table: str) -> tuple[int, int]:
    """How many times `table` was vacuumed and analysed (PostgreSQL's statistics, read afresh)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT vacuum_count, analyze_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()
