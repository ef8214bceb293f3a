#!/usr/bin/env bash
# Store benchmark: a full ingest of the SaudiNewsNet corpus (release build),
# then search latency and near-duplicate groups over the store it made
# (crates/store/benches/search.rs). Results go in bench/store/RESULTS.md by hand.
# Usage: bash bench/store/run.sh   (from the repo root; skips without ../shared)
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=../shared/data/saudinewsnet
if [ ! -d "$corpus" ]; then
  echo "note: $corpus absent (a clone has no ../shared); store bench skipped"
  exit 0
fi
store=target/bench-store
cargo build --release --quiet
rm -rf "$store"
echo "== ingest $(ls "$corpus"/*.zip | wc -l) zips into $store"
/usr/bin/time -f "wall %es, max RSS %MkB" ./target/release/rasid ingest "$corpus" --data "$store" 2>&1 \
  | grep -v '^rasid: .*empty document$' || true
echo "== store size"
du -sh "$store"/*
echo "== ingest again (idempotence, all already stored)"
/usr/bin/time -f "wall %es" ./target/release/rasid ingest "$corpus" --data "$store" 2>&1 \
  | grep -E '^(new|already stored|store|time|wall)' || true
echo "== search and dedup"
RASID_BENCH_STORE="$PWD/$store" cargo bench --quiet -p rasid-store --bench search
