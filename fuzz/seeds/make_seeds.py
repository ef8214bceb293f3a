#!/usr/bin/env python3
"""Builds the fuzz seed corpora under fuzz/seeds/<target>/ from Rasid's own
example pages (examples/, tests/holdout*/) plus small generated WARC, JSONL
and text files. Every target reads its first byte as a mode (see the
target's doc comment), so each seed starts with the mode byte it is meant
for. Run from the repository root: python3 fuzz/seeds/make_seeds.py

Never feed it SaudiNewsNet (or any third-party) text: the seeds are committed.
"""
import glob
import gzip
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "fuzz", "seeds")


def pages(pattern_list):
    out = []
    for pat in pattern_list:
        out.extend(sorted(glob.glob(os.path.join(ROOT, pat))))
    return out


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


HTML = pages(["examples/html/*.htm*", "tests/holdout*/*.htm*"])
TEXT = pages(["examples/*/*.txt", "tests/holdout*/*.txt"])

# Our own short WARC: warcinfo, request, one HTML response, one text response.
def warc_record(kind, uri, payload, extra=b""):
    head = (
        b"WARC/1.0\r\nWARC-Type: " + kind + b"\r\n"
        b"WARC-Target-URI: " + uri + b"\r\n"
        b"WARC-Date: 2021-03-04T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        + extra
        + b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n"
    )
    return head + payload + b"\r\n\r\n"


def http(body, ctype=b"text/html; charset=utf-8"):
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


SMALL_HTML = (
    "<html><head><title>مقتل جنديين في هجوم على حاجز شرق دير الزور</title>"
    '<meta property="article:published_time" content="2021-03-04T09:15:00+03:00"></head>'
    "<body><nav>الرئيسية | سياسة | رياضة</nav><article><h1>مقتل جنديين في هجوم على حاجز</h1>"
    '<p class="byline">بقلم: سامر الخطيب</p>'
    "<p>قتل جنديان وأصيب ثلاثة آخرون صباح الخميس في هجوم شنه مسلحون على حاجز قرب بلدة الميادين.</p>"
    "<p>وقال مصدر محلي إن نحو عشرين مسلحا شاركوا في الهجوم الذي استمر ساعة.</p></article>"
    "<footer>جميع الحقوق محفوظة ٢٠٢١</footer></body></html>"
).encode()
SMALL_TEXT = (
    "دير الزور - أعلنت قوات سوريا الديمقراطية يوم 12 آذار 2021 اعتقال خمسة عناصر "
    "من خلية تابعة لتنظيم الدولة في ريف الحسكة الجنوبي.\n\nوأضاف البيان أن العملية جرت بدعم من التحالف."
).encode()

warc = (
    warc_record(b"warcinfo", b"", b"software: rasid-fuzz-seed\r\n",
                b"Content-Type: application/warc-fields\r\n")
    + warc_record(b"request", b"https://news.example/a/1", b"GET /a/1 HTTP/1.1\r\nHost: news.example\r\n\r\n",
                  b"Content-Type: application/http; msgtype=request\r\n")
    + warc_record(b"response", b"https://news.example/a/1", http(SMALL_HTML),
                  b"Content-Type: application/http; msgtype=response\r\n")
    + warc_record(b"response", b"https://news.example/a/2.txt", http(SMALL_TEXT, b"text/plain"),
                  b"Content-Type: application/http; msgtype=response\r\n")
    + warc_record(b"resource", b"file:///local/3.html", SMALL_HTML, b"Content-Type: text/html\r\n")
)

# html_clean: mode 0 = HTML, 1 = text, 2 = through the reader as fuzz.html.
for p in HTML:
    data = open(p, "rb").read()
    write("html_clean", "html-" + os.path.basename(p), b"\x00" + data)
    write("html_clean", "read-" + os.path.basename(p), b"\x02" + data)
for p in TEXT:
    write("html_clean", "text-" + os.path.basename(p), b"\x01" + open(p, "rb").read())
write("html_clean", "small.html", b"\x00" + SMALL_HTML)

# warc: mode 0 = raw bytes, 1 = gzipped by the target.
write("warc", "small.warc", b"\x00" + warc)
write("warc", "small.warc.gz-by-target", b"\x01" + warc)
write("warc", "small.warc.gz", b"\x00" + gzip.compress(warc, 6, mtime=0))
write("warc", "example-crawl.warc.gz", b"\x00" + open(os.path.join(ROOT, "examples/archive/example-crawl.warc.gz"), "rb").read())
write("warc", "truncated.warc", b"\x00" + warc[: len(warc) // 2])

# jsonl: mode%3 0 = fuzz.jsonl, 1 = fuzz.json, 2 = sniffed; bit 2 gzips.
recs = [
    {"url": "https://news.example/b/1", "title": "اعتقال خلية في الرمادي", "published": "2021-05-02",
     "author": "بغداد - علي حسن", "source": "شبكة المثال", "text": SMALL_TEXT.decode()},
    {"url": "https://news.example/b/2", "html": SMALL_HTML.decode()},
    {"content": "قصف مدفعي على قرى جبل الزاوية أسفر عن مقتل مدنيين اثنين.", "date": "3 يونيو 2020"},
    {"title": "no body"},
]
jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs).encode() + b"\n"
write("jsonl", "small.jsonl", b"\x00" + jsonl)
write("jsonl", "small.jsonl.gz-by-target", b"\x04" + jsonl)
write("jsonl", "array.json", b"\x01" + json.dumps(recs[:3], ensure_ascii=False, indent=1).encode())
write("jsonl", "sniffed.jsonl", b"\x02" + jsonl)
write("jsonl", "escaped.jsonl", b"\x00" + "\n".join(json.dumps(r) for r in recs).encode())
write("jsonl", "deep.json", b"\x01" + b'{"text": "x", "a": ' + b"[" * 40 + b"]" * 40 + b"}")
for p in pages(["examples/feeds/*.jsonl", "tests/holdout*/*.jsonl"]):
    write("jsonl", os.path.basename(p), b"\x00" + open(p, "rb").read())

# numbers and dates: paragraphs of our example texts (UTF-8 ones) plus phrases.
paras = []
for p in TEXT:
    try:
        t = open(p, encoding="utf-8").read()
    except UnicodeDecodeError:
        continue
    paras.extend(x.strip() for x in re.split(r"\n\s*\n", t) if len(x.strip()) > 40)
number_phrases = [
    "قتل ما لا يقل عن ثلاثة وعشرين شخصا وأصيب أكثر من ١٢٠ آخرين",
    "نحو 2.5 مليون نازح، و12 ألف مقاتل، ومئة وخمسة وعشرون معتقلا",
    "مقتل جنديين وعشرات الجرحى ومئات الآلاف من المدنيين",
    "ارتفعت النسبة إلى 30 في المائة أو ٥٠٪ أو عشرين بالمئة",
    "ألفا مقاتل وألفاً وخمسمائة عنصر وأحد عشر ألفا",
]
date_phrases = [
    "الجمعة، 13 مارس 2020 09:15 ص",
    "2020-03-13T09:15:00+03:00",
    "نشر في 04/أبريل/2021 - 11:30 م",
    "وقع الهجوم مساء الخميس الماضي، وقبل ثلاثة أيام، وفي الحادي عشر من شهر تموز الماضي",
    "١٥ رمضان ١٤٤١ هـ الموافق ٨ أيار ٢٠٢٠م",
    "أمس وأول أمس والأسبوع الماضي والشهر الماضي وعام 2015",
]
for i, t in enumerate(paras[:40]):
    write("numbers", f"para-{i:02}.txt", t.encode())
    write("dates", f"para-{i:02}.txt", t.encode())
for i, t in enumerate(number_phrases):
    write("numbers", f"phrase-{i}.txt", t.encode())
for i, t in enumerate(date_phrases):
    write("dates", f"phrase-{i}.txt", t.encode())
