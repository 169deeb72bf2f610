//! The JSON contract, version 1.
//!
//! `{"version": 1, "findings": [...], "summary": {...}}`; `start`/`end` are
//! byte offsets into the file on disk, `line` is 1-based and `column` is
//! 1-based in characters. Fields are only ever added, never renamed.

use super::Sources;
use crate::finding::{Finding, Summary};
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

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

/// Write the findings as one JSON document.
pub fn write(
    w: &mut dyn Write,
    findings: &[Finding],
    sources: &Sources,
    files: usize,
) -> io::Result<()> {
    let report = JsonReport {
        version: JSON_VERSION,
        findings: findings
            .iter()
            .map(|f| {
                let (start, end) = match sources.get(&f.path) {
                    Some(src) => (src.line_col(f.span.start), src.line_col(f.span.end)),
                    None => Default::default(),
                };
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
            })
            .collect(),
        summary: Summary::of(files, findings),
    };
    serde_json::to_writer_pretty(&mut *w, &report).map_err(io::Error::other)?;
    writeln!(w)
}
