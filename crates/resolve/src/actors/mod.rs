//! Armed actors: the alias table and actor matching.
//!
//! Owns `data/lexicons/actors.tsv` (the names the Arabic press uses for each
//! id of `../shared/spec/actors.tsv`, and for groups outside it; parsed by
//! `lexicon`) and finding them in a body. It must not resolve places or
//! people: the few country words it reads are cues for ambiguous aliases
//! ("الجيش", "قوات الأمن"), not place mentions.
//!
//! Matching walks a word trie from every token (one hash look-up per word
//! form): the first word as written and, when it may carry a proclitic,
//! through its clitic forms ("لداعش", "وللحشد"); the rest as written. At
//! each start the longest alias whose conditions hold wins ("قوات سوريا
//! الديمقراطية" over "سوريا", "كتائب حزب الله" over "حزب الله"), scanning
//! left to right. Conditions are read from the whole text after the walk:
//! the country it reads as (cue words, document first, then the words
//! around the alias), which actors it names without conditions
//! ("التنظيم" counts only once داعش is named), and victim words in the same
//! sentence ("سكان" as victims, not as sources). A bare context-bound alias
//! followed by a nisba adjective ("الجيش اللبناني") names something else.
//! When unsure it gives nothing. A descriptive head right before a name
//! written without a clitic ("تنظيم", "عناصر", "قوات") joins the span.

mod lexicon;

use std::sync::LazyLock;

use lexicon::{Country, Lexicon};
use rasid_text::tokens::{Token, TokenKind};

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

/// The table, parsed on first use and shared across threads.
static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(lexicon::TABLE).expect("data/lexicons/actors.tsv is valid"));

/// How many head words may join a mention ("عناصر تنظيم داعش").
const MAX_HEADS: usize = 2;
/// Tokens either side of an alias searched for a victim word.
const VICTIM_WINDOW: usize = 5;
/// Tokens either side of an alias read for country cues.
const LOCAL_WINDOW: usize = 15;
/// A document reads as a country with this many cues …
const DOC_MIN_CUES: usize = 2;
/// … and this many times the next country's.
const DOC_RATIO: f64 = 1.5;

/// A trie match: tokens `start..end` read as the aliases ending at `node`.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    node: u32,
    /// Whether the first token matched as written (no clitic removed).
    literal: bool,
}

/// What the document says around the matches.
struct Context<'t> {
    tokens: &'t [Token],
    /// Country cue of each token.
    cue: Vec<Option<Country>>,
    /// Country the whole document reads as, if one clearly leads.
    country: Option<Country>,
    /// Whether the document's cues are split (neither clearly leads).
    mixed: bool,
    /// Victim-word flag of each token, read when an alias near it needs it.
    victim: Option<Vec<Option<bool>>>,
    /// Actors named by a non-coref alias.
    named: Vec<bool>,
}

impl Context<'_> {
    /// The country around token `at`: the document's when it clearly leads
    /// and the words around `at` do not point elsewhere; else, in a document
    /// with few or split cues, the words around `at`.
    fn country_at(&self, at: usize) -> Option<Country> {
        let lo = at.saturating_sub(LOCAL_WINDOW);
        let hi = (at + LOCAL_WINDOW).min(self.cue.len());
        let around = &self.cue[lo..hi];
        match self.country {
            // One stray word nearby ("الحدود مع السعودية") does not overrule the document.
            Some(c) if leader(around, 1.0, 2).is_none_or(|l| l == c) => Some(c),
            Some(_) => None,
            None if self.mixed => leader(around, 1.0, 1),
            None => None,
        }
    }

    fn near_victim_word(&mut self, lex: &Lexicon, start: usize, end: usize) -> bool {
        let tokens = self.tokens;
        // Within the sentence: a victim word of the sentence before says nothing.
        let ends_sentence = |t: &Token| {
            t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "!" | "?" | "؟" | "؛")
        };
        let lo = (start.saturating_sub(VICTIM_WINDOW)..start)
            .rev()
            .find(|&i| ends_sentence(&tokens[i]))
            .map_or(start.saturating_sub(VICTIM_WINDOW), |i| i + 1);
        let far = (end + VICTIM_WINDOW).min(tokens.len());
        let hi = (end..far)
            .find(|&i| ends_sentence(&tokens[i]))
            .unwrap_or(far);
        // Each token is read once, and only when an alias near it asks.
        let flags = self.victim.get_or_insert_with(|| vec![None; tokens.len()]);
        (lo..hi).any(|i| {
            *flags[i].get_or_insert_with(|| {
                let t = &tokens[i];
                t.kind == TokenKind::Word && t.forms().iter().any(|c| lex.is_victim_word(c))
            })
        })
    }
}

/// The country with at least `min` cues and more than `ratio` times the
/// next one's, if any.
fn leader(cues: &[Option<Country>], ratio: f64, min: usize) -> Option<Country> {
    let count = |c: Country| cues.iter().filter(|x| **x == Some(c)).count();
    let mut counts = [
        (count(Country::Iq), Country::Iq),
        (count(Country::Sy), Country::Sy),
        (count(Country::Tr), Country::Tr),
        (count(Country::Other), Country::Other),
    ];
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    let (top, country) = counts[0];
    (top >= min && top as f64 > ratio * counts[1].0 as f64).then_some(country)
}

/// Whether `t` reads as a definite nisba adjective ("اللبناني", "الإقليمي",
/// "الجمهوري"): after a bare context-bound alias it names another army,
/// regime or party than the one the alias stands for.
fn is_nisba(t: &Token) -> bool {
    let w = t.norm.as_str();
    t.kind == TokenKind::Word
        && w.starts_with("ال")
        && w.chars().count() >= 5
        && (w.ends_with('ي') || w.ends_with("يه") || w.ends_with("يين") || w.ends_with("يون"))
}

/// Whether a word may carry a proclitic (و ف ب ك ل): only then are its
/// clitic forms worth computing; the table writes the article itself.
fn may_have_proclitic(word: &str) -> bool {
    matches!(word.chars().next(), Some('و' | 'ف' | 'ب' | 'ك' | 'ل'))
}

/// Every trie match in `tokens`, longest first at each start, and the
/// country cue of each token: one pass, one look-up per clitic form.
fn scan(lex: &Lexicon, tokens: &[Token]) -> (Vec<Candidate>, Vec<Option<Country>>) {
    let mut out = Vec::new();
    let mut cue = vec![None; tokens.len()];
    let mut walk = |i: usize, form: &str, literal: bool, out: &mut Vec<Candidate>| {
        let Some(word) = lex.word(form) else {
            return;
        };
        cue[i] = cue[i].or(word.cue);
        let Some(mut node) = lex.step(0, word.number) else {
            return;
        };
        let mut end = i + 1;
        loop {
            if !lex.ends(node).is_empty() {
                out.push(Candidate {
                    start: i,
                    end,
                    node,
                    literal,
                });
            }
            let next = tokens
                .get(end)
                .and_then(|n| lex.word(&n.norm))
                .and_then(|w| lex.step(node, w.number));
            match next {
                Some(next) => {
                    node = next;
                    end += 1;
                }
                None => break,
            }
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let at = out.len();
        walk(i, &t.norm, true, &mut out);
        if may_have_proclitic(&t.norm) {
            for form in t.forms().iter().skip(1) {
                walk(i, form, false, &mut out);
            }
        }
        if out.len() - at > 1 {
            // Longest first; the sort is stable, so the most literal form wins ties.
            out[at..].sort_by_key(|c| std::cmp::Reverse(c.end));
        }
    }
    (out, cue)
}

/// Whether `t` is a descriptive head as written or after و/ف/ب/ل/ك — not
/// after dropping an article: "الفصائل" is a subject, "فصائل" a construct.
fn is_head(lex: &Lexicon, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.forms()
            .iter()
            .filter(|c| t.norm.ends_with(c))
            .filter(|c| {
                let dropped = &t.norm[..t.norm.len() - c.len()];
                !dropped.ends_with("ال") && !dropped.ends_with("لل")
            })
            .any(|c| lex.word(c).is_some_and(|w| w.head))
}

/// The alias of `c` that holds in `ctx`: `Some(None)` for a block,
/// `Some(Some(actor))` for an actor, `None` when none holds.
fn resolve(
    lex: &Lexicon,
    c: &Candidate,
    ctx: &mut Context,
    with_named: bool,
) -> Option<Option<usize>> {
    // A bare context-bound alias followed by an adjective of its own is
    // another body: "الجيش اللبناني", "النظام الإقليمي", "الحزب الجمهوري".
    let qualified = ctx.tokens.get(c.end).is_some_and(is_nisba);
    for a in lex.ends(c.node) {
        let u = a.usage;
        if u.block {
            return Some(None);
        }
        if u.is_bound() && qualified {
            continue;
        }
        let country = (u.within.is_some() || u.outside.is_some()).then(|| ctx.country_at(c.start));
        let holds = u.within.is_none_or(|w| country == Some(Some(w)))
            && u.outside.is_none_or(|o| country != Some(Some(o)))
            && u.with.is_none_or(|set| {
                with_named && lex.with_sets[set as usize].iter().any(|&i| ctx.named[i])
            })
            && (!u.victim || ctx.near_victim_word(lex, c.start, c.end));
        if holds {
            return Some(Some(a.actor));
        }
    }
    None
}

/// Greedy left-to-right selection: at each token the longest alias that
/// holds; returns (start token, end token, actor or block).
fn select<'c>(
    lex: &Lexicon,
    cands: &'c [Candidate],
    ctx: &mut Context,
    with_named: bool,
) -> Vec<(&'c Candidate, Option<usize>)> {
    let mut out = Vec::new();
    let mut next_free = 0;
    for c in cands {
        if c.start < next_free {
            continue;
        }
        if let Some(actor) = resolve(lex, c, ctx, with_named) {
            out.push((c, actor));
            next_free = c.end;
        }
    }
    out
}

/// Every armed actor named in `body` (whose tokens are `tokens`), in body order.
pub fn find_actors(body: &str, tokens: &[Token]) -> Vec<ActorMention> {
    let _ = body;
    let lex = &*LEXICON;
    let (cands, cue) = scan(lex, tokens);
    if cands.is_empty() {
        return Vec::new();
    }
    let country = leader(&cue, DOC_RATIO, DOC_MIN_CUES);
    let mixed = country.is_none() && cue.iter().any(Option::is_some);
    let mut ctx = Context {
        tokens,
        cue,
        country,
        mixed,
        victim: None,
        named: vec![false; lex.actors.len()],
    };
    // First without coreference, to learn which actors are named for sure.
    for (_, actor) in select(lex, &cands, &mut ctx, false) {
        if let Some(a) = actor {
            ctx.named[a] = true;
        }
    }
    let picked = select(lex, &cands, &mut ctx, true);
    let mut out = Vec::with_capacity(picked.len());
    let mut last_end = 0;
    for (c, actor) in picked {
        let (start, end) = (c.start, c.end);
        let Some(a) = actor else {
            last_end = end;
            continue;
        };
        let actor = &lex.actors[a];
        // Heads join names of groups and forces written without a clitic
        // ("عناصر داعش", not "أرتال للقوات"); people are named as they are.
        let categorical = matches!(actor.id, Some("civilians" | "unidentified"));
        let mut first = start;
        while !categorical
            && c.literal
            && first > last_end
            && start - first < MAX_HEADS
            && is_head(lex, &tokens[first - 1])
        {
            first -= 1;
        }
        out.push(ActorMention {
            start: tokens[first].start,
            end: tokens[end - 1].end,
            id: actor.id,
            name: actor.name.to_string(),
        });
        last_end = end;
    }
    out
}

#[cfg(test)]
mod tests;
