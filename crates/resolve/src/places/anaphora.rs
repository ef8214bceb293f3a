//! Definite settlement nouns that point back at a place named before:
//! "قرب الناحية" after "ناحية أبو صيدا", "في القطاع الخامس من المخيم"
//! after "مخيم الهول".
//!
//! Owns one pass over a body's tokens after matching: a definite kind noun
//! ("المخيم", "الناحية", "البلدة", "القرية", "القضاء", "المدينة") with no
//! name after it is read as a mention of the last place the text introduced
//! with the same noun ("مخيم الهول", "بناحية أبو صيدا"). It adds mentions of
//! places already found and never looks up the gazetteer, actors or people
//! (claimed spans are skipped as in matching). It also drops a foreign
//! name used for a neighbourhood ("حي الجزائر" in Basra).

use std::borrow::Cow;

use rasid_text::tokens::{Token, TokenKind};

use super::PlaceMention;

/// Kind nouns, normalised and indefinite, as they introduce a name.
const KINDS: &[&str] = &["مخيم", "ناحيه", "بلده", "قريه", "قضاء", "مدينه", "سجن"];

/// How far back (in code points) a pointer may reach for its place: a
/// pointer names a place of the same story, told a few paragraphs before.
const REACH: usize = 1500;

/// The word without its conjunction and preposition proclitics:
/// "وبالمخيم" → "المخيم", "للناحيه" → "الناحيه", "ببلده" → "بلده".
/// Borrowed but for the "لل" case: it runs for the words around every
/// place found.
fn bare(norm: &str) -> Cow<'_, str> {
    let s = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .unwrap_or(norm);
    if let Some(rest) = s.strip_prefix("لل") {
        return Cow::Owned(format!("ال{rest}"));
    }
    for p in ['ب', 'ل', 'ك'] {
        if let Some(rest) = s.strip_prefix(p)
            && (KINDS.contains(&rest)
                || rest.strip_prefix("ال").is_some_and(|r| KINDS.contains(&r)))
        {
            return Cow::Borrowed(rest);
        }
    }
    Cow::Borrowed(s)
}

/// Adds a mention for each definite kind noun that points back at a place
/// introduced with that noun; `mentions` stay in body order.
pub(crate) fn add_pointers(
    tokens: &[Token],
    claimed: &[(usize, usize)],
    mentions: &mut Vec<PlaceMention>,
) {
    if mentions.is_empty() {
        return;
    }
    let tok_at = |pos: usize| tokens.partition_point(|t| t.end <= pos);
    // (kind, mention index): places the text introduced with a kind noun,
    // the noun right before the name or opening the mention.
    let mut introduced: Vec<(usize, usize)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        let first = tok_at(m.start);
        let own = tokens.get(first).filter(|t| t.start >= m.start);
        let before = first.checked_sub(1).and_then(|k| tokens.get(k));
        for t in own.into_iter().chain(before) {
            if t.kind != TokenKind::Word {
                continue;
            }
            if let Some(kind) = KINDS.iter().position(|k| *k == bare(&t.norm)) {
                introduced.push((kind, mi));
                break;
            }
        }
    }
    if introduced.is_empty() {
        return;
    }
    let mut added: Vec<PlaceMention> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        // `bare` only strips prefixes, so a pointer's word ends with its
        // kind noun: other words are passed over without building a string.
        if t.kind != TokenKind::Word || !KINDS.iter().any(|k| t.norm.ends_with(k)) {
            continue;
        }
        let b = bare(&t.norm);
        let Some(kind) = b
            .strip_prefix("ال")
            .and_then(|r| KINDS.iter().position(|k| *k == r))
        else {
            continue;
        };
        // The word must not be part of a mention, nor open a name
        // ("المخيم الشرقي" is still the camp; "مدينة الرقة" never reaches here).
        let inside = |pos: usize| mentions.iter().any(|m| m.start <= pos && pos < m.end);
        let named_next = tokens.get(i + 1).is_some_and(|n| {
            mentions
                .iter()
                .any(|m| m.start >= n.start && m.start < n.end)
        });
        if inside(t.start) || named_next || claimed.iter().any(|&(s, e)| s < t.end && t.start < e) {
            continue;
        }
        let Some(&(_, mi)) = introduced
            .iter()
            .rev()
            .find(|&&(k, mi)| k == kind && mentions[mi].end <= t.start)
        else {
            continue;
        };
        let src = &mentions[mi];
        if t.start - src.end > REACH {
            continue;
        }
        // The span leaves out the proclitics, as a name's does.
        let skip = t.norm.chars().count() - b.chars().count();
        added.push(PlaceMention {
            start: t.start + skip,
            end: t.end,
            place: src.place.clone(),
        });
    }
    if added.is_empty() {
        return;
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// Drops a name right after "حي" (a neighbourhood) that resolves to a
/// country, or to a place in another country than the rest of the text:
/// "حي الجزائر" in Basra is a neighbourhood, not Algiers.
pub(crate) fn drop_foreign_quarters(tokens: &[Token], mentions: &mut Vec<PlaceMention>) {
    let tok_at = |pos: usize| tokens.partition_point(|t| t.end <= pos);
    let quarter = |m: &PlaceMention| {
        let first = tok_at(m.start);
        first
            .checked_sub(1)
            .and_then(|k| tokens.get(k))
            .is_some_and(|t| bare(&t.norm) == "حي" || t.norm == "بحي" || t.norm == "وحي")
    };
    if !mentions.iter().any(quarter) {
        return;
    }
    // The country most of the other mentions lie in.
    let mut tally: Vec<(&str, usize)> = Vec::new();
    for m in mentions.iter().filter(|m| !quarter(m)) {
        match tally.iter_mut().find(|(c, _)| *c == m.place.country) {
            Some((_, n)) => *n += 1,
            None => tally.push((&m.place.country, 1)),
        }
    }
    let main = tally
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c.to_string());
    mentions.retain(|m| {
        !(quarter(m)
            && (m.place.level == super::Level::Country
                || main.as_deref().is_some_and(|c| c != m.place.country)))
    });
}

#[cfg(test)]
mod tests {
    use super::super::find_places;
    use rasid_text::tokens::tokenize;

    /// text → the names of every place mention, in order, with its text.
    fn places(text: &str) -> Vec<(String, String)> {
        let tokens = tokenize(text);
        find_places(text, &tokens, &[])
            .into_iter()
            .map(|m| {
                let s: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                (s, m.place.name)
            })
            .collect()
    }

    #[test]
    fn a_definite_kind_noun_points_back() {
        let cases: &[(&str, &[&str])] = &[
            (
                "وقعت اشتباكات في مخيم الهول أمس. وقالت مصادر إن الأمن انتشر داخل المخيم بعد الحادثة.",
                &["مخيم الهول", "المخيم"],
            ),
            (
                "قُتل مزارع في بستان قرب ناحية العظيم. وأضاف المصدر أن المسلحين انسحبوا من الناحية نحو البساتين.",
                &["ناحية العظيم", "الناحية"],
            ),
            // A quarter named after a foreign city is no mention of it.
            (
                "اختطف مسلحون طبيباً في حي الجزائر وسط البصرة مساء الجمعة.",
                &["البصرة"],
            ),
            // A prison named once, then "the prison".
            (
                "هاجم مسلحون سجن غويران في الحسكة. واندلعت اشتباكات في محيط السجن حتى الفجر.",
                &["سجن غويران", "الحسكة", "السجن"],
            ),
            // No place introduced by that noun: nothing to point at.
            (
                "قُتل مزارع قرب الموصل. وانسحب المسلحون من الناحية.",
                &["الموصل"],
            ),
        ];
        for (text, want) in cases {
            let got = places(text);
            let texts: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
            assert_eq!(texts, *want, "{text}\n{got:?}");
            if got.len() == 2 {
                assert_eq!(got[0].1, got[1].1, "{text}");
            }
        }
    }
}
