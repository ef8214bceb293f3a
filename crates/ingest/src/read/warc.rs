//! WARC files, read record by record (`Content-Length` framing): every
//! `response` record with a 2xx HTML payload becomes a page whose uri is its
//! `WARC-Target-URI`. Handles chunked transfer-encoding and gzip/deflate
//! content-encoding in the payload. Other records (warcinfo, request,
//! metadata, images, CSS) are skipped silently. `Origin::index` is the
//! record's 1-based number in the file, counting every record.

use super::{Ctx, ReadError, ReadErrorKind, Stream, decode, io_kind};
use crate::{Content, Origin, Page, PageMeta};
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use std::io::{self, BufRead, Read};

/// Longest WARC header block accepted.
const MAX_HEAD: u64 = 256 * 1024;

pub(super) struct WarcDocs {
    ctx: Ctx,
    stream: Stream,
    record: usize,
    done: bool,
}

/// One WARC record's headers that matter here.
#[derive(Default)]
struct Head {
    kind: String,
    length: Option<u64>,
    uri: Option<String>,
    content_type: String,
}

impl WarcDocs {
    pub(super) fn new(ctx: Ctx, stream: Stream) -> Self {
        WarcDocs {
            ctx,
            stream,
            record: 0,
            done: false,
        }
    }

    fn fail(&mut self, kind: ReadErrorKind) -> Option<Result<Page, ReadError>> {
        self.done = true;
        Some(Err(self.ctx.record_err(self.record, kind)))
    }

    /// Reads the header block; `Ok(None)` at a clean end of input.
    fn read_head(&mut self) -> Result<Option<Head>, ReadErrorKind> {
        let mut limited = (&mut self.stream).take(MAX_HEAD);
        let mut line = Vec::new();
        // Records are separated by blank lines.
        loop {
            line.clear();
            if limited.read_until(b'\n', &mut line).map_err(io_kind)? == 0 {
                return Ok(None);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        self.record += 1;
        if !line.starts_with(b"WARC/") {
            return Err(ReadErrorKind::Warc("not a WARC record header".into()));
        }
        let mut head = Head::default();
        loop {
            line.clear();
            if limited.read_until(b'\n', &mut line).map_err(io_kind)? == 0 {
                return Err(ReadErrorKind::Truncated(
                    "input ends inside the WARC headers".into(),
                ));
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => head.kind = value.to_ascii_lowercase(),
                "content-length" => head.length = value.parse().ok(),
                "warc-target-uri" => {
                    // WARC 1.0 writes the uri in angle brackets.
                    let uri = value.trim_start_matches('<').trim_end_matches('>');
                    head.uri = (!uri.is_empty()).then(|| uri.to_owned());
                }
                "content-type" => head.content_type = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        if limited.limit() == 0 {
            return Err(ReadErrorKind::Warc(format!(
                "WARC header block over {MAX_HEAD} bytes"
            )));
        }
        Ok(Some(head))
    }

    /// Reads (or skips) `len` block bytes, keeping at most `keep`.
    fn read_block(&mut self, len: u64, keep: u64) -> Result<Vec<u8>, ReadErrorKind> {
        let mut block = Vec::new();
        let kept = (&mut self.stream)
            .take(len.min(keep))
            .read_to_end(&mut block)
            .map_err(io_kind)?;
        let mut got = kept as u64;
        if len > keep {
            got += io::copy(&mut (&mut self.stream).take(len - keep), &mut io::sink())
                .map_err(io_kind)?;
        }
        if got < len {
            return Err(ReadErrorKind::Truncated(format!(
                "record is {len} bytes, input ends after {got}"
            )));
        }
        Ok(block)
    }
}

impl Iterator for WarcDocs {
    type Item = Result<Page, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let head = match self.read_head() {
                Ok(Some(head)) => head,
                Ok(None) => {
                    self.done = true;
                    if self.record == 0 {
                        return Some(Err(self.ctx.err(ReadErrorKind::Empty)));
                    }
                    return None;
                }
                Err(kind) => return self.fail(kind),
            };
            if self.record > self.ctx.limits.max_records_per_input {
                return self.fail(ReadErrorKind::TooManyRecords(
                    self.ctx.limits.max_records_per_input,
                ));
            }
            let Some(len) = head.length else {
                return self.fail(ReadErrorKind::Warc("record has no Content-Length".into()));
            };
            let http = head.kind == "response" && head.content_type.starts_with("application/http");
            // Some crawlers store a page as a `resource` record, no HTTP head.
            let resource = head.kind == "resource" && head.content_type.contains("html");
            let wanted = http || resource;
            let limit = self.ctx.limits.max_page_bytes;
            // Keep the page plus room for its HTTP head; a bigger block is
            // kept only in part, to tell an HTML page from a video.
            let keep = if wanted { limit + 64 * 1024 } else { 0 };
            let block = match self.read_block(len, keep) {
                Ok(block) => block,
                Err(kind) => return self.fail(kind),
            };
            if !wanted {
                continue;
            }
            let found = if resource {
                if len > keep {
                    Err(ReadErrorKind::PageTooLarge {
                        size: Some(len),
                        limit,
                    })
                } else {
                    Ok(Some((
                        block,
                        decode::content_type_charset(&head.content_type),
                    )))
                }
            } else {
                payload(&block, len > keep, limit)
            };
            match found {
                Ok(None) => continue,
                Ok(Some((bytes, charset))) => {
                    let n = self.record;
                    let text = match decode::decode(&bytes, charset.as_deref(), true) {
                        Ok(text) => text,
                        Err(e) => return Some(Err(self.ctx.record_err(n, e))),
                    };
                    return Some(Ok(Page {
                        uri: head.uri.unwrap_or_else(|| format!("{}:{n}", self.ctx.name)),
                        origin: Origin {
                            file: self.ctx.file.clone(),
                            index: n,
                        },
                        content: Content::Html(text),
                        meta: PageMeta::default(),
                    }));
                }
                Err(kind) => return Some(Err(self.ctx.record_err(self.record, kind))),
            }
        }
        None
    }
}

/// An HTML payload and the charset its HTTP head declares.
type Payload = (Vec<u8>, Option<String>);

/// The HTML payload of an HTTP response block and its declared charset;
/// `Ok(None)` when it is not a 2xx HTML response. `cut` says the block was
/// kept only in part because it is over the page limit.
fn payload(block: &[u8], cut: bool, limit: u64) -> Result<Option<Payload>, ReadErrorKind> {
    let mut count = 64;
    let (status, headers, body_at) = loop {
        let mut headers = vec![httparse::EMPTY_HEADER; count];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(block) {
            Ok(httparse::Status::Complete(n)) => {
                let status = response.code.unwrap_or(0);
                let headers: Vec<(String, String)> = response
                    .headers
                    .iter()
                    .map(|h| {
                        (
                            h.name.to_ascii_lowercase(),
                            String::from_utf8_lossy(h.value).trim().to_ascii_lowercase(),
                        )
                    })
                    .collect();
                break (status, headers, n);
            }
            Ok(httparse::Status::Partial) => {
                return Err(ReadErrorKind::Warc("HTTP head is incomplete".into()));
            }
            Err(httparse::Error::TooManyHeaders) if count < 1024 => count *= 4,
            Err(e) => return Err(ReadErrorKind::Warc(format!("bad HTTP head: {e}"))),
        }
    };
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let content_type = header("content-type").unwrap_or("");
    let body = &block[body_at..];
    let says_html = content_type.contains("html");
    if !says_html
        && !content_type.is_empty()
        && !content_type.starts_with("text/plain")
        && !content_type.contains("octet-stream")
    {
        return Ok(None);
    }
    if cut {
        return if says_html {
            Err(ReadErrorKind::PageTooLarge { size: None, limit })
        } else {
            Ok(None)
        };
    }
    let mut body = body.to_vec();
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        body = dechunk(&body)?;
    }
    match header("content-encoding").unwrap_or("identity") {
        "" | "identity" => {}
        "gzip" | "x-gzip" => body = inflate(MultiGzDecoder::new(&body[..]), limit)?,
        "deflate" => body = inflate(ZlibDecoder::new(&body[..]), limit)?,
        other => {
            return Err(ReadErrorKind::Warc(format!(
                "unsupported Content-Encoding {other}"
            )));
        }
    }
    if body.len() as u64 > limit {
        return Err(ReadErrorKind::PageTooLarge {
            size: Some(body.len() as u64),
            limit,
        });
    }
    if !says_html && !looks_html(&body) {
        return Ok(None);
    }
    Ok(Some((body, decode::content_type_charset(content_type))))
}

fn looks_html(body: &[u8]) -> bool {
    let head = body[..body.len().min(1024)].to_ascii_lowercase();
    [&b"<!doctype html"[..], b"<html"]
        .iter()
        .any(|t| decode::find(&head, t).is_some())
}

/// Decompresses a payload, capped at the page limit.
fn inflate(mut r: impl Read, limit: u64) -> Result<Vec<u8>, ReadErrorKind> {
    match super::read_capped(&mut r, limit) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(ReadErrorKind::PageTooLarge { size: None, limit }),
        Err(e) => Err(ReadErrorKind::Warc(format!("bad compressed payload: {e}"))),
    }
}

/// Undoes HTTP/1.1 chunked transfer-encoding.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, ReadErrorKind> {
    let bad = || ReadErrorKind::Warc("bad chunked transfer-encoding".into());
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = data.iter().position(|&b| b == b'\n').ok_or_else(bad)?;
        let line = std::str::from_utf8(&data[..eol]).map_err(|_| bad())?;
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| bad())?;
        data = &data[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            return Err(bad());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\nabc").is_err());
        assert!(dechunk(b"10\r\nabc").is_err());
    }

    #[test]
    fn payload_kinds() {
        let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>";
        let (body, cs) = payload(html, false, 1000).unwrap().unwrap();
        assert_eq!(body, b"<p>x</p>");
        assert_eq!(cs.as_deref(), Some("UTF-8"));
        let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(payload(png, false, 1000).unwrap().is_none());
        let missing = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>";
        assert!(payload(missing, false, 1000).unwrap().is_none());
        let sniffed = b"HTTP/1.1 200 OK\r\n\r\n<!DOCTYPE html><html>";
        assert!(payload(sniffed, false, 1000).unwrap().is_some());
    }
}
