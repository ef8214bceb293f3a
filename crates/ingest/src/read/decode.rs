//! Bytes to text: byte-order marks, UTF-8, declared charsets (HTTP, HTML
//! `<meta>`), and `chardetng` for legacy Arabic (windows-1256, ISO-8859-6);
//! spotting binary and empty content. Owns decoding only: it never decides
//! what format a file is.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, ISO_8859_6, UTF_8, WINDOWS_1256};

/// Why bytes could not become a page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// Nothing but whitespace.
    Empty,
    /// Not text: what it looks like instead.
    Binary(&'static str),
    /// Not UTF-8 and no plausible Arabic legacy encoding: the first bad byte offset.
    NotUtf8(usize),
}

/// Known binary signatures at the start of a file.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"OggS", "Ogg media"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media"),
];

/// The name of a known binary format the bytes start with.
pub(crate) fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, name)| *name)
}

/// Decodes a document's bytes. `declared` is a charset label from outside
/// the bytes (an HTTP `Content-Type`); `html` lets a `<meta>` charset count.
///
/// Order: BOM; valid UTF-8 (a page that is valid UTF-8 but declares a
/// legacy charset is mislabelled far more often than not); the declared
/// charset, then the `<meta>` one; then `chardetng`, accepted only when it
/// (or a direct try) gives plausible Arabic.
pub(crate) fn decode(
    bytes: &[u8],
    declared: Option<&str>,
    html: bool,
) -> Result<String, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if text.trim().is_empty() {
            return Err(DecodeError::Empty);
        }
        if had_errors && enc == UTF_8 {
            let bad = std::str::from_utf8(&bytes[bom_len..])
                .err()
                .map_or(0, |e| e.valid_up_to());
            return Err(DecodeError::NotUtf8(bom_len + bad));
        }
        return Ok(text.into_owned());
    }
    if let Some(kind) = binary_magic(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return Err(DecodeError::Binary("contains NUL bytes"));
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if controls > 8 && controls * 50 > sample.len() {
        return Err(DecodeError::Binary("many control characters"));
    }
    let bad_at = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_owned()),
        Err(e) => e.valid_up_to(),
    };
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| if html { meta_charset(bytes) } else { None });
    if let Some(enc) = declared.filter(|&e| e != UTF_8) {
        let (text, _, had_errors) = enc.decode(bytes);
        if !had_errors {
            return Ok(text.into_owned());
        }
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    let mut candidates = vec![WINDOWS_1256, ISO_8859_6];
    if candidates.contains(&guess) {
        candidates.retain(|&e| e != guess);
        candidates.insert(0, guess);
    }
    for enc in candidates {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors && plausible_arabic(&text) {
            return Ok(text.into_owned());
        }
    }
    Err(DecodeError::NotUtf8(bad_at))
}

/// Most non-ASCII characters are Arabic letters (what a legacy Arabic page
/// decodes to; Latin text forced through windows-1256 does not).
fn plausible_arabic(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut arabic = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        {
            arabic += 1;
        }
    }
    non_ascii > 0 && arabic * 10 >= non_ascii * 8
}

/// The charset an HTML `<meta charset>` or `http-equiv` `content` names,
/// looked for in the first 4 KiB as the HTML standard's prescan does.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"charset") {
        let at = from + pos;
        from = at + 7;
        let Some(lt) = head[..at].iter().rposition(|&b| b == b'<') else {
            continue;
        };
        if !head[lt..].starts_with(b"<meta") || head[lt..at].contains(&b'>') {
            continue;
        }
        if let Some(enc) = charset_value(&head[at + 7..]) {
            return Some(enc);
        }
    }
    None
}

/// The charset parameter of a `Content-Type` value.
pub(crate) fn content_type_charset(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    charset_value(&lower.as_bytes()[at + 7..]).map(|e| e.name().to_owned())
}

/// Parses `= "label"` after the word `charset`.
fn charset_value(rest: &[u8]) -> Option<&'static Encoding> {
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &b[n..]
}

/// Position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "أعلنت السلطات المحلية في المدينة عن افتتاح جسر جديد فوق النهر بعد أشهر من العمل المتواصل، وقال مسؤول إن الجسر سيخفف الازدحام.";

    #[test]
    fn utf8_passes_through() {
        assert_eq!(decode(ARABIC.as_bytes(), None, false).unwrap(), ARABIC);
    }

    #[test]
    fn legacy_arabic_is_detected() {
        for enc in [WINDOWS_1256, ISO_8859_6] {
            let text = ARABIC.replace('،', ",");
            let (bytes, _, bad) = enc.encode(&text);
            assert!(!bad, "{}", enc.name());
            assert_eq!(decode(&bytes, None, false).unwrap(), text, "{}", enc.name());
        }
    }

    #[test]
    fn boms() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(ARABIC.as_bytes());
        assert_eq!(decode(&b, None, false).unwrap(), ARABIC);
        let mut b = vec![0xFF, 0xFE];
        for u in ARABIC.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b, None, false).unwrap(), ARABIC);
    }

    #[test]
    fn errors() {
        let cases: &[(&[u8], DecodeError)] = &[
            (b"", DecodeError::Empty),
            (b" \n\t\r\n ", DecodeError::Empty),
            (b"\xEF\xBB\xBF  ", DecodeError::Empty),
            (b"\x89PNG\r\n\x1a\n\0\0\0", DecodeError::Binary("PNG image")),
            (b"%PDF-1.7\n", DecodeError::Binary("PDF document")),
            (b"\x7fELF\x02\x01", DecodeError::Binary("ELF executable")),
            (b"abc\0def", DecodeError::Binary("contains NUL bytes")),
            (
                b"a\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11",
                DecodeError::Binary("many control characters"),
            ),
            (b"caf\xe9 cr\xe8me br\xfbl\xe9e", DecodeError::NotUtf8(3)),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode(bytes, None, false).unwrap_err(), *want, "{bytes:?}");
        }
    }

    #[test]
    fn meta_and_http_charsets() {
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">";
        assert_eq!(meta_charset(html), Some(WINDOWS_1256));
        assert_eq!(
            meta_charset(b"<meta charset='iso-8859-6'>"),
            Some(ISO_8859_6)
        );
        assert_eq!(meta_charset(b"<p>charset=windows-1256</p>"), None);
        assert_eq!(
            content_type_charset("text/html; Charset=\"windows-1256\"").as_deref(),
            Some("windows-1256")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
