//! Findings: what a check reports, as plain data.
//!
//! A finding knows nothing about colours, terminals or ariadne: renderers turn
//! it into text. Spans are byte ranges into the file as it is on disk.

use crate::codes::Check;
use serde::Serialize;
use std::ops::Range;

/// How bad a finding is. Ordered: `Note < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run unless asked.
    Note,
    /// Likely wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The lowercase name used in output and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place a finding points at: the rule that declares the fact,
/// or the same fact in another version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedSpan {
    /// Path of the file (an article or a rule file).
    pub path: String,
    /// Byte span in that file.
    pub span: Range<usize>,
    /// What the label says.
    pub message: String,
}

/// How far a [`Suggestion`] can be trusted when applied without a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The rule says what to write (a listed variant → its canonical form).
    Safe,
    /// A guess (a near-miss, a look-alike word): a person should confirm it.
    Unsafe,
}

/// A machine-readable fix: replace `span` of the finding's file with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// Byte span to replace, in the file as it is on disk.
    pub span: Range<usize>,
    /// The text to write there.
    pub replacement: String,
    /// Whether it can be applied blindly.
    pub applicability: Applicability,
}

/// One reported problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file the finding is in, as given.
    pub path: String,
    /// Which check found it.
    pub check: Check,
    /// The id of the rule that declares the fact, or the check's code for
    /// checks that need no rule.
    pub rule: String,
    /// How bad it is.
    pub severity: Severity,
    /// One-line description.
    pub message: String,
    /// Byte span of the offending words.
    pub span: Range<usize>,
    /// Label under the offending words.
    pub label: String,
    /// The offending text (or its normalised reading).
    pub found: String,
    /// What should be there, when known.
    pub expected: Option<String>,
    /// What to write instead.
    pub help: Option<String>,
    /// Further explanations.
    pub notes: Vec<String>,
    /// Secondary labels, in this file or others.
    pub related: Vec<RelatedSpan>,
    /// The replacement text, when the check knows it.
    pub suggestion: Option<Suggestion>,
}

impl Finding {
    /// Sort key that makes output deterministic: path, start, end, code, rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &'static str, &str) {
        (
            &self.path,
            self.span.start,
            self.span.end,
            self.check.code(),
            &self.rule,
        )
    }
}

/// Sort findings into their stable output order and drop exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warning level.
    pub warnings: usize,
    /// Findings at note level.
    pub notes: usize,
}

impl Summary {
    /// Count `findings` over `files` files.
    pub fn of(files: usize, findings: &[Finding]) -> Self {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        s.count(findings);
        s
    }

    /// Add the counts of `other` (files included).
    pub fn add(&mut self, other: &Summary) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.notes += other.notes;
    }

    /// Add `findings` to the counts.
    pub fn count(&mut self, findings: &[Finding]) {
        let s = self;
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
    }
}
