#!/usr/bin/env python3
"""Build examples/archive/example-crawl.warc.gz from data/example-src/warc/.

The sources are plain HTML files written for Rasid; manifest.json lists, in
order, each file with the URI and capture time it is archived under. The
output is a standard WARC/1.0 file: one warcinfo record, one request record
(for the first page) and one HTTP 200 response record per page, each record
in its own gzip member. Record ids are derived from the URI so that running
the script twice gives the same records. Standard library only.

Usage: python3 data/scripts/make_example_warc.py  (from the repository root)
"""
import base64
import gzip
import hashlib
import json
import os
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "data", "example-src", "warc")
OUT = os.path.join(ROOT, "examples", "archive", "example-crawl.warc.gz")
NS = uuid.UUID("6f1d2c1e-52a4-4f0e-9d7b-3a0d5e2b7c11")


def record_id(key):
    return "<urn:uuid:%s>" % uuid.uuid5(NS, key)


def sha1_digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record(headers, block):
    head = ["WARC/1.0"]
    head += ["%s: %s" % (k, v) for k, v in headers]
    head.append("Content-Length: %d" % len(block))
    raw = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"
    # mtime=0 keeps the output byte-for-byte reproducible.
    return gzip.compress(raw, mtime=0)


def main():
    with open(os.path.join(SRC, "manifest.json"), encoding="utf-8") as f:
        pages = json.load(f)
    members = []
    info = (
        "software: rasid make_example_warc.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: example pages written for Rasid\r\n"
    ).encode("utf-8")
    members.append(record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", pages[0]["date"]),
        ("WARC-Filename", os.path.basename(OUT)),
        ("WARC-Record-ID", record_id("warcinfo")),
        ("Content-Type", "application/warc-fields"),
    ], info))
    for i, page in enumerate(pages):
        with open(os.path.join(SRC, page["file"]), "rb") as f:
            body = f.read()
        uri = page["uri"]
        if i == 0:
            host = uri.split("/")[2]
            path = "/" + "/".join(uri.split("/")[3:])
            req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: rasid-example/0.1\r\n"
                   "Accept: text/html\r\n\r\n" % (path, host)).encode("utf-8")
            members.append(record([
                ("WARC-Type", "request"),
                ("WARC-Target-URI", uri),
                ("WARC-Date", page["date"]),
                ("WARC-Record-ID", record_id("request " + uri)),
                ("WARC-Concurrent-To", record_id("response " + uri)),
                ("Content-Type", "application/http; msgtype=request"),
            ], req))
        http_head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                     "Content-Length: %d\r\nServer: nginx\r\n\r\n" % len(body)).encode("utf-8")
        block = http_head + body
        members.append(record([
            ("WARC-Type", "response"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", page["date"]),
            ("WARC-Record-ID", record_id("response " + uri)),
            ("WARC-Payload-Digest", sha1_digest(body)),
            ("WARC-Block-Digest", sha1_digest(block)),
            ("Content-Type", "application/http; msgtype=response"),
        ], block))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        for m in members:
            f.write(m)
    print("wrote %s (%d records)" % (os.path.relpath(OUT, ROOT), len(members)), file=sys.stderr)


if __name__ == "__main__":
    main()
