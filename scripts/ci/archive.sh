#!/usr/bin/env bash
# `yingcai archive` on PostgreSQL: rows of past months wait in the default partition until the next
# start gives them their months; archive then detaches whole months before the one given, prints
# each detached table with its rows, and leaves later months in place. Refused: a month not past,
# a malformed month, and SQLite (its tables are not partitioned).
#   PG_BINDIR=… PG_PORT=… scripts/ci/archive.sh   (a cluster from scripts/postgres.sh)
set -euo pipefail
BIN=$(cd "$(dirname "$0")/../.." && pwd)/.build/debug/yingcai
work=$(mktemp -d /tmp/yingcai-archive.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
export YINGCAI_DATA_KEY=$(head -c 32 /dev/urandom | base64) LOG_LEVEL=warning
psql() { "$PG_BINDIR/psql" -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtA "$@"; }
psql -c "CREATE DATABASE archived" postgres
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/archived"
"$BIN" migrate >/dev/null
# Three audit rows in November 2023, two in February 2024 (Shanghai time), one today.
ms() { psql -c "SELECT (extract(epoch FROM timestamptz '$1 Asia/Shanghai') * 1000)::bigint" archived; }
for t in "2023-11-01 00:00" "2023-11-15 12:00" "2023-11-30 23:59:59"; do
  psql -c "INSERT INTO audit_log (at, action, subject_type, subject_id, detail) VALUES ($(ms "$t"), 'test', 'order', '1', '{}')" archived
done
for t in "2024-02-01 00:00" "2024-02-29 23:59"; do
  psql -c "INSERT INTO audit_log (at, action, subject_type, subject_id, detail) VALUES ($(ms "$t"), 'test', 'order', '1', '{}')" archived
done
psql -c "INSERT INTO audit_log (at, action, subject_type, subject_id, detail) VALUES ((extract(epoch FROM now()) * 1000)::bigint, 'test', 'order', '1', '{}')" archived
[ "$(psql -c "SELECT count(*) FROM audit_log_pdefault" archived)" = 5 ] || { echo "past rows did not wait in the default partition" >&2; exit 1; }
"$BIN" migrate >/dev/null
[ "$(psql -c "SELECT count(*) FROM audit_log_pdefault" archived)" = 0 ] || { echo "the next start left rows in the default partition" >&2; exit 1; }
[ "$(psql -c "SELECT count(*) FROM audit_log_p202311" archived)" = 3 ] || { echo "November 2023 is not in its partition" >&2; exit 1; }
"$BIN" archive --before 2024-01 >"$work/out.txt" 2>"$work/progress.txt"
cat "$work/out.txt"
grep -qx $'archived_audit_log_p202311\t3' "$work/out.txt" || { echo "archive did not report November 2023's three rows" >&2; exit 1; }
grep -q "202402" "$work/out.txt" && { echo "archive took a month it was not asked for" >&2; exit 1; }
[ "$(psql -c "SELECT count(*) FROM audit_log" archived)" = 3 ] || { echo "the live table does not hold exactly the later rows" >&2; exit 1; }
[ "$(psql -c "SELECT count(*) FROM archived_audit_log_p202311" archived)" = 3 ] || { echo "the archived table lost rows" >&2; exit 1; }
"$BIN" archive --before 2024-01 2>/dev/null | grep -q . && { echo "a second archive found more" >&2; exit 1; }
refused() {  # expected-message args…
  local message=$1; shift
  if "$BIN" archive "$@" >/dev/null 2>"$work/err.txt"; then echo "archive $* was not refused" >&2; exit 1; fi
  grep -q "$message" "$work/err.txt" || { echo "archive $* said: $(cat "$work/err.txt")" >&2; exit 1; }
}
refused "has not passed yet" --before 2099-01
refused "YYYY-MM" --before 2024-13
DATABASE_URL= refused "SQLite's tables are not partitioned" --before 2024-01 --sqlite "$work/plain.sqlite"
echo "archive: past months detached whole with their rows reported, later ones kept, bad months refused: ok"
