#!/usr/bin/env bash
# What keeping a 1 MB upload and reading it back costs (not a test: its figures depend on the
# machine's load): in the database, on SQLite and on PostgreSQL, against files on the local disk
# as documents were kept before. Runs the ignored measurement in app/src/documents/bench.rs in
# release and prints a table (docs/benchmarks.md).
#   MC_BENCH_ROUNDS (50)  MC_BENCH_DIR (target/bench-documents: a folder on the disk to measure)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

MC_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export MC_TEST_POSTGRES_URL

step "1 MB uploads: local disk, SQLite, PostgreSQL (release build of the app's tests)"
cargo test --release -p app --features ssr --lib documents::bench -- --ignored --nocapture
