//! End-to-end tests of the store subcommands (`rasid ingest`, `search`,
//! `events`, `export`) through the built binary: idempotence, resuming after
//! `kill -9`, normalised search, the ACLED header, GeoJSON, bad input.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn rasid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("rasid runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "status {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

/// The summary table of `rasid ingest` as name → value.
fn summary(stdout: &str) -> BTreeMap<String, String> {
    stdout
        .lines()
        .filter_map(|l| {
            l.get(..24)
                .map(|k| (k.trim().to_string(), l[24..].trim().to_string()))
        })
        .collect()
}

fn ingest(data: &Path, inputs: &[&str]) -> BTreeMap<String, String> {
    let mut args = vec!["ingest", "--data", data.to_str().unwrap()];
    args.extend(inputs);
    summary(&ok(&rasid(&args)))
}

/// The stored records, through `rasid export --format jsonl`, sorted by id.
fn stored(data: &Path) -> Vec<serde_json::Value> {
    let out = ok(&rasid(&[
        "export",
        "--format",
        "jsonl",
        "--data",
        data.to_str().unwrap(),
    ]));
    let mut recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record a line"))
        .collect();
    recs.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    recs
}

fn incidents(data: &Path) -> usize {
    // Piped, so JSONL.
    ok(&rasid(&["events", "--data", data.to_str().unwrap()]))
        .lines()
        .count()
}

#[test]
fn ingesting_twice_stores_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let first = ingest(dir.path(), &["examples/"]);
    let n: usize = first["new"].parse().unwrap();
    assert!(n > 20, "{first:?}");
    assert_eq!(first["already stored"], "0");
    let records = stored(dir.path());
    let events = incidents(dir.path());
    let second = ingest(dir.path(), &["examples/"]);
    assert_eq!(second["new"], "0", "{second:?}");
    assert_eq!(second["already stored"], n.to_string());
    assert_eq!(second["events"], "0");
    assert_eq!(stored(dir.path()), records);
    assert_eq!(incidents(dir.path()), events);
    let store_line = |s: &BTreeMap<String, String>| s["store"].replace(&format!("(+{n})"), "(+0)");
    assert_eq!(store_line(&first), second["store"]);
}

/// Many small distinct pages made from the examples' text files.
fn many_pages(dir: &Path, count: usize) {
    let mut bodies = Vec::new();
    for entry in std::fs::read_dir("examples/iraq")
        .unwrap()
        .chain(std::fs::read_dir("examples/levant").unwrap())
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            bodies.push(text);
        }
    }
    assert!(!bodies.is_empty());
    for i in 0..count {
        let body = &bodies[i % bodies.len()];
        // A clause of our own inside the first sentence makes each page a
        // distinct document (a closing line would be cut as page chrome).
        let page = body.replacen("، ", &format!("، وبحسب التحديث رقم {i}، "), 1);
        std::fs::write(dir.join(format!("page-{i:05}.txt")), page).unwrap();
    }
}

#[test]
fn an_ingest_killed_mid_way_resumes_with_nothing_lost_or_doubled() {
    let pages = tempfile::tempdir().unwrap();
    many_pages(pages.path(), 1500);
    let input = pages.path().to_str().unwrap();
    let clean = tempfile::tempdir().unwrap();
    let clean_summary = ingest(clean.path(), &[input]);
    let distinct: usize = clean_summary["new"].parse().unwrap();
    assert!(distinct > 1000, "{clean_summary:?}");

    let killed = tempfile::tempdir().unwrap();
    let data = killed.path().to_str().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["ingest", "--data", data, input])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first committed batch, then SIGKILL (Child::kill is SIGKILL on Unix).
    let start = Instant::now();
    let mut seen = 0;
    while start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if killed.path().join("store.sqlite").exists() {
            seen = stored(killed.path()).len();
            if seen > 0 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let finished_early = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    if finished_early {
        eprintln!("note: the ingest finished before it could be killed; resuming is still checked");
    } else {
        eprintln!("killed after {seen} of {distinct} documents were stored");
        assert!(seen < distinct, "killed after {seen} documents");
    }
    let resumed = ingest(killed.path(), &[input]);
    assert_eq!(resumed["read"], "1500", "{resumed:?}");
    assert_eq!(stored(killed.path()), stored(clean.path()));
    assert_eq!(incidents(killed.path()), incidents(clean.path()));
    let totals = |s: &BTreeMap<String, String>| {
        s["store"]
            .split_once(')')
            .map(|(_, rest)| rest.to_string())
            .unwrap()
    };
    assert_eq!(totals(&resumed), totals(&clean_summary));
}

const PAGE: &str = "اشتباكات مع خلية لداعش قرب الحويجة\n\nقالت مصادر أمنية إن قوة من الشرطة الاتحادية اشتبكت مساء الاثنين مع عناصر من تنظيم دَاعِش في قرية قريبة من قضاء الحويجة، وإن المواجهة انتهت بانسحاب المسلحين نحو المرتفعات.\n\nوتداول ناشطون الخبر تحت وسم #داعش_الحويجة على مواقع التواصل.\n";

#[test]
fn search_finds_normalised_and_hashtag_forms() {
    let pages = tempfile::tempdir().unwrap();
    std::fs::write(pages.path().join("clash.txt"), PAGE).unwrap();
    let data = tempfile::tempdir().unwrap();
    ingest(data.path(), &[pages.path().to_str().unwrap()]);
    let d = data.path().to_str().unwrap();
    for query in ["داعش", "#داعش", "دَاعِش", "الحويجة"] {
        let out = ok(&rasid(&["search", query, "--data", d, "--json"]));
        let hits: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(hits.len(), 1, "{query}: {out}");
        let hit = &hits[0];
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        let h = &hit["highlights"][0];
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        let marked: String = snippet[s..e].iter().collect();
        assert!(
            rasid_text_norm(&marked).contains(&rasid_text_norm(query.trim_start_matches('#'))),
            "{query}: highlighted {marked}"
        );
    }
    let none = ok(&rasid(&["search", "الموصل", "--data", d, "--json"]));
    assert!(none.is_empty(), "{none}");
}

/// Strips harakat, as far as this test needs.
fn rasid_text_norm(s: &str) -> String {
    s.chars()
        .filter(|c| !('\u{064B}'..='\u{0652}').contains(c))
        .collect()
}

#[test]
fn exports_have_acled_columns_and_parse() {
    let data = tempfile::tempdir().unwrap();
    ingest(data.path(), &["examples/"]);
    let d = data.path().to_str().unwrap();
    let out = rasid(&["export", "--format", "acled-csv", "--data", d]);
    let csv_text = ok(&out);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "event_id_cnty",
            "event_date",
            "year",
            "time_precision",
            "disorder_type",
            "event_type",
            "sub_event_type",
            "actor1",
            "assoc_actor_1",
            "inter1",
            "actor2",
            "assoc_actor_2",
            "inter2",
            "interaction",
            "civilian_targeting",
            "iso",
            "region",
            "country",
            "admin1",
            "admin2",
            "admin3",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
            "source",
            "source_scale",
            "notes",
            "fatalities",
            "tags",
            "timestamp",
        ]
    );
    for row in reader.records() {
        let row = row.expect("every row parses");
        assert_eq!(row.len(), 31);
        assert!(row[1].len() == 10 && row[2] == row[1][..4], "{row:?}");
        assert!(row[22].parse::<f64>().is_ok() && row[23].parse::<f64>().is_ok());
        assert!(
            row[28].parse::<u64>().is_ok(),
            "fatalities is a number: {row:?}"
        );
    }
    let file = data.path().join("incidents.geojson");
    ok(&rasid(&[
        "export",
        "--format",
        "geojson",
        "--data",
        d,
        "-o",
        file.to_str().unwrap(),
    ]));
    let geo: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    for f in geo["features"].as_array().unwrap() {
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert!(c[0].as_f64().unwrap().abs() <= 180.0 && c[1].as_f64().unwrap().abs() <= 90.0);
    }
}

#[test]
fn a_bad_input_is_one_line_and_the_rest_is_stored() {
    let pages = tempfile::tempdir().unwrap();
    std::fs::write(pages.path().join("good.txt"), PAGE).unwrap();
    std::fs::write(pages.path().join("empty.txt"), "").unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = rasid(&[
        "ingest",
        "--data",
        data.path().to_str().unwrap(),
        pages.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("rasid:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("empty.txt"), "{stderr}");
    let s = summary(&String::from_utf8_lossy(&out.stdout));
    assert_eq!((s["new"].as_str(), s["failed"].as_str()), ("1", "1"));
    assert_eq!(stored(data.path()).len(), 1);
}

#[test]
fn usage_errors_exit_2_and_a_missing_store_exits_1() {
    let out = rasid(&["events", "--bbox", "1,2,3"]);
    assert_eq!(out.status.code(), Some(2));
    let out = rasid(&["export", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let out = rasid(&["search", "داعش", "--data", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store here"));
}
