//! Resolution: who and where, in an article body.
//!
//! Owns the reading of places (against an embedded gazetteer), armed actors
//! (against the alias table of `../shared/spec/actors.tsv` ids), and people
//! and organisations (a sequence tagger trained on ANERcorp). Every mention
//! carries a code-point span into the body it was found in. It uses the
//! Arabic text layer (`rasid-text`) and must not know about pages, records,
//! events or storage.
//!
//! Map of the modules:
//! - [`places`]: the gazetteer (built by `data/scripts/build_gazetteer.py`)
//!   and place matching with disambiguation.
//! - [`actors`]: the actor alias table (`data/lexicons/actors.tsv`) and actor
//!   matching.
//! - [`ner`]: the person/organisation tagger, its features, training and the
//!   embedded model.
#![deny(missing_docs)]

pub mod actors;
pub mod ner;
pub mod places;
