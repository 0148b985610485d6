"""PostgreSQL, started on demand from the `pgserver` package.

Used when DATABASE_URL is unset, so that a new user needs no database server: the first connection
starts a private PostgreSQL whose data lives in settings_dict["PGDATA"] (var/pgdata, kept between
runs). The server stops when the last process that used it exits.
"""

import contextlib
import json
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


def repair_handle_list(pgdata: Path, lock) -> None:
    """Make pgserver's list of the processes using the server readable again if it is not.

    pgserver keeps their pids in `.handle_pids.json`, rewritten in place (truncated, then written): a
    process killed in between (a stop of `make run` at the wrong moment) leaves it empty, and every
    later start failed reading it (JSONDecodeError) until someone deleted it by hand. An unreadable
    list is taken as no process: at worst the next process to exit stops the server while another
    still uses it, and that one starts it again at its next connection (get_connection_params).
    """
    path = pgdata / ".handle_pids.json"
    with lock:
        try:
            json.loads(path.read_text())
        except FileNotFoundError:
            return
        except ValueError:
            logger.warning("Repairing %s (unreadable: a process was stopped while writing it).", path)
            path.write_text("[]")


def server_socket_dir(pgdata: Path) -> str:
    """Start (or join) the embedded server for `pgdata` and return the directory of its socket."""
    pgserver = import_pgserver()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # pgserver's own lock around its list (a private attribute: without it, no lock, as before).
    repair_handle_list(pgdata, getattr(pgserver.postgres_server.PostgresServer, "_lock", contextlib.nullcontext()))
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    return parse_qs(urlsplit(server.get_uri()).query)["host"][0]


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params["host"] = server_socket_dir(Path(self.settings_dict["PGDATA"]))
        params.pop("port", None)
        return params
