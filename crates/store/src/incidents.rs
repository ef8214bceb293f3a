//! Cross-document incidents: events that different documents (or different
//! sentences of one) report about the same happening become one incident,
//! with every report kept as a source.
//!
//! Owns the matching rule and the reconciliation of fields. Two events are
//! the same incident when they have the same ACLED `event_type`, their start
//! dates are at most [`MAX_DAYS`] apart, their locations at most [`MAX_KM`]
//! apart, and their actors are compatible (the ids one report knows are all
//! among those the other knows: unknown matches anything, two different
//! known groups never match). The windows follow the event-matching
//! practice of xSub (Zhukov, Davenport & Kostyuk 2019, "Introducing xSub",
//! JPR 56(4)) and MELTT (Donnay et al. 2019, "Integrating Conflict Event
//! Data", JCR 63(5)), which match reports of one incident within 1–5 km and
//! 1–2 days; we take the strict end of the day range (news of a raid dated
//! "yesterday" by one site and "today" by another is one day off) and the
//! wide end of the distance range (gazetteer points of one town differ by
//! a few km). A report placed only at province level (geo_precision 3)
//! matches any report in the same admin1, since its point is a centroid.
//! Events with no date or no location cannot be matched and stay alone.
//!
//! Reconciliation follows ACLED's codebook: fatalities are the lowest
//! reported figure (the most conservative), the date and the location come
//! from the report with the best (lowest) precision code, an actor unknown in
//! one report is filled from another. It must not edit the events
//! themselves: each source keeps what its document said.

use rasid_extract::record::{Event, Source};
use rusqlite::{Connection, Row, params};
use serde::Serialize;
use std::collections::BTreeSet;

/// Days two reports of one incident may differ by.
pub const MAX_DAYS: i64 = 1;
/// Kilometres two reports of one incident may differ by.
pub const MAX_KM: f64 = 5.0;

/// The fields an event and an incident share.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fields {
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// First day, `YYYY-MM-DD`.
    pub date_start: Option<String>,
    /// Last day.
    pub date_end: Option<String>,
    /// ACLED time_precision (1 day, 2 week, 3 month).
    pub time_precision: Option<u8>,
    /// Place id.
    pub location_id: Option<String>,
    /// Place name.
    pub location: Option<String>,
    /// ISO 3166 alpha-2 country code.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// ACLED geo_precision (1, 2, 3).
    pub geo_precision: Option<u8>,
    /// First actor id (`actors.tsv`).
    pub actor1_id: Option<String>,
    /// First actor name.
    pub actor1: Option<String>,
    /// Second actor id.
    pub actor2_id: Option<String>,
    /// Second actor name.
    pub actor2: Option<String>,
    /// Killed.
    pub fatalities: Option<u64>,
    /// Injured.
    pub injuries: Option<u64>,
    /// Confidence of the coding, 0..1.
    pub confidence: f64,
}

/// The shared columns, in [`Fields`] order.
pub const FIELD_COLUMNS: &str = "event_type, sub_event_type, date_start, date_end, \
    time_precision, location_id, location, country, admin1, lat, lon, geo_precision, \
    actor1_id, actor1, actor2_id, actor2, fatalities, injuries, confidence";

impl Fields {
    /// The fields of an event as its document states them.
    pub fn of_event(e: &Event) -> Fields {
        let loc = e.location.as_ref();
        Fields {
            event_type: e.event_type.clone(),
            sub_event_type: e.sub_event_type.clone(),
            date_start: e.date.as_ref().map(|d| d.start.clone()),
            date_end: e.date.as_ref().map(|d| d.end.clone()),
            time_precision: e.date.as_ref().map(|d| d.precision),
            location_id: loc.and_then(|l| l.id.clone()),
            location: loc.and_then(|l| l.name.clone().or_else(|| Some(l.text.clone()))),
            country: loc.and_then(|l| l.country.clone()),
            admin1: loc.and_then(|l| l.admin1.clone()),
            lat: loc.map(|l| l.lat),
            lon: loc.map(|l| l.lon),
            geo_precision: loc.map(|l| l.precision),
            actor1_id: e.actor1.as_ref().and_then(|a| a.id.clone()),
            actor1: e
                .actor1
                .as_ref()
                .and_then(|a| a.name.clone().or_else(|| Some(a.text.clone()))),
            actor2_id: e.actor2.as_ref().and_then(|a| a.id.clone()),
            actor2: e
                .actor2
                .as_ref()
                .and_then(|a| a.name.clone().or_else(|| Some(a.text.clone()))),
            fatalities: e.fatalities,
            injuries: e.injuries,
            confidence: e.confidence,
        }
    }

    /// Reads the shared columns ([`FIELD_COLUMNS`]) starting at column `at`.
    pub fn from_row(r: &Row, at: usize) -> rusqlite::Result<Fields> {
        Ok(Fields {
            event_type: r.get(at)?,
            sub_event_type: r.get(at + 1)?,
            date_start: r.get(at + 2)?,
            date_end: r.get(at + 3)?,
            time_precision: r.get(at + 4)?,
            location_id: r.get(at + 5)?,
            location: r.get(at + 6)?,
            country: r.get(at + 7)?,
            admin1: r.get(at + 8)?,
            lat: r.get(at + 9)?,
            lon: r.get(at + 10)?,
            geo_precision: r.get(at + 11)?,
            actor1_id: r.get(at + 12)?,
            actor1: r.get(at + 13)?,
            actor2_id: r.get(at + 14)?,
            actor2: r.get(at + 15)?,
            fatalities: r.get::<_, Option<i64>>(at + 16)?.map(|n| n.max(0) as u64),
            injuries: r.get::<_, Option<i64>>(at + 17)?.map(|n| n.max(0) as u64),
            confidence: r.get::<_, Option<f64>>(at + 18)?.unwrap_or(0.0),
        })
    }

    /// The shared columns' values, in [`FIELD_COLUMNS`] order.
    fn values(&self) -> [rusqlite::types::Value; 19] {
        use rusqlite::types::Value;
        let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
        let int = |n: Option<u64>| n.map_or(Value::Null, |n| Value::Integer(n as i64));
        let real = |x: Option<f64>| x.map_or(Value::Null, Value::Real);
        [
            Value::Text(self.event_type.clone()),
            Value::Text(self.sub_event_type.clone()),
            text(&self.date_start),
            text(&self.date_end),
            int(self.time_precision.map(u64::from)),
            text(&self.location_id),
            text(&self.location),
            text(&self.country),
            text(&self.admin1),
            real(self.lat),
            real(self.lon),
            int(self.geo_precision.map(u64::from)),
            text(&self.actor1_id),
            text(&self.actor1),
            text(&self.actor2_id),
            text(&self.actor2),
            int(self.fatalities),
            int(self.injuries),
            Value::Real(self.confidence),
        ]
    }

    /// Days since 1970-01-01 of `date_start`.
    pub fn day(&self) -> Option<i64> {
        self.date_start.as_deref().and_then(day_number)
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.get(..2)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// Whether two reports' actors can be the same pair: one's known ids are a
/// subset of the other's.
pub fn actors_compatible(a: &Fields, b: &Fields) -> bool {
    let known = |f: &Fields| -> BTreeSet<String> {
        [&f.actor1_id, &f.actor2_id]
            .into_iter()
            .flatten()
            .cloned()
            .collect()
    };
    let (x, y) = (known(a), known(b));
    x.is_subset(&y) || y.is_subset(&x)
}

/// Whether two reports are of the same incident; `Some(distance)` to rank
/// several candidates (days apart, then km).
pub fn same_incident(a: &Fields, b: &Fields) -> Option<(i64, f64)> {
    if a.event_type != b.event_type {
        return None;
    }
    let days = (a.day()? - b.day()?).abs();
    let km = haversine_km(a.lat?, a.lon?, b.lat?, b.lon?);
    // A report placed only at province level ("in Asir") holds any point of
    // that province: its centroid says nothing about the distance.
    let coarse = (a.geo_precision == Some(3) || b.geo_precision == Some(3))
        && a.admin1.is_some()
        && a.admin1 == b.admin1
        && a.country == b.country;
    (days <= MAX_DAYS && (km <= MAX_KM || coarse) && actors_compatible(a, b)).then_some((days, km))
}

/// One incident's fields from all its reports (see the module doc).
pub fn reconcile(reports: &[Fields]) -> Fields {
    let Some(first) = reports.first() else {
        return Fields::default();
    };
    let best_by = |key: fn(&Fields) -> Option<u8>| {
        reports
            .iter()
            .filter(|f| key(f).is_some())
            .min_by_key(|f| key(f))
            .unwrap_or(first)
    };
    let when = best_by(|f| f.time_precision);
    let place = best_by(|f| f.geo_precision);
    let surest = reports
        .iter()
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        .unwrap_or(first);
    let pick = |get: fn(&Fields) -> (&Option<String>, &Option<String>)| {
        reports
            .iter()
            .map(get)
            .find(|(id, _)| id.is_some())
            .or_else(|| reports.iter().map(get).find(|(_, name)| name.is_some()))
            .map(|(id, name)| (id.clone(), name.clone()))
            .unwrap_or_default()
    };
    let (actor1_id, actor1) = pick(|f| (&f.actor1_id, &f.actor1));
    let (actor2_id, actor2) = pick(|f| (&f.actor2_id, &f.actor2));
    Fields {
        event_type: first.event_type.clone(),
        sub_event_type: surest.sub_event_type.clone(),
        date_start: when.date_start.clone(),
        date_end: when.date_end.clone(),
        time_precision: when.time_precision,
        location_id: place.location_id.clone(),
        location: place.location.clone(),
        country: place.country.clone(),
        admin1: place.admin1.clone(),
        lat: place.lat,
        lon: place.lon,
        geo_precision: place.geo_precision,
        actor1_id,
        actor1,
        actor2_id,
        actor2,
        fatalities: reports.iter().filter_map(|f| f.fatalities).min(),
        injuries: reports.iter().filter_map(|f| f.injuries).min(),
        confidence: surest.confidence,
    }
}

/// One report of an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentSource {
    /// Document id.
    pub document: String,
    /// Index of the event in the document's `events`.
    pub event: usize,
    /// The evidence sentence(s).
    pub evidence: String,
    /// Evidence span in the document's body (code points).
    pub evidence_start: usize,
    /// End of the evidence span (exclusive).
    pub evidence_end: usize,
    /// The document's outlet.
    pub outlet: Option<String>,
    /// The document's uri.
    pub uri: String,
    /// Killed, as this source reports it.
    pub fatalities: Option<u64>,
}

/// An incident with its sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// Row id.
    pub id: i64,
    /// ACLED-style id: ISO alpha-3 of the country and the row id (`IRQ12`).
    pub event_id: String,
    /// Reconciled fields.
    #[serde(flatten)]
    pub fields: Fields,
    /// Distinct documents reporting it.
    pub documents: u64,
    /// Distinct stories among them (near-duplicates count once).
    pub stories: u64,
    /// Every report.
    pub sources: Vec<IncidentSource>,
}

/// Stores one event of the new document `doc` and attaches it to an
/// incident; returns whether that incident already existed.
pub(crate) fn add_event(
    tx: &Connection,
    doc: i64,
    group: i64,
    idx: usize,
    event: &Event,
    evidence: &str,
    source: &Source,
) -> rusqlite::Result<bool> {
    let fields = Fields::of_event(event);
    let existing = find_match(tx, &fields)?;
    let incident = match existing {
        Some(id) => id,
        None => {
            let mut values: Vec<rusqlite::types::Value> = fields.values().to_vec();
            values.push(fields.day().into());
            tx.execute(
                &format!(
                    "INSERT INTO incidents ({FIELD_COLUMNS}, day, documents, stories) \
                     VALUES ({}, 1, 1)",
                    vec!["?"; 20].join(", ")
                ),
                rusqlite::params_from_iter(values),
            )?;
            tx.last_insert_rowid()
        }
    };
    let mut values: Vec<rusqlite::types::Value> = fields.values().to_vec();
    values.extend([
        doc.into(),
        (idx as i64).into(),
        incident.into(),
        group.into(),
        (event.evidence.start as i64).into(),
        (event.evidence.end as i64).into(),
        evidence.to_string().into(),
        source.outlet.clone().into(),
        source.uri.clone().into(),
    ]);
    tx.execute(
        &format!(
            "INSERT INTO events ({FIELD_COLUMNS}, doc, idx, incident, dup_group, \
             evidence_start, evidence_end, evidence, outlet, uri) VALUES ({})",
            vec!["?"; 28].join(", ")
        ),
        rusqlite::params_from_iter(values),
    )?;
    if existing.is_some() {
        refresh(tx, incident)?;
    }
    Ok(existing.is_some())
}

/// The incident a new report belongs to, if any: the nearest in days, then km.
fn find_match(tx: &Connection, f: &Fields) -> rusqlite::Result<Option<i64>> {
    let (Some(day), Some(_), Some(_)) = (f.day(), f.lat, f.lon) else {
        return Ok(None);
    };
    // Type and days narrow the candidates (indexed); place and actors are
    // checked here, since a province-level report matches by admin1, not km.
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT id, {FIELD_COLUMNS} FROM incidents WHERE event_type = ?1 \
         AND day BETWEEN ?2 AND ?3 AND lat IS NOT NULL"
    ))?;
    let rows = stmt.query_map(params![f.event_type, day - MAX_DAYS, day + MAX_DAYS], |r| {
        Ok((r.get::<_, i64>(0)?, Fields::from_row(r, 1)?))
    })?;
    let mut best: Option<((i64, f64), i64)> = None;
    for row in rows {
        let (id, inc) = row?;
        if let Some(d) = same_incident(f, &inc)
            && best.is_none_or(|(b, _)| d.0 < b.0 || (d.0 == b.0 && d.1 < b.1))
        {
            best = Some((d, id));
        }
    }
    Ok(best.map(|(_, id)| id))
}

/// Recomputes an incident's fields and counts from its reports.
fn refresh(tx: &Connection, incident: i64) -> rusqlite::Result<()> {
    let reports: Vec<Fields> = {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {FIELD_COLUMNS} FROM events WHERE incident = ?1 ORDER BY doc, idx"
        ))?;
        stmt.query_map([incident], |r| Fields::from_row(r, 0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let f = reconcile(&reports);
    let mut values: Vec<rusqlite::types::Value> = f.values().to_vec();
    values.push(f.day().into());
    values.push(incident.into());
    let sets: Vec<String> = FIELD_COLUMNS
        .split(", ")
        .map(str::trim)
        .chain(["day"])
        .map(|c| format!("{c} = ?"))
        .collect();
    tx.execute(
        &format!(
            "UPDATE incidents SET {}, \
             documents = (SELECT count(DISTINCT doc) FROM events WHERE incident = ?{n}), \
             stories = (SELECT count(DISTINCT dup_group) FROM events WHERE incident = ?{n}) \
             WHERE id = ?{n}",
            sets.join(", "),
            n = 21
        ),
        rusqlite::params_from_iter(values),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(date: &str, lat: f64, lon: f64, a1: Option<&str>, killed: Option<u64>) -> Fields {
        Fields {
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            date_start: Some(date.into()),
            date_end: Some(date.into()),
            time_precision: Some(1),
            lat: Some(lat),
            lon: Some(lon),
            geo_precision: Some(2),
            actor1_id: a1.map(String::from),
            fatalities: killed,
            confidence: 0.5,
            ..Fields::default()
        }
    }

    #[test]
    fn matching_rule() {
        let base = report("2020-03-12", 35.326, 43.773, Some("isis"), Some(3));
        // (other report, same incident)
        let cases = [
            (
                report("2020-03-12", 35.326, 43.773, Some("isis"), Some(4)),
                true,
            ),
            (report("2020-03-13", 35.340, 43.790, None, None), true), // a day later, ~2 km
            (
                report("2020-03-14", 35.326, 43.773, Some("isis"), None),
                false,
            ), // two days
            (
                report("2020-03-12", 35.500, 43.773, Some("isis"), None),
                false,
            ), // ~19 km
            (
                report("2020-03-12", 35.326, 43.773, Some("pmf"), None),
                false,
            ), // other actor
            (
                Fields {
                    event_type: "Explosions/Remote violence".into(),
                    ..report("2020-03-12", 35.326, 43.773, Some("isis"), None)
                },
                false,
            ),
            (
                Fields {
                    lat: None,
                    ..report("2020-03-12", 35.326, 43.773, Some("isis"), None)
                },
                false,
            ),
        ];
        for (other, same) in cases {
            assert_eq!(same_incident(&base, &other).is_some(), same, "{other:?}");
        }
    }

    #[test]
    fn a_province_level_report_matches_within_its_province() {
        let in_town = Fields {
            admin1: Some("Asir".into()),
            country: Some("SA".into()),
            ..report("2015-08-06", 18.216, 42.505, None, Some(13))
        };
        let province = Fields {
            geo_precision: Some(3),
            ..report("2015-08-07", 19.100, 42.900, None, Some(15))
        };
        // (province report's admin1, same incident)
        for (admin1, same) in [(Some("Asir"), true), (Some("Jazan"), false), (None, false)] {
            let p = Fields {
                admin1: admin1.map(String::from),
                country: Some("SA".into()),
                ..province.clone()
            };
            assert_eq!(same_incident(&in_town, &p).is_some(), same, "{admin1:?}");
        }
    }

    #[test]
    fn reconcile_takes_lowest_toll_and_best_precision() {
        let mut week = report("2020-03-09", 35.3, 43.7, None, Some(5));
        week.time_precision = Some(2);
        week.geo_precision = Some(1);
        week.location = Some("Al-Hawija".into());
        let mut day = report("2020-03-12", 35.326, 43.773, Some("isis"), Some(3));
        day.geo_precision = Some(3);
        let f = reconcile(&[week, day]);
        assert_eq!(f.fatalities, Some(3));
        assert_eq!(f.date_start.as_deref(), Some("2020-03-12"));
        assert_eq!(f.time_precision, Some(1));
        assert_eq!(f.location.as_deref(), Some("Al-Hawija"));
        assert_eq!(f.geo_precision, Some(1));
        assert_eq!(f.actor1_id.as_deref(), Some("isis"));
    }

    #[test]
    fn day_numbers() {
        for (date, n) in [
            ("1970-01-01", Some(0)),
            ("2020-03-01", Some(18322)),
            ("2020-02-29", Some(18321)),
            ("2020-13-01", None),
            ("x", None),
        ] {
            assert_eq!(day_number(date), n, "{date}");
        }
    }
}
