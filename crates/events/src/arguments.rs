//! Arguments of an incident: who did it to whom, where, when, and its toll.
//!
//! Owns the choice among the mentions the earlier stages found in an
//! incident's scope (a sentence, or the clause of it the incident was read
//! from): actor roles from syntax cues (subject before or right after a
//! verb, partitive subjects, "استهدف X", "على X", "ضد X", "نفذه X", "كمين
//! لـX", "بين X وY", "مع X" in a clash, a verbal noun's genitive before its
//! object, a name that is a weapon, victims inside a toll), the place
//! (most specific, nearest, with ACLED geo precision from
//! "قرب/ريف/جنوب/قضاء"), the date (ACLED time precision) and fatalities and
//! injuries (sums of joined counts, the lowest of differing reports,
//! subsets left out). It must not find mentions itself.

use rasid_resolve::places::{Level, PlaceMention};
use rasid_text::counts::CountKind;
use rasid_text::dates::DatePrecision;
use rasid_text::tokens::TokenKind;

use crate::coding::{Ctx, Family};
use crate::lexicon::{Class, Hit, Pos};

/// The actor id of unarmed people (`../shared/spec/actors.tsv`).
pub(crate) const CIVILIANS: &str = "civilians";

/// Ids of state forces (inter 1, and foreign state militaries, inter 8, in
/// `../shared/spec/actors.tsv`): who takes a town decides its sub-type.
const STATE: &[&str] = &[
    "iraqi-security-forces",
    "syrian-army",
    "pmf",
    "peshmerga",
    "us-forces",
    "coalition",
    "russian-forces",
    "turkish-forces",
    "iranian-forces",
    "israeli-forces",
    "jordanian-forces",
];

/// Whether an actor id is a state force.
pub(crate) fn is_state(id: Option<&str>) -> bool {
    id.is_some_and(|id| STATE.contains(&id))
}

/// Great-circle distance in km.
pub(crate) fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// What an incident's scope says about it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Args {
    pub actor1: Option<usize>,
    pub actor2: Option<usize>,
    pub location: Option<(usize, u8, (usize, usize))>,
    pub date: Option<(String, String, u8, usize)>,
    pub fatalities: Option<u64>,
    pub injuries: Option<u64>,
    /// A count of people killed, injured, kidnapped or arrested is in scope.
    pub counted: bool,
    /// Its victims are unarmed people.
    pub civilian_victims: bool,
    /// A count of people killed or injured is in scope.
    pub hurt: bool,
    /// actor1 was read from a perpetrator cue ("نفذه", "تبنى", "برصاص").
    pub actor1_cued: bool,
    /// An armed actor is among the attacked or the victims.
    pub armed_victim: bool,
}

/// Prepositions and particles that open no object ("هجوم مسلحين على").
const GLUE: &[&str] = &[
    "علي",
    "من",
    "في",
    "الي",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "قرب",
    "عند",
    "داخل",
    "خلال",
    "اثناء",
    "ضد",
    "حيث",
    "ما",
    "مما",
    "و",
    "او",
    "ثم",
    "الذي",
    "التي",
    "الذين",
];

/// The part an actor mention plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Inside a toll: the people killed, injured, kidnapped or arrested.
    Victim,
    /// The source of the report ("أعلنت خلية الإعلام الأمني").
    Announcer,
    /// The group of a victim or detainee ("قيادي في", "بالانتماء إلى").
    Member,
    /// The side attacked ("على", "ضد", "استهدف", "مع").
    Target,
    /// The side that acted ("نفذه", "برصاص", "كمين لـ", right after a verb).
    Perpetrator,
    /// Before the trigger, with no cue: most often the subject.
    Subject,
    Unknown,
}

/// Reads the arguments of an incident of `fam` triggered by `trigger`,
/// from tokens `lo..hi`.
pub(crate) fn read(ctx: &Ctx, fam: Family, trigger: &Hit, lo: usize, hi: usize) -> Args {
    let mut args = Args::default();
    read_actors(ctx, fam, trigger, lo, hi, &mut args);
    args.location = place(ctx, trigger, lo, hi).map(|p| location_of(ctx, p, lo));
    args.date = date(ctx, trigger, lo, hi);
    read_toll(ctx, lo, hi, &mut args);
    args
}

fn role(ctx: &Ctx, i: usize, trigger: &Hit, lo: usize, prev: Option<(usize, Role)>) -> Role {
    let r = ctx.r;
    let a = &r.actors[i];
    let ta = ctx.actor_tok[i];
    let tokens = ctx.tokens();
    // Inside a toll, but not before the people counted: in "أعدم عناصر من
    // داعش، أمس، ثلاثة مدنيين" the group before them is the verb's subject.
    let in_toll = r.counts.iter().any(|c| {
        matches!(
            c.kind,
            CountKind::Killed | CountKind::Injured | CountKind::Kidnapped | CountKind::Arrested
        ) && c.start <= a.start
            && a.start < c.end
            && c.who.is_none_or(|(ws, _)| a.start >= ws)
    });
    // "غارات أمريكية", "طائرة مسيرة تركية استهدفت": a name on the trigger.
    if ta >= trigger.start && ta < trigger.end && a.id != Some(CIVILIANS) {
        return Role::Perpetrator;
    }
    // "استهداف طائرة مسيرة تركية سيارة", "ردت المقاتلات الروسية بشن
    // غارات": in an act of violence, a name that is itself an air or
    // artillery weapon is the side that struck, never the one struck.
    let a_end = tokens.partition_point(|t| t.start < a.end);
    let weapon_name = ctx.hits_in(ta, a_end).iter().any(|h| {
        h.end <= a_end
            && ctx.class(h) == Class::Means
            && matches!(
                ctx.entry(h).sub_event_type,
                "Air/drone strike" | "Shelling/artillery/missile attack"
            )
    });
    let violent = matches!(
        ctx.class(trigger),
        Class::Attack | Class::Strike | Class::Explosion | Class::Kill | Class::Clash
    );
    if weapon_name && violent && !in_toll {
        return Role::Perpetrator;
    }
    // "اغتال مسلحون", "اختطف مسلحون": right after a verb of doing, the doer
    // (after "قتل" it is the killed: the passive is spelt the same).
    let e = ctx.entry(trigger);
    // "وفي حادثة منفصلة، خطف مسلحو التنظيم": a word spelt alike as verb and
    // verbal noun opens its clause as a verb, its subject right after it.
    let clause_initial = trigger.start == lo
        || (trigger.start > 0 && crate::coding::clause_break(tokens, trigger.start - 1));
    let verb_like = e.pos == Pos::Verb || (e.pos == Pos::Noun && clause_initial);
    if verb_like
        && e.class != Class::Kill
        && ta >= trigger.end
        && ta - trigger.end <= 1
        && a.id != Some(CIVILIANS)
    {
        return Role::Perpetrator;
    }
    // "هاجمت مجموعة من عناصر التنظيم نقطة", "استهدف عدد من مسلحي داعش":
    // a subject right after the verb may open with a partitive ("مجموعة
    // من", "عدد من عناصر").
    let partitive = (ta == trigger.end + 2
        || (ta == trigger.end + 3 && tokens[trigger.end + 2].kind == TokenKind::Word))
        && tokens[trigger.end].kind == TokenKind::Word
        && !tokens[trigger.end].norm.starts_with("ال")
        && tokens[trigger.end + 1].norm == "من"
        && !ctx.in_date(trigger.end)
        && !ctx
            .hits_in(trigger.end, trigger.end + 1)
            .iter()
            .any(|h| matches!(ctx.class(h), Class::Target | Class::Property | Class::Means))
        && !r.counts.iter().any(|c| {
            // "عدد من" counts no victims.
            let ct = tokens.partition_point(|t| t.end <= c.start);
            ct >= trigger.end
                && ct < ta
                && matches!(
                    c.kind,
                    CountKind::Killed
                        | CountKind::Injured
                        | CountKind::Kidnapped
                        | CountKind::Arrested
                )
        });
    if verb_like && e.class != Class::Kill && partitive && a.id != Some(CIVILIANS) {
        return Role::Perpetrator;
    }
    // "إلقاء مجهولين قنبلة يدوية", "استهداف طائرة مسيرة سيارة": the
    // genitive of a verbal noun with its object after it is its subject.
    // "بالقذائف", "للجيش", "بعبوة", "برصاص": a preposition on the word after
    // the name; "بلدة" and "بيوت" only begin with its letter.
    let preposition = |n: &str| {
        let rest = n.strip_prefix(['ب', 'ل', 'ك']);
        n.starts_with("لل")
            || rest.is_some_and(|rest| {
                rest.starts_with("ال")
                    || ctx.hits_in(a_end, a_end + 1).iter().any(|h| {
                        matches!(
                            ctx.class(h),
                            Class::Means | Class::Weapon | Class::Perpetrator | Class::Property
                        )
                    })
            })
    };
    let object_after = tokens.get(a_end).is_some_and(|t| {
        let n = t.norm.as_str();
        t.kind == TokenKind::Word
            && !n.starts_with("ال")
            && !preposition(n)
            && !GLUE.contains(&n)
            && !ctx.in_date(a_end)
            && !ctx.actor_tok.contains(&a_end)
            && !ctx.hits_in(a_end, a_end + 1).iter().any(|h| {
                matches!(ctx.class(h), Class::Near | Class::Report | Class::Owner)
                    || ctx.class(h).is_incident()
            })
    });
    if e.pos == Pos::Noun
        && ta == trigger.end
        && e.class != Class::Kill
        && object_after
        && a.id != Some(CIVILIANS)
    {
        return Role::Perpetrator;
    }
    // "قتل جنديان من الجيش العراقي": the group named right after a toll.
    let after_toll = r.counts.iter().any(|c| {
        matches!(c.kind, CountKind::Killed | CountKind::Injured) && c.end <= a.start && {
            let ct = tokens.partition_point(|t| t.end <= c.end.saturating_sub(1)) + 1;
            ct <= ta && tokens[ct..ta].iter().all(|t| t.norm == "من")
        }
    });
    if in_toll || after_toll || a.id == Some(CIVILIANS) {
        return Role::Victim;
    }
    // "تابعة لـ X": X owns the noun before; it acted when that noun did
    // ("خلايا تابعة لداعش هاجمت"), it was hit when the noun was ("على نقطة
    // تابعة للجيش", "بسيارة تابعة للأسايش").
    if let Some(owner) = ctx.cue_before(Class::Owner, ta, 0, lo) {
        let head = owner.start.checked_sub(1).filter(|&h| h >= lo);
        // The owned noun, or the noun before its adjective ("بسيارة
        // عسكرية تابعة لـ").
        let by = |h: usize| {
            let n = tokens[h].norm.strip_prefix('و').unwrap_or(&tokens[h].norm);
            n.starts_with('ب') && n.chars().count() > 3
        };
        let hit = head.is_some_and(|h| {
            by(h)
                || (h > lo && !tokens[h].norm.starts_with("ال") && by(h - 1) && {
                    let adj = &tokens[h].norm;
                    adj.ends_with("يه") || adj.ends_with('ي')
                })
                || ctx
                    .hits_in(h.saturating_sub(3).max(lo), h + 1)
                    .iter()
                    .any(|x| {
                        x.start <= h
                            && h < x.end + 1
                            && matches!(ctx.class(x), Class::Target | Class::Property)
                    })
        });
        // "مقتل القيادي في مجلس الطبقة العسكري، التابع لقسد": what is owned
        // is the group of a victim named just before.
        let of_victim = ctx
            .cue_before(Class::Member, owner.start, 6, lo)
            .is_some_and(|m| {
                !ctx.hits_in(m.end, owner.start)
                    .iter()
                    .any(|x| ctx.class(x).is_incident())
            });
        if of_victim {
            return Role::Member;
        }
        return if hit { Role::Target } else { Role::Perpetrator };
    }
    // "تقل عناصر من X", "قيادي في X": the victim's group.
    // Not past another name ("جندي من الجيش السوري بنيران داعش").
    let member_cue = ctx
        .cue_before(Class::Member, ta, 3, lo)
        .filter(|h| !ctx.actor_tok.iter().any(|&t| t >= h.end && t < ta));
    if let Some(m) = member_cue {
        // "هاجم مسلحون يُعتقد بانتمائهم إلى داعش": the group of the
        // attackers named right after the verb is the side that attacked.
        let of_subject = e.pos == Pos::Verb
            && e.class != Class::Kill
            && m.start >= trigger.end
            && m.start - trigger.end <= 3
            && !r.counts.iter().any(|c| {
                let ct = tokens.partition_point(|t| t.end <= c.start);
                ct >= trigger.end && ct < m.start
            });
        return if of_subject {
            Role::Perpetrator
        } else {
            Role::Member
        };
    }
    // "اشتبكت قوة من الحشد مع مسلحين من التنظيم": whom "مع" names in a
    // clash was met, whatever words name them.
    if e.class == Class::Clash
        && ta >= trigger.end
        && ctx.cue_before(Class::Partner, ta, 3, lo).is_some()
    {
        return Role::Target;
    }
    if ctx.cue_before(Class::Agent, ta, 3, lo).is_some()
        || ctx.cue_before(Class::Perpetrator, ta, 0, lo).is_some()
    {
        return Role::Perpetrator;
    }
    if ctx.cue_before(Class::Report, ta, 2, lo).is_some() {
        return Role::Announcer;
    }
    // "وكانت قوات النظام قد أعلنت مقتل …": the subject of a report verb
    // before the trigger is the source, not a side.
    let reports = ctx
        .hits_in(a_end, (a_end + 2).min(trigger.start))
        .iter()
        .any(|h| ctx.class(h) == Class::Report && ctx.entry(h).pos == Pos::Verb);
    if reports && ta < trigger.start {
        return Role::Announcer;
    }
    // "بين X وY": X acted, Y was met.
    if ta > lo && tokens[ta - 1].norm == "بين" {
        return Role::Perpetrator;
    }
    if let Some((p, Role::Perpetrator)) = prev {
        let pend = ctx.r.actors[p].end;
        let joined = tokens[ta].norm.starts_with('و')
            && ta > 0
            && tokens[ta - 1].end == pend
            && tokens[..ta].iter().rev().take(6).any(|t| t.norm == "بين");
        if joined {
            return Role::Target;
        }
    }
    let target = ctx.cue_before(Class::Target, ta, 2, lo);
    // A clause-initial verb ("استهدفت طائرة مسيرة سيارة") has its subject
    // right after it; the attacked comes later.
    let verb_first = target.is_some_and(|h| {
        ctx.entry(h).pos == Pos::Verb
            && h.end == ta
            && (h.start == lo || crate::coding::clause_break(tokens, h.start - 1))
    });
    if verb_first {
        return Role::Perpetrator;
    }
    let partner = e.class == Class::Clash && ctx.cue_before(Class::Partner, ta, 3, lo).is_some();
    if target.is_some() || partner {
        return Role::Target;
    }
    if ctx.cue_before(Class::Perpetrator, ta, 3, lo).is_some() {
        return Role::Perpetrator;
    }
    // "طائرات التحالف شنت غارات": a subject before a verb of doing.
    let end_tok = tokens.partition_point(|t| t.end <= a.end.saturating_sub(1)) + 1;
    let doer = ctx
        .hits_in(end_tok, end_tok + 1)
        .iter()
        .any(|h| ctx.class(h) == Class::Perpetrator && ctx.entry(h).pos == Pos::Verb);
    if doer {
        return Role::Perpetrator;
    }
    // "بهجوم لداعش", "كمين لداعش": a possessive right after the trigger.
    let norm = &tokens[ta].norm;
    if ta >= trigger.end
        && ta <= trigger.end + 1
        && (norm.starts_with('ل') || norm.starts_with("ول"))
    {
        return Role::Perpetrator;
    }
    if ctx.entry(trigger).pos == Pos::Verb && ta >= trigger.end && ta - trigger.end <= 1 {
        return Role::Perpetrator;
    }
    if ta < trigger.start {
        return Role::Subject;
    }
    Role::Unknown
}

fn read_actors(ctx: &Ctx, fam: Family, trigger: &Hit, lo: usize, hi: usize, args: &mut Args) {
    let r = ctx.r;
    let tokens = ctx.tokens();
    let mut roles: Vec<(usize, Role)> = Vec::new();
    let mut prev: Option<(usize, Role)> = None;
    for (i, &ta) in ctx.actor_tok.iter().enumerate() {
        if ta < lo || ta >= hi {
            continue;
        }
        // An apposition ("قوات سوريا الديمقراطية (قسد)") plays the part of
        // the name it follows.
        let apposed = prev.filter(|&(p, _)| {
            let pend = ctx.actor_tok[p].max(tokens.partition_point(|t| t.start < r.actors[p].end));
            ta > pend
                && ta - pend <= 1
                && tokens[pend..ta].iter().all(|t| t.kind == TokenKind::Punct)
        });
        let role = match apposed {
            Some((_, role)) => role,
            None => role(ctx, i, trigger, lo, prev),
        };
        prev = Some((i, role));
        roles.push((i, role));
    }
    let dist = |i: usize| {
        let ta = ctx.actor_tok[i];
        if ta >= trigger.end {
            ta - trigger.end
        } else {
            trigger.start - ta
        }
    };
    // Of the mentions in a role, the nearest one the actor table knows.
    let pick = |want: Role, skip: Option<usize>, after: bool| {
        let skip_id = skip.and_then(|k| r.actors[k].id);
        roles
            .iter()
            .filter(|(i, r)| *r == want && Some(*i) != skip)
            .filter(|(i, _)| skip_id.is_none() || r.actors[*i].id != skip_id)
            .filter(|(i, _)| !after || ctx.actor_tok[*i] >= trigger.end)
            .min_by_key(|(i, _)| (r.actors[*i].id.is_none(), dist(*i)))
            .map(|(i, _)| *i)
    };
    // Whether a mention before the trigger is in the trigger's clause.
    // Commas around a time phrase ("مسلحو التنظيم، مساء الجمعة، اقتحموا")
    // part no clause.
    let same_clause = |i: usize| {
        let ta = ctx.actor_tok[i];
        !(ta..trigger.start).any(|t| {
            crate::coding::clause_break(tokens, t)
                && !(tokens[t].kind == TokenKind::Punct
                    && ((t + 1 < tokens.len() && ctx.in_date(t + 1))
                        || (t > 0 && ctx.in_date(t - 1))))
        })
    };
    let announcer = pick(Role::Announcer, None, false);
    let (actor1, mut actor2);
    if matches!(
        fam,
        Family::Arrest
            | Family::Takeover
            | Family::Defuse
            | Family::Change
            | Family::Agreement
            | Family::Transfer
            | Family::Base
            | Family::Other
    ) {
        let agent = roles
            .iter()
            .find(|&&(i, _)| {
                ctx.cue_before(Class::Agent, ctx.actor_tok[i], 3, lo)
                    .is_some()
            })
            .map(|(i, _)| *i);
        // The force that acted opens the sentence or announces it; whoever
        // comes after the trigger is the one it acted on.
        let doer = |clause: bool| {
            roles
                .iter()
                .find(|&&(i, role)| {
                    ctx.actor_tok[i] < trigger.start
                        && matches!(role, Role::Subject | Role::Perpetrator)
                        && r.actors[i].id != Some(CIVILIANS)
                        && (!clause || same_clause(i))
                })
                .map(|(i, _)| *i)
        };
        // "سيطرت قوات سوريا الديمقراطية على": the subject right after the verb.
        let vso = roles
            .iter()
            .find(|&&(i, role)| {
                // "اعتقلت قوة من الشرطة": a partitive may open the subject.
                role == Role::Perpetrator
                    && ctx.entry(trigger).pos == Pos::Verb
                    && ctx.actor_tok[i] >= trigger.end
                    && ctx.actor_tok[i] <= trigger.end + 3
            })
            .map(|(i, _)| *i);
        let agent = agent.filter(|_| fam != Family::Other);
        // "انسحاب القوات الأمريكية", "نشر قوات روسية": the genitive acted.
        let genitive = (fam == Family::Change || fam == Family::Base)
            .then(|| {
                roles
                    .iter()
                    .find(|&&(i, _)| ctx.actor_tok[i] == trigger.end)
                    .map(|(i, _)| *i)
            })
            .flatten();
        actor1 = agent
            .or(vso)
            .or(genitive)
            .or_else(|| doer(true))
            .or(announcer)
            .or_else(|| doer(false));
        let arrested = |i: usize| {
            r.counts.iter().any(|c| {
                c.kind == CountKind::Arrested
                    && c.start <= r.actors[i].start
                    && r.actors[i].start < c.end
            })
        };
        actor2 = pick(Role::Member, actor1, true)
            .or_else(|| pick(Role::Target, actor1, true))
            .or_else(|| {
                roles
                    .iter()
                    .find(|&&(i, role)| role == Role::Victim && arrested(i) && Some(i) != actor1)
                    .map(|(i, _)| *i)
            })
            .or_else(|| pick(Role::Perpetrator, actor1, true))
            .or_else(|| pick(Role::Unknown, actor1, true));
    } else {
        actor1 = pick(Role::Perpetrator, None, false).or_else(|| {
            (ctx.entry(trigger).pos == Pos::Verb)
                .then(|| {
                    roles
                        .iter()
                        .rev()
                        .find(|&&(i, role)| role == Role::Subject && same_clause(i))
                        .map(|(i, _)| *i)
                })
                .flatten()
        });
        // The attacked: a target, the group of a victim, the victims;
        // one the actor table knows before one it does not.
        let victim = |known: bool| {
            roles
                .iter()
                .find(|&&(i, r)| {
                    r == Role::Victim
                        && Some(i) != actor1
                        && (!known || ctx.r.actors[i].id.is_some())
                })
                .map(|(i, _)| *i)
        };
        let known = |x: Option<usize>| x.filter(|&i| ctx.r.actors[i].id.is_some());
        actor2 = known(pick(Role::Target, actor1, false))
            .or_else(|| known(pick(Role::Member, actor1, false)))
            .or_else(|| victim(true))
            .or_else(|| pick(Role::Target, actor1, false))
            .or_else(|| pick(Role::Member, actor1, false))
            .or_else(|| victim(false))
            .or_else(|| {
                pick(Role::Unknown, actor1, true).filter(|&i| ctx.actor_tok[i] <= trigger.end + 4)
            });
    }
    let mut actor1 = actor1;
    if fam == Family::Other {
        // A grave found: who found it, not who filled it.
        actor1 = announcer;
        actor2 = None;
    }
    if actor1.is_none() && ctx.entry(trigger).class == Class::Clash {
        // "قتل ستة جنود خلال اشتباكات مع X": the soldiers' side met X.
        actor1 = roles
            .iter()
            .find(|&&(i, role)| {
                matches!(role, Role::Victim | Role::Subject)
                    && Some(i) != actor2
                    && r.actors[i].id.is_some_and(|id| id != CIVILIANS)
            })
            .map(|(i, _)| *i);
    }
    let untold_victims = r.counts.iter().any(|c| {
        let ct = tokens.partition_point(|t| t.start < c.start);
        ct >= lo
            && ct < hi
            && matches!(c.kind, CountKind::Killed | CountKind::Injured)
            && !r
                .actors
                .iter()
                .any(|a| a.start >= c.start && a.start < c.end)
    });
    if fam == Family::Violence && actor2.is_none() && untold_victims {
        // "أعلنت خلية الإعلام الأمني مقتل ثلاثة جنود": the announcing force's own.
        actor2 = announcer.filter(|&i| is_state(r.actors[i].id));
    }
    let id = |x: Option<usize>| x.and_then(|i| r.actors[i].id);
    if actor1.is_some() && id(actor1).is_some() && id(actor1) == id(actor2) {
        actor2 = None;
    }
    if id(actor1) == Some(CIVILIANS) && fam != Family::Arrest {
        if actor2.is_none() {
            actor2 = actor1;
        }
        actor1 = None;
    }
    let armed_victim = roles.iter().any(|&(i, role)| {
        matches!(role, Role::Target | Role::Member | Role::Victim)
            && r.actors[i].id.is_some()
            && r.actors[i].id != Some(CIVILIANS)
            && Some(i) != actor1
    });
    args.armed_victim = armed_victim;
    args.civilian_victims = !armed_victim
        && (id(actor2) == Some(CIVILIANS)
            || roles
                .iter()
                .any(|&(i, role)| role == Role::Victim && r.actors[i].id == Some(CIVILIANS)));
    args.actor1_cued = actor1.is_some_and(|i| {
        roles
            .iter()
            .any(|&(j, role)| j == i && role == Role::Perpetrator)
    });
    args.actor1 = actor1;
    args.actor2 = actor2;
}

/// How specific a place is: settlements and sites first.
pub(crate) fn rank(l: Level) -> u8 {
    match l {
        Level::City | Level::Town | Level::Village | Level::Site => 0,
        Level::Region => 1,
        Level::Admin1 => 2,
        Level::Country => 3,
    }
}

/// Whether place `p` opens a sentence as its dateline ("إدلب (سوريا) -").
fn dateline(ctx: &Ctx, p: usize, lo: usize) -> bool {
    let tp = ctx.place_tok[p];
    let tokens = ctx.tokens();
    tp <= lo + 2
        && tokens[tp..tokens.len().min(tp + 6)]
            .iter()
            .any(|t| t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "-" | "–" | "—"))
}

/// Which places are the town a bearing is taken from: a mention inside a
/// regional phrase ("شرقي الحسكة" in "مخيم الهول شرقي الحسكة"). Such a
/// town places an incident only as well as the region does. Read once per
/// body ([`Ctx::bearing`]).
pub(crate) fn bearing_anchors(places: &[PlaceMention]) -> Vec<bool> {
    places
        .iter()
        .enumerate()
        .map(|(p, m)| {
            places.iter().enumerate().any(|(q, o)| {
                q != p && o.place.level == Level::Region && o.start <= m.start && m.end <= o.end
            })
        })
        .collect()
}

/// How specific place `p` is as an incident's place: [`rank`], a bearing's
/// town counted as its region.
fn place_rank(ctx: &Ctx, p: usize) -> u8 {
    let own = rank(ctx.r.places[p].place.level);
    if own == 0 && ctx.bearing[p] { 1 } else { own }
}

/// The place of the incident: the most specific mention in scope, nearest
/// the trigger; never a dateline or the place an attack came from; a
/// bearing's town after the region it anchors ("شرقي الحسكة" after "مخيم
/// الهول" and after "بادية الرصافة").
fn place(ctx: &Ctx, trigger: &Hit, lo: usize, hi: usize) -> Option<usize> {
    let r = ctx.r;
    (0..r.places.len())
        .filter(|&p| ctx.place_tok[p] >= lo && ctx.place_tok[p] < hi)
        .filter(|&p| !dateline(ctx, p, lo))
        .filter(|&p| {
            ctx.cue_before(Class::Origin, ctx.place_tok[p], 2, lo)
                .is_none()
        })
        .min_by_key(|&p| {
            let tp = ctx.place_tok[p];
            let d = if tp >= trigger.end {
                tp - trigger.end
            } else {
                trigger.start - tp
            };
            (place_rank(ctx, p), ctx.bearing[p], on_road(ctx, p), d)
        })
}

/// Whether a place names a road's end ("طريق دير الزور – تدمر"): the road
/// runs through the incident, the town it leads to is elsewhere.
fn on_road(ctx: &Ctx, p: usize) -> bool {
    let tokens = ctx.tokens();
    let tp = ctx.place_tok[p];
    let road = |n: &str| {
        let n = n.strip_prefix('و').unwrap_or(n);
        let n = n
            .strip_prefix('ب')
            .or_else(|| n.strip_prefix('ل'))
            .unwrap_or(n);
        matches!(n, "طريق" | "الطريق" | "اوتوستراد" | "الاوتوستراد")
    };
    // "طريق دير الزور – تدمر": the town after the dash ends the road too.
    let dash = |t: &rasid_text::tokens::Token| matches!(t.norm.as_str(), "-" | "–" | "—");
    road(&tokens[tp].norm)
        || (tp > 0 && road(&tokens[tp - 1].norm))
        || (tp > 0 && dash(&tokens[tp - 1]))
}

/// A place mention as a location: its ACLED geo precision and the span of
/// the phrase that places the incident ("قرب قضاء الحويجة").
pub(crate) fn location_of(ctx: &Ctx, p: usize, lo: usize) -> (usize, u8, (usize, usize)) {
    let m = &ctx.r.places[p];
    let tp = ctx.place_tok[p];
    let qualifier = ctx
        .cue_before(Class::Near, tp, 2, lo)
        .or_else(|| ctx.cue_before(Class::District, tp, 1, lo));
    let precision = match rank(m.place.level) {
        0 if qualifier.is_some() => 2,
        0 => 1,
        1 => 2,
        _ => 3,
    };
    let start = qualifier.map_or(m.start, |h| ctx.tokens()[h.start].start.min(m.start));
    (p, precision, (start, m.end))
}

/// The towns listed after a trigger ("على قرى X وY وZ"): the first
/// settlement after it and every one joined to it by "و" or a comma.
pub(crate) fn listed_places(ctx: &Ctx, trigger: &Hit, hi: usize) -> Vec<usize> {
    let r = ctx.r;
    let tokens = ctx.tokens();
    let mut out: Vec<usize> = Vec::new();
    for p in 0..r.places.len() {
        let tp = ctx.place_tok[p];
        if tp < trigger.end || tp >= hi || place_rank(ctx, p) != 0 {
            continue;
        }
        if out.is_empty() {
            out.push(p);
            continue;
        }
        // "مدينة الطبقة وسد الفرات": a site listed beside a town is taken
        // with it, not one more town.
        if r.places[p].place.level == Level::Site {
            continue;
        }
        let joined = tokens[tp].norm.starts_with('و')
            || (tp > 0
                && (tokens[tp - 1].norm == "،"
                    || tokens[tp - 1].norm == ","
                    || (tokens[tp - 1].norm.starts_with('و')
                        && tokens[tp - 1].norm.chars().count() <= 6)));
        if !joined {
            break;
        }
        out.push(p);
    }
    out
}

/// The date of the incident: the date mention in scope nearest the
/// trigger, to the day, week or month; never one that opens a duration.
fn date(ctx: &Ctx, trigger: &Hit, lo: usize, hi: usize) -> Option<(String, String, u8, usize)> {
    let r = ctx.r;
    let tokens = ctx.tokens();
    // A day named for the incident itself, besides the report's own date.
    let alt_day = (0..r.dates.len()).any(|d| {
        ctx.date_tok[d] >= lo
            && ctx.date_tok[d] < hi
            && r.dates[d].value.is_some()
            && r.dates[d].precision == DatePrecision::Day
            && !announced(ctx, d, lo, trigger)
    });
    let best = (0..r.dates.len())
        .filter(|&d| ctx.date_tok[d] >= lo && ctx.date_tok[d] < hi)
        .filter(|&d| r.dates[d].value.is_some())
        .filter(|&d| {
            let t = ctx.date_tok[d];
            // "منذ أشهر" opens a duration; "منذ صباح اليوم" still names a day.
            let since = tokens[t].norm == "منذ" || (t > 0 && tokens[t - 1].norm == "منذ");
            !since || r.dates[d].precision == DatePrecision::Day
        })
        .filter(|&d| r.dates[d].precision != DatePrecision::Year)
        .min_by_key(|&d| {
            let t = ctx.date_tok[d];
            let dist = if t >= trigger.end {
                t - trigger.end
            } else {
                trigger.start - t
            };
            (
                !tied(ctx, d, hi),
                announced(ctx, d, lo, trigger) && alt_day,
                later_clause(ctx, d, trigger),
                dist,
            )
        })?;
    let m = &r.dates[best];
    let v = m.value.as_deref()?;
    match m.precision {
        DatePrecision::Day => Some((v.to_string(), v.to_string(), 1, best)),
        DatePrecision::Week => Some((v.to_string(), v.to_string(), 2, best)),
        DatePrecision::Month => {
            let first: jiff::civil::Date = format!("{v}-01").parse().ok()?;
            let last = first.last_of_month();
            Some((first.to_string(), last.to_string(), 3, best))
        }
        DatePrecision::Year => None,
    }
}

/// Whether date `d` stands after the trigger past a clause that opens with
/// a word ("قبل أن يطلقوا سراحهم صباح السبت", "فيما …"): it dates what
/// happened next, not the incident.
fn later_clause(ctx: &Ctx, d: usize, trigger: &Hit) -> bool {
    let tokens = ctx.tokens();
    let t = ctx.date_tok[d];
    t > trigger.end
        && (trigger.end..t)
            .any(|k| tokens[k].kind == TokenKind::Word && crate::coding::clause_break(tokens, k))
}

/// Whether date `d` is followed by "حين"/"عندما" ("منذ السابع عشر من فبراير،
/// حين قتل …"): the clause after it tells what happened that day.
fn tied(ctx: &Ctx, d: usize, hi: usize) -> bool {
    let tokens = ctx.tokens();
    let end = tokens.partition_point(|t| t.start < ctx.r.dates[d].end);
    tokens[end.min(hi)..(end + 2).min(hi)]
        .iter()
        .any(|t| matches!(t.norm.as_str(), "حين" | "عندما" | "وحين"))
}

/// Whether date `d` dates the report rather than the incident: it follows
/// a report verb with no incident word between ("أعلن الجهاز، اليوم الأحد،
/// القبض على … فجر أمس").
fn announced(ctx: &Ctx, d: usize, lo: usize, trigger: &Hit) -> bool {
    let t = ctx.date_tok[d];
    if t >= trigger.start {
        return false;
    }
    ctx.hits_in(t.saturating_sub(6).max(lo), t)
        .iter()
        .any(|h| ctx.class(h) == Class::Report && ctx.entry(h).pos == Pos::Verb)
        && !ctx
            .hits_in(t.saturating_sub(6).max(lo), t)
            .iter()
            .any(|h| ctx.class(h).is_incident())
}

/// Killed and injured in scope: counts joined by "و" add up, separate
/// reports give the lowest, "بينهم …" subsets are left out.
fn read_toll(ctx: &Ctx, lo: usize, hi: usize, args: &mut Args) {
    let r = ctx.r;
    let mut groups: [Vec<Option<u64>>; 2] = [Vec::new(), Vec::new()];
    let mut open: [bool; 2] = [false, false];
    let mut prev_end: [usize; 2] = [0, 0];
    for (c, &tc) in r.counts.iter().zip(&ctx.count_tok) {
        if tc < lo || tc >= hi {
            continue;
        }
        let k = match c.kind {
            CountKind::Killed => 0,
            CountKind::Injured => 1,
            CountKind::Kidnapped | CountKind::Arrested => {
                args.counted = true;
                continue;
            }
            _ => continue,
        };
        args.counted = true;
        args.hurt = true;
        let subset = ctx.cue_before(Class::Subset, tc, 1, lo).is_some()
            || ctx
                .hits_in(tc, tc + 1)
                .iter()
                .any(|h| ctx.class(h) == Class::Subset);
        if subset {
            continue;
        }
        // "ضابط واثنان من الجنود": a count joined by "و", or one the
        // counts reader spans from the same trigger as the one before.
        let joined = open[k] && (ctx.tokens()[tc].norm.starts_with('و') || c.start < prev_end[k]);
        prev_end[k] = c.end;
        match (joined, groups[k].last_mut()) {
            (true, Some(last)) => {
                *last = match (*last, c.value) {
                    (Some(a), Some(b)) => Some(a + b),
                    (a, b) => a.or(b),
                };
            }
            _ => groups[k].push(c.value),
        }
        open[k] = true;
    }
    let lowest = |g: &Vec<Option<u64>>| g.iter().flatten().copied().min();
    args.fatalities = lowest(&groups[0]);
    args.injuries = lowest(&groups[1]);
    // "من دون وقوع إصابات", "دون أن تسفر عن إصابات": nobody was killed.
    if groups[0].is_empty() {
        let denied = ctx.hits_in(lo, hi).iter().any(|h| {
            ctx.class(h) == Class::NoCasualty
                && ctx.cue_before(Class::Negation, h.start, 4, lo).is_some()
        });
        if denied {
            args.fatalities = Some(0);
        }
    }
}
