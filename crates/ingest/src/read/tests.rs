//! Reader tests: one per format and per error path.

use super::*;
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;

const NEWS: &str = "أفاد مراسلنا بأن وحدات الدفاع المدني أخمدت حريقاً اندلع في مستودع للحبوب شرقي المدينة صباح اليوم، دون تسجيل إصابات بين العاملين.";
const NEWS2: &str = "قالت وزارة الزراعة إن موسم حصاد القمح بدأ مبكراً هذا العام بسبب ارتفاع درجات الحرارة في المحافظات الجنوبية.";

fn all(inputs: Vec<Input>, limits: Limits) -> Vec<Result<Page, ReadError>> {
    read(inputs, limits).collect()
}

fn from_bytes(name: &str, bytes: Vec<u8>, limits: Limits) -> Vec<Result<Page, ReadError>> {
    let mut reader = read(Vec::new(), limits);
    reader.push_stream(name, Box::new(Cursor::new(bytes)));
    reader.collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn one(path: &Path) -> Result<Page, ReadError> {
    let mut got = all(vec![Input::Path(path.to_path_buf())], Limits::default());
    assert_eq!(got.len(), 1, "{got:?}");
    got.remove(0)
}

fn text_of(page: &Page) -> &str {
    match &page.content {
        Content::Text(t) | Content::Html(t) => t,
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn err_line(r: &Result<Page, ReadError>) -> String {
    match r {
        Ok(p) => panic!("expected an error, got page {}", p.uri),
        Err(e) => e.to_string(),
    }
}

#[test]
fn input_parse() {
    assert_eq!(Input::parse("-"), Input::Stdin);
    assert_eq!(Input::parse("a/b.txt"), Input::Path("a/b.txt".into()));
}

#[test]
fn reader_is_send() {
    fn send<T: Send>() {}
    send::<Reader>();
    send::<ReadError>();
}

#[test]
fn txt_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.txt", NEWS.as_bytes());
    let page = one(&path).unwrap();
    assert_eq!(page.content, Content::Text(NEWS.to_owned()));
    assert_eq!(page.uri, path.display().to_string());
    assert_eq!(
        page.origin,
        Origin {
            file: path,
            index: 1
        }
    );
}

#[test]
fn txt_windows_1256() {
    let dir = tempfile::tempdir().unwrap();
    let text = NEWS.replace('،', ",");
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
    let path = write(dir.path(), "legacy.txt", &bytes);
    assert_eq!(one(&path).unwrap().content, Content::Text(text));
}

#[test]
fn html_meta_charset_windows_1256() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><title>خبر</title></head><body><p>{NEWS}</p></body></html>"
    );
    let (bytes, _, bad) = encoding_rs::WINDOWS_1256.encode(&html);
    assert!(!bad);
    let path = write(dir.path(), "page.htm", &bytes);
    assert_eq!(one(&path).unwrap().content, Content::Html(html));
}

#[test]
fn txt_holding_html_is_html() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!("<!DOCTYPE html><html><body>{NEWS}</body></html>");
    let path = write(dir.path(), "saved.txt", html.as_bytes());
    assert!(matches!(one(&path).unwrap().content, Content::Html(_)));
}

/// One WARC record.
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-03-13T09:15:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// warcinfo + request + 2 HTML responses (one chunked and gzipped) + an image.
fn warc_records() -> Vec<Vec<u8>> {
    let page1 = format!("<html><body><p>{NEWS}</p></body></html>");
    let response1 = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{page1}",
        page1.len()
    );
    let page2 = format!("<!DOCTYPE html><html><body><p>{NEWS2}</p></body></html>");
    let zipped = gzip(page2.as_bytes());
    let mut response2 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    let (a, b) = zipped.split_at(zipped.len() / 2);
    for chunk in [a, b] {
        response2.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        response2.extend_from_slice(chunk);
        response2.extend_from_slice(b"\r\n");
    }
    response2.extend_from_slice(b"0\r\n\r\n");
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n";
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://news.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/a",
            "application/http; msgtype=response",
            response1.as_bytes(),
        ),
        warc_record(
            "response",
            "<https://news.example/b>",
            "application/http; msgtype=response",
            &response2,
        ),
        warc_record(
            "resource",
            "https://news.example/c",
            "text/html",
            format!("<p>{NEWS}</p>").as_bytes(),
        ),
        warc_record(
            "response",
            "https://news.example/logo.png",
            "application/http; msgtype=response",
            image,
        ),
    ]
}

fn check_warc_pages(got: &[Result<Page, ReadError>]) {
    let pages: Vec<&Page> = got.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(pages.len(), 3, "{got:?}");
    assert_eq!(pages[2].uri, "https://news.example/c");
    assert_eq!(pages[0].uri, "https://news.example/a");
    assert_eq!(pages[0].origin.index, 3);
    assert!(text_of(pages[0]).contains(NEWS));
    assert_eq!(pages[1].uri, "https://news.example/b");
    assert_eq!(pages[1].origin.index, 4);
    assert!(matches!(&pages[1].content, Content::Html(h) if h.contains(NEWS2)));
}

#[test]
fn warc_plain() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "crawl.warc", &warc_records().concat());
    let got = all(vec![Input::Path(path)], Limits::default());
    assert_eq!(got.len(), 3);
    check_warc_pages(&got);
}

#[test]
fn warc_gz_multi_member() {
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    let path = write(dir.path(), "crawl.warc.gz", &members);
    let got = all(vec![Input::Path(path)], Limits::default());
    assert_eq!(got.len(), 3, "{got:?}");
    check_warc_pages(&got);
}

#[test]
fn warc_gz_truncated_yields_records_then_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut records = warc_records();
    records.truncate(4);
    let mut bytes: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    bytes.truncate(bytes.len() - 30);
    let path = write(dir.path(), "cut.warc.gz", &bytes);
    let got = all(vec![Input::Path(path.clone())], Limits::default());
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].as_ref().unwrap().uri, "https://news.example/a");
    let line = err_line(&got[1]);
    assert!(
        line.starts_with(&format!("{}:4: ", path.display())),
        "{line}"
    );
}

#[test]
fn warc_truncated_plain_names_record() {
    let mut bytes = warc_records()[..3].concat();
    bytes.truncate(bytes.len() - 20);
    let got = from_bytes("cut.warc", bytes, Limits::default());
    assert_eq!(got.len(), 1);
    let line = err_line(&got[0]);
    assert!(line.starts_with("cut.warc:3: truncated"), "{line}");
}

#[test]
fn jsonl_good_lines_and_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        serde_json::json!({"url": "https://news.example/1", "text": NEWS, "title": "حريق في مستودع", "published": "2020-03-13", "author": ["سعاد الحلبي", "مازن يوسف"], "source": "example-news"}).to_string(),
        "this is not json".to_owned(),
        String::new(),
        serde_json::json!({"title": "بلا نص"}).to_string(),
        serde_json::json!({"html": format!("<p>{NEWS2}</p>"), "date": "2020-04-01", "date_extracted": "2020-04-02 10:00:00"}).to_string(),
    ];
    let path = write(dir.path(), "feeds/a.jsonl", lines.join("\n").as_bytes());
    let name = path.display().to_string();
    let got = all(vec![Input::Path(path)], Limits::default());
    assert_eq!(got.len(), 4, "{got:?}");
    let first = got[0].as_ref().unwrap();
    assert_eq!(first.uri, "https://news.example/1");
    assert_eq!(first.origin.index, 1);
    assert_eq!(
        first.meta,
        PageMeta {
            title: Some("حريق في مستودع".into()),
            published: Some("2020-03-13".into()),
            author: Some("سعاد الحلبي، مازن يوسف".into()),
            outlet: Some("example-news".into()),
        }
    );
    assert!(err_line(&got[1]).starts_with(&format!("{name}:2: not JSON")));
    assert!(err_line(&got[2]).starts_with(&format!("{name}:4: no \"text\"")));
    let last = got[3].as_ref().unwrap();
    assert!(matches!(last.content, Content::Html(_)));
    assert_eq!(last.uri, format!("{name}:5"));
    assert_eq!(last.meta.published.as_deref(), Some("2020-04-01"));
}

#[test]
fn date_extracted_is_not_published() {
    let line =
        serde_json::json!({"content": NEWS, "date_extracted": "2015-07-27 18:39:22"}).to_string();
    let got = from_bytes("-", line.into_bytes(), Limits::default());
    assert_eq!(got[0].as_ref().unwrap().meta.published, None);
}

#[test]
fn json_array_and_object() {
    let dir = tempfile::tempdir().unwrap();
    let array = serde_json::json!([
        {"content": NEWS, "url": "https://news.example/x", "author": "رنا خليل"},
        {"text": NEWS2},
        {"other": 1}
    ]);
    let path = write(dir.path(), "batch.json", array.to_string().as_bytes());
    let got = all(vec![Input::Path(path.clone())], Limits::default());
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].as_ref().unwrap().meta.author.as_deref(),
        Some("رنا خليل")
    );
    assert_eq!(got[1].as_ref().unwrap().origin.index, 2);
    assert!(err_line(&got[2]).starts_with(&format!("{}:3: ", path.display())));

    let object = serde_json::to_string_pretty(&serde_json::json!({"text": NEWS})).unwrap();
    let got = from_bytes("-", object.into_bytes(), Limits::default());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].as_ref().unwrap().content, Content::Text(NEWS.into()));
}

#[test]
fn json_without_documents_explicit_error_walked_skip() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(
        dir.path(),
        "corpus/gold.json",
        br#"{"documents": [{"id": "a", "events": []}]}"#,
    );
    write(dir.path(), "corpus/page.txt", NEWS.as_bytes());
    let got = all(vec![Input::Path(gold.clone())], Limits::default());
    assert_eq!(got.len(), 1);
    assert!(err_line(&got[0]).contains("no document objects"));
    let got = all(
        vec![Input::Path(dir.path().join("corpus"))],
        Limits::default(),
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].as_ref().unwrap().uri.ends_with("page.txt"));
}

#[test]
fn json_too_deep() {
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let got = from_bytes("deep.json", deep.into_bytes(), Limits::default());
    assert!(err_line(&got[0]).contains("deeper than 64"), "{got:?}");
    let line = format!(
        "{{\"text\":\"نص\",\"x\":{}{}}}",
        "[".repeat(70),
        "]".repeat(70)
    );
    let mut reader = read(Vec::new(), Limits::default());
    reader.push_stream("deep.jsonl", Box::new(Cursor::new(line.into_bytes())));
    let got: Vec<_> = reader.collect();
    assert_eq!(
        err_line(&got[0]),
        "deep.jsonl:1: JSON nested deeper than 64 levels"
    );
}

#[test]
fn too_many_records() {
    let limits = Limits {
        max_records_per_input: 2,
        ..Limits::default()
    };
    let lines = (0..5)
        .map(|_| serde_json::json!({"text": NEWS}).to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let got = from_bytes("-", lines.into_bytes(), limits);
    assert_eq!(got.len(), 3);
    assert!(err_line(&got[2]).contains("too many records"));
}

/// A zip shaped like SaudiNewsNet's: one JSON array file.
fn saudi_zip(records: &serde_json::Value) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("2015-07-27.json", options).unwrap();
    zip.write_all(records.to_string().as_bytes()).unwrap();
    zip.start_file("notes.md", options).unwrap();
    zip.write_all(b"# not a document").unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn saudinewsnet_shaped_zip() {
    let records = serde_json::json!([
        {"source": "example-daily", "url": "http://example.sa/1", "date_extracted": "2015-07-27 18:39:22", "title": "افتتاح مدرسة", "author": "", "content": NEWS},
        {"source": "example-daily", "url": "http://example.sa/2", "date_extracted": "2015-07-27 18:40:01", "title": "موسم الحصاد", "author": "هالة سمير", "content": NEWS2},
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "2015-07-27.zip", &saudi_zip(&records));
    let got = all(vec![Input::Path(path.clone())], Limits::default());
    assert_eq!(got.len(), 2, "{got:?}");
    let second = got[1].as_ref().unwrap();
    assert_eq!(second.uri, "http://example.sa/2");
    assert_eq!(
        second.origin,
        Origin {
            file: path,
            index: 2
        }
    );
    assert_eq!(second.meta.outlet.as_deref(), Some("example-daily"));
    assert_eq!(second.meta.author.as_deref(), Some("هالة سمير"));
    assert_eq!(second.meta.published, None);
    assert_eq!(got[0].as_ref().unwrap().meta.author, None);
    // The same bytes on stdin are sniffed as a zip.
    assert_eq!(
        from_bytes("-", saudi_zip(&records), Limits::default()).len(),
        2
    );
}

#[test]
fn zip_bomb_stops_with_an_error() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("big.txt", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..20 {
        zip.write_all(&block).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let limits = Limits {
        max_input_bytes: 4 << 20,
        ..Limits::default()
    };
    let got = from_bytes("bomb.zip", bytes, limits);
    assert_eq!(got.len(), 1);
    assert!(err_line(&got[0]).contains("input too large"), "{got:?}");
}

#[test]
fn gzip_bomb_stops_with_an_error() {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let block = vec![0u8; 1 << 20];
    for _ in 0..100 {
        enc.write_all(&block).unwrap();
    }
    let bytes = enc.finish().unwrap();
    assert!(bytes.len() < 1 << 20);
    let limits = Limits {
        max_input_bytes: 8 << 20,
        max_page_bytes: 64 << 20,
        ..Limits::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bomb.txt.gz", &bytes);
    let got = all(vec![Input::Path(path.clone())], limits);
    assert_eq!(got.len(), 1);
    assert_eq!(
        err_line(&got[0]),
        format!(
            "{}: input too large (more than {} bytes decompressed)",
            path.display(),
            8 << 20
        )
    );
}

#[test]
fn gz_text_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "a.txt.gz", &gzip(NEWS.as_bytes()));
    assert_eq!(one(&txt).unwrap().content, Content::Text(NEWS.into()));
    let html = write(
        dir.path(),
        "b.html.gz",
        &gzip(format!("<p>{NEWS}</p>").as_bytes()),
    );
    assert!(matches!(one(&html).unwrap().content, Content::Html(_)));
    let jsonl = write(
        dir.path(),
        "c.jsonl.gz",
        &gzip(serde_json::json!({"text": NEWS}).to_string().as_bytes()),
    );
    assert_eq!(one(&jsonl).unwrap().content, Content::Text(NEWS.into()));
}

#[test]
fn stdin_like_streams_are_sniffed() {
    let text = from_bytes("-", NEWS.as_bytes().to_vec(), Limits::default());
    let page = text[0].as_ref().unwrap();
    assert_eq!(page.uri, "-");
    assert_eq!(
        page.origin,
        Origin {
            file: "-".into(),
            index: 1
        }
    );
    assert_eq!(page.content, Content::Text(NEWS.into()));
    let html = from_bytes(
        "-",
        format!("<!doctype html><html><body>{NEWS}</body></html>").into_bytes(),
        Limits::default(),
    );
    assert!(matches!(
        html[0].as_ref().unwrap().content,
        Content::Html(_)
    ));
    let warc = from_bytes("-", warc_records().concat(), Limits::default());
    check_warc_pages(&warc);
    let gz = from_bytes("-", gzip(&warc_records().concat()), Limits::default());
    check_warc_pages(&gz);
}

#[test]
fn folder_walk_order_and_skipping() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pages");
    write(&root, "b.txt", NEWS.as_bytes());
    write(&root, "a/z.html", format!("<p>{NEWS}</p>").as_bytes());
    write(&root, "a/c.txt", NEWS2.as_bytes());
    write(&root, "README.md", b"# notes");
    write(&root, "build.py", b"print(1)");
    write(&root, ".hidden.txt", NEWS.as_bytes());
    write(&root, ".git/x.txt", NEWS.as_bytes());
    write(&root, "config.json", br#"{"threshold": 3}"#);
    let got = all(vec![Input::Path(root.clone())], Limits::default());
    let uris: Vec<String> = got
        .iter()
        .map(|r| r.as_ref().unwrap().uri.clone())
        .collect();
    let want: Vec<String> = ["a/c.txt", "a/z.html", "b.txt"]
        .iter()
        .map(|p| root.join(p).display().to_string())
        .collect();
    assert_eq!(uris, want);
    // Named explicitly, an unknown extension is sniffed and read.
    let md = one(&root.join("README.md")).unwrap();
    assert_eq!(md.content, Content::Text("# notes".into()));
}

#[test]
fn bad_inputs_one_error_each_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"  \n\n ");
    let latin = write(
        dir.path(),
        "latin.txt",
        b"caf\xe9 cr\xe8me br\xfbl\xe9e et g\xe2teau",
    );
    let png = write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let nul = write(dir.path(), "nul.html", b"<html>\0\0\0\x01\x02");
    let good = write(dir.path(), "good.txt", NEWS.as_bytes());
    let missing = dir.path().join("missing.txt");
    let inputs = [&empty, &latin, &png, &nul, &missing, &good]
        .iter()
        .map(|p| Input::Path(p.to_path_buf()))
        .collect();
    let got = all(inputs, Limits::default());
    assert_eq!(got.len(), 6);
    let cases = [
        (&empty, "empty document"),
        (&latin, "not valid UTF-8 (first bad byte at offset 3)"),
        (&png, "binary file (PNG image)"),
        (&nul, "binary file (contains NUL bytes)"),
    ];
    for (i, (path, message)) in cases.iter().enumerate() {
        assert!(
            err_line(&got[i]).starts_with(&format!("{}: {message}", path.display())),
            "{:?}",
            got[i]
        );
    }
    assert!(err_line(&got[4]).starts_with(&format!("{}: ", missing.display())));
    assert!(got[5].is_ok());
}

#[test]
fn blank_jsonl_is_empty() {
    let got = from_bytes("blank.jsonl", b"\n\n  \n".to_vec(), Limits::default());
    assert_eq!(got.len(), 1);
    assert_eq!(err_line(&got[0]), "blank.jsonl: empty document");
}

#[test]
fn page_over_lowered_limit() {
    let limits = Limits {
        max_page_bytes: 1000,
        ..Limits::default()
    };
    let big = NEWS.repeat(20);
    let got = from_bytes("-", big.clone().into_bytes(), limits);
    assert_eq!(
        err_line(&got[0]),
        "-: page too large (over the 1000 byte limit)"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.txt", big.as_bytes());
    let got = all(vec![Input::Path(path.clone())], limits);
    assert_eq!(
        err_line(&got[0]),
        format!(
            "{}: page too large ({} bytes > 1000 byte limit)",
            path.display(),
            big.len()
        )
    );
    let line = serde_json::json!({"text": big}).to_string();
    let got = from_bytes("x.jsonl", line.into_bytes(), limits);
    assert!(
        err_line(&got[0]).starts_with("x.jsonl:1: page too large"),
        "{got:?}"
    );
}

#[test]
fn fifty_megabyte_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap(); // sparse: no 50 MB written or read
    let start = std::time::Instant::now();
    let got = all(vec![Input::Path(path.clone())], Limits::default());
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(
        err_line(&got[0]),
        format!(
            "{}: page too large ({} bytes > {} byte limit)",
            path.display(),
            50 * 1024 * 1024,
            16 * 1024 * 1024
        )
    );
}

/// The real SaudiNewsNet corpus, when the shared folder is present.
#[test]
fn saudinewsnet_corpus_day() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/saudinewsnet"
    ));
    let path = dir.join("2015-07-27.zip");
    if !path.exists() {
        eprintln!("note: {} absent; corpus check skipped", path.display());
        return;
    }
    let mut archive = zip::ZipArchive::new(File::open(&path).unwrap()).unwrap();
    let mut raw = String::new();
    archive
        .by_index(0)
        .unwrap()
        .read_to_string(&mut raw)
        .unwrap();
    let records = serde_json::from_str::<Vec<serde_json::Value>>(&raw).unwrap();
    // Records whose content is blank are real in the corpus: each is one
    // "empty document" error naming its place, never a page.
    let blank: Vec<usize> = (1..=records.len())
        .filter(|&i| {
            records[i - 1]["content"]
                .as_str()
                .is_none_or(|c| c.trim().is_empty())
        })
        .collect();
    let got = all(vec![Input::Path(path.clone())], Limits::default());
    assert_eq!(got.len(), records.len());
    let errors: Vec<String> = got
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(ToString::to_string)
        .collect();
    let want: Vec<String> = blank
        .iter()
        .map(|i| format!("{}/2015-07-27.json:{i}: empty document", path.display()))
        .collect();
    assert_eq!(errors, want);
    for page in got.iter().filter_map(|r| r.as_ref().ok()) {
        assert!(!text_of(page).trim().is_empty());
        assert!(page.uri.starts_with("http"), "{}", page.uri);
        assert!(page.meta.outlet.is_some());
        assert_eq!(page.meta.published, None, "date_extracted is a crawl time");
    }
}

/// Every corpus day at once: counts, and how long it takes.
#[test]
fn saudinewsnet_corpus_all_days() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/saudinewsnet"
    ));
    if !dir.exists() {
        eprintln!("note: {} absent; corpus check skipped", dir.display());
        return;
    }
    let start = std::time::Instant::now();
    let (mut pages, mut errors) = (0usize, 0usize);
    for r in read(vec![Input::Path(dir.clone())], Limits::default()) {
        match r {
            Ok(_) => pages += 1,
            Err(e) => {
                assert!(e.to_string().ends_with(": empty document"), "{e}");
                errors += 1;
            }
        }
    }
    eprintln!(
        "corpus: {pages} pages, {errors} empty records, {:?}",
        start.elapsed()
    );
    assert!(pages > 10_000, "{pages}");
}

#[test]
fn warc_http_charset_windows_1256() {
    let page = format!(
        "<html><body><p>{}</p></body></html>",
        NEWS.replace('،', ",")
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256\r\n\r\n".to_vec();
    response.extend_from_slice(&bytes);
    let warc = warc_record(
        "response",
        "https://news.example/w",
        "application/http; msgtype=response",
        &response,
    );
    let got = from_bytes("one.warc", warc, Limits::default());
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].as_ref().unwrap().content, Content::Html(page));
}

#[test]
fn not_a_warc_header_is_one_error() {
    let mut bytes = warc_records()[..3].concat();
    bytes.extend_from_slice(b"garbage line\r\n\r\n");
    let got = from_bytes("bad.warc", bytes, Limits::default());
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(err_line(&got[1]), "bad.warc:4: not a WARC record header");
}

#[test]
fn stdin_jsonl_with_long_lines() {
    let lines: Vec<String> = (0..3)
        .map(|_| serde_json::json!({"text": NEWS.repeat(10)}).to_string())
        .collect();
    assert!(lines[0].len() > 1024);
    let got = from_bytes("-", lines.join("\n").into_bytes(), Limits::default());
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(Result::is_ok));
    assert_eq!(got[2].as_ref().unwrap().uri, "-:3");
}
