#!/usr/bin/env bash
# Back up everything a new install needs to serve the portal as it is now, into one dated folder:
#
#   scripts/backup.sh [FOLDER]          # FOLDER: where the dated folder goes, by default var/backups
#
#   <FOLDER>/<UTC date and time>/database.dump   pg_dump -Fc of the database (DATABASE_URL, or the embedded one)
#                                media.tar.gz    every uploaded file (MEDIA_ROOT)
#                                secret_key      the key in var/secret_key, when DJANGO_SECRET_KEY is not set
#                                                (else a note: the key comes from the environment: keep it too)
#
# It reads the settings the portal runs with (the same environment), so run it where the portal runs.
# pg_dump: the one of the embedded server's pgserver package, else $PG_BIN/pg_dump, else the one on PATH.
# It must be as new as the server (Debian's /usr/bin/pg_dump picks the newest installed).
# Restore with scripts/restore.sh (README "Database replica, backups and workers").
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
umask 077  # the dump holds members' addresses and password hashes; the key signs their sessions

target="${1:-var/backups}/$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$target"

# The dump, made from Python while the settings' database answers (the embedded server lives as long as the
# process that started it); then MEDIA_ROOT and the key file (or "") on one line each.
mapfile -t found < <("$python" - "$target/database.dump" <<'PY'
import os
import subprocess
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citiesofmigration.settings")
django.setup()
from django.conf import settings
from django.db import connection
from psycopg.conninfo import make_conninfo

params = connection.get_connection_params()  # the embedded server starts here if it is the one
conninfo = make_conninfo(**{key: params[key] for key in ("dbname", "user", "password", "host", "port") if params.get(key)})
if settings.DATABASES["default"]["ENGINE"] == "citiesofmigration.embedded_db":
    import pgserver

    bindir = str(Path(pgserver.__file__).parent / "pginstall" / "bin")
else:
    bindir = os.environ.get("PG_BIN", "")
pg_dump = os.path.join(bindir, "pg_dump") if bindir else "pg_dump"
subprocess.run([pg_dump, "--format=custom", "--no-owner", f"--file={sys.argv[1]}", conninfo], check=True)
print(settings.MEDIA_ROOT)
print("" if os.environ.get("DJANGO_SECRET_KEY") else settings.VAR_DIR / "secret_key")
PY
)
[ ${#found[@]} -eq 2 ] || { echo "The database dump failed." >&2; exit 1; }
media=${found[0]} key_file=${found[1]}

if [ -d "$media" ]; then
  tar -czf "$target/media.tar.gz" -C "$media" .
else
  tar -czf "$target/media.tar.gz" --files-from=/dev/null  # no upload yet
fi
if [ -n "$key_file" ]; then
  cp "$key_file" "$target/secret_key"
else
  echo "The secret key comes from DJANGO_SECRET_KEY: keep it with this backup, in your secrets store." >"$target/SECRET_KEY.txt"
fi
echo "$target"
