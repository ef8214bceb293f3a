//! Fuzz target: the JSON Lines reader (and the JSON reader it shares code
//! with) over arbitrary bytes.
//!
//! The first byte picks the stream name: `fuzz.jsonl`, `fuzz.json`, or a
//! name with no extension (format sniffed); its bit 2 gzips the rest. Checks
//! the reader contract of `rasid_fuzz::read_and_check` (limits, nesting
//! depth, record order, no empty page) and cleans every page it yields.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let name = match mode % 3 {
        0 => "fuzz.jsonl",
        1 => "fuzz.json",
        _ => "fuzz",
    };
    let bytes = if mode & 4 == 4 {
        rasid_fuzz::gzip(rest)
    } else {
        rest.to_vec()
    };
    rasid_fuzz::read_and_check(name, bytes);
});
