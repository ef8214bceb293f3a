//! End-to-end tests of the `rasid` binary: exit codes, error lines, stdin,
//! and the golden runs over `examples/` and the sealed `tests/holdout/`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn rasid(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rasid runs");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or_default())
        .expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("rasid finishes")
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every stdout line is a JSON record"))
        .collect()
}

const PAGE: &str = "مقتل ثلاثة جنود بهجوم جنوب غرب كركوك\n\nهاجم مسلحون نقطة عسكرية قرب الحويجة فجر الخميس، ما أسفر عن مقتل ثلاثة جنود وإصابة خمسة آخرين بحسب مصدر أمني.\n\nوقال المصدر إن المهاجمين انسحبوا باتجاه وادي الشاي بعد اشتباك استمر نحو ساعة.\n";

#[test]
fn stdin_gives_one_record_with_every_field() {
    let out = rasid(&["extract", "-"], Some(PAGE.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let rec = &recs[0];
    for field in [
        "id",
        "source",
        "title",
        "published",
        "authors",
        "translated_from",
        "reference_date",
        "body",
        "mentions",
        "events",
        "dates",
        "counts",
    ] {
        assert!(rec.get(field).is_some(), "field {field} missing");
    }
    assert_eq!(rec["id"].as_str().map(str::len), Some(32));
    assert!(
        rec["body"]
            .as_str()
            .unwrap()
            .contains("هاجم مسلحون نقطة عسكرية")
    );
}

#[test]
fn a_bad_input_is_one_error_line_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    let empty = dir.path().join("empty.txt");
    let binary = dir.path().join("blob.txt");
    std::fs::write(&good, PAGE).unwrap();
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 7, 255, 0, 1, 2, 3]).unwrap();
    let args = [
        "extract",
        empty.to_str().unwrap(),
        good.to_str().unwrap(),
        binary.to_str().unwrap(),
    ];
    let out = rasid(&args, None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1, "the good page is still extracted");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one line per bad input: {stderr}");
    assert!(lines.iter().any(|l| l.contains("empty.txt")), "{stderr}");
    assert!(lines.iter().any(|l| l.contains("blob.txt")), "{stderr}");
}

#[test]
fn a_missing_file_fails_with_status_1_naming_it() {
    let out = rasid(&["extract", "no/such/page.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/page.txt"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        rasid(&["extract", "--no-such-flag"], None).status.code(),
        Some(2)
    );
    assert_eq!(rasid(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn output_file_holds_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("records.jsonl");
    let out = rasid(
        &["extract", "-", "-o", out_path.to_str().unwrap()],
        Some(PAGE.as_bytes()),
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(text.lines().count(), 1);
}

#[test]
fn examples_all_extract() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out = rasid(&["extract", "examples"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert!(
        recs.len() >= 30,
        "{} records from {}",
        recs.len(),
        examples.display()
    );
    for rec in &recs {
        assert!(
            !rec["body"].as_str().unwrap().trim().is_empty(),
            "empty body: {}",
            rec["source"]
        );
    }
}

/// Runs `rasid eval --json` and returns (field → accuracy or F1) with the raw row.
fn eval_rows(gold: &str, inputs: &str) -> (serde_json::Value, Output) {
    let out = rasid(&["eval", "--gold", gold, inputs, "--json"], None);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "eval prints JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (report, out)
}

fn score(report: &serde_json::Value, field: &str) -> f64 {
    let row = report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["field"] == field)
        .unwrap_or_else(|| panic!("no row {field}"));
    row["accuracy"]
        .as_f64()
        .or_else(|| row["f1"].as_f64())
        .unwrap_or_else(|| panic!("row {field}: {row}"))
}

/// Runs `rasid eval` on `dir` against `gold` and checks each field's score
/// against its floor.
fn assert_floors(gold: &str, dir: &str, floors: &[(&str, f64)]) {
    let (report, out) = eval_rows(gold, dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for &(field, floor) in floors {
        let s = score(&report, field);
        assert!(s >= floor, "{dir}: {field} scores {s}, floor {floor}");
    }
}

/// Issue 2's bar: on the examples every document-level check scores 1.0.
#[test]
fn examples_document_fields_score_1() {
    let (report, out) = eval_rows("examples/gold.json", "examples");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        report["missing"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
    for field in [
        "title",
        "published",
        "authors",
        "absent",
        "present",
        "translated_from",
        "reference_date",
    ] {
        let s = score(&report, field);
        assert!(
            s >= 1.0,
            "{field} scores {s} on examples:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// The two held-out sets were first scored sealed (those honest numbers are
/// in their READMEs and the issue notes); their failures were then fixed in
/// general terms, so they now guard against regressions, with floors a
/// little below the 1.0 the examples must keep.
#[test]
fn holdout_sets_stay_above_their_floors() {
    for dir in ["tests/holdout", "tests/holdout2"] {
        let gold = format!("{dir}/gold.json");
        if !Path::new(env!("CARGO_MANIFEST_DIR")).join(&gold).exists() {
            eprintln!("{gold} absent: skipped");
            continue;
        }
        println!(
            "{dir}:\n{}",
            String::from_utf8_lossy(&rasid(&["eval", "--gold", &gold, dir], None).stdout)
        );
        assert_floors(
            &gold,
            dir,
            &[
                ("absent", 0.95),
                ("present", 0.95),
                ("title", 0.9),
                ("published", 0.9),
                ("authors", 0.9),
            ],
        );
    }
}

/// The bars of issues 3–5 on the examples (tuned on) and on the event items
/// (`tests/events/`, tuned on): dates, counts, places, actors, persons and
/// events with every event field.
#[test]
fn examples_and_event_items_hold_the_reading_bars() {
    for (gold, dir, floors) in [
        (
            "examples/gold.json",
            "examples",
            &[
                ("dates", 0.95),
                ("counts", 0.9),
                ("places", 0.9),
                ("actors", 0.9),
                ("events", 0.85),
                ("event_type", 0.85),
                ("sub_event_type", 0.85),
                ("event_date", 0.85),
                ("event_location", 0.85),
                ("event_actor1", 0.85),
                ("event_actor2", 0.85),
                ("event_fatalities", 0.85),
            ][..],
        ),
        (
            "tests/events/gold.json",
            "tests/events",
            &[
                ("dates", 0.95),
                ("counts", 0.85),
                ("events", 0.85),
                ("event_type", 0.85),
                ("sub_event_type", 0.85),
                ("event_date", 0.85),
                ("event_location", 0.85),
                ("event_actor1", 0.85),
                ("event_actor2", 0.85),
                ("event_fatalities", 0.85),
            ][..],
        ),
    ] {
        assert_floors(gold, dir, floors);
    }
}

/// `tests/holdout3/` was written after tuning by a writer who saw neither
/// code nor examples, and scored once (its first-pass table is in its
/// README). Session 3 tuned event coding on it, so these floors now only
/// guard against regressions.
#[test]
fn holdout3_stays_above_its_first_pass() {
    assert_floors(
        "tests/holdout3/gold.json",
        "tests/holdout3",
        &[
            ("title", 0.95),
            ("present", 0.95),
            ("absent", 0.95),
            ("places", 0.93),
            ("actors", 0.9),
            ("persons", 0.75),
            ("dates", 0.93),
            ("counts", 0.75),
            ("events", 0.78),
        ],
    );
}

/// `tests/holdout4/` was written in session 3 by a writer who saw neither
/// code, examples nor other test sets, and scored once sealed (table in its
/// README). Session 4 tuned places, counts and event coding on its failures
/// (general rules, tested on new sentences), so it is no longer held out:
/// these floors sit a little under the tuned pass and guard against
/// regressions. The cleaner now also finds the two reference dates it
/// missed (a URL on the line after a translation notice, a date line under
/// the headline).
#[test]
fn holdout4_stays_above_its_tuned_pass() {
    assert_floors(
        "tests/holdout4/gold.json",
        "tests/holdout4",
        &[
            ("title", 0.95),
            ("present", 0.95),
            ("absent", 0.93),
            ("places", 0.93),
            ("actors", 0.95),
            ("persons", 0.95),
            ("dates", 0.95),
            ("counts", 0.84),
            ("events", 0.95),
            ("event_type", 0.93),
            ("sub_event_type", 0.93),
            ("event_date", 0.95),
            ("event_location", 0.93),
            ("event_actor1", 0.93),
            ("event_actor2", 0.87),
            ("event_fatalities", 0.93),
        ],
    );
}

/// `tests/holdout5/` was written in session 4 by a writer who saw neither
/// code, examples nor other test sets, and scored sealed (passes A and B in
/// its README). Session 5 tuned event coding and counts on its failures
/// (general rules, tested on new sentences), so it is no longer held out:
/// these floors sit a little under the tuned pass (C) and guard against
/// regressions.
#[test]
fn holdout5_stays_above_its_tuned_pass() {
    assert_floors(
        "tests/holdout5/gold.json",
        "tests/holdout5",
        &[
            ("title", 0.9),
            ("present", 0.95),
            ("absent", 0.94),
            ("places", 0.9),
            ("actors", 0.95),
            ("persons", 0.85),
            ("dates", 0.85),
            ("counts", 0.72),
            ("events", 0.97),
            ("event_type", 0.97),
            ("sub_event_type", 0.97),
            ("event_date", 0.92),
            ("event_location", 0.92),
            ("event_actor1", 0.9),
            ("event_actor2", 0.95),
            ("event_fatalities", 0.97),
        ],
    );
}

/// `tests/holdout6/` was written in session 5 by a writer who saw only
/// `../shared/spec`, and is sealed: scored at the session's start (pass A)
/// and end (pass B), summary tables only (its README). Nobody has looked at
/// its failures; these floors sit a little under pass B.
#[test]
fn holdout6_stays_above_its_sealed_pass() {
    assert_floors(
        "tests/holdout6/gold.json",
        "tests/holdout6",
        &[
            ("title", 0.8),
            ("published", 0.9),
            ("present", 0.95),
            ("absent", 0.94),
            ("places", 0.85),
            ("actors", 0.95),
            ("persons", 0.85),
            ("dates", 0.89),
            ("counts", 0.9),
            ("events", 0.88),
            ("event_type", 0.84),
            ("sub_event_type", 0.82),
            ("event_date", 0.84),
            ("event_location", 0.73),
            ("event_actor1", 0.73),
            ("event_actor2", 0.84),
            ("event_fatalities", 0.91),
        ],
    );
}
