//! The `rasid` command line: a thin shell over the library crates.
//!
//! Owns argument parsing, progress display, output files and exit codes.
//! It must not hold any reading, cleaning or scoring rules of its own.
//!
//! Exit status: 0 when every input was read, 1 when some input failed (each
//! failure is one line on stderr naming the input), 2 on usage errors.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid_ingest::Page;
use rasid_ingest::read::{self, Input, Limits, ReadError};
use rayon::prelude::*;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

mod store_cli;

// The pipeline allocates many small strings and vectors per document on
// every core; mimalloc's per-thread free lists cost a fraction of glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Pages analysed together: bounds memory while keeping every core busy.
const BATCH: usize = 256;

#[derive(Parser)]
#[command(
    name = "rasid",
    version,
    about = "Rasid (راصد): reads Arabic news pages and codes the incidents in them."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print one JSON record per document (JSONL) for pages in files, folders or stdin (`-`).
    Extract {
        /// Files, folders (read recursively) or `-` for stdin.
        paths: Vec<String>,
        /// Write the records to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Score the pipeline against a gold file (../shared/spec/gold.md) and print the table.
    Eval {
        /// The gold file.
        #[arg(long, required_unless_present = "gsr", conflicts_with = "gsr")]
        gold: Option<PathBuf>,
        /// Inputs to run (default: the gold file's folder).
        paths: Vec<String>,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// After the table, list every miss: wrong fields with the
        /// predicted and the gold value, missed gold items, extra predictions.
        #[arg(long, conflicts_with = "gsr")]
        explain: bool,
        /// Score sentence-level violent-incident detection against a PLOVER
        /// event GSR CSV (detector, pipeline and cue baseline; P/R/F1).
        #[arg(long, value_name = "CSV")]
        gsr: Option<PathBuf>,
        /// Which GSR sentences: `heldout`, `train` or `all` (default:
        /// `heldout` for the ASSAULT set the detector learnt from, else `all`).
        #[arg(long, requires = "gsr", value_parser = ["heldout", "train", "all"])]
        split: Option<String>,
    },
    /// Tag a token-per-line file (ANERcorp format: `token [TAG]`, blank lines
    /// between sentences) with the person/organisation tagger; prints `token<TAB>tag`.
    Ner {
        /// The file (`-` for stdin).
        file: PathBuf,
        /// When the file has a tag column, print CoNLL entity P/R/F1 to stderr.
        #[arg(long)]
        score: bool,
    },
    /// Run the pipeline and store documents, mentions, events and incidents (idempotent).
    Ingest {
        /// Files, folders (read recursively) or `-` for stdin.
        paths: Vec<String>,
        #[command(flatten)]
        data: store_cli::DataDir,
    },
    /// Full-text search of stored documents (Arabic-normalised; names found through their ids).
    Search {
        /// The words to look for.
        query: String,
        #[command(flatten)]
        data: store_cli::DataDir,
        /// One JSON object per hit, with highlight offsets.
        #[arg(long)]
        json: bool,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// List stored incidents: a table on a terminal, JSONL when piped.
    Events(store_cli::EventArgs),
    /// Export incidents (ACLED CSV, GeoJSON) or stored records (JSONL).
    Export {
        /// acled-csv, geojson or jsonl.
        #[arg(long, value_enum)]
        format: store_cli::Format,
        #[command(flatten)]
        data: store_cli::DataDir,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Serve the JSON API (/api/openapi.json) and the analyst's page over a store.
    Serve {
        #[command(flatten)]
        data: store_cli::DataDir,
        /// Address to listen on (loopback unless told otherwise; port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Extract { paths, output } => extract(paths, output),
        Command::Eval {
            gsr: Some(csv),
            split,
            json,
            ..
        } => eval_gsr(csv, split, json),
        Command::Eval {
            gold,
            paths,
            json,
            explain,
            ..
        } => eval(gold.unwrap_or_default(), paths, json, explain),
        Command::Ner { file, score } => ner(file, score),
        Command::Ingest { paths, data } => store_cli::ingest(paths, data.data),
        Command::Search {
            query,
            data,
            json,
            limit,
        } => store_cli::search(query, data.data, json, limit),
        Command::Events(args) => store_cli::events(args),
        Command::Export {
            format,
            data,
            output,
        } => store_cli::export(format, data.data, output),
        Command::Serve { data, addr } => rasid_server::serve(&rasid_server::Config {
            data: data.data,
            addr,
        })
        .map(|()| true)
        .map_err(Into::into),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("rasid: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// Turns command-line paths into inputs; none means stdin when it is piped.
fn inputs(paths: Vec<String>) -> Result<Vec<Input>> {
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("rasid: no input: give files, folders or `-` for stdin");
            std::process::exit(2);
        }
        return Ok(vec![Input::Stdin]);
    }
    Ok(paths.iter().map(|p| Input::parse(p)).collect())
}

fn progress() -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents, {per_sec}, {elapsed} {msg}")
                .expect("valid template"),
        );
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// What one pass over the inputs saw.
#[derive(Default)]
struct Tally {
    /// Pages read and analysed.
    read: usize,
    /// Inputs (or records inside them) that could not be read; each was
    /// reported on stderr.
    failed: usize,
}

/// Runs the pipeline over every input: one thread reads pages into bounded
/// batches while the rayon pool runs `work` on the batch before it, and
/// `emit` sees each page's result in input order on this thread. Memory stays
/// bounded by three batches whatever the input size.
fn run_pipeline<T: Send>(
    inputs: Vec<Input>,
    work: impl Fn(&Page) -> T + Sync,
    mut emit: impl FnMut(&Page, T) -> Result<()>,
) -> Result<Tally> {
    let bar = progress();
    let (send, receive) = mpsc::sync_channel::<Vec<Result<Page, ReadError>>>(1);
    let tally = std::thread::scope(|scope| -> Result<Tally> {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            for item in read::read(inputs, Limits::default()) {
                batch.push(item);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // A closed channel means the consumer stopped (an emit error).
                    if send.send(full).is_err() {
                        return;
                    }
                }
            }
            let _ = send.send(batch);
        });
        let mut tally = Tally::default();
        for batch in receive {
            let results: Vec<Option<T>> = batch
                .par_iter()
                .map(|item| item.as_ref().ok().map(&work))
                .collect();
            for (item, result) in batch.iter().zip(results) {
                match (item, result) {
                    (Ok(page), Some(result)) => {
                        tally.read += 1;
                        emit(page, result)?;
                    }
                    (Err(err), _) => {
                        tally.failed += 1;
                        bar.suspend(|| eprintln!("rasid: {err}"));
                    }
                    (Ok(_), None) => unreachable!("every page read is analysed"),
                }
            }
            bar.inc(batch.len() as u64);
        }
        Ok(tally)
    })?;
    bar.finish_and_clear();
    Ok(tally)
}

fn extract(paths: Vec<String>, output: Option<PathBuf>) -> Result<bool> {
    let inputs = inputs(paths)?;
    let sink: Box<dyn Write> = match &output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    // Records are serialised on the worker threads; this thread only writes.
    let line = |page: &Page| -> serde_json::Result<Vec<u8>> {
        let mut line = serde_json::to_vec(&rasid_extract::extract(page))?;
        line.push(b'\n');
        Ok(line)
    };
    let all_read = run_pipeline(inputs, line, |_, line| {
        out.write_all(&line?)?;
        Ok(())
    })
    .map(|tally| tally.failed == 0);
    // A closed pipe (`rasid extract … | head`) is not an error worth a message.
    match all_read {
        Err(err) if is_broken_pipe(&err) => Ok(true),
        other => {
            let all_read = other?;
            out.flush().or_else(|e| {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    Ok(())
                } else {
                    Err(e)
                }
            })?;
            Ok(all_read)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

fn eval(gold_path: PathBuf, paths: Vec<String>, json: bool, explain: bool) -> Result<bool> {
    let gold = rasid_eval::load_gold(&gold_path)?;
    let gold_dir = gold_path.parent().map(PathBuf::from).unwrap_or_default();
    let paths = if paths.is_empty() {
        vec![gold_dir.display().to_string()]
    } else {
        paths
    };
    let mut docs = Vec::new();
    let tally = run_pipeline(inputs(paths)?, rasid_extract::extract, |page, record| {
        docs.push(rasid_eval::Scored {
            file: page.origin.file.display().to_string(),
            record,
        });
        Ok(())
    })?;
    let all_read = tally.failed == 0;
    let report = rasid_eval::evaluate(&gold, &gold_dir, &docs);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
        if explain {
            print!("\n{}", report.explain());
        }
    }
    Ok(all_read)
}

fn eval_gsr(csv: PathBuf, split: Option<String>, json: bool) -> Result<bool> {
    let split = split.as_deref().and_then(rasid_eval::gsr::GsrSplit::parse);
    let report = rasid_eval::gsr::evaluate_gsr(&csv, split)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(true)
}

fn ner(file: PathBuf, score: bool) -> Result<bool> {
    let text = if file.as_os_str() == "-" {
        io::read_to_string(io::stdin()).context("stdin")?
    } else {
        std::fs::read_to_string(&file).with_context(|| format!("{}", file.display()))?
    };
    let tagged = rasid_resolve::ner::tag_conll(&text);
    let mut out = BufWriter::new(io::stdout().lock());
    let written = out
        .write_all(tagged.output.as_bytes())
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    if score {
        match tagged.score {
            Some(sc) => eprint!("{sc}"),
            None => eprintln!("rasid: {}: no tag column to score against", file.display()),
        }
    }
    Ok(true)
}
