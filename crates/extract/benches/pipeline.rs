//! Throughput of the whole per-page pipeline (clean → read → resolve → code
//! events → record → JSON), the work `rasid extract` does for each page.
//!
//! Owns the Criterion benches behind `cargo bench -p rasid-extract`. It
//! measures, it must not tune: no bench may change what the library returns.
//!
//! The sample: the first [`SAMPLE_PAGES`] pages of the first (by name)
//! SaudiNewsNet zip under `../shared/data/saudinewsnet/`, read by Rasid's own
//! reader, so each page is what `rasid extract` sees. A clone without
//! `../shared` falls back to the bundled `examples/` pages (a note says so).
//! Two groups report the same work in MB/s of page text and in pages/s, on
//! one thread and on every core (rayon), so the parallel speed-up is a
//! number too. Before timing, one pass asserts how many records, events and
//! place mentions the sample yields against floors, so a pipeline that
//! silently drops pages cannot look fast.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rasid_extract::extract;
use rasid_ingest::read::{self, Input, Limits};
use rasid_ingest::{Content, Page};
use rayon::prelude::*;

/// Pages of the first zip in the sample (about 6 MB of page text).
const SAMPLE_PAGES: usize = 1000;

/// The first zip under `../shared/data/saudinewsnet/`, or `examples/`.
fn sample_input() -> (PathBuf, bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = root.join("../shared/data/saudinewsnet");
    let mut zips: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "zip"))
                .collect()
        })
        .unwrap_or_default();
    zips.sort();
    match zips.into_iter().next() {
        Some(zip) => (zip, true),
        None => {
            eprintln!(
                "note: ../shared/data/saudinewsnet not found; benchmarking the bundled examples/ pages instead"
            );
            (root.join("examples"), false)
        }
    }
}

fn page_bytes(page: &Page) -> usize {
    match &page.content {
        Content::Text(s) | Content::Html(s) => s.len(),
    }
}

fn bench_pipeline(c: &mut Criterion) {
    let (input, corpus) = sample_input();
    let pages: Vec<Page> = read::read(vec![Input::Path(input.clone())], Limits::default())
        .filter_map(Result::ok)
        .take(SAMPLE_PAGES)
        .collect();
    let bytes: usize = pages.iter().map(page_bytes).sum();
    let records: Vec<_> = pages.par_iter().map(extract).collect();
    let events: usize = records.iter().map(|r| r.events.len()).sum();
    let places: usize = records
        .iter()
        .map(|r| r.mentions.iter().filter(|m| m.kind == "place").count())
        .sum();
    eprintln!(
        "{}: {} pages, {:.2} MB, {events} events, {places} place mentions",
        input.display(),
        pages.len(),
        bytes as f64 / 1e6
    );
    // Floors at about half of what the sample gave when the bench was written
    // (1,000 pages, 6.09 MB: 499 events, 10,207 place mentions).
    if corpus {
        assert_eq!(
            pages.len(),
            SAMPLE_PAGES,
            "fewer pages than the sample needs"
        );
        assert!(
            events >= 250,
            "only {events} events: is the pipeline wired?"
        );
        assert!(
            places >= 4000,
            "only {places} place mentions: is the gazetteer loaded?"
        );
    } else {
        assert!(!pages.is_empty() && events > 0, "examples/ gave no events");
    }

    let one_page = |page: &Page| serde_json::to_vec(&extract(page)).map(|v| v.len());
    for (name, throughput) in [
        ("MB/s", Throughput::Bytes(bytes as u64)),
        ("pages/s", Throughput::Elements(pages.len() as u64)),
    ] {
        let mut group = c.benchmark_group(format!("extract ({name})"));
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .measurement_time(Duration::from_secs(20))
            .throughput(throughput);
        group.bench_function("one thread", |b| {
            b.iter(|| {
                let n: usize = pages.iter().map(|p| one_page(p).unwrap_or(0)).sum();
                black_box(n)
            })
        });
        group.bench_function("all cores", |b| {
            b.iter(|| {
                let n: usize = pages.par_iter().map(|p| one_page(p).unwrap_or(0)).sum();
                black_box(n)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_pipeline);
criterion_main!(benches);
