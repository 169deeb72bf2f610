//! The JSON contract, version 1.
//!
//! `{"version": 1, "findings": [...], "summary": {...}}`; `start`/`end` are
//! byte offsets into the file on disk, `line` is 1-based and `column` is
//! 1-based in characters. Fields are only ever added, never renamed.

use super::Sources;
use crate::finding::{Finding, Summary};
use crate::source::LineCursor;
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON format.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    kind: &'static str,
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    found: &'a str,
    expected: Option<&'a str>,
    help: Option<&'a str>,
}

/// A serialisation error as an I/O error of the same kind, so that a closed
/// pipe (`copydesk check --format json … | head`) is still recognised.
fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

fn json_finding<'a>(
    f: &'a Finding,
    starts: Option<&mut LineCursor>,
    ends: Option<&mut LineCursor>,
) -> JsonFinding<'a> {
    let start = starts.map(|c| c.line_col(f.span.start)).unwrap_or_default();
    let end = ends.map(|c| c.line_col(f.span.end)).unwrap_or_default();
    JsonFinding {
        path: &f.path,
        rule: &f.rule,
        kind: f.check.kind(),
        code: f.check.code(),
        severity: f.severity.as_str(),
        message: &f.message,
        start: f.span.start,
        end: f.span.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        found: &f.found,
        expected: f.expected.as_deref(),
        help: f.help.as_deref(),
    }
}

/// Writes the document as it goes: the opening, one finding per line, then
/// the summary, so no finding waits in memory for the others.
#[derive(Default)]
pub struct JsonEmitter {
    written: usize,
}

impl super::Emitter for JsonEmitter {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        write!(w, "{{\"version\": {JSON_VERSION}, \"findings\": [")
    }

    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        for group in findings.chunk_by(|a, b| a.path == b.path) {
            let src = sources.get(&group[0].path);
            let mut starts = src.map(LineCursor::new);
            let mut ends = src.map(LineCursor::new);
            // Serialised into a buffer of a known type (serde_json writes a
            // finding in dozens of small pieces; through `dyn Write` each
            // would be a call), then written in one go.
            let mut buf = Vec::with_capacity(512 * group.len());
            for f in group {
                buf.extend_from_slice(if self.written == 0 { b"\n  " } else { b",\n  " });
                let jf = json_finding(f, starts.as_mut(), ends.as_mut());
                serde_json::to_writer(&mut buf, &jf).map_err(io_error)?;
                self.written += 1;
            }
            w.write_all(&buf)?;
        }
        Ok(())
    }

    /// A fresh emitter's findings begin "\n  {"; after earlier findings
    /// they need the comma a continuing emitter would have written.
    fn append(&mut self, w: &mut dyn Write, rendered: &[u8], findings: usize) -> io::Result<()> {
        if findings > 0 && self.written > 0 {
            w.write_all(b",")?;
        }
        w.write_all(rendered)?;
        self.written += findings;
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            writeln!(w)?;
        }
        write!(w, "], \"summary\": ")?;
        serde_json::to_writer(&mut *w, summary).map_err(io_error)?;
        writeln!(w, "}}")
    }
}
