//! The database schema. Owns table definitions and connection settings; the
//! queries live with the module that needs them.

/// Connection settings: WAL so readers never block the writer and a killed
/// writer loses only its open transaction; foreign keys on.
pub const PRAGMAS: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA busy_timeout = 10000;
";

/// Tables, created when missing.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS documents (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,   -- record id (hex SHA-256 prefix of the body)
    uri             TEXT NOT NULL,
    outlet          TEXT,
    title           TEXT,
    published       TEXT,                   -- published.date
    reference_date  TEXT,
    translated_from TEXT,                   -- translated_from.outlet
    record          TEXT NOT NULL,          -- the whole record as JSON (output.md); body via json_extract
    minhash         BLOB,                   -- dedup::signature, NULL for a body too short to compare
    dup_group       INTEGER                 -- pk of the first document of its near-duplicate group
);
CREATE INDEX IF NOT EXISTS documents_dup_group ON documents(dup_group);

-- Contentless: the text indexed is rasid_text's normal form of each word and its
-- clitic-stripped candidates (search::index_text); snippets are cut from the record's body.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, body, content = '', tokenize = 'unicode61 remove_diacritics 0'
);

-- MinHash-LSH buckets (dedup.rs): one row per document and band.
CREATE TABLE IF NOT EXISTS dedup_buckets (
    band   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    doc    INTEGER NOT NULL REFERENCES documents(pk),
    PRIMARY KEY (band, bucket, doc)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS mentions (
    doc       INTEGER NOT NULL REFERENCES documents(pk),
    idx       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    norm_text TEXT NOT NULL,
    mid       TEXT,                          -- resolved id (geonames:…, actors.tsv id)
    name      TEXT,
    norm_name TEXT,
    level     TEXT,
    country   TEXT,
    admin1    TEXT,
    lat       REAL,
    lon       REAL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX IF NOT EXISTS mentions_mid ON mentions(mid);
CREATE INDEX IF NOT EXISTS mentions_norm_text ON mentions(norm_text);
CREATE INDEX IF NOT EXISTS mentions_norm_name ON mentions(norm_name);

-- One incident: the events of one or more documents that report it, reconciled.
CREATE TABLE IF NOT EXISTS incidents (
    id             INTEGER PRIMARY KEY,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    day            INTEGER,                  -- date_start as days since 1970-01-01, for matching
    time_precision INTEGER,
    location_id    TEXT,
    location       TEXT,
    country        TEXT,
    admin1         TEXT,
    lat            REAL,
    lon            REAL,
    geo_precision  INTEGER,
    actor1_id      TEXT,
    actor1         TEXT,
    actor2_id      TEXT,
    actor2         TEXT,
    fatalities     INTEGER,
    injuries       INTEGER,
    confidence     REAL,
    documents      INTEGER NOT NULL,         -- distinct documents reporting it
    stories        INTEGER NOT NULL          -- distinct near-duplicate groups among them
);
CREATE INDEX IF NOT EXISTS incidents_match ON incidents(event_type, day);

-- One event of one document; `incident` is the incident it was found to report.
CREATE TABLE IF NOT EXISTS events (
    doc            INTEGER NOT NULL REFERENCES documents(pk),
    idx            INTEGER NOT NULL,
    incident       INTEGER NOT NULL REFERENCES incidents(id),
    dup_group      INTEGER,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    time_precision INTEGER,
    location_id    TEXT,
    location       TEXT,
    country        TEXT,
    admin1         TEXT,
    lat            REAL,
    lon            REAL,
    geo_precision  INTEGER,
    actor1_id      TEXT,
    actor1         TEXT,
    actor2_id      TEXT,
    actor2         TEXT,
    fatalities     INTEGER,
    injuries       INTEGER,
    confidence     REAL NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence       TEXT NOT NULL,
    outlet         TEXT,
    uri            TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX IF NOT EXISTS events_incident ON events(incident);
"#;
