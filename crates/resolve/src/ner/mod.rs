//! People and organisations: a sequence tagger trained on ANERcorp.
//!
//! Owns the tagger (features, training, decoding), its embedded model
//! (`data/models/`), and turning tags over a body's tokens into person and
//! organisation mentions with normalised names. It must not resolve places
//! or armed actors.

use rasid_text::tokens::Token;

/// What an entity mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (not an armed actor of the actor table).
    Org,
}

/// A person or organisation named in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    /// Code-point offset of the mention's start in the body.
    pub start: usize,
    /// Code-point offset after its end.
    pub end: usize,
    /// Person or organisation.
    pub kind: EntityKind,
    /// The normalised name (titles such as "العقيد" left out).
    pub name: String,
}

/// Every person and organisation named in `body` (whose tokens are `tokens`).
pub fn find_entities(body: &str, tokens: &[Token]) -> Vec<EntityMention> {
    let _ = (body, tokens);
    Vec::new()
}
