//! Armed actors: the alias table and actor matching.
//!
//! Owns `data/lexicons/actors.tsv` (the names the Arabic press uses for each
//! id of `../shared/spec/actors.tsv`, and for groups outside it) and finding
//! them in a body. It must not resolve places or people.

use rasid_text::tokens::Token;

/// An armed actor named in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// Code-point offset of the mention's start in the body.
    pub start: usize,
    /// Code-point offset after its end.
    pub end: usize,
    /// Canonical id from `actors.tsv`; `None` for a group outside it.
    pub id: Option<&'static str>,
    /// Canonical name (the spec's for known ids, the group's own otherwise).
    pub name: String,
}

/// Every armed actor named in `body` (whose tokens are `tokens`).
pub fn find_actors(body: &str, tokens: &[Token]) -> Vec<ActorMention> {
    let _ = (body, tokens);
    Vec::new()
}
