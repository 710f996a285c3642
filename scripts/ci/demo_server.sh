# Sourced by the CI scripts that drive a demo server: `start_demo_server [VAR=value …]` serves the
# demo on SQLite in a fresh folder on a free loopback port (PORT, SERVER, WORK are set), and it is
# stopped and the folder removed on exit. BIN is the yingcai binary.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/yingcai-ci.XXXXXX)
SERVER=
cleanup_demo_server() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup_demo_server EXIT
start_demo_server() {
  PORT=$(free_port)
  env YINGCAI_BCRYPT_COST=4 YINGCAI_DATA_KEY_FILE="$WORK/key" "$@" \
    "$BIN" serve --demo --hostname 127.0.0.1 --port "$PORT" --sqlite "$WORK/demo.sqlite" > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && return 0; sleep 0.2; done
  tail -20 "$WORK/server.log"
  return 1
}
