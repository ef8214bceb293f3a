//! Publication dates read from page text: recognising a date line (a line
//! that is mostly a date, with or without a "نشر في" / "آخر تحديث" label),
//! telling the article's date from a page clock or an update stamp, and
//! turning a reading into [`Published`].
//!
//! Parsing the date itself is `rasid_text::dates::parse_dateline`'s work;
//! this module must not parse month names or numerals on its own.

use super::chrome::{self, Chrome, fold, word_count, words_up_to};
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
    read_with(line, None)
}

/// [`read`] for a line whose [`fold`] and [`word_count`] the caller has.
pub(crate) fn read_folded(line: &str, folded: &str, words: usize) -> Option<DateLine> {
    read_with(line, Some((folded, words)))
}

fn read_with(line: &str, counted: Option<(&str, usize)>) -> Option<DateLine> {
    if let Some(d) = post_stamp(line) {
        return Some(d);
    }
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    // "نشر بتاريخ … | آخر تحديث …": a labelled publication segment of a
    // stamp line is read on its own, so the update stamp does not hide it.
    if t.contains('|') {
        let segs: Vec<&str> = t.split('|').collect();
        if segs.len() > 1
            && let Some(d) = segs
                .iter()
                .filter(|s| chrome::classify(s) == Some(Chrome::Published))
                .find_map(|s| read_one(s, None))
        {
            return Some(d);
        }
    }
    // The fold and the words of the line are those of the line trimmed.
    read_one(t, counted)
}

/// Reads one line or one `|` segment as a date line; `counted` is its
/// [`fold`] and [`word_count`] when the caller has them.
fn read_one(t: &str, counted: Option<(&str, usize)>) -> Option<DateLine> {
    let t = t.trim();
    let words = counted.map_or_else(|| words_up_to(t, 15), |(_, n)| n);
    if t.is_empty() || words > 14 || t.chars().nth(120).is_some() {
        return None;
    }
    // A date `parse_dateline` reads has a year written in digits (three or
    // four of them): a line without a digit has none, whatever its label.
    if !t
        .chars()
        .any(|c| rasid_text::normalize::fold_char(c).is_ascii_digit())
    {
        return None;
    }
    let class = match counted {
        Some((f, n)) => chrome::classify_counted(t, f, Some(n)),
        None => chrome::classify(t),
    };
    let kind = match class {
        Some(Chrome::Published) => DateKind::Published,
        Some(Chrome::Updated) => DateKind::Updated,
        _ => DateKind::Bare,
    };
    let text = match kind {
        DateKind::Bare => t.to_string(),
        _ => strip_label(t),
    };
    let mut reading = parse_dateline(&text)?;
    let chars: Vec<char> = text.chars().collect();
    let before: String = chars[..reading.start.min(chars.len())].iter().collect();
    let after: String = chars[reading.end.min(chars.len())..].iter().collect();
    // "… على الساعة 14:20": a clock right after the date belongs to it.
    if reading.time.is_none() {
        reading.time = clock_after(&after);
    }
    // A bare line must be mostly the date: few words outside the reading.
    if kind == DateKind::Bare {
        if foreign_label(&before) {
            return None;
        }
        let outside = format!("{} {after}", without_equivalent(&before));
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

/// The clock time opening the text after a date: "على الساعة 14:20",
/// "الساعة 9:05 مساء", "- 8:40 م".
fn clock_after(after: &str) -> Option<(u8, u8)> {
    let f = fold(after);
    let words: Vec<&str> = f
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "،" | "," | "|"))
        .collect();
    let mut i = 0;
    while i < words.len() && matches!(words[i], "علي" | "في" | "الساعه" | "عند") {
        i += 1;
    }
    // The clock and at most one AM/PM mark.
    let end = (i + 2).min(words.len());
    let candidates = [
        words[i..end].join(" "),
        words[i..(i + 1).min(words.len())].join(" "),
    ];
    candidates.iter().find_map(|c| {
        let hm = time_only(c)?;
        let (h, m) = hm.split_once(':')?;
        Some((h.parse().ok()?, m.parse().ok()?))
    })
}

/// Text before a date that is a label of some other field ("تاريخ التسجيل:",
/// "عضو منذ:"): a label before a colon with words that are neither date
/// words nor clock words.
fn foreign_label(before: &str) -> bool {
    let Some((label, _)) = before.rsplit_once([':', '：']) else {
        return false;
    };
    let label = without_brackets(label);
    let words: Vec<String> = label.split_whitespace().map(fold).collect();
    // One word before the colon is a place ("صنعاء: السبت …"); a field
    // name has two or more words besides date and clock words.
    let is_date_word = |w: &String| matches!(w.as_str(), "التاريخ" | "تاريخ");
    let other = words
        .iter()
        .filter(|w| !is_clock_word(w) && !is_date_word(w))
        .count();
    words.len() <= 4 && (other >= 2 || (other == 1 && words.iter().any(is_date_word)))
}

/// Removes an equivalent date given before "الموافق" ("15 رجب 1443 هـ
/// الموافق …"), leaving the words around it.
fn without_equivalent(before: &str) -> String {
    let f = fold(before);
    let Some(i) = f.rfind("الموافق") else {
        return before.to_string();
    };
    // `fold` may change lengths: cut the original at the same word index.
    let n_words = f[..i].split_whitespace().count();
    let words: Vec<&str> = before.split_whitespace().collect();
    let head = words[..n_words.min(words.len())].join(" ");
    let rest = words[n_words.min(words.len())..].join(" ");
    match parse_dateline(&head) {
        Some(r) => {
            let hc: Vec<char> = head.chars().collect();
            let kept: String = hc[..r.start.min(hc.len())]
                .iter()
                .chain(hc[r.end.min(hc.len())..].iter())
                .collect();
            format!("{kept} {rest}")
        }
        None => before.to_string(),
    }
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
    // The fold keeps ':' and makes no other char into one: a line without
    // it is no clock time, and needs no folding.
    if !line.contains(':') {
        return None;
    }
    time_only_folded(&fold(line))
}

/// [`time_only`] for a line already folded with [`fold`].
pub(crate) fn time_only_folded(f: &str) -> Option<String> {
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
        "الموافق",
        "ه",
        "هـ",
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
    if let Some(p) = compact_date(v) {
        return Some(p);
    }
    let r = parse_dateline(v)?;
    Some(to_published(&r, v))
}

/// A meta value written as digits only: "20161022" or "201610221805"
/// (YYYYMMDD, then hhmm or hhmmss), as some CMSs fill `pubdate`.
fn compact_date(v: &str) -> Option<Published> {
    if !matches!(v.len(), 8 | 12 | 14) || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |a: usize, b: usize| v[a..b].parse::<i16>().ok();
    let (year, month, day) = (num(0, 4)?, num(4, 6)?, num(6, 8)?);
    let days = rasid_text::dates::days_in_month(i32::from(year), u8::try_from(month).ok()?);
    if !(1900..=2100).contains(&year) || !(1..=i16::from(days)).contains(&day) {
        return None;
    }
    let time = if v.len() >= 12 {
        let (h, m) = (num(8, 10)?, num(10, 12)?);
        ((0..24).contains(&h) && (0..60).contains(&m)).then(|| format!("{h:02}:{m:02}"))
    } else {
        None
    };
    Some(Published {
        date: format!("{year:04}-{month:02}-{day:02}"),
        time,
        precision: "day".to_string(),
        text: v.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_meta_dates() {
        type Case = (&'static str, Option<(&'static str, Option<&'static str>)>);
        let cases: &[Case] = &[
            ("20161022", Some(("2016-10-22", None))),
            ("201610221805", Some(("2016-10-22", Some("18:05")))),
            ("20161022180559", Some(("2016-10-22", Some("18:05")))),
            ("20161322", None),
            ("20160230", None),
            ("12345678", None),
            ("2016102", None),
        ];
        for (v, want) in cases {
            let got = compact_date(v);
            let got = got.as_ref().map(|p| (p.date.as_str(), p.time.as_deref()));
            assert_eq!(got, *want, "{v}");
        }
        assert_eq!(
            from_meta("20161022").map(|p| p.date),
            Some("2016-10-22".into())
        );
    }

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
    fn dateline_forms() {
        type Want = Option<(DateKind, &'static str, Option<&'static str>)>;
        let cases: &[(&str, Want)] = &[
            // Hijri date with its Gregorian equivalent, agency mark after.
            (
                "الموصل 3 شعبان 1444 هـ الموافق 23 فبراير 2023 م واس",
                Some((DateKind::Bare, "2023-02-23", None)),
            ),
            // A clock after "على الساعة" / "الساعة" belongs to the date.
            (
                "12/مارس/2022 على الساعة 18:05",
                Some((DateKind::Bare, "2022-03-12", Some("18:05"))),
            ),
            (
                "الأحد 5 حزيران 2022 الساعة 7:30 م",
                Some((DateKind::Bare, "2022-06-05", Some("19:30"))),
            ),
            // Publication and update stamps on one line: publication wins.
            (
                "نشر بتاريخ: 3 أيار 2022 - 9:10 م | آخر تحديث: 4 أيار 2022 - 6:00 ص",
                Some((DateKind::Published, "2022-05-03", Some("21:10"))),
            ),
            // Other labelled dates are not publication dates.
            ("تاريخ التسجيل: يناير 2012", None),
            ("عضو منذ: 14 آب 2016", None),
            ("تاريخ الميلاد: 1 كانون الثاني 1990", None),
            // One word before the colon is a place, not a field name.
            (
                "دمشق: الخميس 7 نيسان 2022 - 10:15 صباحاً",
                Some((DateKind::Bare, "2022-04-07", Some("10:15"))),
            ),
            // A plain date label is still a date line.
            (
                "التاريخ: 9 تموز 2019",
                Some((DateKind::Bare, "2019-07-09", None)),
            ),
        ];
        for (line, want) in cases {
            let got = read(line).map(|d| {
                let p = to_published(&d.reading, &d.text);
                (d.kind, p.date, p.time)
            });
            let want = want.map(|(k, d, t)| (k, d.to_string(), t.map(str::to_string)));
            assert_eq!(got, want, "{line}");
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
