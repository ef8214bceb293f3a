#!/usr/bin/env python3
"""Builds data/names/first-names.txt: words that open a person's name.

Source: the ANERcorp train split (Benajiba, Rosso & Benedi Ruiz 2007; CAMeL
Lab release, CC BY-SA 4.0, https://camel.abudhabi.nyu.edu/anercorp/), read
from ../shared/data/anercorp/train.txt. A word is kept when it begins a
B-PERS chunk of two or more tokens at least twice and is tagged O at most as
often as it begins a person (so "على"-like function words, which the
normaliser folds onto "علي", are left to the gazetteer). Words are written as
they appear; Rust normalises them on load.

Usage: python3 data/names/make_first_names.py ../shared/data/anercorp/train.txt \
           > data/names/first-names.txt
"""
import collections
import sys


def main(path):
    starts = collections.Counter()
    outside = collections.Counter()
    sent = []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 2:
            continue
        sent.append((parts[0], parts[-1]))
    for i, (word, tag) in enumerate(sent):
        if tag == "O":
            outside[word] += 1
        elif tag == "B-PERS" and i + 1 < len(sent) and sent[i + 1][1] == "I-PERS":
            starts[word] += 1
    # A clitic form ("ومحمد") is left out when its bare form opens names too:
    # the list says which words are names as they stand.
    def clitic_form(w):
        return w[0] in "وفلب" and w[1:] in starts

    keep = sorted(
        w
        for w, n in starts.items()
        if n >= 2 and outside[w] <= n and len(w) > 1 and not clitic_form(w)
    )
    print("# Words that open a person's name in ANERcorp train (see make_first_names.py).")
    for w in keep:
        print(w)


if __name__ == "__main__":
    main(sys.argv[1])
