//! Applying a file's directives to its findings: what is suppressed, and
//! which directives suppressed nothing (`unused-suppression` notes).
//!
//! A directive name is only reported unused when the run could have
//! produced what it names: `check --select entity` cannot say whether a
//! `copydesk-disable-next-line term` is still needed, nor can `compare`
//! about an `entity-near-miss`, so neither reports it. A name that is no
//! check code, kind or rule id is reported (with the closest known name)
//! whenever the run knows the rule ids.
//!
//! The notes are never suppressed by the directive they are about, so no
//! loop can arise: a note is dropped only by *another* directive that names
//! `unused-suppression` (or its kind, `suppression`) explicitly, and such a
//! name that drops nothing is reported in turn, once, by a note nothing can
//! suppress.

use super::{Directive, Form, Target};
use crate::codes::{ALL_CHECKS, Check, Selection};
use crate::finding::{Finding, Severity, sort_findings};
use crate::rules::RuleSet;
use crate::source::SourceFile;
use rustc_hash::FxHashMap as HashMap;

/// A finding a directive suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// The finding, as it would have been reported.
    pub finding: Finding,
    /// The span of the directive that suppressed it (the first that matched).
    pub directive: std::ops::Range<usize>,
    /// That directive's reason, if it gives one.
    pub reason: Option<String>,
}

/// What applying a file's directives leaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// What stays reported, with the `unused-suppression` notes, sorted.
    pub findings: Vec<Finding>,
    /// What the directives suppressed (for counts and statistics).
    pub suppressed: Vec<Suppressed>,
}

/// The suppression stage, built once per run.
#[derive(Debug, Clone)]
pub struct Suppressor {
    /// Rule id → the kind of its findings; `None`: the run has no rules,
    /// so a name may be a rule id it cannot know.
    rules: Option<HashMap<String, &'static str>>,
    /// The checks the command can report at all.
    family: Vec<Check>,
    /// Of those, the ones the run reports.
    ran: Vec<Check>,
    /// Whether `unused-suppression` notes are reported.
    notes: bool,
}

/// The kind of the findings of each rule of `rules`, by rule id.
fn rule_kinds(rules: &RuleSet) -> HashMap<String, &'static str> {
    let mut out = HashMap::default();
    let mut add = |ids: Vec<&String>, kind: &'static str| {
        for id in ids {
            out.insert(id.clone(), kind);
        }
    };
    add(rules.entities.iter().map(|r| &r.id).collect(), "entity");
    add(rules.terms.iter().map(|r| &r.id).collect(), "term");
    add(rules.quantities.iter().map(|r| &r.id).collect(), "quantity");
    add(rules.quotes.iter().map(|r| &r.id).collect(), "quote");
    add(rules.events.iter().map(|r| &r.id).collect(), "date");
    add(rules.styles.iter().map(|r| &r.id).collect(), "style");
    out
}

/// The closest of `candidates` to `name`, if any is close enough to be a
/// slip of the keyboard.
pub(super) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 4).clamp(1, 3);
    candidates
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|&(d, _)| d > 0 && d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Whether `name` (`None`: every check) matches finding `f`.
fn matches(name: &Option<String>, f: &Finding) -> bool {
    match name {
        None => f.check != Check::UnusedSuppression,
        Some(n) => n == f.check.code() || n == f.check.kind() || *n == f.rule,
    }
}

/// Whether `name` asks for `unused-suppression` notes to be suppressed.
fn names_notes(name: &Option<String>) -> bool {
    let note = Check::UnusedSuppression;
    name.as_deref()
        .is_some_and(|n| n == note.code() || n == note.kind())
}

impl Suppressor {
    /// The stage for `check`: every check but `compare`'s can be reported,
    /// those of `selection` are.
    pub fn for_check(rules: &RuleSet, selection: &Selection) -> Self {
        let family: Vec<Check> = ALL_CHECKS
            .iter()
            .copied()
            .filter(|c| c.kind() != "compare")
            .collect();
        Self::new(Some(rules), family, selection)
    }

    /// The stage for `compare` (with its rules, when given): only
    /// `compare`'s checks can be reported, those of `selection` are.
    pub fn for_compare(rules: Option<&RuleSet>, selection: &Selection) -> Self {
        let family: Vec<Check> = ALL_CHECKS
            .iter()
            .copied()
            .filter(|c| c.kind() == "compare" || *c == Check::UnusedSuppression)
            .collect();
        Self::new(rules, family, selection)
    }

    /// The stage for a command that can report `family`, of which it
    /// reports what `selection` allows; `rules`, when given, are the rule
    /// ids a directive may name.
    pub fn new(rules: Option<&RuleSet>, family: Vec<Check>, selection: &Selection) -> Self {
        let ran = family
            .iter()
            .copied()
            .filter(|&c| selection.allows(c))
            .collect();
        Suppressor {
            rules: rules.map(rule_kinds),
            notes: selection.allows(Check::UnusedSuppression)
                && family.contains(&Check::UnusedSuppression),
            family,
            ran,
        }
    }

    /// Whether every check of the command's family that `pick` takes ran
    /// (and there is one): then a name standing for them that suppressed
    /// nothing is known to be unused.
    fn all_ran(&self, pick: impl Fn(Check) -> bool) -> bool {
        let mut any = false;
        for &c in &self.family {
            if c != Check::UnusedSuppression && pick(c) {
                any = true;
                if !self.ran.contains(&c) {
                    return false;
                }
            }
        }
        any
    }

    /// Whether `name` is a check code, a kind or a known rule id.
    fn known(&self, name: &str) -> bool {
        Check::from_code(name).is_some()
            || Check::is_kind(name)
            || self.rules.as_ref().is_some_and(|r| r.contains_key(name))
    }

    /// Whether a target naming `name` that suppressed nothing is reported.
    fn decidable(&self, name: &Option<String>) -> bool {
        let Some(n) = name else {
            return self.all_ran(|_| true);
        };
        if let Some(c) = Check::from_code(n) {
            return self.all_ran(|x| x == c);
        }
        if Check::is_kind(n) {
            return self.all_ran(|x| x.kind() == n);
        }
        match &self.rules {
            Some(rules) => match rules.get(n.as_str()) {
                Some(kind) => self.all_ran(|x| x.kind() == *kind),
                // No such name: it can never suppress anything.
                None => true,
            },
            None => false,
        }
    }

    /// Why `name` is no name at all, with a guess, if it is not known.
    fn unknown(&self, name: &str) -> Option<String> {
        if self.known(name) || self.rules.is_none() {
            return None;
        }
        let codes = ALL_CHECKS.iter().map(|c| c.code());
        let kinds = ALL_CHECKS.iter().map(|c| c.kind());
        let ids = self.rules.iter().flat_map(|r| r.keys().map(String::as_str));
        let guess = closest(name, codes.chain(kinds).chain(ids));
        Some(match guess {
            Some(g) => format!("`{name}` is no check code, kind or rule id; did you mean `{g}`?"),
            None => format!(
                "`{name}` is no check code, kind or rule id (`copydesk explain` lists the checks)"
            ),
        })
    }

    /// Read `source`'s directives and apply them to its findings (see
    /// [`Suppressor::apply`]).
    pub fn check(&self, findings: Vec<Finding>, source: &SourceFile) -> Applied {
        self.apply(findings, &super::directives(source), &source.path)
    }

    /// Apply the directives of the file `path` to its findings: every
    /// finding of `path` that begins inside a directive's range and is
    /// named by it (or by a directive of every check) is suppressed; each
    /// directive, or name of one, that suppressed nothing becomes an
    /// `unused-suppression` note (when the run reports that check and could
    /// have produced what it names). Findings of other paths pass through.
    ///
    /// Call it once per file with *all* of the file's findings, those
    /// computed across files included: a directive is unused only if no
    /// finding at all needed it.
    pub fn apply(&self, findings: Vec<Finding>, directives: &[Directive], path: &str) -> Applied {
        let mut used: Vec<Vec<bool>> = directives
            .iter()
            .map(|d| vec![false; d.targets.len()])
            .collect();
        let mut out = Applied::default();
        let active =
            |d: &Directive| d.flaw.is_none() && !matches!(d.form, None | Some(Form::Enable));
        for f in findings {
            let mut by = None;
            if f.path == path {
                for (di, d) in directives.iter().enumerate().filter(|(_, d)| active(d)) {
                    for (ti, t) in d.targets.iter().enumerate() {
                        if t.scope.contains(&f.span.start) && matches(&t.name, &f) {
                            used[di][ti] = true;
                            by.get_or_insert(di);
                        }
                    }
                }
            }
            match by {
                Some(di) => out.suppressed.push(Suppressed {
                    finding: f,
                    directive: directives[di].span.clone(),
                    reason: directives[di].reason.clone(),
                }),
                None => out.findings.push(f),
            }
        }
        if !self.notes {
            sort_findings(&mut out.findings);
            return out;
        }
        // Notes about every directive but its names of the notes themselves.
        let mut notes: Vec<(usize, Finding)> = Vec::new();
        for (di, d) in directives.iter().enumerate() {
            if let Some(flaw) = &d.flaw {
                notes.push((di, self.note(path, d, &[], Some(flaw))));
                continue;
            }
            if !active(d) {
                continue;
            }
            let idle: Vec<&Target> = d
                .targets
                .iter()
                .zip(&used[di])
                .filter(|(t, u)| !**u && !names_notes(&t.name) && self.decidable(&t.name))
                .map(|(t, _)| t)
                .collect();
            if !idle.is_empty() {
                notes.push((di, self.note(path, d, &idle, None)));
            }
        }
        // Another directive naming the notes may drop them, once.
        for (ndi, note) in notes {
            let mut by = None;
            for (di, d) in directives.iter().enumerate() {
                if di == ndi || !active(d) {
                    continue;
                }
                for (ti, t) in d.targets.iter().enumerate() {
                    if names_notes(&t.name) && t.scope.contains(&note.span.start) {
                        used[di][ti] = true;
                        by.get_or_insert(di);
                    }
                }
            }
            match by {
                Some(di) => out.suppressed.push(Suppressed {
                    finding: note,
                    directive: directives[di].span.clone(),
                    reason: directives[di].reason.clone(),
                }),
                None => out.findings.push(note),
            }
        }
        // Names of the notes that dropped none: reported, never dropped.
        for (di, d) in directives.iter().enumerate().filter(|(_, d)| active(d)) {
            let idle: Vec<&Target> = d
                .targets
                .iter()
                .zip(&used[di])
                .filter(|(t, u)| !**u && names_notes(&t.name))
                .map(|(t, _)| t)
                .collect();
            if !idle.is_empty() {
                out.findings.push(self.note(path, d, &idle, None));
            }
        }
        sort_findings(&mut out.findings);
        out
    }

    /// The `unused-suppression` note on `d`: its `idle` names suppressed
    /// nothing, or it has a `flaw`.
    fn note(&self, path: &str, d: &Directive, idle: &[&Target], flaw: Option<&str>) -> Finding {
        let mut notes = Vec::new();
        let message = match flaw {
            Some(flaw) => flaw.to_string(),
            None => {
                let place = match d.form {
                    Some(Form::NextLine) => "on the line it applies to",
                    Some(Form::File) => "in this file",
                    _ => "in the text it applies to",
                };
                let named: Vec<String> = idle
                    .iter()
                    .filter_map(|t| t.name.as_ref())
                    .map(|n| format!("`{n}`"))
                    .collect();
                for n in idle.iter().filter_map(|t| t.name.as_deref()) {
                    notes.extend(self.unknown(n));
                }
                if named.is_empty() {
                    format!("`{}` suppresses nothing: no finding {place}", d.keyword)
                } else {
                    format!(
                        "`{}` suppresses nothing named {} {place}",
                        d.keyword,
                        named.join(", ")
                    )
                }
            }
        };
        if let Some(r) = &d.reason {
            notes.push(format!("its reason: {r}"));
        }
        let help = if flaw.is_some() {
            "write one of `copydesk-disable-next-line`, `copydesk-disable` … \
             `copydesk-enable`, `copydesk-disable-file`, or remove the comment"
        } else {
            "remove the comment, or the names in it that nothing needs any more"
        };
        Finding {
            path: path.to_string(),
            check: Check::UnusedSuppression,
            rule: Check::UnusedSuppression.code().to_string(),
            severity: Severity::Note,
            message,
            span: d.span.clone(),
            label: "suppresses nothing".to_string(),
            found: d.text.clone(),
            expected: None,
            help: Some(help.to_string()),
            notes,
            related: Vec::new(),
            suggestion: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn finding(check: Check, rule: &str, at: std::ops::Range<usize>) -> Finding {
        Finding {
            path: "a.md".into(),
            check,
            rule: rule.into(),
            severity: Severity::Warning,
            message: "m".into(),
            span: at,
            label: String::new(),
            found: "x".into(),
            expected: None,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
            suggestion: None,
        }
    }

    fn rules() -> RuleSet {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(
            SourceFile::new(
                "r.toml",
                "[[entity]]\nid = \"wang-yi\"\ncanonical = \"Wang Yi\"\n",
            ),
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        set
    }

    fn run(s: &Suppressor, text: &str, findings: Vec<Finding>) -> Applied {
        s.check(findings, &SourceFile::new("a.md", text))
    }

    #[test]
    fn a_finding_named_by_code_kind_or_rule_is_suppressed() {
        let rules = rules();
        let s = Suppressor::for_check(&rules, &Selection::all());
        for name in ["entity-near-miss", "entity", "wang-yi", ""] {
            let text = format!("<!-- copydesk-disable-next-line {name} -- why -->\nWang Li.\n");
            let at = text.find("Wang").unwrap();
            let f = finding(Check::EntityNearMiss, "wang-yi", at..at + 7);
            let out = run(&s, &text, vec![f]);
            assert!(out.findings.is_empty(), "{name}: {:?}", out.findings);
            assert_eq!(out.suppressed.len(), 1);
            assert_eq!(out.suppressed[0].reason.as_deref(), Some("why"));
        }
    }

    #[test]
    fn unused_names_are_notes_with_a_guess() {
        let rules = rules();
        let s = Suppressor::for_check(&rules, &Selection::all());
        let text = "<!-- copydesk-disable-next-line entity-near-mis, term -->\nWang Li.\n";
        let at = text.find("Wang").unwrap();
        let out = run(
            &s,
            text,
            vec![finding(Check::EntityNearMiss, "wang-yi", at..at + 7)],
        );
        assert_eq!(out.findings.len(), 2, "{:?}", out.findings);
        let note = out
            .findings
            .iter()
            .find(|f| f.check == Check::UnusedSuppression)
            .unwrap();
        assert_eq!(
            &text[note.span.clone()],
            "<!-- copydesk-disable-next-line entity-near-mis, term -->"
        );
        assert_eq!(note.severity, Severity::Note);
        assert!(
            note.message.contains("`entity-near-mis`, `term`"),
            "{}",
            note.message
        );
        assert!(
            note.notes[0].contains("did you mean `entity-near-miss`"),
            "{:?}",
            note.notes
        );
    }

    #[test]
    fn what_the_run_cannot_see_is_not_called_unused() {
        let rules = rules();
        let text = "<!-- copydesk-disable-file term -->\n<!-- copydesk-disable-file -->\nA.\n";
        let select = Selection::new(&["entity".into(), "suppression".into()], &[]).unwrap();
        let s = Suppressor::for_check(&rules, &select);
        assert!(run(&s, text, vec![]).findings.is_empty());
        // compare cannot say anything about an entity check, nor about a
        // name without rules; it does about its own.
        let s = Suppressor::for_compare(None, &Selection::all());
        let text = "<!-- copydesk-disable-file entity-near-miss wang-yi -->\n<!-- copydesk-disable-file compare-name -->\n";
        let out = run(&s, text, vec![]);
        assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
        assert!(out.findings[0].message.contains("compare-name"));
        // Not selected: no notes at all.
        let s = Suppressor::for_check(
            &rules,
            &Selection::new(&[], &["unused-suppression".into()]).unwrap(),
        );
        assert!(
            run(&s, "<!-- copydesk-disable-file term -->", vec![])
                .findings
                .is_empty()
        );
    }

    #[test]
    fn notes_are_dropped_only_by_another_directive_and_never_loop() {
        let rules = rules();
        let s = Suppressor::for_check(&rules, &Selection::all());
        let text = "<!-- copydesk-disable-file unused-suppression -->\n<!-- copydesk-disable-next-line term -->\nA.\n";
        let out = run(&s, text, vec![]);
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        assert_eq!(out.suppressed.len(), 1);
        // Alone, it suppresses nothing and says so, once.
        let text = "<!-- copydesk-disable-file unused-suppression -->\nA.\n";
        let out = run(&s, text, vec![]);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].check, Check::UnusedSuppression);
        // A bare disable does not drop the notes.
        let text = "<!-- copydesk-disable-file -->\n<!-- copydesk-disable-next-line term -->\nA.\n";
        assert_eq!(run(&s, text, vec![]).findings.len(), 2);
    }

    #[test]
    fn findings_outside_the_range_or_of_other_files_stay() {
        let rules = rules();
        let s = Suppressor::for_check(&rules, &Selection::all());
        let text = "A.\n<!-- copydesk-disable term -->\nB.\n<!-- copydesk-enable term -->\nC.\n";
        let (a, b, c) = (0, text.find("B.").unwrap(), text.find("C.").unwrap());
        let mut other = finding(Check::Term, "t", b..b + 1);
        other.path = "b.md".into();
        let out = run(
            &s,
            text,
            vec![
                finding(Check::Term, "t", a..a + 1),
                finding(Check::Term, "t", b..b + 1),
                finding(Check::Term, "t", c..c + 1),
                other,
            ],
        );
        let left: Vec<(&str, usize)> = out
            .findings
            .iter()
            .map(|f| (f.path.as_str(), f.span.start))
            .collect();
        assert_eq!(left, [("a.md", a), ("a.md", c), ("b.md", b)]);
    }
}
