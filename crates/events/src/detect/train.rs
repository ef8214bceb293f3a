//! Training the violence detector: L2-regularised logistic regression over
//! binary features, fitted by full-batch Adam (deterministic: no shuffling,
//! no randomness), and the threshold search used to tune it.
//!
//! Owns the optimiser and the F1 sweep. It must not read files or pick
//! features; callers give it feature lists and labels.

use std::collections::HashMap;

/// Hyper-parameters of one fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// L2 penalty on the weights (not the bias), per example.
    pub l2: f64,
    /// Weight of a positive example's loss relative to a negative's (a soft
    /// target y weighs `1 + (pos_weight - 1) * y`).
    pub pos_weight: f64,
    /// Full-batch steps.
    pub steps: usize,
    /// Features seen in fewer training sentences are dropped.
    pub min_count: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            l2: 1e-3,
            pos_weight: 2.0,
            steps: 400,
            min_count: 2,
        }
    }
}

/// A fitted linear model: `sigmoid(bias + Σ weight[f])` over features present.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// Feature → weight (features under `min_count` are absent).
    pub weights: HashMap<String, f32>,
    /// The intercept.
    pub bias: f32,
}

impl Fitted {
    /// The probability that a sentence with `features` is positive.
    pub fn score(&self, features: &[String]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Fits the model to `(features, target, weight)` examples; the target is
/// the probability of the positive class (1 or 0, or between for soft
/// labels), the weight scales the example's loss (before `pos_weight`).
pub fn fit(examples: &[(Vec<String>, f64, f64)], cfg: &TrainConfig) -> Fitted {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (features, _, _) in examples {
        for f in features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = counts
        .iter()
        .filter(|&(_, &n)| n >= cfg.min_count)
        .map(|(f, _)| *f)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, f)| (*f, i as u32))
        .collect();
    let rows: Vec<(Vec<u32>, f64, f64)> = examples
        .iter()
        .map(|(features, y, weight)| {
            let ids = features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            (ids, *y, weight * (1.0 + (cfg.pos_weight - 1.0) * y))
        })
        .collect();
    let total: f64 = rows.iter().map(|r| r.2).sum::<f64>().max(1.0);
    // Parameter 0 is the bias; feature i is parameter i + 1.
    let dim = names.len() + 1;
    let mut w = vec![0.0f64; dim];
    let (mut m, mut v) = (vec![0.0f64; dim], vec![0.0f64; dim]);
    let (lr, b1, b2, eps): (f64, f64, f64, f64) = (0.05, 0.9, 0.999, 1e-8);
    let mut grad = vec![0.0f64; dim];
    for step in 1..=cfg.steps {
        grad.iter_mut().for_each(|g| *g = 0.0);
        for (ids, y, c) in &rows {
            let z = w[0] + ids.iter().map(|&i| w[i as usize + 1]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let d = c * (p - y) / total;
            grad[0] += d;
            for &i in ids {
                grad[i as usize + 1] += d;
            }
        }
        for i in 1..dim {
            grad[i] += cfg.l2 * w[i];
        }
        let (c1, c2) = (1.0 - b1.powi(step as i32), 1.0 - b2.powi(step as i32));
        for i in 0..dim {
            m[i] = b1 * m[i] + (1.0 - b1) * grad[i];
            v[i] = b2 * v[i] + (1.0 - b2) * grad[i] * grad[i];
            w[i] -= lr * (m[i] / c1) / ((v[i] / c2).sqrt() + eps);
        }
    }
    Fitted {
        weights: names
            .iter()
            .zip(&w[1..])
            .map(|(f, &x)| (f.to_string(), x as f32))
            .collect(),
        bias: w[0] as f32,
    }
}

/// Precision, recall and F1 of `scores >= threshold` against `gold`.
pub fn prf(scored: &[(f32, bool)], threshold: f32) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for &(s, gold) in scored {
        match (gold, s >= threshold) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
    }
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The threshold in 0.05..0.95 (step 0.01) with the best F1, and that F1;
/// ties go to the higher threshold.
pub fn best_threshold(scored: &[(f32, bool)]) -> (f32, f64) {
    best_threshold_by(|t| prf(scored, t).2)
}

/// The threshold in 0.05..0.95 (step 0.01) where `objective` is highest,
/// and that value; ties go to the higher threshold.
pub fn best_threshold_by(objective: impl Fn(f32) -> f64) -> (f32, f64) {
    let mut best = (0.5f32, f64::NEG_INFINITY);
    for i in 5..=95 {
        let t = i as f32 / 100.0;
        let f = objective(t);
        if f >= best.1 {
            best = (t, f);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(words: &[&str], label: bool) -> (Vec<String>, f64, f64) {
        let features = words.iter().map(|w| w.to_string()).collect();
        (features, f64::from(u8::from(label)), 1.0)
    }

    #[test]
    fn learns_a_separable_cue() {
        let data = vec![
            ex(&["kill", "a"], true),
            ex(&["kill", "b"], true),
            ex(&["kill", "c"], true),
            ex(&["talk", "a"], false),
            ex(&["talk", "b"], false),
            ex(&["talk", "c"], false),
        ];
        let model = fit(&data, &TrainConfig::default());
        assert!(model.weights["kill"] > 0.5, "{:?}", model.weights);
        assert!(model.weights["talk"] < -0.5, "{:?}", model.weights);
        assert!(model.score(&data[0].0) > 0.5 && model.score(&data[3].0) < 0.5);
        assert_eq!(model, fit(&data, &TrainConfig::default()), "deterministic");
    }

    #[test]
    fn prf_and_threshold() {
        let scored = [
            (0.9, true),
            (0.8, false),
            (0.6, true),
            (0.2, true),
            (0.1, false),
        ];
        let (p, r, f) = prf(&scored, 0.5);
        assert_eq!((p, r), (2.0 / 3.0, 2.0 / 3.0));
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
        let (t, f) = best_threshold(&scored);
        assert!(f >= 2.0 / 3.0 && t <= 0.2, "{t} {f}");
    }
}
