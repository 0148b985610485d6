#!/bin/sh
# The container's entry: `make run`'s production steps that need the database, then the command
# (gunicorn by default; `python manage.py procrastinate worker` for a job worker).
# Translations and static files were built into the image. DJANGO_MIGRATE=false skips `migrate`:
# in deploy/compose.yaml one `migrate` service runs it before the app servers and workers start.
set -eu
if [ "${DJANGO_MIGRATE:-true}" = "true" ]; then
    python manage.py migrate --no-input
fi
exec "$@"
