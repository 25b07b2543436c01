#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server on a free loopback port for the tests, from
# Debian's binaries, and exports USHER_TEST_PG_URL / USHER_TEST_PG_USER for them.
# Source it: `. .ci/postgres.sh`; the server stops when the sourcing shell exits.
# initdb refuses to run as root, so the cluster belongs to the unprivileged `postgres` user.

pg_bin=/usr/lib/postgresql/15/bin
if [ ! -x "$pg_bin/initdb" ]; then
  echo "== installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres

pg_dir=$(mktemp -d /tmp/usher-pg.XXXXXX)
chown postgres "$pg_dir"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

pg_stop() {
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap pg_stop EXIT

runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_dir -c max_connections=200 -c fsync=off" start >/dev/null
runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres usher

export USHER_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/usher"
export USHER_TEST_PG_USER=postgres
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port ($USHER_TEST_PG_URL)"
