#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with a database `test`, installing
# and starting one when absent. Prints the URL the store tests use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

url="postgres://postgres:postgres@127.0.0.1:5432/test"
as_postgres() { if [ -z "$SUDO" ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    step "installing PostgreSQL" >&2
    $SUDO apt-get install -y --no-install-recommends postgresql >&2 \
      || { $SUDO apt-get update >&2 && $SUDO apt-get install -y --no-install-recommends postgresql >&2; }
  fi
  step "starting PostgreSQL" >&2
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  # A fresh cluster asks for a password over TCP: give the postgres role the one in the URL.
  as_postgres "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
fi
if ! psql "$url" -qtAc 'SELECT 1' >/dev/null 2>&1; then
  as_postgres "createdb test" >&2 || true
fi
psql "$url" -qtAc 'SELECT 1' >/dev/null
echo "$url"
