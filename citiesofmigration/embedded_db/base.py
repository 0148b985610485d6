"""PostgreSQL, started on demand from the `pgserver` package.

Used when DATABASE_URL is unset, so that a new user needs no database server: the first connection
starts a private PostgreSQL whose data lives in settings_dict["PGDATA"] (var/pgdata, kept between
runs). The server stops when the last process that used it exits.
"""

import logging
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)


def import_pgserver():
    """The pgserver module (imported on first use: only this backend needs it), without a stray warning.

    On import, pgserver asks platformdirs for the user's runtime directory. Where XDG_RUNTIME_DIR is
    unset (a server, a container, root), platformdirs emits a RuntimeDirWarning and uses a directory
    under /tmp, which is all pgserver needs: the warning concerns no one running the portal, and every
    manage.py command printed it.
    """
    from platformdirs import RuntimeDirWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeDirWarning)
        import pgserver
    return pgserver


def server_socket_dir(pgdata: Path) -> str:
    """Start (or join) the embedded server for `pgdata` and return the directory of its socket."""
    pgserver = import_pgserver()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    return parse_qs(urlsplit(server.get_uri()).query)["host"][0]


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params["host"] = server_socket_dir(Path(self.settings_dict["PGDATA"]))
        params.pop("port", None)
        return params
