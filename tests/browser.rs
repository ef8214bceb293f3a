//! Browser test of `rasid serve`: ingests `examples/` into a temporary store,
//! starts the server on a free loopback port, drives Debian's headless
//! `chromium` through `chromedriver` (W3C WebDriver, spoken here over plain
//! HTTP/1.1 with serde_json: no WebDriver crate), loads the page, clicks an
//! incident in the table, checks that its evidence sentence is shown and
//! highlighted in the document, that markup in article text stays text, and
//! saves screenshots.
//!
//! Skips with a note when chromium or chromedriver is absent, except under
//! `CI=true`, where `.ci/run` installs them and their absence is a failure.
//! `RASID_SCREENSHOTS=DIR` writes the screenshots there (how `docs/` is made);
//! otherwise they go to Cargo's temporary folder for tests.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// A page of our own about injected code, quoting markup in its text, with
/// characters outside the BMP before the word the test searches for.
const INJECTED: &str = "الأحد، 8 مارس 2020
باحثون يرصدون تسلل شيفرات خبيثة إلى مواقع إخبارية
🔴 عاجل 🔴 قال باحثون في أمن المعلومات إن مواقع إخبارية محلية تعرضت لحقن شيفرات من قبيل \
<script>document.title=\"x\"</script> و<img src=x onerror=alert(1)> في صفحات التعليقات، \
ما دفع إداراتها إلى تعطيل خاصية النشر المباشر.
وأضاف الباحثون أن فرق الصيانة أزالت الشيفرات المحقونة خلال ساعات من اكتشافها.
";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Kills the child when dropped (the server and chromedriver this test started).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 request to `addr` (`host:port`); the status and the body.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> std::io::Result<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    )?;
    // Read the head, then as much body as it announces: chromedriver keeps
    // the connection open whatever `Connection: close` says.
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other("no HTTP head"));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let length: Option<usize> = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    let mut rest = raw[head_end + 4..].to_vec();
    loop {
        let done = match length {
            Some(n) => rest.len() >= n,
            None if chunked => rest.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            break;
        }
        rest.extend_from_slice(&buf[..n]);
    }
    if chunked {
        rest = dechunk(&rest);
    }
    Ok((status, rest))
}

/// The body of a chunked HTTP response.
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&b[start..(start + size).min(b.len())]);
        b = &b[(start + size + 2).min(b.len())..];
    }
    out
}

fn get_json(addr: &str, path: &str) -> Value {
    let (status, body) = http(addr, "GET", path, None).expect("request");
    assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).expect("JSON")
}

/// A WebDriver session.
struct Driver {
    addr: String,
    session: String,
}

impl Driver {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("/session/{}{path}", self.session);
        let (status, raw) = http(&self.addr, method, &url, body.as_ref()).expect("webdriver");
        let v: Value = serde_json::from_slice(&raw).expect("webdriver JSON");
        assert_eq!(status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let found = self.call(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()
            .map(|a| a.iter().filter_map(element_id).collect())
            .unwrap_or_default()
    }

    /// Elements matching `css`, waiting up to 30 s for at least one.
    fn wait_for(&self, css: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let found = self.find_all(css);
            if !found.is_empty() {
                return found;
            }
            assert!(Instant::now() < deadline, "no `{css}` after 30 s");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn script(&self, js: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
    }

    /// Saves a PNG of the viewport, or of one element.
    fn screenshot(&self, element: Option<&str>, path: &Path) {
        let shot = match element {
            Some(e) => self.call("GET", &format!("/element/{e}/screenshot"), None),
            None => self.call("GET", "/screenshot", None),
        };
        let png = base64_decode(shot.as_str().expect("base64 PNG"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).expect("screenshot written");
        eprintln!("browser: screenshot {}", path.display());
    }
}

impl Drop for Driver {
    /// Ends the session, which closes the browser, even when an assertion failed.
    fn drop(&mut self) {
        let _ = http(
            &self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
    }
}

fn element_id(v: &Value) -> Option<String> {
    // W3C's element reference key.
    v["element-6066-11e4-a52e-4f735466cecf"]
        .as_str()
        .map(str::to_string)
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

#[test]
fn the_page_opens_an_incident_and_shows_its_evidence() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must install chromium and chromium-driver (.ci/run does)"
        );
        eprintln!(
            "note: skipping the browser test: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rasid = env!("CARGO_BIN_EXE_rasid");
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("store");

    // A page of our own whose text carries markup: it must show as text.
    let injected = tmp.path().join("injected.txt");
    std::fs::write(&injected, INJECTED).expect("page written");
    let ingest = Command::new(rasid)
        .current_dir(root)
        .args(["ingest", "examples"])
        .arg(&injected)
        .arg("--data")
        .arg(&data)
        .output()
        .expect("rasid ingest runs");
    // Exit 1 means some example could not be read; the store still holds the rest.
    assert!(
        matches!(ingest.status.code(), Some(0 | 1)),
        "ingest: {:?}: {}",
        ingest.status,
        String::from_utf8_lossy(&ingest.stderr)
    );

    let mut server = Killed(
        Command::new(rasid)
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(&data)
            .stdout(Stdio::piped())
            .spawn()
            .expect("rasid serve starts"),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_string();
    let addr = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let page = get_json(&addr, "/api/incidents?limit=1");
    assert!(
        page["total"].as_u64().unwrap_or(0) > 0,
        "examples give incidents: {page}"
    );
    let first = &page["incidents"][0];
    let detail = get_json(&addr, &format!("/api/incidents/{}", first["id"]));
    let evidence = detail["sources"][0]["evidence"]
        .as_str()
        .expect("evidence")
        .to_string();

    let port = free_port();
    let _driver = Killed(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let wd = format!("127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while http(&wd, "GET", "/status", None).map(|r| r.0).ok() != Some(200) {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    let profile = tmp.path().join("chromium-profile");
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     "--window-size=1440,1800", "--lang=ar",
                     format!("--user-data-dir={}", profile.display())]
        }
    }}});
    let (status, raw) = http(&wd, "POST", "/session", Some(&caps)).expect("new session");
    let created: Value = serde_json::from_slice(&raw).expect("session JSON");
    assert_eq!(status, 200, "{created}");
    let driver = Driver {
        addr: wd.clone(),
        session: created["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_string(),
    };

    driver.call("POST", "/url", Some(json!({"url": base})));
    driver.wait_for("body[data-ready='1']");
    // Arabic first.
    assert_eq!(
        driver.script("return document.documentElement.dir"),
        json!("rtl")
    );
    assert!(
        !driver.find_all(".incident-marker").is_empty(),
        "markers on the map"
    );
    assert!(!driver.find_all("#timeline rect").is_empty(), "a timeline");
    let shots = std::env::var_os("RASID_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    driver.screenshot(None, &shots.join("rasid-page.png"));

    // Dragging over the timeline selects a period, which filters the map.
    let on_map = |d: &Driver| d.find_all(".incident-marker").len();
    let before = on_map(&driver);
    let svg = driver.wait_for("#timeline svg");
    let origin = json!({"element-6066-11e4-a52e-4f735466cecf": svg[0]});
    driver.call(
        "POST",
        "/actions",
        Some(json!({"actions": [{"type": "pointer", "id": "mouse",
            "parameters": {"pointerType": "mouse"}, "actions": [
                {"type": "pointerMove", "duration": 0, "origin": origin, "x": -300, "y": 0},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerMove", "duration": 200, "origin": origin, "x": 0, "y": 0},
                {"type": "pointerUp", "button": 0}]}]})),
    );
    let label = driver.wait_for("#range-label");
    let deadline = Instant::now() + Duration::from_secs(30);
    while driver.text(&label[0]).is_empty() || on_map(&driver) >= before {
        assert!(
            Instant::now() < deadline,
            "no period selected ({before} markers)"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let clear = driver.wait_for("#range-clear");
    driver.call(
        "POST",
        &format!("/element/{}/click", clear[0]),
        Some(json!({})),
    );
    while on_map(&driver) != before {
        assert!(Instant::now() < deadline, "the period was not cleared");
        std::thread::sleep(Duration::from_millis(200));
    }

    // Click the first incident of the table: its sources open with the evidence.
    let rows = driver.wait_for("#incidents tbody tr");
    let row = &rows[0];
    let id = driver.call(
        "GET",
        &format!("/element/{row}/attribute/data-incident-id"),
        None,
    );
    assert_eq!(
        id.as_str().map(str::to_string),
        Some(first["id"].to_string())
    );
    driver.call("POST", &format!("/element/{row}/click"), Some(json!({})));
    let quotes = driver.wait_for("#detail .evidence-quote");
    let shown = driver.text(&quotes[0]);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        squash(&shown),
        squash(&evidence),
        "the evidence sentence is shown"
    );
    driver.wait_for("#detail .doc-body .evidence.current");
    // Mentions inside the sentence split it into several marked pieces.
    let marked = driver.script(
        "return Array.from(document.querySelectorAll('#detail .doc-body .evidence.current'))\
         .map(e => e.textContent).join('')",
    );
    assert_eq!(
        squash(marked.as_str().unwrap_or_default()),
        squash(&evidence),
        "the evidence is highlighted in the document"
    );
    // Article text is text: no element came out of it.
    assert_eq!(
        driver.script("return document.querySelectorAll('#detail-body script, #detail-body iframe, #detail-body img').length"),
        json!(0)
    );
    // Search through the box, open the hit: markup in the text stays text.
    let input = driver.wait_for("#search-input");
    driver.call(
        "POST",
        &format!("/element/{}/value", input[0]),
        Some(json!({"text": "المحقونة"})),
    );
    let button = driver.wait_for("#search-form button");
    driver.call(
        "POST",
        &format!("/element/{}/click", button[0]),
        Some(json!({})),
    );
    let hits = driver.wait_for("#detail .hits li");
    driver.call(
        "POST",
        &format!("/element/{}/click", hits[0]),
        Some(json!({})),
    );
    driver.wait_for("#detail .doc-body .hit");
    // Offsets are code points: the emoji before the word (two UTF-16 units
    // each) must not shift the highlight.
    assert_eq!(
        driver.script(
            "return Array.from(document.querySelectorAll('#detail .doc-body .hit'))\
             .map(e => e.textContent)"
        ),
        json!(["المحقونة"])
    );
    let shown = driver.script("return document.querySelector('#detail .doc-body').textContent");
    let shown = shown.as_str().unwrap_or_default();
    assert!(shown.contains("<img src=x onerror=alert(1)>"), "{shown}");
    assert!(shown.contains("<script>"), "{shown}");
    assert_eq!(
        driver.script(
            "return document.querySelectorAll('#detail-body script, #detail-body img').length"
        ),
        json!(0)
    );
    assert_eq!(driver.script("return document.title"), json!("راصد"));
    let back = driver.wait_for("#detail-body button");
    driver.call(
        "POST",
        &format!("/element/{}/click", back[0]),
        Some(json!({})),
    );
    driver.wait_for("#detail .hits li");

    // Back to the incident for the screenshot of its evidence.
    driver.call("POST", &format!("/element/{row}/click"), Some(json!({})));
    let source = driver.wait_for("#detail .source");
    driver.script("document.querySelector('#detail .source').scrollIntoView({block: 'start'})");
    driver.screenshot(Some(&source[0]), &shots.join("rasid-evidence.png"));

    // The English switch relabels the page.
    let lang = driver.wait_for("#lang");
    driver.call(
        "POST",
        &format!("/element/{}/click", lang[0]),
        Some(json!({})),
    );
    assert_eq!(
        driver.script("return document.documentElement.dir"),
        json!("ltr")
    );
    let heading = driver.wait_for("#table-panel h2");
    assert_eq!(driver.text(&heading[0]), "Incidents");
}
