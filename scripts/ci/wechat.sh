#!/usr/bin/env bash
# The 公众号 endpoint driven by wechatpy (scripts/ci/wechat_client.py): URL check, binding, filing,
# status, additions, a replay and forgeries, and the template message through a stand-in for
# WeChat's API, against a demo server on SQLite started here on a free loopback port.
#   scripts/ci/wechat.sh        # YINGCAI_BIN defaults to .build/debug/yingcai
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${YINGCAI_BIN:-$ROOT/.build/debug/yingcai}
python3 -c "import wechatpy, cryptography, xmltodict, requests" 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check wechatpy cryptography xmltodict requests
WORK=$(mktemp -d /tmp/yingcai-wechat.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
API_PORT=$(free_port)
TOKEN=yingcaici
APPID=wx1c2d3e4f5a6b7c8d
AES_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode()[:43])')
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
YINGCAI_BCRYPT_COST=4 YINGCAI_DATA_KEY_FILE="$WORK/key" YINGCAI_JOBS_INTERVAL=1 \
YINGCAI_WECHAT_TOKEN=$TOKEN YINGCAI_WECHAT_APPID=$APPID YINGCAI_WECHAT_AES_KEY=$AES_KEY \
YINGCAI_WECHAT_APPSECRET=ci-app-secret YINGCAI_WECHAT_TEMPLATE_ID=CI-TPL-RESOLVED YINGCAI_WECHAT_API_BASE="http://127.0.0.1:$API_PORT" \
  "$BIN" serve --demo --hostname 127.0.0.1 --port "$PORT" --sqlite "$WORK/demo.sqlite" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null || { tail -20 "$WORK/server.log"; exit 1; }
python3 "$ROOT/scripts/ci/wechat_client.py" "http://127.0.0.1:$PORT" "$API_PORT" "$TOKEN" "$APPID" "$AES_KEY" || { tail -20 "$WORK/server.log"; exit 1; }
