//! One line per finding, `path:line:column: severity[code] message`, the
//! shape editors and `grep` read; one line per problem (`path:line:column:
//! error[rules] message`, or `path: error[input] message` without a place);
//! then the count line of the human format. Columns count characters.
//! Everything is made safe for a terminal, line breaks included.

use super::position::{ColumnUnit, Cursor};
use super::{Sources, terminal_safe};
use crate::finding::{Finding, Summary};
use crate::problem::Problem;
use std::io::{self, Write};

/// `path:line:column: severity[code] message` lines.
#[derive(Default)]
pub struct ConciseEmitter;

impl super::Emitter for ConciseEmitter {
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
            let path = terminal_safe(&group[0].path, true);
            for f in group {
                let place = match cursor.as_mut() {
                    Some(c) => {
                        let at = c.place(f.span.start);
                        format!("{path}:{}:{}", at.line, at.column)
                    }
                    None => path.to_string(),
                };
                out.push_str(&format!(
                    "{place}: {}[{}] {}\n",
                    f.severity.as_str(),
                    f.check.code(),
                    terminal_safe(&f.message, true)
                ));
            }
        }
        w.write_all(out.as_bytes())
    }

    fn problems(
        &mut self,
        w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        for p in problems {
            writeln!(w, "{}", problem_line(p, sources))?;
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(w, "{}", super::human::summary_line(summary))
    }
}

/// `path:line:column: error[kind] message`, or `path: error[kind] message`.
fn problem_line(p: &Problem, sources: &Sources) -> String {
    let path = terminal_safe(&p.path, true);
    let place = match (&p.span, sources.get(&p.path)) {
        (Some(span), Some(src)) => {
            let at = super::position::place(src, span.start, ColumnUnit::Chars);
            format!("{path}:{}:{}", at.line, at.column)
        }
        _ => path.into_owned(),
    };
    format!(
        "{place}: error[{}] {}",
        p.kind.as_str(),
        terminal_safe(&p.message, true)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemKind;

    #[test]
    fn problems_are_one_safe_line_each() {
        let src = crate::source::SourceFile::new("r.toml", "[[entity]]\nid = 3\n");
        let mut sources = Sources::default();
        sources.add([&src]);
        let p = Problem::at(
            ProblemKind::Rules,
            "r.toml",
            16..17,
            "not a\nstring",
            "here",
        );
        assert_eq!(
            problem_line(&p, &sources),
            "r.toml:2:6: error[rules] not a<U+000A>string"
        );
        let p = Problem::whole(ProblemKind::Input, "gone\u{1b}.txt", "cannot read");
        assert_eq!(
            problem_line(&p, &sources),
            "gone<U+001B>.txt: error[input] cannot read"
        );
    }
}
