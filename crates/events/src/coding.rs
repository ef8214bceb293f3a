//! Incident coding: from trigger hits to ACLED events.
//!
//! Owns the rules that read a sentence as zero, one or several incidents
//! (negation, threats and plans, trends and opinion, plural and counted
//! triggers), ACLED typing (means, victims, protest context, who took a
//! town), the split of one sentence into several incidents (different kinds
//! in different clauses, one event per town taken) and the merging of one
//! incident told twice. Arguments are read by [`crate::arguments`]; words
//! come from [`crate::lexicon`]. It must not read places, actors, dates or
//! counts from the text itself.

use rasid_resolve::places::Level;
use rasid_text::counts::CountKind;
use rasid_text::dates::DatePrecision;
use rasid_text::tokens::{Token, TokenKind};

use crate::arguments::{self, Args};
use crate::lexicon::{Class, Entry, Hit, LEXICON, Lexicon, Pos, Requires};
use crate::{Incident, Reading};

/// Kinds of incident that may be merged with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Violence,
    Abduction,
    Arrest,
    Protest,
    Takeover,
    Defuse,
    Sexual,
    Looting,
    Agreement,
    Change,
}

fn family(c: Class) -> Option<Family> {
    use Class::*;
    Some(match c {
        Attack | Clash | Kill | Explosion | Strike | Execution => Family::Violence,
        Abduction => Family::Abduction,
        Arrest => Family::Arrest,
        Protest | Riot | Mob => Family::Protest,
        Takeover => Family::Takeover,
        Defuse => Family::Defuse,
        Sexual => Family::Sexual,
        Looting => Family::Looting,
        Agreement => Family::Agreement,
        Change => Family::Change,
        _ => return None,
    })
}

/// ACLED sub-types a means can give, most specific first: the first one
/// found near a trigger wins.
const MEANS_ORDER: &[&str] = &[
    "Suicide bomb",
    "Chemical weapon",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
    "Grenade",
];

const REMOTE: &str = "Explosions/Remote violence";

/// Words either side of a trigger searched for its means.
const MEANS_WINDOW: usize = 4;

/// What the coder knows of one body.
pub(crate) struct Ctx<'r, 'a> {
    pub r: &'r Reading<'a>,
    pub lex: &'static Lexicon,
    pub hits: Vec<Hit>,
    /// Token index where each place, actor, date and count starts.
    pub place_tok: Vec<usize>,
    pub actor_tok: Vec<usize>,
    pub date_tok: Vec<usize>,
    pub count_tok: Vec<usize>,
}

impl<'r, 'a> Ctx<'r, 'a> {
    fn new(r: &'r Reading<'a>) -> Self {
        let lex: &'static Lexicon = &LEXICON;
        let tok_at = |pos: usize| r.tokens.partition_point(|t| t.start < pos);
        Ctx {
            r,
            lex,
            hits: lex.find(r.tokens),
            place_tok: r.places.iter().map(|p| tok_at(p.start)).collect(),
            actor_tok: r.actors.iter().map(|a| tok_at(a.start)).collect(),
            date_tok: r.dates.iter().map(|d| tok_at(d.start)).collect(),
            count_tok: r.counts.iter().map(|c| tok_at(c.start)).collect(),
        }
    }

    pub fn entry(&self, h: &Hit) -> &'static Entry {
        self.lex.entry(h.entry)
    }

    pub fn class(&self, h: &Hit) -> Class {
        self.entry(h).class
    }

    /// Hits starting in tokens `lo..hi`.
    pub fn hits_in(&self, lo: usize, hi: usize) -> &[Hit] {
        let a = self.hits.partition_point(|h| h.start < lo);
        let b = self.hits.partition_point(|h| h.start < hi);
        &self.hits[a..b]
    }

    /// A cue of `class` ending at most `gap` tokens before token `tok`,
    /// not before `lo`.
    pub fn cue_before(&self, class: Class, tok: usize, gap: usize, lo: usize) -> Option<&Hit> {
        self.hits_in(lo.max(tok.saturating_sub(gap + 8)), tok)
            .iter()
            .rev()
            .find(|h| self.class(h) == class && h.end <= tok && tok - h.end <= gap)
    }

    /// Whether a cue of `class` starts within `n` tokens from `tok`, before `hi`.
    pub fn cue_after(&self, class: Class, tok: usize, n: usize, hi: usize) -> bool {
        self.hits_in(tok, (tok + n).min(hi))
            .iter()
            .any(|h| self.class(h) == class)
    }

    pub fn tokens(&self) -> &'a [Token] {
        self.r.tokens
    }
}

/// An incident read from one sentence, before merging.
#[derive(Debug, Clone)]
struct Candidate {
    family: Family,
    event_type: &'static str,
    sub_event_type: &'static str,
    /// The sub-type was read from the words (a means, a strike, a clash),
    /// not taken as a default.
    explicit: bool,
    trigger: Hit,
    sentence: usize,
    args: Args,
    /// Only an outcome word ("قتل") named it.
    weak: bool,
    /// "هجوم مماثل", "حادث آخر": a different incident from any before.
    distinct: bool,
    /// A suicide bomber is named in its sentence.
    suicide: bool,
    /// Read from a sentence of trends or opinion (kept for a concrete anchor).
    hedged: bool,
}

impl Candidate {
    /// Whether the text gives it a place, a date or a toll of its own.
    fn standalone(&self) -> bool {
        self.args.location.is_some() || self.args.date.is_some() || self.args.counted
    }
}

/// A coded incident with what merging needs.
struct Coded {
    c: Candidate,
    first: usize,
    last: usize,
    mentions: usize,
}

/// Whether a word is written with the article ("الهجوم", "بالهجوم", "للهجوم").
fn is_definite(t: &Token) -> bool {
    let s = t.norm.as_str();
    let s = s
        .strip_prefix('و')
        .or_else(|| s.strip_prefix('ف'))
        .unwrap_or(s);
    if s.starts_with("ال") || s.starts_with("لل") {
        return true;
    }
    s.strip_prefix('ب')
        .or_else(|| s.strip_prefix('ك'))
        .is_some_and(|r| r.starts_with("ال"))
}

/// Whether token `i` ends a clause inside a sentence.
pub(crate) fn clause_break(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    match t.kind {
        TokenKind::Punct => matches!(t.norm.as_str(), "،" | "," | "؛" | ";" | ":"),
        TokenKind::Word => {
            let next = tokens.get(i + 1).map(|n| n.norm.as_str());
            match t.norm.as_str() {
                "فيما" | "وفيما" | "بينما" | "وبينما" => true,
                "الا" | "قبل" | "بعد" => next == Some("ان"),
                "حين" => i > 0 && tokens[i - 1].norm == "في",
                _ => false,
            }
        }
        TokenKind::Number => false,
    }
}

/// Every concrete incident of the body.
pub(crate) fn code(r: &Reading) -> Vec<Incident> {
    let ctx = Ctx::new(r);
    let mut candidates: Vec<Candidate> = Vec::new();
    for (si, s) in r.sentences.iter().enumerate() {
        let lo = r.tokens.partition_point(|t| t.start < s.start);
        let hi = r.tokens.partition_point(|t| t.start < s.end);
        if lo < hi {
            read_sentence(&ctx, si, lo, hi, &mut candidates);
        }
    }
    let coded = merge(&ctx, candidates);
    coded
        .into_iter()
        .map(|k| finish(&ctx, k))
        .collect()
}

/// What a sentence says about itself.
struct SentenceFacts {
    concrete: bool,
    hedged: bool,
    protester: bool,
    day_date: bool,
}

fn facts(ctx: &Ctx, lo: usize, hi: usize) -> SentenceFacts {
    let r = ctx.r;
    let (a, b) = (r.tokens[lo].start, r.tokens[hi - 1].end);
    let inside = |start: usize| start >= a && start < b;
    let day_date = r.dates.iter().any(|d| {
        inside(d.start)
            && d.value.is_some()
            && matches!(d.precision, DatePrecision::Day | DatePrecision::Week)
    });
    let toll = r.counts.iter().any(|c| {
        inside(c.start)
            && c.value.is_some()
            && matches!(c.kind, CountKind::Killed | CountKind::Injured)
    });
    let hits = ctx.hits_in(lo, hi);
    let has = |class: Class| hits.iter().any(|h| ctx.class(h) == class);
    SentenceFacts {
        concrete: day_date || toll,
        hedged: has(Class::Trend) || has(Class::Opinion),
        protester: has(Class::Protester) || has(Class::Protest),
        day_date,
    }
}

/// Whether an incident hit stands for an incident: its condition holds, no
/// negation or irrealis cue governs it, and a plural or counted trigger
/// names one day's incident rather than a series.
fn live(ctx: &Ctx, h: &Hit, lo: usize, hi: usize, f: &SentenceFacts) -> bool {
    let e = ctx.entry(h);
    let tokens = ctx.tokens();
    let ok = match e.requires {
        Requires::Nothing => true,
        Requires::Cue(class, n) => ctx.cue_after(class, h.end, n, hi),
        Requires::Place(n) => ctx
            .place_tok
            .iter()
            .any(|&t| t >= h.end && t < (h.end + n).min(hi)),
    };
    if !ok {
        return false;
    }
    if ctx.cue_before(Class::Negation, h.start, 1, lo).is_some() {
        return false;
    }
    // A threat, plan, fear or condition earlier in the same clause.
    let mut clause_lo = h.start;
    while clause_lo > lo && !clause_break(tokens, clause_lo - 1) {
        clause_lo -= 1;
    }
    let irrealis = ctx
        .hits_in(clause_lo.min(h.start.saturating_sub(4)).max(lo), h.start)
        .iter()
        .any(|c| ctx.class(c) == Class::Irrealis && c.end <= h.start);
    if irrealis {
        return false;
    }
    // "ثلاث هجمات", "ثلاثين عملية اغتيال": a series unless one day is named.
    let counted = (h.start.saturating_sub(2).max(lo)..h.start).any(|i| {
        let t = &tokens[i];
        t.kind == TokenKind::Number
            || rasid_text::numbers::parse_number(&t.norm).is_some_and(|v| v > 1)
    });
    if counted && !f.day_date {
        return false;
    }
    if e.pos == Pos::Plural && !f.concrete {
        // An indefinite plural with a place may still be one strike wave on
        // one place ("غارات أمريكية استهدفت مواقع ... قرب البوكمال").
        let placed = ctx.place_tok.iter().any(|&t| t >= lo && t < hi);
        if is_definite(&tokens[h.start]) || !placed || f.hedged {
            return false;
        }
    }
    true
}

/// Reads one sentence (tokens `lo..hi`) into candidates.
fn read_sentence(ctx: &Ctx, si: usize, lo: usize, hi: usize, out: &mut Vec<Candidate>) {
    let f = facts(ctx, lo, hi);
    if f.hedged && !f.concrete {
        return;
    }
    let hits: Vec<Hit> = ctx
        .hits_in(lo, hi)
        .iter()
        .filter(|h| ctx.class(h).is_incident())
        .filter(|h| live(ctx, h, lo, hi, &f))
        .copied()
        .collect();
    if hits.is_empty() {
        return;
    }
    // Group hits by family, in order of first appearance. Outcome words
    // ("قتل") only name an incident when nothing else does; in a protest
    // context violence and arrests are what happened to the protest.
    let strong = hits.iter().any(|h| ctx.class(h) != Class::Kill);
    let mut groups: Vec<(Family, Vec<Hit>)> = Vec::new();
    for h in &hits {
        let Some(mut fam) = family(ctx.class(h)) else {
            continue;
        };
        if f.protester && matches!(fam, Family::Violence | Family::Arrest) {
            fam = Family::Protest;
        }
        match groups.iter_mut().find(|(g, _)| *g == fam) {
            Some((_, v)) => v.push(*h),
            None => groups.push((fam, vec![*h])),
        }
    }
    if strong {
        // Kill words alone in a group of their own (only possible for
        // violence) are support for nothing else: keep them with violence.
        groups.retain(|(_, v)| v.iter().any(|h| ctx.class(h) != Class::Kill) || v.is_empty());
        if groups.is_empty() {
            return;
        }
    }
    // Scopes: split the sentence at a clause break between two groups.
    let n = groups.len();
    let mut scopes: Vec<(usize, usize)> = vec![(lo, hi); n];
    for k in 1..n {
        let prev_end = groups[k - 1].1.iter().map(|h| h.end).max().unwrap_or(lo);
        let next_start = groups[k].1.iter().map(|h| h.start).min().unwrap_or(hi);
        if prev_end >= next_start {
            continue;
        }
        if let Some(b) = (prev_end..next_start).find(|&i| clause_break(ctx.tokens(), i)) {
            scopes[k - 1].1 = b;
            scopes[k].0 = b;
        }
    }
    for ((fam, ghits), (slo, shi)) in groups.into_iter().zip(scopes) {
        code_group(ctx, si, fam, &ghits, slo, shi, lo, hi, &f, out);
    }
}

/// The trigger of a group: the most telling of its hits.
fn main_hit(ctx: &Ctx, hits: &[Hit]) -> Hit {
    let rank = |c: Class| match c {
        Class::Explosion | Class::Strike => 0,
        Class::Execution | Class::Riot | Class::Mob => 1,
        Class::Attack | Class::Protest | Class::Arrest | Class::Abduction => 2,
        Class::Clash => 3,
        Class::Kill => 5,
        _ => 4,
    };
    *hits
        .iter()
        .min_by_key(|h| (rank(ctx.class(h)), h.start))
        .expect("a group has hits")
}

/// The best means sub-type among means cues near any of `hits` (or
/// anywhere in `lo..hi` when `anywhere`), and the subs the hits name.
fn means_near(ctx: &Ctx, hits: &[Hit], lo: usize, hi: usize) -> Option<&'static str> {
    let mut best: Option<usize> = None;
    for h in hits {
        let a = h.start.saturating_sub(MEANS_WINDOW).max(lo);
        let b = (h.end + MEANS_WINDOW).min(hi);
        for m in ctx.hits_in(a, b) {
            if ctx.class(m) != Class::Means {
                continue;
            }
            if let Some(i) = MEANS_ORDER.iter().position(|s| *s == ctx.entry(m).sub_event_type) {
                best = Some(best.map_or(i, |b| b.min(i)));
            }
        }
    }
    best.map(|i| MEANS_ORDER[i])
}

#[allow(clippy::too_many_arguments)]
fn code_group(
    ctx: &Ctx,
    si: usize,
    fam: Family,
    hits: &[Hit],
    lo: usize,
    hi: usize,
    sent_lo: usize,
    sent_hi: usize,
    f: &SentenceFacts,
    out: &mut Vec<Candidate>,
) {
    let trigger = main_hit(ctx, hits);
    let e = ctx.entry(&trigger);
    let weak = hits.iter().all(|h| ctx.class(h) == Class::Kill);
    let tokens = ctx.tokens();
    let distinct = hits
        .iter()
        .any(|h| ctx.cue_after(Class::Distinct, h.end, 2, sent_hi));
    let suicide = ctx
        .hits_in(sent_lo, sent_hi)
        .iter()
        .any(|m| ctx.class(m) == Class::Means && ctx.entry(m).sub_event_type == "Suicide bomb");
    let args = arguments::read(ctx, fam, &trigger, lo, hi);
    let mut c = Candidate {
        family: fam,
        event_type: e.event_type,
        sub_event_type: e.sub_event_type,
        explicit: false,
        trigger,
        sentence: si,
        args,
        weak,
        distinct,
        suicide,
        hedged: f.hedged,
    };
    match fam {
        Family::Violence => type_violence(ctx, hits, lo, hi, &mut c),
        Family::Protest => type_protest(ctx, hits, &mut c),
        Family::Takeover => {
            let state = c
                .args
                .actor1
                .map(|i| arguments::is_state(ctx.r.actors[i].id));
            match state {
                Some(true) => c.sub_event_type = "Government regains territory",
                Some(false) => c.sub_event_type = "Non-state actor overtakes territory",
                None => {}
            }
            c.explicit = true;
            // One event per town taken: the places listed after the trigger.
            let towns = arguments::listed_places(ctx, &trigger, hi);
            if towns.len() > 1 {
                for p in towns {
                    let mut t = c.clone();
                    t.args.location = Some(arguments::location_of(ctx, p, lo));
                    out.push(t);
                }
                return;
            }
        }
        _ => c.explicit = true,
    }
    if weak && !c.args.counted {
        return;
    }
    let _ = tokens;
    out.push(c);
}

/// Types a violent incident: the means named near its trigger, else who
/// its victims are.
fn type_violence(ctx: &Ctx, hits: &[Hit], lo: usize, hi: usize, c: &mut Candidate) {
    let classes = |k: Class| hits.iter().filter(move |h| ctx.class(h) == k);
    let remote: Vec<Hit> = hits
        .iter()
        .filter(|h| matches!(ctx.class(h), Class::Explosion | Class::Strike))
        .copied()
        .collect();
    let near_means = means_near(
        ctx,
        &hits
            .iter()
            .filter(|h| ctx.class(h) != Class::Clash)
            .copied()
            .collect::<Vec<_>>(),
        lo,
        hi,
    );
    if !remote.is_empty() {
        let mut best = remote
            .iter()
            .filter_map(|h| MEANS_ORDER.iter().position(|s| *s == ctx.entry(h).sub_event_type))
            .min();
        if let Some(m) = near_means.and_then(|m| MEANS_ORDER.iter().position(|s| *s == m)) {
            // A strike's own kind yields only to a more telling means.
            best = Some(best.map_or(m, |b| b.min(m)));
        }
        if c.suicide && remote.iter().any(|h| ctx.class(h) == Class::Explosion) {
            best = Some(0);
        }
        c.event_type = REMOTE;
        c.sub_event_type = MEANS_ORDER[best.unwrap_or(3)];
        c.explicit = true;
        return;
    }
    if let Some(m) = near_means {
        c.event_type = REMOTE;
        c.sub_event_type = m;
        c.explicit = true;
        return;
    }
    let civilian_target = c.args.civilian_victims;
    if classes(Class::Execution).next().is_some() || (civilian_target && classes(Class::Clash).next().is_none()) {
        c.event_type = "Violence against civilians";
        c.sub_event_type = "Attack";
        c.explicit = classes(Class::Execution).next().is_some();
        return;
    }
    c.event_type = "Battles";
    c.sub_event_type = "Armed clash";
    c.explicit = classes(Class::Clash).next().is_some();
}

/// Types a protest: a riot, force used on it, an intervention, or peaceful.
fn type_protest(ctx: &Ctx, hits: &[Hit], c: &mut Candidate) {
    c.explicit = true;
    if let Some(h) = hits
        .iter()
        .find(|h| matches!(ctx.class(h), Class::Riot | Class::Mob))
    {
        c.event_type = "Riots";
        c.sub_event_type = ctx.entry(h).sub_event_type;
        return;
    }
    c.event_type = "Protests";
    let violent = hits.iter().any(|h| {
        matches!(
            ctx.class(h),
            Class::Attack | Class::Clash | Class::Kill | Class::Strike | Class::Explosion
        )
    });
    let intervened = hits.iter().any(|h| ctx.class(h) == Class::Arrest)
        || ctx
            .hits_in(c.trigger.start.saturating_sub(12), c.trigger.end + 12)
            .iter()
            .any(|h| ctx.class(h) == Class::Intervene);
    c.sub_event_type = if violent && (c.args.fatalities.is_some() || c.args.injuries.is_some() || c.args.counted) {
        "Excessive force against protesters"
    } else if violent || intervened {
        "Protest with intervention"
    } else {
        "Peaceful protest"
    };
    // Protesters are not in the actor table; the force that met them is actor2.
    if c.sub_event_type == "Peaceful protest" {
        c.args.actor1 = None;
        c.args.actor2 = None;
    } else {
        let force = c.args.actor1.or(c.args.actor2).filter(|&i| {
            ctx.r.actors[i].id != Some(arguments::CIVILIANS)
        });
        c.args.actor1 = None;
        c.args.actor2 = force;
    }
}

/// Whether two locations can be the same incident's.
fn places_compatible(ctx: &Ctx, a: usize, b: usize) -> bool {
    let (p, q) = (&ctx.r.places[a].place, &ctx.r.places[b].place);
    if p.id == q.id {
        return true;
    }
    let coarse = |l: Level| matches!(l, Level::Country | Level::Admin1);
    if coarse(p.level) || coarse(q.level) {
        return p.country == q.country;
    }
    let limit = if p.level == Level::Region || q.level == Level::Region {
        90.0
    } else {
        30.0
    };
    arguments::km(p.lat, p.lon, q.lat, q.lon) <= limit
}

fn compatible(ctx: &Ctx, e: &Candidate, c: &Candidate) -> bool {
    if c.distinct || e.family != c.family {
        return false;
    }
    if e.family == Family::Violence && e.explicit && c.explicit && e.sub_event_type != c.sub_event_type {
        let bomb = |s: &str| s == "Remote explosive/landmine/IED" || s == "Suicide bomb";
        if !(bomb(e.sub_event_type) && bomb(c.sub_event_type)) {
            return false;
        }
    }
    if let (Some(a), Some(b)) = (&e.args.date, &c.args.date) {
        if a.2 == 1 && b.2 == 1 && a.0 != b.0 {
            return false;
        }
    }
    if let (Some(a), Some(b)) = (&e.args.location, &c.args.location) {
        if !places_compatible(ctx, a.0, b.0) {
            return false;
        }
    }
    true
}

/// One incident told twice is one event: a candidate joins the latest
/// compatible event before it, filling what it lacks; one with no place,
/// date or toll of its own and nothing to join is no event.
fn merge(ctx: &Ctx, candidates: Vec<Candidate>) -> Vec<Coded> {
    let mut out: Vec<Coded> = Vec::new();
    for c in candidates {
        let target = out.iter().rposition(|k| compatible(ctx, &k.c, &c));
        match target {
            Some(i) if !c.standalone() || out[i].last == c.sentence || !conflicting(&out[i].c, &c) => {
                let between = out
                    .iter()
                    .enumerate()
                    .any(|(j, k)| j != i && k.first > out[i].last && k.first < c.sentence);
                let k = &mut out[i];
                absorb(&mut k.c, &c);
                if !between {
                    k.last = k.last.max(c.sentence);
                }
                k.mentions += 1;
            }
            _ if c.standalone() => {
                let s = c.sentence;
                out.push(Coded {
                    c,
                    first: s,
                    last: s,
                    mentions: 1,
                });
            }
            _ => {}
        }
    }
    out
}

/// Whether a candidate with its own arguments tells a different incident
/// from `e` (two tolls that differ, each with its own place).
fn conflicting(e: &Candidate, c: &Candidate) -> bool {
    match (e.args.fatalities, c.args.fatalities) {
        (Some(a), Some(b)) => a != b && e.args.location.is_some() && c.args.location.is_some(),
        _ => false,
    }
}

/// Fills `e`'s missing arguments from `c`, a second report of it.
fn absorb(e: &mut Candidate, c: &Candidate) {
    let a = &mut e.args;
    if a.actor1.is_none() {
        a.actor1 = c.args.actor1.filter(|&x| Some(x) != a.actor2);
    }
    if a.actor2.is_none() {
        a.actor2 = c.args.actor2;
    }
    if a.location.is_none() {
        a.location = c.args.location;
    }
    if a.date.is_none() {
        a.date = c.args.date.clone();
    }
    a.fatalities = match (a.fatalities, c.args.fatalities) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    a.injuries = match (a.injuries, c.args.injuries) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    a.counted |= c.args.counted;
    if e.family == Family::Violence {
        if (c.suicide || c.sub_event_type == "Suicide bomb")
            && (e.event_type == REMOTE || !e.explicit)
            && e.sub_event_type != "Air/drone strike"
        {
            e.event_type = REMOTE;
            e.sub_event_type = "Suicide bomb";
            e.explicit = true;
        } else if !e.explicit && c.explicit && c.event_type == REMOTE {
            e.event_type = c.event_type;
            e.sub_event_type = c.sub_event_type;
            e.explicit = true;
        }
    }
}

/// The event as [`Incident`], with evidence and confidence.
fn finish(ctx: &Ctx, k: Coded) -> Incident {
    let r = ctx.r;
    let c = k.c;
    let trigger = {
        let t = ctx.tokens();
        (t[c.trigger.start].start, t[c.trigger.end - 1].end)
    };
    let a = &c.args;
    let mut conf: f64 = match c.family {
        Family::Violence | Family::Arrest => 0.5,
        Family::Protest | Family::Abduction | Family::Takeover => 0.45,
        Family::Defuse => 0.4,
        _ => 0.3,
    };
    conf += if a.date.is_some() { 0.1 } else { 0.0 };
    conf += if a.location.is_some() { 0.1 } else { 0.0 };
    conf += if a.actor1.is_some() { 0.08 } else { 0.0 };
    conf += if a.actor2.is_some() { 0.04 } else { 0.0 };
    conf += if a.fatalities.is_some() || a.injuries.is_some() { 0.08 } else { 0.0 };
    conf += if k.mentions > 1 { 0.05 } else { 0.0 };
    conf -= if c.weak { 0.15 } else { 0.0 };
    conf -= if c.hedged { 0.1 } else { 0.0 };
    Incident {
        event_type: c.event_type,
        sub_event_type: c.sub_event_type,
        trigger: Some(trigger),
        evidence: (r.sentences[k.first].start, r.sentences[k.last].end),
        date: a.date.clone(),
        location: a.location,
        actor1: a.actor1,
        actor2: a.actor2,
        fatalities: a.fatalities,
        injuries: a.injuries,
        confidence: (conf.clamp(0.05, 0.95) * 100.0).round() / 100.0,
    }
}
