#!/usr/bin/env bash
# Reviewer assignment (评审专家分配) and ranking figures for ProgrammeRules, checked against OR-Tools.
#
# Generates a call of 10,000 applications and 2,000 reviewers (fields, employers, collaborators,
# team members, applicant exclusions, reviewer recusals; caps 15-20; 3 reviewers each), runs the
# release build of programme-bench on it (conflicts of interest, then the assignment, one thread),
# solves the SAME instance optimally with OR-Tools' SimpleMinCostFlow on the full graph, checks
# that both assignments respect every conflict and cap and give N distinct reviewers, and prints
# both times, both totals and the ratio; then times the normalisation and ranking of 30,000 scores.
#
# Usage: bench/programme.sh [APPLICATIONS [REVIEWERS [SEED]]]   (defaults 10000 2000 1)
#        PYTHON=python3  SCRATCH=dir (another scratch path for swift build)  OUT=bench/out
set -euo pipefail
cd "$(dirname "$0")/.."
APPLICATIONS=${1:-10000}
REVIEWERS=${2:-2000}
SEED=${3:-1}
PYTHON=${PYTHON:-python3}
OUT=${OUT:-bench/out}
REQUIREMENTS=bench/programme/requirements.txt

# Install the pinned Python requirements only when one is missing or at another version.
if ! "$PYTHON" - "$REQUIREMENTS" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, _, pinned = line.partition("==")
    try:
        if pinned and version(name) != pinned:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
then
    echo "== installing $REQUIREMENTS"
    "$PYTHON" -m pip install --quiet -r "$REQUIREMENTS"
fi

BUILD=(swift build -c release --product programme-bench)
[ -n "${SCRATCH:-}" ] && BUILD+=(--scratch-path "$SCRATCH")
echo "== ${BUILD[*]}"
"${BUILD[@]}" 2>&1 | tail -n 1
BIN=$("${BUILD[@]}" --show-bin-path)/programme-bench

mkdir -p "$OUT"
"$BIN" fields > "$OUT/fields.jsonl"
echo "== generating $APPLICATIONS applications, $REVIEWERS reviewers (seed $SEED) into $OUT/instance.jsonl"
"$PYTHON" bench/programme/generate.py "$OUT/fields.jsonl" "$OUT/instance.jsonl" \
    --applications "$APPLICATIONS" --reviewers "$REVIEWERS" --seed "$SEED"

echo "== Swift: programme-bench assign"
"$BIN" assign "$OUT/instance.jsonl" "$OUT/swift-result.jsonl" "$OUT/swift-conflicts.csv" | tee "$OUT/swift.txt"
echo "== OR-Tools: min-cost flow on the full graph, and the checks"
"$PYTHON" bench/programme/compare.py "$OUT/instance.jsonl" "$OUT/swift-result.jsonl" "$OUT/swift-conflicts.csv" "$OUT" \
    | tee "$OUT/ortools.txt"
echo "== Swift: programme-bench rank 30000"
"$BIN" rank 30000 | tee "$OUT/rank.txt"

swift_time=$(sed -n 's/^swift assignment time: \([0-9.]*\) s.*/\1/p' "$OUT/swift.txt")
swift_total=$(sed -n 's/^swift total affinity: \([0-9]*\)$/\1/p' "$OUT/swift.txt")
or_time=$(sed -n 's/^ortools time: \([0-9.]*\) s.*/\1/p' "$OUT/ortools.txt")
optimum=$(sed -n 's/^ortools optimum: \([0-9]*\)$/\1/p' "$OUT/ortools.txt")
rank_time=$(sed -n 's/^swift ranking time: \([0-9.]*\) s.*/\1/p' "$OUT/rank.txt")
echo "== summary ($APPLICATIONS applications x $REVIEWERS reviewers x 3, seed $SEED; both assignments valid)"
echo "Swift assignment time (1 thread): $swift_time s (goal < 5 s)"
echo "Swift total affinity:             $swift_total"
echo "OR-Tools time (min-cost flow):    $or_time s"
echo "OR-Tools optimum:                 $optimum"
awk -v s="$swift_total" -v o="$optimum" \
    'BEGIN { r = 100 * s / o
             printf "ratio:                            %.4f %% (goal >= 99.5 %%: %s)\n", r, (r >= 99.5 ? "met" : "NOT MET") }'
echo "Swift ranking time (30,000):      $rank_time s (goal < 1 s)"
