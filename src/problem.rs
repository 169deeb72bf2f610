//! Problems: what stops copydesk from checking something, as plain data.
//!
//! A problem is a finding's sibling: a broken rule file, a bad
//! `copydesk.toml`, a bad manifest, or an article that cannot be read. It
//! names the file at fault and, when it can, the byte span in that file, so
//! every emitter renders it as it renders findings (an ariadne diagnostic on
//! standard error, an entry of the JSON `errors` array, a GitHub `::error`
//! annotation). Any problem makes the run exit with code 2.

use crate::finding::RelatedSpan;
use crate::input::InputError;
use crate::rules::RuleError;
use serde::Serialize;
use std::ops::Range;

/// What kind of file a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemKind {
    /// A rule file, or a `--rules` path.
    Rules,
    /// `copydesk.toml`.
    Config,
    /// A version manifest (`copydesk.versions.toml` or `--manifest`).
    Manifest,
    /// An article: missing, unreadable, not UTF-8, bad front matter, or a
    /// path that names no article at all.
    Input,
    /// A baseline file (`--baseline`, `--write-baseline`): missing,
    /// unreadable, malformed, or not writable.
    Baseline,
}

impl ProblemKind {
    /// The lowercase name used in output (`error[input]`, JSON `kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Rules => "rules",
            ProblemKind::Config => "config",
            ProblemKind::Manifest => "manifest",
            ProblemKind::Input => "input",
            ProblemKind::Baseline => "baseline",
        }
    }
}

/// Something that could not be checked or loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct Problem {
    /// What kind of file is at fault.
    pub kind: ProblemKind,
    /// The file (or path as given) at fault.
    pub path: String,
    /// Byte span in that file, when the problem has a place.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// Label under the span (empty without a span).
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places involved (the first declaration of a duplicate id).
    pub related: Vec<RelatedSpan>,
}

impl Problem {
    /// A problem about a whole path (it does not exist, cannot be read).
    pub fn whole(kind: ProblemKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            kind,
            path: path.into(),
            span: None,
            message: message.into(),
            label: String::new(),
            help: None,
            related: Vec::new(),
        }
    }

    /// A problem at `span` in `path`.
    pub fn at(
        kind: ProblemKind,
        path: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Problem {
            span: Some(span),
            label: label.into(),
            ..Problem::whole(kind, path, message)
        }
    }

    /// Add a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A rule-file error as a problem of `kind` (manifests and the config
    /// file are reported through [`RuleError`] by their loaders too).
    pub fn from_rule_error(e: RuleError, kind: ProblemKind) -> Self {
        Problem {
            kind,
            path: e.path,
            span: e.span,
            message: e.message,
            label: e.label,
            help: e.help,
            related: e.related,
        }
    }
}

impl From<RuleError> for Problem {
    /// Every field is kept; the kind is [`ProblemKind::Rules`].
    fn from(e: RuleError) -> Self {
        Problem::from_rule_error(e, ProblemKind::Rules)
    }
}

impl From<InputError> for Problem {
    /// Every field is kept; the kind is [`ProblemKind::Input`].
    fn from(e: InputError) -> Self {
        Problem {
            span: e.span,
            ..Problem::whole(ProblemKind::Input, e.path, e.message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_errors_convert_with_every_field() {
        let mut e = RuleError::at("r.toml", 3..7, "duplicate id", "again").with_help("rename it");
        e.related.push(RelatedSpan {
            path: "r.toml".into(),
            span: 0..2,
            message: "first declared here".into(),
        });
        let p = Problem::from(e.clone());
        assert_eq!(p.kind, ProblemKind::Rules);
        assert_eq!(
            (p.path, p.span, p.message, p.label, p.help, p.related),
            (e.path, e.span, e.message, e.label, e.help, e.related)
        );
        let m = Problem::from_rule_error(RuleError::whole("m.toml", "x"), ProblemKind::Manifest);
        assert_eq!((m.kind, m.span), (ProblemKind::Manifest, None));
    }

    #[test]
    fn input_errors_convert_with_every_field() {
        let e = InputError {
            path: "a.txt".into(),
            message: "cannot read".into(),
            span: Some(4..5),
        };
        let p = Problem::from(e);
        assert_eq!(p.kind, ProblemKind::Input);
        assert_eq!(p.kind.as_str(), "input");
        assert_eq!(
            (p.path.as_str(), p.message.as_str(), p.span),
            ("a.txt", "cannot read", Some(4..5))
        );
    }
}
