//! Quantity engine: numbers with units, conversions and tolerances.
//!
//! ## What it does
//! Reads every number of a file with `text::numbers` and:
//! - checks each parenthetical conversion against the number it converts,
//!   with or without rules (`quantity-conversion`, by the rule
//!   [`crate::text::numbers::conversion_miss`] that `compare` applies too):
//!   length, mass, area, speed and duration conversions are built in,
//!   currencies use the `[[rate]]`s;
//! - binds a number to a `[[quantity]]` rule when one of the rule's cues is
//!   in the same sentence and the units are of one kind (the nearest cue
//!   wins, and per sentence a rule takes the nearest number), then reports a
//!   value out of tolerance (`quantity-value`), a power-of-ten slip
//!   (`quantity-magnitude`) or a unit the rule does not allow
//!   (`quantity-unit`);
//! - across the files of one run, notes the same fact rounded differently
//!   (`quantity-rounding`, see [`QuantityEngine::across`]).
//!
//! A number in parentheses that converts another is judged by the conversion
//! check only: "2,000 mile (3,218km)" is one statement of the fact.

pub use super::engine::Reading;
use super::engine::{Engine, Output, Scan};
use super::index::ContextOwner;
use super::{Document, FileFacts};
use crate::codes::{Check, CheckDoc};
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Suggestion};
use crate::rules::{QuantityRule, RuleSet};
use crate::text::compact_text;
use crate::text::numbers::{
    Family, Magnitude, Mention, Unit, conversion_miss, format_number, format_quantity,
};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// The compiled quantity engine.
pub struct QuantityEngine {
    /// Units per US dollar, by currency code, with the index of the rate.
    rates: HashMap<String, (f64, Option<usize>)>,
}

/// The checks this engine emits, with their `explain` texts (`quantity-rounding` needs every file of
/// the run at once: [`QuantityEngine::across`]).
pub const CHECKS: &[CheckDoc] = &[
    CheckDoc {
        check: Check::QuantityValue,
        explain: include_str!("docs/quantity-value.md"),
    },
    CheckDoc {
        check: Check::QuantityMagnitude,
        explain: include_str!("docs/quantity-magnitude.md"),
    },
    CheckDoc {
        check: Check::QuantityUnit,
        explain: include_str!("docs/quantity-unit.md"),
    },
    CheckDoc {
        check: Check::QuantityConversion,
        explain: include_str!("docs/quantity-conversion.md"),
    },
    CheckDoc {
        check: Check::QuantityRounding,
        explain: include_str!("docs/quantity-rounding.md"),
    },
];

impl Engine for QuantityEngine {
    fn checks(&self) -> &'static [CheckDoc] {
        CHECKS
    }

    fn run(&self, scan: &Scan, out: &mut Output) {
        let (findings, readings) = self.check(scan);
        out.findings.extend(findings);
        out.readings.extend(readings);
    }
}

/// A number bound to a rule.
struct Bound {
    rule: usize,
    mention: Mention,
}

impl QuantityEngine {
    /// Compile the engine for `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let mut rates = HashMap::new();
        rates.insert("USD".to_string(), (1.0, None));
        for (i, r) in rules.rates.iter().enumerate() {
            rates
                .entry(r.currency.clone())
                .or_insert((r.per_usd, Some(i)));
        }
        QuantityEngine { rates }
    }

    /// `value` in `from` expressed in `to`, when the two convert.
    fn convert(&self, value: f64, from: &Unit, to: &Unit) -> Option<f64> {
        if from == to {
            return Some(value);
        }
        match (from, to) {
            (Unit::Currency(a), Unit::Currency(b)) => {
                let (ra, _) = self.rates.get(a)?;
                let (rb, _) = self.rates.get(b)?;
                Some(value / ra * rb)
            }
            _ => from.convert(value, to),
        }
    }

    /// Every finding of one file.
    pub fn check(&self, scan: &Scan) -> (Vec<Finding>, Vec<Reading>) {
        let (doc, rules) = (scan.doc, scan.rules);
        let mentions = doc.numbers();
        let mut findings = self.conversions(doc, rules, mentions);
        let mut readings = Vec::new();
        for b in self.bind(scan, mentions) {
            findings.extend(self.judge(doc, rules, &b));
            readings.extend(self.reading(rules, &b));
        }
        (findings, readings)
    }

    /// How a bound number writes its fact, when it is in the rule's unit and
    /// within tolerance: what `quantity-rounding` compares across versions.
    fn reading(&self, rules: &RuleSet, b: &Bound) -> Option<Reading> {
        let r = &rules.quantities[b.rule];
        let m = &b.mention;
        if m.unit.as_ref() != Some(&r.unit) || m.high.is_some() || m.is_calendar_year() {
            return None;
        }
        if (m.value - r.value).abs() > self.tolerance(r, m, &r.unit) {
            return None;
        }
        Some(Reading {
            rule: b.rule,
            span: m.span.clone(),
            text: found_reading(m, &r.unit),
        })
    }

    /// `quantity-conversion` findings.
    fn conversions(&self, doc: &Document, rules: &RuleSet, mentions: &[Mention]) -> Vec<Finding> {
        let text = doc.text();
        let mut out = Vec::new();
        for m in mentions {
            let Some(outer) = m.converts.and_then(|i| mentions.get(i)) else {
                continue;
            };
            let (Some(to), Some(from)) = (&m.unit, &outer.unit) else {
                continue;
            };
            let Some(expected) = conversion_miss(outer, m, |v, a, b| self.convert(v, a, b)) else {
                continue;
            };
            let found_text = compact_text(&text[m.span.clone()]);
            let outer_text = compact_text(&text[outer.span.clone()]);
            let mut related = vec![RelatedSpan {
                path: doc.source.path.clone(),
                span: outer.span.clone(),
                message: format!("the number it converts, “{outer_text}”"),
            }];
            let mut how = String::new();
            if let (Unit::Currency(a), Unit::Currency(b)) = (from, to) {
                for code in [a, b] {
                    if let Some((per_usd, Some(i))) = self.rates.get(code) {
                        let rate = &rules.rates[*i];
                        related.push(rate.origin.label(format!(
                            "{code} {per_usd} per US dollar as of {}",
                            rate.as_of
                        )));
                        how = format!(" at {per_usd} {code} per US dollar");
                    }
                }
            }
            let expected_text = format_quantity(expected, to, m.decimals.max(1));
            out.push(Finding {
                suggestion: None,
                path: doc.source.path.clone(),
                check: Check::QuantityConversion,
                rule: Check::QuantityConversion.code().to_string(),
                severity: Severity::Error,
                message: format!(
                    "“{found_text}” does not convert “{outer_text}”: that is {expected_text}{how}"
                ),
                span: m.span.clone(),
                label: format!("should be about {expected_text}"),
                found: format_quantity(m.centre(), to, m.decimals),
                expected: Some(expected_text),
                help: Some(format!("write “{}”", write_like(text, m, expected))),
                notes: Vec::new(),
                related,
            });
        }
        out
    }

    /// Numbers bound to rules: per sentence and rule, the number nearest a
    /// cue; each number goes to the rule whose cue is nearest.
    fn bind(&self, scan: &Scan, mentions: &[Mention]) -> Vec<Bound> {
        let rules = scan.rules;
        if rules.quantities.is_empty() {
            return Vec::new();
        }
        // (sentence start, rule) → (distance, mention index)
        let mut best: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
        for (mi, m) in mentions.iter().enumerate() {
            let Some(unit) = &m.unit else { continue };
            if m.converts.is_some() {
                continue;
            }
            let sentence = scan.doc.sentence_around(&m.span);
            // The nearest cue of each rule in the sentence.
            let mut nearest: BTreeMap<usize, usize> = BTreeMap::new();
            for hit in scan.hits.context_in(sentence.clone()) {
                if let ContextOwner::QuantityCue(ri) = hit.owner {
                    let d = gap(&hit.span, &m.span);
                    nearest
                        .entry(ri)
                        .and_modify(|n| *n = (*n).min(d))
                        .or_insert(d);
                }
            }
            if nearest.is_empty() {
                continue;
            }
            let mut choice: Option<(usize, usize)> = None; // (distance, rule)
            for (&ri, &d) in &nearest {
                let r = &rules.quantities[ri];
                let comparable = if r.unit.family() == Family::CalendarYear || m.is_calendar_year()
                {
                    r.unit == *unit
                } else {
                    self.convert(1.0, unit, &r.unit).is_some()
                };
                if !comparable {
                    continue;
                }
                if choice.is_none_or(|(bd, _)| d < bd) {
                    choice = Some((d, ri));
                }
            }
            if let Some((d, ri)) = choice {
                let slot = best.entry((sentence.start, ri)).or_insert((d, mi));
                if d < slot.0 {
                    *slot = (d, mi);
                }
            }
        }
        let mut out: Vec<Bound> = best
            .into_iter()
            .map(|((_, rule), (_, mi))| Bound {
                rule,
                mention: mentions[mi].clone(),
            })
            .collect();
        out.sort_by_key(|b| (b.mention.span.start, b.rule));
        out
    }

    /// Tolerance for a bound number, in the rule's unit: the rule's own plus
    /// half the last digit the writer printed.
    fn tolerance(&self, r: &QuantityRule, m: &Mention, unit: &Unit) -> f64 {
        let printed = if m.is_calendar_year() {
            0.0
        } else {
            // A difference, not a value: °F to °C has an offset too.
            let zero = self.convert(0.0, unit, &r.unit).unwrap_or(0.0);
            self.convert(m.precision() / 2.0, unit, &r.unit)
                .map_or(0.0, |half| half - zero)
        };
        r.tolerance.amount(r.value) + printed
    }

    /// Findings for one bound number.
    fn judge(&self, doc: &Document, rules: &RuleSet, b: &Bound) -> Option<Finding> {
        let text = doc.text();
        let r = &rules.quantities[b.rule];
        let m = &b.mention;
        let unit = m.unit.as_ref()?;
        let lo = self.convert(m.value, unit, &r.unit)?;
        let hi = self.convert(m.high.unwrap_or(m.value), unit, &r.unit)?;
        let centre = (lo + hi) / 2.0;
        let tol = self.tolerance(r, m, unit);
        let found_text = compact_text(&text[m.span.clone()]);
        let found = found_reading(m, unit);
        let expected = format_quantity(r.value, &r.unit, 3);
        let canonical = house_text(r.value, &r.unit);
        let within = lo - tol <= r.value && r.value <= hi + tol;
        let (check, severity, message, replacement) = if within {
            if r.units.contains(unit) {
                return None;
            }
            let converted = format_quantity(centre, &r.unit, 0);
            let allowed: Vec<String> = r.units.iter().map(|u| u.display(false)).collect();
            (
                Check::QuantityUnit,
                Severity::Warning,
                format!(
                    "{found} is {converted}; this fact is written in {}",
                    allowed.join(" or ")
                ),
                canonical.clone(),
            )
        } else if *unit != r.unit
            && (m.centre() - r.value).abs() <= r.tolerance.amount(r.value) + m.precision() / 2.0
        {
            // The fact's number with another unit: the unit was swapped, not converted.
            (
                Check::QuantityUnit,
                r.severity,
                format!(
                    "“{found_text}” has the number of the fact but the wrong unit: the fact is {expected}, and {found} is {}",
                    format_quantity(centre, &r.unit, 0)
                ),
                canonical.clone(),
            )
        } else if let Some(k) = power_of_ten(centre, r.value, tol) {
            let what = match m.magnitude {
                Some(mag) if k % 3 == 0 => {
                    let said = Magnitude::word(mag.exponent);
                    let meant = Magnitude::word(mag.exponent - k);
                    if meant.is_empty() {
                        format!(
                            "off by a factor of {}",
                            format_number(10f64.powi(k.abs()), 0)
                        )
                    } else {
                        format!("{said} where the fact is in {meant}s: {said} and {meant} confused")
                    }
                }
                _ => format!(
                    "off by a factor of {}: {} {}",
                    format_number(10f64.powi(k.abs()), 0),
                    if k.abs() == 1 { "a zero" } else { "zeros" },
                    if k > 0 { "added" } else { "dropped" }
                ),
            };
            let right = self.convert(r.value, &r.unit, unit)?;
            (
                Check::QuantityMagnitude,
                r.severity,
                format!("“{found_text}” is {what}; the fact is {expected}"),
                write_like(text, m, right),
            )
        } else {
            let right = self.convert(r.value, &r.unit, unit)?;
            let replacement = if m.high.is_some() || m.is_calendar_year() {
                canonical.clone()
            } else {
                write_like(text, m, right)
            };
            let tolerance = if r.tolerance.amount(r.value) > 0.0 {
                format!(
                    " (tolerance ±{})",
                    format_quantity(r.tolerance.amount(r.value), &r.unit, 3)
                )
            } else {
                String::new()
            };
            (
                Check::QuantityValue,
                r.severity,
                format!(
                    "“{found_text}” does not match the fact: {found} where it is {expected}{tolerance}"
                ),
                replacement,
            )
        };
        Some(Finding {
            // The number to write is the rule's; how to word it is a guess.
            suggestion: Some(Suggestion {
                span: m.span.clone(),
                replacement: replacement.clone(),
                applicability: Applicability::Unsafe,
            }),
            path: doc.source.path.clone(),
            check,
            rule: r.id.clone(),
            severity,
            message,
            span: m.span.clone(),
            label: format!("found {found}"),
            found,
            expected: Some(expected),
            help: Some(format!("write “{replacement}”")),
            notes: Vec::new(),
            related: vec![
                r.value_origin
                    .label(format!("value declared here (rule `{}`)", r.id)),
            ],
        })
    }

    /// `quantity-rounding` notes: the same fact, in the rule's unit and
    /// within tolerance, printed differently across the files of a run.
    /// `files` holds each file's path and its readings, in any order.
    pub fn across(&self, files: &[FileFacts], rules: &RuleSet) -> Vec<Finding> {
        if files.len() < 2 || rules.quantities.is_empty() {
            return Vec::new();
        }
        let mut order: Vec<&FileFacts> = files.iter().collect();
        order.sort_by(|a, b| a.path.cmp(&b.path));
        // rule → [(path, span, reading)]
        let mut readings: BTreeMap<usize, Vec<(String, Range<usize>, String)>> = BTreeMap::new();
        for file in order {
            for r in &file.quantities {
                readings.entry(r.rule).or_default().push((
                    file.path.clone(),
                    r.span.clone(),
                    r.text.clone(),
                ));
            }
        }
        let mut out = Vec::new();
        for (rule, list) in readings {
            let mut counts: Vec<(&str, usize, usize)> = Vec::new(); // (reading, count, first index)
            for (i, (_, _, reading)) in list.iter().enumerate() {
                match counts.iter_mut().find(|c| c.0 == reading) {
                    Some(c) => c.1 += 1,
                    None => counts.push((reading, 1, i)),
                }
            }
            if counts.len() < 2 {
                continue;
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
            let (usual, _, first) = counts[0];
            let r = &rules.quantities[rule];
            let (usual_path, usual_span, _) = &list[first];
            for (path, span, reading) in &list {
                if reading == usual {
                    continue;
                }
                out.push(Finding {
                    suggestion: None,
                    path: path.clone(),
                    check: Check::QuantityRounding,
                    rule: r.id.clone(),
                    severity: Severity::Note,
                    message: format!(
                        "{reading} here but {usual} in {usual_path}: the versions round this fact differently"
                    ),
                    span: span.clone(),
                    label: format!("written {reading}"),
                    found: reading.clone(),
                    expected: Some(usual.to_string()),
                    help: Some(format!(
                        "write “{}” as the other versions do",
                        house_text(
                            list[first].2.split(' ').next().map_or(r.value, |n| {
                                n.replace(',', "").parse().unwrap_or(r.value)
                            }),
                            &r.unit
                        )
                    )),
                    notes: Vec::new(),
                    related: vec![
                        RelatedSpan {
                            path: usual_path.clone(),
                            span: usual_span.clone(),
                            message: format!("written {usual} here"),
                        },
                        r.value_origin
                            .label(format!("value declared here (rule `{}`)", r.id)),
                    ],
                });
            }
        }
        out
    }
}

/// Byte distance between two spans (0 when they touch or overlap).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The power of ten `k` (not 0) with `value / 10^k` within `tol` of `fact`.
fn power_of_ten(value: f64, fact: f64, tol: f64) -> Option<i32> {
    if value <= 0.0 || fact <= 0.0 {
        return None;
    }
    let k = (value / fact).log10().round() as i32;
    if k == 0 || k.abs() > 12 {
        return None;
    }
    let scaled = value / 10f64.powi(k);
    ((scaled - fact).abs() <= tol.max(fact * 0.005)).then_some(k)
}

/// The normalised reading of a mention in its own unit ("2,000 miles").
fn found_reading(m: &Mention, unit: &Unit) -> String {
    match m.high {
        Some(h) => format!(
            "{}–{}",
            format_number(m.value, m.decimals),
            format_quantity(h, unit, m.decimals)
        ),
        None => format_quantity(m.value, unit, m.decimals),
    }
}

/// A value as a newspaper prints it: "3,200km", "12 days", "US$400 billion",
/// "Dh367.3 billion", "3.5%", "2012".
pub fn house_text(value: f64, unit: &Unit) -> String {
    let decimals = if (value - value.round()).abs() < 1e-9 {
        0
    } else {
        2
    };
    match unit {
        Unit::Km | Unit::M | Unit::Kg | Unit::Km2 => {
            format!("{}{}", format_number(value, decimals), unit.display(false))
        }
        Unit::Percent => format!("{}%", format_number(value, decimals)),
        Unit::CalendarYear => format_number(value, 0).replace(',', ""),
        Unit::Currency(code) => {
            let sign = match code.as_str() {
                "USD" => "US$",
                "AED" => "Dh",
                "EUR" => "€",
                "GBP" => "£",
                _ => "",
            };
            let reading = format_quantity(value, unit, decimals);
            let number = reading.trim_start_matches(code.as_str()).trim_start();
            if sign.is_empty() {
                format!("{code} {number}")
            } else {
                format!("{sign}{number}")
            }
        }
        _ => format_quantity(value, unit, decimals),
    }
}

/// `value` (in the mention's unit) written the way the mention is written:
/// same currency sign, spacing, unit word, magnitude style and decimals.
fn write_like(text: &str, m: &Mention, value: f64) -> String {
    let prefix = &text[m.span.start..m.number.start];
    match (&m.magnitude, &m.magnitude_span) {
        (Some(mag), Some(mag_span)) if !m.in_words && mag_span.start >= m.number.end => {
            let exponent = [12, 9, 6, 3]
                .into_iter()
                .find(|e| value.abs() >= 10f64.powi(*e))
                .unwrap_or(mag.exponent);
            let number = value / 10f64.powi(exponent);
            let between = &text[m.number.end..mag_span.start];
            let after = &text[mag_span.end..m.span.end];
            format!(
                "{prefix}{}{between}{}{after}",
                format_number(number, m.decimals),
                mag.text(exponent)
            )
        }
        _ if m.magnitude.is_none() => {
            let after = &text[m.number.end..m.span.end];
            format!("{prefix}{}{after}", format_number(value, m.decimals))
        }
        _ => m.unit.as_ref().map_or_else(
            || format_number(value, m.decimals),
            |u| house_text(value, u),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::numbers::quantities;

    #[test]
    fn writes_like_the_writer() {
        let text = "a US$400 million deal and 3,800km and Dh467.3 billion";
        let q = quantities(text);
        assert_eq!(write_like(text, &q[0], 400e9), "US$400 billion");
        assert_eq!(write_like(text, &q[1], 3200.0), "3,200km");
        assert_eq!(write_like(text, &q[2], 367.25e9), "Dh367.3 billion");
    }

    #[test]
    fn house_style() {
        assert_eq!(house_text(3200.0, &Unit::Km), "3,200km");
        assert_eq!(
            house_text(400e9, &Unit::Currency("USD".into())),
            "US$400 billion"
        );
        assert_eq!(house_text(12.0, &Unit::Day), "12 days");
        assert_eq!(house_text(2012.0, &Unit::CalendarYear), "2012");
    }

    #[test]
    fn powers_of_ten() {
        assert_eq!(power_of_ten(400e6, 400e9, 0.0), Some(-3));
        assert_eq!(power_of_ten(32000.0, 3200.0, 0.0), Some(1));
        assert_eq!(power_of_ten(3800.0, 3200.0, 0.0), None);
    }
}
