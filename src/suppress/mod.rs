//! Suppression comments: accepting one finding where it is, in the article.
//!
//! A copy desk that has looked at a finding and wants it kept (an outlet's
//! house spelling, a quotation that really was misspoken) writes a comment
//! beside it; the next run does not report it. In Markdown and HTML, and in
//! the HTML inside a CMS export's strings:
//!
//! ```text
//! <!-- copydesk-disable-next-line entity-near-miss -- the outlet's house spelling -->
//! <!-- copydesk-disable quote -->  …  <!-- copydesk-enable quote -->
//! <!-- copydesk-disable-file date-stale -->
//! ```
//!
//! - `copydesk-disable-next-line`: the rest of the comment's own line when
//!   text follows the comment there (HTML written on one line), else the
//!   next line that is neither blank nor only directives;
//! - `copydesk-disable` … `copydesk-enable`: from the end of the one comment
//!   to the start of the other; a `disable` never closed runs to the end of
//!   the text that holds it (the file; in a CMS export, the string);
//! - `copydesk-disable-file`: the whole file.
//!
//! The names after the keyword (comma- or space-separated) are check codes
//! (`entity-near-miss`), kinds (`entity`) or rule ids (`wang-yi`): a
//! finding matches when its code, its kind or its rule is named; no names
//! at all is every check. What follows `--` is the reason, kept with the
//! directive. A `copydesk-enable NAMES` ends the listed names of the open
//! `disable` comments (the others stay disabled); a bare `copydesk-enable`
//! ends them all, and is the only end of a bare `copydesk-disable`.
//!
//! A finding is suppressed when it *begins* inside a directive's range.
//! Comments inside Markdown code (spans and blocks) are text, not
//! directives. In a Word draft (`.docx`) a reviewer's comment whose text is
//! a directive (`copydesk-disable entity-near-miss -- house spelling`)
//! applies to the text it is anchored on (a comment anchored on no text:
//! its paragraph); `copydesk-disable-next-line` there is the next
//! paragraph that is not empty, `copydesk-disable-file` the whole draft.
//! Plain text has no comments: a baseline ([`crate::baseline`]) is its way.
//!
//! [`directives`] reads a file's directives (spans into the file, as every
//! span); [`Suppressor::apply`] drops the findings they match and reports
//! each directive that suppressed nothing as an `unused-suppression` note
//! (see `docs/unused-suppression.md`), so that stale comments do not pile
//! up and a misspelt name does not go unnoticed.

mod apply;

pub use apply::{Applied, Suppressed, Suppressor};

use crate::codes::{Check, CheckDoc};
use crate::read::{ByteMap, Format};
use crate::source::{SourceFile, SourceKind};
use std::ops::Range;
use std::path::Path;

/// The check this stage emits, with its `copydesk explain` text.
pub const CHECKS: &[CheckDoc] = &[CheckDoc {
    check: Check::UnusedSuppression,
    explain: include_str!("docs/unused-suppression.md"),
}];

/// What every directive begins with.
pub const PREFIX: &str = "copydesk-";

/// The directives copydesk knows, by keyword.
pub const KEYWORDS: &[(&str, Form)] = &[
    ("copydesk-disable-next-line", Form::NextLine),
    ("copydesk-disable", Form::Disable),
    ("copydesk-enable", Form::Enable),
    ("copydesk-disable-file", Form::File),
];

/// Which directive a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `copydesk-disable-next-line`.
    NextLine,
    /// `copydesk-disable`: up to the `copydesk-enable` that ends it.
    Disable,
    /// `copydesk-enable`: suppresses nothing itself.
    Enable,
    /// `copydesk-disable-file`.
    File,
}

/// One name of a directive and where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// A check code, kind or rule id, as written; `None`: every check.
    pub name: Option<String>,
    /// Where it applies: a byte range of the file (for a Word draft, of its
    /// text); empty for a `copydesk-enable`.
    pub scope: Range<usize>,
}

/// A suppression comment, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Which directive; `None` for a comment that begins `copydesk-` but
    /// names no directive copydesk knows (reported, see `flaw`).
    pub form: Option<Form>,
    /// The keyword as written (`copydesk-disable-next-line`).
    pub keyword: String,
    /// The directive as written, inside the comment markers, trimmed.
    pub text: String,
    /// The comment's own span in the file (a Word comment: the text it is
    /// anchored on).
    pub span: Range<usize>,
    /// The names it lists, each with its range (one target of every check
    /// when it lists none).
    pub targets: Vec<Target>,
    /// What follows `--`, when anything does.
    pub reason: Option<String>,
    /// Why the directive is wrong whatever the findings (an unknown
    /// keyword, a `copydesk-enable` that ends nothing): always reported.
    pub flaw: Option<String>,
}

/// The suppression directives of `source`, in file order: HTML comments in
/// Markdown, HTML and the HTML strings of a CMS export, a Word draft's
/// comments. Nothing for plain text, or a CMS export its reader refuses.
pub fn directives(source: &SourceFile) -> Vec<Directive> {
    if source.kind == SourceKind::WordDraft {
        return word_directives(source);
    }
    let text = &source.text;
    if memchr::memmem::find(text.as_bytes(), PREFIX.as_bytes()).is_none() {
        return Vec::new();
    }
    match Format::of(Path::new(source.reader_name())) {
        Format::Markdown => {
            let code = crate::read::markdown::code_ranges(text);
            in_markup(text, None, &code)
        }
        Format::Html => in_markup(text, None, &[]),
        Format::Cms => {
            let Ok(strings) = crate::read::cms::html_strings(text) else {
                return Vec::new();
            };
            strings
                .into_iter()
                .flat_map(|raw| {
                    let (decoded, map) = crate::read::cms::json::decode(text, raw);
                    if decoded.contains(PREFIX) {
                        in_markup(&decoded, Some(&map), &[])
                    } else {
                        Vec::new()
                    }
                })
                .collect()
        }
        Format::Plain | Format::Docx => Vec::new(),
    }
}

/// A directive's text, split: keyword, form, names, reason.
struct Parsed<'a> {
    keyword: &'a str,
    form: Option<Form>,
    names: Vec<&'a str>,
    reason: Option<String>,
}

/// Read the inside of a comment that begins with [`PREFIX`].
fn parse(body: &str) -> Parsed<'_> {
    let body = body.trim();
    let (keyword, rest) = body
        .split_once(char::is_whitespace)
        .map_or((body, ""), |(k, r)| (k, r.trim_start()));
    let form = KEYWORDS
        .iter()
        .find(|(k, _)| *k == keyword)
        .map(|&(_, f)| f);
    // The reason begins at a `--` that begins a word.
    let cut = rest
        .match_indices("--")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || rest[..i].ends_with(char::is_whitespace) || rest[..i].ends_with(','));
    let (names, reason) = match cut {
        Some(i) => {
            let r = rest[i + 2..].trim();
            (&rest[..i], (!r.is_empty()).then(|| r.to_string()))
        }
        None => (rest, None),
    };
    let names = names
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|n| !n.is_empty())
        .collect();
    Parsed {
        keyword,
        form,
        names,
        reason,
    }
}

/// The flaw of a keyword copydesk does not know, with a guess.
fn unknown_keyword(keyword: &str) -> String {
    let known: Vec<&str> = KEYWORDS.iter().map(|(k, _)| *k).collect();
    // `copydesk-disable-line` (as other linters spell it) means a line:
    // a keyword ending as a known one does is that one, else the nearest.
    let last = |k: &str| k.rsplit('-').next().unwrap_or_default().to_string();
    let same_end = known
        .iter()
        .copied()
        .find(|k| k.contains("disable") == keyword.contains("disable") && last(k) == last(keyword));
    match same_end.or_else(|| apply::closest(keyword, known.iter().copied())) {
        Some(k) => format!("`{keyword}` is no copydesk directive; did you mean `{k}`?"),
        None => format!(
            "`{keyword}` is no copydesk directive (they are {})",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Every `<!-- … -->` of `m`: (the whole comment, its inside). A comment
/// never closed runs to the end, as HTML reads it.
fn comments(m: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = m[at..].find("<!--") {
        let start = at + k;
        let inner = start + 4;
        let (inner_end, end) = m[inner..]
            .find("-->")
            .map_or((m.len(), m.len()), |e| (inner + e, inner + e + 3));
        out.push((start..end, inner..inner_end));
        at = end.max(inner);
    }
    out
}

/// Whether `m[range]` holds nothing but white space and the comments of
/// `skip`.
fn blank(m: &str, range: Range<usize>, skip: &[Range<usize>]) -> bool {
    m[range.clone()].char_indices().all(|(i, c)| {
        let at = range.start + i;
        c.is_whitespace() || skip.iter().any(|s| s.contains(&at))
    })
}

/// The range a `copydesk-disable-next-line` ending at `from` applies to:
/// the rest of its line when text follows it there, else the next line
/// that is not blank (directive comments `skip` count as blank); an empty
/// range at the end when there is none.
fn next_line(m: &str, from: usize, skip: &[Range<usize>]) -> Range<usize> {
    let line_end = |i: usize| m[i..].find('\n').map_or(m.len(), |k| i + k);
    let mut start = from;
    loop {
        let end = line_end(start);
        if !blank(m, start..end, skip) {
            return start..end;
        }
        if end >= m.len() {
            return m.len()..m.len();
        }
        start = end + 1;
    }
}

/// The directives of the markup `m` (a file, or a CMS string decoded),
/// whose offsets `map` takes to the file's (`None`: they are the file's);
/// comments beginning inside `code` are not read.
fn in_markup(m: &str, map: Option<&ByteMap>, code: &[Range<usize>]) -> Vec<Directive> {
    let to_file = |r: Range<usize>| map.map_or_else(|| r.clone(), |map| map.span(&r));
    let found: Vec<(Range<usize>, Range<usize>)> = comments(m)
        .into_iter()
        .filter(|(whole, inner)| {
            m[inner.clone()].trim_start().starts_with(PREFIX)
                && !code.iter().any(|c| c.contains(&whole.start))
        })
        .collect();
    let skip: Vec<Range<usize>> = found.iter().map(|(w, _)| w.clone()).collect();
    let mut out: Vec<Directive> = Vec::new();
    // Open `disable` names: (directive, target, where its range begins in `m`).
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for (whole, inner) in &found {
        let text = m[inner.clone()].trim();
        let p = parse(text);
        let mut d = Directive {
            form: p.form,
            keyword: p.keyword.to_string(),
            text: text.to_string(),
            span: to_file(whole.clone()),
            targets: Vec::new(),
            reason: p.reason,
            flaw: None,
        };
        let names: Vec<Option<String>> = if p.names.is_empty() {
            vec![None]
        } else {
            p.names.iter().map(|n| Some(n.to_string())).collect()
        };
        let scoped = |scope: Range<usize>| -> Vec<Target> {
            names
                .iter()
                .map(|name| Target {
                    name: name.clone(),
                    scope: scope.clone(),
                })
                .collect()
        };
        match p.form {
            None => d.flaw = Some(unknown_keyword(p.keyword)),
            Some(Form::NextLine) => d.targets = scoped(to_file(next_line(m, whole.end, &skip))),
            Some(Form::File) => d.targets = scoped(0..usize::MAX),
            Some(Form::Disable) => {
                d.targets = scoped(0..0);
                for t in 0..d.targets.len() {
                    open.push((out.len(), t, whole.end));
                }
            }
            Some(Form::Enable) => {
                let mut closed_any = vec![false; names.len()];
                open.retain(|&(di, ti, begin)| {
                    let target = &mut out[di].targets[ti];
                    let hit = names.iter().position(|n| match (n, &target.name) {
                        (None, _) => true,
                        (Some(n), Some(t)) => n == t,
                        (Some(_), None) => false,
                    });
                    match hit {
                        Some(i) => {
                            closed_any[i] = true;
                            target.scope = to_file(begin..whole.start);
                            false
                        }
                        None => true,
                    }
                });
                let idle: Vec<String> = names
                    .iter()
                    .zip(&closed_any)
                    .filter(|(_, closed)| !**closed)
                    .map(|(n, _)| n.as_ref().map_or(String::new(), |n| format!(" `{n}`")))
                    .collect();
                if !idle.is_empty() {
                    d.flaw = Some(format!(
                        "`copydesk-enable` ends no open `copydesk-disable`{}",
                        if idle.iter().all(String::is_empty) {
                            String::new()
                        } else {
                            format!(" of{}", idle.join(","))
                        }
                    ));
                }
                d.targets = scoped(0..0);
            }
        }
        out.push(d);
    }
    for (di, ti, begin) in open {
        out[di].targets[ti].scope = to_file(begin..m.len());
    }
    out
}

/// The directives of a Word draft's comments.
fn word_directives(source: &SourceFile) -> Vec<Directive> {
    let text = &source.text;
    let paragraph = |at: usize| {
        let lines = source.lines();
        lines.line_range(text, lines.line_of(at.min(text.len())))
    };
    let mut out = Vec::new();
    for c in &source.comments {
        let body = c.text.trim();
        if !body.starts_with(PREFIX) {
            continue;
        }
        let p = parse(body);
        let anchored = if c.range.is_empty() {
            paragraph(c.range.start)
        } else {
            c.range.clone()
        };
        let names: Vec<Option<String>> = if p.names.is_empty() {
            vec![None]
        } else {
            p.names.iter().map(|n| Some(n.to_string())).collect()
        };
        let scope = match p.form {
            Some(Form::Disable) => Some(anchored.clone()),
            Some(Form::NextLine) => Some(next_line(text, anchored.end, &[])),
            Some(Form::File) => Some(0..usize::MAX),
            Some(Form::Enable) | None => None,
        };
        let flaw = match p.form {
            None => Some(unknown_keyword(p.keyword)),
            Some(Form::Enable) => Some(
                "`copydesk-enable` is not needed in a Word comment: the comment's \
                 `copydesk-disable` ends where the commented text does"
                    .to_string(),
            ),
            _ => None,
        };
        out.push(Directive {
            form: p.form,
            keyword: p.keyword.to_string(),
            text: body.to_string(),
            span: anchored,
            targets: names
                .into_iter()
                .map(|name| Target {
                    name,
                    scope: scope.clone().unwrap_or(0..0),
                })
                .collect(),
            reason: p.reason,
            flaw,
        });
    }
    out.sort_by_key(|d| (d.span.start, d.span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::DraftComment;

    fn md(text: &str) -> Vec<Directive> {
        directives(&SourceFile::new("a.md", text))
    }

    fn scope_text<'a>(text: &'a str, d: &Directive) -> &'a str {
        let s = &d.targets[0].scope;
        &text[s.start..s.end.min(text.len())]
    }

    #[test]
    fn names_and_reason_are_read() {
        let p = parse(
            " copydesk-disable-next-line entity-near-miss, term wang-yi -- the house spelling -- really ",
        );
        assert_eq!(p.keyword, "copydesk-disable-next-line");
        assert_eq!(p.form, Some(Form::NextLine));
        assert_eq!(p.names, ["entity-near-miss", "term", "wang-yi"]);
        assert_eq!(p.reason.as_deref(), Some("the house spelling -- really"));
        let p = parse("copydesk-disable-file");
        assert_eq!(
            (p.form, p.names.len(), p.reason),
            (Some(Form::File), 0, None)
        );
        let p = parse("copydesk-disable -- why");
        assert!(p.names.is_empty());
        assert_eq!(p.reason.as_deref(), Some("why"));
        // A hyphenated name is never a reason.
        let p = parse("copydesk-enable quote-word");
        assert_eq!(p.names, ["quote-word"]);
        assert_eq!(parse("copydesk-disable-line x").form, None);
    }

    #[test]
    fn next_line_is_the_next_line_with_text() {
        let text = "One.\n<!-- copydesk-disable-next-line term -->\n\n<!-- copydesk-disable-next-line entity -->\nTwo Wang Li.\nThree.";
        let ds = md(text);
        assert_eq!(ds.len(), 2);
        assert_eq!(scope_text(text, &ds[0]), "Two Wang Li.");
        assert_eq!(scope_text(text, &ds[1]), "Two Wang Li.");
        assert_eq!(
            &text[ds[0].span.clone()],
            "<!-- copydesk-disable-next-line term -->"
        );
        // Text after the comment on its own line is its line.
        let text = "<p>a</p><!-- copydesk-disable-next-line --><p>Wang Li</p>\n<p>b</p>";
        let ds = directives(&SourceFile::new("a.html", text));
        assert_eq!(scope_text(text, &ds[0]), "<p>Wang Li</p>");
        assert_eq!(ds[0].targets[0].name, None);
    }

    #[test]
    fn ranges_end_at_their_enable_or_the_end() {
        let text = "<!-- copydesk-disable quote, term -->\nA\n<!-- copydesk-enable term -->\nB\n";
        let ds = md(text);
        assert_eq!(ds.len(), 2);
        let t = &ds[0].targets;
        assert_eq!(t[0].name.as_deref(), Some("quote"));
        assert_eq!(
            &text[t[0].scope.clone()],
            "\nA\n<!-- copydesk-enable term -->\nB\n"
        );
        assert_eq!(&text[t[1].scope.clone()], "\nA\n");
        assert_eq!(ds[1].flaw, None);
        // An enable that ends nothing is a flaw; a bare disable ends only
        // at a bare enable.
        let text =
            "<!-- copydesk-disable -->x<!-- copydesk-enable term -->y<!-- copydesk-enable -->z";
        let ds = md(text);
        assert!(
            ds[1].flaw.as_deref().unwrap().contains("`term`"),
            "{:?}",
            ds[1].flaw
        );
        assert_eq!(
            &text[ds[0].targets[0].scope.clone()],
            "x<!-- copydesk-enable term -->y"
        );
        assert_eq!(ds[2].flaw, None);
    }

    #[test]
    fn unknown_keywords_and_code_blocks() {
        let text = "<!-- copydesk-disable-line term -->\n\n```\n<!-- copydesk-disable -->\n```\n\n`<!-- copydesk-disable -->` and <!-- not ours -->\n";
        let ds = md(text);
        assert_eq!(ds.len(), 1, "{ds:?}");
        let flaw = ds[0].flaw.as_deref().unwrap();
        assert!(
            flaw.contains("did you mean `copydesk-disable-next-line`"),
            "{flaw}"
        );
        assert!(md("plain text, no comments").is_empty());
        assert!(directives(&SourceFile::new("a.txt", "<!-- copydesk-disable -->")).is_empty());
    }

    #[test]
    fn cms_strings_map_back_to_the_json() {
        let json = r#"{"title":{"rendered":"T"},"content":{"rendered":"<p>One.</p>\n<!-- copydesk-disable-next-line entity-near-miss -- house \"style\" -->\n<p>Wang Li said.</p>"}}"#;
        let ds = directives(&SourceFile::new("post.json", json));
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(
            &json[ds[0].span.clone()],
            r#"<!-- copydesk-disable-next-line entity-near-miss -- house \"style\" -->"#
        );
        assert_eq!(ds[0].reason.as_deref(), Some("house \"style\""));
        assert_eq!(scope_text(json, &ds[0]), "<p>Wang Li said.</p>");
    }

    #[test]
    fn word_comments_apply_to_their_range() {
        let text = "First paragraph.\nSecond Wang Li here.\nThird.";
        let at = text.find("Wang").unwrap();
        let src = SourceFile::new("d.docx", text)
            .with_kind(SourceKind::WordDraft)
            .with_comments(vec![
                DraftComment {
                    text: "copydesk-disable entity-near-miss -- house".into(),
                    range: at..at + 7,
                },
                DraftComment {
                    text: "copydesk-disable-next-line".into(),
                    range: 3..3,
                },
                DraftComment {
                    text: "copydesk-enable".into(),
                    range: 0..1,
                },
            ]);
        let ds = directives(&src);
        assert_eq!(ds.len(), 3);
        assert!(ds[0].flaw.is_some(), "an enable in Word is needless");
        // A comment on no text covers its paragraph; next-line the one after.
        assert_eq!(&text[ds[1].span.clone()], "First paragraph.");
        assert_eq!(scope_text(text, &ds[1]), "Second Wang Li here.");
        assert_eq!(scope_text(text, &ds[2]), "Wang Li");
        assert_eq!(ds[2].reason.as_deref(), Some("house"));
    }
}
