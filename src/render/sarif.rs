//! SARIF 2.1.0, as GitHub code scanning reads it (`github/codeql-action/
//! upload-sarif`): one run, whose `tool.driver` lists a rule per check that
//! appears (its `copydesk explain` text as `help`), and a result per finding.
//!
//! - `ruleId` is the check's code; the id of the rule file's rule that
//!   declares the fact is `properties.rule`, the rule kind
//!   `properties.kind`.
//! - Regions: `startLine`/`startColumn`/`endLine`/`endColumn` are 1-based
//!   and columns count UTF-16 code units (`run.columnKind` is
//!   `utf16CodeUnits`, SARIF's default); `endColumn` is the column after the
//!   last character. `byteOffset`/`byteLength` give the byte span in the
//!   file on disk, except in a Word draft, whose lines are its paragraphs
//!   and whose bytes are a zip.
//! - `uri` is the path as given, with forward slashes, percent-encoded,
//!   without a leading `./`; an absolute path is a `file://` URI.
//! - `relatedLocations`: the rule's declaration, other versions (`compare`).
//! - `partialFingerprints."copydeskFinding/v1"`: see [`super::fingerprint`]
//!   (never the line number).
//! - `fixes`: the finding's suggestion (replace `deletedRegion` with
//!   `insertedContent`), with `properties.applicability` `safe` or `unsafe`.
//! - Problems are `invocations[0].toolExecutionNotifications` (descriptor
//!   id `rules`, `config`, `manifest` or `input`), and make
//!   `executionSuccessful` false.
//!
//! Results are written as they come, one a line; the tool (whose rules are
//! known only at the end) and the invocation follow them in the same run
//! object. The same run gives the same bytes.

use super::Sources;
use super::fingerprint::Fingerprints;
use super::position::{ColumnUnit, Cursor, Place, place};
use crate::codes::Check;
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Summary};
use crate::problem::{Problem, ProblemKind};
use crate::source::SourceFile;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::ops::Range;

/// The schema the document names.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of the fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "copydeskFinding/v1";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    /// First, so that an appended group's checks can be read back cheaply.
    rule_id: &'static str,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    rule: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn of(s: impl Into<String>) -> Self {
        Text { text: s.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Text,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: InsertedContent<'a>,
}

#[derive(Serialize)]
struct InsertedContent<'a> {
    text: &'a str,
}

/// `path` as a URI reference: forward slashes, no leading `./`, every
/// byte outside the unreserved set and `/` percent-encoded (a `:` too, so
/// that a relative path never reads as a scheme); an absolute path becomes
/// a `file://` URI; a URL stays as it is.
pub fn artifact_uri(path: &str) -> String {
    if crate::fetch::is_url_str(path) {
        return path.to_string();
    }
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/').to_string();
    }
    let drive = p.len() >= 3 && p.as_bytes()[0].is_ascii_alphabetic() && p[1..].starts_with(":/");
    let (prefix, rest) = if drive {
        ("file:///", &p[..])
    } else if p.starts_with('/') {
        ("file://", &p[..])
    } else {
        ("", &p[..])
    };
    let mut out = String::from(prefix);
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1 && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The region of `span`: lines and UTF-16 columns when the text is at
/// hand, the byte span unless the text is extracted from the file.
fn region(
    src: Option<&SourceFile>,
    start: Option<Place>,
    end: Option<Place>,
    span: &Range<usize>,
) -> Region {
    let bytes = !src.is_some_and(SourceFile::is_extracted);
    Region {
        start_line: start.map(|p| p.line),
        start_column: start.map(|p| p.column),
        end_line: end.map(|p| p.line),
        end_column: end.map(|p| p.column),
        byte_offset: bytes.then_some(span.start),
        byte_length: bytes.then(|| span.end.saturating_sub(span.start)),
    }
}

/// The region of `span` in `src`, asked once.
fn region_once(src: Option<&SourceFile>, span: &Range<usize>) -> Region {
    let start = src.map(|s| place(s, span.start, ColumnUnit::Utf16));
    let end = src.map(|s| place(s, span.end, ColumnUnit::Utf16));
    region(src, start, end, span)
}

fn physical(path: &str, region: Region) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: artifact_uri(path),
        },
        region: Some(region),
    }
}

fn related(i: usize, r: &RelatedSpan, sources: &Sources) -> Location {
    Location {
        id: Some(i),
        physical_location: physical(&r.path, region_once(sources.get(&r.path), &r.span)),
        message: Some(Text::of(r.message.clone())),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    descriptor: DescriptorReference,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<NotificationLocation>,
}

#[derive(Serialize)]
struct DescriptorReference {
    id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'static str>,
    short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RuleProperties>,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    kind: &'static str,
    tags: [&'static str; 2],
}

/// The "What it does" paragraph of an explain text, on one line.
fn what_it_does(explain: &str) -> String {
    let body = explain
        .split("## What it does")
        .nth(1)
        .unwrap_or(explain)
        .split("\n## ")
        .next()
        .unwrap_or_default();
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of `s`, and the next ones while that is shorter than
/// 30 bytes (`compare` checks begin with "`copydesk compare` only.").
fn first_sentence(s: &str) -> String {
    let mut end = 0;
    while end < 30 {
        match s[end..].find(". ") {
            Some(i) => end += i + 2,
            None => return s.to_string(),
        }
    }
    s[..end - 1].to_string()
}

fn rule_descriptor(check: Check) -> Descriptor {
    let explain = crate::explain::explanation(check);
    let what = what_it_does(explain);
    Descriptor {
        id: check.code(),
        name: Some(check.code()),
        short_description: Text::of(first_sentence(&what)),
        full_description: Some(Text::of(what)),
        help: Some(Help {
            text: explain,
            markdown: explain,
        }),
        properties: Some(RuleProperties {
            kind: check.kind(),
            tags: ["fact-drift", check.kind()],
        }),
    }
}

fn notification_descriptor(kind: ProblemKind) -> Descriptor {
    let text = match kind {
        ProblemKind::Rules => "A rule file could not be read or has an error.",
        ProblemKind::Config => "copydesk.toml could not be read or has an error.",
        ProblemKind::Manifest => "A version manifest could not be read or has an error.",
        ProblemKind::Input => "An article could not be read or checked.",
        ProblemKind::Baseline => "A baseline file could not be read or written.",
    };
    Descriptor {
        id: kind.as_str(),
        name: None,
        short_description: Text::of(text),
        full_description: None,
        help: None,
        properties: None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notifications: Vec<Descriptor>,
}

/// Where copydesk's documentation lives, when the package says.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty())
}

/// The check a result line of ours is about (its `ruleId` comes first).
fn rule_id_of(line: &[u8]) -> Option<&str> {
    let s = std::str::from_utf8(line).ok()?.trim_start();
    let rest = s.strip_prefix("{\"ruleId\":\"")?;
    rest.split('"').next()
}

/// The document, written as it goes: results first, then the tool and the
/// invocation.
#[derive(Default)]
pub struct SarifEmitter {
    written: usize,
    checks: BTreeSet<&'static str>,
    /// Notifications so far, each serialised while its text was at hand.
    notifications: Vec<Vec<u8>>,
    notification_kinds: BTreeSet<&'static str>,
    fingerprints: Fingerprints,
}

impl SarifEmitter {
    fn result<'a>(
        &mut self,
        f: &'a Finding,
        src: Option<&SourceFile>,
        start: Option<Place>,
        end: Option<Place>,
        sources: &Sources,
    ) -> SarifResult<'a> {
        let extracted = src.is_some_and(SourceFile::is_extracted);
        let fixes = f
            .suggestion
            .iter()
            .filter(|_| !extracted)
            .map(|s| Fix {
                description: Text::of(
                    f.help
                        .clone()
                        .unwrap_or_else(|| format!("write “{}”", s.replacement)),
                ),
                artifact_changes: [ArtifactChange {
                    artifact_location: ArtifactLocation {
                        uri: artifact_uri(&f.path),
                    },
                    replacements: [Replacement {
                        deleted_region: region_once(src, &s.span),
                        inserted_content: InsertedContent {
                            text: &s.replacement,
                        },
                    }],
                }],
                properties: FixProperties {
                    applicability: s.applicability,
                },
            })
            .collect();
        SarifResult {
            rule_id: f.check.code(),
            level: level(f.severity),
            message: Text::of(super::message_with_help(&f.message, f.help.as_deref())),
            locations: [Location {
                id: None,
                physical_location: physical(&f.path, region(src, start, end, &f.span)),
                message: (!f.label.is_empty()).then(|| Text::of(f.label.clone())),
            }],
            related_locations: f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| related(i, r, sources))
                .collect(),
            partial_fingerprints: BTreeMap::from([(
                FINGERPRINT_KEY,
                self.fingerprints.next(f, src, false),
            )]),
            fixes,
            properties: ResultProperties {
                rule: &f.rule,
                kind: f.check.kind(),
            },
        }
    }
}

fn to_json<T: Serialize>(buf: &mut Vec<u8>, value: &T) -> io::Result<()> {
    serde_json::to_writer(buf, value).map_err(io::Error::other)
}

impl super::Emitter for SarifEmitter {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        write!(
            w,
            "{{\"$schema\": \"{SCHEMA}\", \"version\": \"2.1.0\", \"runs\": [{{\"columnKind\": \"utf16CodeUnits\", \"results\": ["
        )
    }

    fn emit(
        &mut self,
        w: &mut dyn Write,
        findings: &[Finding],
        sources: &Sources,
    ) -> io::Result<()> {
        let mut buf = Vec::new();
        for group in findings.chunk_by(|a, b| a.path == b.path) {
            let src = sources.get(&group[0].path);
            let mut starts = src.map(|s| Cursor::new(s, ColumnUnit::Utf16));
            let mut ends = src.map(|s| Cursor::new(s, ColumnUnit::Utf16));
            for f in group {
                let start = starts.as_mut().map(|c| c.place(f.span.start));
                let end = ends.as_mut().map(|c| c.place(f.span.end));
                let result = self.result(f, src, start, end, sources);
                buf.extend_from_slice(if self.written == 0 {
                    b"\n    "
                } else {
                    b",\n    "
                });
                to_json(&mut buf, &result)?;
                self.written += 1;
                self.checks.insert(f.check.code());
            }
        }
        w.write_all(&buf)
    }

    /// A fresh emitter's results begin "\n    {"; after earlier results
    /// they need a comma. Their checks are read back from the lines.
    fn append(&mut self, w: &mut dyn Write, rendered: &[u8], findings: usize) -> io::Result<()> {
        if findings > 0 && self.written > 0 {
            w.write_all(b",")?;
        }
        for line in rendered.split(|&b| b == b'\n') {
            if let Some(check) = rule_id_of(line).and_then(Check::from_code) {
                self.checks.insert(check.code());
            }
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
            let locations = vec![NotificationLocation {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: artifact_uri(&p.path),
                    },
                    region: p
                        .span
                        .as_ref()
                        .map(|span| region_once(sources.get(&p.path), span)),
                },
            }];
            let n = Notification {
                level: "error",
                message: Text::of(super::message_with_help(&p.message, p.help.as_deref())),
                descriptor: DescriptorReference {
                    id: p.kind.as_str(),
                },
                locations,
            };
            let mut buf = Vec::new();
            to_json(&mut buf, &n)?;
            self.notifications.push(buf);
            self.notification_kinds.insert(p.kind.as_str());
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            write!(w, "\n  ")?;
        }
        let kinds = [
            ProblemKind::Rules,
            ProblemKind::Config,
            ProblemKind::Manifest,
            ProblemKind::Input,
        ];
        let tool = Tool {
            driver: Driver {
                name: "copydesk",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                information_uri: information_uri(),
                rules: self
                    .checks
                    .iter()
                    .filter_map(|c| Check::from_code(c))
                    .map(rule_descriptor)
                    .collect(),
                notifications: kinds
                    .into_iter()
                    .filter(|k| self.notification_kinds.contains(k.as_str()))
                    .map(notification_descriptor)
                    .collect(),
            },
        };
        let mut buf = Vec::new();
        buf.extend_from_slice(b"], \"tool\": ");
        to_json(&mut buf, &tool)?;
        write!(
            buf,
            ", \"invocations\": [{{\"executionSuccessful\": {}, \"toolExecutionNotifications\": [",
            self.notifications.is_empty()
        )?;
        for (i, n) in self.notifications.iter().enumerate() {
            buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            buf.extend_from_slice(n);
        }
        if !self.notifications.is_empty() {
            buf.extend_from_slice(b"\n  ");
        }
        buf.extend_from_slice(b"]}]}]}\n");
        w.write_all(&buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            artifact_uri("fixtures/a b/taipei.txt"),
            "fixtures/a%20b/taipei.txt"
        );
        assert_eq!(artifact_uri("./rules/x.toml"), "rules/x.toml");
        assert_eq!(artifact_uri(r"dir\sub\é.txt"), "dir/sub/%C3%A9.txt");
        assert_eq!(artifact_uri("/tmp/a:b.txt"), "file:///tmp/a%3Ab.txt");
        assert_eq!(artifact_uri(r"C:\news\a.txt"), "file:///C:/news/a.txt");
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(
            artifact_uri("https://example.com/a?b=1"),
            "https://example.com/a?b=1"
        );
    }

    #[test]
    fn what_it_does_is_read_from_the_explain_text() {
        let what = what_it_does(
            "## What it does\nFinds a person's name\nwritten wrong. Always.\n\n## Why is this bad?\nx",
        );
        assert_eq!(what, "Finds a person's name written wrong. Always.");
        assert_eq!(
            first_sentence(&what),
            "Finds a person's name written wrong."
        );
        assert_eq!(
            first_sentence("`copydesk compare` only. Compares numbers. Then more."),
            "`copydesk compare` only. Compares numbers."
        );
    }

    #[test]
    fn a_result_line_names_its_check_first() {
        assert_eq!(
            rule_id_of(b"    {\"ruleId\":\"entity-variant\",\"level\":\"error\"},"),
            Some("entity-variant")
        );
        assert_eq!(rule_id_of(b""), None);
    }
}
