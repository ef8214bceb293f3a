#!/usr/bin/env python3
"""Sanity-check examples/gold.json against the example files.

Checks that the gold parses, that every gold "file" exists (and, for
containers, that a record with the gold "uri" exists), and that every
"present" and every "absent" string occurs in the source document (an absent
string that is not on the page tests nothing). HTML sources are compared
after entity decoding; non-UTF-8 files are decoded as windows-1256.
Exit status 1 on any problem. Standard library only.

Usage: python3 data/scripts/check_gold.py [examples-dir]
"""
import gzip
import html
import json
import os
import sys


def decode(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1256")


def warc_records(path):
    """Yield (target-uri, http body) for each response record."""
    data = gzip.open(path).read()
    pos = 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        head = data[pos:end].decode("utf-8").split("\r\n")
        fields = dict(h.split(": ", 1) for h in head[1:])
        length = int(fields["Content-Length"])
        block = data[end + 4:end + 4 + length]
        pos = end + 4 + length + 4
        if fields.get("WARC-Type") == "response":
            body = block.split(b"\r\n\r\n", 1)[1]
            yield fields["WARC-Target-URI"], body


def source_text(ex, entry):
    path = os.path.join(ex, entry["file"])
    uri = entry.get("uri")
    if path.endswith(".warc.gz"):
        for u, body in warc_records(path):
            if u == uri:
                return html.unescape(decode(body))
        raise KeyError("no WARC record for %s" % uri)
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec.get("url") == uri:
                    if "html" in rec:
                        return html.unescape(rec["html"])
                    return rec["text"]
        raise KeyError("no JSONL record for %s" % uri)
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            for rec in json.load(f):
                if rec.get("url") == uri:
                    return rec["content"]
        raise KeyError("no JSON record for %s" % uri)
    with open(path, "rb") as f:
        text = decode(f.read())
    if path.endswith((".html", ".htm")):
        text = html.unescape(text)
    return text


def main():
    ex = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "examples")
    with open(os.path.join(ex, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    problems = 0
    for entry in gold:
        name = entry["file"] + (" " + entry["uri"] if "uri" in entry else "")
        try:
            text = source_text(ex, entry)
        except (OSError, KeyError) as e:
            print("%s: %s" % (name, e))
            problems += 1
            continue
        for kind in ("present", "absent"):
            for s in entry[kind]:
                if s not in text:
                    print("%s: %s string not in source: %r" % (name, kind, s))
                    problems += 1
        for a in entry["absent"]:
            for p in entry["present"]:
                if a in p:
                    print("%s: absent %r is inside present %r" % (name, a, p))
                    problems += 1
    print("%d documents, %d problems" % (len(gold), problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
