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
//! object: per-file median seconds and the median total over the passes,
//! each as wall time and as this thread's CPU time (on a shared machine the
//! wall time of a pass includes the time other processes held the core).

use rasid_ingest::read::{Limits, read};
use rasid_ingest::{Article, clean::clean};
use std::time::Instant;

// The allocator the `rasid` binary runs with (src/main.rs): the cleaner is
// timed as it runs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads and cleans one in-memory file; its articles' bodies.
fn extract(name: &str, bytes: &[u8]) -> Vec<Article> {
    let mut reader = read(Vec::new(), Limits::default());
    reader.push_stream(name, Box::new(std::io::Cursor::new(bytes.to_vec())));
    reader.filter_map(Result::ok).map(|p| clean(&p)).collect()
}

/// CPU time of the calling thread, in seconds.
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
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
    let mut per_file_cpu = vec![Vec::with_capacity(passes); inputs.len()];
    let mut totals = Vec::with_capacity(passes);
    let mut totals_cpu = Vec::with_capacity(passes);
    for _ in 0..passes {
        let (mut total, mut total_cpu) = (0.0, 0.0);
        for (i, (name, bytes)) in inputs.iter().enumerate() {
            let c = thread_cpu();
            let t = Instant::now();
            let articles = extract(name, bytes);
            let s = t.elapsed().as_secs_f64();
            let cs = thread_cpu() - c;
            std::hint::black_box(articles);
            per_file[i].push(s);
            per_file_cpu[i].push(cs);
            total += s;
            total_cpu += cs;
        }
        totals.push(total);
        totals_cpu.push(total_cpu);
    }
    let files_json: Vec<serde_json::Value> = inputs
        .iter()
        .zip(per_file.into_iter().zip(per_file_cpu))
        .map(|((name, bytes), (t, c))| {
            serde_json::json!({"file": name, "bytes": bytes.len(), "median_s": median(t), "cpu_median_s": median(c)})
        })
        .collect();
    let report = serde_json::json!({
        "passes": passes,
        "total_median_s": median(totals),
        "total_cpu_median_s": median(totals_cpu),
        "files": files_json,
    });
    println!("{report}");
}
