//! The types that flow through the ingest stage.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Where a page came from: the input file and its position inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The input file as given (or `-` for stdin).
    pub file: PathBuf,
    /// 1-based position of the document inside a container (WARC, JSONL,
    /// JSON array, zip); 1 for a single-document file.
    pub index: usize,
}

/// The decoded content of one document, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A page saved as text (scraped, with its chrome), or a corpus record's text.
    Text(String),
    /// An HTML page.
    Html(String),
}

/// Metadata a container gives beside the content (JSONL fields, WARC headers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Title given by the container (JSONL `title`).
    pub title: Option<String>,
    /// Publication date as the container gives it, unparsed (JSONL `published`,
    /// `date`, `date_extracted` …).
    pub published: Option<String>,
    /// Author(s) as the container gives them (JSONL `author`).
    pub author: Option<String>,
    /// Outlet name (JSONL `source`).
    pub outlet: Option<String>,
}

/// One document read from an input, not yet cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `source.uri`: the file path as given, or the WARC-Target-URI / JSONL `url`.
    pub uri: String,
    /// Where it was read from.
    pub origin: Origin,
    /// The decoded content.
    pub content: Content,
    /// Container metadata.
    pub meta: PageMeta,
}

/// `source` of the record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File path as given, or the WARC-Target-URI / JSONL url.
    pub uri: String,
    /// Site or outlet name when known.
    pub outlet: Option<String>,
}

/// `published` of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, matching `precision`.
    pub date: String,
    /// `HH:MM` (24-hour), when the page gives a time.
    pub time: Option<String>,
    /// `day`, `month` or `year`.
    pub precision: String,
    /// The text the date was read from, as the page writes it.
    pub text: String,
}

/// `translated_from` of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslatedFrom {
    /// The original outlet's name, as the page gives it.
    pub outlet: Option<String>,
    /// The original's URL, when the page gives one.
    pub url: Option<String>,
}

/// A cleaned article: the document-level fields of the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// `source`.
    pub source: Source,
    /// The headline, not repeated in `body`.
    pub title: Option<String>,
    /// When the page says the article was published.
    pub published: Option<Published>,
    /// Byline names only.
    pub authors: Vec<String>,
    /// The original, when the article is a translation or republication.
    pub translated_from: Option<TranslatedFrom>,
    /// `published.date`, else a date in `translated_from.url`, else `None`.
    pub reference_date: Option<String>,
    /// Main text only; paragraphs separated by "\n\n".
    pub body: String,
}
