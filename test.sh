#!/usr/bin/env bash
# Runs the whole test suite the way CI does: installs what the tests need when it is missing, starts a throwaway
# PostgreSQL on a free loopback port for the PostgreSQL half of the storage tests, runs `dotnet test` on the
# solution, and removes the server again, whatever happens. Extra arguments go to dotnet test (e.g. --filter X).
# The exit code is dotnet test's.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf 'test.sh: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=0
apt_install() {
  [ "$APT_UPDATED" -eq 1 ] || { as_root apt-get update -qq; APT_UPDATED=1; }
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Debian keeps initdb and pg_ctl in /usr/lib/postgresql/VERSION/bin, outside PATH.
pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  find /usr/lib/postgresql -mindepth 2 -maxdepth 3 -type f -name initdb -path '*/bin/*' 2>/dev/null \
    | sort -V | tail -n1 | xargs -r dirname
}

PGBIN="$(pg_bin)"
if [ -z "$PGBIN" ]; then
  apt_install postgresql
  PGBIN="$(pg_bin)"
  [ -n "$PGBIN" ] || { log "initdb not found after installing postgresql"; exit 1; }
fi
if [ -d tests/Paperboy.BrowserTests ] && ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi
# Exports and feeds are also checked by the parsers other tools use: pybtex (BibTeX) and feedparser (Atom, RSS).
PYTHON_PACKAGES=()
python3 -c 'import pybtex' >/dev/null 2>&1 || PYTHON_PACKAGES+=(python3-pybtex)
python3 -c 'import feedparser' >/dev/null 2>&1 || PYTHON_PACKAGES+=(python3-feedparser)
[ "${#PYTHON_PACKAGES[@]}" -eq 0 ] || apt_install "${PYTHON_PACKAGES[@]}"

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user, which owns its folder.
PGROOT="$(mktemp -d /tmp/paperboy-test-pg.XXXXXX)"
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PGROOT" --shell /bin/sh postgres
  chown postgres "$PGROOT"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

cleanup() {
  if [ -f "$PGROOT/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGROOT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_pg "$PGBIN/initdb" -D "$PGROOT/data" -A trust -U postgres -E UTF8 --no-sync >"$PGROOT/initdb.log" 2>&1 \
  || { cat "$PGROOT/initdb.log" >&2; exit 1; }

# A free port is found by trying: another process may take one between the check and the start.
PGPORT=""
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 30000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
  # Durability is not what the tests check: fsync and friends off make each test database much faster.
  if as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
      -o "-p $port -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null; then
    PGPORT="$port"
    break
  fi
done
[ -n "$PGPORT" ] || { log "PostgreSQL did not start"; cat "$PGROOT/server.log" >&2; exit 1; }
log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
export PAPERBOY_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres"

# TRX files are a second source of totals for .ci/run, next to the console summary.
RESULTS="$PWD/TestResults/latest"
rm -rf "$RESULTS"
code=0
dotnet test Paperboy.slnx --logger trx --results-directory "$RESULTS" "$@" || code=$?
exit "$code"
