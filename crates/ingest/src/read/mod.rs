//! Readers: inputs (files, folders, stdin) to [`Page`]s, one per document.
//!
//! Owns turning bytes into decoded documents: format detection (extension
//! and sniffing), decompression (gzip, zip), containers (WARC, JSON, JSONL),
//! character encodings and size limits. It must not clean pages or read
//! their meaning: that is [`crate::clean`]'s work and the stages after it.
//!
//! Everything streams: a folder is walked lazily, a WARC or JSONL file is
//! read record by record, and every read is capped by [`Limits`], so a huge
//! or hostile input ends in one [`ReadError`] rather than memory exhaustion.
//! One bad input (or one bad record) gives one error and the batch goes on.
//!
//! # What a folder walk reads
//!
//! A walk reads what looks like documents: files named `.txt`, `.html`,
//! `.htm`, `.xhtml`, `.warc`, `.json`, `.jsonl`, `.ndjson`, `.zip` (and
//! those names with `.gz`). Other files (a `README.md`, a script) are skipped,
//! and so is a `.json` file that holds no document object at all (a gold
//! file, a config): it is not a document that failed to read. Hidden files
//! and folders are skipped. Named explicitly, the same files are read (an
//! unknown extension is sniffed) and an empty JSON file is an error.

mod decode;
mod json;
mod warc;

use crate::{Content, Origin, Page, PageMeta};
use decode::DecodeError;
use flate2::read::MultiGzDecoder;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek};
use std::path::{Path, PathBuf};

/// Size and shape limits that keep one input from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest single document, in bytes (before decoding).
    pub max_page_bytes: u64,
    /// Largest input after decompression, in bytes.
    pub max_input_bytes: u64,
    /// Deepest JSON nesting accepted.
    pub max_json_depth: usize,
    /// Most records read from one container.
    pub max_records_per_input: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_page_bytes: 16 * 1024 * 1024,
            max_input_bytes: 2 * 1024 * 1024 * 1024,
            max_json_depth: 64,
            max_records_per_input: 1_000_000,
        }
    }
}

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// `-` is stdin; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// What went wrong with one input or one record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// No content (or only whitespace).
    #[error("empty document")]
    Empty,
    /// Binary content, not a document.
    #[error("binary file ({0})")]
    Binary(&'static str),
    /// Not UTF-8 and not a plausible legacy Arabic encoding.
    #[error("not valid UTF-8 (first bad byte at offset {0}) and not a legacy Arabic encoding")]
    NotUtf8(usize),
    /// One document is over [`Limits::max_page_bytes`].
    #[error("page too large ({})", match size {
        Some(n) => format!("{n} bytes > {limit} byte limit"),
        None => format!("over the {limit} byte limit"),
    })]
    PageTooLarge {
        /// Its size, when known without reading it all.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// The (decompressed) input is over [`Limits::max_input_bytes`].
    #[error("input too large (more than {0} bytes decompressed)")]
    InputTooLarge(u64),
    /// A container holds more than [`Limits::max_records_per_input`] records.
    #[error("too many records (limit {0}); the rest is not read")]
    TooManyRecords(usize),
    /// JSON nested deeper than [`Limits::max_json_depth`].
    #[error("JSON nested deeper than {0} levels")]
    TooDeep(usize),
    /// Malformed JSON.
    #[error("not JSON: {0}")]
    Json(String),
    /// A JSON object with no document in it.
    #[error("no \"text\", \"content\" or \"html\" string in this record")]
    NotDocument,
    /// A JSON file with no document object at all.
    #[error("no document objects (objects with \"text\", \"content\" or \"html\")")]
    NoDocuments,
    /// Malformed WARC or HTTP framing.
    #[error("{0}")]
    Warc(String),
    /// The input ends in the middle of a record.
    #[error("truncated: {0}")]
    Truncated(String),
    /// A broken zip archive.
    #[error("zip: {0}")]
    Zip(String),
}

/// One input (or one record of it) that could not be read; the batch goes on.
///
/// Displays as one line, `INPUT: message`, where `INPUT` is the file as given
/// (with `:N`, the record number or line, for a container's record).
#[derive(Debug, thiserror::Error)]
#[error("{input}: {kind}")]
pub struct ReadError {
    /// The input, as given (`-` for stdin), with `:N` for a record.
    pub input: String,
    /// What went wrong.
    pub kind: ReadErrorKind,
}

impl ReadError {
    fn new(input: impl Into<String>, kind: impl Into<ReadErrorKind>) -> Self {
        ReadError {
            input: input.into(),
            kind: kind.into(),
        }
    }
}

impl From<DecodeError> for ReadErrorKind {
    fn from(e: DecodeError) -> Self {
        match e {
            DecodeError::Empty => ReadErrorKind::Empty,
            DecodeError::Binary(what) => ReadErrorKind::Binary(what),
            DecodeError::NotUtf8(at) => ReadErrorKind::NotUtf8(at),
        }
    }
}

/// An io error, unless it is the input-size cap tripping.
fn io_kind(e: io::Error) -> ReadErrorKind {
    if let Some(TooLarge(limit)) = e.get_ref().and_then(|i| i.downcast_ref::<TooLarge>()) {
        return ReadErrorKind::InputTooLarge(*limit);
    }
    ReadErrorKind::Io(e)
}

/// The marker error a [`Capped`] reader returns past its limit.
#[derive(Debug)]
struct TooLarge(u64);

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "input over {} bytes", self.0)
    }
}

impl std::error::Error for TooLarge {}

/// A reader that fails once more than `limit` bytes came through it: the
/// guard against decompression bombs.
struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R> Capped<R> {
    fn new(inner: R, limit: u64) -> Self {
        Capped {
            inner,
            left: limit,
            limit,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // One byte past the limit tells "exactly at" from "over".
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(TooLarge(self.limit))),
            };
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// A boxed byte stream.
type Stream = Box<dyn BufRead + Send>;

/// A boxed stream of documents from one input.
type Docs = Box<dyn Iterator<Item = Result<Page, ReadError>> + Send>;

/// Reads up to `cap` bytes; `Ok(None)` if there were more.
fn read_capped(r: &mut dyn Read, cap: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(cap.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= cap).then_some(buf))
}

/// What an input is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Warc,
    Jsonl,
    Json,
    Zip,
    Unknown,
}

/// The format a file name says, and whether it is gzipped (`.warc.gz`).
fn format_of_name(name: &str) -> (Format, bool) {
    let lower = name.to_ascii_lowercase();
    let (stem, gz) = match lower.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (lower.as_str(), false),
    };
    let file = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
    let ext = match file.rsplit_once('.') {
        Some((_, ext)) => ext,
        None => "",
    };
    let format = match ext {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "warc" => Format::Warc,
        "jsonl" | "ndjson" => Format::Jsonl,
        "json" => Format::Json,
        "zip" if !gz => Format::Zip,
        _ => Format::Unknown,
    };
    (format, gz)
}

/// What the first bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniff {
    Gzip,
    Zip,
    Warc,
    Html,
    JsonArray,
    JsonObject,
    Other,
}

fn sniff(prefix: &[u8]) -> Sniff {
    if prefix.starts_with(b"\x1f\x8b") {
        return Sniff::Gzip;
    }
    if prefix.starts_with(b"PK\x03\x04") {
        return Sniff::Zip;
    }
    let body = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    if body.starts_with(b"WARC/") {
        return Sniff::Warc;
    }
    match body.first() {
        Some(b'<') => {
            let head = body[..body.len().min(1024)].to_ascii_lowercase();
            let html = [
                &b"<!doctype html"[..],
                b"<html",
                b"<head",
                b"<body",
                b"<meta",
            ]
            .iter()
            .any(|tag| decode::find(&head, tag).is_some());
            if html { Sniff::Html } else { Sniff::Other }
        }
        Some(b'[') => Sniff::JsonArray,
        Some(b'{') => Sniff::JsonObject,
        _ => Sniff::Other,
    }
}

/// Where the documents of one input come from, shared by its records.
#[derive(Debug, Clone)]
struct Ctx {
    /// The input as named in errors.
    name: String,
    /// `Origin::file`.
    file: PathBuf,
    /// Named by the user (not found by a walk).
    explicit: bool,
    limits: Limits,
}

impl Ctx {
    fn err(&self, kind: impl Into<ReadErrorKind>) -> ReadError {
        ReadError::new(self.name.clone(), kind)
    }

    fn record_err(&self, n: usize, kind: impl Into<ReadErrorKind>) -> ReadError {
        ReadError::new(format!("{}:{n}", self.name), kind)
    }

    fn one_err(&self, kind: impl Into<ReadErrorKind>) -> Docs {
        Box::new(std::iter::once(Err(self.err(kind))))
    }
}

/// Reads one file (explicit or walked).
fn open_path(path: &Path, explicit: bool, limits: Limits) -> Docs {
    let ctx = Ctx {
        name: path.display().to_string(),
        file: path.to_path_buf(),
        explicit,
        limits,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return ctx.one_err(e),
    };
    let size = file.metadata().ok().map(|m| m.len());
    let (format, gz) = format_of_name(&ctx.name);
    let mut file = file;
    let mut magic = [0u8; 4];
    let n = match read_full(&mut file, &mut magic) {
        Ok(n) => n,
        Err(e) => return ctx.one_err(e),
    };
    if magic[..n].starts_with(b"PK\x03\x04") {
        if let Err(e) = file.rewind() {
            return ctx.one_err(e);
        }
        return zip_docs(ctx, Box::new(file));
    }
    let head = Cursor::new(magic[..n].to_vec());
    let stream: Stream = Box::new(BufReader::with_capacity(
        64 * 1024,
        Capped::new(head.chain(file), limits.max_input_bytes),
    ));
    // The file's size is the page's size only when nothing is decompressed.
    let size = if gz { None } else { size };
    dispatch(ctx, stream, format, size, 0)
}

/// Reads until `buf` is full or the input ends.
fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Sniffs a stream and hands it to the reader for its format. `size` is the
/// byte size when known from metadata; `depth` counts gzip layers.
fn dispatch(ctx: Ctx, mut stream: Stream, named: Format, size: Option<u64>, depth: u8) -> Docs {
    let mut prefix = [0u8; 1024];
    let n = match read_full(&mut stream, &mut prefix) {
        Ok(n) => n,
        Err(e) => return ctx.one_err(io_kind(e)),
    };
    let prefix = &prefix[..n];
    let sniffed = sniff(prefix);
    let stream: Stream = Box::new(BufReader::with_capacity(
        64 * 1024,
        Cursor::new(prefix.to_vec()).chain(stream),
    ));
    match sniffed {
        Sniff::Gzip if depth == 0 => {
            let limit = ctx.limits.max_input_bytes;
            let gunzip = Capped::new(MultiGzDecoder::new(stream), limit);
            return dispatch(
                ctx,
                Box::new(BufReader::with_capacity(64 * 1024, gunzip)),
                named,
                None,
                1,
            );
        }
        Sniff::Zip => {
            // Only a stream (stdin, a gzipped zip) gets here: buffer it, capped.
            let mut stream = stream;
            return match read_capped(&mut stream, ctx.limits.max_input_bytes) {
                Ok(Some(bytes)) => zip_docs(ctx, Box::new(Cursor::new(bytes))),
                Ok(None) => ctx.one_err(ReadErrorKind::InputTooLarge(ctx.limits.max_input_bytes)),
                Err(e) => ctx.one_err(io_kind(e)),
            };
        }
        _ => {}
    }
    let format = match (named, sniffed) {
        (_, Sniff::Warc) => Format::Warc,
        (Format::Text | Format::Unknown, Sniff::Html) => Format::Html,
        (Format::Unknown, Sniff::JsonArray) => Format::Json,
        (Format::Unknown, Sniff::JsonObject) => {
            // One object per line, or one pretty-printed object: that one
            // breaks the line right after its opening brace. (Parsing the
            // first line would fail on lines longer than the sniffed prefix.)
            let brace = prefix.iter().position(|&b| b == b'{').unwrap_or(0);
            let after = prefix[brace + 1..]
                .iter()
                .find(|&&b| b != b' ' && b != b'\t');
            if matches!(after, Some(b'\n' | b'\r')) {
                Format::Json
            } else {
                Format::Jsonl
            }
        }
        (Format::Unknown, _) => Format::Text,
        (named, _) => named,
    };
    match format {
        Format::Text | Format::Html | Format::Unknown | Format::Zip => {
            single(ctx, stream, format == Format::Html, size)
        }
        Format::Warc => Box::new(warc::WarcDocs::new(ctx, stream)),
        Format::Jsonl => Box::new(json::JsonlDocs::new(ctx, stream)),
        Format::Json => json::json_docs(ctx, stream),
    }
}

/// A file that is one document.
fn single(ctx: Ctx, mut stream: Stream, html: bool, size: Option<u64>) -> Docs {
    let limit = ctx.limits.max_page_bytes;
    if let Some(size) = size.filter(|&s| s > limit) {
        return ctx.one_err(ReadErrorKind::PageTooLarge {
            size: Some(size),
            limit,
        });
    }
    let bytes = match read_capped(&mut stream, limit) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return ctx.one_err(ReadErrorKind::PageTooLarge { size: None, limit }),
        Err(e) => return ctx.one_err(io_kind(e)),
    };
    let text = match decode::decode(&bytes, None, html) {
        Ok(text) => text,
        Err(e) => return ctx.one_err(e),
    };
    let content = if html {
        Content::Html(text)
    } else {
        Content::Text(text)
    };
    let page = Page {
        uri: ctx.name.clone(),
        origin: Origin {
            file: ctx.file.clone(),
            index: 1,
        },
        content,
        meta: PageMeta::default(),
    };
    Box::new(std::iter::once(Ok(page)))
}

/// A seekable byte source for a zip archive.
trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

/// A zip archive: each entry read by its own name, one after another, each
/// capped so that a zip bomb ends in an error.
fn zip_docs(ctx: Ctx, source: Box<dyn ReadSeek>) -> Docs {
    let archive = match zip::ZipArchive::new(source) {
        Ok(a) => a,
        Err(e) => return ctx.one_err(ReadErrorKind::Zip(e.to_string())),
    };
    Box::new(ZipDocs {
        ctx,
        archive,
        next_entry: 0,
        current: None,
        count: 0,
        budget_used: 0,
        failed: false,
    })
}

struct ZipDocs {
    ctx: Ctx,
    archive: zip::ZipArchive<Box<dyn ReadSeek>>,
    next_entry: usize,
    current: Option<Docs>,
    count: usize,
    budget_used: u64,
    failed: bool,
}

impl ZipDocs {
    /// Opens the next entry that looks like a document.
    fn open_next(&mut self) -> Option<Result<Docs, ReadError>> {
        while self.next_entry < self.archive.len() {
            let i = self.next_entry;
            self.next_entry += 1;
            let limits = self.ctx.limits;
            let left = limits.max_input_bytes.saturating_sub(self.budget_used);
            let mut entry = match self.archive.by_index(i) {
                Ok(e) => e,
                Err(e) => return Some(Err(self.ctx.err(ReadErrorKind::Zip(e.to_string())))),
            };
            let entry_name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            let hidden = entry_name
                .split('/')
                .any(|part| part.starts_with('.') || part == "__MACOSX");
            let (format, _) = format_of_name(&entry_name);
            if entry.is_dir() || hidden || format == Format::Unknown || format == Format::Zip {
                continue;
            }
            let name = format!("{}/{}", self.ctx.name, entry_name);
            let bytes = match read_capped(&mut entry, left) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => {
                    return Some(Err(ReadError::new(
                        name,
                        ReadErrorKind::InputTooLarge(limits.max_input_bytes),
                    )));
                }
                Err(e) => {
                    return Some(Err(ReadError::new(name, ReadErrorKind::Zip(e.to_string()))));
                }
            };
            self.budget_used += bytes.len() as u64;
            let ctx = Ctx {
                name,
                file: self.ctx.file.clone(),
                explicit: self.ctx.explicit,
                limits,
            };
            let size = Some(bytes.len() as u64);
            let (_, gz) = format_of_name(&entry_name);
            let stream: Stream = Box::new(Cursor::new(bytes));
            return Some(Ok(dispatch(
                ctx,
                stream,
                format,
                if gz { None } else { size },
                0,
            )));
        }
        None
    }
}

impl Iterator for ZipDocs {
    type Item = Result<Page, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.failed {
                return None;
            }
            if let Some(docs) = &mut self.current {
                match docs.next() {
                    Some(Ok(mut page)) => {
                        // Origin: the zip file, the page's place in the whole archive.
                        self.count += 1;
                        page.origin.index = self.count;
                        return Some(Ok(page));
                    }
                    Some(Err(e)) => return Some(Err(e)),
                    None => self.current = None,
                }
            }
            match self.open_next()? {
                Ok(docs) => self.current = Some(docs),
                Err(e) => {
                    // A broken or over-limit archive stops here.
                    self.failed = matches!(
                        e.kind,
                        ReadErrorKind::InputTooLarge(_) | ReadErrorKind::Zip(_)
                    );
                    return Some(Err(e));
                }
            }
        }
    }
}

/// An input still to read.
enum Pending {
    Input(Input),
    Stream {
        name: String,
        stream: Box<dyn Read + Send>,
    },
}

type Walk = Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>;

/// The stream of pages from a list of inputs, in order; see [`read`].
pub struct Reader {
    limits: Limits,
    pending: VecDeque<Pending>,
    walk: Option<Walk>,
    current: Option<Docs>,
}

impl Reader {
    /// Adds a byte stream (named `name` in errors and `Origin::file`), read
    /// like stdin: its format is sniffed.
    pub fn push_stream(&mut self, name: &str, stream: Box<dyn Read + Send>) {
        self.pending.push_back(Pending::Stream {
            name: name.to_owned(),
            stream,
        });
    }

    fn open_stream(&self, name: String, stream: Box<dyn Read + Send>) -> Docs {
        let ctx = Ctx {
            file: PathBuf::from(&name),
            name,
            explicit: true,
            limits: self.limits,
        };
        let stream: Stream = Box::new(BufReader::with_capacity(
            64 * 1024,
            Capped::new(stream, self.limits.max_input_bytes),
        ));
        // A stream named like a file (`feed.jsonl`) is read by its name, sniffed all the same.
        let (format, _) = format_of_name(&ctx.name);
        dispatch(ctx, stream, format, None, 0)
    }
}

impl Iterator for Reader {
    type Item = Result<Page, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(docs) = &mut self.current {
                if let Some(item) = docs.next() {
                    return Some(item);
                }
                self.current = None;
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_file()
                            && format_of_name(&entry.path().to_string_lossy()).0 != Format::Unknown
                        {
                            self.current = Some(open_path(entry.path(), false, self.limits));
                        }
                    }
                    Some(Err(e)) => {
                        let at = e
                            .path()
                            .map_or_else(String::new, |p| p.display().to_string());
                        let kind = match e.into_io_error() {
                            Some(io) => ReadErrorKind::Io(io),
                            None => ReadErrorKind::Io(io::Error::other("filesystem loop")),
                        };
                        return Some(Err(ReadError::new(at, kind)));
                    }
                    None => self.walk = None,
                }
                continue;
            }
            match self.pending.pop_front()? {
                Pending::Input(Input::Stdin) => {
                    self.current = Some(self.open_stream("-".to_owned(), Box::new(io::stdin())));
                }
                Pending::Stream { name, stream } => {
                    self.current = Some(self.open_stream(name, stream));
                }
                Pending::Input(Input::Path(path)) => {
                    if path.is_dir() {
                        let walk = walkdir::WalkDir::new(&path)
                            .follow_links(true)
                            .sort_by_file_name()
                            .into_iter()
                            .filter_entry(|e| {
                                e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                            });
                        self.walk = Some(Box::new(walk));
                    } else {
                        self.current = Some(open_path(&path, true, self.limits));
                    }
                }
            }
        }
    }
}

/// Reads `inputs` in order: files, folders (walked recursively in sorted
/// order, hidden entries skipped) and stdin. Yields one page per document,
/// or one error per bad input or record; nothing is read until asked for.
pub fn read(inputs: Vec<Input>, limits: Limits) -> Reader {
    Reader {
        limits,
        pending: inputs.into_iter().map(Pending::Input).collect(),
        walk: None,
        current: None,
    }
}

#[cfg(test)]
mod tests;
