#!/usr/bin/env bash
# Sets everything up and runs every test: formatting, unit and store tests (on SQLite and on
# PostgreSQL), the release build, the crash test (SIGKILL) and the scale-out test (two servers, one
# PostgreSQL), and the end-to-end tests in Chromium with and without JavaScript.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

step "formatting"
cargo fmt --all -- --check

step "PostgreSQL for the store tests"
MC_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export MC_TEST_POSTGRES_URL

step "unit and store tests (SQLite and PostgreSQL)"
cargo test

step "release build"
cargo leptos build --release

step "crash test: SIGKILL while saving on SQLite, then parallel submissions"
python3 scripts/crash_test.py

step "scale-out test: two servers sharing one PostgreSQL"
python3 scripts/scale_out_test.py

step "end-to-end tests (Chromium)"
rm -rf target/e2e && mkdir -p target/e2e
(cd end2end && npx playwright test)

scripts/sizes.sh
