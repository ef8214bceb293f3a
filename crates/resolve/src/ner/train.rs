//! Training: the averaged structured perceptron over ANERcorp-style files.
//!
//! Owns reading token-per-line files (`token TAG`, tag optional, blank
//! lines or sentence-final punctuation tokens end a sentence) and the
//! training loop (fixed-seed shuffling, lazy averaging, Viterbi decoding).
//! It does not choose features ([`super::features`]) nor store the model
//! ([`super::model`]).

use std::collections::HashMap;

use rasid_text::normalize::normalize;

use super::features::sentence_features;
use super::model::{Model, NTAGS, tag_index, viterbi};
use super::score::{Score, score};

/// One sentence of a token-per-line file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens as written.
    pub tokens: Vec<String>,
    /// The gold tags, when the file has a tag column.
    pub tags: Option<Vec<String>>,
    /// Whether a blank line followed the sentence in the file.
    pub blank_after: bool,
}

impl Sentence {
    /// The tokens' normalised forms (what the tagger reads).
    pub fn normalized(&self) -> Vec<String> {
        self.tokens.iter().map(|t| normalize(t)).collect()
    }
}

/// Whether a token ends a sentence: only sentence-final punctuation.
fn ends_sentence(token: &str) -> bool {
    let t = token.trim_matches('\u{200f}');
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '.' | '؟' | '?' | '!' | '·' | '•'))
}

/// Reads a token-per-line file: `token` or `token TAG` (space or tab).
/// Sentences end at blank lines and after sentence-final punctuation.
pub fn read_conll(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut tagged = true;
    let flush = |tokens: &mut Vec<String>,
                 tags: &mut Vec<String>,
                 tagged: &mut bool,
                 blank: bool,
                 out: &mut Vec<Sentence>| {
        if tokens.is_empty() {
            if blank && let Some(last) = out.last_mut() {
                last.blank_after = true;
            }
            return;
        }
        out.push(Sentence {
            tokens: std::mem::take(tokens),
            tags: if *tagged {
                Some(std::mem::take(tags))
            } else {
                None
            },
            blank_after: blank,
        });
        tags.clear();
        *tagged = true;
    };
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let Some(tok) = parts.next() else {
            flush(&mut tokens, &mut tags, &mut tagged, true, &mut out);
            continue;
        };
        match parts.last() {
            Some(tag) => tags.push(tag.to_string()),
            None => tagged = false,
        }
        tokens.push(tok.to_string());
        if ends_sentence(tok) {
            flush(&mut tokens, &mut tags, &mut tagged, false, &mut out);
        }
    }
    flush(&mut tokens, &mut tags, &mut tagged, false, &mut out);
    out
}

/// Settings of a training run.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the shuffling between passes.
    pub seed: u64,
    /// Features whose largest averaged weight is below this are dropped.
    pub prune: f32,
    /// Features seen fewer times than this in training are not learnt.
    pub min_count: u32,
}

/// A training sentence with its features as dense indices.
struct Example {
    feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
}

/// Trains a tagger on `train`; after each epoch, when `dev` is given, it
/// reports the dev scores through `log`. Returns the final model.
pub fn train(
    train: &[Sentence],
    dev: Option<&[Sentence]>,
    cfg: TrainConfig,
    mut log: impl FnMut(usize, Option<&Score>),
) -> Model {
    let mut buf = Vec::new();
    let tagged: Vec<(&Sentence, &Vec<String>)> = train
        .iter()
        .filter_map(|s| s.tags.as_ref().map(|t| (s, t)))
        .collect();
    let features_of = |s: &Sentence, buf: &mut Vec<Vec<u64>>| {
        let norms = s.normalized();
        let words: Vec<&str> = norms.iter().map(String::as_str).collect();
        sentence_features(&words, buf);
    };
    // Rare features are left out: they mostly memorise single sentences.
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for (s, _) in &tagged {
        features_of(s, &mut buf);
        for &f in buf.iter().flatten() {
            *counts.entry(f).or_default() += 1;
        }
    }
    let mut index: HashMap<u64, u32> = HashMap::new();
    let mut ids: Vec<u64> = Vec::new();
    let mut examples = Vec::with_capacity(tagged.len());
    for (s, tags) in &tagged {
        features_of(s, &mut buf);
        let feats = buf
            .iter()
            .map(|fs| {
                fs.iter()
                    .filter(|f| counts[f] >= cfg.min_count)
                    .map(|&f| {
                        *index.entry(f).or_insert_with(|| {
                            ids.push(f);
                            (ids.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        let gold = tags.iter().map(|t| tag_index(t)).collect();
        examples.push(Example { feats, gold });
    }
    let nf = ids.len();
    let mut w = vec![[0f32; NTAGS]; nf];
    let mut acc = vec![[0f32; NTAGS]; nf];
    let mut tw = [[0f32; NTAGS]; NTAGS + 1];
    let mut tacc = [[0f32; NTAGS]; NTAGS + 1];
    let mut clock: f32 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = cfg.seed | 1;
    let mut model = None;
    for epoch in 1..=cfg.epochs {
        // Fisher-Yates with xorshift64: deterministic for a seed.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            let ex = &examples[e];
            let em: Vec<[f32; NTAGS]> = ex
                .feats
                .iter()
                .map(|fs| {
                    let mut s = [0f32; NTAGS];
                    for &f in fs {
                        for (a, b) in s.iter_mut().zip(&w[f as usize]) {
                            *a += b;
                        }
                    }
                    s
                })
                .collect();
            let pred = viterbi(&em, &tw);
            if pred != ex.gold {
                for (i, fs) in ex.feats.iter().enumerate() {
                    let (g, p) = (ex.gold[i], pred[i]);
                    if g != p {
                        for &f in fs {
                            let f = f as usize;
                            w[f][g] += 1.0;
                            acc[f][g] += clock;
                            w[f][p] -= 1.0;
                            acc[f][p] -= clock;
                        }
                    }
                }
                for i in 0..ex.gold.len() {
                    let gp = if i == 0 { NTAGS } else { ex.gold[i - 1] };
                    let pp = if i == 0 { NTAGS } else { pred[i - 1] };
                    if gp != pp || ex.gold[i] != pred[i] {
                        tw[gp][ex.gold[i]] += 1.0;
                        tacc[gp][ex.gold[i]] += clock;
                        tw[pp][pred[i]] -= 1.0;
                        tacc[pp][pred[i]] -= clock;
                    }
                }
            }
            clock += 1.0;
        }
        // Averaged weights: w - acc / clock.
        let avg = |w: &[f32; NTAGS], a: &[f32; NTAGS]| {
            let mut o = [0f32; NTAGS];
            for k in 0..NTAGS {
                o[k] = w[k] - a[k] / clock;
            }
            o
        };
        let mut t = [[0f32; NTAGS]; NTAGS + 1];
        for r in 0..=NTAGS {
            t[r] = avg(&tw[r], &tacc[r]);
        }
        let m = Model::from_weights(
            ids.iter()
                .enumerate()
                .map(|(i, &k)| (k, avg(&w[i], &acc[i]))),
            &t,
            cfg.prune,
        );
        let sc = dev.map(|d| evaluate(&m, d));
        log(epoch, sc.as_ref());
        model = Some(m);
    }
    model.unwrap_or_else(|| Model::from_weights([], &tw, cfg.prune))
}

/// Tags every sentence of `sents` with `model`.
pub fn tag_all(model: &Model, sents: &[Sentence]) -> Vec<Vec<&'static str>> {
    sents
        .iter()
        .map(|s| {
            let norms = s.normalized();
            let words: Vec<&str> = norms.iter().map(String::as_str).collect();
            model
                .tag(&words)
                .into_iter()
                .map(|t| super::model::TAGS[t])
                .collect()
        })
        .collect()
}

/// CoNLL entity scores of `model` on tagged sentences.
pub fn evaluate(model: &Model, sents: &[Sentence]) -> Score {
    let pred = tag_all(model, sents);
    let gold: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| {
            s.tags
                .as_ref()
                .map(|t| t.iter().map(String::as_str).collect())
                .unwrap_or_else(|| vec!["O"; s.tokens.len()])
        })
        .collect();
    score(&gold, &pred)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentences() {
        let text = "قال O\nكوفي B-PERS\nعنان I-PERS\n. O\nثم O\n\nهو O\n";
        let s = read_conll(text);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, ["قال", "كوفي", "عنان", "."]);
        assert_eq!(s[0].tags.as_ref().unwrap()[1], "B-PERS");
        assert!(!s[0].blank_after);
        assert!(s[1].blank_after);
        let untagged = read_conll("قال\nعنان\n");
        assert_eq!(untagged[0].tags, None);
    }

    #[test]
    fn learns_a_toy_corpus() {
        let text = "قال O\nالعقيد O\nسامر B-PERS\n. O\n".repeat(3)
            + &"زار O\nالعقيد O\nرامي B-PERS\n. O\n".repeat(3);
        let sents = read_conll(&text);
        let cfg = TrainConfig {
            epochs: 3,
            seed: 1,
            prune: 0.0,
            min_count: 1,
        };
        let m = train(&sents, None, cfg, |_, _| {});
        let sc = evaluate(&m, &sents);
        assert!(sc.overall().f1() > 0.99, "{sc:?}");
    }
}
