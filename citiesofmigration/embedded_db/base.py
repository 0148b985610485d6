"""PostgreSQL, started on demand from the `pgserver` package.

Used when DATABASE_URL is unset, so that a new user needs no database server: the first connection
starts a private PostgreSQL whose data lives in settings_dict["PGDATA"] (var/pgdata, kept between
runs). The server stops when the last process that used it exits.
"""

import logging
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)


def server_socket_dir(pgdata: Path) -> str:
    """Start (or join) the embedded server for `pgdata` and return the directory of its socket."""
    import pgserver  # imported here: only this backend needs it

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    return parse_qs(urlsplit(server.get_uri()).query)["host"][0]


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params["host"] = server_socket_dir(Path(self.settings_dict["PGDATA"]))
        params.pop("port", None)
        return params
