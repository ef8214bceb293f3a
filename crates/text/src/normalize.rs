//! Normalisation of Arabic text for matching and scoring (lossy, never for display).
//!
//! Owns the character folds (diacritics, tatweel, alef/hamza seats, ى/ي, ة/ه,
//! Persian shapes, digits, hashtags, typographic quotes) and the offset map
//! from a normalised string back to the original. It never rewrites a body:
//! callers match on [`Normalized::text`] and report spans in the original.

use unicode_normalization::UnicodeNormalization;

/// Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks).
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// `c.is_alphabetic()`, answered from a table for ASCII and the Arabic block
/// (U+0600–U+06FF), where nearly every char of a body lies: the general
/// Unicode lookup was the largest single cost of every reader.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    static ARABIC: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
        std::array::from_fn(|i| char::from_u32(0x0600 + i as u32).is_some_and(char::is_alphabetic))
    });
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x0600..=0x06FF => ARABIC[c as usize - 0x0600],
        _ => c.is_alphabetic(),
    }
}

/// Folds one letter to its matching form: alef/hamza seats, ى → ي, ة → ه,
/// Persian/Urdu shapes, Arabic-Indic and Persian digits.
pub fn fold_char(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

/// The normalisation `../shared/spec/gold.md` scores with: NFC, diacritics and
/// tatweel removed, أ إ آ ٱ → ا, ى → ي, ة → ه, Arabic-Indic digits → 0-9,
/// runs of white space and `#`/`_` → one space, trimmed.
pub fn fold_for_scoring(s: &str) -> String {
    // Nearly all text is NFC already; the quick check skips recomposition.
    if nfc_quick_says_yes(s) {
        fold_scoring_chars(s.chars())
    } else {
        fold_scoring_chars(s.nfc())
    }
}

/// `unicode_normalization::is_nfc_quick(s.chars()) == IsNormalized::Yes`,
/// the same check (UAX #15's NFC quick check) with the combining class and
/// the quick-check value of every char below U+3000 read from a table: the
/// library's per-char lookups were most of the cost of folding a line.
fn nfc_quick_says_yes(s: &str) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    /// (combining class, quick check says yes) of one char.
    fn props(c: char) -> (u8, bool) {
        (
            canonical_combining_class(c),
            is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes,
        )
    }
    const TABLE_END: usize = 0x3000;
    static PROPS: std::sync::LazyLock<Vec<(u8, bool)>> = std::sync::LazyLock::new(|| {
        (0..TABLE_END)
            .map(|i| char::from_u32(i as u32).map_or((0, false), props))
            .collect()
    });
    let table = &*PROPS;
    let mut last_cc = 0u8;
    for c in s.chars() {
        if c.is_ascii() {
            last_cc = 0;
            continue;
        }
        let (cc, yes) = match table.get(c as usize) {
            Some(&p) => p,
            None => props(c),
        };
        // A mark out of canonical order, or a char that is not NFC (or may
        // compose with the one before it).
        if (last_cc > cc && cc != 0) || !yes {
            return false;
        }
        last_cc = cc;
    }
    true
}

fn fold_scoring_chars(chars: impl Iterator<Item = char>) -> String {
    let (lower, _) = chars.size_hint();
    let mut out = String::with_capacity(lower * 2);
    let mut pending_space = false;
    for c in chars {
        if is_diacritic(c) || c == '\u{0640}' {
            continue;
        }
        if c.is_whitespace() || c == '#' || c == '_' {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(fold_char(c));
    }
    out
}

/// Zero-width and directional marks that carry nothing for matching.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

/// Arabic presentation forms (ligatures, contextual shapes) that NFKC maps back
/// to base letters.
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// What [`fold_for_matching_slow`] gives for each char of the Arabic block
/// (U+0600–U+06FF), where nearly every char of a body lies: `DROP` for
/// nothing, else the one char it folds to (every char of the block folds to
/// at most one).
static ARABIC_FOLD: std::sync::LazyLock<[char; 256]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| {
        let c = char::from_u32(0x0600 + i as u32).unwrap_or(DROP);
        let mut got: Vec<char> = Vec::new();
        fold_for_matching_slow(c, &mut |f| got.push(f));
        assert!(got.len() <= 1, "{c:?} folds to {got:?}");
        got.first().copied().unwrap_or(DROP)
    })
});

/// Marks "folds to nothing" in [`ARABIC_FOLD`] (a char no fold produces).
const DROP: char = '\u{0}';

/// Folds one character for matching, pushing zero or more characters.
///
/// Whitespace, `#` and `_` come out as `' '` (callers collapse runs).
#[inline]
fn fold_for_matching(c: char, out: &mut impl FnMut(char)) {
    match c as u32 {
        0x0600..=0x06FF => {
            let f = ARABIC_FOLD[c as usize - 0x0600];
            if f != DROP {
                out(f);
            }
        }
        // Letters and digits of ASCII fold to themselves, lower-cased.
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => out(c.to_ascii_lowercase()),
        _ => fold_for_matching_slow(c, out),
    }
}

/// [`fold_for_matching`] for any char: the rules themselves.
fn fold_for_matching_slow(c: char, out: &mut impl FnMut(char)) {
    if is_diacritic(c) || c == '\u{0640}' || is_invisible(c) {
        return;
    }
    if is_presentation_form(c) {
        for d in c.to_string().nfkc() {
            if d != c {
                fold_for_matching_slow(d, out);
            }
        }
        return;
    }
    let f = match c {
        '#' | '_' => ' ',
        c if c.is_whitespace() => ' ',
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '〝' | '〞' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '٫' => '.',
        '٬' => ',',
        'ھ' | 'ە' => 'ه',
        'ڪ' => 'ك',
        'ۀ' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        c => fold_char(c).to_ascii_lowercase(),
    };
    out(f);
}

/// Normalises `s` for matching: [`fold_for_scoring`]'s folds plus ؤ → و,
/// ئ → ي, Persian shapes, presentation forms, typographic quotes → `"`/`'`,
/// zero-width marks dropped, ASCII lowercased, and white space, `#` and `_`
/// collapsed to one space (not trimmed, so offsets stay simple).
///
/// Idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s.chars(), &mut out);
    out
}

/// Appends the normalisation of `chars` to `out` (no offset map: the fast path).
pub(crate) fn normalize_into(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        fold_for_matching(c, &mut |f| {
            if f == ' ' && out.ends_with(' ') {
                return;
            }
            out.push(f);
        });
    }
}

/// A normalised string with a map from each of its characters back to the
/// code point it came from in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text (see [`normalize`]).
    pub text: String,
    /// For each char of `text`, the code-point offset of its source in the original.
    origin: Vec<usize>,
    /// Length of the original in code points.
    original_len: usize,
}

impl Normalized {
    /// Normalises `s` and records where each normalised char came from.
    pub fn new(s: &str) -> Normalized {
        let mut text = String::with_capacity(s.len());
        let mut origin = Vec::with_capacity(s.len() / 2);
        let mut n = 0;
        for (i, c) in s.chars().enumerate() {
            n = i + 1;
            fold_for_matching(c, &mut |f| {
                if f == ' ' && text.ends_with(' ') {
                    return;
                }
                text.push(f);
                origin.push(i);
            });
        }
        Normalized {
            text,
            origin,
            original_len: n,
        }
    }

    /// Number of chars (code points) in the normalised text.
    pub fn len(&self) -> usize {
        self.origin.len()
    }

    /// True when the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// Maps a span of the normalised text (code points, end exclusive) to the
    /// span of the original it covers. Marks dropped after the last char
    /// (diacritics, tatweel) are included, so a matched word keeps them.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.origin.get(start).copied().unwrap_or(self.original_len);
        let e = if end >= self.origin.len() {
            self.original_len
        } else {
            self.origin[end]
        };
        // Trailing white space of the original is not part of the span.
        (s, e.max(s))
    }

    /// The original code-point offset of normalised char `i`.
    pub fn origin_of(&self, i: usize) -> Option<usize> {
        self.origin.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_quick_check_agrees_with_the_library() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let samples = [
            "قُتِلَ ثلاثةٌ",
            "مقتلً",
            "\u{0627}\u{0653}",
            "e\u{0301}",
            "é",
            "\u{0651}\u{064E}",
            "\u{064E}\u{0651}",
            "“نص” — 12",
            "\u{FEFB}",
            "\u{2126}",
            "\u{1E0A}\u{0323}",
            "",
        ];
        for s in samples {
            assert_eq!(
                nfc_quick_says_yes(s),
                is_nfc_quick(s.chars()) == IsNormalized::Yes,
                "{s:?}"
            );
        }
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("\u{0651}{c}"),
                format!("{c}\u{064B}"),
            ] {
                let want = is_nfc_quick(s.chars()) == IsNormalized::Yes;
                assert_eq!(nfc_quick_says_yes(&s), want, "{s:?}");
            }
        }
    }

    #[test]
    fn fast_fold_agrees_with_the_rules() {
        let chars = (0..0x0800u32)
            .chain(0xFB50..0xFF00)
            .filter_map(char::from_u32);
        for c in chars {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            fold_for_matching(c, &mut |f| fast.push(f));
            fold_for_matching_slow(c, &mut |f| slow.push(f));
            assert_eq!(fast, slow, "{c:?}");
        }
    }

    #[test]
    fn fast_is_alphabetic_agrees_with_std() {
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{u:04X}");
            }
        }
    }
    use proptest::prelude::*;

    #[test]
    fn matching_fold() {
        let cases = [
            ("بالرَّقَّة", "بالرقه"),
            ("#الجيش_العراقي", " الجيش العراقي"),
            ("«داعش»", "\"داعش\""),
            ("‘قسد’", "'قسد'"),
            ("مؤسسة", "موسسه"),
            ("هيئة", "هييه"),
            ("کرکوک", "كركوك"),
            ("ی", "ي"),
            ("۱۲۳ و١٢٣", "123 و123"),
            ("٢٫٥", "2.5"),
            ("ISIS  Raqqa", "isis raqqa"),
            ("\u{FEFB}", "لا"),
            ("قـــتـــل", "قتل"),
            ("a\u{200F}b", "ab"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input}");
        }
    }

    #[test]
    fn offsets_map_back() {
        let s = "قُتِلَ  جنديٌّ في #الرقة";
        let n = Normalized::new(s);
        let at = n.text.find("الرقه").unwrap();
        let start = n.text[..at].chars().count();
        let (a, b) = n.original_span(start, start + 5);
        let got: String = s.chars().skip(a).take(b - a).collect();
        assert_eq!(got, "الرقة");
        let at = n.text.find("جندي").unwrap();
        let start = n.text[..at].chars().count();
        let (a, b) = n.original_span(start, start + 4);
        let got: String = s.chars().skip(a).take(b - a).collect();
        assert_eq!(got, "جنديٌّ");
    }

    proptest! {
        #[test]
        fn normalisation_is_idempotent(s in "[ \\u{0600}-\\u{06FF}a-zA-Z0-9#_«»“”\\u{FE70}-\\u{FEFC}\\u{200F}]{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            let n = Normalized::new(&s);
            prop_assert_eq!(n.len(), once.chars().count());
        }

        #[test]
        fn scoring_fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold_for_scoring(&s);
            prop_assert_eq!(fold_for_scoring(&once), once);
        }
    }

    #[test]
    fn scoring_fold_follows_gold_md() {
        let cases = [
            ("دَاعِش", "داعش"),
            ("#الجيش_العراقي", "الجيش العراقي"),
            ("إصابة  أربعة\n\tآخرين", "اصابه اربعه اخرين"),
            ("مستشفى الرمادى", "مستشفي الرمادي"),
            ("١٣ مارس ٢٠٢٠", "13 مارس 2020"),
            ("قتـــلى", "قتلي"),
            ("  ٱلله ", "الله"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_for_scoring(input), want, "{input}");
        }
    }
}
