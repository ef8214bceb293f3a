//! Search latency over a built store (`bench/store/run.sh` builds one from
//! the SaudiNewsNet corpus): each query of [`QUERIES`] is run [`ROUNDS`]
//! times with `limit 10`; prints p50/p99/max, the hits, and the
//! near-duplicate groups (count, and the titles of a few to check by hand).
//!
//! The store is `$RASID_BENCH_STORE` (default `target/bench-store`); without
//! one the bench prints a note and passes.

use rasid_store::Store;
use std::path::PathBuf;
use std::time::Instant;

/// Queries a reader of Saudi news in 2015 would type: places, actors,
/// institutions, topics; single words and phrases, with and without the
/// article, one with harakat and one hashtag.
const QUERIES: &[&str] = &[
    "داعش",
    "#داعش",
    "دَاعِش",
    "تنظيم الدولة",
    "الحوثيين",
    "اليمن",
    "صنعاء",
    "عدن",
    "التحالف",
    "عاصفة الحزم",
    "سوريا",
    "العراق",
    "الموصل",
    "إيران",
    "الاتفاق النووي",
    "الكويت",
    "تفجير",
    "مسجد",
    "انتحاري",
    "القطيف",
    "الرياض",
    "جدة",
    "مكة المكرمة",
    "المدينة المنورة",
    "الحج",
    "الدفاع المدني",
    "حريق",
    "حادث مروري",
    "وزارة الصحة",
    "كورونا",
    "أسعار النفط",
    "سوق الأسهم",
    "الهلال",
    "النصر",
    "كأس",
    "وزارة التعليم",
    "الجامعة",
    "الملك سلمان",
    "ولي العهد",
    "مجلس الوزراء",
];
const ROUNDS: usize = 5;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let dir = std::env::var_os("RASID_BENCH_STORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-store")
        });
    if !dir.join(rasid_store::DB_FILE).exists() {
        eprintln!(
            "note: no store at {} (build one with bench/store/run.sh); search bench skipped",
            dir.display()
        );
        return;
    }
    let store = Store::open(&dir).expect("store opens");
    let totals = store.totals().expect("totals");
    println!("store: {totals:?}");
    // One warm-up pass (page cache, prepared statements).
    for q in QUERIES {
        store.search(q, 10).expect("search");
    }
    let mut times = Vec::new();
    let mut hits_per_query = Vec::new();
    for _ in 0..ROUNDS {
        for q in QUERIES {
            let t = Instant::now();
            let hits = store.search(q, 10).expect("search");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            hits_per_query.push((q, hits.len()));
        }
    }
    times.sort_by(f64::total_cmp);
    let empty = hits_per_query.iter().filter(|(_, n)| *n == 0).count() / ROUNDS;
    println!(
        "search: {} queries x {ROUNDS} rounds, limit 10: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} queries with no hit",
        QUERIES.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().copied().unwrap_or(0.0),
        empty
    );
    assert_eq!(times.len(), QUERIES.len() * ROUNDS, "every search timed");
    for (q, n) in hits_per_query.iter().take(QUERIES.len()) {
        println!("  {n:>2} hits  {q}");
    }
    let groups = store.duplicate_groups().expect("groups");
    let in_groups: usize = groups.iter().map(Vec::len).sum();
    println!(
        "near-duplicate groups: {} ({} documents in them)",
        groups.len(),
        in_groups
    );
    assert_eq!(groups.len() as u64, totals.duplicate_groups);
    // A spread of groups to check by hand: the largest, then every n-th.
    let step = (groups.len() / 5).max(1);
    for g in groups.iter().step_by(step).take(6) {
        println!("  group of {}:", g.len());
        for (id, title) in g.iter().take(6) {
            println!("    {id}  {}", title.as_deref().unwrap_or("(no title)"));
        }
    }
}
