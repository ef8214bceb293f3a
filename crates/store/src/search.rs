//! Full-text search over stored documents.
//!
//! Owns what goes into the FTS5 index ([`index_text`]), how a query is read
//! ([`query_terms`]), the expansion of a query through resolved mention ids
//! (an actor or a place found under another name), ranking (FTS5 `bm25`,
//! title weighted twice the body) and snippets with highlight offsets into
//! the stored body. Near-duplicates collapse to their best-ranked member.
//! It must not change what is stored.

use crate::{Result, Store};
use rasid_text::normalize::normalize;
use rasid_text::tokens::{TokenKind, tokenize};
use rusqlite::params_from_iter;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// The text the index holds for `s`: each word in normal form followed by
/// its clitic-stripped candidates ("وبالرقة" → "وبالرقه بالرقه الرقه رقه"),
/// so a query for "الرقة" finds it.
pub fn index_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for t in tokenize(s) {
        if t.kind == TokenKind::Punct {
            continue;
        }
        for c in t.candidates() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&c);
        }
    }
    out
}

/// A phrase in normal form with single spaces, trimmed (mentions are looked up by it).
pub fn normalize_phrase(s: &str) -> String {
    normalize(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a query in normal form ("#داعش" → ["داعش"]).
pub fn query_terms(query: &str) -> Vec<String> {
    tokenize(query)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.norm)
        .collect()
}

/// A span of a text in code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Where it came from.
    pub uri: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// bm25 score (lower is better, as FTS5 gives it); `None` for a
    /// document found only through a mention id.
    pub score: Option<f64>,
    /// How it matched: `text`, or `mention` (through a resolved id).
    pub matched_by: &'static str,
    /// Mention ids the query resolved to (for `mention` hits).
    pub ids: Vec<String>,
    /// A stretch of the body around the first match.
    pub snippet: String,
    /// Code-point offsets of `snippet` in the body.
    pub snippet_start: usize,
    /// Matches inside `snippet` (code points into `snippet`).
    pub highlights: Vec<Highlight>,
    /// Matches in the whole body (code points into `body`).
    pub body_highlights: Vec<Highlight>,
    /// Other stored documents of its near-duplicate group.
    pub duplicates: usize,
}

/// Code points of context on each side of the first match.
const CONTEXT: usize = 80;

impl Store {
    /// Documents matching `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let terms = query_terms(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let ids = self.query_ids(query)?;
        let fts_query = terms
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" ");
        // Enough rows to fill `limit` after near-duplicates collapse.
        let fetch = (limit * 4 + 20) as i64;
        let mut rows: Vec<(i64, Option<f64>)> = self.sql(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT rowid, bm25(documents_fts, 2.0, 1.0) AS score FROM documents_fts \
                 WHERE documents_fts MATCH ?1 ORDER BY score LIMIT ?2",
            )?;
            stmt.query_map(rusqlite::params![fts_query, fetch], |r| {
                Ok((r.get(0)?, Some(r.get(1)?)))
            })?
            .collect()
        })?;
        if !ids.is_empty() {
            let seen: BTreeSet<i64> = rows.iter().map(|r| r.0).collect();
            let marks = vec!["?"; ids.len()].join(", ");
            let by_mention: Vec<i64> = self.sql(|c| {
                let mut stmt = c.prepare(&format!(
                    "SELECT doc FROM mentions WHERE mid IN ({marks}) \
                     GROUP BY doc ORDER BY count(*) DESC, doc LIMIT {fetch}"
                ))?;
                stmt.query_map(params_from_iter(ids.iter()), |r| r.get(0))?
                    .collect()
            })?;
            rows.extend(
                by_mention
                    .into_iter()
                    .filter(|d| !seen.contains(d))
                    .map(|d| (d, None)),
            );
        }
        let mut hits = Vec::new();
        let mut groups_seen = BTreeSet::new();
        for (pk, score) in rows {
            if hits.len() == limit {
                break;
            }
            // The group first: a near-duplicate of a hit already taken is skipped
            // before its body is read.
            let group: Option<i64> = self.sql(|c| {
                c.query_row("SELECT dup_group FROM documents WHERE pk = ?1", [pk], |r| {
                    r.get(0)
                })
            })?;
            let group = group.unwrap_or(pk);
            if !groups_seen.insert(group) {
                continue;
            }
            let (mut hit, body) = self.sql(|c| {
                c.query_row(
                    "SELECT id, title, uri, outlet, published, json_extract(record, '$.body') \
                     FROM documents WHERE pk = ?1",
                    [pk],
                    |r| {
                        let hit = Hit {
                            id: r.get(0)?,
                            title: r.get(1)?,
                            uri: r.get(2)?,
                            outlet: r.get(3)?,
                            published: r.get(4)?,
                            score,
                            matched_by: if score.is_some() { "text" } else { "mention" },
                            ids: ids.clone(),
                            snippet: String::new(),
                            snippet_start: 0,
                            highlights: Vec::new(),
                            body_highlights: Vec::new(),
                            duplicates: 0,
                        };
                        Ok((hit, r.get::<_, String>(5)?))
                    },
                )
            })?;
            let duplicates: i64 = self.sql(|c| {
                c.query_row(
                    "SELECT count(*) - 1 FROM documents WHERE dup_group = ?1",
                    [group],
                    |r| r.get(0),
                )
            })?;
            let mut spans = term_spans(&body, &terms);
            if spans.is_empty() && !ids.is_empty() {
                spans = self.mention_spans(pk, &ids)?;
            }
            let (snippet, snippet_start, highlights) = snippet(&body, &spans);
            hit.snippet = snippet;
            hit.snippet_start = snippet_start;
            hit.highlights = highlights;
            hit.body_highlights = spans;
            hit.duplicates = duplicates.max(0) as usize;
            hits.push(hit);
        }
        Ok(hits)
    }

    /// Resolved ids the whole query names: stored mentions whose text or
    /// canonical name is the query (normalised), the id itself, and what
    /// the pipeline's own resolvers make of the query when one mention covers
    /// all of it ("داعش" → isis, so pages saying "تنظيم الدولة" are found).
    fn query_ids(&self, query: &str) -> Result<Vec<String>> {
        let phrase = normalize_phrase(&query.replace('#', " "));
        let mut ids: BTreeSet<String> = self
            .sql(|c| {
                let mut stmt = c.prepare_cached(
                    "SELECT DISTINCT mid FROM mentions WHERE mid IS NOT NULL \
                     AND (norm_text = ?1 OR norm_name = ?1 OR mid = ?2)",
                )?;
                stmt.query_map(rusqlite::params![phrase, query.trim()], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })?
            .into_iter()
            .collect();
        let words: Vec<(usize, usize)> = tokenize(&phrase)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| (t.start, t.end))
            .collect();
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            let record = rasid_extract::extract_text("query", &phrase, None);
            for m in &record.mentions {
                if m.start <= first.0
                    && m.end >= last.1
                    && let Some(id) = &m.id
                {
                    ids.insert(id.clone());
                }
            }
        }
        Ok(ids.into_iter().collect())
    }

    fn mention_spans(&self, pk: i64, ids: &[String]) -> Result<Vec<Highlight>> {
        let marks = vec!["?"; ids.len()].join(", ");
        let mut args: Vec<rusqlite::types::Value> = vec![pk.into()];
        args.extend(ids.iter().map(|s| s.clone().into()));
        self.sql(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT start, \"end\" FROM mentions WHERE doc = ?1 AND mid IN ({marks}) ORDER BY start"
            ))?;
            stmt.query_map(params_from_iter(args), |r| {
                Ok(Highlight {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                })
            })?
            .collect()
        })
    }
}

/// Spans of `body` whose word (or a clitic-stripped form of it) is a query term.
pub fn term_spans(body: &str, terms: &[String]) -> Vec<Highlight> {
    let wanted: BTreeSet<&str> = terms.iter().map(String::as_str).collect();
    tokenize(body)
        .into_iter()
        .filter(|t| {
            t.kind != TokenKind::Punct && t.candidates().iter().any(|c| wanted.contains(c.as_ref()))
        })
        .map(|t| Highlight {
            start: t.start,
            end: t.end,
        })
        .collect()
}

/// The stretch of `body` around the first span, its start, and the spans inside it.
pub fn snippet(body: &str, spans: &[Highlight]) -> (String, usize, Vec<Highlight>) {
    let chars: Vec<char> = body.chars().collect();
    let anchor = spans.first().map_or(0, |s| s.start);
    let mut start = anchor.saturating_sub(CONTEXT);
    let mut end = (anchor + CONTEXT * 2).min(chars.len());
    // Snap to word boundaries so the snippet does not open mid-word.
    while start > 0 && start < anchor && !chars[start - 1].is_whitespace() {
        start += 1;
    }
    while end < chars.len() && end > anchor && !chars[end].is_whitespace() {
        end -= 1;
    }
    let text: String = chars[start..end].iter().collect();
    let inside = spans
        .iter()
        .filter(|s| s.start >= start && s.end <= end)
        .map(|s| Highlight {
            start: s.start - start,
            end: s.end - start,
        })
        .collect();
    (text, start, inside)
}

/// `snippet` with its highlights wrapped in `open`/`close` (ANSI bold on a terminal).
pub fn mark(snippet: &str, highlights: &[Highlight], open: &str, close: &str) -> String {
    let starts: HashMap<usize, ()> = highlights.iter().map(|h| (h.start, ())).collect();
    let ends: HashMap<usize, ()> = highlights.iter().map(|h| (h.end, ())).collect();
    let mut out = String::with_capacity(snippet.len() + highlights.len() * 8);
    for (i, c) in snippet.chars().enumerate() {
        if ends.contains_key(&i) {
            out.push_str(close);
        }
        if starts.contains_key(&i) {
            out.push_str(open);
        }
        out.push(c);
    }
    if ends.contains_key(&snippet.chars().count()) {
        out.push_str(close);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_normalised_like_the_index() {
        // (query, a text it must find)
        let cases = [
            ("داعش", "هاجم عناصر دَاعِش القرية"),
            ("#داعش", "بيان جديد لداعش اليوم"),
            ("الرقة", "وصلت التعزيزات وبالرقة هدوء"),
            ("الموصل", "غارات على المَوْصِل"),
        ];
        for (query, text) in cases {
            let terms = query_terms(query);
            let index: BTreeSet<String> = index_text(text).split(' ').map(String::from).collect();
            assert!(
                terms.iter().all(|t| index.contains(t)),
                "{query} in {text}: {terms:?} vs {index:?}"
            );
            assert!(
                !term_spans(text, &terms).is_empty(),
                "{query} spans in {text}"
            );
        }
    }

    #[test]
    fn snippet_offsets_slice_the_body() {
        let body = "قالت مصادر إن عناصر دَاعِش انسحبوا من القرية بعد اشتباكات";
        let spans = term_spans(body, &query_terms("داعش"));
        let (text, start, hl) = snippet(body, &spans);
        let chars: Vec<char> = body.chars().collect();
        for h in &spans {
            let s: String = chars[h.start..h.end].iter().collect();
            assert_eq!(s, "دَاعِش");
        }
        let piece: String = text
            .chars()
            .skip(hl[0].start)
            .take(hl[0].end - hl[0].start)
            .collect();
        assert_eq!(piece, "دَاعِش");
        assert_eq!(start, 0);
        assert_eq!(
            mark("ab cd", &[Highlight { start: 3, end: 5 }], "[", "]"),
            "ab [cd]"
        );
    }
}
