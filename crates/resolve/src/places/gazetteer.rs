//! The embedded gazetteer: `data/gazetteer/places.tsv` (GeoNames cities500
//! places with Arabic names, plus the hand-made countries, governorates,
//! sites and towns) and `data/gazetteer/ambiguous.tsv` (names that are
//! mostly ordinary words or person names in running text).
//!
//! Owns reading the gazetteer and its name index: every Arabic name is
//! normalised and tokenised exactly as a body is, and stored under its
//! token sequence joined by spaces. The TSVs are the reviewed source;
//! `build.rs` compiles them ([`super::table`]) into a binary table with a
//! ready-made hash index, embedded here and read in place: start-up only
//! decodes the entries' fixed-size records (about a millisecond), where
//! parsing the TSVs took ~0.2 s. It does not match bodies itself.

use std::sync::LazyLock;

use super::Level;
use super::table::{ENTRY_SIZE, HEADER_SIZE, KEY_SIZE, MAGIC, key_hash};

/// The compiled table (see [`super::table`]), made by `build.rs`.
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// Countries whose places conflict reporting names most: every place there
/// is believable without further evidence.
pub(crate) const FOCUS: &[&str] = &["SY", "IQ"];
/// Neighbours of the focus countries: their towns are named often enough.
pub(crate) const NEIGHBOURS: &[&str] = &["TR", "JO", "LB", "SA", "IR"];

/// One place of the gazetteer; its strings live in the embedded table.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub id: &'static str,
    pub name: &'static str,
    pub level: Level,
    pub country: &'static str,
    pub admin1code: &'static str,
    pub admin1: Option<&'static str>,
    pub population: u32,
    pub lat: f64,
    pub lon: f64,
}

impl Entry {
    /// Where the place lies relative to the field: 2 focus, 1 neighbour, 0 elsewhere.
    pub fn nearness(&self) -> u8 {
        if FOCUS.contains(&self.country) {
            2
        } else if NEIGHBOURS.contains(&self.country) {
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

/// What the index holds under one normalised key: the matcher keeps it
/// rather than look the same key up again for each question.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    /// Offset and count of its entries in the candidate list.
    cands: (usize, usize),
    /// The most tokens of any name it is the first token of (0: none).
    head: u8,
    ambiguity: Option<Ambiguity>,
}

impl Key {
    /// Whether some place has this name.
    pub(crate) fn has_name(&self) -> bool {
        self.cands.1 > 0
    }

    /// The most tokens of a name this word is the first token of, if any.
    pub(crate) fn head(&self) -> Option<u8> {
        (self.head > 0).then_some(self.head)
    }

    /// Why the name is ambiguous, if it is.
    pub(crate) fn ambiguity(&self) -> Option<Ambiguity> {
        self.ambiguity
    }
}

/// The gazetteer: decoded entries and the table's index, read in place.
pub(crate) struct Gazetteer {
    pub entries: Vec<Entry>,
    table: &'static [u8],
    /// Number of index slots (a power of two) and where they start.
    nslots: usize,
    slots_at: usize,
    keys_at: usize,
    cands_at: usize,
    pool_at: usize,
    /// One bit per key, at its hash's high bits (those the slots keep):
    /// most words of a body name no place, and this small bitset, which
    /// stays in cache, says so without a probe into the large index.
    filter: Vec<u64>,
}

/// Bits of [`Gazetteer`]'s key filter (128 KiB; ~60k keys set ~6 % of them).
const FILTER_BITS: usize = 1 << 20;

/// The filter bit of a key hash.
#[inline]
fn filter_bit(h: u64) -> usize {
    (h >> 32) as usize & (FILTER_BITS - 1)
}

/// The gazetteer, read on first use.
pub(crate) static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::read(TABLE).expect("embedded gazetteer table is valid"));

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn f64_at(b: &[u8], at: usize) -> f64 {
    f64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

fn level_of(code: u8) -> Option<Level> {
    Some(match code {
        0 => Level::Country,
        1 => Level::Admin1,
        2 => Level::Region,
        3 => Level::City,
        4 => Level::Town,
        5 => Level::Village,
        6 => Level::Site,
        _ => return None,
    })
}

impl Gazetteer {
    /// Reads a table written by [`super::table::compile`].
    pub fn read(table: &'static [u8]) -> Result<Gazetteer, String> {
        if table.len() < HEADER_SIZE || &table[..8] != MAGIC {
            return Err("not a rasid gazetteer table".into());
        }
        let count = |k: usize| u32_at(table, 8 + 4 * k) as usize;
        let (nentries, nslots, nkeys, ncands, npool) =
            (count(0), count(1), count(2), count(3), count(4));
        let slots_at = HEADER_SIZE + nentries * ENTRY_SIZE;
        let keys_at = slots_at + nslots * 8;
        let cands_at = keys_at + nkeys * KEY_SIZE;
        let pool_at = cands_at + ncands * 4;
        if pool_at + npool != table.len() || !nslots.is_power_of_two() {
            return Err("gazetteer table has the wrong size".into());
        }
        let mut g = Gazetteer {
            entries: Vec::with_capacity(nentries),
            table,
            nslots,
            slots_at,
            keys_at,
            cands_at,
            pool_at,
            filter: vec![0; FILTER_BITS / 64],
        };
        for s in 0..nslots {
            let at = slots_at + 8 * s;
            if u32_at(table, at) != 0 {
                let bit = filter_bit(u64::from(u32_at(table, at + 4)) << 32);
                g.filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        for i in 0..nentries {
            let at = HEADER_SIZE + i * ENTRY_SIZE;
            let r = &table[at..at + ENTRY_SIZE];
            let admin1 = (u32_at(r, 36) != u32::MAX).then(|| g.string(r, 32));
            g.entries.push(Entry {
                id: g.string(r, 0),
                name: g.string(r, 8),
                country: g.string(r, 16),
                admin1code: g.string(r, 24),
                admin1,
                level: level_of(r[40]).ok_or("bad level in gazetteer table")?,
                population: u32_at(r, 41),
                lat: f64_at(r, 45),
                lon: f64_at(r, 53),
            });
        }
        Ok(g)
    }

    /// The string whose (offset, length) sits at `at` in `rec`.
    fn string(&self, rec: &[u8], at: usize) -> &'static str {
        let table: &'static [u8] = self.table;
        let off = self.pool_at + u32_at(rec, at) as usize;
        let len = u32_at(rec, at + 4) as usize;
        // Written from `&str`s by the compiler of the table.
        std::str::from_utf8(&table[off..off + len]).expect("table strings are UTF-8")
    }

    /// What the index holds under `key` (normalised tokens joined by one
    /// space), if anything.
    pub(crate) fn lookup(&self, key: &str) -> Option<Key> {
        let t = self.table;
        let mask = self.nslots - 1;
        let h = key_hash(key.as_bytes());
        let bit = filter_bit(h);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mut s = h as usize & mask;
        loop {
            let at = self.slots_at + 8 * s;
            let k = u32_at(t, at) as usize;
            if k == 0 {
                return None;
            }
            if u32_at(t, at + 4) != (h >> 32) as u32 {
                s = (s + 1) & mask;
                continue;
            }
            let at = self.keys_at + (k - 1) * KEY_SIZE;
            let r = &t[at..at + KEY_SIZE];
            let off = self.pool_at + u32_at(r, 0) as usize;
            let len = u32_at(r, 4) as usize;
            if &t[off..off + len] == key.as_bytes() {
                let evidence = f32::from_le_bytes(r[18..22].try_into().expect("4 bytes"));
                return Some(Key {
                    cands: (u32_at(r, 8) as usize, u32_at(r, 12) as usize),
                    head: r[16],
                    ambiguity: match r[17] {
                        1 => Some(Ambiguity::Word(evidence)),
                        2 => Some(Ambiguity::Person),
                        _ => None,
                    },
                });
            }
            s = (s + 1) & mask;
        }
    }

    /// The entries named `key` (normalised tokens joined by one space), in
    /// table order; `None` when no place has that name.
    #[cfg(test)]
    pub fn names(&self, key: &str) -> Option<Vec<u32>> {
        self.names_of(&self.lookup(key)?)
    }

    /// The entries of a key [`Gazetteer::lookup`] gave, in table order;
    /// `None` when no place has that name.
    pub(crate) fn names_of(&self, k: &Key) -> Option<Vec<u32>> {
        let (off, n) = k.cands;
        (n > 0).then(|| {
            (0..n)
                .map(|k| u32_at(self.table, self.cands_at + 4 * (off + k)))
                .collect()
        })
    }

    /// Whether some place is named `key`.
    #[cfg(test)]
    pub fn has_name(&self, key: &str) -> bool {
        self.lookup(key).is_some_and(|k| k.has_name())
    }

    /// The most tokens of a name whose first token is `word`, if any.
    #[cfg(test)]
    pub fn head(&self, word: &str) -> Option<u8> {
        self.lookup(word)?.head()
    }

    /// Why the name `key` is ambiguous, if it is.
    #[cfg(test)]
    pub fn ambiguity(&self, key: &str) -> Option<Ambiguity> {
        self.lookup(key)?.ambiguity
    }

    /// The entry at `i`.
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::{compile, name_keys};
    use super::*;
    use rasid_text::tokens::{TokenKind, tokenize};

    const PLACES_TSV: &str = include_str!("../../../../data/gazetteer/places.tsv");
    const AMBIGUOUS_TSV: &str = include_str!("../../../../data/gazetteer/ambiguous.tsv");

    #[test]
    fn embedded_table_is_the_compiled_tsvs() {
        // The build script wrote it; a stale or hand-edited table fails here.
        assert!(compile(PLACES_TSV, AMBIGUOUS_TSV) == TABLE);
    }

    #[test]
    fn embedded_tables_parse() {
        let g = &*GAZETTEER;
        assert!(g.entries.len() > 30_000, "{} entries", g.entries.len());
        let count = |l: Level| g.entries.iter().filter(|e| e.level == l).count();
        assert!(count(Level::Country) > 190);
        assert!(count(Level::Admin1) > 100);
        let ambiguous = AMBIGUOUS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .filter(|n| g.ambiguity(&name_keys(n)[0]).is_some())
            .count();
        assert!(ambiguous > 100);
        for e in &g.entries {
            assert!(e.lat.abs() <= 90.0 && e.lon.abs() <= 180.0, "{}", e.id);
            assert!(!e.name.is_empty(), "{}", e.id);
        }
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(Gazetteer::read(b"").is_err());
        assert!(Gazetteer::read(b"RGAZv0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0").is_err());
        let mut cut = TABLE.to_vec();
        cut.pop();
        assert!(Gazetteer::read(Box::leak(cut.into_boxed_slice())).is_err());
    }

    #[test]
    fn small_table_reads_back() {
        let places = "# comment\nid\tlevel\tcountry\tadmin1code\tpopulation\tlat\tlon\tname\tar\n\
            rasid:admin1:x\tadmin1\tSY\t09\t0\t36\t37\tAleppo\tحلب\n\
            7\ttown\tSY\t09\t6000\t36.5\t37.5\tTal X\tتل عفرين|تلعفرين\n\
            8\tvillage\tSY\tbad\t\t1\t2\tY\tحلب\n\
            9\tnowhere\tSY\t09\t0\t1\t2\tZ\tزاي\n";
        let ambiguous = "# c\nname\twhy\ttotal\tloc\n\
            حلب\tword\t8\t2\nعلي\tperson\t\t\n";
        let g = Gazetteer::read(Box::leak(compile(places, ambiguous).into_boxed_slice())).unwrap();
        assert_eq!(g.entries.len(), 3);
        assert_eq!(g.names("حلب"), Some(vec![0, 2]));
        assert_eq!(g.names("تل عفرين"), Some(vec![1]));
        assert_eq!(g.names("تلعفرين"), Some(vec![1]));
        assert!(g.has_name("تلعفرين") && !g.has_name("تل") && !g.has_name("علي"));
        assert_eq!(g.head("تل"), Some(2));
        assert_eq!(g.head("عفرين"), None);
        assert_eq!(g.ambiguity("حلب"), Some(Ambiguity::Word(0.3)));
        assert_eq!(g.ambiguity("علي"), Some(Ambiguity::Person));
        assert_eq!(g.ambiguity("زاي"), None);
        let e = g.entry(1);
        assert_eq!(
            (e.id, e.name, e.level),
            ("geonames:7", "Tal X", Level::Town)
        );
        assert_eq!(
            (e.admin1, e.population, e.lat),
            (Some("Aleppo"), 6000, 36.5)
        );
        assert_eq!(g.entry(0).admin1, Some("Aleppo"));
        assert_eq!(g.entry(2).admin1, None);
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
                .names(name)
                .unwrap_or_else(|| panic!("{name} not indexed"));
            assert!(
                hits.iter().any(|&i| g.entry(i).id == id),
                "{name}: {id} not among {hits:?}"
            );
        }
    }

    #[test]
    fn fast_keys_equal_tokenised_keys() {
        // The fast path must read a name exactly as a body is read.
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
        let hawija = g
            .names("الحويجه")
            .unwrap()
            .iter()
            .map(|&i| g.entry(i))
            .find(|e| e.country == "IQ")
            .unwrap();
        assert_eq!(hawija.admin1, Some("Kirkuk"));
    }
}
