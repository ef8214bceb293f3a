//! People and organisations: a sequence tagger trained on ANERcorp.
//!
//! Owns the tagger (features, training, decoding), its embedded model
//! (`data/models/`), and turning tags over a body's tokens into person and
//! organisation mentions with normalised names. It must not resolve places
//! or armed actors.
//!
//! The tagger is an averaged structured perceptron over hashed features
//! ([`features`]) with Viterbi decoding under BIO constraints ([`model`]),
//! trained by `cargo run --release -p rasid-resolve --bin train-ner` (see
//! `data/models/README.md`). It tags ANERcorp's four types (PERS, LOC, ORG,
//! MISC); [`find_entities`] keeps persons and organisations.
//!
//! ANERcorp's tokens match ours: clitics stay on the word ("وحزب"),
//! punctuation is one token per mark, and the tagger reads the normalised
//! form of both. Its sentences end at "." tokens; a body's come from
//! `rasid_text::sentences`. Out of ANERcorp's 2000s newswire domain the raw
//! tags are noisy, so [`find_entities`] filters them (see `mention` and
//! `keep_supported`) and [`score`] holds the CoNLL scorer used to tune it
//! on dev (`rasid ner --score FILE`).

pub mod features;
pub mod model;
mod persons;
pub mod score;
pub mod train;

use std::sync::LazyLock;

use rasid_text::sentences::{SentenceSpan, sentences};
use rasid_text::tokens::{Token, TokenKind};

pub use model::{Model, TAGS};

/// The embedded model (`data/models/ner-anercorp.bin.gz`).
const MODEL_BYTES: &[u8] = include_bytes!("../../../../data/models/ner-anercorp.bin.gz");

/// The embedded model, read on first use (`None` when the build has none).
pub static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| {
    if MODEL_BYTES.is_empty() {
        return None;
    }
    Some(Model::from_bytes(MODEL_BYTES).expect("embedded NER model is valid"))
});

/// Sentences longer than this are tagged in pieces (bounds Viterbi's work).
const MAX_SENTENCE: usize = 200;

/// What an entity mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (not an armed actor of the actor table).
    Org,
}

/// A person or organisation named in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    /// Code-point offset of the mention's start in the body.
    pub start: usize,
    /// Code-point offset after its end.
    pub end: usize,
    /// Person or organisation.
    pub kind: EntityKind,
    /// The normalised name (titles such as "العقيد" left out).
    pub name: String,
}

/// Tags a sentence of normalised words with the embedded model (tag names
/// of [`TAGS`]); all `O` when the build carries no model.
pub fn tag_words(words: &[&str]) -> Vec<&'static str> {
    match &*MODEL {
        Some(m) => m.tag(words).into_iter().map(|t| TAGS[t]).collect(),
        None => vec!["O"; words.len()],
    }
}

/// A token-per-line file tagged by [`tag_conll`].
#[derive(Debug, Clone)]
pub struct TaggedFile {
    /// `token<TAB>tag` lines; a blank line wherever the input had one.
    pub output: String,
    /// CoNLL entity scores against the file's own tags, when it has them.
    pub score: Option<score::Score>,
}

/// Tags a token-per-line file (`token [TAG]`, see [`train::read_conll`])
/// with the embedded model.
pub fn tag_conll(text: &str) -> TaggedFile {
    let sents = train::read_conll(text);
    let pred: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| {
            let norms = s.normalized();
            let words: Vec<&str> = norms.iter().map(String::as_str).collect();
            tag_words(&words)
        })
        .collect();
    let mut output = String::with_capacity(text.len() + text.len() / 4);
    for (s, tags) in sents.iter().zip(&pred) {
        for (tok, tag) in s.tokens.iter().zip(tags) {
            output.push_str(tok);
            output.push('\t');
            output.push_str(tag);
            output.push('\n');
        }
        if s.blank_after {
            output.push('\n');
        }
    }
    let score = sents.iter().all(|s| s.tags.is_some()).then(|| {
        let gold: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.tags.iter().flatten().map(String::as_str).collect())
            .collect();
        score::score(&gold, &pred)
    });
    TaggedFile { output, score }
}

/// Every person and organisation named in `body` (whose tokens are `tokens`).
pub fn find_entities(body: &str, tokens: &[Token]) -> Vec<EntityMention> {
    find_entities_in(body, tokens, &sentences(body))
}

/// [`find_entities`] with the body's sentences already split (the pipeline
/// has them), so the body is not split twice.
pub fn find_entities_in(
    body: &str,
    tokens: &[Token],
    sentences: &[SentenceSpan],
) -> Vec<EntityMention> {
    let Some(model) = &*MODEL else {
        return Vec::new();
    };
    let mut out: Vec<(EntityMention, bool)> = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    for s in sentences {
        while i < tokens.len() && tokens[i].start < s.start {
            i += 1;
        }
        let first = i;
        while i < tokens.len() && tokens[i].end <= s.end {
            i += 1;
        }
        for piece in tokens[first..i].chunks(MAX_SENTENCE) {
            words.clear();
            words.extend(piece.iter().map(|t| t.norm.as_str()));
            let tags = model.tag(&words);
            for (ty, a, b) in persons::reshape(piece, tag_chunks(&tags), PERS_TYPE) {
                let kind = match TAGS[ty * 2 - 1] {
                    "B-PERS" => EntityKind::Person,
                    "B-ORG" => EntityKind::Org,
                    _ => continue,
                };
                let before = a.checked_sub(1).map(|k| &piece[k]);
                let Some(m) = mention(&piece[a..b], before, kind) else {
                    continue;
                };
                if kind == EntityKind::Person && m.name.split(' ').count() == 1 {
                    if chars.is_empty() {
                        chars = body.chars().collect();
                    }
                    if has_tanween(&chars[m.start..m.end]) {
                        continue;
                    }
                }
                let supported = match kind {
                    EntityKind::Person => {
                        is_title(&piece[a].norm) || before.is_some_and(|t| is_title(&t.norm))
                    }
                    // Not the gazetteer: its one-word names ("الجزيرة") are
                    // often places too, and organisations claim their span.
                    EntityKind::Org => before.is_some_and(|t| features::is_org_head(&t.norm)),
                };
                out.push((m, supported));
            }
        }
    }
    let mut found = keep_supported(out);
    persons::link_names(&mut found);
    if found.len() > 1 {
        if chars.is_empty() {
            chars = body.chars().collect();
        }
        persons::link_aliases(&mut found, &chars);
    }
    found
}

/// The chunk type of persons (`TAGS[2 * PERS_TYPE - 1]` is "B-PERS").
const PERS_TYPE: usize = 1;

/// The entity chunks of a tag sequence (indices into [`TAGS`]) as (type,
/// start, end), type `k` being that of `TAGS[2k - 1]`: what
/// [`score::chunks`] finds in the tags' names, without building strings.
fn tag_chunks(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        // Tags pair up as (B-X, I-X) = (2k-1, 2k); 0 is `O`.
        let ty = t.div_ceil(2);
        let inside = t != 0 && t % 2 == 0;
        if inside && open.is_some_and(|(o, _)| o == ty) {
            continue;
        }
        if let Some((o, a)) = open.take() {
            out.push((o, a, i));
        }
        if t != 0 {
            open = Some((ty, i));
        }
    }
    if let Some((o, a)) = open {
        out.push((o, a, tags.len()));
    }
    out
}

/// Keeps multi-word mentions, and one-word mentions that something backs:
/// a title or head noun ("صحيفة", "وكالة") before it (the `bool`), or a longer mention
/// of the same kind in the body that contains the word ("بايدن" after "جو
/// بايدن"). Out of ANERcorp's domain, lone words the tagger calls names are
/// mostly common words ("ناشطون") or places.
fn keep_supported(found: Vec<(EntityMention, bool)>) -> Vec<EntityMention> {
    let words_of_longer: Vec<(EntityKind, &str)> = found
        .iter()
        .filter(|(m, _)| m.name.contains(' '))
        .flat_map(|(m, _)| m.name.split(' ').map(move |w| (m.kind, w)))
        .collect();
    let keep: Vec<bool> = found
        .iter()
        .map(|(m, backed)| {
            *backed || m.name.contains(' ') || words_of_longer.contains(&(m.kind, m.name.as_str()))
        })
        .collect();
    found
        .into_iter()
        .zip(keep)
        .filter_map(|((m, _), k)| k.then_some(m))
        .collect()
}

/// Words that only continue a title ("المتحدث باسم", "الأمين العام").
const TITLE_TAILS: &[&str] = &["باسم", "العام", "الركن", "السابق", "المزعوم"];

/// Whether a normalised word is a title or role (with or without clitics).
fn is_title(norm: &str) -> bool {
    features::cue_bits(norm) & features::CUE_TITLE != 0
}

/// Whether a word carries tanween (ً ٌ ٍ): an adverb or indefinite noun
/// ("خافياً"), never a name.
fn has_tanween(word: &[char]) -> bool {
    word.iter()
        .any(|c| matches!(c, '\u{064B}' | '\u{064C}' | '\u{064D}'))
}

/// The mention of a tagged run of tokens (`before`: the token before it):
/// titles and edge punctuation left out of persons, a conjunction or
/// preposition left out of the name. A "person" after a place noun
/// ("محافظة نينوى"), with a place noun, a weekday or a plural noun for
/// unnamed people inside it ("مارع بريف", "صباح الخميس", "ويرى ناشطون")
/// is no person.
fn mention(run: &[Token], before: Option<&Token>, kind: EntityKind) -> Option<EntityMention> {
    use features::{CUE_GROUP, CUE_PLACE, CUE_TIME, cue_bits};
    if kind == EntityKind::Person {
        let place_before = before.is_some_and(|t| cue_bits(&t.norm) & CUE_PLACE != 0);
        let odd_inside = run.iter().enumerate().any(|(k, t)| {
            cue_bits(&t.norm) & (CUE_TIME | CUE_GROUP | if k > 0 { CUE_PLACE } else { 0 }) != 0
        });
        // Feminine nisba adjectives in a row ("حربية روسية") describe a
        // thing, not a person.
        let adjectives = run.len() > 1 && run.iter().all(|t| t.norm.ends_with("يه"));
        if place_before || odd_inside || adjectives {
            return None;
        }
    }
    let mut run = run;
    let mut before = before;
    while let [t, rest @ ..] = run {
        let drop = t.kind == TokenKind::Punct
            || (kind == EntityKind::Person
                && (is_title(&t.norm) || TITLE_TAILS.contains(&t.norm.as_str())));
        if !drop || rest.is_empty() {
            break;
        }
        run = rest;
        before = Some(t);
    }
    while let [rest @ .., t] = run {
        if t.kind != TokenKind::Punct || rest.is_empty() {
            break;
        }
        run = rest;
    }
    if kind == EntityKind::Person {
        run = persons::trim_lead(run, before);
        if persons::rejects(run, before) {
            return None;
        }
    }
    let [first, ..] = run else { return None };
    let last = &run[run.len() - 1];
    if first.kind == TokenKind::Punct
        || (kind == EntityKind::Person && is_title(&first.norm) && run.len() == 1)
    {
        return None;
    }
    let mut words: Vec<&str> = run.iter().map(|t| t.norm.as_str()).collect();
    let lead = strip_clitic(words[0], kind);
    words[0] = lead;
    Some(EntityMention {
        start: first.start,
        end: last.end,
        kind,
        name: words.join(" "),
    })
}

/// The first word of a name without a conjunction or preposition glued to
/// it ("والبغدادي" → "البغدادي", "لابو" → "ابو"), when the rest reads as a
/// name start: it has the article, is a kinship word, a known person name
/// or (organisations) a head noun such as "حزب".
fn strip_clitic(word: &str, kind: EntityKind) -> &str {
    // "لل" + noun is "ل" + "ال" with the article's alef dropped: no slice of
    // the word reads as the name, so it stays whole.
    if features::is_known_person(word) || word.starts_with("لل") {
        return word;
    }
    let reads_as_start = |rest: &str| {
        rest.chars().count() >= 2
            && (rest.starts_with("ال")
                || matches!(rest, "ابو" | "ابي" | "ام" | "ابن" | "عبد" | "بن")
                || (kind == EntityKind::Person && features::is_known_person(rest))
                || (kind == EntityKind::Org && features::is_org_head(rest)))
    };
    let mut rest = word;
    for clitics in [&['و', 'ف'][..], &['ب', 'ل', 'ك'][..]] {
        if let Some(r) = rest.strip_prefix(clitics)
            && reads_as_start(r)
        {
            rest = r;
        }
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::tokens::tokenize;

    #[test]
    fn tag_chunks_are_the_scorer_chunks() {
        // Every sequence of four tags, I-X after anything included.
        for code in 0..model::NTAGS.pow(4) {
            let tags: Vec<usize> = (0..4)
                .map(|k| code / model::NTAGS.pow(k) % model::NTAGS)
                .collect();
            let names: Vec<&str> = tags.iter().map(|&t| TAGS[t]).collect();
            let want: Vec<(String, usize, usize)> = score::chunks(&names);
            let got: Vec<(String, usize, usize)> = tag_chunks(&tags)
                .into_iter()
                .map(|(ty, a, b)| (TAGS[2 * ty - 1][2..].to_string(), a, b))
                .collect();
            assert_eq!(got, want, "{names:?}");
        }
    }

    #[test]
    fn clitics_left_out_of_names() {
        // (word, kind) → name start
        let cases: &[(&str, EntityKind, &str)] = &[
            ("والبغدادي", EntityKind::Person, "البغدادي"),
            ("لابو", EntityKind::Person, "ابو"),
            ("وليد", EntityKind::Person, "وليد"),
            ("محمد", EntityKind::Person, "محمد"),
            ("وحزب", EntityKind::Org, "حزب"),
        ];
        for &(w, k, want) in cases {
            assert_eq!(strip_clitic(w, k), want, "{w}");
        }
    }

    #[test]
    fn titles_left_out_of_person_names() {
        // tagged text → name
        let cases: &[(&str, &str)] = &[
            ("العقيد سامر الخطيب", "سامر الخطيب"),
            ("المتحدث باسم", ""),
            ("الشيخ أبو محمد الجولاني", "ابو محمد الجولاني"),
            ("ووزير الدفاع", ""),
            ("مارع بريف", ""),
            ("صباح الخميس", ""),
            ("حربية روسية", ""),
            ("ويرى ناشطون", ""),
        ];
        for &(text, want) in cases {
            let toks = tokenize(text);
            let got = mention(&toks, None, EntityKind::Person).map(|m| m.name);
            let got = got.unwrap_or_default();
            // A run of titles only ("ووزير الدفاع") keeps its last word at most.
            if want.is_empty() {
                assert!(!got.contains(' '), "{text}: {got}");
            } else {
                assert_eq!(got, want, "{text}");
            }
        }
    }
}

#[cfg(test)]
mod domain_tests {
    use super::*;
    use rasid_text::tokens::tokenize;

    #[test]
    fn persons_in_news_prose() {
        // sentence (own words) → person names found
        let cases: &[(&str, &[&str])] = &[
            (
                "أعلن المتحدث باسم قيادة العمليات المشتركة اللواء تحسين الخفاجي مقتل خمسة مسلحين في كمين.",
                &["تحسين الخفاجي"],
            ),
            (
                "ظهر أبو بكر البغدادي في تسجيل مصور جديد دعا فيه أنصاره إلى مواصلة القتال.",
                &["ابو بكر البغدادي"],
            ),
            (
                "وقال أبو محمد الجولاني في كلمة مسجلة إن الهدنة لن تصمد طويلا.",
                &["ابو محمد الجولاني"],
            ),
            (
                "التقى الرئيس السوري بشار الأسد وفدا روسيا في دمشق أمس.",
                &["بشار الاسد"],
            ),
            (
                "وأفاد ناشطون بأن القصف طال أحياء سكنية في بلدة سراقب صباح الخميس.",
                &[],
            ),
            ("", &[]),
            ("... ، ؟", &[]),
        ];
        let mut wrong = Vec::new();
        for &(text, want) in cases {
            let toks = tokenize(text);
            let got: Vec<String> = find_entities(text, &toks)
                .into_iter()
                .filter(|m| m.kind == EntityKind::Person)
                .map(|m| m.name)
                .collect();
            if got != want {
                wrong.push(format!("{text}\n  got {got:?}, want {want:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn spans_slice_the_body_to_the_name() {
        // A long run-on text (tagged in pieces) with diacritics and a
        // conjunction glued to the name: spans are code points into it.
        let body = "وقالَ الرئيسُ بشار الأسد ".repeat(120) + "وأبو محمد الجولاني.";
        let toks = tokenize(&body);
        let chars: Vec<char> = body.chars().collect();
        let found = find_entities(&body, &toks);
        assert!(!found.is_empty());
        for m in &found {
            let text: String = chars[m.start..m.end].iter().collect();
            let norm = rasid_text::normalize::normalize(&text);
            assert!(
                norm.ends_with(&m.name) || norm.contains(&m.name),
                "{text} / {}",
                m.name
            );
        }
    }
}

#[cfg(test)]
mod bench {
    use super::*;
    use rasid_text::tokens::tokenize;

    /// Times `find_entities` over the bodies of a JSONL file of records
    /// (`RASID_NER_BENCH=out.jsonl cargo test --release -p rasid-resolve
    /// ner::bench -- --ignored --nocapture`).
    #[test]
    #[ignore = "a timing run over a corpus named by RASID_NER_BENCH"]
    fn find_entities_speed() {
        let Some(path) = std::env::var_os("RASID_NER_BENCH") else {
            eprintln!("note: set RASID_NER_BENCH to a JSONL file with `body` fields");
            return;
        };
        let text = std::fs::read_to_string(path).expect("bench file");
        let bodies: Vec<String> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["body"].as_str().map(str::to_string))
            .collect();
        let toks: Vec<Vec<Token>> = bodies.iter().map(|b| tokenize(b)).collect();
        let _ = &*MODEL;
        let t0 = std::time::Instant::now();
        let mut found = 0;
        for (b, t) in bodies.iter().zip(&toks) {
            found += find_entities(b, t).len();
        }
        let secs = t0.elapsed().as_secs_f64();
        let ntok: usize = toks.iter().map(Vec::len).sum();
        eprintln!(
            "{} bodies, {ntok} tokens, {found} mentions: {secs:.2}s, {:.0} tokens/s",
            bodies.len(),
            ntok as f64 / secs
        );
        assert!(found > 0);
    }
}

#[cfg(test)]
mod dev_score {
    use super::*;
    use std::path::{Path, PathBuf};

    /// `../shared/data/anercorp/dev.txt` beside the repository, if present.
    fn anercorp_dev() -> Option<PathBuf> {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .filter_map(|a| a.parent())
            .map(|p| p.join("shared/data/anercorp/dev.txt"))
            .find(|p| p.is_file())
    }

    /// The embedded model on ANERcorp dev (entity-level F1, all four types)
    /// stays near what was measured when it was trained (70.9, see
    /// `data/models/README.md`).
    #[test]
    fn embedded_model_scores_on_anercorp_dev() {
        let Some(path) = anercorp_dev() else {
            eprintln!("note: ../shared/data/anercorp/dev.txt absent; skipping the dev score test");
            return;
        };
        let text = std::fs::read_to_string(&path).expect("dev.txt readable");
        let tagged = tag_conll(&text);
        let sc = tagged.score.expect("dev.txt has tags");
        eprintln!("{sc}");
        let f1 = sc.overall().f1();
        assert!(f1 > 0.69, "dev F1 {f1:.4} under the floor 0.69");
        let pers = sc.by_type["PERS"].f1();
        assert!(pers > 0.66, "dev PERS F1 {pers:.4} under the floor 0.66");
    }
}
