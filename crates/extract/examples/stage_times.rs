//! Where `rasid extract`'s time goes, stage by stage, on one thread.
//!
//! `cargo run --release -p rasid-extract --example stage_times -- PATH...`
//! reads the inputs, cleans every page, then times each later stage over all
//! bodies (the same calls, in the same order, as `rasid_extract::extract`)
//! and prints seconds and shares. Used for bench/RESULTS.md (issue 4: the
//! mention pass's share; issue 8: where to speed up).

use std::time::{Duration, Instant};

use rasid_ingest::read::{self, Input, Limits};

fn main() {
    let inputs: Vec<Input> = std::env::args().skip(1).map(|a| Input::parse(&a)).collect();
    if inputs.is_empty() {
        eprintln!("usage: stage_times PATH...");
        std::process::exit(2);
    }
    let mut times: Vec<(&str, Duration)> = Vec::new();
    let mut add = |name: &'static str, d: Duration| match times.iter_mut().find(|t| t.0 == name) {
        Some(t) => t.1 += d,
        None => times.push((name, d)),
    };
    let (mut docs, mut bytes) = (0usize, 0usize);
    let t = Instant::now();
    let pages: Vec<_> = read::read(inputs, Limits::default())
        .filter_map(Result::ok)
        .collect();
    add("read", t.elapsed());
    for page in &pages {
        let t = Instant::now();
        let article = rasid_ingest::clean::clean(page);
        add("clean", t.elapsed());
        let body = article.body.as_str();
        let reference = article
            .reference_date
            .as_deref()
            .and_then(|d| d.parse::<jiff::civil::Date>().ok());
        docs += 1;
        bytes += body.len();

        let t = Instant::now();
        let tokens = rasid_text::tokens::tokenize(body);
        let sentences = rasid_text::sentences::sentences(body);
        add("text: tokens+sentences", t.elapsed());
        let t = Instant::now();
        let dates = rasid_text::dates::find_dates(body, reference);
        add("text: dates", t.elapsed());
        let t = Instant::now();
        let counts = rasid_text::counts::find_counts_in(body, &tokens);
        add("text: counts", t.elapsed());
        let t = Instant::now();
        let actors = rasid_resolve::actors::find_actors(body, &tokens);
        add("resolve: actors", t.elapsed());
        let t = Instant::now();
        let entities = rasid_resolve::ner::find_entities_in(body, &tokens, &sentences);
        add("resolve: persons/orgs", t.elapsed());
        let claimed: Vec<(usize, usize)> = actors.iter().map(|a| (a.start, a.end)).collect();
        let t = Instant::now();
        let places = rasid_resolve::places::find_places(body, &tokens, &claimed);
        add("resolve: places", t.elapsed());
        let t = Instant::now();
        let incidents = rasid_events::code_events(&rasid_events::Reading {
            body,
            tokens: &tokens,
            sentences: &sentences,
            places: &places,
            actors: &actors,
            dates: &dates,
            counts: &counts,
            reference_date: reference,
        });
        add("events", t.elapsed());
        std::hint::black_box((entities, incidents));
    }
    let total: Duration = times.iter().map(|t| t.1).sum();
    println!(
        "{docs} documents, {:.1} MB of body text",
        bytes as f64 / 1e6
    );
    for (name, d) in &times {
        println!(
            "{name:<24} {:>8.2} s {:>5.1}%",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!(
        "{:<24} {:>8.2} s",
        "total (one thread)",
        total.as_secs_f64()
    );
}
