//! JSON and JSONL containers: objects with `text`/`content`/`html` to pages,
//! with their `url`, `title`, date, author and `source`. Owns the record
//! shape only; decoding of bytes is [`super::decode`]'s.

use super::{Ctx, Docs, ReadError, ReadErrorKind, Stream, io_kind, read_capped};
use crate::{Content, Origin, Page, PageMeta};
use serde_json::{Map, Value};
use std::io::{BufRead, Read};

/// Keys that carry a publication date, in order of preference. Not
/// `date_extracted` (SaudiNewsNet): that is when the page was crawled.
const DATE_KEYS: &[&str] = &["published", "date", "datePublished", "published_at"];

/// Whether `bytes` nest arrays/objects deeper than `max` (strings skipped),
/// checked before parsing so a hostile file cannot exhaust the stack.
fn too_deep(bytes: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Parses one JSON value, depth-checked first.
fn parse(bytes: &[u8], max_depth: usize) -> Result<Value, ReadErrorKind> {
    if too_deep(bytes, max_depth) {
        return Err(ReadErrorKind::TooDeep(max_depth));
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(text).map_err(|e| ReadErrorKind::Json(e.to_string()))
}

/// A non-empty string value.
fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// Removes and returns a string value.
fn take_string(obj: &mut Map<String, Value>, key: &str) -> Option<String> {
    match obj.remove(key)? {
        Value::String(s) => Some(s),
        other => {
            obj.insert(key.to_owned(), other);
            None
        }
    }
}

/// Whether a value is a document object.
fn is_document(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        ["text", "content", "html"]
            .iter()
            .any(|k| o.get(*k).is_some_and(Value::is_string))
    })
}

/// One record to a page; `index` is its 1-based place in the container.
fn to_page(ctx: &Ctx, v: Value, index: usize) -> Result<Page, ReadErrorKind> {
    let Value::Object(mut obj) = v else {
        return Err(ReadErrorKind::NotDocument);
    };
    // Moved out, not copied: a corpus day holds tens of megabytes of text.
    let content = if let Some(t) =
        take_string(&mut obj, "text").or_else(|| take_string(&mut obj, "content"))
    {
        Content::Text(t)
    } else if let Some(h) = take_string(&mut obj, "html") {
        Content::Html(h)
    } else {
        return Err(ReadErrorKind::NotDocument);
    };
    let (Content::Text(body) | Content::Html(body)) = &content;
    let limit = ctx.limits.max_page_bytes;
    if body.len() as u64 > limit {
        return Err(ReadErrorKind::PageTooLarge {
            size: Some(body.len() as u64),
            limit,
        });
    }
    if body.trim().is_empty() {
        return Err(ReadErrorKind::Empty);
    }
    let author = match obj.get("author") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Array(items)) => {
            let names: Vec<&str> = items
                .iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join("، "))
        }
        _ => None,
    };
    let meta = PageMeta {
        title: string(&obj, "title"),
        published: DATE_KEYS.iter().find_map(|k| string(&obj, k)),
        author,
        outlet: string(&obj, "source"),
    };
    Ok(Page {
        uri: string(&obj, "url").unwrap_or_else(|| format!("{}:{index}", ctx.name)),
        origin: Origin {
            file: ctx.file.clone(),
            index,
        },
        content,
        meta,
    })
}

/// A `.json` file: an array of document objects, or one object. Read whole
/// (under [`super::Limits::max_input_bytes`]) because a JSON array has no
/// record boundaries to stream on.
pub(super) fn json_docs(ctx: Ctx, mut stream: Stream) -> Docs {
    let bytes = match read_capped(&mut stream, ctx.limits.max_input_bytes) {
        Ok(Some(b)) => b,
        Ok(None) => return ctx.one_err(ReadErrorKind::InputTooLarge(ctx.limits.max_input_bytes)),
        Err(e) => return ctx.one_err(io_kind(e)),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return if ctx.explicit {
            ctx.one_err(ReadErrorKind::Empty)
        } else {
            Box::new(std::iter::empty())
        };
    }
    let value = match parse(&bytes, ctx.limits.max_json_depth) {
        Ok(v) => v,
        Err(e) => return ctx.one_err(e),
    };
    drop(bytes);
    let items = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    if !items.iter().any(is_document) {
        // A walked JSON file with no documents is not a document (a gold
        // file, a config): skip it. Named explicitly, say so.
        return if ctx.explicit {
            ctx.one_err(ReadErrorKind::NoDocuments)
        } else {
            Box::new(std::iter::empty())
        };
    }
    let max = ctx.limits.max_records_per_input;
    let over = items.len() > max;
    let pages = items.into_iter().take(max).enumerate().map({
        let ctx = ctx.clone();
        move |(i, v)| to_page(&ctx, v, i + 1).map_err(|k| ctx.record_err(i + 1, k))
    });
    let tail = over.then(|| Err(ctx.err(ReadErrorKind::TooManyRecords(max))));
    Box::new(pages.chain(tail))
}

/// A `.jsonl` file, one object per line, read line by line.
pub(super) struct JsonlDocs {
    ctx: Ctx,
    stream: Stream,
    line: usize,
    records: usize,
    done: bool,
}

impl JsonlDocs {
    pub(super) fn new(ctx: Ctx, stream: Stream) -> Self {
        JsonlDocs {
            ctx,
            stream,
            line: 0,
            records: 0,
            done: false,
        }
    }

    /// The next line, capped: `Ok(None)` at the end, `Err(true)` when the
    /// line was over the cap (and has been skipped).
    fn next_line(&mut self, cap: u64) -> std::io::Result<Option<Result<Vec<u8>, ()>>> {
        let mut buf = Vec::new();
        let n = (&mut self.stream)
            .take(cap + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if buf.last() != Some(&b'\n') && buf.len() as u64 > cap {
            // Skip the rest of the long line without keeping it.
            loop {
                let chunk = self.stream.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|&b| b == b'\n') {
                    Some(p) => {
                        self.stream.consume(p + 1);
                        break;
                    }
                    None => {
                        let len = chunk.len();
                        self.stream.consume(len);
                    }
                }
            }
            return Ok(Some(Err(())));
        }
        Ok(Some(Ok(buf)))
    }
}

impl Iterator for JsonlDocs {
    type Item = Result<Page, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            // A line holds the page plus its metadata and JSON escapes.
            let cap = self
                .ctx
                .limits
                .max_page_bytes
                .saturating_mul(2)
                .saturating_add(64 * 1024);
            let line = match self.next_line(cap) {
                Ok(None) => {
                    self.done = true;
                    if self.records == 0 {
                        return Some(Err(self.ctx.err(ReadErrorKind::Empty)));
                    }
                    return None;
                }
                Ok(Some(line)) => line,
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.ctx.record_err(self.line + 1, io_kind(e))));
                }
            };
            self.line += 1;
            let n = self.line;
            let bytes = match line {
                Ok(bytes) => bytes,
                Err(()) => {
                    let limit = self.ctx.limits.max_page_bytes;
                    return Some(Err(self
                        .ctx
                        .record_err(n, ReadErrorKind::PageTooLarge { size: None, limit })));
                }
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if self.records == self.ctx.limits.max_records_per_input {
                self.done = true;
                return Some(Err(self
                    .ctx
                    .err(ReadErrorKind::TooManyRecords(self.records))));
            }
            self.records += 1;
            let page = parse(&bytes, self.ctx.limits.max_json_depth)
                .and_then(|v| to_page(&self.ctx, v, n));
            return Some(page.map_err(|k| self.ctx.record_err(n, k)));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_check_skips_strings() {
        assert!(!too_deep(br#"{"a":"[[[[[[[[[[[["}"#, 2));
        assert!(too_deep(b"[[[1]]]", 2));
        assert!(!too_deep(b"[[1]]", 2));
        assert!(!too_deep(br#"{"a":"\"[[[["}"#, 1));
    }

    #[test]
    fn document_objects() {
        let yes = [
            r#"{"text":"نص"}"#,
            r#"{"content":"نص"}"#,
            r#"{"html":"<p>نص</p>"}"#,
        ];
        let no = [r#"{"title":"عنوان"}"#, r#"{"text":5}"#, r#"[1]"#, r#""نص""#];
        for s in yes {
            assert!(is_document(&serde_json::from_str(s).unwrap()), "{s}");
        }
        for s in no {
            assert!(!is_document(&serde_json::from_str(s).unwrap()), "{s}");
        }
    }
}
