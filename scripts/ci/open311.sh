#!/usr/bin/env bash
# Open311 with real clients (scripts/ci/open311_clients.py: PyPI georeport, a FixMyStreet-style POST,
# jsonschema against the Open311 schemas) against a demo server on SQLite, started here on a free
# loopback port and stopped on exit.
#   scripts/ci/open311.sh        # YINGCAI_BIN defaults to .build/debug/yingcai
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${YINGCAI_BIN:-$ROOT/.build/debug/yingcai}
python3 -c "import georeport, jsonschema, referencing, xmltodict, requests" 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check georeport jsonschema xmltodict requests
WORK=$(mktemp -d /tmp/yingcai-open311.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
YINGCAI_BCRYPT_COST=4 YINGCAI_DATA_KEY_FILE="$WORK/key" "$BIN" serve --demo --hostname 127.0.0.1 --port "$PORT" --sqlite "$WORK/demo.sqlite" \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null || { tail -20 "$WORK/server.log"; exit 1; }
python3 "$ROOT/scripts/ci/open311_clients.py" "http://127.0.0.1:$PORT"
