//! The trigger lexicon (`data/lexicons/event_triggers.tsv`) and its matcher.
//!
//! Owns parsing the table (once, at first use) and finding its entries in a
//! token stream: the first word of an entry through the token's clitic
//! forms ("وبانفجار" → انفجار), later words as written or without their
//! clitics ("عبوة ناسفة", "قصف مدفعي"). It knows no event rules: classes,
//! ACLED names and conditions are data, read by [`crate::coding`].

use std::collections::HashMap;
use std::sync::LazyLock;

use rasid_text::normalize::normalize;
use rasid_text::tokens::{Token, TokenKind};

/// The table, embedded at build time.
const TABLE: &str = include_str!("../../../data/lexicons/event_triggers.tsv");

/// The lexicon, parsed on first use and shared across threads.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(TABLE).unwrap_or_else(|e| panic!("data/lexicons/event_triggers.tsv: {e}"))
});

/// A line of the table that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// What an entry is (see the table's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Attack,
    Clash,
    Kill,
    Explosion,
    Strike,
    Execution,
    Abduction,
    Arrest,
    Protest,
    Riot,
    Mob,
    Takeover,
    Defuse,
    Sexual,
    Looting,
    Agreement,
    Change,
    Transfer,
    Base,
    Other,
    Means,
    Weapon,
    Protester,
    Intervene,
    Negation,
    Irrealis,
    Trend,
    Opinion,
    Distinct,
    Subset,
    Report,
    Perpetrator,
    Target,
    Member,
    Partner,
    Near,
    District,
    Origin,
    Agent,
    Verbal,
    Separate,
    Sameday,
    NoCasualty,
    MobSite,
    Deployable,
    Property,
    Owner,
    Cause,
    Denial,
    Period,
    Interval,
    Crowd,
    Raid,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        use Class::*;
        Some(match s {
            "attack" => Attack,
            "clash" => Clash,
            "kill" => Kill,
            "explosion" => Explosion,
            "strike" => Strike,
            "execution" => Execution,
            "abduction" => Abduction,
            "arrest" => Arrest,
            "protest" => Protest,
            "riot" => Riot,
            "mob" => Mob,
            "takeover" => Takeover,
            "defuse" => Defuse,
            "sexual" => Sexual,
            "looting" => Looting,
            "agreement" => Agreement,
            "change" => Change,
            "transfer" => Transfer,
            "base" => Base,
            "other" => Other,
            "agent" => Agent,
            "verbal" => Verbal,
            "separate" => Separate,
            "sameday" => Sameday,
            "nocasualty" => NoCasualty,
            "mobsite" => MobSite,
            "deployable" => Deployable,
            "property" => Property,
            "owner" => Owner,
            "cause" => Cause,
            "denial" => Denial,
            "period" => Period,
            "interval" => Interval,
            "crowd" => Crowd,
            "raid" => Raid,
            "means" => Means,
            "weapon" => Weapon,
            "protester" => Protester,
            "intervene" => Intervene,
            "negation" => Negation,
            "irrealis" => Irrealis,
            "trend" => Trend,
            "opinion" => Opinion,
            "distinct" => Distinct,
            "subset" => Subset,
            "report" => Report,
            "perpetrator" => Perpetrator,
            "target" => Target,
            "member" => Member,
            "partner" => Partner,
            "near" => Near,
            "district" => District,
            "origin" => Origin,
            _ => return None,
        })
    }

    /// Whether a match of this class may start an incident.
    pub(crate) fn is_incident(self) -> bool {
        use Class::*;
        matches!(
            self,
            Attack
                | Clash
                | Kill
                | Explosion
                | Strike
                | Execution
                | Abduction
                | Arrest
                | Protest
                | Riot
                | Mob
                | Takeover
                | Defuse
                | Sexual
                | Looting
                | Agreement
                | Change
                | Transfer
                | Base
                | Other
        )
    }
}

/// Part of speech, as far as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pos {
    /// A perfect verb.
    Verb,
    /// A singular noun or masdar.
    Noun,
    /// A plural noun: a habit or a series unless a day is given.
    Plural,
    /// A phrase or particle.
    Phrase,
}

/// A condition an incident entry puts on the words after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Requires {
    Nothing,
    /// A cue of this class within this many words after the entry.
    Cue(Class, usize),
    /// A place mention starting within this many words after the entry.
    Place(usize),
}

/// One row of the table.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Normalised words.
    pub words: Vec<String>,
    pub class: Class,
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
    pub pos: Pos,
    pub requires: Requires,
}

/// The parsed table with an index on first words.
pub(crate) struct Lexicon {
    entries: Vec<Entry>,
    first: HashMap<String, Vec<u32>>,
}

/// An entry found in a token stream: tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub entry: u32,
    pub start: usize,
    pub end: usize,
}

fn parse_requires(s: &str) -> Option<Requires> {
    if s.is_empty() {
        return Some(Requires::Nothing);
    }
    let mut parts = s.split(':');
    if parts.next()? != "after" {
        return None;
    }
    let what = parts.next()?;
    let n: usize = parts.next()?.parse().ok()?;
    if what == "place" {
        Some(Requires::Place(n))
    } else {
        Some(Requires::Cue(Class::parse(what)?, n))
    }
}

impl Lexicon {
    /// Parses the table; every line names the line it is about when wrong.
    pub(crate) fn parse(text: &'static str) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        let mut first: HashMap<String, Vec<u32>> = HashMap::new();
        let mut header_seen = false;
        for (n, line) in text.lines().enumerate() {
            let err = |message: &str| LexiconError {
                line: n + 1,
                message: message.to_string(),
            };
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                if line.starts_with("form\t") {
                    continue;
                }
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            if cols.len() < 5 {
                return Err(err("expected at least 5 tab-separated columns"));
            }
            let class = Class::parse(cols[1]).ok_or_else(|| err("unknown class"))?;
            let pos = match cols[4] {
                "v" => Pos::Verb,
                "n" => Pos::Noun,
                "pl" => Pos::Plural,
                "p" => Pos::Phrase,
                _ => return Err(err("pos must be v, n, pl or p")),
            };
            let requires = parse_requires(cols.get(5).copied().unwrap_or("").trim())
                .ok_or_else(|| err("requires must be after:CLASS:N or after:place:N"))?;
            let words: Vec<String> = normalize(cols[0])
                .split_whitespace()
                .map(str::to_string)
                .collect();
            if words.is_empty() {
                return Err(err("empty form"));
            }
            let id = entries.len() as u32;
            first.entry(words[0].clone()).or_default().push(id);
            entries.push(Entry {
                words,
                class,
                event_type: cols[2],
                sub_event_type: cols[3],
                pos,
                requires,
            });
        }
        Ok(Lexicon { entries, first })
    }

    /// The entry a hit refers to.
    pub(crate) fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// How many rows the table has.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every entry found in `tokens`, by start; of two hits of one class
    /// where one covers the other, only the longer is kept.
    pub(crate) fn find(&self, tokens: &[Token]) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for (i, tok) in tokens.iter().enumerate() {
            if tok.kind != TokenKind::Word {
                continue;
            }
            let start_len = hits.len();
            for cand in tok.candidates() {
                let Some(ids) = self.first.get(cand.as_ref()) else {
                    continue;
                };
                for &id in ids {
                    let e = &self.entries[id as usize];
                    if hits[start_len..].iter().any(|h| h.entry == id) {
                        continue;
                    }
                    if e.words[1..]
                        .iter()
                        .enumerate()
                        .all(|(k, w)| tokens.get(i + 1 + k).is_some_and(|t| word_matches(t, w)))
                    {
                        hits.push(Hit {
                            entry: id,
                            start: i,
                            end: i + e.words.len(),
                        });
                    }
                }
            }
        }
        // Drop a hit covered by a longer hit of the same class.
        // Hits are in token order; a covering hit starts at most a few
        // tokens before the one it covers.
        let covered = |h: &Hit| {
            let class = self.entry(h.entry).class;
            let lo = hits.partition_point(|o| o.start + 8 < h.start);
            let hi = hits.partition_point(|o| o.start <= h.start);
            hits[lo..hi].iter().any(|o| {
                o != h
                    && self.entry(o.entry).class == class
                    && o.start <= h.start
                    && o.end >= h.end
                    && (o.end - o.start) > (h.end - h.start)
            })
        };
        let keep: Vec<bool> = hits.iter().map(|h| !covered(h)).collect();
        let mut out: Vec<Hit> = hits
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(h, _)| *h)
            .collect();
        out.sort_by_key(|h| (h.start, h.end));
        out
    }
}

/// A later word of an entry: the token as written or one of its clitic forms.
fn word_matches(t: &Token, w: &str) -> bool {
    t.kind == TokenKind::Word && (t.norm == w || t.candidates().iter().any(|c| c == w))
}
