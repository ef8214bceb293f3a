#!/usr/bin/env python3
"""Writes data/vectors/num2words_ar.tsv: `value<TAB>words` test vectors for
rasid_text::numbers, from num2words(n, lang='ar').

Values: every integer 0-1000, every multiple of 10 up to 10,000, a seeded
random sample of 3,000 values up to 1,000,000 and 300 up to 10^9.

Run from the repository root: python3 data/scripts/gen_num2words.py
(creates the venv data/.venv-vectors on first use and re-runs itself in it).
"""
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, "data", ".venv-vectors")
OUT = os.path.join(ROOT, "data", "vectors", "num2words_ar.tsv")
PY = os.path.join(VENV, "bin", "python")


def ensure_venv():
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([PY, "-m", "pip", "install", "-q", "num2words==0.5.14"])
    os.execv(PY, [PY] + sys.argv)


def values():
    vals = set(range(0, 1001))
    vals.update(range(0, 10001, 10))
    rng = random.Random(20261123)
    while len(vals) < 1001 + 900 + 3000:
        vals.add(rng.randint(1001, 1_000_000))
    big = set()
    while len(big) < 300:
        big.add(rng.randint(1_000_001, 1_000_000_000))
    return sorted(vals) + sorted(big)


def main():
    ensure_venv()
    from num2words import num2words

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for n in values():
            words = num2words(n, lang="ar").strip()
            f.write(f"{n}\t{words}\n")


if __name__ == "__main__":
    main()
