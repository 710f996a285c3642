#!/usr/bin/env bash
# The hotline knowledge base (热线知识库) over HTTP, on SQLite and on PostgreSQL, in one run:
#   1. generate N articles (realistic policy text from the catalog, the organisations and the seeds)
#      and 233 queries with the articles each should find (bench/kb/generate.py);
#   2. load them with `yingcai kb import` (articles/s) into a fresh SQLite file and a fresh PostgreSQL;
#   3. ask every query through GET /api/v1/kb/search (recall@5, MRR, p50/p95 latency), with the
#      server's strict SQL run straight on the same database as the physical reference;
#   4. the reference ranking: jieba segmentation + BM25Okapi over the same articles and queries.
# Usage: bench/kb.sh [N]   (N default 100000; BUILD=debug to use the debug build; ROUNDS=3 timed rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
OUT=bench/out/kb
BUILD=${BUILD:-release}
mkdir -p "$OUT"
python3 -c "import jieba, rank_bm25, numpy" 2>/dev/null || python3 -m pip install --quiet -r bench/kb/requirements.txt

echo "== generating $N articles and the queries"
python3 bench/kb/generate.py --articles "$N" --out "$OUT"
python3 bench/kb/http_search.py convert --out "$OUT"

echo "== building ($BUILD)"
swift build -c "$BUILD" --product yingcai 2>&1 | tail -n 1
swift build -c "$BUILD" --product kb-bench 2>&1 | tail -n 1
BIN=$(swift build -c "$BUILD" --show-bin-path)
"$BIN/kb-bench" export --out "$OUT" --synonyms bench/kb/synonyms.csv --sample 1 >/dev/null

export YINGCAI_DATA_KEY_FILE="$PWD/$OUT/kb.key"
export YINGCAI_BCRYPT_COST=4
source scripts/postgres.sh
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; pg_stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

run_backend() {  # label, then the environment for the database
  local label=$1; shift
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env "$@" "$BIN/yingcai" migrate >/dev/null
  env "$@" "$BIN/yingcai" users create --username bench-admin --password bench-password-1 --role admin --org 500000:TALENT >/dev/null
  local t0 t1
  t0=$(date +%s.%N)
  env "$@" "$BIN/yingcai" kb import "$OUT/import.jsonl" | tail -n 1
  t1=$(date +%s.%N)
  python3 -c "print(f'RESULT $label import: {$N / ($t1 - $t0):,.0f} articles/s ({$t1 - $t0:.1f} s)')"
  # As a server that has been running: the planner's statistics and the visibility map up to date
  # (autovacuum would get there on its own, while the timed queries ran).
  if [ "$label" = postgres ]; then psql "$PG_URL" -qc "VACUUM ANALYZE" >/dev/null; fi
  env "$@" YINGCAI_JOBS_INTERVAL=0 "$BIN/yingcai" serve --port "$port" > "$OUT/serve-$label.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
}

echo "== SQLite"
rm -f "$OUT/kb.sqlite"* "$OUT/kb.key"
run_backend sqlite YINGCAI_SQLITE_PATH="$OUT/kb.sqlite"
python3 bench/kb/http_search.py query --out "$OUT" --url "http://127.0.0.1:$port" --label sqlite --sqlite "$OUT/kb.sqlite" | tee "$OUT/http-sqlite.txt"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=

echo "== PostgreSQL"
pg_start >/dev/null
run_backend postgres DATABASE_URL="$PG_URL"
python3 bench/kb/http_search.py query --out "$OUT" --url "http://127.0.0.1:$port" --label postgres --psql "$PG_URL" | tee "$OUT/http-postgres.txt"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=

echo "== reference: jieba + BM25Okapi"
python3 bench/kb/reference.py --out "$OUT" | tee "$OUT/reference.txt"
echo "== summary ($N articles)"
grep -h RESULT "$OUT/http-sqlite.txt" "$OUT/http-postgres.txt" "$OUT/reference.txt"
