#!/usr/bin/env bash
# A throwaway Citus cluster for tests and benchmarks: a coordinator and two workers on free loopback
# ports. `source scripts/citus.sh; citus_start; ...; citus_stop`. Exports CITUS_URL (the coordinator's
# database `yingcai`), CITUS_PORT and CITUS_DIR.
#
# Debian has no Citus package: the first start builds it from the source release in
# ../shared/vendor/citus (build-citus.sh, 3-4 minutes, once per machine). Production installs
# Citus from its own packages (packages.citusdata.com) instead.

citus_start() {
  local here vendor B i
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  vendor=${CITUS_VENDOR:-$here/../shared/vendor/citus}
  B=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null) || { echo "PostgreSQL 15 is not installed" >&2; return 1; }
  if [ ! -f "$(ls -d /usr/lib/postgresql/15/lib)/citus.so" ]; then
    echo "building Citus from $vendor (once per machine)…" >&2
    bash "$vendor/build-citus.sh" >&2 || return 1
  fi
  CITUS_DIR=$(mktemp -d /tmp/yingcai-citus.XXXXXX)
  chown postgres:postgres "$CITUS_DIR"
  local ports=()
  for i in 0 1 2; do ports+=("$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"); done
  for i in 0 1 2; do
    runuser -u postgres -- "$B/initdb" -D "$CITUS_DIR/n$i" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null || return 1
    cat >> "$CITUS_DIR/n$i/postgresql.conf" <<EOF
shared_preload_libraries = 'citus'
listen_addresses = '127.0.0.1'
port = ${ports[$i]}
unix_socket_directories = '$CITUS_DIR'
max_connections = 600
shared_buffers = 256MB
fsync = ${PG_FSYNC:-on}
# Two cores for three nodes: one shard query per worker at a time is what they can run.
citus.max_adaptive_executor_pool_size = 4
EOF
    runuser -u postgres -- "$B/pg_ctl" -D "$CITUS_DIR/n$i" -l "$CITUS_DIR/n$i.log" -w start >/dev/null || { cat "$CITUS_DIR/n$i.log" >&2; return 1; }
    "$B/psql" -X -h 127.0.0.1 -p "${ports[$i]}" -U postgres -qc "CREATE DATABASE yingcai" postgres
    "$B/psql" -X -h 127.0.0.1 -p "${ports[$i]}" -U postgres -qc "CREATE EXTENSION citus" yingcai
  done
  local P="$B/psql -X -h 127.0.0.1 -p ${ports[0]} -U postgres -qAt yingcai"
  $P -c "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" >/dev/null
  $P -c "SELECT citus_add_node('127.0.0.1', ${ports[1]})" >/dev/null
  $P -c "SELECT citus_add_node('127.0.0.1', ${ports[2]})" >/dev/null
  CITUS_PORT=${ports[0]}
  CITUS_URL="postgres://postgres@127.0.0.1:$CITUS_PORT/yingcai"
  export CITUS_URL CITUS_PORT CITUS_DIR
  echo "Citus $($P -c "SELECT citus_version()" | awk '{print $2}') coordinator on 127.0.0.1:$CITUS_PORT, workers on ${ports[1]} and ${ports[2]}" >&2
}

# A database on every node with the extension, for a test that wants its own (the coordinator's
# name for it is the same).
citus_create_db() {
  local name=$1 B=/usr/lib/postgresql/15/bin conf port
  for conf in "$CITUS_DIR"/n*/postgresql.conf; do
    port=$(awk -F' = ' '/^port = /{print $2}' "$conf")
    "$B/psql" -X -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $name" postgres
    "$B/psql" -X -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE EXTENSION citus" "$name"
  done
  local P="$B/psql -X -h 127.0.0.1 -p $CITUS_PORT -U postgres -qAt $name"
  $P -c "SELECT citus_set_coordinator_host('127.0.0.1', $CITUS_PORT)" >/dev/null
  for conf in "$CITUS_DIR"/n[12]/postgresql.conf; do
    port=$(awk -F' = ' '/^port = /{print $2}' "$conf")
    $P -c "SELECT citus_add_node('127.0.0.1', $port)" >/dev/null
  done
}

citus_stop() {
  [ -n "${CITUS_DIR:-}" ] || return 0
  local i
  for i in 0 1 2; do
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$CITUS_DIR/n$i" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$CITUS_DIR"
  CITUS_DIR=
}
