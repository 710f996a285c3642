#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: `source scripts/postgres.sh; pg_start; ...; pg_stop`.
# Installs PostgreSQL from Debian when missing, creates a cluster under a temporary folder on a free
# port (loopback only), and exports PG_URL. pg_stop removes it again; callers trap it on EXIT.
# max_connections 600: the test suite runs about a hundred tests at once, each with a pool of up to
# four connections (the figures use four side by side) and an admin connection; at 300 the server
# turned connections away ("too many clients") and a test could not start.

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "installing PostgreSQL from Debian…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_start() {
  PG_BINDIR=$(pg_bin)
  PG_DIR=$(mktemp -d /tmp/yingcai-pg.XXXXXX)
  PG_PORT=$(pg_free_port)
  local run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$PG_BINDIR/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=600 -c shared_buffers=512MB -c fsync=${PG_FSYNC:-on}" >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; return 1; }
  "$PG_BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE yingcai" postgres
  export PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/yingcai"
  export PG_BINDIR PG_DIR PG_PORT
  echo "PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}
