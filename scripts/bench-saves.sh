#!/usr/bin/env bash
# Measures durable draft saves (not a test: its figures depend on the machine's load). Serves the
# release build on SQLite and then on PostgreSQL, each time with group commit off (every save its
# own transaction, as before group commit) and on, and drives POST /api/luu-buoc from 50
# concurrent clients, each with its own draft, with oha. Prints saves/s and p50/p99 latency;
# writes target/bench-saves/results.json.
#   MC_BENCH_PORT (3351)  MC_BENCH_DURATION (10s)  MC_BENCH_CLIENTS (50)
#   MC_BENCH_ENGINES (sqlite,postgres)  MC_BENCH_MODES (off,on)  MC_BENCH_SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

OHA_VERSION=1.16.0        # builds on rustc 1.95 (needs 1.88); its default TLS feature is required
if ! oha --version 2>/dev/null | grep -q "$OHA_VERSION"; then
  step "installing oha $OHA_VERSION (the load generator, about 5 minutes)"
  cargo install oha --version "$OHA_VERSION" --locked
fi

if [ "${MC_BENCH_SKIP_BUILD:-}" != 1 ]; then
  step "release build"
  cargo leptos build --release
fi

MC_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export MC_TEST_POSTGRES_URL

step "saves at ${MC_BENCH_CLIENTS:-50} concurrent clients"
python3 scripts/bench_saves.py
