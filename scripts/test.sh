#!/usr/bin/env bash
# Runs every test of besluitspoor, installing what a fresh machine lacks.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests need Debian's chromium (never a browser download).
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# The Nu HTML Checker (vnu.jar, from npm) runs on Java.
if ! command -v java >/dev/null 2>&1; then
  echo "installing Debian's Java runtime for the HTML checker"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi

cargo test --all-targets --locked

# The committed search engine (crates/search-wasm/dist/engine.wasm, embedded
# in the binary) is exactly what its source builds; this installs the wasm
# target when it is missing.
bash scripts/build-wasm.sh --check

# The committed stylesheet of the default theme is exactly what the pinned
# NL Design System packages and themes/default/build/besluitspoor.css give.
(
  cd themes/default/build
  npm ci --no-audit --no-fund --loglevel=error
  node build.mjs --check
)

# The browser tests drive the debug binary that cargo test has built.
cargo build --locked --quiet
(
  cd tests/browser
  npm ci --no-audit --no-fund --loglevel=error
  node --test --test-concurrency=1
)
