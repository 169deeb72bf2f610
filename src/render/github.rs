//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! line per finding, and one `::error` line per problem (a broken rule file,
//! an unreadable article), shown as annotations on the pull request.
//!
//! GitHub shows at most 10 error and 10 warning annotations per step (and
//! 50 per job). Every line is written all the same (the log keeps them);
//! when there are more, a last line says how many errors and warnings GitHub
//! will not show: a `::notice` while fewer than 10 notices were written (so
//! GitHub shows it), else a plain log line. With a step summary file
//! ([`super::EmitOptions::step_summary`], from `GITHUB_STEP_SUMMARY`), a
//! Markdown table of every finding and problem (file, line, severity, code,
//! message; at most [`SUMMARY_ROWS`] rows) and the counts are appended to it
//! at the end.
//!
//! A span within one line has `line`, `col` and `endColumn` (columns count
//! characters); a span over several lines has `line` and `endLine` only.

use super::{Sources, terminal_safe};
use crate::finding::{Finding, Severity, Summary};
use crate::problem::Problem;
use crate::source::LineCursor;
use std::io::{self, Write};
use std::path::PathBuf;

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

/// GitHub's documented limits: annotations shown per step, per level.
pub const SHOWN_PER_STEP: usize = 10;

/// Rows of the step summary's table at most (GitHub takes at most 1 MiB of
/// summary per step; the rest of the findings are counted under it).
pub const SUMMARY_ROWS: usize = 1000;

/// One workflow command: what a finding or a problem becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Annotation {
    /// `error`, `warning` or `notice`.
    level: &'static str,
    file: String,
    /// `line`, `col`, `endLine`, `endColumn`: a span over several lines has
    /// no columns (GitHub documents them only within one line).
    line: Option<usize>,
    col: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    title: String,
    message: String,
}

impl Annotation {
    fn at(&mut self, start: (usize, usize), end: (usize, usize)) {
        self.line = Some(start.0);
        if end.0 == start.0 {
            self.col = Some(start.1);
            self.end_column = Some(end.1);
        } else {
            self.end_line = Some(end.0);
        }
    }

    /// The workflow command, on one line.
    fn command(&self) -> String {
        let mut props = format!("file={}", escape_property(&self.file));
        for (name, value) in [
            ("line", self.line),
            ("col", self.col),
            ("endLine", self.end_line),
            ("endColumn", self.end_column),
        ] {
            if let Some(v) = value {
                props.push_str(&format!(",{name}={v}"));
            }
        }
        props.push_str(&format!(",title={}", escape_property(&self.title)));
        format!("::{} {props}::{}", self.level, escape_data(&self.message))
    }

    /// The annotation a line of [`Annotation::command`] holds.
    fn parse(line: &str) -> Option<Annotation> {
        let rest = line.strip_prefix("::")?;
        let (level, rest) = rest.split_once(' ')?;
        let level = ["error", "warning", "notice"]
            .into_iter()
            .find(|l| *l == level)?;
        // Property values escape `:`, so the first `::` ends them.
        let (props, message) = rest.split_once("::")?;
        let mut a = Annotation {
            level,
            file: String::new(),
            line: None,
            col: None,
            end_line: None,
            end_column: None,
            title: String::new(),
            message: unescape(message),
        };
        for prop in props.split(',') {
            let (name, value) = prop.split_once('=')?;
            let number = || value.parse::<usize>().ok();
            match name {
                "file" => a.file = unescape(value),
                "title" => a.title = unescape(value),
                "line" => a.line = number(),
                "col" => a.col = number(),
                "endLine" => a.end_line = number(),
                "endColumn" => a.end_column = number(),
                _ => {}
            }
        }
        Some(a)
    }

    /// The check's code (or the problem's kind) in the title.
    fn code(&self) -> &str {
        let t = self.title.strip_prefix("copydesk ").unwrap_or(&self.title);
        t.split(' ').next().unwrap_or(t)
    }
}

/// Undo [`escape_data`] and [`escape_property`] (`%25`, `%0D`, `%0A`,
/// `%3A`, `%2C`), in one pass.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3);
        let c = match code {
            Some("25") => Some('%'),
            Some("0D") => Some('\r'),
            Some("0A") => Some('\n'),
            Some("3A") => Some(':'),
            Some("2C") => Some(','),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One workflow command per finding and per problem, then, when GitHub
/// will not show them all, a line that says how many it leaves out; with a
/// step summary file, a Markdown table of them appended to it at the end.
pub struct GithubEmitter {
    /// The file `GITHUB_STEP_SUMMARY` names, if any.
    step_summary: Option<PathBuf>,
    /// Annotations written, per level: errors, warnings, notices.
    errors: usize,
    warnings: usize,
    notices: usize,
    /// Problems among the errors.
    problems: usize,
    /// The table's rows so far (only with a step summary), and how many
    /// findings did not fit in it.
    rows: Vec<Annotation>,
    rows_left_out: usize,
}

impl GithubEmitter {
    /// An emitter that appends its summary to `step_summary`, if given.
    pub fn new(step_summary: Option<PathBuf>) -> Self {
        GithubEmitter {
            step_summary,
            errors: 0,
            warnings: 0,
            notices: 0,
            problems: 0,
            rows: Vec::new(),
            rows_left_out: 0,
        }
    }

    /// Count `a` (written by this emitter or a fresh one) and keep it for
    /// the table.
    fn record(&mut self, a: Annotation) {
        match a.level {
            "error" => self.errors += 1,
            "warning" => self.warnings += 1,
            _ => self.notices += 1,
        }
        if self.step_summary.is_some() {
            if self.rows.len() < SUMMARY_ROWS {
                self.rows.push(a);
            } else {
                self.rows_left_out += 1;
            }
        }
    }

    /// What GitHub leaves out, in one sentence, if it leaves out anything.
    fn hidden(&self) -> Option<String> {
        let errors = self.errors.saturating_sub(SHOWN_PER_STEP);
        let warnings = self.warnings.saturating_sub(SHOWN_PER_STEP);
        if errors + warnings == 0 {
            return None;
        }
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        Some(format!(
            "GitHub shows at most {SHOWN_PER_STEP} error and {SHOWN_PER_STEP} warning annotations \
             per step (and 50 per job): {} and {} of this run are in the log but not shown as annotations{}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            if self.step_summary.is_some() {
                " (all are in the step summary)"
            } else {
                ""
            }
        ))
    }

    /// The Markdown appended to the step summary.
    fn summary_markdown(&self, summary: &Summary) -> String {
        let mut md = String::from("### copydesk\n\n");
        if !self.rows.is_empty() {
            md.push_str("| file | line | severity | code | message |\n|---|---:|---|---|---|\n");
            for a in &self.rows {
                let severity = match a.level {
                    "notice" => "note",
                    l => l,
                };
                md.push_str(&format!(
                    "| {} | {} | {severity} | `{}` | {} |\n",
                    markdown_cell(&a.file),
                    a.line.map_or(String::new(), |l| l.to_string()),
                    markdown_cell(a.code()),
                    markdown_cell(&a.message)
                ));
            }
            md.push('\n');
            if self.rows_left_out > 0 {
                md.push_str(&format!(
                    "{} more not listed (the table stops at {SUMMARY_ROWS} rows).\n\n",
                    self.rows_left_out
                ));
            }
        }
        md.push_str(&format!("**{}**", super::human::summary_line(summary)));
        if self.problems > 0 {
            md.push_str(&format!(
                "; {} rule, config, manifest or input error{} (exit code 2)",
                self.problems,
                if self.problems == 1 { "" } else { "s" }
            ));
        }
        md.push_str("\n\n");
        md
    }
}

/// Text for a Markdown table cell: no line breaks, no `|`, no HTML.
fn markdown_cell(s: &str) -> String {
    terminal_safe(s, false)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

impl super::Emitter for GithubEmitter {
    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut out = String::new();
        for group in findings.chunk_by(|a, b| a.path == b.path) {
            let src = sources.get(&group[0].path);
            let mut starts = src.map(LineCursor::new);
            let mut ends = src.map(LineCursor::new);
            for f in group {
                let a = finding_annotation(f, starts.as_mut().zip(ends.as_mut()));
                out.push_str(&a.command());
                out.push('\n');
                self.record(a);
            }
        }
        w.write_all(out.as_bytes())
    }

    /// A fresh emitter's lines, counted (and kept for the table) as if
    /// this one had written them.
    fn append(&mut self, w: &mut dyn Write, rendered: &[u8], _findings: usize) -> io::Result<()> {
        for line in String::from_utf8_lossy(rendered).lines() {
            if let Some(a) = Annotation::parse(line) {
                self.record(a);
            }
        }
        w.write_all(rendered)
    }

    fn problems(
        &mut self,
        w: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        for p in problems {
            let a = problem_annotation(p, sources);
            writeln!(w, "{}", a.command())?;
            self.problems += 1;
            self.record(a);
        }
        Ok(())
    }

    /// The line about what GitHub leaves out: a `::notice` while GitHub
    /// still shows notices, else a plain log line. Then the step summary.
    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if let Some(hidden) = self.hidden() {
            if self.notices < SHOWN_PER_STEP {
                writeln!(w, "::notice title=copydesk::{}", escape_data(&hidden))?;
            } else {
                writeln!(w, "copydesk: {}", terminal_safe(&hidden, true))?;
            }
        }
        if let Some(path) = &self.step_summary {
            let md = self.summary_markdown(summary);
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .and_then(|mut f| f.write_all(md.as_bytes()))
                .map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("cannot write the step summary {}: {e}", path.display()),
                    )
                })?;
        }
        Ok(())
    }
}

/// The annotation of a problem: `::error file=…,line=…,col=…,endColumn=…,
/// title=copydesk KIND::message`; without a place, only the file.
fn problem_annotation(p: &Problem, sources: &Sources) -> Annotation {
    let mut a = Annotation {
        level: "error",
        file: p.path.clone(),
        line: None,
        col: None,
        end_line: None,
        end_column: None,
        title: format!("copydesk {}", p.kind.as_str()),
        message: super::message_with_help(&p.message, p.help.as_deref()),
    };
    if let (Some(span), Some(src)) = (&p.span, sources.get(&p.path)) {
        let start = src.line_col(span.start);
        let end = src.line_col(span.end);
        a.at((start.line, start.column), (end.line, end.column));
    }
    a
}

/// `::error file=…,line=…,col=…,endColumn=…,title=copydesk CODE (RULE)::…`
/// for a finding; columns count characters.
fn finding_annotation(
    f: &Finding,
    cursors: Option<(&mut LineCursor, &mut LineCursor)>,
) -> Annotation {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let title = if f.rule == f.check.code() {
        format!("copydesk {}", f.check.code())
    } else {
        format!("copydesk {} ({})", f.check.code(), f.rule)
    };
    let mut a = Annotation {
        level,
        file: f.path.clone(),
        line: None,
        col: None,
        end_line: None,
        end_column: None,
        title,
        message: super::message_with_help(&f.message, f.help.as_deref()),
    };
    if let Some((starts, ends)) = cursors {
        let start = starts.line_col(f.span.start);
        let end = ends.line_col(f.span.end);
        a.at((start.line, start.column), (end.line, end.column));
    }
    a
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
            problem_annotation(&p, &sources).command(),
            "::error file=r%2C1.toml,line=2,col=6,endColumn=7,title=copydesk rules::not a string%0Ahelp: quote it"
        );
        let p = Problem::whole(ProblemKind::Input, "gone.txt", "cannot read: 100% gone");
        assert_eq!(
            problem_annotation(&p, &sources).command(),
            "::error file=gone.txt,title=copydesk input::cannot read: 100%25 gone"
        );
    }

    #[test]
    fn a_command_reads_back_as_the_annotation_it_was_made_from() {
        let a = Annotation {
            level: "warning",
            file: "a,b:c%.txt".into(),
            line: Some(3),
            col: None,
            end_line: Some(5),
            end_column: None,
            title: "copydesk quote-word (trump-patience)".into(),
            message: "100% “wrong”: a, b\nhelp: write x::y".into(),
        };
        let line = a.command();
        assert_eq!(
            line,
            "::warning file=a%2Cb%3Ac%25.txt,line=3,endLine=5,title=copydesk quote-word (trump-patience)::100%25 “wrong”: a, b%0Ahelp: write x::y"
        );
        assert_eq!(Annotation::parse(&line), Some(a.clone()));
        assert_eq!(a.code(), "quote-word");
        assert_eq!(Annotation::parse("plain log line"), None);
        assert_eq!(unescape("%25%0A%3A%2C%zz%"), "%\n:,%zz%");
    }

    fn finding(severity: Severity, line: usize) -> Finding {
        Finding {
            path: "a.txt".into(),
            check: crate::codes::Check::StyleMixed,
            rule: "style-mixed".into(),
            severity,
            message: format!("m|{line}<b>"),
            span: line * 2..line * 2 + 1,
            label: String::new(),
            found: "x".into(),
            expected: None,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
            suggestion: None,
        }
    }

    #[test]
    fn what_github_leaves_out_is_said_and_the_step_summary_lists_everything() {
        use crate::render::Emitter;
        let text = "x\n".repeat(40);
        let src = crate::source::SourceFile::new("a.txt", text);
        let mut sources = Sources::default();
        sources.add([&src]);
        let findings: Vec<Finding> = (0..12)
            .map(|i| finding(Severity::Error, i))
            .chain((12..15).map(|i| finding(Severity::Warning, i)))
            .collect();
        let dir =
            std::env::temp_dir().join(format!("copydesk-step-summary-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let summary_file = dir.join("summary.md");
        let _ = std::fs::remove_file(&summary_file);
        // Half the findings emitted here, half by a fresh emitter and appended.
        let mut e = GithubEmitter::new(Some(summary_file.clone()));
        let mut out = Vec::new();
        e.emit(&mut out, &findings[..6], &sources).unwrap();
        let mut fresh = GithubEmitter::new(None);
        let mut rendered = Vec::new();
        fresh.emit(&mut rendered, &findings[6..], &sources).unwrap();
        e.append(&mut out, &rendered, 9).unwrap();
        e.finish(&mut out, &Summary::of(1, &findings)).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), 16, "{out}");
        assert_eq!(
            out.lines().last().unwrap(),
            "::notice title=copydesk::GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job): 2 errors and 0 warnings of this run are in the log but not shown as annotations (all are in the step summary)"
        );
        let md = std::fs::read_to_string(&summary_file).unwrap();
        assert_eq!(md.matches("| a.txt |").count(), 15, "{md}");
        assert!(
            md.contains("| a.txt | 15 | warning | `style-mixed` | m\\|14&lt;b&gt; |"),
            "{md}"
        );
        assert!(
            md.contains("**12 errors, 3 warnings, 0 notes in 1 file**"),
            "{md}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn under_the_limits_nothing_more_is_said() {
        use crate::render::Emitter;
        let src = crate::source::SourceFile::new("a.txt", "x\n".repeat(4));
        let mut sources = Sources::default();
        sources.add([&src]);
        let mut e = GithubEmitter::new(None);
        let mut out = Vec::new();
        e.emit(&mut out, &[finding(Severity::Error, 1)], &sources)
            .unwrap();
        e.finish(&mut out, &Summary::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=a.txt,line=2,col=1,endColumn=2,title=copydesk style-mixed::m|1<b>\n"
        );
    }
}
