//! Version manifests (`copydesk.versions.toml` beside the files, or
//! `--manifest PATH`): `[[version]]` tables that give each listed file its
//! outlet, publication date and locale.

use super::{Metadata, Provenance};
use crate::finding::RelatedSpan;
use crate::rules::RuleError;
use crate::values::{normalize_locale, parse_date};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name of a manifest found beside the files it describes.
pub const MANIFEST_FILE: &str = "copydesk.versions.toml";

/// A manifest: the versions of a piece with their metadata.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// The manifest file, as read (for diagnostics).
    pub path: PathBuf,
    entries: Vec<(PathBuf, Metadata)>,
    /// The entry marked `reference = true`: the version `compare` judges
    /// the others against (the syndicate's original, the wire copy).
    reference: Option<PathBuf>,
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
    reference: Option<Spanned<bool>>,
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl Manifest {
    /// Parse manifest `text` read from `path`; entries name files relative
    /// to the manifest's folder. Every bad value is an error with its span,
    /// and so are an entry naming a file that does not exist and a second
    /// entry for one file with other values (the first one is kept).
    pub fn parse(path: &Path, text: &str) -> (Manifest, Vec<RuleError>) {
        let shown = path.display().to_string();
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut manifest = Manifest {
            path: path.to_path_buf(),
            entries: Vec::new(),
            reference: None,
        };
        let mut reference_span: Option<Range<usize>> = None;
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
        // Each file's first entry and its span, to catch a second one.
        let mut seen: HashMap<PathBuf, (Range<usize>, Metadata)> = HashMap::new();
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
            let joined = dir.join(v.file.get_ref().trim());
            if std::fs::metadata(&joined).is_err() {
                errors.push(
                    RuleError::at(
                        &shown,
                        v.file.span(),
                        format!("no file `{}` beside the manifest", v.file.get_ref().trim()),
                        "no such file",
                    )
                    .with_help("entries name files relative to the manifest's folder"),
                );
                continue;
            }
            let file = canonical(&joined);
            if let Some((first_span, first)) = seen.get(&file) {
                if *first != m {
                    let mut e = RuleError::at(
                        &shown,
                        v.file.span(),
                        format!(
                            "`{}` is listed twice with different values",
                            v.file.get_ref().trim()
                        ),
                        "listed again here",
                    )
                    .with_help("give each file one `[[version]]` entry");
                    e.related.push(RelatedSpan {
                        path: shown.clone(),
                        span: first_span.clone(),
                        message: "first listed here".into(),
                    });
                    errors.push(e);
                }
                continue;
            }
            if let Some(r) = &v.reference
                && *r.get_ref()
            {
                match &reference_span {
                    Some(first) => {
                        let mut e = RuleError::at(
                            &shown,
                            r.span(),
                            "a second version is marked as the reference",
                            "second reference here",
                        )
                        .with_help("mark one version `reference = true`: the one the others are judged against");
                        e.related.push(RelatedSpan {
                            path: shown.clone(),
                            span: first.clone(),
                            message: "first reference here".into(),
                        });
                        errors.push(e);
                    }
                    None => {
                        reference_span = Some(r.span());
                        manifest.reference = Some(file.clone());
                    }
                }
            }
            seen.insert(file.clone(), (v.file.span(), m.clone()));
            manifest.entries.push((file, m));
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

    /// The version marked `reference = true`, if any (canonical path).
    pub fn reference(&self) -> Option<&Path> {
        self.reference.as_deref()
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

    fn dir_with(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            std::fs::write(dir.path().join(f), "text").unwrap();
        }
        dir
    }

    #[test]
    fn manifest_errors_point_at_values() {
        let dir = dir_with(&["a.txt"]);
        let text = "[[version]]\nfile = \"a.txt\"\npublished = \"2017-13-01\"\n";
        let (m, errors) = Manifest::parse(&dir.path().join(MANIFEST_FILE), text);
        assert_eq!(errors.len(), 1);
        let span = errors[0].span.clone().unwrap();
        assert_eq!(&text[span], "\"2017-13-01\"");
        assert!(m.lookup(&dir.path().join("a.txt")).is_some());
    }

    #[test]
    fn one_reference_version_and_a_second_is_an_error() {
        let dir = dir_with(&["a.txt", "b.txt"]);
        let text = "[[version]]\nfile = \"a.txt\"\nreference = true\n[[version]]\nfile = \"b.txt\"\nreference = true\n";
        let (m, errors) = Manifest::parse(&dir.path().join(MANIFEST_FILE), text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(&text[errors[0].span.clone().unwrap()], "true");
        assert_eq!(errors[0].related.len(), 1);
        assert_eq!(
            m.reference(),
            Some(canonical(&dir.path().join("a.txt")).as_path())
        );
    }

    #[test]
    fn a_missing_file_is_an_error_at_its_name() {
        let dir = dir_with(&["a.txt"]);
        let text = "[[version]]\nfile = \"a.txt\"\n[[version]]\nfile = \"gone.txt\"\n";
        let (m, errors) = Manifest::parse(&dir.path().join(MANIFEST_FILE), text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("gone.txt"), "{errors:?}");
        assert_eq!(&text[errors[0].span.clone().unwrap()], "\"gone.txt\"");
        assert!(m.lookup(&dir.path().join("a.txt")).is_some());
    }

    #[test]
    fn one_file_twice_with_other_values_is_an_error() {
        let dir = dir_with(&["a.txt"]);
        let text = "[[version]]\nfile = \"a.txt\"\npublished = \"2017-11-20\"\n\
                    [[version]]\nfile = \"./a.txt\"\npublished = \"2017-11-21\"\n";
        let (m, errors) = Manifest::parse(&dir.path().join(MANIFEST_FILE), text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(&text[errors[0].span.clone().unwrap()], "\"./a.txt\"");
        assert_eq!(&text[errors[0].related[0].span.clone()], "\"a.txt\"");
        let kept = m.lookup(&dir.path().join("a.txt")).unwrap();
        assert_eq!(kept.published, Some(jiff::civil::date(2017, 11, 20)));
        // The same values twice are no contradiction.
        let same = "[[version]]\nfile = \"a.txt\"\noutlet = \"scmp\"\n\
                    [[version]]\nfile = \"a.txt\"\noutlet = \"scmp\"\n";
        let (_, errors) = Manifest::parse(&dir.path().join(MANIFEST_FILE), same);
        assert!(errors.is_empty(), "{errors:?}");
    }
}
