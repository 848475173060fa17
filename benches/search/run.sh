#!/usr/bin/env bash
# Reproduces the search section of BENCHMARKS.md in one run: builds the
# 8,041 Tweede Kamer moties as a besluitspoor site, indexes the same pages
# with Pagefind, and measures both in Debian's headless Chromium.
#
#   benches/search/run.sh [WORK_DIR]     (default /tmp/besluitspoor-search-bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-/tmp/besluitspoor-search-bench}"
mkdir -p "$work"
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/release/besluitspoor"
python3 benches/search/tk-moties-site.py "$work/tk"
(cd benches/search && npm ci --no-audit --no-fund --loglevel=error)

echo "== besluitspoor build (pages + search index, in parallel)"
/usr/bin/time -f "%e s wall, %M KB max RSS" "$bin" -q build --root "$work/tk" --output "$work/tk/public" --date 2025-11-01 2>&1 \
  | grep -v "has no \`opvolging\`" || true
echo "== search index alone (same documents, release)"
cargo test --release --locked --quiet --test search_moties index_build -- --ignored --nocapture 2>&1 | grep -E "indexed|native"
echo "== pagefind over the same item pages"
/usr/bin/time -f "%e s wall, %M KB max RSS" benches/search/node_modules/.bin/pagefind --site "$work/tk/public" \
  --root-selector main --force-language nl --glob "{moties,personen,vergaderingen,organen}/*/index.html" 2>&1 | grep -E "Indexed [0-9]+ pages|Finished| s wall"
echo "== sizes (bytes)"
wasm=$(ls "$work"/tk/public/search/engine.*.wasm)
echo "engine.wasm raw $(wc -c <"$wasm"), gzip -9 $(gzip -9 -c "$wasm" | wc -c)"
ls -l "$work"/tk/public/search/ | awk 'NR>1 {print $9, $5}'
echo "pagefind/ total $(du -sb "$work/tk/public/pagefind" | cut -f1), files $(find "$work/tk/public/pagefind" -type f | wc -l)"
for f in "$work"/tk/public/pagefind/wasm.nl.pagefind "$work"/tk/public/pagefind/pagefind.js; do echo "$(basename "$f") $(wc -c <"$f")"; done
echo "== queries in Chromium (cold: empty cache; warm: a new word on the same page)"
node benches/search/bench.mjs "$work/tk/public" --json "$work/bench.json"
