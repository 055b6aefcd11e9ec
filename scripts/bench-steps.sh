#!/usr/bin/env bash
# The benchmark of issue 19 (not a test: slow, and its figures depend on the machine's load).
# Ten Continues of a birth registration in Debian's Chromium as a cheap phone (CPU 4x slower,
# 1.6/0.75 Mbps, 150 ms RTT), the old way (page loads) and the new (public/dieu-huong.js):
# time to the next question and bytes per step; then Lighthouse's mobile LCP of a cold step page.
# Serves the release build on a free port with a fresh SQLite file; installs what it needs.
#   MC_BENCH_SERVER (target/release/server; built if missing)  MC_BENCH_SITE (target/site)
#   MC_BENCH_LIGHTHOUSE_RUNS (3)  MC_BENCH_STEP_ROUNDS (1)  CHROME_PATH (/usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=target/bench-steps
server_bin="${MC_BENCH_SERVER:-target/release/server}"
site="${MC_BENCH_SITE:-target/site}"

if [ ! -d end2end/node_modules/@playwright/test ]; then
  step "installing Playwright (npm, end2end/; no browser download: Debian's Chromium is used)"
  (cd end2end && npm ci --no-audit --no-fund)
fi
lock_sum=$(sha256sum bench/package-lock.json | cut -d' ' -f1)
if [ ! -x bench/node_modules/.bin/lighthouse ] || [ "$(cat bench/node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  step "installing Lighthouse (npm, bench/)"
  (cd bench && npm ci --no-audit --no-fund)
  echo "$lock_sum" > bench/node_modules/.lock-sum
fi
command -v "${CHROME_PATH:-/usr/bin/chromium}" >/dev/null || { echo "chromium is missing (apt-get install chromium)" >&2; exit 1; }
if [ ! -x "$server_bin" ]; then
  step "release build (no $server_bin)"
  scripts/setup.sh
  cargo leptos build --release --precompress
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
step "serving $server_bin on $base with a fresh SQLite database"
rm -rf "$out" && mkdir -p "$out"
MC_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$PWD/$out/mot-cua.db" RUST_LOG=warn \
  LEPTOS_SITE_ROOT="$site" MC_DAILY_ALLOWANCES_SCALE=1000 \
  "$server_bin" serve > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "$base/healthz" && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done

step "measuring (load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
node bench/steps.mjs "$base" "$out"
echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); Lighthouse reports in $out/)"
