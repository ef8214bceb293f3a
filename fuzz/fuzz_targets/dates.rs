//! Fuzz target: `rasid_text::dates` over arbitrary UTF-8, with a fixed
//! reference date (2020-06-15).
//!
//! Checks `parse_dateline`: span in bounds, month 1–12, a day only with a
//! month and valid for it, time on a 24-hour clock. Checks `find_dates`:
//! spans in bounds, in order, not overlapping; with a reference every value
//! is set and matches its precision (a real calendar day for day and week);
//! without one, absolute dates keep their value and relative ones have none;
//! an absolute mention's own span reads (by `parse_dateline`) as a date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_fuzz::{char_slice, check_span, is_day, is_month, is_year};
use rasid_text::dates::{DateMention, DatePrecision, find_dates, parse_dateline};

fn check_mentions(text: &str, chars: usize, found: &[DateMention], with_reference: bool) {
    let mut last_end = 0;
    for m in found {
        check_span(m.start, m.end, chars, "date");
        // Found the weekday-overlap bug (regressions/dates/weekday-*).
        assert!(
            m.start >= last_end,
            "dates overlap or are out of order: {found:?}"
        );
        last_end = m.end;
        match &m.value {
            Some(v) => {
                let ok = match m.precision {
                    DatePrecision::Day | DatePrecision::Week => is_day(v),
                    DatePrecision::Month => is_month(v),
                    DatePrecision::Year => is_year(v),
                };
                assert!(ok, "value {v:?} does not match {:?}: {m:?}", m.precision);
            }
            // Found an absolute date losing its value in an apposition
            // (regressions/dates/absolute-date-loses-value-in-apposition.txt).
            None => assert!(
                m.relative && !with_reference,
                "no value for an absolute date or with a reference: {m:?}"
            ),
        }
        if !m.relative {
            let span = char_slice(text, m.start, m.end);
            assert!(
                parse_dateline(span).is_some(),
                "absolute date {span:?} does not read alone: {m:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let chars = text.chars().count();
    if let Some(r) = parse_dateline(text) {
        check_span(r.start, r.end, chars, "dateline");
        if let Some(m) = r.month {
            assert!((1..=12).contains(&m), "month {m}: {r:?}");
            if let Some(d) = r.day {
                assert!(
                    jiff::civil::Date::new(r.year, m as i8, d as i8).is_ok(),
                    "no such day: {r:?}"
                );
            }
        } else {
            assert!(r.day.is_none(), "day without month: {r:?}");
        }
        if let Some((h, mi)) = r.time {
            assert!(h < 24 && mi < 60, "bad time: {r:?}");
        }
    }
    let reference = jiff::civil::date(2020, 6, 15);
    let with = find_dates(text, Some(reference));
    check_mentions(text, chars, &with, true);
    let without = find_dates(text, None);
    check_mentions(text, chars, &without, false);
});
