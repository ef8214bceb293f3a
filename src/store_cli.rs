//! The store subcommands: `rasid ingest`, `search`, `events`, `export`.
//!
//! Owns their arguments' meaning, the ingest loop (read → extract in rayon
//! batches → one transaction per batch on a writer thread), the summary
//! table and the terminal/JSON rendering. Storage rules live in
//! `rasid_store`; this module must not hold any.

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use rasid_extract::Record;
use rasid_store::{BatchOutcome, IncidentFilter, Store, search};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Where the store lives.
#[derive(Args, Clone)]
pub struct DataDir {
    /// The store's folder (created by `ingest`).
    #[arg(long, default_value = "rasid-data")]
    pub data: PathBuf,
}

/// Filters of `rasid events`.
#[derive(Args, Clone)]
pub struct EventArgs {
    #[command(flatten)]
    data: DataDir,
    /// ISO alpha-2 country code (IQ, SY).
    #[arg(long)]
    country: Option<String>,
    /// First-level division as the gazetteer names it (Kirkuk, Deir ez-Zor).
    #[arg(long)]
    admin1: Option<String>,
    /// minlon,minlat,maxlon,maxlat
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    bbox: Option<[f64; 4]>,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    to: Option<String>,
    /// ACLED event type or sub-event type ("Battles", "Air/drone strike").
    #[arg(long = "type")]
    event_type: Option<String>,
    /// An actor id from actors.tsv, on either side.
    #[arg(long)]
    actor: Option<String>,
    /// At least this many killed.
    #[arg(long)]
    min_fatalities: Option<u64>,
}

/// Export formats.
#[derive(ValueEnum, Clone, Copy)]
pub enum Format {
    /// ACLED's export columns, one incident a row.
    AcledCsv,
    /// A FeatureCollection of incident points.
    Geojson,
    /// The stored records, one a line.
    Jsonl,
}

fn parse_bbox(s: &str) -> Result<[f64; 4], String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{s}: {e}"))?;
    match v[..] {
        [x0, y0, x1, y1] if x0 <= x1 && y0 <= y1 => Ok([x0, y0, x1, y1]),
        _ => Err(format!("{s}: want minlon,minlat,maxlon,maxlat")),
    }
}

fn parse_date(s: &str) -> Result<String, String> {
    rasid_store::incidents::day_number(s)
        .filter(|_| s.len() == 10)
        .map(|_| s.to_string())
        .ok_or_else(|| format!("{s}: want YYYY-MM-DD"))
}

/// Opens a store that `ingest` made, or says there is none.
fn existing(data: &Path) -> Result<Store> {
    if !data.join(rasid_store::DB_FILE).exists() {
        bail!(
            "{}: no store here (run `rasid ingest --data {}` first)",
            data.display(),
            data.display()
        );
    }
    Ok(Store::open(data)?)
}

/// `rasid ingest`: returns whether every input was read.
pub fn ingest(paths: Vec<String>, data: PathBuf) -> Result<bool> {
    let inputs = super::inputs(paths)?;
    let store = Store::open(&data)?;
    let before = store.totals()?;
    let started = std::time::Instant::now();
    // Extraction (rayon) overlaps with the previous batch's transaction.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Record>>(2);
    let writer = std::thread::spawn(move || -> Result<(Store, BatchOutcome)> {
        let mut store = store;
        let mut total = BatchOutcome::default();
        for batch in receive {
            total += store.add_batch(&batch)?;
        }
        Ok((store, total))
    });
    let mut batch: Vec<Record> = Vec::with_capacity(super::BATCH);
    let mut writer_alive = true;
    let pipeline = super::run_pipeline(inputs, rasid_extract::extract, |_, record| {
        batch.push(record);
        if batch.len() == super::BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(super::BATCH));
            if send.send(full).is_err() {
                // The writer failed; its error is reported below.
                writer_alive = false;
                anyhow::bail!("the store writer stopped");
            }
        }
        Ok(())
    });
    if writer_alive {
        let _ = send.send(batch);
    }
    // Closing the channel lets the writer commit its last batch and return.
    drop(send);
    let elapsed = started.elapsed();
    let (store, outcome) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
    let super::Tally {
        read: read_ok,
        failed,
    } = pipeline?;
    let after = store.totals()?;
    let rate = read_ok as f64 / elapsed.as_secs_f64().max(1e-3);
    let mut out = io::stdout().lock();
    let rows: [(&str, String); 10] = [
        ("read", read_ok.to_string()),
        ("new", outcome.new.to_string()),
        ("already stored", outcome.already.to_string()),
        ("failed", failed.to_string()),
        (
            "near-duplicates grouped",
            outcome.near_duplicates.to_string(),
        ),
        ("events", outcome.events.to_string()),
        (
            "incidents",
            format!(
                "{} new, {} events joined one already reported",
                outcome.new_incidents, outcome.merged_events
            ),
        ),
        (
            "store",
            format!(
                "{} documents ({:+}), {} duplicate groups, {} events, {} incidents",
                after.documents,
                after.documents as i64 - before.documents as i64,
                after.duplicate_groups,
                after.events,
                after.incidents
            ),
        ),
        (
            "time",
            format!("{:.1}s ({rate:.0} docs/s)", elapsed.as_secs_f64()),
        ),
        ("data", store.path().display().to_string()),
    ];
    for (name, value) in rows {
        writeln!(out, "{name:<24} {value}")?;
    }
    Ok(failed == 0)
}

/// `rasid search`.
pub fn search(query: String, data: PathBuf, json: bool, limit: usize) -> Result<bool> {
    let store = existing(&data)?;
    let hits = store.search(&query, limit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let terminal = io::stdout().is_terminal();
    let written = (|| -> Result<()> {
        for (i, hit) in hits.iter().enumerate() {
            if json {
                serde_json::to_writer(&mut out, hit)?;
                writeln!(out)?;
                continue;
            }
            let (open, close) = if terminal {
                ("\x1b[1m", "\x1b[0m")
            } else {
                ("**", "**")
            };
            writeln!(
                out,
                "{}. {}  [{}{}{}]{}",
                i + 1,
                hit.title.as_deref().unwrap_or("(no title)"),
                hit.outlet.as_deref().unwrap_or(&hit.uri),
                hit.published
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default(),
                if hit.matched_by == "mention" {
                    format!(", via {}", hit.ids.join(" "))
                } else {
                    String::new()
                },
                if hit.duplicates > 0 {
                    format!(" (+{} near-duplicates)", hit.duplicates)
                } else {
                    String::new()
                }
            )?;
            let marked = search::mark(&hit.snippet, &hit.highlights, open, close);
            writeln!(out, "   {}", marked.replace('\n', " "))?;
            writeln!(out, "   id {}", hit.id)?;
        }
        out.flush()?;
        Ok(())
    })();
    match written {
        Err(e) if super::is_broken_pipe(&e) => {}
        other => other?,
    }
    if hits.is_empty() && !json {
        eprintln!("rasid: no document matches {query:?}");
    }
    Ok(true)
}

/// `rasid events`.
pub fn events(args: EventArgs) -> Result<bool> {
    let store = existing(&args.data.data)?;
    let filter = IncidentFilter {
        country: args.country,
        admin1: args.admin1,
        bbox: args.bbox,
        from: args.from,
        to: args.to,
        event_type: args.event_type,
        actor: args.actor,
        min_fatalities: args.min_fatalities,
    };
    let incidents = store.incidents(&filter)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let written = (|| -> Result<()> {
        if io::stdout().is_terminal() {
            writeln!(
                out,
                "{:<9} {:<10} {:<36} {:<28} {:<40} {:>6} {:>4}",
                "id", "date", "type", "location", "actors", "killed", "docs"
            )?;
            for inc in &incidents {
                let f = &inc.fields;
                let place = [
                    f.location.as_deref(),
                    f.admin1.as_deref(),
                    f.country.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                let actors = [f.actor1_id.as_deref(), f.actor2_id.as_deref()]
                    .into_iter()
                    .map(|a| a.unwrap_or("?"))
                    .collect::<Vec<_>>()
                    .join(" vs ");
                writeln!(
                    out,
                    "{:<9} {:<10} {:<36} {:<28} {:<40} {:>6} {:>4}",
                    inc.event_id,
                    f.date_start.as_deref().unwrap_or("?"),
                    clip(&f.sub_event_type, 36),
                    clip(&place, 28),
                    clip(&actors, 40),
                    f.fatalities.map_or("-".into(), |n| n.to_string()),
                    inc.documents
                )?;
            }
            writeln!(out, "{} incidents", incidents.len())?;
        } else {
            for inc in &incidents {
                serde_json::to_writer(&mut out, inc)?;
                writeln!(out)?;
            }
        }
        out.flush()?;
        Ok(())
    })();
    match written {
        Err(e) if super::is_broken_pipe(&e) => Ok(true),
        other => other.map(|()| true),
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

/// `rasid export`.
pub fn export(format: Format, data: PathBuf, output: Option<PathBuf>) -> Result<bool> {
    let store = existing(&data)?;
    let sink: Box<dyn Write> = match &output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let written = match format {
        Format::AcledCsv => store.export_acled_csv(&mut out),
        Format::Geojson => store.export_geojson(&mut out),
        Format::Jsonl => store.export_jsonl(&mut out),
    }
    .map_err(anyhow::Error::from)
    .and_then(|n| out.flush().map(|()| n).map_err(anyhow::Error::from));
    let n = match written {
        // `rasid export … | head` is not an error worth a message.
        Err(e) if super::is_broken_pipe(&e) => return Ok(true),
        other => other?,
    };
    let what = match format {
        Format::AcledCsv => "incidents",
        Format::Geojson => "incident points",
        Format::Jsonl => "records",
    };
    eprintln!(
        "rasid: wrote {} {what}{}",
        n.written,
        if n.skipped > 0 {
            format!(
                " ({} incidents without a date or coordinates left out)",
                n.skipped
            )
        } else {
            String::new()
        }
    );
    Ok(true)
}
