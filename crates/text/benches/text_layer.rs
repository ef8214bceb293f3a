//! Throughput of Rasid's Arabic text layer on real news prose.
//!
//! Owns the Criterion benches behind `cargo bench -p rasid-text`: normalisation
//! and tokenisation (MB/s), then the readers built on them (`find_numbers`,
//! `find_dates`, `find_counts`). It measures, it must not tune: no bench may
//! change what the library returns.
//!
//! The sample is fixed and deterministic: the first [`SAMPLE_ARTICLES`]
//! articles with a body in the first (by name) SaudiNewsNet zip under
//! `../shared/data/saudinewsnet/`; `find_dates` resolves against each
//! article's `date_extracted` day. A clone without `../shared` falls back to
//! the bundled `examples/` text pages (a note says so), so the bench still runs.
//!
//! Each bench first runs its function once over the whole sample and asserts
//! the number of items found against a floor (items per MB of text, set at
//! about half of what the function found when the bench was written), so a
//! broken corpus reader or a reader that silently finds nothing cannot look
//! fast. The counts are printed; only benches the filter selects run.

use std::fs::File;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use jiff::civil::Date;
use rasid_text::counts::find_counts;
use rasid_text::dates::find_dates;
use rasid_text::normalize::Normalized;
use rasid_text::numbers::find_numbers;
use rasid_text::tokens::tokenize;

/// How many articles of the first zip make the sample (8.8 MB of text).
const SAMPLE_ARTICLES: usize = 2000;

/// One article body and the day it is read against.
struct Article {
    body: String,
    reference: Option<Date>,
}

/// The texts every bench runs over.
struct Sample {
    articles: Vec<Article>,
    /// UTF-8 bytes of all bodies together.
    bytes: u64,
    /// True for the SaudiNewsNet sample, false for the `examples/` fallback.
    corpus: bool,
}

impl Sample {
    fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1e6
    }

    /// Runs `count` once over every article and checks the total against
    /// `per_mb` items per MB (corpus sample) or at least one (fallback).
    fn assert_finds(&self, what: &str, per_mb: f64, count: impl Fn(&Article) -> usize) {
        let found: usize = self.articles.iter().map(count).sum();
        let floor = if self.corpus {
            (per_mb * self.megabytes()) as usize
        } else {
            1
        };
        eprintln!(
            "{what}: {found} items in {} articles ({:.2} MB), floor {floor}",
            self.articles.len(),
            self.megabytes()
        );
        assert!(
            found >= floor,
            "{what} found {found} items, expected at least {floor}: is the sample read right?"
        );
    }
}

/// The `shared/` folder beside the repository root, found by walking up
/// from this crate.
fn shared_dir() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared"))
        .find(|s| s.join("data/saudinewsnet").is_dir())
}

/// The first `n` articles with a non-empty body in the first zip of `dir`.
fn corpus_sample(dir: &Path, n: usize) -> Result<Vec<Article>, String> {
    let mut zips: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    let first = zips
        .first()
        .ok_or_else(|| format!("{}: no zip", dir.display()))?;
    let file = File::open(first).map_err(|e| format!("{}: {e}", first.display()))?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| format!("{}: {e}", first.display()))?;
    let mut articles = Vec::with_capacity(n);
    // Entries in archive order; each holds a JSON array of article records.
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("{} #{i}: {e}", first.display()))?;
        let name = entry
            .name()
            .map_err(|e| format!("{} #{i}: {e}", first.display()))?
            .into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let mut text = String::new();
        entry
            .read_to_string(&mut text)
            .map_err(|e| format!("{}/{name}: {e}", first.display()))?;
        let records: Vec<serde_json::Value> =
            serde_json::from_str(&text).map_err(|e| format!("{}/{name}: {e}", first.display()))?;
        for r in records {
            let body = r["content"].as_str().unwrap_or("").trim();
            if body.is_empty() {
                continue;
            }
            // "2015-07-21 02:51:32": the day is the first ten characters.
            let reference = r["date_extracted"]
                .as_str()
                .and_then(|d| d.get(..10))
                .and_then(|d| d.parse::<Date>().ok());
            articles.push(Article {
                body: body.to_string(),
                reference,
            });
            if articles.len() == n {
                return Ok(articles);
            }
        }
    }
    Ok(articles)
}

/// Every `.txt` page under the repository's `examples/`, in path order.
fn examples_sample() -> Vec<Article> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths.sort();
    // Pages in windows-1256 are not UTF-8: skip them rather than decode here.
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|body| Article {
            body,
            reference: Date::new(2020, 1, 1).ok(),
        })
        .collect()
}

fn load_sample() -> Sample {
    let n = std::env::var("RASID_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SAMPLE_ARTICLES);
    let corpus = match shared_dir() {
        Some(shared) => {
            let dir = shared.join("data/saudinewsnet");
            let articles = corpus_sample(&dir, n).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                articles.len(),
                n,
                "{}: fewer articles than the sample needs",
                dir.display()
            );
            Some(articles)
        }
        None => {
            eprintln!(
                "note: ../shared/data/saudinewsnet not found; benchmarking the bundled examples/ pages instead"
            );
            None
        }
    };
    let (articles, corpus) = match corpus {
        Some(a) => (a, true),
        None => (examples_sample(), false),
    };
    assert!(!articles.is_empty(), "no text to benchmark");
    let bytes = articles.iter().map(|a| a.body.len() as u64).sum();
    let sample = Sample {
        articles,
        bytes,
        corpus,
    };
    eprintln!(
        "sample: {} articles, {:.2} MB ({})",
        sample.articles.len(),
        sample.megabytes(),
        if corpus { "SaudiNewsNet" } else { "examples/" }
    );
    sample
}

/// Benches `run` over every article of the sample as `name` in `g`. The first
/// time Criterion calls in (only when the filter selects this bench), `run`
/// goes once over the sample and its item count is checked against
/// `per_mb` items per MB of text before any timing.
fn bench_items(
    g: &mut BenchmarkGroup<'_, WallTime>,
    s: &Sample,
    name: &str,
    per_mb: f64,
    run: impl Fn(&Article) -> usize,
) {
    let mut checked = false;
    g.bench_function(name, |b| {
        if !checked {
            s.assert_finds(name, per_mb, &run);
            checked = true;
        }
        b.iter(|| {
            for a in &s.articles {
                black_box(run(black_box(a)));
            }
        })
    });
}

/// A group over the whole sample, sampled flat (one pass is 0.1–3 s).
fn group<'a>(
    c: &'a mut Criterion,
    s: &Sample,
    name: &str,
    secs: u64,
) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(s.bytes))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(secs));
    g
}

/// Floors in items per MB of the SaudiNewsNet sample, about half of what
/// each function found on it when these benches were written (2026-11):
/// 549k characters, 105k tokens, 1.9k numbers, 590 dates, 136 counts per MB.
const CHARS_PER_MB: f64 = 270_000.0;
const TOKENS_PER_MB: f64 = 50_000.0;
const NUMBERS_PER_MB: f64 = 950.0;
const DATES_PER_MB: f64 = 290.0;
const COUNTS_PER_MB: f64 = 68.0;

/// Normalisation and tokenisation: the work every reader starts with.
fn bench_normalize_tokenize(c: &mut Criterion, s: &Sample) {
    let mut g = group(c, s, "text", 8);
    bench_items(&mut g, s, "Normalized::new", CHARS_PER_MB, |a| {
        Normalized::new(&a.body).len()
    });
    bench_items(&mut g, s, "tokenize", TOKENS_PER_MB, |a| {
        tokenize(&a.body).len()
    });
    g.finish();
}

/// The readers that run on every body: numbers, dates, counts.
fn bench_readers(c: &mut Criterion, s: &Sample) {
    let mut g = group(c, s, "readers", 10);
    bench_items(&mut g, s, "find_numbers", NUMBERS_PER_MB, |a| {
        find_numbers(&a.body).len()
    });
    bench_items(&mut g, s, "find_dates", DATES_PER_MB, |a| {
        find_dates(&a.body, a.reference).len()
    });
    bench_items(&mut g, s, "find_counts", COUNTS_PER_MB, |a| {
        find_counts(&a.body).len()
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let sample = load_sample();
    bench_normalize_tokenize(c, &sample);
    bench_readers(c, &sample);
}

criterion_group!(text_layer, benches);
criterion_main!(text_layer);
