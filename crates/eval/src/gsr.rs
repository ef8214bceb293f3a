//! Sentence-level scoring against a PLOVER Arabic event GSR CSV (`rasid
//! eval --gsr`): does Rasid call the sentences annotated `yes` violent
//! incidents, and only those?
//!
//! Owns the GSR report: three systems (the learnt sentence detector of
//! `rasid_events::detect`, the full pipeline — at least one event coded in
//! the sentence by `rasid_extract::extract_text` — and the bag-of-cue-words
//! baseline), each scored `yes` against `easy no` and `yes` against all
//! negatives (`easy no` + `difficult no`); `ambiguous` sentences are left
//! out. It reads the GSR through `rasid_events::detect::gsr` and must not
//! train or tune anything.

use crate::Row;
use rasid_events::detect::{self, gsr};
use serde::Serialize;
use std::path::Path;

pub use gsr::GsrError;

/// Which sentences of the GSR are scored (see `rasid_events::detect::gsr::split_of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GsrSplit {
    /// The held-out articles (~30%), never trained or tuned on.
    Heldout,
    /// The training articles (scores there are optimistic).
    Train,
    /// Every sentence.
    All,
}

impl GsrSplit {
    /// Reads `heldout`, `train` or `all`.
    pub fn parse(s: &str) -> Option<GsrSplit> {
        match s {
            "heldout" => Some(GsrSplit::Heldout),
            "train" => Some(GsrSplit::Train),
            "all" => Some(GsrSplit::All),
            _ => None,
        }
    }

    fn keeps(self, s: &gsr::GsrSentence) -> bool {
        match self {
            GsrSplit::All => true,
            GsrSplit::Heldout => s.split() == gsr::Split::Heldout,
            GsrSplit::Train => s.split() == gsr::Split::Train,
        }
    }
}

/// Sentences of each label in the part scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LabelCounts {
    /// `yes`.
    pub yes: usize,
    /// `easy no`.
    pub easy_no: usize,
    /// `difficult no`.
    pub difficult_no: usize,
    /// `ambiguous` (not scored).
    pub ambiguous: usize,
}

/// The result of [`evaluate_gsr`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GsrReport {
    /// The event type the GSR is labelled for (`ASSAULT`, `PROTEST`).
    pub event_type: String,
    /// The part scored.
    pub split: GsrSplit,
    /// Its label counts.
    pub labels: LabelCounts,
    /// One row per system and negative set; `field` reads
    /// `detector vs easy no`, `pipeline vs all no`, …
    pub rows: Vec<Row>,
    /// The sentence the pipeline panicked on, if it did: its rows are then
    /// left out (a broken stage must not take the other systems down).
    pub pipeline_panic: Option<String>,
}

/// ACLED event types that are violence: what the GSR calls an ASSAULT.
const VIOLENT: &[&str] = &[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
];

/// The systems scored, in row order: the learnt detector, the pipeline
/// (any event), the cue baseline, the pipeline's violent events only, and
/// those gated by the detector (a violent event in a sentence the detector
/// also calls violent).
const SYSTEMS: [&str; 5] = [
    "detector",
    "pipeline",
    "cue baseline",
    "pipeline violent",
    "pipeline violent+detector",
];

/// Scores the detector, the pipeline and the cue baseline on the GSR at
/// `path`. Without `split`, an ASSAULT set (the one the detector learnt
/// from) is scored on its held-out part, any other on all sentences.
pub fn evaluate_gsr(path: &Path, split: Option<GsrSplit>) -> Result<GsrReport, GsrError> {
    let sentences = gsr::read_gsr(path)?;
    let event_type = sentences
        .first()
        .map(|s| s.event_type.clone())
        .unwrap_or_default();
    let split = split.unwrap_or(if event_type == "ASSAULT" {
        GsrSplit::Heldout
    } else {
        GsrSplit::All
    });
    let mut labels = LabelCounts::default();
    // (label, detector, pipeline, baseline) per scored sentence.
    let mut decisions = Vec::new();
    let mut pipeline_panic = None;
    for s in sentences.iter().filter(|s| split.keeps(s)) {
        match s.label {
            gsr::Label::Yes => labels.yes += 1,
            gsr::Label::EasyNo => labels.easy_no += 1,
            gsr::Label::DifficultNo => labels.difficult_no += 1,
            gsr::Label::Ambiguous => {
                labels.ambiguous += 1;
                continue;
            }
        }
        // (any event, a violent one): the GSR's ASSAULT is violence only.
        let (pipeline, violent) = if pipeline_panic.is_none() {
            std::panic::catch_unwind(|| {
                let events = rasid_extract::extract_text(&s.id, &s.text, None).events;
                (
                    !events.is_empty(),
                    events
                        .iter()
                        .any(|e| VIOLENT.contains(&e.event_type.as_str())),
                )
            })
            .unwrap_or_else(|_| {
                pipeline_panic = Some(s.id.clone());
                (false, false)
            })
        } else {
            (false, false)
        };
        let detector = detect::is_violent(&s.text);
        decisions.push((
            s.label,
            [
                detector,
                pipeline,
                detect::cue_baseline(&s.text),
                violent,
                violent && detector,
            ],
        ));
    }
    let mut rows = Vec::new();
    for (i, system) in SYSTEMS.iter().enumerate() {
        if matches!(i, 1 | 3 | 4) && pipeline_panic.is_some() {
            continue;
        }
        for (negatives, easy_only) in [("easy no", true), ("all no", false)] {
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for (label, said) in &decisions {
                if easy_only && *label == gsr::Label::DifficultNo {
                    continue;
                }
                match (*label == gsr::Label::Yes, said[i]) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    (false, false) => {}
                }
            }
            rows.push(Row::prf(
                &format!("{system} vs {negatives}"),
                tp,
                fp,
                fn_,
                tp + fn_,
            ));
        }
    }
    Ok(GsrReport {
        event_type,
        split,
        labels,
        rows,
        pipeline_panic,
    })
}

impl GsrReport {
    /// The report as a plain-text table with the counts behind each row.
    pub fn table(&self) -> String {
        let pct =
            |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| format!("{:.1}", v * 100.0));
        let l = &self.labels;
        let mut out = format!(
            "GSR {} ({:?} part): {} yes, {} easy no, {} difficult no, {} ambiguous (not scored)\n",
            self.event_type, self.split, l.yes, l.easy_no, l.difficult_no, l.ambiguous
        );
        let width = self
            .rows
            .iter()
            .map(|r| r.field.chars().count())
            .max()
            .unwrap_or(0);
        out.push_str(&format!(
            "{:<width$}  {:>5}  {:>5}  {:>5}  counts\n",
            "system", "P", "R", "F1"
        ));
        for r in &self.rows {
            out.push_str(&format!(
                "{:<width$}  {:>5}  {:>5}  {:>5}  {}\n",
                r.field,
                pct(r.precision),
                pct(r.recall),
                pct(r.f1),
                r.counts()
            ));
        }
        if let Some(id) = &self.pipeline_panic {
            out.push_str(&format!(
                "pipeline: not scored, it panicked on sentence {id}\n"
            ));
        }
        out
    }

    /// The row of `field`, e.g. `"detector vs easy no"`.
    pub fn row(&self, field: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = ",accept,event_type,id,label,reject,text,total\n\
        1,3,ASSAULT,A.1-1,yes,0,قتل ثلاثة جنود وأصيب خمسة في انفجار عبوة ناسفة استهدفت دوريتهم قرب الرمادي صباح أمس.,3\n\
        2,0,ASSAULT,A.1-2,easy no,3,افتتح محافظ نينوى معرضا للكتاب في الموصل بمشاركة عشرات الناشرين.,3\n\
        3,0,ASSAULT,A.2-1,easy no,3,ناقش مجلس الوزراء خطة لتحسين الكهرباء في بغداد خلال الصيف.,3\n\
        4,1,ASSAULT,A.3-1,difficult no,2,ندد الوزير بالهجوم على المدنيين ودعا إلى إنهاء العنف.,3\n\
        5,2,ASSAULT,A.3-2,ambiguous,1,قيل إن مسلحين خطفوا رجلا.,3\n";

    #[test]
    fn scores_all_sentences_with_counts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("g.csv");
        std::fs::write(&path, CSV).expect("write");
        let report = evaluate_gsr(&path, Some(GsrSplit::All)).expect("report");
        assert_eq!(
            report.labels,
            LabelCounts {
                yes: 1,
                easy_no: 2,
                difficult_no: 1,
                ambiguous: 1
            }
        );
        assert_eq!(report.rows.len(), 10);
        let baseline = report.row("cue baseline vs easy no").expect("row");
        assert_eq!(baseline.counts(), "tp=1 fp=0 fn=0");
        let baseline_all = report.row("cue baseline vs all no").expect("row");
        assert_eq!(baseline_all.counts(), "tp=1 fp=1 fn=0");
        let detector = report.row("detector vs easy no").expect("row");
        assert_eq!((detector.tp + detector.fn_, detector.gold), (1, 1));
        let table = report.table();
        assert!(
            table.contains("1 yes, 2 easy no, 1 difficult no, 1 ambiguous"),
            "{table}"
        );
        assert!(table.contains("tp=1 fp=1 fn=0"), "{table}");
    }

    #[test]
    fn split_names() {
        for (name, split) in [
            ("heldout", Some(GsrSplit::Heldout)),
            ("train", Some(GsrSplit::Train)),
            ("all", Some(GsrSplit::All)),
            ("dev", None),
        ] {
            assert_eq!(GsrSplit::parse(name), split, "{name}");
        }
    }
}
