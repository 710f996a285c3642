#!/usr/bin/env bash
# Issue 4, the whole run: the three example policies over N imported talents (default 1,000,000)
# on a throwaway PostgreSQL cluster with durable commits — `yingcai policies run` reads every
# talent, evaluates, and writes one payout per entitled talent. Reported in persons/s, next to
# PostgreSQL's own rates in the same run: reading the same talent columns (COPY … TO) and
# inserting the same payout rows (INSERT … SELECT into an identical table).
# Usage: bench/policy-run.sh          (N=200000 bench/policy-run.sh for a quicker run)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
swift build -c release --product yingcai 2>&1 | tail -n 1
BIN=$PWD/.build/release/yingcai

source scripts/postgres.sh
WORK=$(mktemp -d /tmp/yingcai-bench.XXXXXX)
chmod 777 "$WORK"
cleanup() { pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT
pg_start
PSQL=("$PG_BINDIR/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d yingcai)
export DATABASE_URL=$PG_URL YINGCAI_DATA_KEY=$(head -c 32 /dev/urandom | base64) LOG_LEVEL=warning
export YINGCAI_CODE_KEY_FILE=$WORK/code-keys.txt
$BIN codes init-keys >/dev/null
$BIN migrate >/dev/null
echo "== $N talents"
$BIN talents generate --count "$N" --out "$WORK/talents.csv" 2>/dev/null
$BIN talents import "$WORK/talents.csv" 2>/dev/null | tail -n 1
"${PSQL[@]}" -c "VACUUM ANALYZE"

cat > "$WORK/housing.policy" <<'P'
policy "安家补贴"
eligible: tier in ["A", "B", "C"] and arrival_date >= 2021-01-01 and age < 45
amount: if tier = "A" then 1_000_000 else if tier = "B" then 500_000 else 200_000
period: once
P
cat > "$WORK/doctoral.policy" <<'P'
policy "博士生活补贴"
eligible: education = "博士" and tier in ["D", "E"] and district = "X-GX" and arrival_date <= today and years_since_arrival < 3
amount: 3_000
period: monthly
P
cat > "$WORK/young.policy" <<'P'
policy "青年拔尖人才科研启动经费"
eligible: "青年拔尖人才" in categories and (age < 40 or "国家级荣誉" in honors)
amount: 300_000
period: once
P
$BIN policies publish "$WORK/housing.policy" --code AJBT --name 安家补贴 --department 500000:TALENT --effective-from 2021-01-01
$BIN policies publish "$WORK/doctoral.policy" --code BSSH --name 博士生活补贴 --department X-GX:HRSS --effective-from 2021-01-01
$BIN policies publish "$WORK/young.policy" --code QNBJ --name 青年拔尖 --department 500000:SCI --effective-from 2021-01-01

echo "== yingcai policies run --dry-run (read + evaluate, nothing written)"
start=$(date +%s.%N); $BIN policies run --dry-run 2>/dev/null; end=$(date +%s.%N)
dry_s=$(echo "$end - $start" | bc -l)
echo "== yingcai policies run (read + evaluate + write payouts)"
start=$(date +%s.%N); $BIN policies run 2>/dev/null; end=$(date +%s.%N)
run_s=$(echo "$end - $start" | bc -l)
payouts=$("${PSQL[@]}" -tAc "SELECT count(*) FROM payouts")
echo "== a second run writes nothing"
start=$(date +%s.%N); $BIN policies run 2>/dev/null | head -n 1; end=$(date +%s.%N)
again_s=$(echo "$end - $start" | bc -l)
[ "$("${PSQL[@]}" -tAc "SELECT count(*) FROM payouts")" = "$payouts" ] || { echo "a second run wrote payouts"; exit 1; }

echo "== PostgreSQL's own rates on the same data"
start=$(date +%s.%N)
"${PSQL[@]}" -c "COPY (SELECT t.id, t.tier, t.tier_valid_until, t.categories, t.honors, t.education, t.title, t.field, t.district_code, t.arrival_date, t.birth_date, (SELECT max(c.valid_from) FROM certifications c WHERE c.talent_id = t.id) FROM talents t) TO '/dev/null'"
end=$(date +%s.%N)
read_s=$(echo "$end - $start" | bc -l)
"${PSQL[@]}" -c "CREATE TABLE copy_payouts (LIKE payouts INCLUDING ALL)" -c "CHECKPOINT"
start=$(date +%s.%N)
"${PSQL[@]}" -c "INSERT INTO copy_payouts SELECT * FROM payouts"
end=$(date +%s.%N)
insert_s=$(echo "$end - $start" | bc -l)

echo
echo "== figures ($N talents, $payouts payouts, 3 policies)"
printf 'dry run (read + evaluate):       %.1f s = %.0f persons/s\n' "$dry_s" "$(echo "$N / $dry_s" | bc -l)"
printf 'run (read + evaluate + write):   %.1f s = %.0f persons/s\n' "$run_s" "$(echo "$N / $run_s" | bc -l)"
printf 'second run (writes nothing):     %.1f s\n' "$again_s"
printf 'PostgreSQL COPY of the talent columns read by the run: %.1f s = %.0f rows/s\n' "$read_s" "$(echo "$N / $read_s" | bc -l)"
printf 'PostgreSQL INSERT … SELECT of the %d payout rows:     %.1f s = %.0f rows/s\n' "$payouts" "$insert_s" "$(echo "$payouts / $insert_s" | bc -l)"
