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
ratio, as wall time and as thread CPU time (on a shared machine the wall
time of a pass includes time other processes held the core; the CPU time
does not, so the CPU ratio is the one to quote there). Accuracy: the gold files hold no full article bodies, only
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
    per_cpu = [[] for _ in rows]
    totals, totals_cpu = [], []
    for _ in range(passes):
        tot = tot_cpu = 0.0
        for i, d in enumerate(data):
            c = time.thread_time()
            t = time.perf_counter()
            trafilatura.extract(d)
            s = time.perf_counter() - t
            cs = time.thread_time() - c
            per[i].append(s)
            per_cpu[i].append(cs)
            tot += s
            tot_cpu += cs
        totals.append(tot)
        totals_cpu.append(tot_cpu)
    traf_med = [statistics.median(p) for p in per]
    traf_cpu = [statistics.median(p) for p in per_cpu]
    traf_total = statistics.median(totals)
    traf_total_cpu = statistics.median(totals_cpu)
    rasid_med = [f["median_s"] for f in rasid["files"]]
    rasid_cpu = [f["cpu_median_s"] for f in rasid["files"]]
    rasid_total = rasid["total_median_s"]
    rasid_total_cpu = rasid["total_cpu_median_s"]
    nbytes = sum(len(d) for d in data)

    score = {"trafilatura": [0, 0, 0, 0], "rasid": [0, 0, 0, 0]}  # present ok/n, absent ok/n
    print("per page: median wall ms (CPU ms) of each tool, ratio of the CPU medians")
    print(f"{'page':44} {'KB':>5} {'trafilatura':>15} {'rasid':>15} {'ratio':>6}  present(t/r) absent(t/r)")
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
        name = os.path.relpath(r[0])[-44:]
        ratio = traf_cpu[i] / rasid_cpu[i] if rasid_cpu[i] > 0 else float("inf")
        t_cell = f"{traf_med[i] * 1e3:.2f} ({traf_cpu[i] * 1e3:.2f})"
        r_cell = f"{rasid_med[i] * 1e3:.3f} ({rasid_cpu[i] * 1e3:.3f})"
        print(f"{name:44} {len(data[i]) / 1024:5.1f} {t_cell:>15} {r_cell:>15} {ratio:6.1f}{cols}")
    mb = nbytes / 1e6
    print()
    print(f"pages: {len(rows)}, {mb:.3f} MB of HTML; medians of {passes} passes (rasid: {rasid['passes']})")
    for tool, wall, cpu in ((f"trafilatura {trafilatura.__version__}", traf_total, traf_total_cpu),
                             ("rasid clean-only", rasid_total, rasid_total_cpu)):
        print(f"{tool:18}: total wall {wall * 1e3:.1f} ms ({mb / wall:.2f} MB/s, {len(rows) / wall:.0f} pages/s); "
              f"CPU {cpu * 1e3:.1f} ms ({mb / cpu:.2f} MB/s, {len(rows) / cpu:.0f} pages/s)")
    print(f"ratio trafilatura / rasid: total wall {traf_total / rasid_total:.1f}x, total CPU {traf_total_cpu / rasid_total_cpu:.1f}x, "
          f"per page (CPU) median {statistics.median(t / r for t, r in zip(traf_cpu, rasid_cpu)):.1f}x, "
          f"min {min(t / r for t, r in zip(traf_cpu, rasid_cpu)):.1f}x")
    for tool, (po, pn, ao, an) in score.items():
        print(f"accuracy {tool:12}: present strings kept {po}/{pn} ({po / max(pn, 1):.1%}), "
              f"absent strings dropped {ao}/{an} ({ao / max(an, 1):.1%})")


if __name__ == "__main__":
    main()
