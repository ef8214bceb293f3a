//! Rasid's Arabic language layer.
//!
//! Owns everything that reads Arabic text as text: normalisation for matching
//! and scoring (always through an offset map back to the original), tokens,
//! sentences, numbers, dates and counts. It knows nothing of pages, files,
//! documents or events: the stages after it (cleaning, resolution, event
//! coding) call into it, never the reverse.
//!
//! Map of the modules:
//! - [`normalize`]: character folds for matching and scoring, and
//!   [`normalize::Normalized`], a normalised string with its offset map back
//!   to the original.
//! - [`tokens`]: words, numbers and punctuation with code-point spans and
//!   normal forms; clitic-stripped candidate stems ("بالرقة" → "الرقه").
//! - [`sentences`]: sentence spans (`.` `؟` `!` end one; `،` `؛` do not).
//! - [`dates`]: datelines ([`dates::parse_dateline`]) and every date
//!   expression of a body, resolved against a reference date
//!   ([`dates::find_dates`]).
//! - [`numbers`]: number words and digits read as values.
#![deny(missing_docs)]

pub mod counts;
pub mod dates;
pub mod normalize;
pub mod numbers;
pub mod sentences;
pub mod tokens;
pub mod wordmap;
