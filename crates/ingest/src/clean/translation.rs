//! Translation and republication notices: "ترجمة … عن …", "نقلاً عن صحيفة
//! … URL", "هذا المقال مترجم عن …", "المصدر: نيويورك تايمز" on a translated
//! article; reading the original's outlet and URL, and a date out of a URL.
//!
//! This module reads single lines; the page cleaner decides which lines to
//! ask about and drops them from the body.

use super::chrome::{self, fold, word_count};
use crate::TranslatedFrom;

/// Words that say a text is translated.
const TRANSLATION_CUES: &[&str] = &["ترجمه", "مترجم", "مترجمه", "translated"];

/// Outlet-kind words dropped before the outlet's name.
const OUTLET_KINDS: &[&str] = &[
    "صحيفه",
    "جريده",
    "موقع",
    "مجله",
    "وكاله",
    "شبكه",
    "قناه",
    "معهد",
    "مركز",
    "newspaper",
];

/// Reads a line that announces a translation or republication. `page_is_translated`
/// says whether the page elsewhere says it is a translation (then a plain
/// "المصدر: …" line names the original).
pub(crate) fn read(line: &str, page_is_translated: bool) -> Option<TranslatedFrom> {
    read_folded(line, &fold(line), word_count(line), page_is_translated)
}

/// [`read`] for a line whose [`fold`] and [`word_count`] the caller has.
pub(crate) fn read_folded(
    line: &str,
    folded: &str,
    words: usize,
    page_is_translated: bool,
) -> Option<TranslatedFrom> {
    let t = line.trim();
    if t.is_empty() || words > 40 {
        return None;
    }
    // The fold of the line is the fold of the line trimmed.
    let f = folded;
    // "* خدمة «نيويورك تايمز»": a syndicated piece.
    let service = f.trim_start_matches(['*', ' ', '-']);
    if let Some(rest) = service.strip_prefix("خدمه ")
        && word_count(rest) <= 5
    {
        let name = t.split_once(' ').map(|x| x.1).unwrap_or("");
        let name = if t.trim_start().starts_with('*') {
            name.split_once(' ').map(|x| x.1).unwrap_or(name)
        } else {
            name
        };
        let name = name.trim().trim_matches(['«', '»', '"', ' ']).to_string();
        return (!name.is_empty()).then_some(TranslatedFrom {
            outlet: Some(name),
            url: find_url(t),
        });
    }
    // "… عن …" after a translation cue, or "نقلا عن …". (Most lines are
    // none of these: the URL is looked for only once one is.)
    let after = if let Some(i) = f.find("نقلا عن") {
        Some(&f[i + "نقلا عن".len()..])
    } else if has_cue(f) {
        f.find(" عن ").map(|i| &f[i + " عن ".len()..])
    } else if is_source_label(f) {
        let rest = f.split_once([':', '：']).map(|x| x.1)?;
        let url = find_url(t);
        let foreign = url.as_deref().is_some_and(is_foreign_url)
            || chrome::names_foreign_outlet(rest)
            || latin_name(rest);
        (page_is_translated || foreign && url.is_some() || chrome::names_foreign_outlet(rest))
            .then_some(rest)
    } else {
        None
    }?;
    let url = find_url(t);
    // Map the folded tail back to the original spelling by word position.
    let folded_words_before = word_count(&f[..f.len() - after.len()]);
    let original_tail: Vec<&str> = t.split_whitespace().skip(folded_words_before).collect();
    let outlet = outlet_name(&original_tail.join(" "));
    if outlet.is_none() && url.is_none() {
        return None;
    }
    Some(TranslatedFrom { outlet, url })
}

/// True when the folded line holds a translation cue. The Arabic cues all
/// hold "ترجم": a line without it is asked only about the Latin one.
fn has_cue(f: &str) -> bool {
    if f.contains("ترجم") {
        TRANSLATION_CUES.iter().any(|c| f.contains(c))
    } else {
        f.contains("translated")
    }
}

/// True when the whole page text says it is a translation. `folded` holds
/// the [`fold`] of each line, `words` its [`word_count`].
pub(crate) fn page_says_translated(lines: &[&str], folded: &[String], words: &[usize]) -> bool {
    lines.iter().zip(folded).zip(words).any(|((_, f), &n)| {
        // Every phrase below holds "ترجم": one search rules most lines out.
        n <= 40
            && f.contains("ترجم")
            && (f.contains("مترجم عن")
                || f.contains("ترجمه عن")
                || f.starts_with("ترجمه:")
                || f.starts_with("اعداد وترجمه")
                || f.contains("ترجمه وتحرير")
                || f.starts_with("ترجمه :"))
    })
}

fn is_source_label(f: &str) -> bool {
    [
        "المصدر",
        "المصادر",
        "source",
        "الرابط الاصلي",
        "رابط المقال الاصلي",
        "رابط الماده الاصليه",
    ]
    .iter()
    .any(|l| f.starts_with(l) && f[l.len()..].trim_start().starts_with([':', '：']))
}

fn latin_name(s: &str) -> bool {
    let s = s.trim();
    s.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3 && chrome::arabic_ratio(s) < 0.2
}

fn is_foreign_url(url: &str) -> bool {
    !url.contains(".sa/") && !url.contains(".iq/") && !url.contains(".sy/")
}

/// The first http(s) URL in a line, trailing punctuation trimmed.
pub(crate) fn find_url(s: &str) -> Option<String> {
    let i = s.find("http://").or_else(|| s.find("https://"))?;
    let rest = &s[i..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '»' | '«'))
        .unwrap_or(rest.len());
    Some(
        rest[..end]
            .trim_end_matches(['.', ',', '،', ')', ']'])
            .to_string(),
    )
}

/// The outlet as written: the tail without the URL, the outlet-kind word and
/// a trailing nationality adjective ("صحيفة الغارديان البريطانية" → "الغارديان").
fn outlet_name(tail: &str) -> Option<String> {
    let no_url: String = tail
        .split_whitespace()
        .filter(|w| !w.starts_with("http"))
        .collect::<Vec<_>>()
        .join(" ");
    let cut = no_url
        .split(['،', ',', '(', '-', '–', ':', '|', '.'])
        .next()
        .unwrap_or("")
        .trim()
        // Quotes around a name ("صحيفة «لوموند»") are not part of it.
        .replace(['«', '»', '"', '“', '”'], "");
    let mut words: Vec<&str> = cut.split_whitespace().collect();
    while words.first().is_some_and(|w| {
        OUTLET_KINDS.contains(&fold(w).as_str()) || matches!(fold(w).as_str(), "عن" | "من" | "ال")
    }) {
        words.remove(0);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| is_nisba(w) || matches!(fold(w).as_str(), "بتصرف" | "الاصلي"))
    {
        words.pop();
    }
    // Stop at a verb-like continuation: outlet names are short.
    words.truncate(5);
    let name = words.join(" ");
    (!name.is_empty() && !name.chars().all(|c| c.is_ascii_punctuation())).then_some(name)
}

/// A nationality adjective: "البريطانية", "الأمريكية", "الفرنسي".
fn is_nisba(w: &str) -> bool {
    let f = fold(w);
    f.starts_with("ال") && (f.ends_with("يه") || f.ends_with("ي")) && f.chars().count() >= 6
}

/// A YYYY-MM-DD date in a URL: "/2019/06/15/", "2019-06-15", "20190615".
pub(crate) fn date_in_url(url: &str) -> Option<String> {
    let chars: Vec<char> = url.chars().collect();
    let digits_at = |i: usize, n: usize| {
        i + n <= chars.len() && chars[i..i + n].iter().all(char::is_ascii_digit)
    };
    let num = |i: usize, n: usize| {
        chars[i..i + n]
            .iter()
            .collect::<String>()
            .parse::<u32>()
            .ok()
    };
    let valid = |y: u32, m: u32, d: u32| {
        (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].is_ascii_digit() || !digits_at(i, 4) {
            continue;
        }
        let y = num(i, 4)?;
        // Separated: 2019/06/15, 2019-06-15, 2019/6/5.
        if let Some(&sep) = chars
            .get(i + 4)
            .filter(|c| matches!(c, '/' | '-' | '_' | '.'))
        {
            let mut j = i + 5;
            let ml = (1..=2).rev().find(|&n| digits_at(j, n))?;
            let m = num(j, ml)?;
            j += ml;
            if chars.get(j) == Some(&sep) {
                j += 1;
                if let Some(dl) = (1..=2).rev().find(|&n| digits_at(j, n))
                    && !chars.get(j + dl).is_some_and(char::is_ascii_digit)
                {
                    let d = num(j, dl)?;
                    if valid(y, m, d) {
                        return Some(format!("{y:04}-{m:02}-{d:02}"));
                    }
                }
            }
        } else if digits_at(i, 8) && !chars.get(i + 8).is_some_and(char::is_ascii_digit) {
            let (m, d) = (num(i + 4, 2)?, num(i + 6, 2)?);
            if valid(y, m, d) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_lines() {
        type Want = Option<(Option<&'static str>, Option<&'static str>)>;
        let cases: &[(&str, bool, Want)] = &[
            (
                "نقلاً عن صحيفة الغارديان البريطانية",
                false,
                Some((Some("الغارديان"), None)),
            ),
            (
                "ترجمة عن The Guardian: https://www.theguardian.com/world/2020/mar/12/x",
                false,
                Some((
                    Some("The Guardian"),
                    Some("https://www.theguardian.com/world/2020/mar/12/x"),
                )),
            ),
            (
                "هذا المقال مترجم عن مجلة فورين بوليسي الأمريكية",
                false,
                Some((Some("فورين بوليسي"), None)),
            ),
            (
                "المصدر: نيويورك تايمز",
                true,
                Some((Some("نيويورك تايمز"), None)),
            ),
            ("المصدر: وكالة الأنباء المحلية", false, None),
            (
                "* خدمة «واشنطن بوست»",
                false,
                Some((Some("واشنطن بوست"), None)),
            ),
            (
                "وأضاف المصدر أن القوات انسحبت من البلدة بعد الاشتباكات.",
                false,
                None,
            ),
        ];
        for (line, tr, want) in cases {
            let got = read(line, *tr).map(|t| (t.outlet, t.url));
            let want = want.map(|(o, u)| (o.map(String::from), u.map(String::from)));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn url_dates() {
        let cases = [
            (
                "https://example.com/world/2019/06/15/story",
                Some("2019-06-15"),
            ),
            (
                "https://example.com/news/2019-06-15-story",
                Some("2019-06-15"),
            ),
            ("https://example.com/a/20190615/b", Some("2019-06-15")),
            ("https://example.com/world/2020/mar/12/story", None),
            ("https://example.com/id/123456789", None),
        ];
        for (url, want) in cases {
            assert_eq!(date_in_url(url).as_deref(), want, "{url}");
        }
    }
}
