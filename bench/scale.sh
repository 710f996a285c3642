#!/usr/bin/env bash
# Issue 16 figures, in one run on this machine (release build, durable commits):
#  1. One PostgreSQL at N orders (bench/generate_orders.sql): 1, 2 and 4 instances behind nginx
#     (scripts/cluster.sh): filing over HTTP (64 clients), the city's and two districts' figures
#     over half a year and the overdue inboxes of a department and a district's supervisor (p95,
#     8 clients), every answer counted; next to pgbench inserting an equivalent row (the physical
#     reference) in the same run.
#  2. A rolling restart of two instances under 16 clients filing orders (scripts/ci/cluster_roll.py):
#     every acknowledged order kept, no duplicate.
#  3. The timeline of one order (GET /api/v1/work-orders/{id}) once the events table holds
#     N × PER events (bench/generate_events.sql; 50,000,000 by default), p95, next to its SELECT in
#     pgbench; and first reads (bench/get_path.lua with IDS_FILE: orders the instance has not read before).
#     Then the next start moves the past months' events into their monthly partitions (timed), and
#     the tables' sizes are printed.
#  4. The same on Citus (scripts/citus.sh: a coordinator and two workers, all on this machine's two
#     cores) at N orders: filing with 1 and 2 instances, figures, inboxes and the timeline; filing
#     on Citus over filing on one PostgreSQL with one instance (goal: at least 50 %).
# Usage: bench/scale.sh                  (N=10000000 PER=5, about an hour)
#        N=1000000 DURATION=10s bench/scale.sh   (a quicker run)
#        CITUS=0 / PG=0 skip a side; CITUS_SHARDS (2) shards per distributed table: Citus advises
#        at least one a worker core for queries over all shards (two workers share two cores here),
#        and a shard more than that only adds its planning (about 0.5 ms of a worker per figures
#        query). CI's suite uses 4, to put several shards on each worker.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000000}
PER=${PER:-5}
DURATION=${DURATION:-20s}
INSTANCES=${INSTANCES:-"1 2 4"}
CITUS_INSTANCES=${CITUS_INSTANCES:-"1 2"}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
python3 -c "import requests" 2>/dev/null || python3 -m pip install --quiet requests
swift build -c release --product yingcai 2>&1 | tail -n 1
export YINGCAI_BIN=$PWD/.build/release/yingcai
BIN=$YINGCAI_BIN
source scripts/postgres.sh
source scripts/citus.sh
WORK=$(mktemp -d /tmp/yingcai-scale.XXXXXX)
export CLUSTER_DIR=$WORK/cluster
RESULTS=$WORK/results.txt
cleanup() {
  scripts/cluster.sh stop >/dev/null 2>&1 || true
  pg_stop >/dev/null 2>&1 || true
  [ -n "${CITUS_DIR:-}" ] && citus_stop >/dev/null 2>&1
  echo "results kept in $RESULTS" >&2
}
trap cleanup EXIT
export YINGCAI_DATA_KEY=$(head -c 32 /dev/urandom | base64) LOG_LEVEL=warning YINGCAI_JOBS_INTERVAL=0
export YINGCAI_DB_POOL=${YINGCAI_DB_POOL:-16} YINGCAI_CODE_KEY_FILE=$WORK/code-keys.txt YINGCAI_BCRYPT_COST=4
$BIN codes init-keys >/dev/null
note() { echo "$*" | tee -a "$RESULTS"; }

# Accounts, N orders, then PER events for each: the same fixtures on both engines.
# $size: the function that measures a table with its indexes (Citus: over its shards).
prepare() {
  local psql=("$@")
  $BIN migrate >/dev/null
  $BIN users create --username bench-dispatcher --password bench-password --role dispatcher --org 500000:HOTLINE >/dev/null
  $BIN users create --username bench-leader --password bench-password --role leader --org 500000 >/dev/null
  $BIN users create --username bench-handler --password bench-password --role handler --org 500112:HRSS >/dev/null
  $BIN users create --username bench-supervisor --password bench-password --role supervisor --org 500112 >/dev/null
  local start=$(date +%s)
  "${psql[@]}" -v n="$N" -f bench/generate_orders.sql
  note "  $N orders generated in $(( $(date +%s) - start )) s"
  start=$(date +%s)
  "${psql[@]}" -v per="$PER" -f bench/generate_events.sql
  note "  $("${psql[@]}" -tAc "SELECT count(*) FROM work_order_events") events generated in $(( $(date +%s) - start )) s"
  # The events of past months went to the default partition (only this month and the next
  # are made ahead): the next start moves them into their months, as after an upgrade to 024.
  start=$(date +%s)
  $BIN migrate >/dev/null
  note "  past months' events moved into their partitions by the next start in $(( $(date +%s) - start )) s: $("${psql[@]}" -tAc \
    "SELECT count(*) FROM pg_inherits WHERE inhparent = 'work_order_events'::regclass") partitions, $("${psql[@]}" -tAc \
    "SELECT count(*) FROM work_order_events_pdefault") rows left in the default"
  note "  sizes with indexes: $("${psql[@]}" -tAc "
    SELECT string_agg(t || ' ' || pg_size_pretty(b) || ' (' || round(b / greatest(n, 1)) || ' B a row)', ', ') FROM (
      SELECT 'orders' AS t, $size('work_orders')::numeric AS b, (SELECT count(*) FROM work_orders) AS n
      UNION ALL
      SELECT 'events', (SELECT sum($size(relid)) FROM pg_partition_tree('work_order_events') WHERE isleaf), (SELECT count(*) FROM work_order_events)) s")"
}

token() {
  curl -sf -XPOST "$URL/api/v1/auth/login" -d "{\"username\":\"$1\",\"password\":\"bench-password\"}" \
    | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])'
}
get() {  # label user paths connections
  TOKEN=$(token "$2") PATHS="$3" LABEL="$1" wrk -t2 -c"${4:-8}" -d"$DURATION" -s bench/get_path.lua "$URL" | grep -E "^$1:"
}

# One engine behind nginx with `n` instances: filing, figures, inboxes.
curve() {  # engine n
  local engine=$1 n=$2 from
  URL=$(scripts/cluster.sh start "$n" | tail -n 1)
  from=$(date -d '182 days ago' +%F)
  note "$engine, $n instance(s) behind nginx:"
  note "  $(TOKEN=$(token bench-dispatcher) wrk -t2 -c64 -d"$DURATION" -s bench/create_order.lua "$URL" | grep -E '^create')"
  note "  $(get figures-city bench-leader "/api/v1/metrics/work-orders?from=$from")"
  note "  $(get figures-district bench-leader "/api/v1/metrics/work-orders?org=500112&from=$from|/api/v1/metrics/work-orders?org=500103&from=$from")"
  note "  $(get inbox-department bench-handler "/api/v1/work-orders?warning=red&limit=50")"
  note "  $(get inbox-supervisor bench-supervisor "/api/v1/work-orders?warning=red&limit=50|/api/v1/work-orders?warning=yellow&limit=50")"
  scripts/cluster.sh stop >/dev/null
}

# The timeline of one of 100 orders picked at random, over HTTP and as its bare SELECT in pgbench.
timeline() {  # engine bindir port
  local engine=$1 bindir=$2 port=$3 ids paths
  local psql=("$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d yingcai)
  URL=$(scripts/cluster.sh start 1 | tail -n 1)
  # 100 orders: pgbench takes at most 128 scripts.
  ids=$("${psql[@]}" -tAc "SELECT id FROM work_orders TABLESAMPLE SYSTEM (0.1) LIMIT 100")
  paths=$(echo "$ids" | sed 's#^#/api/v1/work-orders/#' | paste -sd'|')
  note "$engine, the timeline of one order among $("${psql[@]}" -tAc "SELECT count(*) FROM work_order_events") events (GET /api/v1/work-orders/{id}):"
  note "  $(get timeline-via-nginx bench-leader "$paths")"
  local balanced=$URL
  URL=http://127.0.0.1:$(head -n 1 "$CLUSTER_DIR/ports")
  note "  $(get timeline-direct bench-leader "$paths" 4)"
  # Orders the instance has not met: each read must find the order's district from its id alone.
  # 50,000 of the N orders (a sample of about 60,000: 1 % of 1 M would give only 10,000, fewer than
  # a run of first reads makes requests, and the walk would come round to orders it has met).
  "${psql[@]}" -tAc "SELECT id FROM work_orders TABLESAMPLE SYSTEM ($(awk -v n="$N" 'BEGIN { p = 6000000 / n; print (p > 100 ? 100 : p) }')) LIMIT 50000" > "$WORK/first-ids.txt"
  note "  $(TOKEN=$(token bench-leader) IDS_FILE=$WORK/first-ids.txt LABEL=first-read-direct wrk -t2 -c4 -d"$DURATION" -s bench/get_path.lua "$URL" | grep -E '^first-read')"
  URL=$balanced
  # One script per order (pgbench picks one at random per transaction): the bare SELECT the
  # application runs, with the order's district, so that Citus routes it to one shard.
  local files=() d o
  mkdir -p "$WORK/timeline"
  while read -r d o; do
    echo "SELECT seq, at, actor_id, actor_name, action, from_state, to_state, note, data, hash FROM work_order_events WHERE district_code = '$d' AND order_id = $o ORDER BY seq;" > "$WORK/timeline/$o.sql"
    files+=(-f "$WORK/timeline/$o.sql")
  done < <("${psql[@]}" -tA -F' ' -c "SELECT district_code, id FROM work_orders WHERE id IN ($(echo "$ids" | paste -sd,))")
  rm -f "$WORK"/pgb.*
  (cd "$WORK" && "$bindir/pgbench" -n -M extended -c 8 -j 2 -T "${DURATION%s}" -l --log-prefix=pgb -h 127.0.0.1 -p "$port" -U postgres "${files[@]}" yingcai \
    >"$WORK/pgbench-timeline.log" 2>&1) || { tail -n 5 "$WORK/pgbench-timeline.log" >&2; exit 1; }
  note "  pgbench, the timeline's SELECT (8 clients): $(cat "$WORK"/pgb.* | python3 -c '
import sys
t = sorted(int(l.split()[2]) for l in sys.stdin)
print(f"{len(t)} transactions, p50 {t[len(t) // 2] / 1000:.2f} ms, p95 {t[int(len(t) * 0.95)] / 1000:.2f} ms")')"
  scripts/cluster.sh stop >/dev/null
}

if [ "${PG:-1}" = 1 ]; then
  pg_start
  export DATABASE_URL=$PG_URL
  PSQL=("$PG_BINDIR/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d yingcai)
  note "== one PostgreSQL 15 ($N orders)"
  size=pg_total_relation_size prepare "${PSQL[@]}"
  # The physical reference: one equivalent row per transaction, 64 clients, identical indexes.
  "${PSQL[@]}" -c "CREATE TABLE bench_orders (LIKE work_orders INCLUDING ALL)"
  note "  pgbench, one equivalent row per transaction (64 clients): $("$PG_BINDIR/pgbench" -n -M extended -c 64 -j 2 -T "${DURATION%s}" -h 127.0.0.1 -p "$PG_PORT" -U postgres -f bench/equivalent_row.sql yingcai 2>&1 | grep -E 'tps =' | tr -s ' ')"
  "${PSQL[@]}" -c "DROP TABLE bench_orders"
  for n in $INSTANCES; do curve PostgreSQL "$n"; done
  timeline PostgreSQL "$PG_BINDIR" "$PG_PORT"
  note "== a rolling restart of two instances behind nginx under 16 clients filing orders"
  "${PSQL[@]}" -c "CREATE DATABASE rolled"
  note "  $(DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/rolled" python3 scripts/ci/cluster_roll.py 2>>"$WORK/roll.log" | grep -E 'rolling restart|passed|FAILED')"
  pg_stop
fi

if [ "${CITUS:-1}" = 1 ]; then
  citus_start
  export DATABASE_URL=$CITUS_URL
  B=/usr/lib/postgresql/15/bin
  CPSQL=("$B/psql" -X -q -h 127.0.0.1 -p "$CITUS_PORT" -U postgres -d yingcai)
  # Shards: a multiple of the workers' cores (Citus's advice), here 2 workers sharing 2 cores.
  "${CPSQL[@]}" -c "ALTER DATABASE yingcai SET citus.shard_count = ${CITUS_SHARDS:-2}"
  note "== Citus $("${CPSQL[@]}" -tAc "SELECT citus_version()" | awk '{print $2}'): a coordinator and two workers on one machine ($N orders, ${CITUS_SHARDS:-2} shards a table)"
  size=citus_total_relation_size prepare "${CPSQL[@]}"
  note "  $("${CPSQL[@]}" -tAc "SELECT count(*) FILTER (WHERE partmethod = 'h') || ' distributed tables, ' || count(*) FILTER (WHERE partmethod = 'n' AND repmodel = 't') || ' reference tables, ' || (SELECT count(*) FROM pg_dist_shard) || ' shards' FROM pg_dist_partition")"
  for n in $CITUS_INSTANCES; do curve Citus "$n"; done
  timeline Citus "$B" "$CITUS_PORT"
fi

echo
echo "== figures"
cat "$RESULTS"
python3 - "$RESULTS" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def filing(engine):
    m = re.search(engine + r", 1 instance\(s\) behind nginx:\n  create: \d+ requests, (\d+) req/s", text)
    return int(m.group(1)) if m else None
pg, citus = filing("PostgreSQL"), filing("Citus")
if pg and citus:
    print(f"filing on Citus / on one PostgreSQL, one instance each: {100 * citus / pg:.0f}% (goal: at least 50%)")
bad = [l for l in text.splitlines() if re.search(r"non-2xx [1-9]|errors [1-9]", l)]
print("non-2xx answers or connection errors: " + ("none" if not bad else "\n  " + "\n  ".join(bad)))
PY
