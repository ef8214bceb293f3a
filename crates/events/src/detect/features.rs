//! Sentence features for the violence detector, and the cue-word baseline.
//!
//! Owns the feature templates (words, clitic-stripped stems, word bigrams,
//! violence-cue classes) and the small hand lexicon behind the cue classes.
//! It reads tokens of the text layer; it must not hold weights or decide.

use rasid_text::normalize::normalize;
use rasid_text::tokens::{Token, TokenKind};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Which feature templates a model uses; written in the model file so
/// inference builds exactly the features training saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Templates {
    /// `w:` each word's normal form.
    pub words: bool,
    /// `s:` each clitic-stripped candidate of a word (beyond the word itself).
    pub stems: bool,
    /// `b:` pairs of adjacent words (normal forms), punctuation breaking pairs.
    pub bigrams: bool,
    /// `cue:` classes of the hand lexicon found, and `ncue:` how many cue words.
    pub cues: bool,
    /// `p:` the first four letters of each word's shortest candidate, a
    /// crude root-and-pattern backoff for inflections unseen in training.
    pub prefixes: bool,
    /// `x:` pairs of cue classes found together, `num` (a number token)
    /// and `cuenum` (a number beside any cue): conjunctions a linear model
    /// cannot form itself.
    pub combos: bool,
}

impl Default for Templates {
    fn default() -> Self {
        Templates {
            words: true,
            stems: true,
            bigrams: true,
            cues: true,
            prefixes: true,
            combos: false,
        }
    }
}

const NAMES: [&str; 6] = ["words", "stems", "bigrams", "cues", "prefixes", "combos"];

impl Templates {
    fn flags(&self) -> [bool; 6] {
        [
            self.words,
            self.stems,
            self.bigrams,
            self.cues,
            self.prefixes,
            self.combos,
        ]
    }

    /// The comma-separated names of the templates on: `words,stems,cues`.
    pub fn names(&self) -> String {
        let on: Vec<&str> = NAMES
            .iter()
            .zip(self.flags())
            .filter(|(_, f)| *f)
            .map(|(n, _)| *n)
            .collect();
        on.join(",")
    }

    /// Reads [`Templates::names`] back; `None` on an unknown name.
    pub fn parse(list: &str) -> Option<Templates> {
        let mut t = Templates {
            words: false,
            stems: false,
            bigrams: false,
            cues: false,
            prefixes: false,
            combos: false,
        };
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "words" => t.words = true,
                "stems" => t.stems = true,
                "bigrams" => t.bigrams = true,
                "cues" => t.cues = true,
                "prefixes" => t.prefixes = true,
                "combos" => t.combos = true,
                _ => return None,
            }
        }
        Some(t)
    }
}

/// Violence cue words by class, as written; normalised when loaded. A word
/// matches when one of its clitic-stripped candidates is listed.
const CUES: &[(&str, &[&str])] = &[
    (
        "kill",
        &[
            "قتل",
            "قتلت",
            "قتلوا",
            "مقتل",
            "قتلى",
            "قتيل",
            "قتيلا",
            "مصرع",
            "لقي",
            "لقوا",
            "اغتيال",
            "اغتيل",
            "اغتالت",
            "إعدام",
            "أعدم",
            "ذبح",
            "ذبحوا",
        ],
    ),
    (
        "attack",
        &[
            "هجوم",
            "هجمات",
            "هجوما",
            "هاجم",
            "هاجمت",
            "هاجموا",
            "اعتداء",
            "اعتداءات",
            "استهدف",
            "استهدفت",
            "استهداف",
            "كمين",
            "غارة",
            "غارات",
            "قصف",
            "قصفت",
            "اقتحم",
            "اقتحمت",
        ],
    ),
    (
        "blast",
        &[
            "انفجار",
            "انفجارات",
            "انفجرت",
            "انفجر",
            "تفجير",
            "تفجيرات",
            "فجر",
            "فجرت",
            "عبوة",
            "عبوات",
            "ناسفة",
            "مفخخة",
            "مفخخات",
            "انتحاري",
            "انتحارية",
            "انتحاريون",
            "لغم",
            "ألغام",
            "قنبلة",
            "قنابل",
            "حزام",
        ],
    ),
    (
        "fire",
        &[
            "قذيفة",
            "قذائف",
            "صاروخ",
            "صواريخ",
            "هاون",
            "رصاص",
            "رصاصة",
            "النار",
            "أطلق",
            "أطلقت",
            "أطلقوا",
            "إطلاق",
            "مسلح",
            "مسلحون",
            "مسلحين",
            "مسلحة",
        ],
    ),
    (
        "fight",
        &[
            "اشتباك",
            "اشتباكات",
            "اشتبك",
            "اشتبكت",
            "معارك",
            "معركة",
            "مواجهات",
            "ضرب",
            "ضربوا",
        ],
    ),
    (
        "hurt",
        &[
            "جرح",
            "جرحى",
            "جريح",
            "جريحا",
            "إصابة",
            "إصابات",
            "أصيب",
            "أصيبوا",
            "مصاب",
            "مصابين",
        ],
    ),
    (
        "abduct",
        &[
            "خطف",
            "خطفوا",
            "اختطاف",
            "اختطف",
            "اختطفت",
            "مخطوف",
            "رهائن",
            "رهينة",
        ],
    ),
];

/// The baseline's bag of obvious violence words (the list).
const BASELINE: &[&str] = &[
    "قتل",
    "مقتل",
    "هجوم",
    "انفجار",
    "اشتباك",
    "قصف",
    "غارة",
    "جرح",
    "إصابة",
    "اغتيال",
    "خطف",
    "عبوة",
    "مفخخة",
    "انتحاري",
    "مسلح",
    "رصاص",
    "اعتداء",
    "ضرب",
    "تفجير",
    "قذيفة",
];

static CUE_CLASS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    CUES.iter()
        .flat_map(|(class, words)| words.iter().map(move |w| (normalize(w), *class)))
        .collect()
});

static BASELINE_WORDS: LazyLock<Vec<String>> =
    LazyLock::new(|| BASELINE.iter().map(|w| normalize(w)).collect());

/// The cue class of a word token, if one of its candidates is a cue word.
fn cue_class(token: &Token) -> Option<&'static str> {
    token
        .candidates()
        .iter()
        .find_map(|c| CUE_CLASS.get(c.as_ref()).copied())
}

/// The baseline: whether any word of the sentence (or one of its
/// clitic-stripped candidates) is one of twenty obvious violence words.
pub fn cue_baseline_tokens(tokens: &[Token]) -> bool {
    tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .any(|t| {
            t.candidates()
                .iter()
                .any(|c| BASELINE_WORDS.iter().any(|b| b == c))
        })
}

/// The features of a sentence's tokens under `templates`, sorted and
/// without repeats (the model reads presence, not counts).
pub fn features(tokens: &[Token], templates: &Templates) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len() * 4);
    let mut cues = 0usize;
    let mut classes: Vec<&'static str> = Vec::new();
    let mut number = false;
    let mut previous: Option<&str> = None;
    for token in tokens {
        number |= token.kind == TokenKind::Number;
        if token.kind != TokenKind::Word {
            previous = None;
            continue;
        }
        if templates.words {
            out.push(format!("w:{}", token.norm));
        }
        let candidates = token.candidates();
        if templates.stems {
            out.extend(candidates.iter().skip(1).map(|c| format!("s:{c}")));
        }
        if templates.prefixes
            && let Some(shortest) = candidates.iter().min_by_key(|c| c.chars().count())
        {
            let head: String = shortest.chars().take(4).collect();
            out.push(format!("p:{head}"));
        }
        if templates.bigrams
            && let Some(prev) = previous
        {
            out.push(format!("b:{prev}_{}", token.norm));
        }
        if let Some(class) = cue_class(token) {
            cues += 1;
            classes.push(class);
            if templates.cues {
                out.push(format!("cue:{class}"));
            }
        }
        previous = Some(&token.norm);
    }
    if templates.cues {
        out.push(format!("ncue:{}", cues.min(3)));
    }
    if templates.combos {
        classes.sort_unstable();
        classes.dedup();
        for (i, a) in classes.iter().enumerate() {
            out.extend(classes[i + 1..].iter().map(|b| format!("x:{a}&{b}")));
        }
        if number {
            out.push("num".to_string());
            if cues > 0 {
                out.push("cuenum".to_string());
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::tokens::tokenize;

    #[test]
    fn templates_round_trip() {
        for names in [
            "words,stems,bigrams,cues",
            "words",
            "cues,prefixes,combos",
            "",
        ] {
            let t = Templates::parse(names).expect(names);
            assert_eq!(Templates::parse(&t.names()), Some(t), "{names}");
        }
        assert_eq!(Templates::parse("words,trigrams"), None);
    }

    #[test]
    fn baseline_reads_through_clitics() {
        let cases = [
            ("وأسفر الانفجار عن أضرار في السوق", true),
            ("وقتل ثلاثة جنود قرب الحدود", true),
            ("وبمقتل القائد انتهت المرحلة الأولى", true),
            ("افتتح الوزير معرضا للكتاب في المدينة", false),
            ("ناقش المجلس موازنة العام المقبل", false),
        ];
        for (sentence, want) in cases {
            assert_eq!(cue_baseline_tokens(&tokenize(sentence)), want, "{sentence}");
        }
    }

    #[test]
    fn features_name_words_stems_bigrams_and_cues() {
        let f = features(&tokenize("وبالانفجار قتل جندي. وهرب"), &Templates::default());
        for want in [
            "w:وبالانفجار",
            "s:الانفجار",
            "s:انفجار",
            "b:وبالانفجار_قتل",
            "cue:blast",
            "cue:kill",
            "ncue:2",
        ] {
            assert!(f.iter().any(|x| x == want), "{want} not in {f:?}");
        }
        assert!(!f.iter().any(|x| x == "b:جندي_وهرب"), "{f:?}");
    }
}
