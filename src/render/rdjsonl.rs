//! reviewdog's diagnostic format as JSON lines (`reviewdog -f=rdjsonl`):
//! one `Diagnostic` object a line, for findings and problems alike.
//!
//! Positions are 1-based lines and 1-based columns counted in UTF-8 bytes,
//! as reviewdog counts them; a range's end is exclusive. A finding's
//! `suggestion` becomes a `suggestions` entry (the range it replaces and
//! the text), which reviewdog offers as a suggested change; none for a Word
//! draft, whose positions are not the file's. `code.value` is the check's
//! code (a problem's kind: `rules`, `config`, `manifest`, `input`),
//! `source.name` is `copydesk`, `related_locations` the rule's declaration
//! and the other versions.

use super::Sources;
use super::position::{ColumnUnit, Cursor, Place, place};
use crate::finding::{Finding, RelatedSpan, Severity};
use crate::problem::Problem;
use crate::source::SourceFile;
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<RdRange>,
}

#[derive(Serialize, Clone, Copy)]
struct RdRange {
    start: Position,
    end: Position,
}

#[derive(Serialize, Clone, Copy)]
struct Position {
    line: usize,
    column: usize,
}

impl From<Place> for Position {
    fn from(p: Place) -> Self {
        Position {
            line: p.line,
            column: p.column,
        }
    }
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: RdRange,
    text: &'a str,
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    message: &'a str,
    location: Location<'a>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Note => "INFO",
    }
}

/// The range of `span` in `src`, asked once.
fn range_of(src: Option<&SourceFile>, span: &Range<usize>) -> Option<RdRange> {
    src.map(|s| RdRange {
        start: place(s, span.start, ColumnUnit::Bytes).into(),
        end: place(s, span.end, ColumnUnit::Bytes).into(),
    })
}

fn related<'a>(r: &'a RelatedSpan, sources: &Sources) -> RelatedLocation<'a> {
    RelatedLocation {
        message: &r.message,
        location: Location {
            path: &r.path,
            range: range_of(sources.get(&r.path), &r.span),
        },
    }
}

fn write_line(w: &mut Vec<u8>, d: &Diagnostic) -> io::Result<()> {
    serde_json::to_writer(&mut *w, d).map_err(io::Error::other)?;
    w.push(b'\n');
    Ok(())
}

/// One diagnostic a line; nothing before or after them.
#[derive(Default)]
pub struct RdjsonlEmitter;

impl super::Emitter for RdjsonlEmitter {
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
            let extracted = src.is_some_and(SourceFile::is_extracted);
            for f in group {
                let range = match (starts.as_mut(), ends.as_mut()) {
                    (Some(s), Some(e)) => Some(RdRange {
                        start: s.place(f.span.start).into(),
                        end: e.place(f.span.end).into(),
                    }),
                    _ => None,
                };
                let suggestions = f
                    .suggestion
                    .iter()
                    .filter(|_| !extracted)
                    .filter_map(|s| {
                        range_of(src, &s.span).map(|range| Suggestion {
                            range,
                            text: &s.replacement,
                        })
                    })
                    .collect();
                let d = Diagnostic {
                    message: super::message_with_help(&f.message, f.help.as_deref()),
                    location: Location {
                        path: &f.path,
                        range,
                    },
                    severity: severity(f.severity),
                    source: Source { name: "copydesk" },
                    code: Code {
                        value: f.check.code(),
                    },
                    suggestions,
                    related_locations: f.related.iter().map(|r| related(r, sources)).collect(),
                };
                write_line(&mut buf, &d)?;
            }
        }
        w.write_all(&buf)
    }

    fn problems(
        &mut self,
        w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut buf = Vec::new();
        for p in problems {
            let d = Diagnostic {
                message: super::message_with_help(&p.message, p.help.as_deref()),
                location: Location {
                    path: &p.path,
                    range: p
                        .span
                        .as_ref()
                        .and_then(|span| range_of(sources.get(&p.path), span)),
                },
                severity: "ERROR",
                source: Source { name: "copydesk" },
                code: Code {
                    value: p.kind.as_str(),
                },
                suggestions: Vec::new(),
                related_locations: p.related.iter().map(|r| related(r, sources)).collect(),
            };
            write_line(&mut buf, &d)?;
        }
        w.write_all(&buf)
    }
}
