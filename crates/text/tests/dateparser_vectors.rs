//! Rasid's date reader on the Arabic cases of `dateparser`'s own test suite
//! (`data/vectors/dateparser_ar.tsv`, made by
//! `data/scripts/gen_dateparser_vectors.py` from dateparser 1.5.0, BSD-3-Clause).
//!
//! In scope: `absolute` rows (a dateline: date, maybe a time) and `search`
//! rows (dates inside running text), plus the `relative` rows whose unit is
//! days or more (Rasid resolves dates, not clock times: "قبل ٥ ساعات" is out
//! of scope). Hijri dates are read with the tabular calendar, dateparser
//! uses Umm al-Qura: one day apart is accepted for those rows.

use jiff::civil::Date;
use rasid_text::dates::{find_dates, parse_dateline};

const VECTORS: &str = include_str!("../../../data/vectors/dateparser_ar.tsv");

struct Row<'a> {
    input: &'a str,
    expected: &'a str,
    base: &'a str,
    kind: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    VECTORS
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Row {
                input: f[1],
                expected: f[2],
                base: f[3],
                kind: f[4],
            }
        })
        .collect()
}

fn is_hijri(s: &str) -> bool {
    [
        "هـ",
        "محرم",
        "المحرم",
        "صفر",
        "ربيع",
        "جمادى",
        "رجب",
        "شعبان",
        "رمض",
        "شوّال",
        "شوال",
        "القعدة",
        "الحجة",
        "ذوالحجه",
    ]
    .iter()
    .any(|m| s.contains(m))
}

fn same_day(got: Date, want: &str, hijri: bool) -> bool {
    let Ok(want) = want[..10].parse::<Date>() else {
        return false;
    };
    let diff = (got - want).get_days().abs();
    diff == 0 || (hijri && diff <= 1)
}

#[test]
fn absolute_rows() {
    let (mut ok, mut total, mut misses) = (0, 0, Vec::new());
    for row in rows().iter().filter(|r| r.kind == "absolute") {
        total += 1;
        let got = parse_dateline(row.input);
        let right = match (&got, row.expected.is_empty()) {
            (None, true) => true,
            (Some(r), false) => match (r.month, r.day) {
                (Some(m), Some(d)) => {
                    let date = Date::new(r.year, m as i8, d as i8).expect("valid date");
                    let time_ok = row.expected.len() < 16
                        || r.time.is_some_and(|(h, mi)| {
                            format!("{h:02}:{mi:02}") == row.expected[11..16]
                        });
                    same_day(date, row.expected, is_hijri(row.input)) && time_ok
                }
                _ => false,
            },
            _ => false,
        };
        if right {
            ok += 1;
        } else {
            misses.push(format!(
                "{} → {:?} (want {:?})",
                row.input, got, row.expected
            ));
        }
    }
    println!(
        "dateparser absolute rows: {ok}/{total}\n{}",
        misses.join("\n")
    );
    assert!(total >= 20, "vectors present");
    assert!(
        ok * 100 >= total * 95,
        "absolute: {ok}/{total}\n{}",
        misses.join("\n")
    );
}

#[test]
fn search_and_day_relative_rows() {
    let (mut ok, mut total, mut misses) = (0, 0, Vec::new());
    for row in rows()
        .iter()
        .filter(|r| r.kind == "search" || r.kind == "relative")
    {
        if row.expected.is_empty() || row.base.is_empty() {
            continue;
        }
        let Ok(base) = row.base[..10].parse::<Date>() else {
            continue;
        };
        // Day-level only: the expected time of day equals the base's.
        if row.kind == "relative" && row.expected.get(10..16) != row.base.get(10..16) {
            continue;
        }
        let Ok(want) = row.expected[..10].parse::<Date>() else {
            continue;
        };
        if row.kind == "relative" && (want - base).get_days() == 0 {
            continue;
        }
        total += 1;
        let found = find_dates(row.input, Some(base));
        if found
            .iter()
            .any(|m| m.value.as_deref() == Some(&row.expected[..10]))
        {
            ok += 1;
        } else {
            let vals: Vec<_> = found.iter().map(|m| m.value.clone()).collect();
            misses.push(format!(
                "[{}] {} → {:?} (want {})",
                row.kind,
                row.input,
                vals,
                &row.expected[..10]
            ));
        }
    }
    println!(
        "dateparser search + day-level relative rows: {ok}/{total}\n{}",
        misses.join("\n")
    );
    // Measured 8/22 on 2026-11-23: "منذ/قبل N أيام/أسابيع/أشهر/سنوات" are not
    // read yet (issue 3). This floor only guards against losing ground.
    assert!(total > 0 && ok >= 8, "{ok}/{total}");
}
