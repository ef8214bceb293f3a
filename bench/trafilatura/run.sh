#!/usr/bin/env bash
# Rasid's cleaner vs trafilatura on the same HTML pages: time and accuracy.
#
#   bench/trafilatura/run.sh [PASSES]      (default 7; a few minutes)
#
# Makes bench/.venv-trafilatura (pinned trafilatura, see requirements.txt),
# writes generated news-site pages (make_pages.py) under
# bench/out/trafilatura/pages, builds the clean-only Rust timer in this folder
# (its own workspace; target under target/clean-bench) and runs compare.py.
# Pages: examples/html/*, tests/holdout*/*.htm*, and one generated page per
# examples/*/*.txt. Set WHOLE=1 to also time `rasid extract` (whole process,
# every stage) over the same files, best of PASSES runs.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PASSES="${1:-7}"
VENV="$ROOT/bench/.venv-trafilatura"
OUT="$ROOT/bench/out/trafilatura"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    # Keep git away from the venv even where .gitignore does not list it.
    echo '*' > "$VENV/.gitignore"
fi
"$VENV/bin/pip" install -q -r "$HERE/requirements.txt"

rm -rf "$OUT" && mkdir -p "$OUT/pages" "$OUT/rasid"
LIST="$OUT/pages.tsv"
: > "$LIST"
for f in "$ROOT"/examples/html/*.htm*; do
    printf '%s\t%s\t%s\n' "$f" "$ROOT/examples" "html/$(basename "$f")" >> "$LIST"
done
for f in "$ROOT"/tests/holdout*/*.htm*; do
    printf '%s\t%s\t%s\n' "$f" "$(dirname "$f")" "$(basename "$f")" >> "$LIST"
done
"$VENV/bin/python" "$HERE/make_pages.py" "$OUT/pages" | while IFS=$'\t' read -r page src; do
    printf '%s\t%s\t%s\n' "$OUT/pages/$page" "$ROOT/examples" "gen:$src" >> "$LIST"
done
mapfile -t FILES < <(cut -f1 "$LIST")

export CARGO_TARGET_DIR="$ROOT/target/clean-bench"
cargo build --release --quiet --manifest-path "$HERE/Cargo.toml"
"$CARGO_TARGET_DIR/release/rasid-clean-bench" "$PASSES" "$OUT/rasid" "${FILES[@]}" > "$OUT/rasid.json"

"$VENV/bin/python" "$HERE/compare.py" "$PASSES" "$LIST" "$OUT/rasid.json" "$OUT/rasid"

if [ "${WHOLE:-0}" = 1 ]; then
    unset CARGO_TARGET_DIR
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
    BIN="$ROOT/target/release/rasid"
    best=""
    for _ in $(seq "$PASSES"); do
        /usr/bin/time -f '%e' -o "$OUT/time.txt" "$BIN" extract "${FILES[@]}" -o /dev/null 2>/dev/null || true
        s=$(tail -1 "$OUT/time.txt")
        best=$(printf '%s\n%s\n' "$best" "$s" | grep . | sort -g | head -1)
    done
    echo "rasid extract (whole process, all stages, ${#FILES[@]} files): best of $PASSES wall ${best}s"
fi
