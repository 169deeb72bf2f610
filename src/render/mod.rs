//! Renderers: one file per output format. Each is an [`Emitter`] that is
//! started, fed the findings of one file at a time (so a run over an archive
//! never holds every text in memory) and the [`Problem`]s met on the way,
//! and finished with the summary.
//!
//! Every format carries the problems as well as the findings: the human
//! format shows them on standard error, the others in their own output (a
//! JSON `errors` entry, a SARIF tool notification, a checkstyle `<error>`…).

pub mod checkstyle;
pub mod concise;
pub mod excerpt;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod position;
pub mod rdjsonl;
pub mod sarif;
pub mod xml;

use crate::finding::{Finding, Summary};
use crate::problem::Problem;
use crate::source::SourceFile;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// Output formats of `check` and `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics.
    Human,
    /// The versioned JSON contract.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0, as GitHub code scanning reads it.
    Sarif,
    /// reviewdog's diagnostic format, one JSON object a line.
    Rdjsonl,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
    /// GitLab Code Quality report.
    Gitlab,
    /// One line per finding: `path:line:column: severity[code] message`.
    Concise,
}

/// How emitters are set up: what the command line and the environment say
/// (read by the CLI, never by an emitter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// Whether to colour the output (the human format).
    pub color: bool,
    /// A file to append a Markdown summary of the run to (`--format
    /// github`: the file `GITHUB_STEP_SUMMARY` names).
    pub step_summary: Option<PathBuf>,
}

impl EmitOptions {
    /// Colour as given, and nothing else.
    pub fn plain(color: bool) -> Self {
        EmitOptions {
            color,
            step_summary: None,
        }
    }
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
pub fn emitter(format: Format, options: &EmitOptions) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::HumanEmitter {
            color: options.color,
        }),
        Format::Json => Box::new(json::JsonEmitter::default()),
        Format::Github => Box::new(github::GithubEmitter::new(options.step_summary.clone())),
        Format::Sarif => Box::new(sarif::SarifEmitter::default()),
        Format::Rdjsonl => Box::new(rdjsonl::RdjsonlEmitter),
        Format::Checkstyle => Box::new(checkstyle::CheckstyleEmitter),
        Format::Junit => Box::new(junit::JunitEmitter::default()),
        Format::Gitlab => Box::new(gitlab::GitlabEmitter::default()),
        Format::Concise => Box::new(concise::ConciseEmitter),
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
    let mut e = emitter(format, &EmitOptions::plain(color));
    e.start(w)?;
    e.problems(w, problems, sources)?;
    e.emit(w, findings, sources)?;
    e.finish(w, &Summary::of(files_checked, findings))
}

/// A finding's or problem's message with its help line after it, for
/// formats that have one message field.
pub fn message_with_help(message: &str, help: Option<&str>) -> String {
    match help {
        Some(h) => format!("{message}\nhelp: {h}"),
        None => message.to_string(),
    }
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
    use crate::codes::Check;
    use crate::finding::{RelatedSpan, Severity};
    use crate::problem::ProblemKind;
    use clap::ValueEnum;

    fn finding(path: &str, text: &str, found: &str, check: Check, severity: Severity) -> Finding {
        let at = text.find(found).unwrap();
        Finding {
            path: path.into(),
            check,
            rule: "wang-yi".into(),
            severity,
            message: format!("“{found}” <is> & wrong"),
            span: at..at + found.len(),
            label: "here".into(),
            found: found.into(),
            expected: Some("Wang Yi".into()),
            help: Some("write “Wang Yi”".into()),
            notes: Vec::new(),
            related: vec![RelatedSpan {
                path: "r.toml".into(),
                span: 0..3,
                message: "declared here".into(),
            }],
            suggestion: None,
        }
    }

    /// What `check` writes when files are rendered in parallel (a fresh
    /// emitter per file, its bytes appended) is what one emitter fed file
    /// after file writes, in every format.
    #[test]
    fn appended_groups_read_as_if_emitted_in_turn() {
        let a = SourceFile::new(
            "a.txt",
            "Minister Wang Li said.\nWang Li again 😀 Wang Li.\n",
        );
        let b = SourceFile::new("b.txt", "Wáng Li spoke\nand Wang Li left.\n");
        let c = SourceFile::new("c.txt", "Nothing to see.\n");
        let rules = SourceFile::new("r.toml", "id = 1\n");
        let mut sources = Sources::default();
        sources.add([&a, &b, &c, &rules]);
        let group_a = vec![
            finding(
                "a.txt",
                &a.text,
                "Wang Li",
                Check::EntityVariant,
                Severity::Error,
            ),
            finding("a.txt", &a.text, "again", Check::Term, Severity::Warning),
        ];
        let group_b = vec![finding(
            "b.txt",
            &b.text,
            "Wang Li",
            Check::EntityNearMiss,
            Severity::Note,
        )];
        let problem = [Problem::at(
            ProblemKind::Rules,
            "r.toml",
            5..6,
            "not a string",
            "here",
        )];
        let summary = Summary::of(3, &[group_a.clone(), group_b.clone()].concat());
        for format in Format::value_variants() {
            let options = EmitOptions::plain(false);
            let mut direct = Vec::new();
            let mut e = emitter(*format, &options);
            e.start(&mut direct).unwrap();
            e.problems(&mut direct, &problem, &sources).unwrap();
            e.emit(&mut direct, &group_a, &sources).unwrap();
            e.emit(&mut direct, &[], &sources).unwrap();
            e.emit(&mut direct, &group_b, &sources).unwrap();
            e.finish(&mut direct, &summary).unwrap();

            let mut appended = Vec::new();
            let mut e = emitter(*format, &options);
            e.start(&mut appended).unwrap();
            e.problems(&mut appended, &problem, &sources).unwrap();
            for group in [&group_a[..], &[], &group_b[..]] {
                let mut rendered = Vec::new();
                if !group.is_empty() {
                    emitter(*format, &options)
                        .emit(&mut rendered, group, &sources)
                        .unwrap();
                }
                e.append(&mut appended, &rendered, group.len()).unwrap();
            }
            e.finish(&mut appended, &summary).unwrap();
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(appended).unwrap(),
                "{format:?}"
            );
        }
    }

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
