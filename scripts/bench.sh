#!/usr/bin/env bash
# The benchmark of issue 8 (not a test: slow, and its figures depend on the machine's load).
# Builds the release, serves it on SQLite seeded with drafts and dossiers through the real HTTP
# endpoints, then measures page weight, the JS + wasm, throughput and latency at 50 connections
# (oha), server memory and a Lighthouse mobile run; prints a table with PASS/FAIL against the
# budgets of DESIGN.md and writes target/bench/bench.json. Installs what it needs.
#   MC_BENCH_PORT (3321)  MC_BENCH_DURATION (10s)  MC_BENCH_DRAFTS (300)  MC_BENCH_SUBMITTED (150)
#   MC_BENCH_CONNECTIONS (50)  MC_BENCH_LIGHTHOUSE_RUNS (3)  MC_BENCH_SKIP_BUILD=1 to measure the build already there
# `scripts/bench.sh steps` runs the benchmark of moving between steps instead (scripts/bench-steps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = steps ]; then exec scripts/bench-steps.sh; fi
scripts/setup.sh
source scripts/env.sh
export PATH="$PWD/bench/node_modules/.bin:$PATH"

OHA_VERSION=1.16.0        # builds on rustc 1.95 (needs 1.88); its default TLS feature is required
LIGHTHOUSE_VERSION=12.8.2 # the last Lighthouse that runs on Debian's Node 20 (13 needs Node 22)
port="${MC_BENCH_PORT:-3321}"
base="http://127.0.0.1:$port"
out=target/bench

if ! oha --version 2>/dev/null | grep -q "$OHA_VERSION"; then
  step "installing oha $OHA_VERSION (the load generator, about 5 minutes)"
  cargo install oha --version "$OHA_VERSION" --locked
fi
lock_sum=$(sha256sum bench/package-lock.json | cut -d' ' -f1)
if [ ! -x bench/node_modules/.bin/lighthouse ] || [ "$(cat bench/node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  step "installing Lighthouse $LIGHTHOUSE_VERSION (npm, bench/)"
  (cd bench && npm ci --no-audit --no-fund)
  echo "$lock_sum" > bench/node_modules/.lock-sum
fi
for tool in curl gzip brotli python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done

if [ "${MC_BENCH_SKIP_BUILD:-}" != 1 ]; then
  step "release build, assets precompressed"
  cargo leptos build --release --precompress
fi

if curl -s -o /dev/null "$base/healthz"; then
  echo "something already answers on $base: set MC_BENCH_PORT to a free port (3320-3329)" >&2
  exit 1
fi
step "serving on $base with a fresh SQLite database"
rm -rf "$out" && mkdir -p "$out"
MC_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$out/mot-cua.db" RUST_LOG=warn \
  ./target/release/server serve > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "$base/healthz" && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done

step "seeding drafts and dossiers through the HTTP endpoints"
python3 bench/seed.py "$base" "$out/seed.json" "${MC_BENCH_DRAFTS:-300}" "${MC_BENCH_SUBMITTED:-150}" "${MC_BENCH_CONNECTIONS:-50}"

step "measuring (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 bench/bench.py "$base" "$server" "$out/seed.json" "$out/bench.json"
echo
echo "written: $out/bench.json ($out/bench.txt, Lighthouse reports in $out/)"
