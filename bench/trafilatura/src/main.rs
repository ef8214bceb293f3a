//! Clean-only timing of Rasid's ingest stage, for `bench/trafilatura/run.sh`.
//!
//! Owns nothing of the pipeline: it calls the public reader
//! (`rasid_ingest::read`, fed from memory, so decoding and charset sniffing
//! count, file I/O does not) and `rasid_ingest::clean::clean`, the same work
//! trafilatura's `extract(bytes)` does. Nothing after cleaning (places,
//! actors, events) runs.
//!
//! Usage: `rasid-clean-bench PASSES OUT_DIR FILE...`. Writes each file's main
//! text to `OUT_DIR/<n>.txt` (n = position in the list) and prints one JSON
//! object: per-file median seconds and the median total over the passes.

use rasid_ingest::read::{Limits, read};
use rasid_ingest::{Article, clean::clean};
use std::time::Instant;

/// Reads and cleans one in-memory file; its articles' bodies.
fn extract(name: &str, bytes: &[u8]) -> Vec<Article> {
    let mut reader = read(Vec::new(), Limits::default());
    reader.push_stream(name, Box::new(std::io::Cursor::new(bytes.to_vec())));
    reader.filter_map(Result::ok).map(|p| clean(&p)).collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [passes, out, files @ ..] = args.as_slice() else {
        eprintln!("usage: rasid-clean-bench PASSES OUT_DIR FILE...");
        std::process::exit(2);
    };
    let passes: usize = passes.parse().expect("PASSES is a number");
    std::fs::create_dir_all(out).expect("create OUT_DIR");
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).expect("read input")))
        .collect();
    // One untimed pass warms the static tables (month names, chrome lists).
    for (i, (name, bytes)) in inputs.iter().enumerate() {
        let body: Vec<String> = extract(name, bytes).into_iter().map(|a| a.body).collect();
        std::fs::write(format!("{out}/{i}.txt"), body.join("\n\n")).expect("write body");
    }
    let mut per_file = vec![Vec::with_capacity(passes); inputs.len()];
    let mut totals = Vec::with_capacity(passes);
    for _ in 0..passes {
        let mut total = 0.0;
        for (i, (name, bytes)) in inputs.iter().enumerate() {
            let t = Instant::now();
            let articles = extract(name, bytes);
            let s = t.elapsed().as_secs_f64();
            std::hint::black_box(articles);
            per_file[i].push(s);
            total += s;
        }
        totals.push(total);
    }
    let files_json: Vec<serde_json::Value> = inputs
        .iter()
        .zip(per_file)
        .map(|((name, bytes), t)| serde_json::json!({"file": name, "bytes": bytes.len(), "median_s": median(t)}))
        .collect();
    let report = serde_json::json!({"passes": passes, "total_median_s": median(totals), "files": files_json});
    println!("{report}");
}
