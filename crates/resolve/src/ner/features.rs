//! Features of the tagger: each token position becomes a list of hashed
//! feature ids (u64), computed without allocating a string per feature.
//!
//! Owns the feature templates, the ANERcorp gazetteers (ANERgazet,
//! `data/models/anercorp-gazetteers/`) and the cue-word classes (titles,
//! organisation heads, kinship names, speech verbs). It must not know the
//! weights: [`super::model`] scores the ids this module produces.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use rasid_text::normalize::normalize;
use rasid_text::tokens::clitic_forms;

/// Person names of ANERgazet (one a line).
const GAZ_PERS: &str = include_str!("../../../../data/models/anercorp-gazetteers/pers.txt");
/// Place names of ANERgazet.
const GAZ_LOC: &str = include_str!("../../../../data/models/anercorp-gazetteers/loc.txt");
/// Organisation names of ANERgazet.
const GAZ_ORG: &str = include_str!("../../../../data/models/anercorp-gazetteers/org.txt");

/// Military ranks: titles before a name, shared with the person step.
pub(crate) const MILITARY_RANKS: &[&str] = &[
    "الجنرال",
    "العقيد",
    "اللواء",
    "العميد",
    "المقدم",
    "الرائد",
    "النقيب",
    "الملازم",
    "الفريق",
    "المشير",
];

/// Titles and roles other than the [`MILITARY_RANKS`] that come before a
/// person's name.
pub(crate) const TITLES: &[&str] = &[
    "الشيخ",
    "القيادي",
    "المتحدث",
    "الناطق",
    "الرئيس",
    "رئيس",
    "وزير",
    "الوزير",
    "الأمين",
    "نائب",
    "السيد",
    "السيدة",
    "الدكتور",
    "د",
    "الأمير",
    "أمير",
    "الملك",
    "الزعيم",
    "القائد",
    "قائد",
    "والي",
    "المسؤول",
    "مسؤول",
    "المدعو",
    "الملقب",
    "المكنى",
    "الإرهابي",
    "الداعية",
    "الإمام",
    "المفتي",
    "الحاج",
    "المرشد",
    "السفير",
    "المبعوث",
    "النائب",
    "المحافظ",
    "محافظ",
    "مدير",
    "المدير",
    "العاهل",
    "الجندي",
    "الصحفي",
    "المراسل",
    "الشهيد",
    "الناشط",
    "المقاتل",
    "الانتحاري",
    "الخليفة",
    "القاضي",
    "عضو",
    "المستشار",
    "الضابط",
    "العريف",
    "الرقيب",
    "المساعد",
    "زعيم",
    "مؤسس",
    "المعاون",
    "رئيسة",
    "وزيرة",
    "الرئيسة",
];

/// Head nouns that open an organisation's name.
const ORG_HEADS: &[&str] = &[
    "حزب",
    "حركة",
    "جبهة",
    "تنظيم",
    "منظمة",
    "وزارة",
    "وكالة",
    "مجلس",
    "جيش",
    "لواء",
    "كتائب",
    "كتيبة",
    "فيلق",
    "هيئة",
    "جماعة",
    "اتحاد",
    "شركة",
    "جامعة",
    "مؤسسة",
    "قوات",
    "خلية",
    "قيادة",
    "مديرية",
    "المرصد",
    "صحيفة",
    "قناة",
    "إذاعة",
    "مركز",
    "لجنة",
    "رابطة",
    "تحالف",
    "ائتلاف",
    "دائرة",
    "مكتب",
    "محكمة",
    "بنك",
    "مصرف",
    "صندوق",
    "مفوضية",
    "الحشد",
    "سرايا",
    "عصائب",
    "تجمع",
    "غرفة",
    "الأمم",
    "البرلمان",
    "الكونغرس",
    "مجموعة",
    "شبكة",
];

/// Words that start or join a name (kunya, nasab).
const KIN: &[&str] = &[
    "أبو", "أبي", "أبا", "أم", "ابن", "بن", "بنت", "عبد", "آل", "ولد",
];

/// Verbs that report speech or action, often just before a name.
const SPEECH: &[&str] = &[
    "قال",
    "أكد",
    "أعلن",
    "صرح",
    "أضاف",
    "أوضح",
    "ذكر",
    "أفاد",
    "أشار",
    "نفى",
    "اعتبر",
    "دعا",
    "التقى",
    "استقبل",
    "بحث",
    "طالب",
    "حذر",
    "كشف",
    "قالت",
    "أكدت",
    "أعلنت",
    "ذكرت",
];

/// Nouns that head a place name ("محافظة نينوى", "بريف حلب").
const PLACE_HEADS: &[&str] = &[
    "عمليات",
    "مدينة",
    "بلدة",
    "قرية",
    "محافظة",
    "محافظتي",
    "ناحية",
    "قضاء",
    "ريف",
    "منطقة",
    "حي",
    "ساحة",
    "مجمع",
    "قاعدة",
    "مخيم",
    "مطار",
    "جبل",
    "جبال",
    "سهل",
    "وادي",
    "نهر",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "محيط",
    "قرب",
    "أطراف",
    "حدود",
    "مدن",
    "بلدات",
    "قرى",
    "معبر",
    "سجن",
    "مستشفى",
    "شارع",
    "جسر",
    "ضواحي",
    "العاصمة",
];

/// Words of time that never sit inside a person's name.
const TIME_WORDS: &[&str] = &[
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "أمس",
    "اليوم",
    "مساء",
    "فجر",
    "ظهر",
    "ليلة",
    "يوم",
];

/// Plural nouns for unnamed people that news cites as sources ("أفاد
/// ناشطون", "قال مسؤولون"): never part of a person's name.
const GROUP_NOUNS: &[&str] = &[
    "ناشطون",
    "ناشطين",
    "مسؤولون",
    "مسؤولين",
    "مصادر",
    "شهود",
    "سكان",
    "مراقبون",
    "مراقبين",
    "مسلحون",
    "مسلحين",
    "عناصر",
    "مقاتلون",
    "مقاتلين",
    "أهالي",
    "مواطنون",
    "مواطنين",
    "خبراء",
    "محللون",
    "محللين",
    "دبلوماسيون",
    "دبلوماسيين",
    "ضباط",
    "جنود",
    "مدنيون",
    "مدنيين",
];

/// Cue classes of a word, as bits.
pub(crate) const CUE_TITLE: u8 = 1;
const CUE_ORG: u8 = 2;
pub(crate) const CUE_KIN: u8 = 4;
const CUE_SPEECH: u8 = 8;
/// A head noun of place names.
pub(crate) const CUE_PLACE: u8 = 16;
/// A word of time (weekday, "أمس").
pub(crate) const CUE_TIME: u8 = 32;
/// A plural noun for unnamed people ("ناشطون").
pub(crate) const CUE_GROUP: u8 = 64;

/// Gazetteer bits: the word is (part of) an entry.
const GAZ_P: u8 = 1;
const GAZ_L: u8 = 2;
const GAZ_O: u8 = 4;

/// A hasher for keys that are already hashes ([`hash_bytes`]).
#[derive(Default, Clone, Copy)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here; fold anything else in all the same.
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A map keyed by word hashes.
type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

/// The embedded lexicons, parsed once; keys are [`hash_bytes`] of
/// normalised words.
pub(crate) struct Lexicons {
    /// Single-word gazetteer entries → kind bits.
    words: HashedMap<u8>,
    /// Multi-word gazetteer entries (word hashes) by their first word.
    phrases: HashedMap<Vec<(Vec<u64>, u8)>>,
    /// Cue words → cue bits.
    cues: HashedMap<u8>,
}

/// The lexicons, parsed on first use.
pub(crate) static LEXICONS: LazyLock<Lexicons> = LazyLock::new(Lexicons::load);

impl Lexicons {
    fn load() -> Lexicons {
        let mut words: HashedMap<u8> = HashedMap::default();
        let mut phrases: HashedMap<Vec<(Vec<u64>, u8)>> = HashedMap::default();
        for (text, bit) in [(GAZ_PERS, GAZ_P), (GAZ_LOC, GAZ_L), (GAZ_ORG, GAZ_O)] {
            for line in text.lines() {
                let n = normalize(line.trim());
                // Section marks ("====") and empty lines carry no name.
                if !n.chars().any(char::is_alphabetic) {
                    continue;
                }
                let parts: Vec<u64> = n
                    .split_whitespace()
                    .map(|w| hash_bytes(w.as_bytes()))
                    .collect();
                if let [one] = parts[..] {
                    *words.entry(one).or_default() |= bit;
                } else {
                    phrases.entry(parts[0]).or_default().push((parts, bit));
                }
            }
        }
        let mut cues: HashedMap<u8> = HashedMap::default();
        for (list, bit) in [
            (MILITARY_RANKS, CUE_TITLE),
            (TITLES, CUE_TITLE),
            (ORG_HEADS, CUE_ORG),
            (KIN, CUE_KIN),
            (SPEECH, CUE_SPEECH),
            (PLACE_HEADS, CUE_PLACE),
            (TIME_WORDS, CUE_TIME),
            (GROUP_NOUNS, CUE_GROUP),
        ] {
            for w in list {
                *cues.entry(hash_bytes(normalize(w).as_bytes())).or_default() |= bit;
            }
        }
        Lexicons {
            words,
            phrases,
            cues,
        }
    }
}

/// Whether a normalised word is a name of the person gazetteer, as it stands.
pub(crate) fn is_known_person(norm: &str) -> bool {
    LEXICONS
        .words
        .get(&hash_bytes(norm.as_bytes()))
        .is_some_and(|b| b & GAZ_P != 0)
}

/// Whether a normalised word is a name of the place gazetteer, as it stands.
pub(crate) fn is_known_place(norm: &str) -> bool {
    LEXICONS
        .words
        .get(&hash_bytes(norm.as_bytes()))
        .is_some_and(|b| b & GAZ_L != 0)
}

/// Whether a normalised word, as it stands, opens organisation names ("حزب").
pub(crate) fn is_org_head(norm: &str) -> bool {
    LEXICONS
        .cues
        .get(&hash_bytes(norm.as_bytes()))
        .is_some_and(|b| b & CUE_ORG != 0)
}

/// The cue bits of a normalised word, by any of its clitic forms.
pub(crate) fn cue_bits(norm: &str) -> u8 {
    let cues = &LEXICONS.cues;
    clitic_forms(norm)
        .iter()
        .filter_map(|c| cues.get(&hash_bytes(c.as_bytes())))
        .fold(0, |a, b| a | b)
}

/// 64-bit mixing (splitmix64 finaliser).
#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over bytes, then mixed.
#[inline]
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// A feature id from a template number and a value hash; never 0.
#[inline]
fn feat(template: u64, value: u64) -> u64 {
    mix(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1
}

/// Clitic-stripped forms kept per token (the word itself excluded).
const MAX_CANDS: usize = 7;

/// What the templates need to know about one word: a function of the word
/// alone, so taggers may cache it per word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordInfo {
    /// Hash of the normalised word.
    pub(crate) word: u64,
    stem: u64,
    /// Hashes of the clitic-stripped forms other than the word itself.
    cands: [u64; MAX_CANDS],
    ncands: u8,
    shape: u64,
    gaz: u8,
    cue: u8,
}

/// Sentinels for positions before the start and after the end.
const BOS: u64 = 0x5151;
const EOS: u64 = 0xe0e0;

/// Offsets of the neighbours whose words are features.
pub(crate) const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// The shape of a word: script, length class, article.
fn shape(norm: &str) -> u64 {
    let Some(first) = norm.chars().next() else {
        return 0;
    };
    let script = if first.is_ascii_digit() {
        1
    } else if first.is_ascii_alphabetic() {
        2
    } else if ('\u{0600}'..='\u{06ff}').contains(&first) {
        3
    } else if first.is_alphabetic() {
        4
    } else {
        5
    };
    let len = norm.chars().take(8).count() as u64;
    let article = u64::from(norm.starts_with("ال"));
    script | (len << 4) | (article << 8)
}

/// The information of one normalised word.
pub(crate) fn word_info(w: &str) -> WordInfo {
    word_info_hashed(w, hash_bytes(w.as_bytes()))
}

/// [`word_info`] when the word's hash is known.
pub(crate) fn word_info_hashed(w: &str, word: u64) -> WordInfo {
    let lex = &*LEXICONS;
    let mut info = WordInfo {
        word,
        stem: word,
        cands: [0; MAX_CANDS],
        ncands: 0,
        shape: shape(w),
        gaz: 0,
        cue: 0,
    };
    for (k, c) in clitic_forms(w).iter().enumerate() {
        let h = if k == 0 {
            word
        } else {
            hash_bytes(c.as_bytes())
        };
        if let Some(&b) = lex.words.get(&h) {
            info.gaz |= b;
        }
        // Group nouns only filter mentions: the model was tuned without them.
        if let Some(&b) = lex.cues.get(&h) {
            info.cue |= b & !CUE_GROUP;
        }
        if k > 0 && usize::from(info.ncands) < MAX_CANDS {
            info.cands[usize::from(info.ncands)] = h;
            info.ncands += 1;
        }
        info.stem = h;
    }
    info
}

/// For each token, its place inside multi-word gazetteer entries (the first
/// word may carry a clitic): bits 0-2 begin an entry, bits 3-5 continue one.
pub(crate) fn phrase_bits(infos: &[WordInfo]) -> Vec<u8> {
    let mut out = vec![0u8; infos.len()];
    phrase_bits_into(
        infos.len(),
        |i| infos[i].word,
        |i| Some(&infos[i]),
        &mut out,
    );
    out
}

/// Whether one of the word's forms opens a multi-word gazetteer entry: only
/// such words need looking at in [`phrase_bits_into`].
pub(crate) fn opens_phrase(t: &WordInfo) -> bool {
    let lex = &*LEXICONS;
    std::iter::once(t.word)
        .chain(t.cands[..usize::from(t.ncands)].iter().copied())
        .any(|h| lex.phrases.contains_key(&h))
}

/// [`phrase_bits`] over `n` tokens whose word hashes are `word(i)`, into
/// `out` (zeroed by the caller). `opener(i)` gives the information of token
/// `i` if it may open an entry; it must do so wherever [`opens_phrase`]
/// holds, and tokens it gives none for are not looked up.
pub(crate) fn phrase_bits_into<'a>(
    n: usize,
    word: impl Fn(usize) -> u64,
    opener: impl Fn(usize) -> Option<&'a WordInfo>,
    out: &mut [u8],
) {
    let lex = &*LEXICONS;
    if lex.phrases.is_empty() {
        return;
    }
    for i in 0..n {
        let Some(t) = opener(i) else {
            continue;
        };
        let forms = std::iter::once(t.word).chain(t.cands[..usize::from(t.ncands)].iter().copied());
        for h in forms {
            let Some(list) = lex.phrases.get(&h) else {
                continue;
            };
            for (parts, bit) in list {
                let len = parts.len();
                if i + len <= n && (1..len).all(|k| word(i + k) == parts[k]) {
                    out[i] |= bit;
                    for p in &mut out[i + 1..i + len] {
                        *p |= bit << 3;
                    }
                }
            }
        }
    }
}

/// Longest word whose letter trigrams are features (longer words: their start).
const MAX_TRIGRAM_CHARS: usize = 24;

/// Features of the word at the position being tagged, from the word alone.
pub(crate) fn local_features(w: &str, t: &WordInfo, fs: &mut Vec<u64>) {
    let wb = w.as_bytes();
    fs.push(feat(0, 0));
    fs.push(feat(1, t.word));
    fs.push(feat(2, t.stem));
    for &c in &t.cands[..usize::from(t.ncands)] {
        fs.push(feat(3, c));
    }
    // Byte offsets of the word's chars, on the stack.
    let mut offs = [0usize; MAX_TRIGRAM_CHARS];
    let mut n = 0;
    for (b, _) in w.char_indices().take(MAX_TRIGRAM_CHARS) {
        offs[n] = b;
        n += 1;
    }
    let off = |k: usize| if k < n { offs[k] } else { wb.len() };
    // Prefixes and suffixes of one to four letters.
    let mut from_end = w.char_indices().rev();
    for k in 1..=4 {
        let Some((b, _)) = from_end.next() else { break };
        fs.push(feat(10 + k as u64, hash_bytes(&wb[..off(k)])));
        fs.push(feat(20 + k as u64, hash_bytes(&wb[b..])));
    }
    // Letter trigrams inside the word: transliterated foreign names share
    // them ("ينكو", "يتش", "وف").
    if n >= 4 {
        for k in 0..n - 2 {
            fs.push(feat(80, hash_bytes(&wb[offs[k]..off(k + 3)])));
        }
    }
    fs.push(feat(4, t.shape));
    fs.push(feat(5, u64::from(t.gaz)));
    fs.push(feat(6, u64::from(t.cue)));
}

/// Features a word gives the position `OFFSETS[k]` away from it.
pub(crate) fn neighbour_features(o: &WordInfo, k: usize, fs: &mut Vec<u64>) {
    let tpl = 30 + k as u64;
    fs.push(feat(tpl, o.word));
    fs.push(feat(tpl + 10, o.stem));
    fs.push(feat(tpl + 20, u64::from(o.gaz)));
    fs.push(feat(tpl + 30, u64::from(o.cue)));
}

/// Ids of the features of [`context_features`], one function per template:
/// the tagger enumerates the small-valued ones into tables
/// ([`super::model`]), so both must compute the same ids.
pub(crate) mod ctx {
    use super::{BOS, EOS, OFFSETS, feat, mix};

    /// The token's place in multi-word gazetteer entries ([`super::phrase_bits`]).
    #[inline]
    pub(crate) fn phrase(bits: u8) -> u64 {
        feat(7, u64::from(bits))
    }
    /// No neighbour at `OFFSETS[k]`: the sentence edge.
    #[inline]
    pub(crate) fn edge(k: usize) -> u64 {
        feat(30 + k as u64, if OFFSETS[k] < 0 { BOS } else { EOS })
    }
    /// The word before (or the start) with this word.
    #[inline]
    pub(crate) fn prev_word(prev: u64, word: u64) -> u64 {
        feat(70, mix(prev) ^ word)
    }
    /// This word with the word after (or the end).
    #[inline]
    pub(crate) fn next_word(word: u64, next: u64) -> u64 {
        feat(71, mix(word) ^ next)
    }
    /// The words on both sides.
    #[inline]
    pub(crate) fn around(prev: u64, next: u64) -> u64 {
        feat(72, mix(prev) ^ next)
    }
    /// Shape of the word before (0 at the start) with this word's.
    #[inline]
    pub(crate) fn shapes(prev_shape: u64, shape: u64) -> u64 {
        feat(73, mix(prev_shape) ^ shape)
    }
    /// Cue of the word before with this word's gazetteer bits.
    #[inline]
    pub(crate) fn cue_gaz(prev_cue: u8, gaz: u8) -> u64 {
        feat(74, (u64::from(prev_cue) << 8) | u64::from(gaz))
    }
    /// Cue of the word before with this word's shape.
    #[inline]
    pub(crate) fn cue_shape(prev_cue: u8, shape: u64) -> u64 {
        feat(75, mix(u64::from(prev_cue)) ^ shape)
    }
    /// Cues of the two words before.
    #[inline]
    pub(crate) fn cues(prev2_cue: u8, prev_cue: u8) -> u64 {
        feat(76, (u64::from(prev2_cue) << 8) | u64::from(prev_cue))
    }
    /// Cue of the word before with this word's stem.
    #[inline]
    pub(crate) fn cue_stem(prev_cue: u8, stem: u64) -> u64 {
        feat(77, mix(u64::from(prev_cue)) ^ stem)
    }
}

/// Word hashes standing for the missing neighbours of the first and last
/// positions.
pub(crate) const BOS_WORD: u64 = BOS;
/// See [`BOS_WORD`].
pub(crate) const EOS_WORD: u64 = EOS;

/// Number of shape classes: [`shape_index`] is below it.
pub(crate) const NSHAPES: usize = 6 * 9 * 2;

/// A dense index of a [`shape`] value (script 0-5, length 0-8, article).
#[inline]
pub(crate) fn shape_index(shape: u64) -> usize {
    (shape & 15) as usize + 6 * ((shape >> 4) & 15) as usize + 54 * (shape >> 8) as usize
}

/// Every [`shape`] value, in [`shape_index`] order.
pub(crate) fn shape_values() -> impl Iterator<Item = u64> {
    (0..2u64)
        .flat_map(|a| (0..9u64).flat_map(move |l| (0..6u64).map(move |s| s | (l << 4) | (a << 8))))
}

/// Number of cue values a [`WordInfo`] holds (the group bit left out).
pub(crate) const NCUES: usize = 64;

impl WordInfo {
    /// The word's shape value.
    pub(crate) fn shape(&self) -> u64 {
        self.shape
    }
    /// The word's gazetteer bits (below 8).
    pub(crate) fn gaz(&self) -> u8 {
        self.gaz
    }
    /// The word's cue bits (below [`NCUES`]).
    pub(crate) fn cue(&self) -> u8 {
        self.cue
    }
    /// The word's stem hash.
    pub(crate) fn stem(&self) -> u64 {
        self.stem
    }
}

/// Features of position `i` that join several tokens or the sentence edges.
pub(crate) fn context_features(infos: &[WordInfo], phrase: &[u8], i: usize, fs: &mut Vec<u64>) {
    let at = |d: isize| -> Option<&WordInfo> {
        let j = i as isize + d;
        if j < 0 { None } else { infos.get(j as usize) }
    };
    let t = &infos[i];
    fs.push(ctx::phrase(phrase[i]));
    for (k, &d) in OFFSETS.iter().enumerate() {
        if at(d).is_none() {
            fs.push(ctx::edge(k));
        }
    }
    let prev = at(-1).map_or(BOS, |o| o.word);
    let next = at(1).map_or(EOS, |o| o.word);
    fs.push(ctx::prev_word(prev, t.word));
    fs.push(ctx::next_word(t.word, next));
    fs.push(ctx::around(prev, next));
    let prev_shape = at(-1).map_or(0, |o| o.shape);
    fs.push(ctx::shapes(prev_shape, t.shape));
    // Cue of the word before with this word's gazetteer and shape.
    let prev_cue = at(-1).map_or(0, |o| o.cue);
    fs.push(ctx::cue_gaz(prev_cue, t.gaz));
    fs.push(ctx::cue_shape(prev_cue, t.shape));
    let prev2_cue = at(-2).map_or(0, |o| o.cue);
    fs.push(ctx::cues(prev2_cue, prev_cue));
    fs.push(ctx::cue_stem(prev_cue, t.stem));
}

/// Calls `emit(i, features)` with the hashed features of every position `i`
/// of a sentence of normalised words, reusing one buffer.
pub(crate) fn for_each_position(words: &[&str], mut emit: impl FnMut(usize, &[u64])) {
    let infos: Vec<WordInfo> = words.iter().map(|w| word_info(w)).collect();
    let phrase = phrase_bits(&infos);
    let mut fs: Vec<u64> = Vec::with_capacity(96);
    for i in 0..infos.len() {
        fs.clear();
        local_features(words[i], &infos[i], &mut fs);
        for (k, &d) in OFFSETS.iter().enumerate() {
            // The neighbour at offset d of position i is token i + d.
            let n = i as isize + d;
            if n >= 0 && (n as usize) < infos.len() {
                neighbour_features(&infos[n as usize], k, &mut fs);
            }
        }
        context_features(&infos, &phrase, i, &mut fs);
        emit(i, &fs);
    }
}

/// Hashed features of every position of a sentence of normalised words:
/// `out[i]` lists position `i`'s feature ids.
pub(crate) fn sentence_features(words: &[&str], out: &mut Vec<Vec<u64>>) {
    out.resize_with(words.len(), Vec::new);
    out.truncate(words.len());
    for_each_position(words, |i, fs| {
        out[i].clear();
        out[i].extend_from_slice(fs);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_deterministic_and_nonzero() {
        let words = ["وقال", "الشيخ", "ابو", "محمد", "الجولاني", "."];
        let mut a = Vec::new();
        let mut b = Vec::new();
        sentence_features(&words, &mut a);
        sentence_features(&words, &mut b);
        assert_eq!(a, b);
        assert_eq!(a.len(), words.len());
        assert!(a.iter().flatten().all(|&f| f != 0));
    }

    #[test]
    fn cue_classes() {
        // word → cue bits
        let cases: &[(&str, u8)] = &[
            ("العقيد", CUE_TITLE),
            ("والعقيد", CUE_TITLE),
            ("حزب", CUE_ORG),
            ("ابو", CUE_KIN),
            ("وقال", CUE_SPEECH),
            ("الكتاب", 0),
            ("بريف", CUE_PLACE),
            ("الخميس", CUE_TIME),
            ("ناشطون", CUE_GROUP),
        ];
        for &(w, bits) in cases {
            assert_eq!(word_info(w).cue, bits & !CUE_GROUP, "{w}");
            assert_eq!(cue_bits(w), bits, "{w}");
        }
    }

    #[test]
    fn gazetteer_phrases() {
        // A two-word organisation of ANERgazet marks both words.
        let infos: Vec<WordInfo> = ["قال", "الشرق", "الاوسط"]
            .iter()
            .map(|w| word_info(w))
            .collect();
        let phrase = phrase_bits(&infos);
        assert_eq!(phrase[1] & GAZ_O, GAZ_O);
        assert_eq!(phrase[2] & (GAZ_O << 3), GAZ_O << 3);
        assert_eq!(phrase[0], 0);
    }
}
