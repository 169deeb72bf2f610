//! `[severity]` of `copydesk.toml`: the severity a desk gives a rule, a
//! check or a kind, or `off`. Read by the config file's loader, applied by
//! the resolve stage (a leaf: it knows only findings and check codes).

use crate::finding::Severity;
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

/// What `[severity]` sets a check or rule to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report it as an error.
    Error,
    /// Report it as a warning.
    Warning,
    /// Report it as a note.
    Note,
    /// Do not report it.
    Off,
}

impl Level {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Note => Some(Severity::Note),
            Level::Off => None,
        }
    }
}

/// One `[severity]` entry: a check code, a kind or a rule id, and its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityOverride {
    /// The code, kind or rule id as written.
    pub key: String,
    /// Where the key is in the config file.
    pub span: Range<usize>,
    /// What it is set to.
    pub level: Level,
}

/// The severity overrides of a run: by rule id first, then by check code,
/// then by kind (the most specific wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Severities {
    by_key: HashMap<String, Level>,
}

impl Severities {
    /// The overrides of `entries` (a later entry for the same key wins).
    pub fn new(entries: &[SeverityOverride]) -> Self {
        Severities {
            by_key: entries.iter().map(|e| (e.key.clone(), e.level)).collect(),
        }
    }

    /// Whether there is nothing to override.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The level set for a finding of `check` from `rule`, if any.
    pub fn level(&self, check: crate::codes::Check, rule: &str) -> Option<Level> {
        if self.by_key.is_empty() {
            return None;
        }
        self.by_key
            .get(rule)
            .or_else(|| self.by_key.get(check.code()))
            .or_else(|| self.by_key.get(check.kind()))
            .copied()
    }
}
