#!/usr/bin/env bash
# Runs every fuzz target in turn, SECONDS each (default 600), at the lowest
# priority and one job at a time (the dev machine's cores are shared).
#
#   fuzz/run_all.sh [SECONDS] [TARGET...]
#
# Needs `cargo +nightly fuzz build` first. Corpora grow in fuzz/corpus/<t>
# (git-ignored; seeded from fuzz/seeds/<t>, which this script regenerates), crashes land in
# fuzz/artifacts/<t>/, logs in fuzz/artifacts/logs/<t>/fuzz-0.log; the final
# stats of each run are printed at the end.
set -uo pipefail
FUZZ="$(cd "$(dirname "$0")" && pwd)"
SECS="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(html_clean warc jsonl numbers dates)
BIN="$FUZZ/target/x86_64-unknown-linux-gnu/release"
# Seeds are derived from the repo's own pages, not committed: make them.
python3 "$FUZZ/seeds/make_seeds.py"
for t in "${TARGETS[@]}"; do
    mkdir -p "$FUZZ/corpus/$t" "$FUZZ/artifacts/$t" "$FUZZ/artifacts/logs/$t"
    echo "== $t: start $(date -u +%FT%TZ)"
    (cd "$FUZZ/artifacts/logs/$t" && rm -f fuzz-0.log &&
        nice -n 19 "$BIN/$t" "$FUZZ/corpus/$t" "$FUZZ/seeds/$t" -jobs=1 \
            -max_total_time="$SECS" -print_final_stats=1 -rss_limit_mb=2048 \
            -artifact_prefix="$FUZZ/artifacts/$t/")
    echo "== $t: exit $? at $(date -u +%FT%TZ)"
    grep -E '^#[0-9]+' "$FUZZ/artifacts/logs/$t/fuzz-0.log" | tail -1
    grep -E '^stat::|panicked|ERROR: libFuzzer|SUMMARY' "$FUZZ/artifacts/logs/$t/fuzz-0.log"
done
