//! Trains the sentence violence detector on the training part of the PLOVER
//! Arabic event GSR (ASSAULT set) and writes the model file.
//!
//! Usage: `train-detector <GSR_DIR> <OUT.tsv> [--templates words,stems,…]
//! [--protest-negatives]`. Hyper-parameters (L2, positive weight) and the
//! threshold are picked by 5-fold cross-validation by article on the
//! training part; the held-out part (see `detect::gsr::split_of`) is never
//! read here beyond being skipped. Deterministic: same data, same file.

use rasid_events::detect::features::{Templates, features};
use rasid_events::detect::gsr::{GsrSentence, Label, Split, fold_of, read_gsr};
use rasid_events::detect::train::{TrainConfig, best_threshold, fit, prf};
use rasid_events::detect::Detector;
use rasid_text::tokens::tokenize;
use std::path::PathBuf;
use std::process::ExitCode;

const FOLDS: usize = 5;

struct Example {
    features: Vec<String>,
    /// Training target: 1 yes, 0 no, the annotators' yes share for
    /// ambiguous sentences when they are used.
    target: f64,
    /// Gold label, for scoring against easy negatives only.
    gold: Label,
    fold: usize,
    /// Extra negatives take part in fitting, never in scoring.
    extra: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-detector: {e}");
            ExitCode::from(1)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut templates = Templates::default();
    let mut protest_negatives = false;
    let mut soft_ambiguous = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--templates" => {
                let list = it.next().ok_or("--templates needs a list")?;
                templates = Templates::parse(list).ok_or(format!("bad templates {list:?}"))?;
            }
            "--protest-negatives" => protest_negatives = true,
            "--soft-ambiguous" => soft_ambiguous = true,
            _ => positional.push(a.clone()),
        }
    }
    let [dir, out] = positional.as_slice() else {
        return Err("usage: train-detector <GSR_DIR> <OUT.tsv> [--templates LIST] [--protest-negatives]".into());
    };
    let dir = PathBuf::from(dir);
    let assault = read_gsr(&dir.join("assault_gsr_dev.csv")).map_err(|e| e.to_string())?;
    let mut examples: Vec<Example> = assault
        .iter()
        .filter(|s| s.split() == Split::Train && (soft_ambiguous || s.label != Label::Ambiguous))
        .map(|s| example(s, &templates, false))
        .collect();
    if protest_negatives {
        // Protest reports (label yes in the PROTEST set) are events but not
        // violent ones: hard negatives of the kind the ASSAULT set lacks.
        let protest = read_gsr(&dir.join("protest_gsr.csv")).map_err(|e| e.to_string())?;
        examples.extend(
            protest
                .iter()
                .filter(|s| s.label == Label::Yes && s.split() == Split::Train)
                .map(|s| example(s, &templates, true)),
        );
    }
    let pos = examples.iter().filter(|e| e.gold == Label::Yes).count();
    eprintln!(
        "train: {} sentences ({} yes, {} extra negatives), templates {}",
        examples.len(),
        pos,
        examples.iter().filter(|e| e.extra).count(),
        templates.names()
    );
    let mut best: Option<(TrainConfig, f32, f64)> = None;
    for l2 in [1e-4, 3e-4, 1e-3, 3e-3, 1e-2] {
        for pos_weight in [1.0, 2.0, 4.0] {
            let cfg = TrainConfig {
                l2,
                pos_weight,
                ..TrainConfig::default()
            };
            let oof = out_of_fold(&examples, &cfg);
            let all: Vec<(f32, bool)> = oof.iter().map(|&(s, g)| (s, g == Label::Yes)).collect();
            let easy: Vec<(f32, bool)> = oof
                .iter()
                .filter(|(_, g)| *g != Label::DifficultNo)
                .map(|&(s, g)| (s, g == Label::Yes))
                .collect();
            let (t, f_all) = best_threshold(&all);
            let (_, _, f_easy) = prf(&easy, t);
            let (te, fe) = best_threshold(&easy);
            eprintln!(
                "l2={l2:<7} pos_weight={pos_weight}: cv F1 vs all {f_all:.3} at {t:.2} (vs easy no {f_easy:.3}); best vs easy no {fe:.3} at {te:.2}"
            );
            if best.is_none_or(|(_, _, f)| f_all > f) {
                best = Some((cfg, t, f_all));
            }
        }
    }
    let (cfg, threshold, f) = best.ok_or("no configuration")?;
    eprintln!(
        "chosen: l2={} pos_weight={} threshold={threshold:.2} (cv F1 vs all negatives {f:.3})",
        cfg.l2, cfg.pos_weight
    );
    let data: Vec<(Vec<String>, bool)> = examples
        .iter()
        .map(|e| (e.features.clone(), e.target))
        .collect();
    let detector = Detector {
        templates,
        model: fit(&data, &cfg),
        threshold,
    };
    let header = vec![
        "Rasid sentence violence detector (rasid_events::detect): logistic regression.".to_string(),
        "Source: PLOVER Arabic event GSR, ASSAULT set (assault_gsr_dev.csv), training part".to_string(),
        "  only (articles with FNV-1a-64(article id) % 10 >= 3); labels yes vs easy/difficult no.".to_string(),
        "  Data licence: MIT, Copyright (c) 2018 Open Event Data Alliance. See assault.README.md.".to_string(),
        format!(
            "Built by: cargo run --release -p rasid-events --bin train-detector -- /work/shared/data/arabic_event_gsr data/models/assault.tsv{}",
            if protest_negatives { " --protest-negatives" } else { "" }
        ),
        format!(
            "Training: {} sentences, {} yes; l2={} pos_weight={} steps={} min_count={}; threshold from 5-fold CV (F1 {:.3}).",
            examples.len(),
            pos,
            cfg.l2,
            cfg.pos_weight,
            cfg.steps,
            cfg.min_count,
            f
        ),
    ];
    std::fs::write(out, detector.to_tsv(&header)).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("wrote {out} ({} features)", detector.model.weights.len());
    Ok(())
}

fn example(s: &GsrSentence, templates: &Templates, extra: bool) -> Example {
    Example {
        features: features(&tokenize(&s.text), templates),
        target: match s.label {
            _ if extra => 0.0,
            Label::Yes => 1.0,
            Label::Ambiguous if s.total > 0 => f64::from(s.accept) / f64::from(s.total),
            _ => 0.0,
        },
        gold: s.label,
        fold: fold_of(&s.article, FOLDS),
        extra,
    }
}

/// Each scored training sentence's score from the model fitted without its
/// fold, with its gold label.
fn out_of_fold(examples: &[Example], cfg: &TrainConfig) -> Vec<(f32, Label)> {
    let mut out = Vec::new();
    for k in 0..FOLDS {
        let data: Vec<(Vec<String>, bool)> = examples
            .iter()
            .filter(|e| e.fold != k)
            .map(|e| (e.features.clone(), e.target))
            .collect();
        let model = fit(&data, cfg);
        out.extend(
            examples
                .iter()
                .filter(|e| e.fold == k && !e.extra && e.gold != Label::Ambiguous)
                .map(|e| (model.score(&e.features), e.gold)),
        );
    }
    out
}
