#!/usr/bin/env python3
"""Wraps Rasid's text examples (examples/*/*.txt) into news-site HTML pages
for the trafilatura side-by-side: a header with a nav menu and a clock, a
breadcrumb, a share bar, the headline, the article paragraphs, a tag list,
related links, a newsletter box, a comments section and a footer. The
markup and the chrome strings are ours; the article text is the example's
(itself written for Rasid). Each page is written as UTF-8.

Usage: make_pages.py OUT_DIR   (prints one line per page: page<TAB>source)
The chrome strings below are returned as extra "absent" strings for the
accuracy check: none of them may appear in a main text.
"""
import glob
import html
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CHROME = [
    "الرئيسية", "أخبار محلية", "اقتصاد وأسواق", "رياضة ومنوعات", "تسجيل الدخول",
    "شارك عبر فيسبوك", "أرسل لصديق", "نسخ الرابط",
    "اشترك في نشرتنا اليومية لتصلك آخر الأخبار",
    "أضف تعليقك", "يا رب السلامة لأهلنا هناك", "متى تنتهي هذه المأساة",
    "سياسة الخصوصية", "اتصل بنا", "جميع الحقوق محفوظة لموقع المرصد الإخباري",
    "الأكثر قراءة", "ارتفاع أسعار الوقود في الأسواق المحلية",
    "افتتاح معرض الكتاب بمشاركة واسعة",
]


def page(title, paras):
    p = "\n".join(f"      <p>{html.escape(x)}</p>" for x in paras)
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>{esc(title)} | المرصد الإخباري</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
  <header class="site-header">
    <div class="topbar"><span class="clock">الاثنين 23 نوفمبر 2026 | 14:05</span> <a href="/login">{CHROME[4]}</a></div>
    <nav class="main-nav"><ul>
      <li><a href="/">{CHROME[0]}</a></li><li><a href="/local">{CHROME[1]}</a></li>
      <li><a href="/economy">{CHROME[2]}</a></li><li><a href="/sport">{CHROME[3]}</a></li>
    </ul></nav>
  </header>
  <div class="ad-slot" id="ad-top"><script>loadAd('top');</script></div>
  <main>
    <ol class="breadcrumb"><li><a href="/">{CHROME[0]}</a></li><li><a href="/local">{CHROME[1]}</a></li></ol>
    <article class="post">
      <h1 class="post-title">{esc(title)}</h1>
      <div class="share-bar"><a href="#fb">{CHROME[5]}</a> <a href="#mail">{CHROME[6]}</a> <button>{CHROME[7]}</button></div>
      <div class="post-body">
{p}
      </div>
      <div class="tags">وسوم: <a href="/tag/1">أمن</a> <a href="/tag/2">تقارير</a></div>
    </article>
    <aside class="related"><h3>{CHROME[15]}</h3><ul>
      <li><a href="/a/101">{CHROME[16]}</a></li><li><a href="/a/102">{CHROME[17]}</a></li>
    </ul></aside>
    <div class="newsletter"><form><label>{CHROME[8]}</label><input type="email"><button>اشترك</button></form></div>
    <section class="comments"><h3>{CHROME[9]}</h3>
      <div class="comment"><b>أبو أحمد</b><p>{CHROME[10]}</p></div>
      <div class="comment"><b>سلمى</b><p>{CHROME[11]}</p></div>
    </section>
  </main>
  <footer><a href="/privacy">{CHROME[12]}</a> | <a href="/contact">{CHROME[13]}</a><p>{CHROME[14]} © 2026</p></footer>
</body>
</html>
"""


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    gold = {g["file"]: g for g in json.load(open(os.path.join(ROOT, "examples", "gold.json")))}
    for src in sorted(glob.glob(os.path.join(ROOT, "examples", "*", "*.txt"))):
        raw = open(src, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1256")
        rel = os.path.relpath(src, os.path.join(ROOT, "examples"))
        g = gold.get(rel, {})
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        title = g.get("title") or lines[0]
        name = "gen-" + rel.replace("/", "-").replace(".txt", ".html")
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(page(title, lines))
        print(f"{name}\t{rel}")


if __name__ == "__main__":
    main()
