//! Fits the event confidence calibration (`data/models/event-confidence.tsv`)
//! from output records and their gold, and reports its reliability.
//!
//! Usage: `calibrate [--out FILE] RECORDS.jsonl=GOLD.json ...`, one pair per
//! set (records from `rasid extract` on the set's inputs). Each predicted
//! event is labelled true when it takes a gold event by the rules of
//! `../shared/spec/gold.md` (its evidence contains a gold anchor; each gold
//! event takes at most `max_matches` predictions, the earliest first), false
//! otherwise. Prints the Brier score and a 5-bin reliability table of the
//! confidence the records carry, of the fitted model in sample, and of a
//! leave-one-set-out fit (each set scored by a model fitted on the others).
//! Deterministic: same records, same file.

use rasid_events::calibrate::{
    Calibration, FEATURES, Signals, brier, detector_applies, features, fit, reliability,
};
use rasid_events::detect::violence_score;
use rasid_text::normalize::fold_for_scoring;
use rasid_text::sentences::sentences;
use serde_json::Value;
use std::process::ExitCode;

/// L2 penalty of the fit: a dozen inputs and a few hundred rows.
const L2: f64 = 1.0;
const BINS: usize = 5;

struct Row {
    set: usize,
    x: Vec<f64>,
    coded: f64,
    truth: bool,
}

fn main() -> ExitCode {
    let mut out: Option<String> = None;
    let mut sets: Vec<(String, String)> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--out" {
            out = args.next();
        } else if let Some((r, g)) = a.split_once('=') {
            sets.push((r.to_string(), g.to_string()));
        } else {
            eprintln!("usage: calibrate [--out FILE] RECORDS.jsonl=GOLD.json ...");
            return ExitCode::from(2);
        }
    }
    if sets.is_empty() {
        eprintln!("usage: calibrate [--out FILE] RECORDS.jsonl=GOLD.json ...");
        return ExitCode::from(2);
    }
    let mut rows = Vec::new();
    for (k, (recs, gold)) in sets.iter().enumerate() {
        match read_set(k, recs, gold) {
            Ok(r) => {
                let t = r.iter().filter(|r| r.truth).count();
                println!("{recs}: {} predicted events, {t} true", r.len());
                rows.extend(r);
            }
            Err(e) => {
                eprintln!("{recs}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let data: Vec<(Vec<f64>, bool)> = rows.iter().map(|r| (r.x.clone(), r.truth)).collect();
    let model = fit(&data, L2);
    let coded: Vec<(f64, bool)> = rows.iter().map(|r| (r.coded, r.truth)).collect();
    let fitted: Vec<(f64, bool)> = rows
        .iter()
        .map(|r| (model.probability(&r.x), r.truth))
        .collect();
    let mut held: Vec<(f64, bool)> = Vec::new();
    for (k, (name, _)) in sets.iter().enumerate() {
        let train: Vec<(Vec<f64>, bool)> = rows
            .iter()
            .filter(|r| r.set != k)
            .map(|r| (r.x.clone(), r.truth))
            .collect();
        let m = fit(&train, L2);
        let part: Vec<(f64, bool)> = rows
            .iter()
            .filter(|r| r.set == k)
            .map(|r| (m.probability(&r.x), r.truth))
            .collect();
        let base: Vec<(f64, bool)> = rows
            .iter()
            .filter(|r| r.set == k)
            .map(|r| (r.coded, r.truth))
            .collect();
        println!(
            "held out {}: n={} Brier as coded {:.4}, fitted on the others {:.4}",
            name,
            part.len(),
            brier(&base),
            brier(&part)
        );
        held.extend(part);
    }
    for (name, s) in [
        ("as coded in the records", &coded),
        ("fitted, in sample", &fitted),
        ("leave-one-set-out", &held),
    ] {
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
        let header = vec![
            "Event confidence calibration: logistic weights over the signals of".to_string(),
            "crates/events/src/calibrate.rs, fitted by crates/events/src/bin/calibrate.rs"
                .to_string(),
            format!(
                "(L2 {L2}) on {} predicted events, {} true, of: {}.",
                rows.len(),
                rows.iter().filter(|r| r.truth).count(),
                sets.iter()
                    .map(|(_, g)| g.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Columns: feature <TAB> weight. Licence: same as the project.".to_string(),
        ];
        if let Err(e) = std::fs::write(&path, Calibration::to_tsv(&model, &header)) {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn read_set(set: usize, recs: &str, gold: &str) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(recs).map_err(|e| e.to_string())?;
    let records: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
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
    let sents = sentences(body);
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
        let sub = e["sub_event_type"].as_str().unwrap_or_default();
        let trig = e["trigger"]["start"]
            .as_u64()
            .map(|v| v as usize)
            .unwrap_or(s);
        let detector = detector_applies(sub)
            .then(|| sents.iter().find(|x| x.start <= trig && trig < x.end))
            .flatten()
            .map(|x| violence_score(&chars[x.start..x.end].iter().collect::<String>()));
        let multi = sents.iter().filter(|x| x.start < t && x.end > s).count() > 1;
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
        rows.push(Row {
            set,
            x: features(&signals),
            coded: e["confidence"].as_f64().unwrap_or(0.5),
            truth: take.is_some(),
        });
    }
    rows
}
