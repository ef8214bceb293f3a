//! FTS5 vs tantivy over the same pre-normalised texts (the store's `search::index_text`, copied here
//! so this program needs only rasid-text): index time, size, top-10 query p50/p99.
use rasid_text::tokens::{tokenize, TokenKind};
use rusqlite::Connection;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, TermQuery, Query};
use tantivy::schema::*;
use tantivy::{doc, Index, Term};

fn index_text(s: &str) -> String {
    let mut out = String::new();
    for t in tokenize(s) {
        if t.kind == TokenKind::Punct { continue; }
        for c in t.candidates() { if !out.is_empty() { out.push(' '); } out.push_str(&c); }
    }
    out
}
fn terms(q: &str) -> Vec<String> {
    tokenize(q).into_iter().filter(|t| t.kind != TokenKind::Punct).map(|t| t.norm).collect()
}
const QUERIES: &[&str] = &[
    "داعش", "#داعش", "دَاعِش", "تنظيم الدولة", "الحوثيين", "اليمن", "صنعاء", "عدن",
    "التحالف", "عاصفة الحزم", "سوريا", "العراق", "الموصل", "إيران", "الاتفاق النووي",
    "الكويت", "تفجير", "مسجد", "انتحاري", "القطيف", "الرياض", "جدة", "مكة المكرمة",
    "المدينة المنورة", "الحج", "الدفاع المدني", "حريق", "حادث مروري", "وزارة الصحة",
    "كورونا", "أسعار النفط", "سوق الأسهم", "الهلال", "النصر", "كأس", "وزارة التعليم",
    "الجامعة", "الملك سلمان", "ولي العهد", "مجلس الوزراء",
];
fn pct(v: &mut Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let p = |x: f64| v[(((v.len() - 1) as f64) * x).round() as usize];
    (p(0.5), p(0.99))
}
fn dir_size(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum()
}
fn main() {
    let src = std::env::args().nth(1).expect("store.sqlite");
    let out = std::path::PathBuf::from(std::env::args().nth(2).expect("out dir"));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("tantivy")).unwrap();
    let db = Connection::open(&src).unwrap();
    let mut stmt = db.prepare("SELECT pk, coalesce(title,''), json_extract(record,'$.body') FROM documents").unwrap();
    let t = Instant::now();
    let docs: Vec<(i64, String, String)> = stmt.query_map([], |r| {
        let (pk, title, body): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok((pk, index_text(&title), index_text(&body)))
    }).unwrap().map(Result::unwrap).collect();
    println!("{} docs; normalising {:.1}s", docs.len(), t.elapsed().as_secs_f64());

    // FTS5
    let fts_path = out.join("fts.sqlite");
    let mut f = Connection::open(&fts_path).unwrap();
    f.execute_batch("PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE d USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 0');").unwrap();
    let t = Instant::now();
    let tx = f.transaction().unwrap();
    for chunk in docs.chunks(256) {
        for (pk, ti, bo) in chunk { tx.execute("INSERT INTO d(rowid,title,body) VALUES (?1,?2,?3)", rusqlite::params![pk, ti, bo]).unwrap(); }
    }
    tx.commit().unwrap();
    f.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    println!("fts5: index {:.1}s, {:.1} MB", t.elapsed().as_secs_f64(), std::fs::metadata(&fts_path).unwrap().len() as f64 / 1e6);

    // tantivy
    let mut sb = Schema::builder();
    let pk_f = sb.add_i64_field("pk", STORED | FAST);
    let opts = TextOptions::default().set_indexing_options(TextFieldIndexing::default().set_tokenizer("raw_ws").set_index_option(IndexRecordOption::WithFreqsAndPositions));
    let title_f = sb.add_text_field("title", opts.clone());
    let body_f = sb.add_text_field("body", opts);
    let schema = sb.build();
    let index = Index::create_in_dir(out.join("tantivy"), schema).unwrap();
    index.tokenizers().register("raw_ws", tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::WhitespaceTokenizer::default()).build());
    let t = Instant::now();
    let mut w = index.writer_with_num_threads(1, 100_000_000).unwrap();
    for (pk, ti, bo) in &docs { w.add_document(doc!(pk_f => *pk, title_f => ti.as_str(), body_f => bo.as_str())).unwrap(); }
    w.commit().unwrap();
    w.wait_merging_threads().unwrap();
    println!("tantivy: index {:.1}s, {:.1} MB", t.elapsed().as_secs_f64(), dir_size(&out.join("tantivy")) as f64 / 1e6);

    // queries
    let mut q = f.prepare("SELECT rowid, bm25(d, 2.0, 1.0) s FROM d WHERE d MATCH ?1 ORDER BY s LIMIT 10").unwrap();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    let (mut tf, mut tt) = (vec![], vec![]);
    let (mut hf, mut ht) = (0usize, 0usize);
    for _round in 0..6 {
        for query in QUERIES {
            let ts = terms(query);
            let m = ts.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" ");
            let t0 = Instant::now();
            let n = q.query_map([&m], |r| r.get::<_, i64>(0)).unwrap().count();
            tf.push(t0.elapsed().as_secs_f64() * 1000.0); hf += n;
            let t0 = Instant::now();
            let clauses: Vec<(Occur, Box<dyn Query>)> = ts.iter().map(|t| {
                let sub: Vec<(Occur, Box<dyn Query>)> = [title_f, body_f].iter().map(|fl| (Occur::Should, Box::new(TermQuery::new(Term::from_field_text(*fl, t), IndexRecordOption::WithFreqs)) as Box<dyn Query>)).collect();
                (Occur::Must, Box::new(BooleanQuery::new(sub)) as Box<dyn Query>)
            }).collect();
            let bq = BooleanQuery::new(clauses);
            let n = searcher.search(&bq, &TopDocs::with_limit(10)).unwrap().len();
            tt.push(t0.elapsed().as_secs_f64() * 1000.0); ht += n;
        }
    }
    let (a, b) = pct(&mut tf); let (c, d) = pct(&mut tt);
    println!("queries x6 (first round warms): fts5 p50 {a:.3} ms p99 {b:.3} ms hits {hf}; tantivy p50 {c:.3} ms p99 {d:.3} ms hits {ht}");
}
