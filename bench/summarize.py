"""Prints the tables of bench/RESULTS.md from the last runs' raw output.

Reads Criterion's estimates under target/criterion/ (from
`cargo bench -p rasid-text`) and bench/out/dateparser_results.json (from
bench/dateparser/run.sh); writes nothing. Standard library only:

    python3 bench/summarize.py            # markdown on stdout
    python3 bench/summarize.py --save     # also copies the raw numbers to bench/results/
"""

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHES = [("text", "Normalized__new", "Normalized::new"), ("text", "tokenize", "tokenize"),
           ("readers", "find_numbers", "find_numbers"), ("readers", "find_dates", "find_dates"),
           ("readers", "find_counts", "find_counts")]


def criterion_table():
    rows, raw = [], {}
    for group, folder, name in BENCHES:
        d = REPO / "target" / "criterion" / group / folder / "new"
        if not (d / "estimates.json").is_file():
            continue
        est = json.loads((d / "estimates.json").read_text())
        meta = json.loads((d / "benchmark.json").read_text())
        nbytes = meta["throughput"]["Bytes"]
        med = est["median"]["point_estimate"] / 1e9
        lo, hi = (x / 1e9 for x in (est["median"]["confidence_interval"]["lower_bound"],
                                    est["median"]["confidence_interval"]["upper_bound"]))
        raw[f"{group}/{name}"] = {"bytes": nbytes, "median_s": med, "median_ci_s": [lo, hi]}
        rows.append(f"| `{group}/{name}` | {med * 1e3:,.0f} ms ({lo * 1e3:,.0f}–{hi * 1e3:,.0f}) "
                    f"| {nbytes / 1e6 / med:.1f} | {med / 2000 * 1e6:,.0f} |")
    head = ("| bench | median pass over the sample (95% CI) | MB/s | µs per article (÷ 2,000) |\n"
            "|---|---|---|---|")
    return head + "\n" + "\n".join(rows), raw


def cpu(t):
    x = t.get("mean_pass_cpu_s")
    return "–" if x is None else f"{x * 1e3:,.2f} ms"


def ratio(x):
    return "–" if x is None else f"**{x:.0f}×**"


def pct(x):
    return "–" if x is None else f"{100 * x:.1f} %"


def dateparser_tables(r):
    out = []
    acc = ["| set | system | rule | found / gold | recall | precision (scored) | precision (strict) |",
           "|---|---|---|---|---|---|---|"]
    for k in ("gsr", "heldout", "sample"):
        if k not in r:
            continue
        for system in ("rasid", "dateparser"):
            for rule in ("text", "span"):
                a = r[k][system]["accuracy"][rule]
                acc.append(f"| {k} | {system} | {rule} | {a['found']} / {a['gold']} | {pct(a['recall'])} "
                           f"| {pct(a['precision_scored'])} ({a['predictions_near_gold']}) "
                           f"| {pct(a['precision_strict'])} ({a['predictions_all']}) |")
    out.append("\n".join(acc))
    spd = ["| set | items | bytes | Rasid median pass | Rasid items/s | dateparser median pass "
           "| dateparser items/s | ratio (wall) | Rasid / dateparser mean on-CPU pass | ratio (CPU) |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for k in ("gsr", "heldout", "snn", "sample"):
        if k not in r:
            continue
        rt, dt = r[k]["rasid"]["timing"], r[k]["dateparser"]["timing"]
        spd.append(f"| {k} | {rt['sentences']:,} | {rt['bytes']:,} | {rt['median_pass_s'] * 1e3:.2f} ms "
                   f"({rt['passes']} passes) | {rt['sentences_per_s']:,.0f} "
                   f"| {dt['median_pass_s'] * 1e3:,.0f} ms ({dt['passes']} passes, "
                   f"{dt['min_pass_s'] * 1e3:,.0f}–{dt['max_pass_s'] * 1e3:,.0f}) "
                   f"| {dt['sentences_per_s']:,.0f} | **{r[k]['speedup_rasid_over_dateparser']:.0f}×** "
                   f"| {cpu(rt)} / {cpu(dt)} | {ratio(r[k].get('speedup_cpu'))} |")
    out.append("\n".join(spd))
    return out


def main():
    table, raw = criterion_table()
    print(table)
    print()
    dp_path = REPO / "bench" / "out" / "dateparser_results.json"
    if dp_path.is_file():
        r = json.loads(dp_path.read_text(encoding="utf-8"))
        print(f"dateparser run: {r['date']}, {r['machine']}, Python {r['python']}, dateparser {r['dateparser']}\n")
        for t in dateparser_tables(r):
            print(t)
            print()
    if "--save" in sys.argv:
        res = REPO / "bench" / "results"
        res.mkdir(exist_ok=True)
        (res / "criterion.json").write_text(json.dumps(raw, indent=1) + "\n")
        if dp_path.is_file():
            shutil.copy(dp_path, res / "dateparser.json")


if __name__ == "__main__":
    main()
