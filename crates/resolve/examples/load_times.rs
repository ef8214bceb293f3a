//! Start-up cost of the resolve stage's embedded data, and the cost of each
//! finder over a corpus.
//!
//! `cargo run --release -p rasid-resolve --example load_times` times the
//! first call of each finder (it reads its tables: the gazetteer, the NER
//! model and its lexicons, the actor lexicon), then a second for contrast.
//!
//! `… --example load_times -- FILE.jsonl [actors|ner|places|none]` then runs
//! that finder (all when not named; `none`: tokenising only) over the
//! `body` of every record of a `rasid extract` output, and prints seconds:
//! run it under `perf stat -e cycles:u` for a count that a loaded machine
//! disturbs less than wall time.

use std::time::Instant;

use rasid_resolve::{actors, ner, places};
use rasid_text::tokens::tokenize;

mod common;

fn main() {
    let text = "قال مصدر إن اشتباكات اندلعت في ريف حلب الشمالي أمس.";
    let toks = tokenize(text);
    for round in ["first call", "second call"] {
        let t = Instant::now();
        let p = places::find_places(text, &toks, &[]);
        let places_ms = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let e = ner::find_entities(text, &toks);
        let ner_ms = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let a = actors::find_actors(text, &toks);
        let actors_ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "{round}: places {places_ms:.2} ms, persons/orgs {ner_ms:.2} ms, actors {actors_ms:.2} ms ({} {} {})",
            p.len(),
            e.len(),
            a.len()
        );
    }
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else { return };
    let stage = args.next().unwrap_or_else(|| "all".into());
    let (bodies, toks) = common::bodies_and_tokens(&path);
    let (mut ta, mut tn, mut tp) = (0.0, 0.0, 0.0);
    let mut found = 0;
    for (b, t) in bodies.iter().zip(&toks) {
        let mut claimed = Vec::new();
        if stage == "all" || stage == "actors" {
            let s = Instant::now();
            let a = actors::find_actors(b, t);
            ta += s.elapsed().as_secs_f64();
            claimed = a.iter().map(|a| (a.start, a.end)).collect();
            found += a.len();
        }
        if stage == "all" || stage == "ner" {
            let s = Instant::now();
            found += ner::find_entities(b, t).len();
            tn += s.elapsed().as_secs_f64();
        }
        if stage == "all" || stage == "places" {
            let s = Instant::now();
            found += places::find_places(b, t, &claimed).len();
            tp += s.elapsed().as_secs_f64();
        }
    }
    println!(
        "{} bodies, {found} mentions: actors {ta:.3} s, persons/orgs {tn:.3} s, places {tp:.3} s",
        bodies.len()
    );
}
