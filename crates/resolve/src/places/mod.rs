//! Places: the embedded gazetteer and place matching.
//!
//! Owns the gazetteer (`data/gazetteer/`, built by
//! `data/scripts/build_gazetteer.py`, compiled into a binary table by
//! `build.rs`), matching place names over clitic-aware normalised tokens,
//! regional phrases ("ريف حلب الشمالي") and disambiguation. It must not
//! read actors or people itself: spans those stages claimed are passed in
//! and never yield a place.

mod anaphora;
mod gazetteer;
mod matcher;
mod table;

use rasid_text::tokens::Token;

/// How large a place is, as `../shared/spec/output.md` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A sovereign country.
    Country,
    /// A first-level division (governorate, province, state).
    Admin1,
    /// An area without a point: "ريف حلب الشمالي", "شرق الفرات", a desert.
    Region,
    /// A city.
    City,
    /// A town.
    Town,
    /// A village.
    Village,
    /// A point that is not a settlement: crossing, base, camp, prison, dam.
    Site,
}

impl Level {
    /// The spec's word for the level.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Country => "country",
            Level::Admin1 => "admin1",
            Level::Region => "region",
            Level::City => "city",
            Level::Town => "town",
            Level::Village => "village",
            Level::Site => "site",
        }
    }
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// `geonames:N`, or the project's own `rasid:…` id.
    pub id: String,
    /// Canonical (English/Latin) name.
    pub name: String,
    /// Size of the place.
    pub level: Level,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Name of the first-level division, when known.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// A place named in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Code-point offset of the mention's start in the body.
    pub start: usize,
    /// Code-point offset after its end.
    pub end: usize,
    /// The place it resolves to.
    pub place: Place,
}

/// Every place named in `body` (whose tokens are `tokens`), skipping any
/// match that overlaps a `claimed` span (names of actors and organisations).
///
/// Mentions come in body order; a span leaves out proclitics ("بالرقة" →
/// "الرقة"). A regional phrase ("ريف حلب الشمالي", "جنوب غرب كركوك",
/// "بادية حمص") is one mention of level [`Level::Region`], anchored on the
/// place it names (the governorate when the name is one): it carries the
/// anchor's id, coordinates, country and admin1, and a name saying what the
/// phrase adds ("Aleppo countryside (north)", "south-west of Kirkuk"). The
/// anchor's id, not an id per phrase, so that "ريف درعا الغربي" and
/// "محافظة درعا" count as one place of the document, as gold lists them.
///
/// A definite kind noun with no name after it ("قرب الناحية", "من المخيم")
/// is a mention of the last place the text introduced with that noun.
pub fn find_places(body: &str, tokens: &[Token], claimed: &[(usize, usize)]) -> Vec<PlaceMention> {
    let mut mentions = matcher::find(body, tokens, claimed);
    anaphora::drop_foreign_quarters(tokens, &mut mentions);
    anaphora::add_pointers(tokens, claimed, &mut mentions);
    mentions
}
