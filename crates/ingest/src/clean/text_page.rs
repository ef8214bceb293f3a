//! Scraped text pages (and container text): finding the article block among
//! the lines of a page saved from a browser, deciding about its margins line
//! by line, and reading title, date, bylines and translation notices from the
//! lines around it before dropping them.
//!
//! The article is the maximal run of prose lines (a maximum-sum segment over
//! per-line weights: prose counts for, headline-like and chrome lines count
//! against, a "related" heading or a copyright line ends it). This module
//! must not change the text of a kept line.

use super::byline;
use super::chrome::{self, Chrome, is_crumb, is_headline_like, word_count, words_up_to};
use super::dateline::{self, DateKind, DateLine};
use super::translation;
use crate::{Published, TranslatedFrom};

/// What the text cleaner read from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TextReading {
    /// The article's paragraphs joined by "\n\n".
    pub body: String,
    /// The headline, when a headline line sits above the article.
    pub title: Option<String>,
    /// The article's own date line.
    pub published: Option<Published>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Translation notice.
    pub translated_from: Option<TranslatedFrom>,
    /// The site's name, when the page header gives it.
    pub outlet: Option<String>,
}

/// Per-line label inside the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Prose,
    Sentence,
    Short,
    Chrome(Chrome),
    Crumb,
    Date,
    Byline,
    Translation,
}

/// Cleans the text of a page. `known_title` is a title given from outside
/// (JSONL meta, HTML meta): lines equal to it are dropped.
pub(crate) fn clean_text(text: &str, known_title: Option<&str>) -> TextReading {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| {
            l.trim_matches(|c: char| {
                c.is_whitespace() || c == '\u{feff}' || c == '\u{200f}' || c == '\u{200e}'
            })
        })
        .filter(|l| !l.is_empty())
        .collect();
    let joined = join_wrapped(&lines);
    let lines: Vec<&str> = joined.iter().map(String::as_str).collect();
    // Each line folded once: the classifiers and the title checks below
    // all compare folded text.
    // And its words counted once (in the same pass): most classifiers
    // first ask how long a line is.
    let (folded, words): (Vec<String>, Vec<usize>) =
        lines.iter().map(|l| chrome::fold_counted(l)).unzip();
    let translated_page = translation::page_says_translated(&lines, &folded, &words);
    let roles: Vec<Role> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            // Breaking-news items in a run (two or more adjacent) are a
            // ticker; a lone "عاجل |" line is a wire flash's headline.
            let in_run = is_ticker(l)
                && ((i > 0 && is_ticker(lines[i - 1]))
                    || lines.get(i + 1).is_some_and(|n| is_ticker(n)));
            if in_run || is_ticker_strip(l) {
                Role::Crumb
            } else {
                role(l, &folded[i], words[i], translated_page)
            }
        })
        .collect();

    let (start, end) = article_block(&lines, &roles);
    let mut out = TextReading::default();
    let known_title_f = known_title.map(chrome::fold);

    // Title: the first headline-like, non-chrome line above the block.
    // A line whose text reads as a headline (of any role).
    let headline_text = |i: usize| {
        is_headline_like(lines[i])
            && word_count(lines[i]) >= 3
            && chrome::is_arabic_headline_text(lines[i])
            && !byline::is_bare_name(lines[i])
            && !(word_count(lines[i]) <= 4 && byline::is_outlet_name(lines[i]))
    };
    let is_title_line = |i: usize| roles[i] == Role::Short && headline_text(i);
    // Above a "related" list the list's items look like headlines too: then
    // the headline is the last one before the article.
    let related_above = roles[..start].contains(&Role::Chrome(Chrome::Related));
    // The headline that heads the article: a headline-like line right
    // above its date or byline ("عنوان / التاريخ / كتب: …"). Tickers,
    // flashes and menus higher up the page look like headlines too, and a
    // long headline reads as prose, so this is looked for first: the last
    // such line above the article, else the first just inside its start.
    let heads_article = |i: usize| {
        matches!(roles[i], Role::Short | Role::Prose | Role::Sentence)
            && headline_text(i)
            && lines[i].matches(" - ").count() < 3
            && roles[i + 1..]
                .iter()
                .find(|r| !matches!(r, Role::Crumb | Role::Chrome(_)))
                .is_some_and(|r| matches!(r, Role::Date | Role::Byline))
    };
    let heading = (0..start.min(lines.len()))
        .rev()
        .find(|&i| heads_article(i))
        .or_else(|| (start..lines.len().min(start + 3)).find(|&i| heads_article(i)));
    let title_idx = heading.or_else(|| {
        if related_above {
            (0..start).rev().find(|&i| is_title_line(i))
        } else {
            (0..start).find(|&i| is_title_line(i))
        }
    });
    // A headline written like a sentence (a question) counts when the page
    // repeats it or a byline or date line follows it.
    let title_idx = title_idx.or_else(|| {
        (0..lines.len().min(start + 2)).find(|&i| {
            let l = lines[i];
            matches!(roles[i], Role::Prose | Role::Sentence | Role::Short)
                && is_headline_like(l)
                && chrome::is_arabic_headline_text(l)
                && word_count(l) <= 15
                && !l.contains('،')
                && lines.get(i + 1).is_some_and(|_| {
                    folded[i + 1] == folded[i] || matches!(roles[i + 1], Role::Byline | Role::Date)
                })
        })
    });
    out.title = title_idx.map(|i| strip_urgent(lines[i]));
    out.outlet = header_outlet(&lines[..start.min(lines.len())], &roles);
    let title_f = out
        .title
        .as_deref()
        .map(chrome::fold)
        .or(known_title_f.clone());

    // Metadata from every line outside the body and from chrome lines inside.
    let mut dates: Vec<(usize, DateLine)> = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    let mut byline_time: Option<String> = None;
    for (i, (&line, &r)) in lines.iter().zip(&roles).enumerate() {
        let inside = i >= start && i < end;
        let near_top = i <= start + 1;
        match r {
            Role::Date => {
                if let Some(d) = dateline::read(line) {
                    dates.push((i, d));
                }
            }
            Role::Byline => {
                if let Some(b) = byline::read(line, near_top) {
                    push_names(&mut out.authors, b.names);
                    if byline_time.is_none() {
                        byline_time = b.time;
                    }
                    if let Some(t) = b.date_text
                        && let Some(r) = rasid_text::dates::parse_dateline(&t)
                    {
                        dates.push((
                            i,
                            DateLine {
                                kind: DateKind::Published,
                                reading: r,
                                text: t,
                            },
                        ));
                    }
                }
            }
            Role::Translation if out.translated_from.is_none() => {
                out.translated_from = translation::read(line, translated_page);
                // The original's URL on the next line.
                if let Some(t) = out.translated_from.as_mut()
                    && t.url.is_none()
                    && let Some(next) = lines.get(i + 1)
                    && word_count(next) == 1
                {
                    t.url = translation::find_url(next);
                }
            }
            // A notice split over lines ("نقلاً عن صحيفة …", then
            // "الرابط الأصلي: https://…"): a later line fills what the first lacked.
            Role::Translation => {
                if let Some(t) = out.translated_from.as_mut()
                    && (t.url.is_none() || t.outlet.is_none())
                    && let Some(more) = translation::read(line, translated_page)
                {
                    t.url = t.url.take().or(more.url);
                    t.outlet = t.outlet.take().or(more.outlet);
                }
            }
            Role::Short
                if !inside
                    && i < start
                    && i > title_idx.unwrap_or(usize::MAX)
                    && i <= start
                    && byline::is_bare_name(line) =>
            {
                push_names(&mut out.authors, byline::names_of(line));
            }
            _ => {}
        }
        if !inside {
            continue;
        }
        let is_title = title_f.as_deref() == Some(folded[i].as_str());
        let keep = match r {
            _ if is_title => false,
            Role::Prose | Role::Sentence => true,
            Role::Short => {
                title_f.as_deref() != Some(folded[i].as_str())
                    && !(i == start && byline::is_bare_name(line))
            }
            _ => false,
        };
        if keep && !credits_outlet(line, out.outlet.as_deref()) {
            kept.push(line);
        }
    }
    out.published = pick_date(&dates, title_idx, start, &roles)
        .or_else(|| lines.get(start).and_then(|l| lead_dateline(l)));
    // A clock time on the line next to the date line.
    if let Some(p) = out.published.as_mut()
        && p.time.is_none()
        && let Some((i, _)) = dates
            .iter()
            .find(|(_, d)| dateline::to_published(&d.reading, &d.text).text == p.text)
    {
        let near = [i.checked_sub(1), Some(i + 1)];
        if let Some(t) = near
            .into_iter()
            .flatten()
            .filter_map(|j| lines.get(j))
            .find_map(|l| dateline::time_only(l))
        {
            p.time = Some(t);
        }
    }
    // A clock time in the byline ("posted by NAME at 9:40 PM") dates the day shown.
    if let Some(p) = out.published.as_mut()
        && p.time.is_none()
    {
        p.time = byline_time;
    }
    // A section name from the page's navigation is not a person.
    let sections: Vec<String> = lines
        .iter()
        .zip(&roles)
        .filter(|(_, r)| matches!(r, Role::Crumb | Role::Chrome(Chrome::Nav)))
        .flat_map(|(l, _)| chrome::nav_pieces(l))
        .map(|p| chrome::fold(&p))
        .collect();
    // The site's own name (header, copyright line) credited as a writer is
    // the outlet, and a chrome phrase is never a name.
    let site_lines: Vec<String> = lines
        .iter()
        .zip(&roles)
        .enumerate()
        .filter(|(i, (_, r))| {
            matches!(r, Role::Chrome(Chrome::Copyright))
                || (*i == 0 && start > 0 && matches!(r, Role::Chrome(_) | Role::Crumb))
        })
        .map(|(_, (l, _))| chrome::fold(l))
        .chain(out.outlet.as_deref().map(chrome::fold))
        .collect();
    out.authors.retain(|a| {
        let f = chrome::fold(a);
        !sections.contains(&f)
            && chrome::classify(a).is_none()
            && !(word_count(a) >= 2 && site_lines.iter().any(|s| contains_words(s, &f)))
    });
    out.body = kept.join("\n\n");
    out
}

/// True when the words of `needle` occur as consecutive whole words of `hay`.
fn contains_words(hay: &str, needle: &str) -> bool {
    let h: Vec<&str> = hay
        .split(|c: char| !chrome::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .collect();
    let n: Vec<&str> = needle
        .split(|c: char| !chrome::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .collect();
    // "لبوابة …" / "بموقع …": a one-letter preposition fused to the name.
    let same_first = |w: &str| w == n[0] || w.strip_prefix(['ل', 'ب']) == Some(n[0]);
    !n.is_empty()
        && h.windows(n.len())
            .any(|w| same_first(w[0]) && w[1..] == n[1..])
}

/// "عاجل | …" / "عاجل: …" in front of a headline is a label, not the title.
fn strip_urgent(line: &str) -> String {
    for label in ["عاجل", "خاص", "بالفيديو", "بالصور", "فيديو"] {
        if let Some(rest) = line.strip_prefix(label) {
            let rest = rest.trim_start();
            if let Some(r) = rest.strip_prefix(['|', ':', '-', '–']) {
                return r.trim().to_string();
            }
        }
    }
    line.to_string()
}

/// The site's name in the page header: a short line above the article that
/// reads as an outlet name ("الحسكة بوست"), alone or before " - CITY".
fn header_outlet(lines: &[&str], roles: &[Role]) -> Option<String> {
    lines.iter().zip(roles).find_map(|(l, r)| {
        if !matches!(r, Role::Short | Role::Byline) {
            return None;
        }
        let head = l
            .split(" - ")
            .next()
            .unwrap_or(l)
            .split('-')
            .next()
            .unwrap_or(l)
            .trim();
        (word_count(head) <= 4 && byline::is_outlet_name(head) && !chrome::is_agency(head))
            .then(|| head.to_string())
    })
}

/// A photo caption credited to the site itself: "… (الخليج اليوم)".
fn credits_outlet(line: &str, outlet: Option<&str>) -> bool {
    let Some(o) = outlet else { return false };
    let t = line.trim_end_matches(['.', ' ']);
    t.strip_suffix(')')
        .and_then(|x| x.rsplit_once('('))
        .is_some_and(|(_, credit)| {
            chrome::fold(credit.trim()) == chrome::fold(o) && word_count(line) <= 30
        })
}

fn push_names(authors: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        if !authors.contains(&n) {
            authors.push(n);
        }
    }
}

/// The article's date: a labelled publication date, else a bare date line
/// below the title (or in the byline), else a bare date line with no title
/// above the article when it is not next to site chrome. An update stamp
/// alone is not a publication date.
fn pick_date(
    dates: &[(usize, DateLine)],
    title_idx: Option<usize>,
    start: usize,
    roles: &[Role],
) -> Option<Published> {
    let to_pub = |d: &DateLine| dateline::to_published(&d.reading, &d.text);
    if let Some((_, d)) = dates.iter().find(|(_, d)| d.kind == DateKind::Published) {
        return Some(to_pub(d));
    }
    let bare = dates.iter().filter(|(_, d)| d.kind == DateKind::Bare);
    // A date among the site's chrome (nav, crumbs) is a page clock.
    let among_chrome = |i: usize| {
        [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| roles.get(j))
            .any(|r| matches!(r, Role::Chrome(Chrome::Nav | Chrome::Share) | Role::Crumb))
    };
    let pick = match title_idx {
        Some(t) => bare
            .clone()
            .find(|(i, _)| *i > t)
            .or_else(|| bare.clone().find(|(i, _)| *i < t && !among_chrome(*i))),
        // No title: a date line right above the article or inside it.
        None => bare
            .clone()
            .find(|(i, _)| *i + 3 >= start && !among_chrome(*i)),
    };
    pick.map(|(_, d)| to_pub(d))
}

/// The wire-style dateline opening the first paragraph when the page prints
/// no date of its own: "الحسكة، الأحد 24 كانون الثاني 2021 – عُثر على …" or
/// "بغداد - 3 آب 2019: …". The date must sit between the place and the first
/// dash or colon, and carry a year: a weekday alone dates nothing.
fn lead_dateline(first: &str) -> Option<Published> {
    // The place: up to three words, closed by a comma or a dash.
    let seps = ["،", ",", " - ", " – ", " — ", " ـ "];
    let (p_end, sep) = seps
        .iter()
        .filter_map(|s| first.find(s).map(|i| (i, s.len())))
        .min()?;
    if first[..p_end].split_whitespace().count() > 3 {
        return None;
    }
    // The date: what follows, up to the next dash or colon.
    let rest = &first[p_end + sep..];
    let d_end = rest.find(['–', '—', ':', 'ـ', '-'])?;
    let date = rest[..d_end].trim();
    if date.is_empty() || date.split_whitespace().count() > 7 {
        return None;
    }
    let d = dateline::read(date)?;
    (d.kind != DateKind::Updated)
        .then(|| dateline::to_published(&d.reading, &d.text))
        .filter(|p| p.precision == "day")
}

/// Joins a paragraph wrapped over lines of one width (a PDF or print
/// edition's text layer): a run of long lines of similar length with no
/// sentence end, closed by a line that ends a sentence and is no longer
/// than the run's width. A headline above a paragraph is not joined: the
/// paragraph line after it is longer than the headline.
fn join_wrapped(lines: &[&str]) -> Vec<String> {
    // A closing footnote mark ("…قديمة.[1]") or bracket also ends a line.
    let ends_sentence = |l: &str| {
        l.trim_end()
            .ends_with(['.', '؟', '!', '؛', ':', '»', '"', ']', ')'])
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        let mut width = 0usize;
        let mut narrow = usize::MAX;
        // Collect the wrapped lines of the run.
        while j < lines.len()
            && j - i < 12
            && !ends_sentence(lines[j])
            && words_up_to(lines[j], 8) >= 8
            && chrome::classify(lines[j]).is_none()
        {
            let n = lines[j].chars().count();
            width = width.max(n);
            narrow = narrow.min(n);
            j += 1;
        }
        // A date line ("الخميس - 10 رمضان 1442 هـ - 22 أبريل 2021 مـ رقم
        // العدد [15486]") under a long headline is no line of its paragraph.
        let closes = j > i
            && j < lines.len()
            && ends_sentence(lines[j])
            && lines[j].chars().count() <= width + width / 10
            && narrow * 5 >= width * 4
            && chrome::classify(lines[j]).is_none()
            && dateline::read(lines[j]).is_none();
        if closes {
            out.push(lines[i..=j].join(" "));
            i = j + 1;
        } else {
            out.push(lines[i].to_string());
            i += 1;
        }
    }
    out
}

/// A print dateline that credits the paper: "المدينة ـ اسم الصحيفة:" — a
/// short line, a spaced dash or tatweel, a colon at its end.
fn is_place_credit(line: &str) -> bool {
    let t = line.trim();
    words_up_to(t, 6) <= 5
        && t.ends_with([':', '：'])
        && [" ـ ", " - ", " – "].iter().any(|d| {
            t.split_once(d)
                .is_some_and(|(l, r)| word_count(l) <= 2 && word_count(r) >= 1)
        })
}

/// A breaking-news ticker item: "عاجل: …", "عاجل | …", "عاجل - …" — the
/// word opening the line (no quotation mark before it) with a separator
/// after it, and a headline-length remainder with no sentence end.
/// A news ticker copied as one line: headlines run together with " ... "
/// ("قسد تعلن … ... التحالف: … ... ارتفاع …"), often under a label
/// ("شريط الأخبار:"). Always chrome, alone or not.
fn is_ticker_strip(line: &str) -> bool {
    let t = line.trim();
    let labelled = [
        "شريط الأخبار",
        "شريط الاخبار",
        "شريط",
        "آخر الأخبار",
        "أخبار عاجلة",
    ]
    .iter()
    .any(|l| {
        t.strip_prefix(l)
            .is_some_and(|r| r.trim_start().starts_with([':', '|', '-', '–']))
    });
    let sep = if t.contains(" … ") {
        " … "
    } else {
        " ... "
    };
    let pieces: Vec<&str> = t.split(sep).collect();
    // Prose with ellipses ends as a sentence, or has long pieces.
    let strip = pieces.len() >= 3
        && !t.ends_with(['.', '؟', '!'])
        && pieces.iter().all(|p| word_count(p) <= 14);
    (labelled && pieces.len() >= 2) || strip
}

fn is_ticker(line: &str) -> bool {
    let t = line.trim();
    let Some(rest) = t.strip_prefix("عاجل") else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(head) = rest.strip_prefix([':', '|', '-', '–', '：']) else {
        return false;
    };
    let n = word_count(head);
    (2..=20).contains(&n) && !head.trim_end().ends_with(['.', '؟', '!'])
}

/// The role of `line`, whose [`chrome::fold`] is `folded` and whose
/// [`word_count`] is `words`.
fn role(line: &str, folded: &str, words: usize, translated_page: bool) -> Role {
    if dateline::post_stamp(line).is_some() {
        return Role::Date;
    }
    let class = chrome::classify_counted(line, folded, Some(words));
    match class {
        Some(Chrome::Published | Chrome::Updated) => {
            return if dateline::read_folded(line, folded, words).is_some() {
                Role::Date
            } else {
                Role::Chrome(class.unwrap_or(Chrome::Nav))
            };
        }
        Some(Chrome::Byline) if byline::read(line, true).is_some() => return Role::Byline,
        Some(Chrome::Source) => {
            if translation::read_folded(line, folded, words, translated_page).is_some() {
                return Role::Translation;
            }
            return Role::Chrome(Chrome::Source);
        }
        Some(c) => return Role::Chrome(c),
        None => {}
    }
    if words <= 40
        && translation::read_folded(line, folded, words, translated_page).is_some()
        && !is_prose_sentence_about_translation(line)
    {
        return Role::Translation;
    }
    if dateline::read_folded(line, folded, words).is_some() {
        return Role::Date;
    }
    if is_crumb(line)
        || chrome::is_nav_line(line)
        || (line.contains(':') && dateline::time_only_folded(folded).is_some())
        || (words <= 5 && is_place_credit(line))
    {
        return Role::Crumb;
    }
    if line.starts_with("http") && words == 1 {
        return Role::Chrome(Chrome::Source);
    }
    if chrome::is_prose_counted(line, words) {
        return Role::Prose;
    }
    if !chrome::is_headline_like_counted(line, words) && chrome::ends_sentence(line) && words >= 3 {
        return Role::Sentence;
    }
    if byline::read(line, true).is_some_and(|b| {
        !b.names.is_empty() || b.date_text.is_some() || b == byline::Byline::default()
    }) {
        return Role::Byline;
    }
    if words <= 1 && chrome::arabic_ratio(line) < 0.5 {
        return Role::Chrome(Chrome::Nav);
    }
    Role::Short
}

/// "1 - …", "2) …", "• …": an item of a list inside the article.
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('٠'..='٩').contains(c))
        .count();
    let rest: String = t.chars().skip(digits).collect();
    (digits > 0 && digits <= 2 && rest.trim_start().starts_with(['-', ')', '.', '–']))
        || t.starts_with(['•', '▪'])
}

/// A long sentence that mentions a translation in passing is prose, not a notice.
fn is_prose_sentence_about_translation(line: &str) -> bool {
    words_up_to(line, 21) > 20 && chrome::ends_sentence(line)
}

/// The article block [start, end): the maximum-weight run of lines.
fn article_block(lines: &[&str], roles: &[Role]) -> (usize, usize) {
    let weight = |i: usize| -> i64 {
        let chars = lines[i].chars().count() as i64;
        match roles[i] {
            Role::Prose => chars,
            Role::Sentence => chars,
            // A numbered or bulleted item continues the prose around it.
            Role::Short if is_list_item(lines[i]) => 5,
            Role::Short => -25,
            Role::Chrome(Chrome::Related | Chrome::Copyright | Chrome::Comment) => -100_000,
            // A chat post stamp starts another post: the article is one post.
            Role::Date if dateline::post_stamp(lines[i]).is_some() => -100_000,
            // Ads, captions and "read also" links sit inside articles.
            Role::Chrome(Chrome::Ad | Chrome::Caption | Chrome::ReadAlso | Chrome::Share) => -10,
            Role::Chrome(_) | Role::Crumb => -60,
            Role::Date | Role::Byline | Role::Translation => -40,
        }
    };
    let (mut best, mut best_range) = (i64::MIN, (0, 0));
    let (mut cur, mut cur_start) = (0i64, 0usize);
    for i in 0..lines.len() {
        if cur <= 0 {
            cur = 0;
            cur_start = i;
        }
        cur += weight(i);
        if cur > best {
            best = cur;
            best_range = (cur_start, i + 1);
        }
    }
    if best <= 0 {
        return (lines.len(), lines.len());
    }
    // A block never starts or ends on a line that is not prose.
    let (mut s, mut e) = best_range;
    while s < e && !matches!(roles[s], Role::Prose | Role::Sentence) {
        s += 1;
    }
    while e > s && !matches!(roles[e - 1], Role::Prose | Role::Sentence) {
        e -= 1;
    }
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_paragraphs() {
        let a = "أعلنت مديرية الدفاع المدني في المحافظة أن فرقها أخمدت حريقاً كبيراً";
        let b = "اندلع في مخازن للحبوب قرب الطريق الدولي مساء أمس، من دون أن تسجل";
        let c = "أي إصابات بشرية.";
        let headline = "مقتل عنصرين من الشرطة بهجوم مسلح على حاجز قرب مدينة بعقوبة";
        let para = "قتل عنصران من الشرطة العراقية وأصيب ثالث بهجوم شنه مسلحون مجهولون على حاجز أمني في أطراف مدينة بعقوبة فجر اليوم، بحسب مصدر أمني.";
        let cases: Vec<(Vec<&str>, Vec<String>)> = vec![
            // One paragraph wrapped over three lines of one width.
            (vec![a, b, c], vec![format!("{a} {b} {c}")]),
            // A headline over a one-line paragraph stays apart.
            (
                vec![headline, para],
                vec![headline.to_string(), para.to_string()],
            ),
            // An unfinished run (no closing sentence) is left as it is.
            (vec![a, b], vec![a.to_string(), b.to_string()]),
            // A date line closed by a bracket under a long headline.
            (
                vec![
                    "هجوم لخلايا التنظيم على حاجز للجيش قرب الحضر... وغارات للتحالف على الوديان",
                    "الأحد - 3 شوال 1442 هـ - 16 مايو 2021 مـ رقم العدد [15510]",
                ],
                vec![
                    "هجوم لخلايا التنظيم على حاجز للجيش قرب الحضر... وغارات للتحالف على الوديان"
                        .to_string(),
                    "الأحد - 3 شوال 1442 هـ - 16 مايو 2021 مـ رقم العدد [15510]".to_string(),
                ],
            ),
        ];
        for (lines, want) in cases {
            assert_eq!(join_wrapped(&lines), want, "{lines:?}");
        }
    }

    #[test]
    fn place_credit_lines() {
        let cases: &[(&str, bool)] = &[
            ("كركوك ـ صحيفة المدى:", true),
            ("البصرة - المراسل:", true),
            ("كركوك ـ صحيفة المدى", false),
            ("وقال المصدر - وهو ضابط في الشرطة - ما يلي:", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_place_credit(line), *want, "{line}");
        }
    }

    #[test]
    fn ticker_lines() {
        let cases: &[(&str, bool)] = &[
            ("عاجل: مقتل عنصرين من الشرطة بهجوم قرب الميادين", true),
            ("عاجل | غارات جوية تستهدف أطراف مدينة سراقب", true),
            ("عاجل - اشتباكات عنيفة على محور كباني", true),
            // A quoted alert inside prose, a sentence, a lone word.
            (
                "«عاجل: قذائف باتجاه البلدة»، بهذه الرسالة حذر الناشطون السكان قبل القصف.",
                false,
            ),
            ("عاجل: قالت مصادر محلية إن القصف استهدف السوق.", false),
            ("عاجل", false),
            ("عاجلاً أم آجلاً ستعود العائلات إلى قراها", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_ticker(line), *want, "{line}");
        }
        let strips: &[(&str, bool)] = &[
            (
                "شريط: قسد تعلن حظر تجوال في الرقة ... التحالف يبحث الانسحاب ... افتتاح معبر تل أبيض",
                true,
            ),
            (
                "انقطاع الكهرباء عن أحياء في حلب ... عودة 200 عائلة إلى منبج ... هطول أمطار غزيرة",
                true,
            ),
            ("آخر الأخبار | مقتل عنصرين ... إغلاق الطريق الدولي", true),
            // Ellipses in prose.
            (
                "وقال الشاهد: كنا نسمع الانفجارات ... ثم ساد الصمت ... ولم نعرف ما جرى.",
                false,
            ),
            ("هاجم مسلحون ... نقطة للجيش", false),
        ];
        for (line, want) in strips {
            assert_eq!(is_ticker_strip(line), *want, "{line}");
        }
    }

    const PAGE: &str = "Menu\nHome\nLog in\nالعربية | English\nالرئيسية > أخبار > سوريا\nالأحد 15 مارس 2020 | 10:42\n\
مقتل ثلاثة عناصر من قوات النظام بهجوم في ريف حمص الشرقي\n\
بقلم: سامي العلي\n\
الجمعة، 13 مارس 2020 09:15 ص\n\
صورة أرشيفية لعناصر من قوات النظام (أ ف ب)\n\
قتل ثلاثة عناصر من قوات النظام السوري وأصيب خمسة آخرون، مساء الخميس، بهجوم شنه مسلحون مجهولون على حاجز عسكري في ريف حمص الشرقي.\n\
شارك في الهجوم نحو عشرين مسلحاً قدموا من عمق البادية بحسب مصادر محلية.\n\
اقرأ أيضاً: انفجار لغم بسيارة مدنية في ريف دير الزور\n\
وأضاف المصدر أن الهجوم استمر قرابة ساعة قبل انسحاب المهاجمين نحو البادية، فيما وصلت تعزيزات إلى المنطقة.\n\
إعلان\n\
المصدر الأمني قال إن التحقيقات ما زالت جارية.\n\
الكلمات المفتاحية: حمص، البادية\n\
شارك\n\
أخبار ذات صلة\n\
مقتل جندي بانفجار عبوة في درعا\n\
غارات على ريف إدلب الجنوبي\n\
جميع الحقوق محفوظة © 2020";

    #[test]
    fn ticker_run_is_not_the_title() {
        let page = "عاجل: سقوط قذائف على أطراف مدينة دوما\n\
عاجل: انقطاع الكهرباء عن أحياء في حمص\n\
السبت 9 نيسان 2022 | 11:20\n\
مقتل مدنيين اثنين بقصف مدفعي على ريف إدلب الجنوبي\n\
نشر بتاريخ: 8 نيسان 2022 - 7:45 م | آخر تحديث: 9 نيسان 2022 - 8:00 ص\n\
قتل مدنيان وأصيب أربعة آخرون مساء الجمعة جراء قصف مدفعي استهدف بلدة في ريف إدلب الجنوبي، بحسب الدفاع المدني.\n\
وقال الدفاع المدني إن فرقه انتشلت الضحايا من تحت الأنقاض ونقلت المصابين إلى مشفى قريب.";
        let r = clean_text(page, None);
        assert_eq!(
            r.title.as_deref(),
            Some("مقتل مدنيين اثنين بقصف مدفعي على ريف إدلب الجنوبي")
        );
        let p = r.published.expect("published");
        assert_eq!(
            (p.date.as_str(), p.time.as_deref()),
            ("2022-04-08", Some("19:45"))
        );
        assert!(!r.body.contains("انقطاع الكهرباء"), "{}", r.body);
        // A lone flash line is a headline, not a ticker.
        let flash = "عاجل | انفجار عبوة ناسفة بسيارة في مدينة الرقة\n\
الرقة (سوريا)، 2021/05/10 (أ ف ب) -\n\
قتل شخصان على الأقل بانفجار عبوة ناسفة زرعت في سيارة مدنية وسط مدينة الرقة صباح الإثنين، وفق مصادر محلية.";
        let r = clean_text(flash, None);
        assert!(
            r.title
                .as_deref()
                .is_some_and(|t| t.contains("انفجار عبوة"))
        );
    }

    #[test]
    fn scraped_page() {
        let r = clean_text(PAGE, None);
        assert_eq!(
            r.title.as_deref(),
            Some("مقتل ثلاثة عناصر من قوات النظام بهجوم في ريف حمص الشرقي")
        );
        assert_eq!(r.authors, vec!["سامي العلي".to_string()]);
        for present in [
            "قتل ثلاثة عناصر",
            "شارك في الهجوم نحو عشرين",
            "وأضاف المصدر أن",
            "المصدر الأمني قال",
        ] {
            assert!(r.body.contains(present), "missing {present}: {}", r.body);
        }
        for absent in [
            "Menu",
            "اقرأ أيضاً",
            "إعلان",
            "الكلمات المفتاحية",
            "أخبار ذات صلة",
            "درعا",
            "جميع الحقوق",
            "صورة أرشيفية",
            "بقلم",
            "مقتل ثلاثة عناصر من قوات",
        ] {
            assert!(!r.body.contains(absent), "kept {absent}: {}", r.body);
        }
        assert_eq!(r.body.split("\n\n").count(), 4);
    }

    #[test]
    fn container_text_with_leading_byline() {
        let r = clean_text(
            " هاني الزين-القاهرة\n أعلنت وزارة الداخلية اليوم عن ضبط خلية تضم خمسة أشخاص كانوا يخططون لتنفيذ هجمات في العاصمة.\nوقالت الوزارة في بيانها إن التحقيقات مستمرة.",
            Some("ضبط خلية في القاهرة"),
        );
        assert_eq!(r.authors, vec!["هاني الزين".to_string()]);
        assert!(r.body.starts_with("أعلنت وزارة الداخلية"));
        assert!(r.body.contains("التحقيقات مستمرة"));
        assert_eq!(r.title, None);
    }

    #[test]
    fn no_title_line_means_no_title() {
        let r = clean_text(
            "قال مسؤول محلي إن قذيفة سقطت على حي سكني في المدينة صباح اليوم دون وقوع إصابات.",
            None,
        );
        assert_eq!(r.title, None);
        assert!(r.body.starts_with("قال مسؤول"));
    }

    #[test]
    fn translation_notice() {
        let r = clean_text(
            "واشنطن تدرس خياراتها في سوريا\nترجمة: ليلى حسن\nتدرس الإدارة الأمريكية عدة خيارات للتعامل مع الوضع في شمال شرق سوريا بعد الهجمات الأخيرة على قواعدها.\nوقال مسؤولون إن القرار لم يتخذ بعد.\nنقلاً عن صحيفة واشنطن بوست الأمريكية https://www.example.com/world/2019/06/15/syria-options/",
            None,
        );
        let t = r.translated_from.expect("translation");
        assert_eq!(t.outlet.as_deref(), Some("واشنطن بوست"));
        assert_eq!(
            t.url.as_deref(),
            Some("https://www.example.com/world/2019/06/15/syria-options/")
        );
        // A translator's credit is a byline name (the spec strips "ترجمة", not the name).
        assert_eq!(r.authors, vec!["ليلى حسن".to_string()]);
        assert!(!r.body.contains("نقلاً"));
    }

    #[test]
    fn lead_dateline_dates_an_undated_page() {
        let body =
            "وقال مسؤول محلي إن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض في الحي المتضرر.";
        let cases: &[(&str, Option<&str>)] = &[
            (
                "الرقة، الثلاثاء 9 آذار 2021 – انفجرت سيارة مفخخة قرب دوار النعيم وسط المدينة ما أدى إلى أضرار كبيرة.",
                Some("2021-03-09"),
            ),
            (
                "بغداد - 3 آب 2019: قتل شرطي وأصيب آخران بانفجار عبوة ناسفة في منطقة الطارمية شمالي العاصمة.",
                Some("2019-08-03"),
            ),
            // A weekday alone dates nothing; a sentence with a dash later is no dateline.
            (
                "الموصل، الأحد – اعتقلت القوات الأمنية ثلاثة مطلوبين في الجانب الأيمن من المدينة.",
                None,
            ),
            (
                "أعلنت السلطات أن الطريق الدولي أغلق منذ 12 تموز 2020 - وفق ما ذكرته مصادر محلية في المنطقة.",
                None,
            ),
        ];
        for (lead, want) in cases {
            let r = clean_text(&format!("{lead}\n{body}"), None);
            assert_eq!(r.published.map(|p| p.date).as_deref(), *want, "{lead}");
        }
    }

    #[test]
    fn translation_notice_split_over_lines() {
        let r = clean_text(
            "هل يعود التنظيم إلى الموصل؟\nترجمة: سامي يوسف\nنقلاً عن مجلة «فورين بوليسي»\nرابط المقال الأصلي: https://foreignpolicy.com/2022/04/09/iraq-mosul-islamic-state-return/\nيرى باحثون أن خلايا التنظيم ما زالت تتحرك في المناطق الريفية جنوب الموصل رغم الحملات الأمنية المتكررة.\nويقول ضابط عراقي إن الصحراء الواسعة تمنح المسلحين ملاذاً يصعب ضبطه.",
            None,
        );
        let t = r.translated_from.expect("translation");
        assert_eq!(t.outlet.as_deref(), Some("فورين بوليسي"));
        assert_eq!(
            t.url.as_deref(),
            Some("https://foreignpolicy.com/2022/04/09/iraq-mosul-islamic-state-return/")
        );
        assert!(!r.body.contains("الرابط") && !r.body.contains("رابط المقال"));
    }

    #[test]
    fn update_stamp_alone_is_not_published() {
        let r = clean_text(
            "انفجار في سوق شعبي وسط المدينة\nآخر تحديث: 14 آذار 2020\nأدى انفجار عبوة ناسفة في سوق شعبي وسط المدينة إلى إصابة عدد من المدنيين بجروح متفاوتة.",
            None,
        );
        assert_eq!(r.published, None);
        assert!(!r.body.contains("آخر تحديث"));
    }

    /// Small pages: (page, title, published date, authors, present, absent).
    #[test]
    fn page_table() {
        type Case = (
            &'static str,
            Option<&'static str>,
            Option<&'static str>,
            &'static [&'static str],
            &'static [&'static str],
            &'static [&'static str],
        );
        let cases: &[Case] = &[
            (
                "الأكثر قراءة\nارتفاع أسعار الوقود في الأسواق\nافتتاح معرض الكتاب\nاشتباكات عنيفة على أطراف مدينة الباب\nدمشق - 13 آذار 2020\nاندلعت اشتباكات عنيفة فجر اليوم بين فصائل مسلحة على أطراف مدينة الباب شمال حلب، استخدمت فيها الأسلحة الثقيلة.\nوأفاد ناشطون بسقوط قتلى من الطرفين دون حصيلة نهائية.\nالمصدر: الجزيرة نت",
                Some("اشتباكات عنيفة على أطراف مدينة الباب"),
                Some("2020-03-13"),
                &[],
                &["اندلعت اشتباكات عنيفة", "دون حصيلة نهائية."],
                &["ارتفاع أسعار الوقود", "المصدر", "13 آذار"],
            ),
            (
                "غارة جوية تستهدف رتلاً عسكرياً قرب البوكمال\nكتب: يوسف الحمد\nنشر في: 2 أيار 2021\nآخر تحديث: 3 أيار 2021\nاستهدفت طائرة مسيرة مجهولة رتلاً عسكرياً قرب مدينة البوكمال على الحدود السورية العراقية، ما أدى إلى تدمير ثلاث آليات.\nصورة تعبيرية\nولم تتبن أي جهة المسؤولية عن الغارة حتى الآن.\nطباعة\nأضف تعليقاً",
                Some("غارة جوية تستهدف رتلاً عسكرياً قرب البوكمال"),
                Some("2021-05-02"),
                &["يوسف الحمد"],
                &["استهدفت طائرة مسيرة", "حتى الآن."],
                &["صورة تعبيرية", "طباعة", "أضف", "آخر تحديث", "يوسف الحمد"],
            ),
            // A flash and a dash-separated menu above the headline; the
            // headline is the line over the byline and date.
            (
                "موقع الرافدين نت\nالرئيسية - محليات - أمن - رياضة - اتصل بنا\nعاجل: تعطيل الدوام الرسمي في بغداد غدا بسبب الأمطار\nمقتل جنديين بهجوم على ربيئة عسكرية شمال تكريت\nكتب: حيدر الساعدي\n12/04/2021 - 10:30\nقُتل جنديان من الجيش العراقي، فجر اليوم، بهجوم شنه مسلحون على ربيئة عسكرية في منطقة مطيبيجة شمال تكريت.\nوأضاف المصدر أن قوة أمنية طاردت المهاجمين باتجاه الوديان القريبة.",
                Some("مقتل جنديين بهجوم على ربيئة عسكرية شمال تكريت"),
                Some("2021-04-12"),
                &["حيدر الساعدي"],
                &["قُتل جنديان", "باتجاه الوديان القريبة."],
                &["تعطيل الدوام", "الرئيسية", "كتب"],
            ),
            // A long headline reads as prose, and a ticker opens the block.
            (
                "شبكة البادية\nشريط الأخبار: افتتاح مدرسة جديدة في تدمر ... توزيع مساعدات في السخنة ... ارتفاع أسعار الخبز\nخلايا التنظيم تشن هجوماً على نقطة لقوات النظام قرب السخنة في بادية حمص الشرقية وتقتل ثلاثة عناصر منها\nإعداد: سامر الحمصي\n2022-01-20 | 09:15\nهاجمت خلايا تابعة لتنظيم داعش، ليل الأربعاء، نقطة عسكرية لقوات النظام قرب مدينة السخنة، ما أدى إلى مقتل ثلاثة عناصر.\nوتشهد البادية السورية هجمات متكررة منذ أشهر.",
                Some(
                    "خلايا التنظيم تشن هجوماً على نقطة لقوات النظام قرب السخنة في بادية حمص الشرقية وتقتل ثلاثة عناصر منها",
                ),
                Some("2022-01-20"),
                &["سامر الحمصي"],
                &["هاجمت خلايا تابعة", "هجمات متكررة منذ أشهر."],
                &["افتتاح مدرسة", "إعداد"],
            ),
        ];
        for (page, title, date, authors, present, absent) in cases {
            let r = clean_text(page, None);
            assert_eq!(r.title.as_deref(), *title, "{page}");
            assert_eq!(
                r.published.as_ref().map(|p| p.date.as_str()),
                *date,
                "{page}"
            );
            assert_eq!(
                r.authors,
                authors.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
                "{page}"
            );
            assert!(r.translated_from.is_none(), "{page}");
            for p in *present {
                assert!(r.body.contains(p), "missing {p}: {}", r.body);
            }
            for a in *absent {
                assert!(!r.body.contains(a), "kept {a}: {}", r.body);
            }
        }
    }

    #[test]
    fn navigation_and_site_names_are_not_people() {
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            (
                "شبكة الرافدين | أخبار العراق\nالرئيسية   محليات   شؤون دولية   رياضة\nشؤون دولية\n\
اشتباكات بين فصيلين مسلحين في ريف حلب الشمالي\nسعيد المصري\n\
اندلعت اشتباكات عنيفة صباح اليوم بين فصيلين مسلحين في محيط مدينة أعزاز بريف حلب الشمالي، ما أدى إلى سقوط قتلى وجرحى من الطرفين.\n\
وقالت مصادر محلية إن الاشتباكات اندلعت على خلفية خلاف حول إدارة أحد المعابر التجارية في المنطقة.",
                Some("اشتباكات بين فصيلين مسلحين في ريف حلب الشمالي"),
                &["سعيد المصري"],
            ),
            (
                "صوت الجنوب الإخباري - نسخة للطباعة\nاطبع هذه الصفحة   |   أغلق النافذة\n\
انفجار عبوة ناسفة بدورية عسكرية في ريف درعا الغربي\nالقسم: محليات\nالكاتب: صوت الجنوب - وكالات\n\
انفجرت عبوة ناسفة صباح اليوم بدورية عسكرية على الطريق الواصل بين بلدتي المزيريب واليادودة في ريف درعا الغربي، ما أدى إلى إصابة ثلاثة عناصر.\n\
وذكرت مصادر محلية أن المنطقة تشهد منذ أشهر هجمات متكررة تستهدف الدوريات والحواجز العسكرية.\n\
جميع الحقوق محفوظة لصوت الجنوب الإخباري © 2021",
                Some("انفجار عبوة ناسفة بدورية عسكرية في ريف درعا الغربي"),
                &[],
            ),
        ];
        for (page, title, authors) in cases {
            let r = clean_text(page, None);
            assert_eq!(r.title.as_deref(), *title, "{page}");
            let want: Vec<String> = authors.iter().map(|a| a.to_string()).collect();
            assert_eq!(r.authors, want, "{page}");
        }
    }

    #[test]
    fn chat_channel_keeps_one_post() {
        let page = "أخبار البادية | Badia News\nt.me/badia_news\n8,120 subscribers\n📌 Pinned message: لإرسال الأخبار راسلونا\n\
[03.06.20 08:10] أخبار البادية:\n⚡️ ارتفاع أسعار المحروقات في أسواق مدينة البوكمال منذ الصباح.\n👁 2.4K\n\
[03.06.20 09:25] أخبار البادية:\n🔴 #البوكمال\n\
قتل عنصران من الميليشيات الموالية لإيران وأصيب ثالث، صباح اليوم، بانفجار لغم أرضي بسيارتهم على الطريق الصحراوي قرب مدينة البوكمال.\n\
وقالت مصادر محلية إن سيارات إسعاف نقلت المصاب إلى مشفى المدينة، فيما طوقت الميليشيات المكان ومنعت الاقتراب منه.\n\
👁 5.1K\n[03.06.20 10:02] أخبار البادية:\n📢 تابعونا على تويتر: twitter.com/badia\n👁 1.2K";
        let r = clean_text(page, None);
        assert_eq!(r.title, None);
        let p = r.published.expect("post stamp");
        assert_eq!(
            (p.date.as_str(), p.time.as_deref()),
            ("2020-06-03", Some("09:25"))
        );
        assert!(r.body.starts_with("قتل عنصران"), "{}", r.body);
        for absent in ["المحروقات", "[03.06.20", "تابعونا", "Pinned"] {
            assert!(!r.body.contains(absent), "kept {absent}: {}", r.body);
        }
    }
}
