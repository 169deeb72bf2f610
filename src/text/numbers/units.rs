//! The unit model (what a unit measures, how it converts, what it is
//! called) and the reading of what follows a number in the text: a
//! magnitude ("billion", "bn"), a unit ("km", "per cent", "yuan"), a
//! hyphen that makes it an adjective ("12-day").

use super::cursor::{char_at, is_hyphen, skip_spaces, word_at};
use std::ops::Range;

/// What a unit measures; values convert only within one family (and,
/// for currency, only with a declared exchange rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// km, m, mile, nautical mile, foot, yard, inch, cm, mm.
    Length,
    /// kg, tonne.
    Mass,
    /// km², square mile, hectare, acre.
    Area,
    /// km/h, mph, knot, m/s: a speed is no distance.
    Speed,
    /// second, minute, hour, day, week, month, year.
    Duration,
    /// percent.
    Percent,
    /// °C, °F: converted by an offset as well as a factor.
    Temperature,
    /// Any currency.
    Currency,
    /// A year of the calendar ("in 2012").
    CalendarYear,
}

/// A normalised unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Kilometres.
    Km,
    /// Metres.
    M,
    /// Statute miles.
    Mile,
    /// Nautical miles.
    NauticalMile,
    /// Feet.
    Foot,
    /// Yards.
    Yard,
    /// Inches.
    Inch,
    /// Centimetres.
    Cm,
    /// Millimetres.
    Mm,
    /// Kilograms.
    Kg,
    /// Metric tonnes ("tonnes", "metric tons").
    Tonne,
    /// Tons ("tons", "short tons"): a short ton (2,000 lb) as US copy
    /// means it; a conversion is also read against the long ton of
    /// British usage ([`Unit::LONG_TON_KG`]).
    Ton,
    /// Square kilometres.
    Km2,
    /// Square miles.
    SqMile,
    /// Hectares.
    Hectare,
    /// Acres.
    Acre,
    /// Kilometres per hour.
    Kmh,
    /// Miles per hour.
    Mph,
    /// Knots (nautical miles per hour).
    Knot,
    /// Metres per second.
    Mps,
    /// Seconds, as a duration.
    Second,
    /// Minutes, as a duration.
    Minute,
    /// Hours, as a duration.
    Hour,
    /// Days, as a duration.
    Day,
    /// Weeks, as a duration.
    Week,
    /// Months, as a duration.
    Month,
    /// Years, as a duration ("a 30-year deal"), not a year of the calendar.
    Year,
    /// A percentage ("5%", "5 per cent").
    Percent,
    /// Degrees Celsius ("35C", "35°C", "35 degrees Celsius").
    Celsius,
    /// Degrees Fahrenheit ("95F", "95°F").
    Fahrenheit,
    /// A currency by its upper-case ISO-like code ("USD", "AED").
    Currency(String),
    /// A calendar year ("2012"): never converted.
    CalendarYear,
}

impl Unit {
    /// A short ton (2,000 lb) in kilograms.
    pub const SHORT_TON_KG: f64 = 907.184_74;
    /// A long ton (2,240 lb) in kilograms.
    pub const LONG_TON_KG: f64 = 1_016.046_908_8;

    /// The unit a rule file names: "km", "mile", "nautical mile", "day",
    /// "percent", a three-letter currency code, "calendar year"…
    pub fn from_rule_name(name: &str) -> Option<Unit> {
        let n = name.trim();
        let lower = n.to_lowercase();
        let unit = match lower.as_str() {
            "km" | "kilometre" | "kilometer" => Unit::Km,
            "m" | "metre" | "meter" => Unit::M,
            "mile" | "mi" => Unit::Mile,
            "nautical mile" | "nmi" => Unit::NauticalMile,
            "foot" | "feet" | "ft" => Unit::Foot,
            "yard" | "yd" => Unit::Yard,
            "inch" | "in" => Unit::Inch,
            "cm" | "centimetre" | "centimeter" => Unit::Cm,
            "mm" | "millimetre" | "millimeter" => Unit::Mm,
            "kg" | "kilogram" => Unit::Kg,
            "tonne" | "t" | "metric ton" => Unit::Tonne,
            "ton" | "short ton" => Unit::Ton,
            "km2" | "km²" | "square kilometre" | "square kilometer" => Unit::Km2,
            "square mile" | "sq mi" => Unit::SqMile,
            "hectare" | "ha" => Unit::Hectare,
            "acre" => Unit::Acre,
            "km/h" | "kph" | "kmh" => Unit::Kmh,
            "mph" => Unit::Mph,
            "knot" | "kn" => Unit::Knot,
            "m/s" => Unit::Mps,
            "second" | "s" => Unit::Second,
            "minute" | "min" => Unit::Minute,
            "hour" | "h" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            "percent" | "%" => Unit::Percent,
            "celsius" | "°c" => Unit::Celsius,
            "fahrenheit" | "°f" => Unit::Fahrenheit,
            "calendar year" | "calendar-year" => Unit::CalendarYear,
            _ if n.len() == 3 && n.chars().all(|c| c.is_ascii_uppercase()) => {
                Unit::Currency(n.to_string())
            }
            _ => return None,
        };
        Some(unit)
    }

    /// The family of the unit.
    pub fn family(&self) -> Family {
        match self {
            Unit::Km
            | Unit::M
            | Unit::Mile
            | Unit::NauticalMile
            | Unit::Foot
            | Unit::Yard
            | Unit::Inch
            | Unit::Cm
            | Unit::Mm => Family::Length,
            Unit::Kg | Unit::Tonne | Unit::Ton => Family::Mass,
            Unit::Km2 | Unit::SqMile | Unit::Hectare | Unit::Acre => Family::Area,
            Unit::Kmh | Unit::Mph | Unit::Knot | Unit::Mps => Family::Speed,
            Unit::Second
            | Unit::Minute
            | Unit::Hour
            | Unit::Day
            | Unit::Week
            | Unit::Month
            | Unit::Year => Family::Duration,
            Unit::Percent => Family::Percent,
            Unit::Celsius | Unit::Fahrenheit => Family::Temperature,
            Unit::Currency(_) => Family::Currency,
            Unit::CalendarYear => Family::CalendarYear,
        }
    }

    /// Size of one unit in its family's base unit (metre, kilogram, km²,
    /// metre per second, day, percent point, degree Celsius); `None` for
    /// currencies and calendar years, which need a rate or do not convert.
    /// A temperature also has an offset: [`Unit::base_offset`].
    pub fn base_factor(&self) -> Option<f64> {
        Some(match self {
            Unit::Km => 1000.0,
            Unit::M => 1.0,
            Unit::Mile => 1609.344,
            Unit::NauticalMile => 1852.0,
            Unit::Foot => 0.3048,
            Unit::Yard => 0.9144,
            Unit::Inch => 0.0254,
            Unit::Cm => 0.01,
            Unit::Mm => 0.001,
            Unit::Kg => 1.0,
            Unit::Tonne => 1000.0,
            Unit::Ton => Unit::SHORT_TON_KG,
            Unit::Km2 => 1.0,
            Unit::SqMile => 2.589_988_110_336,
            Unit::Hectare => 0.01,
            Unit::Acre => 0.004_046_856_422_4,
            Unit::Kmh => 1.0 / 3.6,
            Unit::Mph => 0.447_04,
            Unit::Knot => 1852.0 / 3600.0,
            Unit::Mps => 1.0,
            Unit::Second => 1.0 / 86_400.0,
            Unit::Minute => 1.0 / 1440.0,
            Unit::Hour => 1.0 / 24.0,
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Month => 30.436875,
            Unit::Year => 365.2425,
            Unit::Percent => 1.0,
            Unit::Celsius => 1.0,
            Unit::Fahrenheit => 5.0 / 9.0,
            Unit::Currency(_) | Unit::CalendarYear => return None,
        })
    }

    /// What zero of this unit is in the base unit: nonzero only for °F
    /// (0°F is −17.8°C). A value `v` is `v * base_factor + base_offset`.
    pub fn base_offset(&self) -> f64 {
        match self {
            Unit::Fahrenheit => -32.0 * 5.0 / 9.0,
            _ => 0.0,
        }
    }

    /// A value of this unit in its family's base unit.
    pub fn to_base(&self, value: f64) -> Option<f64> {
        Some(value * self.base_factor()? + self.base_offset())
    }

    /// The name used in normalised values ("km", "miles", "USD").
    pub fn display(&self, plural: bool) -> String {
        let s = |one: &str, many: &str| if plural { many } else { one }.to_string();
        match self {
            Unit::Km => "km".into(),
            Unit::M => "m".into(),
            Unit::Mile => s("mile", "miles"),
            Unit::NauticalMile => s("nautical mile", "nautical miles"),
            Unit::Foot => s("foot", "feet"),
            Unit::Yard => s("yard", "yards"),
            Unit::Inch => s("inch", "inches"),
            Unit::Cm => "cm".into(),
            Unit::Mm => "mm".into(),
            Unit::Kg => "kg".into(),
            Unit::Tonne => s("tonne", "tonnes"),
            Unit::Ton => s("ton", "tons"),
            Unit::Km2 => "km²".into(),
            Unit::SqMile => s("square mile", "square miles"),
            Unit::Hectare => s("hectare", "hectares"),
            Unit::Acre => s("acre", "acres"),
            Unit::Kmh => "km/h".into(),
            Unit::Mph => "mph".into(),
            Unit::Knot => s("knot", "knots"),
            Unit::Mps => "m/s".into(),
            Unit::Second => s("second", "seconds"),
            Unit::Minute => s("minute", "minutes"),
            Unit::Hour => s("hour", "hours"),
            Unit::Day => s("day", "days"),
            Unit::Week => s("week", "weeks"),
            Unit::Month => s("month", "months"),
            Unit::Year => s("year", "years"),
            Unit::Percent => "percent".into(),
            Unit::Celsius => "°C".into(),
            Unit::Fahrenheit => "°F".into(),
            Unit::Currency(code) => code.clone(),
            Unit::CalendarYear => "calendar year".into(),
        }
    }

    /// The name a rule file uses for the unit.
    pub fn rule_name(&self) -> String {
        self.display(false)
    }

    /// The speed a length unit makes "per hour" ("miles … per hour").
    pub fn per_hour(&self) -> Option<Unit> {
        match self {
            Unit::Km => Some(Unit::Kmh),
            Unit::Mile => Some(Unit::Mph),
            Unit::NauticalMile => Some(Unit::Knot),
            _ => None,
        }
    }

    /// `value` in this unit expressed in `to`, when the two convert by a
    /// factor (one family, neither a currency nor a calendar year).
    pub fn convert(&self, value: f64, to: &Unit) -> Option<f64> {
        if self == to {
            return Some(value);
        }
        if self.family() != to.family() {
            return None;
        }
        Some((self.to_base(value)? - to.base_offset()) / to.base_factor()?)
    }
}

/// The end of " per hour" or " an hour" right at `at` (spaces skipped):
/// what turns "120 miles (193 kilometres)" into a speed.
pub(super) fn per_hour_at(text: &str, at: usize) -> Option<usize> {
    let first = skip_spaces(text, at);
    let (w, end) = word_at(text, first)?;
    if !matches!(w.as_str(), "per" | "an" | "a") || first == at {
        return None;
    }
    let second = skip_spaces(text, end);
    if second == end {
        return None;
    }
    let (h, end) = word_at(text, second)?;
    (h == "hour").then_some(end)
}

/// A magnitude word or abbreviation after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Magnitude {
    /// 3 for thousand, 6 for million, 9 for billion, 12 for trillion.
    pub exponent: i32,
    /// Written as an abbreviation ("m", "bn", "tn") rather than a word.
    pub abbreviated: bool,
}

impl Magnitude {
    /// The multiplier.
    pub fn factor(self) -> f64 {
        10f64.powi(self.exponent)
    }

    /// The word ("billion") for an exponent.
    pub fn word(exponent: i32) -> &'static str {
        match exponent {
            3 => "thousand",
            6 => "million",
            9 => "billion",
            12 => "trillion",
            _ => "",
        }
    }

    /// The word or abbreviation as it is written in this style.
    pub fn text(self, exponent: i32) -> &'static str {
        if self.abbreviated {
            match exponent {
                3 => "k",
                6 => "m",
                9 => "bn",
                12 => "tn",
                _ => "",
            }
        } else {
            Magnitude::word(exponent)
        }
    }
}

/// A currency prefix ending right before `digits`.
pub(super) fn currency_prefix(text: &str, start: usize, digits: usize) -> Option<Unit> {
    let p = text[start..digits].trim_end();
    let code = match p {
        "US$" | "$" | "USD" => "USD",
        "HK$" => "HKD",
        "NZ$" => "NZD",
        "A$" => "AUD",
        "C$" => "CAD",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "Dh" | "Dhs" | "AED" => "AED",
        "CNY" | "RMB" => "CNY",
        "RUB" => "RUB",
        _ => return None,
    };
    Some(Unit::Currency(code.to_string()))
}

/// Unit words after a number, longest first: (text, unit, needs a word
/// boundary after it).
const UNIT_WORDS: &[(&str, Unit)] = &[
    // Speeds before the lengths they begin with: "miles per hour" is no distance.
    ("nautical miles per hour", Unit::Knot),
    ("kilometres per hour", Unit::Kmh),
    ("kilometers per hour", Unit::Kmh),
    ("kilometres an hour", Unit::Kmh),
    ("kilometers an hour", Unit::Kmh),
    ("km per hour", Unit::Kmh),
    ("km an hour", Unit::Kmh),
    ("km/h", Unit::Kmh),
    ("kmh", Unit::Kmh),
    ("kph", Unit::Kmh),
    ("miles per hour", Unit::Mph),
    ("miles an hour", Unit::Mph),
    ("mile per hour", Unit::Mph),
    ("mph", Unit::Mph),
    ("metres per second", Unit::Mps),
    ("meters per second", Unit::Mps),
    ("m/s", Unit::Mps),
    ("knots", Unit::Knot),
    ("knot", Unit::Knot),
    ("square miles", Unit::SqMile),
    ("square mile", Unit::SqMile),
    ("sq mi", Unit::SqMile),
    ("hectares", Unit::Hectare),
    ("hectare", Unit::Hectare),
    ("acres", Unit::Acre),
    ("acre", Unit::Acre),
    ("feet", Unit::Foot),
    ("foot", Unit::Foot),
    ("ft", Unit::Foot),
    ("yards", Unit::Yard),
    ("yard", Unit::Yard),
    ("inches", Unit::Inch),
    ("inch", Unit::Inch),
    ("centimetres", Unit::Cm),
    ("centimeters", Unit::Cm),
    ("centimetre", Unit::Cm),
    ("centimeter", Unit::Cm),
    ("cm", Unit::Cm),
    ("millimetres", Unit::Mm),
    ("millimeters", Unit::Mm),
    ("millimetre", Unit::Mm),
    ("millimeter", Unit::Mm),
    ("mm", Unit::Mm),
    ("nautical miles", Unit::NauticalMile),
    ("nautical mile", Unit::NauticalMile),
    ("square kilometres", Unit::Km2),
    ("square kilometers", Unit::Km2),
    ("square kilometre", Unit::Km2),
    ("square kilometer", Unit::Km2),
    ("sq km", Unit::Km2),
    ("km2", Unit::Km2),
    ("km²", Unit::Km2),
    ("kilometres", Unit::Km),
    ("kilometers", Unit::Km),
    ("kilometre", Unit::Km),
    ("kilometer", Unit::Km),
    ("km", Unit::Km),
    ("nmi", Unit::NauticalMile),
    ("metres", Unit::M),
    ("meters", Unit::M),
    ("metre", Unit::M),
    ("meter", Unit::M),
    ("miles", Unit::Mile),
    ("mile", Unit::Mile),
    ("mi", Unit::Mile),
    ("kilograms", Unit::Kg),
    ("kilogrammes", Unit::Kg),
    ("kilogram", Unit::Kg),
    ("kg", Unit::Kg),
    ("tonnes", Unit::Tonne),
    ("tonne", Unit::Tonne),
    ("metric tons", Unit::Tonne),
    ("metric ton", Unit::Tonne),
    ("short tons", Unit::Ton),
    ("short ton", Unit::Ton),
    ("tons", Unit::Ton),
    ("ton", Unit::Ton),
    ("seconds", Unit::Second),
    ("second", Unit::Second),
    ("minutes", Unit::Minute),
    ("minute", Unit::Minute),
    ("mins", Unit::Minute),
    ("min", Unit::Minute),
    ("hours", Unit::Hour),
    ("hour", Unit::Hour),
    ("days", Unit::Day),
    ("day", Unit::Day),
    ("weeks", Unit::Week),
    ("week", Unit::Week),
    ("months", Unit::Month),
    ("month", Unit::Month),
    ("years", Unit::Year),
    ("year", Unit::Year),
    ("per cent", Unit::Percent),
    ("percent", Unit::Percent),
    ("%", Unit::Percent),
    ("m", Unit::M),
];

/// Currency words after a number ("400 billion yuan").
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("us dollars", "USD"),
    ("dollars", "USD"),
    ("dirhams", "AED"),
    ("euros", "EUR"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("roubles", "RUB"),
    ("rouble", "RUB"),
    ("rubles", "RUB"),
    ("ruble", "RUB"),
];

/// A unit starting at `at` (after optional spaces already skipped): the
/// unit and the end of its text.
fn unit_at(text: &str, at: usize, after_currency: bool) -> Option<(Unit, usize)> {
    let rest = text.get(at..)?;
    // A word can only match if its first byte does (ASCII case folded):
    // most entries are ruled out without comparing them.
    let first = rest.as_bytes().first()?.to_ascii_lowercase();
    let may_match = |word: &str| word.as_bytes()[0].to_ascii_lowercase() == first;
    let boundary_ok = |len: usize| {
        rest.get(len..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !c.is_alphanumeric())
    };
    for (word, code) in CURRENCY_WORDS.iter().filter(|(w, _)| may_match(w)) {
        let len = word.len();
        if rest
            .get(..len)
            .is_some_and(|c| c.eq_ignore_ascii_case(word))
            && boundary_ok(len)
        {
            return Some((Unit::Currency((*code).to_string()), at + len));
        }
    }
    if after_currency {
        return None;
    }
    if let Some(found) = temperature_at(text, at) {
        return Some(found);
    }
    for (word, unit) in UNIT_WORDS.iter().filter(|(w, _)| may_match(w)) {
        // Compare on the original bytes, case-insensitively; all unit words
        // are ASCII except "km²" whose lowercase is itself.
        let len = word.len();
        let Some(candidate) = rest.get(..len) else {
            continue;
        };
        if !candidate.eq_ignore_ascii_case(word) {
            continue;
        }
        if *word == "%" || boundary_ok(len) {
            return Some((unit.clone(), at + len));
        }
    }
    None
}

/// A temperature unit at `at`: "°C", "ºF", "C" and "F" in capitals
/// ("35C"; a lowercase "35c" is cents), "degrees Celsius", "degrees
/// Fahrenheit", "degrees C". A bare "degrees" says no scale and is left to
/// be a counted noun.
fn temperature_at(text: &str, at: usize) -> Option<(Unit, usize)> {
    let rest = text.get(at..)?;
    let ends_word = |len: usize| {
        rest.get(len..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let scale = |c: Option<char>| match c {
        Some('C') => Some(Unit::Celsius),
        Some('F') => Some(Unit::Fahrenheit),
        _ => None,
    };
    // "°C", "ºC", "° C".
    if let Some(after) = rest.strip_prefix('°').or_else(|| rest.strip_prefix('º')) {
        let sign = rest.len() - after.len();
        let gap = after.len() - after.trim_start_matches(' ').len();
        let unit = scale(after[gap..].chars().next())?;
        let len = sign + gap + 1;
        return ends_word(len).then_some((unit, at + len));
    }
    if let Some(unit) = scale(rest.chars().next())
        && ends_word(1)
        && text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    {
        return Some((unit, at + 1));
    }
    // "degrees Celsius", "degrees C".
    let (w, end) = word_at(text, at)?;
    if w != "degrees" && w != "degree" {
        return None;
    }
    let next = skip_spaces(text, end);
    if next == end {
        return None;
    }
    let (name, name_end) = word_at(text, next)?;
    let unit = match name.as_str() {
        "celsius" | "centigrade" => Unit::Celsius,
        "fahrenheit" => Unit::Fahrenheit,
        "c" | "f" => scale(text[next..].chars().next())?,
        _ => return None,
    };
    Some((unit, name_end))
}

/// A magnitude at `at`: its exponent, style and end.
fn magnitude_at(
    text: &str,
    at: usize,
    attached: bool,
    currency: bool,
) -> Option<(Magnitude, usize)> {
    let (w, end) = word_at(text, at)?;
    let (exponent, abbreviated) = match w.as_str() {
        "thousand" => (3, false),
        "million" => (6, false),
        "billion" => (9, false),
        "trillion" => (12, false),
        "bn" if attached || currency => (9, true),
        "b" if currency => (9, true),
        "tn" | "trn" if attached || currency => (12, true),
        // "20m" is million after a currency, metres otherwise.
        "m" | "mn" if currency => (6, true),
        _ => return None,
    };
    Some((
        Magnitude {
            exponent,
            abbreviated,
        },
        end,
    ))
}

/// What follows a number: magnitude, unit, adjective hyphen. Returns the
/// parts and the end of the quantity.
pub(super) struct Tail {
    pub(super) magnitude: Option<(Magnitude, Range<usize>)>,
    pub(super) unit: Option<Unit>,
    pub(super) adjective: bool,
    pub(super) end: usize,
}

pub(super) fn tail_after(text: &str, number_end: usize, currency: Option<&Unit>) -> Option<Tail> {
    let mut tail = Tail {
        magnitude: None,
        unit: currency.cloned(),
        adjective: false,
        end: number_end,
    };
    let mut at = number_end;
    // Hyphenated adjective: "12-day", "five-year".
    if let Some(c) = char_at(text, at)
        && is_hyphen(c)
    {
        let after = at + c.len_utf8();
        if let Some((unit, end)) = unit_at(text, after, false)
            && matches!(
                unit,
                Unit::Second
                    | Unit::Minute
                    | Unit::Hour
                    | Unit::Day
                    | Unit::Week
                    | Unit::Month
                    | Unit::Year
                    | Unit::Km
                    | Unit::Mile
                    | Unit::M
                    | Unit::Foot
                    | Unit::Yard
                    | Unit::Inch
                    | Unit::Cm
                    | Unit::Mm
                    | Unit::Kmh
                    | Unit::Mph
                    | Unit::Knot
                    | Unit::Acre
                    | Unit::Hectare
            )
            && currency.is_none()
        {
            tail.unit = Some(unit);
            tail.adjective = true;
            tail.end = end;
            return Some(tail);
        }
        // "twenty-fifth", "one-off", "5-fold": not a quantity.
        if char_at(text, after).is_some_and(|c| c.is_alphabetic()) {
            return None;
        }
        return Some(tail);
    }
    let attached = char_at(text, at).is_some_and(|c| c.is_ascii_alphabetic());
    let spaced = skip_spaces(text, at);
    if let Some((m, end)) = magnitude_at(text, spaced, attached, currency.is_some()) {
        tail.magnitude = Some((m, spaced..end));
        tail.end = end;
        at = end;
    }
    let spaced = skip_spaces(text, at);
    let unit_attached = spaced == at;
    if let Some((unit, end)) = unit_at(text, spaced, currency.is_some()) {
        // A bare "m" must be attached ("20m"), never "20 m of".
        let bare_m = unit == Unit::M && end - spaced == 1 && !unit_attached;
        if !bare_m {
            tail.unit = Some(unit);
            tail.end = end;
            return Some(tail);
        }
    }
    // Letters glued to the number that are no unit: "5th", "3D", "90s".
    if char_at(text, tail.end).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_reads_back_from_its_rule_name() {
        let all = [
            Unit::Km,
            Unit::M,
            Unit::Mile,
            Unit::NauticalMile,
            Unit::Foot,
            Unit::Yard,
            Unit::Inch,
            Unit::Cm,
            Unit::Mm,
            Unit::Kg,
            Unit::Tonne,
            Unit::Ton,
            Unit::Km2,
            Unit::SqMile,
            Unit::Hectare,
            Unit::Acre,
            Unit::Kmh,
            Unit::Mph,
            Unit::Knot,
            Unit::Mps,
            Unit::Second,
            Unit::Minute,
            Unit::Hour,
            Unit::Day,
            Unit::Week,
            Unit::Month,
            Unit::Year,
            Unit::Percent,
            Unit::Celsius,
            Unit::Fahrenheit,
            Unit::Currency("AED".into()),
            Unit::CalendarYear,
        ];
        for u in all {
            assert_eq!(
                Unit::from_rule_name(&u.rule_name()),
                Some(u.clone()),
                "{u:?}"
            );
        }
    }

    #[test]
    fn speeds_convert_among_themselves_only() {
        let kmh = Unit::Mph.convert(80.0, &Unit::Kmh).unwrap_or_default();
        assert!((kmh - 128.747_52).abs() < 1e-6, "{kmh}");
        let knots = Unit::Kmh.convert(100.0, &Unit::Knot).unwrap_or_default();
        assert!((knots - 53.995_68).abs() < 1e-4, "{knots}");
        assert_eq!(Unit::Mph.convert(1.0, &Unit::Mile), None);
        assert_eq!(Unit::Km.per_hour(), Some(Unit::Kmh));
    }

    #[test]
    fn temperatures_convert_by_offset_and_factor() {
        let f = Unit::Celsius
            .convert(35.0, &Unit::Fahrenheit)
            .unwrap_or_default();
        assert!((f - 95.0).abs() < 1e-9, "{f}");
        let c = Unit::Fahrenheit
            .convert(-40.0, &Unit::Celsius)
            .unwrap_or_default();
        assert!((c + 40.0).abs() < 1e-9, "{c}");
        assert_eq!(Unit::Celsius.convert(1.0, &Unit::Km), None);
    }
}
