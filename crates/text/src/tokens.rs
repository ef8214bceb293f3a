//! Tokens with code-point spans, and clitic-aware matching forms.
//!
//! Owns word/number/punctuation segmentation and the stripping of Arabic
//! proclitics (و ف ب ك ل ال لل) and pronoun suffixes into candidate stems.
//! Spans always point into the original text; a token's normal form is
//! exactly [`normalize`](crate::normalize::normalize) of the text its span covers. It does not know any
//! lexicon: callers look the candidates up in theirs.

use std::borrow::Cow;

#[cfg(test)]
use crate::normalize::normalize;
use crate::normalize::{fold_char, is_alphabetic, is_diacritic, normalize_into};

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (with any diacritics and tatweel inside it).
    Word,
    /// Digits, Western or Arabic-Indic, with inner decimal or group marks ("2.5", "١٬٠٠٠").
    Number,
    /// Any other visible character (one per token).
    Punct,
}

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Code-point offset of the token's first char in the original.
    pub start: usize,
    /// Code-point offset after its last char (exclusive).
    pub end: usize,
    /// The token's normalised form: `normalize(&original[start..end])`.
    pub norm: String,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

fn is_digit(c: char) -> bool {
    fold_char(c).is_ascii_digit()
}

fn continues_word(c: char) -> bool {
    (is_alphabetic(c) && !is_digit(c)) || is_diacritic(c) || c == '\u{0640}' || c == '\u{200C}'
}

/// Splits `s` into words, numbers and punctuation, skipping white space,
/// hashtag marks (`#`, `_`), zero-width marks and stray diacritics.
pub fn tokenize(s: &str) -> Vec<Token> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let kind = if is_digit(c) {
            i += 1;
            while i < chars.len() {
                if is_digit(chars[i]) {
                    i += 1;
                } else if matches!(chars[i], '.' | ',' | '٫' | '٬')
                    && chars.get(i + 1).is_some_and(|&d| is_digit(d))
                {
                    i += 2;
                } else {
                    break;
                }
            }
            TokenKind::Number
        } else if is_alphabetic(c) && !is_diacritic(c) && c != '\u{0640}' {
            i += 1;
            while i < chars.len() && continues_word(chars[i]) {
                i += 1;
            }
            TokenKind::Word
        } else {
            i += 1;
            if c.is_whitespace() || c == '#' || c == '_' {
                continue;
            }
            TokenKind::Punct
        };
        // Arabic letters take two bytes each: room for them up front.
        let mut norm = String::with_capacity(2 * (i - start));
        normalize_into(chars[start..i].iter().copied(), &mut norm);
        // Marks with nothing to match (a lone tatweel, a stray harakah, a
        // zero-width mark) and white space inside presentation forms.
        if norm.trim().is_empty() {
            continue;
        }
        out.push(Token {
            start,
            end: i,
            norm,
            kind,
        });
    }
    out
}

impl Token {
    /// The token's clitic-stripped matching forms (see [`clitic_candidates`]).
    pub fn candidates(&self) -> Vec<Cow<'_, str>> {
        clitic_candidates(&self.norm)
    }

    /// [`Token::candidates`] without a `Vec` (see [`clitic_forms`]).
    pub fn forms(&self) -> CliticForms<'_> {
        clitic_forms(&self.norm)
    }
}

/// Pronoun suffixes stripped for matching, longest first.
const SUFFIXES: &[&str] = &["هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه"];

/// The last letters of [`SUFFIXES`]: a word ending otherwise has none.
const SUFFIX_ENDS: [char; 4] = ['ا', 'م', 'ن', 'ه'];

/// Most forms a word has: the word, two bases, two bare forms, two
/// suffix-less forms.
const MAX_FORMS: usize = 7;

/// The candidate matching forms of a word ([`clitic_candidates`]) on the
/// stack: slices of the word, and at most one owned form (the article
/// given back after "لل", the only allocation). Lexicon look-ups run over
/// these for every token, where a `Vec` per token was a visible cost.
pub struct CliticForms<'a> {
    forms: [Cow<'a, str>; MAX_FORMS],
    len: usize,
}

impl CliticForms<'_> {
    /// The forms, most literal first.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.forms[..self.len].iter().map(AsRef::as_ref)
    }

    /// How many forms there are (at least one: the word).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Never: the word itself is always a form.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Where [`fill_forms`] puts the forms it finds: a `Vec`
/// ([`clitic_candidates`]) or [`CliticForms`] ([`clitic_forms`]).
trait FormSink<'a> {
    fn forms(&self) -> &[Cow<'a, str>];
    fn add(&mut self, c: Cow<'a, str>);

    /// Adds a form of at least two letters that is not there yet. Most
    /// repeats are the very same slice of the word (no clitic, no
    /// article): those are told by address and length before any bytes.
    #[inline]
    fn push(&mut self, c: Cow<'a, str>) {
        let same =
            |o: &Cow<'a, str>| std::ptr::eq(o.as_ref(), c.as_ref()) || o.as_ref() == c.as_ref();
        if has_chars(&c, 2) && !self.forms().iter().any(same) {
            self.add(c);
        }
    }
}

impl<'a> FormSink<'a> for Vec<Cow<'a, str>> {
    fn forms(&self) -> &[Cow<'a, str>] {
        self
    }
    fn add(&mut self, c: Cow<'a, str>) {
        Vec::push(self, c);
    }
}

impl<'a> FormSink<'a> for CliticForms<'a> {
    fn forms(&self) -> &[Cow<'a, str>] {
        &self.forms[..self.len]
    }
    fn add(&mut self, c: Cow<'a, str>) {
        self.forms[self.len] = c;
        self.len += 1;
    }
}

/// True when `s` has at least `n` chars; stops counting there (a full
/// `chars().count()` per candidate was a measurable share of every lookup).
pub(crate) fn has_chars(s: &str, n: usize) -> bool {
    // A char takes one to four bytes.
    s.len() >= 4 * n || (s.len() >= n && s.chars().nth(n - 1).is_some())
}

/// Candidate matching forms of one normalised word, most literal first: the
/// word itself, then forms with proclitics removed (و ف, then ب ك ل, then
/// ال; "لل" gives back "ال"), then forms without a pronoun suffix (ه ها هم
/// هما كم نا). "وبالرقه" → وبالرقه, بالرقه, الرقه, رقه; "وللجيش" →
/// وللجيش, للجيش, الجيش, جيش; "لداعش" → لداعش, داعش.
///
/// Every candidate keeps at least two letters; a suffix is only stripped when
/// three remain. The input should be a [`Token::norm`] (already normalised).
/// [`clitic_forms`] gives the same forms without a `Vec`.
pub fn clitic_candidates(word: &str) -> Vec<Cow<'_, str>> {
    let mut out: Vec<Cow<'_, str>> = Vec::with_capacity(MAX_FORMS);
    out.push(Cow::Borrowed(word));
    fill_forms(word, &mut out);
    out
}

/// The forms of [`clitic_candidates`], in the same order, on the stack.
#[inline]
pub fn clitic_forms(word: &str) -> CliticForms<'_> {
    let mut out = CliticForms {
        forms: [const { Cow::Borrowed("") }; MAX_FORMS],
        len: 1,
    };
    out.forms[0] = Cow::Borrowed(word);
    fill_forms(word, &mut out);
    out
}

/// Adds the forms of `word` after the word itself (already in `out`).
#[inline]
fn fill_forms<'a>(word: &'a str, out: &mut impl FormSink<'a>) {
    let conj_rest: &str = word
        .strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .unwrap_or(word);
    // The second base and its bare form: "لل" + rest gives "ال" + rest (the
    // article's alef is dropped in writing after ل), bare: rest itself;
    // ب ك ل before anything else are stripped.
    let (second, second_bare): (Option<Cow<'_, str>>, Option<&str>) =
        if let Some(rest) = conj_rest.strip_prefix("لل") {
            (
                Some(Cow::Owned(format!("ال{rest}"))),
                has_chars(rest, 2).then_some(rest),
            )
        } else if let Some(rest) = conj_rest
            .strip_prefix('ب')
            .or_else(|| conj_rest.strip_prefix('ك'))
            .or_else(|| conj_rest.strip_prefix('ل'))
        {
            (Some(Cow::Borrowed(rest)), Some(bare_of(rest)))
        } else {
            (None, None)
        };
    let first_bare = bare_of(conj_rest);
    out.push(Cow::Borrowed(conj_rest));
    if let Some(c) = second {
        out.push(c);
    }
    out.push(Cow::Borrowed(first_bare));
    if let Some(b) = second_bare {
        out.push(Cow::Borrowed(b));
    }
    // Pronoun suffixes attach to words without the article. Every suffix
    // ends in one of four letters: other words skip the search.
    for b in std::iter::once(first_bare).chain(second_bare) {
        if b.starts_with("ال") || !b.ends_with(SUFFIX_ENDS) {
            continue;
        }
        if let Some(r) = SUFFIXES
            .iter()
            .find_map(|suf| b.strip_suffix(suf).filter(|r| has_chars(r, 3)))
        {
            out.push(Cow::Borrowed(r));
        }
    }
}

/// A base without its article, when two letters remain.
fn bare_of(s: &str) -> &str {
    s.strip_prefix("ال")
        .filter(|r| has_chars(r, 2))
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slice(s: &str, a: usize, b: usize) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn tokens_keep_spans() {
        let s = "قُتِلَ 3 جنود، وأُصيب ٢٫٥ بالمئة في #الرقة_اليوم «بهجوم»";
        let toks = tokenize(s);
        let got: Vec<(String, &str, TokenKind)> = toks
            .iter()
            .map(|t| (slice(s, t.start, t.end), t.norm.as_str(), t.kind))
            .collect();
        use TokenKind::*;
        let want = [
            ("قُتِلَ", "قتل", Word),
            ("3", "3", Number),
            ("جنود", "جنود", Word),
            ("،", "،", Punct),
            ("وأُصيب", "واصيب", Word),
            ("٢٫٥", "2.5", Number),
            ("بالمئة", "بالميه", Word),
            ("في", "في", Word),
            ("الرقة", "الرقه", Word),
            ("اليوم", "اليوم", Word),
            ("«", "\"", Punct),
            ("بهجوم", "بهجوم", Word),
            ("»", "\"", Punct),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1, g.2), w);
        }
    }

    #[test]
    fn numbers_and_words_split() {
        let toks = tokenize("2015م 1,000 12:30");
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["2015", "م", "1,000", "12", ":", "30"]);
    }

    #[test]
    fn clitics_give_stems() {
        let cases: &[(&str, &[&str])] = &[
            ("بالرقه", &["الرقه", "رقه"]),
            ("وبالرقه", &["بالرقه", "الرقه", "رقه"]),
            ("وللجيش", &["للجيش", "الجيش", "جيش"]),
            ("فللجيش", &["الجيش"]),
            ("لداعش", &["داعش"]),
            ("وداعش", &["داعش"]),
            ("كالعاده", &["العاده"]),
            ("قواتهم", &["قوات"]),
            ("عناصرها", &["عناصر"]),
            ("ومقاتليه", &["مقاتليه", "مقاتلي"]),
            ("قيادتنا", &["قيادت"]),
        ];
        for &(word, want) in cases {
            let got = clitic_candidates(word);
            assert_eq!(got[0], word);
            for w in want {
                assert!(got.iter().any(|g| g == w), "{word}: {w} not in {got:?}");
            }
        }
    }

    #[test]
    fn suffixes_end_in_their_letters() {
        assert!(SUFFIXES.iter().all(|s| s.ends_with(SUFFIX_ENDS)));
    }

    #[test]
    fn clitics_keep_two_letters() {
        for word in ["وله", "به", "لل", "ال", "و"] {
            for c in clitic_candidates(word) {
                assert!(c == word || c.chars().count() >= 2, "{word}: {c}");
            }
        }
        // A three-letter word does not lose a final ه.
        assert!(!clitic_candidates("وجه").iter().any(|c| c == "وج"));
    }

    #[test]
    fn shared_types_are_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Token>();
        assert_send_sync::<crate::normalize::Normalized>();
        assert_send_sync::<crate::sentences::SentenceSpan>();
        assert_send_sync::<crate::dates::DateTimeReading>();
        assert_send_sync::<crate::dates::DateMention>();
    }

    #[test]
    fn tokens_match_lexicon_through_clitics() {
        let lexicon = ["الرقه", "الجيش", "داعش"];
        let s = "اشتباكات بالرقة بين وحدات تابعة للجيش ومسلحين ينتمون لداعش";
        let hits: Vec<String> = tokenize(s)
            .iter()
            .filter(|t| t.candidates().iter().any(|c| lexicon.contains(&c.as_ref())))
            .map(|t| slice(s, t.start, t.end))
            .collect();
        assert_eq!(hits, ["بالرقة", "للجيش", "لداعش"]);
    }

    /// The first version of [`clitic_candidates`] (three lists per call),
    /// kept as the reference the faster one must agree with.
    /// Adds a candidate of at least two letters that is not there yet.
    fn old_push<'a>(out: &mut Vec<Cow<'a, str>>, c: Cow<'a, str>) {
        if old_char_len(&c) >= 2 && !out.contains(&c) {
            out.push(c);
        }
    }

    fn old_char_len(s: &str) -> usize {
        s.chars().count()
    }

    /// Candidate matching forms of one normalised word, most literal first: the
    /// word itself, then forms with proclitics removed (و ف, then ب ك ل, then
    /// ال; "لل" gives back "ال"), then forms without a pronoun suffix (ه ها هم
    /// هما كم نا). "وبالرقه" → وبالرقه, بالرقه, الرقه, رقه; "وللجيش" →
    /// وللجيش, للجيش, الجيش, جيش; "لداعش" → لداعش, داعش.
    ///
    /// Every candidate keeps at least two letters; a suffix is only stripped when
    /// three remain. The input should be a [`Token::norm`] (already normalised).
    fn old_candidates(word: &str) -> Vec<Cow<'_, str>> {
        let mut out: Vec<Cow<'_, str>> = vec![Cow::Borrowed(word)];
        let conj_rest: &str = word
            .strip_prefix('و')
            .or_else(|| word.strip_prefix('ف'))
            .unwrap_or(word);
        let mut bases: Vec<Cow<'_, str>> = vec![Cow::Borrowed(conj_rest)];
        if let Some(rest) = conj_rest.strip_prefix("لل") {
            // ل + ال: the article's alef is dropped in writing.
            bases.push(Cow::Owned(format!("ال{rest}")));
        } else if let Some(rest) = conj_rest
            .strip_prefix('ب')
            .or_else(|| conj_rest.strip_prefix('ك'))
            .or_else(|| conj_rest.strip_prefix('ل'))
        {
            bases.push(Cow::Borrowed(rest));
        }
        let mut bare: Vec<Cow<'_, str>> = Vec::new();
        for b in &bases {
            match b {
                Cow::Borrowed(s) => {
                    if let Some(r) = s.strip_prefix("ال").filter(|r| old_char_len(r) >= 2) {
                        bare.push(Cow::Borrowed(r));
                    } else {
                        bare.push(Cow::Borrowed(s));
                    }
                }
                Cow::Owned(s) => {
                    let r = &s["ال".len()..];
                    if old_char_len(r) >= 2 {
                        bare.push(Cow::Owned(r.to_string()));
                    }
                }
            }
        }
        for b in bases {
            old_push(&mut out, b);
        }
        for b in bare.iter().cloned() {
            old_push(&mut out, b);
        }
        // Pronoun suffixes attach to words without the article.
        for b in &bare {
            if b.starts_with("ال") {
                continue;
            }
            let Some(n) = SUFFIXES
                .iter()
                .find_map(|suf| b.strip_suffix(suf).filter(|r| old_char_len(r) >= 3))
                .map(str::len)
            else {
                continue;
            };
            let c = match b {
                Cow::Borrowed(s) => Cow::Borrowed(&s[..n]),
                Cow::Owned(o) => Cow::Owned(o[..n].to_string()),
            };
            old_push(&mut out, c);
        }
        out
    }

    proptest! {
        #[test]
        fn token_spans_slice_to_their_normal_form(s in "[ \\u{0600}-\\u{06FF}a-zA-Z0-9#_.,«»\\u{FEFB}\\u{200F}]{0,60}") {
            let toks = tokenize(&s);
            let mut last = 0;
            for t in &toks {
                prop_assert!(t.start >= last && t.end > t.start);
                last = t.end;
                prop_assert_eq!(normalize(&slice(&s, t.start, t.end)), t.norm.clone());
                prop_assert!(!t.norm.is_empty());
            }
        }

        #[test]
        fn candidates_match_the_reference(s in "(و|ف)?(ب|ك|ل|لل)?(ال)?[\\u{0621}-\\u{064A}a]{0,4}(ه|ها|هم|هما|كم|نا)?") {
            let new: Vec<String> = clitic_candidates(&s).iter().map(|c| c.to_string()).collect();
            let old: Vec<String> = old_candidates(&s).iter().map(|c| c.to_string()).collect();
            prop_assert_eq!(new, old);
        }

        #[test]
        fn candidates_never_panic(s in "[\\u{0621}-\\u{064A}]{0,12}") {
            let c = clitic_candidates(&s);
            prop_assert_eq!(c[0].as_ref(), s.as_str());
        }
    }
}
