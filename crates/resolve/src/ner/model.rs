//! The tagger's weights and decoding: a linear model over hashed features
//! with first-order BIO transitions, decoded by Viterbi.
//!
//! Owns the tag set, the weight table, the file format of the model (gzip of
//! a small binary: header, transitions, sorted feature ids delta-coded as
//! varints, quantised i16 weights) and decoding. It does not compute
//! features ([`super::features`]) nor train ([`super::train`]).

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::atomic::{AtomicU64, Ordering};

use super::features::{
    OFFSETS, PreHashed, WordInfo, context_features, hash_bytes, local_features, neighbour_features,
    phrase_bits, word_info_hashed,
};

/// Number of tags.
pub const NTAGS: usize = 9;

/// The BIO tags over ANERcorp's four types, in model order.
pub const TAGS: [&str; NTAGS] = [
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];

/// The index of a tag name ("B-PERS"); unknown tags read as `O`.
pub fn tag_index(tag: &str) -> usize {
    TAGS.iter().position(|t| *t == tag).unwrap_or(0)
}

/// Whether `cur` may follow `prev` (`None`: sentence start) in BIO: an
/// `I-X` only continues a `B-X` or an `I-X`.
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    // Tags pair up as (B-X, I-X) = (2k-1, 2k).
    matches!(prev, Some(p) if p != 0 && p.div_ceil(2) == cur / 2)
}

/// Source of [`Model`] ids.
static NEXT_MODEL_ID: AtomicU64 = AtomicU64::new(1);

/// Size of [`Model`]'s presence filter in u64 words (2^22 bits, 512 KiB).
const FILTER_WORDS: usize = 1 << 16;

/// The filter bit of a feature id: bits the slot index does not use.
#[inline]
fn filter_bit(key: u64) -> usize {
    (key >> 40) as usize & (FILTER_WORDS * 64 - 1)
}

/// Words cached per thread before the cache starts over: above a day of
/// news's vocabulary (~75k words for 2,000 articles), at ~300 bytes a word.
const WORD_CACHE_MAX: usize = 150_000;

/// A word's information and the scores of its one-word features.
#[derive(Clone, Copy)]
struct CachedWord {
    info: WordInfo,
    /// Features of the word at the tagged position.
    local: [i32; NTAGS],
    /// Features of the word as the neighbour at each of [`OFFSETS`].
    neighbour: [[i32; NTAGS]; 4],
}

/// Per-thread cache of word scores for one model. The index maps a word's
/// hash to its place in `words`: a small table that stays in cache, where
/// a map holding the ~300-byte records themselves would not.
#[derive(Default)]
struct WordCache {
    /// Id of the model the scores belong to.
    model: u64,
    index: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    words: Vec<CachedWord>,
}

thread_local! {
    /// Per-thread cache of word scores, for the model whose id it holds.
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// Magic bytes of a model file.
const MAGIC: &[u8; 8] = b"RNERv3\0\0";

/// A trained tagger: per-feature weights and tag transitions, as integers.
pub struct Model {
    /// Unique per model built in this process: keys the per-thread word cache.
    id: u64,
    /// Open-addressing table of (feature id, weights); id 0 = empty slot.
    /// Ids and weights sit together: one cache line per lookup.
    slots: Vec<(u64, [i16; NTAGS])>,
    /// One bit per feature id (high bits of the id): most features of a
    /// sentence are absent from the model, and this small table, which
    /// stays in cache, says so without touching the large one.
    filter: Vec<u64>,
    /// `trans[prev][cur]`; row `NTAGS` is the sentence start.
    trans: [[i32; NTAGS]; NTAGS + 1],
    /// Subtracted from the `O` score of every token: trades precision for
    /// recall (tuned on dev by the trainer).
    o_bias: i32,
    /// Quantised units per unit of float weight.
    scale: f32,
}

impl Model {
    /// Builds a model from float weights: features whose largest absolute
    /// weight is below `prune` are dropped; the rest are quantised to i16.
    pub fn from_weights(
        features: impl IntoIterator<Item = (u64, [f32; NTAGS])>,
        trans: &[[f32; NTAGS]; NTAGS + 1],
        prune: f32,
    ) -> Model {
        let kept: Vec<(u64, [f32; NTAGS])> = features
            .into_iter()
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= prune))
            .collect();
        let max = kept
            .iter()
            .flat_map(|(_, w)| w.iter())
            .chain(trans.iter().flatten())
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(1e-6);
        let scale = 32000.0 / max;
        let q = |x: f32| (x * scale).round() as i16;
        let mut t = [[0i32; NTAGS]; NTAGS + 1];
        for (row, src) in t.iter_mut().zip(trans) {
            for (d, s) in row.iter_mut().zip(src) {
                *d = i32::from(q(*s));
            }
        }
        let mut m = Model::with_capacity(kept.len(), t);
        m.scale = scale;
        for (k, w) in kept {
            m.insert(k, w.map(q));
        }
        m
    }

    fn with_capacity(n: usize, trans: [[i32; NTAGS]; NTAGS + 1]) -> Model {
        // Load at most 3/4: short probes, and a table a third smaller than at 1/2.
        let cap = (n * 4 / 3 + 1).next_power_of_two().max(16);
        Model {
            id: NEXT_MODEL_ID.fetch_add(1, Ordering::Relaxed),
            slots: vec![(0, [0; NTAGS]); cap],
            filter: vec![0; FILTER_WORDS],
            trans,
            o_bias: 0,
            scale: 1.0,
        }
    }

    fn insert(&mut self, key: u64, w: [i16; NTAGS]) {
        let bit = filter_bit(key);
        self.filter[bit / 64] |= 1 << (bit % 64);
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        while self.slots[i].0 != 0 && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, w);
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[i16; NTAGS]> {
        let bit = filter_bit(key);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let (k, w) = &self.slots[i];
            if *k == key {
                return Some(w);
            }
            if *k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Sets the penalty on `O`, in float weight units.
    pub fn set_o_bias(&mut self, bias: f32) {
        self.o_bias = (bias * self.scale).round() as i32;
    }

    /// Number of features kept.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }

    /// Whether the model has no features.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds the weights of features `fs` to `s`.
    #[inline]
    fn add_scores(&self, fs: &[u64], s: &mut [i32; NTAGS]) {
        for &f in fs {
            if let Some(w) = self.get(f) {
                for (a, &b) in s.iter_mut().zip(w) {
                    *a += i32::from(b);
                }
            }
        }
    }

    /// The scores a word brings on its own and as each neighbour.
    fn word_scores(&self, w: &str, hash: u64, fs: &mut Vec<u64>) -> CachedWord {
        let info = word_info_hashed(w, hash);
        let mut local = [0; NTAGS];
        fs.clear();
        local_features(w, &info, fs);
        self.add_scores(fs, &mut local);
        let mut neighbour = [[0; NTAGS]; 4];
        for (k, n) in neighbour.iter_mut().enumerate() {
            fs.clear();
            neighbour_features(&info, k, fs);
            self.add_scores(fs, n);
        }
        CachedWord {
            info,
            local,
            neighbour,
        }
    }

    /// Tags a sentence of normalised words (tag indices into [`TAGS`]).
    ///
    /// The scores of features that depend on one word alone are cached per
    /// word and thread: news vocabulary repeats, so most tokens cost one
    /// lookup plus the few features that join tokens.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let mut fs: Vec<u64> = Vec::with_capacity(96);
        WORD_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let cache = &mut *cache;
            if cache.model != self.id || cache.words.len() + n > WORD_CACHE_MAX {
                cache.model = self.id;
                cache.index.clear();
                cache.words.clear();
            }
            let ids: Vec<u32> = words
                .iter()
                .map(|w| {
                    let h = hash_bytes(w.as_bytes());
                    let next = cache.words.len() as u32;
                    let id = *cache.index.entry(h).or_insert(next);
                    if id == next {
                        cache.words.push(self.word_scores(w, h, &mut fs));
                    }
                    id
                })
                .collect();
            let cached = |i: usize| &cache.words[ids[i] as usize];
            let infos: Vec<WordInfo> = (0..n).map(|i| cached(i).info).collect();
            let phrase = phrase_bits(&infos);
            let emissions: Vec<[i32; NTAGS]> = (0..n)
                .map(|i| {
                    let mut s = cached(i).local;
                    for (k, &d) in OFFSETS.iter().enumerate() {
                        let j = i as isize + d;
                        if j >= 0 && (j as usize) < n {
                            for (a, b) in s.iter_mut().zip(&cached(j as usize).neighbour[k]) {
                                *a += b;
                            }
                        }
                    }
                    fs.clear();
                    context_features(&infos, &phrase, i, &mut fs);
                    self.add_scores(&fs, &mut s);
                    s[0] -= self.o_bias;
                    s
                })
                .collect();
            viterbi_i32(&emissions, &self.trans)
        })
    }

    /// Serialises the model (gzip-compressed).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&self.o_bias.to_le_bytes());
        raw.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for &x in row {
                raw.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut entries: Vec<(u64, [i16; NTAGS])> =
            self.slots.iter().filter(|s| s.0 != 0).copied().collect();
        entries.sort_unstable_by_key(|e| e.0);
        raw.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        let mut last = 0u64;
        for (k, w) in &entries {
            put_varint(&mut raw, k - last);
            last = *k;
            // A bit per tag with a non-zero weight, then those weights.
            let mask: u16 = w
                .iter()
                .enumerate()
                .filter(|(_, x)| **x != 0)
                .fold(0, |m, (i, _)| m | (1 << i));
            raw.extend_from_slice(&mask.to_le_bytes());
            for x in w.iter().filter(|x| **x != 0) {
                raw.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut enc = GzEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&raw).expect("writing to memory");
        enc.finish().expect("writing to memory")
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut raw = Vec::new();
        GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| format!("model is not gzip: {e}"))?;
        let mut r = Reader { b: &raw, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a rasid NER model (bad magic)".into());
        }
        let o_bias = i32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        let mut trans = [[0i32; NTAGS]; NTAGS + 1];
        for row in &mut trans {
            for x in row.iter_mut() {
                *x = i32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
            }
        }
        let n = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes")) as usize;
        let mut m = Model::with_capacity(n, trans);
        m.o_bias = o_bias;
        m.scale = scale;
        let mut key = 0u64;
        for _ in 0..n {
            key += r.varint()?;
            let mask = u16::from_le_bytes(r.take(2)?.try_into().expect("2 bytes"));
            let mut w = [0i16; NTAGS];
            for (i, x) in w.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *x = i16::from_le_bytes(r.take(2)?.try_into().expect("2 bytes"));
                }
            }
            m.insert(key, w);
        }
        Ok(m)
    }
}

fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or("model file is truncated")?;
        self.at += n;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut x = 0u64;
        let mut shift = 0;
        loop {
            let b = self.take(1)?[0];
            x |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(x);
            }
            shift += 7;
            if shift > 63 {
                return Err("bad varint in model file".into());
            }
        }
    }
}

/// [`viterbi`] over integer scores, without `Option`s: the same sums in the
/// same order and the same tie-breaking (first best predecessor, first best
/// final tag), so the same path. Only the first position has tags that
/// cannot be reached (`I-X`); from the second on every tag has an `O`
/// predecessor, so from the third on every predecessor is reachable and
/// the loops run over fixed sets.
fn viterbi_i32(emissions: &[[i32; NTAGS]], trans: &[[i32; NTAGS]; NTAGS + 1]) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    // Scores of the first position; `I-X` is unreachable there.
    let mut score = [i32::MIN; NTAGS];
    let first: u16 = (0..NTAGS)
        .filter(|&c| allowed(None, c))
        .fold(0, |m, c| m | (1 << c));
    for c in 0..NTAGS {
        if first & (1 << c) != 0 {
            score[c] = trans[NTAGS][c] + emissions[0][c];
        }
    }
    let mut back: Vec<[u8; NTAGS]> = vec![[0; NTAGS]; n];
    for i in 1..n {
        let mut next = [0i32; NTAGS];
        if i >= 2 {
            // Every predecessor reachable: fixed loops the compiler unrolls.
            for c in 0..NTAGS {
                let (lo, hi) = if c == 0 || c % 2 == 1 {
                    (0, NTAGS)
                } else {
                    (c - 1, c + 1)
                };
                let (mut b, mut bp) = (score[lo] + trans[lo][c], lo);
                for p in lo + 1..hi {
                    let s = score[p] + trans[p][c];
                    if s > b {
                        (b, bp) = (s, p);
                    }
                }
                next[c] = b + emissions[i][c];
                back[i][c] = bp as u8;
            }
            score = next;
            continue;
        }
        let reach = first;
        for c in 0..NTAGS {
            let (lo, hi) = if c == 0 || c % 2 == 1 {
                (0, NTAGS)
            } else {
                (c - 1, c + 1)
            };
            let mut best: Option<(i32, usize)> = None;
            for p in lo..hi {
                if reach & (1 << p) == 0 {
                    continue;
                }
                let s = score[p] + trans[p][c];
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, p));
                }
            }
            // Every tag has a reachable predecessor from the second
            // position on: `O` and `B-X` follow the first position's `O`,
            // `I-X` its `B-X`.
            let (s, p) = best.expect("a reachable predecessor");
            next[c] = s + emissions[i][c];
            back[i][c] = p as u8;
        }
        score = next;
    }
    let reach = if n == 1 { first } else { u16::MAX };
    let mut last = 0;
    let mut best: Option<i32> = None;
    for (c, &s) in score.iter().enumerate() {
        if reach & (1 << c) != 0 && best.is_none_or(|b| s > b) {
            best = Some(s);
            last = c;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = usize::from(back[i][out[i]]);
    }
    out
}

/// The best tag sequence under emission and transition scores, with BIO
/// constraints; generic over the score type so training (f32) and tagging
/// (i32) share it.
pub fn viterbi<S>(emissions: &[[S; NTAGS]], trans: &[[S; NTAGS]; NTAGS + 1]) -> Vec<usize>
where
    S: Copy + PartialOrd + std::ops::Add<Output = S>,
{
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score: Vec<[Option<S>; NTAGS]> = vec![[None; NTAGS]; n];
    let mut back = vec![[0usize; NTAGS]; n];
    for c in 0..NTAGS {
        if allowed(None, c) {
            score[0][c] = Some(trans[NTAGS][c] + emissions[0][c]);
        }
    }
    for i in 1..n {
        for c in 0..NTAGS {
            let mut best: Option<(S, usize)> = None;
            for p in 0..NTAGS {
                let Some(sp) = score[i - 1][p] else { continue };
                if !allowed(Some(p), c) {
                    continue;
                }
                let s = sp + trans[p][c];
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, p));
                }
            }
            if let Some((s, p)) = best {
                score[i][c] = Some(s + emissions[i][c]);
                back[i][c] = p;
            }
        }
    }
    let mut last = 0;
    let mut best: Option<S> = None;
    for (c, s) in score[n - 1].iter().enumerate() {
        if let Some(s) = *s
            && best.is_none_or(|b| s > b)
        {
            best = Some(s);
            last = c;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        // (prev, cur) → allowed
        let cases: &[(Option<&str>, &str, bool)] = &[
            (None, "B-PERS", true),
            (None, "I-PERS", false),
            (Some("B-PERS"), "I-PERS", true),
            (Some("I-PERS"), "I-PERS", true),
            (Some("B-ORG"), "I-PERS", false),
            (Some("O"), "I-LOC", false),
            (Some("I-MISC"), "O", true),
        ];
        for &(p, c, ok) in cases {
            assert_eq!(allowed(p.map(tag_index), tag_index(c)), ok, "{p:?} {c}");
        }
    }

    #[test]
    fn integer_viterbi_matches_the_generic_one() {
        // A small linear congruential generator: scores with many ties and
        // both signs, over lengths 1..40.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |m: i32| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((x >> 33) as i32).rem_euclid(2 * m + 1) - m
        };
        for round in 0..400 {
            let m = if round % 2 == 0 { 3 } else { 30_000 };
            let mut trans = [[0i32; NTAGS]; NTAGS + 1];
            for row in trans.iter_mut() {
                for t in row.iter_mut() {
                    *t = next(m);
                }
            }
            let n = 1 + (round % 40);
            let em: Vec<[i32; NTAGS]> = (0..n).map(|_| std::array::from_fn(|_| next(m))).collect();
            assert_eq!(
                viterbi_i32(&em, &trans),
                viterbi(&em, &trans),
                "round {round}"
            );
        }
        assert!(viterbi_i32(&[], &[[0; NTAGS]; NTAGS + 1]).is_empty());
    }

    #[test]
    fn round_trip() {
        let mut trans = [[0f32; NTAGS]; NTAGS + 1];
        trans[1][2] = 2.5;
        let feats = vec![
            (7u64, [1.0, -2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.001]),
            (99, [0.5; NTAGS]),
        ];
        let m = Model::from_weights(feats, &trans, 0.01);
        assert_eq!(m.len(), 2);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.scale, m.scale);
        assert_eq!(back.get(7), m.get(7));
        assert_eq!(back.get(99), m.get(99));
        assert_eq!(back.get(8), None);
    }
}
