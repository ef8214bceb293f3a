//! Table-driven tests of actor matching: `text → [(mention text, id)]`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rasid_text::tokens::tokenize;

use super::*;

fn slice(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

fn run(text: &str) -> Vec<(String, Option<&'static str>)> {
    let tokens = tokenize(text);
    find_actors(text, &tokens)
        .into_iter()
        .map(|m| (slice(text, m.start, m.end), m.id))
        .collect()
}

/// `text → expected (mention text, id)` in body order; `""` id means null.
const CASES: &[(&str, &[(&str, &str)])] = &[
    // Islamic State: names, heads, clitics, quotes, hashtags.
    (
        "فجّر عناصر من تنظيم داعش عبوة ناسفة قرب الطريق",
        &[("تنظيم داعش", "isis")],
    ),
    (
        "شنّ مسلحو الدولة الإسلامية في العراق والشام هجوماً ليلياً",
        &[("مسلحو الدولة الإسلامية في العراق والشام", "isis")],
    ),
    ("تبنّى «داعش» الهجوم في بيان مقتضب", &[("داعش", "isis")]),
    (
        "اعتقال خمسة ينتمون لداعش وتفكيك خلية تابعة للدواعش",
        &[("لداعش", "isis"), ("للدواعش", "isis")],
    ),
    (
        "تداول ناشطون وسم #خلايا_داعش على نطاق واسع",
        &[("خلايا_داعش", "isis")],
    ),
    (
        "أعلن تنظيم الدولة مسؤوليته عن التفجير",
        &[("تنظيم الدولة", "isis")],
    ),
    (
        "نشرت ولاية الخير التابعة للتنظيم صوراً للهجوم",
        &[("ولاية الخير", "isis"), ("للتنظيم", "isis")],
    ),
    // "الدولة" alone is the state, "التنظيم" needs the group named.
    ("أعلنت الدولة حالة الطوارئ في المحافظة", &[]),
    ("قال التنظيم في بيان إن عناصره انسحبوا", &[]),
    (
        "هاجم داعش قرية نائية، وقال التنظيم إنه قتل حراسها",
        &[("داعش", "isis"), ("التنظيم", "isis")],
    ),
    // Heads join only a name written without a clitic, never through an article.
    (
        "تتهم الفصائل وحدات حماية الشعب بالتفجير في عفرين",
        &[("وحدات حماية الشعب", "ypg")],
    ),
    (
        "تحركت أرتال للقوات الحكومية نحو تدمر وحمص",
        &[("للقوات الحكومية", "syrian-army")],
    ),
    (
        "نشرت الصفحة صوراً تحت وسم #الجيش_العراقي",
        &[("الجيش_العراقي", "iraqi-security-forces")],
    ),
    // Syrian Democratic Forces, YPG, Asayish, PKK.
    (
        "أعلنت قوات سوريا الديمقراطية السيطرة على البلدة",
        &[("قوات سوريا الديمقراطية", "sdf")],
    ),
    (
        "قتل مقاتلان تابعان لقسد، فيما دفعت قوات قسد بتعزيزات",
        &[("لقسد", "sdf"), ("قوات قسد", "sdf")],
    ),
    (
        "اتهمت أنقرة تنظيم ي ب ك بالوقوف وراء القصف",
        &[("تنظيم ي ب ك", "ypg")],
    ),
    (
        "قصفت المدفعية التركية مواقع لوحدات حماية الشعب الكردية",
        &[
            ("المدفعية التركية", "turkish-forces"),
            ("لوحدات حماية الشعب الكردية", "ypg"),
        ],
    ),
    (
        "أعلنت قوى الأمن الداخلي في الرقة اعتقال مطلوبين",
        &[("قوى الأمن الداخلي", "asayish")],
    ),
    (
        "أفرجت الأسايش عن عشرة موقوفين من مخيم الهول",
        &[("الأسايش", "asayish")],
    ),
    (
        "استهدفت مسيرة مواقع حزب العمال الكردستاني في الجبال",
        &[("حزب العمال الكردستاني", "pkk")],
    ),
    (
        "تقول أنقرة إن عناصر بي كا كا تسللوا عبر الحدود",
        &[("عناصر بي كا كا", "pkk")],
    ),
    // Idlib and the north: HTS, al-Qaeda, SNA, other opposition, groups outside the spec.
    (
        "سيطرت هيئة تحرير الشام على معبر تجاري",
        &[("هيئة تحرير الشام", "hts")],
    ),
    ("اعتقلت هتش ناشطاً في المدينة", &[("هتش", "hts")]),
    (
        "قتل قيادي في تنظيم حراس الدين بغارة، وكان سابقاً في جبهة النصرة",
        &[
            ("تنظيم حراس الدين", "al-qaeda"),
            ("جبهة النصرة", "al-qaeda"),
        ],
    ),
    (
        "اندلعت اشتباكات بين فصائل الجيش الوطني السوري في عفرين",
        &[("فصائل الجيش الوطني السوري", "sna")],
    ),
    (
        "انسحبت فرقة السلطان مراد من القرية",
        &[("فرقة السلطان مراد", "sna")],
    ),
    (
        "هاجمت فصائل المعارضة مواقع متقدمة",
        &[("فصائل المعارضة", "syrian-opposition")],
    ),
    (
        "تصدى جيش العزة لمحاولة تقدم في ريف حماة",
        &[("جيش العزة", "syrian-opposition")],
    ),
    (
        "شارك مقاتلو الحزب الإسلامي التركستاني في المعركة",
        &[("مقاتلو الحزب الإسلامي التركستاني", "")],
    ),
    (
        "أعلنت عصائب أهل الحق مقتل أحد عناصرها",
        &[("عصائب أهل الحق", "")],
    ),
    // The Syrian state and its auxiliaries.
    (
        "قصفت قوات النظام بلدات في جبل الزاوية",
        &[("قوات النظام", "syrian-army")],
    ),
    (
        "أرسل الجيش العربي السوري تعزيزات إلى البادية",
        &[("الجيش العربي السوري", "syrian-army")],
    ),
    (
        "انتشرت عناصر الفرقة الرابعة على الحواجز في درعا",
        &[("عناصر الفرقة الرابعة", "syrian-army")],
    ),
    (
        "قتل ثلاثة من عناصر الدفاع الوطني بكمين",
        &[("عناصر الدفاع الوطني", "syrian-ndf")],
    ),
    ("انتشلت فرق الدفاع المدني جثث الضحايا", &[]),
    (
        "قاتل عناصر لواء القدس إلى جانب قوات الحكومة السورية",
        &[
            ("عناصر لواء القدس", "liwa-al-quds"),
            ("قوات الحكومة السورية", "syrian-army"),
        ],
    ),
    ("قال النظام إنه لن يقبل بالشروط", &[]),
    (
        "قصف النظام أحياء في حمص، وقال ناشطون في دمشق إن النظام يحشد قواته",
        &[("النظام", "syrian-army"), ("النظام", "syrian-army")],
    ),
    ("ناقش المؤتمر أزمة النظام الإقليمي في حلب ودمشق", &[]),
    // Iraq.
    (
        "خاضت قطعات من الجيش العراقي معارك عنيفة",
        &[("الجيش العراقي", "iraqi-security-forces")],
    ),
    (
        "نفذت الشرطة الاتحادية وجهاز مكافحة الإرهاب عملية مشتركة",
        &[
            ("الشرطة الاتحادية", "iraqi-security-forces"),
            ("وجهاز مكافحة الإرهاب", "iraqi-security-forces"),
        ],
    ),
    (
        "قتل جنديان عراقيان بانفجار عبوة",
        &[("جنديان عراقيان", "iraqi-security-forces")],
    ),
    (
        "صدت فصائل الحشد الشعبي هجوماً، ونقل الجرحى بالحشد إلى المستشفى",
        &[("فصائل الحشد الشعبي", "pmf")],
    ),
    (
        "دعم مقاتلو الحشد العشائري القوات الأمنية في الأنبار",
        &[
            ("مقاتلو الحشد العشائري", "pmf"),
            ("القوات الأمنية", "iraqi-security-forces"),
        ],
    ),
    (
        "قتل عنصران من قوات البيشمركة في هجوم",
        &[("قوات البيشمركة", "peshmerga")],
    ),
    (
        "استهدفت غارة مقرات كتائب حزب الله قرب الحدود",
        &[("كتائب حزب الله", "kataib-hezbollah")],
    ),
    (
        "تبنى حزب الله العراقي الهجوم بينما نفى حزب الله اللبناني أي صلة",
        &[
            ("حزب الله العراقي", "kataib-hezbollah"),
            ("حزب الله اللبناني", "hezbollah"),
        ],
    ),
    (
        "قاتل عناصر من حزب الله في القصير",
        &[("حزب الله", "hezbollah")],
    ),
    // Context: the same word is Iraq's army in Iraq, Syria's in Syria, nothing unsure.
    (
        "اشتباكات بين الجيش وعناصر داعش قرب الموصل",
        &[("الجيش", "iraqi-security-forces"), ("وعناصر داعش", "isis")],
    ),
    (
        "اشتباكات بين الجيش وعناصر داعش قرب دير الزور",
        &[("الجيش", "syrian-army"), ("وعناصر داعش", "isis")],
    ),
    ("اشتباكات بين الجيش وعناصر داعش", &[("وعناصر داعش", "isis")]),
    (
        "قتل متظاهرون برصاص قوات الأمن في البصرة",
        &[("قوات الأمن", "iraqi-security-forces")],
    ),
    ("فرقت قوات الأمن المحتجين أمام البرلمان", &[]),
    (
        "أوقفت قوة من الجيش مطلوبين في بيروت وطرابلس، وقال مصدر لبناني إن الجيش اللبناني يلاحق آخرين في البقاع",
        &[("الجيش اللبناني", "")],
    ),
    ("قصف طيران التحالف مواقع في صنعاء وصعدة اليمنية", &[]),
    // Foreign forces: nationality adjectives on forces and aircraft.
    (
        "أعلنت القوات الأمريكية مقتل أحد جنودها، وقالت القوات الأميركية إن التحقيق جار",
        &[
            ("القوات الأمريكية", "us-forces"),
            ("القوات الأميركية", "us-forces"),
        ],
    ),
    (
        "قتل ثلاثة عسكريين أمريكيين في التفجير",
        &[("عسكريين أمريكيين", "us-forces")],
    ),
    (
        "نفذ طيران التحالف الدولي غارات على مواقع للتنظيم",
        &[("طيران التحالف الدولي", "coalition")],
    ),
    (
        "قدم التحالف إسناداً جوياً للقوات التي تقاتل داعش",
        &[("التحالف", "coalition"), ("داعش", "isis")],
    ),
    (
        "قصف التحالف العربي مواقع في صعدة",
        &[("التحالف العربي", "")],
    ),
    ("فاز التحالف الوطني بأكبر عدد من المقاعد", &[]),
    ("دعا الوزير إلى التحالف مع الدول المجاورة", &[]),
    (
        "أعلن الجيش مقتل جنديين بهجوم في شرناق، وقالت أنقرة إن الجيش رد بقصف مواقع في هكاري",
        &[("الجيش", "turkish-forces"), ("الجيش", "turkish-forces")],
    ),
    (
        "شنت طائرات حربية روسية غارات، وقصفت المقاتلات الروسية قرى أخرى",
        &[
            ("طائرات حربية روسية", "russian-forces"),
            ("المقاتلات الروسية", "russian-forces"),
        ],
    ),
    (
        "قتل جندي تركي بقصف استهدف قاعدة عسكرية",
        &[("جندي تركي", "turkish-forces")],
    ),
    (
        "استهدفت الطائرات المسيرة التركية سيارة في القامشلي",
        &[("الطائرات المسيرة التركية", "turkish-forces")],
    ),
    (
        "قتل مستشار في الحرس الثوري الإيراني بغارة",
        &[("الحرس الثوري الإيراني", "iranian-forces")],
    ),
    (
        "أشرف فيلق القدس على نقل الأسلحة",
        &[("فيلق القدس", "iranian-forces")],
    ),
    (
        "قصف الجيش الإسرائيلي مواقع قرب دمشق",
        &[("الجيش الإسرائيلي", "israeli-forces")],
    ),
    (
        "أحبط الجيش الأردني محاولة تهريب على الحدود",
        &[("الجيش الأردني", "jordanian-forces")],
    ),
    // Civilians: plural nouns anywhere, other words only as victims.
    ("أسفر القصف عن مقتل ثلاثة مدنيين", &[("مدنيين", "civilians")]),
    (
        "قتل خمسة رعاة أغنام في البادية",
        &[("رعاة أغنام", "civilians")],
    ),
    ("قال سكان المدينة إن الأسعار ارتفعت", &[]),
    (
        "ضبطت عبوات جاهزة للتفجير. ويقول سكان القرية إن التهريب ازدهر",
        &[],
    ),
    ("قتل ثلاثة أشخاص بقصف على السوق", &[("أشخاص", "civilians")]),
    (
        "اعتقلت الشرطة ثلاثة أشخاص في بغداد",
        &[("الشرطة", "iraqi-security-forces")],
    ),
    (
        "تظاهر ذوو المختطفين أمام مبنى المحافظة",
        &[("المختطفين", "civilians")],
    ),
    (
        "توفي متعاقد مدني أمريكي بنوبة قلبية أثناء القصف",
        &[("متعاقد مدني", "civilians")],
    ),
    (
        "أسفر الهجوم عن إصابة عدد من السكان",
        &[("السكان", "civilians")],
    ),
    ("اعتقلت الدورية ثلاثة أشخاص للاشتباه بصلتهم بالهجوم", &[]),
    // Unidentified.
    (
        "اغتال مسلحون مجهولون قيادياً سابقاً",
        &[("مسلحون مجهولون", "unidentified")],
    ),
    (
        "قتل لاجئ برصاص مسلحين مجهولين",
        &[("لاجئ", "civilians"), ("مسلحين مجهولين", "unidentified")],
    ),
    ("اقتاد الخاطفون الرجل إلى جهة مجهولة", &[]),
];

#[test]
fn table_cases() {
    let mut failed = Vec::new();
    for &(text, want) in CASES {
        let got = run(text);
        let want: Vec<(String, Option<&str>)> = want
            .iter()
            .map(|&(t, id)| (t.to_string(), (!id.is_empty()).then_some(id)))
            .collect();
        if got != want {
            failed.push(format!("{text}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The spec table beside the repository, if this checkout has one.
fn spec_table() -> Option<String> {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared/spec/actors.tsv");
        if candidate.is_file() {
            return std::fs::read_to_string(candidate).ok();
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// Spec ids and names: from `../shared` when present, else the table's copy.
fn spec_ids() -> BTreeMap<String, String> {
    match spec_table() {
        Some(t) => t
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut c = l.split('\t');
                Some((c.next()?.to_string(), c.next()?.to_string()))
            })
            .filter(|(id, _)| !id.is_empty())
            .collect(),
        None => {
            eprintln!(
                "note: ../shared/spec/actors.tsv absent; checking the table's copy of the ids"
            );
            LEXICON
                .actors
                .iter()
                .filter_map(|a| Some((a.id?.to_string(), a.name.to_string())))
                .collect()
        }
    }
}

#[test]
fn every_spec_id_has_aliases_and_its_name() {
    const MIN_ALIASES: usize = 4;
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (actor, _, usage) in LEXICON.aliases() {
        if !usage.block {
            if let Some(id) = LEXICON.actors[actor].id {
                *count.entry(id).or_default() += 1;
            }
        }
    }
    eprintln!("aliases per id: {count:?}");
    for (id, name) in spec_ids() {
        let n = count.get(id.as_str()).copied().unwrap_or(0);
        assert!(n >= MIN_ALIASES, "{id}: {n} aliases");
        let actor = LEXICON.actors.iter().find(|a| a.id == Some(&id)).unwrap();
        assert_eq!(actor.name, name, "{id}");
    }
    // No id outside the spec.
    let spec = spec_ids();
    for a in &LEXICON.actors {
        if let Some(id) = a.id {
            assert!(spec.contains_key(id), "{id} is not a spec id");
        }
    }
}

#[test]
fn every_spec_id_has_a_case() {
    let covered: BTreeSet<&str> = CASES
        .iter()
        .flat_map(|(_, want)| want.iter().map(|w| w.1))
        .collect();
    for id in spec_ids().keys() {
        assert!(covered.contains(id.as_str()), "no test case for {id}");
    }
}

#[test]
fn spans_are_ordered_and_disjoint() {
    let body: String = CASES.iter().map(|c| c.0).collect::<Vec<_>>().join("\n");
    let tokens = tokenize(&body);
    let found = find_actors(&body, &tokens);
    assert!(found.len() > 50);
    let mut last = 0;
    for m in &found {
        assert!(m.start >= last && m.end > m.start, "{m:?}");
        last = m.end;
    }
}

#[test]
fn shared_types_are_send_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ActorMention>();
    assert_send_sync::<Lexicon>();
}

/// Timing on a JSONL file of `{"text": …}` lines named by `RASID_ACTOR_BENCH`
/// (`cargo test --release -p rasid-resolve actor_timing -- --ignored --nocapture`).
#[test]
#[ignore]
fn actor_timing() {
    let Ok(path) = std::env::var("RASID_ACTOR_BENCH") else {
        eprintln!("note: set RASID_ACTOR_BENCH to a JSONL file to time actor matching");
        return;
    };
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .expect("bench file")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some(
                v.get("text")
                    .or_else(|| v.get("body"))?
                    .as_str()?
                    .to_string(),
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = std::time::Instant::now();
    let tokens: Vec<_> = texts.iter().map(|t| tokenize(t)).collect();
    eprintln!("tokenize: {:.3} s", t0.elapsed().as_secs_f64());
    let _ = find_actors("", &[]);
    let t0 = std::time::Instant::now();
    let mut n = 0;
    for (text, toks) in texts.iter().zip(&tokens) {
        n += find_actors(text, toks).len();
    }
    let dt = t0.elapsed().as_secs_f64();
    if let Ok(dump) = std::env::var("RASID_ACTOR_DUMP") {
        let mut out = String::new();
        for (text, toks) in texts.iter().zip(&tokens) {
            for m in find_actors(text, toks) {
                let ctx = |a: usize, b: usize| slice(text, a, b).replace('\n', " ");
                let lo = m.start.saturating_sub(40);
                out += &format!(
                    "{}\t{}\t{}\t{}\n",
                    m.id.unwrap_or("-"),
                    slice(text, m.start, m.end),
                    ctx(lo, m.start),
                    ctx(m.end, m.end + 40)
                );
            }
        }
        std::fs::write(dump, out).expect("dump file");
    }
    eprintln!(
        "{} texts, {:.1} MB, {n} mentions: {dt:.3} s, {:.1} MB/s, {:.1} µs/text",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / dt,
        dt * 1e6 / texts.len() as f64
    );
}
