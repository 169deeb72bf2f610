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
//! Speeds are their own kind ("80 mph", "129km/h", "120 miles (193
//! kilometres) per hour"): a speed is no distance.
//!
//! `units.rs` is the unit model and reads what follows a number; `scan.rs`
//! finds the numbers (`in_words.rs` those written in words), `counts.rs`
//! reads what `compare` needs beyond quantities (ordinals, "four-nation"),
//! `cursor.rs` holds the character-level reading they share, and
//! `format.rs` writes values back out.

mod counts;
mod cursor;
mod format;
mod in_words;
mod scan;
mod units;

pub use counts::{hyphenated_counts, ordinals, singular};
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
    /// An ordinal ("fifth", "21st", "World War II"), read by [`ordinals`]
    /// only: [`scan`] leaves ordinals out.
    pub ordinal: bool,
    /// What a number without a unit counts or ranks, as `compare` reads it
    /// from the words around it: "people" in "four people", "nation" in
    /// "four-nation", "category" in "Category 4". The scanner leaves it
    /// `None`.
    pub counted: Option<String>,
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

/// Whether `inner`, a parenthetical conversion of `outer` ("2,000 mile
/// (3,218km)"), misses it: the value it should have in its own unit, when
/// `convert` converts the two units and `inner` lies further from it than
/// half its last printed digit or 1% of it. `check` (its rates for
/// currencies) and `compare` (no rates: [`Unit::convert`]) judge
/// conversions by this one rule.
pub fn conversion_miss(
    outer: &Mention,
    inner: &Mention,
    convert: impl Fn(f64, &Unit, &Unit) -> Option<f64>,
) -> Option<f64> {
    let (to, from) = (inner.unit.as_ref()?, outer.unit.as_ref()?);
    let expected = convert(outer.centre(), from, to)?;
    let tolerance = (inner.precision() / 2.0).max(expected.abs() * 0.01);
    let off = |e: f64| (inner.centre() - e).abs() > tolerance;
    // "Tons" are short tons in US copy and may be long tons in British
    // copy: a conversion that fits either is right.
    let long = Unit::LONG_TON_KG / Unit::SHORT_TON_KG;
    let as_long = match (from, to) {
        (Unit::Ton, t) if *t != Unit::Ton => Some(expected * long),
        (f, Unit::Ton) if *f != Unit::Ton => Some(expected / long),
        _ => None,
    };
    (off(expected) && as_long.is_none_or(off)).then_some(expected)
}

#[cfg(test)]
mod conversion_tests {
    use super::*;

    #[test]
    fn tons_convert_as_short_or_long_tons() {
        let miss = |text: &str| {
            let q = quantities(text);
            let convert = |v: f64, a: &Unit, b: &Unit| Some(a.to_base(v)? / b.base_factor()?);
            conversion_miss(&q[0], &q[1], convert)
        };
        assert_eq!(miss("65,000 tons (59,000 tonnes)"), None, "short tons");
        assert_eq!(miss("65,000 tons (66,000 tonnes)"), None, "long tons");
        assert!(miss("65,000 tons (69,000 tonnes)").is_some());
        assert!(miss("59,000 tonnes (75,000 tons)").is_some());
        assert_eq!(miss("59,000 tonnes (65,000 tons)"), None);
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
