#!/bin/sh
# Run once by the postgres image when it creates the primary's data (docker-entrypoint-initdb.d):
# the role the replica connects as, and its line in pg_hba.conf.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '$REPLICATION_PASSWORD'"
echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
