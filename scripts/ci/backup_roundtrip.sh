#!/usr/bin/env bash
# Backup and restore on PostgreSQL: the demo in one database, `yingcai backup` (pg_dump) while it
# could serve, `yingcai restore` into an empty one, which must answer the backup's figures.
#   PG_BINDIR=… PG_PORT=… scripts/ci/backup_roundtrip.sh   (a cluster from scripts/postgres.sh)
set -euo pipefail
BIN=$(cd "$(dirname "$0")/../.." && pwd)/.build/debug/yingcai
work=$(mktemp -d /tmp/yingcai-backup.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"   # the code keys file the commands write stays here
for db in backed restored; do "$PG_BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $db" postgres; done
export YINGCAI_DATA_KEY=$(head -c 32 /dev/urandom | base64) YINGCAI_BCRYPT_COST=4 LOG_LEVEL=warning
base="postgres://postgres@127.0.0.1:$PG_PORT"
DATABASE_URL="$base/backed" "$BIN" seed --demo
DATABASE_URL="$base/backed" "$BIN" backup "$work/demo.dump"
DATABASE_URL="$base/restored" "$BIN" restore "$work/demo.dump"
# A restore that does not answer the same figures fails: lose one order's last event and try again.
"$PG_BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DELETE FROM work_order_events WHERE id = (SELECT max(id) FROM work_order_events)" backed
"$PG_BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE tampered" postgres
DATABASE_URL="$base/backed" "$BIN" backup "$work/tampered.dump"
cp "$work/demo.dump.figures.json" "$work/tampered.dump.figures.json"
if DATABASE_URL="$base/tampered" "$BIN" restore "$work/tampered.dump" 2>"$work/err.txt"; then
  echo "a restore with a lost event was reported equal" >&2; exit 1
fi
grep -q "does not answer the backup's figures" "$work/err.txt" && echo "a restore that lost an event is refused: ok"
