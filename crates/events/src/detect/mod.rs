//! Sentence-level incident detection learnt from data (the PLOVER Arabic
//! event GSR, ASSAULT set): whether a sentence reports a violent incident.
//!
//! Owns the detector (a logistic regression over word, stem, bigram and
//! violence-cue features, [`features`]), its model file
//! `data/models/assault.tsv` (embedded, parsed once), its training
//! ([`train`], run by `src/bin/train-detector.rs`), the GSR reader and split
//! ([`gsr`]) and the cue-word baseline it is measured against. It decides
//! per sentence only: it must not type, place or date incidents.
//!
//! The API the event coder calls:
//! - [`violence_score`]`(sentence: &str) -> f32` and
//!   [`violence_score_tokens`]`(tokens: &[Token]) -> f32`: the probability
//!   (0..1) that the sentence reports a violent incident. Pass the tokens of
//!   one sentence (a slice of the body's tokens is fine: only `norm` and
//!   `kind` are read).
//! - [`is_violent`] / [`is_violent_tokens`]: the score against the tuned
//!   [`threshold`].
//! - [`cue_baseline`]: the bag-of-cue-words baseline.
//!
//! ```
//! use rasid_events::detect;
//! let p = detect::violence_score("قتل خمسة جنود وأصيب عشرة في تفجير سيارة مفخخة قرب الحويجة.");
//! assert!(p > detect::threshold());
//! assert!(!detect::is_violent("افتتح وزير التربية مدرسة جديدة في الموصل."));
//! ```
//!
//! On the held-out ASSAULT articles (`rasid eval --gsr
//! …/assault_gsr_dev.csv`): F1 0.759 (P 0.892, R 0.660) against `easy no`,
//! 0.623 against all negatives; the 20-cue-word baseline scores 0.371 and
//! 0.307. Details, split and licence: `data/models/assault.README.md`.
//!
//! The model is rebuilt, deterministically, with
//! `cargo run --release -p rasid-events --bin train-detector -- /work/shared/data/arabic_event_gsr data/models/assault.tsv`.

pub mod features;
pub mod gsr;
pub mod train;

use features::Templates;
use rasid_text::tokens::{Token, tokenize};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

/// A detector model: templates, weights, bias and decision threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Detector {
    /// The feature templates the weights were trained on.
    pub templates: Templates,
    /// The fitted weights.
    pub model: train::Fitted,
    /// Scores at or above this are violent incidents.
    pub threshold: f32,
}

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("model line {line}: {message}")]
pub struct ModelError {
    /// 1-based line of the model file.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl Detector {
    /// The probability that the sentence with these tokens reports a
    /// violent incident.
    pub fn score_tokens(&self, tokens: &[Token]) -> f32 {
        self.model
            .score(&features::features(tokens, &self.templates))
    }

    /// Reads a model file: `#` comment lines, then `templates`, `threshold`
    /// and `bias` lines, then one `feature<TAB>weight` line per feature.
    pub fn parse(tsv: &str) -> Result<Detector, ModelError> {
        let mut templates = None;
        let (mut threshold, mut bias) = (None, None);
        let mut weights = HashMap::new();
        for (n, line) in tsv.lines().enumerate() {
            let err = |message: String| ModelError {
                line: n + 1,
                message,
            };
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (key, value) = line
                .split_once('\t')
                .ok_or_else(|| err("no tab".to_string()))?;
            let number = || {
                value
                    .parse::<f32>()
                    .map_err(|e| err(format!("{value:?}: {e}")))
            };
            match key {
                "templates" => {
                    templates = Some(
                        Templates::parse(value)
                            .ok_or_else(|| err(format!("unknown templates {value:?}")))?,
                    )
                }
                "threshold" => threshold = Some(number()?),
                "bias" => bias = Some(number()?),
                _ => {
                    weights.insert(key.to_string(), number()?);
                }
            }
        }
        let missing = |what: &str| ModelError {
            line: 0,
            message: format!("no {what} line"),
        };
        Ok(Detector {
            templates: templates.ok_or_else(|| missing("templates"))?,
            model: train::Fitted {
                weights,
                bias: bias.ok_or_else(|| missing("bias"))?,
            },
            threshold: threshold.ok_or_else(|| missing("threshold"))?,
        })
    }

    /// Writes the model file [`Detector::parse`] reads, after the `header`
    /// comment lines; features sorted, weights to 4 decimals, those that
    /// round to 0 left out.
    pub fn to_tsv(&self, header: &[String]) -> String {
        let mut out = String::new();
        for line in header {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "templates\t{}", self.templates.names());
        let _ = writeln!(out, "threshold\t{:.2}", self.threshold);
        let _ = writeln!(out, "bias\t{:.4}", self.model.bias);
        let mut features: Vec<(&String, &f32)> = self.model.weights.iter().collect();
        features.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (f, w) in features {
            if (w * 1e4).round() != 0.0 {
                let _ = writeln!(out, "{f}\t{w:.4}");
            }
        }
        out
    }
}

static MODEL: LazyLock<Detector> = LazyLock::new(|| {
    Detector::parse(include_str!("../../../../data/models/assault.tsv"))
        .expect("data/models/assault.tsv is a valid model (checked by tests)")
});

/// The embedded ASSAULT detector.
pub fn detector() -> &'static Detector {
    &MODEL
}

/// The probability (0..1) that `sentence` reports a violent incident.
pub fn violence_score(sentence: &str) -> f32 {
    MODEL.score_tokens(&tokenize(sentence))
}

/// [`violence_score`] over the tokens of one sentence.
pub fn violence_score_tokens(tokens: &[Token]) -> f32 {
    MODEL.score_tokens(tokens)
}

/// The tuned decision threshold of the embedded model.
pub fn threshold() -> f32 {
    MODEL.threshold
}

/// Whether `sentence` reports a violent incident.
pub fn is_violent(sentence: &str) -> bool {
    violence_score(sentence) >= MODEL.threshold
}

/// [`is_violent`] over the tokens of one sentence.
pub fn is_violent_tokens(tokens: &[Token]) -> bool {
    violence_score_tokens(tokens) >= MODEL.threshold
}

/// The baseline: whether `sentence` holds any of twenty obvious violence
/// words (قتل، مقتل، هجوم، انفجار، قصف، …), clitics stripped.
pub fn cue_baseline(sentence: &str) -> bool {
    features::cue_baseline_tokens(&tokenize(sentence))
}

#[cfg(test)]
mod tests;
