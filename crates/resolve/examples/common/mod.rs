//! What the resolve examples share: reading the bodies of a JSONL file of
//! `rasid extract` records. Examples only; no rule lives here.

/// The `body` of every record in the JSONL file at `path` (lines that are
/// not JSON or have no body are skipped), with the body's tokens.
pub fn bodies_and_tokens(path: &str) -> (Vec<String>, Vec<Vec<rasid_text::tokens::Token>>) {
    let text = std::fs::read_to_string(path).expect("reading the JSONL file");
    let bodies: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["body"].as_str().map(str::to_string))
        .collect();
    let toks = bodies
        .iter()
        .map(|b| rasid_text::tokens::tokenize(b))
        .collect();
    (bodies, toks)
}
