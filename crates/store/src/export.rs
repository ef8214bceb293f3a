//! Exports: ACLED CSV and GeoJSON of incidents, JSONL of stored records.
//!
//! Owns the mapping of an incident onto ACLED's export columns ([`ACLED_COLUMNS`],
//! in ACLED's order). Choices where Rasid knows less than ACLED:
//! `fatalities` is 0 when no source states a toll (ACLED's own convention for
//! "no reported fatalities"); `notes` is the evidence sentence of the first
//! source, in Arabic; `source` is the outlets (or uris) of all sources joined
//! by "; "; `source_scale`, `assoc_actor_*`, `admin2`, `admin3` and `tags`
//! are empty; `timestamp` is the export time (Unix seconds). Incidents without
//! a date or coordinates cannot be an ACLED row or a GeoJSON point and are
//! skipped (counted in [`Written::skipped`]). It must not change the store.

use crate::filter::IncidentFilter;
use crate::incidents::Incident;
use crate::{Error, Result, Store, acled};
use std::io::Write;

/// ACLED's export columns, in its order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows, features or records written.
    pub written: usize,
    /// Incidents left out for want of a date or coordinates.
    pub skipped: usize,
}

fn io(e: impl Into<std::io::Error>) -> Error {
    Error::Export(e.into())
}

/// The ACLED row of an incident, or `None` when it has no date or coordinates.
pub fn acled_row(inc: &Incident, timestamp: u64) -> Option<[String; 31]> {
    let f = &inc.fields;
    let (date, lat, lon) = (f.date_start.as_ref()?, f.lat?, f.lon?);
    let country = f.country.as_deref().and_then(acled::country);
    let inter1 = f.actor1_id.as_deref().and_then(acled::inter);
    let inter2 = f.actor2_id.as_deref().and_then(acled::inter);
    let opt = |x: Option<u8>| x.map(|n| n.to_string()).unwrap_or_default();
    let mut outlets: Vec<String> = Vec::new();
    for s in &inc.sources {
        let name = s.outlet.clone().unwrap_or_else(|| s.uri.clone());
        if !outlets.contains(&name) {
            outlets.push(name);
        }
    }
    Some([
        inc.event_id.clone(),
        date.clone(),
        date.get(..4).unwrap_or_default().to_string(),
        opt(f.time_precision),
        acled::disorder_type(&f.event_type, &f.sub_event_type).to_string(),
        f.event_type.clone(),
        f.sub_event_type.clone(),
        f.actor1.clone().unwrap_or_default(),
        String::new(),
        opt(inter1),
        f.actor2.clone().unwrap_or_default(),
        String::new(),
        opt(inter2),
        opt(acled::interaction(inter1, inter2)),
        if f.actor2_id.as_deref() == Some("civilians") || inter2 == Some(7) {
            "Civilian targeting".to_string()
        } else {
            String::new()
        },
        country.map(|c| c.numeric.to_string()).unwrap_or_default(),
        country.map(|c| c.region.clone()).unwrap_or_default(),
        country
            .map(|c| c.name.clone())
            .or_else(|| f.country.clone())
            .unwrap_or_default(),
        f.admin1.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        f.location.clone().unwrap_or_default(),
        format!("{lat:.4}"),
        format!("{lon:.4}"),
        opt(f.geo_precision),
        outlets.join("; "),
        String::new(),
        inc.sources
            .first()
            .map(|s| s.evidence.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default(),
        f.fatalities.unwrap_or(0).to_string(),
        String::new(),
        timestamp.to_string(),
    ])
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Store {
    /// Writes every incident with a date and coordinates as ACLED CSV.
    pub fn export_acled_csv(&self, out: impl Write) -> Result<Written> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(ACLED_COLUMNS).map_err(io)?;
        let mut n = Written::default();
        let stamp = now();
        for inc in self.incidents(&IncidentFilter::default())? {
            match acled_row(&inc, stamp) {
                Some(row) => {
                    w.write_record(&row).map_err(io)?;
                    n.written += 1;
                }
                None => n.skipped += 1,
            }
        }
        w.flush().map_err(io)?;
        Ok(n)
    }

    /// Writes the incidents with coordinates as a GeoJSON FeatureCollection of points.
    pub fn export_geojson(&self, mut out: impl Write) -> Result<Written> {
        let mut n = Written::default();
        let mut features = Vec::new();
        for inc in self.incidents(&IncidentFilter::default())? {
            let (Some(lat), Some(lon)) = (inc.fields.lat, inc.fields.lon) else {
                n.skipped += 1;
                continue;
            };
            let mut props = serde_json::to_value(&inc).map_err(io)?;
            if let Some(map) = props.as_object_mut() {
                map.remove("lat");
                map.remove("lon");
            }
            features.push(serde_json::json!({
                "type": "Feature",
                "id": inc.event_id,
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": props,
            }));
            n.written += 1;
        }
        let collection = serde_json::json!({ "type": "FeatureCollection", "features": features });
        serde_json::to_writer(&mut out, &collection).map_err(io)?;
        out.write_all(b"\n").map_err(io)?;
        Ok(n)
    }

    /// Writes every stored record, one JSON object a line, in ingest order.
    pub fn export_jsonl(&self, mut out: impl Write) -> Result<Written> {
        let mut n = Written::default();
        let mut write = |json: &str| -> std::io::Result<()> {
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")
        };
        let mut failed = None;
        self.sql(|c| {
            let mut stmt = c.prepare("SELECT record FROM documents ORDER BY pk")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let json: String = row.get(0)?;
                if let Err(e) = write(&json) {
                    failed = Some(e);
                    break;
                }
                n.written += 1;
            }
            Ok(())
        })?;
        if let Some(e) = failed {
            return Err(Error::Export(e));
        }
        Ok(n)
    }
}
