#!/usr/bin/env bash
# Prove that load_demo is idempotent: on a fresh scratch database, load the demo twice and print the number
# of rows of every model after each run (the two columns must be equal). Drops the database afterwards.
#
#   bash scripts/check_demo.sh          # PG_URL=postgres://user@host:port (default: local postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
pg_url=${PG_URL:-postgres://postgres@127.0.0.1:5432}
db="com_demo_check_$$"
scratch=$(mktemp -d)
export DATABASE_URL="$pg_url/$db" DJANGO_SECRET_KEY="check-only-not-a-secret" DJANGO_VAR_DIR="$scratch/var"
unset REDIS_URL
trap 'psql "$pg_url/postgres" -qX -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$scratch"' EXIT
psql "$pg_url/postgres" -qX -c "CREATE DATABASE $db" >/dev/null
manage() { .venv/bin/python manage.py "$@"; }
counts='from django.apps import apps
for m in sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.label.encode()):
    print(m._meta.label, m._default_manager.count())'
export LC_ALL=C
manage migrate --no-input -v0
manage load_demo -v0 && manage shell -v0 -c "$counts" > "$scratch/first"
manage load_demo -v0 && manage shell -v0 -c "$counts" > "$scratch/second"
LC_ALL=C join "$scratch/first" "$scratch/second" | awk '$2 || $3 { printf "%-40s %6d %6d%s\n", $1, $2, $3, ($2 == $3 ? "" : "  <- differs") }'
if cmp -s "$scratch/first" "$scratch/second"; then echo "OK: the second load_demo changed no count"; else echo "FAIL: counts differ"; exit 1; fi
