//! Scoring records against gold, per `../shared/spec/gold.md`.
//!
//! Owns the gold format, the matching rules and the score table. It reads
//! records; it must not run or change the pipeline.
//!
//! ```no_run
//! # use std::path::Path;
//! # fn run(docs: &[rasid_eval::Scored]) -> Result<(), rasid_eval::EvalError> {
//! let path = Path::new("examples/gold.json");
//! let gold = rasid_eval::load_gold(path)?;
//! let report = rasid_eval::evaluate(&gold, path.parent().unwrap(), docs);
//! print!("{}", report.table());
//! # Ok(()) }
//! ```
//!
//! Choices the spec leaves open, decided here:
//! - A gold key left out is not scored for that document; an explicit
//!   `null` (or `[]`) is an annotation, so predictions against it count.
//! - `required` defaults to true (places, actors, persons, dates, counts, events).
//! - dates: precision counts only predicted dates whose text overlaps some
//!   gold date's text (one contains the other after normalisation), so
//!   date expressions the annotator did not list are not punished.
//! - counts: predicted killed/injured counts without a number ("عشرات")
//!   are not scored; gold counts of other kinds are ignored.
//! - A gold event or date value `YYYY-MM` / `YYYY` accepts any day in it.
//! - An event's gold date with `value: null` and `null_ok: true` accepts
//!   any prediction; with `null_ok: false` the prediction must have none.
//! - An event location's level is taken from the place mention with the
//!   same id, else ACLED geo precision 3 reads as region, else a point.
//! - Event actors: an actor predicted without an id matches no gold id and
//!   is not "no actor".
//! - Unknown keys in a gold document are an error (a misspelt key would
//!   otherwise silently go unscored); `uri` picks a record in a container.
//! - Rows: `absent` and `present` are separate accuracy rows; event fields
//!   are `event_type`, `sub_event_type`, `event_date`, `event_location`,
//!   `event_actor1`, `event_actor2`, `event_fatalities`, scored on every
//!   matched (prediction, gold event) pair.
//! - Predicted places are deduplicated by id, else by name and position
//!   rounded to 0.01°; a second distinct place matching a gold place that is
//!   already taken is a false positive, like a second event.
//! - Actors are scored on actor mentions' ids only; persons on the mention's
//!   `name`, else its text.
//! - A missing document: each annotated accuracy field counts as wrong,
//!   each required item as missed.
//! - The table prints percentages; JSON keeps fractions in 0..1.
//! - A container file with several records and a gold document without
//!   `uri`: the first record read from that file is scored.

mod gold;
pub mod gsr;
mod matching;
mod score;

pub use gold::{
    EvalError, GoldActor, GoldCount, GoldDate, GoldDoc, GoldEvent, GoldEventDate, GoldPerson,
    GoldPlace, GoldPublished, GoldTranslatedFrom, load_gold,
};
pub use score::{Report, Row, RowKind, Scored, evaluate, score_binary};
