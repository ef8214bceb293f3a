//! Scoring records against gold documents and the score table.
//!
//! Owns which record a gold document scores, the per-field counts
//! (micro-averaged over all documents) and how the table reads. The
//! matching rules themselves live in `matching`; this module must not read
//! files or run the pipeline.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rasid_extract::Record;
use rasid_extract::record::Event;
use serde::Serialize;

use crate::gold::{GoldDoc, GoldEvent, GoldPlace};
use crate::matching::{
    Assignment, PredPlace, assign, date_value_matches, fold, person_matches, place_matches,
    texts_overlap,
};

/// A record with the input path it was read from, as given on the command
/// line (e.g. `examples/levant/x.txt`).
#[derive(Debug, Clone)]
pub struct Scored {
    /// The input path.
    pub file: String,
    /// The record read from it.
    pub record: Record,
}

/// Whether a row is precision/recall or accuracy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// Precision, recall and F1 over matched items.
    Prf,
    /// Share of gold items got right.
    Accuracy,
}

/// One row of the table: one field, its counts and its scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The field scored.
    pub field: String,
    /// Precision/recall or accuracy.
    pub kind: RowKind,
    /// Predictions matched to a required gold item.
    pub tp: usize,
    /// Predictions matched to nothing (or surplus on a gold item already taken).
    pub fp: usize,
    /// Required gold items no prediction matched.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Required gold items (recall's denominator).
    pub gold: usize,
    /// Accuracy rows: items got right.
    pub correct: usize,
    /// Accuracy rows: items scored.
    pub total: usize,
    /// tp / (tp + fp); `None` without predictions or for accuracy rows.
    pub precision: Option<f64>,
    /// (gold − fn) / gold; `None` without gold items or for accuracy rows.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall, when both exist.
    pub f1: Option<f64>,
    /// correct / total; `None` without items or for precision/recall rows.
    pub accuracy: Option<f64>,
}

impl Row {
    /// A precision/recall row.
    pub fn prf(field: &str, tp: usize, fp: usize, fn_: usize, gold: usize) -> Row {
        let precision = (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64);
        let recall = (gold > 0).then(|| (gold - fn_.min(gold)) as f64 / gold as f64);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Row {
            field: field.to_string(),
            kind: RowKind::Prf,
            tp,
            fp,
            fn_,
            gold,
            correct: 0,
            total: 0,
            precision,
            recall,
            f1,
            accuracy: None,
        }
    }

    /// An accuracy row.
    pub fn accuracy(field: &str, correct: usize, total: usize) -> Row {
        Row {
            field: field.to_string(),
            kind: RowKind::Accuracy,
            tp: 0,
            fp: 0,
            fn_: 0,
            gold: 0,
            correct,
            total,
            precision: None,
            recall: None,
            f1: None,
            accuracy: (total > 0).then(|| correct as f64 / total as f64),
        }
    }

    /// The counts behind the numbers: `tp=12 fp=1 fn=2` or `18/20`.
    pub fn counts(&self) -> String {
        match self.kind {
            RowKind::Prf => format!("tp={} fp={} fn={}", self.tp, self.fp, self.fn_),
            RowKind::Accuracy => format!("{}/{}", self.correct, self.total),
        }
    }
}

/// Scores a sentence-level binary decision (GSR mode): `(gold, predicted)`
/// per sentence; positives are the items.
pub fn score_binary(pairs: &[(bool, bool)]) -> Row {
    let count = |want: (bool, bool)| pairs.iter().filter(|&&p| p == want).count();
    let (tp, fp, fn_) = (
        count((true, true)),
        count((false, true)),
        count((true, false)),
    );
    Row::prf("sentence", tp, fp, fn_, tp + fn_)
}

/// The result of [`evaluate`]: one row per field plus document bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// One row per field, in a fixed order.
    pub rows: Vec<Row>,
    /// Gold documents.
    pub gold_docs: usize,
    /// Gold documents that found their record.
    pub matched_docs: usize,
    /// Gold documents with no record (`file`, or `file#uri`): all their
    /// required items count as misses.
    pub missing: Vec<String>,
    /// Records that no gold document names (not scored).
    pub unscored_records: usize,
    /// Every item that lost a point, document by document, in gold order:
    /// what `rasid eval --explain` prints.
    pub misses: Vec<Miss>,
}

/// One scored item that lost a point: a wrong field, a missed gold item or
/// a prediction that matched nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// The gold document's `file` (`file#uri` when it names a record of a
    /// JSONL or WARC file).
    pub file: String,
    /// The table row it counts in (`places`, `event_actor1`, …).
    pub field: &'static str,
    /// What went wrong, with the predicted and the gold value.
    pub what: String,
}

impl Report {
    /// The row of `field`, e.g. `"places"` or `"event_date"`.
    pub fn row(&self, field: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.field == field)
    }

    /// The table as aligned text: field | P | R | F1 | acc | counts.
    pub fn table(&self) -> String {
        let pct =
            |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| format!("{:.1}", v * 100.0));
        let mut lines: Vec<[String; 6]> = vec![[
            "field".into(),
            "P".into(),
            "R".into(),
            "F1".into(),
            "acc".into(),
            "counts".into(),
        ]];
        for r in &self.rows {
            let cells = match r.kind {
                RowKind::Prf => [pct(r.precision), pct(r.recall), pct(r.f1), "-".into()],
                RowKind::Accuracy => ["-".into(), "-".into(), "-".into(), pct(r.accuracy)],
            };
            let [p, rc, f, a] = cells;
            lines.push([r.field.clone(), p, rc, f, a, r.counts()]);
        }
        let widths: Vec<usize> = (0..6)
            .map(|i| {
                lines
                    .iter()
                    .map(|l| l[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for (n, l) in lines.iter().enumerate() {
            let mut line = format!("{:<w$}", l[0], w = widths[0]);
            for i in 1..5 {
                line.push_str(&format!(" | {:>w$}", l[i], w = widths[i]));
            }
            line.push_str(&format!(" | {}", l[5]));
            out.push_str(line.trim_end());
            out.push('\n');
            if n == 0 {
                let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
                out.push_str(&rule.join("-+-"));
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "\ngold documents: {}, scored: {}, missing: {}; records without gold: {}\n",
            self.gold_docs,
            self.matched_docs,
            self.missing.len(),
            self.unscored_records
        ));
        for m in &self.missing {
            out.push_str(&format!("missing: {m}\n"));
        }
        out
    }

    /// The misses as text: one heading per document, one line per miss.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        let mut file = None;
        for m in &self.misses {
            if file != Some(&m.file) {
                out.push_str(&format!("== {}\n", m.file));
                file = Some(&m.file);
            }
            out.push_str(&format!("  {:<16} {}\n", m.field, m.what));
        }
        out
    }
}

/// The order of rows in the table.
const FIELDS: [&str; 20] = [
    "title",
    "published",
    "authors",
    "translated_from",
    "reference_date",
    "absent",
    "present",
    "places",
    "actors",
    "persons",
    "dates",
    "counts",
    "events",
    "event_type",
    "sub_event_type",
    "event_date",
    "event_location",
    "event_actor1",
    "event_actor2",
    "event_fatalities",
];

/// Counts gathered over documents.
#[derive(Default)]
struct Tally {
    acc: BTreeMap<&'static str, (usize, usize)>,
    prf: BTreeMap<&'static str, [usize; 4]>,
    /// The gold file being scored, for `misses`.
    file: String,
    misses: Vec<Miss>,
}

impl Tally {
    fn note(&mut self, field: &'static str, what: String) {
        self.misses.push(Miss {
            file: self.file.clone(),
            field,
            what,
        });
    }

    /// `judge`, noting `what` when the item is wrong.
    fn judge_or(&mut self, field: &'static str, right: bool, what: impl FnOnce() -> String) {
        self.judge(field, right);
        if !right {
            let w = what();
            self.note(field, w);
        }
    }

    fn judge(&mut self, field: &'static str, right: bool) {
        let e = self.acc.entry(field).or_default();
        e.0 += usize::from(right);
        e.1 += 1;
    }

    fn miss_all(&mut self, field: &'static str, n: usize) {
        self.acc.entry(field).or_default().1 += n;
    }

    fn add(&mut self, field: &'static str, tp: usize, fp: usize, fn_: usize, gold: usize) {
        let e = self.prf.entry(field).or_default();
        for (slot, v) in e.iter_mut().zip([tp, fp, fn_, gold]) {
            *slot += v;
        }
    }

    fn rows(&self) -> Vec<Row> {
        FIELDS
            .iter()
            .map(|&f| {
                if ACCURACY_FIELDS.contains(&f) {
                    let (c, t) = self.acc.get(f).copied().unwrap_or_default();
                    Row::accuracy(f, c, t)
                } else {
                    let [tp, fp, fn_, gold] = self.prf.get(f).copied().unwrap_or_default();
                    Row::prf(f, tp, fp, fn_, gold)
                }
            })
            .collect()
    }
}

const ACCURACY_FIELDS: [&str; 13] = [
    "title",
    "published",
    "translated_from",
    "reference_date",
    "absent",
    "present",
    "event_type",
    "sub_event_type",
    "event_date",
    "event_location",
    "event_actor1",
    "event_actor2",
    "event_fatalities",
];

/// Scores `docs` against `gold` (read from a file in `gold_dir`), micro-averaged.
///
/// A gold document scores the first record whose `file` ends, component by
/// component, with the gold `file` (or names the same file on disk), and
/// whose `source.uri` equals the gold `uri` when there is one. A gold
/// document with no record counts all its required items as misses.
pub fn evaluate(gold: &[GoldDoc], gold_dir: &Path, docs: &[Scored]) -> Report {
    let canonical: Vec<Option<PathBuf>> = docs
        .iter()
        .map(|d| Path::new(&d.file).canonicalize().ok())
        .collect();
    let mut used = vec![false; docs.len()];
    let mut tally = Tally::default();
    let mut missing = Vec::new();
    for g in gold {
        tally.file = match &g.uri {
            Some(u) => format!("{}#{u}", g.file),
            None => g.file.clone(),
        };
        let found = docs
            .iter()
            .enumerate()
            .position(|(i, d)| doc_matches(g, gold_dir, d, canonical[i].as_deref()));
        match found {
            Some(i) => {
                used[i] = true;
                score_doc(&mut tally, g, &docs[i].record);
            }
            None => {
                missing.push(match &g.uri {
                    Some(u) => format!("{}#{u}", g.file),
                    None => g.file.clone(),
                });
                score_missing(&mut tally, g);
            }
        }
    }
    let matched_docs = gold.len() - missing.len();
    Report {
        rows: tally.rows(),
        gold_docs: gold.len(),
        matched_docs,
        missing,
        unscored_records: used.iter().filter(|u| !**u).count(),
        misses: tally.misses,
    }
}

fn doc_matches(g: &GoldDoc, gold_dir: &Path, d: &Scored, canonical: Option<&Path>) -> bool {
    if let Some(uri) = &g.uri
        && d.record.source.uri.trim() != uri.trim()
    {
        return false;
    }
    let gold_path: PathBuf = Path::new(g.file.trim())
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if Path::new(&d.file).ends_with(&gold_path) {
        return true;
    }
    match (canonical, gold_dir.join(&gold_path).canonicalize().ok()) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Counts everything a gold document asks for as missed.
fn score_missing(t: &mut Tally, g: &GoldDoc) {
    for (field, set) in [
        ("title", g.title.is_some()),
        ("published", g.published.is_some()),
        ("translated_from", g.translated_from.is_some()),
        ("reference_date", g.reference_date.is_some()),
    ] {
        if set {
            t.judge(field, false);
        }
    }
    t.miss_all("absent", g.absent.len());
    t.miss_all("present", g.present.len());
    if let Some(a) = &g.authors {
        let n = folded_set(a).len();
        t.add("authors", 0, 0, n, n);
    }
    let required = |flags: Vec<bool>| flags.into_iter().filter(|r| *r).count();
    let items: [(&'static str, Vec<bool>); 6] = [
        (
            "places",
            g.places.iter().flatten().map(|p| p.required).collect(),
        ),
        (
            "actors",
            g.actors.iter().flatten().map(|a| a.required).collect(),
        ),
        (
            "persons",
            g.persons.iter().flatten().map(|p| p.required).collect(),
        ),
        (
            "dates",
            g.dates.iter().flatten().map(|d| d.required).collect(),
        ),
        (
            "counts",
            g.counts
                .iter()
                .flatten()
                .filter(|c| scored_kind(&c.kind) && c.value.is_some())
                .map(|c| c.required)
                .collect(),
        ),
        (
            "events",
            g.events.iter().flatten().map(|e| e.required).collect(),
        ),
    ];
    for (field, flags) in items {
        let n = required(flags);
        t.add(field, 0, 0, n, n);
    }
}

fn folded_set(names: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .iter()
        .map(|n| fold(n))
        .filter(|n| !n.is_empty() && seen.insert(n.clone()))
        .collect()
}

fn scored_kind(kind: &str) -> bool {
    matches!(kind.trim(), "killed" | "injured")
}

fn score_doc(t: &mut Tally, g: &GoldDoc, r: &Record) {
    if let Some(want) = &g.title {
        let right = match (want, &r.title) {
            (None, None) => true,
            (Some(a), Some(b)) => fold(a) == fold(b),
            _ => false,
        };
        t.judge_or("title", right, || format!("{:?}, gold {:?}", r.title, want));
    }
    if let Some(want) = &g.published {
        let right = match (want, &r.published) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                a.date.trim() == b.date.trim()
                    && a.time
                        .as_ref()
                        .is_none_or(|gt| b.time.as_deref().map(str::trim) == Some(gt.trim()))
            }
            _ => false,
        };
        t.judge_or("published", right, || {
            let got = r.published.as_ref().map(|p| (&p.date, &p.time, &p.text));
            let want = want.as_ref().map(|p| (&p.date, &p.time));
            format!("{got:?}, gold {want:?}")
        });
    }
    if let Some(want) = &g.authors {
        let (gold, pred) = (folded_set(want), folded_set(&r.authors));
        let tp = pred.iter().filter(|p| gold.contains(p)).count();
        t.add("authors", tp, pred.len() - tp, gold.len() - tp, gold.len());
        if tp < pred.len().max(gold.len()) {
            t.note("authors", format!("{pred:?}, gold {gold:?}"));
        }
    }
    if let Some(want) = &g.translated_from {
        let right = match (want, &r.translated_from) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                let outlet_ok = a
                    .outlet
                    .as_ref()
                    .is_none_or(|o| b.outlet.as_deref().is_some_and(|p| fold(p) == fold(o)));
                let url_ok = a
                    .url
                    .as_ref()
                    .is_none_or(|u| b.url.as_deref().map(str::trim) == Some(u.trim()));
                outlet_ok && url_ok
            }
            _ => false,
        };
        t.judge_or("translated_from", right, || {
            let got = r.translated_from.as_ref().map(|p| (&p.outlet, &p.url));
            let want = want.as_ref().map(|p| (&p.outlet, &p.url));
            format!("{got:?}, gold {want:?}")
        });
    }
    if let Some(want) = &g.reference_date {
        let right = want.as_deref().map(str::trim) == r.reference_date.as_deref().map(str::trim);
        t.judge_or("reference_date", right, || {
            format!("{:?}, gold {want:?}", r.reference_date)
        });
    }
    let body = fold(&r.body);
    for s in &g.absent {
        t.judge_or("absent", !body.contains(&fold(s)), || {
            format!("in body: {s}")
        });
    }
    for s in &g.present {
        t.judge_or("present", body.contains(&fold(s)), || {
            format!("not in body: {s}")
        });
    }
    if let Some(places) = &g.places {
        score_places(t, places, r);
    }
    if let Some(actors) = &g.actors {
        let mut seen = HashSet::new();
        let pred: Vec<&str> = r
            .mentions
            .iter()
            .filter(|m| m.kind == "actor")
            .filter_map(|m| m.id.as_deref().map(str::trim))
            .filter(|id| seen.insert(*id))
            .collect();
        let gold: Vec<(bool, usize)> = actors.iter().map(|a| (a.required, 1)).collect();
        let a = assign(pred.len(), &gold, |p, i| pred[p] == actors[i].id.trim());
        tally_assigned(
            t,
            "actors",
            &a,
            &gold,
            |p| pred[p].to_string(),
            |i| actors[i].id.clone(),
        );
    }
    if let Some(persons) = &g.persons {
        let mut seen = HashSet::new();
        let pred: Vec<String> = r
            .mentions
            .iter()
            .filter(|m| m.kind == "person")
            .map(|m| fold(m.name.as_deref().unwrap_or(&m.text)))
            .filter(|n| !n.is_empty() && seen.insert(n.clone()))
            .collect();
        let gold: Vec<(bool, usize)> = persons.iter().map(|p| (p.required, 1)).collect();
        let a = assign(pred.len(), &gold, |p, i| {
            person_matches(&pred[p], &persons[i].names)
        });
        tally_assigned(
            t,
            "persons",
            &a,
            &gold,
            |p| pred[p].clone(),
            |i| persons[i].names.join(" / "),
        );
    }
    if let Some(dates) = &g.dates {
        // Precision counts only predicted dates whose text overlaps a gold
        // date's text: gold need not list every date expression.
        let gold_texts: Vec<String> = dates.iter().map(|d| fold(&d.text)).collect();
        let pred: Vec<(String, Option<&str>)> = r
            .dates
            .iter()
            .map(|d| (fold(&d.text), d.value.as_deref().map(str::trim)))
            .filter(|(text, _)| gold_texts.iter().any(|g| texts_overlap(text, g)))
            .collect();
        let gold: Vec<(bool, usize)> = dates.iter().map(|d| (d.required, 1)).collect();
        let a = assign(pred.len(), &gold, |p, i| {
            texts_overlap(&pred[p].0, &gold_texts[i])
                && pred[p].1 == dates[i].value.as_deref().map(str::trim)
        });
        tally_assigned(
            t,
            "dates",
            &a,
            &gold,
            |p| format!("{} = {:?}", pred[p].0, pred[p].1),
            |i| format!("{} = {:?}", dates[i].text, dates[i].value),
        );
    }
    if let Some(counts) = &g.counts {
        let counts: Vec<_> = counts
            .iter()
            .filter(|c| scored_kind(&c.kind) && c.value.is_some())
            .collect();
        // A count with no number ("عشرات") is right to have none: not scored.
        let pred: Vec<(&str, u64)> = r
            .counts
            .iter()
            .filter(|c| scored_kind(&c.kind))
            .filter_map(|c| c.value.map(|v| (c.kind.trim(), v)))
            .collect();
        let gold: Vec<(bool, usize)> = counts.iter().map(|c| (c.required, 1)).collect();
        let a = assign(pred.len(), &gold, |p, i| {
            pred[p].0 == counts[i].kind.trim() && Some(pred[p].1) == counts[i].value
        });
        tally_assigned(
            t,
            "counts",
            &a,
            &gold,
            |p| format!("{} {}", pred[p].0, pred[p].1),
            |i| format!("{} {:?}", counts[i].kind, counts[i].value),
        );
    }
    if let Some(events) = &g.events {
        score_events(t, events, r);
    }
}

/// Predicted places: place mentions grouped into distinct places by id,
/// else by name and position rounded to 0.01° (about 1 km).
fn predicted_places(r: &Record) -> Vec<PredPlace> {
    let mut places: Vec<PredPlace> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for m in r.mentions.iter().filter(|m| m.kind == "place") {
        let key = match &m.id {
            Some(id) => format!("id:{}", id.trim()),
            None => format!(
                "nm:{}|{:?}|{:?}",
                fold(m.name.as_deref().unwrap_or(&m.text)),
                m.lat.map(|v| (v * 100.0).round() as i64),
                m.lon.map(|v| (v * 100.0).round() as i64)
            ),
        };
        let i = *index.entry(key).or_insert_with(|| {
            places.push(PredPlace {
                id: m.id.clone(),
                texts: Vec::new(),
                level: m.level.clone(),
                country: m.country.clone(),
                lat: m.lat,
                lon: m.lon,
            });
            places.len() - 1
        });
        let text = fold(&m.text);
        if !places[i].texts.contains(&text) {
            places[i].texts.push(text);
        }
    }
    places
}

fn score_places(t: &mut Tally, gold: &[GoldPlace], r: &Record) {
    let pred = predicted_places(r);
    let slots: Vec<(bool, usize)> = gold.iter().map(|p| (p.required, 1)).collect();
    let a = assign(pred.len(), &slots, |p, g| place_matches(&pred[p], &gold[g]));
    tally_assigned(
        t,
        "places",
        &a,
        &slots,
        |p| describe_place(&pred[p]),
        |g| {
            let p = &gold[g];
            format!(
                "{} {:?} {:?} ({:?}, {:?})",
                p.ar.join("/"),
                p.name,
                p.level,
                p.lat,
                p.lon
            )
        },
    );
}

fn describe_place(p: &PredPlace) -> String {
    format!(
        "{} {:?} {:?} ({:?}, {:?})",
        p.texts.join("/"),
        p.id,
        p.level,
        p.lat,
        p.lon
    )
}

/// Counts an assignment in `field` and notes each prediction that matched
/// nothing and each required gold item that no prediction took.
fn tally_assigned(
    t: &mut Tally,
    field: &'static str,
    a: &Assignment,
    gold: &[(bool, usize)],
    pred_label: impl Fn(usize) -> String,
    gold_label: impl Fn(usize) -> String,
) {
    t.add(field, a.tp, a.fp, a.missed, a.gold);
    let n_pred = a.tp + a.fp + a.neutral;
    for p in (0..n_pred).filter(|p| !a.pairs.iter().any(|x| x.0 == *p)) {
        t.note(field, format!("extra: {}", pred_label(p)));
    }
    for (g, _) in gold
        .iter()
        .enumerate()
        .filter(|(g, slot)| slot.0 && !a.pairs.iter().any(|x| x.1 == *g))
    {
        t.note(field, format!("missed: {}", gold_label(g)));
    }
}

/// The first words of an event's evidence, to say which event a miss is.
fn evidence_head(body: &str, e: &Event) -> String {
    let text = evidence_text(body, e);
    let head: String = text.chars().take(90).collect();
    let head = head.replace('\n', " ");
    if head.chars().count() < text.chars().count() {
        format!("{head}…")
    } else {
        head
    }
}

/// `body[start..end]` in code points, clamped to the body.
fn evidence_text(body: &str, e: &Event) -> String {
    let (s, end) = (e.evidence.start, e.evidence.end.max(e.evidence.start));
    body.chars().skip(s).take(end - s).collect()
}

fn score_events(t: &mut Tally, gold: &[GoldEvent], r: &Record) {
    // Predictions in evidence order, so the earliest report of an incident
    // is the one that takes its gold event.
    let mut order: Vec<usize> = (0..r.events.len()).collect();
    order.sort_by_key(|&i| (r.events[i].evidence.start, r.events[i].evidence.end));
    let evidence: Vec<String> = order
        .iter()
        .map(|&i| fold(&evidence_text(&r.body, &r.events[i])))
        .collect();
    let anchors: Vec<Vec<String>> = gold
        .iter()
        .map(|g| g.anchors.iter().map(|a| fold(a)).collect())
        .collect();
    let slots: Vec<(bool, usize)> = gold.iter().map(|g| (g.required, g.capacity())).collect();
    let a = assign(order.len(), &slots, |p, g| {
        anchors[g]
            .iter()
            .any(|a| !a.is_empty() && evidence[p].contains(a.as_str()))
    });
    tally_assigned(
        t,
        "events",
        &a,
        &slots,
        |p| {
            let e = &r.events[order[p]];
            format!("{} «{}»", e.sub_event_type, evidence_head(&r.body, e))
        },
        |g| {
            let sub = gold[g].sub_event_type.iter().flatten().next();
            format!("{sub:?} «{}»", gold[g].anchors.join(" | "))
        },
    );
    for &(p, g) in &a.pairs {
        score_event_fields(t, &gold[g], &r.events[order[p]], r);
    }
}

fn score_event_fields(t: &mut Tally, g: &GoldEvent, e: &Event, r: &Record) {
    let head = || evidence_head(&r.body, e);
    if let Some(want) = &g.event_type {
        t.judge_or("event_type", e.event_type.trim() == want.trim(), || {
            format!("{}, gold {want} «{}»", e.event_type, head())
        });
    }
    if let Some(any) = &g.sub_event_type {
        let right = any.iter().any(|s| s.trim() == e.sub_event_type.trim());
        t.judge_or("sub_event_type", right, || {
            format!("{}, gold {any:?} «{}»", e.sub_event_type, head())
        });
    }
    if let Some(want) = &g.date {
        let right = match (want, &e.date) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(d), None) => d.null_ok || d.value.is_none(),
            // No date in the text, but the annotator allows one: not wrong.
            (Some(d), Some(p)) => match &d.value {
                Some(v) => date_value_matches(v, &p.start),
                None => d.null_ok,
            },
        };
        t.judge_or("event_date", right, || {
            let got = e.date.as_ref().map(|d| (&d.start, &d.text));
            let want = want.as_ref().map(|d| (&d.value, d.null_ok));
            format!("{got:?}, gold {want:?} «{}»", head())
        });
    }
    if g.location.is_some() || g.location_any.is_some() {
        let candidates: Vec<&GoldPlace> = g
            .location
            .iter()
            .flatten()
            .chain(g.location_any.iter().flatten())
            .collect();
        let null_ok = candidates.iter().any(|c| c.null_ok);
        let right = match &e.location {
            None => null_ok || candidates.is_empty(),
            Some(loc) => {
                let pred = event_place(loc, r);
                candidates.iter().any(|c| place_matches(&pred, c))
            }
        };
        t.judge_or("event_location", right, || {
            let got = e.location.as_ref().map(|l| {
                format!(
                    "{} {:?} {} ({}, {})",
                    l.text, l.id, l.precision, l.lat, l.lon
                )
            });
            let want: Vec<String> = candidates
                .iter()
                .map(|c| format!("{} ({:?}, {:?})", c.ar.join("/"), c.lat, c.lon))
                .collect();
            format!("{got:?}, gold {want:?} «{}»", head())
        });
    }
    for (field, want, got) in [
        ("event_actor1", &g.actor1, &e.actor1),
        ("event_actor2", &g.actor2, &e.actor2),
    ] {
        if let Some(ids) = want {
            let right = match got {
                None => ids.is_empty() || ids.iter().any(|i| i.trim().is_empty()),
                Some(a) => a.id.as_deref().is_some_and(|id| {
                    ids.iter()
                        .any(|i| !i.trim().is_empty() && i.trim() == id.trim())
                }),
            };
            t.judge_or(field, right, || {
                let got = got.as_ref().map(|a| (&a.id, &a.text));
                format!("{got:?}, gold {ids:?} «{}»", head())
            });
        }
    }
    if g.fatalities.is_some() || g.fatalities_any.is_some() {
        let mut accepted: Vec<Option<u64>> = g.fatalities.iter().copied().collect();
        accepted.extend(g.fatalities_any.iter().flatten().copied());
        t.judge_or("event_fatalities", accepted.contains(&e.fatalities), || {
            format!("{:?}, gold {accepted:?} «{}»", e.fatalities, head())
        });
    }
}

/// An event's location as a place: its level comes from a place mention
/// with the same id, else from ACLED geo precision (3 = region).
fn event_place(loc: &rasid_extract::record::EventLocation, r: &Record) -> PredPlace {
    let level = loc
        .id
        .as_deref()
        .and_then(|id| {
            r.mentions
                .iter()
                .find(|m| m.kind == "place" && m.id.as_deref() == Some(id))
                .and_then(|m| m.level.clone())
        })
        .or_else(|| (loc.precision >= 3).then(|| "region".to_string()));
    PredPlace {
        id: loc.id.clone(),
        texts: vec![fold(&loc.text)],
        level,
        country: loc.country.clone(),
        lat: Some(loc.lat),
        lon: Some(loc.lon),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_extract::record::{
        Count, DateMention, EventActor, EventDate, EventLocation, Mention, Published, Source, Span,
        TranslatedFrom,
    };

    const BODY: &str = "هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي قرب قضاء الحويجة مساء الخميس، ما أسفر عن مقتل ثلاثة جنود وإصابة خمسة آخرين.\n\nوقال المتحدث العسكري اللواء يحيى رسول إن القوات طاردت المهاجمين حتى أطراف كركوك.\n\nوفي حادث منفصل أمس، انفجرت عبوة ناسفة على طريق بيجي دون أن تسفر عن إصابات.";

    /// The span of `needle` in `BODY`, in code points.
    fn span(needle: &str) -> Span {
        let byte = BODY
            .find(needle)
            .unwrap_or_else(|| panic!("not in body: {needle}"));
        let start = BODY[..byte].chars().count();
        Span {
            start,
            end: start + needle.chars().count(),
        }
    }

    fn record() -> Record {
        Record {
            id: "0".into(),
            source: Source {
                uri: "examples/levant/kirkuk.txt".into(),
                outlet: None,
            },
            title: None,
            published: None,
            authors: vec![],
            translated_from: None,
            reference_date: None,
            body: BODY.into(),
            mentions: vec![],
            events: vec![],
            dates: vec![],
            counts: vec![],
        }
    }

    fn mention(kind: &str, text: &str, id: Option<&str>) -> Mention {
        let s = BODY
            .find(text)
            .map_or(Span { start: 0, end: 0 }, |_| span(text));
        Mention {
            kind: kind.into(),
            start: s.start,
            end: s.end,
            text: text.into(),
            id: id.map(str::to_string),
            name: None,
            level: None,
            country: None,
            admin1: None,
            lat: None,
            lon: None,
        }
    }

    fn place(text: &str, id: Option<&str>, level: &str, lat: f64, lon: f64) -> Mention {
        Mention {
            level: Some(level.into()),
            country: Some("IQ".into()),
            lat: Some(lat),
            lon: Some(lon),
            ..mention("place", text, id)
        }
    }

    fn actor(id: Option<&str>) -> Option<EventActor> {
        Some(EventActor {
            id: id.map(str::to_string),
            name: None,
            text: "نص".into(),
        })
    }

    /// An event read from the sentence part `evidence`, with the values the
    /// gold below expects.
    fn event(evidence: &str) -> Event {
        Event {
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            trigger: None,
            evidence: span(evidence),
            date: Some(EventDate {
                start: "2020-03-12".into(),
                end: "2020-03-12".into(),
                precision: 1,
                text: "مساء الخميس".into(),
            }),
            location: Some(EventLocation {
                id: Some("geonames:390188".into()),
                name: None,
                country: Some("IQ".into()),
                admin1: None,
                lat: 35.326,
                lon: 43.773,
                precision: 1,
                text: "قرب قضاء الحويجة".into(),
            }),
            actor1: actor(Some("isis")),
            actor2: actor(Some("iraqi-security-forces")),
            fatalities: Some(3),
            injuries: Some(5),
            confidence: 0.8,
        }
    }

    const ATTACK: &str = "هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي";
    const BLAST: &str = "انفجرت عبوة ناسفة على طريق بيجي";
    const EV: &str = r#""events": [{"anchors": ["هاجم مسلحون"], "event_type": "Battles",
        "sub_event_type": ["Armed clash", "Attack"], "date": {"value": "2020-03-12"},
        "location": {"ar": ["الحويجة"], "lat": 35.326, "lon": 43.773, "level": "city"},
        "actor1": ["isis"], "actor2": ["iraqi-security-forces"], "fatalities": 3}]"#;

    fn score(gold_fields: &str, edit: fn(&mut Record)) -> Report {
        let json = format!(r#"{{"file": "levant/kirkuk.txt", {gold_fields}}}"#);
        let gold: GoldDoc = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        let mut r = record();
        edit(&mut r);
        let docs = [Scored {
            file: "examples/levant/kirkuk.txt".into(),
            record: r,
        }];
        evaluate(&[gold], Path::new("/nonexistent"), &docs)
    }

    #[test]
    fn each_rule() {
        type Case = (
            &'static str,
            &'static str,
            fn(&mut Record),
            &'static str,
            &'static str,
        );
        let cases: Vec<Case> = vec![
            // title
            (
                "title folded",
                r#""title": "مقتلُ ثلاثة جنود بهجوم لداعش""#,
                |r| r.title = Some("مقتل ثلاثه جنود  بهجوم لداعش".into()),
                "title",
                "1/1",
            ),
            (
                "title differs",
                r#""title": "مقتل ثلاثة جنود""#,
                |r| r.title = Some("مقتل ثلاثة جنود بهجوم".into()),
                "title",
                "0/1",
            ),
            (
                "title null wants null",
                r#""title": null"#,
                |r| r.title = Some("عنوان".into()),
                "title",
                "0/1",
            ),
            (
                "title null and null",
                r#""title": null"#,
                |_| {},
                "title",
                "1/1",
            ),
            (
                "title not annotated",
                r#""present": []"#,
                |r| r.title = Some("عنوان".into()),
                "title",
                "0/0",
            ),
            // published
            (
                "published with time",
                r#""published": {"date": "2020-03-13", "time": "09:15"}"#,
                |r| r.published = Some(published(Some("09:15"))),
                "published",
                "1/1",
            ),
            (
                "published time missing",
                r#""published": {"date": "2020-03-13", "time": "09:15"}"#,
                |r| r.published = Some(published(None)),
                "published",
                "0/1",
            ),
            (
                "published time wrong",
                r#""published": {"date": "2020-03-13", "time": "09:15"}"#,
                |r| r.published = Some(published(Some("21:15"))),
                "published",
                "0/1",
            ),
            (
                "published date only",
                r#""published": {"date": "2020-03-13"}"#,
                |r| r.published = Some(published(Some("09:15"))),
                "published",
                "1/1",
            ),
            (
                "published null",
                r#""published": null"#,
                |r| r.published = Some(published(None)),
                "published",
                "0/1",
            ),
            // authors
            (
                "authors set f1",
                r#""authors": ["سامر الخطيب", "ليلى حدّاد"]"#,
                |r| r.authors = vec!["سامر الخطيب".into(), "سامر  الخطيب".into(), "محمود".into()],
                "authors",
                "tp=1 fp=1 fn=1",
            ),
            (
                "authors none stated",
                r#""authors": []"#,
                |r| r.authors = vec!["مراسلنا".into()],
                "authors",
                "tp=0 fp=1 fn=0",
            ),
            // translated_from
            (
                "translation null vs set",
                r#""translated_from": null"#,
                |r| r.translated_from = Some(translated(None, None)),
                "translated_from",
                "0/1",
            ),
            (
                "translation outlet folded",
                r#""translated_from": {"outlet": "الغارديان"}"#,
                |r| {
                    r.translated_from =
                        Some(translated(Some("الغارديـان"), Some("https://x.example/a")))
                },
                "translated_from",
                "1/1",
            ),
            (
                "translation url differs",
                r#""translated_from": {"url": "https://x.example/a"}"#,
                |r| r.translated_from = Some(translated(None, Some("https://x.example/b"))),
                "translated_from",
                "0/1",
            ),
            (
                "translation expected, none",
                r#""translated_from": {}"#,
                |_| {},
                "translated_from",
                "0/1",
            ),
            (
                "reference date",
                r#""reference_date": "2020-03-13""#,
                |r| r.reference_date = Some("2020-03-13".into()),
                "reference_date",
                "1/1",
            ),
            (
                "reference date null",
                r#""reference_date": null"#,
                |r| r.reference_date = Some("2020-03-13".into()),
                "reference_date",
                "0/1",
            ),
            // absent / present
            (
                "absent honoured",
                r#""absent": ["شارك المقال", "اقرأ أيضا"]"#,
                |_| {},
                "absent",
                "2/2",
            ),
            (
                "absent broken",
                r#""absent": ["شارك المقال"]"#,
                |r| r.body.push_str("\n\nشارِك المقال"),
                "absent",
                "0/1",
            ),
            (
                "present folded",
                r#""present": ["مقتلِ ثلاثة جنود وإصابة", "عبوة ناسفة على طريق"]"#,
                |_| {},
                "present",
                "2/2",
            ),
            (
                "present lost",
                r#""present": ["دون أن تسفر عن إصابات"]"#,
                |r| r.body = r.body.replace("دون أن تسفر عن إصابات", ""),
                "present",
                "0/1",
            ),
            // places
            (
                "place within 30 km",
                r#""places": [{"ar": ["الحويجة"], "level": "city", "lat": 35.326, "lon": 43.773}]"#,
                |r| r.mentions = vec![place("قضاء الحويجة", None, "town", 35.5, 43.773)],
                "places",
                "tp=1 fp=0 fn=0",
            ),
            (
                "place beyond 30 km",
                r#""places": [{"ar": ["الحويجة"], "level": "city", "lat": 35.326, "lon": 43.773}]"#,
                |r| r.mentions = vec![place("بيجي", None, "city", 34.93, 43.49)],
                "places",
                "tp=0 fp=1 fn=1",
            ),
            (
                "place by text",
                r#""places": [{"ar": ["كركوك"], "level": "admin1", "lat": 35.4, "lon": 44.1}]"#,
                |r| r.mentions = vec![place("كركوك", None, "city", 35.47, 44.39)],
                "places",
                "tp=1 fp=0 fn=0",
            ),
            (
                "admin1 within 150 km",
                r#""places": [{"ar": ["محافظة كركوك"], "level": "admin1", "lat": 35.4, "lon": 44.1}]"#,
                |r| r.mentions = vec![place("أطراف كركوك", None, "admin1", 36.3, 44.1)],
                "places",
                "tp=1 fp=0 fn=0",
            ),
            (
                "admin1 beyond 150 km",
                r#""places": [{"ar": ["محافظة كركوك"], "level": "admin1", "lat": 35.4, "lon": 44.1}]"#,
                |r| r.mentions = vec![place("أطراف كركوك", None, "admin1", 36.8, 44.1)],
                "places",
                "tp=0 fp=1 fn=1",
            ),
            (
                "optional place neutral",
                r#""places": [{"ar": ["العراق"], "level": "country", "country": "IQ", "required": false}]"#,
                |r| {
                    r.mentions = vec![place(
                        "العراقي",
                        Some("geonames:99237"),
                        "country",
                        33.0,
                        44.0,
                    )]
                },
                "places",
                "tp=0 fp=0 fn=0",
            ),
            (
                "distinct places dedupe",
                r#""places": [{"ar": ["الحويجة"], "id": "geonames:390188"}]"#,
                |r| {
                    r.mentions = vec![
                        place("الحويجة", Some("geonames:390188"), "city", 35.3, 43.7),
                        place("قضاء الحويجة", Some("geonames:390188"), "city", 35.3, 43.7),
                    ]
                },
                "places",
                "tp=1 fp=0 fn=0",
            ),
            (
                "second place on one gold is fp",
                r#""places": [{"ar": ["الحويجة"], "level": "city", "lat": 35.326, "lon": 43.773}]"#,
                |r| {
                    r.mentions = vec![
                        place("الحويجة", Some("geonames:390188"), "city", 35.326, 43.773),
                        place(
                            "قضاء الحويجة",
                            Some("rasid:hawija-district"),
                            "town",
                            35.33,
                            43.78,
                        ),
                    ]
                },
                "places",
                "tp=1 fp=1 fn=0",
            ),
            // actors
            (
                "actor ids",
                r#""actors": [{"id": "isis"}, {"id": "iraqi-security-forces"}, {"id": "pmf", "required": false}]"#,
                |r| {
                    r.mentions = vec![
                        mention("actor", "تنظيم داعش", Some("isis")),
                        mention("actor", "داعش", Some("isis")),
                        mention("actor", "الحشد", Some("pmf")),
                        mention("actor", "مسلحون", None),
                        mention("actor", "الجيش", Some("syrian-army")),
                    ]
                },
                "actors",
                "tp=1 fp=1 fn=1",
            ),
            // persons
            (
                "person by last two tokens",
                r#""persons": [{"names": ["يحيى رسول"]}]"#,
                |r| r.mentions = vec![mention("person", "اللواء يحيى رسول", None)],
                "persons",
                "tp=1 fp=0 fn=0",
            ),
            (
                "person other name",
                r#""persons": [{"names": ["يحيى رسول"]}]"#,
                |r| r.mentions = vec![mention("person", "رسول", None)],
                "persons",
                "tp=0 fp=1 fn=1",
            ),
            // dates
            (
                "date overlap",
                r#""dates": [{"text": "مساء الخميس", "value": "2020-03-12"}]"#,
                |r| r.dates = vec![date("الخميس", Some("2020-03-12"))],
                "dates",
                "tp=1 fp=0 fn=0",
            ),
            (
                "date wrong value",
                r#""dates": [{"text": "مساء الخميس", "value": "2020-03-12"}]"#,
                |r| r.dates = vec![date("مساء الخميس", Some("2020-03-05"))],
                "dates",
                "tp=0 fp=1 fn=1",
            ),
            (
                "date unresolved",
                r#""dates": [{"text": "مساء الخميس", "value": null}]"#,
                |r| r.dates = vec![date("مساء الخميس", None)],
                "dates",
                "tp=1 fp=0 fn=0",
            ),
            (
                "unlisted date ignored",
                r#""dates": [{"text": "مساء الخميس", "value": "2020-03-12"}]"#,
                |r| r.dates = vec![date("أمس", Some("2020-03-12"))],
                "dates",
                "tp=0 fp=0 fn=1",
            ),
            // counts
            (
                "counts kinds",
                r#""counts": [{"kind": "killed", "value": 3}, {"kind": "injured", "value": 5}, {"kind": "arrested", "value": 2}]"#,
                |r| {
                    r.counts = vec![
                        count("killed", Some(3)),
                        count("injured", Some(3)),
                        count("arrested", Some(5)),
                        count("killed", None),
                    ]
                },
                "counts",
                "tp=1 fp=1 fn=1",
            ),
            (
                "count used once",
                r#""counts": [{"kind": "killed", "value": 3}]"#,
                |r| r.counts = vec![count("killed", Some(3)), count("killed", Some(3))],
                "counts",
                "tp=1 fp=1 fn=0",
            ),
            (
                "optional count",
                r#""counts": [{"kind": "injured", "value": 5, "required": false}]"#,
                |r| r.counts = vec![count("injured", Some(5))],
                "counts",
                "tp=0 fp=0 fn=0",
            ),
            // events
            (
                "event anchor",
                EV,
                |r| r.events = vec![event(ATTACK)],
                "events",
                "tp=1 fp=0 fn=0",
            ),
            (
                "event anchor folded",
                r#""events": [{"anchors": ["هَاجَمَ مسلحون من تنظيم"]}]"#,
                |r| r.events = vec![event(ATTACK)],
                "events",
                "tp=1 fp=0 fn=0",
            ),
            (
                "event elsewhere",
                EV,
                |r| r.events = vec![event(BLAST)],
                "events",
                "tp=0 fp=1 fn=1",
            ),
            (
                "event reported twice",
                EV,
                |r| r.events = vec![event(ATTACK), event("من تنظيم داعش نقطة")],
                "events",
                "tp=1 fp=1 fn=0",
            ),
            (
                "event max_matches",
                r#""events": [{"anchors": ["عبوة ناسفة"], "max_matches": 2}]"#,
                |r| {
                    r.events = vec![
                        event(BLAST),
                        event("انفجرت عبوة ناسفة"),
                        event("عبوة ناسفة على"),
                    ]
                },
                "events",
                "tp=2 fp=1 fn=0",
            ),
            (
                "optional event",
                r#""events": [{"anchors": ["عبوة ناسفة"], "required": false}]"#,
                |r| r.events = vec![event(BLAST)],
                "events",
                "tp=0 fp=0 fn=0",
            ),
            (
                "evidence past the body is clamped",
                r#""events": [{"anchors": ["دون أن تسفر عن إصابات"]}]"#,
                |r| {
                    r.events = vec![Event {
                        evidence: Span {
                            start: span(BLAST).start,
                            end: 10_000,
                        },
                        ..event(BLAST)
                    }]
                },
                "events",
                "tp=1 fp=0 fn=0",
            ),
            // event fields
            (
                "event type",
                EV,
                |r| r.events = vec![event(ATTACK)],
                "event_type",
                "1/1",
            ),
            (
                "event type wrong",
                EV,
                |r| {
                    r.events = vec![Event {
                        event_type: "Explosions/Remote violence".into(),
                        ..event(ATTACK)
                    }]
                },
                "event_type",
                "0/1",
            ),
            (
                "sub event any",
                EV,
                |r| {
                    r.events = vec![Event {
                        sub_event_type: "Attack".into(),
                        ..event(ATTACK)
                    }]
                },
                "sub_event_type",
                "1/1",
            ),
            (
                "sub event wrong",
                EV,
                |r| {
                    r.events = vec![Event {
                        sub_event_type: "Grenade".into(),
                        ..event(ATTACK)
                    }]
                },
                "sub_event_type",
                "0/1",
            ),
            (
                "fields only on matched",
                EV,
                |r| r.events = vec![event(BLAST)],
                "event_type",
                "0/0",
            ),
            (
                "date right",
                EV,
                |r| r.events = vec![event(ATTACK)],
                "event_date",
                "1/1",
            ),
            (
                "date wrong",
                EV,
                |r| {
                    r.events = vec![Event {
                        date: Some(day("2020-03-11")),
                        ..event(ATTACK)
                    }]
                },
                "event_date",
                "0/1",
            ),
            (
                "date null not ok",
                EV,
                |r| {
                    r.events = vec![Event {
                        date: None,
                        ..event(ATTACK)
                    }]
                },
                "event_date",
                "0/1",
            ),
            (
                "date null ok",
                r#""events": [{"anchors": ["هاجم"], "date": {"value": "2020-03-12", "null_ok": true}}]"#,
                |r| {
                    r.events = vec![Event {
                        date: None,
                        ..event(ATTACK)
                    }]
                },
                "event_date",
                "1/1",
            ),
            (
                "date wrong though null ok",
                r#""events": [{"anchors": ["هاجم"], "date": {"value": "2020-03-12", "null_ok": true}}]"#,
                |r| {
                    r.events = vec![Event {
                        date: Some(day("2020-03-10")),
                        ..event(ATTACK)
                    }]
                },
                "event_date",
                "0/1",
            ),
            (
                "date none stated",
                r#""events": [{"anchors": ["هاجم"], "date": {"value": null}}]"#,
                |r| r.events = vec![event(ATTACK)],
                "event_date",
                "0/1",
            ),
            (
                "date month",
                r#""events": [{"anchors": ["هاجم"], "date": {"value": "2020-03"}}]"#,
                |r| r.events = vec![event(ATTACK)],
                "event_date",
                "1/1",
            ),
            (
                "location right",
                EV,
                |r| r.events = vec![event(ATTACK)],
                "event_location",
                "1/1",
            ),
            (
                "location far",
                EV,
                |r| {
                    r.events = vec![Event {
                        location: Some(loc(34.93, 43.49)),
                        ..event(ATTACK)
                    }]
                },
                "event_location",
                "0/1",
            ),
            (
                "location null not ok",
                EV,
                |r| {
                    r.events = vec![Event {
                        location: None,
                        ..event(ATTACK)
                    }]
                },
                "event_location",
                "0/1",
            ),
            (
                "location null ok",
                r#""events": [{"anchors": ["هاجم"], "location": {"ar": ["الحويجة"], "lat": 35.326, "lon": 43.773, "null_ok": true}}]"#,
                |r| {
                    r.events = vec![Event {
                        location: None,
                        ..event(ATTACK)
                    }]
                },
                "event_location",
                "1/1",
            ),
            (
                "location any",
                r#""events": [{"anchors": ["هاجم"], "location_any": [{"ar": ["بيجي"], "lat": 34.93, "lon": 43.49, "level": "city"}, {"ar": ["تكريت"], "lat": 34.6, "lon": 43.68}]}]"#,
                |r| {
                    r.events = vec![Event {
                        location: Some(loc(34.93, 43.49)),
                        ..event(ATTACK)
                    }]
                },
                "event_location",
                "1/1",
            ),
            (
                "location must be none",
                r#""events": [{"anchors": ["هاجم"], "location": null}]"#,
                |r| r.events = vec![event(ATTACK)],
                "event_location",
                "0/1",
            ),
            (
                "location level from mention",
                r#""events": [{"anchors": ["هاجم"], "location": {"ar": ["كركوك"], "level": "admin1", "lat": 35.4, "lon": 44.1}}]"#,
                |r| {
                    r.mentions = vec![place("كركوك", Some("geonames:94787"), "admin1", 35.9, 44.1)];
                    r.events = vec![Event {
                        location: Some(EventLocation {
                            id: Some("geonames:94787".into()),
                            ..loc(35.9, 44.1)
                        }),
                        ..event(ATTACK)
                    }];
                },
                "event_location",
                "1/1",
            ),
            (
                "actor right",
                EV,
                |r| r.events = vec![event(ATTACK)],
                "event_actor1",
                "1/1",
            ),
            (
                "actor wrong",
                EV,
                |r| {
                    r.events = vec![Event {
                        actor1: actor(Some("pmf")),
                        ..event(ATTACK)
                    }]
                },
                "event_actor1",
                "0/1",
            ),
            (
                "actor without id",
                EV,
                |r| {
                    r.events = vec![Event {
                        actor1: actor(None),
                        ..event(ATTACK)
                    }]
                },
                "event_actor1",
                "0/1",
            ),
            (
                "actor missing",
                EV,
                |r| {
                    r.events = vec![Event {
                        actor2: None,
                        ..event(ATTACK)
                    }]
                },
                "event_actor2",
                "0/1",
            ),
            (
                "empty string accepts none",
                r#""events": [{"anchors": ["هاجم"], "actor2": ["iraqi-security-forces", ""]}]"#,
                |r| {
                    r.events = vec![Event {
                        actor2: None,
                        ..event(ATTACK)
                    }]
                },
                "event_actor2",
                "1/1",
            ),
            (
                "empty string still takes the id",
                r#""events": [{"anchors": ["هاجم"], "actor2": ["iraqi-security-forces", ""]}]"#,
                |r| r.events = vec![event(ATTACK)],
                "event_actor2",
                "1/1",
            ),
            (
                "empty list wants none",
                r#""events": [{"anchors": ["هاجم"], "actor2": []}]"#,
                |r| r.events = vec![event(ATTACK)],
                "event_actor2",
                "0/1",
            ),
            (
                "empty list and none",
                r#""events": [{"anchors": ["هاجم"], "actor2": []}]"#,
                |r| {
                    r.events = vec![Event {
                        actor2: None,
                        ..event(ATTACK)
                    }]
                },
                "event_actor2",
                "1/1",
            ),
            (
                "fatalities exact",
                EV,
                |r| r.events = vec![event(ATTACK)],
                "event_fatalities",
                "1/1",
            ),
            (
                "fatalities wrong",
                EV,
                |r| {
                    r.events = vec![Event {
                        fatalities: Some(8),
                        ..event(ATTACK)
                    }]
                },
                "event_fatalities",
                "0/1",
            ),
            (
                "fatalities null wants null",
                r#""events": [{"anchors": ["هاجم"], "fatalities": null}]"#,
                |r| r.events = vec![event(ATTACK)],
                "event_fatalities",
                "0/1",
            ),
            (
                "fatalities any",
                r#""events": [{"anchors": ["هاجم"], "fatalities_any": [3, 4]}]"#,
                |r| {
                    r.events = vec![Event {
                        fatalities: Some(4),
                        ..event(ATTACK)
                    }]
                },
                "event_fatalities",
                "1/1",
            ),
            (
                "fatalities any with null",
                r#""events": [{"anchors": ["هاجم"], "fatalities_any": [3, null]}]"#,
                |r| {
                    r.events = vec![Event {
                        fatalities: None,
                        ..event(ATTACK)
                    }]
                },
                "event_fatalities",
                "1/1",
            ),
            (
                "fatalities any miss",
                r#""events": [{"anchors": ["هاجم"], "fatalities_any": [3, 4]}]"#,
                |r| {
                    r.events = vec![Event {
                        fatalities: None,
                        ..event(ATTACK)
                    }]
                },
                "event_fatalities",
                "0/1",
            ),
            (
                "each matched prediction scored",
                r#""events": [{"anchors": ["عبوة"], "max_matches": 2, "fatalities": 0}]"#,
                |r| {
                    r.events = vec![
                        Event {
                            fatalities: Some(0),
                            ..event(BLAST)
                        },
                        event("انفجرت عبوة"),
                    ]
                },
                "event_fatalities",
                "1/2",
            ),
        ];
        for (name, gold, edit, field, want) in cases {
            let report = score(gold, edit);
            let row = report
                .row(field)
                .unwrap_or_else(|| panic!("{name}: no row {field}"));
            assert_eq!(row.counts(), want, "{name}");
            assert_eq!(report.matched_docs, 1, "{name}");
        }
    }

    fn published(time: Option<&str>) -> Published {
        Published {
            date: "2020-03-13".into(),
            time: time.map(str::to_string),
            precision: "day".into(),
            text: "13 آذار 2020".into(),
        }
    }

    fn translated(outlet: Option<&str>, url: Option<&str>) -> TranslatedFrom {
        TranslatedFrom {
            outlet: outlet.map(str::to_string),
            url: url.map(str::to_string),
        }
    }

    fn date(text: &str, value: Option<&str>) -> DateMention {
        let s = span(text);
        DateMention {
            start: s.start,
            end: s.end,
            text: text.into(),
            value: value.map(str::to_string),
            precision: value.map(|_| "day".to_string()),
        }
    }

    fn count(kind: &str, value: Option<u64>) -> Count {
        Count {
            kind: kind.into(),
            value,
            who: None,
            start: 0,
            end: 0,
            text: String::new(),
        }
    }

    fn day(d: &str) -> EventDate {
        EventDate {
            start: d.into(),
            end: d.into(),
            precision: 1,
            text: String::new(),
        }
    }

    fn loc(lat: f64, lon: f64) -> EventLocation {
        EventLocation {
            id: None,
            name: None,
            country: Some("IQ".into()),
            admin1: None,
            lat,
            lon,
            precision: 1,
            text: String::new(),
        }
    }

    #[test]
    fn micro_average_and_missing_document() {
        let gold: Vec<GoldDoc> = serde_json::from_str(&format!(
            r#"[{{"file": "levant/kirkuk.txt", "title": "هجوم في الحويجة", {EV}}},
                {{"file": "levant/raqqa.txt", "title": "غارة على الرقة", "present": ["قصف", "غارة"],
                  "places": [{{"ar": ["الرقة"], "lat": 35.95, "lon": 39.01}}, {{"ar": ["سوريا"], "country": "SY", "level": "country", "required": false}}],
                  "events": [{{"anchors": ["غارة"]}}, {{"anchors": ["قصف"], "required": false}}]}}]"#
        ))
        .unwrap();
        let mut r = record();
        r.title = Some("هجوم في الحويجة".into());
        r.events = vec![event(ATTACK), event(BLAST)];
        let mut other = record();
        other.source.uri = "examples/levant/mosul.txt".into();
        let docs = [
            Scored {
                file: "examples/levant/kirkuk.txt".into(),
                record: r,
            },
            Scored {
                file: "examples/levant/mosul.txt".into(),
                record: other,
            },
        ];
        let report = evaluate(&gold, Path::new("/nonexistent"), &docs);
        assert_eq!(report.missing, vec!["levant/raqqa.txt".to_string()]);
        assert_eq!(
            (
                report.gold_docs,
                report.matched_docs,
                report.unscored_records
            ),
            (2, 1, 1)
        );
        assert_eq!(report.row("title").unwrap().counts(), "1/2");
        assert_eq!(report.row("present").unwrap().counts(), "0/2");
        assert_eq!(report.row("places").unwrap().counts(), "tp=0 fp=0 fn=1");
        let events = report.row("events").unwrap();
        assert_eq!(events.counts(), "tp=1 fp=1 fn=1");
        assert_eq!(events.precision, Some(0.5));
        assert_eq!(events.recall, Some(0.5));
        assert_eq!(events.f1, Some(0.5));
        assert_eq!(report.row("absent").unwrap().accuracy, None);
    }

    #[test]
    fn which_record_a_gold_document_scores() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("page.txt"), "نص").unwrap();
        let on_disk = dir.path().join("page.txt").to_string_lossy().into_owned();
        let cases: &[(&str, Option<&str>, &str, &str, bool)] = &[
            // (gold file, gold uri, doc file, record uri, matches)
            (
                "levant/x.txt",
                None,
                "examples/levant/x.txt",
                "examples/levant/x.txt",
                true,
            ),
            (
                "./levant/x.txt",
                None,
                "examples/levant/x.txt",
                "examples/levant/x.txt",
                true,
            ),
            (
                "evant/x.txt",
                None,
                "examples/levant/x.txt",
                "examples/levant/x.txt",
                false,
            ),
            (
                "x.txt",
                None,
                "examples/levant/y.txt",
                "examples/levant/y.txt",
                false,
            ),
            (
                "crawl.warc.gz",
                Some("https://news.example/a"),
                "data/crawl.warc.gz",
                "https://news.example/a",
                true,
            ),
            (
                "crawl.warc.gz",
                Some("https://news.example/a"),
                "data/crawl.warc.gz",
                "https://news.example/b",
                false,
            ),
            ("page.txt", None, on_disk.as_str(), "p", true),
        ];
        for &(file, uri, doc_file, rec_uri, want) in cases {
            let gold = GoldDoc {
                file: file.into(),
                uri: uri.map(str::to_string),
                ..GoldDoc::default()
            };
            let mut r = record();
            r.source.uri = rec_uri.into();
            let docs = [Scored {
                file: doc_file.into(),
                record: r,
            }];
            let report = evaluate(&[gold], Path::new("/nonexistent"), &docs);
            assert_eq!(
                report.matched_docs == 1,
                want,
                "{file} {uri:?} vs {doc_file} {rec_uri}"
            );
        }
        // Relative gold path resolved against the gold folder, doc given absolute.
        let gold = GoldDoc {
            file: "page.txt".into(),
            ..GoldDoc::default()
        };
        let docs = [Scored {
            file: format!("{}/./page.txt", dir.path().display()),
            record: record(),
        }];
        assert_eq!(evaluate(&[gold], dir.path(), &docs).matched_docs, 1);
    }

    #[test]
    fn explain_lists_each_miss_once() {
        // One wrong actor1 on a matched event, one missed required place,
        // one extra person: three misses, each naming its field.
        let gold = format!(
            r#""places": [{{"ar": ["كركوك"], "level": "city", "lat": 35.468, "lon": 44.392}}],
            "persons": [], {}"#,
            EV.replace(r#""actor1": ["isis"]"#, r#""actor1": ["pmf"]"#)
        );
        let report = score(&gold, |r| {
            r.events = vec![event(ATTACK)];
            r.mentions = vec![mention("person", "يحيى رسول", None)];
        });
        let fields: Vec<&str> = report.misses.iter().map(|m| m.field).collect();
        assert!(fields.contains(&"event_actor1"), "{fields:?}");
        assert!(fields.contains(&"places"), "{fields:?}");
        assert!(fields.contains(&"persons"), "{fields:?}");
        let actor = report.misses.iter().find(|m| m.field == "event_actor1");
        let what = &actor.expect("actor1 miss").what;
        assert!(what.contains("isis") && what.contains("pmf"), "{what}");
        let text = report.explain();
        assert!(text.starts_with("== levant/kirkuk.txt\n"), "{text}");
        assert_eq!(
            text.lines().count(),
            report.misses.len() + 1,
            "one heading, one line a miss: {text}"
        );
        // A record that scores perfectly has no misses.
        let clean = score(r#""present": []"#, |_| {});
        assert!(clean.misses.is_empty(), "{:?}", clean.misses);
    }

    #[test]
    fn table_and_json() {
        let report = score(EV, |r| r.events = vec![event(ATTACK), event(BLAST)]);
        let table = report.table();
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[0].starts_with("field") && lines[0].ends_with("counts"),
            "{table}"
        );
        let events = lines.iter().find(|l| l.starts_with("events ")).unwrap();
        assert!(
            events.contains("50.0") && events.contains("100.0") && events.contains("66.7"),
            "{events}"
        );
        assert!(
            events.contains(" - ") && events.ends_with("tp=1 fp=1 fn=0"),
            "{events}"
        );
        let title = lines.iter().find(|l| l.starts_with("title ")).unwrap();
        assert!(title.contains("n/a") && title.ends_with("0/0"), "{title}");
        // Columns line up: every row has its separators at the same places.
        let bars = |l: &str| {
            l.char_indices()
                .filter(|c| c.1 == '|')
                .map(|c| c.0)
                .collect::<Vec<_>>()
        };
        assert!(
            lines[2..21].iter().all(|l| bars(l) == bars(lines[0])),
            "{table}"
        );
        assert!(
            table.contains("gold documents: 1, scored: 1, missing: 0; records without gold: 0")
        );
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["rows"][12]["field"], "events");
        assert_eq!(json["rows"][12]["fn"], 0);
        assert_eq!(json["rows"][12]["fp"], 1);
    }

    #[test]
    fn binary_sentence_scores() {
        let row = score_binary(&[
            (true, true),
            (true, false),
            (false, true),
            (false, false),
            (true, true),
        ]);
        assert_eq!(row.counts(), "tp=2 fp=1 fn=1");
        assert_eq!(row.precision, Some(2.0 / 3.0));
        assert_eq!(row.recall, Some(2.0 / 3.0));
        let none = score_binary(&[(false, false)]);
        assert_eq!((none.precision, none.recall, none.f1), (None, None, None));
    }

    #[test]
    fn rows_cover_every_field_once() {
        let report = evaluate(&[], Path::new("."), &[]);
        let fields: Vec<&str> = report.rows.iter().map(|r| r.field.as_str()).collect();
        assert_eq!(fields, FIELDS);
        for f in ACCURACY_FIELDS {
            assert!(FIELDS.contains(&f), "{f}");
        }
    }
}
