//! Sentence splitting with code-point spans.
//!
//! Owns where a sentence ends in Arabic news prose: `.`, `؟`, `?`, `!`, `…`
//! and line breaks end one; the Arabic comma `،` and semicolon `؛` do not.
//! A full stop inside a number ("2.5 في المئة"), after an abbreviation
//! ("د. أحمد", "U.S.") or inside an open quotation (« », “ ”) is not an end.
//! It only reports spans; it never edits the text.

use crate::normalize::fold_char;

/// A sentence: code-point span in the original text, end exclusive, with
/// surrounding white space left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Offset of the first char of the sentence.
    pub start: usize,
    /// Offset after its last char (its final punctuation and closing quotes included).
    pub end: usize,
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔' | '‼' | '⁉')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '’' | ')' | ']' | '"' | '\'' | '›')
}

/// Latin abbreviations (lowercased) whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "gen", "col", "lt", "sgt", "jr", "sr",
    "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "e.g", "i.e",
];

/// Splits `s` into sentences.
pub fn sentences(s: &str) -> Vec<SentenceSpan> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: u32 = 0;
    // Whether an ASCII `"` is currently open.
    let mut ascii_quote = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' | '\r' | '\u{2029}' => {
                push_span(&chars, start, i, &mut out);
                start = i + 1;
                depth = 0;
                ascii_quote = false;
                i += 1;
                continue;
            }
            '«' | '“' | '‹' => depth += 1,
            '»' | '”' | '›' => depth = depth.saturating_sub(1),
            '"' => ascii_quote = !ascii_quote,
            _ => {}
        }
        if !is_terminal(c) || !ends_here(&chars, i) {
            i += 1;
            continue;
        }
        // Take the whole run of terminals and closing quotes/brackets.
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j]) || is_closer(chars[j])) {
            match chars[j] {
                '»' | '”' | '›' => depth = depth.saturating_sub(1),
                '"' => ascii_quote = !ascii_quote,
                _ => {}
            }
            j += 1;
        }
        let at_break = j == chars.len() || chars[j].is_whitespace();
        if at_break && depth == 0 && !ascii_quote {
            push_span(&chars, start, j, &mut out);
            start = j;
        }
        i = j;
    }
    push_span(&chars, start, chars.len(), &mut out);
    out
}

/// Whether the terminal at `i` can end a sentence (not a decimal point, not
/// an abbreviation's full stop).
fn ends_here(chars: &[char], i: usize) -> bool {
    if chars[i] != '.' {
        return true;
    }
    let is_digit = |c: char| fold_char(c).is_ascii_digit();
    if i > 0 && is_digit(chars[i - 1]) && chars.get(i + 1).is_some_and(|&c| is_digit(c)) {
        return false;
    }
    // The word before the full stop.
    let mut k = i;
    // Bounded, so a long run of letters and dots stays linear.
    while k > 0 && i - k < 24 && (chars[k - 1].is_alphabetic() || chars[k - 1] == '.') {
        k -= 1;
    }
    let word: String = chars[k..i].iter().flat_map(|c| c.to_lowercase()).collect();
    let letters = word.chars().filter(|c| *c != '.').count();
    // "د." "م." "U.S." "ق.م": single letters with full stops.
    if letters == 1
        || (letters > 0 && word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1))
    {
        return false;
    }
    !ABBREVIATIONS.contains(&word.as_str())
}

fn push_span(chars: &[char], mut start: usize, mut end: usize, out: &mut Vec<SentenceSpan>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        out.push(SentenceSpan { start, end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        sentences(s)
            .iter()
            .map(|sp| s.chars().skip(sp.start).take(sp.end - sp.start).collect())
            .collect()
    }

    #[test]
    fn arabic_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "قتل جنديان في هجوم، وأصيب ثلاثة آخرون. وقالت المصادر إن المهاجمين فروا؛ ولم تعلن أي جهة مسؤوليتها.",
                &[
                    "قتل جنديان في هجوم، وأصيب ثلاثة آخرون.",
                    "وقالت المصادر إن المهاجمين فروا؛ ولم تعلن أي جهة مسؤوليتها.",
                ],
            ),
            (
                "هل انتهى التنظيم؟ لا يبدو ذلك! الهجمات مستمرة",
                &["هل انتهى التنظيم؟", "لا يبدو ذلك!", "الهجمات مستمرة"],
            ),
            (
                "ارتفعت الأسعار 2.5 في المئة. وتراجع الدينار ٣٫٥ نقطة.",
                &["ارتفعت الأسعار 2.5 في المئة.", "وتراجع الدينار ٣٫٥ نقطة."],
            ),
            (
                "وقال المتحدث: «انسحب المسلحون. ولم نسجل خسائر». وأضاف أن التمشيط مستمر.",
                &[
                    "وقال المتحدث: «انسحب المسلحون. ولم نسجل خسائر».",
                    "وأضاف أن التمشيط مستمر.",
                ],
            ),
            (
                "وأكد “لن نتراجع.” ثم غادر.",
                &["وأكد “لن نتراجع.”", "ثم غادر."],
            ),
            (
                "صرح د. خالد العلي للصحفيين بأن الوضع مستقر. وزار م. سامي الموقع.",
                &[
                    "صرح د. خالد العلي للصحفيين بأن الوضع مستقر.",
                    "وزار م. سامي الموقع.",
                ],
            ),
            (
                "The U.S. envoy met Mr. Smith. Talks ended.",
                &["The U.S. envoy met Mr. Smith.", "Talks ended."],
            ),
            (
                "الفقرة الأولى\n\nالفقرة الثانية",
                &["الفقرة الأولى", "الفقرة الثانية"],
            ),
            ("انتظروا... ثم هاجموا", &["انتظروا...", "ثم هاجموا"]),
            ("زوروا example.com للمزيد", &["زوروا example.com للمزيد"]),
            ("   ", &[]),
        ];
        for &(input, want) in cases {
            assert_eq!(split(input), want, "{input}");
        }
    }

    #[test]
    fn spans_are_ordered_and_trimmed() {
        let s = " أولاً. ثانياً؟ \n ثالثاً! ";
        let spans = sentences(s);
        let chars: Vec<char> = s.chars().collect();
        let mut last = 0;
        for sp in &spans {
            assert!(sp.start >= last && sp.end > sp.start);
            assert!(!chars[sp.start].is_whitespace() && !chars[sp.end - 1].is_whitespace());
            last = sp.end;
        }
        assert_eq!(spans.len(), 3);
    }

    proptest::proptest! {
        #[test]
        fn sentence_spans_cover_the_text_in_order(s in "[ \n.؟!،«»“”\"0-9\\u{0621}-\\u{064A}a-z]{0,80}") {
            let chars: Vec<char> = s.chars().collect();
            let mut last = 0;
            for sp in sentences(&s) {
                proptest::prop_assert!(sp.start >= last && sp.start < sp.end && sp.end <= chars.len());
                // Nothing but white space is left between sentences.
                proptest::prop_assert!(chars[last..sp.start].iter().all(|c| c.is_whitespace()));
                last = sp.end;
            }
            proptest::prop_assert!(chars[last..].iter().all(|c| c.is_whitespace()));
        }
    }
}
