//! Errors in rule files, with spans into the TOML for ariadne.

use crate::finding::RelatedSpan;
use std::ops::Range;

/// A problem with a rule file: it is reported with a diagnostic that points
/// into the file, and makes the run exit with code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct RuleError {
    /// The rule file (or `--rules` path) at fault.
    pub path: String,
    /// Where in the file, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// Label under the span.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places involved (the first declaration of a duplicate id).
    pub related: Vec<RelatedSpan>,
}

impl RuleError {
    /// An error at `span` in `path`.
    pub fn at(
        path: &str,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        RuleError {
            path: path.to_string(),
            span: Some(span),
            message: message.into(),
            label: label.into(),
            help: None,
            related: Vec::new(),
        }
    }

    /// An error about a whole path (it does not exist, cannot be read).
    pub fn whole(path: &str, message: impl Into<String>) -> Self {
        RuleError {
            path: path.to_string(),
            span: None,
            message: message.into(),
            label: String::new(),
            help: None,
            related: Vec::new(),
        }
    }

    /// Add a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
