#!/usr/bin/env python3
"""Side-by-side of trafilatura and Rasid's cleaner on the same HTML pages;
run by run.sh inside the trafilatura venv.

Usage: compare.py PASSES LIST RASID_JSON RASID_OUT_DIR
  LIST        one line per page: path<TAB>gold-dir<TAB>gold-key (the gold
              fields may be empty; a "gen:" key also adds the generated
              chrome strings of make_pages.py as absent strings)
  RASID_JSON  what rasid-clean-bench printed (per-file median seconds)
  RASID_OUT_DIR  its extracted bodies, <n>.txt in LIST order

Times trafilatura.extract(bytes) with default settings (favor_precision
off, include_comments on: its defaults) over PASSES passes, after one
untimed warm-up pass, and prints per-page and total times, MB/s and the
ratio. Accuracy: the gold files hold no full article bodies, only
"present" strings (must be in the body) and "absent" strings (page chrome
that must not be); each tool is scored on the share of those it honours,
after whitespace is collapsed on both sides.
"""
import json
import os
import re
import statistics
import sys
import time

import trafilatura

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pages import CHROME  # noqa: E402


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def main():
    passes = int(sys.argv[1])
    rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
    rasid = json.load(open(sys.argv[3]))
    rasid_dir = sys.argv[4]
    gold_cache = {}

    def gold_of(gdir, key):
        if not gdir:
            return None
        if gdir not in gold_cache:
            gold_cache[gdir] = {g["file"]: g for g in json.load(open(os.path.join(gdir, "gold.json")))}
        gen = key.startswith("gen:")
        g = gold_cache[gdir].get(key[4:] if gen else key)
        if g is None:
            return None
        absent = list(g.get("absent", [])) + (CHROME if gen else [])
        return g.get("present", []), absent

    data = [open(r[0], "rb").read() for r in rows]
    # Warm-up pass (imports, lxml caches), also the text that is scored.
    traf_text = [trafilatura.extract(d) or "" for d in data]
    per = [[] for _ in rows]
    totals = []
    for _ in range(passes):
        tot = 0.0
        for i, d in enumerate(data):
            t = time.perf_counter()
            trafilatura.extract(d)
            s = time.perf_counter() - t
            per[i].append(s)
            tot += s
        totals.append(tot)
    traf_med = [statistics.median(p) for p in per]
    traf_total = statistics.median(totals)
    rasid_med = [f["median_s"] for f in rasid["files"]]
    rasid_total = rasid["total_median_s"]
    nbytes = sum(len(d) for d in data)

    score = {"trafilatura": [0, 0, 0, 0], "rasid": [0, 0, 0, 0]}  # present ok/n, absent ok/n
    print(f"{'page':48} {'KB':>6} {'traf ms':>8} {'rasid ms':>9} {'ratio':>7}  present(t/r) absent(t/r)")
    for i, r in enumerate(rows):
        rasid_text = open(os.path.join(rasid_dir, f"{i}.txt"), encoding="utf-8").read()
        g = gold_of(r[1], r[2]) if len(r) > 2 else None
        cols = ""
        if g:
            present, absent = g
            cells = []
            for tool, text in (("trafilatura", norm(traf_text[i])), ("rasid", norm(rasid_text))):
                p_ok = sum(norm(s) in text for s in present)
                a_ok = sum(norm(s) not in text for s in absent)
                sc = score[tool]
                sc[0] += p_ok; sc[1] += len(present); sc[2] += a_ok; sc[3] += len(absent)
                cells.append((p_ok, len(present), a_ok, len(absent)))
            (tp, n, ta, m), (rp, _, ra, _) = cells
            cols = f"  {tp}/{rp} of {n}      {ta}/{ra} of {m}"
        name = os.path.relpath(r[0])[-48:]
        ratio = traf_med[i] / rasid_med[i] if rasid_med[i] > 0 else float("inf")
        print(f"{name:48} {len(data[i]) / 1024:6.1f} {traf_med[i] * 1e3:8.2f} {rasid_med[i] * 1e3:9.3f} {ratio:7.1f}{cols}")
    mb = nbytes / 1e6
    print()
    print(f"pages: {len(rows)}, {mb:.3f} MB of HTML; medians of {passes} passes (rasid: {rasid['passes']})")
    print(f"trafilatura {trafilatura.__version__}: total {traf_total * 1e3:.1f} ms, {mb / traf_total:.2f} MB/s, {len(rows) / traf_total:.1f} pages/s")
    print(f"rasid clean-only: total {rasid_total * 1e3:.1f} ms, {mb / rasid_total:.2f} MB/s, {len(rows) / rasid_total:.1f} pages/s")
    print(f"ratio (trafilatura time / rasid time): total {traf_total / rasid_total:.1f}x, "
          f"median per page {statistics.median(t / r for t, r in zip(traf_med, rasid_med)):.1f}x")
    for tool, (po, pn, ao, an) in score.items():
        print(f"accuracy {tool:12}: present strings kept {po}/{pn} ({po / max(pn, 1):.1%}), "
              f"absent strings dropped {ao}/{an} ({ao / max(an, 1):.1%})")


if __name__ == "__main__":
    main()
