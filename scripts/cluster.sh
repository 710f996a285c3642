#!/usr/bin/env bash
# Several `yingcai serve` instances on one PostgreSQL behind nginx (Debian's), on loopback ports,
# optionally with PgBouncer in transaction mode between the instances and the database.
#
#   DATABASE_URL=postgres://… scripts/cluster.sh start N   N instances and nginx; prints the URL
#   scripts/cluster.sh roll                                 rolling restart, one instance at a time
#   scripts/cluster.sh status                               each instance's /readyz
#   scripts/cluster.sh stop                                 stops everything it started
#
# Settings (environment): CLUSTER_DIR (default /tmp/yingcai-cluster: configs, logs, pids, the shared
# uploads folder), CLUSTER_PORT (nginx's port; default a free one), YINGCAI_BIN (default the debug
# build), PGBOUNCER=1 (put PgBouncer in transaction mode in front of DATABASE_URL), and every
# YINGCAI_* variable the instances should get (YINGCAI_DATA_KEY, YINGCAI_CODE_KEY_FILE, …).
#
# A rolling restart takes an instance out of nginx's upstream (a graceful reload: the old workers
# finish the requests they hold), sends it SIGTERM (it drains for YINGCAI_DRAIN_SECONDS with
# `/readyz` at 503, then finishes its requests in flight), starts it again, waits for `/readyz`,
# and puts it back. No acknowledged request is lost: see scripts/ci/cluster_roll.py.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${CLUSTER_DIR:-/tmp/yingcai-cluster}
BIN=${YINGCAI_BIN:-.build/debug/yingcai}
BIN=$(readlink -f "$BIN")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

need_packages() {
  local need=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
  if [ "${PGBOUNCER:-0}" = 1 ]; then command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || need+=(pgbouncer); fi
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} from Debian…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # The package starts its own service on port 80 or 6432; this script runs its own.
    service nginx stop >/dev/null 2>&1 || true
    service pgbouncer stop >/dev/null 2>&1 || true
  fi
}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

ready() { curl -fsS -m 2 "http://127.0.0.1:$1/readyz" >/dev/null 2>&1; }

# The instances' ports, one per line, in $DIR/ports.
ports() { cat "$DIR/ports"; }

# nginx's upstream: every instance, except the one given (taken out for its restart).
write_upstream() {
  local out=$1 p
  {
    echo "upstream yingcai {"
    echo "  least_conn;"
    for p in $(ports); do
      if [ "$p" = "$out" ]; then echo "  server 127.0.0.1:$p down;"; else echo "  server 127.0.0.1:$p max_fails=1 fail_timeout=2s;"; fi
    done
    echo "  keepalive 64;"
    echo "}"
  } > "$DIR/upstream.conf"
}

# A graceful reload, then wait until the workers of the old configuration have finished their
# requests and exited: from then on nothing reaches the instance taken out.
reload_nginx() {
  local old
  old=$(pgrep -P "$(cat "$DIR/nginx.pid")" | sort)
  "$NGINX" -p "$DIR" -c "$DIR/nginx.conf" -s reload 2>/dev/null
  for _ in $(seq 1 300); do
    local left=0 w
    for w in $old; do kill -0 "$w" 2>/dev/null && left=1; done
    [ $left = 0 ] && return 0
    sleep 0.1
  done
  echo "nginx's old workers did not finish within 30 s" >&2
  return 1
}

start_instance() {
  local i=$1 port=$2
  YINGCAI_UPLOADS_DIR=${YINGCAI_UPLOADS_DIR:-$DIR/uploads} YINGCAI_DRAIN_SECONDS=${YINGCAI_DRAIN_SECONDS:-2} DATABASE_URL="$(cat "$DIR/database-url")" \
    nohup "$BIN" serve --hostname 127.0.0.1 --port "$port" >>"$DIR/instance-$i.log" 2>&1 &
  echo $! > "$DIR/instance-$i.pid"
  for _ in $(seq 1 600); do
    ready "$port" && return 0
    kill -0 "$(cat "$DIR/instance-$i.pid")" 2>/dev/null || { echo "instance $i exited; see $DIR/instance-$i.log" >&2; tail -n 20 "$DIR/instance-$i.log" >&2; return 1; }
    sleep 0.1
  done
  echo "instance $i did not become ready within 60 s" >&2
  return 1
}

stop_instance() {
  local i=$1 pid
  [ -f "$DIR/instance-$i.pid" ] || return 0
  pid=$(cat "$DIR/instance-$i.pid")
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "instance $i did not stop within 30 s: killed" >&2; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$DIR/instance-$i.pid"
}

start_pgbouncer() {
  local url=$1 port
  port=$(free_port)
  PGB_DIR=$(mktemp -d /tmp/yingcai-pgbouncer.XXXXXX)
  echo "$PGB_DIR" > "$DIR/pgbouncer-dir"
  # postgres://user[:pass]@host:port/db
  python3 - "$url" "$port" "$DIR" "$PGB_DIR" <<'PY'
import sys, urllib.parse
url, port, d, run = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
u = urllib.parse.urlparse(url)
db = u.path.lstrip("/")
password = f" password={u.password}" if u.password else ""
open(f"{d}/pgbouncer.ini", "w").write(f"""[databases]
{db} = host={u.hostname} port={u.port or 5432} dbname={db}{password}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {d}/userlist.txt
pool_mode = transaction
max_client_conn = 2000
default_pool_size = 20
; PostgresNIO sends these at startup; PgBouncer 1.18 would refuse them. The database carries them
; instead (ALTER DATABASE … SET, below).
ignore_startup_parameters = jit,statement_timeout,lock_timeout,idle_in_transaction_session_timeout,search_path
logfile = {run}/pgbouncer.log
pidfile = {run}/pgbouncer.pid
""")
open(f"{d}/userlist.txt", "w").write(f'"{u.username}" ""\n')
user = f"{u.username}:{u.password}@" if u.password else f"{u.username}@"
# PgBouncer 1.18 in transaction mode moves a session's statements between server connections: no
# statements kept prepared on them (PgBouncer 1.21 with max_prepared_statements would carry them).
open(f"{d}/database-url", "w").write(f"postgres://{user}127.0.0.1:{port}/{db}?prepared_statements=off\n")
PY
  # PgBouncer refuses to run as root: as root, it reads its configuration, becomes postgres and
  # then writes its log and pid in a folder of its own (the cluster's may be closed to others).
  local as=()
  [ "$(id -u)" = 0 ] && { chown postgres "$PGB_DIR"; as=(-u postgres); }
  "$(command -v pgbouncer || echo /usr/sbin/pgbouncer)" -d "${as[@]}" "$DIR/pgbouncer.ini"
  # What PostgresNIO sets per connection (Storage/PostgresBackend.swift, Limits), set on the
  # database for every connection instead.
  local db
  db=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).path.lstrip("/"))' "$url")
  psql -X -q "$url" -c "ALTER DATABASE \"$db\" SET jit = off" -c "ALTER DATABASE \"$db\" SET statement_timeout = '15s'" \
    -c "ALTER DATABASE \"$db\" SET lock_timeout = '3s'" -c "ALTER DATABASE \"$db\" SET idle_in_transaction_session_timeout = '60s'"
  for _ in $(seq 1 50); do psql -X -q "$(sed "s/?.*//" "$DIR/database-url")" -c "SELECT 1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "PgBouncer did not answer; see $PGB_DIR/pgbouncer.log" >&2
  return 1
}

cmd=${1:-}
case "$cmd" in
  start)
    n=${2:?"usage: cluster.sh start N"}
    : "${DATABASE_URL:?"DATABASE_URL must point at PostgreSQL"}"
    [ -x "$BIN" ] || { echo "no yingcai binary at $BIN: swift build first, or set YINGCAI_BIN" >&2; exit 1; }
    need_packages
    if [ -f "$DIR/nginx.pid" ]; then echo "a cluster already runs in $DIR: cluster.sh stop first" >&2; exit 1; fi
    mkdir -p "$DIR/tmp" "${YINGCAI_UPLOADS_DIR:-$DIR/uploads}"
    chmod 777 "$DIR/tmp"
    echo "$DATABASE_URL" > "$DIR/database-url"
    [ "${PGBOUNCER:-0}" = 1 ] && start_pgbouncer "$DATABASE_URL"
    "$BIN" migrate >/dev/null
    : > "$DIR/ports"
    for i in $(seq 1 "$n"); do free_port >> "$DIR/ports"; done
    i=0 pids=()
    for p in $(ports); do i=$((i + 1)); start_instance $i "$p" & pids+=($!); done
    for pid in "${pids[@]}"; do wait "$pid" || { echo "an instance did not start" >&2; exit 1; }; done
    port=${CLUSTER_PORT:-$(free_port)}
    write_upstream none
    cat > "$DIR/nginx.conf" <<EOF
worker_processes 2;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $DIR/tmp/body;
  proxy_temp_path $DIR/tmp/proxy;
  fastcgi_temp_path $DIR/tmp/fastcgi;
  uwsgi_temp_path $DIR/tmp/uwsgi;
  scgi_temp_path $DIR/tmp/scgi;
  client_max_body_size 32m;
  include $DIR/upstream.conf;
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://yingcai;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A request nginx could not hand to an instance (refused, reset before sending) goes to the
      # next one; a request already sent is not sent twice (POST is not idempotent to nginx).
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      proxy_buffering off;
    }
  }
}
EOF
    "$NGINX" -p "$DIR" -c "$DIR/nginx.conf" -t -q
    "$NGINX" -p "$DIR" -c "$DIR/nginx.conf"
    echo "http://127.0.0.1:$port" > "$DIR/url"
    echo "$n instances behind nginx at $(cat "$DIR/url")$([ "${PGBOUNCER:-0}" = 1 ] && echo ", through PgBouncer")" >&2
    cat "$DIR/url"
    ;;
  roll)
    [ -f "$DIR/ports" ] || { echo "no cluster in $DIR" >&2; exit 1; }
    i=0
    for p in $(ports); do
      i=$((i + 1))
      t0=$(date +%s%3N)
      write_upstream "$p"; reload_nginx
      stop_instance $i
      start_instance $i "$p"
      write_upstream none; reload_nginx
      echo "instance $i (port $p) restarted in $(( $(date +%s%3N) - t0 )) ms" >&2
    done
    ;;
  status)
    i=0
    for p in $(ports); do
      i=$((i + 1))
      printf 'instance %d  127.0.0.1:%s  %s\n' $i "$p" "$(curl -s -m 2 "http://127.0.0.1:$p/readyz" || echo down)"
    done
    echo "nginx  $(cat "$DIR/url" 2>/dev/null)"
    ;;
  stop)
    if [ -f "$DIR/nginx.pid" ]; then "$NGINX" -p "$DIR" -c "$DIR/nginx.conf" -s quit 2>/dev/null || true; fi
    for f in "$DIR"/instance-*.pid; do [ -f "$f" ] || continue; i=${f##*/instance-}; stop_instance "${i%.pid}" & done
    wait
    if [ -f "$DIR/pgbouncer-dir" ]; then
      pgb=$(cat "$DIR/pgbouncer-dir")
      [ -f "$pgb/pgbouncer.pid" ] && kill "$(cat "$pgb/pgbouncer.pid")" 2>/dev/null || true
      rm -rf "$pgb"
    fi
    for _ in $(seq 1 50); do [ -f "$DIR/nginx.pid" ] || break; sleep 0.1; done
    rm -rf "$DIR"
    ;;
  *)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
