//! Arabic number reading: cardinals in digits or words, qualifiers, duals of
//! person nouns, approximate plurals and day-of-month ordinals.
//!
//! Owns the number-word tables and the small grammar that combines them
//! ("مئة وخمسة وعشرون", "ثلاثة آلاف", "ألفي", "١٬٢٠٠", "2.5 مليون"). It reads
//! text only: it knows nothing of counts, events or documents, and it does not
//! touch the normaliser (it calls [`fold_char`] and [`is_diacritic`]).
//!
//! Matching is on whole tokens after folding: diacritics and tatweel dropped,
//! أ/إ/آ → ا, ى → ي, ة → ه, Arabic-Indic and Persian digits → 0-9, so hamza-less
//! spellings ("اربعة", "الف", "مائه") read like the standard ones.
//!
//! Rules worth knowing:
//! * "ألفا", "مليونا", "مليارا" without tanwin and with no number before them
//!   are the dual construct (2,000 …, as in "ألفا مقاتل", and num2words's
//!   "ألفا" for 2,000); written "ألفاً" (tanwin), followed by "و" and a number
//!   ("ألفا وخمسمائة", accusative with the tanwin dropped) or after a number
//!   ("أحد عشر ألفا") they are 1,000 … or multiply by it.
//! * "عشرات", "مئات", "آلاف", "ملايين" with no number before them, "العديد",
//!   "عدد من", "بضعة" are approximate plurals: `value` is `None` and
//!   [`NumberReading::approximate_plural`] is set ("عشرات" is a lower bound,
//!   not a number).
//! * A dual noun ("جنديين", "قتيلان", "رهينتين") reads as 2 only for nouns whose
//!   plural is broken (see [`dual_noun`]); where the sound plural is written
//!   like the dual (مسلحين, مدنيين, مواطنين) the word is never read as 2.
//! * Ordinals are not cardinals: "العالم الثالث" has no number; day-of-month
//!   ordinals are read separately by [`ordinal`].

use std::sync::LazyLock;

use crate::normalize::{fold_char, is_alphabetic, is_diacritic};
use crate::tokens::has_chars;
use crate::wordmap::WordMap;

/// A qualifier that bounds or approximates a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "على الأقل", "ما لا يقل عن": the number is a lower bound, inclusive.
    AtLeast,
    /// "أكثر من", "ما يزيد عن/على", "أزيد من": strictly more.
    MoreThan,
    /// "نحو", "حوالي", "قرابة", "زهاء", "ما يقارب", "ما يناهز", "تقريبا".
    About,
    /// "ما لا يزيد عن/على": an upper bound, inclusive.
    AtMost,
    /// "أقل من": strictly less.
    LessThan,
}

/// One number expression found in a text.
///
/// Offsets are Unicode code points into the text that was read, end exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberReading {
    /// The whole value; `None` for an approximate plural ("عشرات") or a
    /// number with a fractional part (see [`NumberReading::decimal`]).
    pub value: Option<u64>,
    /// The value when it is not whole ("2.5"); `None` otherwise.
    pub decimal: Option<f64>,
    /// Start of the number itself (after a clitic "و"/"ب", before any noun).
    pub start: usize,
    /// End of the number itself (for a dual noun, the end of the noun).
    pub end: usize,
    /// A qualifier next to the number, if any.
    pub qualifier: Option<Qualifier>,
    /// Where the qualifier is (code points, end exclusive); set with `qualifier`.
    pub qualifier_span: Option<(usize, usize)>,
    /// The number is a dual noun ("جنديين" → 2); `dual_of` names its singular.
    pub dual: bool,
    /// Singular of the dual noun when `dual` is set ("جندي").
    pub dual_of: Option<&'static str>,
    /// An approximate plural ("عشرات", "مئات الآلاف", "العديد", "عدد من"):
    /// `value` is `None`.
    pub approximate_plural: bool,
    /// Written in digits (possibly with a scale word: "12 ألف").
    pub digits: bool,
    /// A percentage ("50%", "٥٠٪", "عشرين بالمئة", "30 في المائة"): not a
    /// count of anything; `end` stays at the end of the number.
    pub percent: bool,
}

/// What a word means to the number grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// صفر.
    Zero,
    /// 1-9 (ثلاث/ثلاثة …); 3-9 may start a teen ("ثلاثة عشر").
    Unit(u64),
    /// أحد/إحدى/اثنا/اثني …: only as the first half of a teen.
    TeenHead(u64),
    /// عشر/عشرة: 10, or the second half of a teen.
    Ten,
    /// عشرون … تسعون.
    Tens(u64),
    /// A full hundred ("مئتان" 200, "ثلاثمائة" 300).
    Hundreds(u64),
    /// مئة/مائة: 100, or ×100 after a unit 3-9 ("ثلاث مئة").
    Hundred,
    /// A scale word: value, and whether it is a dual (standalone = 2×) or a
    /// plural (needs a number before it), or the ambiguous -ا form.
    Scale(u64, ScaleForm),
}

/// Grammatical form of a scale word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScaleForm {
    /// ألف, مليون: 1× alone, × after a number.
    Single,
    /// ألفان, ألفين, ألفي: 2× alone; never after a number.
    Dual,
    /// ألفا, مليونا: 2× alone without tanwin, × after a number or with tanwin.
    DualOrAccusative,
    /// آلاف, ملايين: × after a number; alone an approximate plural.
    Plural,
}

/// Folded form of an Arabic word: diacritics and tatweel dropped, letters
/// folded with [`fold_char`].
fn fold_word(w: &str) -> String {
    w.chars()
        .filter(|&c| !is_diacritic(c) && c != '\u{0640}')
        .map(fold_char)
        .collect()
}

static WORDS: LazyLock<WordMap<&'static str, Word>> = LazyLock::new(|| {
    use ScaleForm::*;
    use Word::*;
    let mut m = WordMap::default();
    let units: [(&[&str], u64); 9] = [
        (&["واحد", "واحده"], 1),
        (&["اثنان", "اثنين", "اثنتان", "اثنتين"], 2),
        (&["ثلاث", "ثلاثه"], 3),
        (&["اربع", "اربعه"], 4),
        (&["خمس", "خمسه"], 5),
        (&["ست", "سته"], 6),
        (&["سبع", "سبعه"], 7),
        (&["ثمان", "ثماني", "ثمانيه"], 8),
        (&["تسع", "تسعه"], 9),
    ];
    for (forms, v) in units {
        for f in forms {
            m.insert(*f, Unit(v));
        }
    }
    for f in ["احد", "احدي"] {
        m.insert(f, TeenHead(1));
    }
    for f in ["اثنا", "اثني", "اثنتا", "اثنتي"] {
        m.insert(f, TeenHead(2));
    }
    m.insert("عشر", Ten);
    m.insert("عشره", Ten);
    m.insert("صفر", Zero);
    let tens = [
        ("عشر", 20),
        ("ثلاث", 30),
        ("اربع", 40),
        ("خمس", 50),
        ("ست", 60),
        ("سبع", 70),
        ("ثمان", 80),
        ("تسع", 90),
    ];
    for (stem, v) in tens {
        let on: &'static str = Box::leak(format!("{stem}ون").into_boxed_str());
        let een: &'static str = Box::leak(format!("{stem}ين").into_boxed_str());
        m.insert(on, Tens(v));
        m.insert(een, Tens(v));
    }
    for f in ["مئه", "مائه"] {
        m.insert(f, Hundred);
    }
    for f in [
        "مئتان",
        "مئتين",
        "مئتا",
        "مئتي",
        "مائتان",
        "مائتين",
        "مائتا",
        "مائتي",
    ] {
        m.insert(f, Hundreds(200));
    }
    let hundred_heads: [(&[&str], u64); 7] = [
        (&["ثلاث", "ثلاثه"], 3),
        (&["اربع", "اربعه"], 4),
        (&["خمس", "خمسه"], 5),
        (&["ست", "سته"], 6),
        (&["سبع", "سبعه"], 7),
        (&["ثمان", "ثماني"], 8),
        (&["تسع", "تسعه"], 9),
    ];
    for (heads, v) in hundred_heads {
        for h in heads {
            for tail in ["مئه", "مائه"] {
                let f: &'static str = Box::leak(format!("{h}{tail}").into_boxed_str());
                m.insert(f, Hundreds(v * 100));
            }
        }
    }
    // (value, single, dual, dual-or-accusative, plural forms)
    type ScaleForms = (
        u64,
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
    );
    let scales: [ScaleForms; 3] = [
        (
            1_000,
            &["الف"],
            &["الفان", "الفين", "الفي"],
            &["الفا"],
            &["الاف"],
        ),
        (
            1_000_000,
            &["مليون"],
            &["مليونان", "مليونين", "مليوني"],
            &["مليونا"],
            &["ملايين"],
        ),
        (
            1_000_000_000,
            &["مليار", "بليون"],
            &["ملياران", "مليارين", "ملياري", "بليونان", "بليونين"],
            &["مليارا", "بليونا"],
            &["مليارات", "بلايين"],
        ),
    ];
    for (v, single, dual, dual_acc, plural) in scales {
        for f in single {
            m.insert(*f, Scale(v, Single));
        }
        for f in dual {
            m.insert(*f, Scale(v, Dual));
        }
        for f in dual_acc {
            m.insert(*f, Scale(v, DualOrAccusative));
        }
        for f in plural {
            m.insert(*f, Scale(v, Plural));
        }
    }
    // Text folded by the normaliser has ئ → ي ("ميه", "ثلاثمية", "مايتين"):
    // accept those spellings too, except ميت… (ميتين is also "dead people").
    let folded: Vec<(&'static str, Word)> = m
        .iter()
        .filter(|(k, _)| k.contains('ئ'))
        .map(|(k, w)| (*k, *w))
        .collect();
    for (k, w) in folded {
        let y = k.replace('ئ', "ي");
        if !y.starts_with("ميت") {
            m.insert(Box::leak(y.into_boxed_str()), w);
        }
    }
    m
});

/// Singulars of person nouns (and "جثة") whose dual reads as 2. Only nouns
/// with a broken plural are listed, so that X+ين is never a sound plural:
/// مسلح (مسلحين), مقاتل, مدني, مواطن, عسكري, إرهابي, انتحاري, صحفي, مسؤول,
/// معتقل, مصاب, قيادي (قياديين) and صبي (صبيان is also a plural) are left
/// out on purpose, since their plural X+ين is written
/// exactly like the dual (مدنيَّين vs مدنيِّين differ only in diacritics).
/// Feminine nouns in ة are safe in general (dual -تين, plural -ات) but only
/// person nouns common in casualty reports are listed.
const DUAL_SINGULARS: &[&str] = &[
    "جندي",
    "عنصر",
    "قتيل",
    "جريح",
    "شرطي",
    "طفل",
    "شخص",
    "ضابط",
    "حارس",
    "رهينة",
    "أسير",
    "شاب",
    "رجل",
    "امرأة",
    "فتاة",
    "قائد",
    "زعيم",
    "شقيق",
    "عميل",
    "جاسوس",
    "نائب",
    "وزير",
    "سجين",
    "شهيد",
    "جثة",
    "ضحية",
    "طفلة",
    "سيدة",
    "مختار",
    "شيخ",
    "طبيب",
    "شقيقة",
];

/// Person nouns of the defective kind (اسم منقوص): the singular drops its
/// final ي ("راعٍ"), the dual keeps it ("راعيان", "راعيين").
const DEFECTIVE_SINGULARS: &[(&str, &str)] = &[("راع", "راعي")];

/// Person nouns with a sound plural in -ون/-ين: their accusative/genitive
/// dual "-ين" is spelt like the plural, but the nominative dual "-ان"
/// ("متظاهران", "مسلحان") can only be two.
const SOUND_PLURAL_SINGULARS: &[&str] = &[
    "مسلح",
    "مدني",
    "مواطن",
    "مقاتل",
    "عسكري",
    "صحفي",
    "مسعف",
    "موظف",
    "متظاهر",
    "محتج",
    "مزارع",
    "معتقل",
    "مختطف",
    "مخطوف",
    "مصاب",
    "مهاجم",
    "اخر",
    "انتحاري",
    "ارهابي",
    "متشدد",
    "مشتبه",
    "مجند",
    "منتسب",
];

static DUALS: LazyLock<WordMap<String, &'static str>> = LazyLock::new(|| {
    let mut m = WordMap::default();
    for &s in SOUND_PLURAL_SINGULARS {
        m.insert(format!("{}ان", fold_word(s)), s);
    }
    for &(s, stem) in DEFECTIVE_SINGULARS {
        for end in ["ان", "ين"] {
            m.insert(format!("{}{end}", fold_word(stem)), s);
        }
    }
    for &s in DUAL_SINGULARS {
        let folded = fold_word(s);
        let stem = match folded.strip_suffix('ه') {
            Some(st) => format!("{st}ت"),
            None => folded,
        };
        for end in ["ان", "ين"] {
            m.insert(format!("{stem}{end}"), s);
        }
    }
    m
});

/// The singular of a dual person noun that reads as 2 ("جنديين" → "جندي",
/// "قتيلان" → "قتيل", "رهينتين" → "رهينة"), `None` for any other word.
///
/// Diacritics and hamza seats are ignored. Only nouns whose plural is broken
/// are listed (جندي/جنود, قتيل/قتلى, طفل/أطفال …): for nouns with a sound
/// plural in -ين (مسلح, مدني, مواطن, عسكري, مقاتل …) the dual and the plural
/// are spelt alike, so they are never taken as 2.
pub fn dual_noun(word: &str) -> Option<&'static str> {
    DUALS.get(&fold_word(word)).copied()
}

/// A token of the text being read.
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    /// Folded letters (words) or ASCII digits and separators (numbers).
    norm: String,
    /// The word carried fathatan (tanwin alef: "ألفاً").
    tanwin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Digits,
    /// Punctuation or a line break: a number never runs across it.
    Break,
    /// Any other symbol ("%", "$").
    Other,
}

fn is_word_char(c: char) -> bool {
    (is_alphabetic(c) || is_diacritic(c) || c == '\u{0640}') && !c.is_ascii_digit()
}

fn ascii_digit(c: char) -> Option<char> {
    let f = fold_char(c);
    f.is_ascii_digit().then_some(f)
}

fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if ascii_digit(c).is_some() {
            let start = i;
            let mut norm = String::new();
            while i < chars.len() {
                if let Some(d) = ascii_digit(chars[i]) {
                    norm.push(d);
                    i += 1;
                } else if matches!(chars[i], ',' | '.' | '٬' | '٫' | '،')
                    && i + 1 < chars.len()
                    && ascii_digit(chars[i + 1]).is_some()
                    && chars[i] != '،'
                {
                    norm.push(match chars[i] {
                        '٬' => ',',
                        '٫' => '.',
                        x => x,
                    });
                    i += 1;
                } else {
                    break;
                }
            }
            toks.push(Tok {
                start,
                end: i,
                kind: TokKind::Digits,
                norm,
                tanwin: false,
            });
        } else if is_word_char(c) {
            let start = i;
            let mut tanwin = false;
            while i < chars.len() && is_word_char(chars[i]) {
                tanwin |= chars[i] == '\u{064B}';
                i += 1;
            }
            // Folded straight from the chars, into room for two-byte letters.
            let mut norm = String::with_capacity(2 * (i - start));
            norm.extend(
                chars[start..i]
                    .iter()
                    .filter(|&&c| !is_diacritic(c) && c != '\u{0640}')
                    .map(|&c| fold_char(c)),
            );
            toks.push(Tok {
                start,
                end: i,
                kind: TokKind::Word,
                norm,
                tanwin,
            });
        } else if c == '\n'
            || (!c.is_whitespace() && c.is_ascii_punctuation() && c != '%')
            || matches!(
                c,
                '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '(' | ')' | '-' | '–' | '—'
            )
        {
            toks.push(Tok {
                start: i,
                end: i + 1,
                kind: TokKind::Break,
                norm: String::new(),
                tanwin: false,
            });
            i += 1;
        } else if c.is_whitespace() || c == '\u{200F}' || c == '\u{200E}' || c == '\u{200C}' {
            i += 1;
        } else {
            toks.push(Tok {
                start: i,
                end: i + 1,
                kind: TokKind::Other,
                norm: c.to_string(),
                tanwin: false,
            });
            i += 1;
        }
    }
    toks
}

/// Parses digits with separators: "1,200" / "1.200.000" (thousands), "2.5"
/// (decimal). Returns (whole part, fractional value).
fn parse_digits(s: &str) -> Option<(u64, f64)> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let grouped = |sep: char| {
        let mut parts = s.split(sep);
        let first = parts.next().unwrap_or("");
        !first.is_empty() && first.len() <= 3 && parts.all(|p| p.len() == 3)
    };
    let (int_part, frac_part): (String, &str) = if dots == 0 && commas == 0 {
        (s.to_string(), "")
    } else if dots == 0 {
        if commas == 1 && !grouped(',') {
            // "2,5" with a decimal comma.
            let (a, b) = s.split_once(',')?;
            (a.to_string(), b)
        } else if grouped(',') {
            (s.replace(',', ""), "")
        } else {
            return None;
        }
    } else if commas == 0 {
        if dots >= 2 && grouped('.') {
            (s.replace('.', ""), "")
        } else if dots == 1 {
            let (a, b) = s.split_once('.')?;
            (a.to_string(), b)
        } else {
            return None;
        }
    } else {
        // "1,200.5": commas group, one dot is the decimal point.
        let (a, b) = s.split_once('.')?;
        if b.contains([',', '.']) {
            return None;
        }
        let mut parts = a.split(',');
        let first = parts.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || !parts.all(|p| p.len() == 3) {
            return None;
        }
        (a.replace(',', ""), b)
    };
    let whole: u64 = int_part.parse().ok()?;
    let frac: f64 = if frac_part.is_empty() {
        0.0
    } else {
        format!("0.{frac_part}").parse().ok()?
    };
    Some((whole, frac))
}

/// Looks a folded word up, first as it is, then (when `clitic`) without a
/// leading "و" or "ب". Returns the meaning and how many letters were stripped.
fn lookup(norm: &str, clitic: bool) -> Option<(Word, usize)> {
    if let Some(w) = WORDS.get(norm) {
        return Some((*w, 0));
    }
    if clitic {
        for p in ['و', 'ب'] {
            if let Some(w) = norm
                .strip_prefix(p)
                .filter(|rest| has_chars(rest, 3))
                .and_then(|rest| WORDS.get(rest))
            {
                return Some((*w, 1));
            }
        }
    }
    None
}

/// Words that make an approximate plural on their own.
fn approx_head(norm: &str) -> bool {
    approx_head_clitics(norm).is_some()
}

/// How many clitic letters ("و", "ب", "وب") precede an approximate-plural
/// head, or `None` when `norm` is not one.
fn approx_head_clitics(norm: &str) -> Option<usize> {
    // The word as written, then without "و", "وب" or "ب" (no list built:
    // this runs for every word of a body).
    let head = |c: &str, k: usize| (k == 0 || has_chars(c, 4)) && approx_word(c, k == 0);
    if head(norm, 0) {
        return Some(0);
    }
    if let Some(r) = norm.strip_prefix('و') {
        if head(r, 1) {
            return Some(1);
        }
        if let Some(r2) = r.strip_prefix('ب')
            && head(r2, 2)
        {
            return Some(2);
        }
    } else if let Some(r) = norm.strip_prefix('ب')
        && head(r, 1)
    {
        return Some(1);
    }
    None
}

/// An approximate-plural head without clitics; `whole` allows the words
/// that are only taken as written ("العديد", "بضعة", "عدة").
fn approx_word(norm: &str, whole: bool) -> bool {
    let plural = |w: &str| {
        matches!(
            w,
            "عشرات"
                | "مئات"
                | "مءات"
                | "ميات"
                | "الاف"
                | "الوف"
                | "ملايين"
                | "مليارات"
                | "بلايين"
        )
    };
    // "الاف" and "الوف" begin with the letters of the article themselves, so
    // the word is tried as written as well as without "ال".
    plural(norm)
        || norm.strip_prefix("ال").is_some_and(plural)
        || (whole && matches!(norm, "العديد" | "بضعه" | "بضع" | "وبضعه" | "عده"))
}

/// Plural scale words that may follow an approximate head ("عشرات الآلاف").
fn approx_tail(norm: &str) -> bool {
    let tail = |w: &str| matches!(w, "الاف" | "ملايين" | "مليارات" | "عشرات" | "مئات");
    tail(norm) || norm.strip_prefix("ال").is_some_and(tail)
}

/// Qualifiers written before a number, as folded token sequences.
const PRE_QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["ما", "لا", "يقل", "عن"], Qualifier::AtLeast),
    (&["ما", "لا", "يقل", "علي"], Qualifier::AtLeast),
    (&["لا", "يقل", "عن"], Qualifier::AtLeast),
    (&["ما", "لا", "يزيد", "عن"], Qualifier::AtMost),
    (&["ما", "لا", "يزيد", "علي"], Qualifier::AtMost),
    (&["لا", "يزيد", "عن"], Qualifier::AtMost),
    (&["ما", "يزيد", "عن"], Qualifier::MoreThan),
    (&["ما", "يزيد", "علي"], Qualifier::MoreThan),
    (&["اكثر", "من"], Qualifier::MoreThan),
    (&["ازيد", "من"], Qualifier::MoreThan),
    (&["اقل", "من"], Qualifier::LessThan),
    (&["ما", "يقارب"], Qualifier::About),
    (&["ما", "يناهز"], Qualifier::About),
    (&["ما", "يقرب", "من"], Qualifier::About),
    (&["نحو"], Qualifier::About),
    (&["حوالي"], Qualifier::About),
    (&["قرابه"], Qualifier::About),
    (&["زهاء"], Qualifier::About),
    (&["قرابه"], Qualifier::About),
    (&["تقريبا"], Qualifier::About),
    (&["في", "حدود"], Qualifier::About),
    (&["بحدود"], Qualifier::About),
];

/// Qualifiers written after the number (or after its noun).
const POST_QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["علي", "الاقل"], Qualifier::AtLeast),
    (&["علي", "اقل", "تقدير"], Qualifier::AtLeast),
    (&["تقريبا"], Qualifier::About),
    (&["علي", "الاكثر"], Qualifier::AtMost),
];

fn match_seq(toks: &[Tok], at: usize, seq: &[&str]) -> bool {
    seq.iter().enumerate().all(|(k, w)| {
        toks.get(at + k)
            .is_some_and(|t| t.kind == TokKind::Word && t.norm == *w)
    })
}

/// Finds a qualifier ending right before token `i`, or starting right after
/// token `j` (the last of the number) or after one noun following it.
fn find_qualifier(toks: &[Tok], i: usize, j: usize) -> Option<(Qualifier, usize, usize)> {
    for (seq, q) in PRE_QUALIFIERS {
        if i >= seq.len() {
            let at = i - seq.len();
            // The first word may carry a clitic "و"/"ب" ("وأكثر من"): compare bare.
            let ok = seq.iter().enumerate().all(|(k, w)| {
                let t = &toks[at + k];
                t.kind == TokKind::Word
                    && (t.norm == *w || (k == 0 && t.norm.strip_prefix(['و', 'ب']) == Some(*w)))
            });
            if ok {
                return Some((*q, toks[at].start, toks[i - 1].end));
            }
        }
    }
    for skip in [1, 2] {
        let at = j + skip;
        if skip == 2 && toks.get(j + 1).is_none_or(|t| t.kind != TokKind::Word) {
            break;
        }
        for (seq, q) in POST_QUALIFIERS {
            if match_seq(toks, at, seq) {
                return Some((*q, toks[at].start, toks[at + seq.len() - 1].end));
            }
        }
    }
    None
}

/// Grammar state while reading words.
struct Acc {
    total: u64,
    current: u64,
    last_scale: u64,
    /// The last item was a bare unit 3-9 (may take "مئة" to make hundreds).
    last_unit: Option<u64>,
    /// The last item was a scale word: only "و" may continue.
    after_scale: bool,
}

/// Reads a word-number starting at token `i`. Returns (value, index of last
/// token used, letters of clitic stripped from the first token).
fn read_words(toks: &[Tok], i: usize) -> Option<(u64, usize, usize)> {
    let first = toks.get(i)?;
    if first.kind != TokKind::Word {
        return None;
    }
    // "نصف مليون" (half a million).
    let (bare, cl) = match first.norm.strip_prefix(['و', 'ب']) {
        Some(r) if r == "نصف" => (r, 1),
        _ => (first.norm.as_str(), 0),
    };
    if bare == "نصف"
        && let Some(Word::Scale(s, ScaleForm::Single)) =
            toks.get(i + 1).and_then(|t| WORDS.get(t.norm.as_str()))
    {
        return Some((s / 2, i + 1, cl));
    }
    let (w0, clitic) = lookup(&first.norm, true)?;
    // "عشر" after an ordinal ("التاسع عشر", "الثانية عشرة") is not a count.
    if w0 == Word::Ten
        && clitic == 0
        && i > 0
        && toks[i - 1].kind == TokKind::Word
        && ordinal_unit(
            toks[i - 1]
                .norm
                .strip_prefix("ال")
                .unwrap_or(&toks[i - 1].norm),
        )
        .is_some()
    {
        return None;
    }
    let mut acc = Acc {
        total: 0,
        current: 0,
        last_scale: u64::MAX,
        last_unit: None,
        after_scale: false,
    };
    let mut last = i;
    let mut k = i;
    let mut word = w0;
    let mut tanwin = first.tanwin;
    let mut connected = false;
    loop {
        // Teens take two tokens.
        let mut consumed_to = k;
        let item_ok = match word {
            Word::TeenHead(v) | Word::Unit(v) => {
                let next_ten = toks.get(k + 1).is_some_and(|t| {
                    t.kind == TokKind::Word && WORDS.get(t.norm.as_str()) == Some(&Word::Ten)
                });
                if next_ten && (matches!(word, Word::TeenHead(_)) || v >= 3) {
                    consumed_to = k + 1;
                    add_small(&mut acc, 10 + v, connected)
                } else if matches!(word, Word::TeenHead(_)) {
                    false
                } else {
                    let ok = add_small(&mut acc, v, connected);
                    if ok && (3..=9).contains(&v) {
                        acc.last_unit = Some(v);
                    }
                    ok
                }
            }
            Word::Ten => add_small(&mut acc, 10, connected),
            Word::Tens(v) => {
                if (connected || acc.current == 0)
                    && acc.current % 100 < 10
                    && !acc.after_scale_blocked(connected)
                {
                    acc.current += v;
                    acc.last_unit = None;
                    acc.after_scale = false;
                    true
                } else {
                    false
                }
            }
            Word::Hundreds(v) => {
                if acc.current == 0 && !acc.after_scale_blocked(connected) && (connected || k == i)
                {
                    acc.current = v;
                    acc.last_unit = None;
                    acc.after_scale = false;
                    true
                } else {
                    false
                }
            }
            Word::Hundred => {
                if let (Some(u), false) = (acc.last_unit, connected) {
                    if acc.current % 100 == u {
                        acc.current = acc.current - u + u * 100;
                        acc.last_unit = None;
                        true
                    } else {
                        false
                    }
                } else if acc.current == 0
                    && !acc.after_scale_blocked(connected)
                    && (connected || k == i)
                {
                    acc.current = 100;
                    acc.last_unit = None;
                    acc.after_scale = false;
                    true
                } else {
                    false
                }
            }
            Word::Zero if is_month_safar(toks, k) => false,
            Word::Zero => {
                k == i
                    && toks
                        .get(k + 1)
                        .is_none_or(|t| lookup(&t.norm, false).is_none())
            }
            Word::Scale(s, form) => {
                if s >= acc.last_scale {
                    false
                } else if acc.current > 0 && !connected {
                    match form {
                        ScaleForm::Dual => false,
                        _ => {
                            acc.total += acc.current * s;
                            acc.current = 0;
                            acc.last_scale = s;
                            acc.after_scale = true;
                            acc.last_unit = None;
                            true
                        }
                    }
                } else if acc.current == 0 && (connected || k == i) {
                    let mult = match form {
                        ScaleForm::Single => Some(1),
                        ScaleForm::Dual => Some(2),
                        ScaleForm::DualOrAccusative => {
                            // "ألفاً", "ألفا وخمسمائة": accusative 1,000; "ألفا
                            // مقاتل" (construct) or "ألفا" alone: 2,000.
                            Some(if tanwin || and_number_follows(toks, k) {
                                1
                            } else {
                                2
                            })
                        }
                        ScaleForm::Plural => None,
                    };
                    match mult {
                        Some(m) => {
                            acc.total += m * s;
                            acc.last_scale = s;
                            acc.after_scale = true;
                            acc.last_unit = None;
                            true
                        }
                        None => false,
                    }
                } else {
                    false
                }
            }
        };
        if !item_ok {
            break;
        }
        if matches!(word, Word::Zero) {
            return Some((0, k, clitic));
        }
        last = consumed_to;
        // What comes next: "و" token + number word, "و"-prefixed number word,
        // or an adjacent number word (unit → مئة, number → scale).
        let mut n = consumed_to + 1;
        let Some(t) = toks.get(n) else { break };
        if t.kind != TokKind::Word {
            break;
        }
        // "مليون ونصف", "ألف و نصف": half of the last scale.
        if acc.after_scale && acc.current == 0 {
            let half_at = if t.norm == "ونصف" {
                Some(n)
            } else if t.norm == "و" && toks.get(n + 1).is_some_and(|t2| t2.norm == "نصف") {
                Some(n + 1)
            } else {
                None
            };
            if let Some(h) = half_at {
                acc.total += acc.last_scale / 2;
                last = h;
                break;
            }
        }
        if t.norm == "و" {
            n += 1;
            let Some(t2) = toks.get(n) else { break };
            match (t2.kind, WORDS.get(t2.norm.as_str())) {
                (TokKind::Word, Some(w)) => {
                    word = *w;
                    tanwin = t2.tanwin;
                    connected = true;
                }
                _ => break,
            }
        } else if let Some(w) = t.norm.strip_prefix('و').and_then(|r| WORDS.get(r)) {
            // "و" + number word first: inside a number "وأحد" (folded to
            // "واحد") is "and eleven…", not the unit "واحد", which could
            // not follow a number without "و" anyway.
            word = *w;
            tanwin = t.tanwin;
            connected = true;
        } else if let Some(w) = WORDS.get(t.norm.as_str()) {
            word = *w;
            tanwin = t.tanwin;
            connected = false;
        } else {
            break;
        }
        k = n;
    }
    if last < i || (acc.total == 0 && acc.current == 0) {
        return None;
    }
    Some((acc.total + acc.current, last, clitic))
}

/// "صفر" as the Hijri month: "شهر صفر", "صفر الخير", "صفر 1445".
fn is_month_safar(toks: &[Tok], k: usize) -> bool {
    let prev = k
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .map(|t| t.norm.as_str());
    let next = toks.get(k + 1);
    matches!(prev, Some("شهر" | "وشهر" | "من"))
        || next.is_some_and(|t| {
            t.kind == TokKind::Digits || matches!(t.norm.as_str(), "الخير" | "المظفر")
        })
}

/// Token `k` is followed by "و" and a number word ("ألفا وخمسمائة").
fn and_number_follows(toks: &[Tok], k: usize) -> bool {
    let word = |j: usize| toks.get(j).filter(|t| t.kind == TokKind::Word);
    match word(k + 1) {
        Some(t) if t.norm == "و" => {
            word(k + 2).is_some_and(|t2| WORDS.contains_key(t2.norm.as_str()))
        }
        Some(t) => t
            .norm
            .strip_prefix('و')
            .is_some_and(|r| WORDS.contains_key(r)),
        None => false,
    }
}

impl Acc {
    /// After a scale word, only a "و"-joined item may follow.
    fn after_scale_blocked(&self, connected: bool) -> bool {
        self.after_scale && !connected
    }
}

/// Adds a unit, teen or ten (1-19) to the group being read.
fn add_small(acc: &mut Acc, v: u64, connected: bool) -> bool {
    let fresh = acc.current == 0 && acc.total == 0 && acc.last_scale == u64::MAX;
    if !(fresh || connected) || !acc.current.is_multiple_of(100) {
        return false;
    }
    acc.current += v;
    acc.last_unit = None;
    acc.after_scale = false;
    true
}

/// A scale word right after digits ("12 ألف", "2.5 مليون"): its multiplier.
fn digit_scale(t: &Tok) -> Option<u64> {
    if t.kind != TokKind::Word {
        return None;
    }
    match WORDS.get(t.norm.as_str()) {
        Some(Word::Scale(s, _)) => Some(*s),
        _ => None,
    }
}

/// A percent sign or "بالمئة"/"في المئة" at token `j`.
fn is_percent(toks: &[Tok], j: usize) -> bool {
    let Some(t) = toks.get(j) else { return false };
    let hundred = |n: &str| matches!(n, "المئه" | "المائه" | "المايه" | "الميه");
    match t.kind {
        TokKind::Other => matches!(t.norm.as_str(), "%" | "٪"),
        TokKind::Word => {
            t.norm.strip_prefix('ب').is_some_and(hundred)
                || (t.norm == "في" && toks.get(j + 1).is_some_and(|n| hundred(&n.norm)))
        }
        _ => false,
    }
}

/// Reads the number expression that starts at token `i`, if any.
fn read_at(toks: &[Tok], i: usize) -> Option<NumberReading> {
    let t = toks.get(i)?;
    let mut reading = NumberReading {
        value: None,
        decimal: None,
        start: t.start,
        end: t.end,
        qualifier: None,
        qualifier_span: None,
        dual: false,
        dual_of: None,
        approximate_plural: false,
        digits: false,
        percent: false,
    };
    let last;
    match t.kind {
        TokKind::Digits => {
            let (whole, frac) = parse_digits(&t.norm)?;
            reading.digits = true;
            let mut j = i;
            let mut mult = 1u64;
            if let Some(s) = toks.get(i + 1).and_then(digit_scale) {
                mult = s;
                j = i + 1;
            }
            let int = whole.checked_mul(mult)?;
            let frac_scaled = frac * mult as f64;
            if frac_scaled.fract().abs() < 1e-9 {
                reading.value = int.checked_add(frac_scaled.round() as u64);
            } else {
                reading.decimal = Some(whole as f64 * mult as f64 + frac_scaled);
            }
            reading.end = toks[j].end;
            last = j;
        }
        TokKind::Word => {
            if let Some((v, j, clitic)) = read_words(toks, i) {
                reading.value = Some(v);
                reading.start = t.start + clitic;
                reading.end = toks[j].end;
                last = j;
            } else if approx_head(&t.norm) {
                reading.approximate_plural = true;
                reading.start = t.start + approx_head_clitics(&t.norm).unwrap_or(0);
                let mut j = i;
                while toks
                    .get(j + 1)
                    .is_some_and(|n| n.kind == TokKind::Word && approx_tail(&n.norm))
                {
                    j += 1;
                }
                // "العديد من", "عدة": the head alone is the expression.
                reading.end = toks[j].end;
                last = j;
            } else if t.norm == "عدد"
                && toks
                    .get(i + 1)
                    .is_some_and(|n| n.kind == TokKind::Word && n.norm == "من")
            {
                reading.approximate_plural = true;
                reading.end = toks[i + 1].end;
                last = i + 1;
            } else {
                let bare = t.norm.strip_prefix('و').filter(|r| has_chars(r, 4));
                let (sing, clitic) = match DUALS.get(t.norm.as_str()) {
                    Some(s) => (*s, 0),
                    None => (*bare.and_then(|b| DUALS.get(b))?, 1),
                };
                reading.value = Some(2);
                reading.dual = true;
                reading.dual_of = Some(sing);
                reading.start = t.start + clitic;
                last = i;
            }
        }
        _ => return None,
    }
    reading.percent = is_percent(toks, last + 1);
    if let Some((q, s, e)) = find_qualifier(toks, i, last) {
        reading.qualifier = Some(q);
        reading.qualifier_span = Some((s, e));
    }
    Some(reading)
}

/// Reads the longest number expression that starts at code point `start` of
/// `text` (which must be the start of a token; a leading clitic "و"/"ب" is
/// allowed and left out of the span). Qualifiers before or after it are
/// looked for in the whole text.
///
/// Tokenises all of `text`: to read every number of a long text use
/// [`find_numbers`].
pub fn parse_number_at(text: &str, start: usize) -> Option<NumberReading> {
    let toks = tokenize(text);
    let i = toks.iter().position(|t| t.start == start)?;
    read_at(&toks, i)
}

/// Every number expression of `text`, left to right, non-overlapping (each
/// the longest one at its start). Linear in the length of the text.
pub fn find_numbers(text: &str) -> Vec<NumberReading> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match read_at(&toks, i) {
            Some(r) => {
                let end = r.end;
                out.push(r);
                while i < toks.len() && toks[i].start < end {
                    i += 1;
                }
            }
            None => i += 1,
        }
    }
    out
}

/// Reads `words` as one number, all of it: "مئة وخمسة وعشرون" → 125,
/// "١٬٢٠٠" → 1200. `None` if anything is left over or it is not a number
/// (approximate plurals and decimals included).
pub fn read_number(words: &str) -> Option<u64> {
    let toks = tokenize(words.trim());
    let r = read_at(&toks, 0)?;
    let last = toks.last()?;
    (r.end == last.end && r.qualifier.is_none()).then_some(r.value?)
}

/// Reads one word or short phrase as a whole number; the same as
/// [`read_number`] (kept for callers that read a single token: "ثلاثة" → 3).
pub fn parse_number(word: &str) -> Option<u64> {
    read_number(word)
}

/// Ordinal units, folded, without "ال": masculine and feminine forms.
fn ordinal_unit(n: &str) -> Option<u32> {
    Some(match n {
        "اول" | "اولي" => 1,
        "ثاني" | "ثانيه" => 2,
        "ثالث" | "ثالثه" => 3,
        "رابع" | "رابعه" => 4,
        "خامس" | "خامسه" => 5,
        "سادس" | "سادسه" => 6,
        "سابع" | "سابعه" => 7,
        "ثامن" | "ثامنه" => 8,
        "تاسع" | "تاسعه" => 9,
        "عاشر" | "عاشره" => 10,
        "حادي" | "حاديه" | "واحد" | "واحده" => 1,
        _ => return None,
    })
}

/// Reads a day-of-month ordinal at the start of `words` ("الأول",
/// "الحادي عشر", "الثالث والعشرين", "الحادي والعشرين", "الثلاثين"); words
/// may carry "ال" or not. Returns the value (1-31) and how many words it took.
/// A lone "و" word between parts counts as a word.
pub fn ordinal(words: &[&str]) -> Option<(u32, usize)> {
    let folded: Vec<String> = words.iter().take(4).map(|w| fold_word(w)).collect();
    let strip = |s: &str| -> String { s.strip_prefix("ال").unwrap_or(s).to_string() };
    let w0 = strip(folded.first()?);
    let tens_of = |s: &str| -> Option<u32> {
        match s {
            "عشرين" | "عشرون" => Some(20),
            "ثلاثين" | "ثلاثون" => Some(30),
            _ => None,
        }
    };
    if let Some(t) = tens_of(&w0) {
        return Some((t, 1));
    }
    // "الحادي"/"الواحد" only ever start a compound ("الحادي عشر", "الواحد والعشرين").
    let is_hadi = w0.starts_with("حادي") || w0.starts_with("واحد");
    let u = ordinal_unit(&w0)?;
    // Teens: "الحادي عشر", "الثانية عشرة".
    if let Some(w1) = folded.get(1) {
        let w1s = strip(w1);
        if (w1s == "عشر" || w1s == "عشره") && u < 10 {
            return Some((10 + u, 2));
        }
        // "والعشرين" or "و" "العشرين".
        let (tens_word, used) = if let Some(rest) = w1.strip_prefix('و').filter(|r| !r.is_empty())
        {
            (Some(strip(rest)), 2)
        } else if w1 == "و" {
            (folded.get(2).map(|w| strip(w)), 3)
        } else {
            (None, 0)
        };
        // "الأول والعشرين" is not Arabic for 21: only "الحادي"/"الواحد" are.
        let unit_ok = u < 10 && !(u == 1 && !is_hadi && w0.starts_with("اول"));
        if let Some(t) = tens_word.as_deref().and_then(tens_of)
            && unit_ok
            && t + u <= 31
        {
            return Some((t + u, used));
        }
    }
    if is_hadi {
        // "الحادي" alone is not a day.
        return None;
    }
    Some((u, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTORS: &str = include_str!("../../../data/vectors/num2words_ar.tsv");

    /// num2words (0.5.14) spells a scale group whose value is 1 after a
    /// hundred as the scale word twice: 101,096 → "مائة و ألف ألف و ستة و
    /// تسعون", 701,704,400 → "سبعمائة و مليون مليون و …". That is not Arabic
    /// for 101 thousand ("ألف ألف" is, if anything, a million), so the reader
    /// does not accept it; the vector is rewritten to num2words's own pattern
    /// for the other groups ("و واحد ألفاً") and must then read back.
    fn fix_num2words(words: &str) -> String {
        let mut s = words.to_string();
        for (scale, acc) in [("ألف", "ألفاً"), ("مليون", "مليوناً"), ("مليار", "ملياراً")]
        {
            s = s.replace(&format!("و {scale} {scale}"), &format!("و واحد {acc}"));
        }
        s
    }

    #[test]
    fn numbers_num2words_vectors_all_read_back() {
        let mut n = 0;
        let mut rewritten = 0;
        let mut bad = Vec::new();
        for line in VECTORS.lines().filter(|l| !l.trim().is_empty()) {
            let (v, words) = line.split_once('\t').expect("value<TAB>words");
            let v: u64 = v.parse().expect("value");
            n += 1;
            let fixed = fix_num2words(words);
            if fixed != words {
                // The defective spelling must not read as the value it claims.
                assert_ne!(read_number(words), Some(v), "{words}");
                rewritten += 1;
            }
            let words = fixed.as_str();
            if read_number(words) != Some(v) {
                bad.push(format!("{v}\t{words}\t{:?}", read_number(words)));
            }
        }
        assert!(n >= 5000, "only {n} vectors");
        // num2words 0.5.14 has the defect on 37 of the committed vectors.
        assert_eq!(rewritten, 37, "rewritten num2words lines");
        assert!(
            bad.is_empty(),
            "{} of {n} failed:\n{}",
            bad.len(),
            bad[..bad.len().min(30)].join("\n")
        );
    }

    #[test]
    fn numbers_read_number_table() {
        let cases: &[(&str, Option<u64>)] = &[
            ("12", Some(12)),
            ("1,200", Some(1200)),
            ("١٬٢٠٠", Some(1200)),
            ("۱۲۳", Some(123)),
            ("1.200.000", Some(1_200_000)),
            ("12 ألف", Some(12_000)),
            ("2.5 مليون", Some(2_500_000)),
            ("2.5", None),
            ("واحد", Some(1)),
            ("واحدة", Some(1)),
            ("اثنتان", Some(2)),
            ("اثنتين", Some(2)),
            ("ثلاث", Some(3)),
            ("اربعة", Some(4)),
            ("ثمانيَ", Some(8)),
            ("عشر", Some(10)),
            ("إحدى عشرة", Some(11)),
            ("اثني عشر", Some(12)),
            ("اثنتا عشرة", Some(12)),
            ("خمس عشرة", Some(15)),
            ("عشرين", Some(20)),
            ("خمسةٌ وعشرون", Some(25)),
            ("خمسه و عشرين", Some(25)),
            ("مئة وخمسة وعشرون", Some(125)),
            ("مائه", Some(100)),
            ("مئتين", Some(200)),
            ("ثلاث مئة", Some(300)),
            ("ثلاثمائة", Some(300)),
            ("تسعمئة وتسعة وتسعون", Some(999)),
            ("ألف", Some(1000)),
            ("الف", Some(1000)),
            ("ألفاً", Some(1000)),
            ("ألفا", Some(2000)),
            ("ألفين", Some(2000)),
            ("ألفا وخمسمائة", Some(1500)),
            ("ألفاً وخمسمائة", Some(1500)),
            ("مليونا", Some(2_000_000)),
            ("ألفي", Some(2000)),
            ("ثلاثة آلاف", Some(3000)),
            ("عشرة الاف", Some(10_000)),
            ("أحد عشر ألفا", Some(11_000)),
            // Fuzz find: "و" + a teen inside a compound number.
            ("مائة وأحد عشر ألفا", Some(111_000)),
            ("مئتين وإحدى عشرة", Some(211)),
            ("مئة ألف", Some(100_000)),
            ("مئتا ألف", Some(200_000)),
            ("مليون", Some(1_000_000)),
            ("مليونين", Some(2_000_000)),
            ("ثلاثة ملايين", Some(3_000_000)),
            ("مليار", Some(1_000_000_000)),
            ("ثلاثة آلاف وخمسمائة", Some(3500)),
            ("وثلاثة", Some(3)),
            ("نصف مليون", Some(500_000)),
            ("مليون ونصف", Some(1_500_000)),
            ("ألف و نصف", Some(1500)),
            ("ثلاثة ملايين ونصف", Some(3_500_000)),
            ("ثلاث مئة ألف", Some(300_000)),
            ("ثلاثمية", Some(300)),
            ("ميتين", None),
            ("مايتين", Some(200)),
            ("نصف", None),
            // Not numbers.
            ("عشرات", None),
            ("آلاف", None),
            ("العديد", None),
            ("معاشرة", None),
            ("الثالث", None),
            ("خمسة عشرون", None),
            ("عشرون خمسة", None),
            ("ألف مئة", None),
            ("ثلاثة ألفان", None),
        ];
        for (text, want) in cases {
            assert_eq!(read_number(text), *want, "{text}");
        }
    }

    #[test]
    fn numbers_in_phrases() {
        // (text, expected value, qualifier, dual, approximate, text of the number)
        type Case = (
            &'static str,
            Option<u64>,
            Option<Qualifier>,
            bool,
            bool,
            &'static str,
        );
        let cases: &[Case] = &[
            (
                "قتل عشرون مسلحا على الأقل في الاشتباكات",
                Some(20),
                Some(Qualifier::AtLeast),
                false,
                false,
                "عشرون",
            ),
            (
                "أسفر الهجوم عن مقتل ستة أشخاص",
                Some(6),
                None,
                false,
                false,
                "ستة",
            ),
            (
                "أعلنت الشرطة اعتقال 12 مشتبها",
                Some(12),
                None,
                false,
                false,
                "12",
            ),
            (
                "حشد التنظيم ثلاثة آلاف مقاتل",
                Some(3000),
                None,
                false,
                false,
                "ثلاثة آلاف",
            ),
            (
                "يقدر عددهم بألفي مقاتل",
                Some(2000),
                None,
                false,
                false,
                "ألفي",
            ),
            ("قتل جنديين وأصيب آخر", Some(2), None, true, false, "جنديين"),
            ("سقط قتيلان في القصف", Some(2), None, true, false, "قتيلان"),
            ("أفرج عن رهينتين", Some(2), None, true, false, "رهينتين"),
            ("نزح عشرات العائلات", None, None, false, true, "عشرات"),
            (
                "فر مئات الآلاف من السكان",
                None,
                None,
                false,
                true,
                "مئات الآلاف",
            ),
            (
                "اعتقل عدد من المشتبه بهم",
                None,
                None,
                false,
                true,
                "عدد من",
            ),
            (
                "قتل نحو ٣٠ شخصا",
                Some(30),
                Some(Qualifier::About),
                false,
                false,
                "٣٠",
            ),
            (
                "أصيب أكثر من مئة مدني",
                Some(100),
                Some(Qualifier::MoreThan),
                false,
                false,
                "مئة",
            ),
            (
                "بلغ عدد النازحين ما لا يقل عن 1,500 شخص",
                Some(1500),
                Some(Qualifier::AtLeast),
                false,
                false,
                "1,500",
            ),
            (
                "أصيب أقل من عشرة أشخاص",
                Some(10),
                Some(Qualifier::LessThan),
                false,
                false,
                "عشرة",
            ),
            (
                "نشر حوالى خمسمائة عنصر",
                Some(500),
                Some(Qualifier::About),
                false,
                false,
                "خمسمائة",
            ),
            (
                "اعتقلت القوات ما لا يزيد عن خمسين شخصا",
                Some(50),
                Some(Qualifier::AtMost),
                false,
                false,
                "خمسين",
            ),
            (
                "قُتِلَ أَرْبَعَةٌ وَعِشْرُونَ جُنْدِيًّا",
                Some(24),
                None,
                false,
                false,
                "أَرْبَعَةٌ وَعِشْرُونَ",
            ),
            ("قتل اربعه مدنيين", Some(4), None, false, false, "اربعه"),
            ("وثلاثة جرحى", Some(3), None, false, false, "ثلاثة"),
            (
                "وبعشرات الآلاف من اللاجئين",
                None,
                None,
                false,
                true,
                "عشرات الآلاف",
            ),
            ("بنزوح آلاف العائلات", None, None, false, true, "آلاف"),
            ("وملايين السكان", None, None, false, true, "ملايين"),
            (
                "فر قرابة نصف مليون شخص",
                Some(500_000),
                Some(Qualifier::About),
                false,
                false,
                "نصف مليون",
            ),
            ("قتل ٣ جنود و١٥ مسلحاً", Some(3), None, false, false, "٣"),
            (
                "بلغ عدد القتلى ألفا وخمسمائة",
                Some(1500),
                None,
                false,
                false,
                "ألفا وخمسمائة",
            ),
        ];
        for (text, value, q, dual, approx, num_text) in cases {
            let found = find_numbers(text);
            let r = found
                .first()
                .unwrap_or_else(|| panic!("no number in {text}"));
            let span: String = text.chars().skip(r.start).take(r.end - r.start).collect();
            assert_eq!(r.value, *value, "{text}");
            assert_eq!(r.qualifier, *q, "{text}");
            assert_eq!(r.dual, *dual, "{text}");
            assert_eq!(r.approximate_plural, *approx, "{text}");
            assert_eq!(span, *num_text, "{text}");
        }
    }

    #[test]
    fn numbers_absent_where_there_are_none() {
        for text in [
            "دول العالم الثالث تعاني",
            "قتل مسلحين في الاشتباك",
            "سقط مدنيين جراء القصف",
            "يوم الاثنين الماضي",
            "معاشرة الناس",
            "قال أحد الشهود",
            "في القرن التاسع عشر",
            "عند الساعة الثانية عشرة ظهرا",
            "في الحادي عشر من أيلول",
            "في شهر صفر",
        ] {
            assert!(
                find_numbers(text).is_empty(),
                "{text}: {:?}",
                find_numbers(text)
            );
        }
        let vals: Vec<_> = find_numbers("في 3 صفر 1445")
            .iter()
            .map(|r| r.value)
            .collect();
        assert_eq!(vals, vec![Some(3), Some(1445)]);
        assert_eq!(read_number("صفر"), Some(0));
    }

    #[test]
    fn numbers_several_in_one_text_and_offsets() {
        let text = "قتل خمسة جنود، وأصيب 12 آخرون، وفقد عشرات.";
        let found = find_numbers(text);
        let vals: Vec<_> = found
            .iter()
            .map(|r| (r.value, r.approximate_plural))
            .collect();
        assert_eq!(
            vals,
            vec![(Some(5), false), (Some(12), false), (None, true)]
        );
        let r = parse_number_at(text, found[1].start).expect("at 12");
        assert_eq!(r.value, Some(12));
        assert_eq!(parse_number_at(text, 0), None);
        // Punctuation stops a number: "خمسة، وعشرون" is two readings.
        let two = find_numbers("خمسة، وعشرون");
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn numbers_long_text_is_linear() {
        let para = "قال مصدر أمني إن مسلحين هاجموا مساء الخميس حاجزا للجيش، ما أسفر عن مقتل ثلاثة جنود وإصابة 12 آخرين بينهم طفلين، ونزوح عشرات العائلات ونحو ألفي مدني. ";
        let text = para.repeat(5000);
        let t = std::time::Instant::now();
        let found = find_numbers(&text);
        eprintln!("{} chars: {:?}", text.chars().count(), t.elapsed());
        assert_eq!(found.len(), 5 * 5000);
        assert_eq!(
            found.iter().filter_map(|r| r.value).sum::<u64>(),
            5000 * (3 + 12 + 2 + 2000)
        );
    }

    #[test]
    fn numbers_percent_is_flagged() {
        for text in [
            "ارتفع بنسبة 50% خلال العام",
            "نحو ٣٠٪ من السكان",
            "تراجع عشرين بالمئة",
            "زاد 12 في المائة",
        ] {
            let r = &find_numbers(text)[0];
            assert!(r.percent, "{text}");
        }
        assert!(!find_numbers("قتل 50 شخصا")[0].percent);
    }

    #[test]
    fn numbers_dual_noun_table() {
        for (w, want) in [
            ("جنديين", Some("جندي")),
            ("جنديان", Some("جندي")),
            ("عنصرين", Some("عنصر")),
            ("شرطيين", Some("شرطي")),
            ("طفلين", Some("طفل")),
            ("رهينتين", Some("رهينة")),
            ("أسيرين", Some("أسير")),
            ("اسيرين", Some("أسير")),
            ("مدنيين", None),
            ("مسلحين", None),
            ("مواطنين", None),
            ("عسكريين", None),
            ("جندي", None),
            ("ضحيتين", Some("ضحية")),
            ("طفلتان", Some("طفلة")),
            ("ضحايا", None),
            ("راعيان", Some("راع")),
            ("راعيين", Some("راع")),
            ("مختارين", Some("مختار")),
            ("رعاة", None),
        ] {
            assert_eq!(dual_noun(w), want, "{w}");
        }
    }

    #[test]
    fn numbers_ordinals() {
        let cases: &[(&str, Option<(u32, usize)>)] = &[
            ("الأول من", Some((1, 1))),
            ("الاولى", Some((1, 1))),
            ("الثالث", Some((3, 1))),
            ("العاشر", Some((10, 1))),
            ("الحادي عشر من", Some((11, 2))),
            ("الثانية عشرة", Some((12, 2))),
            ("التاسع عشر", Some((19, 2))),
            ("العشرين", Some((20, 1))),
            ("الحادي والعشرين", Some((21, 2))),
            ("الثالث والعشرين", Some((23, 2))),
            ("الثالث و العشرين", Some((23, 3))),
            ("الثلاثين", Some((30, 1))),
            ("الحادي والثلاثين", Some((31, 2))),
            ("الحادي", None),
            ("الواحد والعشرين", Some((21, 2))),
            ("الواحد", None),
            ("الأول والعشرين", Some((1, 1))),
            ("الثلاثة", None),
            ("جنود", None),
        ];
        for (text, want) in cases {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ordinal(&words), *want, "{text}");
        }
    }

    #[test]
    fn numbers_digits_parse() {
        assert_eq!(parse_digits("1,200"), Some((1200, 0.0)));
        assert_eq!(parse_digits("1,200,000"), Some((1_200_000, 0.0)));
        assert_eq!(parse_digits("2.5"), Some((2, 0.5)));
        assert_eq!(parse_digits("1,200.5"), Some((1200, 0.5)));
        assert_eq!(parse_digits("12,34,5"), None);
        let r = &find_numbers("نحو 2.5 شخص")[0];
        assert_eq!((r.value, r.decimal), (None, Some(2.5)));
    }

    proptest::proptest! {
        #[test]
        fn numbers_grouped_digits_read_back(n in 0u64..10_000_000_000) {
            let plain = n.to_string();
            let mut grouped = String::new();
            for (k, c) in plain.chars().enumerate() {
                if k > 0 && (plain.len() - k) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let indic: String = grouped
                .chars()
                .map(|c| match c {
                    ',' => '٬',
                    d => char::from_u32(0x0660 + d.to_digit(10).unwrap()).unwrap(),
                })
                .collect();
            proptest::prop_assert_eq!(read_number(&plain), Some(n));
            proptest::prop_assert_eq!(read_number(&grouped), Some(n));
            proptest::prop_assert_eq!(read_number(&indic), Some(n));
        }

        #[test]
        fn numbers_spans_are_in_bounds_and_ordered(text in "[ 0-9,.٠-٩وبالفمئةعشرونثلاثينخمسة٪%،\\n]{0,60}") {
            let len = text.chars().count();
            let mut prev_end = 0;
            for r in find_numbers(&text) {
                proptest::prop_assert!(r.start < r.end && r.end <= len);
                proptest::prop_assert!(r.start >= prev_end);
                prev_end = r.end;
            }
        }
    }
}
