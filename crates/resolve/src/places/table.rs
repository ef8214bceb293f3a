//! The gazetteer's compiled form: the reviewed TSV tables
//! (`data/gazetteer/places.tsv`, `ambiguous.tsv`) turned into one binary
//! table with a ready-made hash index, so that start-up reads it in place
//! instead of normalising 30,000 rows.
//!
//! Owns how a name becomes its index keys ([`name_keys`]), the byte layout
//! of the table and writing it ([`compile`]). This file is compiled twice:
//! by `crates/resolve/build.rs`, which writes the table into `OUT_DIR`, and
//! in the library, whose reader ([`super::gazetteer`]) uses the layout
//! constants and whose tests check that the embedded table is what
//! [`compile`] makes of the TSVs. It must not depend on anything but
//! `rasid-text` and std, as the build script has nothing else.
//!
//! Layout (little-endian, no alignment): the header ([`MAGIC`], then
//! `u32`s: entries, slots, keys, cands, pool bytes); `entries` records of
//! [`ENTRY_SIZE`] bytes; `slots` `u64`s (the high half of the key's
//! [`key_hash`], then its index + 1 as a `u32`, 0 = empty; open addressing
//! on the hash, linear probing: most words of a body are no name, and the
//! hash's half says so without reading a key); `keys` records of
//! [`KEY_SIZE`] bytes; `cands` `u32` entry indices; the string pool.
//! Strings are (offset into the pool, length) as two `u32`s.

// The library uses the reading half, the build script the writing half.
#![allow(dead_code)]

use std::collections::HashMap;

use rasid_text::normalize::normalize;
use rasid_text::tokens::{TokenKind, tokenize};

/// First bytes of the table.
pub(crate) const MAGIC: &[u8; 8] = b"RGAZv1\0\0";
/// Bytes before the entries: magic and five counts.
pub(crate) const HEADER_SIZE: usize = 8 + 5 * 4;
/// An entry: id, name, country, admin1 code, admin1 name (strings; the
/// admin1 name's length is `u32::MAX` when absent), level (`u8`),
/// population (`u32`), lat and lon (`f64`).
pub(crate) const ENTRY_SIZE: usize = 5 * 8 + 1 + 4 + 2 * 8;
/// A key: the name (string), its candidates (offset and count into
/// `cands`, `u32`s), the most tokens of a name it heads (`u8`, 0: none),
/// its ambiguity (`u8`: 0 none, 1 word, 2 person) and the evidence of a
/// word (`f32`).
pub(crate) const KEY_SIZE: usize = 8 + 4 + 4 + 1 + 1 + 4;

/// Level names in the order of their codes in the table.
pub(crate) const LEVELS: [&str; 7] = [
    "country", "admin1", "region", "city", "town", "village", "site",
];

/// Prefixes that news writes both joined and apart ("تلعفر" / "تل عفر").
const SPLIT_PREFIXES: &[&str] = &[
    "تل", "دير", "عين", "راس", "جسر", "بير", "ابو", "ام", "بيت", "كفر", "قصر", "خان", "حمام",
    "بني", "مرج",
];

/// The hash of a key in the table's index (FNV-1a, then mixed): fixed, as
/// the build script and the reader must agree.
pub(crate) fn key_hash(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Normalised token sequences (joined by spaces) a name is matched under:
/// the name itself and, for names with a split prefix, the joined or
/// separated spelling.
pub(crate) fn name_keys(name: &str) -> Vec<String> {
    // Most names are plain Arabic letters and spaces: their tokens are the
    // words, so normalising each word is what tokenising would do, cheaper.
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

/// One row of `places.tsv`, as parsed.
struct Row<'a> {
    id: String,
    name: &'a str,
    level: u8,
    country: &'a str,
    admin1code: &'a str,
    population: u32,
    lat: f64,
    lon: f64,
}

/// What the index holds under one key.
#[derive(Default)]
struct KeyInfo {
    cands: Vec<u32>,
    head: u8,
    /// 0 none, 1 word, 2 person.
    ambiguity: u8,
    evidence: f32,
}

/// A string pool that stores each distinct string once.
#[derive(Default)]
struct Pool {
    bytes: Vec<u8>,
    seen: HashMap<String, u32>,
}

impl Pool {
    fn put(&mut self, out: &mut Vec<u8>, s: &str) {
        let off = match self.seen.get(s) {
            Some(&o) => o,
            None => {
                let o = self.bytes.len() as u32;
                self.bytes.extend_from_slice(s.as_bytes());
                self.seen.insert(s.to_string(), o);
                o
            }
        };
        out.extend_from_slice(&off.to_le_bytes());
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    }
}

/// Adds `k` to the keys, in first-seen order, unless it is there.
fn add_key(k: &str, keys: &mut Vec<String>, info: &mut HashMap<String, KeyInfo>) {
    if !info.contains_key(k) {
        keys.push(k.to_string());
        info.insert(k.to_string(), KeyInfo::default());
    }
}

/// Compiles the places and ambiguity tables into the binary table.
/// Malformed rows are skipped, as the tables are generated and checked by
/// the gazetteer's tests.
pub(crate) fn compile(places: &str, ambiguous: &str) -> Vec<u8> {
    let mut rows: Vec<Row<'_>> = Vec::with_capacity(32_000);
    let mut keys: Vec<String> = Vec::new();
    let mut info: HashMap<String, KeyInfo> = HashMap::new();
    let mut admin1: HashMap<(&str, &str), u32> = HashMap::new();
    for line in places.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 9 {
            continue;
        }
        let (Some(level), Ok(lat), Ok(lon)) = (
            LEVELS.iter().position(|l| *l == c[1]),
            c[5].parse::<f64>(),
            c[6].parse::<f64>(),
        ) else {
            continue;
        };
        let id = if c[0].as_bytes().first().is_some_and(u8::is_ascii_digit) {
            format!("geonames:{}", c[0])
        } else {
            c[0].to_string()
        };
        let idx = rows.len() as u32;
        if LEVELS[level] == "admin1" {
            admin1.insert((c[2], c[3]), idx);
        }
        rows.push(Row {
            id,
            name: c[7],
            level: level as u8,
            country: c[2],
            admin1code: c[3],
            population: c[4].parse().unwrap_or(0),
            lat,
            lon,
        });
        for ar in c[8].split('|') {
            for key in name_keys(ar) {
                let head = key.split(' ').next().unwrap_or_default();
                let len = key.split(' ').count().min(u8::MAX as usize) as u8;
                add_key(head, &mut keys, &mut info);
                let h = info.get_mut(head).expect("just added");
                h.head = h.head.max(len);
                add_key(&key, &mut keys, &mut info);
                let list = &mut info.get_mut(&key).expect("just added").cands;
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
        }
    }
    for line in ambiguous.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let mut c = line.split('\t');
        let (Some(name), Some(why)) = (c.next(), c.next()) else {
            continue;
        };
        let total: f32 = c.next().and_then(|n| n.parse().ok()).unwrap_or(0.0);
        let loc: f32 = c.next().and_then(|n| n.parse().ok()).unwrap_or(0.0);
        let (kind, evidence) = match why {
            "person" => (2, 0.0),
            // Laplace-smoothed: one place reading in four tokens is weak
            // evidence, twenty in ninety is strong evidence of a word.
            "word" => (1, (loc + 1.0) / (total + 2.0)),
            _ => continue,
        };
        for key in name_keys(name).into_iter().take(1) {
            add_key(&key, &mut keys, &mut info);
            let k = info.get_mut(&key).expect("just added");
            k.ambiguity = kind;
            k.evidence = evidence;
        }
    }

    let nslots = (keys.len() * 2).next_power_of_two().max(16);
    let mut slots = vec![0u64; nslots];
    for (i, k) in keys.iter().enumerate() {
        let h = key_hash(k.as_bytes());
        let mut s = h as usize & (nslots - 1);
        while slots[s] != 0 {
            s = (s + 1) & (nslots - 1);
        }
        slots[s] = ((h >> 32) << 32) | (i as u64 + 1);
    }
    let mut pool = Pool::default();
    let mut entries = Vec::with_capacity(rows.len() * ENTRY_SIZE);
    for r in &rows {
        pool.put(&mut entries, &r.id);
        pool.put(&mut entries, r.name);
        pool.put(&mut entries, r.country);
        pool.put(&mut entries, r.admin1code);
        let admin1_name = match LEVELS[usize::from(r.level)] {
            "country" => None,
            "admin1" => Some(r.name),
            _ => admin1
                .get(&(r.country, r.admin1code))
                .map(|&a| rows[a as usize].name),
        };
        match admin1_name {
            Some(n) => pool.put(&mut entries, n),
            None => {
                entries.extend_from_slice(&0u32.to_le_bytes());
                entries.extend_from_slice(&u32::MAX.to_le_bytes());
            }
        }
        entries.push(r.level);
        entries.extend_from_slice(&r.population.to_le_bytes());
        entries.extend_from_slice(&r.lat.to_le_bytes());
        entries.extend_from_slice(&r.lon.to_le_bytes());
    }
    let mut key_bytes = Vec::with_capacity(keys.len() * KEY_SIZE);
    let mut cands: Vec<u32> = Vec::new();
    for k in &keys {
        let i = &info[k];
        pool.put(&mut key_bytes, k);
        key_bytes.extend_from_slice(&(cands.len() as u32).to_le_bytes());
        key_bytes.extend_from_slice(&(i.cands.len() as u32).to_le_bytes());
        cands.extend_from_slice(&i.cands);
        key_bytes.push(i.head);
        key_bytes.push(i.ambiguity);
        key_bytes.extend_from_slice(&i.evidence.to_le_bytes());
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for n in [
        rows.len(),
        nslots,
        keys.len(),
        cands.len(),
        pool.bytes.len(),
    ] {
        out.extend_from_slice(&(n as u32).to_le_bytes());
    }
    out.extend_from_slice(&entries);
    for s in &slots {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out.extend_from_slice(&key_bytes);
    for c in &cands {
        out.extend_from_slice(&c.to_le_bytes());
    }
    out.extend_from_slice(&pool.bytes);
    out
}
