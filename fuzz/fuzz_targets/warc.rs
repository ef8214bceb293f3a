//! Fuzz target: the WARC reader over arbitrary bytes, plain or gzipped.
//!
//! The first byte's low bit gzips the rest before reading (a valid gzip
//! stream whose content the fuzzer controls); raw bytes may also start with
//! the gzip magic themselves (a broken or truncated stream). The stream is
//! named `fuzz.warc`, so the reader takes it as WARC unless it sniffs zip.
//! Checks the reader contract of `rasid_fuzz::read_and_check` (limits,
//! record order, no empty page) and cleans every page it yields.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 1 {
        rasid_fuzz::gzip(rest)
    } else {
        rest.to_vec()
    };
    rasid_fuzz::read_and_check("fuzz.warc", bytes);
});
