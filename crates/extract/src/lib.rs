//! The record and the pipeline that builds it.
//!
//! [`record`] is `../shared/spec/output.md` as Rust types: what `rasid
//! extract` prints, what the store keeps and what evaluation reads.
//! [`extract`] runs the stages in order on one page (clean → read →
//! resolve → code events) and assembles the record. This crate holds no
//! linguistic rules of its own: it only wires the stages together.
#![deny(missing_docs)]

pub mod record;

pub use record::Record;

use rasid_ingest::Page;
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// The record id: hex SHA-256 of the NFC-normalised body, first 16 bytes.
pub fn record_id(body: &str) -> String {
    let nfc: String = body.nfc().collect();
    let digest = Sha256::digest(nfc.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Slices `body` by code-point offsets, the unit every span in a record uses.
pub struct CharSlicer<'a> {
    text: &'a str,
    /// Byte offset of every code point, plus the text length at the end.
    bytes: Vec<usize>,
}

impl<'a> CharSlicer<'a> {
    /// Indexes `text` once.
    pub fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharSlicer { text, bytes }
    }

    /// `text[start..end]` in code points (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let last = self.bytes.len() - 1;
        let (s, e) = (start.min(last), end.min(last).max(start.min(last)));
        &self.text[self.bytes[s]..self.bytes[e]]
    }
}

/// Every date expression in `body`, resolved against `reference_date`.
fn dates(slicer: &CharSlicer, reference_date: Option<&str>) -> Vec<record::DateMention> {
    let reference = reference_date.and_then(|d| d.parse::<jiff::civil::Date>().ok());
    rasid_text::dates::find_dates(slicer.text, reference)
        .into_iter()
        .map(|m| record::DateMention {
            start: m.start,
            end: m.end,
            text: slicer.slice(m.start, m.end).to_string(),
            value: m.value,
            precision: Some(m.precision.as_str().to_string()),
        })
        .collect()
}

/// Every reported quantity of people in `body`.
fn counts(slicer: &CharSlicer) -> Vec<record::Count> {
    rasid_text::counts::find_counts(slicer.text)
        .into_iter()
        .map(|c| record::Count {
            kind: c.kind.as_str().to_string(),
            value: c.value,
            who: c
                .who
                .map(|(start, end)| slicer.slice(start, end).to_string()),
            start: c.start,
            end: c.end,
            text: slicer.slice(c.start, c.end).to_string(),
        })
        .collect()
}

/// Places, actors, people and organisations named in `body`, in body order.
///
/// Actors and organisations are read first: a place inside their names
/// ("الدولة الإسلامية في العراق والشام") is part of the name, not a place.
fn mentions(slicer: &CharSlicer) -> Vec<record::Mention> {
    use rasid_resolve::{actors, ner, places};
    let tokens = rasid_text::tokens::tokenize(slicer.text);
    let actors = actors::find_actors(slicer.text, &tokens);
    let entities = ner::find_entities(slicer.text, &tokens);
    let claimed: Vec<(usize, usize)> = actors
        .iter()
        .map(|a| (a.start, a.end))
        .chain(
            entities
                .iter()
                .filter(|e| e.kind == ner::EntityKind::Org)
                .map(|e| (e.start, e.end)),
        )
        .collect();
    let places = places::find_places(slicer.text, &tokens, &claimed);
    let span = |start: usize, end: usize| (start, end, slicer.slice(start, end).to_string());
    let mut out: Vec<record::Mention> = Vec::new();
    for p in places {
        let (start, end, text) = span(p.start, p.end);
        out.push(record::Mention {
            kind: "place".into(),
            start,
            end,
            text,
            id: Some(p.place.id),
            name: Some(p.place.name),
            level: Some(p.place.level.as_str().into()),
            country: Some(p.place.country),
            admin1: p.place.admin1,
            lat: Some(p.place.lat),
            lon: Some(p.place.lon),
        });
    }
    for a in actors {
        let (start, end, text) = span(a.start, a.end);
        out.push(record::Mention {
            kind: "actor".into(),
            start,
            end,
            text,
            id: a.id.map(str::to_string),
            name: Some(a.name),
            level: None,
            country: None,
            admin1: None,
            lat: None,
            lon: None,
        });
    }
    for e in entities {
        let (start, end, text) = span(e.start, e.end);
        let kind = match e.kind {
            ner::EntityKind::Person => "person",
            ner::EntityKind::Org => "org",
        };
        out.push(record::Mention {
            kind: kind.into(),
            start,
            end,
            text,
            id: None,
            name: Some(e.name),
            level: None,
            country: None,
            admin1: None,
            lat: None,
            lon: None,
        });
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// Runs the whole pipeline on one page.
pub fn extract(page: &Page) -> Record {
    let article = rasid_ingest::clean::clean(page);
    let slicer = CharSlicer::new(&article.body);
    let dates = dates(&slicer, article.reference_date.as_deref());
    let counts = counts(&slicer);
    let mentions = mentions(&slicer);
    Record {
        id: record_id(&article.body),
        source: article.source,
        title: article.title,
        published: article.published,
        authors: article.authors,
        translated_from: article.translated_from,
        reference_date: article.reference_date,
        body: article.body,
        mentions,
        events: Vec::new(),
        dates,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slicer_counts_code_points() {
        let s = CharSlicer::new("قتل 3 جنود");
        assert_eq!(s.slice(0, 3), "قتل");
        assert_eq!(s.slice(4, 5), "3");
        assert_eq!(s.slice(6, 99), "جنود");
        assert_eq!(s.slice(99, 100), "");
    }

    #[test]
    fn id_is_the_first_16_bytes_of_sha256_of_nfc_body() {
        // "abc" → ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(record_id("abc"), "ba7816bf8f01cfea414140de5dae2223");
        // NFC: a decomposed "é" hashes like the composed one.
        assert_eq!(record_id("e\u{301}"), record_id("\u{e9}"));
    }
}
