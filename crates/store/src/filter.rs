//! Reading incidents back, filtered (`rasid events`) or all (the exports).
//! Owns the filter and the query it becomes; must not change the store.

use crate::incidents::{FIELD_COLUMNS, Fields, Incident, IncidentSource};
use crate::{Result, Store, acled};
use rusqlite::types::Value;

/// Which incidents to read; every field left `None` lets all through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncidentFilter {
    /// ISO alpha-2 country code.
    pub country: Option<String>,
    /// First-level division, as the gazetteer names it (case-insensitive).
    pub admin1: Option<String>,
    /// min lon, min lat, max lon, max lat.
    pub bbox: Option<[f64; 4]>,
    /// First day (inclusive), `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day (inclusive).
    pub to: Option<String>,
    /// ACLED event type or sub-event type.
    pub event_type: Option<String>,
    /// An actor id on either side.
    pub actor: Option<String>,
    /// At least this many killed.
    pub min_fatalities: Option<u64>,
}

impl IncidentFilter {
    /// The SQL condition over the `incidents` table and its arguments.
    /// Dates mean overlap: an incident spanning days is in a range it
    /// touches. Shared by `rasid events`, the exports and `rasid serve`.
    pub fn condition(&self) -> (String, Vec<Value>) {
        let mut cond = vec!["1".to_string()];
        let mut args: Vec<Value> = Vec::new();
        let mut add = |sql: &str, vals: Vec<Value>| {
            cond.push(sql.to_string());
            args.extend(vals);
        };
        if let Some(c) = &self.country {
            add("upper(country) = upper(?)", vec![c.clone().into()]);
        }
        if let Some(a) = &self.admin1 {
            add("lower(admin1) = lower(?)", vec![a.clone().into()]);
        }
        if let Some([x0, y0, x1, y1]) = self.bbox {
            add(
                "lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?",
                vec![x0.into(), x1.into(), y0.into(), y1.into()],
            );
        }
        if let Some(d) = &self.from {
            add(
                "coalesce(date_end, date_start) >= ?",
                vec![d.clone().into()],
            );
        }
        if let Some(d) = &self.to {
            add("date_start <= ?", vec![d.clone().into()]);
        }
        if let Some(t) = &self.event_type {
            add(
                "(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))",
                vec![t.clone().into(), t.clone().into()],
            );
        }
        if let Some(a) = &self.actor {
            add(
                "(actor1_id = ? OR actor2_id = ?)",
                vec![a.clone().into(), a.clone().into()],
            );
        }
        if let Some(n) = self.min_fatalities {
            add("coalesce(fatalities, 0) >= ?", vec![(n as i64).into()]);
        }
        (cond.join(" AND "), args)
    }
}

/// ACLED-style id of an incident: country alpha-3 (or `XXX`) and the row id.
pub fn event_id(country: Option<&str>, id: i64) -> String {
    let prefix = country
        .and_then(acled::country)
        .map_or("XXX", |c| c.alpha3.as_str());
    format!("{prefix}{id}")
}

/// One incident without its sources: a row of the incident list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IncidentRow {
    /// Row id.
    pub id: i64,
    /// ACLED-style id (`IRQ12`).
    pub event_id: String,
    /// Reconciled fields.
    #[serde(flatten)]
    pub fields: Fields,
    /// Distinct documents reporting it.
    pub documents: u64,
    /// Distinct stories among them (near-duplicates count once).
    pub stories: u64,
}

impl IncidentRow {
    /// Reads a row selected as `id, documents, stories, FIELD_COLUMNS…`.
    pub fn from_row(r: &rusqlite::Row) -> rusqlite::Result<IncidentRow> {
        let id: i64 = r.get(0)?;
        let fields = Fields::from_row(r, 3)?;
        Ok(IncidentRow {
            id,
            event_id: event_id(fields.country.as_deref(), id),
            documents: r.get::<_, i64>(1)?.max(0) as u64,
            stories: r.get::<_, i64>(2)?.max(0) as u64,
            fields,
        })
    }
}

impl Store {
    /// Incidents that pass `filter`, by date then id, with their sources.
    pub fn incidents(&self, filter: &IncidentFilter) -> Result<Vec<Incident>> {
        let (cond, args) = filter.condition();
        let mut found: Vec<Incident> = self.sql(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT id, documents, stories, {FIELD_COLUMNS} FROM incidents \
                 WHERE {cond} ORDER BY date_start IS NULL, date_start, id"
            ))?;
            stmt.query_map(rusqlite::params_from_iter(args), |r| {
                let row = IncidentRow::from_row(r)?;
                Ok(Incident {
                    id: row.id,
                    event_id: row.event_id,
                    documents: row.documents,
                    stories: row.stories,
                    fields: row.fields,
                    sources: Vec::new(),
                })
            })?
            .collect()
        })?;
        self.sql(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT d.id, e.idx, e.evidence, e.evidence_start, e.evidence_end, e.outlet, \
                 e.uri, e.fatalities FROM events e JOIN documents d ON d.pk = e.doc \
                 WHERE e.incident = ?1 ORDER BY e.doc, e.idx",
            )?;
            for inc in &mut found {
                inc.sources = stmt
                    .query_map([inc.id], |r| {
                        Ok(IncidentSource {
                            document: r.get(0)?,
                            event: r.get::<_, i64>(1)? as usize,
                            evidence: r.get(2)?,
                            evidence_start: r.get::<_, i64>(3)? as usize,
                            evidence_end: r.get::<_, i64>(4)? as usize,
                            outlet: r.get(5)?,
                            uri: r.get(6)?,
                            fatalities: r.get::<_, Option<i64>>(7)?.map(|n| n.max(0) as u64),
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
            }
            Ok(())
        })?;
        Ok(found)
    }
}
