//! The one stage that decides what is reported.
//!
//! Every engine pushes all it finds; this stage, run once per document
//! after all engines (and once over the cross-version findings), decides,
//! in this order:
//! 1. **where**: nothing before the article body (front matter) is reported;
//! 2. **selection**: only the selected checks (`--select`/`--ignore`) stay,
//!    before anything else can merge or drop them, so a check the user asks
//!    for is never lost to one the user does not want;
//! 3. **overlaps**: the table [`OVERLAPS`], each row one documented rule
//!    for two findings on the same words;
//! 4. **overrides**: a rule's `message` and `help` replace the engine's, for
//!    every check of every kind;
//! 5. **severity**: `[severity]` of `copydesk.toml` sets a rule's, a check's
//!    or a kind's severity, or turns it `off` ([`apply_severities`]; the
//!    same step decides `compare`'s findings);
//! 6. **order**: sorted by (path, start, end, code, rule), duplicates dropped.

use crate::codes::{Check, Selection};
use crate::finding::{Finding, sort_findings};
use crate::rules::RuleSet;
use crate::severity::Severities;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// How the spans of two findings must lie for a row of [`OVERLAPS`] to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The winner's span holds the loser's (or equals it).
    Contains,
    /// The winner's span holds the loser's and is longer.
    StrictlyContains,
    /// The two spans share at least one byte.
    Overlaps,
}

impl Relation {
    fn holds(self, winner: &Range<usize>, loser: &Range<usize>) -> bool {
        match self {
            Relation::Contains => winner.start <= loser.start && loser.end <= winner.end,
            Relation::StrictlyContains => {
                winner.start <= loser.start && loser.end <= winner.end && winner != loser
            }
            Relation::Overlaps => winner.start < loser.end && loser.start < winner.end,
        }
    }
}

/// One rule of the overlap table: when a `winner` finding and a `loser`
/// finding lie as `relation` says, the loser is not reported (and, with
/// `absorb`, what it knew becomes notes of the winner).
#[derive(Debug, Clone, Copy)]
pub struct Overlap {
    /// Checks that win.
    pub winner: &'static [Check],
    /// Checks that lose.
    pub loser: &'static [Check],
    /// How the spans must lie.
    pub relation: Relation,
    /// Whether the loser's label, notes and first related span move to the winner.
    pub absorb: bool,
    /// Why, in one line (documentation and tests).
    pub why: &'static str,
}

/// The overlap table, applied row by row in this order.
pub const OVERLAPS: &[Overlap] = &[
    Overlap {
        winner: &[Check::Term],
        loser: &[Check::QuoteWord, Check::QuoteHomophone],
        relation: Relation::Contains,
        absorb: true,
        why: "a term finding on quoted words absorbs the quotation finding on the same words: \
              one mistake, and the term rule says what is wrong everywhere",
    },
    Overlap {
        winner: &[Check::Term],
        loser: &[Check::Term],
        relation: Relation::StrictlyContains,
        absorb: false,
        why: "the outer of two nested terms wins (“Korean Peninsular” over “Peninsular”)",
    },
    Overlap {
        winner: &[Check::EntityRole],
        loser: &[Check::EntityNearMiss],
        relation: Relation::Overlaps,
        absorb: false,
        why: "a role finding wins over a near-miss on the same name: the role says whose name it is",
    },
    Overlap {
        winner: &[
            Check::EntityVariant,
            Check::EntityRole,
            Check::EntityNearMiss,
        ],
        loser: &[Check::EntityGloss],
        relation: Relation::Overlaps,
        absorb: true,
        why: "a rule's finding on a name absorbs the gloss check on the same words: one mistake, \
              and the rule says what to write (the gloss's reading becomes a note)",
    },
];

/// The resolve stage, compiled once per run.
pub struct Resolver {
    selection: Selection,
    severities: Severities,
    /// Rule id → (message, help) given in the rule file.
    overrides: HashMap<String, (Option<String>, Option<String>)>,
}

impl Resolver {
    /// The resolver for `rules` under `selection`.
    pub fn new(rules: &RuleSet, selection: Selection) -> Self {
        let mut overrides = HashMap::default();
        let mut add = |id: &str, message: &Option<String>, help: &Option<String>| {
            if message.is_some() || help.is_some() {
                overrides.insert(id.to_string(), (message.clone(), help.clone()));
            }
        };
        for r in &rules.entities {
            add(&r.id, &r.message, &r.help);
        }
        for r in &rules.terms {
            add(&r.id, &r.message, &r.help);
        }
        for r in &rules.quantities {
            add(&r.id, &r.message, &r.help);
        }
        for r in &rules.events {
            add(&r.id, &r.message, &r.help);
        }
        for r in &rules.quotes {
            add(&r.id, &r.message, &r.help);
        }
        for r in &rules.styles {
            add(&r.id, &r.message, &r.help);
        }
        Resolver {
            selection,
            severities: Severities::default(),
            overrides,
        }
    }

    /// The same resolver, with `[severity]` overrides.
    pub fn with_severities(mut self, severities: Severities) -> Self {
        self.severities = severities;
        self
    }

    /// The selection the run was given.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Decide what of `findings` (all in files whose article text begins at
    /// `body`) is reported, in output order.
    pub fn resolve(&self, mut findings: Vec<Finding>, body: usize) -> Vec<Finding> {
        findings.retain(|f| f.span.start >= body && self.selection.allows(f.check));
        for row in OVERLAPS {
            apply(row, &mut findings);
        }
        for f in &mut findings {
            if let Some((message, help)) = self.overrides.get(&f.rule) {
                if let Some(m) = message {
                    f.message = m.clone();
                }
                if let Some(h) = help {
                    f.help = Some(h.clone());
                }
            }
        }
        apply_severities(&self.severities, &mut findings);
        sort_findings(&mut findings);
        findings
    }
}

/// Step 5: the severity `[severity]` gives a finding's rule (or else its
/// check, or else its kind); findings turned `off` are dropped.
pub fn apply_severities(severities: &Severities, findings: &mut Vec<Finding>) {
    if severities.is_empty() {
        return;
    }
    findings.retain_mut(|f| match severities.level(f.check, &f.rule) {
        None => true,
        Some(level) => match level.severity() {
            Some(s) => {
                f.severity = s;
                true
            }
            None => false,
        },
    });
}

/// Apply one row of the overlap table. Winners are sorted by start with a
/// running maximum of their ends, so each loser looks back only over the
/// winners that can still reach it: linear in practice, whatever the number
/// of findings (a line of megabytes with thousands of terms).
fn apply(row: &Overlap, findings: &mut Vec<Finding>) {
    let mut winners: Vec<usize> = (0..findings.len())
        .filter(|&i| row.winner.contains(&findings[i].check))
        .collect();
    if winners.is_empty() {
        return;
    }
    winners.sort_by_key(|&w| (findings[w].span.start, findings[w].span.end));
    let reach: Vec<usize> = winners
        .iter()
        .scan(0, |max, &w| {
            *max = (*max).max(findings[w].span.end);
            Some(*max)
        })
        .collect();
    let mut absorbed: Vec<(usize, usize)> = Vec::new();
    let mut lost = vec![false; findings.len()];
    for (i, f) in findings.iter().enumerate() {
        if !row.loser.contains(&f.check) {
            continue;
        }
        // Winners that begin where they could still hold or touch `f`.
        let last = match row.relation {
            Relation::Overlaps => winners.partition_point(|&w| findings[w].span.start < f.span.end),
            _ => winners.partition_point(|&w| findings[w].span.start <= f.span.start),
        };
        let needed = match row.relation {
            Relation::Overlaps => f.span.start + 1,
            _ => f.span.end,
        };
        let mut beaten_by = None;
        for j in (0..last).rev() {
            if reach[j] < needed {
                break;
            }
            let w = winners[j];
            if w != i && row.relation.holds(&findings[w].span, &f.span) {
                beaten_by = Some(w);
                break;
            }
        }
        if let Some(w) = beaten_by {
            lost[i] = true;
            if row.absorb {
                absorbed.push((w, i));
            }
        }
    }
    for (w, l) in absorbed {
        let loser = findings[l].clone();
        let winner = &mut findings[w];
        winner.notes.push(format!(
            "inside a quotation (rule `{}`, check `{}`): {}",
            loser.rule,
            loser.check.code(),
            loser.label
        ));
        winner.notes.extend(loser.notes);
        winner.related.extend(loser.related.into_iter().take(1));
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !lost[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(check: Check, span: Range<usize>) -> Finding {
        Finding {
            path: "a.txt".into(),
            check,
            rule: format!("{}-rule", check.code()),
            severity: Severity::Error,
            message: "m".into(),
            span,
            label: "l".into(),
            found: String::new(),
            expected: None,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
            suggestion: None,
        }
    }

    fn checks(findings: &[Finding]) -> Vec<Check> {
        findings.iter().map(|f| f.check).collect()
    }

    #[test]
    fn a_selected_quotation_finding_survives_when_terms_are_not_selected() {
        let all = vec![
            finding(Check::Term, 10..20),
            finding(Check::QuoteWord, 12..17),
        ];
        let select = Selection::new(&["quote".to_string()], &[]).unwrap();
        let r = Resolver::new(&RuleSet::default(), select);
        assert_eq!(checks(&r.resolve(all.clone(), 0)), [Check::QuoteWord]);
        let ignore = Selection::new(&[], &["term".to_string()]).unwrap();
        let r = Resolver::new(&RuleSet::default(), ignore);
        assert_eq!(checks(&r.resolve(all.clone(), 0)), [Check::QuoteWord]);
        let r = Resolver::new(&RuleSet::default(), Selection::all());
        let kept = r.resolve(all, 0);
        assert_eq!(checks(&kept), [Check::Term]);
        assert!(kept[0].notes[0].contains("quote-word"));
    }

    #[test]
    fn outer_term_and_role_win() {
        let r = Resolver::new(&RuleSet::default(), Selection::all());
        let kept = r.resolve(
            vec![
                finding(Check::Term, 0..10),
                finding(Check::Term, 5..10),
                finding(Check::EntityNearMiss, 20..28),
                finding(Check::EntityRole, 20..28),
            ],
            0,
        );
        assert_eq!(checks(&kept), [Check::Term, Check::EntityRole]);
    }

    #[test]
    fn nothing_in_front_matter_is_reported() {
        let r = Resolver::new(&RuleSet::default(), Selection::all());
        let kept = r.resolve(vec![finding(Check::QuoteUnbalanced, 3..4)], 10);
        assert!(kept.is_empty());
    }

    #[test]
    fn severity_overrides_by_rule_then_check_then_kind() {
        use crate::severity::{Level, SeverityOverride};
        let set = |key: &str, level| SeverityOverride {
            key: key.into(),
            span: 0..0,
            level,
        };
        let severities = Severities::new(&[
            set("entity", Level::Note),
            set("entity-near-miss", Level::Warning),
            set("entity-variant-rule", Level::Error),
            set("term-rule", Level::Off),
        ]);
        let r = Resolver::new(&RuleSet::default(), Selection::all()).with_severities(severities);
        let kept = r.resolve(
            vec![
                finding(Check::EntityNearMiss, 0..4),
                finding(Check::EntityVariant, 10..14),
                finding(Check::EntityRole, 20..24),
                finding(Check::Term, 30..34),
                finding(Check::QuoteWord, 40..44),
            ],
            0,
        );
        let got: Vec<(Check, Severity)> = kept.iter().map(|f| (f.check, f.severity)).collect();
        assert_eq!(
            got,
            [
                (Check::EntityNearMiss, Severity::Warning),
                (Check::EntityVariant, Severity::Error),
                (Check::EntityRole, Severity::Note),
                (Check::QuoteWord, Severity::Error),
            ]
        );
    }
}
