//! Counts of people: every reported quantity of people in a text
//! ("مقتل ثلاثة جنود", "وإصابة خمسة آخرين", "اعتقال 12 مشتبها", "نزوح 3000 شخص").
//!
//! Owns the trigger lexicon (what happened to the people: killed, injured,
//! arrested …), the people-noun lexicon (who they are: جنود, مدنيين,
//! عناصر …) and the small scanner that ties a number to both. It reads
//! numbers through [`crate::numbers`] and words through [`crate::tokens`];
//! it must not touch the number grammar, the normaliser or anything about
//! documents or events.
//!
//! How a count is read, token by token within a clause (punctuation ends
//! the search):
//! * a number (digits, words, a dual noun, or an approximate plural such as
//!   "عشرات", whose value is `None`) followed by a people noun
//!   ("ثلاثة جنود", "ثلاثة من عناصر الشرطة"), or directly preceded by a
//!   trigger ("جرح أربعة", "حصيلة القتلى إلى 15");
//! * its kind comes from the nearest trigger before it (only qualifiers and
//!   glue words may stand between a nominal trigger and the number; a verb
//!   may have its subject in between when a people noun follows), else from a
//!   trigger just after the noun ("حتفهم", "بجروح"), else from the noun
//!   itself (قتلى → killed, مقاتل → fighters, جندي → troops, معتقل →
//!   prisoners, others → other);
//! * a trigger followed by a singular people noun with no number is a count
//!   of one ("مقتل جندي", "إصابة مدني", "مقتل الضابط");
//! * a number joined by "و" to a count a few words before it in the same
//!   clause, or after "بينهم"/"منهم", inherits its kind
//!   ("استشهاد ضابط واثنين من منتسبي الحشد" gives two killed counts, 1 and
//!   2: counts are reported as written, never summed);
//! * "مقتل وإصابة عشرة" (killed and injured together) is kind `other`.
//!
//! Non-people quantities (vehicles, distances, shells, money, percentages,
//! years, dates) are never counts: a number needs a people noun or a
//! trigger glued to it, and the word after a bare trigger+number must not
//! be a known non-people noun.

use std::sync::LazyLock;

use crate::normalize::normalize;
use crate::numbers::{self, NumberReading, Qualifier};
use crate::tokens::{Token, TokenKind, clitic_candidates, tokenize};
use crate::wordmap::{WordMap, WordSet};

/// What happened to the people counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountKind {
    /// Killed ("مقتل", "قتلى", "استشهاد", "لقي حتفه").
    Killed,
    /// Injured ("إصابة", "جرحى", "أصيب").
    Injured,
    /// Arrested or detained ("اعتقال", "القبض على", "توقيف").
    Arrested,
    /// Kidnapped or abducted ("خطف", "اختطاف").
    Kidnapped,
    /// Displaced ("نزوح", "تهجير").
    Displaced,
    /// Returned home ("عودة 500 عائلة").
    Returned,
    /// Fighters of an armed group, not reported killed or injured.
    Fighters,
    /// Soldiers of a state force, not reported killed or injured.
    Troops,
    /// Prisoners or detainees held ("10 آلاف معتقل").
    Prisoners,
    /// Any other quantity of people.
    Other,
}

impl CountKind {
    /// The output vocabulary name: "killed", "injured", … (see output.md).
    pub fn as_str(self) -> &'static str {
        match self {
            CountKind::Killed => "killed",
            CountKind::Injured => "injured",
            CountKind::Arrested => "arrested",
            CountKind::Kidnapped => "kidnapped",
            CountKind::Displaced => "displaced",
            CountKind::Returned => "returned",
            CountKind::Fighters => "fighters",
            CountKind::Troops => "troops",
            CountKind::Prisoners => "prisoners",
            CountKind::Other => "other",
        }
    }
}

/// One reported quantity of people.
///
/// Offsets are Unicode code points into the text read, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountMention {
    /// What happened to them.
    pub kind: CountKind,
    /// How many; `None` for a lower bound such as "عشرات" or "عدد من".
    pub value: Option<u64>,
    /// Span of the phrase naming who ("جنود", "عناصر من الشرطة"), if any.
    pub who: Option<(usize, usize)>,
    /// Start of the whole phrase (trigger, number and noun).
    pub start: usize,
    /// End of the whole phrase.
    pub end: usize,
    /// A qualifier on the number ("على الأقل", "نحو"), if any.
    pub qualifier: Option<Qualifier>,
}

/// Class of a people noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounClass {
    /// Anyone: أشخاص, مدنيين, أطفال, آخرين, عائلات.
    Generic,
    /// Names the dead: قتلى, شهداء, جثث.
    Dead,
    /// Names the wounded: جرحى, مصابين.
    Wounded,
    /// Fighters of armed groups: مقاتل, عنصر, مسلح.
    Fighter,
    /// Soldiers and police: جندي, ضابط, شرطي.
    Troop,
    /// Prisoners: معتقل, سجين, أسير.
    Prisoner,
    /// The displaced: نازح, لاجئ.
    Displaced,
    /// Hostages and the abducted: رهينة, مختطف.
    Abducted,
}

impl NounClass {
    fn kind(self) -> CountKind {
        match self {
            NounClass::Generic => CountKind::Other,
            NounClass::Dead => CountKind::Killed,
            NounClass::Wounded => CountKind::Injured,
            NounClass::Fighter => CountKind::Fighters,
            NounClass::Troop => CountKind::Troops,
            NounClass::Prisoner => CountKind::Prisoners,
            NounClass::Displaced => CountKind::Displaced,
            NounClass::Abducted => CountKind::Kidnapped,
        }
    }
}

/// People nouns: singulars (a trigger before one counts 1; the accusative
/// "-ا" form is added), then plurals.
const SINGULAR_NOUNS: &[(&str, NounClass)] = &[
    ("شخص", NounClass::Generic),
    ("مدني", NounClass::Generic),
    ("مواطن", NounClass::Generic),
    ("طفل", NounClass::Generic),
    ("طفلة", NounClass::Generic),
    ("امرأة", NounClass::Generic),
    ("سيدة", NounClass::Generic),
    ("فتاة", NounClass::Generic),
    ("رجل", NounClass::Generic),
    ("شاب", NounClass::Generic),
    ("مسن", NounClass::Generic),
    ("فرد", NounClass::Generic),
    ("ضحية", NounClass::Dead),
    // Bodies found are people killed ("العثور على جثتين").
    ("جثة", NounClass::Dead),
    ("صحفي", NounClass::Generic),
    ("مسعف", NounClass::Generic),
    ("عامل", NounClass::Generic),
    ("راع", NounClass::Generic),
    ("مزارع", NounClass::Generic),
    ("سائق", NounClass::Generic),
    ("طالب", NounClass::Generic),
    ("موظف", NounClass::Generic),
    ("مسؤول", NounClass::Generic),
    ("متظاهر", NounClass::Generic),
    ("قيادي", NounClass::Fighter),
    ("قائد", NounClass::Generic),
    ("زعيم", NounClass::Fighter),
    ("أمير", NounClass::Fighter),
    ("مختار", NounClass::Generic),
    ("شيخ", NounClass::Generic),
    ("نائب", NounClass::Generic),
    ("قتيل", NounClass::Dead),
    ("شهيد", NounClass::Dead),
    ("جريح", NounClass::Wounded),
    ("مصاب", NounClass::Wounded),
    ("مقاتل", NounClass::Fighter),
    ("عنصر", NounClass::Fighter),
    ("مسلح", NounClass::Fighter),
    ("إرهابي", NounClass::Fighter),
    ("متشدد", NounClass::Fighter),
    ("انتحاري", NounClass::Fighter),
    ("جهادي", NounClass::Fighter),
    ("مطلوب", NounClass::Generic),
    ("مشتبه", NounClass::Generic),
    ("جندي", NounClass::Troop),
    ("عسكري", NounClass::Troop),
    ("ضابط", NounClass::Troop),
    ("شرطي", NounClass::Troop),
    ("منتسب", NounClass::Troop),
    ("مجند", NounClass::Troop),
    ("حارس", NounClass::Troop),
    ("معتقل", NounClass::Prisoner),
    ("سجين", NounClass::Prisoner),
    ("أسير", NounClass::Prisoner),
    ("محتجز", NounClass::Prisoner),
    ("موقوف", NounClass::Prisoner),
    ("رهينة", NounClass::Abducted),
    ("مخطوف", NounClass::Abducted),
    ("مختطف", NounClass::Abducted),
    ("نازح", NounClass::Displaced),
    ("لاجئ", NounClass::Displaced),
];

/// Plural people nouns (and "آخرين"), never a count of one on their own.
const PLURAL_NOUNS: &[(&str, NounClass)] = &[
    ("أشخاص", NounClass::Generic),
    ("مدنيين", NounClass::Generic),
    ("مدنيون", NounClass::Generic),
    ("مواطنين", NounClass::Generic),
    ("مواطنون", NounClass::Generic),
    ("أطفال", NounClass::Generic),
    ("نساء", NounClass::Generic),
    ("رجال", NounClass::Generic),
    ("شبان", NounClass::Generic),
    ("أفراد", NounClass::Generic),
    ("ضحايا", NounClass::Dead),
    ("آخرين", NounClass::Generic),
    ("آخرون", NounClass::Generic),
    ("آخران", NounClass::Generic),
    ("آخرين", NounClass::Generic),
    ("صحفيين", NounClass::Generic),
    ("مسعفين", NounClass::Generic),
    ("عمال", NounClass::Generic),
    ("رعاة", NounClass::Generic),
    ("مزارعين", NounClass::Generic),
    ("طلاب", NounClass::Generic),
    ("موظفين", NounClass::Generic),
    ("مسؤولين", NounClass::Generic),
    ("متظاهرين", NounClass::Generic),
    ("محتجين", NounClass::Generic),
    ("قياديين", NounClass::Fighter),
    ("قادة", NounClass::Generic),
    ("عائلة", NounClass::Generic),
    ("عائلات", NounClass::Generic),
    ("أسرة", NounClass::Generic),
    ("مطلوبين", NounClass::Generic),
    ("مشتبهين", NounClass::Generic),
    ("خاطفين", NounClass::Fighter),
    ("مرافقين", NounClass::Generic),
    ("مرافقي", NounClass::Generic),
    ("مدانين", NounClass::Generic),
    ("قتلى", NounClass::Dead),
    ("شهداء", NounClass::Dead),
    ("جثث", NounClass::Dead),
    ("جرحى", NounClass::Wounded),
    ("مصابين", NounClass::Wounded),
    ("مقاتلين", NounClass::Fighter),
    ("مقاتلون", NounClass::Fighter),
    ("عناصر", NounClass::Fighter),
    ("مسلحين", NounClass::Fighter),
    ("مسلحون", NounClass::Fighter),
    ("إرهابيين", NounClass::Fighter),
    ("متشددين", NounClass::Fighter),
    ("انتحاريين", NounClass::Fighter),
    ("جنود", NounClass::Troop),
    ("عسكريين", NounClass::Troop),
    ("ضباط", NounClass::Troop),
    ("منتسبي", NounClass::Troop),
    ("منتسبين", NounClass::Troop),
    ("مجندين", NounClass::Troop),
    ("حراس", NounClass::Troop),
    ("شرطة", NounClass::Troop),
    ("معتقلين", NounClass::Prisoner),
    ("سجناء", NounClass::Prisoner),
    ("أسرى", NounClass::Prisoner),
    ("محتجزين", NounClass::Prisoner),
    ("موقوفين", NounClass::Prisoner),
    ("رهائن", NounClass::Abducted),
    ("مخطوفين", NounClass::Abducted),
    ("مختطفين", NounClass::Abducted),
    ("نازحين", NounClass::Displaced),
    ("نازح", NounClass::Displaced),
    ("لاجئين", NounClass::Displaced),
];

/// Whether a trigger is a verb (its subject may stand between it and the
/// number) or a noun (only glue words may).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Verb,
    Noun,
}

/// Triggers before the number: what happened, as a verb or a verbal noun.
const TRIGGERS: &[(&str, CountKind, Form)] = &[
    ("مقتل", CountKind::Killed, Form::Noun),
    ("قتل", CountKind::Killed, Form::Verb),
    ("قتلت", CountKind::Killed, Form::Verb),
    ("قتلوا", CountKind::Killed, Form::Verb),
    ("قتلا", CountKind::Killed, Form::Verb),
    ("يقتل", CountKind::Killed, Form::Verb),
    ("استشهاد", CountKind::Killed, Form::Noun),
    ("استشهد", CountKind::Killed, Form::Verb),
    ("استشهدوا", CountKind::Killed, Form::Verb),
    // "ارتقى جنديان": rose (as martyrs), the word of the Syrian and
    // opposition press for killed.
    ("ارتقى", CountKind::Killed, Form::Verb),
    ("ارتقت", CountKind::Killed, Form::Verb),
    ("ارتقاء", CountKind::Killed, Form::Noun),
    ("لقي", CountKind::Killed, Form::Verb),
    ("لقيت", CountKind::Killed, Form::Verb),
    ("مصرع", CountKind::Killed, Form::Noun),
    ("ضحيته", CountKind::Killed, Form::Noun),
    // "راح ضحية الهجمات أمس سبعة مدنيين": the victims follow their cause.
    ("ضحية", CountKind::Killed, Form::Verb),
    ("ضحيتها", CountKind::Killed, Form::Noun),
    ("إعدام", CountKind::Killed, Form::Noun),
    ("اغتيال", CountKind::Killed, Form::Noun),
    ("اغتال", CountKind::Killed, Form::Verb),
    ("اغتالت", CountKind::Killed, Form::Verb),
    ("اغتيل", CountKind::Killed, Form::Verb),
    ("أعدم", CountKind::Killed, Form::Verb),
    ("أعدموا", CountKind::Killed, Form::Verb),
    ("أعدمت", CountKind::Killed, Form::Verb),
    ("تصفية", CountKind::Killed, Form::Noun),
    ("جثث", CountKind::Killed, Form::Noun),
    ("جثة", CountKind::Killed, Form::Noun),
    ("جثامين", CountKind::Killed, Form::Noun),
    ("قتلى", CountKind::Killed, Form::Noun),
    ("الضحايا", CountKind::Killed, Form::Noun),
    ("إصابة", CountKind::Injured, Form::Noun),
    ("إصابات", CountKind::Injured, Form::Noun),
    ("أصيب", CountKind::Injured, Form::Verb),
    ("أصيبت", CountKind::Injured, Form::Verb),
    ("أصيبوا", CountKind::Injured, Form::Verb),
    ("أصابت", CountKind::Injured, Form::Verb),
    ("أصاب", CountKind::Injured, Form::Verb),
    ("جرح", CountKind::Injured, Form::Verb),
    ("جرحا", CountKind::Injured, Form::Verb),
    ("جرحوا", CountKind::Injured, Form::Verb),
    ("جرحى", CountKind::Injured, Form::Noun),
    ("المصابين", CountKind::Injured, Form::Noun),
    ("اعتقال", CountKind::Arrested, Form::Noun),
    ("اعتقل", CountKind::Arrested, Form::Verb),
    ("اعتقلت", CountKind::Arrested, Form::Verb),
    ("القبض", CountKind::Arrested, Form::Noun),
    ("قبض", CountKind::Arrested, Form::Verb),
    ("توقيف", CountKind::Arrested, Form::Noun),
    ("أوقف", CountKind::Arrested, Form::Verb),
    ("أوقفت", CountKind::Arrested, Form::Verb),
    ("احتجاز", CountKind::Arrested, Form::Noun),
    ("احتجز", CountKind::Arrested, Form::Verb),
    ("احتجزت", CountKind::Arrested, Form::Verb),
    ("خطف", CountKind::Kidnapped, Form::Verb),
    ("خطفت", CountKind::Kidnapped, Form::Verb),
    ("اختطاف", CountKind::Kidnapped, Form::Noun),
    ("اختطف", CountKind::Kidnapped, Form::Verb),
    ("اختطفت", CountKind::Kidnapped, Form::Verb),
    ("أسر", CountKind::Kidnapped, Form::Verb),
    ("نزوح", CountKind::Displaced, Form::Noun),
    ("نزح", CountKind::Displaced, Form::Verb),
    ("تهجير", CountKind::Displaced, Form::Noun),
    ("هجر", CountKind::Displaced, Form::Verb),
    ("تشريد", CountKind::Displaced, Form::Noun),
    ("عودة", CountKind::Returned, Form::Noun),
    ("عاد", CountKind::Returned, Form::Verb),
    ("عادت", CountKind::Returned, Form::Verb),
];

/// Triggers right after the counted noun ("لقي خمسة مدنيين حتفهم").
const POST_TRIGGERS: &[(&str, CountKind)] = &[
    ("حتفهم", CountKind::Killed),
    ("حتفه", CountKind::Killed),
    ("حتفهما", CountKind::Killed),
    ("مصرعهم", CountKind::Killed),
    ("مصرعهما", CountKind::Killed),
    ("قتلوا", CountKind::Killed),
    ("قتلا", CountKind::Killed),
    ("قتل", CountKind::Killed),
    ("قتلت", CountKind::Killed),
    ("قضوا", CountKind::Killed),
    ("ارتقوا", CountKind::Killed),
    ("اغتيل", CountKind::Killed),
    ("أصيب", CountKind::Injured),
    ("أصيبت", CountKind::Injured),
    ("لقوا", CountKind::Killed),
    ("سقطوا", CountKind::Killed),
    ("توفوا", CountKind::Killed),
    ("أصيبا", CountKind::Injured),
    ("جرحا", CountKind::Injured),
    ("بجروح", CountKind::Injured),
    ("أصيبوا", CountKind::Injured),
    ("جرحوا", CountKind::Injured),
    ("اعتقلوا", CountKind::Arrested),
    ("خطفوا", CountKind::Kidnapped),
    ("عادت", CountKind::Returned),
    ("عادوا", CountKind::Returned),
    ("نزحت", CountKind::Displaced),
    ("نزحوا", CountKind::Displaced),
    ("اختطفوا", CountKind::Kidnapped),
];

/// Words that may stand between a nominal trigger and its number:
/// qualifiers and the "rose to" of a toll.
const GLUE: &[&str] = &[
    "نحو",
    "حوالي",
    "حوالى",
    "قرابة",
    "زهاء",
    "أكثر",
    "من",
    "على",
    "الأقل",
    "ما",
    "لا",
    "يقل",
    "يزيد",
    "عن",
    "يقارب",
    "يناهز",
    "أزيد",
    "إلى",
    "حصيلة",
    "عدد",
];

/// Nouns that are never people: after a bare trigger and number they mean
/// the number counts something else.
const NON_PEOPLE: &[&str] = &[
    "سيارة",
    "سيارات",
    "آلية",
    "آليات",
    "عربة",
    "عربات",
    "مركبة",
    "مركبات",
    "دبابة",
    "دبابات",
    "مدرعة",
    "مدرعات",
    "منزل",
    "منازل",
    "مبنى",
    "مبان",
    "قذيفة",
    "قذائف",
    "صاروخ",
    "صواريخ",
    "عبوة",
    "عبوات",
    "طائرة",
    "طائرات",
    "كيلومتر",
    "كيلومترات",
    "كم",
    "متر",
    "أمتار",
    "دولار",
    "دينار",
    "ليرة",
    "يوم",
    "أيام",
    "ساعة",
    "ساعات",
    "أسبوع",
    "أسابيع",
    "شهر",
    "أشهر",
    "سنة",
    "سنوات",
    "عام",
    "أعوام",
    "مرة",
    "مرات",
    "هجوم",
    "هجمات",
    "غارة",
    "غارات",
    "قرية",
    "قرى",
    "موقع",
    "مواقع",
    "بالمئة",
    "بالمائة",
];

#[derive(Debug, Clone, Copy)]
struct NounInfo {
    class: NounClass,
    singular: bool,
}

/// What the lexicons say about one matching form (or one token: the first
/// of its clitic candidates that each lexicon knows).
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    noun: Option<NounInfo>,
    trigger: Option<(CountKind, Form)>,
    post: Option<CountKind>,
    non_people: bool,
    head: bool,
}

struct Lexicon {
    nouns: WordMap<String, NounInfo>,
    triggers: WordMap<String, (CountKind, Form)>,
    /// Every form of the noun, trigger, post-trigger, non-people and
    /// construct-head lexicons, with all they say about it: one lookup per
    /// clitic candidate instead of one per lexicon.
    words: WordMap<String, Entry>,
    glue: WordSet<String>,
    not_group: WordSet<String>,
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut nouns = WordMap::default();
    for &(w, class) in PLURAL_NOUNS {
        nouns.insert(
            normalize(w),
            NounInfo {
                class,
                singular: false,
            },
        );
    }
    for &(w, class) in SINGULAR_NOUNS {
        let n = normalize(w);
        let info = NounInfo {
            class,
            singular: true,
        };
        if !w.ends_with('ة') {
            nouns.entry(format!("{n}ا")).or_insert(info);
        }
        nouns.insert(n, info);
    }
    let triggers: WordMap<String, (CountKind, Form)> = TRIGGERS
        .iter()
        .map(|&(w, k, f)| (normalize(w), (k, f)))
        .collect();
    let mut words: WordMap<String, Entry> = WordMap::default();
    for (w, &info) in &nouns {
        words.entry(w.clone()).or_default().noun = Some(info);
    }
    for (w, &t) in &triggers {
        words.entry(w.clone()).or_default().trigger = Some(t);
    }
    // A word listed twice keeps its last row, as a collected map would.
    for &(w, k) in POST_TRIGGERS {
        words.entry(normalize(w)).or_default().post = Some(k);
    }
    for w in NON_PEOPLE {
        words.entry(normalize(w)).or_default().non_people = true;
    }
    for w in CONSTRUCT_HEADS {
        words.entry(normalize(w)).or_default().head = true;
    }
    Lexicon {
        nouns,
        triggers,
        words,
        glue: GLUE.iter().map(|w| normalize(w)).collect(),
        not_group: NOT_GROUP.iter().map(|w| normalize(w)).collect(),
    }
});

impl Lexicon {
    /// What the lexicons say about token `t`: for each lexicon, the entry of
    /// the first clitic candidate it knows (most literal first). Punctuation
    /// and numbers are no lexicon words, but may still be construct heads
    /// (they never are: the heads are all words).
    fn of(&self, t: &Token) -> Entry {
        let mut e = Entry::default();
        for c in clitic_candidates(&t.norm) {
            let Some(x) = self.words.get(c.as_ref()) else {
                continue;
            };
            e.noun = e.noun.or(x.noun);
            e.trigger = e.trigger.or(x.trigger);
            e.post = e.post.or(x.post);
            e.non_people |= x.non_people;
            e.head |= x.head;
        }
        if t.kind != TokenKind::Word {
            e = Entry {
                head: e.head,
                ..Entry::default()
            };
        }
        e
    }

    fn is_glue(&self, t: &Token) -> bool {
        t.kind == TokenKind::Word && self.glue.contains(&t.norm)
    }
}

/// The tokens of a body with their lexicon entries, looked up once per
/// token (the scanner asks about the same token many times).
struct Doc<'a> {
    toks: &'a [Token],
    lex: Vec<Entry>,
}

/// Nouns that head a construct naming the force ("منتسبي الحشد",
/// "عناصر الشرطة"): the definite word after them belongs to "who".
const CONSTRUCT_HEADS: &[&str] = &[
    "منتسبي",
    "مقاتلي",
    "مسلحي",
    "عناصر",
    "عنصر",
    "أفراد",
    "ضباط",
    "قادة",
    "جنود",
    "عمال",
    "قوات",
    "صفوف",
    "أبناء",
    "أهالي",
    "سكان",
];

/// Words after "من" that do not name a group ("جثة طفل من تحت الأنقاض").
const NOT_GROUP: &[&str] = &[
    "تحت",
    "بين",
    "داخل",
    "خارج",
    "خلال",
    "قبل",
    "بعد",
    "جراء",
    "أجل",
    "أصل",
    "جهة",
    "قبل",
    "دون",
    "حيث",
    "جديد",
    "بينهم",
    "ضمن",
    "أبرز",
    "هؤلاء",
];

/// The "who" phrase that starts at token `i` (a people noun): the noun, the
/// definite genitive after a construct head ("منتسبي الحشد"), and "من X"
/// after it ("عنصر من داعش"), with one more word when X is itself a
/// construct noun ("من منتسبي الحشد"). Returns the span and the last token.
fn who_phrase(d: &Doc, i: usize) -> ((usize, usize), usize) {
    let toks = d.toks;
    let is_head = |k: usize| d.lex[k].head;
    let definite_next = |k: usize| {
        toks.get(k + 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.norm.starts_with("ال")
                && !matches!(t.norm.as_str(), "الذي" | "التي" | "الذين" | "اللذين")
        })
    };
    let mut last = i;
    if is_head(i) && definite_next(i) {
        return ((toks[i].start, toks[i + 1].end), i + 1);
    }
    if toks.get(i + 1).is_some_and(|t| t.norm == "من")
        && toks
            .get(i + 2)
            .is_some_and(|t| t.kind == TokenKind::Word && !LEX.not_group.contains(&t.norm))
    {
        last = i + 2;
        if is_head(i + 2) && definite_next(i + 2) {
            last = i + 3;
        }
    }
    ((toks[i].start, toks[last].end), last)
}

/// Every reported quantity of people in `body`, left to right.
pub fn find_counts(body: &str) -> Vec<CountMention> {
    find_counts_in(body, &tokenize(body))
}

/// [`find_counts`] for a caller that has the body's tokens already
/// (`tokens` must be [`tokenize`]`(body)`): the body is not tokenised again.
pub fn find_counts_in(body: &str, tokens: &[Token]) -> Vec<CountMention> {
    let toks = tokens;
    let readings = numbers::find_numbers(body);
    // Token index where each reading starts → reading.
    let mut reading_at: Vec<Option<&NumberReading>> = vec![None; toks.len()];
    let mut in_reading = vec![false; toks.len()];
    // Readings and tokens both run left to right: one walk pairs them.
    let mut first = 0;
    for r in &readings {
        while first < toks.len() && toks[first].end <= r.start {
            first += 1;
        }
        if let Some(t) = toks.get(first)
            && t.start <= r.start
        {
            reading_at[first] = Some(r);
            for (j, t) in toks.iter().enumerate().skip(first) {
                if t.start >= r.end {
                    break;
                }
                in_reading[j] = true;
            }
        }
    }
    let d = Doc {
        lex: toks.iter().map(|t| LEX.of(t)).collect(),
        toks,
    };
    let mut out: Vec<CountMention> = Vec::new();
    // (kind, index of the last token) of the count just emitted.
    let mut last: Option<(CountKind, usize)> = None;
    let mut i = 0;
    while i < toks.len() {
        if let Some(r) = reading_at[i] {
            let next = read_number_count(&d, i, r, &in_reading, last);
            if let Some((m, end_tok)) = next {
                last = Some((m.kind, end_tok));
                out.push(m);
                i = end_tok + 1;
            } else {
                i += 1;
                while i < toks.len() && in_reading[i] && reading_at[i].is_none() {
                    i += 1;
                }
            }
            continue;
        }
        if let Some((m, end_tok)) = count_of_one(&d, i, &in_reading, last) {
            last = Some((m.kind, end_tok));
            out.push(m);
            i = end_tok + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// A count of one person with no number: "مقتل أحد المارة", "وأصيب ثالث",
/// "اغتال مسلحون قيادياً", "أحد الخاطفين أصيب", "أن جنديا أميركيا قتل",
/// "وامرأتين وطفلا", "ما أدى إلى مقتله", "مقتل جندي". Returns the count and
/// its last token.
fn count_of_one(
    d: &Doc,
    i: usize,
    in_reading: &[bool],
    last: Option<(CountKind, usize)>,
) -> Option<(CountMention, usize)> {
    let toks = d.toks;
    let free = |k: usize| !in_reading.get(k).copied().unwrap_or(true);
    let one = |kind, who, start, end| CountMention {
        kind,
        value: Some(1),
        who,
        start,
        end,
        qualifier: None,
    };
    // "مقتل أحد المارة", "قتل أحد أفراد البيشمركة": one of a group.
    if let Some((kind, _)) = d.lex[i].trigger
        && toks.get(i + 1).is_some_and(|t| free(i + 1) && is_one_of(t))
        && toks.get(i + 2).is_some_and(|t| t.kind == TokenKind::Word)
    {
        let (who, end_tok) = who_phrase(d, i + 2);
        return Some((
            one(kind, Some(who), toks[i].start, toks[end_tok].end),
            end_tok,
        ));
    }
    if let Some((kind, _)) = d.lex[i].trigger
        && toks
            .get(i + 1)
            .is_some_and(|t| free(i + 1) && is_one_more(t))
    {
        return Some((
            one(
                kind,
                Some((toks[i + 1].start, toks[i + 1].end)),
                toks[i].start,
                toks[i + 1].end,
            ),
            i + 1,
        ));
    }
    // "أصاب متظاهرون شرطيا", "قتل مسلحون مدنيا": a verb, its subject,
    // and one person as its object (the accusative "-ا" says so).
    if let Some((kind, Form::Verb)) = d.lex[i].trigger
        && let Some(k) = (i + 2..toks.len().min(i + 9)).find(|&k| {
            // The accusative "-ا", or the head of a construct, which takes
            // none ("اغتال مسلحون، مساء أمس، مختار قرية …").
            let construct = toks
                .get(k + 1)
                .is_some_and(|n| n.kind == TokenKind::Word && d.lex[k + 1].noun.is_none())
                && k > 0
                && matches!(toks[k - 1].norm.as_str(), "،" | ",");
            free(k)
                && (toks[k].norm.ends_with('ا') || construct)
                && !is_definite(&toks[k].norm)
                && d.lex[k].noun.is_some_and(|x| x.singular)
        })
        && (i + 1..k).all(|m| {
            // The subject, and a time phrase set off by commas
            // ("اغتال مسلحون، مساء الخميس، قيادياً").
            let comma = matches!(toks[m].norm.as_str(), "،" | ",");
            comma
                || (free(m)
                    && toks[m].kind == TokenKind::Word
                    && d.lex[m].trigger.is_none()
                    && d.lex[m].noun.is_none_or(|x| !x.singular))
        })
    {
        let (who, end_tok) = who_phrase(d, k);
        return Some((
            one(kind, Some(who), toks[i].start, toks[end_tok].end),
            end_tok,
        ));
    }
    // "أحد الخاطفين أصيب": one of them, then what happened to them.
    if free(i)
        && is_one_of(&toks[i])
        && toks.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word)
        && let Some((kind, at)) = post_trigger(d, i + 1).filter(|&(_, at)| at <= i + 3)
    {
        return Some((
            one(
                kind,
                Some((toks[i].start, toks[i + 1].end)),
                toks[i].start,
                toks[at].end,
            ),
            at,
        ));
    }
    // "وكان شاب يعمل في محل قد قُتل": "كان", one person and what is said of
    // them, then "قد" and what happened to them.
    if free(i)
        && matches!(toks[i].norm.as_str(), "كان" | "وكان" | "كانت" | "وكانت")
        && let Some(n) = toks.get(i + 1)
        && free(i + 1)
        && !is_definite(&n.norm)
        && d.lex[i + 1].noun.is_some_and(|x| x.singular)
        && let Some(q) = (i + 2..toks.len().min(i + 11))
            .take_while(|&k| toks[k].kind == TokenKind::Word && d.lex[k].trigger.is_none())
            .find(|&k| toks[k].norm == "قد")
        && let Some((kind, Form::Verb)) = d.lex.get(q + 1).and_then(|e| e.trigger)
    {
        return Some((
            one(
                kind,
                Some((toks[i + 1].start, toks[i + 1].end)),
                toks[i + 1].start,
                toks[q + 1].end,
            ),
            q + 1,
        ));
    }
    // "أن جنديا أميركيا قتل": one person, then what happened to them.
    if free(i)
        && !is_definite(&toks[i].norm)
        && !toks[i].norm.starts_with('و')
        && d.lex[i].noun.is_some_and(|x| x.singular)
        && let Some((kind, at)) = post_trigger(d, i).filter(|&(_, at)| at <= i + 2)
    {
        return Some((
            one(
                kind,
                Some((toks[i].start, toks[i].end)),
                toks[i].start,
                toks[at].end,
            ),
            at,
        ));
    }
    // "مقتل قيادي في "داعش" ومرافقه", "اغتيال المختار ونجله": a companion
    // named through the person just counted is one more, whatever stands
    // between them in the clause.
    if let Some((kind, end_tok)) = last
        && end_tok < i
        && i - end_tok <= 8
        && free(i)
        && is_companion(&toks[i].norm)
        && (end_tok + 1..i).all(|m| {
            d.lex[m].trigger.is_none() && !matches!(toks[m].norm.as_str(), "،" | "," | "." | "؛")
        })
    {
        return Some((
            one(
                kind,
                Some((toks[i].start, toks[i].end)),
                toks[i].start,
                toks[i].end,
            ),
            i,
        ));
    }
    // "خمسة مسلحين وامرأتين وطفلا", "ضابط برتبة نقيب وجندي": one more,
    // joined to the count just before (a rank or a short qualifier between).
    if let Some((kind, end_tok)) = last
        && end_tok < i
        && i - end_tok <= 3
        && (end_tok + 1..i).all(|m| d.lex[m].trigger.is_none() && d.lex[m].noun.is_none())
        && free(i)
        && toks[i].norm.starts_with('و')
        && d.lex[i].noun.is_some_and(|x| x.singular)
        && toks[end_tok + 1..i]
            .iter()
            .all(|t| t.kind == TokenKind::Word)
    {
        let (who, end_tok) = who_phrase(d, i);
        return Some((
            one(kind, Some(who), toks[i].start, toks[end_tok].end),
            end_tok,
        ));
    }
    // "ما أدى إلى مقتله", "أعلن عن اعتقالها": a nominal trigger with a
    // singular pronoun is one person.
    if let Some((kind, Form::Noun)) = singular_pronoun_trigger(&toks[i])
        && free(i)
    {
        return Some((one(kind, None, toks[i].start, toks[i].end), i));
    }
    // A trigger and a singular people noun with no number: one person.
    if let Some((kind, _)) = d.lex[i].trigger
        && free(i + 1)
        && let Some(info) = d.lex[i + 1].noun.filter(|x| x.singular)
    {
        let kind = resolve_kind(Some(kind), info.class);
        let (who, end_tok) = who_phrase(d, i + 1);
        return Some((
            one(kind, Some(who), toks[i].start, toks[end_tok].end),
            end_tok,
        ));
    }
    None
}

/// "ومرافقه", "ونجله", "وسائقها": "و", a companion noun and a singular
/// possessive, one person named through another.
fn is_companion(norm: &str) -> bool {
    let Some(w) = norm.strip_prefix('و') else {
        return false;
    };
    let Some(stem) = w.strip_suffix('ه').or_else(|| w.strip_suffix("ها")) else {
        return false;
    };
    // Matched normalised: "سائق" reads "سايق".
    matches!(
        stem,
        "مرافق"
            | "سايق"
            | "زوجت"
            | "زوج"
            | "نجل"
            | "ابن"
            | "شقيق"
            | "حارس"
            | "ابنت"
            | "شقيقت"
    )
}

/// The kind of a count: the trigger's, else the noun's.
fn resolve_kind(trigger: Option<CountKind>, class: NounClass) -> CountKind {
    trigger.unwrap_or(class.kind())
}

/// The word (after "و"/"ف"/"ب") carries the article: "المسلحون", "وللجنود".
fn is_definite(norm: &str) -> bool {
    let w = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .unwrap_or(norm);
    let w = w.strip_prefix('ب').unwrap_or(w);
    w.starts_with("ال") || w.starts_with("لل")
}

/// The counted noun: its class, the "who" span, and its last token.
type Noun = (NounClass, Option<(usize, usize)>, usize);

/// Reads a count around the number at token `i`; returns it and its last
/// token index.
fn read_number_count(
    d: &Doc,
    i: usize,
    r: &NumberReading,
    in_reading: &[bool],
    last: Option<(CountKind, usize)>,
) -> Option<(CountMention, usize)> {
    let toks = d.toks;
    if r.percent || r.decimal.is_some() || (r.value.is_none() && !r.approximate_plural) {
        return None;
    }
    // Last token of the number.
    let mut j = i;
    while j + 1 < toks.len() && toks[j + 1].start < r.end {
        j += 1;
    }
    // Who: the dual noun itself, or a people noun after the number.
    let mut noun: Option<Noun> = None;
    if r.dual {
        let class = r
            .dual_of
            .and_then(|s| LEX.nouns.get(&normalize(s)).map(|x| x.class))
            .unwrap_or(NounClass::Generic);
        // "قتيلين" names what happened, not who.
        let who = (!matches!(class, NounClass::Dead | NounClass::Wounded))
            .then_some((toks[j].start, toks[j].end));
        noun = Some((class, who, j));
    } else if let Some(n) = toks.get(j + 1) {
        if let Some(info) = d.lex[j + 1].noun.or_else(|| nisba_plural(n)) {
            let (who, end) = who_phrase(d, j + 1);
            noun = Some((info.class, Some(who), end));
        } else if n.norm == "من"
            && let Some(info) = d.lex.get(j + 2).and_then(|e| e.noun)
        {
            let (who, end) = who_phrase(d, j + 2);
            noun = Some((info.class, Some(who), end));
        } else if n.norm == "من"
            && let Some(g) = toks.get(j + 2)
            && g.kind == TokenKind::Word
            && g.norm.starts_with("ال")
            && !d.lex[j + 2].non_people
            && !LEX.not_group.contains(&g.norm)
        {
            // "ثلاثة من البيشمركة": some of a named group are people.
            noun = Some((NounClass::Generic, Some((g.start, g.end)), j + 2));
        }
    }
    // The noun may come first: "إرهابيين اثنين", "جنود ثلاثة".
    let mut k = i;
    if noun.is_none()
        && !r.digits
        && i > 0
        && !in_reading[i - 1]
        && toks[i].start == r.start
        && d.lex[i - 1].trigger.is_none()
        && !is_definite(&toks[i - 1].norm)
        && !d
            .lex
            .get(j + 1)
            .is_some_and(|e| e.non_people || e.noun.is_some())
        && let Some(info) = d.lex[i - 1].noun.filter(|x| !x.singular)
    {
        noun = Some((info.class, Some((toks[i - 1].start, toks[i - 1].end)), j));
        k = i - 1;
    }
    // Trigger before the number.
    let mut trigger: Option<(CountKind, usize)> = None;
    let mut gap = 0;
    let first = k;
    let number_is_clitic = toks[i].start < r.start;
    // Tokens of a time phrase set off by commas, stepped over.
    let mut aside_len = 0;
    while k > 0 && first - k < 7 + aside_len {
        k -= 1;
        let t = &toks[k];
        // "أعدم عناصر من التنظيم، أمس الخميس، ثلاثة مدنيين": a verb's
        // object after its subject and a time phrase between commas.
        if aside_len == 0
            && noun.is_some()
            && let Some(open) = aside_before(d, k, in_reading)
        {
            aside_len = k - open + 1;
            k = open;
            continue;
        }
        if t.kind != TokenKind::Word || in_reading[k] {
            break;
        }
        if let Some((kind, form)) = d.lex[k].trigger {
            if gap == 0 || (form == Form::Verb && noun.is_some()) {
                // "مقتل وإصابة عشرة": killed and injured together, not either.
                let pair = k
                    .checked_sub(1)
                    .and_then(|p| d.lex[p].trigger.map(|(pk, _)| (pk, p)))
                    .filter(|&(pk, p)| {
                        pk != kind && t.norm.starts_with('و') && last.is_none_or(|(_, e)| p > e)
                    });
                trigger = Some(match pair {
                    Some((_, p)) => (CountKind::Other, p),
                    None => (kind, k),
                });
            }
            break;
        }
        if LEX.is_glue(t) {
            continue;
        }
        // A verb's subject may hold people nouns ("قتل مهاجم انتحاري 47
        // شخصا"), but a coordinated one starts another phrase.
        let coordinated = t.norm.starts_with('و') && d.lex[k].noun.is_some();
        if t.norm == "و" || coordinated || gap >= 3 || noun.is_none() {
            break;
        }
        gap += 1;
    }
    // A number joined by "و" to a count a few words before it, in the same
    // clause, takes its kind ("مقتل القيادي أبو محمد وثلاثة من مرافقيه").
    let joined = last.and_then(|(kind, end_tok)| {
        let and = number_is_clitic || (i >= 1 && toks[i - 1].norm == "و");
        let close = end_tok < i
            && i - end_tok <= 6
            && (end_tok + 1..i)
                .all(|m| toks[m].kind == TokenKind::Word && d.lex[m].trigger.is_none());
        (and && close && trigger.is_none()).then_some(kind)
    });
    // "بينهم امرأتان": a part of the count just before, of its kind.
    let subset = last.and_then(|(kind, end_tok)| {
        let p = first.checked_sub(1)?;
        let word = toks[p].norm.trim_start_matches('و');
        (matches!(
            word,
            "بينهم" | "منهم" | "بينها" | "منها" | "بينهما" | "منهما"
        ) && end_tok + 3 >= p)
            .then_some(kind)
    });
    let joined = joined.or(subset);
    let mut end_tok = noun.map(|n| n.2).unwrap_or(j);
    let post = post_trigger(d, end_tok);
    if let Some((_, at)) = post
        && trigger.is_none()
    {
        end_tok = at;
    }
    let post = post.map(|(kind, _)| kind);
    // "6 قتلى و18 جريحا": a noun that names the outcome outranks a kind
    // inherited from the count before it.
    let named = noun.and_then(|(class, _, _)| match class {
        NounClass::Dead => Some(CountKind::Killed),
        NounClass::Wounded => Some(CountKind::Injured),
        _ => None,
    });
    let kind = match (trigger, joined, post, noun) {
        (Some((kind, _)), _, _, _) => kind,
        (None, _, _, _) if named.is_some() => named.unwrap_or(CountKind::Other),
        (None, Some(kind), _, _) => kind,
        (None, None, Some(kind), _) => kind,
        (None, None, None, Some((class, _, _))) => class.kind(),
        (None, None, None, None) => return None,
    };
    if noun.is_none() {
        // A bare number needs a trigger right before it (or a joined count),
        // and must not count things or be a year.
        let next = toks.get(j + 1);
        if next.is_some() && d.lex[j + 1].non_people
            || (r.digits && r.value.is_some_and(|v| (1900..=2100).contains(&v)))
        {
            return None;
        }
        if trigger.is_none() && joined.is_none() {
            return None;
        }
    }
    let mut start = trigger.map(|(_, k)| toks[k].start).unwrap_or(if first < i {
        toks[first].start
    } else {
        r.start
    });
    if let Some((qs, _)) = r.qualifier_span {
        start = start.min(qs);
    }
    let end = toks[end_tok].end.max(r.end);
    let who = noun.and_then(|n| n.1);
    Some((
        CountMention {
            kind,
            value: r.value,
            who,
            start,
            end,
            qualifier: r.qualifier,
        },
        end_tok,
    ))
}

/// Where a time phrase set off by commas opens, when token `close` is the
/// comma that ends it ("، مساء الخميس،"): up to four words with no trigger,
/// people noun or number between the two commas.
fn aside_before(d: &Doc, close: usize, in_reading: &[bool]) -> Option<usize> {
    let toks = d.toks;
    let comma = |k: usize| matches!(toks[k].norm.as_str(), "،" | ",");
    if !comma(close) {
        return None;
    }
    let lo = close.saturating_sub(5);
    let open = (lo..close)
        .rev()
        .find(|&k| toks[k].kind != TokenKind::Word || in_reading[k])?;
    (comma(open)
        && close - open >= 2
        && (open + 1..close)
            .all(|m| d.lex[m].trigger.is_none() && d.lex[m].noun.is_none() && !in_reading[m]))
    .then_some(open)
}

/// A predicate after the counted noun that says what happened to them, up
/// to four words on ("ثلاثين متمردا قتلوا", "جنديين اسبانيين قتلا",
/// "خمسة مدنيين على الأقل لقوا حتفهم", "كان 5 متظاهرين قد سقطوا"): the
/// kind and the token it is at. Punctuation, numbers, people nouns and
/// other triggers end the search.
fn post_trigger(d: &Doc, end_tok: usize) -> Option<(CountKind, usize)> {
    for (k, t) in d.toks.iter().enumerate().skip(end_tok + 1).take(4) {
        if t.kind != TokenKind::Word {
            return None;
        }
        let e = &d.lex[k];
        if let Some(kind) = e.post {
            return Some((kind, k));
        }
        if e.trigger.is_some() || e.noun.is_some() || t.norm.starts_with('و') {
            return None;
        }
    }
    None
}

/// A nisba plural of people not in the lexicon ("فلسطينيين", "عراقيون",
/// "أفغانيين") after a number: a generic people noun. Large-number words
/// spelt the same way ("ملايين") are not.
fn nisba_plural(t: &Token) -> Option<NounInfo> {
    const NOT_PEOPLE: &[&str] = &["ملايين", "بلايين", "مليارين", "مليونين"];
    let w = t.norm.as_str();
    let nisba = (w.ends_with("يين") || w.ends_with("يون")) && w.chars().count() >= 6;
    (t.kind == TokenKind::Word && nisba && !NOT_PEOPLE.contains(&w)).then_some(NounInfo {
        class: NounClass::Generic,
        singular: false,
    })
}

/// A nominal trigger carrying a singular pronoun ("مقتله", "إصابتها",
/// "اعتقاله"): what happened to one person named before.
fn singular_pronoun_trigger(t: &Token) -> Option<(CountKind, Form)> {
    if t.kind != TokenKind::Word {
        return None;
    }
    let w = t.norm.trim_start_matches(['و', 'ف', 'ل', 'ب']);
    let stem = w.strip_suffix("ها").or_else(|| w.strip_suffix('ه'))?;
    // "إصابته" → "إصابة": the ta marbuta comes back before a suffix.
    let stem_t = stem.strip_suffix('ت').map(|s| format!("{s}ه"));
    [Some(stem.to_string()), stem_t]
        .into_iter()
        .flatten()
        .filter_map(|c| LEX.triggers.get(&c).copied())
        .find(|&(kind, form)| {
            form == Form::Noun
                && matches!(
                    kind,
                    CountKind::Killed
                        | CountKind::Injured
                        | CountKind::Arrested
                        | CountKind::Kidnapped
                )
        })
}

/// "أحد"/"إحدى" after a trigger: one person of a group ("مقتل أحد المارة",
/// "إصابة أحد عناصر الشرطة").
fn is_one_of(t: &Token) -> bool {
    matches!(t.norm.as_str(), "احد" | "احدي")
}

/// "وأصيب ثالث بجروح": an indefinite ordinal after a trigger is one more
/// person (the others were counted before it).
fn is_one_more(t: &Token) -> bool {
    matches!(
        t.norm.as_str(),
        "ثان"
            | "ثالث"
            | "رابع"
            | "خامس"
            | "سادس"
            | "ثانيا"
            | "ثالثا"
            | "رابعا"
            | "خامسا"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(s: &str, a: usize, b: usize) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    /// Each count as "kind value «phrase» who", value "-" for None.
    fn show(text: &str) -> Vec<String> {
        find_counts(text)
            .iter()
            .map(|m| {
                let v = m.value.map_or("-".to_string(), |v| v.to_string());
                let who = m.who.map_or(String::new(), |(a, b)| slice(text, a, b));
                format!(
                    "{} {} «{}» {}",
                    m.kind.as_str(),
                    v,
                    slice(text, m.start, m.end),
                    who
                )
                .trim_end()
                .to_string()
            })
            .collect()
    }

    #[test]
    fn given_tokens_read_like_the_body() {
        let text = "قتل خمسة مدنيين وأصيب ثلاثة آخرون بجروح، فيما اعتقلت الشرطة 12 مشتبها بهم.";
        let toks = tokenize(text);
        let got = find_counts_in(text, &toks);
        assert_eq!(got, find_counts(text));
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            // The predicate after the people: passive verbs a few words on.
            (
                "وذكر البيان أن ثلاثين مسلحا قتلوا في الغارات.",
                &["killed 30 «ثلاثين مسلحا قتلوا» مسلحا"],
            ),
            (
                "قال الجيش إن جنديين اثنين قتلا وأصيب ثالث بجروح.",
                &[
                    "killed 2 «جنديين اثنين قتلا» جنديين",
                    "injured 1 «وأصيب ثالث» ثالث",
                ],
            ),
            (
                "وكان أربعة متظاهرين على الأقل قد سقطوا برصاص الأمن.",
                &["killed 4 «أربعة متظاهرين على الأقل قد سقطوا» متظاهرين"],
            ),
            (
                "وأعلن الجيش أن جنديا أميركيا قتل في الانفجار.",
                &["killed 1 «جنديا أميركيا قتل» جنديا"],
            ),
            (
                "وأضاف أن أحد الخاطفين أصيب خلال الاشتباك.",
                &["injured 1 «أحد الخاطفين أصيب» أحد الخاطفين"],
            ),
            // A verb, its subject, and a number or one person as its object.
            (
                "وقتل مهاجم انتحاري 47 شخصا في السوق.",
                &["killed 47 «وقتل مهاجم انتحاري 47 شخصا» شخصا"],
            ),
            (
                "اغتال مسلحون مجهولون، مساء الخميس، قيادياً سابقاً في درعا.",
                &["killed 1 «اغتال مسلحون مجهولون، مساء الخميس، قيادياً» قيادياً"],
            ),
            // A time phrase between commas after the subject.
            (
                "أعدم مسلحون من التنظيم، فجر الجمعة، أربعة رعاة قرب البلدة.",
                &["killed 4 «أعدم مسلحون من التنظيم، فجر الجمعة، أربعة رعاة» رعاة"],
            ),
            (
                "وخطفت عصابة مسلحة، مساء أمس، سبعة عمال في الطريق إلى المعمل.",
                &["kidnapped 7 «وخطفت عصابة مسلحة، مساء أمس، سبعة عمال» عمال"],
            ),
            (
                "اغتال مجهولون، فجر الاثنين، شيخ عشيرة في ريف الحسكة.",
                &["killed 1 «اغتال مجهولون، فجر الاثنين، شيخ» شيخ"],
            ),
            (
                "وقتل ضابط برتبة ملازم وشرطي بانفجار العبوة.",
                &["killed 1 «وقتل ضابط» ضابط", "killed 1 «وشرطي» وشرطي"],
            ),
            (
                "وكانت سيدة تعمل في مستوصف البلدة قد أصيبت برصاص قناص.",
                &["injured 1 «سيدة تعمل في مستوصف البلدة قد أصيبت» سيدة"],
            ),
            // Dual nouns of the defective kind, and bodies found.
            (
                "ولقي راعيان حتفهما بانفجار لغم في البادية.",
                &["killed 2 «ولقي راعيان» راعيان"],
            ),
            (
                "وعثر الأهالي على جثتين في بئر مهجورة.",
                &["killed 2 «جثتين»"],
            ),
            (
                "وأصاب محتجون شرطيا بالحجارة.",
                &["injured 1 «وأصاب محتجون شرطيا» شرطيا"],
            ),
            (
                "أدى الانفجار إلى مقتل أحد المارة.",
                &["killed 1 «مقتل أحد المارة» المارة"],
            ),
            (
                "وراح ضحية القصف أمس سبعة فلسطينيين.",
                &["killed 7 «ضحية القصف أمس سبعة فلسطينيين» فلسطينيين"],
            ),
            (
                "قتل فيه ثلاثة من البيشمركة ومدنيان.",
                &[
                    "killed 3 «قتل فيه ثلاثة من البيشمركة» البيشمركة",
                    "killed 2 «مدنيان» ومدنيان",
                ],
            ),
            (
                "وكان القتلى خمسة مسلحين وامرأتين وطفلا.",
                &[
                    "killed 5 «القتلى خمسة مسلحين» مسلحين",
                    "killed 2 «امرأتين» وامرأتين",
                    "killed 1 «وطفلا» وطفلا",
                ],
            ),
            (
                "خلفت السيارة المفخخة 6 قتلى و18 جريحا.",
                &["killed 6 «6 قتلى» قتلى", "injured 18 «18 جريحا» جريحا"],
            ),
            // A singular pronoun on the trigger: one person.
            (
                "أطلقت القوة النار عليه ما أدى إلى مقتله.",
                &["killed 1 «مقتله»"],
            ),
            ("وأكد المصدر إصابتها بجروح.", &["injured 1 «إصابتها»"]),
            // Not a person: "مقتلهم" has no number.
            ("وأكد مقتلهم جميعا.", &[]),
            (
                "قتل ثلاثة وأصيب آخران.",
                &["killed 3 «قتل ثلاثة»", "injured 2 «وأصيب آخران» آخران"],
            ),
            // Killed.
            (
                "أعلنت الشرطة مقتل 12 عنصرا من التنظيم في الكمين.",
                &["killed 12 «مقتل 12 عنصرا من التنظيم» عنصرا من التنظيم"],
            ),
            (
                "قتل عشرون مسلحا على الأقل في الاشتباكات.",
                &["killed 20 «قتل عشرون مسلحا» مسلحا"],
            ),
            (
                "انفجرت سيارة مفخخة راح ضحيتها ثمانية مدنيين وسط السوق.",
                &["killed 8 «ضحيتها ثمانية مدنيين» مدنيين"],
            ),
            (
                "أسفر القصف عن مقتل ستة أشخاص في القرية.",
                &["killed 6 «مقتل ستة أشخاص» أشخاص"],
            ),
            ("خلف الانفجار قتيلين في صفوف المارة.", &["killed 2 «قتيلين»"]),
            (
                "أدى الهجوم إلى سقوط ثلاثة قتلى.",
                &["killed 3 «ثلاثة قتلى» قتلى"],
            ),
            ("قُتل طفلان بانفجار لغم أرضي.", &["killed 2 «قُتل طفلان» طفلان"]),
            (
                "لقي خمسة مدنيين حتفهم جراء الغارة.",
                &["killed 5 «لقي خمسة مدنيين» مدنيين"],
            ),
            (
                "عثرت فرق الإنقاذ على جثث سبعة في البئر.",
                &["killed 7 «جثث سبعة»"],
            ),
            (
                "ارتفعت حصيلة القتلى إلى 15 مساء الأحد.",
                &["killed 15 «القتلى إلى 15»"],
            ),
            (
                "أكدت المصادر مقتل جندي في الهجوم.",
                &["killed 1 «مقتل جندي» جندي"],
            ),
            (
                "خمسة مدنيين قتلوا في القصف.",
                &["killed 5 «خمسة مدنيين قتلوا» مدنيين"],
            ),
            (
                "أعلنت الوزارة مقتل عشرات المسلحين في العملية.",
                &["killed - «مقتل عشرات المسلحين» المسلحين"],
            ),
            (
                "قتل نحو ٣٠ مسلحا في المعارك.",
                &["killed 30 «قتل نحو ٣٠ مسلحا» مسلحا"],
            ),
            // Coordination: reported as written, never summed.
            (
                "أعلن الحشد استشهاد ضابط واثنين من منتسبي الحشد.",
                &[
                    "killed 1 «استشهاد ضابط» ضابط",
                    "killed 2 «اثنين من منتسبي الحشد» منتسبي الحشد",
                ],
            ),
            (
                "أسفر التفجير عن مقتل ثلاثة جنود وإصابة خمسة آخرين بجروح.",
                &[
                    "killed 3 «مقتل ثلاثة جنود» جنود",
                    "injured 5 «وإصابة خمسة آخرين» آخرين",
                ],
            ),
            // "ارتقى" (rose as martyrs) is killed.
            (
                "ارتقى ثلاثة عناصر من الجيش وأصيب آخران بقصف على نقطتهم.",
                &[
                    "killed 3 «ارتقى ثلاثة عناصر من الجيش» عناصر من الجيش",
                    "injured 2 «وأصيب آخران» آخران",
                ],
            ),
            (
                "أسفر القصف عن ارتقاء خمسة مدنيين.",
                &["killed 5 «ارتقاء خمسة مدنيين» مدنيين"],
            ),
            (
                "وكان سبعة مقاتلين ارتقوا في المعارك.",
                &["killed 7 «سبعة مقاتلين ارتقوا» مقاتلين"],
            ),
            // Injured.
            ("جرح أربعة في الاشتباك.", &["injured 4 «جرح أربعة»"]),
            ("أصيب ثلاثة بجروح طفيفة.", &["injured 3 «أصيب ثلاثة»"]),
            (
                "أدى الحادث إلى إصابة شخصين.",
                &["injured 2 «إصابة شخصين» شخصين"],
            ),
            ("نقل جريحين إلى المستشفى.", &["injured 2 «جريحين»"]),
            (
                "أسفر القصف عن إصابة مدني في الحي.",
                &["injured 1 «إصابة مدني» مدني"],
            ),
            // Arrested, kidnapped.
            (
                "أعلنت القوات اعتقال 12 مشتبها بهم.",
                &["arrested 12 «اعتقال 12 مشتبها» مشتبها"],
            ),
            (
                "تمكنت الشرطة من القبض على خمسة مطلوبين.",
                &["arrested 5 «القبض على خمسة مطلوبين» مطلوبين"],
            ),
            (
                "اعتقلت القوات الأمنية سبعة مشتبهين في المدينة.",
                &["arrested 7 «اعتقلت القوات الأمنية سبعة مشتبهين» مشتبهين"],
            ),
            (
                "أقدم مسلحون على اختطاف ثلاثة رعاة قرب الحدود.",
                &["kidnapped 3 «اختطاف ثلاثة رعاة» رعاة"],
            ),
            // Displaced, returned.
            (
                "تسببت المعارك في نزوح 3000 شخص.",
                &["displaced 3000 «نزوح 3000 شخص» شخص"],
            ),
            (
                "شهد الأسبوع عودة 500 عائلة إلى بلداتها.",
                &["returned 500 «عودة 500 عائلة» عائلة"],
            ),
            // Fighters, troops, prisoners.
            (
                "يضم الفصيل ثلاثة آلاف مقاتل.",
                &["fighters 3000 «ثلاثة آلاف مقاتل» مقاتل"],
            ),
            (
                "ينتشر نحو 200 عنصر من داعش في الصحراء.",
                &["fighters 200 «نحو 200 عنصر من داعش» عنصر من داعش"],
            ),
            (
                "تنشر واشنطن 2500 جندي أمريكي في العراق.",
                &["troops 2500 «2500 جندي» جندي"],
            ),
            (
                "يضم المخيم 10 آلاف معتقل.",
                &["prisoners 10000 «10 آلاف معتقل» معتقل"],
            ),
            (
                "أسفر الانفجار عن مقتل وإصابة عشرة أشخاص.",
                &["other 10 «مقتل وإصابة عشرة أشخاص» أشخاص"],
            ),
            (
                "قتل 3 وجرح 5 في الهجوم.",
                &["killed 3 «قتل 3»", "injured 5 «وجرح 5»"],
            ),
            (
                "وكان بين القتلى ثلاثة أطفال.",
                &["killed 3 «القتلى ثلاثة أطفال» أطفال"],
            ),
            (
                "قتل الجيش 15 إرهابيا في عملية نوعية.",
                &["killed 15 «قتل الجيش 15 إرهابيا» إرهابيا"],
            ),
            (
                "أصيب 3 عناصر من الشرطة بانفجار عبوة.",
                &["injured 3 «أصيب 3 عناصر من الشرطة» عناصر من الشرطة"],
            ),
            (
                "أعلنت القيادة اعتقال عدد من المطلوبين.",
                &["arrested - «اعتقال عدد من المطلوبين» المطلوبين"],
            ),
            (
                "أدت المعارك إلى نزوح أكثر من 100 شخص.",
                &["displaced 100 «نزوح أكثر من 100 شخص» شخص"],
            ),
            (
                "أفرجت العصابة عن 20 مختطفا.",
                &["kidnapped 20 «20 مختطفا» مختطفا"],
            ),
            (
                "شارك 500 متظاهر في الاحتجاج.",
                &["other 500 «500 متظاهر» متظاهر"],
            ),
            (
                "قتل جنديان عراقيان بقصف.",
                &["killed 2 «قتل جنديان» جنديان"],
            ),
            (
                "أكدت المصادر مقتل قائد الفرقة 17 في الكمين.",
                &["killed 1 «مقتل قائد» قائد"],
            ),
            (
                "أعلنت وزارة الداخلية القبض على إرهابيين اثنين في حي الجهاد.",
                &["arrested 2 «القبض على إرهابيين اثنين» إرهابيين"],
            ),
            (
                "قال المرصد إن 7 عناصر من قوات النظام قتلوا بقصف، فيما أصيب 4 آخرون.",
                &[
                    "killed 7 «7 عناصر من قوات النظام قتلوا» عناصر من قوات النظام",
                    "injured 4 «أصيب 4 آخرون» آخرون",
                ],
            ),
            (
                "قتل شخص وأصيب اثنان آخران في شجار عشائري.",
                &[
                    "killed 1 «قتل شخص» شخص",
                    "injured 2 «وأصيب اثنان آخران» آخران",
                ],
            ),
            (
                "أكثر من 20 ألف عائلة عادت إلى الموصل.",
                &["returned 20000 «أكثر من 20 ألف عائلة عادت» عائلة"],
            ),
            (
                "انتشلت فرق الدفاع المدني جثة طفل من تحت الأنقاض.",
                &["killed 1 «جثة طفل» طفل"],
            ),
            (
                "وأسفر القصف عن مقتل 4 مدنيين، بينهم طفلان، وإصابة 9 آخرين.",
                &[
                    "killed 4 «مقتل 4 مدنيين» مدنيين",
                    "killed 2 «طفلان» طفلان",
                    "injured 9 «وإصابة 9 آخرين» آخرين",
                ],
            ),
            (
                "قتل القيادي في التنظيم أبو محمد وثلاثة من مرافقيه.",
                &[
                    "killed 1 «قتل القيادي» القيادي",
                    "killed 3 «ثلاثة من مرافقيه» مرافقيه",
                ],
            ),
            // A companion named through the person counted is one more.
            (
                "قتل قيادي في \"الحشد\" ومرافقه بانفجار عبوة.",
                &["killed 1 «قتل قيادي» قيادي", "killed 1 «ومرافقه» ومرافقه"],
            ),
            (
                "أصيب ضابط في الشرطة وسائقه بجروح.",
                &["injured 1 «أصيب ضابط» ضابط", "injured 1 «وسائقه» وسائقه"],
            ),
            (
                "قتل قيادي في التنظيم ونجله بغارة جوية.",
                &["killed 1 «قتل قيادي» قيادي", "killed 1 «ونجله» ونجله"],
            ),
            // Executions counted by the verb's plural.
            (
                "وأكد الشهود أن المسلحين أعدموا 9 مدنيين في الساحة.",
                &["killed 9 «أعدموا 9 مدنيين» مدنيين"],
            ),
            (
                "اعتقل الأمن 3 أشخاص ينتمون إلى خلية تضم 12 عنصرا.",
                &[
                    "arrested 3 «اعتقل الأمن 3 أشخاص» أشخاص",
                    "fighters 12 «12 عنصرا» عنصرا",
                ],
            ),
            // Negatives: not people.
            (
                "انطلقت العملية بمشاركة قطعات من الفرقة 17 واللواء الخامس.",
                &[],
            ),
            ("وطالب بتطبيق القرار 2254 وفق المادة 4 إرهاب.", &[]),
            ("قال إن التنظيم فقد أكثر من 60% من مقاتليه.", &[]),
            ("يبلغ عدد سكان المدينة 300 ألف نسمة.", &[]),
            ("شيع أهالي القرية جثامين الضحايا.", &[]),
            ("في 12 آذار قصفت الطائرات المدينة.", &[]),
            ("طفل يبلغ من العمر 12 عاما.", &[]),
            ("أصيب المبنى بأضرار.", &[]),
            ("تضم المحافظة 14 قضاء.", &[]),
            ("دمر القصف ثلاث سيارات.", &[]),
            ("تقدمت القوات خمسة كيلومترات.", &[]),
            ("أطلق المسلحون عشرين قذيفة على البلدة.", &[]),
            ("ارتفعت الأسعار بنسبة 20% خلال عام 2019.", &[]),
            ("وقع الهجوم في الحادي والعشرين من كانون الثاني.", &[]),
            ("قدرت الخسائر بمليوني دولار.", &[]),
            ("أصابت القذيفة 3 سيارات في الشارع.", &[]),
            ("قتل في عام 2014 عدد كبير.", &[]),
        ];
        let mut bad = Vec::new();
        for (text, want) in cases {
            let got = show(text);
            if got != *want {
                bad.push(format!("{text}\n  got  {got:?}\n  want {want:?}"));
            }
        }
        assert!(
            bad.is_empty(),
            "{} of {} cases:\n{}",
            bad.len(),
            cases.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn paragraph() {
        let text = "شن تنظيم داعش هجوما على نقطة للجيش جنوب غرب كركوك، ما أسفر عن مقتل ثلاثة جنود وإصابة خمسة آخرين. \
وقال مصدر أمني إن القوات اعتقلت لاحقا أربعة مشتبهين. \
وكانت المعارك في المنطقة قد تسببت العام الماضي بنزوح آلاف العائلات.";
        let got = show(text);
        assert_eq!(
            got,
            vec![
                "killed 3 «مقتل ثلاثة جنود» جنود",
                "injured 5 «وإصابة خمسة آخرين» آخرين",
                "arrested 4 «اعتقلت لاحقا أربعة مشتبهين» مشتبهين",
                "displaced - «بنزوح آلاف العائلات» العائلات",
            ]
        );
        for m in find_counts(text) {
            assert!(m.start < m.end && m.end <= text.chars().count());
        }
    }

    #[test]
    fn kind_names() {
        assert_eq!(CountKind::Killed.as_str(), "killed");
        assert_eq!(CountKind::Prisoners.as_str(), "prisoners");
        assert_eq!(CountKind::Other.as_str(), "other");
    }
}
