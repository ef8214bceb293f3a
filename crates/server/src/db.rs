//! Read-only access to the store and the queries its own API lacks.
//!
//! Owns a small pool of read-only SQLite connections (and of
//! [`rasid_store::Store`]s for the store's own search) and the SQL behind
//! paged incidents, one incident with its sources, one stored record, weekly
//! counts and the store's overview. It reads the tables `rasid_store`
//! defines (`incidents`, `events`, `documents`) and must never write: the
//! connections are opened with `SQLITE_OPEN_READ_ONLY`.

use crate::params::IncidentQuery;
use crate::{ApiError, Error, Result};
pub use rasid_store::IncidentRow;
use rasid_store::incidents::{FIELD_COLUMNS, Fields};
use rasid_store::{DB_FILE, Store};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params_from_iter};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Connections kept open between requests (more are opened under load and
/// closed after).
pub const POOL: usize = 8;

/// The store, opened read-only.
pub struct Db {
    dir: PathBuf,
    path: PathBuf,
    conns: Mutex<Vec<Connection>>,
    stores: Mutex<Vec<Store>>,
}

/// A page of incidents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentPage {
    /// Incidents passing the filters, all pages together.
    pub total: u64,
    /// Page size asked for.
    pub limit: u64,
    /// Incidents skipped.
    pub offset: u64,
    /// This page, by date then id.
    pub incidents: Vec<IncidentRow>,
}

/// One report of an incident, with its document's headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRow {
    /// Document id (`/api/documents/{id}`).
    pub document: String,
    /// The document's headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Where it came from.
    pub uri: String,
    /// Index of the event in the document's `events`.
    pub event: usize,
    /// The event as this document states it.
    #[serde(flatten)]
    pub fields: Fields,
    /// The evidence sentence(s).
    pub evidence: String,
    /// Evidence span in the document's body (code points).
    pub evidence_start: usize,
    /// End of the evidence span (exclusive).
    pub evidence_end: usize,
}

/// An incident with every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentDetail {
    /// The incident.
    #[serde(flatten)]
    pub incident: IncidentRow,
    /// Its reports, oldest publication first.
    pub sources: Vec<SourceRow>,
}

/// One incident reduced to what weekly counts need.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    /// `date_start`.
    pub date: String,
    /// Country code.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// ACLED event type.
    pub event_type: String,
}

/// What the store holds, for the page's filters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// Counts of documents, mentions, events, incidents.
    pub totals: rasid_store::Totals,
    /// First incident day.
    pub first_date: Option<String>,
    /// Last incident day.
    pub last_date: Option<String>,
    /// `(value, incidents)` of each event type present.
    pub event_types: Vec<(String, u64)>,
    /// `(value, incidents)` of each country present.
    pub countries: Vec<(String, u64)>,
    /// `(country, admin1, incidents)` of each division present.
    pub admin1: Vec<(Option<String>, String, u64)>,
    /// `(actor id, name, incidents)` of each known actor on either side.
    pub actors: Vec<(String, Option<String>, u64)>,
}

impl Db {
    /// Opens the store in `dir`; fails when there is none.
    pub fn open(dir: &Path) -> Result<Db> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(Error::NoStore { path });
        }
        let db = Db {
            dir: dir.to_path_buf(),
            path,
            conns: Mutex::new(Vec::new()),
            stores: Mutex::new(Vec::new()),
        };
        // Fail at start, not on the first request, when the file is not a store.
        let conn = db.connect().map_err(|source| Error::Sqlite {
            path: db.path.clone(),
            source,
        })?;
        conn.query_row("SELECT count(*) FROM incidents", [], |r| r.get::<_, i64>(0))
            .map_err(|source| Error::Sqlite {
                path: db.path.clone(),
                source,
            })?;
        db.conns.lock().expect("pool").push(conn);
        Ok(db)
    }

    fn connect(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(conn)
    }

    /// Runs `f` on a pooled read-only connection.
    pub fn with_conn<T>(
        &self,
        f: impl FnOnce(&Connection) -> std::result::Result<T, ApiError>,
    ) -> std::result::Result<T, ApiError> {
        let pooled = self.conns.lock().expect("pool").pop();
        let conn = match pooled {
            Some(c) => c,
            None => self.connect()?,
        };
        let out = f(&conn);
        let mut pool = self.conns.lock().expect("pool");
        if pool.len() < POOL {
            pool.push(conn);
        }
        out
    }

    /// Runs `f` on a pooled [`Store`] (for the store's own queries: search, records).
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, ApiError>,
    ) -> std::result::Result<T, ApiError> {
        let pooled = self.stores.lock().expect("pool").pop();
        let store = match pooled {
            Some(s) => s,
            None => Store::open(&self.dir)?,
        };
        let out = f(&store);
        let mut pool = self.stores.lock().expect("pool");
        if pool.len() < POOL {
            pool.push(store);
        }
        out
    }

    /// A page of the incidents passing `q`, by date then id.
    pub fn incidents(
        &self,
        q: &IncidentQuery,
        limit: u64,
        offset: u64,
    ) -> std::result::Result<IncidentPage, ApiError> {
        let (cond, args) = q.condition();
        self.with_conn(|c| {
            let total: i64 = c.query_row(
                &format!("SELECT count(*) FROM incidents WHERE {cond}"),
                params_from_iter(args.iter()),
                |r| r.get(0),
            )?;
            let mut stmt = c.prepare(&format!(
                "SELECT id, documents, stories, {FIELD_COLUMNS} FROM incidents WHERE {cond} \
                 ORDER BY date_start IS NULL, date_start, id LIMIT {limit} OFFSET {offset}"
            ))?;
            let incidents = stmt
                .query_map(params_from_iter(args.iter()), IncidentRow::from_row)?
                .collect::<rusqlite::Result<_>>()?;
            Ok(IncidentPage {
                total: total.max(0) as u64,
                limit,
                offset,
                incidents,
            })
        })
    }

    /// One incident with its sources; `None` when there is no such id.
    pub fn incident(&self, id: i64) -> std::result::Result<Option<IncidentDetail>, ApiError> {
        self.with_conn(|c| {
            let Some(incident) = c
                .query_row(
                    &format!("SELECT id, documents, stories, {FIELD_COLUMNS} FROM incidents WHERE id = ?1"),
                    [id],
                    IncidentRow::from_row,
                )
                .optional()?
            else {
                return Ok(None);
            };
            let mut stmt = c.prepare_cached(
                "SELECT d.id, d.title, d.published, d.outlet, e.uri, e.idx, \
                 e.evidence, e.evidence_start, e.evidence_end, \
                 e.event_type, e.sub_event_type, e.date_start, e.date_end, e.time_precision, \
                 e.location_id, e.location, e.country, e.admin1, e.lat, e.lon, e.geo_precision, \
                 e.actor1_id, e.actor1, e.actor2_id, e.actor2, e.fatalities, e.injuries, e.confidence \
                 FROM events e JOIN documents d ON d.pk = e.doc WHERE e.incident = ?1 \
                 ORDER BY d.published IS NULL, d.published, e.doc, e.idx",
            )?;
            let sources = stmt
                .query_map([id], |r| {
                    Ok(SourceRow {
                        document: r.get(0)?,
                        title: r.get(1)?,
                        published: r.get(2)?,
                        outlet: r.get(3)?,
                        uri: r.get(4)?,
                        event: r.get::<_, i64>(5)?.max(0) as usize,
                        evidence: r.get(6)?,
                        evidence_start: r.get::<_, i64>(7)?.max(0) as usize,
                        evidence_end: r.get::<_, i64>(8)?.max(0) as usize,
                        fields: Fields::from_row(r, 9)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(Some(IncidentDetail { incident, sources }))
        })
    }

    /// The stored record of a document, as the JSON text the store keeps
    /// (`../shared/spec/output.md`); `None` when there is no such id.
    pub fn record_json(&self, id: &str) -> std::result::Result<Option<String>, ApiError> {
        self.with_conn(|c| {
            Ok(
                c.query_row("SELECT record FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }

    /// The dated incidents passing `q` (undated ones cannot be counted by week).
    pub fn dated(&self, q: &IncidentQuery) -> std::result::Result<Vec<Dated>, ApiError> {
        let (cond, args) = q.condition();
        self.with_conn(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT date_start, country, admin1, event_type FROM incidents \
                 WHERE {cond} AND date_start IS NOT NULL"
            ))?;
            Ok(stmt
                .query_map(params_from_iter(args.iter()), |r| {
                    Ok(Dated {
                        date: r.get(0)?,
                        country: r.get(1)?,
                        admin1: r.get(2)?,
                        event_type: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// What the store holds.
    pub fn overview(&self) -> std::result::Result<Overview, ApiError> {
        let totals = self.with_store(|s| Ok(s.totals()?))?;
        self.with_conn(|c| {
            let (first_date, last_date) = c.query_row(
                "SELECT min(date_start), max(date_start) FROM incidents",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let pairs = |sql: &str| -> rusqlite::Result<Vec<(String, u64)>> {
                c.prepare(sql)?
                    .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?
                    .collect()
            };
            let event_types = pairs(
                "SELECT event_type, count(*) FROM incidents GROUP BY event_type ORDER BY 2 DESC, 1",
            )?;
            let countries = pairs(
                "SELECT country, count(*) FROM incidents WHERE country IS NOT NULL \
                 GROUP BY country ORDER BY 2 DESC, 1",
            )?;
            let admin1 = c
                .prepare(
                    "SELECT country, admin1, count(*) FROM incidents WHERE admin1 IS NOT NULL \
                     GROUP BY country, admin1 ORDER BY 3 DESC, 2",
                )?
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?.max(0) as u64))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let actors = c
                .prepare(
                    "SELECT id, max(name), count(*) FROM ( \
                       SELECT actor1_id AS id, actor1 AS name FROM incidents WHERE actor1_id IS NOT NULL \
                       UNION ALL \
                       SELECT actor2_id, actor2 FROM incidents WHERE actor2_id IS NOT NULL) \
                     GROUP BY id ORDER BY 3 DESC, 1",
                )?
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?.max(0) as u64))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(Overview {
                totals,
                first_date,
                last_date,
                event_types,
                countries,
                admin1,
                actors,
            })
        })
    }
}
