//! `[[rate]]` tables: how many units of a currency buy one US dollar, as of
//! a day, so that quantities in other currencies can be compared.

use super::fields::origin;
use super::schema::RateSchema;
use super::{RuleError, RuleOrigin, RuleSet};
use crate::text::numbers::Unit;
use std::collections::HashMap;
use toml::Spanned;

/// A compiled `[[rate]]`: `per_usd` units of `currency` buy one US dollar.
#[derive(Debug, Clone)]
pub struct Rate {
    /// Upper-case currency code ("AED").
    pub currency: String,
    /// Units of `currency` that buy one US dollar (positive).
    pub per_usd: f64,
    /// The day the rate is taken from, `YYYY-MM-DD`.
    pub as_of: String,
    /// Where the rule file declares `per_usd`.
    pub origin: RuleOrigin,
}

impl RuleSet {
    /// A rate per currency, and one for every currency a quantity rule uses.
    /// Call after every file is loaded (rates may live in another file).
    pub(super) fn check_rates(&self, errors: &mut Vec<RuleError>) {
        let mut seen: HashMap<&str, &Rate> = HashMap::new();
        for rate in &self.rates {
            if let Some(first) = seen.get(rate.currency.as_str()) {
                let mut e = RuleError::at(
                    &rate.origin.path,
                    rate.origin.span.clone(),
                    format!("a second rate for {}", rate.currency),
                    "declared again here",
                )
                .with_help("keep one rate per currency: a run compares every version at one rate");
                e.related.push(first.origin.label("first declared here"));
                errors.push(e);
            } else {
                seen.insert(&rate.currency, rate);
            }
        }
        for q in &self.quantities {
            if let Unit::Currency(code) = &q.unit
                && code != "USD"
                && self.rate(code).is_none()
            {
                errors.push(
                    RuleError::at(
                        &q.value_origin.path,
                        q.value_origin.span.clone(),
                        format!(
                            "rule `{}` is in {code} but no rate for {code} is declared",
                            q.id
                        ),
                        "cannot be compared with other currencies",
                    )
                    .with_help(format!(
                        "add [[rate]] currency = \"{code}\" per_usd = … as_of = \"YYYY-MM-DD\""
                    )),
                );
            }
        }
    }
}

/// Compile one `[[rate]]` table of the rule file `path`: the rule, or every
/// problem found in it, each at its TOML value.
pub(super) fn compile(path: &str, spanned: Spanned<RateSchema>) -> Result<Rate, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    let code = s.currency.get_ref().trim();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        errors.push(
            RuleError::at(
                path,
                s.currency.span(),
                format!("invalid currency code {code:?}"),
                "not a currency code",
            )
            .with_help("use the three-letter upper-case code, e.g. \"AED\" for the UAE dirham"),
        );
    } else if code == "USD" {
        errors.push(RuleError::at(
            path,
            s.currency.span(),
            "a rate for USD",
            "rates are per US dollar already",
        ));
    }
    let per_usd = *s.per_usd.get_ref();
    if !per_usd.is_finite() || per_usd <= 0.0 {
        errors.push(RuleError::at(
            path,
            s.per_usd.span(),
            "per_usd must be a positive number",
            "bad rate",
        ));
    }
    let as_of = match &s.as_of {
        Some(d) if is_iso_date(d.get_ref()) => d.get_ref().clone(),
        Some(d) => {
            errors.push(
                RuleError::at(
                    path,
                    d.span(),
                    format!("invalid date {:?}", d.get_ref()),
                    "not a date",
                )
                .with_help("write the day the rate is taken from as \"YYYY-MM-DD\""),
            );
            String::new()
        }
        None => {
            errors.push(
                RuleError::at(
                    path,
                    s.currency.span(),
                    format!("the rate for {code} has no `as_of` date"),
                    "when was this rate true?",
                )
                .with_help("rates are facts of their moment: add as_of = \"YYYY-MM-DD\""),
            );
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rate {
        currency: code.to_string(),
        per_usd,
        as_of,
        origin: origin(path, &s.per_usd),
    })
}

/// `YYYY-MM-DD` with a month 1–12 and a day 1–31.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{load, pointed};

    #[test]
    fn broken_rates_point_at_the_value() {
        let toml = "[[rate]]\ncurrency = \"aed\"\nper_usd = 3.6725\nas_of = \"2017-10-30\"\n\n[[rate]]\ncurrency = \"GBP\"\nper_usd = -1\nas_of = \"2017-13-01\"\n\n[[rate]]\ncurrency = \"EUR\"\nper_usd = 0.86\n\n[[quantity]]\nid = \"q\"\ncue = [\"x\"]\nvalue = 5\nunit = \"CNY\"\n";
        let (_, errors) = load(toml);
        assert_eq!(
            pointed(toml, &errors),
            ["\"aed\"", "-1", "\"2017-13-01\"", "\"EUR\"", "5"],
            "{errors:#?}"
        );
    }

    #[test]
    fn a_second_rate_for_one_currency_is_an_error() {
        let toml = "[[rate]]\ncurrency = \"AED\"\nper_usd = 3.6725\nas_of = \"2017-10-30\"\n\n[[rate]]\ncurrency = \"AED\"\nper_usd = 3.67\nas_of = \"2018-01-01\"\n";
        let (_, errors) = load(toml);
        assert_eq!(pointed(toml, &errors), ["3.67"]);
        assert_eq!(errors[0].related.len(), 1);
    }
}
