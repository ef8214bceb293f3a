"""Rasid's find_dates against dateparser's search_dates, on the same sentences.

Driven by run.sh (which makes bench/.venv and installs the pinned dateparser).

Two sets:
  gsr    the hand-annotated GSR sentences (tests/gsr/dated_sentences.jsonl;
         the sentence text is read by id from
         ../shared/data/arabic_event_gsr/<set>.csv): accuracy and throughput.
         tests/gsr.rs checks Rasid on these same sentences, so they are
         in-sample for Rasid.
  heldout
         bench/dateparser/heldout_dates.jsonl: 60 other GSR sentences drawn
         at random (seed 20261123, AAW ids only), annotated for this bench,
         most of them with no date at all: accuracy (strict precision shows
         dates read into ages, counts and durations).
  snn    the first N non-empty paragraphs of the first SaudiNewsNet zip
         (../shared/data/saudinewsnet/): throughput only (no gold).
When ../shared is absent, bench/dateparser/sample_sentences.jsonl (our own
sentences, carrying their text) stands in for the GSR set and snn is skipped.

Scoring follows ../shared/spec/gold.md and crates/eval (rasid eval): a gold
date is found when a predicted date overlaps it and the values are equal;
each gold date takes at most one prediction. "Overlap" is read two ways:
  text  rasid eval's rule: the normalised texts, one contains the other;
  span  the character spans intersect in the sentence. dateparser's matches
        often carry a comma or the next word ("أمس في" for gold "صباح أمس"),
        which the text rule counts as a miss; the span rule does not.
"Scored" precision counts only predictions near some gold date (as rasid
eval does: gold need not list every date); "strict" counts every prediction.

dateparser returns (substring, datetime). The value is written at the
precision dateparser itself gives that substring: the `period` of
DateDataParser(languages=["ar"], settings=same).get_date_data(substring):
day / week / time -> YYYY-MM-DD, month -> YYYY-MM, year -> YYYY (a substring
it cannot re-read falls back to day). This runs outside the timed loop.

Timing: Rasid runs through crates/text/examples/gsr_dates.rs (median of
--repeat passes, process start, file reading and JSON excluded); dateparser
is timed in-process around search_dates only, after one warm-up call (its
first call loads language data, ~0.5 s), --dp-passes passes (default 3,
median; the same on both sets). Both also report the mean on-CPU time of
a pass (thread CPU time over all passes), which leaves out time other
processes held the core: the shared 2-core dev machine is often loaded.
"""

import argparse
import csv
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "bench" / "out"


def cpu_model():
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def shared_dir():
    """The shared/ folder beside the repository root (or inside it)."""
    for a in [REPO, *REPO.parents]:
        s = a / "shared"
        if (s / "data").is_dir():
            return s
    return None


# --- normalisation, as rasid_text::normalize::fold_for_scoring ------------

def _is_diacritic(c):
    o = ord(c)
    return (0x0610 <= o <= 0x061A or 0x064B <= o <= 0x065F or o == 0x0670
            or 0x06D6 <= o <= 0x06ED)


_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي",
         "ة": "ه", "ک": "ك"}
_FOLD.update({chr(0x0660 + i): str(i) for i in range(10)})
_FOLD.update({chr(0x06F0 + i): str(i) for i in range(10)})


def fold(s):
    out, pending = [], False
    for c in unicodedata.normalize("NFC", s):
        if _is_diacritic(c) or c == "\u0640":
            continue
        if c.isspace() or c in "#_":
            pending = True
            continue
        if pending and out:
            out.append(" ")
        pending = False
        out.append(_FOLD.get(c, c))
    return "".join(out)


def overlap(a, b):
    return bool(a) and bool(b) and (a in b or b in a)


# --- scoring ---------------------------------------------------------------

def match(preds, golds, ok):
    """Maximum one-to-one matching of predictions to gold dates (Kuhn)."""
    owner = [None] * len(golds)

    def augment(p, seen):
        for g in range(len(golds)):
            if g not in seen and ok(preds[p], golds[g]):
                seen.add(g)
                if owner[g] is None or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    return sum(augment(p, set()) for p in range(len(preds)))


def locate(text, subs):
    """Code-point spans of substrings found in order (dateparser gives none)."""
    spans, cursor = [], 0
    for sub in subs:
        i = text.find(sub, cursor)
        if i < 0:
            i = text.find(sub)
        spans.append((i, i + len(sub)) if i >= 0 else None)
        if i >= 0:
            cursor = i + len(sub)
    return spans


def score(items, predictions):
    """items: gold sentences; predictions: key -> [{"text", "value", "span"}].

    Two rules, both one-to-one with equal values:
      text: rasid eval's rule (folded texts, one contains the other);
      span: the two character spans intersect in the sentence (lenient to
            a prediction that carries a neighbouring word or a comma).
    """
    out = {}
    misses = []
    for rule in ("text", "span"):
        tp = gold = near_n = total = 0
        for it in items:
            golds = [{"f": fold(d["text"]), "value": d["value"],
                      "span": (it["text"].find(d["text"]), it["text"].find(d["text"]) + len(d["text"]))}
                     for d in it["dates"]]
            preds = [dict(p, f=fold(p["text"])) for p in predictions.get(it["key"], [])]
            if rule == "text":
                def near(p, g):
                    return overlap(p["f"], g["f"])
            else:
                def near(p, g):
                    return p["span"] is not None and p["span"][0] < g["span"][1] and g["span"][0] < p["span"][1]
            close = [p for p in preds if any(near(p, g) for g in golds)]
            hit = match(close, golds, lambda p, g: near(p, g) and p["value"] == g["value"])
            tp += hit
            gold += len(golds)
            near_n += len(close)
            total += len(preds)
            if rule == "span" and (hit < len(golds) or len(preds) > hit):
                misses.append({"id": it["id"], "reference_date": it["reference_date"], "gold": it["dates"],
                               "predicted": [[p["text"], p["value"]] for p in preds]})

        def ratio(a, b):
            return round(a / b, 4) if b else None

        out[rule] = {"gold": gold, "found": tp, "recall": ratio(tp, gold),
                     "predictions_near_gold": near_n, "precision_scored": ratio(tp, near_n),
                     "predictions_all": total, "precision_strict": ratio(tp, total)}
    out["_misses"] = misses
    return out


# --- inputs ----------------------------------------------------------------

def load_gsr(gold_path, shared, sample_path):
    if shared is None or not gold_path.is_file():
        print(f"note: using {sample_path.relative_to(REPO)} "
              f"({'no ../shared' if shared is None else 'no ' + str(gold_path)})",
              file=sys.stderr)
        items = [json.loads(l) for l in sample_path.read_text(encoding="utf-8").splitlines() if l.strip()]
        for i, it in enumerate(items):
            it["key"] = f"{it['set']}/{it['id']}"
        return items, "sample"
    texts = {}
    for name in {json.loads(l)["set"] for l in gold_path.read_text(encoding="utf-8").splitlines() if l.strip()}:
        with open(shared / "data" / "arabic_event_gsr" / f"{name}.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                texts[(name, row["id"])] = row["text"]
    items = []
    for l in gold_path.read_text(encoding="utf-8").splitlines():
        if not l.strip():
            continue
        it = json.loads(l)
        it["text"] = texts[(it["set"], it["id"])]
        it["key"] = f"{it['set']}/{it['id']}"
        items.append(it)
    return items, "gsr"


def load_paragraphs(shared, n):
    zips = sorted((shared / "data" / "saudinewsnet").glob("*.zip"))
    out = []
    with zipfile.ZipFile(zips[0]) as z:
        for name in z.namelist():
            if not name.endswith(".json"):
                continue
            for a in json.loads(z.read(name)):
                ref = (a.get("date_extracted") or "")[:10] or None
                for i, p in enumerate((a.get("content") or "").split("\n")):
                    p = p.strip()
                    if p:
                        out.append({"id": len(out), "key": len(out), "text": p, "reference_date": ref})
                        if len(out) == n:
                            return out, zips[0].name
    return out, zips[0].name


# --- runners ---------------------------------------------------------------

def run_rasid(items, tag, repeat):
    OUT.mkdir(parents=True, exist_ok=True)
    inp, preds, timing = OUT / f"{tag}_input.jsonl", OUT / f"{tag}_rasid.jsonl", OUT / f"{tag}_rasid_timing.json"
    with open(inp, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({"id": it["key"], "text": it["text"],
                                "reference_date": it["reference_date"]}, ensure_ascii=False) + "\n")
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "rasid-text", "--example", "gsr_dates", "--",
           str(inp.relative_to(REPO)), "--repeat", str(repeat),
           "--predictions", str(preds.relative_to(REPO)), "--timing", str(timing.relative_to(REPO))]
    print("$ " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=REPO, check=True)
    out = {}
    for l in preds.read_text(encoding="utf-8").splitlines():
        r = json.loads(l)
        out[r["id"]] = [{"text": d["text"], "value": d["value"], "span": (d["start"], d["end"])}
                        for d in r["dates"]]
    return out, json.loads(timing.read_text())


def run_dateparser(items, passes):
    """Times search_dates; values at dateparser's own period (see above)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def settings(it):
        base = dt.datetime.fromisoformat(it["reference_date"]) if it["reference_date"] else dt.datetime(2020, 1, 1)
        return {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}

    warm = settings(items[0])
    search_dates("وصل الوفد أمس إلى المدينة", languages=["ar"], settings=warm)
    prepared = [(it["text"], settings(it)) for it in items]
    times, cpu_times, raw = [], [], None
    for _ in range(passes):
        found = []
        c0, t0 = time.thread_time(), time.perf_counter()
        for text, s in prepared:
            found.append(search_dates(text, languages=["ar"], settings=s) or [])
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.thread_time() - c0)
        raw = found
    # Precision of each match, by dateparser's own reading of the substring.
    preds, periods = {}, {}
    for it, (text, s), found in zip(items, prepared, raw):
        ddp = DateDataParser(languages=["ar"], settings=s)
        values = []
        spans = locate(text, [sub for sub, _ in found])
        for (sub, when), span in zip(found, spans):
            period = ddp.get_date_data(sub).period or "day"
            periods[period] = periods.get(period, 0) + 1
            if period == "year":
                v = f"{when.year:04d}"
            elif period == "month":
                v = f"{when.year:04d}-{when.month:02d}"
            else:
                v = when.strftime("%Y-%m-%d")
            values.append({"text": sub, "value": v, "span": span})
        preds[it["key"]] = values
    med = statistics.median(times)
    n = len(items)
    nbytes = sum(len(it["text"].encode()) for it in items)
    return preds, {"sentences": n, "bytes": nbytes, "passes": passes,
                   "dates_found": sum(len(v) for v in preds.values()),
                   "periods": periods, "median_pass_s": med,
                   "min_pass_s": min(times), "max_pass_s": max(times),
                   "sentences_per_s": n / med, "mb_per_s": nbytes / 1e6 / med,
                   "mean_pass_cpu_s": sum(cpu_times) / len(cpu_times)}


def cpu_ratio(dp_t, rasid_t):
    """dateparser / Rasid mean on-CPU pass time (None where unmeasured)."""
    if dp_t.get("mean_pass_cpu_s") and rasid_t.get("mean_pass_cpu_s"):
        return dp_t["mean_pass_cpu_s"] / rasid_t["mean_pass_cpu_s"]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(REPO / "tests" / "gsr" / "dated_sentences.jsonl"))
    ap.add_argument("--heldout", default=str(REPO / "bench" / "dateparser" / "heldout_dates.jsonl"),
                    help="second gold set, not used while writing Rasid's date reader ('' skips)")
    ap.add_argument("--repeat", type=int, default=100, help="Rasid passes (median taken)")
    ap.add_argument("--dp-passes", type=int, default=3, help="dateparser passes (median taken)")
    ap.add_argument("--paragraphs", type=int, default=2000, help="SaudiNewsNet paragraphs (0 skips)")
    ap.add_argument("--paragraph-repeat", type=int, default=20, help="Rasid passes on the paragraphs")
    args = ap.parse_args()

    import dateparser
    shared = shared_dir()
    results = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": f"{cpu_model()}, {os.cpu_count()} cores, {platform.platform()}",
               "python": platform.python_version(), "dateparser": dateparser.__version__}

    sets = [load_gsr(Path(args.gold), shared, REPO / "bench" / "dateparser" / "sample_sentences.jsonl")]
    if shared is not None and args.heldout and Path(args.heldout).is_file():
        sets.append((load_gsr(Path(args.heldout), shared, None)[0], "heldout"))
    for items, kind in sets:
        rasid_preds, rasid_t = run_rasid(items, kind, args.repeat)
        dp_preds, dp_t = run_dateparser(items, args.dp_passes)
        rs, ds = score(items, rasid_preds), score(items, dp_preds)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"{kind}_misses.json").write_text(json.dumps(
            {"rasid": rs.pop("_misses"), "dateparser": ds.pop("_misses")}, ensure_ascii=False, indent=1),
            encoding="utf-8")
        results[kind] = {"sentences": len(items), "gold_dates": sum(len(it["dates"]) for it in items),
                         "rasid": {"accuracy": rs, "timing": rasid_t},
                         "dateparser": {"accuracy": ds, "timing": dp_t},
                         "speedup_rasid_over_dateparser": dp_t["median_pass_s"] / rasid_t["median_pass_s"],
                         "speedup_cpu": cpu_ratio(dp_t, rasid_t)}

    if shared is not None and args.paragraphs > 0:
        paras, zname = load_paragraphs(shared, args.paragraphs)
        _, rp = run_rasid(paras, "snn", args.paragraph_repeat)
        _, dpp = run_dateparser(paras, args.dp_passes)
        results["snn"] = {"source": f"saudinewsnet/{zname}", "paragraphs": len(paras),
                          "rasid": {"timing": rp}, "dateparser": {"timing": dpp},
                          "speedup_rasid_over_dateparser": dpp["median_pass_s"] / rp["median_pass_s"],
                          "speedup_cpu": cpu_ratio(dpp, rp)}

    (OUT / "dateparser_results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
