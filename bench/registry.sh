#!/usr/bin/env bash
# Issue 2 figures, on a throwaway PostgreSQL cluster with durable commits:
#  1. `yingcai talents import` of N generated talents (default 1,000,000), in rows/s, next to
#     PostgreSQL's own server-side COPY of the very rows the import wrote (same tables, same indexes);
#  2. the latency of a talent search by name prefix and district over HTTP at that size (wrk, 8
#     connections), next to the same SELECT run by pgbench.
# Usage: bench/registry.sh            (N=200000 bench/registry.sh for a quicker run)
#        ENGINE=citus bench/registry.sh (a coordinator and two workers, scripts/citus.sh, CITUS_SHARDS
#        shards a table, default 2; the COPY reference then writes tables distributed as the talents')
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
DURATION=${DURATION:-20s}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product yingcai 2>&1 | tail -n 1
BIN=$PWD/.build/release/yingcai

ENGINE=${ENGINE:-postgres}
source scripts/postgres.sh
source scripts/citus.sh
WORK=$(mktemp -d /tmp/yingcai-bench.XXXXXX)
chmod 777 "$WORK"
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
  if [ "$ENGINE" = citus ]; then citus_stop; else pg_stop; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$ENGINE" = citus ]; then
  citus_start
  PG_BINDIR=/usr/lib/postgresql/15/bin PG_PORT=$CITUS_PORT PG_URL=$CITUS_URL
  "$PG_BINDIR/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d yingcai -c "ALTER DATABASE yingcai SET citus.shard_count = ${CITUS_SHARDS:-2}"
else
  pg_start
fi
PSQL=("$PG_BINDIR/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d yingcai)
export DATABASE_URL=$PG_URL
export YINGCAI_DATA_KEY=$(head -c 32 /dev/urandom | base64)
export LOG_LEVEL=warning YINGCAI_CODE_KEY_FILE=$WORK/code-keys.txt
$BIN codes init-keys >/dev/null

echo "== generating $N talents"
$BIN talents generate --count "$N" --out "$WORK/talents.csv" 2>/dev/null
$BIN migrate >/dev/null

echo "== yingcai talents import (all-or-nothing, one transaction)"
start=$(date +%s.%N)
$BIN talents import "$WORK/talents.csv" 2>/dev/null | tail -n 1
end=$(date +%s.%N)
import_s=$(echo "$end - $start" | bc -l)
rows=$("${PSQL[@]}" -tAc "SELECT count(*) FROM talents")
import_rate=$(echo "$rows / $import_s" | bc -l)

echo "== PostgreSQL COPY of the same rows into identical tables (talents, categories, certifications, ID-number claims)"
"${PSQL[@]}" <<SQL
CREATE TABLE copy_talents (LIKE talents INCLUDING ALL);
CREATE TABLE copy_categories (LIKE talent_categories INCLUDING ALL);
CREATE TABLE copy_certifications (LIKE certifications INCLUDING ALL);
CREATE TABLE copy_id_numbers (LIKE talent_id_numbers INCLUDING ALL);
SQL
if [ "$ENGINE" = citus ]; then
  "${PSQL[@]}" <<SQL
SELECT create_distributed_table('copy_talents', 'id');
SELECT create_distributed_table('copy_categories', 'talent_id', colocate_with => 'copy_talents');
SELECT create_distributed_table('copy_certifications', 'talent_id', colocate_with => 'copy_talents');
SELECT create_distributed_table('copy_id_numbers', 'id_hash');
SQL
fi
"${PSQL[@]}" <<SQL
COPY talents TO '$WORK/talents.copy';
COPY talent_categories TO '$WORK/categories.copy';
COPY certifications TO '$WORK/certifications.copy';
COPY talent_id_numbers TO '$WORK/id_numbers.copy';
CHECKPOINT;
SQL
start=$(date +%s.%N)
"${PSQL[@]}" <<SQL
BEGIN;
COPY copy_talents FROM '$WORK/talents.copy';
COPY copy_categories FROM '$WORK/categories.copy';
COPY copy_certifications FROM '$WORK/certifications.copy';
COPY copy_id_numbers FROM '$WORK/id_numbers.copy';
COMMIT;
SQL
end=$(date +%s.%N)
copy_s=$(echo "$end - $start" | bc -l)
copy_rate=$(echo "$rows / $copy_s" | bc -l)
"${PSQL[@]}" -c "DROP TABLE copy_talents, copy_categories, copy_certifications, copy_id_numbers" -c "VACUUM ANALYZE"

echo "== search by name prefix and district over HTTP ($DURATION, 8 connections)"
$BIN users create --username bench-admin --password bench-password --role admin --org 500000:TALENT >/dev/null
PORT=$(pg_free_port)
$BIN serve --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf "127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -sf -XPOST "127.0.0.1:$PORT/api/v1/auth/login" -d '{"username":"bench-admin","password":"bench-password"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
TOKEN=$TOKEN wrk -t2 -c8 -d"$DURATION" -s bench/search.lua "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"

echo "== the same SELECT in pgbench (8 clients, $DURATION)"
python3 bench/search_pgbench.py > "$WORK/search.sql"
"$PG_BINDIR/pgbench" -n -M extended -c 8 -j 2 -T "${DURATION%s}" -h 127.0.0.1 -p "$PG_PORT" -U postgres -f "$WORK/search.sql" yingcai 2>&1 \
  | grep -E "latency average|tps =" | tee "$WORK/pgbench.txt"

echo
echo "== figures"
printf 'import:   %d rows in %.1f s = %.0f rows/s\n' "$rows" "$import_s" "$import_rate"
printf 'COPY:     %d rows in %.1f s = %.0f rows/s\n' "$rows" "$copy_s" "$copy_rate"
printf 'import / COPY = %.0f%% (goal: at least 30%%)\n' "$(echo "100 * $import_rate / $copy_rate" | bc -l)"
grep -E "^search" "$WORK/wrk.txt"
