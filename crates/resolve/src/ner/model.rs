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
use std::sync::atomic::{AtomicU64, Ordering};

use super::features::{
    BOS_WORD, EOS_WORD, NCUES, NSHAPES, OFFSETS, WordInfo, ctx, hash_bytes, local_features,
    neighbour_features, opens_phrase, phrase_bits_into, shape_index, shape_values,
    word_info_hashed,
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

/// What tagging needs of a word: its hashes, small classes and the scores
/// of its one-word features; ~200 bytes, as a day of news has ~75k words
/// and the records are read in text order, mostly out of cache.
#[derive(Clone, Copy)]
struct CachedWord {
    /// Hash of the normalised word.
    word: u64,
    /// Hash of its stem.
    stem: u64,
    /// Index of its [`WordInfo`] in [`WordCache::openers`] when it may open
    /// a multi-word gazetteer entry; `u32::MAX` otherwise.
    opener: u32,
    /// [`shape_index`] of the word's shape.
    shape: u8,
    gaz: u8,
    cue: u8,
    /// Features of the word at the tagged position, with its stem after a
    /// word with no cue ([`ctx::cue_stem`] with cue 0, the common case).
    local: [i32; NTAGS],
    /// Features of the word as the neighbour at each of [`OFFSETS`].
    neighbour: [[i32; NTAGS]; 4],
}

/// Open addressing from a word's hash to its place in
/// [`WordCache::words`], key and place side by side: a look-up of a word
/// not in cache costs one cache miss, where a `HashMap` (control bytes and
/// slots apart) cost two, and this look-up runs for every token.
#[derive(Default)]
struct WordIndex {
    /// (word hash, place + 1); place 0 marks an empty slot. Length 0 or a
    /// power of two.
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl WordIndex {
    /// The place of `hash`, or `next` after recording it there.
    #[inline]
    fn get_or_insert(&mut self, hash: u64, next: u32) -> u32 {
        // Kept at most half full: short probes.
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let (k, v) = self.slots[i];
            if v == 0 {
                self.slots[i] = (hash, next + 1);
                self.len += 1;
                return next;
            }
            if k == hash {
                return v - 1;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![(0, 0); (2 * old.len()).max(1024)];
        let mask = self.slots.len() - 1;
        for (k, v) in old.into_iter().filter(|s| s.1 != 0) {
            let mut i = k as usize & mask;
            while self.slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (k, v);
        }
    }

    fn clear(&mut self) {
        self.slots.fill((0, 0));
        self.len = 0;
    }
}

/// Per-thread cache of word scores for one model, and scratch buffers. The
/// index maps a word's hash to its place in `words`: a small table that
/// stays in cache, where a map holding the ~300-byte records themselves
/// would not.
#[derive(Default)]
struct WordCache {
    /// Id of the model the scores belong to.
    model: u64,
    index: WordIndex,
    words: Vec<CachedWord>,
    /// Information of the words that may open a multi-word gazetteer entry.
    openers: Vec<WordInfo>,
    /// Feature ids of the word being scored: kept, so that a sentence's
    /// first new word does not grow a new buffer (51k times a day of news).
    fs: Vec<u64>,
    /// A sentence's word ids, phrase bits and emission scores.
    ids: Vec<u32>,
    phrase: Vec<u8>,
    emissions: Vec<[i32; NTAGS]>,
}

thread_local! {
    /// Per-thread cache of word scores, for the model whose id it holds.
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// The scores of the context templates whose values are small (gazetteer
/// phrase bits, sentence edges, shapes and cues of neighbours), enumerated
/// once per model: a token's context then costs three lookups in the large
/// table (the word pairs) and a few in these small ones, which stay in
/// cache. Tables hold indices into `vecs` (0: no feature).
struct ContextTables {
    vecs: Vec<[i32; NTAGS]>,
    /// By phrase bits (below 64).
    phrase: Vec<u16>,
    /// By offset index: the sentence edge in place of that neighbour.
    edge: [[i32; NTAGS]; 4],
    /// By previous shape × shape.
    shapes: Vec<u16>,
    /// By previous cue × gazetteer bits.
    cue_gaz: Vec<u16>,
    /// By previous cue × shape.
    cue_shape: Vec<u16>,
    /// By cue two back × previous cue.
    cues: Vec<u16>,
}

/// Gazetteer bit values (three kinds).
const NGAZ: usize = 8;

impl ContextTables {
    fn empty() -> ContextTables {
        ContextTables {
            vecs: vec![[0; NTAGS]],
            phrase: Vec::new(),
            edge: [[0; NTAGS]; 4],
            shapes: Vec::new(),
            cue_gaz: Vec::new(),
            cue_shape: Vec::new(),
            cues: Vec::new(),
        }
    }

    fn build(m: &Model) -> ContextTables {
        let mut t = ContextTables::empty();
        let slot = |vecs: &mut Vec<[i32; NTAGS]>, id: u64| -> u16 {
            match m.get(id) {
                Some(w) => {
                    vecs.push(w.map(i32::from));
                    u16::try_from(vecs.len() - 1).expect("fewer than 65536 table entries")
                }
                None => 0,
            }
        };
        let shapes: Vec<u64> = shape_values().collect();
        debug_assert!(shapes.iter().enumerate().all(|(i, &s)| shape_index(s) == i));
        let cues = 0..NCUES as u8;
        t.phrase = (0..64u8)
            .map(|b| slot(&mut t.vecs, ctx::phrase(b)))
            .collect();
        for (k, e) in t.edge.iter_mut().enumerate() {
            if let Some(w) = m.get(ctx::edge(k)) {
                *e = w.map(i32::from);
            }
        }
        for &p in &shapes {
            for &c in &shapes {
                let ix = slot(&mut t.vecs, ctx::shapes(p, c));
                t.shapes.push(ix);
            }
        }
        for pc in cues.clone() {
            for g in 0..NGAZ as u8 {
                let ix = slot(&mut t.vecs, ctx::cue_gaz(pc, g));
                t.cue_gaz.push(ix);
            }
            for &c in &shapes {
                let ix = slot(&mut t.vecs, ctx::cue_shape(pc, c));
                t.cue_shape.push(ix);
            }
        }
        for ppc in cues.clone() {
            for pc in cues.clone() {
                let ix = slot(&mut t.vecs, ctx::cues(ppc, pc));
                t.cues.push(ix);
            }
        }
        t
    }
}

#[inline]
fn add_to(s: &mut [i32; NTAGS], w: &[i32; NTAGS]) {
    for (a, b) in s.iter_mut().zip(w) {
        *a += b;
    }
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
    /// Scores of the small-valued context templates (built with the table).
    ctx: ContextTables,
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
        m.ctx = ContextTables::build(&m);
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
            ctx: ContextTables::empty(),
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

    /// Adds the weights of feature `f` to `s`.
    #[inline]
    fn add_score(&self, f: u64, s: &mut [i32; NTAGS]) {
        if let Some(w) = self.get(f) {
            for (a, &b) in s.iter_mut().zip(w) {
                *a += i32::from(b);
            }
        }
    }

    /// Subtracts the weights of feature `f` from `s`.
    #[inline]
    fn sub_score(&self, f: u64, s: &mut [i32; NTAGS]) {
        if let Some(w) = self.get(f) {
            for (a, &b) in s.iter_mut().zip(w) {
                *a -= i32::from(b);
            }
        }
    }

    /// The scores a word brings on its own and as each neighbour; its
    /// information goes to `openers` when it may open a gazetteer phrase.
    fn word_scores(
        &self,
        w: &str,
        hash: u64,
        fs: &mut Vec<u64>,
        openers: &mut Vec<WordInfo>,
    ) -> CachedWord {
        let info = word_info_hashed(w, hash);
        let mut local = [0; NTAGS];
        fs.clear();
        local_features(w, &info, fs);
        self.add_scores(fs, &mut local);
        self.add_score(ctx::cue_stem(0, info.stem()), &mut local);
        let mut neighbour = [[0; NTAGS]; 4];
        for (k, n) in neighbour.iter_mut().enumerate() {
            fs.clear();
            neighbour_features(&info, k, fs);
            self.add_scores(fs, n);
        }
        let opener = if opens_phrase(&info) {
            openers.push(info);
            u32::try_from(openers.len() - 1).expect("fewer than 2^32 words")
        } else {
            u32::MAX
        };
        CachedWord {
            word: info.word,
            stem: info.stem(),
            opener,
            shape: shape_index(info.shape()) as u8,
            gaz: info.gaz(),
            cue: info.cue(),
            local,
            neighbour,
        }
    }

    /// Tags a sentence of normalised words (tag indices into [`TAGS`]).
    ///
    /// The scores of features that depend on one word alone are cached per
    /// word and thread: news vocabulary repeats, so most tokens cost one
    /// lookup plus the few features that join tokens. The sums are of
    /// integers, so the order they are added in does not change them: the
    /// scores are those of [`super::features::for_each_position`]'s features.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        if words.is_empty() {
            return Vec::new();
        }
        self.with_emissions(words, |e| viterbi_i32(e, &self.trans))
    }

    /// Calls `f` with the emission scores of every position of a sentence
    /// (`O` already lowered by the bias).
    fn with_emissions<R>(&self, words: &[&str], f: impl FnOnce(&[[i32; NTAGS]]) -> R) -> R {
        let n = words.len();
        WORD_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let cache = &mut *cache;
            if cache.model != self.id || cache.words.len() + n > WORD_CACHE_MAX {
                cache.model = self.id;
                cache.index.clear();
                cache.words.clear();
                cache.openers.clear();
            }
            cache.ids.clear();
            for w in words {
                let h = hash_bytes(w.as_bytes());
                let next = cache.words.len() as u32;
                let id = cache.index.get_or_insert(h, next);
                if id == next {
                    let c = self.word_scores(w, h, &mut cache.fs, &mut cache.openers);
                    cache.words.push(c);
                }
                cache.ids.push(id);
            }
            let (words_c, openers) = (&cache.words, &cache.openers);
            let recs: Vec<&CachedWord> =
                cache.ids.iter().map(|&id| &words_c[id as usize]).collect();
            cache.phrase.clear();
            cache.phrase.resize(n, 0);
            phrase_bits_into(
                n,
                |i| recs[i].word,
                |i| openers.get(recs[i].opener as usize),
                &mut cache.phrase,
            );
            let t = &self.ctx;
            cache.emissions.clear();
            for (i, c) in recs.iter().enumerate() {
                let mut s = c.local;
                for (k, &d) in OFFSETS.iter().enumerate() {
                    match recs.get(i.wrapping_add_signed(d)) {
                        Some(o) => add_to(&mut s, &o.neighbour[k]),
                        None => add_to(&mut s, &t.edge[k]),
                    }
                }
                add_to(
                    &mut s,
                    &t.vecs[usize::from(t.phrase[usize::from(cache.phrase[i])])],
                );
                let p = i.checked_sub(1).map(|j| recs[j]);
                let prev = p.map_or(BOS_WORD, |o| o.word);
                let next = recs.get(i + 1).map_or(EOS_WORD, |o| o.word);
                self.add_score(ctx::prev_word(prev, c.word), &mut s);
                self.add_score(ctx::next_word(c.word, next), &mut s);
                self.add_score(ctx::around(prev, next), &mut s);
                // Shape index 0 is the shape value 0 of the start.
                let prev_shape = p.map_or(0, |o| usize::from(o.shape));
                let shape = usize::from(c.shape);
                add_to(
                    &mut s,
                    &t.vecs[usize::from(t.shapes[prev_shape * NSHAPES + shape])],
                );
                let pc = p.map_or(0, |o| o.cue);
                let ppc = i.checked_sub(2).map_or(0, |j| recs[j].cue);
                let pcu = usize::from(pc);
                let gaz = usize::from(c.gaz);
                add_to(&mut s, &t.vecs[usize::from(t.cue_gaz[pcu * NGAZ + gaz])]);
                add_to(
                    &mut s,
                    &t.vecs[usize::from(t.cue_shape[pcu * NSHAPES + shape])],
                );
                add_to(
                    &mut s,
                    &t.vecs[usize::from(t.cues[usize::from(ppc) * NCUES + pcu])],
                );
                if pc != 0 {
                    // `local` holds the stem's score after no cue: swap it.
                    self.sub_score(ctx::cue_stem(0, c.stem), &mut s);
                    self.add_score(ctx::cue_stem(pc, c.stem), &mut s);
                }
                s[0] -= self.o_bias;
                cache.emissions.push(s);
            }
            f(&cache.emissions)
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
        m.ctx = ContextTables::build(&m);
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

/// Lanes of [`viterbi_i32`]'s predecessor search: the five tags any tag
/// may precede, padded to eight.
const LANES: usize = 8;

/// The best score over predecessors `p` of `score[p] + lanes[p][l]`, and
/// the first `p` reaching it, for each lane `l`. Eight i32 lanes are two
/// vector registers: the compare-and-select runs on masks, not branches,
/// and is kept out of line so that it is vectorised on its own.
#[inline(never)]
fn best_predecessors(
    score: &[i32; NTAGS],
    lanes: &[[i32; LANES]; NTAGS],
) -> ([i32; LANES], [i32; LANES]) {
    let mut best = [0i32; LANES];
    let mut arg = [0i32; LANES];
    for l in 0..LANES {
        best[l] = score[0] + lanes[0][l];
    }
    for p in 1..NTAGS {
        let sp = score[p];
        let row = &lanes[p];
        for l in 0..LANES {
            let s = sp + row[l];
            // All ones where `s` is strictly greater (the first on ties).
            let gt = -i32::from(s > best[l]);
            arg[l] = (arg[l] & !gt) | (p as i32 & gt);
            best[l] = (best[l] & !gt) | (s & gt);
        }
    }
    (best, arg)
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
    // `tt[c][p]` = `trans[p][c]`: a tag's predecessors in one row.
    let mut tt = [[0i32; NTAGS]; NTAGS];
    for (p, row) in trans[..NTAGS].iter().enumerate() {
        for (c, &x) in row.iter().enumerate() {
            tt[c][p] = x;
        }
    }
    // The tags any tag may precede (`O`, `B-X`), as lanes of one array
    // padded to [`LANES`]: `lanes[p][l]` = `trans[p][ANY[l]]`; the padding
    // lanes are computed and never read.
    const ANY: [usize; 5] = [0, 1, 3, 5, 7];
    let mut lanes = [[0i32; LANES]; NTAGS];
    for (p, row) in lanes.iter_mut().enumerate() {
        for (l, &c) in ANY.iter().enumerate() {
            row[l] = trans[p][c];
        }
    }
    for i in 1..n {
        if i >= 2 {
            // Every predecessor reachable: the best one of each lane.
            let (best, arg) = best_predecessors(&score, &lanes);
            let mut next = [0i32; NTAGS];
            let e = &emissions[i];
            let bk = &mut back[i];
            for (l, &c) in ANY.iter().enumerate() {
                next[c] = best[l] + e[c];
                bk[c] = arg[l] as u8;
            }
            // `I-X` follows its `B-X` (first) or itself.
            for c in [2, 4, 6, 8] {
                let from_b = score[c - 1] + tt[c][c - 1];
                let from_i = score[c] + tt[c][c];
                let (b, bp) = if from_i > from_b {
                    (from_i, c)
                } else {
                    (from_b, c - 1)
                };
                next[c] = b + e[c];
                bk[c] = bp as u8;
            }
            score = next;
            continue;
        }
        let mut next = [0i32; NTAGS];
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

    /// The emission scores of [`Model::with_emissions`] (cached words,
    /// tables) are those of the plain features the trainer sees.
    #[test]
    fn cached_emissions_match_the_features() {
        let Some(m) = &*crate::ner::MODEL else {
            return;
        };
        let text = "قال الشيخ ابو محمد الجولاني في كلمه مسجله ان جبهه النصره \
                    سيطرت علي مطار ابو الظهور العسكري بريف ادلب . واكد العقيد \
                    احمد ان 12 عنصرا قتلوا ، وقالت وكاله رويترز ان الامم المتحده \
                    نددت بالهجوم علي مدينه حلب وريفها الشمالي يوم الخميس";
        let words: Vec<&str> = text.split_whitespace().collect();
        // Every length, so every edge and neighbour case, twice (cached).
        for _ in 0..2 {
            for n in 0..=words.len() {
                for start in [0, words.len() - n] {
                    let w = &words[start..start + n];
                    let mut plain: Vec<[i32; NTAGS]> = Vec::new();
                    super::super::features::for_each_position(w, |_, fs| {
                        let mut s = [0; NTAGS];
                        m.add_scores(fs, &mut s);
                        s[0] -= m.o_bias;
                        plain.push(s);
                    });
                    let cached = m.with_emissions(w, <[_]>::to_vec);
                    assert_eq!(cached, plain, "{w:?}");
                }
            }
        }
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
