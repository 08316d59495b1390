#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for the CDC end-to-end test (cdc-e2e) and for trying the pipeline by hand.
#
#   .ci/postgres.sh start        create and start a cluster in a new temp dir on a free 127.0.0.1 port;
#                                prints its connection facts as KEY=VALUE lines on stdout (shell-sourceable)
#   .ci/postgres.sh env DIR      prints the same facts again for the cluster in DIR
#   .ci/postgres.sh stop DIR     stops the cluster in DIR and deletes DIR
#
# The cluster has wal_level=logical, replication slots and WAL senders for Debezium, a login role with
# REPLICATION and a password, and a database owned by that role. Binaries: $PG_BIN if set, else the newest
# /usr/lib/postgresql/*/bin (Debian/Ubuntu packages), else initdb on the PATH. initdb and postgres refuse to
# run as root, so under uid 0 they run as the `postgres` OS user (created by the Debian package), which owns
# the temp dir. Diagnostics go to stderr; exit status 0 means the cluster is up (or gone, for stop).
set -euo pipefail

PG_ROLE="${PG_ROLE:-cdc}"
PG_DB="${PG_DB:-cdc}"

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/initdb" ] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"
    return
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
    return
  fi
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  die "no PostgreSQL binaries found (looked at \$PG_BIN, /usr/lib/postgresql/*/bin and the PATH); install the 'postgresql' OS package (CI: .ci/apt-packages)"
}

# Runs a command as the cluster owner: the postgres OS user when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_env() {
  local dir="$1"
  [ -f "$dir/harness.env" ] || die "$dir holds no cluster started by this script"
  cat "$dir/harness.env"
}

start() {
  local bin dir data port password attempt
  bin="$(find_bin)"
  if [ "$(id -u)" -eq 0 ]; then
    getent passwd postgres >/dev/null || die "running as root, but there is no 'postgres' OS user to run the server"
    command -v runuser >/dev/null || die "running as root, but runuser is missing"
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/pg-harness.XXXXXX")"
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  data="$dir/data"
  password="pw$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

  if ! as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1; then
    # Older initdb versions lack C.UTF-8 or --no-instructions: retry plainly.
    if ! as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C >>"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      rm -rf "$dir"
      die "initdb failed (log above)"
    fi
  fi
  cat >>"$data/pg_hba.conf" <<EOF
host replication all 127.0.0.1/32 scram-sha-256
EOF

  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$port" && continue
    cat >"$data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
wal_level = logical
max_replication_slots = 10
max_wal_senders = 10
timezone = 'UTC'
log_timezone = 'UTC'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 40
EOF
    if as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 start >/dev/null 2>>"$dir/pg_ctl.log"; then
      break
    fi
    port=""
    grep -q "could not bind\|Address already in use" "$dir/postgres.log" 2>/dev/null || break
  done
  if [ -z "$port" ]; then
    cat "$dir/postgres.log" "$dir/pg_ctl.log" >&2 2>/dev/null || true
    rm -rf "$dir"
    die "postgres did not start (log above)"
  fi

  if ! as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
      -c "CREATE ROLE $PG_ROLE WITH LOGIN REPLICATION PASSWORD '$password'" \
      -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE" >"$dir/setup.log" 2>&1; then
    cat "$dir/setup.log" >&2
    as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    die "creating role/database failed (log above)"
  fi

  cat >"$dir/harness.env" <<EOF
PG_HARNESS_DIR=$dir
PG_BIN=$bin
PGHOST=127.0.0.1
PGPORT=$port
PGDATABASE=$PG_DB
PGUSER=$PG_ROLE
PGPASSWORD=$password
PG_JDBC_URL=jdbc:postgresql://127.0.0.1:$port/$PG_DB
EOF
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') up on 127.0.0.1:$port, dir $dir" >&2
  print_env "$dir"
}

stop() {
  local dir="${1:-${PG_HARNESS_DIR:-}}"
  [ -n "$dir" ] || die "usage: $0 stop DIR"
  [ -d "$dir" ] || { echo "postgres.sh: $dir is already gone" >&2; return 0; }
  [ -f "$dir/harness.env" ] || [ -d "$dir/data" ] || die "$dir holds no cluster started by this script"
  local bin
  bin="$(sed -n 's/^PG_BIN=//p' "$dir/harness.env" 2>/dev/null || true)"
  [ -n "$bin" ] || bin="$(find_bin)"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  echo "postgres.sh: stopped and removed $dir" >&2
}

case "${1:-}" in
  start) start ;;
  env) [ -n "${2:-}" ] || die "usage: $0 env DIR"; print_env "$2" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | env DIR | stop DIR" >&2; exit 2 ;;
esac
