//! Weekly counts and "rising activity".
//!
//! Owns the week arithmetic (weeks start on Monday), the weekly trend series
//! and the rising-activity test. For each governorate (admin-1) and ACLED
//! event type, the incidents of the week under test are compared with the
//! same cell's trailing baseline (the `baseline` weeks before it, 8 by
//! default):
//!
//! - expected count λ = (baseline incidents + ½) / baseline weeks: the
//!   baseline mean with a Jeffreys ½ added, so a place with no incident in
//!   the baseline is not infinitely surprising at its first one;
//! - p = P(X ≥ observed) for X ~ Poisson(λ), the one-sided upper-tail
//!   probability of a week at least this busy if nothing had changed;
//! - a cell is **rising** when p < α (0.01 by default) and the week is above
//!   the baseline mean. z = (observed − λ) / √λ is reported as a size of
//!   effect, not used for the decision.
//!
//! Cells are listed most surprising first. It must not read the store: it
//! takes [`Dated`] incidents.

use crate::db::Dated;
use rasid_store::incidents::day_number;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The test, in words, as the API and the page state it.
pub const TEST: &str = "Poisson upper-tail test: p = P(X >= this week's count) for \
    X ~ Poisson(lambda), lambda = (incidents in the trailing baseline weeks + 0.5) / baseline \
    weeks; rising when p < alpha and the count is above the baseline mean";

/// Monday on or before day `days` (days since 1970-01-01, a Thursday).
pub fn week_start(days: i64) -> i64 {
    days - (days + 3).rem_euclid(7)
}

/// The Monday of the week of a `YYYY-MM-DD` date, as days since 1970-01-01.
pub fn week_of(date: &str) -> Option<i64> {
    day_number(date).map(week_start)
}

/// `YYYY-MM-DD` of days since 1970-01-01 (Howard Hinnant's civil_from_days).
pub fn date_of(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// What trends are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// ACLED event type.
    Type,
    /// Country and first-level division.
    Admin1,
}

/// One series of weekly counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The event type, or the division's name.
    pub key: String,
    /// Country of the division (`by=admin1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Incidents in all weeks.
    pub total: u64,
    /// Incidents per week, aligned with [`Trends::weeks`].
    pub counts: Vec<u64>,
}

/// Weekly counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trends {
    /// `type` or `admin1`.
    pub by: &'static str,
    /// Monday of each week, first to last, with no gaps.
    pub weeks: Vec<String>,
    /// Series, largest total first.
    pub series: Vec<Series>,
}

/// Most weeks a trend spans; older weeks are dropped (the latest are kept).
pub const MAX_WEEKS: i64 = 520;

/// Weekly counts of `incidents` grouped `by`.
pub fn trends(incidents: &[Dated], by: GroupBy) -> Trends {
    let dated: Vec<(i64, &Dated)> = incidents
        .iter()
        .filter_map(|d| week_of(&d.date).map(|w| (w, d)))
        .collect();
    let by_name = match by {
        GroupBy::Type => "type",
        GroupBy::Admin1 => "admin1",
    };
    let (Some(first), Some(last)) = (
        dated.iter().map(|d| d.0).min(),
        dated.iter().map(|d| d.0).max(),
    ) else {
        return Trends {
            by: by_name,
            weeks: Vec::new(),
            series: Vec::new(),
        };
    };
    let first = first.max(last - 7 * (MAX_WEEKS - 1));
    let n = ((last - first) / 7 + 1) as usize;
    let mut series: BTreeMap<(Option<String>, String), Vec<u64>> = BTreeMap::new();
    for (w, d) in dated {
        if w < first {
            continue;
        }
        let key = match by {
            GroupBy::Type => (None, d.event_type.clone()),
            GroupBy::Admin1 => (
                d.country.clone(),
                d.admin1.clone().unwrap_or_else(|| "?".to_string()),
            ),
        };
        series.entry(key).or_insert_with(|| vec![0; n])[((w - first) / 7) as usize] += 1;
    }
    let mut series: Vec<Series> = series
        .into_iter()
        .map(|((country, key), counts)| Series {
            key,
            country,
            total: counts.iter().sum(),
            counts,
        })
        .collect();
    series.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.key.cmp(&b.key)));
    Trends {
        by: by_name,
        weeks: (0..n as i64).map(|i| date_of(first + 7 * i)).collect(),
        series,
    }
}

/// One governorate and event type in the week under test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Country code.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: String,
    /// ACLED event type.
    pub event_type: String,
    /// Incidents in the week under test.
    pub count: u64,
    /// Incidents in the baseline weeks.
    pub baseline_total: u64,
    /// Mean incidents per baseline week.
    pub baseline_mean: f64,
    /// λ, the expected count (see the module doc).
    pub expected: f64,
    /// P(X ≥ count) under Poisson(λ).
    pub p_value: f64,
    /// (count − λ) / √λ.
    pub z: f64,
    /// p < α and count above the baseline mean.
    pub rising: bool,
    /// The cell's count in each baseline week then the week under test.
    pub history: Vec<u64>,
}

/// The rising-activity report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The test, in words.
    pub test: &'static str,
    /// Machine name of the test.
    pub method: &'static str,
    /// Monday of the week under test (`null` when the store has no dated incident).
    pub week: Option<String>,
    /// Monday of the first baseline week.
    pub baseline_from: Option<String>,
    /// Weeks in the baseline.
    pub baseline_weeks: u64,
    /// Significance level.
    pub alpha: f64,
    /// Cells that are rising.
    pub rising: u64,
    /// Dated incidents of the week under test with no admin-1, left out.
    pub unplaced: u64,
    /// Cells with at least one incident in the week under test, most surprising first.
    pub cells: Vec<Cell>,
}

/// The rising-activity report for the week holding `week` (default: the
/// latest week with an incident), against `baseline` weeks before it.
pub fn rising(incidents: &[Dated], week: Option<i64>, baseline: u64, alpha: f64) -> Report {
    let dated: Vec<(i64, &Dated)> = incidents
        .iter()
        .filter_map(|d| week_of(&d.date).map(|w| (w, d)))
        .collect();
    let week = week
        .map(week_start)
        .or_else(|| dated.iter().map(|d| d.0).max());
    let mut report = Report {
        test: TEST,
        method: "poisson-upper-tail",
        week: week.map(date_of),
        baseline_from: week.map(|w| date_of(w - 7 * baseline as i64)),
        baseline_weeks: baseline,
        alpha,
        rising: 0,
        unplaced: 0,
        cells: Vec::new(),
    };
    let Some(week) = week else {
        return report;
    };
    let from = week - 7 * baseline as i64;
    let n = baseline as usize + 1;
    let mut counts: BTreeMap<(Option<String>, String, String), Vec<u64>> = BTreeMap::new();
    for (w, d) in dated {
        if w < from || w > week {
            continue;
        }
        let Some(admin1) = &d.admin1 else {
            report.unplaced += u64::from(w == week);
            continue;
        };
        let key = (d.country.clone(), admin1.clone(), d.event_type.clone());
        counts.entry(key).or_insert_with(|| vec![0; n])[((w - from) / 7) as usize] += 1;
    }
    let current: BTreeSet<_> = counts
        .iter()
        .filter(|(_, h)| h[n - 1] > 0)
        .map(|(k, _)| k.clone())
        .collect();
    for ((country, admin1, event_type), history) in counts {
        if !current.contains(&(country.clone(), admin1.clone(), event_type.clone())) {
            continue;
        }
        let count = history[n - 1];
        let baseline_total: u64 = history[..n - 1].iter().sum();
        let baseline_mean = baseline_total as f64 / baseline.max(1) as f64;
        let expected = (baseline_total as f64 + 0.5) / baseline.max(1) as f64;
        let p_value = poisson_upper_tail(count, expected);
        let rising = p_value < alpha && count as f64 > baseline_mean;
        report.rising += u64::from(rising);
        report.cells.push(Cell {
            country,
            admin1,
            event_type,
            count,
            baseline_total,
            baseline_mean,
            expected,
            p_value,
            z: (count as f64 - expected) / expected.sqrt(),
            rising,
            history,
        });
    }
    report.cells.sort_by(|a, b| {
        b.rising
            .cmp(&a.rising)
            .then(a.p_value.total_cmp(&b.p_value))
            .then(b.count.cmp(&a.count))
            .then_with(|| a.admin1.cmp(&b.admin1))
    });
    report
}

/// P(X ≥ k) for X ~ Poisson(λ), summed from k upwards (no cancellation
/// for small p).
pub fn poisson_upper_tail(k: u64, lambda: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if lambda <= 0.0 {
        return 0.0;
    }
    let ln_fact: f64 = (2..=k).map(|i| (i as f64).ln()).sum();
    let mut term = (-lambda + k as f64 * lambda.ln() - ln_fact).exp();
    let mut sum = 0.0;
    let mut i = k;
    // Terms shrink once i > λ; stop when they no longer change the sum.
    while term > sum * 1e-17 || (i as f64) < lambda {
        sum += term;
        i += 1;
        term *= lambda / i as f64;
        if i > k + 100_000 {
            break;
        }
    }
    sum.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // (date, Monday of its week)
        let cases = [
            ("2020-03-12", "2020-03-09"), // Thursday
            ("2020-03-09", "2020-03-09"), // Monday
            ("2020-03-15", "2020-03-09"), // Sunday
            ("2021-01-01", "2020-12-28"), // across a year
            ("1970-01-01", "1969-12-29"),
        ];
        for (d, want) in cases {
            assert_eq!(week_of(d).map(date_of).as_deref(), Some(want), "{d}");
        }
    }

    #[test]
    fn poisson_tail_matches_closed_forms() {
        // (k, λ, P(X ≥ k))
        let e = std::f64::consts::E;
        let cases = [
            (0, 3.0, 1.0),
            (1, 1.0, 1.0 - 1.0 / e),
            (2, 1.0, 1.0 - 2.0 / e),
            (3, 2.0, 1.0 - 5.0 / e.powi(2)),
            (1, 0.0625, 1.0 - (-0.0625f64).exp()),
        ];
        for (k, l, want) in cases {
            let got = poisson_upper_tail(k, l);
            assert!(
                (got - want).abs() < 1e-12,
                "P(X>={k}; {l}) = {got}, want {want}"
            );
        }
        // Far tail: P(X ≥ 30; 1) ≈ e^-1 / 30! (next terms add ~3%).
        let p = poisson_upper_tail(30, 1.0);
        assert!(p > 1e-33 && p < 1e-32, "{p}");
    }

    fn dated(date: &str, admin1: &str, ty: &str) -> Dated {
        Dated {
            date: date.into(),
            country: Some("IQ".into()),
            admin1: Some(admin1.into()),
            event_type: ty.into(),
        }
    }

    #[test]
    fn a_burst_after_quiet_weeks_is_rising_and_a_steady_place_is_not() {
        let mut incidents = Vec::new();
        // Kirkuk: one battle every week for nine weeks (steady).
        for w in 0..9 {
            incidents.push(dated(
                &date_of(week_of("2020-01-06").unwrap() + 7 * w),
                "Kirkuk",
                "Battles",
            ));
        }
        // Diyala: nothing for eight weeks, then four explosions in the ninth.
        for _ in 0..4 {
            incidents.push(dated("2020-03-04", "Diyala", "Explosions/Remote violence"));
        }
        let report = rising(&incidents, None, 8, 0.01);
        assert_eq!(report.week.as_deref(), Some("2020-03-02"));
        assert_eq!(report.baseline_from.as_deref(), Some("2020-01-06"));
        let top = &report.cells[0];
        assert_eq!(
            (top.admin1.as_str(), top.count, top.rising),
            ("Diyala", 4, true)
        );
        let kirkuk = report.cells.iter().find(|c| c.admin1 == "Kirkuk").unwrap();
        assert!(!kirkuk.rising && kirkuk.p_value > 0.3, "{kirkuk:?}");
        assert_eq!(kirkuk.history, vec![1; 9]);
        assert_eq!(report.rising, 1);
    }

    #[test]
    fn trends_fill_empty_weeks() {
        let incidents = [
            dated("2020-03-02", "Kirkuk", "Battles"),
            dated("2020-03-20", "Kirkuk", "Battles"),
            dated("2020-03-21", "Diyala", "Riots"),
        ];
        let t = trends(&incidents, GroupBy::Type);
        assert_eq!(t.weeks, ["2020-03-02", "2020-03-09", "2020-03-16"]);
        assert_eq!(t.series[0].key, "Battles");
        assert_eq!(t.series[0].counts, [1, 0, 1]);
        assert_eq!(t.series[1].counts, [0, 0, 1]);
        let t = trends(&incidents, GroupBy::Admin1);
        assert_eq!(t.series[0].key, "Kirkuk");
        assert_eq!(t.series[0].country.as_deref(), Some("IQ"));
    }
}
