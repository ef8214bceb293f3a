//! Runs `rasid_text::dates::find_dates` over a JSONL file of sentences and
//! times it: the Rasid side of `bench/dateparser/run.sh`.
//!
//! Owns reading the sentence file, printing predictions and timing passes; it
//! must not score (the bench script scores Rasid and dateparser alike).
//!
//! ```text
//! cargo run --release -p rasid-text --example gsr_dates -- SENTENCES.jsonl \
//!     [--repeat N] [--predictions OUT.jsonl] [--timing OUT.json]
//! ```
//!
//! Each input line is `{"id": ..., "text": ..., "reference_date": "YYYY-MM-DD"}`
//! (other keys are carried through). Predictions are one line per sentence,
//! `{"id", "dates": [{"start", "end", "text", "value", "precision",
//! "relative"}]}`, spans in code points. The timing is the median (and min,
//! max) of `N` passes over all sentences, reading only: file reading, JSON
//! and the reference dates' parsing happen before the clock starts. Beside
//! wall time it reports the mean on-CPU time of a pass (Linux only).

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use jiff::civil::Date;
use rasid_text::dates::find_dates;
use serde_json::{Value, json};

/// One sentence to read and the day it is read against.
struct Sentence {
    id: Value,
    text: String,
    reference: Option<Date>,
}

/// What the command line asked for.
struct Args {
    input: String,
    repeat: usize,
    predictions: Option<String>,
    timing: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let (mut input, mut repeat, mut predictions, mut timing) = (None, 1, None, None);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--repeat" => {
                let v = value("--repeat")?;
                repeat = v
                    .parse()
                    .map_err(|_| format!("--repeat {v}: not a count"))?;
            }
            "--predictions" => predictions = Some(value("--predictions")?),
            "--timing" => timing = Some(value("--timing")?),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => input = Some(a),
        }
    }
    Ok(Args {
        input: input.ok_or(
            "usage: gsr_dates SENTENCES.jsonl [--repeat N] [--predictions OUT] [--timing OUT]",
        )?,
        repeat: repeat.max(1),
        predictions,
        timing,
    })
}

fn read_sentences(path: &str) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let body = v["text"]
            .as_str()
            .ok_or(format!("{path}:{}: no \"text\"", n + 1))?;
        let reference = match v["reference_date"].as_str() {
            Some(d) => Some(
                d.parse::<Date>()
                    .map_err(|e| format!("{path}:{}: reference_date {d}: {e}", n + 1))?,
            ),
            None => None,
        };
        out.push(Sentence {
            id: v["id"].clone(),
            text: body.to_string(),
            reference,
        });
    }
    Ok(out)
}

/// The predictions of one sentence as a JSON line.
fn prediction(s: &Sentence) -> Value {
    let chars: Vec<char> = s.text.chars().collect();
    let dates: Vec<Value> = find_dates(&s.text, s.reference)
        .into_iter()
        .map(|d| {
            json!({
                "start": d.start,
                "end": d.end,
                "text": chars[d.start..d.end].iter().collect::<String>(),
                "value": d.value,
                "precision": d.precision.as_str(),
                "relative": d.relative,
            })
        })
        .collect();
    json!({"id": s.id, "dates": dates})
}

/// Nanoseconds this thread has spent on a CPU (Linux `schedstat`): unlike
/// wall time, it leaves out the time other processes held the core, which
/// matters on a shared 2-core machine.
fn on_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let sentences = read_sentences(&args.input)?;

    let lines: Vec<String> = sentences
        .iter()
        .map(|s| prediction(s).to_string())
        .collect();
    match &args.predictions {
        Some(p) => std::fs::write(p, lines.join("\n") + "\n").map_err(|e| format!("{p}: {e}"))?,
        None => println!("{}", lines.join("\n")),
    }

    let mut passes = Vec::with_capacity(args.repeat);
    let mut found = 0;
    let cpu_start = on_cpu_ns();
    for _ in 0..args.repeat {
        let t = Instant::now();
        found = 0;
        for s in &sentences {
            found += black_box(find_dates(black_box(&s.text), s.reference)).len();
        }
        passes.push(t.elapsed().as_secs_f64());
    }
    // schedstat is updated at scheduler ticks: read over all passes, not one.
    let cpu_mean = match (cpu_start, on_cpu_ns()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) as f64 / 1e9 / args.repeat as f64),
        _ => None,
    };
    passes.sort_by(f64::total_cmp);
    let med = median(&passes);
    let bytes: usize = sentences.iter().map(|s| s.text.len()).sum();
    let timing = json!({
        "input": args.input,
        "sentences": sentences.len(),
        "bytes": bytes,
        "dates_found": found,
        "passes": args.repeat,
        "median_pass_s": med,
        "min_pass_s": passes[0],
        "max_pass_s": passes[passes.len() - 1],
        "sentences_per_s": sentences.len() as f64 / med,
        "mb_per_s": bytes as f64 / 1e6 / med,
        "mean_pass_cpu_s": cpu_mean,
    });
    match &args.timing {
        Some(p) => std::fs::write(p, timing.to_string() + "\n").map_err(|e| format!("{p}: {e}"))?,
        None => eprintln!("{timing}"),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gsr_dates: {e}");
            ExitCode::FAILURE
        }
    }
}
