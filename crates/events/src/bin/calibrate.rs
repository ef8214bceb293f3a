//! Fits the event confidence calibration (`data/models/event-confidence.tsv`)
//! from output records and their gold, and reports its reliability.
//!
//! Usage: `calibrate [--out FILE] [--gsr CSV=RECORDS.jsonl] [--gsr-weight W]
//! RECORDS.jsonl=GOLD.json ...`, one pair per gold set (records from `rasid
//! extract` on the set's inputs). Each predicted event of a gold set is
//! labelled true when it takes a gold event by the rules of
//! `../shared/spec/gold.md` (its evidence contains a gold anchor; each gold
//! event takes at most `max_matches` predictions, the earliest first), false
//! otherwise.
//!
//! `--gsr` adds real news with many false events: the PLOVER ASSAULT GSR
//! sentences, each read by the pipeline as one page (`calibrate --gsr-feed
//! CSV` writes them as JSONL for `rasid extract`, uri `gsr:<id>`). Each
//! violent event (battles, explosions, violence against civilians) coded in
//! a sentence is true when the sentence is labelled `yes`, false when `easy
//! no` or `difficult no` (`ambiguous` sentences and other event types are
//! left out: ASSAULT does not speak to them). Only the GSR's training
//! articles are fitted on (`detect::gsr::split_of`); its held-out articles
//! are scored only. GSR rows weigh `W` each (default 1) against gold rows.
//! The shipped detector was trained on those same training sentences, so
//! its score there is overconfident; a training sentence's detector signal
//! is read instead from a detector fitted, with the shipped settings,
//! without the sentence's fold (`detect::gsr::fold_of`, as
//! `train-detector` cross-validates), so that the fitted weight of the
//! signal is what the detector is worth on unseen news.
//!
//! Prints the Brier score and a 5-bin reliability table of the confidence
//! the records carry (as coded) and of the fitted model: on the GSR held-out
//! part, and leave-one-set-out on the gold sets (each scored by a model
//! fitted on the other gold sets and the GSR training part).
//! Deterministic: same records, same file.

use rasid_events::calibrate::{
    Calibration, FEATURES, Signals, brier, detector_applies, features, fit_weighted, reliability,
};
use rasid_events::detect::features::features as sentence_features;
use rasid_events::detect::gsr::{GsrSentence, Label, Split, fold_of, read_gsr};
use rasid_events::detect::train::{Fitted, TrainConfig, fit as fit_detector};
use rasid_events::detect::{detector, violence_score};
use rasid_text::normalize::fold_for_scoring;
use rasid_text::sentences::sentences;
use rasid_text::tokens::tokenize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// L2 penalty of the fit: a dozen inputs and a few hundred rows.
const L2: f64 = 1.0;
const BINS: usize = 5;
/// Folds of the detector's own cross-validation (`bin/train-detector.rs`).
const FOLDS: usize = 5;
/// The shipped detector's model file: its header names the settings it was
/// trained with, which the out-of-fold detectors below reuse.
const DETECTOR_TSV: &str = include_str!("../../../../data/models/assault.tsv");
const USAGE: &str = "usage: calibrate [--out FILE] [--gsr CSV=RECORDS.jsonl] [--gsr-weight W] \
                     RECORDS.jsonl=GOLD.json ...\n       calibrate --gsr-feed CSV";

/// ACLED event types that are violence: what the GSR calls an ASSAULT.
const VIOLENT: &[&str] = &[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
];

/// Where a labelled event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The gold set of this index.
    Gold(usize),
    /// A GSR sentence of this part.
    Gsr(Split),
}

struct Row {
    source: Source,
    /// The GSR article's cross-validation fold (0 for gold rows).
    fold: usize,
    x: Vec<f64>,
    coded: f64,
    truth: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("calibrate: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut out: Option<String> = None;
    let mut gsr: Option<(String, String)> = None;
    let mut gsr_weight = 1.0;
    let mut sets: Vec<(String, String)> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next(),
            "--gsr-feed" => {
                let csv = args.next().ok_or(USAGE)?;
                return gsr_feed(&csv);
            }
            "--gsr" => {
                let v = args.next().ok_or(USAGE)?;
                let (c, r) = v.split_once('=').ok_or(USAGE)?;
                gsr = Some((c.to_string(), r.to_string()));
            }
            "--gsr-weight" => {
                gsr_weight = args
                    .next()
                    .and_then(|w| w.parse::<f64>().ok())
                    .filter(|w| *w > 0.0)
                    .ok_or(USAGE)?;
            }
            _ => {
                let (r, g) = a.split_once('=').ok_or(USAGE)?;
                sets.push((r.to_string(), g.to_string()));
            }
        }
    }
    if sets.is_empty() {
        return Err(USAGE.to_string());
    }
    let mut rows = Vec::new();
    for (k, (recs, gold)) in sets.iter().enumerate() {
        let r = read_set(k, recs, gold).map_err(|e| format!("{recs}: {e}"))?;
        let t = r.iter().filter(|r| r.truth).count();
        println!("{recs}: {} predicted events, {t} true", r.len());
        rows.extend(r);
    }
    if let Some((csv, recs)) = &gsr {
        let r = read_gsr_rows(csv, recs).map_err(|e| format!("{recs}: {e}"))?;
        for split in [Split::Train, Split::Heldout] {
            let part: Vec<&Row> = r
                .iter()
                .filter(|r| r.source == Source::Gsr(split))
                .collect();
            println!(
                "{recs} ({split:?}): {} violent events, {} in ASSAULT-yes sentences",
                part.len(),
                part.iter().filter(|r| r.truth).count()
            );
        }
        rows.extend(r);
    }
    // What is fitted on: gold rows and GSR training rows, never GSR held-out.
    let weight = |r: &Row| match r.source {
        Source::Gold(_) => Some(1.0),
        Source::Gsr(Split::Train) => Some(gsr_weight),
        Source::Gsr(Split::Heldout) => None,
    };
    let fit_on = |keep: &dyn Fn(&Row) -> bool| {
        let data: Vec<(&[f64], bool, f64)> = rows
            .iter()
            .filter(|r| keep(r))
            .filter_map(|r| Some((r.x.as_slice(), r.truth, weight(r)?)))
            .collect();
        fit_weighted(&data, L2)
    };
    let model = fit_on(&|_| true);
    let scored = |keep: &dyn Fn(&Row) -> bool, p: &dyn Fn(&Row) -> f64| -> Vec<(f64, bool)> {
        rows.iter()
            .filter(|r| keep(r))
            .map(|r| (p(r), r.truth))
            .collect()
    };
    let mut tables: Vec<(String, Vec<(f64, bool)>)> = Vec::new();
    let gold = |r: &Row| matches!(r.source, Source::Gold(_));
    let coded = |r: &Row| r.coded;
    let fitted = |r: &Row| model.probability(&r.x);
    tables.push(("gold sets, as coded".into(), scored(&gold, &coded)));
    tables.push((
        "gold sets, fitted, in sample".into(),
        scored(&gold, &fitted),
    ));
    let mut held: Vec<(f64, bool)> = Vec::new();
    for (k, (name, _)) in sets.iter().enumerate() {
        let m = fit_on(&|r| r.source != Source::Gold(k));
        let this = |r: &Row| r.source == Source::Gold(k);
        let part = scored(&this, &|r| m.probability(&r.x));
        let base = scored(&this, &coded);
        println!(
            "held out {}: n={} Brier as coded {:.4}, fitted on the others {:.4}",
            name,
            part.len(),
            brier(&base),
            brier(&part)
        );
        held.extend(part);
    }
    tables.push(("gold sets, leave-one-set-out".into(), held));
    if gsr.is_some() {
        for split in [Split::Train, Split::Heldout] {
            let this = |r: &Row| r.source == Source::Gsr(split);
            tables.push((format!("GSR {split:?}, as coded"), scored(&this, &coded)));
            let how = if split == Split::Train {
                "fitted, in sample"
            } else {
                "fitted, never fitted on"
            };
            tables.push((format!("GSR {split:?}, {how}"), scored(&this, &fitted)));
        }
        // Each training fold scored by a model fitted on the gold sets and
        // the other folds: how the weight of GSR rows is chosen without
        // looking at the held-out part.
        let mut oof = Vec::new();
        for k in 0..FOLDS {
            let m = fit_on(&|r| !(r.source == Source::Gsr(Split::Train) && r.fold == k));
            let this = |r: &Row| r.source == Source::Gsr(Split::Train) && r.fold == k;
            oof.extend(scored(&this, &|r| m.probability(&r.x)));
        }
        tables.push(("GSR Train, out of fold".into(), oof));
    }
    for (name, s) in &tables {
        println!("\n{name}: Brier {:.4} (n={})", brier(s), s.len());
        println!("bin\tn\tmean p\ttrue share");
        for (b, (n, p, y)) in reliability(s, BINS).iter().enumerate() {
            let lo = b as f64 / BINS as f64;
            println!("{lo:.1}-{:.1}\t{n}\t{p:.3}\t{y:.3}", lo + 1.0 / BINS as f64);
        }
    }
    println!();
    for (f, w) in FEATURES.iter().zip(&model.weights) {
        println!("{f}\t{w:+.3}");
    }
    if let Some(path) = out {
        let count = |keep: &dyn Fn(&Row) -> bool| {
            let part: Vec<&Row> = rows.iter().filter(|r| keep(r)).collect();
            (part.len(), part.iter().filter(|r| r.truth).count())
        };
        let (ng, tg) = count(&gold);
        let mut header = vec![
            "Event confidence calibration: logistic weights over the signals of".to_string(),
            "crates/events/src/calibrate.rs, fitted by crates/events/src/bin/calibrate.rs"
                .to_string(),
            format!(
                "(L2 {L2}) on {ng} predicted events, {tg} true, of: {}.",
                sets.iter()
                    .map(|(_, g)| g.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ];
        if let Some((csv, _)) = &gsr {
            let (n, t) = count(&|r| r.source == Source::Gsr(Split::Train));
            let name = Path::new(csv)
                .file_name()
                .map_or(csv.clone(), |f| f.to_string_lossy().into_owned());
            header.push(format!(
                "And {n} violent events, {t} in ASSAULT-yes sentences, of the training part of {name} (weight {gsr_weight} each)."
            ));
        }
        header.push("Columns: feature <TAB> weight. Licence: same as the project.".to_string());
        std::fs::write(&path, Calibration::to_tsv(&model, &header))
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

/// Writes the GSR's sentences with a clear label as JSONL pages (`url`
/// `gsr:<id>`, `text`, and `published` read from the Gigaword-style article
/// id) on stdout, for `rasid extract`. The date is given because a news
/// page has one: without it relative dates (أمس, يوم الأحد) stay unresolved
/// and the `date` signal would mean something else here than in use.
fn gsr_feed(csv: &str) -> Result<(), String> {
    let sentences = read_gsr(Path::new(csv)).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for s in sentences.iter().filter(|s| s.label != Label::Ambiguous) {
        let mut page = serde_json::json!({"url": format!("gsr:{}", s.id), "text": s.text});
        if let Some(d) = article_date(&s.article) {
            page["published"] = Value::String(d);
        }
        let line = page;
        out.push_str(&line.to_string());
        out.push('\n');
    }
    use std::io::Write;
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| e.to_string())
}

/// The violent events of the GSR sentence records, labelled by their
/// sentence's annotation.
fn read_gsr_rows(csv: &str, recs: &str) -> Result<Vec<Row>, String> {
    let sentences = read_gsr(Path::new(csv)).map_err(|e| e.to_string())?;
    let by_id: HashMap<&str, _> = sentences.iter().map(|s| (s.id.as_str(), s)).collect();
    let folds = fold_detectors(&sentences)?;
    let templates = &detector().templates;
    let mut rows = Vec::new();
    let (mut unknown, mut changed) = (0, 0);
    for r in read_records(recs)? {
        let uri = r["source"]["uri"].as_str().unwrap_or_default();
        let Some(s) = uri.strip_prefix("gsr:").and_then(|id| by_id.get(id)) else {
            unknown += 1;
            continue;
        };
        if s.label == Label::Ambiguous {
            continue;
        }
        // The pipeline must have read the sentence as `rasid eval --gsr` does.
        if r["body"].as_str().map(str::trim) != Some(s.text.trim()) {
            changed += 1;
        }
        let source = Source::Gsr(s.split());
        let truth = s.label == Label::Yes;
        let body = r["body"].as_str().unwrap_or_default();
        let chars: Vec<char> = body.chars().collect();
        let sents = sentences_of(body);
        for e in r["events"].as_array().into_iter().flatten() {
            if !VIOLENT.contains(&e["event_type"].as_str().unwrap_or_default()) {
                continue;
            }
            let score = |text: &str| match s.split() {
                Split::Train => folds[fold_of(&s.article, FOLDS)]
                    .score(&sentence_features(&tokenize(text), templates)),
                Split::Heldout => violence_score(text),
            };
            let (x, coded) = signals_of(e, &chars, &sents, &score);
            rows.push(Row {
                source,
                fold: fold_of(&s.article, FOLDS),
                x,
                coded,
                truth,
            });
        }
    }
    if unknown > 0 || changed > 0 {
        eprintln!(
            "{recs}: {unknown} records not of a GSR sentence, {changed} bodies differ from their sentence"
        );
    }
    Ok(rows)
}

fn read_records(recs: &str) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(recs).map_err(|e| e.to_string())?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())
}

fn read_set(set: usize, recs: &str, gold: &str) -> Result<Vec<Row>, String> {
    let records = read_records(recs)?;
    let gold: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(gold).map_err(|e| format!("{gold}: {e}"))?)
            .map_err(|e| format!("{gold}: {e}"))?;
    let mut used = vec![false; records.len()];
    let mut rows = Vec::new();
    for g in &gold {
        let file = g["file"].as_str().unwrap_or_default();
        let uri = g["uri"].as_str();
        let found = records.iter().enumerate().position(|(i, r)| {
            let ruri = r["source"]["uri"].as_str().unwrap_or_default();
            !used[i]
                && match uri {
                    Some(u) => ruri == u,
                    None => {
                        let name = file.rsplit('/').next().unwrap_or(file);
                        ruri.rsplit('/').next() == Some(name)
                    }
                }
        });
        let Some(i) = found else { continue };
        used[i] = true;
        rows.extend(label_doc(set, &records[i], g));
    }
    Ok(rows)
}

/// The predicted events of one record, with their signals and whether each
/// takes a gold event.
fn label_doc(set: usize, r: &Value, g: &Value) -> Vec<Row> {
    let body = r["body"].as_str().unwrap_or_default();
    let chars: Vec<char> = body.chars().collect();
    let sents = sentences_of(body);
    let events = r["events"].as_array().cloned().unwrap_or_default();
    let span = |e: &Value| {
        let s = e["evidence"]["start"].as_u64().unwrap_or(0) as usize;
        let t = e["evidence"]["end"].as_u64().unwrap_or(0) as usize;
        (
            s.min(chars.len()),
            t.min(chars.len()).max(s.min(chars.len())),
        )
    };
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| span(&events[i]));
    let gold_events = g["events"].as_array().cloned().unwrap_or_default();
    let anchors: Vec<Vec<String>> = gold_events
        .iter()
        .map(|ge| {
            ge["anchors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str())
                .map(fold_for_scoring)
                .filter(|a| !a.is_empty())
                .collect()
        })
        .collect();
    let mut room: Vec<u64> = gold_events
        .iter()
        .map(|ge| ge["max_matches"].as_u64().unwrap_or(1))
        .collect();
    let mut rows = Vec::new();
    for i in order {
        let e = &events[i];
        let (s, t) = span(e);
        let evidence = fold_for_scoring(&chars[s..t].iter().collect::<String>());
        let take = (0..gold_events.len())
            .find(|&k| room[k] > 0 && anchors[k].iter().any(|a| evidence.contains(a.as_str())));
        if let Some(k) = take {
            room[k] -= 1;
        }
        let (x, coded) = signals_of(e, &chars, &sents, &violence_score);
        rows.push(Row {
            source: Source::Gold(set),
            fold: 0,
            x,
            coded,
            truth: take.is_some(),
        });
    }
    rows
}

/// The sentences of a body as char spans.
fn sentences_of(body: &str) -> Vec<(usize, usize)> {
    sentences(body).iter().map(|x| (x.start, x.end)).collect()
}

/// The model's inputs of an output event, read as the coder reads them
/// from an incident, and the confidence it was coded with.
/// `score` is the detector's score of a sentence.
fn signals_of(
    e: &Value,
    chars: &[char],
    sents: &[(usize, usize)],
    score: &dyn Fn(&str) -> f32,
) -> (Vec<f64>, f64) {
    let s = (e["evidence"]["start"].as_u64().unwrap_or(0) as usize).min(chars.len());
    let t = (e["evidence"]["end"].as_u64().unwrap_or(0) as usize)
        .min(chars.len())
        .max(s);
    let sub = e["sub_event_type"].as_str().unwrap_or_default();
    let trig = e["trigger"]["start"]
        .as_u64()
        .map(|v| v as usize)
        .unwrap_or(s);
    let detector = detector_applies(sub)
        .then(|| sents.iter().find(|x| x.0 <= trig && trig < x.1))
        .flatten()
        .map(|x| score(&chars[x.0..x.1].iter().collect::<String>()));
    let multi = sents.iter().filter(|x| x.0 < t && x.1 > s).count() > 1;
    let signals = Signals {
        event_type: e["event_type"].as_str().unwrap_or_default(),
        sub_event_type: sub,
        date: !e["date"].is_null(),
        location: !e["location"].is_null(),
        actor1: !e["actor1"].is_null(),
        actor2: !e["actor2"].is_null(),
        toll: !e["fatalities"].is_null() || !e["injuries"].is_null(),
        multi,
        detector,
    };
    (features(&signals), e["confidence"].as_f64().unwrap_or(0.5))
}

/// A detector training row: features, target, weight.
type DetectorRow = (Vec<String>, f64, f64);

/// One detector per fold of the GSR's training part, each fitted with the
/// shipped detector's templates and settings on the other folds, as
/// `train-detector` fits it (ambiguous sentences out, `difficult no` down-weighted).
fn fold_detectors(sentences: &[GsrSentence]) -> Result<Vec<Fitted>, String> {
    let setting = |key: &str| -> Result<f64, String> {
        DETECTOR_TSV
            .lines()
            .filter(|l| l.starts_with("# Training:"))
            .flat_map(|l| l.split([' ', ';']))
            .find_map(|kv| {
                kv.trim_end_matches('.')
                    .strip_prefix(key)?
                    .strip_prefix('=')
            })
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("data/models/assault.tsv: no {key}= in its Training header"))
    };
    let cfg = TrainConfig {
        l2: setting("l2")?,
        pos_weight: setting("pos_weight")?,
        steps: setting("steps")? as usize,
        min_count: setting("min_count")? as usize,
    };
    let difficult = setting("difficult_no_weight")?;
    let templates = &detector().templates;
    let train: Vec<(usize, DetectorRow)> = sentences
        .iter()
        .filter(|s| s.split() == Split::Train && s.label != Label::Ambiguous)
        .map(|s| {
            let weight = if s.label == Label::DifficultNo {
                difficult
            } else {
                1.0
            };
            let target = if s.label == Label::Yes { 1.0 } else { 0.0 };
            (
                fold_of(&s.article, FOLDS),
                (
                    sentence_features(&tokenize(&s.text), templates),
                    target,
                    weight,
                ),
            )
        })
        .collect();
    Ok((0..FOLDS)
        .map(|k| {
            let data: Vec<DetectorRow> = train
                .iter()
                .filter(|(f, _)| *f != k)
                .map(|(_, r)| r.clone())
                .collect();
            fit_detector(&data, &cfg)
        })
        .collect())
}

/// The date in a Gigaword-style article id (`AAW_ARB_20070906.0027` →
/// `2007-09-06`): the eight digits after the last `_`, before the `.`.
fn article_date(article: &str) -> Option<String> {
    let tail = article.rsplit('_').next()?;
    let d = tail.split('.').next()?;
    (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

#[cfg(test)]
mod tests {
    use super::article_date;

    #[test]
    fn article_dates_are_read_from_gigaword_ids() {
        assert_eq!(
            article_date("AAW_ARB_20070906.0027").as_deref(),
            Some("2007-09-06")
        );
        assert_eq!(article_date("AAW_ARB_2007096.0027"), None);
        assert_eq!(article_date("page-7"), None);
    }
}
