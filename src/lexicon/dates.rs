//! Month and weekday names and their abbreviations, for every reader of
//! dates: relative dates, weekday dates, CMS stamps, the number scanner
//! (which must not read "30 October" as a quantity) and `compare`'s time
//! expressions.

use jiff::civil::Weekday;

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The month names as a lowercase regex alternation ("january|…|december").
pub const MONTH_PATTERN: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";

/// The weekday names as a lowercase regex alternation ("monday|…|sunday").
pub const WEEKDAY_PATTERN: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/// "Monday" for `Weekday::Monday`.
pub fn weekday_name(w: Weekday) -> &'static str {
    WEEKDAYS[w.to_monday_zero_offset() as usize]
}

/// "October" for month 10 (1–12).
pub fn month_name(month: i8) -> &'static str {
    MONTHS[(month - 1) as usize]
}

/// The weekday named by `name` (any case).
pub fn parse_weekday(name: &str) -> Option<Weekday> {
    let i = WEEKDAYS.iter().position(|w| w.eq_ignore_ascii_case(name))?;
    Weekday::from_monday_zero_offset(i as i8).ok()
}

/// The month (1–12) named by `name` in any case: the full name, its first
/// three letters ("Oct", "may") or "Sept".
pub fn parse_month(name: &str) -> Option<i8> {
    if !(3..=9).contains(&name.len()) {
        return None;
    }
    let i = MONTHS.iter().position(|m| {
        m.eq_ignore_ascii_case(name)
            || (name.len() == 3 && m[..3].eq_ignore_ascii_case(name))
            || (name.eq_ignore_ascii_case("sept") && *m == "September")
    })?;
    Some(i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations_read() {
        assert_eq!(parse_month("Sept"), Some(9));
        assert_eq!(parse_month("SEP"), Some(9));
        assert_eq!(parse_month("nov"), Some(11));
        assert_eq!(parse_month("May"), Some(5));
        assert_eq!(parse_month("december"), Some(12));
        assert_eq!(parse_month("Mayday"), None);
        assert_eq!(parse_month("Octo"), None);
        assert_eq!(parse_month("Ma"), None);
        assert_eq!(parse_weekday("SUNDAY"), Some(Weekday::Sunday));
        assert_eq!(parse_weekday("Sun"), None);
        assert_eq!(weekday_name(Weekday::Tuesday), "Tuesday");
        assert_eq!(month_name(10), "October");
    }

    #[test]
    fn patterns_list_the_names() {
        let months: Vec<String> = MONTHS.iter().map(|m| m.to_lowercase()).collect();
        assert_eq!(MONTH_PATTERN, months.join("|"));
        let days: Vec<String> = WEEKDAYS.iter().map(|d| d.to_lowercase()).collect();
        assert_eq!(WEEKDAY_PATTERN, days.join("|"));
    }
}
