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
    // A body made only of characters whose NFC quick-check is Yes with
    // combining class 0 is already NFC: Latin below U+0300, Arabic
    // punctuation and letters (not the marks U+0610–U+061A), Arabic-Indic
    // digits and general punctuation. Only other bodies pay for the
    // per-character table lookups of the full check.
    let plain = body.chars().all(|c| {
        matches!(c as u32, 0..=0x2FF | 0x600..=0x60F | 0x61B..=0x64A | 0x660..=0x66F | 0x2010..=0x205E)
    });
    if plain {
        return hex16(&Sha256::digest(body.as_bytes()));
    }
    let digest = match unicode_normalization::is_nfc_quick(body.chars()) {
        unicode_normalization::IsNormalized::Yes => Sha256::digest(body.as_bytes()),
        _ => Sha256::digest(body.nfc().collect::<String>().as_bytes()),
    };
    hex16(&digest)
}

/// The first 16 bytes of a digest in lowercase hex.
fn hex16(digest: &[u8]) -> String {
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

use rasid_events::{Incident, Reading};
use rasid_resolve::actors::ActorMention;
use rasid_resolve::ner::{EntityKind, EntityMention};
use rasid_resolve::places::PlaceMention;

/// What every stage after cleaning read in one body, kept as the stages
/// return it; the record is assembled from it at the end.
struct BodyReading {
    dates: Vec<rasid_text::dates::DateMention>,
    counts: Vec<rasid_text::counts::CountMention>,
    places: Vec<PlaceMention>,
    actors: Vec<ActorMention>,
    entities: Vec<EntityMention>,
    incidents: Vec<Incident>,
}

impl BodyReading {
    /// Runs the text layer, resolution and event coding on `body`.
    ///
    /// Actors and organisations are read before places: a place inside
    /// their names ("الدولة الإسلامية في العراق والشام") is part of the
    /// name, not a place.
    fn new(body: &str, reference: Option<jiff::civil::Date>) -> Self {
        use rasid_resolve::{actors, ner, places};
        let tokens = rasid_text::tokens::tokenize(body);
        let sentences = rasid_text::sentences::sentences(body);
        let dates = rasid_text::dates::find_dates(body, reference);
        let counts = rasid_text::counts::find_counts_in(body, &tokens);
        let actors = actors::find_actors(body, &tokens);
        let entities = ner::find_entities_in(body, &tokens, &sentences);
        let claimed: Vec<(usize, usize)> = actors
            .iter()
            .map(|a| (a.start, a.end))
            .chain(
                entities
                    .iter()
                    .filter(|e| e.kind == EntityKind::Org)
                    .map(|e| (e.start, e.end)),
            )
            .collect();
        let places = places::find_places(body, &tokens, &claimed);
        // A name the gazetteer places ("صلاح الدين", "طوز خورماتو") is a
        // place, not a person the tagger guessed.
        let mut entities = entities;
        entities.retain(|e| {
            e.kind != EntityKind::Person
                || !places.iter().any(|p| p.start < e.end && e.start < p.end)
        });
        let incidents = rasid_events::code_events(&Reading {
            body,
            tokens: &tokens,
            sentences: &sentences,
            places: &places,
            actors: &actors,
            dates: &dates,
            counts: &counts,
            reference_date: reference,
        });
        BodyReading {
            dates,
            counts,
            places,
            actors,
            entities,
            incidents,
        }
    }
}

/// Every date expression, as the record writes it.
fn dates(slicer: &CharSlicer, read: &BodyReading) -> Vec<record::DateMention> {
    read.dates
        .iter()
        .map(|m| record::DateMention {
            start: m.start,
            end: m.end,
            text: slicer.slice(m.start, m.end).to_string(),
            value: m.value.clone(),
            precision: Some(m.precision.as_str().to_string()),
        })
        .collect()
}

/// Every reported quantity of people, as the record writes it.
fn counts(slicer: &CharSlicer, read: &BodyReading) -> Vec<record::Count> {
    read.counts
        .iter()
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

/// A place mention as the record writes it.
fn place_mention(slicer: &CharSlicer, p: &PlaceMention) -> record::Mention {
    record::Mention {
        kind: "place".into(),
        start: p.start,
        end: p.end,
        text: slicer.slice(p.start, p.end).to_string(),
        id: Some(p.place.id.clone()),
        name: Some(p.place.name.clone()),
        level: Some(p.place.level.as_str().into()),
        country: Some(p.place.country.clone()),
        admin1: p.place.admin1.clone(),
        lat: Some(p.place.lat),
        lon: Some(p.place.lon),
    }
}

/// A mention without a place's fields.
fn plain_mention(
    slicer: &CharSlicer,
    kind: &str,
    (start, end): (usize, usize),
    id: Option<String>,
    name: String,
) -> record::Mention {
    record::Mention {
        kind: kind.into(),
        start,
        end,
        text: slicer.slice(start, end).to_string(),
        id,
        name: Some(name),
        level: None,
        country: None,
        admin1: None,
        lat: None,
        lon: None,
    }
}

/// Places, actors, people and organisations, in body order.
fn mentions(slicer: &CharSlicer, read: &BodyReading) -> Vec<record::Mention> {
    let mut out: Vec<record::Mention> = read
        .places
        .iter()
        .map(|p| place_mention(slicer, p))
        .collect();
    for a in &read.actors {
        let id = a.id.map(str::to_string);
        out.push(plain_mention(
            slicer,
            "actor",
            (a.start, a.end),
            id,
            a.name.clone(),
        ));
    }
    for e in &read.entities {
        let kind = match e.kind {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
        };
        out.push(plain_mention(
            slicer,
            kind,
            (e.start, e.end),
            None,
            e.name.clone(),
        ));
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// The coded incidents, as the record writes them.
fn events(slicer: &CharSlicer, read: &BodyReading) -> Vec<record::Event> {
    let text_span = |(start, end): (usize, usize)| record::TextSpan {
        start,
        end,
        text: slicer.slice(start, end).to_string(),
    };
    let actor = |r: &rasid_events::ActorRef| match *r {
        rasid_events::ActorRef::Mention(i) => {
            let a = &read.actors[i];
            record::EventActor {
                id: a.id.map(str::to_string),
                name: Some(a.name.clone()),
                text: slicer.slice(a.start, a.end).to_string(),
            }
        }
        rasid_events::ActorRef::Civilians((start, end)) => record::EventActor {
            id: Some(rasid_events::ActorRef::CIVILIANS_ID.to_string()),
            name: Some(rasid_events::ActorRef::CIVILIANS_NAME.to_string()),
            text: slicer.slice(start, end).to_string(),
        },
    };
    read.incidents
        .iter()
        .map(|e| record::Event {
            event_type: e.event_type.to_string(),
            sub_event_type: e.sub_event_type.to_string(),
            trigger: e.trigger.map(text_span),
            evidence: record::Span {
                start: e.evidence.0,
                end: e.evidence.1,
            },
            date: e.date.as_ref().map(|(start, end, precision, i)| {
                let d = &read.dates[*i];
                record::EventDate {
                    start: start.clone(),
                    end: end.clone(),
                    precision: *precision,
                    text: slicer.slice(d.start, d.end).to_string(),
                }
            }),
            location: e.location.map(|(i, precision, (start, end))| {
                let p = &read.places[i].place;
                record::EventLocation {
                    id: Some(p.id.clone()),
                    name: Some(p.name.clone()),
                    country: Some(p.country.clone()),
                    admin1: p.admin1.clone(),
                    lat: p.lat,
                    lon: p.lon,
                    precision,
                    text: slicer.slice(start, end).to_string(),
                }
            }),
            actor1: e.actor1.as_ref().map(actor),
            actor2: e.actor2.as_ref().map(actor),
            fatalities: e.fatalities,
            injuries: e.injuries,
            confidence: e.confidence,
        })
        .collect()
}

/// Runs the whole pipeline on one page.
pub fn extract(page: &Page) -> Record {
    let article = rasid_ingest::clean::clean(page);
    let mut record = read_body(article.body, article.reference_date.as_deref());
    record.source = article.source;
    record.title = article.title;
    record.published = article.published;
    record.authors = article.authors;
    record.translated_from = article.translated_from;
    record
}

/// Runs the stages after cleaning on a bare text (a sentence of an
/// annotated corpus, say): dates, counts, mentions and events of `body`,
/// relative dates resolved against `reference_date`. The page fields
/// (source, title, published, authors, translated_from) stay empty.
pub fn extract_text(uri: &str, body: &str, reference_date: Option<&str>) -> Record {
    let mut record = read_body(body.to_string(), reference_date);
    record.source.uri = uri.to_string();
    record
}

fn read_body(body: String, reference_date: Option<&str>) -> Record {
    let reference = reference_date.and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let read = BodyReading::new(&body, reference);
    let slicer = CharSlicer::new(&body);
    let (dates, counts) = (dates(&slicer, &read), counts(&slicer, &read));
    let (mentions, events) = (mentions(&slicer, &read), events(&slicer, &read));
    Record {
        id: record_id(&body),
        source: rasid_ingest::Source::default(),
        title: None,
        published: None,
        authors: Vec::new(),
        translated_from: None,
        reference_date: reference_date.map(str::to_string),
        body,
        mentions,
        events,
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

    /// Every span of a record slices `body` to the text it claims, and the
    /// record is valid JSON that reads back to itself.
    fn check_record(r: &Record) {
        let slicer = CharSlicer::new(&r.body);
        let n = r.body.chars().count();
        let check = |what: &str, start: usize, end: usize, text: &str| {
            assert!(
                start <= end && end <= n,
                "{what} span {start}..{end} out of {n}"
            );
            assert_eq!(slicer.slice(start, end), text, "{what} span {start}..{end}");
        };
        for m in &r.mentions {
            check(&m.kind, m.start, m.end, &m.text);
        }
        for d in &r.dates {
            check("date", d.start, d.end, &d.text);
        }
        for c in &r.counts {
            check("count", c.start, c.end, &c.text);
        }
        for e in &r.events {
            if let Some(t) = &e.trigger {
                check("trigger", t.start, t.end, &t.text);
            }
            assert!(e.evidence.start <= e.evidence.end && e.evidence.end <= n);
            assert!((0.0..=1.0).contains(&e.confidence));
        }
        let json = serde_json::to_string(r).expect("serialises");
        let back: Record = serde_json::from_str(&json).expect("reads back");
        assert_eq!(&back, r);
    }

    /// Words and marks that make the readers fire: triggers, numbers in
    /// words and digits, dates, places, actors, punctuation and odd marks.
    const PIECES: &[&str] = &[
        "قتل",
        "مقتل",
        "ثلاثة",
        "جنود",
        "جنديين",
        "12",
        "١٢",
        "عنصرا",
        "وإصابة",
        "آخرين",
        "هاجم",
        "تنظيم",
        "داعش",
        "#الجيش_العراقي",
        "قسد",
        "في",
        "الرقة",
        "بالرقة",
        "ريف",
        "حلب",
        "الشمالي",
        "كركوك",
        "الحويجة",
        "أمس",
        "الخميس",
        "الماضي",
        "13",
        "مارس",
        "2020",
        "كانون",
        "الثاني",
        "منذ",
        "أيام",
        "العقيد",
        "أحمد",
        "الجبوري",
        "،",
        ".",
        "؟",
        "\n\n",
        "«",
        "»",
        "ـ",
        "\u{64b}",
        "\u{200c}",
        "%",
        "-",
        "/",
        "غارة",
        "عبوة",
        "ناسفة",
        "اعتقال",
        "مدنيين",
        "عشرات",
        "ألف",
        "مئة",
        "و",
        "من",
        "على",
        "الأقل",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn spans_slice_the_body_and_records_are_json(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60),
            spaces in proptest::collection::vec(proptest::bool::ANY, 60),
        ) {
            let mut body = String::new();
            for (k, &i) in picks.iter().enumerate() {
                body.push_str(PIECES[i]);
                if spaces[k % spaces.len()] {
                    body.push(' ');
                }
            }
            check_record(&extract_text("prop", &body, Some("2020-03-13")));
            check_record(&extract_text("prop", &body, None));
        }

        #[test]
        fn any_text_gives_a_valid_record(body in "\\PC{0,200}") {
            check_record(&extract_text("prop", &body, Some("2020-03-13")));
        }
    }

    #[test]
    fn id_is_the_first_16_bytes_of_sha256_of_nfc_body() {
        // "abc" → ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(record_id("abc"), "ba7816bf8f01cfea414140de5dae2223");
        // NFC: a decomposed "é" hashes like the composed one.
        assert_eq!(record_id("e\u{301}"), record_id("\u{e9}"));
        // Alif + combining madda above is آ in NFC: the fast path must not
        // take a body with a combining mark.
        assert_eq!(record_id("\u{627}\u{653}"), record_id("\u{622}"));
    }
}
