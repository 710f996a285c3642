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
source "$ROOT/scripts/ci/demo_server.sh"
start_demo_server
python3 "$ROOT/scripts/ci/open311_clients.py" "http://127.0.0.1:$PORT"
