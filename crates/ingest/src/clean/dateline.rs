//! Publication dates read from page text: recognising a date line (a line
//! that is mostly a date, with or without a "نشر في" / "آخر تحديث" label),
//! telling the article's date from a page clock or an update stamp, and
//! turning a reading into [`Published`].
//!
//! Parsing the date itself is `rasid_text::dates::parse_dateline`'s work;
//! this module must not parse month names or numerals on its own.

use super::chrome::{self, Chrome, fold, word_count};
use crate::Published;
use rasid_text::dates::{DateTimeReading, parse_dateline};

/// What kind of date a line carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateKind {
    /// Labelled as the publication date ("نشر في", "تاريخ النشر").
    Published,
    /// Labelled as an update ("آخر تحديث").
    Updated,
    /// A bare date line: the article's date or a page clock, by position.
    Bare,
}

/// A date line found in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateLine {
    /// How the line labels the date.
    pub kind: DateKind,
    /// The reading.
    pub reading: DateTimeReading,
    /// The date text as written (label removed).
    pub text: String,
}

/// Reads a line that is a date line: short, and mostly the date (with a
/// weekday, a label, a time, a site name beside a `|` at most).
pub(crate) fn read(line: &str) -> Option<DateLine> {
    if let Some(d) = post_stamp(line) {
        return Some(d);
    }
    let t = line.trim();
    if t.is_empty() || word_count(t) > 14 || t.chars().count() > 120 {
        return None;
    }
    let kind = match chrome::classify(t) {
        Some(Chrome::Published) => DateKind::Published,
        Some(Chrome::Updated) => DateKind::Updated,
        _ => DateKind::Bare,
    };
    let text = match kind {
        DateKind::Bare => t.to_string(),
        _ => strip_label(t),
    };
    let reading = parse_dateline(&text)?;
    // A bare line must be mostly the date: few words outside the reading.
    if kind == DateKind::Bare {
        let chars: Vec<char> = text.chars().collect();
        let outside: String = chars[..reading.start.min(chars.len())]
            .iter()
            .chain(chars[reading.end.min(chars.len())..].iter())
            .collect();
        let outside = without_brackets(&outside);
        let stray = outside
            .split(|c: char| c.is_whitespace() || matches!(c, '|' | '،' | ',' | '-' | '/' | ':'))
            .filter(|w| !w.is_empty() && !is_clock_word(w))
            .count();
        if stray > 3 {
            return None;
        }
    }
    let text = text
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | ':'))
        .to_string();
    Some(DateLine {
        kind,
        reading,
        text,
    })
}

/// A chat-channel post stamp opening a post: "[DD.MM.YY HH:MM] Channel:"
/// (day first, two- or four-digit year, 24-hour clock), as saved from
/// messaging apps. This numeric stamp form is not a dateline that
/// `parse_dateline` reads, so it is read here.
pub(crate) fn post_stamp(line: &str) -> Option<DateLine> {
    let t = line.trim();
    let inner_end = t.find(']')?;
    let inner = t.strip_prefix('[')?.get(..inner_end - 1)?.trim();
    let rest = t[inner_end + 1..].trim();
    if word_count(rest) > 5 || (!rest.is_empty() && !rest.ends_with([':', '：'])) {
        return None;
    }
    let (date, clock) = inner.split_once(' ')?;
    let mut parts = date.split(['.', '/']);
    let num = |p: Option<&str>| -> Option<u32> {
        let p = p?;
        (!p.is_empty() && p.chars().all(|c| c.is_ascii_digit())).then(|| p.parse().ok())?
    };
    let (d, m, y_raw) = (num(parts.next())?, num(parts.next())?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let y = num(Some(y_raw))?;
    let year = match y_raw.len() {
        2 => 2000 + y,
        4 => y,
        _ => return None,
    };
    let (h, mi) = clock.trim().split_once(':')?;
    let (h, mi) = (num(Some(h))?, num(Some(mi))?);
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) || h > 23 || mi > 59 {
        return None;
    }
    Some(DateLine {
        kind: DateKind::Bare,
        reading: DateTimeReading {
            year: year as i16,
            month: Some(m as u8),
            day: Some(d as u8),
            time: Some((h as u8, mi as u8)),
            start: 1,
            end: inner_end,
        },
        text: inner.to_string(),
    })
}

/// Drops bracketed asides ("(سوريا)", "(أ ف ب)") from a dateline's margins.
fn without_brackets(s: &str) -> String {
    let mut depth = 0usize;
    s.chars()
        .filter(|&c| match c {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// A line that is only a clock time ("12:14 م", "09:40 PM"), as HH:MM on a
/// 24-hour clock.
pub(crate) fn time_only(line: &str) -> Option<String> {
    let f = fold(line);
    let mut words: Vec<&str> = f
        .split_whitespace()
        .filter(|w| !matches!(*w, "|" | "-" | "الساعه"))
        .collect();
    let pm = words
        .last()
        .is_some_and(|w| matches!(*w, "م" | "مساء" | "pm"));
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| matches!(*w, "م" | "ص" | "مساء" | "صباحا" | "am" | "pm"))
    {
        words.pop();
    }
    let [hm] = words[..] else { return None };
    let (h, m) = hm.split_once(':')?;
    let (mut h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    if h > 23 || m > 59 || m.to_string().len() > 2 {
        return None;
    }
    if pm && h < 12 {
        h += 12;
    }
    Some(format!("{h:02}:{m:02}"))
}

/// Weekdays, AM/PM marks and the like that may sit beside a date.
fn is_clock_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "السبت",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "ص",
        "م",
        "صباحا",
        "مساء",
        "مساءا",
        "ظهرا",
        "بتوقيت",
        "دمشق",
        "بغداد",
        "مكه",
        "المكرمه",
        "gmt",
        "am",
        "pm",
        "الساعه",
        "في",
        "يوم",
    ];
    let f = fold(w);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    f.is_empty() || f.chars().all(|c| c.is_ascii_digit()) || WORDS.contains(&f)
}

fn strip_label(t: &str) -> String {
    // Labels end at the first colon, or after their known words.
    if let Some(i) = t.find([':', '：']) {
        let head = &t[..i];
        if word_count(head) <= 3 {
            return t[i + t[i..].chars().next().map_or(1, char::len_utf8)..]
                .trim()
                .to_string();
        }
    }
    const LABEL_WORDS: &[&str] = &[
        "نشر",
        "في",
        "بتاريخ",
        "تاريخ",
        "النشر",
        "اخر",
        "تحديث",
        "تم",
        "التحديث",
        "published",
        "updated",
        "last",
        "on",
    ];
    let mut rest = t;
    loop {
        let r = rest.trim_start();
        let end = r.find(char::is_whitespace).unwrap_or(r.len());
        if end > 0 && LABEL_WORDS.contains(&fold(&r[..end]).as_str()) {
            rest = &r[end..];
        } else {
            break;
        }
    }
    rest.trim().to_string()
}

/// Turns a reading into the record's `published`.
pub(crate) fn to_published(reading: &DateTimeReading, text: &str) -> Published {
    let (date, precision) = match (reading.month, reading.day) {
        (Some(m), Some(d)) => (format!("{:04}-{:02}-{:02}", reading.year, m, d), "day"),
        (Some(m), None) => (format!("{:04}-{:02}", reading.year, m), "month"),
        _ => (format!("{:04}", reading.year), "year"),
    };
    Published {
        date,
        time: reading.time.map(|(h, m)| format!("{h:02}:{m:02}")),
        precision: precision.to_string(),
        text: text.to_string(),
    }
}

/// Reads a container's date string (JSONL `published`, an HTML meta value).
pub(crate) fn from_meta(value: &str) -> Option<Published> {
    let v = value.trim();
    let r = parse_dateline(v)?;
    Some(to_published(&r, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        let cases: &[(&str, Option<(DateKind, &str)>)] = &[
            (
                "الجمعة، 13 مارس 2020 09:15 ص",
                Some((DateKind::Bare, "2020-03-13")),
            ),
            (
                "نشر في: 13 آذار 2020",
                Some((DateKind::Published, "2020-03-13")),
            ),
            (
                "تاريخ النشر: 2019-06-15",
                Some((DateKind::Published, "2019-06-15")),
            ),
            (
                "آخر تحديث: الأحد 15 مارس 2020 | 10:42",
                Some((DateKind::Updated, "2020-03-15")),
            ),
            (
                "قال المتحدث إن الهجوم وقع يوم 13 آذار 2020 قرب القرية وأسفر عن مقتل ثلاثة.",
                None,
            ),
            ("مقتل جنديين بهجوم قرب الحدود", None),
        ];
        for (line, want) in cases {
            let got = read(line).map(|d| (d.kind, to_published(&d.reading, &d.text).date));
            assert_eq!(got, want.map(|(k, d)| (k, d.to_string())), "{line}");
        }
    }

    #[test]
    fn clock_times() {
        assert_eq!(time_only("12:14 م").as_deref(), Some("12:14"));
        assert_eq!(time_only("09:40 م").as_deref(), Some("21:40"));
        assert_eq!(time_only("7:05 ص").as_deref(), Some("07:05"));
        assert_eq!(time_only("قتل 3 في 12:14"), None);
        assert!(read("منبج (سوريا)، 2019/01/16 (أ ف ب) -").is_some());
    }

    #[test]
    fn published_fields() {
        let p = from_meta("2020-03-13T09:15:00+03:00").unwrap();
        assert_eq!(
            (p.date.as_str(), p.time.as_deref(), p.precision.as_str()),
            ("2020-03-13", Some("09:15"), "day")
        );
    }

    #[test]
    fn chat_post_stamps() {
        type Stamp = (i16, u8, u8, (u8, u8));
        let cases: &[(&str, Option<Stamp>)] = &[
            (
                "[05.07.22 09:03] شبكة أخبار الرقة:",
                Some((2022, 7, 5, (9, 3))),
            ),
            ("[28.11.2019 23:40]", Some((2019, 11, 28, (23, 40)))),
            (
                "[01/02/20 00:15] مراسل الحسكة:",
                Some((2020, 2, 1, (0, 15))),
            ),
            // Not a stamp: month out of range, no clock, prose after it.
            ("[12.13.21 10:00] قناة:", None),
            ("[12.03.21] قناة:", None),
            (
                "[12.03.21 10:00] قالت مصادر محلية إن الاشتباكات تجددت في المنطقة",
                None,
            ),
            ("12.03.21 10:00", None),
        ];
        for (line, want) in cases {
            let got = post_stamp(line).map(|d| {
                let r = d.reading;
                (r.year, r.month.unwrap(), r.day.unwrap(), r.time.unwrap())
            });
            assert_eq!(got, *want, "{line}");
        }
        // read() takes the stamp as a bare date line.
        let d = read("[05.07.22 09:03] شبكة أخبار الرقة:").unwrap();
        assert_eq!(d.kind, DateKind::Bare);
        let p = to_published(&d.reading, &d.text);
        assert_eq!(
            (p.date.as_str(), p.time.as_deref()),
            ("2022-07-05", Some("09:03"))
        );
    }
}
