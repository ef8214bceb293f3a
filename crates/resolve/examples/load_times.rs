//! Start-up cost of the resolve stage's embedded data: the first call of
//! each finder reads its tables (the gazetteer, the NER model and its
//! lexicons, the actor lexicon). Prints milliseconds per first call, then a
//! second call for contrast.
//!
//! `cargo run --release -p rasid-resolve --example load_times`

use std::time::Instant;

use rasid_resolve::{actors, ner, places};
use rasid_text::tokens::tokenize;

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
}
