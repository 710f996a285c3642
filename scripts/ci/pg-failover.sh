#!/usr/bin/env bash
# A throwaway pg_auto_failover formation on loopback ports: a monitor, a primary and a secondary
# with synchronous replication (Debian's postgresql-NN-auto-failover, run as the postgres user),
# everything under one temporary folder.
#
#   source scripts/ci/pg-failover.sh; pgaf_start; …$PGAF_URL…; pgaf_switchover; pgaf_stop
#   scripts/ci/pg-failover.sh start        # prints PGAF_* assignments (eval-able); leaves it running
#   scripts/ci/pg-failover.sh switchover DIR
#   scripts/ci/pg-failover.sh stop DIR     # stops the formation started in DIR and removes DIR
#   scripts/ci/pg-failover.sh demo         # start, show the state and the URL, switch over, stop
#
# pgaf_start exports PGAF_DIR, PGAF_BINDIR, PGAF_MONITOR_PORT, PGAF_PORTS ("p1 p2"), PGAF_MONITOR
# (the monitor's URL) and PGAF_URL, the multi-host URL that libpq-style clients use to find the
# primary by themselves:
#   postgres://postgres@127.0.0.1:P1,127.0.0.1:P2/yingcai?target_session_attrs=read-write
# Callers trap pgaf_stop on EXIT.

pgaf_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/lib/pgautofailover.so 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || ! command -v pg_autoctl >/dev/null; then
    echo "installing pg_auto_failover from Debian…" >&2
    export DEBIAN_FRONTEND=noninteractive
    local major
    major=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
    { [ -n "$major" ] || { apt-get update -qq && apt-get install -y -qq postgresql-common; }; } >&2
    major=${major:-$(apt-cache search --names-only '^postgresql-[0-9]+-auto-failover$' | sed -E 's/^postgresql-([0-9]+).*/\1/' | sort -V | tail -n 1)}
    { apt-get install -y -qq "postgresql-$major-auto-failover" || { apt-get update -qq && apt-get install -y -qq "postgresql-$major-auto-failover"; }; } >&2
    dir=$(ls -d /usr/lib/postgresql/*/lib/pgautofailover.so | sort -V | tail -n 1)
  fi
  echo "$(dirname "$(dirname "$dir")")/bin"
}

pgaf_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the postgres user (pg_autoctl refuses root) in the formation's environment.
pgaf_as() {
  local env=(env "PATH=$PGAF_BINDIR:/usr/bin:/bin" "HOME=$PGAF_DIR" "XDG_CONFIG_HOME=$PGAF_DIR/xdg/config"
             "XDG_DATA_HOME=$PGAF_DIR/xdg/data" "XDG_RUNTIME_DIR=$PGAF_DIR/xdg/run" "PG_CONFIG=$PGAF_BINDIR/pg_config")
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${env[@]}" "$@"; else "${env[@]}" "$@"; fi
}

# pgaf_log LOG COMMAND…: pgaf_as with the output appended to LOG, in a subshell that execs its
# redirections. (Redirecting a function call instead makes bash keep a copy of the caller's stdout
# on a high descriptor, which the postgres daemons inherit: `$(pg-failover.sh start)` would then
# wait for the formation to end.) Descriptor 3 (start's stdout, see below) is closed too.
pgaf_log() {
  local log=$1
  shift
  ( exec >>"$log" 2>&1 </dev/null 3>&-; pgaf_as "$@" )
}

pgaf_psql() {  # pgaf_psql PORT SQL [DB]
  "$PGAF_BINDIR/psql" -X -qtA -h 127.0.0.1 -p "$1" -U postgres -d "${3:-yingcai}" -c "$2"
}

# Starts `pg_autoctl run` for one node in the background, in its own session (so that it outlives
# the shell that started it), recording its pid.
pgaf_run() {
  local name=$1
  # The background subshell redirects itself first: it waits for pg_autoctl as long as it runs.
  ( exec >>"$PGAF_DIR/$name.log" 2>&1 </dev/null 3>&-; pgaf_as setsid pg_autoctl run --pgdata "$PGAF_DIR/$name" ) &
  echo $! >"$PGAF_DIR/$name.pid"
}

# Waits until the monitor reports every node in the given states, e.g. `pgaf_wait primary secondary`.
pgaf_wait() {
  local want="$*" got deadline=$((SECONDS + ${PGAF_WAIT:-120}))
  while [ $SECONDS -lt $deadline ]; do
    got=$(pgaf_psql "$PGAF_MONITOR_PORT" \
      "SELECT string_agg(reportedstate::text, ' ' ORDER BY nodeid) FROM pgautofailover.node WHERE reportedstate = goalstate" \
      pg_auto_failover 2>/dev/null)
    if [ "$(echo "$got" | tr ' ' '\n' | sort | xargs)" = "$(echo "$want" | tr ' ' '\n' | sort | xargs)" ]; then return 0; fi
    sleep 0.5
  done
  echo "pg_auto_failover: nodes not in states '$want' after ${PGAF_WAIT:-120}s (have '$got')" >&2
  pgaf_as pg_autoctl show state --pgdata "$PGAF_DIR/monitor" >&2 || true
  return 1
}

pgaf_start() {
  PGAF_BINDIR=$(pgaf_bindir) || return 1
  # PGAF_WORKDIR: an empty folder to use (so that a caller knows what to clean even if start fails).
  if [ -n "${PGAF_WORKDIR:-}" ]; then PGAF_DIR=$PGAF_WORKDIR; else PGAF_DIR=$(mktemp -d /tmp/yingcai-pgaf.XXXXXX); fi
  mkdir -p "$PGAF_DIR/xdg/config" "$PGAF_DIR/xdg/data" "$PGAF_DIR/xdg/run"
  chmod 700 "$PGAF_DIR/xdg/run"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PGAF_DIR"
  PGAF_MONITOR_PORT=$(pgaf_free_port)
  local p1 p2
  p1=$(pgaf_free_port); p2=$(pgaf_free_port)
  while [ "$p2" = "$p1" ] || [ "$p2" = "$PGAF_MONITOR_PORT" ]; do p2=$(pgaf_free_port); done
  PGAF_PORTS="$p1 $p2"
  export PGAF_DIR PGAF_BINDIR PGAF_MONITOR_PORT PGAF_PORTS

  # The monitor. `create monitor` has no --listen and `pg_autoctl run` starts its postgres with
  # `-h *`: the listen address is set in the monitor's pg_autoctl configuration before it runs.
  pgaf_log "$PGAF_DIR/monitor.log" pg_autoctl create monitor --pgdata "$PGAF_DIR/monitor" --pgport "$PGAF_MONITOR_PORT" \
    --hostname 127.0.0.1 --auth trust --no-ssl \
    || { cat "$PGAF_DIR/monitor.log" >&2; return 1; }
  pgaf_log "$PGAF_DIR/monitor.log" pg_autoctl config set --pgdata "$PGAF_DIR/monitor" postgresql.listen_addresses 127.0.0.1 \
    || { cat "$PGAF_DIR/monitor.log" >&2; return 1; }
  pgaf_run monitor
  PGAF_MONITOR="postgres://autoctl_node@127.0.0.1:$PGAF_MONITOR_PORT/pg_auto_failover?sslmode=disable"
  export PGAF_MONITOR
  local i=0
  until pgaf_psql "$PGAF_MONITOR_PORT" "SELECT 1" pg_auto_failover >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -lt 120 ] || { cat "$PGAF_DIR/monitor.log" >&2; return 1; }; sleep 0.5
  done

  # Two data nodes, one after the other: the first becomes the primary, the second its secondary.
  # Both take part in the replication quorum, so the primary commits only once the secondary has
  # the WAL (synchronous_standby_names = 'ANY 1 (…)'). fsync stays on: this is about durability.
  local n=0 port
  for port in $PGAF_PORTS; do
    n=$((n + 1))
    pgaf_log "$PGAF_DIR/node$n.log" pg_autoctl create postgres --pgdata "$PGAF_DIR/node$n" --pgport "$port" \
      --listen 127.0.0.1 --hostname 127.0.0.1 --name "node$n" --dbname yingcai --monitor "$PGAF_MONITOR" \
      --auth trust --no-ssl --replication-quorum true --candidate-priority 50 \
      || { cat "$PGAF_DIR/node$n.log" >&2; return 1; }
    pgaf_run "node$n"
    if [ $n = 1 ]; then pgaf_wait single || return 1; else pgaf_wait primary secondary || return 1; fi
  done
  # The application connects as postgres over TCP from 127.0.0.1 to either node.
  for n in 1 2; do
    grep -q "^host all postgres 127.0.0.1/32 trust" "$PGAF_DIR/node$n/pg_hba.conf" \
      || echo "host all postgres 127.0.0.1/32 trust" >>"$PGAF_DIR/node$n/pg_hba.conf"
  done
  for port in $PGAF_PORTS; do pgaf_psql "$port" "SELECT pg_reload_conf()" postgres >/dev/null; done
  # Not the default 'default' max_connections of 100 per node being a limit: the app uses 8.
  PGAF_URL="postgres://postgres@127.0.0.1:$p1,127.0.0.1:$p2/yingcai?target_session_attrs=read-write"
  export PGAF_URL
  # For `pg-failover.sh stop|switchover DIR` from another process.
  printf "PGAF_%s='%s'\n" DIR "$PGAF_DIR" BINDIR "$PGAF_BINDIR" MONITOR_PORT "$PGAF_MONITOR_PORT" PORTS "$PGAF_PORTS" \
    MONITOR "$PGAF_MONITOR" URL "$PGAF_URL" >"$PGAF_DIR/env"
  echo "pg_auto_failover: monitor 127.0.0.1:$PGAF_MONITOR_PORT, nodes 127.0.0.1:$p1 (primary) and 127.0.0.1:$p2;" \
       "synchronous_standby_names = $(pgaf_psql "$p1" "SHOW synchronous_standby_names" postgres)" >&2
}

# The port of the node that is primary now (asks the monitor).
pgaf_primary_port() {
  pgaf_psql "$PGAF_MONITOR_PORT" \
    "SELECT nodeport FROM pgautofailover.node WHERE reportedstate = 'primary' AND goalstate = 'primary'" pg_auto_failover
}

pgaf_switchover() {  # returns once the old secondary is primary and the old primary is its secondary
  pgaf_log "$PGAF_DIR/switchover.log" pg_autoctl perform switchover --pgdata "$PGAF_DIR/monitor" --wait "${1:-60}" \
    || { tail -n 20 "$PGAF_DIR/switchover.log" >&2; return 1; }
  pgaf_wait primary secondary
}

pgaf_stop() {
  [ -n "${PGAF_DIR:-}" ] && [ -d "$PGAF_DIR" ] || return 0
  local name pid
  for name in node2 node1 monitor; do
    [ -d "$PGAF_DIR/$name" ] && pgaf_log /dev/null pg_autoctl stop --pgdata "$PGAF_DIR/$name"
  done
  for name in node2 node1 monitor; do
    pid=$(cat "$PGAF_DIR/$name.pid" 2>/dev/null) || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  done
  # Any postgres left behind (pg_autoctl killed before it could stop its own) is stopped by its data dir.
  for name in node2 node1 monitor; do
    [ -f "$PGAF_DIR/$name/postmaster.pid" ] && pgaf_log /dev/null "$PGAF_BINDIR/pg_ctl" -D "$PGAF_DIR/$name" -m immediate -w stop
  done
  rm -rf "$PGAF_DIR"
  PGAF_DIR=
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-demo}" in
    start)
      exec 3>&1 1>&2   # the assignments go to fd 3, everything else to stderr; children never get fd 3
      pgaf_start || { pgaf_stop; exit 1; }
      cat "$PGAF_DIR/env" >&3 ;;
    stop)
      PGAF_DIR=${2:?usage: pg-failover.sh stop DIR}
      [ -d "$PGAF_DIR" ] || exit 0
      if [ -f "$PGAF_DIR/env" ]; then source "$PGAF_DIR/env"; else PGAF_BINDIR=$(pgaf_bindir); fi
      pgaf_stop ;;
    switchover)
      source "${2:?usage: pg-failover.sh switchover DIR}/env"; pgaf_switchover ;;
    demo)
      trap pgaf_stop EXIT
      pgaf_start
      echo "DATABASE_URL=$PGAF_URL"
      pgaf_as pg_autoctl show state --pgdata "$PGAF_DIR/monitor"
      echo "primary on port $(pgaf_primary_port); switching over…"
      pgaf_switchover
      pgaf_as pg_autoctl show state --pgdata "$PGAF_DIR/monitor"
      echo "primary on port $(pgaf_primary_port)" ;;
    *) echo "usage: $0 [start|stop DIR|switchover DIR|demo]" >&2; exit 2 ;;
  esac
fi
