#!/usr/bin/env bash
# Builds the browser's search engine (crates/search-wasm) for
# wasm32-unknown-unknown into crates/search-wasm/dist/engine.wasm, which the
# besluitspoor binary embeds and every build publishes as
# search/engine.<hash>.wasm.
#
#   scripts/build-wasm.sh          rebuild and replace the committed file
#   scripts/build-wasm.sh --check  rebuild and fail if it differs (CI)
#
# The target is installed here when missing: a fresh machine has only the
# host target and RUSTUP_AUTO_INSTALL=0. Paths are remapped so the bytes do
# not depend on where the repository or cargo's registry is.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
target=wasm32-unknown-unknown
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export RUSTFLAGS="--cfg getrandom_backend=\"unsupported\" --remap-path-prefix=$root=/besluitspoor --remap-path-prefix=$cargo_home=/cargo"
cargo build --locked --quiet -p besluitspoor-search-wasm --target "$target" --profile wasm
built="${CARGO_TARGET_DIR:-target}/$target/wasm/besluitspoor_search_wasm.wasm"
dest="crates/search-wasm/dist/engine.wasm"
if [ "${1:-}" = "--check" ]; then
  if ! cmp -s "$built" "$dest"; then
    echo "crates/search-wasm/dist/engine.wasm is not what its source builds: run scripts/build-wasm.sh and commit it" >&2
    exit 1
  fi
  echo "engine.wasm matches its source ($(wc -c <"$dest") bytes)"
else
  mkdir -p "$(dirname "$dest")"
  cp "$built" "$dest"
  echo "wrote $dest ($(wc -c <"$dest") bytes, $(gzip -9 -c "$dest" | wc -c) gzipped)"
fi
