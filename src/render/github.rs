//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! line per finding, shown as annotations on the pull request.

use super::Sources;
use crate::finding::{Finding, Severity};
use crate::source::LineCursor;
use std::io::{self, Write};

/// Escape a command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per finding.
pub struct GithubEmitter;

impl super::Emitter for GithubEmitter {
    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        write(w, findings, sources)
    }
}

/// Write one workflow command per finding.
fn write(w: &mut dyn Write, findings: &[Finding], sources: &Sources) -> io::Result<()> {
    let mut cursors: Option<(&str, LineCursor, LineCursor)> = None;
    for f in findings {
        if cursors.as_ref().is_none_or(|c| c.0 != f.path) {
            cursors = sources.get(&f.path).map(|src| {
                (
                    src.path.as_str(),
                    LineCursor::new(src),
                    LineCursor::new(src),
                )
            });
        }
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = format!("file={}", escape_property(&f.path));
        if let Some((_, starts, ends)) = cursors.as_mut() {
            let start = starts.line_col(f.span.start);
            let end = ends.line_col(f.span.end);
            props.push_str(&format!(",line={},col={}", start.line, start.column));
            if end.line != start.line {
                props.push_str(&format!(",endLine={}", end.line));
            }
            props.push_str(&format!(",endColumn={}", end.column));
        }
        let title = format!("copydesk {} ({})", f.check.code(), f.rule);
        props.push_str(&format!(",title={}", escape_property(&title)));
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(w, "::{level} {props}::{}", escape_data(&message))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_separators() {
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(escape_data("one\ntwo"), "one%0Atwo");
    }
}
