//! Rasid's store: the last stage of the pipeline before the server.
//!
//! Owns the SQLite database under a data folder (`store.sqlite`): documents
//! (the record JSON and its columns), mentions, events, near-duplicate groups
//! ([`dedup`]), cross-document incidents ([`incidents`]), the Arabic
//! full-text index and its queries ([`search`]), the incident filters behind
//! `rasid events` ([`filter`]) and the exports ([`export`]). It takes
//! [`Record`]s that `rasid_extract` built and must not read pages or change a
//! record: what it stores is what the pipeline said.
//!
//! # Why SQLite FTS5 and not tantivy
//!
//! FTS5 over text that Rasid normalises itself (the `unicode61` tokenizer
//! would split a word at its harakat, so the index gets
//! [`rasid_text::normalize`]'s form of every word plus its clitic-stripped
//! candidates, and a query is normalised the same way). One file holds the
//! records, the mentions, the incidents and the index, updated in the same
//! transaction, which is what makes an interrupted ingest safe to re-run.
//! Measured on SaudiNewsNet (29,529 documents, `bench/store/RESULTS.md`):
//! tantivy indexes the same normalised texts faster (7.0 s against 16.7 s),
//! smaller (48 MB against 75 MB) and answers a bare top-10 lookup in 0.09 ms
//! against 1.7 ms at p50; but a whole `rasid search` takes 5–7 ms at p50
//! (bodies, snippets, id expansion), ingest time is dominated by extraction,
//! tantivy's build is several times heavier on a 2-core machine, and its
//! index would be a second store to keep in step with the records.
//!
//! # Idempotence
//!
//! A document is keyed by its record id (SHA-256 of the body). Each batch is
//! one transaction; documents go in with `INSERT OR IGNORE` and everything
//! that hangs off a document (index row, mentions, events, dedup buckets) is
//! written only when the document row was new. Ingesting the same pages twice
//! changes nothing; a killed ingest loses only its open batch, which the next
//! run stores.

#![deny(missing_docs)]

pub mod acled;
pub mod dedup;
pub mod export;
pub mod filter;
pub mod incidents;
mod schema;
pub mod search;

use rasid_extract::Record;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};

pub use filter::{IncidentFilter, IncidentRow};
pub use incidents::{Incident, IncidentSource};
pub use search::Hit;

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "store.sqlite";

/// What can go wrong in the store; each error names what it is about.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder could not be created.
    #[error("{path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite refused something.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// A stored record could not be read back or written.
    #[error("record {id}: {source}")]
    Json {
        /// The document id.
        id: String,
        /// Why.
        source: serde_json::Error,
    },
    /// Writing an export failed.
    #[error("export: {0}")]
    Export(#[from] std::io::Error),
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents whose id was already stored (or came twice in the batch).
    pub already: usize,
    /// New documents that joined an existing near-duplicate group.
    pub near_duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Incidents created.
    pub new_incidents: usize,
    /// Events that joined an incident another document had reported.
    pub merged_events: usize,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, o: BatchOutcome) {
        self.new += o.new;
        self.already += o.already;
        self.near_duplicates += o.near_duplicates;
        self.events += o.events;
        self.new_incidents += o.new_incidents;
        self.merged_events += o.merged_events;
    }
}

/// The (document id, title) of each document of a near-duplicate group.
pub type DuplicateGroup = Vec<(String, Option<String>)>;

/// Totals of what a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    /// Documents.
    pub documents: u64,
    /// Mentions.
    pub mentions: u64,
    /// Events (one per document and event index).
    pub events: u64,
    /// Incidents (events of several documents that are the same incident count once).
    pub incidents: u64,
    /// Near-duplicate groups with more than one document.
    pub duplicate_groups: u64,
    /// Documents in those groups.
    pub documents_in_groups: u64,
}

impl Store {
    /// Opens (creating when needed) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Folder {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let conn = Connection::open(&path).map_err(|source| Error::Sqlite {
            path: path.clone(),
            source,
        })?;
        let store = Store { conn, path };
        store.sql(|c| c.execute_batch(schema::PRAGMAS))?;
        store.sql(|c| c.execute_batch(schema::SCHEMA))?;
        Ok(store)
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the connection, naming the database in its error.
    fn sql<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        f(&self.conn).map_err(|source| Error::Sqlite {
            path: self.path.clone(),
            source,
        })
    }

    /// Stores a batch of records in one transaction.
    pub fn add_batch(&mut self, records: &[Record]) -> Result<BatchOutcome> {
        let path = self.path.clone();
        let wrap = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(wrap)?;
        let mut out = BatchOutcome::default();
        for record in records {
            add_record(&tx, record, &mut out)?;
        }
        tx.commit().map_err(wrap)?;
        Ok(out)
    }

    /// Counts what the store holds.
    pub fn totals(&self) -> Result<Totals> {
        self.sql(|c| {
            let one = |q: &str| c.query_row(q, [], |r| r.get::<_, i64>(0)).map(|n| n as u64);
            Ok(Totals {
                documents: one("SELECT count(*) FROM documents")?,
                mentions: one("SELECT count(*) FROM mentions")?,
                events: one("SELECT count(*) FROM events")?,
                incidents: one("SELECT count(*) FROM incidents")?,
                duplicate_groups: one("SELECT count(*) FROM (SELECT dup_group FROM documents \
                     GROUP BY dup_group HAVING count(*) > 1)")?,
                documents_in_groups: one(
                    "SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM documents \
                     GROUP BY dup_group HAVING count(*) > 1)",
                )?,
            })
        })
    }

    /// The stored record of a document.
    pub fn record(&self, id: &str) -> Result<Option<Record>> {
        let json: Option<String> = self.sql(|c| {
            c.query_row("SELECT record FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
        })?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|source| Error::Json {
                id: id.to_string(),
                source,
            })
        })
        .transpose()
    }

    /// Near-duplicate groups of more than one document, largest first: each
    /// is the list of (document id, title) in ingest order.
    pub fn duplicate_groups(&self) -> Result<Vec<DuplicateGroup>> {
        self.sql(|c| {
            let mut stmt = c.prepare(
                "SELECT d.dup_group, d.id, d.title FROM documents d \
                 JOIN (SELECT dup_group, count(*) AS n FROM documents GROUP BY dup_group \
                       HAVING n > 1) g ON g.dup_group = d.dup_group \
                 ORDER BY g.n DESC, d.dup_group, d.pk",
            )?;
            let mut groups: Vec<DuplicateGroup> = Vec::new();
            let mut last = None;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })?;
            for row in rows {
                let (group, id, title) = row?;
                if last != Some(group) {
                    groups.push(Vec::new());
                    last = Some(group);
                }
                groups.last_mut().expect("pushed").push((id, title));
            }
            Ok(groups)
        })
    }
}

/// Stores one record inside the batch's transaction.
fn add_record(tx: &Connection, record: &Record, out: &mut BatchOutcome) -> Result<()> {
    let sqlite = |source| Error::Sqlite {
        path: PathBuf::from(DB_FILE),
        source,
    };
    let json = serde_json::to_string(record).map_err(|source| Error::Json {
        id: record.id.clone(),
        source,
    })?;
    let signature = dedup::signature(&record.body);
    let inserted = tx
        .execute(
            "INSERT OR IGNORE INTO documents \
             (id, uri, outlet, title, published, reference_date, translated_from, record, minhash) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                record.id,
                record.source.uri,
                record.source.outlet,
                record.title,
                record.published.as_ref().map(|p| p.date.clone()),
                record.reference_date,
                record
                    .translated_from
                    .as_ref()
                    .and_then(|t| t.outlet.clone()),
                json,
                signature.as_ref().map(|s| dedup::to_blob(s)),
            ],
        )
        .map_err(sqlite)?;
    if inserted == 0 {
        out.already += 1;
        return Ok(());
    }
    out.new += 1;
    let pk = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO documents_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![
            pk,
            search::index_text(record.title.as_deref().unwrap_or("")),
            search::index_text(&record.body)
        ],
    )
    .map_err(sqlite)?;
    let group = dedup::assign_group(tx, pk, signature.as_deref()).map_err(sqlite)?;
    if group != pk {
        out.near_duplicates += 1;
    }
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO mentions \
                 (doc, idx, kind, start, \"end\", text, norm_text, mid, name, norm_name, level, country, admin1, lat, lon) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )
            .map_err(sqlite)?;
        for (i, m) in record.mentions.iter().enumerate() {
            stmt.execute(params![
                pk,
                i as i64,
                m.kind,
                m.start as i64,
                m.end as i64,
                m.text,
                search::normalize_phrase(&m.text),
                m.id,
                m.name,
                m.name.as_deref().map(search::normalize_phrase),
                m.level,
                m.country,
                m.admin1,
                m.lat,
                m.lon,
            ])
            .map_err(sqlite)?;
        }
    }
    for (i, event) in record.events.iter().enumerate() {
        let evidence = slice_chars(&record.body, event.evidence.start, event.evidence.end);
        let merged = incidents::add_event(tx, pk, group, i, event, &evidence, &record.source)
            .map_err(sqlite)?;
        out.events += 1;
        if merged {
            out.merged_events += 1;
        } else {
            out.new_incidents += 1;
        }
    }
    Ok(())
}

/// `s[start..end]` in code points, clamped to the string.
pub(crate) fn slice_chars(s: &str, start: usize, end: usize) -> String {
    s.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

#[cfg(test)]
mod tests;
