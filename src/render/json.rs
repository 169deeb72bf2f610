//! The JSON contract, version 1.
//!
//! `{"version": 1, "findings": [...], "errors": [...], "summary": {...}}`;
//! `start`/`end` are byte offsets into the file on disk, `line` is 1-based
//! and `column` is 1-based in characters. Fields are only ever added, never
//! renamed.
//!
//! A Word draft has no byte offsets worth giving (the file is a zip): for a
//! place in one, `start`/`end` are `null`, `line`/`column` count in its
//! extracted paragraphs (line N is paragraph N), and a `location` of
//! `{"paragraph": N, "offset": M}` (M in characters within the paragraph)
//! says so; a suggestion, which replaces bytes of the file, is `null`.

use super::Sources;
use crate::finding::{Applicability, Finding, RelatedSpan, Summary};
use crate::problem::Problem;
use crate::source::{LineCursor, SourceFile};
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
    /// `null` for a Word draft (see [`JsonLocation`]).
    start: Option<usize>,
    end: Option<usize>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Only for a Word draft: the paragraph and the offset in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<JsonLocation>,
    found: &'a str,
    expected: Option<&'a str>,
    help: Option<&'a str>,
    /// The primary label's text, under the offending words.
    label: &'a str,
    notes: &'a [String],
    /// Secondary places: the rule's declaration, other versions.
    related: Vec<JsonRelated<'a>>,
    /// A machine-applicable replacement, when the check knows one.
    suggestion: Option<JsonSuggestion<'a>>,
}

/// Where a span begins in a file whose text was extracted (a Word draft):
/// the 1-based paragraph and the offset in characters within it.
#[derive(Serialize)]
struct JsonLocation {
    paragraph: usize,
    offset: usize,
}

impl JsonLocation {
    /// The location of `at` when `src` is extracted text.
    fn of(src: Option<&SourceFile>, at: crate::source::LineCol) -> Option<JsonLocation> {
        src.filter(|s| s.is_extracted()).map(|_| JsonLocation {
            paragraph: at.line,
            offset: at.column.saturating_sub(1),
        })
    }
}

/// Byte offsets of `span` in `src`, or `null`s when they are not the file's.
fn offsets(
    src: Option<&SourceFile>,
    span: &std::ops::Range<usize>,
) -> (Option<usize>, Option<usize>) {
    if src.is_some_and(SourceFile::is_extracted) {
        (None, None)
    } else {
        (Some(span.start), Some(span.end))
    }
}

/// Replace `start..end` (bytes of the finding's file) with `replacement`.
#[derive(Serialize)]
struct JsonSuggestion<'a> {
    replacement: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// `safe` (the rule says what to write) or `unsafe` (a guess).
    applicability: Applicability,
}

/// A place in another file (or elsewhere in the same one): the rule that
/// declares a fact, the same fact in another version. Line and column are
/// `null` when the file could not be read.
#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    start: Option<usize>,
    end: Option<usize>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<JsonLocation>,
    message: &'a str,
}

fn json_related<'a>(r: &'a RelatedSpan, sources: &Sources) -> JsonRelated<'a> {
    let src = sources.get(&r.path);
    let (start, end) = line_cols(src, &r.span);
    let (start_byte, end_byte) = offsets(src, &r.span);
    JsonRelated {
        path: &r.path,
        start: start_byte,
        end: end_byte,
        location: start.and_then(|at| JsonLocation::of(src, at)),
        line: start.map(|l| l.line),
        column: start.map(|l| l.column),
        end_line: end.map(|l| l.line),
        end_column: end.map(|l| l.column),
        message: &r.message,
    }
}

fn line_cols(
    src: Option<&SourceFile>,
    span: &std::ops::Range<usize>,
) -> (
    Option<crate::source::LineCol>,
    Option<crate::source::LineCol>,
) {
    match src {
        Some(src) => (Some(src.line_col(span.start)), Some(src.line_col(span.end))),
        None => (None, None),
    }
}

/// An entry of the `errors` array: a rule-file, config, manifest or input
/// problem. The place fields are there only when the problem has a span;
/// line and column only when the file could be read as text.
#[derive(Serialize)]
struct JsonProblem<'a> {
    path: &'a str,
    kind: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

fn json_problem<'a>(p: &'a Problem, sources: &Sources) -> JsonProblem<'a> {
    let (start, end) = match &p.span {
        Some(span) => line_cols(sources.get(&p.path), span),
        None => (None, None),
    };
    JsonProblem {
        path: &p.path,
        kind: p.kind.as_str(),
        message: &p.message,
        start: p.span.as_ref().map(|s| s.start),
        end: p.span.as_ref().map(|s| s.end),
        line: start.map(|l| l.line),
        column: start.map(|l| l.column),
        end_line: end.map(|l| l.line),
        end_column: end.map(|l| l.column),
        label: (p.span.is_some() && !p.label.is_empty()).then_some(p.label.as_str()),
        help: p.help.as_deref(),
        related: p.related.iter().map(|r| json_related(r, sources)).collect(),
    }
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
    src: Option<&SourceFile>,
    starts: Option<&mut LineCursor>,
    ends: Option<&mut LineCursor>,
    sources: &Sources,
) -> JsonFinding<'a> {
    let start = starts.map(|c| c.line_col(f.span.start)).unwrap_or_default();
    let end = ends.map(|c| c.line_col(f.span.end)).unwrap_or_default();
    let extracted = src.is_some_and(SourceFile::is_extracted);
    // A suggestion replaces bytes of the file: none in a Word draft's zip.
    let suggestion = f.suggestion.as_ref().filter(|_| !extracted).map(|s| {
        let (start, end) = line_cols(src, &s.span);
        let (start, end) = (start.unwrap_or_default(), end.unwrap_or_default());
        JsonSuggestion {
            replacement: &s.replacement,
            start: s.span.start,
            end: s.span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            applicability: s.applicability,
        }
    });
    JsonFinding {
        path: &f.path,
        rule: &f.rule,
        kind: f.check.kind(),
        code: f.check.code(),
        severity: f.severity.as_str(),
        message: &f.message,
        start: (!extracted).then_some(f.span.start),
        end: (!extracted).then_some(f.span.end),
        location: JsonLocation::of(src, start),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        found: &f.found,
        expected: f.expected.as_deref(),
        help: f.help.as_deref(),
        label: &f.label,
        notes: &f.notes,
        related: f.related.iter().map(|r| json_related(r, sources)).collect(),
        suggestion,
    }
}

/// Writes the document as it goes: the opening, one finding per line, then
/// the summary, so no finding waits in memory for the others. Problems are
/// serialised as they come (while their texts are at hand) and written as
/// the `errors` array after the findings.
#[derive(Default)]
pub struct JsonEmitter {
    written: usize,
    /// The `errors` entries so far, each already serialised.
    errors: Vec<Vec<u8>>,
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
                let jf = json_finding(f, src, starts.as_mut(), ends.as_mut(), sources);
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

    fn problems(
        &mut self,
        _w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        for p in problems {
            self.errors
                .push(serde_json::to_vec(&json_problem(p, sources)).map_err(io_error)?);
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            writeln!(w)?;
        }
        write!(w, "], \"errors\": [")?;
        for (i, e) in self.errors.iter().enumerate() {
            w.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
            w.write_all(e)?;
        }
        if !self.errors.is_empty() {
            writeln!(w)?;
        }
        write!(w, "], \"summary\": ")?;
        serde_json::to_writer(&mut *w, summary).map_err(io_error)?;
        writeln!(w, "}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Check;
    use crate::finding::{Severity, Suggestion};
    use crate::problem::{Problem, ProblemKind};
    use crate::render::Emitter;

    fn document(findings: &[Finding], problems: &[Problem], sources: &Sources) -> Value {
        let mut e = JsonEmitter::default();
        let mut out = Vec::new();
        e.start(&mut out).unwrap();
        e.problems(&mut out, problems, sources).unwrap();
        e.emit(&mut out, findings, sources).unwrap();
        e.finish(&mut out, &Summary::of(1, findings)).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    use serde_json::{Value, json};

    #[test]
    fn a_finding_carries_label_notes_related_and_suggestion() {
        let article = SourceFile::new("a.txt", "Intro.\n“Minister Wang Li said”\n");
        let rules = SourceFile::new(
            "r.toml",
            "[[entity]]\nid = \"wang-yi\"\ncanonical = \"Wang Yi\"\n",
        );
        let mut sources = Sources::default();
        sources.add([&article, &rules]);
        let at = article.text.find("Wang Li").unwrap();
        let canonical = rules.text.find("\"Wang Yi\"").unwrap();
        let f = Finding {
            path: "a.txt".into(),
            check: Check::EntityVariant,
            rule: "wang-yi".into(),
            severity: Severity::Error,
            message: "“Wang Li” is a wrong form of “Wang Yi”".into(),
            span: at..at + 7,
            label: "found “Wang Li”".into(),
            found: "Wang Li".into(),
            expected: Some("Wang Yi".into()),
            help: Some("write “Wang Yi”".into()),
            notes: vec!["listed as a variant".into()],
            related: vec![
                RelatedSpan {
                    path: "r.toml".into(),
                    span: canonical..canonical + 9,
                    message: "canonical name declared here".into(),
                },
                RelatedSpan {
                    path: "gone.txt".into(),
                    span: 0..3,
                    message: "elsewhere".into(),
                },
            ],
            suggestion: Some(Suggestion {
                span: at + 5..at + 7,
                replacement: "Yi".into(),
                applicability: Applicability::Safe,
            }),
        };
        let v = document(&[f], &[], &sources);
        let f = &v["findings"][0];
        // The fields of before, unchanged.
        assert_eq!(
            (f["line"].clone(), f["column"].clone()),
            (json!(2), json!(11))
        );
        assert_eq!(f["found"], "Wang Li");
        assert_eq!(f["label"], "found “Wang Li”");
        assert_eq!(f["notes"], json!(["listed as a variant"]));
        assert_eq!(
            f["related"],
            json!([
                {"path": "r.toml", "start": canonical, "end": canonical + 9,
                 "line": 3, "column": 13, "end_line": 3, "end_column": 22,
                 "message": "canonical name declared here"},
                {"path": "gone.txt", "start": 0, "end": 3,
                 "line": null, "column": null, "end_line": null, "end_column": null,
                 "message": "elsewhere"}
            ])
        );
        assert_eq!(
            f["suggestion"],
            json!({"replacement": "Yi", "start": at + 5, "end": at + 7,
                   "line": 2, "column": 16, "end_line": 2, "end_column": 18,
                   "applicability": "safe"})
        );
        assert_eq!(v["errors"], json!([]));
    }

    #[test]
    fn a_finding_without_suggestion_says_null() {
        let article = SourceFile::new("a.txt", "x");
        let mut sources = Sources::default();
        sources.add([&article]);
        let f = Finding {
            path: "a.txt".into(),
            check: Check::StyleMixed,
            rule: "style-mixed".into(),
            severity: Severity::Warning,
            message: "m".into(),
            span: 0..1,
            label: "l".into(),
            found: "x".into(),
            expected: None,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
            suggestion: None,
        };
        let v = document(&[f], &[], &sources);
        assert_eq!(v["findings"][0]["suggestion"], Value::Null);
        assert_eq!(v["findings"][0]["related"], json!([]));
    }

    #[test]
    fn problems_are_listed_with_their_place_when_known() {
        let rules = SourceFile::new("r.toml", "[[entity]]\nid = 3\n");
        let mut sources = Sources::default();
        sources.add([&rules]);
        let problems = [
            Problem::at(ProblemKind::Rules, "r.toml", 16..17, "not a string", "here")
                .with_help("quote it"),
            Problem::whole(ProblemKind::Input, "gone.txt", "cannot read"),
        ];
        let v = document(&[], &problems, &sources);
        assert_eq!(
            v["errors"],
            json!([
                {"path": "r.toml", "kind": "rules", "message": "not a string",
                 "start": 16, "end": 17, "line": 2, "column": 6, "end_line": 2, "end_column": 7,
                 "label": "here", "help": "quote it", "related": []},
                {"path": "gone.txt", "kind": "input", "message": "cannot read",
                 "help": null, "related": []}
            ])
        );
        assert_eq!(v["version"], 1);
        assert_eq!(v["findings"], json!([]));
    }
}
