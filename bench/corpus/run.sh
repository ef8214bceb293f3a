#!/usr/bin/env bash
# Whole-process benchmark: `rasid extract` over the SaudiNewsNet corpus.
#
#   bench/corpus/run.sh [DATA] [RUNS]
#
# DATA (a folder of zips, or one zip) defaults to
# /work/shared/data/saudinewsnet (18 zips, CC BY-NC-SA: read in place, never
# copied into the repo); RUNS to 3.
# Builds the release binary, runs `rasid extract DATA -o TMP/records.jsonl`
# RUNS times under /usr/bin/time -v and prints the median wall and user time,
# throughput and the largest peak RSS. Run it on an otherwise idle machine:
# the numbers mean little while other jobs share the cores.
#
# Throughput counts input article text: the UTF-8 bytes of every article's
# "content" field (SaudiNewsNet's body; "text" in other feeds) in the JSON,
# what cleaning and the stages after it read; the JSON syntax, the other
# fields and the zip compression are not counted (both other sizes are
# printed too). docs/s counts the records written (empty articles give
# errors, not records, and `rasid extract` then exits 1: that is expected).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${1:-/work/shared/data/saudinewsnet}"
RUNS="${2:-3}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# RASID_BIN=path skips the build and times that binary instead.
if [ -z "${RASID_BIN:-}" ]; then
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
fi
BIN="${RASID_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/rasid}"

# Sizes of the input, counted once per run of this script.
python3 - "$DATA" > "$TMP/sizes" <<'PY'
import glob, json, os, sys, zipfile
files = [sys.argv[1]] if os.path.isfile(sys.argv[1]) else sorted(glob.glob(os.path.join(sys.argv[1], "*.zip")))
zipped = json_bytes = text_bytes = articles = 0
for f in files:
    zipped += os.path.getsize(f)
    with zipfile.ZipFile(f) as z:
        for n in z.namelist():
            raw = z.read(n)
            json_bytes += len(raw)
            for a in json.loads(raw):
                articles += 1
                text_bytes += len((a.get("content") or a.get("text") or "").encode("utf-8"))
print(zipped, json_bytes, text_bytes, articles)
PY
read -r ZIPPED JSON_BYTES TEXT_BYTES ARTICLES < "$TMP/sizes"

for i in $(seq "$RUNS"); do
    rc=0
    /usr/bin/time -v -o "$TMP/time.$i" "$BIN" extract "$DATA" -o "$TMP/records.jsonl" 2> "$TMP/err.$i" || rc=$?
    records=$(wc -l < "$TMP/records.jsonl")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s}' "$TMP/time.$i")
    user=$(awk -F': ' '/User time/ {print $2}' "$TMP/time.$i")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.$i")
    echo "run $i: exit $rc, $records records, wall ${wall}s, user ${user}s, peak RSS ${rss} KB"
    echo "$wall $user $rss $records" >> "$TMP/runs"
done

python3 - "$TMP/runs" "$TEXT_BYTES" "$JSON_BYTES" "$ZIPPED" "$ARTICLES" "$DATA" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
text, js, zipped, articles = map(int, sys.argv[2:6])
wall = statistics.median(r[0] for r in rows)
user = statistics.median(r[1] for r in rows)
rss = max(r[2] for r in rows)
records = int(rows[-1][3])
print(f"input: {sys.argv[6]}: {articles} articles, {text / 1e6:.1f} MB of article text "
      f"({js / 1e6:.1f} MB JSON, {zipped / 1e6:.1f} MB zipped); {records} records written")
print(f"median of {len(rows)}: wall {wall:.2f} s, user {user:.2f} s; "
      f"{text / 1e6 / wall:.2f} MB/s of article text, {records / wall:.0f} docs/s; peak RSS {rss / 1024:.0f} MB")
PY
