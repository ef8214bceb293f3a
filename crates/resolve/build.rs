//! Compiles the reviewed gazetteer tables (`data/gazetteer/places.tsv`,
//! `ambiguous.tsv`) into the binary table the library embeds
//! (`$OUT_DIR/gazetteer.bin`), so that start-up need not parse them. The
//! layout and the reading of names are `src/places/table.rs`, shared with
//! the library, whose tests check the embedded table against the TSVs.

#[path = "src/places/table.rs"]
mod table;

use std::path::PathBuf;

fn main() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/gazetteer");
    let places = data.join("places.tsv");
    let ambiguous = data.join("ambiguous.tsv");
    for p in [&places, &ambiguous] {
        println!("cargo::rerun-if-changed={}", p.display());
    }
    println!("cargo::rerun-if-changed=src/places/table.rs");
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    };
    let bin = table::compile(&read(&places), &read(&ambiguous));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("gazetteer.bin"), bin).expect("writing the gazetteer table");
}
