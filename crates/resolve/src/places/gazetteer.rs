//! The embedded gazetteer: `data/gazetteer/places.tsv` (GeoNames cities500
//! places with Arabic names, plus the hand-made countries, governorates,
//! sites and towns) and `data/gazetteer/ambiguous.tsv` (names that are
//! mostly ordinary words or person names in running text).
//!
//! Owns parsing those files once and the name index: every Arabic name is
//! normalised and tokenised exactly as a body is, and stored under its
//! token sequence joined by spaces. It does not match bodies itself.

use std::sync::LazyLock;

use rasid_text::normalize::normalize;
use rasid_text::tokens::{TokenKind, tokenize};
use rustc_hash::FxHashMap;

use super::Level;

const PLACES_TSV: &str = include_str!("../../../../data/gazetteer/places.tsv");
const AMBIGUOUS_TSV: &str = include_str!("../../../../data/gazetteer/ambiguous.tsv");

/// Countries whose places conflict reporting names most: every place there
/// is believable without further evidence.
pub(crate) const FOCUS: &[&str] = &["SY", "IQ"];
/// Neighbours of the focus countries: their towns are named often enough.
pub(crate) const NEIGHBOURS: &[&str] = &["TR", "JO", "LB", "SA", "IR"];

/// Prefixes that news writes both joined and apart ("تلعفر" / "تل عفر").
const SPLIT_PREFIXES: &[&str] = &[
    "تل", "دير", "عين", "راس", "جسر", "بير", "ابو", "ام", "بيت", "كفر", "قصر", "خان", "حمام",
    "بني", "مرج",
];

/// One place of the gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub country: String,
    pub admin1code: String,
    pub admin1: Option<String>,
    pub population: u32,
    pub lat: f64,
    pub lon: f64,
}

impl Entry {
    /// Where the place lies relative to the field: 2 focus, 1 neighbour, 0 elsewhere.
    pub fn nearness(&self) -> u8 {
        if FOCUS.contains(&self.country.as_str()) {
            2
        } else if NEIGHBOURS.contains(&self.country.as_str()) {
            1
        } else {
            0
        }
    }
}

/// Why a name needs more evidence than its appearance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ambiguity {
    /// Mostly an ordinary word in running text ("النصر", "وان"); the
    /// smoothed share of its ANERcorp occurrences tagged as a location.
    Word(f32),
    /// A person's name ("حسن").
    Person,
}

/// The parsed gazetteer and its name index.
pub(crate) struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Normalised name (tokens joined by one space) → entries.
    pub names: FxHashMap<String, Vec<u32>>,
    /// First token of a name → the most tokens any name starting with it has.
    pub heads: FxHashMap<String, u8>,
    /// Normalised name → why it is ambiguous.
    pub ambiguous: FxHashMap<String, Ambiguity>,
    /// (country, admin1 code) → the admin1 entry.
    pub admin1: FxHashMap<(String, String), u32>,
    /// Country code → the country entry.
    pub countries: FxHashMap<String, u32>,
}

/// The gazetteer, parsed on first use.
pub(crate) static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::parse(PLACES_TSV, AMBIGUOUS_TSV));

/// Normalised token sequences (joined by spaces) a name is matched under:
/// the name itself and, for names with a split prefix, the joined or
/// separated spelling.
pub(crate) fn name_keys(name: &str) -> Vec<String> {
    // Most names are plain Arabic letters and spaces: their tokens are the
    // words, so normalising each word is what tokenising would do, at a
    // fraction of the cost at start-up.
    let plain = name
        .chars()
        .all(|c| c == ' ' || (('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}'));
    let toks: Vec<String> = if plain {
        name.split_whitespace().map(normalize).collect()
    } else {
        tokenize(name)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| t.norm)
            .collect()
    };
    if toks.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![toks.join(" ")];
    if toks.len() >= 2 && SPLIT_PREFIXES.contains(&toks[0].as_str()) {
        let mut joined = format!("{}{}", toks[0], toks[1]);
        for t in &toks[2..] {
            joined.push(' ');
            joined.push_str(t);
        }
        keys.push(joined);
    } else if let Some(p) = SPLIT_PREFIXES
        .iter()
        .find(|p| toks[0].starts_with(**p) && toks[0].chars().count() >= p.chars().count() + 3)
    {
        let rest = &toks[0][p.len()..];
        let mut split = format!("{p} {rest}");
        for t in &toks[1..] {
            split.push(' ');
            split.push_str(t);
        }
        keys.push(split);
    }
    keys
}

fn parse_level(s: &str) -> Option<Level> {
    Some(match s {
        "country" => Level::Country,
        "admin1" => Level::Admin1,
        "region" => Level::Region,
        "city" => Level::City,
        "town" => Level::Town,
        "village" => Level::Village,
        "site" => Level::Site,
        _ => return None,
    })
}

impl Gazetteer {
    /// Parses the places and ambiguity tables (the embedded ones, or test
    /// copies). Malformed rows are skipped: the tables are generated and
    /// checked by a unit test.
    pub fn parse(places: &str, ambiguous: &str) -> Gazetteer {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(32_000),
            names: FxHashMap::default(),
            heads: FxHashMap::default(),
            ambiguous: FxHashMap::default(),
            admin1: FxHashMap::default(),
            countries: FxHashMap::default(),
        };
        g.names.reserve(80_000);
        g.heads.reserve(40_000);
        for line in places.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 9 {
                continue;
            }
            let (Some(level), Ok(lat), Ok(lon)) = (parse_level(c[1]), c[5].parse(), c[6].parse())
            else {
                continue;
            };
            let id = if c[0].as_bytes().first().is_some_and(u8::is_ascii_digit) {
                format!("geonames:{}", c[0])
            } else {
                c[0].to_string()
            };
            let idx = g.entries.len() as u32;
            g.entries.push(Entry {
                id,
                name: c[7].to_string(),
                level,
                country: c[2].to_string(),
                admin1code: c[3].to_string(),
                admin1: None,
                population: c[4].parse().unwrap_or(0),
                lat,
                lon,
            });
            match level {
                Level::Country => {
                    g.countries.insert(c[2].to_string(), idx);
                }
                Level::Admin1 => {
                    g.admin1.insert((c[2].to_string(), c[3].to_string()), idx);
                }
                _ => {}
            }
            for ar in c[8].split('|') {
                for key in name_keys(ar) {
                    let head = key.split(' ').next().unwrap_or_default().to_string();
                    let len = key.split(' ').count().min(u8::MAX as usize) as u8;
                    let max = g.heads.entry(head).or_insert(0);
                    *max = (*max).max(len);
                    let list = g.names.entry(key).or_default();
                    if !list.contains(&idx) {
                        list.push(idx);
                    }
                }
            }
        }
        for i in 0..g.entries.len() {
            let e = &g.entries[i];
            let admin1 = match e.level {
                Level::Country => None,
                Level::Admin1 => Some(e.name.clone()),
                _ => g
                    .admin1
                    .get(&(e.country.clone(), e.admin1code.clone()))
                    .map(|&a| g.entries[a as usize].name.clone()),
            };
            g.entries[i].admin1 = admin1;
        }
        for line in ambiguous.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut c = line.split('\t');
            let (Some(name), Some(why)) = (c.next(), c.next()) else {
                continue;
            };
            let total: f32 = c.next().and_then(|n| n.parse().ok()).unwrap_or(0.0);
            let loc: f32 = c.next().and_then(|n| n.parse().ok()).unwrap_or(0.0);
            let why = match why {
                "person" => Ambiguity::Person,
                // Laplace-smoothed: one place reading in four tokens is weak
                // evidence, twenty in ninety is strong evidence of a word.
                "word" => Ambiguity::Word((loc + 1.0) / (total + 2.0)),
                _ => continue,
            };
            for key in name_keys(name).into_iter().take(1) {
                g.ambiguous.insert(key, why);
            }
        }
        g
    }

    /// The entry at `i`.
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse() {
        let g = &*GAZETTEER;
        assert!(g.entries.len() > 30_000, "{} entries", g.entries.len());
        assert!(g.countries.len() > 190);
        assert!(g.admin1.len() > 100);
        assert!(g.ambiguous.len() > 100);
        // Every hand-made admin1 code is used by some GeoNames place, or is a
        // governorate the wheel has no place in.
        for e in &g.entries {
            assert!(e.lat.abs() <= 90.0 && e.lon.abs() <= 180.0, "{}", e.id);
            assert!(!e.name.is_empty(), "{}", e.id);
        }
    }

    #[test]
    fn names_are_indexed_by_normalised_tokens() {
        let g = &*GAZETTEER;
        for (name, id) in [
            ("الرقه", "geonames:172955"),
            ("تلعفر", "geonames:90393"),
            ("تل عفر", "geonames:90393"),
            ("مخيم الهول", "rasid:al-hol-camp"),
            ("سوريه", "geonames:163843"),
            ("العراق", "geonames:99237"),
            ("كركوك", "rasid:admin1:iq-kirkuk"),
            ("كوباني", "geonames:172256"),
        ] {
            let hits = g
                .names
                .get(name)
                .unwrap_or_else(|| panic!("{name} not indexed"));
            assert!(
                hits.iter().any(|&i| g.entry(i).id == id),
                "{name}: {id} not among {hits:?}"
            );
        }
    }

    #[test]
    fn fast_keys_equal_tokenised_keys() {
        // The start-up fast path must read a name exactly as a body is read.
        let g = &*GAZETTEER;
        let _ = g;
        for line in PLACES_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .step_by(7)
        {
            let Some(ar) = line.split('\t').nth(8) else {
                continue;
            };
            for name in ar.split('|') {
                let slow: Vec<String> = tokenize(name)
                    .into_iter()
                    .filter(|t| t.kind != TokenKind::Punct)
                    .map(|t| t.norm)
                    .collect();
                assert_eq!(name_keys(name)[0], slow.join(" "), "{name}");
            }
        }
    }

    #[test]
    fn space_variants() {
        for (name, keys) in [
            ("تلعفر", vec!["تلعفر", "تل عفر"]),
            ("تل عفر", vec!["تل عفر", "تلعفر"]),
            ("عين العرب", vec!["عين العرب", "عينالعرب"]),
            ("الرقة", vec!["الرقه"]),
            ("#دير_الزور", vec!["دير الزور", "ديرالزور"]),
        ] {
            assert_eq!(name_keys(name), keys, "{name}");
        }
    }

    #[test]
    fn admin1_names_come_from_the_hand_table() {
        let g = &*GAZETTEER;
        let hawija = g.names["الحويجه"]
            .iter()
            .map(|&i| g.entry(i))
            .find(|e| e.country == "IQ")
            .unwrap();
        assert_eq!(hawija.admin1.as_deref(), Some("Kirkuk"));
    }
}
