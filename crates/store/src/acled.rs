//! ACLED's vocabulary for the export: countries (numeric ISO code, English
//! name, ACLED region), actor `inter` codes, `disorder_type` and
//! `interaction`. Owns the tables in `data/acled/`; must not decide anything
//! about what an event is.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A country as ACLED writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 (the prefix of `event_id_cnty`).
    pub alpha3: String,
    /// ISO 3166-1 numeric (ACLED's `iso`).
    pub numeric: u16,
    /// English name.
    pub name: String,
    /// ACLED region ("Middle East").
    pub region: String,
}

/// Rows of a TSV file without its `#` header lines and column-name line.
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

static COUNTRIES: LazyLock<HashMap<&'static str, Country>> = LazyLock::new(|| {
    rows(include_str!("../../../data/acled/countries.tsv"))
        .filter(|r| r.len() >= 5)
        .map(|r| {
            (
                r[0],
                Country {
                    alpha3: r[1].to_string(),
                    numeric: r[2].parse().expect("numeric ISO code in countries.tsv"),
                    name: r[3].to_string(),
                    region: r[4].to_string(),
                },
            )
        })
        .collect()
});

static INTER: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    rows(include_str!("../../../data/acled/inter.tsv"))
        .filter(|r| r.len() >= 2)
        .map(|r| (r[0], r[1].trim().parse().expect("inter code in inter.tsv")))
        .collect()
});

/// The country of an ISO alpha-2 code.
pub fn country(alpha2: &str) -> Option<&'static Country> {
    COUNTRIES.get(alpha2)
}

/// ACLED `inter` code of an actor id from `actors.tsv`.
pub fn inter(actor_id: &str) -> Option<u8> {
    INTER.get(actor_id).copied()
}

/// ACLED `disorder_type` of an event type.
pub fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    match (event_type, sub_event_type) {
        ("Strategic developments", _) => "Strategic developments",
        // The codebook files violence against demonstrators under both.
        ("Protests", "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Protests", _) | ("Riots", "Violent demonstration") => "Demonstrations",
        _ => "Political violence",
    }
}

/// ACLED `interaction`: the two inter codes, smaller first, as a two-digit
/// number (1 and 2 → 12); a sole actor gives its code times ten (2 → 20).
pub fn interaction(inter1: Option<u8>, inter2: Option<u8>) -> Option<u8> {
    match (inter1, inter2) {
        (Some(a), Some(b)) => Some(a.min(b) * 10 + a.max(b)),
        (Some(a), None) | (None, Some(a)) => Some(a * 10),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(country("IQ").map(|c| c.numeric), Some(368));
        assert_eq!(country("SY").map(|c| c.name.as_str()), Some("Syria"));
        assert_eq!(
            country("SY").map(|c| c.region.as_str()),
            Some("Middle East")
        );
        assert_eq!(inter("isis"), Some(2));
        assert_eq!(inter("civilians"), Some(7));
        // (inter1, inter2) → interaction
        for (a, b, want) in [
            (Some(1), Some(2), Some(12)),
            (Some(2), Some(1), Some(12)),
            (Some(2), Some(7), Some(27)),
            (Some(8), None, Some(80)),
            (None, None, None),
        ] {
            assert_eq!(interaction(a, b), want, "{a:?} {b:?}");
        }
        assert_eq!(
            disorder_type("Battles", "Armed clash"),
            "Political violence"
        );
        assert_eq!(
            disorder_type("Protests", "Peaceful protest"),
            "Demonstrations"
        );
        assert_eq!(
            disorder_type("Strategic developments", "Arrests"),
            "Strategic developments"
        );
    }

    /// data/acled/inter.tsv must agree with the spec it was copied from.
    #[test]
    fn inter_codes_match_the_spec() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let Some(spec) = root
            .ancestors()
            .map(|a| a.join("../shared/spec/actors.tsv"))
            .find(|p| p.exists())
        else {
            eprintln!("note: ../shared/spec/actors.tsv absent; skipped");
            return;
        };
        let text = std::fs::read_to_string(spec).unwrap();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                assert_eq!(inter(cols[0]), cols[2].parse().ok(), "{}", cols[0]);
            }
        }
    }
}
