//! The date parsers, two ways:
//! - on arbitrary text, relative expressions, weekday dates and the time
//!   expressions `compare` reads lie inside the text on char boundaries and
//!   resolve without panicking;
//! - on a date or relative expression written from fuzzed fields into a
//!   sentence, each parser reads back what was written, and what it
//!   resolves to is what a reference calendar (`calendar.rs`, days counted
//!   from 1900) says: the day, month and year, the weekday of a complete
//!   date, the date a wrong weekday is written with, and every day a
//!   relative expression can mean.
#![no_main]

mod calendar;

use calendar::{
    ABBREVIATED, Bytes, MONTHS, WEEKDAYS, civil, day_number, days_in_month, jiff_date,
    jiff_weekday, ordinal, week, weekday,
};
use copydesk::compare::classify::time_expressions;
use copydesk::text::relative_dates::{DateRange, Relative, find_expressions, find_weekday_dates};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;

fn inside(text: &str, span: &Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Sentences to write an expression into: nothing in them reads as a date.
const FRAMES: [(&str, &str); 4] = [
    ("The envoys met ", " in Beijing."),
    ("", ": talks resumed after a pause."),
    ("Talks resumed (", ") after a pause."),
    ("Officials said that ", ", the pipeline opened."),
];

fn framed(bytes: &mut Bytes, expression: &str) -> (String, Range<usize>) {
    let (before, after) = bytes.pick(&FRAMES);
    let text = format!("{before}{expression}{after}");
    (text, before.len()..before.len() + expression.len())
}

fn free_text(text: &str) {
    let published = jiff::civil::date(2017, 11, 20);
    for e in find_expressions(text) {
        assert!(inside(text, &e.span), "{e:?}");
        let _ = e.relative.precision();
        for range in e.relative.resolve(published) {
            assert!(range.start <= range.end, "{e:?}: {range:?}");
        }
    }
    for w in find_weekday_dates(text) {
        assert!(inside(text, &w.span), "{w:?}");
    }
    // `compare` reads time expressions sentence by sentence: each line, at
    // most its first 600 bytes, stands for one.
    for line in text.lines() {
        let mut end = line.len().min(600);
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let sentence = &line[..end];
        for (span, when) in time_expressions(sentence, Some(published)) {
            assert!(inside(sentence, &span), "{span:?} {when:?}");
        }
    }
}

/// A complete or partial date as `compare` reads it: "30 October 2017",
/// "Oct. 30, 2017", "Monday, 30 October", "30th October 2017".
fn absolute(bytes: &mut Bytes) {
    // 1903–2097: a publication date up to 400 days away stays in range.
    let y = 1903 + bytes.below(195) as i64;
    let m = 1 + bytes.below(12) as i64;
    let d = 1 + bytes.below(days_in_month(y, m) as u64) as i64;
    let n = day_number(y, m, d);
    let month = MONTHS[(m - 1) as usize];
    let form = bytes.below(6);
    let with_year = !matches!(form, 3 | 4);
    let body = match form {
        0 => format!("{d} {month} {y}"),
        1 => format!("{month} {d}, {y}"),
        2 => format!("{} {d}, {y}", ABBREVIATED[(m - 1) as usize]),
        3 => format!("{d} {month}"),
        4 => format!("{month} {d}"),
        _ => format!("{} {month} {y}", ordinal(d)),
    };
    // No weekday, the date's own, or another day's.
    let wd_choice = bytes.below(3);
    let written_wd = match wd_choice {
        0 => None,
        1 => Some(weekday(n)),
        _ => Some((weekday(n) + 1 + bytes.below(6) as i64) % 7),
    };
    let expression = match written_wd {
        Some(w) => format!("{}, {body}", WEEKDAYS[w as usize]),
        None => body,
    };
    let published = (bytes.below(2) == 0).then(|| n - 400 + bytes.below(800) as i64);
    let (text, span) = framed(bytes, &expression);
    let found = time_expressions(&text, published.map(jiff_date));
    let [(got_span, when)] = found.as_slice() else {
        panic!("{text:?}: one time expression expected, got {found:?}");
    };
    assert_eq!(*got_span, span, "{text:?}: {when:?}");
    assert_eq!(when.month, Some(m as i8), "{text:?}");
    assert_eq!(when.day, Some(d as i8), "{text:?}");
    assert_eq!(when.year, with_year.then_some(y as i16), "{text:?}");
    let expected_weekday = written_wd.or(with_year.then(|| weekday(n)));
    assert_eq!(when.weekday, expected_weekday.map(jiff_weekday), "{text:?}");
    if with_year {
        assert_eq!(when.days, vec![DateRange::day(jiff_date(n))], "{text:?}");
    }
    // A weekday written with a date that falls on another day: the year
    // written, or the year that puts the date nearest publication.
    let reference_date = if with_year {
        Some(n)
    } else {
        published.and_then(|p| {
            let (py, _, _) = civil(p);
            (py - 1..=py + 1)
                .filter(|&year| (1900..2199).contains(&year) && d <= days_in_month(year, m))
                .map(|year| day_number(year, m, d))
                .min_by_key(|&c| (p - c).abs())
        })
    };
    let expected_misdated = match (written_wd, reference_date) {
        (Some(w), Some(c)) if weekday(c) != w => Some(jiff_date(c)),
        _ => None,
    };
    assert_eq!(
        when.misdated, expected_misdated,
        "{text:?} published {published:?}"
    );
}

/// A date written with its weekday, as the checks read it, the calendar's
/// impossible days ("31 November") included.
fn weekday_date(bytes: &mut Bytes) {
    let y = 1901 + bytes.below(197) as i64;
    let m = 1 + bytes.below(12) as i64;
    let d = 1 + bytes.below(31) as i64;
    let w = bytes.below(7) as i64;
    let month = MONTHS[(m - 1) as usize];
    let wd = WEEKDAYS[w as usize];
    let expression = match bytes.below(4) {
        0 => format!("{wd}, {d} {month} {y}"),
        1 => format!("{wd}, {month} {d}, {y}"),
        2 => format!("{wd} {} {month}, {y}", ordinal(d)),
        _ => format!("{}, {d} {month} {y}", wd.to_uppercase()),
    };
    let (text, span) = framed(bytes, &expression);
    let found = find_weekday_dates(&text);
    let [one] = found.as_slice() else {
        panic!("{text:?}: one weekday date expected, got {found:?}");
    };
    assert_eq!(one.span, span, "{text:?}");
    assert_eq!(one.weekday, jiff_weekday(w), "{text:?}");
    assert_eq!(one.written, (y as i16, m as i8, d as i8), "{text:?}");
    let valid = d <= days_in_month(y, m);
    let n = day_number(y, m, d);
    assert_eq!(one.date, valid.then(|| jiff_date(n)), "{text:?}");
    if let Some(date) = one.date {
        assert_eq!(date.weekday(), jiff_weekday(weekday(n)), "{text:?}");
    }
}

/// The day in `days` (searched in order) with weekday `w`.
fn first_with(days: impl Iterator<Item = i64>, w: i64) -> i64 {
    days.into_iter()
        .find(|&n| weekday(n) == w)
        .expect("a week holds every weekday")
}

/// Weekday `w` of the week `offset` weeks from that of `p`.
fn in_week(p: i64, offset: i64, w: i64) -> i64 {
    first_with((p - 21..p + 21).filter(|&n| week(n) == week(p) + offset), w)
}

fn month_of(y: i64, m: i64) -> DateRange {
    DateRange {
        start: jiff_date(day_number(y, m, 1)),
        end: jiff_date(day_number(y, m, days_in_month(y, m))),
    }
}

fn days(start: i64, end: i64) -> DateRange {
    DateRange {
        start: jiff_date(start),
        end: jiff_date(end),
    }
}

fn distinct(a: i64, b: i64) -> Vec<DateRange> {
    let mut out = vec![days(a, a)];
    if b != a {
        out.push(days(b, b));
    }
    out
}

/// A relative expression, resolved against a publication date.
fn relative(bytes: &mut Bytes) {
    // Publication between 1901 and 2098, so every reading stays in range.
    let p = 366 + bytes.below(72_000) as i64;
    let (py, pm, _) = civil(p);
    let w = bytes.below(7) as i64;
    let wd = WEEKDAYS[w as usize];
    let jw = jiff_weekday(w);
    let (pm_prev, py_prev) = if pm == 1 { (12, py - 1) } else { (pm - 1, py) };
    let (pm_next, py_next) = if pm == 12 { (1, py + 1) } else { (pm + 1, py) };
    let (expression, relative, readings) = match bytes.below(13) {
        0 => (
            "yesterday".to_string(),
            Relative::Yesterday,
            vec![days(p - 1, p - 1)],
        ),
        1 => (
            "this week".into(),
            Relative::ThisWeek,
            vec![days(in_week(p, 0, 0), in_week(p, 0, 6))],
        ),
        2 => (
            "last week".into(),
            Relative::LastWeek,
            vec![days(in_week(p, -1, 0), in_week(p, -1, 6))],
        ),
        3 => (
            "next week".into(),
            Relative::NextWeek,
            vec![days(in_week(p, 1, 0), in_week(p, 1, 6))],
        ),
        4 => (
            "this month".into(),
            Relative::ThisMonth,
            vec![month_of(py, pm)],
        ),
        5 => (
            "last month".into(),
            Relative::LastMonth,
            vec![month_of(py_prev, pm_prev)],
        ),
        6 => (
            "next month".into(),
            Relative::NextMonth,
            vec![month_of(py_next, pm_next)],
        ),
        7 => (
            "last year".into(),
            Relative::LastYear,
            vec![days(day_number(py - 1, 1, 1), day_number(py - 1, 12, 31))],
        ),
        8 => (
            "next year".into(),
            Relative::NextYear,
            vec![days(day_number(py + 1, 1, 1), day_number(py + 1, 12, 31))],
        ),
        // The most recent such day before publication, or that day of last week.
        9 => (
            format!("last {wd}"),
            Relative::LastWeekday(jw),
            distinct(first_with((1..8).map(|k| p - k), w), in_week(p, -1, w)),
        ),
        // The next such day after publication, or that day of next week.
        10 => (
            format!("next {wd}"),
            Relative::NextWeekday(jw),
            distinct(first_with((1..8).map(|k| p + k), w), in_week(p, 1, w)),
        ),
        11 => (
            format!("{wd} last week"),
            Relative::WeekdayLastWeek(jw),
            vec![days(in_week(p, -1, w), in_week(p, -1, w))],
        ),
        // The last such day up to publication, or the next one.
        _ => {
            let back = first_with((0..7).map(|k| p - k), w);
            let ahead = first_with((1..8).map(|k| p + k), w);
            (
                format!("on {wd}"),
                Relative::OnWeekday(jw),
                vec![days(back, back), days(ahead, ahead)],
            )
        }
    };
    let expression = if bytes.below(2) == 0 {
        let mut c = expression.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        expression
    };
    let (text, span) = framed(bytes, &expression);
    let published = jiff_date(p);
    let found = find_expressions(&text);
    let [one] = found.as_slice() else {
        panic!("{text:?}: one relative expression expected, got {found:?}");
    };
    assert_eq!(one.span, span, "{text:?}");
    assert_eq!(one.relative, relative, "{text:?}");
    assert_eq!(
        one.relative.resolve(published),
        readings,
        "{text:?} published {published}"
    );
    // `compare` reads the same days from the same words.
    let compared = time_expressions(&text, Some(published));
    assert!(
        compared
            .iter()
            .any(|(s, when)| span.start <= s.start && s.end <= span.end && when.days == readings),
        "{text:?} published {published}: compare read {compared:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = Bytes(rest);
    match mode % 4 {
        0 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                free_text(text);
            }
        }
        1 => absolute(&mut bytes),
        2 => weekday_date(&mut bytes),
        _ => relative(&mut bytes),
    }
});
