#!/usr/bin/env bash
# Sets everything up, builds the release and serves Một Cửa on http://127.0.0.1:3000 with SQLite
# (data/mot-cua.db) and a demo draft whose resume code is printed in the log.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
step "building the release (about 5 minutes the first time)"
cargo leptos build --release --precompress
echo "  staff sign in at http://127.0.0.1:3000/can-bo/dang-nhap (serve --demo prints the demo accounts)"
step "serving on http://127.0.0.1:3000 (Ctrl-C stops)"
exec ./target/release/server serve --demo
