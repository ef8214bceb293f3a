//! The bad-input suite (issue 8): every kind of broken or hostile input a
//! scraper hands over, in one batch beside a good page. Each bad input that
//! cannot be read gives exactly one error line naming it; inputs that can be
//! read however odd (deep nesting, one huge line) give a record; nothing
//! crashes and the good page is always extracted.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = "مقتل جنديين بهجوم قرب الحويجة\n\nهاجم مسلحون نقطة عسكرية قرب الحويجة فجر الخميس، ما أسفر عن مقتل جنديين وإصابة ثلاثة آخرين.\n\nوقال مصدر أمني إن المهاجمين انسحبوا باتجاه وادي الشاي بعد اشتباك قصير.\n";

fn rasid_extract(dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["extract", dir.to_str().expect("utf-8 temp path")])
        .output()
        .expect("rasid runs")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

/// A WARC response record for `uri` holding `html`.
fn warc_response(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(http.as_bytes());
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

#[test]
fn every_bad_input_is_one_error_line_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    put("good.txt", GOOD.as_bytes());

    // Inputs that cannot be read: one error line each.
    put("empty.txt", b"");
    put(
        "blob.bin.txt",
        &[0, 159, 146, 150, 0, 0, 7, 255, 0, 1, 2, 3, 0, 0],
    );
    // A 100 MB page is refused from its size, without reading it.
    let big = std::fs::File::create(dir.path().join("huge-page.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    // A gzip bomb: 64 MiB of zeros in a few dozen KB; the decompressed size
    // is capped (the page limit is 16 MiB).
    put("bomb.txt.gz", &gzip(&vec![b'a'; 64 * 1024 * 1024]));
    // A WARC cut in the middle of its second record: the first is read.
    let mut warc = warc_response(
        "https://news.example/a",
        &format!(
            "<html><body><article><p>{}</p></article></body></html>",
            GOOD
        ),
    );
    let second = warc_response(
        "https://news.example/b",
        "<html><body><p>نص</p></body></html>",
    );
    warc.extend_from_slice(&second[..second.len() / 2]);
    put("cut.warc", &warc);
    // JSONL with one line that is not JSON between two good ones.
    let good_line = serde_json::json!({"url": "https://feed.example/1", "text": GOOD}).to_string();
    put(
        "feed.jsonl",
        format!("{good_line}\n{{\"url\": \"https://feed.example/2\", \"text\": \n{good_line}\n")
            .as_bytes(),
    );

    // Invalid UTF-8 in the middle of an Arabic page: neither UTF-8 nor a
    // legacy Arabic encoding, so it is refused rather than half-read.
    let mut invalid = GOOD.as_bytes().to_vec();
    invalid.splice(40..40, [0xff, 0xfe, 0xc3]);
    put("invalid-utf8.txt", &invalid);

    // Inputs that are odd but readable: a record each, no error.
    // HTML nested 100,000 elements deep.
    let depth = 100_000;
    let mut deep = String::from("<html><body>");
    deep.push_str(&"<div>".repeat(depth));
    deep.push_str("<p>هاجم مسلحون نقطة عسكرية قرب الحويجة فجر الخميس.</p>");
    deep.push_str(&"</div>".repeat(depth));
    deep.push_str("</body></html>");
    put("deep.html", deep.as_bytes());
    // One line of 1 MB.
    let sentence = "وقال مصدر أمني إن المهاجمين انسحبوا باتجاه وادي الشاي بعد اشتباك قصير، ";
    let line = sentence.repeat(1024 * 1024 / sentence.len() + 1);
    put("one-line.txt", line.as_bytes());

    let out = rasid_extract(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "some inputs failed: {stderr}");
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every stdout line is JSON"))
        .collect();
    let uris: Vec<&str> = records
        .iter()
        .map(|r| r["source"]["uri"].as_str().unwrap_or_default())
        .collect();
    for name in ["good.txt", "deep.html", "one-line.txt"] {
        assert!(
            uris.iter().any(|u| u.ends_with(name)),
            "{name} gives a record; got {uris:?}; stderr: {stderr}"
        );
    }
    assert!(
        uris.contains(&"https://news.example/a"),
        "the WARC's whole record is read"
    );
    assert_eq!(
        uris.iter()
            .filter(|u| u.starts_with("https://feed.example/1"))
            .count(),
        2,
        "both good JSONL lines are read"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    let bad = [
        "empty.txt",
        "blob.bin.txt",
        "huge-page.txt",
        "bomb.txt.gz",
        "cut.warc",
        "feed.jsonl",
        "invalid-utf8.txt",
    ];
    for name in bad {
        let hits = lines.iter().filter(|l| l.contains(name)).count();
        assert_eq!(hits, 1, "one error line for {name}: {stderr}");
    }
    assert_eq!(lines.len(), bad.len(), "no other errors: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The deep page's text survives.
    let deep_rec = records
        .iter()
        .find(|r| {
            r["source"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("deep.html"))
        })
        .unwrap();
    assert!(deep_rec["body"].as_str().unwrap().contains("هاجم مسلحون"));
}
