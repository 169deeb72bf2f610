//! `[[quantity]]` rules: numbers with a unit that every version must agree
//! on, within a tolerance.

use super::fields::{check_id, lower_all, non_empty, origin};
use super::schema::{QuantitySchema, ToleranceSchema};
use super::{RuleError, RuleOrigin};
use crate::finding::Severity;
use crate::text::numbers::Unit;
use toml::Spanned;

/// How far a written value may lie from a quantity rule's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// In the rule's unit.
    Absolute(f64),
    /// Percent of the rule's value.
    Percent(f64),
}

impl Tolerance {
    /// The tolerance in the rule's unit for a rule of value `value`.
    pub fn amount(self, value: f64) -> f64 {
        match self {
            Tolerance::Absolute(a) => a,
            Tolerance::Percent(p) => value.abs() * p / 100.0,
        }
    }
}

/// A compiled `[[quantity]]` rule.
#[derive(Debug, Clone)]
pub struct QuantityRule {
    /// The rule's `id`, as findings name it.
    pub id: String,
    /// Cue words or phrases, normalised and lowercased.
    pub cues: Vec<String>,
    /// The fact's value, in `unit`.
    pub value: f64,
    /// Where the rule file declares the value.
    pub value_origin: RuleOrigin,
    /// The unit `value` is given in.
    pub unit: Unit,
    /// How far a written value may lie from `value`, beyond half its last printed digit.
    pub tolerance: Tolerance,
    /// Units the fact may be written in; `unit` is always among them.
    pub units: Vec<Unit>,
    /// Severity of value, magnitude and wrong-unit findings; `quantity-unit` warnings stay warnings.
    pub severity: Severity,
    /// Replaces the generated message of the rule's findings (see `checks/resolve.rs`).
    pub message: Option<String>,
    /// Replaces the generated help line of the rule's findings.
    pub help: Option<String>,
}

const UNIT_HELP: &str = "use one of: km, m, mile, nautical mile, foot, yard, inch, cm, mm, kg, tonne, km2, square mile, hectare, acre, km/h, mph, knot, m/s, second, minute, hour, day, week, month, year, percent, calendar year, or a currency code such as USD or AED";

fn unit_of(path: &str, s: &Spanned<String>, errors: &mut Vec<RuleError>) -> Option<Unit> {
    let unit = Unit::from_rule_name(s.get_ref());
    if unit.is_none() {
        errors.push(
            RuleError::at(
                path,
                s.span(),
                format!("unknown unit {:?}", s.get_ref()),
                "not a unit copydesk knows",
            )
            .with_help(UNIT_HELP),
        );
    }
    unit
}

/// Compile one `[[quantity]]` table of the rule file `path`: the rule, or every
/// problem found in it, each at its TOML value.
pub(super) fn compile(
    path: &str,
    spanned: Spanned<QuantitySchema>,
) -> Result<QuantityRule, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    check_id(path, &s.id, &mut errors);
    if s.cue.is_empty() {
        errors.push(
            RuleError::at(
                path,
                s.id.span(),
                "quantity rule has no cue",
                "nothing binds a number to this fact",
            )
            .with_help(
                "add `cue = [\"pipeline\"]`: a number is checked when a cue is in its sentence",
            ),
        );
    }
    non_empty(path, "cue", &s.cue, &mut errors);
    let value = *s.value.get_ref();
    if !value.is_finite() {
        errors.push(RuleError::at(
            path,
            s.value.span(),
            "value is not a finite number",
            "here",
        ));
    }
    let unit = unit_of(path, &s.unit, &mut errors);
    let mut units = Vec::new();
    for u in &s.units {
        if let Some(allowed) = unit_of(path, u, &mut errors) {
            match &unit {
                Some(main) if main.family() != allowed.family() => {
                    errors.push(RuleError::at(
                        path,
                        u.span(),
                        format!(
                            "{:?} does not measure the same thing as {:?}",
                            u.get_ref(),
                            s.unit.get_ref()
                        ),
                        "another kind of unit",
                    ));
                }
                _ => units.push(allowed),
            }
        }
    }
    let tolerance = match &s.tolerance {
        None => Tolerance::Absolute(0.0),
        Some(t) => match parse_tolerance(t.get_ref()) {
            Ok(tol) => tol,
            Err(why) => {
                errors.push(
                    RuleError::at(path, t.span(), why, "invalid tolerance")
                        .with_help("write a non-negative number in the rule's unit (tolerance = 20) or a percentage (tolerance = \"1%\")"),
                );
                Tolerance::Absolute(0.0)
            }
        },
    };
    let Some(unit) = unit else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    if !units.contains(&unit) {
        units.insert(0, unit.clone());
    }
    Ok(QuantityRule {
        id: s.id.get_ref().clone(),
        cues: lower_all(&s.cue),
        value,
        value_origin: origin(path, &s.value),
        unit,
        tolerance,
        units,
        severity: s.severity.map_or(Severity::Error, |s| *s.get_ref()),
        message: s.message,
        help: s.help,
    })
}

fn parse_tolerance(t: &ToleranceSchema) -> Result<Tolerance, String> {
    let tol = match t {
        ToleranceSchema::Absolute(a) => Tolerance::Absolute(*a),
        ToleranceSchema::Text(text) => {
            let Some(number) = text.trim().strip_suffix('%') else {
                return Err(format!(
                    "tolerance {text:?} is neither a number nor a percentage"
                ));
            };
            let p: f64 = number
                .trim()
                .parse()
                .map_err(|_| format!("tolerance {text:?} is not a percentage"))?;
            Tolerance::Percent(p)
        }
    };
    let (Tolerance::Absolute(x) | Tolerance::Percent(x)) = tol;
    if !x.is_finite() || x < 0.0 {
        return Err("tolerance must not be negative".to_string());
    }
    Ok(tol)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{load, pointed};

    #[test]
    fn a_good_quantity_and_rate_compile() {
        let toml = "[[quantity]]\nid = \"p\"\ncue = [\"Pipeline\"]\nvalue = 3200\nunit = \"km\"\ntolerance = \"1%\"\nunits = [\"km\", \"mile\"]\n\n[[rate]]\ncurrency = \"AED\"\nper_usd = 3.6725\nas_of = \"2017-10-30\"\n";
        let (set, errors) = load(toml);
        assert!(errors.is_empty(), "{errors:#?}");
        let q = &set.quantities[0];
        assert_eq!(q.cues, ["pipeline"]);
        assert_eq!(q.tolerance.amount(q.value), 32.0);
        assert_eq!(q.units, [Unit::Km, Unit::Mile]);
        assert_eq!(&toml[q.value_origin.span.clone()], "3200");
        assert_eq!(set.rates[0].per_usd, 3.6725);
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn broken_quantities_point_at_the_value() {
        let toml = "[[quantity]]\nid = \"a\"\ncue = [\"x\"]\nvalue = 1\nunit = \"furlong\"\n\n[[quantity]]\nid = \"b\"\ncue = [\"x\"]\nvalue = 1\nunit = \"km\"\ntolerance = -2\nunits = [\"kg\"]\n\n[[quantity]]\nid = \"c\"\ncue = [\"x\"]\nvalue = 1\nunit = \"km\"\ntolerance = \"lots\"\n\n[[quantity]]\nid = \"d\"\nvalue = 5\nunit = \"EUR\"\n";
        let (_, errors) = load(toml);
        assert_eq!(
            pointed(toml, &errors),
            ["\"furlong\"", "\"kg\"", "-2", "\"lots\"", "\"d\""],
            "{errors:#?}"
        );
    }
}
