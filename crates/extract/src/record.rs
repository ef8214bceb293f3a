//! `../shared/spec/output.md` as types. Field names and vocabularies are
//! fixed by the spec; unknown values are `null` or `[]`, never omitted.

pub use rasid_ingest::{Published, Source, TranslatedFrom};
use serde::{Deserialize, Serialize};

/// One document record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Hex SHA-256 of the NFC-normalised body, first 16 bytes.
    pub id: String,
    /// Where the document came from.
    pub source: Source,
    /// The headline.
    pub title: Option<String>,
    /// When the page says it was published.
    pub published: Option<Published>,
    /// Byline names.
    pub authors: Vec<String>,
    /// The original of a translation or republication.
    pub translated_from: Option<TranslatedFrom>,
    /// The date relative expressions are resolved against.
    pub reference_date: Option<String>,
    /// Main text; paragraphs separated by "\n\n".
    pub body: String,
    /// Places, actors, persons, organisations.
    pub mentions: Vec<Mention>,
    /// Coded incidents.
    pub events: Vec<Event>,
    /// Every date expression in `body`.
    pub dates: Vec<DateMention>,
    /// Every reported quantity of people.
    pub counts: Vec<Count>,
}

/// A span of `body` in code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// A mention of a place, actor, person or organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// `place`, `actor`, `person` or `org`.
    pub kind: String,
    /// Start offset in `body`.
    pub start: usize,
    /// End offset in `body` (exclusive).
    pub end: usize,
    /// `body[start..end]`.
    pub text: String,
    /// `geonames:N` / `rasid:…` for places, an `actors.tsv` id for actors, else null.
    pub id: Option<String>,
    /// Canonical or normalised name.
    pub name: Option<String>,
    /// Place level: country, admin1, region, city, town, village, site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// ISO country code of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// First-level division of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// A coded incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// The word(s) that name the incident.
    pub trigger: Option<TextSpan>,
    /// The sentence(s) the event was read from.
    pub evidence: Span,
    /// When it happened.
    pub date: Option<EventDate>,
    /// Where it happened.
    pub location: Option<EventLocation>,
    /// The attacker / first actor.
    pub actor1: Option<EventActor>,
    /// The attacked / second actor.
    pub actor2: Option<EventActor>,
    /// Killed, as the text states it.
    pub fatalities: Option<u64>,
    /// Injured, as the text states it.
    pub injuries: Option<u64>,
    /// Calibrated confidence in 0..1.
    pub confidence: f64,
}

/// A span with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `body[start..end]`.
    pub text: String,
}

/// An event's date with ACLED time precision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
    /// ACLED time_precision: 1 day, 2 week, 3 month.
    pub precision: u8,
    /// The text it was read from.
    pub text: String,
}

/// An event's location with ACLED geo precision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    /// Place id.
    pub id: Option<String>,
    /// Place name.
    pub name: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ACLED geo_precision 1, 2, 3.
    pub precision: u8,
    /// The text it was read from.
    pub text: String,
}

/// An event's actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    /// `actors.tsv` id, or null for a group not in it.
    pub id: Option<String>,
    /// Canonical name.
    pub name: Option<String>,
    /// The text it was read from.
    pub text: String,
}

/// A date expression in `body`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `body[start..end]`.
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null when unresolved.
    pub value: Option<String>,
    /// `day`, `month` or `year`.
    pub precision: Option<String>,
}

/// A reported quantity of people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// killed, injured, arrested, kidnapped, displaced, returned, fighters,
    /// troops, prisoners, other.
    pub kind: String,
    /// The number; null for "عشرات" and the like.
    pub value: Option<u64>,
    /// The phrase naming who.
    pub who: Option<String>,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// `body[start..end]`.
    pub text: String,
}
