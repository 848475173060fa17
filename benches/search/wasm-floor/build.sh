#!/usr/bin/env bash
# Measures the smallest wasm a reader on stock tantivy can be (issue 4):
# variant A opens an index and answers one TermQuery with TopDocs(10);
# variant B also reads the 10 stored documents. Prints raw and gzip -9
# sizes, with and without Debian's `wasm-opt -Oz` (binaryen), and writes a
# per-crate breakdown of the unstripped build into OUT (default
# target/wasm-floor/out).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/wasm-floor}"
export RUSTFLAGS='--cfg getrandom_backend="unsupported"'
out="${OUT:-$CARGO_TARGET_DIR/out}"
mkdir -p "$out"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cd "$here"
w="$CARGO_TARGET_DIR/wasm32-unknown-unknown"
build() { cargo build --locked --quiet --target wasm32-unknown-unknown "$@"; }
build --release && cp "$w/release/tantivy_wasm_floor.wasm" "$out/A.wasm"
build --release --features docs && cp "$w/release/tantivy_wasm_floor.wasm" "$out/B.wasm"
build --profile nostrip && cp "$w/nostrip/tantivy_wasm_floor.wasm" "$out/A-nostrip.wasm"
for v in A B; do
  echo "$v raw=$(stat -c%s "$out/$v.wasm") gzip9=$(gzip -9c "$out/$v.wasm" | wc -c)"
  if command -v wasm-opt >/dev/null; then
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-multivalue --enable-reference-types \
      "$out/$v.wasm" -o "$out/$v.opt.wasm"
    echo "$v wasm-opt -Oz raw=$(stat -c%s "$out/$v.opt.wasm") gzip9=$(gzip -9c "$out/$v.opt.wasm" | wc -c)"
  fi
done
python3 "$here/wasmsizes.py" "$out/A-nostrip.wasm" 30 > "$out/A-breakdown.txt"
echo "per-crate breakdown of A: $out/A-breakdown.txt"
