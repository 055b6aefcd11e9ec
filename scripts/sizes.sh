#!/usr/bin/env bash
# Prints what a citizen's browser downloads: the wasm + JS bundle and the CSS, raw, gzip, brotli.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=target/site/pkg
[ -d "$pkg" ] || { echo "no $pkg: run cargo leptos build --release first" >&2; exit 1; }
brotli_size() { if command -v brotli >/dev/null; then brotli -c -q 11 "$1" | wc -c; else python3 -c "import sys,brotli;print(len(brotli.compress(open(sys.argv[1],'rb').read(),quality=11)))" "$1" 2>/dev/null || echo "?"; fi; }
printf '\n%-28s %10s %10s %10s\n' "asset" "raw" "gzip" "brotli"
total_raw=0; total_gz=0; total_br=0
# The wizard's navigation script (public/dieu-huong.js) is part of the citizen's download too.
for file in "$pkg"/*.wasm "$pkg"/*.js target/site/dieu-huong.js "$pkg"/*.css; do
  [ -f "$file" ] || continue
  raw=$(wc -c < "$file"); gz=$(gzip -9 -c "$file" | wc -c); br=$(brotli_size "$file")
  printf '%-28s %10s %10s %10s\n' "$(basename "$file")" "$raw" "$gz" "$br"
  case "$file" in *.wasm|*.js) total_raw=$((total_raw+raw)); total_gz=$((total_gz+gz)); [ "$br" != "?" ] && total_br=$((total_br+br));; esac
done
printf '%-28s %10s %10s %10s\n' "wasm + JS" "$total_raw" "$total_gz" "$total_br"
