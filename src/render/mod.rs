//! Renderers: one file per output format. Each is an [`Emitter`] that is
//! started, fed the findings of one file at a time (so a run over an archive
//! never holds every text in memory), and finished with the summary.

pub mod excerpt;
pub mod github;
pub mod human;
pub mod json;

use crate::finding::{Finding, Summary};
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

/// A streaming renderer.
pub trait Emitter {
    /// Before any finding (nothing by default).
    fn start(&mut self, _w: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// Findings (sorted), with the texts they point into.
    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()>;
    /// Write what a fresh emitter of the same kind wrote into `rendered`
    /// for `findings` findings (on another thread, so that files are
    /// rendered in parallel), as if this emitter had emitted them. By
    /// default the bytes as they are: emitters whose output for a group does
    /// not depend on the groups before it need nothing else.
    fn append(&mut self, w: &mut dyn Write, rendered: &[u8], _findings: usize) -> io::Result<()> {
        w.write_all(rendered)
    }
    /// After the last finding (nothing by default).
    fn finish(&mut self, _w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The emitter for `format`.
pub fn emitter(format: Format, color: bool) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::HumanEmitter { color }),
        Format::Json => Box::new(json::JsonEmitter::default()),
        Format::Github => Box::new(github::GithubEmitter),
    }
}

/// Write `findings` in `format` in one go (all their texts at hand).
pub fn write_findings(
    w: &mut dyn Write,
    format: Format,
    findings: &[Finding],
    sources: &Sources,
    files_checked: usize,
    color: bool,
) -> io::Result<()> {
    let mut e = emitter(format, color);
    e.start(w)?;
    e.emit(w, findings, sources)?;
    e.finish(w, &Summary::of(files_checked, findings))
}
