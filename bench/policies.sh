#!/usr/bin/env bash
# Issue 4 figures: the three example policies over N generated talents (default 1,000,000), one
# core, evaluated by Yingcai's PolicyLanguage (policy-bench) and by OpenFisca (bench/openfisca,
# numpy-vectorised) on exactly the same talents; checks that both give the same tallies.
# Usage: bench/policies.sh [N]      (SCRATCH=dir to build in another scratch path; PYTHON=python3)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-${N:-1000000}}
PYTHON=${PYTHON:-python3}
REQUIREMENTS=bench/openfisca/requirements.txt

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

BUILD=(swift build -c release --product policy-bench)
[ -n "${SCRATCH:-}" ] && BUILD+=(--scratch-path "$SCRATCH")
"${BUILD[@]}" 2>&1 | tail -n 1
BIN=$("${BUILD[@]}" --show-bin-path)/policy-bench

WORK=$(mktemp -d /tmp/yingcai-policies.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== Yingcai PolicyLanguage: policy-bench $N"
"$BIN" "$N" --csv "$WORK/talents.csv" | tee "$WORK/swift.txt"
echo "== OpenFisca"
"$PYTHON" bench/openfisca/run.py "$WORK/talents.csv" | tee "$WORK/openfisca.txt"

if ! diff <(grep '^policy ' "$WORK/swift.txt") <(grep '^policy ' "$WORK/openfisca.txt") >/dev/null \
    || [ "$(grep -c '^policy ' "$WORK/swift.txt")" -ne 3 ]; then
    echo "MISMATCH: the two evaluators disagree on the tallies:"
    diff <(grep '^policy ' "$WORK/swift.txt") <(grep '^policy ' "$WORK/openfisca.txt") || true
    exit 1
fi

yingcai=$(sed -n 's/^3 policies, 1 core, in place: \([0-9]*\) persons\/s.*/\1/p' "$WORK/swift.txt")
openfisca=$(sed -n 's/^3 policies, openfisca: \([0-9]*\) persons\/s.*/\1/p' "$WORK/openfisca.txt")
echo "== summary ($N talents, 3 policies, 1 core; tallies agree)"
echo "Yingcai PolicyLanguage (in place): $yingcai persons/s"
echo "OpenFisca $(sed -n 's/^openfisca-core: *\([^,]*\),.*/\1/p' "$WORK/openfisca.txt") (numpy):     $openfisca persons/s"
awk -v y="$yingcai" -v o="$openfisca" 'BEGIN { r = y / o; printf "ratio: %.1fx (goal >= 10x: %s)\n", r, (r >= 10 ? "met" : "not met") }'
