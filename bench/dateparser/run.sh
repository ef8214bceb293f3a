#!/usr/bin/env bash
# Rasid's find_dates against dateparser's search_dates on the same sentences.
# Makes bench/.venv if missing, installs the pinned dateparser, runs
# bench/dateparser/run.py (options pass through: --repeat, --paragraphs, ...).
# Results: bench/out/dateparser_results.json (+ predictions and misses).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/bench/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
cd "$repo"
cargo build --quiet --release -p rasid-text --example gsr_dates
exec "$venv/bin/python" "$here/run.py" "$@"
