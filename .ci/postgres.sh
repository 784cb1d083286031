#!/usr/bin/env bash
# A throw-away PostgreSQL server for the register's tests (crates/register/tests/conformance*).
#
# Two ways to use it:
#   source .ci/postgres.sh          (what .ci/run does) installs Debian's `postgresql` if its
#                                   programs are missing, starts a server in a temp folder on a
#                                   free private port, exports DOSE_PLANNER_TEST_PG (the URL the
#                                   tests use) and stops the server and removes the folder when
#                                   the shell that sourced it exits (a trap on EXIT).
#   bash .ci/postgres.sh --serve    (what the test harness runs when DOSE_PLANNER_TEST_PG is not
#                                   set) installs nothing, starts a server the same way, prints
#                                   `url=…` and keeps it until its standard input closes (the
#                                   test process ended, however it ended), then stops it.
# initdb refuses to run as root: as root, the server runs as the `postgres` user (created by
# the Debian package) in a folder it owns; otherwise as the user who runs this.

pg__serve=0
[ "${1:-}" = "--serve" ] && pg__serve=1

pg__bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return 0
  fi
  return 1
}

pg__start() {
  local bin tmp data port as
  if ! bin=$(pg__bindir); then
    if [ "$pg__serve" = 1 ]; then
      echo "error: PostgreSQL's programs (initdb, pg_ctl) are not installed: install Debian's \`postgresql\` package, or set DOSE_PLANNER_TEST_PG=postgres://USER@HOST:PORT/DB to a server the tests may create databases on" >&2
      return 1
    fi
    local sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
    $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq postgresql >/dev/null
    # The package may start its own cluster on 5432; the tests never use it.
    bin=$(pg__bindir) || { echo "error: PostgreSQL did not install" >&2; return 1; }
  fi
  tmp=$(mktemp -d /tmp/dose-planner-pg.XXXXXX)
  chmod 755 "$tmp"
  data="$tmp/data"
  mkdir "$data"
  as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$data"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; rm -rf "$tmp"; return 1; }
  # A free port from 55432 on. Another server (another test, another checkout) may take the
  # port between the check and the start: then the next one is tried.
  local started=0
  for port in $(seq 55432 55631); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if "${as[@]}" "$bin/pg_ctl" -D "$data" -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" \
        -l "$data/log" start -w >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ "$started" != 1 ]; then
    cat "$data/log" >&2 2>/dev/null
    rm -rf "$tmp"
    return 1
  fi
  PG__STOP="${as[*]} $bin/pg_ctl -D $data -m immediate stop >/dev/null 2>&1; rm -rf $tmp"
  PG__URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  # The harness restarts the server to test reconnection: it needs these.
  PG__CTL="${as[*]} $bin/pg_ctl -D $data"
}

if [ "$pg__serve" = 1 ]; then
  set -u
  pg__start || exit 1
  trap 'eval "$PG__STOP"' EXIT
  echo "url=$PG__URL"
  echo "ctl=$PG__CTL"
  # Wait for the test process to end (its end closes this pipe), then stop the server.
  cat >/dev/null
  exit 0
fi

pg__start || return 1 2>/dev/null || exit 1
trap 'eval "$PG__STOP"' EXIT
export DOSE_PLANNER_TEST_PG="$PG__URL"
export DOSE_PLANNER_TEST_PG_CTL="$PG__CTL"
echo "PostgreSQL for the tests: $DOSE_PLANNER_TEST_PG"
