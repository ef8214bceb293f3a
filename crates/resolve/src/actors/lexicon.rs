//! The actor alias table: parsing `data/lexicons/actors.tsv` into a word trie.
//!
//! Owns the table's grammar (see the file's header), the expansion of
//! nationality adjectives × force nouns into aliases, and the trie that
//! [`super::find_actors`] walks one token at a time. It must not read bodies:
//! matching and context decisions live in the parent module.

use std::collections::HashMap;

use rasid_text::tokens::tokenize;
use rustc_hash::FxHashMap;

/// The table, embedded at build time.
pub(crate) const TABLE: &str = include_str!("../../../../data/lexicons/actors.tsv");

/// A country a document can read as, for context-bound aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Country {
    /// Iraq.
    Iq,
    /// Syria.
    Sy,
    /// Turkey.
    Tr,
    /// Any other country (Lebanon, Yemen, Egypt, the Gulf …): a document
    /// about one gives Iraq's and Syria's bare words ("الجيش") to neither.
    Other,
}

/// When an alias names its actor (the table's `use` column): every
/// condition set must hold; none set is "safe".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Use {
    /// A longer name that is no actor: wins the match, yields nothing.
    pub block: bool,
    /// Only where the text reads as this country.
    pub within: Option<Country>,
    /// Not where the text reads as this country.
    pub outside: Option<Country>,
    /// Only where one of these actors (an index into [`Lexicon::with_sets`])
    /// is named by an alias that needs no such condition.
    pub with: Option<u16>,
    /// Only near a victim word.
    pub victim: bool,
}

impl Use {
    /// Whether the alias depends on what the rest of the text says about
    /// country or actors (and so yields to a qualifying adjective).
    pub(crate) fn is_bound(&self) -> bool {
        self.within.is_some() || self.outside.is_some() || self.with.is_some()
    }
}

/// An actor of the table: a spec id, or a group outside the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Actor {
    /// Spec id; `None` for a group outside `actors.tsv` of the spec.
    pub id: Option<&'static str>,
    /// Canonical English name.
    pub name: &'static str,
}

/// What the table knows about one normalised word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// Word number in the trie; [`Word::NONE`] when no alias uses it.
    pub number: u32,
    /// The country it is a cue for.
    pub cue: Option<Country>,
    /// Whether it is a descriptive head.
    pub head: bool,
}

impl Word {
    /// The number of a word that is in no alias.
    pub const NONE: u32 = u32::MAX;
}

/// One alias ending at a trie node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Alias {
    /// Index into [`Lexicon::actors`]; unused for a block.
    pub actor: usize,
    /// When it applies.
    pub usage: Use,
}

/// The parsed table.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Every actor, spec ids first in table order.
    pub actors: Vec<Actor>,
    /// Every word of the table (normalised): aliases, heads and cues.
    words: FxHashMap<String, Word>,
    /// How many words aliases use (the next word number).
    alias_words: u32,
    /// Actor sets of `with:` conditions (indices into `actors`).
    pub with_sets: Vec<Vec<usize>>,
    /// Trie edges: (node, word number) → node; node 0 is the root.
    edges: FxHashMap<(u32, u32), u32>,
    /// Aliases ending at each node.
    ends: Vec<Vec<Alias>>,
    /// Starts of victim words ("قتل", "اصيب").
    victim: Vec<String>,
}

/// The normalised words of `s`, as the body's tokens would read.
fn words_of(s: &str) -> Vec<String> {
    tokenize(s).into_iter().map(|t| t.norm).collect()
}

/// The index of the actor of a row (added on first sight), checking its name.
fn actor_index(
    actors: &mut Vec<Actor>,
    by_key: &mut HashMap<&'static str, usize>,
    id: &'static str,
    name: &'static str,
) -> Result<usize, &'static str> {
    let key = if id.is_empty() { name } else { id };
    if key.is_empty() {
        return Err("an alias needs an id or a name");
    }
    let i = *by_key.entry(key).or_insert_with(|| {
        actors.push(Actor {
            id: (!id.is_empty()).then_some(id),
            name,
        });
        actors.len() - 1
    });
    if !name.is_empty() {
        if actors[i].name.is_empty() {
            actors[i].name = name;
        } else if actors[i].name != name {
            return Err("a second name for the same id");
        }
    }
    Ok(i)
}

/// Definite phrase → indefinite: every word loses its article, or `None`
/// when one has none (a construct like "سلاح الجو").
fn indefinite(phrase: &str) -> Option<String> {
    let words: Option<Vec<&str>> = phrase
        .split_whitespace()
        .map(|w| w.strip_prefix("ال"))
        .collect();
    words.map(|w| w.join(" "))
}

impl Lexicon {
    /// Parses the table text.
    pub(crate) fn parse(text: &'static str) -> Result<Lexicon, String> {
        let mut lex = Lexicon {
            actors: Vec::new(),
            words: FxHashMap::default(),
            alias_words: 0,
            with_sets: Vec::new(),
            edges: FxHashMap::default(),
            ends: vec![Vec::new()],
            victim: Vec::new(),
        };
        let mut by_key: HashMap<&'static str, usize> = HashMap::new();
        // Nationality adjectives (actor, gender, adjective) and force nouns (gender, noun).
        let mut nats: Vec<(usize, char, &'static str)> = Vec::new();
        let mut forces: Vec<(char, &'static str)> = Vec::new();
        // `with:` ids by table line, resolved once every actor is known.
        let mut pending_with: Vec<(usize, Vec<&'static str>)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            let [id, name, alias, usage] = cols[..] else {
                return Err(format!("actors.tsv line {}: want 4 columns", n + 1));
            };
            if alias.is_empty() {
                return Err(format!("actors.tsv line {}: empty alias", n + 1));
            }
            let err = |what: &str| format!("actors.tsv line {}: {what}", n + 1);
            let mut actor = || actor_index(&mut lex.actors, &mut by_key, id, name).map_err(&err);
            let usage = match usage {
                "head" => {
                    for w in words_of(alias) {
                        lex.entry(w).head = true;
                    }
                    continue;
                }
                "cue-iq" | "cue-sy" | "cue-tr" | "cue-other" => {
                    let c = match usage {
                        "cue-iq" => Country::Iq,
                        "cue-sy" => Country::Sy,
                        "cue-tr" => Country::Tr,
                        _ => Country::Other,
                    };
                    for w in words_of(alias) {
                        lex.entry(w).cue = Some(c);
                    }
                    continue;
                }
                "cue-victim" => {
                    lex.victim.extend(words_of(alias));
                    continue;
                }
                "nat-m" | "nat-f" | "nat-p" => {
                    let i = actor()?;
                    let g = usage.chars().last().unwrap_or('m');
                    nats.push((i, g, alias));
                    if g == 'm' {
                        // The dual agrees with the masculine: التركي → التركيان، التركيين.
                        for suffix in ["ان", "ين"] {
                            let dual: &'static str = format!("{alias}{suffix}").leak();
                            nats.push((i, 'd', dual));
                        }
                    }
                    continue;
                }
                "force-m" | "force-f" | "force-p" | "force-d" => {
                    forces.push((usage.chars().last().unwrap_or('m'), alias));
                    continue;
                }
                conditions => conditions,
            };
            let mut cond = Use::default();
            let mut with_ids: Vec<&'static str> = Vec::new();
            for part in usage.split('+') {
                let country = |c: &str| match c {
                    "iq" => Some(Country::Iq),
                    "sy" => Some(Country::Sy),
                    "tr" => Some(Country::Tr),
                    "other" => Some(Country::Other),
                    _ => None,
                };
                match part {
                    "safe" => {}
                    "block" => cond.block = true,
                    "victim" => cond.victim = true,
                    "coref" => with_ids.push(if id.is_empty() { name } else { id }),
                    p if p.starts_with("with:") => with_ids.extend(p[5..].split(',')),
                    p if p.starts_with("not-") && country(&p[4..]).is_some() => {
                        cond.outside = country(&p[4..]);
                    }
                    p if country(p).is_some() => cond.within = country(p),
                    other => return Err(err(&format!("unknown use {other:?}"))),
                }
            }
            if !with_ids.is_empty() {
                cond.with = Some(lex.with_sets.len() as u16);
                lex.with_sets.push(Vec::new());
                pending_with.push((n + 1, with_ids));
            }
            let usage = cond;
            let i = if usage.block { usize::MAX } else { actor()? };
            lex.add(alias, i, usage);
        }
        for &(actor, g, adj) in &nats {
            for &(fg, noun) in &forces {
                if fg != g {
                    continue;
                }
                lex.add(&format!("{noun} {adj}"), actor, Use::default());
                let indefinite_noun = indefinite(noun);
                let Some(adj) = indefinite(adj) else {
                    continue;
                };
                if let Some(n) = &indefinite_noun {
                    lex.add(&format!("{n} {adj}"), actor, Use::default());
                }
                // "طائرة مسيرة يرجح أنها تركية": the press's hedged attribution.
                let pronoun = match g {
                    'f' => "أنها",
                    'm' => "أنه",
                    _ => continue,
                };
                if lex.actors[actor].id.is_none() {
                    continue;
                }
                for n in std::iter::once(noun).chain(indefinite_noun.as_deref()) {
                    for verb in ["يرجح", "يعتقد"] {
                        lex.add(
                            &format!("{n} {verb} {pronoun} {adj}"),
                            actor,
                            Use::default(),
                        );
                    }
                }
            }
        }
        for (set, (line, ids)) in pending_with.into_iter().enumerate() {
            for key in ids {
                let Some(i) = by_key.get(key) else {
                    return Err(format!("actors.tsv line {line}: unknown actor {key:?}"));
                };
                lex.with_sets[set].push(*i);
            }
        }
        if let Some(a) = lex.actors.iter().find(|a| a.name.is_empty()) {
            return Err(format!("actors.tsv: id {:?} has no name", a.id));
        }
        Ok(lex)
    }

    /// The entry of word `w`, added when new.
    fn entry(&mut self, w: String) -> &mut Word {
        self.words.entry(w).or_insert(Word {
            number: Word::NONE,
            ..Word::default()
        })
    }

    /// Adds one alias of actor `actor` (ignored for a block).
    fn add(&mut self, alias: &str, actor: usize, usage: Use) {
        let mut node = 0u32;
        for w in words_of(alias) {
            let next_word = self.alias_words;
            let entry = self.entry(w);
            if entry.number == Word::NONE {
                entry.number = next_word;
            }
            let word = entry.number;
            if word == next_word {
                self.alias_words += 1;
            }
            let next_node = self.ends.len() as u32;
            node = *self.edges.entry((node, word)).or_insert(next_node);
            if node == next_node {
                self.ends.push(Vec::new());
            }
        }
        let alias = Alias { actor, usage };
        let ends = &mut self.ends[node as usize];
        if node != 0 && !ends.contains(&alias) {
            ends.push(alias);
        }
    }

    /// What the table knows about the normalised word `w`.
    pub(crate) fn word(&self, w: &str) -> Option<&Word> {
        self.words.get(w)
    }

    /// The trie node reached from `node` by word number `word`.
    pub(crate) fn step(&self, node: u32, word: u32) -> Option<u32> {
        self.edges.get(&(node, word)).copied()
    }

    /// The aliases ending at `node`.
    pub(crate) fn ends(&self, node: u32) -> &[Alias] {
        &self.ends[node as usize]
    }

    /// Whether `word` (normalised) starts like a victim word.
    pub(crate) fn is_victim_word(&self, word: &str) -> bool {
        self.victim.iter().any(|v| word.starts_with(v.as_str()))
    }

    /// Every alias of each actor, as normalised text (for tests and reports).
    #[cfg(test)]
    pub(crate) fn aliases(&self) -> Vec<(usize, String, Use)> {
        let mut words: Vec<&str> = vec![""; self.alias_words as usize];
        for (w, info) in &self.words {
            if info.number != Word::NONE {
                words[info.number as usize] = w;
            }
        }
        let mut parent: Vec<(u32, u32)> = vec![(0, 0); self.ends.len()];
        for (&(from, word), &to) in &self.edges {
            parent[to as usize] = (from, word);
        }
        let mut out = Vec::new();
        for (node, ends) in self.ends.iter().enumerate() {
            let mut path = Vec::new();
            let mut n = node as u32;
            while n != 0 {
                let (from, word) = parent[n as usize];
                path.push(words[word as usize]);
                n = from;
            }
            path.reverse();
            for a in ends {
                out.push((a.actor, path.join(" "), a.usage));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses() {
        let lex = Lexicon::parse(TABLE).expect("actors.tsv parses");
        assert!(lex.actors.len() > 26);
        assert!(lex.word("عناصر").is_some_and(|w| w.head));
        assert_eq!(lex.word("الموصل").and_then(|w| w.cue), Some(Country::Iq));
        assert!(lex.is_victim_word("قتلوا"));
    }

    #[test]
    fn bad_rows_are_refused() {
        let cases: &[(&'static str, &str)] = &[
            ("isis\tIslamic State\tداعش\n", "4 columns"),
            ("isis\tIslamic State\tداعش\tsometimes\n", "unknown use"),
            ("\t\tداعش\tsafe\n", "id or a name"),
            (
                "isis\tA\tداعش\tsafe\nisis\tB\tالدواعش\tsafe\n",
                "second name",
            ),
            ("isis\t\tداعش\tsafe\n", "no name"),
        ];
        for &(table, want) in cases {
            let got = Lexicon::parse(table).expect_err(table);
            assert!(got.contains(want), "{table:?}: {got}");
        }
    }

    #[test]
    fn nationality_expands_by_gender() {
        let table = "r\tRussia\tالروسي\tnat-m\nr\t\tالروسية\tnat-f\nr\t\tالروس\tnat-p\n\
                     \t\tالقوات\tforce-f\n\t\tالطيران الحربي\tforce-m\n\t\tالجنود\tforce-p\n\
                     \t\tالجنديين\tforce-d\n\t\tسلاح الجو\tforce-m\n";
        let lex = Lexicon::parse(table).unwrap();
        let got: std::collections::HashSet<String> =
            lex.aliases().into_iter().map(|a| a.1).collect();
        let want = [
            "القوات الروسيه",
            "قوات روسيه",
            "الطيران الحربي الروسي",
            "طيران حربي روسي",
            "الجنود الروس",
            "جنود روس",
            "الجنديين الروسيين",
            "جنديين روسيين",
            "سلاح الجو الروسي",
        ];
        for w in want {
            assert!(got.contains(w), "{w} not in {got:?}");
        }
        for bad in ["القوات الروسي", "الجنود الروسيه", "سلاح جو روسي"]
        {
            assert!(!got.contains(bad), "{bad}");
        }
    }
}
