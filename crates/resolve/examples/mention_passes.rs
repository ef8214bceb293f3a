//! Time of one mention finder over a corpus, cold and warm.
//!
//! `cargo run --release -p rasid-resolve --example mention_passes --
//! FILE.jsonl [ner|places|actors|none]` runs the finder (`ner` when not
//! named; `none`: nothing, the cost of reading the file)
//! over the `body` of every record of a `rasid extract` output twice in one
//! process: for `ner`, the first pass fills the tagger's per-thread word
//! cache and the second finds every word cached, so the two times split the
//! cost of new words from the cost per token. Prints wall and CPU seconds
//! (CPU time from /proc: less disturbed by a loaded machine than wall time).

use std::time::Instant;

use rasid_resolve::{actors, ner, places};
use rasid_text::sentences::sentences;

/// User + system CPU seconds of this process so far (Linux; 0 elsewhere).
mod common;

fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) close with ')'.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f[11].parse::<f64>().unwrap_or(0.0) + f[12].parse::<f64>().unwrap_or(0.0);
    ticks / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: mention_passes FILE.jsonl [ner|places|actors|none]");
    let stage = args.next().unwrap_or_else(|| "ner".into());
    let (bodies, toks) = common::bodies_and_tokens(&path);
    let sents: Vec<_> = bodies.iter().map(|b| sentences(b)).collect();
    let ntok: usize = toks.iter().map(Vec::len).sum();
    // Tables are read on first use: not part of the passes.
    let _ = ner::find_entities("", &[]);
    let _ = places::find_places("", &[], &[]);
    let _ = actors::find_actors("", &[]);
    for pass in ["cold", "warm"] {
        let (t, c) = (Instant::now(), cpu_seconds());
        let mut found = 0;
        for ((b, t), s) in bodies.iter().zip(&toks).zip(&sents) {
            found += match stage.as_str() {
                "places" => places::find_places(b, t, &[]).len(),
                "actors" => actors::find_actors(b, t).len(),
                "none" => 0,
                _ => ner::find_entities_in(b, t, s).len(),
            };
        }
        let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - c);
        println!(
            "{stage} {pass}: {} bodies, {ntok} tokens, {found} mentions: {wall:.3} s wall, {cpu:.2} s CPU, {:.0} ns/token",
            bodies.len(),
            wall * 1e9 / ntok as f64
        );
    }
}
