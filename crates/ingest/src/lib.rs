//! Rasid's ingest stage: readers and cleaning.
//!
//! [`read`] turns inputs (files, folders, stdin; text, HTML, WARC, JSON/JSONL,
//! zip) into [`Page`]s, one per document, decoding legacy encodings and
//! enforcing size limits. [`clean`] turns a [`Page`] into an [`Article`]: the
//! main text and nothing of the page around it, plus title, publication date,
//! bylines, translation source and the reference date.
//!
//! This stage must not look for places, actors, counts or events: that is
//! the work of the stages after it.
#![deny(missing_docs)]

pub mod clean;
mod page;
pub mod read;

pub use page::{Article, Content, Origin, Page, PageMeta, Published, Source, TranslatedFrom};
