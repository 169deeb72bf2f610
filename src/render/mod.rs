//! Renderers: one file per output format. Each is an [`Emitter`] that is
//! started, fed the findings of one file at a time (so a run over an archive
//! never holds every text in memory) and the [`Problem`]s met on the way,
//! and finished with the summary.

pub mod excerpt;
pub mod github;
pub mod human;
pub mod json;

use crate::finding::{Finding, Summary};
use crate::problem::Problem;
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
    /// Problems (rule-file, config, manifest, input errors), with the texts
    /// they point into, as they are met. Nothing by default: the human
    /// format shows them on standard error ([`human::render_problem`]),
    /// whatever the format.
    fn problems(
        &mut self,
        _w: &mut dyn Write,
        _problems: &[Problem],
        _sources: &Sources,
    ) -> io::Result<()> {
        Ok(())
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
    write_report(w, format, findings, &[], sources, files_checked, color)
}

/// Write `problems` and `findings` in `format` in one go.
pub fn write_report(
    w: &mut dyn Write,
    format: Format,
    findings: &[Finding],
    problems: &[Problem],
    sources: &Sources,
    files_checked: usize,
    color: bool,
) -> io::Result<()> {
    let mut e = emitter(format, color);
    e.start(w)?;
    e.problems(w, problems, sources)?;
    e.emit(w, findings, sources)?;
    e.finish(w, &Summary::of(files_checked, findings))
}

/// Text from outside (paths, messages quoting a file) made safe for a
/// terminal or a CI log: control and bidi characters are shown as
/// `<U+XXXX>`; with `one_line`, line breaks and tabs too.
pub fn terminal_safe(s: &str, one_line: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| crate::text::is_unsafe_for_terminal(c) || (one_line && c.is_control());
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_escapes_controls_and_bidi() {
        assert_eq!(terminal_safe("plain “ok”", true), "plain “ok”");
        assert_eq!(
            terminal_safe("a\u{1b}[2J\u{202e}b\nc", false),
            "a<U+001B>[2J<U+202E>b\nc"
        );
        assert_eq!(terminal_safe("a\nb\tc", true), "a<U+000A>b<U+0009>c");
    }
}
