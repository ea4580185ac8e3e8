#!/usr/bin/env bash
# A throw-away PostgreSQL server on 127.0.0.1 for the test suite and the benchmarks.
#
#   scripts/pg-test-server.sh start DIR [--fast]   initdb into DIR/data, start on a free port,
#                                                  print the SQLAlchemy URL on stdout
#   scripts/pg-test-server.sh stop DIR             stop it (DIR stays; remove it yourself)
#
# Needs Debian's 'postgresql' package (scripts/install.sh --dev installs it). The server
# refuses to run as root, so as root it runs as the 'postgres' user and DIR is given to that
# user. Trust authentication, loopback only, the socket in DIR: nothing outside DIR changes.
# --fast turns fsync off (tests only: a crash may lose the cluster, which is thrown away).
set -euo pipefail

die() { echo "pg-test-server.sh: $*" >&2; exit 1; }

action=${1:-} dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || die "usage: $0 start|stop DIR [--fast]"
fast=0
[ "${3:-}" = "--fast" ] && fast=1

bindir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  # Debian keeps the server programs out of PATH, one folder per major version.
  local found
  found=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null |
    sort -V | tail -n 1)
  [ -n "$found" ] || die "PostgreSQL is not installed (Debian: apt-get install postgresql)"
  echo "$found"
}

as_owner() {  # run a server program as the owner of the cluster
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {  # a port nothing listens on now (another program may still take it: retried)
  local python=python3
  command -v python3 >/dev/null 2>&1 || python="$(dirname "$0")/../.venv/bin/python"
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bin=$(bindir)
case "$action" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the server as (install postgresql)"
      chown postgres: "$dir"
      runuser -u postgres -- test -w "$dir" ||
        die "the postgres user cannot reach $dir: use a folder under /tmp (e.g. mktemp -d)"
    fi
    # -E UTF8: without it a machine with no LANG gets an SQL_ASCII cluster psycopg refuses.
    log=$(as_owner "$bin/initdb" -D "$dir/data" --auth=trust -E UTF8 --no-locale --no-sync \
      -U postgres 2>&1) || { echo "$log" >&2; die "initdb failed"; }
    for attempt in 1 2 3; do
      port=$(free_port)
      options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
      if [ "$fast" = 1 ]; then
        options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      fi
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 \
        start >/dev/null; then
        echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
        exit 0
      fi
      grep -q "could not bind\|already in use" "$dir/server.log" || break
      echo "pg-test-server.sh: port $port was taken meanwhile; attempt $attempt of 3" >&2
    done
    cat "$dir/server.log" >&2
    die "the server did not start"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  *) die "unknown action '$action' (start or stop)" ;;
esac
