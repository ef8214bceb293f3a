//! Fuzz target: page cleaning (`rasid_ingest::clean::clean`) on arbitrary
//! HTML and scraped text.
//!
//! The first byte picks the path: an HTML page, a scraped text page (both
//! decoded lossily here), or the raw bytes read as a `.html` file through the
//! reader (charset sniffing, windows-1256) and then cleaned. Checks the
//! article contract of `rasid_fuzz::check_article` and that cleaning is a
//! pure function of the page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_ingest::{Content, Origin, Page, PageMeta};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = || String::from_utf8_lossy(rest).into_owned();
    let page = |content| Page {
        uri: "fuzz.html".to_owned(),
        origin: Origin {
            file: "fuzz.html".into(),
            index: 1,
        },
        content,
        meta: PageMeta::default(),
    };
    match mode % 3 {
        0 => {
            rasid_fuzz::clean_and_check(&page(Content::Html(text())));
        }
        1 => {
            rasid_fuzz::clean_and_check(&page(Content::Text(text())));
        }
        _ => rasid_fuzz::read_and_check("fuzz.html", rest.to_vec()),
    }
});
