#!/usr/bin/env bash
# Restore a folder made by scripts/backup.sh into a NEW database and a NEW media folder:
#
#   scripts/restore.sh BACKUP_FOLDER NEW_DATABASE_URL NEW_MEDIA_ROOT
#
# e.g. scripts/restore.sh var/backups/2026-12-06T231500Z postgres://postgres@127.0.0.1:5432/com_restored /srv/media
#
# The database must not exist yet (it is created on the same server, through its "postgres" database) and the
# media folder must be empty or missing: a restore never writes over anything. Then serve with
# DATABASE_URL=NEW_DATABASE_URL MEDIA_ROOT=NEW_MEDIA_ROOT and the backup's secret_key in DJANGO_VAR_DIR/secret_key
# (or DJANGO_SECRET_KEY), so members stay signed in and their e-mailed links keep working.
# psql and pg_restore: $PG_BIN's, else those on PATH (as new as the dump's pg_dump).
set -euo pipefail
if [ $# -ne 3 ]; then
  sed -n '2,4p' "$0" >&2
  exit 2
fi
backup=$1 url=$2 media=$3
bin=${PG_BIN:+$PG_BIN/}
[ -f "$backup/database.dump" ] || { echo "No database.dump in $backup" >&2; exit 1; }
if [ -e "$media" ] && [ -n "$(ls -A "$media")" ]; then
  echo "$media is not empty: restore into a new folder." >&2
  exit 1
fi

database=${url##*/}
database=${database%%\?*}
server=${url%/*}/postgres
exists=$("${bin}psql" -d "$server" -XAtc "SELECT 1 FROM pg_database WHERE datname = '${database//\'/\'\'}'")
if [ "$exists" = 1 ]; then
  echo "The database $database exists: restore into a new one." >&2
  exit 1
fi
"${bin}psql" -d "$server" -Xqc "CREATE DATABASE \"${database//\"/\"\"}\""
"${bin}pg_restore" --no-owner --exit-on-error --single-transaction --dbname="$url" "$backup/database.dump"

mkdir -p "$media"
tar -xzf "$backup/media.tar.gz" -C "$media"
if [ -f "$backup/secret_key" ]; then
  echo "Restored. The secret key: $backup/secret_key (copy it to DJANGO_VAR_DIR/secret_key, mode 600)."
else
  echo "Restored. The secret key: DJANGO_SECRET_KEY, from where you keep it."
fi
