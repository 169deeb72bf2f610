//! `copydesk.toml`: the settings a newsroom keeps beside its articles.
//!
//! A run finds it by walking up from each input file's folder: the nearest
//! `copydesk.toml` governs that file (`--config FILE` names one for every
//! file, `--no-config` reads none). Paths in it are relative to the folder
//! that holds it. Every key a flag also sets is a default the flag
//! overrides; `[severity]` sets the severity of a check (by code or kind)
//! or of one rule (by id), or turns it `off`.
//!
//! A key the file does not know is an error pointing at the key, with the
//! nearest known key as "did you mean"; so is a check code in `select`,
//! `ignore` or `[severity]` that names nothing.

use crate::codes::ALL_CHECKS;
use crate::finding::Severity;
use crate::metadata::Metadata;
use crate::problem::{Problem, ProblemKind};
use crate::render::Format;
pub use crate::severity::{Level, Severities, SeverityOverride};
use crate::source::SourceFile;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file a run looks for.
pub const CONFIG_FILE: &str = "copydesk.toml";

/// The keys `copydesk.toml` takes, in the order the README lists them.
pub const KEYS: &[&str] = &[
    "rules",
    "format",
    "fail_on",
    "select",
    "ignore",
    "exclude",
    "reference",
    "locale",
    "outlet",
    "severity",
];

/// `--fail-on` (and `fail_on` in `copydesk.toml`): the lowest severity of
/// finding that makes the run exit 1; with `never`, findings never do.
///
/// The variants have no doc comments of their own: clap would print them
/// in `--help` as the values' descriptions.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    /// Whether a finding of severity `s` fails the run.
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

/// `copydesk.toml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    rules: Option<Vec<PathBuf>>,
    format: Option<Spanned<String>>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    reference: Option<PathBuf>,
    locale: Option<Spanned<String>>,
    outlet: Option<String>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<Level>>,
}

/// A `copydesk.toml`, read and checked.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file and its text (for diagnostics); `None` for no config.
    pub source: Option<SourceFile>,
    /// Rule paths, relative to the working directory; `Some(empty)` when the
    /// file says `rules = []` (the run means to have none).
    pub rules: Option<Vec<PathBuf>>,
    /// Output format.
    pub format: Option<Format>,
    /// Lowest severity that fails the run.
    pub fail_on: Option<FailOn>,
    /// Checks to report only (codes or kinds).
    pub select: Vec<String>,
    /// Checks not to report.
    pub ignore: Vec<String>,
    /// Globs to leave out while walking.
    pub exclude: Vec<String>,
    /// The reference version of `compare`, relative to the working directory.
    pub reference: Option<PathBuf>,
    /// Outlet and locale of every file this config governs.
    pub metadata: Metadata,
    /// `[severity]`.
    pub severity: Vec<SeverityOverride>,
    /// Whether the file could not be read or parsed (its problems say why;
    /// nothing it governs is checked).
    pub broken: bool,
}

impl Config {
    /// The config file's path as shown, if there is one.
    pub fn path(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.path.as_str())
    }

    /// The folder that holds the config file (paths in it are relative to it).
    fn dir(path: &Path) -> PathBuf {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::new(),
        }
    }

    /// Read and check the config file at `path`. A broken file gives its
    /// problems and the settings it could be read for (none when it does not
    /// parse).
    pub fn load(path: &Path) -> (Config, Vec<Problem>) {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                return (
                    Config {
                        broken: true,
                        ..Config::default()
                    },
                    vec![Problem::whole(
                        ProblemKind::Config,
                        shown,
                        format!("cannot be read: {e}"),
                    )],
                );
            }
        };
        let (config, problems) = Config::parse(&shown, &text, &Config::dir(path));
        (config, problems)
    }

    /// Parse `text` (the file `shown`, in folder `dir`).
    pub fn parse(shown: &str, text: &str, dir: &Path) -> (Config, Vec<Problem>) {
        let source = SourceFile::new(shown, text);
        let mut problems = Vec::new();
        let raw = match toml::from_str::<Raw>(text) {
            Ok(raw) => raw,
            Err(e) => {
                problems.push(toml_problem(shown, &e));
                return (
                    Config {
                        source: Some(source),
                        broken: true,
                        ..Config::default()
                    },
                    problems,
                );
            }
        };
        let at = |span: Range<usize>, message: String, label: &str| {
            Problem::at(ProblemKind::Config, shown, span, message, label)
        };
        let relative = |p: PathBuf| if p.is_absolute() { p } else { dir.join(p) };
        let format = raw.format.and_then(|f| {
            match <Format as clap::ValueEnum>::from_str(f.get_ref(), true) {
                Ok(format) => Some(format),
                Err(_) => {
                    let names: Vec<String> = <Format as clap::ValueEnum>::value_variants()
                        .iter()
                        .filter_map(clap::ValueEnum::to_possible_value)
                        .map(|v| v.get_name().to_string())
                        .collect();
                    let mut p = at(
                        f.span(),
                        format!("no output format named `{}`", f.get_ref()),
                        "not a format",
                    );
                    p = p.with_help(
                        crate::suggest::help(f.get_ref(), names.iter().map(String::as_str))
                            .unwrap_or_else(|| format!("formats: {}", names.join(", "))),
                    );
                    problems.push(p);
                    None
                }
            }
        });
        let codes = |list: Vec<Spanned<String>>, problems: &mut Vec<Problem>| {
            let mut kept = Vec::new();
            for s in list {
                if known_code(s.get_ref()) {
                    kept.push(s.into_inner());
                } else {
                    problems.push(unknown_code(shown, s.span(), s.get_ref(), &[]));
                }
            }
            kept
        };
        let select = codes(raw.select, &mut problems);
        let ignore = codes(raw.ignore, &mut problems);
        let mut metadata = Metadata::default();
        if let Some(l) = raw.locale {
            match crate::values::normalize_locale(l.get_ref()) {
                Ok(l) => metadata.locale = Some(l),
                Err(e) => problems.push(at(l.span(), e, "not a locale")),
            }
        }
        metadata.outlet = raw
            .outlet
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty());
        let severity = raw
            .severity
            .into_iter()
            .map(|(k, v)| SeverityOverride {
                span: k.span(),
                key: k.into_inner(),
                level: v.into_inner(),
            })
            .collect();
        (
            Config {
                source: Some(source),
                rules: raw.rules.map(|r| r.into_iter().map(relative).collect()),
                format,
                fail_on: raw.fail_on,
                select,
                ignore,
                exclude: raw.exclude,
                reference: raw.reference.map(relative),
                metadata,
                severity,
                broken: false,
            },
            problems,
        )
    }

    /// Check the `[severity]` keys against the check codes, kinds and the
    /// ids of the rules loaded: a key that names none of them is an error.
    pub fn check_severity_keys(&self, rule_ids: &[&str]) -> Vec<Problem> {
        let Some(path) = self.path() else {
            return Vec::new();
        };
        self.severity
            .iter()
            .filter(|o| !known_code(&o.key) && !rule_ids.contains(&o.key.as_str()))
            .map(|o| unknown_code(path, o.span.clone(), &o.key, rule_ids))
            .collect()
    }
}

/// Whether `code` is a check code or a kind.
fn known_code(code: &str) -> bool {
    ALL_CHECKS
        .iter()
        .any(|c| c.code() == code || c.kind() == code)
}

/// "no check … named": with the nearest code, kind or rule id.
fn unknown_code(path: &str, span: Range<usize>, code: &str, rule_ids: &[&str]) -> Problem {
    let names = ALL_CHECKS
        .iter()
        .map(|c| c.code())
        .chain(ALL_CHECKS.iter().map(|c| c.kind()))
        .chain(rule_ids.iter().copied());
    let what = if rule_ids.is_empty() {
        "no check or kind"
    } else {
        "no check, kind or rule"
    };
    let p = Problem::at(
        ProblemKind::Config,
        path,
        span,
        format!("{what} named `{code}`"),
        "unknown",
    );
    p.with_help(
        crate::suggest::help(code, names)
            .unwrap_or_else(|| "`copydesk explain` lists the checks and kinds".to_string()),
    )
}

/// A TOML or schema error as a problem at its span; an unknown key gets the
/// nearest known key as help.
fn toml_problem(shown: &str, e: &toml::de::Error) -> Problem {
    let message = e.message().trim().to_string();
    let span = e.span().unwrap_or(0..0);
    let mut p = Problem::at(
        ProblemKind::Config,
        shown,
        span,
        first_line(&message),
        "here",
    );
    if let Some(key) = unknown_field(&message) {
        p.message = format!("unknown key `{key}`");
        p.label = "not a copydesk.toml key".to_string();
        p = p.with_help(
            crate::suggest::help(key, KEYS.iter().copied())
                .unwrap_or_else(|| format!("copydesk.toml takes: {}", KEYS.join(", "))),
        );
    }
    p
}

/// The first line of a parser message (serde appends the expected list).
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").to_string()
}

/// The field named in serde's "unknown field `x`, expected …".
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// Finds the `copydesk.toml` that governs a file: the nearest one walking
/// up from its folder. Each folder is asked once per run.
#[derive(Debug, Default)]
pub struct Discovery {
    found: HashMap<PathBuf, Option<PathBuf>>,
}

impl Discovery {
    /// The config governing files in `dir` (relative to the working
    /// directory, or absolute), as a path to show, if any.
    pub fn for_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .ok()?;
        let mut visited = Vec::new();
        let mut at = Some(start.as_path());
        let mut result = None;
        while let Some(d) = at {
            if let Some(known) = self.found.get(d) {
                result = known.clone();
                break;
            }
            visited.push(d.to_path_buf());
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                result = Some(candidate);
                break;
            }
            at = d.parent();
        }
        for v in visited {
            self.found.insert(v, result.clone());
        }
        result.map(|p| shown_path(&p))
    }

    /// The config governing `file` (a path as given; standard input and
    /// URLs are governed by the working directory's).
    pub fn for_file(&mut self, file: &Path) -> Option<PathBuf> {
        let dir = if crate::input::is_stdin(file) || crate::fetch::is_url(file) {
            Path::new("")
        } else if file.is_dir() {
            file
        } else {
            file.parent().unwrap_or(Path::new(""))
        };
        self.for_dir(dir)
    }
}

/// `path` relative to the working directory when it is under it (so that
/// messages show `copydesk.toml` or `desk/copydesk.toml`), else as it is.
fn shown_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<Problem>) {
        Config::parse("copydesk.toml", text, Path::new("desk"))
    }

    #[test]
    fn every_key_is_read_and_paths_are_relative_to_the_file() {
        let (c, problems) = parse(
            r#"
rules = ["rules", "/abs/canon.toml"]
format = "json"
fail_on = "warning"
select = ["entity", "term"]
ignore = ["entity-near-miss"]
exclude = ["*.draft.txt"]
reference = "wire.txt"
locale = "en_gb"
outlet = " The Desk "

[severity]
entity-near-miss = "error"
china-ministry = "off"
"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            c.rules,
            Some(vec![
                PathBuf::from("desk/rules"),
                PathBuf::from("/abs/canon.toml")
            ])
        );
        assert_eq!(c.format, Some(Format::Json));
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert_eq!(c.select, ["entity", "term"]);
        assert_eq!(c.ignore, ["entity-near-miss"]);
        assert_eq!(c.exclude, ["*.draft.txt"]);
        assert_eq!(c.reference, Some(PathBuf::from("desk/wire.txt")));
        assert_eq!(c.metadata.locale.as_deref(), Some("en-GB"));
        assert_eq!(c.metadata.outlet.as_deref(), Some("The Desk"));
        let s = Severities::new(&c.severity);
        assert_eq!(
            s.level(crate::codes::Check::EntityNearMiss, "x"),
            Some(Level::Error)
        );
        assert_eq!(
            s.level(crate::codes::Check::EntityVariant, "china-ministry"),
            Some(Level::Off)
        );
        assert_eq!(s.level(crate::codes::Check::EntityVariant, "x"), None);
        // A rule id that exists is a good key; one that does not is an error.
        assert!(c.check_severity_keys(&["china-ministry"]).is_empty());
        let bad = c.check_severity_keys(&["china-ministri"]);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].message.contains("china-ministry"), "{:?}", bad[0]);
    }

    #[test]
    fn an_unknown_key_points_at_it_with_the_nearest_key() {
        let text = "rules = []\nformt = \"json\"\n";
        let (_, problems) = parse(text);
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(p.message, "unknown key `formt`");
        assert_eq!(&text[p.span.clone().unwrap()], "formt");
        assert_eq!(p.help.as_deref(), Some("did you mean `format`?"));
    }

    #[test]
    fn bad_values_point_at_the_value() {
        let text = "format = \"sarf\"\nselect = [\"entity-near-mis\"]\nlocale = \"klingon!\"\n";
        let (c, problems) = parse(text);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(&text[problems[0].span.clone().unwrap()], "\"sarf\"");
        assert!(problems[0].message.contains("sarf"));
        assert_eq!(
            problems[1].help.as_deref(),
            Some("did you mean `entity-near-miss`?")
        );
        assert_eq!(&text[problems[2].span.clone().unwrap()], "\"klingon!\"");
        assert!(c.select.is_empty());
        let text = "[severity]\nentity-near-miss = \"fatal\"\n";
        let (_, problems) = parse(text);
        assert_eq!(problems.len(), 1);
        assert!(text[problems[0].span.clone().unwrap()].contains("fatal"));
    }

    #[test]
    fn the_nearest_config_governs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("desk/sport")).unwrap();
        std::fs::write(root.join(CONFIG_FILE), "").unwrap();
        std::fs::write(root.join("desk/sport").join(CONFIG_FILE), "").unwrap();
        let mut d = Discovery::default();
        assert_eq!(d.for_dir(&root.join("desk")), Some(root.join(CONFIG_FILE)));
        assert_eq!(
            d.for_file(&root.join("desk/sport/match.txt")),
            Some(root.join("desk/sport").join(CONFIG_FILE))
        );
        assert_eq!(
            d.for_dir(&root.join("desk/sport")),
            Some(root.join("desk/sport").join(CONFIG_FILE))
        );
    }
}
