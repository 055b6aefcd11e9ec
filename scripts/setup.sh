#!/usr/bin/env bash
# Installs everything Một Cửa needs to build, run and test; skips what is already there.
# Safe to run again and again. Versions: ../shared/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

CARGO_LEPTOS_VERSION=0.3.10      # 0.3.11 needs rustc 1.96
WASM_BINDGEN_VERSION=0.2.130     # must equal the wasm-bindgen pinned in Cargo.toml

apt_install() {
  if ! $SUDO apt-get install -y --no-install-recommends "$@"; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends "$@"
  fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 14 minutes on 2 cores)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # --locked fails: one locked dependency is no longer in the registry.
  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v npm >/dev/null; then
  step "installing Node.js and npm"
  apt_install nodejs npm
fi

# npm packages: Playwright, axe, and binaryen's wasm-opt (Debian's wasm-opt breaks the wasm).
lock_sum=$(sha256sum end2end/package-lock.json | cut -d' ' -f1)
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ "$(cat end2end/node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  step "installing the npm packages of end2end/"
  (cd end2end && npm ci --no-audit --no-fund)
  echo "$lock_sum" > end2end/node_modules/.lock-sum
fi

if [ ! -x /usr/bin/chromium ]; then
  step "installing Chromium (Playwright cannot download its own browser here)"
  apt_install chromium
fi

if ! command -v brotli >/dev/null; then
  step "installing brotli (to measure what a phone downloads)"
  apt_install brotli
fi

# The crash and scale-out tests are Python 3 (standard library) and create databases with psql.
if ! command -v python3 >/dev/null; then
  step "installing Python 3 (crash and scale-out tests)"
  apt_install python3
fi
if ! command -v psql >/dev/null; then
  step "installing the PostgreSQL client (scale-out test)"
  apt_install postgresql-client
fi
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  step "installing nginx (restart test; it runs as this user, the system service is not used)"
  apt_install nginx
fi
