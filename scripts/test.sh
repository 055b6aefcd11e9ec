#!/usr/bin/env bash
# Sets everything up and runs every test: formatting, clippy, unit, property and store tests (on
# SQLite and on PostgreSQL), the import-circle check (house/), the fuzz test, the release build, the crash test (SIGKILL), the scale-out
# test (two servers, one PostgreSQL), the restart test (nginx in front of two servers restarted
# and killed under load), and the end-to-end tests in Chromium with and without JavaScript.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
# A full run needs about 20 GB of build output; say so plainly rather than fail in the middle.
free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
step "disk: $((free_kb / 1024 / 1024)) GB free here"
if [ "$free_kb" -lt $((20 * 1024 * 1024)) ]; then
  echo "warning: less than 20 GB free; the builds may run out of space (cargo clean frees target/)" >&2
fi

step "formatting"
cargo fmt --all -- --check

step "clippy, server and wasm feature sets (-D warnings)"
cargo clippy --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "PostgreSQL for the store tests"
MC_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export MC_TEST_POSTGRES_URL

step "unit, property and store tests (SQLite and PostgreSQL)"
cargo test -- --skip ten_thousand_hostile_requests

step "fuzz: 10,000 generated requests against the router (MC_FUZZ_SEED replays a run)"
cargo test -p server --test fuzz -- --nocapture

step "release build"
cargo leptos build --release --precompress

step "crash test: SIGKILL while saving on SQLite, then parallel submissions"
python3 scripts/crash_test.py

step "http fuzz: hostile requests against the running release server"
python3 scripts/fuzz_http.py

step "upload bombs: eight picture bombs at once, the server's memory measured"
python3 scripts/upload_bomb.py

step "scale-out test: two servers sharing one PostgreSQL"
python3 scripts/scale_out_test.py

step "restart test: nginx, two servers restarted (SIGTERM) and killed (SIGKILL) under load"
python3 scripts/restart_test.py

step "end-to-end tests (Chromium)"
rm -rf target/e2e && mkdir -p target/e2e
(cd end2end && npx playwright test)

scripts/sizes.sh
