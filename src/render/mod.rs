//! Renderers: one file per output format, each over a slice of findings.

pub mod excerpt;
pub mod github;
pub mod human;
pub mod json;

use crate::finding::Finding;
use crate::source::SourceFile;
use std::collections::HashMap;
use std::io::{self, Write};

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics.
    Human,
    /// The versioned JSON contract.
    Json,
    /// GitHub Actions workflow commands.
    Github,
}

/// The texts findings point into: articles and rule files, by path.
#[derive(Default)]
pub struct Sources<'a> {
    files: HashMap<&'a str, &'a SourceFile>,
}

impl<'a> Sources<'a> {
    /// Register `files`.
    pub fn add(&mut self, files: impl IntoIterator<Item = &'a SourceFile>) {
        for f in files {
            self.files.insert(f.path.as_str(), f);
        }
    }

    /// The file at `path`, if known.
    pub fn get(&self, path: &str) -> Option<&'a SourceFile> {
        self.files.get(path).copied()
    }
}

/// Write `findings` in `format`.
pub fn write_findings(
    w: &mut dyn Write,
    format: Format,
    findings: &[Finding],
    sources: &Sources,
    files_checked: usize,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(w, findings, sources, files_checked, color),
        Format::Json => json::write(w, findings, sources, files_checked),
        Format::Github => github::write(w, findings, sources),
    }
}
