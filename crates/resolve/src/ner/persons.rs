//! Person chunks on news prose: reshaping the tagger's person chunks and
//! checking them against what names look like.
//!
//! Owns the lexicons of name words (`data/names/first-names.txt`, made from
//! ANERcorp train by `data/names/make_first_names.py`, and the ANERgazet
//! person list), of words that are never in a name
//! (`data/names/not-names.txt`, and the outlet names of
//! `data/lexicons/outlets.tsv`, read only), and the rules that use them. It
//! must not touch the tagger's features or weights: everything here runs on
//! the tags after decoding, so the model's dev scores do not move.
//!
//! Out of ANERcorp's domain the tagger both splits one name into two chunks
//! ("عبد الأمير" | "رشيد يار الله"), glues two names joined by "و" into one,
//! misses names right after a military rank, and calls brand words, share
//! buttons and "noun + adjective" pairs names. Each rule below answers one of
//! those.

use rasid_text::wordmap::WordSet;
use std::sync::LazyLock;

use rasid_text::normalize::normalize;
use rasid_text::tokens::{Token, TokenKind};

use super::EntityMention;
use super::features::{self, CUE_TITLE, cue_bits};

/// Words that open a person's name in ANERcorp train.
const FIRST_NAMES: &str = include_str!("../../../../data/names/first-names.txt");
/// Given names that begin with "و" (hand-written).
const WAW_NAMES: &str = include_str!("../../../../data/names/given-names-waw.txt");
/// Words never part of a person's name in news prose.
const NOT_NAMES: &str = include_str!("../../../../data/names/not-names.txt");
/// Outlet names (`kind<TAB>name`), shared with the cleaner; read only.
const OUTLETS: &str = include_str!("../../../../data/lexicons/outlets.tsv");

/// Titles right before which a name follows directly ("العقيد سامر
/// الخطيب"): ranks and honorifics, not construct nouns such as "رئيس" or
/// "وزير" that take a noun ("رئيس الوزراء") as often as a name. The
/// military ranks are [`features::MILITARY_RANKS`]; these are the rest.
const RANKS: &[&str] = &[
    "العريف",
    "الرقيب",
    "الشيخ",
    "المدعو",
    "الملقب",
    "المكنى",
    "الحاج",
    "السيد",
    "السيدة",
    "الدكتور",
    "الناشط",
    "الناشطة",
    "الصحفي",
    "الصحفية",
    "المراسل",
    "الجندي",
    "القيادي",
    "الإرهابي",
    "الشهيد",
    "الإمام",
    "الداعية",
    "المقاتل",
    "الانتحاري",
    "الأمير",
    "المختار",
];

/// Words that follow a rank and belong to the title, not the name
/// ("اللواء الركن", "الفريق أول").
const RANK_TAILS: &[&str] = &["الركن", "اول", "أول", "المتقاعد", "الطيار", "البحري"];

/// Construct-state titles: a lone word after one is a name only when it is
/// a known name ("رئيس ديوان" is an office).
const CONSTRUCT_TITLES: &[&str] = &[
    "رئيس",
    "رئيسة",
    "وزير",
    "وزيرة",
    "نائب",
    "قائد",
    "مدير",
    "محافظ",
    "مسؤول",
    "عضو",
    "أمير",
    "زعيم",
    "مؤسس",
    "والي",
    "أمين",
];

/// Places and bodies that bear a titled person's name ("حي الشيخ مقصود",
/// "مستشفى الملك فهد", "جائزة الأمير نايف"): the name after the title is
/// part of the place's name, not a person mention.
const NAMED_AFTER: &[&str] = &[
    "حي",
    "شارع",
    "جامع",
    "مسجد",
    "مستشفى",
    "مركز",
    "جامعة",
    "مدرسة",
    "كلية",
    "معهد",
    "قاعة",
    "ملعب",
    "مطار",
    "قاعدة",
    "مجمع",
    "ساحة",
    "جسر",
    "مدينة",
    "مؤسسة",
    "جائزة",
    "كأس",
    "برنامج",
    "صندوق",
];

/// Function words that end a name read after a rank.
const STOPS: &[&str] = &[
    "في",
    "من",
    "إلى",
    "الى",
    "عن",
    "إن",
    "أن",
    "ان",
    "قد",
    "الذي",
    "التي",
    "بعد",
    "قبل",
    "خلال",
    "مع",
    "كما",
    "لا",
    "لم",
    "لن",
    "هو",
    "هي",
    "أمس",
    "امس",
    "اليوم",
    "حيث",
    "بين",
    "عند",
    "منذ",
    "ضمن",
    "إثر",
    "اثر",
    "بأن",
    "بان",
    "وأن",
    "وان",
    "أنه",
    "انه",
    "لكن",
    "ذلك",
    "هذا",
    "هذه",
    "تلك",
    "كان",
    "كانت",
    "ثم",
    "حتى",
    "أو",
    "او",
    "أي",
    "كل",
    "بعض",
    "غير",
    "مثل",
    "خبير",
    "محلل",
    "باحث",
    "مصدر",
    "أمام",
    "امام",
    "داخل",
    "قرب",
    "لدى",
    "لدي",
];

/// The lexicons, normalised once.
struct Lexicons {
    first: WordSet<String>,
    not_names: WordSet<String>,
    /// Multi-word outlet names, padded with a space each side for whole-word search.
    outlets: Vec<String>,
    alias_cues: WordSet<String>,
    ranks: WordSet<String>,
    /// The first two letters of every rank: see [`is_rank`].
    rank_openings: Vec<String>,
    rank_tails: WordSet<String>,
    construct: WordSet<String>,
    named_after: WordSet<String>,
    stops: WordSet<String>,
}

/// Normalised, non-empty, non-comment lines of a word list.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(normalize)
}

/// Normalised words of a fixed list.
fn set(list: &[&str]) -> WordSet<String> {
    list.iter().map(|w| normalize(w)).collect()
}

static LEX: LazyLock<Lexicons> = LazyLock::new(|| {
    let ranks: WordSet<String> = set(features::MILITARY_RANKS)
        .into_iter()
        .chain(set(RANKS))
        .collect();
    let mut rank_openings: Vec<String> =
        ranks.iter().map(|w| w.chars().take(2).collect()).collect();
    rank_openings.sort_unstable();
    rank_openings.dedup();
    Lexicons {
        first: words(FIRST_NAMES).chain(words(WAW_NAMES)).collect(),
        not_names: words(NOT_NAMES).collect(),
        outlets: OUTLETS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(_, n)| normalize(n.trim())))
            .filter(|n| n.contains(' '))
            .map(|n| format!(" {n} "))
            .collect(),
        alias_cues: set(ALIAS_CUES),
        ranks,
        rank_openings,
        rank_tails: set(RANK_TAILS),
        construct: set(CONSTRUCT_TITLES),
        named_after: set(NAMED_AFTER),
        stops: set(STOPS),
    }
});

/// Whether a normalised word is a known person name (gazetteer or the
/// first-name list), as it stands.
pub(crate) fn is_name_word(norm: &str) -> bool {
    features::is_known_person(norm) || LEX.first.contains(norm)
}

/// Whether a normalised word opens a kunya or nasab ("ابو", "عبد").
fn is_kin(norm: &str) -> bool {
    matches!(norm, "ابو" | "ابي" | "ام" | "ابن" | "بن" | "عبد" | "ال")
}

/// A word with "و"/"ف" glued to a name start ("وعبدالمجيد", "والبغدادي"):
/// a second name joined by a conjunction.
fn is_joined_name(norm: &str) -> bool {
    if is_name_word(norm) {
        return false;
    }
    // Only "و": many names begin with "ف" ("فرهاد", "فيصل").
    norm.strip_prefix('و').is_some_and(|r| {
        r.chars().count() >= 2 && (is_name_word(r) || is_kin(r) || r.starts_with("عبد"))
    })
}

/// An inner word of a person chunk that may start a second name: "و"
/// glued to a word that is not itself a name ("وجون"; not "وليد"), after
/// a name of two words or more ("ساندرا بولوك وجون هام"). After one word
/// it is as often a surname that begins with "و" ("سعد ونوس"). Short words
/// ("ولد") stay.
fn is_split_point(norm: &str) -> bool {
    norm.starts_with('و') && norm.chars().count() >= 4 && !is_name_word(norm)
}

/// Whether `set` holds a normalised word as it stands or without one
/// leading clitic "و"/"ف"/"ل"/"ب" ("واللواء", "لرئيس").
fn in_set_with_clitic(set: &WordSet<String>, norm: &str) -> bool {
    set.contains(norm)
        || norm
            .strip_prefix(['و', 'ف', 'ل', 'ب'])
            .is_some_and(|r| set.contains(r))
}

/// Whether a normalised word (clitics allowed: "واللواء") is a rank.
///
/// It runs on every token of a chunk. Every rank opens with one of
/// `rank_openings` ("ال" for all of them today), which no clitic letter
/// begins: a word is looked up as it stands when it opens with one, else
/// without its clitic when that opens with one, else not at all. The same
/// answer as [`in_set_with_clitic`], with one set look-up at most.
fn is_rank(norm: &str) -> bool {
    let lex = &*LEX;
    let opens = |w: &str| lex.rank_openings.iter().any(|o| w.starts_with(o.as_str()));
    if opens(norm) {
        return lex.ranks.contains(norm)
            || norm
                .strip_prefix(['و', 'ف', 'ل', 'ب'])
                .is_some_and(|r| lex.ranks.contains(r));
    }
    norm.strip_prefix(['و', 'ف', 'ل', 'ب'])
        .is_some_and(|r| opens(r) && lex.ranks.contains(r))
}

/// The tagger's chunks with person chunks reshaped: two person chunks that
/// touch are one name unless the second opens with "و" + name; a person
/// chunk holding "و" + name is two names; a rank followed by untagged name
/// words opens a person chunk. Chunks are (type, start, end) as
/// [`super::tag_chunks`] gives them; `pers` is the person type.
pub(crate) fn reshape(
    piece: &[Token],
    chunks: Vec<(usize, usize, usize)>,
    pers: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(chunks.len());
    for (ty, a, b) in chunks {
        if ty != pers {
            out.push((ty, a, b));
            continue;
        }
        // Split before every inner "و" + name.
        let mut cuts: Vec<usize> = Vec::new();
        for (k, t) in piece.iter().enumerate().take(b).skip(a + 1) {
            let from = cuts.last().copied().unwrap_or(a);
            if is_joined_name(&t.norm) || (k - from >= 2 && is_split_point(&t.norm)) {
                cuts.push(k);
            }
        }
        cuts.push(b);
        let mut from = a;
        for (n, &to) in cuts.iter().enumerate() {
            let glue = n == 0
                && piece[a].kind == TokenKind::Word
                && !is_joined_name(&piece[a].norm)
                && !is_rank(&piece[a].norm)
                && out.last().is_some_and(|l| {
                    l.0 == pers && l.2 == a && unfinished(&piece[l.1..l.2], &piece[a].norm)
                });
            match out.last_mut() {
                Some(last) if glue => last.2 = to,
                _ => out.push((ty, from, to)),
            }
            from = to;
        }
    }
    complete_names(piece, &mut out, pers);
    admit_after_ranks(piece, &mut out, pers);
    admit_appositives(piece, &mut out, pers);
    out
}

/// Whether a token is an opening or closing mark that sets a name off: a
/// comma of an appositive ("مختار الحي، خالد المحاميد،") or a quote.
fn name_mark(t: &Token) -> Option<char> {
    if t.kind != TokenKind::Punct {
        return None;
    }
    match t.norm.as_str() {
        "،" | "," => Some(','),
        "\"" | "«" | "»" | "“" | "”" => Some('"'),
        _ => None,
    }
}

/// Whether an untagged word may be the last word of a name: a word (not a
/// mark, function word, cue word, word never in a name, or "و" + word).
fn may_end_name(t: &Token) -> bool {
    let lex = &*LEX;
    t.kind == TokenKind::Word
        && !lex.stops.contains(&t.norm)
        && !lex.not_names.contains(&t.norm)
        && !lex.alias_cues.contains(&t.norm)
        && cue_bits(&t.norm) & !features::CUE_KIN == 0
        && !is_kin(&t.norm)
        // "و" + word: the next item of a list, a verb, or a joined name.
        && !t.norm.starts_with('و')
}

/// Person chunks completed where the tagger stopped one word short or took
/// one word too many, by the syntax of names in news prose:
/// - a name set off by commas or quotes runs to the closing mark ("،
///   خالد المحاميد،", "\"أبو مصعب العراقي\"");
/// - a lone given name right after a rank or title takes the word after it
///   ("العميد يحيى رسول في"), since a rank is followed by a full name; so
///   does a two-word name after a rank when the next word has the article
///   and ends the phrase ("المختار أحمد الحمد الخلف أمام");
/// - the place of a title is not part of the name after it ("محافظ
///   ديالى مثنى التميمي", "محافظة نينوى عبد الرحمن اللويزي");
/// - a title's name after a place noun is the place's name ("حي الشيخ
///   سعد"): no person.
fn complete_names(piece: &[Token], chunks: &mut Vec<(usize, usize, usize)>, pers: usize) {
    let lex = &*LEX;
    let starts: Vec<usize> = chunks.iter().map(|c| c.1).collect();
    let free = |k: usize| !starts.contains(&k);
    let titled = |i: usize| {
        is_rank(&piece[i].norm)
            || super::is_title(&piece[i].norm)
            // "الرئيس الأميركي دونالد": a nationality after the title.
            || (i > 0
                && piece[i].norm.starts_with("ال")
                && piece[i].norm.ends_with('ي')
                && super::is_title(&piece[i - 1].norm))
    };
    // "حي الشيخ مقصود", "مستشفى الملك فهد", "مركز الملك سلمان": a place
    // or body named after a person.
    chunks.retain(|&(ty, a, _)| {
        !(ty == pers
            && a >= 2
            && (is_rank(&piece[a - 1].norm) || super::is_title(&piece[a - 1].norm))
            && in_set_with_clitic(&lex.named_after, &piece[a - 2].norm))
    });
    for c in chunks.iter_mut().filter(|c| c.0 == pers) {
        // An alias cue ends the name ("حسن المحمد المعروف باسم"), and so
        // does a preposition phrase the tagger ran into ("سلام لانعقاد").
        while c.2 - c.1 > 1 {
            let last = &piece[c.2 - 1].norm;
            // Not "لا…": foreign surnames begin so ("لافروف").
            let phrase = last.starts_with("لل") && !is_name_word(last);
            if !(lex.alias_cues.contains(last) || phrase) {
                break;
            }
            c.2 -= 1;
        }
        let (a, b) = (c.1, c.2);
        // The title's place: the chunk's first word right after a place
        // noun ("محافظة نينوى") when a name start follows it, or a known
        // place after a title ("محافظ ديالى"). Not "X بن Y", a nasab.
        if b - a >= 3 && a > 0 {
            let before = &piece[a - 1].norm;
            let first = &piece[a].norm;
            let next = &piece[a + 1].norm;
            let name_follows = is_name_word(next)
                || matches!(next.as_str(), "ابو" | "عبد")
                || next.starts_with("عبد");
            let after_place_noun = cue_bits(before) & features::CUE_PLACE != 0 && name_follows;
            let titled_place = (in_set_with_clitic(&lex.construct, before)
                || super::is_title(before))
                && features::is_known_place(first)
                && !matches!(next.as_str(), "بن" | "ابن");
            if (after_place_noun || titled_place) && !is_name_word(first) && !is_kin(first) {
                c.1 = a + 1;
            }
        }
        let (a, b) = (c.1, c.2);
        let Some(next) = piece.get(b) else { continue };
        if !may_end_name(next) || !free(b) {
            continue;
        }
        let after = piece.get(b + 1);
        let open = a.checked_sub(1).and_then(|k| name_mark(&piece[k]));
        let enclosed = open.is_some() && after.and_then(name_mark) == open && b + 1 - a <= 4;
        let after_title = a > 0 && titled(a - 1);
        // A lone given name takes a word that reads as a name: not a
        // preposition phrase ("للإغاثة", "بالمنطقة"), a feminine noun or
        // number ("أربعة"), an imperfect verb ("يستقبل") or a letter.
        let w = next.norm.as_str();
        let shaped = w.chars().count() >= 3
            && !w.starts_with("لل")
            && !w.starts_with("لا")
            && !w.starts_with("بال")
            && !w.starts_with("ست")
            && !w.ends_with('ه')
            && (is_name_word(w) || !w.starts_with(['ي', 'ت']));
        // "علي" alone is as often the preposition "على" (folded together).
        let lone_given = after_title
            && b - a == 1
            && is_name_word(&piece[a].norm)
            && piece[a].norm != "علي"
            && shaped;
        // A family name with the article: a nisba ("القحطاني") or a known
        // name, not a noun the verb governs ("لفت … الانتباه").
        let family = after_title
            && b - a == 2
            && w.starts_with("ال")
            && (w.ends_with('ي') || is_name_word(w) || features::is_known_person(w))
            && after.is_none_or(|t| t.kind == TokenKind::Punct || lex.stops.contains(&t.norm));
        if enclosed || lone_given || family {
            c.2 = b + 1;
        }
    }
}

/// Role nouns that head an appositive before a name ("منسق الأمم المتحدة
/// في سوريا، عمران رضا،"), besides the tagger's titles.
const ROLES: &[&str] = &[
    "منسق",
    "منسقة",
    "مبعوث",
    "ممثل",
    "مستشار",
    "متحدث",
    "ناطق",
    "مراسل",
    "مراسلة",
    "قائد",
    "مدير",
    "رئيس",
    "مسؤول",
    "المتحدث",
    "الناطق",
];

/// Whether a word (clitics allowed) is a role or title.
fn is_role(norm: &str) -> bool {
    cue_bits(norm) & CUE_TITLE != 0
        || ROLES.contains(&norm)
        || norm
            .strip_prefix(['و', 'ف', 'ل', 'ب'])
            .is_some_and(|r| ROLES.contains(&r))
}

/// Adds a person chunk for two or three untagged words set off by commas
/// right after a clause that opens with a role ("وكان مدير المركز
/// الإعلامي لقسد، فرهاد شامي، قد أعلن"): Arabic news names an official
/// by role first, then the name between commas.
fn admit_appositives(piece: &[Token], chunks: &mut Vec<(usize, usize, usize)>, pers: usize) {
    let lex = &*LEX;
    let comma = |t: &Token| t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "،" | ",");
    let mut covered = vec![false; piece.len()];
    for &(_, a, b) in chunks.iter() {
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    for (i, t) in piece.iter().enumerate() {
        if !comma(t) {
            continue;
        }
        let a = i + 1;
        let mut b = a;
        while b < piece.len() && b - a < 4 && piece[b].kind == TokenKind::Word {
            b += 1;
        }
        if !(2..=3).contains(&(b - a)) || !piece.get(b).is_some_and(comma) {
            continue;
        }
        let words = &piece[a..b];
        let name_like = words.iter().enumerate().all(|(k, w)| {
            !covered[a + k]
                && !lex.stops.contains(&w.norm)
                && !lex.not_names.contains(&w.norm)
                && cue_bits(&w.norm) & !features::CUE_KIN == 0
                && (k > 0 || !w.norm.starts_with("ال"))
                && !w.norm.starts_with('و')
        });
        // The clause before: back to the previous mark, a role within it.
        let clause_start = piece[..i]
            .iter()
            .rposition(|t| t.kind == TokenKind::Punct)
            .map_or(0, |p| p + 1);
        let role = piece[clause_start..i]
            .iter()
            .take(3)
            .any(|t| is_role(&t.norm));
        // Unknown words must look like names, not feminine nouns ("مهرجان
        // العيد فرحة", "حملة أخيرا") or words with "ل" glued on ("لمدة").
        let shaped = is_name_word(&words[0].norm)
            || words
                .iter()
                .all(|w| !w.norm.ends_with('ه') && !w.norm.starts_with('ل'));
        if name_like && role && shaped && !is_kin(&words[words.len() - 1].norm) {
            added.push((pers, a, b));
        }
    }
    if !added.is_empty() {
        chunks.extend(added);
        chunks.sort_by_key(|c| (c.1, c.2));
    }
}

/// Whether a person chunk stops where a name cannot end: on "ابو"/"بن",
/// as "عبد" + one word ("عبد الأمير", whose bearer's own name follows), or
/// as a kunya ("أبو الحسن") that a nisba may follow ("الهاشمي القرشي").
/// `next` is the first word of the chunk after it.
fn unfinished(run: &[Token], next: &str) -> bool {
    match run {
        [.., last] if is_kin(&last.norm) => true,
        [first, _] if first.norm == "عبد" => true,
        [first, _] => first.norm == "ابو" && next.starts_with("ال"),
        _ => false,
    }
}

/// Adds a person chunk after each rank whose following words the tagger
/// left untagged, when they read as a name: two to four words up to a
/// mark or function word, the first a known name or "ابو"/"عبد".
fn admit_after_ranks(piece: &[Token], chunks: &mut Vec<(usize, usize, usize)>, pers: usize) {
    let lex = &*LEX;
    let mut added = Vec::new();
    let mut covered = vec![false; piece.len()];
    for &(_, a, b) in chunks.iter() {
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    for (i, t) in piece.iter().enumerate() {
        // "مركز الأمير نايف": a body's name, not a person after a rank.
        let named_after = i > 0 && in_set_with_clitic(&lex.named_after, &piece[i - 1].norm);
        if !is_rank(&t.norm) || named_after {
            continue;
        }
        let mut a = i + 1;
        while a < piece.len() && lex.rank_tails.contains(&piece[a].norm) {
            a += 1;
        }
        let mut b = a;
        while b < piece.len() && b - a < 4 {
            let w = &piece[b];
            let name_like = w.kind == TokenKind::Word
                && !covered[b]
                && !w.norm.starts_with("لل")
                && !lex.stops.contains(&w.norm)
                && !lex.not_names.contains(&w.norm)
                && (cue_bits(&w.norm) & !features::CUE_KIN == 0 || is_name_word(&w.norm))
                && !(b > a && (is_joined_name(&w.norm) || w.norm == "علي"));
            if !name_like {
                break;
            }
            b += 1;
        }
        // A kunya's "ابو" or nasab's "بن" never ends a name.
        while b > a && is_kin(&piece[b - 1].norm) {
            b -= 1;
        }
        let first = piece.get(a).map(|t| t.norm.as_str()).unwrap_or("");
        // "الفريق" is also a team and "اللواء" a brigade: "الفريق على
        // النجاح" has the preposition, folded onto the name "علي".
        if first == "علي" && matches!(t.norm.as_str(), "الفريق" | "اللواء") && a == i + 1
        {
            continue;
        }
        // A name after a rank starts with a given name, never with the
        // article ("اللواء الثالث عشر" is a brigade).
        // Two article words read as noun + adjective ("على المدى الطويل").
        let articles = piece[a..b]
            .iter()
            .filter(|t| t.norm.starts_with("ال"))
            .count();
        let opens = articles < 2
            && !first.starts_with("ال")
            && (is_name_word(first) || is_kin(first) || first.starts_with("عبد"));
        if b - a >= 2 && opens {
            added.push((pers, a, b));
        }
    }
    if !added.is_empty() {
        chunks.extend(added);
        chunks.sort_by_key(|c| (c.1, c.2));
    }
}

/// Why a person run (titles already left out) is no name, if it is none:
/// it holds a word never in a name or an outlet's name ("دعم جوي روسي"),
/// an armed actor's alias, it ends in a feminine nisba
/// with the article ("الخيرية"), or it is one word after a construct title
/// that is no known name ("رئيس ديوان") or after an organisation's head
/// noun ("صندوق إيليوت").
pub(crate) fn rejects(run: &[Token], before: Option<&Token>) -> bool {
    let lex = &*LEX;
    let norms: Vec<&str> = run.iter().map(|t| t.norm.as_str()).collect();
    if norms.is_empty() || norms.iter().any(|w| lex.not_names.contains(*w)) {
        return true;
    }
    // Whole words only: "ا ب" (an agency's initials) is inside "ساندرا بولوك".
    let joined = format!(" {} ", norms.join(" "));
    if lex.outlets.iter().any(|o| joined.contains(o.as_str())) {
        return true;
    }
    // An armed actor's alias inside ("عناصر داعش مأوى") is no name.
    if !crate::actors::find_actors("", run).is_empty() {
        return true;
    }
    // Alone, "علي" is as often the preposition "على" (the normaliser folds
    // both onto one form).
    if norms == ["علي"] {
        return true;
    }
    if let [.., last] = norms[..]
        && norms.len() > 1
        && last.starts_with("ال")
        && last.ends_with("يه")
        && !is_name_word(last)
    {
        return true;
    }
    // Motion toward something names a place ("باتجاه وديان زغيتون").
    if before.is_some_and(|b| matches!(b.norm.as_str(), "باتجاه" | "نحو" | "صوب" | "وباتجاه"))
    {
        return true;
    }
    if let ([one], Some(b)) = (&norms[..], before) {
        let construct = in_set_with_clitic(&lex.construct, &b.norm);
        if (construct && !is_name_word(one)) || features::is_org_head(&b.norm) {
            return true;
        }
    }
    false
}

/// Leading words of a person run that are "و" glued to a word that is no
/// name ("وتمنى بلاتر", "ويرى بلاتر"): the verb or noun the tagger took in
/// is left out. Kept when it is a known name ("وليد", "وائل").
pub(crate) fn trim_lead<'a>(run: &'a [Token], before: Option<&Token>) -> &'a [Token] {
    // A nationality with the article before a full name ("الأرجنتيني
    // نيكولاس أوتميندي") describes the person; it is not the name.
    if let [first, second, _, ..] = run
        && first.norm.starts_with("ال")
        && first.norm.ends_with('ي')
        && !second.norm.starts_with("ال")
        && !is_kin(&second.norm)
        && !is_name_word(&first.norm)
    {
        return &run[1..];
    }
    // Only at a clause start: after a word, "و" + word is the next item of
    // a list of names ("تشارلي ميلر وكريس فالاسيك").
    // And only before a verb's prefix ("وتمنى", "ويرى", "وأكد"): "و" + a
    // foreign given name ("وكريس كريستي") is common too.
    let sentence_start =
        before.is_none_or(|t| matches!(t.norm.as_str(), "." | "!" | "?" | ":" | "؟"));
    let verb_like = |w: &str| {
        w.strip_prefix('و')
            .is_some_and(|r| r.starts_with(['ي', 'ت', 'ا', 'ن']) && !r.starts_with("ال"))
    };
    match run {
        [first, rest @ ..]
            if sentence_start
                && verb_like(&first.norm)
                && !rest.is_empty()
                && first.norm.starts_with('و')
                && !is_name_word(&first.norm)
                && !is_joined_name(&first.norm)
                && !first.norm.starts_with("وال")
                && cue_bits(&first.norm) & CUE_TITLE == 0 =>
        {
            rest
        }
        _ => run,
    }
}

/// Gives a shorter person mention the full name of the one longer mention
/// in the body that ends with its words ("الكاظمي" after "مصطفى الكاظمي"),
/// so that one person has one name in the record.
pub(crate) fn link_names(found: &mut [EntityMention]) {
    let names: Vec<String> = found
        .iter()
        .filter(|m| m.kind == super::EntityKind::Person)
        .map(|m| m.name.clone())
        .collect();
    for m in found.iter_mut() {
        if m.kind != super::EntityKind::Person {
            continue;
        }
        let tail = format!(" {}", m.name);
        let mut longer = names.iter().filter(|n| n.ends_with(&tail));
        if let (Some(full), None) = (longer.next(), longer.next()) {
            m.name = full.clone();
        }
    }
}

/// Words that introduce another name of the person just named ("أحمد
/// الخبيل المعروف بـ"أبو خولة"").
const ALIAS_CUES: &[&str] = &[
    "المعروف",
    "المعروفة",
    "الملقب",
    "الملقبة",
    "المكنى",
    "المكناة",
];

/// Gives a person named right after an alias cue that follows another
/// person's name the first one's name: one person, one name in the record.
/// `chars` are the body's characters; mentions are in body order.
pub(crate) fn link_aliases(found: &mut [EntityMention], chars: &[char]) {
    let cues = &LEX.alias_cues;
    for k in 1..found.len() {
        let (head, tail) = found.split_at_mut(k);
        let m = &mut tail[0];
        let Some(prev) = head
            .iter()
            .rev()
            .find(|p| p.kind == super::EntityKind::Person)
        else {
            continue;
        };
        if m.kind != super::EntityKind::Person || prev.end > m.start || m.start - prev.end > 30 {
            continue;
        }
        let between: String = chars[prev.end..m.start].iter().collect();
        let between = normalize(&between);
        let alias = between
            .split(|c: char| !c.is_alphabetic())
            .any(|w| cues.contains(w));
        if alias {
            m.name = prev.name.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::tokens::tokenize;

    #[test]
    fn reject_rules() {
        // (text of the run, word before it, rejected?)
        let cases: &[(&str, &str, bool)] = &[
            ("فيسبوك - تويتر", "", true),
            ("جوي روسي", "دعم", true),
            ("فورين بوليسي", "", true),
            ("ساندرا بولوك", "الصوتي", false),
            ("وديان زغيتون", "باتجاه", true),
            ("محتجون غاضبون", "", true),
            ("حسين ياسين", "", false),
            ("سعدون السعدون", "", false),
            ("فهد الدولي", "الملك", true),
            ("صنداي مورنينغ بوست", "صحيفة", true),
            ("فيصل الخيرية", "الملك", true),
            ("ديوان", "رئيس", true),
            ("كيري", "وقال", false),
            ("على", "رئيسة", true),
            ("عناصر داعش", "", true),
            ("إيليوت", "صندوق", true),
            ("سامر الخطيب", "العقيد", false),
            ("فرهاد شامي", "", false),
            ("هاشمي رفسنجاني", "الرئيس", false),
            ("مظلوم عبدي", "", false),
            ("محمد", "رئيس", false),
            ("الكاظمي", "", false),
        ];
        for &(text, before, want) in cases {
            let run = tokenize(text);
            let b = tokenize(before);
            assert_eq!(rejects(&run, b.first()), want, "{before} | {text}");
        }
    }

    #[test]
    fn leading_conjunction_words() {
        // run → what is left
        let cases: &[(&str, &str)] = &[
            ("وتمنى بلاتر", "بلاتر"),
            ("وليد خالد", "وليد خالد"),
            ("وائل الحسيني", "وائل الحسيني"),
            ("وكريس كريستي", "وكريس كريستي"),
            ("فرهاد شامي", "فرهاد شامي"),
            ("والبغدادي", "والبغدادي"),
            ("وأحمد الخبيل", "وأحمد الخبيل"),
            ("واللواء سعد", "واللواء سعد"),
            ("الأرجنتيني نيكولاس أوتميندي", "نيكولاس أوتميندي"),
            ("البغدادي", "البغدادي"),
        ];
        for &(text, want) in cases {
            let toks = tokenize(text);
            let left = trim_lead(&toks, None);
            let got: Vec<&str> = text.split(' ').skip(toks.len() - left.len()).collect();
            assert_eq!(got.join(" "), want, "{text}");
        }
    }

    #[test]
    fn chunks_reshaped() {
        // text, the tagger's person chunks (token ranges) → reshaped
        type Case = (
            &'static str,
            &'static [(usize, usize)],
            &'static [(usize, usize)],
        );
        let cases: &[Case] = &[
            // one name cut in two
            (
                "الفريق عبد الأمير رشيد يار الله",
                &[(1, 3), (3, 6)],
                &[(1, 6)],
            ),
            // two names joined by "و"
            ("زار خالد وعبدالمجيد المدينة", &[(1, 3)], &[(1, 2), (2, 3)]),
            ("شارك ساندرا بولوك وجون هام", &[(1, 5)], &[(1, 3), (3, 5)]),
            (
                "بايعوا أبو الحسن الهاشمي القرشي",
                &[(1, 3), (3, 5)],
                &[(1, 5)],
            ),
            ("في مسرح سعد ونوس", &[(2, 4)], &[(2, 4)]),
            // chunks that touch, the second a joined name: two people
            (
                "محمد الحسن ومحمد الحسين",
                &[(0, 2), (2, 4)],
                &[(0, 2), (2, 4)],
            ),
            // a rank, then untagged name words
            ("قال اللواء يحيى رسول في تصريح", &[], &[(2, 4)]),
            ("قال اللواء الركن يحيى رسول إن", &[], &[(3, 5)]),
            // a rank before a common noun admits nothing
            ("قال اللواء في تصريح", &[], &[]),
            ("الفريق قادر على تعويض غيابه", &[], &[]),
            ("تخدم الفريق على المدى الطويل", &[], &[]),
            // two complete names side by side stay two
            (
                "شارك خالد الحسن سامر العلي",
                &[(1, 3), (3, 5)],
                &[(1, 3), (3, 5)],
            ),
            // a chunk that is no name start is not glued on
            ("محمد السيد - سبق", &[(0, 2), (2, 4)], &[(0, 2), (2, 4)]),
            ("رصدت قوات اللواء الثالث عشر المجموعة", &[], &[]),
            // a name set off by commas after a role
            (
                "وقال مدير المكتب الإعلامي للمجلس، كاوا حسن، إن",
                &[],
                &[(6, 8)],
            ),
            ("وقال مدير المكتب، في بيان له، إن", &[], &[]),
            ("وأعلنت الوزارة، أمس السبت، أن", &[], &[]),
            ("وقال مدير المهرجان، حملة أخيرا، إن", &[], &[]),
            ("وقال الدكتور فهد، خبير اقتصادي، إن", &[], &[]),
            ("تساعد الفريق على النجاح في الموسم", &[], &[]),
            // a name between commas or quotes runs to the closing mark
            (
                "اغتيل وجيه الحي ، سالم الدرويش ، أمام منزله",
                &[(4, 5)],
                &[(4, 6)],
            ),
            (
                "وأكد المصدر أن القتيل هو \" أبو حمزة الأنصاري \" وهو مسؤول",
                &[(6, 8)],
                &[(6, 9)],
            ),
            // no closing mark: the chunk stays
            ("وقال سالم الدرويش الذي حضر", &[(1, 2)], &[(1, 2)]),
            // a lone given name after a rank takes the next word
            ("وصرح العقيد يوسف حمدان في مؤتمر", &[(2, 3)], &[(2, 4)]),
            // but not a function word or a verb's prefix
            ("وصرح العقيد يوسف في مؤتمر", &[(2, 3)], &[(2, 3)]),
            // a two-word name after a rank takes a family name (a nisba)
            // that ends the phrase, not a noun the verb governs
            (
                "قتل المختار محمود الصالح العبيدي قرب منزله",
                &[(2, 4)],
                &[(2, 5)],
            ),
            (
                "ولفت المتحدث سامي عبدالكريم الانتباه إلى الخطر",
                &[(2, 4)],
                &[(2, 4)],
            ),
            // nor a preposition phrase, a number or a verb
            ("افتتح مركز الأمير نايف للدراسات فرعا", &[(3, 4)], &[]),
            ("استقبل الأمير فيصل أربعة وفود", &[(2, 3)], &[(2, 3)]),
            ("التقى الوزير خالد يستقبل", &[(2, 3)], &[(2, 3)]),
            // a nasab is the name, not a place
            ("أعلن المتحدث مبارك بن محمد الشهري أن", &[(2, 6)], &[(2, 6)]),
            // nor a preposition phrase the tagger ran into
            (
                "حدده رئيس الحكومة سامر نصار للمرة الثانية",
                &[(3, 6)],
                &[(3, 5)],
            ),
            ("التقى الوزير سيرغي لافروف", &[(2, 4)], &[(2, 4)]),
            // an alias cue is not part of the name
            (
                "القيادي سامي الخلف المعروف باسم أبو علي",
                &[(1, 4)],
                &[(1, 3)],
            ),
            // the title's place is not part of the name
            (
                "دعا محافظ كركوك راكان الجبوري إلى الهدوء",
                &[(2, 5)],
                &[(3, 5)],
            ),
            (
                "وقال قائممقام قضاء تلعفر عبد الله الحمداني إن",
                &[(3, 7)],
                &[(4, 7)],
            ),
            // a title's name after a place noun is a place ("حي الشيخ مقصود")
            ("قصفت القوات حي الشيخ مقصود بحلب", &[(4, 5)], &[]),
        ];
        for &(text, tagged, want) in cases {
            let toks = tokenize(text);
            let chunks = tagged.iter().map(|&(a, b)| (1, a, b)).collect();
            let got: Vec<(usize, usize)> = reshape(&toks, chunks, 1)
                .into_iter()
                .map(|(_, a, b)| (a, b))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn aliases_take_the_first_name() {
        // body, the two person spans (chars) → names after linking
        type Case = (&'static str, [(usize, usize); 2], [&'static str; 2]);
        let cases: &[Case] = &[
            (
                "قال أحمد الخبيل المعروف بـ\"أبو خولة\" إن",
                [(4, 15), (27, 35)],
                ["احمد الخبيل", "احمد الخبيل"],
            ),
            (
                "التقى أحمد الخبيل بسامر الحسن",
                [(6, 17), (19, 29)],
                ["احمد الخبيل", "سامر الحسن"],
            ),
        ];
        for (body, spans, want) in cases {
            let chars: Vec<char> = body.chars().collect();
            let mut found: Vec<EntityMention> = spans
                .iter()
                .map(|&(start, end)| EntityMention {
                    start,
                    end,
                    kind: super::super::EntityKind::Person,
                    name: normalize(&chars[start..end].iter().collect::<String>()),
                })
                .collect();
            link_aliases(&mut found, &chars);
            let names: Vec<&str> = found.iter().map(|m| m.name.as_str()).collect();
            assert_eq!(names, want, "{body}");
        }
    }

    #[test]
    fn short_mentions_take_the_full_name() {
        let m = |name: &str| EntityMention {
            start: 0,
            end: 0,
            kind: super::super::EntityKind::Person,
            name: name.to_string(),
        };
        let mut found = vec![m("مصطفي الكاظمي"), m("الكاظمي"), m("يار الله"), m("خالد")];
        link_names(&mut found);
        let names: Vec<&str> = found.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            ["مصطفي الكاظمي", "مصطفي الكاظمي", "يار الله", "خالد"]
        );
    }
}
