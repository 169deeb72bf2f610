//! Findings on numbers beyond the vote: the same value written in another
//! unit than most versions write it (a note: a correct conversion between
//! editions is no drift), a parenthetical conversion that misses its
//! quantity inside one version (an error), and the note on how two
//! contradicting numbers relate.

use super::narrow::{path, shown};
use super::vote::base_value;
use super::{Analysis, Reading, Site};
use crate::codes::Check;
use crate::finding::{Finding, RelatedSpan, Severity};
use crate::text::compact_text;
use crate::text::numbers::{Mention, Unit, format_quantity};

impl Analysis<'_> {
    /// Numbers that agree with the majority in another unit: a note (in
    /// another currency, a note that no rate checks it).
    pub(super) fn presentation_findings(&self, site: &Site, out: &mut Vec<Finding>) {
        if !matches!(self.items[site.majority].reading, Reading::Number(_)) {
            return;
        }
        let n = site.items.len();
        let agreeing: Vec<usize> = site
            .items
            .iter()
            .copied()
            .filter(|i| !site.deviants.contains(i))
            .collect();
        // The unit most agreeing versions write.
        let mut units: Vec<(Option<Unit>, usize, usize)> = Vec::new();
        for &i in &agreeing {
            let Reading::Number(x) = &self.items[i].reading else {
                continue;
            };
            match units.iter_mut().find(|u| u.0 == x.unit) {
                Some(u) => u.1 += 1,
                None => units.push((x.unit.clone(), 1, i)),
            }
        }
        units.sort_by_key(|u| std::cmp::Reverse(u.1));
        let Some((mut usual, count, mut model)) = units.first().cloned() else {
            return;
        };
        if site.by_reference {
            // The reference's unit is the usual one.
            model = site.majority;
            if let Reading::Number(x) = &self.items[model].reading {
                usual = x.unit.clone();
            }
        } else if units.len() > 1 && units[1].1 == count {
            return;
        }
        for &i in &agreeing {
            let Reading::Number(x) = &self.items[i].reading else {
                continue;
            };
            if x.unit == usual {
                continue;
            }
            let found = shown(self, i);
            let expected = shown(self, model);
            let currencies = matches!(
                (&x.unit, &usual),
                (Some(Unit::Currency(_)), Some(Unit::Currency(_)))
            );
            let how = if currencies {
                "another currency, which compare cannot convert without a rate"
            } else {
                "the same value in another unit"
            };
            out.push(Finding {
                suggestion: None,
                path: path(self, i).to_string(),
                check: Check::CompareNumber,
                rule: Check::CompareNumber.code().to_string(),
                severity: Severity::Note,
                message: if site.by_reference {
                    format!(
                        "“{found}” here, while the reference version ({}) writes “{expected}”: {how}",
                        path(self, model)
                    )
                } else {
                    format!(
                        "“{found}” here, while {count} of {n} versions write “{expected}”: {how}"
                    )
                },
                span: self.items[i].span.clone(),
                label: format!("“{found}” here"),
                found,
                expected: Some(expected.clone()),
                help: Some(format!("write “{expected}” as {}", self.basis_help(site))),
                notes: Vec::new(),
                related: site
                    .items
                    .iter()
                    .filter(|&&o| o != i)
                    .map(|&o| RelatedSpan {
                        path: path(self, o).to_string(),
                        span: self.items[o].span.clone(),
                        message: format!("“{}” here", shown(self, o)),
                    })
                    .collect(),
            });
        }
    }
}

/// A note on how two contradicting numbers relate.
pub(super) fn number_note(d: &Mention, m: &Mention) -> Option<String> {
    let (vd, _) = base_value(d);
    let (vm, _) = base_value(m);
    if vd <= 0.0 || vm <= 0.0 {
        return None;
    }
    let k = (vd / vm).log10().round() as i32;
    if k != 0 && ((vd / 10f64.powi(k)) - vm).abs() <= vm * 0.01 {
        return Some(format!(
            "off by a factor of {}: a magnitude (thousand, million, billion) slipped",
            crate::text::numbers::format_number(10f64.powi(k.abs()), 0)
        ));
    }
    if d.unit != m.unit && (d.centre() - m.centre()).abs() < 1e-9 {
        return Some("the same number with another unit".into());
    }
    None
}

impl Analysis<'_> {
    /// Parenthetical conversions that miss their quantity, each in its own
    /// version: an error, whatever the other versions say (the arithmetic
    /// decides).
    pub(super) fn conversion_findings(&self, out: &mut Vec<Finding>) {
        for c in &self.conversion_misses {
            let v = &self.versions[c.version];
            let text = &v.source.text;
            let found = compact_text(&text[c.inner.span.clone()]);
            let outer = compact_text(&text[c.outer.span.clone()]);
            let Some(unit) = &c.inner.unit else { continue };
            let expected = format_quantity(c.expected, unit, c.inner.decimals.max(1));
            out.push(Finding {
                suggestion: None,
                path: v.source.path.clone(),
                check: Check::CompareNumber,
                rule: Check::CompareNumber.code().to_string(),
                severity: Severity::Error,
                message: format!(
                    "“{found}” does not convert “{outer}” in this version: that is about {expected}"
                ),
                span: c.inner.span.clone(),
                label: format!("should be about {expected}"),
                found,
                expected: Some(expected.clone()),
                help: Some(format!(
                    "write about {expected}, or check “{outer}” at its source"
                )),
                notes: Vec::new(),
                related: vec![RelatedSpan {
                    path: v.source.path.clone(),
                    span: c.outer.span.clone(),
                    message: format!("the number it converts, “{outer}”"),
                }],
            });
        }
    }
}
