//! CoNLL entity-level scoring: an entity counts only when its type and its
//! exact token span agree (the `conlleval` convention, BIO chunks; an `I-X`
//! after something else opens a new chunk).
//!
//! Owns chunking tag sequences and the per-type and overall
//! precision/recall/F1. It does not tag.

use std::collections::BTreeMap;
use std::fmt;

/// Counts of one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that are in gold.
    pub tp: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.tp as f64 / self.predicted as f64
        }
    }

    /// Recall (1 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores per entity type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    /// Counts by type ("PERS", "LOC", …).
    pub by_type: BTreeMap<String, Counts>,
}

impl Score {
    /// Counts over all types.
    pub fn overall(&self) -> Counts {
        self.by_type
            .values()
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                predicted: a.predicted + c.predicted,
                gold: a.gold + c.gold,
            })
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}",
            "type", "P", "R", "F1", "tp", "pred", "gold"
        )?;
        let overall = self.overall();
        let rows = self
            .by_type
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain([("overall", &overall)]);
        for (k, c) in rows {
            writeln!(
                f,
                "{:<8} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6} {:>6}",
                k,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.tp,
                c.predicted,
                c.gold
            )?;
        }
        Ok(())
    }
}

/// The entity chunks of a tag sequence: `(type, start, end)`, end exclusive.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (bio, ty) = match t.split_once('-') {
            Some((b, ty)) => (b, ty),
            None => ("O", ""),
        };
        let continues = bio == "I" && open.as_ref().is_some_and(|(o, _)| o == ty);
        if continues {
            continue;
        }
        if let Some((o, s)) = open.take() {
            out.push((o, s, i));
        }
        if bio == "B" || bio == "I" {
            open = Some((ty.to_string(), i));
        }
    }
    if let Some((o, s)) = open {
        out.push((o, s, tags.len()));
    }
    out
}

/// Scores predicted tag sequences against gold ones, sentence by sentence.
pub fn score<G: AsRef<str>, P: AsRef<str>>(gold: &[Vec<G>], pred: &[Vec<P>]) -> Score {
    let mut sc = Score::default();
    for (g, p) in gold.iter().zip(pred) {
        let gc = chunks(g);
        let pc = chunks(p);
        for (ty, ..) in &gc {
            sc.by_type.entry(ty.clone()).or_default().gold += 1;
        }
        for c in &pc {
            let e = sc.by_type.entry(c.0.clone()).or_default();
            e.predicted += 1;
            if gc.contains(c) {
                e.tp += 1;
            }
        }
    }
    sc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunking() {
        // tags → chunks
        type Chunk = (&'static str, usize, usize);
        let cases: &[(&[&str], &[Chunk])] = &[
            (&["O", "B-PERS", "I-PERS", "O"], &[("PERS", 1, 3)]),
            (&["B-LOC", "B-LOC"], &[("LOC", 0, 1), ("LOC", 1, 2)]),
            (&["I-ORG", "I-ORG", "O"], &[("ORG", 0, 2)]),
            (&["B-PERS", "I-LOC"], &[("PERS", 0, 1), ("LOC", 1, 2)]),
            (&["O", "O"], &[]),
        ];
        for (tags, want) in cases {
            let got = chunks(tags);
            let want: Vec<_> = want
                .iter()
                .map(|(t, s, e)| (t.to_string(), *s, *e))
                .collect();
            assert_eq!(got, want, "{tags:?}");
        }
    }

    #[test]
    fn scoring() {
        let gold = vec![vec!["B-PERS", "I-PERS", "O", "B-LOC"]];
        let pred = vec![vec!["B-PERS", "O", "O", "B-LOC"]];
        let sc = score(&gold, &pred);
        assert_eq!(
            sc.by_type["LOC"],
            Counts {
                tp: 1,
                predicted: 1,
                gold: 1
            }
        );
        assert_eq!(
            sc.by_type["PERS"],
            Counts {
                tp: 0,
                predicted: 1,
                gold: 1
            }
        );
        assert!((sc.overall().f1() - 0.5).abs() < 1e-9);
    }
}
