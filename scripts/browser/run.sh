#!/usr/bin/env bash
# The browser suite: the pages' JavaScript against test vectors in Node, then each page in a real
# headless Chromium (Selenium) against a real `yingcai serve`. Needs the debug build of yingcai.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c "import selenium, cryptography" 2>/dev/null || pip install --quiet selenium cryptography
vectors=$(mktemp -d /tmp/yingcai-vectors.XXXXXX)
trap 'rm -rf "$vectors"' EXIT
python3 Tests/Browser/verifier/make_vectors.py --out "$vectors" >/dev/null
VECTORS_DIR="$vectors" node Tests/Browser/verifier/test_verifier.mjs | tail -n 1
for test in scripts/browser/test_*.py; do
  echo "-- $test"
  python3 "$test"
done
