#!/usr/bin/env bash
# Where the city figures' time goes on Citus: the request over HTTP next to its own SQL.
#  1. A coordinator and two workers (scripts/citus.sh), N orders (bench/generate_orders.sql), one
#     release instance; the city's figures over half a year, 8 clients (wrk), as in bench/scale.sh.
#  2. The statements that request sent, taken from the coordinator's and a worker's logs
#     (bench/citus_figures.py), each in pgbench with 8 clients: the coordinator's queries as the
#     application writes them, values in their text, unprepared and prepared (the application keeps
#     them prepared on each connection: `Database.readPrepared`), the districts' query of one shard straight on its worker (as Citus
#     sends it, and prepared), and one count a district through the coordinator (the fan-out alone).
#  Machine time of a query = 2 cores / its rate with the cores saturated.
# Usage: bench/citus-figures.sh            (N=1000000, about 4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
DURATION=${DURATION:-8}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product yingcai 2>&1 | tail -n 1
export YINGCAI_BIN=$PWD/.build/release/yingcai
BIN=$YINGCAI_BIN B=/usr/lib/postgresql/15/bin
source scripts/citus.sh
WORK=$(mktemp -d /tmp/yingcai-citus-figures.XXXXXX)
export CLUSTER_DIR=$WORK/cluster
cleanup() { scripts/cluster.sh stop >/dev/null 2>&1 || true; citus_stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
citus_start
export DATABASE_URL=$CITUS_URL YINGCAI_DATA_KEY=$(head -c 32 /dev/urandom | base64) LOG_LEVEL=warning YINGCAI_JOBS_INTERVAL=0
export YINGCAI_DB_POOL=16 YINGCAI_CODE_KEY_FILE=$WORK/code-keys.txt YINGCAI_BCRYPT_COST=4
port() { awk -F' = ' '/^port = /{print $2}' "$CITUS_DIR/n$1/postgresql.conf"; }
P=("$B/psql" -X -q -h 127.0.0.1 -p "$CITUS_PORT" -U postgres -d yingcai)
"${P[@]}" -c "ALTER DATABASE yingcai SET citus.shard_count = ${CITUS_SHARDS:-4}"
$BIN codes init-keys >/dev/null
$BIN migrate >/dev/null
$BIN users create --username bench-leader --password bench-password --role leader --org 500000 >/dev/null
"${P[@]}" -v n="$N" -f bench/generate_orders.sql 2>&1 | grep -v NOTICE || true
echo "$N orders on Citus $("${P[@]}" -tAc "SELECT citus_version()" | awk '{print $2}'), a coordinator and two workers, ${CITUS_SHARDS:-4} shards a table"

URL=$(scripts/cluster.sh start 1 | tail -n 1)
TOKEN=$(curl -sf -XPOST "$URL/api/v1/auth/login" -d '{"username":"bench-leader","password":"bench-password"}' \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
PATHS="/api/v1/metrics/work-orders?from=$(date -d '182 days ago' +%F)"
# One request with every statement logged on the coordinator and the first worker.
for n in 0 1; do
  "$B/psql" -X -q -h 127.0.0.1 -p "$(port $n)" -U postgres -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" yingcai >/dev/null
done
sleep 1
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL$PATHS"
for n in 0 1; do
  "$B/psql" -X -q -h 127.0.0.1 -p "$(port $n)" -U postgres -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" yingcai >/dev/null
done
echo "the city's figures over HTTP (8 clients, ${DURATION} s):"
echo "  $(TOKEN=$TOKEN PATHS=$PATHS LABEL=figures-city wrk -t2 -c8 -d"${DURATION}s" -s bench/get_path.lua "$URL" | grep -E '^figures-city')"
scripts/cluster.sh stop >/dev/null

pgb() {  # port mode file
  "$B/pgbench" -n -M "$2" -c 8 -j 2 -T "$DURATION" -h 127.0.0.1 -p "$1" -U postgres -f "$3" yingcai 2>&1 \
    | awk '/^tps = / { printf "%.0f q/s, %.2f ms of the machine a query", $3, 2000 / $3 }'
}
echo "its statements in pgbench (8 clients):"
python3 bench/citus_figures.py "$CITUS_DIR/n0.log" "$CITUS_DIR/n1.log" "$WORK" | while read -r where file what; do
  p=$CITUS_PORT; [ "$where" = worker ] && p=$(port 1)
  echo "  $where, $what: unprepared $(pgb "$p" extended "$file"); prepared $(pgb "$p" prepared "$file")"
done
