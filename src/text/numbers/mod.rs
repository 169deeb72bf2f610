//! Numbers and quantities as newspapers print them, read from the original
//! text with byte spans.
//!
//! Reads "3,200km", "3 200 kilometres", "2,000 miles", "US$400 billion",
//! "$400bn", "€20m", "3.5%", "12 days", "two weeks", "a dozen", "one
//! hundred", "a quarter", "five-year", ranges ("10-12 days", "between 3,000
//! and 3,500km") and a parenthetical conversion after a quantity
//! ("2,000 mile (3,218km)"). Years ("in 2012") are returned as calendar
//! years, never as a quantity of something; dates ("30 October"), clock
//! times ("4:24pm"), ordinals ("fifth", "5th") and id or phone-like strings
//! ("1.2052082-873626613") are not read at all.
//!
//! `units.rs` is the unit model and reads what follows a number; `scan.rs`
//! finds the numbers (`in_words.rs` those written in words), `cursor.rs`
//! holds the character-level reading they share, and `format.rs` writes
//! values back out.

mod cursor;
mod format;
mod in_words;
mod scan;
mod units;

pub use format::{format_number, format_quantity};
pub use scan::{quantities, scan};
pub use units::{Family, Magnitude, Unit};

use std::ops::Range;

/// A number (or range) with its unit, as found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span of the whole quantity: currency sign, number, magnitude and
    /// unit ("US$400 billion", "3,200km", "10-12 days").
    pub span: Range<usize>,
    /// Byte span of the (last) number itself, digits or words.
    pub number: Range<usize>,
    /// Byte span of the magnitude word, if any.
    pub magnitude_span: Option<Range<usize>>,
    /// The value, magnitude applied (the low end of a range).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// The magnitude word used.
    pub magnitude: Option<Magnitude>,
    /// The unit, if the number has one.
    pub unit: Option<Unit>,
    /// Digits printed after the decimal point.
    pub decimals: usize,
    /// Written in words ("twelve", "a dozen").
    pub in_words: bool,
    /// Used as a hyphenated adjective ("five-year", "12-day").
    pub adjective: bool,
    /// Index (in the returned list) of the quantity this one converts, when
    /// it stands in parentheses right after it: "2,000 mile (3,218km)".
    pub converts: Option<usize>,
}

impl Mention {
    /// The value's printed precision: one unit of the last digit written,
    /// magnitude applied ("367.3 billion" → 0.1 billion).
    pub fn precision(&self) -> f64 {
        let m = self.magnitude.map_or(1.0, Magnitude::factor);
        10f64.powi(-(self.decimals as i32)) * m
    }

    /// The middle of a range, or the value.
    pub fn centre(&self) -> f64 {
        self.high.map_or(self.value, |h| (self.value + h) / 2.0)
    }

    /// A year of the calendar rather than a quantity.
    pub fn is_calendar_year(&self) -> bool {
        self.unit == Some(Unit::CalendarYear)
    }
}

/// Helpers for the scanner's unit tests.
#[cfg(test)]
mod test_support {
    use super::*;

    pub(super) fn one(text: &str) -> Mention {
        let q = quantities(text);
        assert_eq!(q.len(), 1, "{text}: {q:#?}");
        q.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    pub(super) fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    pub(super) fn check(text: &str, value: f64, unit: Option<Unit>, spanned: &str) {
        let m = one(text);
        assert!(
            close(m.value, value),
            "{text}: value {} != {value}",
            m.value
        );
        assert_eq!(m.unit, unit, "{text}: unit");
        assert_eq!(&text[m.span.clone()], spanned, "{text}: span");
    }

    pub(super) fn usd() -> Option<Unit> {
        Some(Unit::Currency("USD".into()))
    }
}
