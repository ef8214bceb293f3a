//! The gold format of `../shared/spec/gold.md` as types, and its loader.
//!
//! Owns parsing and checking gold files. It must not score anything: a key
//! that is left out of a gold document means "not annotated" (that field is
//! not scored for the document), while an explicit `null` is an annotation
//! ("the page has none"), so the types keep the two apart.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

/// Errors from reading a gold file; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold file could not be read.
    #[error("{path}: cannot read gold file: {source}")]
    Read {
        /// The gold file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The gold file is not JSON of the gold format.
    #[error("{path}: not a gold file (a JSON list of documents): {source}")]
    Parse {
        /// The gold file.
        path: PathBuf,
        /// The JSON error, with line and column.
        source: serde_json::Error,
    },
    /// A document in the gold file breaks a rule of the format.
    #[error("{path}: document {index} ({file}): {message}")]
    Invalid {
        /// The gold file.
        path: PathBuf,
        /// Position of the document in the list, from 0.
        index: usize,
        /// The document's `file`.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// Keeps "key present with `null`" (`Some(None)`) apart from "key left out"
/// (`None`, through `#[serde(default)]`).
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Accepts `"Armed clash"` as well as `["Armed clash", …]`.
fn one_or_many<'de, D>(d: D) -> Result<Option<Vec<String>>, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(Option::<OneOrMany>::deserialize(d)?.map(|v| match v {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    }))
}

fn yes() -> bool {
    true
}

/// One annotated document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDoc {
    /// The input file, relative to the gold file's folder.
    pub file: String,
    /// Picks one record inside a container file (WARC, JSONL) by `source.uri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// The headline; `Some(None)` means the page has none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub title: Option<Option<String>>,
    /// Publication date and time; `Some(None)` means the page gives none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub published: Option<Option<GoldPublished>>,
    /// Byline names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<String>>,
    /// The original of a translation; `Some(None)` means not a translation.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub translated_from: Option<Option<GoldTranslatedFrom>>,
    /// The date relative expressions resolve against.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_date: Option<Option<String>>,
    /// Strings that must not be in the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    /// Strings that must be in the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// Places mentioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Vec<GoldPlace>>,
    /// Actors mentioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<GoldActor>>,
    /// Persons mentioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<Vec<GoldPerson>>,
    /// Date expressions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<GoldDate>>,
    /// Counts of people (only `killed` and `injured` are scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Vec<GoldCount>>,
    /// Incidents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<GoldEvent>>,
}

/// `published` of a gold document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldPublished {
    /// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub date: String,
    /// `HH:MM`, when the page gives a time.
    #[serde(default)]
    pub time: Option<String>,
}

/// `translated_from` of a gold document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldTranslatedFrom {
    /// The original outlet; checked when given.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The original URL; checked when given.
    #[serde(default)]
    pub url: Option<String>,
}

/// A gold place, also used for an event's `location` / `location_any`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldPlace {
    /// Arabic spellings; a mention whose text equals one of them matches.
    #[serde(default)]
    pub ar: Vec<String>,
    /// English name (documentation only).
    #[serde(default)]
    pub name: Option<String>,
    /// country, admin1, region, city, town, village, site.
    #[serde(default)]
    pub level: Option<String>,
    /// ISO country code.
    #[serde(default)]
    pub country: Option<String>,
    /// Latitude.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude.
    #[serde(default)]
    pub lon: Option<f64>,
    /// `geonames:N` or `rasid:…`.
    #[serde(default)]
    pub id: Option<String>,
    /// Counted in recall (default true).
    #[serde(default = "yes")]
    pub required: bool,
    /// For an event location: a missing location is not wrong.
    #[serde(default)]
    pub null_ok: bool,
}

/// A gold actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldActor {
    /// `actors.tsv` id.
    pub id: String,
    /// Counted in recall (default true).
    #[serde(default = "yes")]
    pub required: bool,
}

/// A gold person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldPerson {
    /// Acceptable forms of the name.
    pub names: Vec<String>,
    /// Counted in recall (default true).
    #[serde(default = "yes")]
    pub required: bool,
}

/// A gold date expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDate {
    /// The expression as the page writes it.
    pub text: String,
    /// Its resolved value; `null` when it cannot be resolved.
    #[serde(default)]
    pub value: Option<String>,
    /// Counted in recall (default true).
    #[serde(default = "yes")]
    pub required: bool,
}

/// A gold count of people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldCount {
    /// killed, injured, … (only killed and injured are scored).
    pub kind: String,
    /// The number; `null` for a lower bound ("عشرات"), which is not scored
    /// (a prediction without a number is right to have none).
    pub value: Option<u64>,
    /// Counted in recall (default true).
    #[serde(default = "yes")]
    pub required: bool,
}

/// A gold event's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEventDate {
    /// `YYYY-MM-DD` (a `YYYY-MM` accepts any day of that month); null when
    /// the text gives no date.
    #[serde(default)]
    pub value: Option<String>,
    /// A prediction without a date is not wrong.
    #[serde(default)]
    pub null_ok: bool,
}

/// A gold event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    /// Text the event's evidence must contain (any one of them).
    pub anchors: Vec<String>,
    /// Counted in recall (default true).
    #[serde(default = "yes")]
    pub required: bool,
    /// How many predictions it may absorb (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_matches: Option<usize>,
    /// ACLED event type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Acceptable ACLED sub-event types.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_event_type: Option<Vec<String>>,
    /// The date; `Some(None)` means the event must have none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<Option<GoldEventDate>>,
    /// The place; `Some(None)` means the event must have none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub location: Option<Option<GoldPlace>>,
    /// Several acceptable places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_any: Option<Vec<GoldPlace>>,
    /// Acceptable actor1 ids; `""` accepts none, `[]` requires none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor1: Option<Vec<String>>,
    /// Acceptable actor2 ids; `""` accepts none, `[]` requires none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor2: Option<Vec<String>>,
    /// Killed; `Some(None)` means the prediction must have none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub fatalities: Option<Option<u64>>,
    /// Several acceptable fatality figures (`null` allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities_any: Option<Vec<Option<u64>>>,
}

impl GoldEvent {
    /// How many predictions this event may absorb.
    pub fn capacity(&self) -> usize {
        self.max_matches.unwrap_or(1)
    }
}

/// Reads a gold file and checks what serde cannot.
pub fn load_gold(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let docs: Vec<GoldDoc> = serde_json::from_str(&text).map_err(|source| EvalError::Parse {
        path: path.to_path_buf(),
        source,
    })?;
    for (index, doc) in docs.iter().enumerate() {
        if let Err(message) = check(doc) {
            return Err(EvalError::Invalid {
                path: path.to_path_buf(),
                index,
                file: doc.file.clone(),
                message,
            });
        }
    }
    Ok(docs)
}

/// The rules of a gold document that its types do not enforce.
fn check(doc: &GoldDoc) -> Result<(), String> {
    if doc.file.trim().is_empty() {
        return Err("`file` is empty".into());
    }
    let blank = |s: &str| rasid_text::normalize::fold_for_scoring(s).is_empty();
    if doc.absent.iter().chain(&doc.present).any(|s| blank(s)) {
        return Err("an `absent` or `present` string is empty".into());
    }
    for (i, p) in doc.places.iter().flatten().enumerate() {
        check_place(p).map_err(|m| format!("places[{i}]: {m}"))?;
    }
    for (i, p) in doc.persons.iter().flatten().enumerate() {
        if p.names.is_empty() || p.names.iter().any(|n| blank(n)) {
            return Err(format!(
                "persons[{i}]: `names` is empty or holds an empty name"
            ));
        }
    }
    for (i, d) in doc.dates.iter().flatten().enumerate() {
        if blank(&d.text) {
            return Err(format!("dates[{i}]: `text` is empty"));
        }
    }
    for (i, e) in doc.events.iter().flatten().enumerate() {
        if e.anchors.is_empty() || e.anchors.iter().any(|a| blank(a)) {
            return Err(format!(
                "events[{i}]: `anchors` is empty or holds an empty anchor"
            ));
        }
        if e.max_matches == Some(0) {
            return Err(format!("events[{i}]: `max_matches` must be at least 1"));
        }
        let places = e
            .location
            .iter()
            .flatten()
            .chain(e.location_any.iter().flatten());
        for p in places {
            check_place(p).map_err(|m| format!("events[{i}].location: {m}"))?;
        }
    }
    Ok(())
}

fn check_place(p: &GoldPlace) -> Result<(), String> {
    if p.lat.is_some() != p.lon.is_some() {
        return Err("`lat` and `lon` go together".into());
    }
    if p.ar.is_empty() && p.id.is_none() && p.lat.is_none() && p.country.is_none() {
        return Err("nothing to match on (no `ar`, `id`, `lat`/`lon` or `country`)".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Vec<GoldDoc>, EvalError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.json");
        std::fs::write(&path, json).unwrap();
        load_gold(&path)
    }

    #[test]
    fn left_out_and_null_are_different() {
        let docs = parse(r#"[{"file": "a.txt", "title": null}]"#).unwrap();
        assert_eq!(docs[0].title, Some(None));
        assert_eq!(docs[0].published, None);
        assert_eq!(docs[0].places, None);
    }

    #[test]
    fn defaults_and_shapes() {
        let docs = parse(
            r#"[{"file": "b.txt",
                "published": {"date": "2021-05-02"},
                "places": [{"ar": ["الرقة"], "level": "city", "lat": 35.95, "lon": 39.01}],
                "events": [{"anchors": ["قصفت طائرات"], "sub_event_type": "Air/drone strike",
                            "date": {"value": "2021-05-01"}, "fatalities": null,
                            "fatalities_any": [2, null]}]}]"#,
        )
        .unwrap();
        let d = &docs[0];
        assert!(d.places.as_ref().unwrap()[0].required);
        let e = &d.events.as_ref().unwrap()[0];
        assert!(e.required);
        assert_eq!(e.capacity(), 1);
        assert_eq!(
            e.sub_event_type.as_deref(),
            Some(&["Air/drone strike".to_string()][..])
        );
        assert_eq!(e.fatalities, Some(None));
        assert_eq!(e.fatalities_any, Some(vec![Some(2), None]));
        assert!(!e.date.clone().unwrap().unwrap().null_ok);
    }

    #[test]
    fn errors_name_the_file_and_the_fault() {
        let cases = [
            (r#"{"file": "a.txt"}"#, "not a gold file"),
            (
                r#"[{"file": "a.txt", "titel": "خبر"}]"#,
                "unknown field `titel`",
            ),
            (r#"[{"file": ""}]"#, "`file` is empty"),
            (
                r#"[{"file": "a.txt", "events": [{"anchors": []}]}]"#,
                "events[0]: `anchors`",
            ),
            (
                r#"[{"file": "a.txt", "events": [{"anchors": ["هجوم"], "max_matches": 0}]}]"#,
                "max_matches",
            ),
            (
                r#"[{"file": "a.txt", "places": [{"ar": ["حلب"], "lat": 36.2}]}]"#,
                "places[0]",
            ),
            (
                r#"[{"file": "a.txt", "places": [{"level": "city"}]}]"#,
                "nothing to match on",
            ),
            (r#"[{"file": "a.txt", "present": ["  "]}]"#, "empty"),
        ];
        for (json, want) in cases {
            let err = parse(json).unwrap_err().to_string();
            assert!(err.contains("gold.json"), "{err}");
            assert!(err.contains(want), "{json}: {err}");
        }
        let missing = load_gold(Path::new("/nonexistent/gold.json"))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("/nonexistent/gold.json") && missing.contains("cannot read"));
    }
}
