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
source "$ROOT/scripts/ci/demo_server.sh"
API_PORT=$(free_port)
TOKEN=yingcaici
APPID=wx1c2d3e4f5a6b7c8d
AES_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode()[:43])')
start_demo_server YINGCAI_JOBS_INTERVAL=1 YINGCAI_WECHAT_TOKEN=$TOKEN YINGCAI_WECHAT_APPID=$APPID YINGCAI_WECHAT_AES_KEY="$AES_KEY" \
  YINGCAI_WECHAT_APPSECRET=ci-app-secret YINGCAI_WECHAT_TEMPLATE_ID=CI-TPL-RESOLVED YINGCAI_WECHAT_API_BASE="http://127.0.0.1:$API_PORT"
python3 "$ROOT/scripts/ci/wechat_client.py" "http://127.0.0.1:$PORT" "$API_PORT" "$TOKEN" "$APPID" "$AES_KEY" || { tail -20 "$WORK/server.log"; exit 1; }
