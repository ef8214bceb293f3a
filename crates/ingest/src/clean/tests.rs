//! Whole-page tests of [`clean`](super::clean): dispatch and metadata
//! precedence, the example pages against `examples/gold.json`, and a sanity
//! run over real corpus text when it is present.

use super::*;
use crate::{Origin, PageMeta};
use rasid_text::normalize::fold_for_scoring;
use std::path::{Path, PathBuf};

fn page(content: Content, meta: PageMeta) -> Page {
    Page {
        uri: "mem".into(),
        origin: Origin {
            file: PathBuf::from("mem"),
            index: 1,
        },
        content,
        meta,
    }
}

#[test]
fn container_meta_wins_and_reference_date_follows_published() {
    let meta = PageMeta {
        title: Some("ضبط خلية في القاهرة".into()),
        published: Some("2015-07-27".into()),
        author: Some("هاني الزين".into()),
        outlet: Some("saudinewsnet".into()),
    };
    let a = clean(&page(
        Content::Text(" هاني الزين-القاهرة\n أعلنت وزارة الداخلية اليوم عن ضبط خلية تضم خمسة أشخاص كانوا يخططون لتنفيذ هجمات.".into()),
        meta,
    ));
    assert_eq!(a.title.as_deref(), Some("ضبط خلية في القاهرة"));
    assert_eq!(
        a.published.as_ref().map(|p| p.date.as_str()),
        Some("2015-07-27")
    );
    assert_eq!(a.reference_date.as_deref(), Some("2015-07-27"));
    assert_eq!(a.authors, vec!["هاني الزين".to_string()]);
    assert_eq!(a.source.outlet.as_deref(), Some("saudinewsnet"));
    assert!(a.body.starts_with("أعلنت وزارة الداخلية"));
}

#[test]
fn reference_date_from_translation_url() {
    let a = clean(&page(
        Content::Text("تدرس الإدارة الأمريكية عدة خيارات للتعامل مع الوضع في شمال شرق سوريا بعد الهجمات الأخيرة.\nهذا المقال مترجم عن مجلة فورين بوليسي https://example.org/2019/06/15/syria/".into()),
        PageMeta::default(),
    ));
    assert_eq!(
        a.translated_from.as_ref().and_then(|t| t.outlet.as_deref()),
        Some("فورين بوليسي")
    );
    assert_eq!(a.reference_date.as_deref(), Some("2019-06-15"));
    assert!(!a.body.contains("مترجم"));
}

#[test]
fn html_page_dispatch() {
    let html = "<html><head><title>قصف على ريف حلب - الشاهد</title></head><body><nav>الرئيسية</nav><div class=\"content\"><p>تعرضت قرى في ريف حلب الغربي لقصف مدفعي مكثف صباح اليوم، ما أدى إلى نزوح عشرات العائلات نحو المخيمات.</p><p>اقرأ أيضا: غارة على إدلب</p><p>وقال ناشطون إن القصف طال منازل المدنيين والأراضي الزراعية في المنطقة.</p></div></body></html>";
    let a = clean(&page(Content::Html(html.into()), PageMeta::default()));
    assert_eq!(a.title.as_deref(), Some("قصف على ريف حلب"));
    assert_eq!(a.source.outlet.as_deref(), Some("الشاهد"));
    assert_eq!(a.body.split("\n\n").count(), 2, "{}", a.body);
    assert!(!a.body.contains("اقرأ"));
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn read_example(path: &Path) -> Option<Content> {
    let bytes = std::fs::read(path).ok()?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1256.decode(&bytes).0.into_owned(),
    };
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => Some(Content::Html(text)),
        "txt" => Some(Content::Text(text)),
        _ => None,
    }
}

/// A record of a JSON / JSONL example container, picked by its url, with the
/// container fields a reader passes on (`published`/`date`, never the crawl time).
fn container_record(path: &Path, uri: &str) -> Option<(Content, PageMeta)> {
    let text = std::fs::read_to_string(path).ok()?;
    let records: Vec<serde_json::Value> = match path.extension()?.to_str()? {
        "jsonl" => text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
        "json" => serde_json::from_str(&text).ok()?,
        _ => return None,
    };
    let rec = records
        .into_iter()
        .find(|r| r.get("url").and_then(|u| u.as_str()) == Some(uri))?;
    let field = |k: &str| rec.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let content = match field("html") {
        Some(h) => Content::Html(h),
        None => Content::Text(field("text").or_else(|| field("content"))?),
    };
    let meta = PageMeta {
        title: field("title"),
        published: field("published").or_else(|| field("date")),
        author: field("author"),
        outlet: field("source"),
    };
    Some((content, meta))
}

/// Runs the cleaner over every example with a gold entry and scores the
/// document-level fields; prints one line per miss.
#[test]
fn examples_against_gold() {
    let dir = examples_dir();
    let Ok(gold) = std::fs::read_to_string(dir.join("gold.json")) else {
        eprintln!("note: examples/gold.json absent, skipped");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold.json parses");
    let docs = gold.as_array().cloned().unwrap_or_default();
    let (mut strings, mut strings_ok, mut fields, mut fields_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut files = 0;
    for doc in docs {
        let Some(file) = doc.get("file").and_then(|f| f.as_str()) else {
            continue;
        };
        let path = dir.join(file);
        let uri = doc.get("uri").and_then(|u| u.as_str());
        let Some((content, meta)) = read_example(&path)
            .map(|c| (c, PageMeta::default()))
            .or_else(|| container_record(&path, uri?))
        else {
            continue;
        };
        files += 1;
        let mut p = page(content, meta);
        p.uri = uri.unwrap_or(file).to_string();
        let a = clean(&p);
        eprintln!(
            "{file}: outlet {:?}, published {:?}",
            a.source.outlet,
            a.published.as_ref().map(|p| &p.text)
        );
        let body = fold_for_scoring(&a.body);
        for (key, want_in) in [("present", true), ("absent", false)] {
            for s in doc
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
            {
                strings += 1;
                if body.contains(&fold_for_scoring(s)) == want_in {
                    strings_ok += 1;
                } else {
                    eprintln!("{file}: {key} miss: {s}");
                }
            }
        }
        let mut check = |name: &str, ok: bool, got: String| {
            fields += 1;
            if ok {
                fields_ok += 1;
            } else {
                eprintln!(
                    "{file}: {name} wrong: got {got}, gold {}",
                    doc.get(name).map(|v| v.to_string()).unwrap_or_default()
                );
            }
        };
        let gold_title = doc
            .get("title")
            .and_then(|v| v.as_str())
            .map(fold_for_scoring);
        check(
            "title",
            a.title.as_deref().map(fold_for_scoring) == gold_title,
            format!("{:?}", a.title),
        );
        let gp = doc.get("published").filter(|v| !v.is_null());
        let pub_ok = match (gp, &a.published) {
            (None, None) => true,
            (Some(g), Some(p)) => {
                g.get("date").and_then(|d| d.as_str()) == Some(p.date.as_str())
                    && g.get("time")
                        .and_then(|t| t.as_str())
                        .is_none_or(|t| p.time.as_deref() == Some(t))
            }
            _ => false,
        };
        check("published", pub_ok, format!("{:?}", a.published));
        let mut ga: Vec<String> = doc
            .get("authors")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .map(fold_for_scoring)
            .collect();
        let mut pa: Vec<String> = a.authors.iter().map(|s| fold_for_scoring(s)).collect();
        ga.sort();
        pa.sort();
        check("authors", ga == pa, format!("{:?}", a.authors));
        let gt = doc.get("translated_from").filter(|v| !v.is_null());
        let tr_ok = match (gt, &a.translated_from) {
            (None, None) => true,
            (Some(g), Some(t)) => {
                let g_outlet = g
                    .get("outlet")
                    .and_then(|v| v.as_str())
                    .map(fold_for_scoring);
                let g_url = g.get("url").and_then(|v| v.as_str());
                g_outlet == t.outlet.as_deref().map(fold_for_scoring) && g_url == t.url.as_deref()
            }
            _ => false,
        };
        check("translated_from", tr_ok, format!("{:?}", a.translated_from));
        let gr = doc.get("reference_date").and_then(|v| v.as_str());
        check(
            "reference_date",
            gr == a.reference_date.as_deref(),
            format!("{:?}", a.reference_date),
        );
    }
    if files == 0 {
        eprintln!("note: no example file with a gold entry, skipped");
        return;
    }
    let s = strings_ok as f64 / strings.max(1) as f64;
    let f = fields_ok as f64 / fields.max(1) as f64;
    eprintln!(
        "examples: {files} files; present/absent {strings_ok}/{strings} ({s:.2}); fields {fields_ok}/{fields} ({f:.2})"
    );
    assert!(s >= 0.85, "present/absent score {s:.2}");
    assert!(f >= 0.6, "field score {f:.2}");
}

/// Cleans the first 300 SaudiNewsNet articles: never panics, and the body
/// keeps at least 90% of the prose characters on average.
#[test]
fn saudinewsnet_sanity() {
    let zip_path = Path::new("/work/shared/data/saudinewsnet/2015-07-27.zip");
    let Ok(file) = std::fs::File::open(zip_path) else {
        eprintln!("note: {} absent, skipped", zip_path.display());
        return;
    };
    let mut archive = zip::ZipArchive::new(file).expect("zip opens");
    let mut json = String::new();
    {
        use std::io::Read;
        let mut entry = archive.by_index(0).expect("zip has an entry");
        entry.read_to_string(&mut json).expect("entry reads");
    }
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON array");
    let (mut sum, mut n) = (0.0f64, 0usize);
    for item in items.iter().take(300) {
        let content = item
            .get("content")
            .and_then(|c| c.as_str())
            .unwrap_or_default();
        let meta = PageMeta {
            title: item
                .get("title")
                .and_then(|c| c.as_str())
                .map(str::to_string),
            author: item
                .get("author")
                .and_then(|c| c.as_str())
                .map(str::to_string),
            ..PageMeta::default()
        };
        let a = clean(&page(Content::Text(content.to_string()), meta));
        let prose: Vec<&str> = content
            .lines()
            .map(str::trim)
            .filter(|l| chrome::is_prose(l))
            .collect();
        let total: usize = prose.iter().map(|l| l.chars().count()).sum();
        if total == 0 {
            continue;
        }
        let kept: usize = prose
            .iter()
            .filter(|l| a.body.contains(**l))
            .map(|l| l.chars().count())
            .sum();
        sum += kept as f64 / total as f64;
        n += 1;
    }
    assert!(n > 0);
    let avg = sum / n as f64;
    eprintln!("saudinewsnet: {n} articles, prose kept {avg:.3}");
    assert!(avg >= 0.9, "prose kept {avg:.3}");
}
