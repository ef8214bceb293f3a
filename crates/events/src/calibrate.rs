//! Calibrated confidence: how likely a coded incident is a true event.
//!
//! Owns the signals an incident's confidence is read from (what a coded
//! event shows of itself: its type, which arguments it found, whether two
//! sentences told it, the sentence detector's score), the logistic model
//! over them (`data/models/event-confidence.tsv`, fitted by
//! `src/bin/calibrate.rs` against gold event matching and against the
//! violent events the pipeline codes in the ASSAULT GSR's news sentences)
//! and its fitting.
//! The signals are read the same way from a coded incident and from an
//! output record's event, so that what is fitted on records is what is
//! applied at coding time. It must not decide whether an incident is coded.

use std::sync::LazyLock;

/// Names of the model's inputs, in order (the first is the intercept).
pub const FEATURES: &[&str] = &[
    "bias",
    "battles",
    "remote",
    "civilians",
    "protest",
    "date",
    "location",
    "actor1",
    "actor2",
    "toll",
    "multi",
    "detector",
];

/// What a coded event shows of itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signals<'a> {
    /// ACLED event type.
    pub event_type: &'a str,
    /// ACLED sub-event type.
    pub sub_event_type: &'a str,
    /// A date was found.
    pub date: bool,
    /// A place was found.
    pub location: bool,
    /// An attacker / first actor was found.
    pub actor1: bool,
    /// A second actor was found.
    pub actor2: bool,
    /// Fatalities or injuries were stated.
    pub toll: bool,
    /// The evidence spans more than one sentence (the incident was told twice).
    pub multi: bool,
    /// The sentence detector's score on the trigger's sentence, for the
    /// sub-types it was trained for ([`detector_applies`]).
    pub detector: Option<f32>,
}

/// Whether the GSR sentence detector speaks to an event of this sub-type:
/// the assaults it was trained on (clashes, strikes, bombs, attacks on
/// civilians), not arrests, protests or changes of territory.
pub fn detector_applies(sub_event_type: &str) -> bool {
    matches!(
        sub_event_type,
        "Armed clash"
            | "Air/drone strike"
            | "Remote explosive/landmine/IED"
            | "Shelling/artillery/missile attack"
            | "Grenade"
            | "Suicide bomb"
            | "Chemical weapon"
            | "Attack"
    )
}

/// The model's inputs for `s`, in the order of [`FEATURES`].
pub fn features(s: &Signals) -> Vec<f64> {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    vec![
        1.0,
        b(s.event_type == "Battles"),
        b(s.event_type == "Explosions/Remote violence"),
        b(s.event_type == "Violence against civilians"),
        b(s.event_type == "Protests" || s.event_type == "Riots"),
        b(s.date),
        b(s.location),
        b(s.actor1),
        b(s.actor2),
        b(s.toll),
        b(s.multi),
        // Centred on 0.5 so that an absent score is the neutral value.
        s.detector.map_or(0.0, |p| f64::from(p) - 0.5),
    ]
}

/// A logistic model over [`FEATURES`].
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// One weight per feature.
    pub weights: Vec<f64>,
}

/// A malformed calibration file.
#[derive(Debug, thiserror::Error)]
#[error("calibration file: {0}")]
pub struct CalibrationError(String);

impl Calibration {
    /// Reads `name <TAB> weight` lines; `#` lines are comments. Every name
    /// of [`FEATURES`] must be given once.
    pub fn parse(tsv: &str) -> Result<Calibration, CalibrationError> {
        let mut weights = vec![None; FEATURES.len()];
        for line in tsv.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, w) = line
                .split_once('\t')
                .ok_or_else(|| CalibrationError(format!("no tab in {line:?}")))?;
            let i = FEATURES
                .iter()
                .position(|f| *f == name.trim())
                .ok_or_else(|| CalibrationError(format!("unknown feature {name:?}")))?;
            let w: f64 = w
                .trim()
                .parse()
                .map_err(|_| CalibrationError(format!("bad weight in {line:?}")))?;
            if weights[i].replace(w).is_some() {
                return Err(CalibrationError(format!("{name} given twice")));
            }
        }
        let weights = weights
            .into_iter()
            .zip(FEATURES)
            .map(|(w, f)| w.ok_or_else(|| CalibrationError(format!("{f} missing"))))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Calibration { weights })
    }

    /// The weights as `parse` reads them, after `header` comment lines.
    pub fn to_tsv(&self, header: &[String]) -> String {
        let mut out = String::new();
        for h in header {
            out.push_str(&format!("# {h}\n"));
        }
        for (f, w) in FEATURES.iter().zip(&self.weights) {
            out.push_str(&format!("{f}\t{w:.6}\n"));
        }
        out
    }

    /// The probability that an event with these inputs is a true event.
    pub fn probability(&self, x: &[f64]) -> f64 {
        sigmoid(self.weights.iter().zip(x).map(|(w, v)| w * v).sum())
    }

    /// [`Calibration::probability`] of `s`.
    pub fn apply(&self, s: &Signals) -> f64 {
        self.probability(&features(s))
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The calibration shipped in `data/models/event-confidence.tsv`.
pub static CALIBRATION: LazyLock<Calibration> = LazyLock::new(|| {
    Calibration::parse(include_str!("../../../data/models/event-confidence.tsv"))
        .expect("data/models/event-confidence.tsv is valid")
});

/// Fits L2-regularised logistic regression (the intercept unpenalised) by
/// Newton's method: few inputs, a few hundred rows, an exact optimum.
pub fn fit(rows: &[(Vec<f64>, bool)], l2: f64) -> Calibration {
    let weighted: Vec<(&[f64], bool, f64)> =
        rows.iter().map(|(x, y)| (x.as_slice(), *y, 1.0)).collect();
    fit_weighted(&weighted, l2)
}

/// [`fit`] with a weight per row `(inputs, outcome, weight)`: the weight
/// scales the row's share of the likelihood, so that sources of different
/// sizes (gold pages, GSR sentences) can be balanced.
pub fn fit_weighted(rows: &[(&[f64], bool, f64)], l2: f64) -> Calibration {
    let n = FEATURES.len();
    let mut w = vec![0.0; n];
    for _ in 0..50 {
        let mut grad = vec![0.0; n];
        let mut hess = vec![vec![0.0; n]; n];
        for (x, y, c) in rows {
            let p = sigmoid(w.iter().zip(x.iter()).map(|(a, b)| a * b).sum());
            let r = c * (p - if *y { 1.0 } else { 0.0 });
            let v = c * (p * (1.0 - p)).max(1e-9);
            for i in 0..n {
                grad[i] += r * x[i];
                for j in 0..n {
                    hess[i][j] += v * x[i] * x[j];
                }
            }
        }
        for i in 1..n {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        hess[0][0] += 1e-6;
        let Some(step) = solve(hess, grad) else { break };
        let mut change: f64 = 0.0;
        for i in 0..n {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-9 {
            break;
        }
    }
    Calibration { weights: w }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        b.swap(c, p);
        let pivot = a[c].clone();
        for r in c + 1..n {
            let f = a[r][c] / pivot[c];
            for (x, p) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

/// Brier score of `(probability, outcome)` pairs.
pub fn brier(scored: &[(f64, bool)]) -> f64 {
    if scored.is_empty() {
        return 0.0;
    }
    let s: f64 = scored
        .iter()
        .map(|(p, y)| (p - if *y { 1.0 } else { 0.0 }).powi(2))
        .sum();
    s / scored.len() as f64
}

/// Reliability table: for `bins` equal-width bins of probability, the
/// count, the mean probability and the share of true outcomes.
pub fn reliability(scored: &[(f64, bool)], bins: usize) -> Vec<(usize, f64, f64)> {
    let mut acc = vec![(0usize, 0.0, 0.0); bins];
    for (p, y) in scored {
        let b = ((p * bins as f64) as usize).min(bins - 1);
        acc[b].0 += 1;
        acc[b].1 += p;
        acc[b].2 += if *y { 1.0 } else { 0.0 };
    }
    acc.into_iter()
        .map(|(n, p, y)| {
            if n == 0 {
                (0, 0.0, 0.0)
            } else {
                (n, p / n as f64, y / n as f64)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_and_round_trips() {
        let c = &*CALIBRATION;
        assert_eq!(c.weights.len(), FEATURES.len());
        assert_eq!(
            Calibration::parse(&c.to_tsv(&["x".into()]))
                .unwrap()
                .weights
                .len(),
            FEATURES.len()
        );
        assert!(Calibration::parse("bias\t1\n").is_err());
        assert!(Calibration::parse("nope\t1\n").is_err());
    }

    #[test]
    fn fit_learns_which_signal_tells_true_events() {
        // Events with a date are true 9 times in 10, without one 1 in 10.
        let s = |date: bool| Signals {
            event_type: "Battles",
            sub_event_type: "Armed clash",
            date,
            location: false,
            actor1: false,
            actor2: false,
            toll: false,
            multi: false,
            detector: None,
        };
        let mut rows = Vec::new();
        for k in 0..100 {
            rows.push((features(&s(true)), k % 10 != 0));
            rows.push((features(&s(false)), k % 10 == 0));
        }
        let m = fit(&rows, 0.01);
        assert!(
            (m.apply(&s(true)) - 0.9).abs() < 0.05,
            "{}",
            m.apply(&s(true))
        );
        assert!(
            (m.apply(&s(false)) - 0.1).abs() < 0.05,
            "{}",
            m.apply(&s(false))
        );
    }

    #[test]
    fn a_row_of_weight_two_counts_as_two_rows() {
        let x = |d: f64| vec![1.0, 0.0, 0.0, 0.0, 0.0, d, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let (a, b) = (x(1.0), x(0.0));
        let twice = fit(
            &[
                (a.clone(), true),
                (a.clone(), true),
                (a.clone(), false),
                (b.clone(), false),
                (b.clone(), true),
            ],
            0.5,
        );
        let weighted = fit_weighted(
            &[
                (&a, true, 2.0),
                (&a, false, 1.0),
                (&b, false, 1.0),
                (&b, true, 1.0),
            ],
            0.5,
        );
        for (u, v) in twice.weights.iter().zip(&weighted.weights) {
            assert!((u - v).abs() < 1e-9, "{u} {v}");
        }
        // Not the unweighted fit of the distinct rows.
        let once = fit(
            &[(a.clone(), true), (a, false), (b.clone(), false), (b, true)],
            0.5,
        );
        assert!((once.weights[5] - weighted.weights[5]).abs() > 0.1);
    }

    #[test]
    fn brier_and_reliability_count_what_they_should() {
        let scored = [(0.9, true), (0.9, false), (0.1, false), (0.5, true)];
        let b = brier(&scored);
        assert!((b - (0.01 + 0.81 + 0.01 + 0.25) / 4.0).abs() < 1e-12);
        let t = reliability(&scored, 5);
        assert_eq!(t[4].0, 2);
        assert!((t[4].2 - 0.5).abs() < 1e-12);
        assert_eq!(t[0].0, 1);
        assert_eq!(t[2].0, 1);
    }
}
