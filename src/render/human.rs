//! Compiler-style diagnostics through ariadne.
//!
//! ariadne 0.6 has three traps, all handled here. Its `IndexType::Byte` is
//! not safe: for every source but the report's own it takes the first
//! label's *character* offset as a byte offset to find the header's column,
//! and panics when that falls inside a multi-byte character (`compare`, whose
//! labels sit in several versions full of curly quotes, hit it). So spans are
//! mapped onto an [`Excerpt`] (always on character boundaries) and handed to
//! ariadne in characters of that excerpt, its default `IndexType::Char`.
//! A custom report kind keeps its colour when colour is off (escape codes
//! are stripped from the output when colour is off). Long paragraph lines are
//! cut to a window around the labels, and the `file:line:column` that ariadne
//! would compute in that window is replaced with the true one (for a Word
//! draft, `draft.docx: paragraph 3, character 12`: its lines are its
//! paragraphs).

use super::excerpt::Excerpt;
use super::{Sources, terminal_safe};
use crate::finding::{Finding, RelatedSpan, Severity, Summary};
use crate::problem::{Problem, ProblemKind};
use crate::source::{ceil_char_boundary, floor_char_boundary};
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};
use std::io::{self, Write};
use std::ops::Range;

/// Everything a rendered diagnostic shows.
pub struct Diagnostic<'a> {
    /// Error, warning or note: the header's word and colour.
    pub severity: Severity,
    /// The bracketed code in the header: the check's code for a finding
    /// (`error[entity-variant]`), the kind of file for a problem (`error[rules]`).
    pub code: &'a str,
    /// The headline, after the code.
    pub message: &'a str,
    /// The primary place: path, byte span, label.
    pub primary: Option<(&'a str, Range<usize>, &'a str)>,
    /// Other labelled places, in this file or another.
    pub related: &'a [RelatedSpan],
    /// Further explanations, one note line each.
    pub notes: Vec<String>,
    /// The help line, if there is one.
    pub help: Option<&'a str>,
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Note => Color::Cyan,
    }
}

/// A non-empty span on character boundaries of `text`. A span on a line
/// break alone (where TOML parse errors often point) moves to the character
/// before it, so it does not straddle two lines.
fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let mut start = floor_char_boundary(text, span.start);
    let mut end = ceil_char_boundary(text, span.end.max(start));
    if text[start..end].chars().all(|c| c == '\n' || c == '\r')
        && let Some(c) = text[..start]
            .trim_end_matches(['\n', '\r'])
            .chars()
            .next_back()
    {
        end = text[..start].trim_end_matches(['\n', '\r']).len();
        start = end - c.len_utf8();
    }
    if end == start {
        if let Some(c) = text[start..].chars().next() {
            end = start + c.len_utf8();
        } else if let Some(c) = text[..start].chars().next_back() {
            return start - c.len_utf8()..start;
        }
    }
    start..end
}

fn placeholder(i: usize) -> String {
    format!("@@copydesk-source-{i}@@")
}

/// Render one diagnostic. Its texts (message, labels, notes, help) are made
/// safe for the terminal here, whoever wrote them.
pub fn render(w: &mut dyn Write, d: &Diagnostic, sources: &Sources, color: bool) -> io::Result<()> {
    let message = terminal_safe(d.message, false);
    let notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| terminal_safe(n, false).into_owned())
        .collect();
    let help = d.help.map(|h| terminal_safe(h, false));
    let primary_label = d
        .primary
        .as_ref()
        .map(|p| terminal_safe(p.2, false).into_owned())
        .unwrap_or_default();
    let related: Vec<RelatedSpan> = d
        .related
        .iter()
        .map(|r| RelatedSpan {
            message: terminal_safe(&r.message, false).into_owned(),
            ..r.clone()
        })
        .collect();
    let safe = Diagnostic {
        severity: d.severity,
        code: d.code,
        message: &message,
        primary: d
            .primary
            .as_ref()
            .map(|p| (p.0, p.1.clone(), primary_label.as_str())),
        related: &related,
        notes,
        help: help.as_deref(),
    };
    render_safe(w, &safe, sources, color)
}

fn render_safe(
    w: &mut dyn Write,
    d: &Diagnostic,
    sources: &Sources,
    color: bool,
) -> io::Result<()> {
    let header = format!("{}[{}]", d.severity.as_str(), d.code);
    let Some((primary_path, primary_span, primary_label)) = d.primary.clone() else {
        return render_plain(w, &header, d, color);
    };
    let Some(primary_src) = sources.get(primary_path) else {
        return render_plain(w, &header, d, color);
    };
    let primary_span = clamp_span(&primary_src.text, &primary_span);
    // Labels: primary first, then related ones whose file we have.
    let mut labels: Vec<(&str, Range<usize>, &str, bool)> =
        vec![(primary_path, primary_span.clone(), primary_label, true)];
    for r in d.related {
        if let Some(src) = sources.get(&r.path) {
            labels.push((
                r.path.as_str(),
                clamp_span(&src.text, &r.span),
                r.message.as_str(),
                false,
            ));
        }
    }
    let mut paths: Vec<&str> = Vec::new();
    for (p, ..) in &labels {
        if !paths.contains(p) {
            paths.push(p);
        }
    }
    // ariadne starts a new source group whenever the source changes between
    // consecutive labels: keep each file's labels together, primary file first.
    // It also starts one when a label lies on an earlier line than the one
    // before it: order each file's labels by position.
    labels.sort_by_key(|l| (paths.iter().position(|p| *p == l.0), l.1.start));
    let excerpts: Vec<Excerpt> = paths
        .iter()
        .map(|p| {
            let text = &sources.get(p).expect("checked above").text;
            let spans: Vec<Range<usize>> = labels
                .iter()
                .filter(|l| l.0 == *p)
                .map(|l| l.1.clone())
                .collect();
            Excerpt::with_lines(text, sources.get(p).expect("checked above").lines(), &spans)
        })
        .collect();
    let id_of = |p: &str| placeholder(paths.iter().position(|x| *x == p).expect("path listed"));
    let config = Config::default()
        .with_index_type(IndexType::Char)
        .with_color(color);
    let excerpt_of = |p: &str| &excerpts[paths.iter().position(|x| *x == p).expect("path listed")];
    let mut builder = Report::build(
        ReportKind::Custom(&header, severity_color(d.severity)),
        (
            id_of(primary_path),
            excerpt_of(primary_path).char_span(&primary_span),
        ),
    )
    .with_config(config)
    .with_message(d.message);
    for (order, (path, span, message, is_primary)) in labels.iter().enumerate() {
        let mut label = Label::new((id_of(path), excerpt_of(path).char_span(span)))
            .with_message(*message)
            .with_order(order as i32);
        // Colours are only attached when wanted: ariadne would keep them.
        if color {
            label = label.with_color(if *is_primary {
                severity_color(d.severity)
            } else {
                Color::Blue
            });
        }
        builder = builder.with_label(label);
    }
    for note in &d.notes {
        builder = builder.with_note(note);
    }
    if let Some(p) = paths
        .iter()
        .find(|p| sources.get(p).is_some_and(|s| s.is_extracted()))
    {
        builder = builder.with_note(format!(
            "positions in {} are paragraphs of the Word draft (line N is paragraph N), \
             not lines of the file",
            terminal_safe(p, true)
        ));
    }
    if let Some(help) = d.help {
        builder = builder.with_help(help);
    }
    let cache = ariadne::sources(
        excerpts
            .iter()
            .enumerate()
            .map(|(i, e)| (placeholder(i), e.text.clone())),
    );
    let mut buf = Vec::new();
    builder.finish().write(cache, &mut buf)?;
    let mut out = String::from_utf8_lossy(&buf).into_owned();
    if !color {
        out = strip_ansi(&out);
    }
    // Put the true file:line:column in each source header. ariadne's line
    // is already true (the excerpt keeps the file's lines); its column was
    // counted in the window, so take the column of this file's first label
    // on that line.
    for (i, p) in paths.iter().enumerate() {
        let src = sources.get(p).expect("checked above");
        let token = placeholder(i);
        while let Some(pos) = out.find(&token) {
            let after = &out[pos + token.len()..];
            let skip = after
                .char_indices()
                .find(|&(_, c)| !(c == ':' || c.is_ascii_digit()))
                .map_or(after.len(), |(i, _)| i);
            let shown_line: Option<usize> =
                after[..skip].split(':').nth(1).and_then(|l| l.parse().ok());
            let on_line = |l: &&(&str, Range<usize>, &str, bool)| {
                l.0 == *p && Some(src.line_col(l.1.start).line) == shown_line
            };
            let first = labels
                .iter()
                .filter(on_line)
                .find(|l| l.3)
                .or_else(|| labels.iter().find(on_line))
                .or_else(|| labels.iter().find(|l| l.0 == *p))
                .expect("path has a label");
            let at = src.line_col(first.1.start);
            let true_ref = if src.is_extracted() {
                format!(
                    "{}: paragraph {}, character {}",
                    terminal_safe(p, true),
                    at.line,
                    at.column
                )
            } else {
                format!("{}:{}:{}", terminal_safe(p, true), at.line, at.column)
            };
            out.replace_range(pos..pos + token.len() + skip, &true_ref);
        }
    }
    w.write_all(out.as_bytes())
}

/// A diagnostic with nothing to point at.
fn render_plain(w: &mut dyn Write, header: &str, d: &Diagnostic, color: bool) -> io::Result<()> {
    let head = if color {
        let code = match d.severity {
            Severity::Error => "31",
            Severity::Warning => "33",
            Severity::Note => "36",
        };
        format!("\x1b[{code}m{header}:\x1b[0m")
    } else {
        format!("{header}:")
    };
    writeln!(w, "{head} {}", d.message)?;
    for n in &d.notes {
        writeln!(w, "  = note: {n}")?;
    }
    if let Some(h) = d.help {
        writeln!(w, "  = help: {h}")?;
    }
    Ok(())
}

/// Remove ANSI escape sequences.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for n in chars.by_ref() {
                if n.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Render a problem (rule-file, config, manifest or input error) as a
/// diagnostic: pointing into the file when its span and text are known,
/// else one line that names the file.
pub fn render_problem(
    w: &mut dyn Write,
    p: &Problem,
    sources: &Sources,
    color: bool,
) -> io::Result<()> {
    let placed = p.span.is_some() && sources.get(&p.path).is_some();
    // An input problem has always been shown as `path: message` on the
    // header line; the others name their file in the source header, or in a
    // note when there is none.
    let message = match p.kind {
        ProblemKind::Input if !placed => {
            format!("{}: {}", terminal_safe(&p.path, true), p.message)
        }
        _ => p.message.clone(),
    };
    let notes = if placed || p.kind == ProblemKind::Input {
        Vec::new()
    } else {
        vec![format!("in {}", terminal_safe(&p.path, true))]
    };
    let d = Diagnostic {
        severity: Severity::Error,
        code: p.kind.as_str(),
        message: &message,
        primary: p
            .span
            .clone()
            .map(|s| (p.path.as_str(), s, p.label.as_str())),
        related: &p.related,
        notes,
        help: p.help.as_deref(),
    };
    render(w, &d, sources, color)
}

/// The diagnostic view of a finding.
pub fn diagnostic(f: &Finding) -> Diagnostic<'_> {
    let mut notes = f.notes.clone();
    // The check's code is in the header; the rule is named only when it is
    // not the check itself (checks that need no rule).
    let code = f.check.code();
    notes.push(if f.rule == code {
        format!("see `copydesk explain {code}`")
    } else {
        format!("rule `{}` · see `copydesk explain {code}`", f.rule)
    });
    Diagnostic {
        severity: f.severity,
        code,
        message: &f.message,
        primary: Some((&f.path, f.span.clone(), &f.label)),
        related: &f.related,
        notes,
        help: f.help.as_deref(),
    }
}

/// Compiler-style diagnostics, then a summary line.
pub struct HumanEmitter {
    /// Whether to colour the output.
    pub color: bool,
}

impl super::Emitter for HumanEmitter {
    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        for f in findings {
            render(w, &diagnostic(f), sources, self.color)?;
            writeln!(w)?;
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(w, "{}", summary_line(summary))
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "2 errors, 1 warning, 0 notes in 5 files".
pub fn summary_line(s: &Summary) -> String {
    if s.errors + s.warnings + s.notes == 0 {
        return format!("no findings in {}", plural(s.files, "file"));
    }
    format!(
        "{}, {}, {} in {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note"),
        plural(s.files, "file")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    const EVIL: &str = "a\u{1b}[2J\u{202e}\u{7}b";

    fn assert_clean(out: &str) {
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}') && !out.contains('\u{7}'),
            "{out:?}"
        );
        assert!(out.contains("<U+001B>"), "{out:?}");
    }

    #[test]
    fn messages_notes_labels_and_help_never_carry_raw_controls() {
        let src = SourceFile::new(format!("f{EVIL}.txt"), "Wang Li said so\n");
        let mut sources = Sources::default();
        sources.add([&src]);
        let related = [RelatedSpan {
            path: src.path.clone(),
            span: 8..12,
            message: format!("related {EVIL}"),
        }];
        let label = format!("label {EVIL}");
        let help = format!("help {EVIL}");
        for primary in [Some((src.path.as_str(), 0..7, label.as_str())), None] {
            let d = Diagnostic {
                severity: Severity::Warning,
                code: "entity",
                message: &format!("message {EVIL}"),
                primary,
                related: &related,
                notes: vec![format!("note {EVIL}")],
                help: Some(&help),
            };
            let mut out = Vec::new();
            render(&mut out, &d, &sources, false).unwrap();
            let out = String::from_utf8(out).unwrap();
            assert_clean(&out);
            for word in ["message", "note", "help"] {
                assert!(out.contains(&format!("{word} a<U+001B>[2J")), "{out}");
            }
        }
    }

    #[test]
    fn problems_without_a_place_name_their_file_safely() {
        let p = Problem::whole(ProblemKind::Input, format!("gone{EVIL}.txt"), "cannot read");
        let mut out = Vec::new();
        render_problem(&mut out, &p, &Sources::default(), false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_clean(&out);
        assert!(out.starts_with("error[input]: gonea<U+001B>[2J"), "{out}");
        let p = Problem::whole(ProblemKind::Rules, format!("r{EVIL}.toml"), "cannot read");
        let mut out = Vec::new();
        render_problem(&mut out, &p, &Sources::default(), false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_clean(&out);
        assert!(out.contains("= note: in ra<U+001B>"), "{out}");
    }
}
