//! Event coding: every concrete incident of a body as an ACLED event.
//!
//! Owns incident detection (triggers and the sentence detector in
//! [`detect`]), ACLED typing (`../shared/spec/taxonomy.md`), argument
//! assignment (actors, place, date, fatalities and injuries from the
//! mentions and readings of the earlier stages), merging one incident told
//! twice, and confidence. It reads what the text layer and the resolution
//! stage found; it must not re-read places, actors, dates or numbers itself,
//! and knows nothing of pages, records or storage.
//!
//! Map of the modules:
//! - `lexicon`: the trigger and cue table `data/lexicons/event_triggers.tsv`
//!   (words as data, classes, ACLED names) and its clitic-aware matcher.
//! - `coding`: sentences to incidents (negation, threats, trends, plural and
//!   counted triggers), ACLED typing, one event per town taken, merging an
//!   incident told twice, confidence.
//! - `arguments`: actor roles, place with geo precision, date with time
//!   precision, fatalities and injuries, from the earlier stages' mentions.
//! - [`detect`]: the sentence detector learnt from the GSR; the coder uses
//!   its score to veto bare attack words and to inform confidence.
//! - [`calibrate`]: the confidence model (`data/models/event-confidence.tsv`)
//!   and its fitting against gold (`src/bin/calibrate.rs`).
#![deny(missing_docs)]

mod arguments;
pub mod calibrate;
mod coding;
pub mod detect;
mod lexicon;

pub use lexicon::LexiconError;

use rasid_resolve::actors::ActorMention;
use rasid_resolve::places::PlaceMention;
use rasid_text::counts::CountMention;
use rasid_text::dates::DateMention;
use rasid_text::sentences::SentenceSpan;
use rasid_text::tokens::Token;

/// Everything the earlier stages read in one body.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    /// The article body.
    pub body: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences.
    pub sentences: &'a [SentenceSpan],
    /// Places named in it.
    pub places: &'a [PlaceMention],
    /// Armed actors named in it.
    pub actors: &'a [ActorMention],
    /// Date expressions, resolved against the reference date.
    pub dates: &'a [DateMention],
    /// Counts of people.
    pub counts: &'a [CountMention],
    /// The date relative expressions were resolved against.
    pub reference_date: Option<jiff::civil::Date>,
}

/// A coded incident; spans are code points into the body, arguments point
/// into the slices of the [`Reading`] it was coded from.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// ACLED event type.
    pub event_type: &'static str,
    /// ACLED sub-event type.
    pub sub_event_type: &'static str,
    /// The word(s) naming the incident.
    pub trigger: Option<(usize, usize)>,
    /// The sentence(s) it was read from.
    pub evidence: (usize, usize),
    /// When: first day, last day (`YYYY-MM-DD`), ACLED time precision
    /// (1 day, 2 week, 3 month), and the index of the date mention read.
    pub date: Option<(String, String, u8, usize)>,
    /// Where: index into `places` and ACLED geo precision (1, 2, 3), with
    /// the span of the location phrase ("قرب الحويجة").
    pub location: Option<(usize, u8, (usize, usize))>,
    /// The attacker / first actor.
    pub actor1: Option<ActorRef>,
    /// The attacked / second actor.
    pub actor2: Option<ActorRef>,
    /// Killed in this incident, as stated.
    pub fatalities: Option<u64>,
    /// Injured in this incident, as stated.
    pub injuries: Option<u64>,
    /// Calibrated confidence in 0..1.
    pub confidence: f64,
}

/// An actor of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorRef {
    /// An actor mention of the [`Reading`]: index into `actors`.
    Mention(usize),
    /// Unarmed victims the text names without an actor mention ("اختطفوا
    /// فتاة", "أعدم رجلاً"): ACLED's civilians, with the span of the words
    /// that name them.
    Civilians((usize, usize)),
}

impl ActorRef {
    /// The actor id of [`ActorRef::Civilians`] (`../shared/spec/actors.tsv`).
    pub const CIVILIANS_ID: &'static str = "civilians";
    /// Its canonical name.
    pub const CIVILIANS_NAME: &'static str = "Civilians";
}

/// Every concrete incident in a body.
pub fn code_events(reading: &Reading) -> Vec<Incident> {
    coding::code(reading)
}

#[cfg(test)]
mod tests;
