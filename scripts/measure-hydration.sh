#!/usr/bin/env bash
# The measurement behind the hydration architecture (README, "Architecture"): builds the same app
# as islands (the real build, target/site) and as full hydration (every component in the wasm),
# and prints the wasm + JS a citizen's phone downloads in each case.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

br() { brotli -c -q 11 "$1" | wc -c; }
report() { # name wasm js
  printf '%-16s wasm %8s raw %8s brotli | js %6s raw %6s brotli | total brotli %8s\n' "$1" \
    "$(wc -c < "$2")" "$(br "$2")" "$(wc -c < "$3")" "$(br "$3")" $(( $(br "$2") + $(br "$3") ))
}

# The real build names its files mot-cua.<content hash>.wasm (hash-files in Cargo.toml).
built() { compgen -G "target/site/pkg/mot-cua.*$1" | grep -v '\.\(br\|gz\)$' | head -n 1; }
if [ -z "$(built .wasm)" ]; then cargo leptos build --release --precompress; fi
report "islands" "$(built .wasm)" "$(built .js)"

out=target/measure-full
cargo build -p frontend --lib --no-default-features --target wasm32-unknown-unknown \
  --profile wasm-release --target-dir "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" --out-name mot-cua \
  "$out/wasm32-unknown-unknown/wasm-release/frontend.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  -o "$out/pkg/mot-cua.opt.wasm" "$out/pkg/mot-cua_bg.wasm"
report "full hydration" "$out/pkg/mot-cua.opt.wasm" "$out/pkg/mot-cua.js"
