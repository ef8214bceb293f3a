//! Invariants shared by the fuzz targets.
//!
//! Owns the checks a target runs on what the library returns, so that a
//! fuzz run finds wrong answers (a span out of bounds, a malformed date, a
//! reader that ignores its limits) and not only panics. It must not change
//! what the library does: it only calls public APIs and asserts.
//!
//! Every check here follows a documented contract of the API it checks (the
//! doc comments of `rasid_ingest` and `rasid_text`, and
//! `/work/shared/spec/output.md`); a failed assertion is a library bug or a
//! contract the docs state wrongly.

use rasid_ingest::read::{Limits, ReadError, ReadErrorKind};
use rasid_ingest::{Article, Content, Page};

/// Small limits, so the fuzzer reaches every limit quickly and a hostile
/// input (gzip bomb, deep JSON) costs little.
pub const LIMITS: Limits = Limits {
    max_page_bytes: 64 * 1024,
    max_input_bytes: 1024 * 1024,
    max_json_depth: 32,
    max_records_per_input: 64,
};

/// Gzips `data` (fast level), so a target can feed the gzip path with a valid
/// stream whose content the fuzzer still controls byte by byte.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("gzip into a Vec");
    enc.finish().expect("gzip into a Vec")
}

/// True when `s` is a valid `YYYY-MM-DD` calendar date.
pub fn is_day(s: &str) -> bool {
    s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok()
}

/// True when `s` is `YYYY-MM` with a month 1–12.
pub fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && (1..=12).contains(&s[5..].parse::<u8>().unwrap_or(0))
}

/// True when `s` is a four-digit year.
pub fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// True when `s` is `HH:MM` on a 24-hour clock.
pub fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit)
        && s[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && s[3..].parse::<u8>().is_ok_and(|m| m < 60)
}

/// Checks one cleaned article against the record contract (page.rs and
/// output.md): well-formed dates, the reference date rule, no empty
/// paragraph in `body`, and the title not repeated as the first paragraph.
pub fn check_article(a: &Article) {
    if let Some(p) = &a.published {
        let ok = match p.precision.as_str() {
            "day" => is_day(&p.date),
            "month" => is_month(&p.date),
            "year" => is_year(&p.date),
            _ => false,
        };
        assert!(
            ok,
            "published.date {:?} does not match precision {:?}",
            p.date, p.precision
        );
        if let Some(t) = &p.time {
            assert!(is_time(t), "published.time {t:?} is not HH:MM");
        }
        if p.precision == "day" {
            // reference_date is published.date when the day is known.
            assert_eq!(a.reference_date.as_deref(), Some(p.date.as_str()));
        }
    }
    if let Some(r) = &a.reference_date {
        assert!(is_day(r), "reference_date {r:?} is not a calendar day");
    }
    if let Some(t) = &a.title {
        assert!(!t.trim().is_empty(), "title is blank: {t:?}");
        // The title is not repeated at the top of body.
        assert_ne!(
            a.body.split("\n\n").next(),
            Some(t.as_str()),
            "title repeated in body"
        );
    }
    if !a.body.is_empty() {
        for para in a.body.split("\n\n") {
            assert!(
                !para.trim().is_empty(),
                "empty paragraph in body {:?}",
                a.body
            );
        }
    }
    for name in &a.authors {
        assert!(!name.trim().is_empty(), "blank author in {:?}", a.authors);
    }
}

/// Cleans `page` twice (cleaning is a pure function of the page) and checks
/// the article.
///
/// This check found tied main containers picked in hash order
/// (regressions/jsonl/main-container-tie-nondeterministic.bin, now fixed).
pub fn clean_and_check(page: &Page) -> Article {
    let a = rasid_ingest::clean::clean(page);
    check_article(&a);
    assert_eq!(
        a,
        rasid_ingest::clean::clean(page),
        "cleaning is not deterministic"
    );
    a
}

/// Reads `data` as one stream named `name` with [`LIMITS`] and checks what
/// the reader yields: it ends; no more pages than `max_records_per_input`;
/// origins counted 1, 2, 3 … in order; no page empty or far over
/// `max_page_bytes` (decoding a one-byte legacy encoding to UTF-8 at most
/// triples it); every page cleans to a well-formed article.
pub fn read_and_check(name: &str, data: Vec<u8>) {
    let len = data.len();
    let mut reader = rasid_ingest::read::read(Vec::new(), LIMITS);
    reader.push_stream(name, Box::new(std::io::Cursor::new(data)));
    let mut pages = 0usize;
    let mut items = 0usize;
    let mut last_index = 0usize;
    for item in reader {
        items += 1;
        // Every record or error consumes input, so the count is bounded by
        // its length (plus a final error).
        assert!(
            items <= len + 2,
            "reader does not end: {items} items from {len} bytes"
        );
        match item {
            Ok(page) => {
                pages += 1;
                assert!(
                    pages <= LIMITS.max_records_per_input,
                    "more pages than max_records_per_input"
                );
                assert!(
                    page.origin.index > last_index,
                    "origin.index not increasing"
                );
                last_index = page.origin.index;
                let text = match &page.content {
                    Content::Text(t) | Content::Html(t) => t,
                };
                assert!(!text.trim().is_empty(), "empty page yielded as a page");
                assert!(
                    text.len() as u64 <= 3 * LIMITS.max_page_bytes,
                    "page of {} bytes over the {} byte limit",
                    text.len(),
                    LIMITS.max_page_bytes
                );
                clean_and_check(&page);
            }
            Err(ReadError { input, kind }) => {
                assert!(
                    input.starts_with(name),
                    "error names {input:?}, not {name:?}"
                );
                // Display must not panic.
                let _ = kind.to_string();
                if let ReadErrorKind::PageTooLarge {
                    size: Some(n),
                    limit,
                } = kind
                {
                    assert!(
                        n > limit,
                        "PageTooLarge of {n} bytes under the {limit} limit"
                    );
                }
            }
        }
    }
}

/// Checks a code-point span against a text of `chars` code points.
pub fn check_span(start: usize, end: usize, chars: usize, what: &str) {
    assert!(start < end, "{what}: empty or reversed span {start}..{end}");
    assert!(
        end <= chars,
        "{what}: span {start}..{end} past the end ({chars} code points)"
    );
}

/// Byte range of the code-point span `start..end` of `s`.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let mut idx = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()));
    let b0 = idx.nth(start).expect("span start in bounds");
    let b1 = if end == start {
        b0
    } else {
        idx.nth(end - start - 1).expect("span end in bounds")
    };
    &s[b0..b1]
}
