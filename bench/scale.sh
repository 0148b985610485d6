#!/bin/sh
# Cold times at scale: `bench/scale.sh [PORT]` (default 8101).
#
# Builds a scratch database (DATABASE_URL's server, database SCALE_DB, default com_scale; dropped and
# made again unless SCALE_REUSE=1 and it exists) with the demo, 10,000 Good Ideas in 500 cities and
# 100,000 library resources (bench/generate_*.py), starts gunicorn as `make run` does (2 workers, debug
# off, no whole-page cache), then bench/scale.py asks each address once over HTTP (distinct words and
# filters, so each is cold for that address) and prints the median time per page kind.
set -eu
cd "$(dirname "$0")/.."
PORT=${1:-8101}
SERVER=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/com}
SERVER=${SERVER%/*}
DB=${SCALE_DB:-com_scale}
export DATABASE_URL="$SERVER/$DB" DJANGO_DEBUG=false
# Its own cache: a shared Redis database would mix cached counts of two databases with the same version.
if [ -n "${SCALE_REDIS_URL:-}" ]; then export REDIS_URL="$SCALE_REDIS_URL"; else unset REDIS_URL; fi
PY=.venv/bin/python

exists=$(psql "$SERVER/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "${SCALE_REUSE:-0}" = 1 ] && [ "$exists" = 1 ]; then
    echo "Reusing $DB."
else
    echo "Building $DB (demo, 10,000 ideas in 500 cities, 100,000 resources)..."
    psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    $PY manage.py migrate --no-input --verbosity 0
    $PY manage.py load_demo >/dev/null
    $PY bench/generate_ideas.py --ideas 10000 --cities 500
    $PY bench/generate_library.py --resources 100000
fi

$PY manage.py collectstatic --no-input --verbosity 0  # debug off: pages name the hashed static files

.venv/bin/gunicorn citiesofmigration.wsgi --bind "127.0.0.1:$PORT" --workers 2 --no-control-socket \
    --limit-request-line 8190 --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN' EXIT INT TERM
for _ in $(seq 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    sleep 1
done
$PY bench/scale.py "http://127.0.0.1:$PORT"
