//! Incident coding: from trigger hits to ACLED events.
//!
//! Owns the rules that read a sentence as zero, one or several incidents
//! (negation, threats and plans, trends and opinion, plural and counted
//! triggers, headline lines), ACLED typing (means, victims, protest
//! context, crowds, who took a town), the split of one sentence into
//! several incidents (different kinds in different clauses, two incidents
//! joined by "فيما", one dated apart by "بعد يومين من", one event per town
//! taken) and the merging of one incident told twice. Arguments are read by [`crate::arguments`]; words
//! come from [`crate::lexicon`]. It must not read places, actors, dates or
//! counts from the text itself.

use rasid_resolve::places::Level;
use rasid_text::counts::CountKind;
use rasid_text::dates::DatePrecision;
use rasid_text::tokens::{Token, TokenKind};

use crate::arguments::{self, Args};
use crate::lexicon::{Class, Entry, Hit, LEXICON, Lexicon, Pos, Requires};
use crate::{ActorRef, Incident, Reading};

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
    Transfer,
    Base,
    Other,
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
        Transfer => Family::Transfer,
        Base => Family::Base,
        Other => Family::Other,
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

/// Share of the detector's threshold under which a violent reading with no
/// toll is dropped.
const VETO: f32 = 0.5;

/// Words either side of a trigger searched for its means.
const MEANS_WINDOW: usize = 4;

/// What the coder knows of one body.
pub(crate) struct Ctx<'r, 'a> {
    pub r: &'r Reading<'a>,
    pub lex: &'static Lexicon,
    pub hits: Vec<Hit>,
    /// Token index where each place, actor, date and count starts.
    pub place_tok: Vec<usize>,
    /// Per place, whether it is the town of a bearing
    /// ([`arguments::bearing_anchors`]).
    pub bearing: Vec<bool>,
    pub actor_tok: Vec<usize>,
    pub date_tok: Vec<usize>,
    pub count_tok: Vec<usize>,
}

impl<'r, 'a> Ctx<'r, 'a> {
    fn new(r: &'r Reading<'a>) -> Self {
        let lex: &'static Lexicon = &LEXICON;
        // The token holding `pos`: a mention may start after a clitic.
        let tok_at = |pos: usize| r.tokens.partition_point(|t| t.end <= pos);
        Ctx {
            r,
            lex,
            hits: lex.find(r.tokens),
            place_tok: r.places.iter().map(|p| tok_at(p.start)).collect(),
            bearing: arguments::bearing_anchors(r.places),
            actor_tok: r.actors.iter().map(|a| tok_at(a.start)).collect(),
            date_tok: r.dates.iter().map(|d| tok_at(d.start)).collect(),
            count_tok: r.counts.iter().map(|c| tok_at(c.start)).collect(),
        }
    }

    /// Whether a place mention starts in tokens `a..b`.
    pub fn placed_in(&self, a: usize, b: usize) -> bool {
        self.place_tok.iter().any(|&t| t >= a && t < b)
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
        &self.hits[a..b.max(a)]
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

    /// Whether token `i` lies inside a date mention.
    pub fn in_date(&self, i: usize) -> bool {
        let t = &self.r.tokens[i];
        self.r
            .dates
            .iter()
            .any(|d| d.start < t.end && t.start < d.end)
    }

    /// The token after `n` words from `from` (not before `hi`), where a
    /// time phrase and the punctuation around it count for nothing:
    /// "سيطر مقاتلو التنظيم، ليل الجمعة، على قرية" is as close as
    /// "سيطر مقاتلو التنظيم على قرية".
    pub fn words_end(&self, from: usize, n: usize, hi: usize) -> usize {
        let tokens = self.tokens();
        let mut k = from;
        let mut seen = 0;
        while k < hi && seen < n {
            if tokens[k].kind != TokenKind::Punct && !self.in_date(k) {
                seen += 1;
            }
            k += 1;
        }
        k
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
    /// The detector finds the sentence no incident report: no event of its own.
    vetoed: bool,
    /// Its sentence opens with "وفي حادث منفصل" and the like: never merged.
    separate: bool,
    /// Its sentence says "the same day".
    sameday: bool,
    /// Named only by definite nouns ("الهجوم") and no toll: a pointer to an
    /// incident told before, never an event of its own.
    anaphoric: bool,
    /// One of its words points back ("الهجوم بدأ بتفجير سيارتين"): with no
    /// date of its own it happened when the incident before did.
    refers: bool,
    /// Tokens of the clause it was read from, where its sentence tells
    /// another incident of its kind beside it: its evidence.
    clause: Option<(usize, usize)>,
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
    let heads = headlines(r);
    for (si, s) in r.sentences.iter().enumerate() {
        let lo = r.tokens.partition_point(|t| t.start < s.start);
        let hi = r.tokens.partition_point(|t| t.start < s.end);
        if lo < hi && si >= heads {
            read_sentence(&ctx, si, lo, hi, &mut candidates);
        }
    }
    let coded = merge(&ctx, candidates);
    coded.into_iter().map(|k| finish(&ctx, k)).collect()
}

/// How many sentences open the body as headlines: lines with no final
/// stop, each a paragraph of its own, before the first sentence that ends
/// with one. A headline sums up what the body tells, so it codes nothing.
fn headlines(r: &Reading) -> usize {
    let chars: Vec<char> = r.body.chars().collect();
    let mut n = 0;
    for s in r.sentences {
        let text = &chars[s.start.min(chars.len())..s.end.min(chars.len())];
        let last = text
            .iter()
            .rev()
            .find(|c| !c.is_whitespace() && !matches!(c, '"' | '»' | '”' | ')'));
        let stopped = last.is_some_and(|c| matches!(c, '.' | '!' | '؟' | '?' | '…' | ':'));
        let line_ends = chars[s.end.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .any(|&c| c == '\n');
        // A lead that only lacks its stop still names its day.
        let dated = r.dates.iter().any(|d| {
            d.start >= s.start
                && d.start < s.end
                && matches!(d.precision, DatePrecision::Day | DatePrecision::Week)
        });
        if stopped || !line_ends || dated {
            break;
        }
        n += 1;
    }
    // A body that is all headline lines is its own report.
    if n == r.sentences.len() { 0 } else { n }
}

/// What a sentence says about itself.
struct SentenceFacts {
    concrete: bool,
    hedged: bool,
    /// Protesters are named, or a protest is told.
    protester: bool,
    /// Protesters, a riot or a mob are named.
    protester_cue: bool,
    day_date: bool,
}

fn facts(ctx: &Ctx, lo: usize, hi: usize) -> SentenceFacts {
    let r = ctx.r;
    let (a, b) = (r.tokens[lo].start, r.tokens[hi - 1].end);
    let inside = |start: usize| start >= a && start < b;
    // The text names a day even where no reference date resolves it.
    let day_date = r.dates.iter().any(|d| {
        inside(d.start) && matches!(d.precision, DatePrecision::Day | DatePrecision::Week)
    });
    let toll = r.counts.iter().any(|c| {
        inside(c.start)
            && c.value.is_some()
            && matches!(c.kind, CountKind::Killed | CountKind::Injured)
    });
    let hits = ctx.hits_in(lo, hi);
    let has = |class: Class| hits.iter().any(|h| ctx.class(h) == class);
    // Opinion opens the sentence ("ويرى محللون أن"); mid-sentence "يُعتقد"
    // only hedges a fact.
    // A denial or a pledge opening the sentence ("ونفت قسد صحة أنباء عن
    // سيطرة …", "وتعهد الوزير بتحرير …") governs all of it, like opinion.
    let opinion = ctx.hits_in(lo, (lo + 3).min(hi)).iter().any(|h| {
        matches!(ctx.class(h), Class::Opinion | Class::Denial)
            || (ctx.class(h) == Class::Irrealis
                && ctx.entry(h).pos == Pos::Verb
                && h.start <= lo + 1)
    });
    SentenceFacts {
        concrete: day_date || toll,
        hedged: has(Class::Trend) || opinion,
        protester: false,
        // Stones thrown by a crowd make a riot of an assault, but not of an
        // execution ("رجماً بالحجارة").
        protester_cue: has(Class::Protester)
            || has(Class::Riot)
            || has(Class::Mob)
            || (has(Class::Crowd) && !has(Class::Execution)),
        day_date,
    }
}

/// Whether an incident hit stands for an incident: its condition holds, no
/// negation or irrealis cue governs it, and a plural or counted trigger
/// names one day's incident rather than a series.
fn live(ctx: &Ctx, h: &Hit, lo: usize, hi: usize, f: &SentenceFacts) -> bool {
    let e = ctx.entry(h);
    let tokens = ctx.tokens();
    // "هجمات سابقة استهدفت …": the verb of a series is the series.
    if e.pos == Pos::Verb {
        let series = ctx
            .hits_in(h.start.saturating_sub(3).max(lo), h.start)
            .iter()
            .any(|p| {
                let pe = ctx.entry(p);
                pe.class.is_incident()
                    && pe.pos == Pos::Plural
                    && h.start - p.end <= 1
                    && generic_plural(ctx, p, lo, hi, f)
            });
        if series {
            return false;
        }
    }
    let ok = match e.requires {
        Requires::Nothing => true,
        Requires::Cue(class, n) => {
            ctx.cue_after(class, h.end, ctx.words_end(h.end, n, hi) - h.end, hi)
        }
        Requires::Place(n) => {
            let end = ctx.words_end(h.end, n, hi);
            ctx.placed_in(h.end, end)
        }
    };
    if !ok {
        return false;
    }
    // "خلال سنوات سيطرة التنظيم على المدينة": a takeover named after a span
    // of time is the state that followed, not an incident.
    if e.class == Class::Takeover && ctx.cue_before(Class::Period, h.start, 0, lo).is_some() {
        return false;
    }
    // "عمليات التمشيط مستمرة لتفكيك الألغام": defusing with the lam of
    // purpose is what a force means to do, not what it did.
    let purpose = {
        let n = tokens[h.start].norm.as_str();
        let n = n.strip_prefix('و').unwrap_or(n);
        n.starts_with('ل') && !n.starts_with("لل")
    };
    if e.class == Class::Defuse && e.pos == Pos::Noun && purpose {
        return false;
    }
    // "لم تقع اشتباكات", "لم تسجل أي اشتباكات": a negator a word or two before.
    if ctx.cue_before(Class::Negation, h.start, 2, lo).is_some() {
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
    // "شن هجوماً حاداً على الحكومة": words, not weapons.
    if e.class == Class::Attack && ctx.cue_after(Class::Verbal, h.end, 2, hi) {
        return false;
    }
    !(e.pos == Pos::Plural && generic_plural(ctx, h, lo, hi, f))
}

/// Whether a plural trigger names a series rather than one day's strikes
/// or clashes: "هجمات سابقة", "هجمات مماثلة", or a plural with no day,
/// toll or place to pin it ("غارات أمريكية استهدفت مواقع قرب البوكمال" is
/// one incident; "الهجمات" in a sentence of analysis is not).
fn generic_plural(ctx: &Ctx, h: &Hit, lo: usize, hi: usize, f: &SentenceFacts) -> bool {
    if ctx.cue_after(Class::Distinct, h.end, 2, hi) {
        return true;
    }
    if f.concrete {
        return false;
    }
    let placed = ctx.placed_in(lo, hi);
    is_definite(&ctx.tokens()[h.start]) || !placed || f.hedged
}

/// Whether a "sentence" is a list of headlines ("- خبر أول - خبر ثان"): a
/// bullet opens it and another stands inside it. Links to other stories
/// tell no incident of this one.
fn headline_list(ctx: &Ctx, lo: usize, hi: usize) -> bool {
    let bullet =
        |t: &Token| t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "-" | "•" | "–");
    let tokens = ctx.tokens();
    bullet(&tokens[lo]) && tokens[lo + 1..hi].iter().filter(|t| bullet(t)).count() >= 1
}

/// Reads one sentence (tokens `lo..hi`) into candidates.
fn read_sentence(ctx: &Ctx, si: usize, lo: usize, hi: usize, out: &mut Vec<Candidate>) {
    if headline_list(ctx, lo, hi) {
        return;
    }
    let f = facts(ctx, lo, hi);
    if f.hedged && !f.concrete {
        return;
    }
    // A trigger word inside a place's name ("ساحة التحرير", Liberation
    // Square) names the place, not an incident.
    let tokens = ctx.tokens();
    let in_place = |h: &Hit| {
        let (a, b) = (tokens[h.start].start, tokens[h.end - 1].end);
        ctx.r.places.iter().any(|p| p.start <= a && b <= p.end)
    };
    let hits: Vec<Hit> = ctx
        .hits_in(lo, hi)
        .iter()
        .filter(|h| ctx.class(h).is_incident())
        .filter(|h| !in_place(h))
        .filter(|h| live(ctx, h, lo, hi, &f))
        .copied()
        .collect();
    if hits.is_empty() {
        return;
    }
    let f = SentenceFacts {
        protester: f.protester_cue || hits.iter().any(|h| ctx.class(h) == Class::Protest),
        ..f
    };
    // Group hits by family, in order of first appearance. Outcome words
    // ("قتل") only name an incident when nothing else does; in a protest
    // context violence and arrests are what happened to the protest.
    let strong = hits.iter().any(|h| ctx.class(h) != Class::Kill);
    let mut groups: Vec<(Family, Vec<Hit>)> = Vec::new();
    for h in &hits {
        let Some(mut fam) = family(ctx.class(h)) else {
            continue;
        };
        if f.protester && matches!(fam, Family::Violence | Family::Arrest | Family::Looting) {
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
    // "استعادت القوات السيطرة على X بعد معارك", "إحباط هجوم انتحاري",
    // "مقبرة جماعية لمن أعدمهم التنظيم", "اعتدى … جنسياً": the violence is
    // how the other incident happened, not an incident of its own.
    let absorbing = |g: Family| {
        matches!(
            g,
            Family::Takeover | Family::Defuse | Family::Other | Family::Sexual | Family::Transfer
        )
    };
    // "وجاءت السيطرة على البلدة بعد يوم من هجوم شنه التنظيم": one attack
    // dated apart from the takeover by a span of time is an incident of its
    // own; "بعد أسابيع من المعارك", fighting that lasted, is how the town
    // was taken.
    let apart = |v: &Vec<Hit>| {
        v.iter().any(|h| {
            ctx.entry(h).pos != Pos::Plural
                && ctx.class(h) != Class::Clash
                && interval_start(ctx, h, lo).is_some()
        })
    };
    if groups.iter().any(|(g, _)| absorbing(*g)) {
        groups.retain(|(g, v)| *g != Family::Violence || apart(v));
    }
    // "داهمت مجموعة مسلحة الحظيرة وأطلقت النار على الراعيين": with no one
    // arrested, a raid beside an attack in its sentence is how the attack
    // was done.
    let raid_only = |v: &Vec<Hit>| {
        v.iter().all(|h| {
            ctx.hits_in(h.start, h.start + 1)
                .iter()
                .any(|x| ctx.class(x) == Class::Raid)
        })
    };
    let (a0, b0) = (ctx.tokens()[lo].start, ctx.tokens()[hi - 1].end);
    let arrested = ctx
        .r
        .counts
        .iter()
        .any(|c| c.start >= a0 && c.start < b0 && c.kind == CountKind::Arrested);
    let attack = groups
        .iter()
        .any(|(g, v)| *g == Family::Violence && v.iter().any(|h| ctx.class(h) != Class::Kill));
    if attack && !arrested {
        groups.retain(|(g, v)| *g != Family::Arrest || !raid_only(v));
    }
    // Gunmen who kill some and carry off others: one attack.
    let (a, b) = (ctx.tokens()[lo].start, ctx.tokens()[hi - 1].end);
    let toll = ctx.r.counts.iter().any(|c| {
        c.start >= a && c.start < b && matches!(c.kind, CountKind::Killed | CountKind::Injured)
    });
    if toll && groups.iter().any(|(g, _)| *g == Family::Violence) {
        groups.retain(|(g, _)| *g != Family::Abduction);
    }
    // "اقتحم المسلحون القرية واقتادوا أربعة رعاة": with no toll, the assault
    // is how the abduction was done, not a battle of its own.
    let assault_only = |v: &Vec<Hit>| v.iter().all(|h| ctx.class(h) == Class::Attack);
    if !toll
        && groups.iter().any(|(g, _)| *g == Family::Abduction)
        && groups
            .iter()
            .any(|(g, v)| *g == Family::Violence && assault_only(v))
    {
        groups.retain(|(g, _)| *g != Family::Violence);
    }
    // "قتل X … في A ليل السبت، فيما أصيب Y بانفجار عبوة في B صباح اليوم":
    // a lead that joins two incidents of one kind by "فيما"/"بينما" tells
    // two when each side has a place or a day of its own.
    // "وتأتي الغارة بعد يومين من مقتل القيادي": the pointer before the
    // span of time and the incident after it are two.
    let mut bounds: Vec<Option<usize>> = groups
        .iter()
        .map(|(_, v)| v.first().and_then(|h| interval_start(ctx, h, lo)))
        .collect();
    let mut k = 0;
    while k < groups.len() {
        let since = (1..groups[k].1.len())
            .find_map(|j| interval_start(ctx, &groups[k].1[j], lo).map(|b| (j, b)));
        let joined = (groups[k].0 == Family::Violence)
            .then(|| joined_incidents(ctx, &groups[k].1, lo, hi))
            .flatten();
        if let Some((j, b)) = since.or(joined) {
            let tail = groups[k].1.split_off(j);
            let fam = groups[k].0;
            groups.insert(k + 1, (fam, tail));
            bounds.insert(k + 1, Some(b));
        }
        k += 1;
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
        let b =
            bounds[k].or_else(|| (prev_end..next_start).find(|&i| clause_break(ctx.tokens(), i)));
        if let Some(b) = b {
            scopes[k - 1].1 = b;
            scopes[k].0 = b;
        }
    }
    for (k, ((fam, ghits), (slo, shi))) in groups.into_iter().zip(scopes).enumerate() {
        let before = out.len();
        code_group(ctx, si, fam, &ghits, slo, shi, lo, hi, &f, out);
        let parted = bounds[k].is_some() || bounds.get(k + 1).is_some_and(Option::is_some);
        if parted {
            for c in &mut out[before..] {
                c.clause = Some((slo, shi));
            }
        }
    }
}

/// "بعد أيام من هجوم", "قبل أسبوع من مقتل", "بعد يوم واحد من هجوم": an
/// incident some time before or after the one told is another. The token
/// where the phrase of time opens ("بعد"), when `h` closes one.
fn interval_start(ctx: &Ctx, h: &Hit, lo: usize) -> Option<usize> {
    let tokens = ctx.tokens();
    if h.start < lo + 2 || tokens[h.start - 1].norm != "من" {
        return None;
    }
    let of = h.start - 1;
    // "يوم واحد", "ساعات قليلة": one word may qualify the unit.
    let unit = ctx.cue_before(Class::Interval, of, 0, lo).or_else(|| {
        let q = &tokens[of - 1];
        let qualifier = matches!(q.norm.as_str(), "واحد" | "واحده" | "قليله" | "فقط");
        qualifier
            .then(|| ctx.cue_before(Class::Interval, of - 1, 0, lo))
            .flatten()
    })?;
    let opens = unit.start > lo
        && matches!(
            tokens[unit.start - 1].norm.as_str(),
            "بعد" | "قبل" | "وبعد" | "وقبل"
        );
    Some(if opens { unit.start - 1 } else { unit.start })
}

/// Where a group's hits tell two incidents joined by a conjunction of
/// clauses ("فيما", "بينما"): the index of the first hit after it and the
/// token of the conjunction, when a non-outcome trigger follows it and each
/// side names a place or a day of its own. Without such a word, or with
/// only a toll after it ("فيما أصيب خمسة آخرون"), one incident is told.
fn joined_incidents(ctx: &Ctx, hits: &[Hit], lo: usize, hi: usize) -> Option<(usize, usize)> {
    let tokens = ctx.tokens();
    let conj = |i: usize| {
        tokens[i].kind == TokenKind::Word
            && matches!(
                tokens[i].norm.as_str(),
                "فيما" | "وفيما" | "بينما" | "وبينما"
            )
    };
    let own = |a: usize, b: usize| {
        let placed = ctx.placed_in(a, b);
        let dated = (0..ctx.r.dates.len()).any(|d| {
            ctx.date_tok[d] >= a
                && ctx.date_tok[d] < b
                && matches!(
                    ctx.r.dates[d].precision,
                    DatePrecision::Day | DatePrecision::Week
                )
        });
        placed || dated
    };
    (1..hits.len()).find_map(|j| {
        let b = (hits[j - 1].end..hits[j].start).find(|&i| conj(i))?;
        let after_strong = hits[j..].iter().any(|h| ctx.class(h) != Class::Kill);
        (after_strong && own(lo, b) && own(b, hi)).then_some((j, b))
    })
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
        .min_by_key(|h| {
            (
                rank(ctx.class(h)),
                ctx.entry(h).pos == Pos::Plural,
                anaphoric_hit(ctx, h),
                h.start,
            )
        })
        .expect("a group has hits")
}

/// A definite noun with no relative clause after it ("الهجوم", "بالهجوم"):
/// it points back at an incident told before rather than telling one.
fn anaphoric_hit(ctx: &Ctx, h: &Hit) -> bool {
    let tokens = ctx.tokens();
    // "عشرات الغارات", "سلسلة الهجمات": counted, hence new.
    let quantified = h.start > 0 && {
        let t = &tokens[h.start - 1];
        t.kind == TokenKind::Number
            || rasid_text::numbers::parse_number(&t.norm).is_some()
            || matches!(t.norm.as_str(), "عشرات" | "مئات" | "سلسله" | "عده")
    };
    !quantified
        && matches!(ctx.entry(h).pos, Pos::Noun | Pos::Plural)
        && is_definite(&tokens[h.start])
        && !tokens
            .get(h.end)
            .is_some_and(|t| matches!(t.norm.as_str(), "الذي" | "التي" | "الذين"))
}

/// The sub-type of the means named nearest to any of `hits` (within a few
/// words, in `lo..hi`); at equal distance the more specific one.
fn means_near(ctx: &Ctx, hits: &[Hit], lo: usize, hi: usize) -> Option<&'static str> {
    let mut best: Option<(usize, usize)> = None;
    for h in hits {
        let a = h.start.saturating_sub(MEANS_WINDOW).max(lo);
        // "ألقى مجهولون، مساء السبت، قنبلة يدوية": a word that needs a means
        // reads it as far as its condition reaches.
        let reach = match ctx.entry(h).requires {
            Requires::Cue(Class::Means, n) => ctx.words_end(h.end, n, hi),
            _ => h.end + MEANS_WINDOW,
        };
        let b = reach.min(hi);
        for m in ctx.hits_in(a, b) {
            if ctx.class(m) != Class::Means {
                continue;
            }
            let Some(i) = MEANS_ORDER
                .iter()
                .position(|s| *s == ctx.entry(m).sub_event_type)
            else {
                continue;
            };
            let d = if m.start >= h.end {
                m.start - h.end
            } else {
                h.start.saturating_sub(m.end)
            };
            if best.is_none_or(|b| (d, i) < b) {
                best = Some((d, i));
            }
        }
    }
    best.map(|(_, i)| MEANS_ORDER[i])
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
    // "تظاهرة … تنديداً باغتيال …": what a protest denounces is told after
    // the cue; its words and tolls are not the protest's own.
    let cut = (fam == Family::Protest)
        .then(|| {
            ctx.hits_in(lo, hi)
                .iter()
                .find(|h| ctx.class(h) == Class::Cause && hits.iter().any(|t| t.end <= h.start))
                .map(|h| h.start)
        })
        .flatten();
    let kept: Vec<Hit>;
    let (hits, hi) = match cut {
        Some(b) => {
            kept = hits.iter().filter(|h| h.start < b).copied().collect();
            (&kept[..], b)
        }
        None => (hits, hi),
    };
    let trigger = main_hit(ctx, hits);
    let e = ctx.entry(&trigger);
    let weak = hits.iter().all(|h| ctx.class(h) == Class::Kill);
    let tokens = ctx.tokens();
    let interval = |h: &Hit| {
        matches!(fam, Family::Violence | Family::Abduction)
            && interval_start(ctx, h, sent_lo).is_some()
    };
    let distinct = hits
        .iter()
        .any(|h| ctx.cue_after(Class::Distinct, h.end, 2, sent_hi) || interval(h));
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
        anaphoric: false,
        refers: hits
            .iter()
            .any(|h| h.start < trigger.start && anaphoric_hit(ctx, h)),
        clause: None,
        vetoed: false,
        separate: ctx
            .hits_in(sent_lo, (sent_lo + 4).min(sent_hi))
            .iter()
            .any(|h| ctx.class(h) == Class::Separate),
        sameday: ctx
            .hits_in(sent_lo, sent_hi)
            .iter()
            .any(|h| ctx.class(h) == Class::Sameday),
    };
    c.anaphoric = hits.iter().all(|h| anaphoric_hit(ctx, h)) && !c.args.hurt;
    // "عثر على جثتين لراعيين بعد يومين من اختطافهما": the abducted were
    // killed, and the killing is what the report tells.
    if fam == Family::Abduction && c.args.fatalities.is_some_and(|n| n > 0) {
        c.event_type = "Violence against civilians";
        c.sub_event_type = "Attack";
    }
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
    // "قُتلت امرأة … الخميس الماضي", "قُتل برصاص مسلحين … مساء السبت": an
    // outcome word tells an incident when a day and a victim or a killer
    // are named with it.
    // "قُتل، مساء أمس، برصاص مسلحين": the time phrase does not part them.
    let shot = ctx.cue_after(
        Class::Perpetrator,
        trigger.end,
        ctx.words_end(trigger.end, 1, hi) - trigger.end,
        hi,
    );
    if weak && !c.args.counted && !(f.day_date && (c.args.civilian_victims || shot)) {
        // "ترجّح التحقيقات أن الحسبة التابعة للتنظيم قتلت المرأة": an
        // outcome told again with who did it names the killer of the
        // incident just told, as a pointer does.
        if c.args.actor1_cued && fam == Family::Violence {
            c.anaphoric = true;
            out.push(c);
        }
        return;
    }
    if fam == Family::Violence {
        // The sentence detector learnt from the GSR vetoes an assault read
        // from an attack word alone (no toll, no weapon named) in a sentence
        // it finds far from any incident report ("شن هجوماً على الحكومة");
        let score = crate::detect::violence_score_tokens(&tokens[sent_lo..sent_hi]);
        // A vetoed reading may still tell more of an incident coded before.
        c.vetoed =
            !c.args.hurt && c.event_type != REMOTE && score < crate::detect::threshold() * VETO;
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
        // "سقوط قذائف محملة بمواد كيماوية": the most telling means near a
        // strike or blast, not the nearest.
        let near_means = remote
            .iter()
            .flat_map(|h| {
                ctx.hits_in(
                    h.start.saturating_sub(MEANS_WINDOW).max(lo),
                    (h.end + MEANS_WINDOW).min(hi),
                )
            })
            .filter(|m| ctx.class(m) == Class::Means)
            .filter_map(|m| {
                MEANS_ORDER
                    .iter()
                    .position(|s| *s == ctx.entry(m).sub_event_type)
            })
            .min()
            .map(|i| MEANS_ORDER[i]);
        let mut best = remote
            .iter()
            .filter_map(|h| {
                MEANS_ORDER
                    .iter()
                    .position(|s| *s == ctx.entry(h).sub_event_type)
            })
            .min();
        if let Some(m) = near_means.and_then(|m| MEANS_ORDER.iter().position(|s| *s == m)) {
            // A strike's own kind yields only to a more telling means
            // ("قصف" by a drone is a drone strike).
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
    // "هجوم معاكس بسيارتين مفخختين يقودهما انتحاريان": an assault carried
    // out by suicide bombers, with no fight told, is a suicide bombing.
    let suicide_here = ctx
        .hits_in(lo, hi)
        .iter()
        .any(|m| ctx.class(m) == Class::Means && ctx.entry(m).sub_event_type == "Suicide bomb");
    if suicide_here
        && classes(Class::Attack).next().is_some()
        && classes(Class::Clash).next().is_none()
    {
        c.event_type = REMOTE;
        c.sub_event_type = "Suicide bomb";
        c.explicit = true;
        return;
    }
    // "هاجموا النقطة بالأسلحة الخفيفة والقنابل اليدوية … واشتبكوا معها":
    // grenades or mortars carried into a fight are a clash's arms.
    let fought = classes(Class::Clash).next().is_some()
        && matches!(
            near_means,
            Some("Grenade" | "Shelling/artillery/missile attack")
        );
    if let (Some(m), false) = (near_means, fought) {
        c.event_type = REMOTE;
        c.sub_event_type = m;
        c.explicit = true;
        return;
    }
    // "قُتل الشيخ … برصاص مسلحين": a killing named only by its outcome,
    // with no armed side among the hit, is violence against a civilian.
    let civilian_target =
        c.args.civilian_victims || (c.weak && !c.args.armed_victim && !c.args.counted);
    if classes(Class::Execution).next().is_some()
        || (civilian_target && classes(Class::Clash).next().is_none())
    {
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
    let state_force = [c.args.actor1, c.args.actor2].iter().flatten().any(|&i| {
        arguments::is_state(ctx.r.actors[i].id)
            || ctx.r.actors[i]
                .id
                .is_some_and(|id| id != arguments::CIVILIANS)
    });
    let killed = c.args.fatalities.is_some_and(|n| n > 0);
    let (near_lo, near_hi) = (c.trigger.start.saturating_sub(20), c.trigger.end + 20);
    let near = |class: Class| {
        ctx.hits_in(near_lo, near_hi)
            .iter()
            .any(|h| ctx.class(h) == class)
    };
    // Stones or sticks, not arms: a crowd's assault.
    let crowd = near(Class::Crowd);
    // Protesters who storm, burn or wreck: a riot.
    let rioting = hits
        .iter()
        .any(|h| matches!(ctx.class(h), Class::Riot | Class::Mob | Class::Looting))
        || (hits.iter().any(|h| ctx.class(h) == Class::Attack)
            && (crowd || !state_force)
            && !killed);
    if rioting {
        // A crowd with no demonstration told is a mob.
        let demonstration = hits.iter().any(|h| ctx.class(h) == Class::Protest)
            || near(Class::Protester)
            || near(Class::Riot);
        let mob = hits.iter().any(|h| ctx.class(h) == Class::Mob)
            || near(Class::MobSite)
            || (crowd && !demonstration);
        c.event_type = "Riots";
        c.sub_event_type = if mob {
            "Mob violence"
        } else {
            "Violent demonstration"
        };
        // Rioters are unnamed; a force they attacked or wounded ("رشقوا
        // عناصر الأسايش بالحجارة") is the second side.
        let force = c.args.actor2.filter(|&i| {
            ctx.r.actors[i]
                .id
                .is_some_and(|id| id != arguments::CIVILIANS)
        });
        c.args.actor1 = None;
        c.args.actor2 = force;
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
    c.sub_event_type = if violent
        && (c.args.fatalities.is_some() || c.args.injuries.is_some() || c.args.counted)
    {
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
        let force = c
            .args
            .actor1
            .or(c.args.actor2)
            .filter(|&i| ctx.r.actors[i].id != Some(arguments::CIVILIANS));
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
    // Two different settlements are two places unless one is in the other.
    let limit = if p.level == Level::Region || q.level == Level::Region {
        90.0
    } else {
        10.0
    };
    arguments::km(p.lat, p.lon, q.lat, q.lon) <= limit
}

/// Whether two candidates name different known attackers ("هجوم لداعش",
/// then "نفذت طائرات القوة الجوية العراقية ضربات"): a second incident,
/// the reply to the first, not a second report of it.
fn actor_conflict(ctx: &Ctx, e: &Candidate, c: &Candidate) -> bool {
    let id = |x: Option<usize>| {
        x.and_then(|i| ctx.r.actors[i].id)
            .filter(|id| *id != arguments::CIVILIANS && !id.starts_with("unidentified"))
    };
    match (id(e.args.actor1), id(c.args.actor1)) {
        (Some(a), Some(b)) => a != b,
        _ => false,
    }
}

fn compatible(ctx: &Ctx, e: &Candidate, c: &Candidate) -> bool {
    // Two incidents the coder read apart in one sentence stay apart.
    if c.distinct || e.family != c.family || e.sentence == c.sentence {
        return false;
    }
    if e.family == Family::Violence && actor_conflict(ctx, e, c) {
        return false;
    }
    // Two placed reports typed apart ("أعدم … في الشحيل", "هاجم … في البصيرة").
    if e.event_type != c.event_type
        && e.explicit
        && e.args.location.is_some()
        && c.args.location.is_some()
    {
        return false;
    }
    if e.family == Family::Violence
        && e.explicit
        && c.explicit
        && e.sub_event_type != c.sub_event_type
    {
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
/// compatible event before it, filling what it lacks. A candidate with no
/// place, date or toll of its own, one that only points back ("الهجوم"),
/// and one with a toll but no place or date right after another event
/// (its details) are no events of their own.
fn merge(ctx: &Ctx, candidates: Vec<Candidate>) -> Vec<Coded> {
    let mut out: Vec<Coded> = Vec::new();
    // A pointer sharing its sentence with another incident lends only who
    // and how: the sentence's place and date are the other incident's.
    let shared: Vec<usize> = candidates
        .windows(2)
        .filter(|w| w[0].sentence == w[1].sentence)
        .map(|w| w[0].sentence)
        .collect();
    for c in candidates {
        let pointer = c.anaphoric;
        let lends_all = !pointer || !shared.contains(&c.sentence);
        let after_last = out.last().is_some_and(|k| c.sentence <= k.last + 2);
        // No place of its own, or only the place of the incident just told
        // ("حاولوا اقتحام البلدة"), and no day named at all: a detail of it.
        let undated = {
            let sent = &ctx.r.sentences[c.sentence];
            !ctx.r
                .dates
                .iter()
                .any(|d| d.start >= sent.start && d.start < sent.end)
        };
        let same_place = |k: &Coded| match (&k.c.args.location, &c.args.location) {
            (Some(a), Some(b)) => ctx.r.places[a.0].place.id == ctx.r.places[b.0].place.id,
            _ => false,
        };
        let placed_before = undated && out.last().is_some_and(same_place);
        // One told as another incident ("بعد يوم من هجوم") is no detail.
        let detail = (c.args.location.is_none() || placed_before)
            && c.args.date.is_none()
            && after_last
            && !c.separate
            && !c.distinct;
        // A defused bomb or an arrest told as the sequel of an incident is
        // an event of its own, placed and dated by the incident.
        // A strike by the other side right after an attack is its reply.
        let reply = c.family == Family::Violence
            && c.event_type == REMOTE
            && c.explicit
            && !c.hedged
            && out.last().is_some_and(|k| actor_conflict(ctx, &k.c, &c));
        // A sentence dated on its own ("بعد اتفاق التسوية عام 2018") tells
        // background, not what followed.
        let own_date = {
            let sent = &ctx.r.sentences[c.sentence];
            ctx.r.dates.iter().any(|d| {
                d.start >= sent.start && d.start < sent.end && d.precision == DatePrecision::Year
            })
        };
        let sequel = detail
            && !pointer
            && !own_date
            && (matches!(
                c.family,
                Family::Defuse | Family::Arrest | Family::Agreement
            ) && out.last().is_some_and(|k| k.c.family != c.family)
                || reply);
        // A raid or a foiled attack whose details tell an exchange of fire
        // or a toll was a clash.
        let raid = out.iter().rposition(|k| {
            matches!(k.c.family, Family::Arrest | Family::Defuse) && c.sentence <= k.last + 2
        });
        let fought = detail
            && c.family == Family::Violence
            && (ctx.class(&c.trigger) == Class::Clash || c.args.hurt)
            && raid.is_some();
        if let (true, Some(i)) = (fought, raid) {
            let k = &mut out[i];
            k.c.family = Family::Violence;
            k.c.event_type = "Battles";
            k.c.sub_event_type = "Armed clash";
            k.c.explicit = true;
            if k.c.args.fatalities.is_none() {
                k.c.args.fatalities = c.args.fatalities;
            }
            if k.c.args.actor2.is_none() {
                k.c.args.actor2 = c.args.actor2.or(c.args.actor1);
            }
            k.mentions += 1;
            continue;
        }
        // "وفي حادث منفصل" parts the incident from the one just told, not
        // from one a lead summed up before it: it may still be the lead's
        // other incident, told again at the same place.
        let latest = out.iter().map(|k| k.last).max();
        let apart = |k: &Coded| {
            c.separate
                && (Some(k.last) == latest
                    || !same_place(k)
                    || k.c.sub_event_type != c.sub_event_type)
        };
        // A pointer ("الغارة") names the kind of what it points back at:
        // the latest event of that kind, else the latest of its family.
        let target = if pointer {
            let of_family = |k: &Coded| !c.distinct && k.c.family == c.family;
            out.iter()
                .rposition(|k| of_family(k) && c.explicit && k.c.sub_event_type == c.sub_event_type)
                .or_else(|| out.iter().rposition(of_family))
        } else {
            out.iter()
                .rposition(|k| compatible(ctx, &k.c, &c) && !apart(k))
        };
        let joins = match target {
            // A sentence with nothing of its own joins only an incident told
            // just before it; further on it describes, not reports.
            Some(i) => {
                pointer
                    || detail
                    || (!c.standalone() && c.sentence <= out[i].last + 2)
                    || (c.standalone() && !conflicting(&out[i].c, &c))
            }
            None => false,
        };
        if let (true, Some(i)) = (joins, target) {
            // The evidence grows to cover a second full report when nothing
            // else was coded between the two.
            let between = out
                .iter()
                .enumerate()
                .any(|(j, k)| j != i && k.first > out[i].first && k.first <= c.sentence);
            let k = &mut out[i];
            absorb(ctx, &mut k.c, &c, !lends_all);
            if !between && lends_all {
                k.last = k.last.max(c.sentence);
            }
            k.mentions += 1;
        } else if (c.standalone() && !pointer && !detail && !c.vetoed) || sequel {
            let s = c.sentence;
            let mut c = c;
            if let Some(prev) = out.last().filter(|k| c.sentence <= k.last + 2) {
                // "في اليوم ذاته", or the sequel of the incident before.
                if c.args.date.is_none() && (c.sameday || sequel || c.refers) {
                    c.args.date = prev.c.args.date.clone();
                }
                if c.args.location.is_none() && !c.distinct && !c.separate {
                    c.args.location = prev.c.args.location;
                }
                // The second bomb is defused by the side the first one hit.
                if sequel && c.family == Family::Defuse && c.args.actor1.is_none() {
                    c.args.actor1 = prev
                        .c
                        .args
                        .actor2
                        .filter(|&i| arguments::is_state(ctx.r.actors[i].id));
                }
            }
            out.push(Coded {
                c,
                first: s,
                last: s,
                mentions: 1,
            });
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

/// Fills `e`'s missing arguments from `c`, a second report of it; from a
/// mere pointer ("وتبنى تنظيم داعش الهجوم") only who did it and how.
fn absorb(ctx: &Ctx, e: &mut Candidate, c: &Candidate, pointer: bool) {
    let id = |x: Option<usize>| x.and_then(|i| ctx.r.actors[i].id);
    let a = &mut e.args;
    if a.actor1.is_none() && c.args.actor1_cued && id(c.args.actor1) != id(a.actor2) {
        a.actor1 = c.args.actor1;
        a.actor1_cued = true;
    }
    if !pointer {
        if a.actor2.is_none() && id(c.args.actor2) != id(a.actor1) {
            a.actor2 = c.args.actor2;
        }
        // The more precise place of two reports ("ريف دير الزور", then "قرب ذيبان").
        let finer = |x: &(usize, u8, (usize, usize))| {
            let l = ctx.r.places[x.0].place.level;
            (crate::arguments::rank(l), x.1)
        };
        match (&a.location, &c.args.location) {
            (None, Some(_)) => a.location = c.args.location,
            // A pointer ("عقب الهجوم") tells what followed, elsewhere: it
            // fills a missing place but does not move one.
            (Some(x), Some(y)) if finer(y) < finer(x) && !c.anaphoric => {
                a.location = c.args.location
            }
            _ => {}
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
    }
    if e.family == Family::Violence {
        if (c.suicide || c.sub_event_type == "Suicide bomb")
            && (e.event_type == REMOTE || !e.explicit)
            && e.sub_event_type != "Air/drone strike"
        {
            e.event_type = REMOTE;
            e.sub_event_type = "Suicide bomb";
            e.explicit = true;
        } else if !e.explicit && c.explicit && c.event_type == REMOTE && !c.hedged {
            e.event_type = c.event_type;
            e.sub_event_type = c.sub_event_type;
            e.explicit = true;
        }
    }
}

/// The words naming unarmed victims no actor mention names: the first
/// content word after the trigger outside any mention, else the trigger.
fn victim_words(ctx: &Ctx, c: &Candidate) -> (usize, usize) {
    let r = ctx.r;
    let tokens = ctx.tokens();
    let inside = |pos: usize| {
        r.actors.iter().any(|a| a.start <= pos && pos < a.end)
            || r.places.iter().any(|p| p.start <= pos && pos < p.end)
            || r.dates.iter().any(|d| d.start <= pos && pos < d.end)
    };
    let glue = ["علي", "من", "في", "الي", "عن", "مع", "بعد", "قبل"];
    tokens[c.trigger.end..tokens.len().min(c.trigger.end + 8)]
        .iter()
        .take_while(|t| !(t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "؟" | "!")))
        .find(|t| t.kind == TokenKind::Word && !glue.contains(&t.norm.as_str()) && !inside(t.start))
        .map(|t| (t.start, t.end))
        .unwrap_or_else(|| (tokens[c.trigger.start].start, tokens[c.trigger.end - 1].end))
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
    // The sentence detector's score on the trigger's sentence, read from
    // the body as `bin/calibrate.rs` reads it from a record, so that the
    // model applied here is the one fitted there.
    let chars: Vec<char> = r.body.chars().collect();
    let detector = crate::calibrate::detector_applies(c.sub_event_type)
        .then(|| {
            r.sentences
                .iter()
                .find(|s| s.start <= trigger.0 && trigger.0 < s.end)
        })
        .flatten()
        .map(|s| {
            let text: String = chars[s.start.min(chars.len())..s.end.min(chars.len())]
                .iter()
                .collect();
            crate::detect::violence_score(&text)
        });
    let actor2 = a.actor2.map(ActorRef::Mention).or_else(|| {
        // ACLED: the victims of violence against civilians are civilians.
        (c.event_type == "Violence against civilians")
            .then(|| ActorRef::Civilians(victim_words(ctx, &c)))
    });
    let signals = crate::calibrate::Signals {
        event_type: c.event_type,
        sub_event_type: c.sub_event_type,
        date: a.date.is_some(),
        location: a.location.is_some(),
        actor1: a.actor1.is_some(),
        actor2: actor2.is_some(),
        toll: a.fatalities.is_some() || a.injuries.is_some(),
        multi: k.last > k.first,
        detector,
    };
    let conf = crate::calibrate::CALIBRATION.apply(&signals);
    Incident {
        event_type: c.event_type,
        sub_event_type: c.sub_event_type,
        trigger: Some(trigger),
        // An incident read from one clause of a sentence that tells two is
        // evidenced by that clause alone.
        evidence: match c.clause {
            Some((lo, hi)) => {
                let t = ctx.tokens();
                (t[lo].start, t[hi - 1].end)
            }
            None => (r.sentences[k.first].start, r.sentences[k.last].end),
        },
        date: a.date.clone(),
        location: a.location,
        actor1: a.actor1.map(ActorRef::Mention),
        actor2,
        fatalities: a.fatalities,
        injuries: a.injuries,
        confidence: (conf.clamp(0.01, 0.99) * 100.0).round() / 100.0,
    }
}
