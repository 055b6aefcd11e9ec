#!/usr/bin/env bash
# Sets everything up, builds the release and serves Một Cửa on http://127.0.0.1:3000 with SQLite
# (data/mot-cua.db) and a demo draft whose resume code is printed in the log.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
step "building the release (about 5 minutes the first time)"
cargo leptos build --release --precompress
step "demo staff accounts (demo only: change or disable them on a real server)"
demo_staff() { # username name role password
  MC_STAFF_PASSWORD="$4" ./target/release/server staff create --update --username "$1" \
    --name "$2" --role "$3" --office "UBND phường Buôn Ma Thuột" >/dev/null
  printf '  %-16s %-26s %-10s password: %s\n' "$1" "$2" "$3" "$4"
}
demo_staff demo.admin "Quản trị viên (demo)" admin "demo-quan-tri-2026"
demo_staff demo.quay "Cán bộ một cửa (demo)" counter "demo-mot-cua-2026"
demo_staff demo.chuyenvien "Chuyên viên (demo)" clerk "demo-chuyen-vien-2026"
echo "  staff sign in at http://127.0.0.1:3000/can-bo/dang-nhap"
step "serving on http://127.0.0.1:3000 (Ctrl-C stops)"
exec ./target/release/server serve --demo
