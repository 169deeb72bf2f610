//! GitLab Code Quality report (`artifacts: reports: codequality`): a JSON
//! array of issues, one a line, each with `description`, `check_name` (the
//! check's code, or `copydesk-rules`… for a problem), `fingerprint`,
//! `severity` and `location` (`path`, `lines.begin`, `lines.end`).
//!
//! Severities: note → `info`, warning → `minor`, error → `major`; a problem
//! (nothing checked against a broken rule file, an unreadable article) is
//! `critical`. The fingerprint is stable across runs (see
//! [`super::fingerprint`]) and includes the path, since GitLab tells issues
//! apart by it alone. Problems are written as they are met, like findings.

use super::Sources;
use super::fingerprint::{Fingerprints, hash};
use super::position::{ColumnUnit, Cursor, place};
use crate::finding::{Finding, Severity, Summary};
use crate::problem::Problem;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Note => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

/// The array, written as it goes (like the JSON contract's findings).
#[derive(Default)]
pub struct GitlabEmitter {
    /// Issues written so far (findings and problems).
    written: usize,
    fingerprints: Fingerprints,
}

impl GitlabEmitter {
    fn push(&mut self, buf: &mut Vec<u8>, issue: &Issue) -> io::Result<()> {
        buf.extend_from_slice(if self.written == 0 { b"\n  " } else { b",\n  " });
        serde_json::to_writer(&mut *buf, issue).map_err(io::Error::other)?;
        self.written += 1;
        Ok(())
    }
}

impl super::Emitter for GitlabEmitter {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        write!(w, "[")
    }

    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut buf = Vec::new();
        for group in findings.chunk_by(|a, b| a.path == b.path) {
            let src = sources.get(&group[0].path);
            let mut starts = src.map(|s| Cursor::new(s, ColumnUnit::Bytes));
            let mut ends = src.map(|s| Cursor::new(s, ColumnUnit::Bytes));
            for f in group {
                let begin = starts.as_mut().map_or(1, |c| c.place(f.span.start).line);
                let end = ends.as_mut().map_or(begin, |c| c.place(f.span.end).line);
                let issue = Issue {
                    description: super::message_with_help(&f.message, f.help.as_deref()),
                    check_name: f.check.code().to_string(),
                    fingerprint: self.fingerprints.next(f, src, true),
                    severity: severity(f.severity),
                    location: Location {
                        path: &f.path,
                        lines: Lines { begin, end },
                    },
                };
                self.push(&mut buf, &issue)?;
            }
        }
        w.write_all(&buf)
    }

    /// A fresh emitter's issues begin "\n  {"; after earlier ones they need
    /// the comma a continuing emitter would have written.
    fn append(&mut self, w: &mut dyn Write, rendered: &[u8], findings: usize) -> io::Result<()> {
        if findings > 0 && self.written > 0 {
            w.write_all(b",")?;
        }
        w.write_all(rendered)?;
        self.written += findings;
        Ok(())
    }

    fn problems(
        &mut self,
        w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut buf = Vec::new();
        for p in problems {
            let (begin, end) = match (&p.span, sources.get(&p.path)) {
                (Some(span), Some(src)) => (
                    place(src, span.start, ColumnUnit::Bytes).line,
                    place(src, span.end, ColumnUnit::Bytes).line,
                ),
                _ => (1, 1),
            };
            let span = p
                .span
                .as_ref()
                .map_or(String::new(), |s| format!("{}..{}", s.start, s.end));
            let issue = Issue {
                description: super::message_with_help(&p.message, p.help.as_deref()),
                check_name: format!("copydesk-{}", p.kind.as_str()),
                fingerprint: hash(&[&p.path, p.kind.as_str(), &p.message, &span]),
                severity: "critical",
                location: Location {
                    path: &p.path,
                    lines: Lines { begin, end },
                },
            };
            self.push(&mut buf, &issue)?;
        }
        w.write_all(&buf)
    }

    fn finish(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            writeln!(w)?;
        }
        writeln!(w, "]")
    }
}
