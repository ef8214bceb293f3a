//! Endpoint tests: a store built from a few hand-written records in a
//! temporary folder, each endpoint called through the router (`oneshot`),
//! every endpoint with a bad parameter; and a bounded load test over
//! loopback (1,000 concurrent connections, raw HTTP/1.1).

use crate::{AppState, router};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use rasid_extract::Record;
use serde_json::{Value, json};
use tower::ServiceExt;

/// `(start, end)` in code points of the first `needle` in `body`.
fn span(body: &str, needle: &str) -> (usize, usize) {
    let byte = body
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {body}"));
    let start = body[..byte].chars().count();
    (start, start + needle.chars().count())
}

struct Ev<'a> {
    ty: (&'a str, &'a str),
    trigger: &'a str,
    date: &'a str,
    place: (&'a str, &'a str, &'a str, f64, f64),
    actors: (&'a str, &'a str),
    killed: Option<u64>,
}

/// A record as `rasid extract` would print it (output.md), with spans
/// found in the body.
fn record(
    id: &str,
    outlet: &str,
    title: &str,
    published: &str,
    body: &str,
    events: &[Ev],
) -> Record {
    let mut mentions = Vec::new();
    let mut evs = Vec::new();
    for e in events {
        let (name, country, admin1, lat, lon) = e.place;
        let (ps, pe) = span(body, name);
        mentions.push(
            json!({"kind": "place", "start": ps, "end": pe, "text": name,
            "id": format!("rasid:{name}"), "name": name, "level": "town", "country": country,
            "admin1": admin1, "lat": lat, "lon": lon}),
        );
        let (as_, ae) = span(body, e.actors.0);
        mentions.push(
            json!({"kind": "actor", "start": as_, "end": ae, "text": e.actors.0,
            "id": e.actors.1, "name": e.actors.1}),
        );
        let (ts, te) = span(body, e.trigger);
        // The evidence is the sentence holding the trigger.
        let chars: Vec<char> = body.chars().collect();
        let es = chars[..ts]
            .iter()
            .rposition(|&c| c == '.')
            .map_or(0, |i| i + 2);
        let ee = chars[te..]
            .iter()
            .position(|&c| c == '.')
            .map_or(chars.len(), |i| te + i + 1);
        evs.push(json!({
            "event_type": e.ty.0, "sub_event_type": e.ty.1,
            "trigger": {"start": ts, "end": te, "text": e.trigger},
            "evidence": {"start": es, "end": ee},
            "date": {"start": e.date, "end": e.date, "precision": 1, "text": e.date},
            "location": {"id": format!("rasid:{name}"), "name": name, "country": country,
                "admin1": admin1, "lat": lat, "lon": lon, "precision": 1, "text": name},
            "actor1": {"id": e.actors.1, "name": e.actors.1, "text": e.actors.0},
            "actor2": null,
            "fatalities": e.killed, "injuries": null, "confidence": 0.8
        }));
    }
    serde_json::from_value(json!({
        "id": id, "source": {"uri": format!("{outlet}/{id}.html"), "outlet": outlet},
        "title": title,
        "published": {"date": published, "time": null, "precision": "day", "text": published},
        "authors": [], "translated_from": null, "reference_date": published,
        "body": body, "mentions": mentions, "events": evs, "dates": [], "counts": []
    }))
    .expect("a record")
}

const HAWIJA: &str = "هاجم مسلحون من تنظيم داعش نقطة عسكرية قرب الحويجة مساء الخميس. \
    وأسفر الهجوم عن مقتل ثلاثة جنود وإصابة آخرين بجروح.";
const HAWIJA_2: &str = "قالت مصادر أمنية إن ثلاثة جنود قتلوا في هجوم شنه عناصر داعش على موقع قرب الحويجة. \
    وأضافت المصادر أن المهاجمين فروا باتجاه الوديان.";
const MAYADIN: &str = "استهدفت غارة جوية مواقع لتنظيم داعش في محيط الميادين فجر اليوم. \
    وقتل في الغارة خمسة من عناصر التنظيم.";

/// Store with three documents: two reports of one incident near Hawija and
/// an air strike near Mayadin; one title carries markup.
fn fixture() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("tempdir");
    let hawija = Ev {
        ty: ("Battles", "Armed clash"),
        trigger: "هاجم",
        date: "2020-03-12",
        place: ("الحويجة", "IQ", "Kirkuk", 35.326, 43.773),
        actors: ("داعش", "isis"),
        killed: Some(3),
    };
    let records = [
        record(
            "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a",
            "outlet-a",
            "مقتل ثلاثة جنود قرب الحويجة <script>alert(1)</script>",
            "2020-03-13",
            HAWIJA,
            &[hawija],
        ),
        record(
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            "outlet-b",
            "هجوم على موقع عسكري",
            "2020-03-13",
            HAWIJA_2,
            &[Ev {
                ty: ("Battles", "Armed clash"),
                trigger: "هجوم",
                date: "2020-03-12",
                place: ("الحويجة", "IQ", "Kirkuk", 35.326, 43.773),
                actors: ("داعش", "isis"),
                killed: Some(3),
            }],
        ),
        record(
            "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
            "outlet-c",
            "غارة على الميادين",
            "2020-04-02",
            MAYADIN,
            &[Ev {
                ty: ("Explosions/Remote violence", "Air/drone strike"),
                trigger: "غارة",
                date: "2020-04-02",
                place: ("الميادين", "SY", "Deir ez-Zor", 35.019, 40.451),
                actors: ("داعش", "isis"),
                killed: Some(5),
            }],
        ),
    ];
    let mut store = rasid_store::Store::open(dir.path()).expect("store");
    store.add_batch(&records).expect("stored");
    drop(store);
    let state = AppState::open(dir.path()).expect("state");
    (dir, state)
}

/// Query pairs of a table-driven case.
type Query<'a> = &'a [(&'a str, &'a str)];

async fn get(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let res = router(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = res.status();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, value)
}

/// `/api/…` with a percent-encoded query built from pairs.
fn url(path: &str, pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    let q: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", q.join("&"))
    }
}

#[tokio::test]
async fn bad_parameters_are_json_4xx_naming_the_parameter() {
    let (_dir, state) = fixture();
    // (path, query, status, parameter named in the error)
    let cases: &[(&str, Query, u16, Option<&str>)] = &[
        (
            "/api/incidents",
            &[("from", "2020-13-01")],
            400,
            Some("from"),
        ),
        ("/api/incidents", &[("to", "12/03/2020")], 400, Some("to")),
        (
            "/api/incidents",
            &[("from", "2020-05-01"), ("to", "2020-04-01")],
            400,
            Some("from"),
        ),
        ("/api/incidents", &[("bbox", "35,32,43")], 400, Some("bbox")),
        (
            "/api/incidents",
            &[("bbox", "43,32,35,38")],
            400,
            Some("bbox"),
        ),
        ("/api/incidents", &[("limit", "0")], 400, Some("limit")),
        ("/api/incidents", &[("limit", "501")], 400, Some("limit")),
        ("/api/incidents", &[("offset", "-1")], 400, Some("offset")),
        (
            "/api/incidents",
            &[("country", "IRQ")],
            400,
            Some("country"),
        ),
        (
            "/api/incidents",
            &[("type", "Airstrikes")],
            400,
            Some("type"),
        ),
        (
            "/api/incidents",
            &[("min_fatalities", "many")],
            400,
            Some("min_fatalities"),
        ),
        ("/api/incidents", &[("contry", "IQ")], 400, Some("contry")),
        (
            "/api/incidents",
            &[("limit", "5"), ("limit", "6")],
            400,
            Some("limit"),
        ),
        ("/api/incidents/abc", &[], 400, Some("id")),
        ("/api/incidents/0", &[], 400, Some("id")),
        ("/api/incidents/99999", &[], 404, None),
        ("/api/incidents/SYR1", &[], 404, None),
        (
            "/api/incidents/1",
            &[("verbose", "1")],
            400,
            Some("verbose"),
        ),
        ("/api/documents/not-hex!", &[], 400, Some("id")),
        (
            "/api/documents/ffffffffffffffffffffffffffffffff",
            &[],
            404,
            None,
        ),
        (
            "/api/documents/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a",
            &[("x", "1")],
            400,
            Some("x"),
        ),
        ("/api/search", &[], 400, Some("q")),
        ("/api/search", &[("q", "  ")], 400, Some("q")),
        (
            "/api/search",
            &[("q", "داعش"), ("limit", "1000")],
            400,
            Some("limit"),
        ),
        ("/api/trends", &[("by", "month")], 400, Some("by")),
        ("/api/trends", &[("from", "yesterday")], 400, Some("from")),
        ("/api/alerts", &[("baseline", "1")], 400, Some("baseline")),
        ("/api/alerts", &[("alpha", "2")], 400, Some("alpha")),
        ("/api/alerts", &[("week", "2020-02-30")], 400, Some("week")),
        ("/api/alerts", &[("from", "2020-01-01")], 400, Some("from")),
        ("/api/meta", &[("all", "1")], 400, Some("all")),
        ("/api/openapi.json", &[("v", "2")], 400, Some("v")),
        ("/api/nothing-here", &[], 404, None),
    ];
    for (path, query, status, parameter) in cases {
        let uri = url(path, query);
        let (got, body) = get(&state, &uri).await;
        assert_eq!(got.as_u16(), *status, "{uri}: {body}");
        let err = &body["error"];
        assert_eq!(err["status"], json!(status), "{uri}: {body}");
        assert!(
            err["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{uri}: {body}"
        );
        assert_eq!(err["parameter"].as_str(), *parameter, "{uri}: {body}");
    }
}

#[tokio::test]
async fn incidents_filter_page_and_count() {
    let (_dir, state) = fixture();
    // (query, total, first location)
    let cases: &[(Query, u64, Option<&str>)] = &[
        (&[], 2, Some("الحويجة")),
        (&[("country", "sy")], 1, Some("الميادين")),
        (&[("admin1", "kirkuk")], 1, Some("الحويجة")),
        (&[("bbox", "40,34,41,36")], 1, Some("الميادين")),
        (&[("from", "2020-03-13")], 1, Some("الميادين")),
        (&[("to", "2020-03-12")], 1, Some("الحويجة")),
        (&[("type", "air/drone strike")], 1, Some("الميادين")),
        (&[("type", "Battles")], 1, Some("الحويجة")),
        (&[("actor", "isis")], 2, Some("الحويجة")),
        (&[("actor", "pkk")], 0, None),
        (&[("min_fatalities", "4")], 1, Some("الميادين")),
        (&[("limit", "1"), ("offset", "1")], 2, Some("الميادين")),
        (&[("offset", "5")], 2, None),
    ];
    for (query, total, first) in cases {
        let uri = url("/api/incidents", query);
        let (status, body) = get(&state, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_eq!(body["total"], json!(total), "{uri}: {body}");
        assert_eq!(
            body["incidents"][0]["location"].as_str(),
            *first,
            "{uri}: {body}"
        );
    }
}

#[tokio::test]
async fn an_incident_has_its_sources_and_their_evidence() {
    let (_dir, state) = fixture();
    let (_, list) = get(&state, "/api/incidents?country=IQ").await;
    let id = list["incidents"][0]["id"].as_i64().expect("id");
    let event_id = list["incidents"][0]["event_id"]
        .as_str()
        .expect("event id")
        .to_string();
    assert!(event_id.starts_with("IRQ"), "{event_id}");
    for uri in [
        format!("/api/incidents/{id}"),
        format!("/api/incidents/{event_id}"),
    ] {
        let (status, inc) = get(&state, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {inc}");
        let sources = inc["sources"].as_array().expect("sources");
        assert_eq!(sources.len(), 2, "two reports of one incident: {inc}");
        assert_eq!(inc["documents"], json!(2));
        for s in sources {
            // The evidence is the span of the document's body it names.
            let (_, doc) = get(
                &state,
                &format!("/api/documents/{}", s["document"].as_str().unwrap()),
            )
            .await;
            let body: Vec<char> = doc["body"].as_str().expect("body").chars().collect();
            let (a, b) = (
                s["evidence_start"].as_u64().unwrap() as usize,
                s["evidence_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                body[a..b].iter().collect::<String>(),
                s["evidence"].as_str().unwrap()
            );
            assert!(s["evidence"].as_str().unwrap().contains("الحويجة"));
        }
    }
}

#[tokio::test]
async fn a_document_is_its_record_with_mentions() {
    let (_dir, state) = fixture();
    let (status, doc) = get(&state, "/api/documents/0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A").await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["id"], json!("0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a"));
    // Markup in a title is data, returned as it was stored.
    assert!(doc["title"].as_str().unwrap().contains("<script>"));
    let mentions = doc["mentions"].as_array().expect("mentions");
    let body: Vec<char> = doc["body"].as_str().unwrap().chars().collect();
    assert!(!mentions.is_empty());
    for m in mentions {
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            body[a..b].iter().collect::<String>(),
            m["text"].as_str().unwrap()
        );
    }
}

#[tokio::test]
async fn search_finds_arabic_words_in_any_form() {
    let (_dir, state) = fixture();
    // (query, documents found)
    let cases = [
        ("الحويجة", 2),
        ("الميادين", 1),
        ("غارة", 1),
        ("كركوك الموصل", 0),
    ];
    for (q, n) in cases {
        let uri = url("/api/search", &[("q", q)]);
        let (status, body) = get(&state, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_eq!(
            body["hits"].as_array().map(Vec::len),
            Some(n),
            "{q}: {body}"
        );
    }
}

#[tokio::test]
async fn trends_and_alerts_count_weeks() {
    let (_dir, state) = fixture();
    let (status, t) = get(&state, "/api/trends").await;
    assert_eq!(status, StatusCode::OK, "{t}");
    assert_eq!(t["weeks"][0], json!("2020-03-09"));
    assert_eq!(t["weeks"].as_array().unwrap().len(), 4, "{t}");
    let (_, t) = get(&state, "/api/trends?by=admin1&country=SY").await;
    assert_eq!(t["series"][0]["key"], json!("Deir ez-Zor"), "{t}");
    let (status, a) = get(&state, "/api/alerts").await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["week"], json!("2020-03-30"), "{a}");
    assert_eq!(a["method"], json!("poisson-upper-tail"));
    assert!(a["test"].as_str().unwrap().contains("Poisson"));
    assert_eq!(a["cells"][0]["admin1"], json!("Deir ez-Zor"), "{a}");
    let (_, a) = get(&state, "/api/alerts?week=2020-03-12&baseline=4").await;
    assert_eq!(a["cells"][0]["admin1"], json!("Kirkuk"), "{a}");
    assert_eq!(a["cells"][0]["history"], json!([0, 0, 0, 0, 1]), "{a}");
}

#[tokio::test]
async fn the_page_and_the_openapi_file_are_served() {
    let (_dir, state) = fixture();
    let res = router(state.clone())
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    let html =
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(html.contains("dir=\"rtl\""), "Arabic first");
    // Every local file the page links to is bundled.
    for a in crate::assets::ASSETS {
        assert!(!a.body.is_empty(), "{} is empty", a.path);
    }
    for link in [
        "app.js",
        "style.css",
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
    ] {
        assert!(html.contains(link), "{link}");
        assert!(crate::assets::get(link).is_some(), "{link}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no remote resources"
    );
    // The OpenAPI file is valid JSON and documents every route.
    let (status, spec) = get(&state, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/documents/{id}",
        "/api/search",
        "/api/trends",
        "/api/alerts",
        "/api/meta",
        "/api/openapi.json",
    ] {
        assert!(
            spec["paths"][path]["get"].is_object(),
            "{path} in openapi.json"
        );
    }
}

#[test]
fn a_folder_without_a_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = AppState::open(dir.path())
        .err()
        .expect("no store")
        .to_string();
    assert!(err.contains("rasid ingest"), "{err}");
}

#[test]
fn shared_state_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<AppState>();
}

/// 1,000 concurrent requests over loopback, every one answered 200.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn load_1000_concurrent_requests_without_an_error() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (_dir, state) = fixture();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let paths = [
        "/api/incidents?limit=5",
        "/api/incidents/1",
        "/api/trends",
        "/api/alerts",
        "/api/search?q=%D8%A7%D9%84%D8%AD%D9%88%D9%8A%D8%AC%D8%A9",
        "/api/meta",
        "/",
    ];
    const N: usize = 1000;
    let start = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..N {
        let path = paths[i % paths.len()];
        tasks.spawn(async move {
            let t = std::time::Instant::now();
            let mut s = tokio::net::TcpStream::connect(addr).await?;
            s.write_all(
                format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            )
            .await?;
            let mut buf = Vec::new();
            s.read_to_end(&mut buf).await?;
            let head = String::from_utf8_lossy(&buf[..buf.len().min(12)]).into_owned();
            Ok::<_, std::io::Error>((path, head, t.elapsed()))
        });
    }
    let mut times = Vec::with_capacity(N);
    let mut failures = Vec::new();
    while let Some(done) = tasks.join_next().await {
        match done.expect("task") {
            Ok((_, head, t)) if head == "HTTP/1.1 200" => times.push(t),
            Ok((path, head, _)) => failures.push(format!("{path}: {head}")),
            Err(e) => failures.push(e.to_string()),
        }
    }
    let wall = start.elapsed();
    assert!(
        failures.is_empty(),
        "{} of {N} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    times.sort();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    eprintln!(
        "load: {N} concurrent requests in {wall:?} ({:.0}/s); latency p50 {:?}, p99 {:?}, max {:?}",
        N as f64 / wall.as_secs_f64(),
        pct(50),
        pct(99),
        times[times.len() - 1]
    );
}
