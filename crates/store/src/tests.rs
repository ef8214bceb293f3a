//! Store-level tests: idempotence, incidents across documents, near-duplicate
//! groups, search through the index and through mention ids, exports.

use super::*;
use rasid_extract::record::{Event, EventActor, EventDate, EventLocation, Mention, Span};

/// Several stories of our own, each long enough to get a MinHash signature.
const STORIES: [&str; 3] = [
    "أعلنت خلية الإعلام الأمني أن قوة من الجيش العراقي اشتبكت فجر الخميس مع مسلحين من \
     تنظيم داعش قرب قضاء الحويجة جنوب غرب كركوك، ما أسفر عن مقتل ثلاثة من عناصر التنظيم \
     وإصابة جنديين، وأضافت أن القوة لاحقت بقية المهاجمين باتجاه وادي الشاي وضبطت أسلحة \
     وعتادا في أحد الأوكار التي كانوا يستخدمونها.",
    "قالت مصادر محلية في محافظة الأنبار إن مسلحين مجهولين هاجموا نقطة تفتيش للشرطة قرب \
     مدينة الرمادي مساء أمس، ما أدى إلى مقتل شرطيين اثنين وإصابة ثلاثة آخرين، فيما فرضت \
     القوات الأمنية طوقا حول المنطقة وبدأت عمليات تفتيش واسعة بحثا عن المهاجمين الذين فروا \
     باتجاه الصحراء الغربية.",
    "شنت طائرات التحالف الدولي غارات جوية على مواقع لتنظيم الدولة الإسلامية في ريف دير \
     الزور الشرقي، واستهدفت إحداها مستودعا للذخيرة قرب بلدة هجين، بحسب ما أفاد به ناشطون \
     محليون أكدوا أن أعمدة الدخان شوهدت من مسافة بعيدة وأن سيارات الإسعاف هرعت إلى المكان.",
];

fn record(uri: &str, body: &str) -> Record {
    let mut r = rasid_extract::extract_text(uri, body, Some("2020-03-13"));
    r.events.clear();
    r.mentions.clear();
    r
}

fn clash(date: &str, lat: f64, lon: f64, killed: Option<u64>, precision: u8) -> Event {
    Event {
        event_type: "Battles".into(),
        sub_event_type: "Armed clash".into(),
        trigger: None,
        evidence: Span { start: 0, end: 40 },
        date: Some(EventDate {
            start: date.into(),
            end: date.into(),
            precision,
            text: "فجر الخميس".into(),
        }),
        location: Some(EventLocation {
            id: Some("geonames:390188".into()),
            name: Some("Al-Hawija".into()),
            country: Some("IQ".into()),
            admin1: Some("Kirkuk".into()),
            lat,
            lon,
            precision: 2,
            text: "قرب الحويجة".into(),
        }),
        actor1: Some(EventActor {
            id: Some("iraqi-security-forces".into()),
            name: Some("Military and Police Forces of Iraq".into()),
            text: "الجيش العراقي".into(),
        }),
        actor2: Some(EventActor {
            id: Some("isis".into()),
            name: Some("Islamic State".into()),
            text: "تنظيم داعش".into(),
        }),
        fatalities: killed,
        injuries: None,
        confidence: 0.8,
    }
}

fn actor_mention(body: &str, text: &str, id: &str) -> Mention {
    let byte = body.find(text).expect("mention text in body");
    let start = body[..byte].chars().count();
    Mention {
        kind: "actor".into(),
        start,
        end: start + text.chars().count(),
        text: text.into(),
        id: Some(id.into()),
        name: Some("Islamic State".into()),
        level: None,
        country: None,
        admin1: None,
        lat: None,
        lon: None,
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

#[test]
fn storing_twice_changes_nothing() {
    let (dir, mut store) = store();
    let mut a = record("a.txt", STORIES[0]);
    a.events
        .push(clash("2020-03-12", 35.326, 43.773, Some(3), 1));
    let batch = vec![a.clone(), record("b.txt", STORIES[1]), a];
    let first = store.add_batch(&batch).unwrap();
    assert_eq!((first.new, first.already), (2, 1));
    let totals = store.totals().unwrap();
    drop(store);
    let mut again = Store::open(dir.path()).unwrap();
    let second = again.add_batch(&batch).unwrap();
    assert_eq!((second.new, second.already, second.events), (0, 3, 0));
    assert_eq!(again.totals().unwrap(), totals);
    assert_eq!(totals.documents, 2);
    assert_eq!(totals.incidents, 1);
}

#[test]
fn reports_of_one_incident_become_one_with_every_source() {
    let (_dir, mut store) = store();
    let mut a = record("a.txt", STORIES[0]);
    a.source.outlet = Some("site-a".into());
    a.events
        .push(clash("2020-03-12", 35.326, 43.773, Some(5), 2));
    let mut b = record("b.txt", STORIES[1]);
    b.source.outlet = Some("site-b".into());
    b.events
        .push(clash("2020-03-13", 35.330, 43.780, Some(3), 1));
    // Another incident: 40 km away.
    b.events
        .push(clash("2020-03-13", 35.700, 43.780, Some(1), 1));
    let out = store.add_batch(&[a, b]).unwrap();
    assert_eq!(
        (out.events, out.new_incidents, out.merged_events),
        (3, 2, 1)
    );
    let incidents = store.incidents(&IncidentFilter::default()).unwrap();
    assert_eq!(incidents.len(), 2);
    let merged = incidents.iter().find(|i| i.documents == 2).expect("merged");
    assert_eq!(merged.sources.len(), 2);
    assert_eq!(merged.fields.fatalities, Some(3), "lowest reported toll");
    assert_eq!(merged.fields.time_precision, Some(1), "best precision");
    assert_eq!(merged.fields.date_start.as_deref(), Some("2020-03-13"));
    assert!(merged.event_id.starts_with("IRQ"));
    let only_big = IncidentFilter {
        min_fatalities: Some(2),
        ..IncidentFilter::default()
    };
    assert_eq!(store.incidents(&only_big).unwrap().len(), 1);
    let elsewhere = IncidentFilter {
        bbox: Some([36.0, 32.0, 40.0, 34.0]),
        ..IncidentFilter::default()
    };
    assert!(store.incidents(&elsewhere).unwrap().is_empty());
}

#[test]
fn near_duplicates_share_a_group() {
    let (_dir, mut store) = store();
    let copy = STORIES[0].replace("أعلنت", "اَعْلَنَتْ");
    let out = store
        .add_batch(&[
            record("a.txt", STORIES[0]),
            record("b.txt", &copy),
            record("c.txt", STORIES[2]),
        ])
        .unwrap();
    assert_eq!((out.new, out.near_duplicates), (3, 1));
    let groups = store.duplicate_groups().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].len(), 2);
    // Search shows the story once.
    let hits = store.search("الحويجة", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].duplicates, 1);
}

#[test]
fn search_normalises_and_expands_through_mention_ids() {
    let (_dir, mut store) = store();
    let a_body = STORIES[0].replace("داعش", "دَاعِش");
    let mut a = record("a.txt", &a_body);
    a.mentions
        .push(actor_mention(&a_body, "تنظيم دَاعِش", "isis"));
    let mut c = record("c.txt", STORIES[2]);
    c.mentions
        .push(actor_mention(STORIES[2], "تنظيم الدولة الإسلامية", "isis"));
    store
        .add_batch(&[a, record("b.txt", STORIES[1]), c])
        .unwrap();
    // (query, uris expected in the hits)
    let cases: &[(&str, &[&str])] = &[
        ("داعش", &["a.txt", "c.txt"]),
        ("#داعش", &["a.txt", "c.txt"]),
        ("الرمادي", &["b.txt"]),
        ("هجين", &["c.txt"]),
    ];
    for (query, want) in cases {
        let hits = store.search(query, 10).unwrap();
        let mut got: Vec<&str> = hits.iter().map(|h| h.uri.as_str()).collect();
        got.sort();
        assert_eq!(&got, want, "{query}");
    }
    let hits = store.search("داعش", 10).unwrap();
    let by_text = hits.iter().find(|h| h.uri == "a.txt").unwrap();
    assert_eq!(by_text.matched_by, "text");
    let h = by_text.highlights[0];
    let marked: String = by_text
        .snippet
        .chars()
        .skip(h.start)
        .take(h.end - h.start)
        .collect();
    assert_eq!(marked, "دَاعِش");
    let by_id = hits.iter().find(|h| h.uri == "c.txt").unwrap();
    assert_eq!(by_id.matched_by, "mention");
    let h = by_id.body_highlights[0];
    let marked = slice_chars(STORIES[2], h.start, h.end);
    assert_eq!(marked, "تنظيم الدولة الإسلامية");
}

#[test]
fn exports_parse() {
    let (_dir, mut store) = store();
    let mut a = record("a.txt", STORIES[0]);
    a.events.push(clash("2020-03-12", 35.326, 43.773, None, 1));
    store.add_batch(&[a, record("b.txt", STORIES[1])]).unwrap();
    let mut csv_out = Vec::new();
    let n = store.export_acled_csv(&mut csv_out).unwrap();
    assert_eq!(n.written, 1);
    let mut reader = csv::Reader::from_reader(csv_out.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, export::ACLED_COLUMNS);
    let row = reader.records().next().unwrap().unwrap();
    let col = |name: &str| {
        let i = export::ACLED_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap();
        row[i].to_string()
    };
    assert_eq!(col("iso"), "368");
    assert_eq!(col("country"), "Iraq");
    assert_eq!(col("region"), "Middle East");
    assert_eq!(col("inter1"), "1");
    assert_eq!(col("inter2"), "2");
    assert_eq!(col("interaction"), "12");
    assert_eq!(col("fatalities"), "0");
    assert_eq!(col("disorder_type"), "Political violence");
    let mut geo = Vec::new();
    store.export_geojson(&mut geo).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&geo).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"][0]["geometry"]["coordinates"][0], 43.773);
    let mut jsonl = Vec::new();
    assert_eq!(store.export_jsonl(&mut jsonl).unwrap().written, 2);
    for line in String::from_utf8(jsonl).unwrap().lines() {
        let r: Record = serde_json::from_str(line).unwrap();
        assert!(store.record(&r.id).unwrap().is_some());
    }
}

#[test]
fn store_is_send() {
    fn is_send<T: Send>() {}
    is_send::<Store>();
}
