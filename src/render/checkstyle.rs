//! Checkstyle XML, read by Jenkins' warnings plugin, reviewdog
//! (`-f=checkstyle`) and most CI dashboards:
//!
//! ```xml
//! <checkstyle version="4.3">
//!   <file name="fixtures/a.txt">
//!     <error line="19" column="229" severity="error" message="…" source="copydesk.entity-variant"/>
//!   </file>
//! </checkstyle>
//! ```
//!
//! One `<file>` element per file with findings, in path order; one per
//! problem too (`source="copydesk.rules"`, …), where it is met. `column` is
//! 1-based in characters; `severity` is `error`, `warning` or `info`; the
//! message carries the help after a line break (`&#10;`).

use super::position::{ColumnUnit, Cursor, place};
use super::{Sources, xml};
use crate::finding::{Finding, Severity, Summary};
use crate::problem::Problem;
use std::io::{self, Write};

/// The document, written as it goes.
pub struct CheckstyleEmitter;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "info",
    }
}

impl super::Emitter for CheckstyleEmitter {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(w, "<checkstyle version=\"4.3\">")
    }

    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut out = String::new();
        for group in findings.chunk_by(|a, b| a.path == b.path) {
            let mut cursor = sources
                .get(&group[0].path)
                .map(|src| Cursor::new(src, ColumnUnit::Chars));
            out.push_str(&format!(
                "  <file name=\"{}\">\n",
                xml::attr(&group[0].path)
            ));
            for f in group {
                let place = match cursor.as_mut() {
                    Some(c) => {
                        let at = c.place(f.span.start);
                        format!(" line=\"{}\" column=\"{}\"", at.line, at.column)
                    }
                    None => String::new(),
                };
                out.push_str(&format!(
                    "    <error{place} severity=\"{}\" message=\"{}\" source=\"copydesk.{}\"/>\n",
                    severity(f.severity),
                    xml::attr(&super::message_with_help(&f.message, f.help.as_deref())),
                    f.check.code()
                ));
            }
            out.push_str("  </file>\n");
        }
        w.write_all(out.as_bytes())
    }

    fn problems(
        &mut self,
        w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut out = String::new();
        for p in problems {
            let place = match (&p.span, sources.get(&p.path)) {
                (Some(span), Some(src)) => {
                    let at = place(src, span.start, ColumnUnit::Chars);
                    format!(" line=\"{}\" column=\"{}\"", at.line, at.column)
                }
                _ => String::new(),
            };
            out.push_str(&format!(
                "  <file name=\"{}\">\n    <error{place} severity=\"error\" message=\"{}\" source=\"copydesk.{}\"/>\n  </file>\n",
                xml::attr(&p.path),
                xml::attr(&super::message_with_help(&p.message, p.help.as_deref())),
                p.kind.as_str()
            ));
        }
        w.write_all(out.as_bytes())
    }

    fn finish(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(w, "</checkstyle>")
    }
}
