//! Trains the sentence violence detector on the training part of the PLOVER
//! Arabic event GSR (ASSAULT set) and writes the model file.
//!
//! Usage: `train-detector <GSR_DIR> <OUT.tsv> [--templates words,stems,…]
//! [--protest-negatives] [--soft-ambiguous]`. Hyper-parameters (L2, the
//! weight of positives, the weight of `difficult no` negatives) and the
//! threshold are picked by 5-fold cross-validation by article on the
//! training part; the held-out part (see `detect::gsr::split_of`) is never
//! read here beyond being skipped. Deterministic: same data, same file.
//! `TRAIN_DETECTOR_DUMP=1` prints the chosen setting's out-of-fold misses.

use rasid_events::detect::Detector;
use rasid_events::detect::features::{Templates, features};
use rasid_events::detect::gsr::{GsrSentence, Label, Split, fold_of, read_gsr};
use rasid_events::detect::train::{TrainConfig, best_threshold_by, fit, prf};
use rasid_text::tokens::tokenize;
use std::path::PathBuf;
use std::process::ExitCode;

const FOLDS: usize = 5;

struct Example<'a> {
    sentence: &'a GsrSentence,
    features: Vec<String>,
    /// Training target: 1 yes, 0 no, the annotators' yes share for
    /// ambiguous sentences when they are used.
    target: f64,
    fold: usize,
    /// Extra negatives take part in fitting, never in scoring.
    extra: bool,
}

impl Example<'_> {
    /// Scored out of fold: a sentence of the ASSAULT set with a clear label.
    fn scored(&self) -> bool {
        !self.extra && self.sentence.label != Label::Ambiguous
    }

    fn row(&self, difficult: f64) -> (Vec<String>, f64, f64) {
        let weight = if self.sentence.label == Label::DifficultNo {
            difficult
        } else {
            1.0
        };
        (self.features.clone(), self.target, weight)
    }
}

/// One point of the grid: the fit's settings and the weight of `difficult no`.
#[derive(Clone, Copy)]
struct Setting {
    cfg: TrainConfig,
    difficult: f64,
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
    let (mut protest_negatives, mut soft_ambiguous) = (false, false);
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
        return Err("usage: train-detector <GSR_DIR> <OUT.tsv> [--templates LIST] [--protest-negatives] [--soft-ambiguous]".into());
    };
    let dir = PathBuf::from(dir);
    let assault = read_gsr(&dir.join("assault_gsr_dev.csv")).map_err(|e| e.to_string())?;
    let protest = if protest_negatives {
        read_gsr(&dir.join("protest_gsr.csv")).map_err(|e| e.to_string())?
    } else {
        Vec::new()
    };
    let mut examples: Vec<Example> = assault
        .iter()
        .filter(|s| s.split() == Split::Train && (soft_ambiguous || s.label != Label::Ambiguous))
        .map(|s| example(s, &templates, false))
        .collect();
    // Protest reports (label yes in the PROTEST set) are events but not
    // violent ones: negatives of a kind the ASSAULT set has few of.
    examples.extend(
        protest
            .iter()
            .filter(|s| s.label == Label::Yes && s.split() == Split::Train)
            .map(|s| example(s, &templates, true)),
    );
    let pos = examples
        .iter()
        .filter(|e| e.sentence.label == Label::Yes && !e.extra)
        .count();
    eprintln!(
        "train: {} sentences ({} yes, {} extra negatives), templates {}",
        examples.len(),
        pos,
        examples.iter().filter(|e| e.extra).count(),
        templates.names()
    );
    let mut best: Option<(Setting, f32, f64)> = None;
    for l2 in [1e-4, 3e-4, 1e-3, 3e-3, 1e-2] {
        for pos_weight in [1.0, 2.0, 4.0] {
            for difficult in [1.0, 0.5, 0.25] {
                let cfg = TrainConfig {
                    l2,
                    pos_weight,
                    ..TrainConfig::default()
                };
                let setting = Setting { cfg, difficult };
                let oof = out_of_fold(&examples, setting);
                let all: Vec<(f32, bool)> =
                    oof.iter().map(|&(_, s, g)| (s, g == Label::Yes)).collect();
                let easy: Vec<(f32, bool)> = oof
                    .iter()
                    .filter(|(_, _, g)| *g != Label::DifficultNo)
                    .map(|&(_, s, g)| (s, g == Label::Yes))
                    .collect();
                // One threshold serves both readings of the task: the mean of
                // F1 against all negatives and against easy negatives only.
                let (t, f) = best_threshold_by(|t| (prf(&all, t).2 + prf(&easy, t).2) / 2.0);
                let (f_all, f_easy) = (prf(&all, t).2, prf(&easy, t).2);
                eprintln!(
                    "l2={l2:<6} pos={pos_weight} difficult={difficult:<4}: cv at {t:.2}: F1 vs all {f_all:.3}, vs easy no {f_easy:.3}, mean {f:.3}"
                );
                if best.is_none_or(|(_, _, b)| f > b) {
                    best = Some((setting, t, f));
                }
            }
        }
    }
    let (setting, threshold, f) = best.ok_or("no configuration")?;
    let cfg = setting.cfg;
    eprintln!(
        "chosen: l2={} pos_weight={} difficult={} threshold={threshold:.2} (cv mean F1 {f:.3})",
        cfg.l2, cfg.pos_weight, setting.difficult
    );
    if std::env::var_os("TRAIN_DETECTOR_DUMP").is_some() {
        for (i, score, gold) in out_of_fold(&examples, setting) {
            if (gold == Label::Yes) != (score >= threshold) {
                println!("{gold:?}\t{score:.3}\t{}", examples[i].sentence.text);
            }
        }
    }
    let data: Vec<(Vec<String>, f64, f64)> =
        examples.iter().map(|e| e.row(setting.difficult)).collect();
    let detector = Detector {
        templates,
        model: fit(&data, &cfg),
        threshold,
    };
    let flags = format!(
        "{}{}",
        if protest_negatives {
            " --protest-negatives"
        } else {
            ""
        },
        if soft_ambiguous {
            " --soft-ambiguous"
        } else {
            ""
        }
    );
    let header = vec![
        "Rasid sentence violence detector (rasid_events::detect): logistic regression.".to_string(),
        "Source: PLOVER Arabic event GSR, ASSAULT set (assault_gsr_dev.csv), training part"
            .to_string(),
        "  only (articles with FNV-1a-64(article id) % 10 >= 3); labels yes vs easy/difficult no."
            .to_string(),
        "  Data licence: MIT, Copyright (c) 2018 Open Event Data Alliance. See assault.README.md."
            .to_string(),
        format!(
            "Built by: cargo run --release -p rasid-events --bin train-detector -- /work/shared/data/arabic_event_gsr data/models/assault.tsv{flags}"
        ),
        format!(
            "Training: {} sentences, {pos} yes; l2={} pos_weight={} difficult_no_weight={} steps={} min_count={}.",
            examples.len(),
            cfg.l2,
            cfg.pos_weight,
            setting.difficult,
            cfg.steps,
            cfg.min_count,
        ),
        format!(
            "Threshold from 5-fold CV by article: mean of F1 vs all and vs easy negatives {f:.3}."
        ),
    ];
    std::fs::write(out, detector.to_tsv(&header)).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("wrote {out} ({} features)", detector.model.weights.len());
    Ok(())
}

fn example<'a>(s: &'a GsrSentence, templates: &Templates, extra: bool) -> Example<'a> {
    Example {
        sentence: s,
        features: features(&tokenize(&s.text), templates),
        target: match s.label {
            _ if extra => 0.0,
            Label::Yes => 1.0,
            Label::Ambiguous if s.total > 0 => f64::from(s.accept) / f64::from(s.total),
            _ => 0.0,
        },
        fold: fold_of(&s.article, FOLDS),
        extra,
    }
}

/// Each scored training sentence's score from the model fitted without its
/// fold: (index into `examples`, score, gold label).
fn out_of_fold(examples: &[Example], setting: Setting) -> Vec<(usize, f32, Label)> {
    let mut out = Vec::new();
    for k in 0..FOLDS {
        let data: Vec<(Vec<String>, f64, f64)> = examples
            .iter()
            .filter(|e| e.fold != k)
            .map(|e| e.row(setting.difficult))
            .collect();
        let model = fit(&data, &setting.cfg);
        out.extend(
            examples
                .iter()
                .enumerate()
                .filter(|(_, e)| e.fold == k && e.scored())
                .map(|(i, e)| (i, model.score(&e.features), e.sentence.label)),
        );
    }
    out
}
