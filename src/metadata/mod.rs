//! Version metadata: which outlet published a version, when, in which locale.
//!
//! Sources, strongest first: the command line (`--published`, `--outlet`,
//! `--locale`, for every file of the run), front matter at the top of the
//! file (TOML between `+++` lines or flat `key: value` lines between `---`
//! lines), a manifest (`copydesk.versions.toml` beside the files, or
//! `--manifest PATH`), and, for the publication date only, a CMS stamp in the
//! text ("PUBLISHED : Monday, 30 October, 2017, 4:24pm", "date 2017-05-27").
//! Front matter is not article text: engines skip it, but every span stays a
//! byte offset into the whole file.

use crate::rules::RuleError;
use crate::text::relative_dates::{find_weekday_dates, parse_month};
use crate::values::{normalize_locale, parse_date};
use jiff::civil::Date;
use regex::Regex;
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use toml::Spanned;

/// The file name of a manifest found beside the files it describes.
pub const MANIFEST_FILE: &str = "copydesk.versions.toml";

/// Where the publication date came from (for messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Provenance {
    /// `--published`.
    CommandLine,
    /// The file's front matter.
    FrontMatter,
    /// A manifest entry.
    Manifest,
    /// A CMS stamp in the text.
    Stamp,
    /// Nowhere.
    #[default]
    Unknown,
}

impl Provenance {
    /// How a message names the source.
    pub fn describe(self) -> &'static str {
        match self {
            Provenance::CommandLine => "--published",
            Provenance::FrontMatter => "front matter",
            Provenance::Manifest => "manifest",
            Provenance::Stamp => "CMS stamp",
            Provenance::Unknown => "unknown",
        }
    }
}

/// What is known about one version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Outlet slug ("scmp").
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Where `published` came from.
    pub published_from: Provenance,
    /// Locale, normalised ("en-GB").
    pub locale: Option<String>,
}

impl Metadata {
    /// Every field of `self` that is set, the rest from `under`.
    pub fn over(&self, under: &Metadata) -> Metadata {
        let (published, published_from) = match self.published {
            Some(d) => (Some(d), self.published_from),
            None => (under.published, under.published_from),
        };
        Metadata {
            outlet: self.outlet.clone().or_else(|| under.outlet.clone()),
            published,
            published_from,
            locale: self.locale.clone().or_else(|| under.locale.clone()),
        }
    }

    /// Metadata from command-line values; errors name the bad value.
    pub fn from_command_line(
        outlet: Option<&str>,
        published: Option<&str>,
        locale: Option<&str>,
    ) -> Result<Metadata, String> {
        let mut m = Metadata {
            outlet: outlet
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty()),
            ..Metadata::default()
        };
        if let Some(p) = published {
            m.published = Some(parse_date(p).map_err(|e| format!("--published: {e}"))?);
            m.published_from = Provenance::CommandLine;
        }
        if let Some(l) = locale {
            m.locale = Some(normalize_locale(l).map_err(|e| format!("--locale: {e}"))?);
        }
        Ok(m)
    }
}

/// Front matter at the top of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// What it says (provenance `FrontMatter`).
    pub metadata: Metadata,
    /// Byte offset where the article text begins (after the closing line).
    pub end: usize,
    /// Values that could not be read.
    pub errors: Vec<String>,
}

/// The front matter of `text`, if it opens with a `+++` or `---` line that
/// is closed by the same line later.
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let first_end = body.find('\n')?;
    let fence = body[..first_end].trim_end_matches('\r');
    if fence != "+++" && fence != "---" {
        return None;
    }
    let inner_start = first_end + 1;
    let mut at = inner_start;
    let (inner, end) = loop {
        let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
        if body[at..line_end].trim_end_matches('\r') == fence {
            let end = (line_end + 1).min(body.len());
            break (&body[inner_start..at], end);
        }
        if line_end >= body.len() {
            return None;
        }
        at = line_end + 1;
    };
    let mut fm = FrontMatter {
        end: bom + end,
        ..FrontMatter::default()
    };
    let set = |key: &str, value: &str, fm: &mut FrontMatter| match key {
        "outlet" => fm.metadata.outlet = Some(value.to_string()),
        "published" | "date" => match parse_date(value) {
            Ok(d) => {
                fm.metadata.published = Some(d);
                fm.metadata.published_from = Provenance::FrontMatter;
            }
            Err(e) => fm.errors.push(format!("front matter `{key}`: {e}")),
        },
        "locale" | "lang" | "language" => match normalize_locale(value) {
            Ok(l) => fm.metadata.locale = Some(l),
            Err(e) => fm.errors.push(format!("front matter `{key}`: {e}")),
        },
        _ => {}
    };
    if fence == "+++" {
        match inner.parse::<toml::Table>() {
            Ok(table) => {
                for (key, value) in &table {
                    let text = match value {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Datetime(d) => d.to_string(),
                        _ => continue,
                    };
                    set(key.as_str(), &text, &mut fm);
                }
            }
            Err(e) => fm.errors.push(format!(
                "front matter is not valid TOML: {}",
                e.message().trim()
            )),
        }
    } else {
        for line in inner.lines() {
            if let Some((key, value)) = line.split_once(':') {
                let value = value.trim().trim_matches(['"', '\'']);
                set(key.trim(), value, &mut fm);
            }
        }
    }
    Some(fm)
}

/// A CMS publication stamp in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Byte span of the stamp ("PUBLISHED : Monday, 20 November, 2017").
    pub span: Range<usize>,
    /// The date it gives.
    pub date: Date,
}

/// A stamp's keyword, in ASCII letters of either case.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:published|posted|date)\b[ \t]*:?[ \t]*")
        .expect("stamp pattern is valid")
});

/// Whether a text whose lowercase normalised view is `lower_view` may hold
/// a stamp: its keyword, ASCII letters, is in the view in lowercase.
/// Looking for three lowercase words costs far less than the
/// case-insensitive search, and most texts hold none of them.
pub fn may_hold_stamp(lower_view: &str) -> bool {
    // Teddy (SIMD) when the machine has it, else three `memmem` scans.
    static KEYWORDS: LazyLock<Option<aho_corasick::packed::Searcher>> =
        LazyLock::new(|| aho_corasick::packed::Searcher::new(["date", "posted", "published"]));
    match KEYWORDS.as_ref() {
        Some(teddy) => teddy.find(lower_view).is_some(),
        None => ["date", "posted", "published"]
            .iter()
            .any(|k| memchr::memmem::find(lower_view.as_bytes(), k.as_bytes()).is_some()),
    }
}

static ISO_OR_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{4})-(\d{2})-(\d{2})(?-u:\b)|(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})(?-u:\b))")
        .expect("stamp date pattern is valid")
});

/// CMS stamps in `text` from byte `from` on.
pub fn find_stamps(text: &str, from: usize) -> Vec<Stamp> {
    let mut out = Vec::new();
    let Some(hay) = text.get(from..) else {
        return out;
    };
    for m in STAMP.find_iter(hay) {
        let rest = &hay[m.end()..];
        let start = from + m.start();
        if let Some(wd) = find_weekday_dates(rest).into_iter().next()
            && wd.span.start == 0
            && let Some(date) = wd.date
        {
            out.push(Stamp {
                span: start..from + m.end() + wd.span.end,
                date,
            });
            continue;
        }
        if let Some(c) = ISO_OR_LONG.captures(rest) {
            let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<i16>().ok());
            let date = if let (Some(y), Some(mo), Some(d)) = (num(1), num(2), num(3)) {
                Date::new(y, mo as i8, d as i8).ok()
            } else {
                let month = c.get(5).and_then(|g| parse_month(g.as_str()));
                match (num(6), month, num(4)) {
                    (Some(y), Some(mo), Some(d)) => Date::new(y, mo, d as i8).ok(),
                    _ => None,
                }
            };
            if let (Some(date), Some(whole)) = (date, c.get(0)) {
                out.push(Stamp {
                    span: start..from + m.end() + whole.end(),
                    date,
                });
            }
        }
    }
    out
}

/// A manifest: the versions of a piece with their metadata.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// The manifest file, as read (for diagnostics).
    pub path: PathBuf,
    entries: Vec<(PathBuf, Metadata)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestSchema {
    #[serde(default)]
    version: Vec<VersionSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionSchema {
    file: Spanned<String>,
    outlet: Option<Spanned<String>>,
    published: Option<Spanned<String>>,
    locale: Option<Spanned<String>>,
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl Manifest {
    /// Parse manifest `text` read from `path`; entries name files relative
    /// to the manifest's folder. Every bad value is an error with its span.
    pub fn parse(path: &Path, text: &str) -> (Manifest, Vec<RuleError>) {
        let shown = path.display().to_string();
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut manifest = Manifest {
            path: path.to_path_buf(),
            entries: Vec::new(),
        };
        let mut errors = Vec::new();
        let schema = match toml::from_str::<ManifestSchema>(text) {
            Ok(s) => s,
            Err(e) => {
                errors.push(RuleError::at(
                    &shown,
                    e.span().unwrap_or(0..0),
                    e.message().trim(),
                    "here",
                ));
                return (manifest, errors);
            }
        };
        for v in schema.version {
            let mut m = Metadata {
                outlet: v.outlet.map(|o| o.into_inner()),
                ..Metadata::default()
            };
            if let Some(p) = &v.published {
                match parse_date(p.get_ref()) {
                    Ok(d) => {
                        m.published = Some(d);
                        m.published_from = Provenance::Manifest;
                    }
                    Err(e) => errors.push(RuleError::at(&shown, p.span(), e, "not a date")),
                }
            }
            if let Some(l) = &v.locale {
                match normalize_locale(l.get_ref()) {
                    Ok(l) => m.locale = Some(l),
                    Err(e) => errors.push(RuleError::at(&shown, l.span(), e, "not a locale")),
                }
            }
            if v.file.get_ref().trim().is_empty() {
                errors.push(RuleError::at(
                    &shown,
                    v.file.span(),
                    "empty file name",
                    "this is empty",
                ));
                continue;
            }
            manifest
                .entries
                .push((canonical(&dir.join(v.file.get_ref().trim())), m));
        }
        (manifest, errors)
    }

    /// Read and parse a manifest file.
    pub fn load(path: &Path) -> (Manifest, Vec<RuleError>) {
        match std::fs::read_to_string(path) {
            Ok(text) => Manifest::parse(path, &text),
            Err(e) => (
                Manifest::default(),
                vec![RuleError::whole(
                    &path.display().to_string(),
                    format!("cannot read manifest: {e}"),
                )],
            ),
        }
    }

    /// The metadata the manifest gives `file`, if it lists it.
    pub fn lookup(&self, file: &Path) -> Option<&Metadata> {
        let file = canonical(file);
        self.entries
            .iter()
            .find(|(p, _)| *p == file)
            .map(|(_, m)| m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn toml_front_matter() {
        let text = "+++\noutlet = \"scmp\"\npublished = 2017-11-20\nlocale = \"en_us\"\n+++\nBody";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.metadata.outlet.as_deref(), Some("scmp"));
        assert_eq!(fm.metadata.published, Some(date(2017, 11, 20)));
        assert_eq!(fm.metadata.locale.as_deref(), Some("en-US"));
        assert_eq!(&text[fm.end..], "Body");
        assert!(fm.errors.is_empty());
    }

    #[test]
    fn yaml_front_matter_and_bad_values() {
        let text = "---\noutlet: taipei\npublished: \"2017-10-30\"\nlocale: english\n---\r\nBody";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.metadata.published, Some(date(2017, 10, 30)));
        assert_eq!(&text[fm.end..], "Body");
        assert_eq!(fm.errors.len(), 1, "{:?}", fm.errors);
        assert!(front_matter("---\nunclosed: yes\n").is_none());
        assert!(front_matter("Plain text").is_none());
    }

    #[test]
    fn stamps_in_text() {
        let text =
            "Title\n\nPUBLISHED : Monday, 20 November, 2017, 9:05am\n\nand date 2017-05-27 too";
        let stamps = find_stamps(text, 0);
        assert_eq!(stamps.len(), 2, "{stamps:?}");
        assert_eq!(stamps[0].date, date(2017, 11, 20));
        assert_eq!(
            &text[stamps[0].span.clone()],
            "PUBLISHED : Monday, 20 November, 2017"
        );
        assert_eq!(stamps[1].date, date(2017, 5, 27));
        assert!(find_stamps("the date of the talks", 0).is_empty());
    }

    #[test]
    fn the_view_rules_out_texts_with_no_stamp_keyword() {
        let view = |t: &str| crate::text::NormalizedText::new(t, true).text;
        assert!(may_hold_stamp(&view(
            "PUBLISHED : Monday, 20 November, 2017"
        )));
        assert!(may_hold_stamp(&view("Posted: 2017-05-27")));
        assert!(may_hold_stamp(&view("DATE\u{a0}2017-05-27")));
        assert!(!may_hold_stamp(&view("Trade rose 20 per cent last year.")));
    }

    #[test]
    fn command_line_over_front_matter_over_manifest() {
        let cli = Metadata::from_command_line(None, Some("2017-11-01"), None).unwrap();
        let manifest = Metadata {
            outlet: Some("arabnews".into()),
            locale: Some("en-GB".into()),
            published: Some(date(2017, 10, 1)),
            published_from: Provenance::Manifest,
        };
        let merged = cli.over(&manifest);
        assert_eq!(merged.published, Some(date(2017, 11, 1)));
        assert_eq!(merged.published_from, Provenance::CommandLine);
        assert_eq!(merged.outlet.as_deref(), Some("arabnews"));
        assert!(Metadata::from_command_line(None, Some("30/10/2017"), None).is_err());
    }

    #[test]
    fn manifest_errors_point_at_values() {
        let text = "[[version]]\nfile = \"a.txt\"\npublished = \"2017-13-01\"\n";
        let (m, errors) = Manifest::parse(Path::new("dir/copydesk.versions.toml"), text);
        assert_eq!(errors.len(), 1);
        let span = errors[0].span.clone().unwrap();
        assert_eq!(&text[span], "\"2017-13-01\"");
        assert!(m.lookup(Path::new("dir/a.txt")).is_some());
    }
}
