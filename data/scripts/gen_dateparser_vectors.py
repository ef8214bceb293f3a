#!/usr/bin/env python3
"""Build data/vectors/dateparser_ar.tsv from the Arabic cases of dateparser's test suite.

What it does:
  1. `pip download` the dateparser sdist (a pinned version, see DATEPARSER_VERSION)
     into a temp dir and unpack it.
  2. Read the test files with `ast` (nothing from the sdist is imported or run
     here) and collect every case whose input string is Arabic, with the
     expected value the test states, the "now" it uses, and the kind of check.
  3. Run dateparser itself (installed in data/.venv-vectors, created when absent)
     on every collected input with the test's settings, and record its output
     next to the test's own expected value.
  4. Write the TSV, sorted, without duplicates.

Only test strings and expected values go into the TSV; no dateparser code is
copied into this repository.  Stdlib only (the venv holds dateparser).

Usage:  python3 data/scripts/gen_dateparser_vectors.py [--version X.Y.Z]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

DATEPARSER_VERSION = "1.5.0"

REPO = Path(__file__).resolve().parents[2]
VENV = REPO / "data" / ".venv-vectors"
OUT = REPO / "data" / "vectors" / "dateparser_ar.tsv"

# Arabic letters proper (not digits or punctuation of the Arabic block).
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")

# The fixed "now" of tests/test_freshness_date_parser.py (TestFreshnessDateDataParser.setUp).
FRESHNESS_NOW_ATTR = "now"

# Translation tests state no "now"; dateparser_output for them is computed
# against this base (the freshness suite's now) so the file is reproducible.
TRANSLATION_RUN_BASE = "2014-09-01T10:30"

COLUMNS = [
    "source_test",
    "input",
    "expected",
    "relative_base",
    "kind",
    "dateparser_output",
    "detail",
]


# --------------------------------------------------------------------------- download


def fetch_sdist(version: str, workdir: Path) -> Path:
    """Download and unpack the sdist; return the unpacked source root."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"dateparser=={version}",
            "-d",
            str(workdir),
        ],
        check=True,
    )
    archives = sorted(workdir.glob("dateparser-*.tar.gz"))
    if not archives:
        raise SystemExit("no dateparser sdist downloaded")
    with tarfile.open(archives[0]) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(workdir, filter="data")
        else:  # Python without extraction filters
            tar.extractall(workdir)
    roots = [p for p in workdir.iterdir() if p.is_dir() and p.name.startswith("dateparser-")]
    return roots[0]


# --------------------------------------------------------------------------- ast helpers


def is_arabic(s: object) -> bool:
    return isinstance(s, str) and ARABIC_LETTER.search(s) is not None


def call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def lit(node: ast.AST | None):
    """Literal value of a node: constants, lists/tuples/dicts of them, and
    datetime(...) calls (returned as ("dt", args))."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return None
    if isinstance(node, (ast.List, ast.Tuple)):
        return [lit(e) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {lit(k): lit(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Call) and call_name(node) == "datetime":
        return ("dt", [lit(a) for a in node.args])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = lit(node.left), lit(node.right)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
    return None


def iso_of(dt) -> str:
    """ISO text of a ("dt", args) literal: date only when no hour was given."""
    if not (isinstance(dt, tuple) and dt and dt[0] == "dt"):
        return ""
    a = list(dt[1]) + [0] * (6 - len(dt[1]))
    y, mo, d, h, mi, s = a[:6]
    if len(dt[1]) <= 3:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    out = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}"
    return out + (f":{s:02d}" if s else "")


def iso_minutes(dt) -> str:
    """ISO text of a ("dt", args) literal, always with the time (for "now" values)."""
    if not (isinstance(dt, tuple) and dt and dt[0] == "dt"):
        return ""
    a = list(dt[1]) + [0] * (5 - len(dt[1]))
    return f"{a[0]:04d}-{a[1]:02d}-{a[2]:02d}T{a[3]:02d}:{a[4]:02d}"


def params_of(func: ast.FunctionDef) -> list[tuple[list, dict]]:
    """The (args, kwargs) of each case of a @parameterized.expand /
    @pytest.mark.parametrize decorator on `func`."""
    argnames = [a.arg for a in func.args.args if a.arg != "self"]
    cases = []
    for dec in func.decorator_list:
        if not isinstance(dec, ast.Call):
            continue
        name = call_name(dec)
        if name == "expand":
            items = dec.args[0]
        elif name == "parametrize":
            items = dec.args[1]
        else:
            continue
        if not isinstance(items, (ast.List, ast.Tuple)):
            continue
        for item in items.elts:
            if isinstance(item, ast.Call) and call_name(item) == "param":
                args = [lit(a) for a in item.args]
                kwargs = {k.arg: lit(k.value) for k in item.keywords if k.arg}
            elif isinstance(item, ast.Tuple):
                args, kwargs = [lit(a) for a in item.elts], {}
            else:
                continue
            named = dict(zip(argnames, args))
            named.update(kwargs)
            cases.append((args, named))
    return cases


def relative_base_in_body(func: ast.FunctionDef) -> str:
    """RELATIVE_BASE given as a literal dict entry inside the function body."""
    for node in (n for stmt in func.body for n in ast.walk(stmt)):
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and k.value == "RELATIVE_BASE":
                    return iso_minutes(lit(v))
    return ""


def settings_in_body(func: ast.FunctionDef) -> dict:
    """Literal settings passed to given_parser/given_settings in the body."""
    for node in (n for stmt in func.body for n in ast.walk(stmt)):
        if isinstance(node, ast.Call) and call_name(node) in ("given_parser", "given_settings"):
            for kw in node.keywords:
                if kw.arg == "settings" and isinstance(lit(kw.value), dict):
                    return lit(kw.value)
    return {}


def class_now(cls: ast.ClassDef) -> str:
    """self.now = datetime(...) assigned in the class (setUp)."""
    for node in ast.walk(cls):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Attribute) and t.attr == FRESHNESS_NOW_ATTR:
                    v = lit(node.value)
                    if isinstance(v, tuple):
                        return iso_minutes(v)
    return ""


def is_arabic_locale(lang: object) -> bool:
    return isinstance(lang, str) and (lang == "ar" or lang.startswith("ar-"))


# --------------------------------------------------------------------------- extraction


def extract(root: Path) -> list[dict]:
    """All Arabic cases of the handled tests, as dicts with the TSV fields plus `run`
    (how to call dateparser on the input)."""
    cases: list[dict] = []

    def add(source, text, expected, base, kind, run, detail=""):
        cases.append(
            {
                "source_test": source,
                "input": text,
                "expected": expected,
                "relative_base": base,
                "kind": kind,
                "run": run,
                "detail": detail,
            }
        )

    for path in sorted((root / "tests").glob("test_*.py")):
        rel = f"tests/{path.name}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
            now = class_now(cls)
            for func in [n for n in cls.body if isinstance(n, ast.FunctionDef)]:
                src = f"{rel}::{cls.name}::{func.name}"
                body_base = relative_base_in_body(func)
                body_settings = settings_in_body(func)
                for args, p in params_of(func):
                    handle_case(add, path.name, func, src, args, p, now, body_base, body_settings)
                if not func.decorator_list:
                    handle_sequence(add, func, src)
    return cases


def handle_case(add, fname, func, src, args, p, now, body_base, body_settings):
    name = func.name
    lang = p.get("shortname") or p.get("language") or p.get("locale")
    # test_languages.py: translation of a date string into dateparser's English.
    if name in ("test_translation", "test_freshness_translation"):
        text = p.get("datetime_string")
        if is_arabic_locale(lang) and is_arabic(text):
            add(src, text, "", "", "translation",
                {"mode": "parse", "languages": [lang], "settings": {"RELATIVE_BASE": TRANSLATION_RUN_BASE}},
                f"lang={lang}; translation={p.get('expected_translation')}; "
                f"dateparser_output_base={TRANSLATION_RUN_BASE}")
        return
    # test_freshness_date_parser.py: "x ago" against the class's fixed now.
    if name in ("test_relative_past_dates", "test_normalized_relative_dates") or (
        "ago" in p or "in_future" in p
    ):
        text = p.get("date_string")
        if not is_arabic(text) or not now:
            return
        sign = -1 if "ago" in p else 1
        delta = p.get("ago") if "ago" in p else p.get("in_future")
        settings = dict(body_settings)
        settings["RELATIVE_BASE"] = now
        add(src, text, {"relative": delta, "sign": sign}, now, "relative",
            {"mode": "parse", "languages": None, "settings": settings},
            f"period={p.get('period')}; delta={json.dumps(delta, sort_keys=True)}")
        return
    # test_hijri.py: Hijri calendar strings with their Gregorian datetime.
    if fname == "test_hijri.py":
        text = p.get("dt_string")
        if not is_arabic(text):
            return
        if "dt_obj" in p:
            add(src, text, iso_of(p["dt_obj"]), "", "absolute",
                {"mode": "hijri", "settings": {"DATE_ORDER": "DMY"}}, "calendar=hijri; DATE_ORDER=DMY")
        else:
            add(src, text, "", "", "absolute",
                {"mode": "hijri", "settings": {"DATE_ORDER": "DMY"}}, "calendar=hijri; expect=no date")
        return
    # test_date_parser.py: full parse with locale detection.
    if fname == "test_date_parser.py":
        text = p.get("date_string")
        if is_arabic(text) and is_arabic_locale(lang) and isinstance(p.get("expected"), tuple):
            add(src, text, iso_of(p["expected"]), "", "absolute",
                {"mode": "parse", "languages": None, "settings": body_settings},
                f"detected_locale={lang}")
        return
    # test_search.py
    if fname == "test_search.py":
        text = p.get("string") or p.get("text") or p.get("datetime_string")
        if not (is_arabic(text) and is_arabic_locale(lang)):
            return
        settings = p.get("settings") if isinstance(p.get("settings"), dict) else {}
        base = iso_minutes(settings.get("RELATIVE_BASE")) if settings.get("RELATIVE_BASE") else body_base
        run_settings = {"RELATIVE_BASE": base} if base else {}
        expected = p.get("expected")
        if isinstance(expected, list):
            for item in expected:
                if isinstance(item, list) and len(item) == 2:
                    add(src, text, iso_of(item[1]), base, "search",
                        {"mode": "search", "languages": [lang], "settings": run_settings, "match": item[0]},
                        f"lang={lang}; match={item[0]}")
        elif name == "test_search_date_string":
            add(src, text, "", base, "search",
                {"mode": "search", "languages": [lang], "settings": run_settings, "match": text},
                f"lang={lang}; match=whole input")
        elif name == "test_detection":
            add(src, text, "", base, "search",
                {"mode": "search", "languages": None, "settings": run_settings, "match": None},
                f"detected_language={lang}")
        return


def handle_sequence(add, func, src):
    """Non-parametrised tests of the form when_date_is_parsed(s) ...
    then_date_obj_exactly_is(datetime(...)) ... assertEqual(result['locale'], L)."""
    steps = []
    for node in ast.walk(func):
        if isinstance(node, ast.Call):
            steps.append(node)
    steps.sort(key=lambda n: (n.lineno, n.col_offset))
    current = None

    def flush():
        if current and is_arabic(current["text"]) and is_arabic_locale(current["locale"]):
            add(src, current["text"], current["expected"], "", "absolute",
                {"mode": "parse", "languages": None, "settings": {}},
                f"detected_locale={current['locale']}")

    for node in steps:
        n = call_name(node)
        if n == "when_date_is_parsed" and node.args and isinstance(lit(node.args[0]), str):
            flush()
            current = {"text": lit(node.args[0]), "expected": "", "locale": None}
        elif current and n == "then_date_obj_exactly_is" and node.args:
            current["expected"] = iso_of(lit(node.args[0]))
        elif current and n == "assertEqual" and len(node.args) == 2:
            v = lit(node.args[1])
            if isinstance(node.args[0], ast.Subscript) and isinstance(v, str):
                current["locale"] = v
    flush()


# --------------------------------------------------------------------------- running dateparser

RUNNER = r'''
import json, sys, datetime
from dateutil.relativedelta import relativedelta
import dateparser
from dateparser.search import search_dates

def iso(d):
    if d is None:
        return ""
    s = d.strftime("%Y-%m-%dT%H:%M")
    return s + (d.strftime(":%S") if d.second else "")

def conv(settings):
    out = dict(settings)
    if "RELATIVE_BASE" in out:
        out["RELATIVE_BASE"] = datetime.datetime.fromisoformat(out["RELATIVE_BASE"])
    return out

cases = json.load(sys.stdin)
result = []
for c in cases:
    run = c["run"]
    exp = c["expected"]
    if isinstance(exp, dict):
        now = datetime.datetime.fromisoformat(c["relative_base"])
        delta = relativedelta(**exp["relative"])
        exp = iso(now - delta if exp["sign"] < 0 else now + delta)
    try:
        if run["mode"] == "parse":
            s = conv(run.get("settings") or {})
            s.setdefault("TIMEZONE", "UTC")
            langs = run.get("languages")
            if langs and "-" in langs[0]:
                out = iso(dateparser.parse(c["input"], locales=langs, settings=s))
            else:
                out = iso(dateparser.parse(c["input"], languages=langs, settings=s))
        elif run["mode"] == "hijri":
            from dateparser.calendars.hijri import HijriCalendar
            from dateparser.conf import settings as global_settings
            global_settings.DATE_ORDER = "DMY"
            got = HijriCalendar(c["input"]).get_date()
            global_settings.DATE_ORDER = "MDY"
            out = iso(got["date_obj"]) if got else ""
        else:
            found = search_dates(c["input"], languages=run.get("languages"),
                                 settings=conv(run.get("settings") or {})) or []
            if run.get("match") is None:
                out = " | ".join(f"{m}={iso(d)}" for m, d in found)
            else:
                hits = [iso(d) for m, d in found if m == run["match"]]
                out = hits[0] if hits else ""
    except Exception as e:
        out = f"ERROR {type(e).__name__}"
    result.append({"expected": exp, "dateparser_output": out})
json.dump(result, sys.stdout)
'''


def ensure_venv(version: str) -> Path:
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    check = subprocess.run(
        [str(py), "-c", "import dateparser, hijridate, convertdate; print(dateparser.__version__)"],
        capture_output=True, text=True,
    )
    if check.returncode != 0 or check.stdout.strip() != version:
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", f"dateparser[calendars]=={version}"],
            check=True,
        )
    return py


def match_date_format(expected: str, output: str, detail: str) -> str:
    """dateparser's output in the precision of the test's expected value: a
    date-only expectation (or a translation with no clock time) gets a
    date-only output when the time is midnight."""
    date_only = (expected and "T" not in expected) or (
        not expected and "translation=" in detail and ":" not in detail.split("translation=")[1].split(";")[0]
    )
    if date_only and output.endswith("T00:00"):
        return output[:10]
    return output


def tsv_field(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default=DATEPARSER_VERSION)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = fetch_sdist(a.version, Path(tmp))
        cases = extract(root)

    py = ensure_venv(a.version)
    proc = subprocess.run(
        [str(py), "-c", RUNNER],
        input=json.dumps(cases, ensure_ascii=False),
        capture_output=True, text=True, check=True,
        env={**os.environ, "TZ": "UTC"},
    )
    results = json.loads(proc.stdout)

    rows = set()
    for c, r in zip(cases, results):
        expected = r["expected"]
        row = (
            c["source_test"],
            c["input"],
            expected,
            c["relative_base"],
            c["kind"],
            match_date_format(expected, r["dateparser_output"], c["detail"]),
            c["detail"],
        )
        rows.add(tuple(tsv_field(x) for x in row))

    a.out.parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for row in sorted(rows):
            f.write("\t".join(row) + "\n")

    counts: dict[str, int] = {}
    for row in rows:
        counts[row[4]] = counts.get(row[4], 0) + 1
    print(f"wrote {len(rows)} rows to {a.out}: {dict(sorted(counts.items()))}", file=sys.stderr)


if __name__ == "__main__":
    main()
