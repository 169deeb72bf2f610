//! A reference calendar for the date targets, written the slow and obvious
//! way (count the days from 1 January 1900, a Monday) so that it shares
//! nothing with jiff or with copydesk's parsers.

#![allow(dead_code)]

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
/// How wire copy abbreviates each month (May has no abbreviation).
pub const ABBREVIATED: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1900-01-01 (day 0, a Monday); years 1900–2199.
pub fn day_number(y: i64, m: i64, d: i64) -> i64 {
    let mut n = 0;
    for year in 1900..y {
        n += if is_leap(year) { 366 } else { 365 };
    }
    for month in 1..m {
        n += days_in_month(y, month);
    }
    n + d - 1
}

/// The (year, month, day) of a day number.
pub fn civil(mut n: i64) -> (i64, i64, i64) {
    let mut y = 1900;
    loop {
        let len = if is_leap(y) { 366 } else { 365 };
        if n < len {
            break;
        }
        n -= len;
        y += 1;
    }
    let mut m = 1;
    while n >= days_in_month(y, m) {
        n -= days_in_month(y, m);
        m += 1;
    }
    (y, m, n + 1)
}

/// Monday 0 … Sunday 6.
pub fn weekday(n: i64) -> i64 {
    n.rem_euclid(7)
}

/// The Monday-to-Sunday week a day lies in.
pub fn week(n: i64) -> i64 {
    n.div_euclid(7)
}

pub fn jiff_date(n: i64) -> jiff::civil::Date {
    let (y, m, d) = civil(n);
    jiff::civil::date(y as i16, m as i8, d as i8)
}

pub fn jiff_weekday(w: i64) -> jiff::civil::Weekday {
    jiff::civil::Weekday::from_monday_zero_offset(w as i8).expect("0..7")
}

pub fn ordinal(d: i64) -> String {
    let suffix = match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{d}{suffix}")
}

/// Bytes read one at a time, zero once they run out.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    pub fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    pub fn below(&mut self, n: u64) -> u64 {
        let mut v = 0u64;
        for _ in 0..4 {
            v = v << 8 | u64::from(self.byte());
        }
        v % n
    }
    pub fn pick<'s, T>(&mut self, items: &'s [T]) -> &'s T {
        &items[self.below(items.len() as u64) as usize]
    }
}
