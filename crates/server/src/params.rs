//! Query parameters: reading them, checking them, and the filter they make.
//!
//! Owns what each endpoint accepts and the 400 each bad value gets (one
//! [`ApiError`] naming the parameter). Must not touch the store: the
//! [`IncidentQuery`] it builds is turned into SQL by [`crate::db`].

use crate::ApiError;
use std::collections::BTreeMap;

/// Largest page of incidents one request may ask for.
pub const MAX_LIMIT: u64 = 500;
/// Page size when none is given.
pub const DEFAULT_LIMIT: u64 = 50;

/// ACLED event types and their sub-event types (`../shared/spec/taxonomy.md`);
/// `type=` must name one of them.
pub const TAXONOMY: &[(&str, &[&str])] = &[
    (
        "Battles",
        &[
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ],
    ),
    (
        "Explosions/Remote violence",
        &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    (
        "Violence against civilians",
        &[
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ],
    ),
    (
        "Protests",
        &[
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ],
    ),
    ("Riots", &["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

/// The query string of one request, checked against what the endpoint takes.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    /// Reads `pairs`; a parameter not in `allowed`, or given twice, is a 400.
    pub fn new(pairs: Vec<(String, String)>, allowed: &[&str]) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        for (k, v) in pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::unknown(&k, allowed));
            }
            if values.insert(k.clone(), v).is_some() {
                return Err(ApiError::bad(&k, format!("`{k}` is given more than once")));
            }
        }
        Ok(Params { values })
    }

    /// The trimmed value of `name`, `None` when absent or empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// An unsigned integer in `range`, or `default` when absent.
    pub fn uint(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<u64>,
        default: Option<u64>,
    ) -> Result<Option<u64>, ApiError> {
        let Some(s) = self.text(name) else {
            return Ok(default);
        };
        let n: u64 = s.parse().map_err(|_| {
            ApiError::bad(name, format!("`{name}` must be a whole number, not `{s}`"))
        })?;
        if !range.contains(&n) {
            return Err(ApiError::bad(
                name,
                format!(
                    "`{name}` must be between {} and {}, not {n}",
                    range.start(),
                    range.end()
                ),
            ));
        }
        Ok(Some(n))
    }

    /// A number in `range`, or `default` when absent.
    pub fn float(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<f64>,
        default: f64,
    ) -> Result<f64, ApiError> {
        let Some(s) = self.text(name) else {
            return Ok(default);
        };
        match s.parse::<f64>() {
            Ok(x) if range.contains(&x) => Ok(x),
            _ => Err(ApiError::bad(
                name,
                format!(
                    "`{name}` must be a number between {} and {}, not `{s}`",
                    range.start(),
                    range.end()
                ),
            )),
        }
    }

    /// A `YYYY-MM-DD` calendar date.
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.text(name)
            .map(|s| {
                if valid_date(s) {
                    Ok(s.to_string())
                } else {
                    Err(ApiError::bad(
                        name,
                        format!("`{name}` must be a date as YYYY-MM-DD, not `{s}`"),
                    ))
                }
            })
            .transpose()
    }
}

/// Whether `s` is a real `YYYY-MM-DD` day (2020-02-30 is not).
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The incident filters `/api/incidents`, `/api/trends` and `/api/alerts`
/// share: the store's own filter, so the API and `rasid events` read the
/// same incidents for the same parameters.
pub type IncidentQuery = rasid_store::IncidentFilter;

/// The parameter names of [`IncidentQuery`].
pub const FILTERS: &[&str] = &[
    "country",
    "admin1",
    "bbox",
    "from",
    "to",
    "type",
    "actor",
    "min_fatalities",
];

/// Reads and checks the incident filters in `p`.
pub fn read_query(p: &Params) -> Result<IncidentQuery, ApiError> {
    let country = p
        .text("country")
        .map(|c| {
            if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
                Ok(c.to_ascii_uppercase())
            } else {
                Err(ApiError::bad(
                    "country",
                    format!(
                        "`country` must be an ISO 3166 alpha-2 code such as IQ or SY, not `{c}`"
                    ),
                ))
            }
        })
        .transpose()?;
    let bbox = p.text("bbox").map(parse_bbox).transpose()?;
    let from = p.date("from")?;
    let to = p.date("to")?;
    if let (Some(f), Some(t)) = (&from, &to)
        && f > t
    {
        return Err(ApiError::bad(
            "from",
            format!("`from` ({f}) is after `to` ({t})"),
        ));
    }
    let event_type = p
        .text("type")
        .map(|t| {
            canonical_type(t).map(str::to_string).ok_or_else(|| {
                ApiError::bad(
                    "type",
                    format!(
                        "`type` must be an ACLED event type or sub-event type (for example \
                             `Battles` or `Air/drone strike`), not `{t}`"
                    ),
                )
            })
        })
        .transpose()?;
    Ok(IncidentQuery {
        country,
        admin1: p.text("admin1").map(str::to_string),
        bbox,
        from,
        to,
        event_type,
        actor: p.text("actor").map(str::to_string),
        min_fatalities: p.uint("min_fatalities", 0..=1_000_000, None)?,
    })
}

/// The taxonomy's spelling of an event or sub-event type, matched without case.
pub fn canonical_type(t: &str) -> Option<&'static str> {
    TAXONOMY
        .iter()
        .flat_map(|(ty, subs)| std::iter::once(ty).chain(subs.iter()))
        .find(|name| name.eq_ignore_ascii_case(t))
        .copied()
}

/// `minlon,minlat,maxlon,maxlat` in degrees.
pub fn parse_bbox(s: &str) -> Result<[f64; 4], ApiError> {
    let bad = |why: &str| {
        ApiError::bad(
            "bbox",
            format!("`bbox` must be minlon,minlat,maxlon,maxlat in degrees ({why}), not `{s}`"),
        )
    };
    let parts: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad("four numbers"))?;
    let [x0, y0, x1, y1] = parts[..] else {
        return Err(bad("four numbers"));
    };
    if ![x0, x1].iter().all(|x| (-180.0..=180.0).contains(x))
        || ![y0, y1].iter().all(|y| (-90.0..=90.0).contains(y))
    {
        return Err(bad("longitudes within ±180, latitudes within ±90"));
    }
    if x0 > x1 || y0 > y1 {
        return Err(bad("minimum before maximum"));
    }
    Ok([x0, y0, x1, y1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        // (input, valid)
        let cases = [
            ("2020-03-12", true),
            ("2020-02-29", true),
            ("2019-02-29", false),
            ("2020-13-01", false),
            ("2020-04-31", false),
            ("2020-3-12", false),
            ("12/03/2020", false),
            ("2020-03-1x", false),
            ("", false),
        ];
        for (s, want) in cases {
            assert_eq!(valid_date(s), want, "{s}");
        }
    }

    #[test]
    fn bboxes() {
        // (input, parsed)
        let cases = [
            ("35,32,43,38", Some([35.0, 32.0, 43.0, 38.0])),
            (" 35.5, 32 ,43,38.25", Some([35.5, 32.0, 43.0, 38.25])),
            ("35,32,43", None),
            ("35,32,43,38,1", None),
            ("43,32,35,38", None),
            ("35,32,43,95", None),
            ("a,b,c,d", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_bbox(s).ok(), want, "{s}");
        }
    }

    #[test]
    fn types_match_without_case() {
        let cases = [
            ("battles", Some("Battles")),
            ("AIR/DRONE STRIKE", Some("Air/drone strike")),
            ("Airstrike", None),
        ];
        for (s, want) in cases {
            assert_eq!(canonical_type(s), want, "{s}");
        }
    }
}
