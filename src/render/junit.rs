//! JUnit XML, as CI test report views read it (GitLab's `artifacts:
//! reports: junit`, Jenkins, Azure Pipelines):
//!
//! - a `<testsuite name=PATH>` per file with findings, in path order, with
//!   a `<testcase>` per finding holding a `<failure>` (its `message`, its
//!   `type` the severity, its text `path:line:column: severity[code]
//!   message` and the help);
//! - a `<testsuite>` per problem (a broken rule file, an unreadable article)
//!   with one `<testcase>` holding an `<error>`;
//! - at the end, when some files checked had no finding, one suite
//!   `files without findings` with one passing test case that counts them.
//!   Files are checked in parallel and a clean file leaves no trace the
//!   emitter could name it by, so they are counted, not listed.
//!
//! No times or timestamps: the same run gives the same bytes.

use super::position::{ColumnUnit, Cursor, place};
use super::{Sources, message_with_help, xml};
use crate::finding::{Finding, Summary};
use crate::problem::Problem;
use std::io::{self, Write};

/// The document, written as it goes; it counts the files with findings.
#[derive(Default)]
pub struct JunitEmitter {
    files_with_findings: usize,
}

impl super::Emitter for JunitEmitter {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(w, "<testsuites name=\"copydesk\">")
    }

    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut out = String::new();
        for group in findings.chunk_by(|a, b| a.path == b.path) {
            self.files_with_findings += 1;
            let mut cursor = sources
                .get(&group[0].path)
                .map(|src| Cursor::new(src, ColumnUnit::Chars));
            let path = xml::attr(&group[0].path);
            out.push_str(&format!(
                "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\">\n",
                n = group.len()
            ));
            for f in group {
                let at = cursor.as_mut().map(|c| c.place(f.span.start));
                let (name, line_attr, place) = match at {
                    Some(at) => (
                        format!("{} ({}:{})", f.check.code(), at.line, at.column),
                        format!(" line=\"{}\"", at.line),
                        format!("{}:{}:{}", f.path, at.line, at.column),
                    ),
                    None => (f.check.code().to_string(), String::new(), f.path.clone()),
                };
                let body = format!(
                    "{place}: {}[{}] {}",
                    f.severity.as_str(),
                    f.check.code(),
                    message_with_help(&f.message, f.help.as_deref())
                );
                out.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\"{line_attr}>\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                    xml::attr(&name),
                    xml::attr(&f.message),
                    f.severity.as_str(),
                    xml::text(&body)
                ));
            }
            out.push_str("  </testsuite>\n");
        }
        w.write_all(out.as_bytes())
    }

    /// A fresh emitter wrote one file's suite, when it had findings.
    fn append(&mut self, w: &mut dyn Write, rendered: &[u8], findings: usize) -> io::Result<()> {
        if findings > 0 {
            self.files_with_findings += 1;
        }
        w.write_all(rendered)
    }

    fn problems(
        &mut self,
        w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut out = String::new();
        for p in problems {
            let at = match (&p.span, sources.get(&p.path)) {
                (Some(span), Some(src)) => Some(place(src, span.start, ColumnUnit::Chars)),
                _ => None,
            };
            let place = match at {
                Some(at) => format!("{}:{}:{}", p.path, at.line, at.column),
                None => p.path.clone(),
            };
            let body = format!(
                "{place}: error[{}] {}",
                p.kind.as_str(),
                message_with_help(&p.message, p.help.as_deref())
            );
            let path = xml::attr(&p.path);
            out.push_str(&format!(
                "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\">\n      <error message=\"{}\" type=\"{}\">{}</error>\n    </testcase>\n  </testsuite>\n",
                p.kind.as_str(),
                xml::attr(&p.message),
                p.kind.as_str(),
                xml::text(&body)
            ));
        }
        w.write_all(out.as_bytes())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let clean = summary.files.saturating_sub(self.files_with_findings);
        if clean > 0 {
            writeln!(
                w,
                "  <testsuite name=\"files without findings\" tests=\"1\" failures=\"0\" errors=\"0\">\n    <testcase name=\"{clean} of {} checked files without findings\" classname=\"copydesk\"/>\n  </testsuite>",
                summary.files
            )?;
        }
        writeln!(w, "</testsuites>")
    }
}
