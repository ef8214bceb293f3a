//! Near-duplicate documents: the same wire story on several sites, a
//! translation republished, a story re-posted with a new headline.
//!
//! Owns the MinHash signature of a body and the LSH banding that finds
//! candidates; a document joins the group of its most similar stored
//! document when their estimated Jaccard similarity over word shingles is at
//! least [`THRESHOLD`] and so is its similarity to that group's first
//! document (no chaining: on SaudiNewsNet, joining on the best match alone
//! chained 29 royal congratulation cables to different countries into one
//! group). Hand-written rather than `gaoya` because the
//! signature must be stable across runs and versions (it is stored), and a
//! fixed seed and hash written here guarantee that.
//!
//! Shingles are [`SHINGLE`] consecutive words of the body in
//! `rasid_text`'s normal form (so diacritics, hamza and ta marbuta spellings
//! do not split a copy from its original). [`PERMUTATIONS`] hash functions,
//! [`BANDS`] bands of [`ROWS`] rows: a pair at similarity s becomes a
//! candidate with probability 1 − (1 − s⁴)³², 0.87 at s = 0.5 and 0.99 at
//! s = 0.6. It must not decide anything about events: incidents merge on
//! their own evidence ([`crate::incidents`]).

use rasid_text::tokens::{TokenKind, tokenize};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeSet;

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Hash functions in a signature.
pub const PERMUTATIONS: usize = 128;
/// LSH bands.
pub const BANDS: usize = 32;
/// Signature rows per band.
pub const ROWS: usize = PERMUTATIONS / BANDS;
/// Estimated Jaccard similarity at or above which two bodies are one story
/// (tuned on SaudiNewsNet: see `bench/store/RESULTS.md`).
pub const THRESHOLD: f64 = 0.5;
/// Bodies with fewer words than this get no signature and stay alone: a
/// two-line flash shares too many shingles with any other by chance.
pub const MIN_WORDS: usize = 25;
/// Seed of the hash functions' coefficients (splitmix64); changing it
/// invalidates every stored signature.
pub const SEED: u64 = 0x5241_5349_445F_4D48; // "RASID_MH"

/// A MinHash signature.
pub type Signature = Vec<u32>;

/// splitmix64: the coefficient stream of the hash functions.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// (a, b) of each hash function h(x) = (a·x + b) >> 32, a odd.
static COEFFICIENTS: std::sync::LazyLock<Vec<(u64, u64)>> = std::sync::LazyLock::new(|| {
    let mut state = SEED;
    (0..PERMUTATIONS)
        .map(|_| (splitmix64(&mut state) | 1, splitmix64(&mut state)))
        .collect()
});

/// FNV-1a, 64 bits: stable across platforms and releases, unlike `std`'s hasher.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The signature of a body, or `None` when it has fewer than [`MIN_WORDS`] words.
pub fn signature(body: &str) -> Option<Signature> {
    let words: Vec<String> = tokenize(body)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.norm)
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let shingles: BTreeSet<u64> = words
        .windows(SHINGLE)
        .map(|w| fnv1a(w.join(" ").into_bytes()))
        .collect();
    let mut sig = vec![u32::MAX; PERMUTATIONS];
    for &x in &shingles {
        for (slot, &(a, b)) in sig.iter_mut().zip(COEFFICIENTS.iter()) {
            let h = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    Some(sig)
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

/// The LSH bucket of each band.
pub fn buckets(sig: &[u32]) -> Vec<i64> {
    sig.chunks(ROWS)
        .map(|rows| fnv1a(rows.iter().flat_map(|r| r.to_le_bytes())) as i64)
        .collect()
}

/// A signature as stored (little-endian u32s).
pub fn to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored signature.
pub fn from_blob(blob: &[u8]) -> Signature {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Candidates looked at per band: a bucket this full is boilerplate, not a story.
const MAX_PER_BUCKET: i64 = 64;

/// Puts the new document `pk` in a group (its own, or that of its most
/// similar stored document), records its buckets, and returns the group.
pub(crate) fn assign_group(tx: &Connection, pk: i64, sig: Option<&[u32]>) -> rusqlite::Result<i64> {
    let mut group = pk;
    if let Some(sig) = sig {
        let bands = buckets(sig);
        let mut candidates = BTreeSet::new();
        {
            let mut find = tx.prepare_cached(
                "SELECT doc FROM dedup_buckets WHERE band = ?1 AND bucket = ?2 LIMIT ?3",
            )?;
            for (band, bucket) in bands.iter().enumerate() {
                for doc in find.query_map(params![band as i64, bucket, MAX_PER_BUCKET], |r| {
                    r.get::<_, i64>(0)
                })? {
                    candidates.insert(doc?);
                }
            }
        }
        // Candidates at or above the threshold, most similar first; a group is
        // joined only when its first document (the root) is also similar
        // enough, so a chain of small edits (one template message to another
        // country, then another) cannot pull unrelated stories together.
        let mut similar: Vec<(f64, i64)> = Vec::new();
        let mut load =
            tx.prepare_cached("SELECT minhash, dup_group FROM documents WHERE pk = ?1")?;
        for doc in candidates {
            let row: Option<(Option<Vec<u8>>, i64)> = load
                .query_row([doc], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((Some(blob), their_group)) = row {
                let s = similarity(sig, &from_blob(&blob));
                if s >= THRESHOLD {
                    similar.push((s, their_group));
                }
            }
        }
        similar.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, their_group) in similar {
            let root: Option<Option<Vec<u8>>> =
                load.query_row([their_group], |r| r.get(0)).optional()?;
            if let Some(Some(blob)) = root
                && similarity(sig, &from_blob(&blob)) >= THRESHOLD
            {
                group = their_group;
                break;
            }
        }
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO dedup_buckets (band, bucket, doc) VALUES (?1, ?2, ?3)",
        )?;
        for (band, bucket) in bands.iter().enumerate() {
            insert.execute(params![band as i64, bucket, pk])?;
        }
    }
    tx.execute(
        "UPDATE documents SET dup_group = ?1 WHERE pk = ?2",
        params![group, pk],
    )?;
    Ok(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "أعلنت قيادة العمليات المشتركة في بغداد صباح اليوم أن قوة من الجيش \
        العراقي تمكنت من تفكيك خلية تابعة لتنظيم داعش في قضاء الحويجة جنوب غرب كركوك، \
        وضبطت بحوزة عناصرها أحزمة ناسفة وعبوات معدة للتفجير، وأضاف البيان أن العملية \
        جاءت بناء على معلومات استخبارية دقيقة وأن التحقيقات ما زالت جارية لكشف بقية \
        أفراد الخلية ومن يمولهم.";

    #[test]
    fn similarity_of_variants() {
        // (second text, should be grouped with STORY)
        let cases: &[(&str, bool)] = &[
            (STORY, true),
            // Same story with harakat and a different hamza spelling.
            (
                &STORY.replace("أعلنت", "اَعْلَنَتْ").replace("الجيش", "الجَيْش"),
                true,
            ),
            // Same story, last clause cut by the republishing site.
            (
                &STORY.replace(
                    " وأن التحقيقات ما زالت جارية لكشف بقية أفراد الخلية ومن يمولهم",
                    "",
                ),
                true,
            ),
            // Another story on the same topic.
            (
                "قالت مصادر محلية في محافظة الأنبار إن مسلحين مجهولين هاجموا نقطة تفتيش للشرطة \
              قرب مدينة الرمادي مساء أمس، ما أدى إلى مقتل شرطيين اثنين وإصابة ثلاثة آخرين، \
              فيما فرضت القوات الأمنية طوقا حول المنطقة وبدأت عمليات تفتيش واسعة بحثا عن \
              المهاجمين الذين فروا باتجاه الصحراء.",
                false,
            ),
        ];
        let a = signature(STORY).expect("long enough");
        for (text, same) in cases {
            let b = signature(text).expect("long enough");
            let s = similarity(&a, &b);
            assert_eq!(s >= THRESHOLD, *same, "similarity {s} for {text}");
        }
    }

    /// A ~ B and B ~ C but A ≁ C: C must not join A's group through B.
    #[test]
    fn groups_do_not_chain() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(dir.path()).unwrap();
        let a: Signature = (0..PERMUTATIONS as u32).collect();
        let mut b = a.clone();
        b[..44].iter_mut().for_each(|v| *v += 1000); // 84/128 = 0.66 like A
        let mut c = b.clone();
        c[64..].iter_mut().for_each(|v| *v += 5000); // 64/128 = 0.5 like B, 20/128 like A
        let mut d = a.clone();
        d[120..].iter_mut().for_each(|v| *v += 7000); // 0.94 like A
        // (signature, group it must land in)
        let cases = [(&a, 1), (&b, 1), (&c, 3), (&d, 1)];
        for (pk, (sig, want)) in (1..).zip(cases) {
            store
                .conn
                .execute(
                    "INSERT INTO documents (pk, id, uri, record, minhash) VALUES (?1, ?1, 'x', '{}', ?2)",
                    params![pk, to_blob(sig)],
                )
                .unwrap();
            let group = assign_group(&store.conn, pk, Some(sig)).unwrap();
            assert_eq!(group, want, "document {pk}");
        }
    }

    #[test]
    fn short_bodies_have_no_signature() {
        assert!(signature("عاجل: انفجار في بغداد").is_none());
    }

    #[test]
    fn signature_is_stable() {
        // Pinned: a stored signature must keep meaning the same thing.
        let sig = signature(STORY).unwrap();
        assert_eq!(sig.len(), PERMUTATIONS);
        assert_eq!(from_blob(&to_blob(&sig)), sig);
        assert_eq!(buckets(&sig).len(), BANDS);
    }
}
