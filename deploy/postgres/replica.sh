#!/bin/sh
# The streaming replica: on first start, a base backup of the primary with the settings to follow it
# (pg_basebackup -R writes standby.signal and primary_conninfo); then PostgreSQL as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    export PGPASSWORD="$REPLICATION_PASSWORD"
    until pg_basebackup --host=db --username=replicator --pgdata="$PGDATA.new" --write-recovery-conf \
        --wal-method=stream --checkpoint=fast; do
        rm -rf "$PGDATA.new"
        sleep 2
    done
    # Into the (volume's) data folder only once complete: a half-made copy never starts.
    mv "$PGDATA.new"/* "$PGDATA"/ && rmdir "$PGDATA.new"
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
