#!/usr/bin/env bash
# testdb.sh starts a throwaway PostgreSQL server on loopback for store/postgres's tests and
# prints its URL, for HERALD_TEST_POSTGRES:
#
#	export HERALD_TEST_POSTGRES=$(store/postgres/testdb.sh)
#
# It needs PostgreSQL's server binaries (Debian: apt-get install postgresql) and runs the
# server as the postgres user when started as root, as the caller otherwise. The cluster is
# its own (initdb into $HERALD_PG_DATA), not the distribution's, so that it works the same in
# a container without systemd and never touches a real database. Running it again reuses
# the running server. Stop it with: pg_ctl -D "$HERALD_PG_DATA" stop (as its owner).
set -euo pipefail

port=${HERALD_PG_PORT:-54329}
data=${HERALD_PG_DATA:-/tmp/herald-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] && command -v pg_ctl >/dev/null; then bin=$(dirname "$(command -v pg_ctl)"); fi
if [ -z "$bin" ]; then echo "testdb.sh: PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; fi

# PostgreSQL refuses to run as root: as root, run it as the postgres user the package made.
owner=$(id -un)
if [ "$(id -u)" = 0 ]; then owner=postgres; fi
as_owner() {
	if [ "$owner" = "$(id -un)" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

if [ ! -s "$data/PG_VERSION" ]; then
	mkdir -p "$data"
	chown "$owner" "$data"
	chmod 700 "$data"
	# Socket connections are trusted (the socket lives in the 0700 data directory, so only
	# its owner reaches it); TCP ones need the password. C.UTF-8 makes the text search
	# parser treat non-ASCII letters as letters, as it must for accented words.
	as_owner "$bin/initdb" -D "$data" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
		--auth-local=trust --auth-host=scram-sha-256 >&2
fi
if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
	as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200" start >&2
fi

psql() { PGOPTIONS="-c client_min_messages=warning" as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres "$@"; }
psql -d postgres >&2 <<'SQL'
SELECT 'CREATE ROLE herald LOGIN PASSWORD ''herald'''
	WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'herald') \gexec
SELECT 'CREATE DATABASE herald OWNER herald'
	WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'herald') \gexec
SQL
# unaccent is installed once per database, by the superuser, so that every test schema
# finds it; the store would otherwise install it itself into its own schema.
psql -d herald -c 'CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public' >&2

echo "postgres://herald:herald@127.0.0.1:$port/herald?sslmode=disable"
