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

mod front_matter;
mod manifest;
mod stamps;

pub use front_matter::{FrontMatter, front_matter};
pub use manifest::{MANIFEST_FILE, Manifest};
pub use stamps::{Stamp, find_stamps, may_hold_stamp};

use crate::values::{normalize_locale, parse_date};
use jiff::civil::Date;

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
    /// The file's own metadata (a page's `<meta>` tags, a CMS export's fields).
    File,
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
            Provenance::File => "file's own metadata",
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

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
}
