//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! line per finding, and one `::error` line per problem (a broken rule file,
//! an unreadable article), shown as annotations on the pull request.

use super::{Sources, terminal_safe};
use crate::finding::{Finding, Severity};
use crate::problem::Problem;
use crate::source::LineCursor;
use std::io::{self, Write};

/// Escape a command's message. The log shows it too, and renders ANSI
/// escapes: other control and bidi characters are made visible.
fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    terminal_safe(&s, false).into_owned()
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

    fn problems(
        &mut self,
        w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        for p in problems {
            writeln!(w, "{}", problem_command(p, sources))?;
        }
        Ok(())
    }
}

/// `::error file=…,line=…,col=…,endColumn=…,title=…::message` for a problem;
/// without a place, only the file.
fn problem_command(p: &Problem, sources: &Sources) -> String {
    let mut props = format!("file={}", escape_property(&p.path));
    if let (Some(span), Some(src)) = (&p.span, sources.get(&p.path)) {
        let start = src.line_col(span.start);
        let end = src.line_col(span.end);
        props.push_str(&format!(",line={},col={}", start.line, start.column));
        if end.line != start.line {
            props.push_str(&format!(",endLine={}", end.line));
        }
        props.push_str(&format!(",endColumn={}", end.column));
    }
    let title = format!("copydesk {}", p.kind.as_str());
    props.push_str(&format!(",title={}", escape_property(&title)));
    let mut message = p.message.clone();
    if let Some(help) = &p.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::error {props}::{}", escape_data(&message))
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
        assert_eq!(escape_data("red\u{1b}[31m"), "red<U+001B>[31m");
    }

    #[test]
    fn a_problem_is_an_error_annotation_at_its_place() {
        use crate::problem::ProblemKind;
        let src = crate::source::SourceFile::new("r,1.toml", "[[entity]]\nid = 3\n");
        let mut sources = Sources::default();
        sources.add([&src]);
        let p = Problem::at(
            ProblemKind::Rules,
            "r,1.toml",
            16..17,
            "not a string",
            "here",
        )
        .with_help("quote it");
        assert_eq!(
            problem_command(&p, &sources),
            "::error file=r%2C1.toml,line=2,col=6,endColumn=7,title=copydesk rules::not a string%0Ahelp: quote it"
        );
        let p = Problem::whole(ProblemKind::Input, "gone.txt", "cannot read: 100% gone");
        assert_eq!(
            problem_command(&p, &sources),
            "::error file=gone.txt,title=copydesk input::cannot read: 100%25 gone"
        );
    }
}
