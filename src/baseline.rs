//! Baselines: the findings a newsroom has accepted, recorded in a file, so
//! that CI reports only new ones.
//!
//! `--write-baseline FILE` records a run's findings; `--baseline FILE`
//! reports only the findings it does not hold. Each entry names the file
//! (the path as given, with forward slashes), the check, the rule, the
//! words found and a **fingerprint**: a hash of the check, the rule, the
//! words found and the few words around them in the file (normalised:
//! lowercased, markup and JSON escapes left out). Line numbers and offsets
//! never enter it, so an edit elsewhere in the file (a paragraph inserted
//! above) does not bring an accepted finding back; an edit of the words
//! around it does, which is what a desk wants to see again. The hash is
//! XXH3-64 (xxhash-rust), a fixed algorithm, so baselines written by one
//! build of copydesk are read by every other.
//!
//! Matching counts: a baseline holding a fingerprint twice accepts two such
//! findings in that file; a third is reported. A finding fixed since simply
//! no longer matches, and drops out when the baseline is written again (it
//! is written from the run's findings only).
//!
//! The file is TOML, or JSON when its name ends `.json`: sorted, one entry
//! per finding, so that its diff in review shows what was accepted. It is
//! written atomically (a temporary file in the same folder, persisted into
//! place, with the old file's permissions). A baseline that cannot be read
//! or parsed is a [`Problem`] of kind [`ProblemKind::Baseline`] naming the
//! file, with the span the parser gives.

use crate::atomic::AtomicFile;
use crate::finding::Finding;
use crate::fingerprint::FileWords;
use crate::problem::{Problem, ProblemKind};
use crate::source::SourceFile;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// The format version written, and the only one read.
pub const VERSION: u32 = 1;

pub use crate::fingerprint::{CONTEXT_WORDS, fingerprint};

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, as given, with forward slashes.
    pub path: String,
    /// The check's code.
    pub check: String,
    /// The rule id (the check's code for a check without rules).
    pub rule: String,
    /// The words found.
    pub found: String,
    /// The fingerprint: 16 hexadecimal digits.
    pub fingerprint: String,
}

impl Entry {
    /// The entry of `finding` in `source` (the file it was found in).
    /// (Many findings of one file: [`entries`] reads its words once.)
    pub fn of(finding: &Finding, source: &SourceFile) -> Entry {
        Entry {
            fingerprint: fingerprint(finding, source),
            ..entry_without_fingerprint(finding)
        }
    }
}

/// A path as baselines write it: `\` as `/`.
fn normal_path(path: &str) -> String {
    path.replace('\\', "/")
}

/// The entries of `findings`, all in `source` (its words read once).
pub fn entries(findings: &[Finding], source: &SourceFile) -> Vec<Entry> {
    let all = FileWords::of(source);
    findings
        .iter()
        .map(|f| Entry {
            fingerprint: all.fingerprint(f),
            ..entry_without_fingerprint(f)
        })
        .collect()
}

/// An entry of `finding` with an empty fingerprint.
fn entry_without_fingerprint(finding: &Finding) -> Entry {
    Entry {
        path: normal_path(&finding.path),
        check: finding.check.code().to_string(),
        rule: finding.rule.clone(),
        found: finding.found.clone(),
        fingerprint: String::new(),
    }
}

/// The file as serde reads and writes it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default, rename = "finding")]
    findings: Vec<Entry>,
}

/// A loaded baseline: how many findings of each fingerprint each file may
/// still have without their being reported.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    left: HashMap<(String, String), usize>,
}

/// Whether `path` names a JSON baseline.
fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The byte offset of 1-based `line` and `column` (in characters) of `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

impl Baseline {
    /// Read the baseline at `path`.
    pub fn load(path: &Path) -> Result<Baseline, Box<Problem>> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(
                Problem::whole(ProblemKind::Baseline, &name, format!("cannot read it: {e}"))
                    .with_help("write one with `--write-baseline FILE`"),
            )
        })?;
        Self::parse(&name, &text, is_json(path))
    }

    /// Read a baseline from its text (`name` names it in problems).
    pub fn parse(name: &str, text: &str, json: bool) -> Result<Baseline, Box<Problem>> {
        let file: File = if json {
            serde_json::from_str(text).map_err(|e| {
                let at = offset_of(text, e.line(), e.column());
                let message = e.to_string();
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                let end = text[at.min(text.len())..]
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                Box::new(Problem::at(
                    ProblemKind::Baseline,
                    name,
                    at.min(text.len())..end.min(text.len()),
                    format!("not a copydesk baseline: {message}"),
                    "here",
                ))
            })?
        } else {
            toml::from_str(text).map_err(|e| {
                let message = format!("not a copydesk baseline: {}", e.message());
                Box::new(match e.span() {
                    Some(span) => Problem::at(ProblemKind::Baseline, name, span, message, "here"),
                    None => Problem::whole(ProblemKind::Baseline, name, message),
                })
            })?
        };
        if file.version != VERSION {
            return Err(Box::new(
                Problem::whole(
                    ProblemKind::Baseline,
                    name,
                    format!(
                        "baseline version {} (this copydesk reads version {VERSION})",
                        file.version
                    ),
                )
                .with_help("write it again with `--write-baseline FILE`"),
            ));
        }
        let mut left: HashMap<(String, String), usize> = HashMap::default();
        for e in file.findings {
            *left
                .entry((normal_path(&e.path), e.fingerprint))
                .or_default() += 1;
        }
        Ok(Baseline { left })
    }

    /// Whether the baseline accepts a finding whose entry is `entry`, and
    /// if so count it: the next finding of the same fingerprint in the
    /// same file needs another entry.
    pub fn take(&mut self, entry: &Entry) -> bool {
        let key = (normal_path(&entry.path), entry.fingerprint.clone());
        match self.left.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// The findings of `source` the baseline does not accept, in their
    /// order; those it accepts are counted off it ([`Baseline::take`]), so
    /// call it once per file with all the file's findings.
    pub fn filter(&mut self, findings: Vec<Finding>, source: &SourceFile) -> Vec<Finding> {
        let entries = entries(&findings, source);
        findings
            .into_iter()
            .zip(entries)
            .filter(|(_, e)| !self.take(e))
            .map(|(f, _)| f)
            .collect()
    }

    /// How many entries no finding has matched so far (findings fixed since
    /// the baseline was written, once every file has been filtered).
    pub fn unmatched(&self) -> usize {
        self.left.values().sum()
    }
}

/// The text of a baseline holding `entries` (sorted here): TOML, or JSON
/// when `json`.
pub fn render(mut entries: Vec<Entry>, json: bool) -> String {
    for e in &mut entries {
        e.path = normal_path(&e.path);
    }
    entries.sort();
    let file = File {
        version: VERSION,
        findings: entries,
    };
    if json {
        let mut s = serde_json::to_string_pretty(&file).expect("entries are plain strings");
        s.push('\n');
        s
    } else {
        let body = toml::to_string(&file).expect("entries are plain strings");
        format!(
            "# copydesk baseline: findings accepted as they are. `copydesk check \
             --baseline FILE` reports\n# only findings not listed here; \
             `--write-baseline FILE` writes it anew.\n\n{body}"
        )
    }
}

/// Write a baseline of `entries` to `path` atomically: TOML, or JSON when
/// the name ends `.json`; an existing file's permissions are kept.
pub fn write(path: &Path, entries: Vec<Entry>) -> Result<(), Box<Problem>> {
    let name = path.display().to_string();
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        Box::new(Problem::whole(
            ProblemKind::Baseline,
            &name,
            format!("cannot {what}: {e}"),
        ))
    };
    let text = render(entries, is_json(path));
    let mut file = AtomicFile::create(path, true).map_err(|e| fail("write it", &e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| fail("write it", &e))?;
    file.commit().map_err(|e| fail("put it in place", &e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Check;
    use crate::finding::Severity;

    fn finding(path: &str, text: &str, word: &str, nth: usize) -> Finding {
        let at = text.match_indices(word).nth(nth).unwrap().0;
        Finding {
            path: path.into(),
            check: Check::EntityNearMiss,
            rule: "wang-yi".into(),
            severity: Severity::Warning,
            message: "m".into(),
            span: at..at + word.len(),
            label: String::new(),
            found: word.into(),
            expected: None,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
            suggestion: None,
        }
    }

    #[test]
    fn fingerprints_ignore_edits_elsewhere_and_line_numbers() {
        let a = "Intro.\n\nThe minister Wang Li said so on Monday.\n";
        let b = "A new paragraph, long, about other things.\n\nIntro.\n\nThe minister Wang Li said so on Monday.\n";
        let c = "Intro.\n\nThe foreign minister Wang Li said so on Monday.\n";
        let fp = |t: &str| {
            fingerprint(
                &finding("a.txt", t, "Wang Li", 0),
                &SourceFile::new("a.txt", t),
            )
        };
        assert_eq!(fp(a), fp(b));
        // Right before it too: context stays inside the finding's sentence.
        let d = "Intro.\n\nA new paragraph\n\nThe minister Wang Li said so on Monday. And more\n";
        assert_eq!(fp(a), fp(d));
        let starts = "Wang Li said so. Next.";
        let starts2 = "Before it. Wang Li said so. Next.";
        assert_eq!(fp(starts), fp(starts2));
        assert_ne!(fp(a), fp(c), "the words around it are part of it");
        assert_eq!(fp(a).len(), 16);
        // Markup is no word: a tag added around the sentence changes nothing.
        let h1 = "<p>The minister Wang Li said so on Monday.</p>";
        let h2 = "<div><p class=\"x\">The minister <b>Wang Li</b> said so on Monday.</p></div>";
        let fph = |t: &str| {
            fingerprint(
                &finding("a.html", t, "Wang Li", 0),
                &SourceFile::new("a.html", t),
            )
        };
        assert_eq!(fph(h1), fph(h2));
        // JSON escapes are no words either.
        let j1 = r#"{"c":"<p>Intro.</p>\n<p>The minister Wang Li said</p>"}"#;
        let j2 = r#"{"c":"<p>Intro.</p>\n\n<p>New.</p>\n<p>The minister Wang Li said</p>"}"#;
        let fpj = |t: &str| {
            fingerprint(
                &finding("a.json", t, "Wang Li", 0),
                &SourceFile::new("a.json", t),
            )
        };
        assert_eq!(fpj(j1), fpj(j2));
    }

    #[test]
    fn matching_counts_each_entry_once() {
        let text = "Wang Li. Wang Li. Wang Li.";
        let src = SourceFile::new("a\\b.txt", text);
        let all: Vec<Finding> = (0..3)
            .map(|i| finding("a\\b.txt", text, "Wang Li", i))
            .collect();
        // Same words around the first two? No: positions differ in context.
        let entries: Vec<Entry> = all[..2].iter().map(|f| Entry::of(f, &src)).collect();
        assert_eq!(entries[0].path, "a/b.txt");
        let mut b = Baseline::parse("b.toml", &render(entries, false), false).unwrap();
        let left = b.filter(all.clone(), &src);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].span, all[2].span);
        assert_eq!(b.unmatched(), 0);
        // Two identical fingerprints: two accepted, the third reported.
        let same = "x Wang Li x";
        let src = SourceFile::new("s.txt", same);
        let f = finding("s.txt", same, "Wang Li", 0);
        let e = Entry::of(&f, &src);
        let mut b = Baseline::parse("b.json", &render(vec![e.clone(), e], true), true).unwrap();
        let left = b.filter(vec![f.clone(), f.clone(), f], &src);
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn rendered_baselines_are_sorted_and_read_back() {
        let e = |p: &str, fp: &str| Entry {
            path: p.into(),
            check: "term".into(),
            rule: "r".into(),
            found: "it's \"x\"".into(),
            fingerprint: fp.into(),
        };
        let toml = render(vec![e("b.txt", "2"), e("a.txt", "1")], false);
        assert!(
            toml.find("a.txt").unwrap() < toml.find("b.txt").unwrap(),
            "{toml}"
        );
        assert!(toml.contains("[[finding]]"), "{toml}");
        let json = render(vec![e("b.txt", "2"), e("a.txt", "1")], true);
        for (text, json) in [(toml, false), (json, true)] {
            let mut b = Baseline::parse("b", &text, json).unwrap();
            assert!(b.take(&e("a.txt", "1")));
            assert!(!b.take(&e("a.txt", "1")));
            assert_eq!(b.unmatched(), 1);
        }
    }

    #[test]
    fn broken_baselines_name_the_file_and_the_place() {
        let p = Baseline::parse("base.toml", "version = 1\n[[finding]]\npath = 3\n", false)
            .unwrap_err();
        assert_eq!(
            (p.kind, p.path.as_str()),
            (ProblemKind::Baseline, "base.toml")
        );
        let span = p.span.clone().unwrap();
        assert_eq!(&"version = 1\n[[finding]]\npath = 3\n"[span], "3");
        let text = "{\"version\": 1,\n \"findings\": [ {\"path\": }]}";
        let p = Baseline::parse("base.json", text, true).unwrap_err();
        assert_eq!(p.kind.as_str(), "baseline");
        assert!(p.span.is_some(), "{p:?}");
        assert!(!p.message.contains("at line"), "{}", p.message);
        let p = Baseline::parse("b.toml", "version = 2\n", false).unwrap_err();
        assert!(p.message.contains("version 2"), "{}", p.message);
        let p = Baseline::parse(
            "b.toml",
            "version = 1\n[[finding]]\npath = \"a\"\nextra = 1\n",
            false,
        )
        .unwrap_err();
        assert!(
            p.message.contains("extra") || p.message.contains("unknown"),
            "{}",
            p.message
        );
        let p = Baseline::load(Path::new("/nonexistent/copydesk/base.toml")).unwrap_err();
        assert!(p.message.contains("cannot read"), "{}", p.message);
    }

    #[test]
    fn writing_is_atomic_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.toml");
        let e = Entry {
            path: "a.txt".into(),
            check: "term".into(),
            rule: "r".into(),
            found: "x".into(),
            fingerprint: "0".into(),
        };
        write(&path, vec![e.clone()]).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            write(&path, vec![]).unwrap();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let mut b = Baseline::load(&path).unwrap();
        assert!(!b.take(&e), "rewritten from no findings: empty");
        // Nothing but the baseline is left in the folder.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
        let json = dir.path().join("base.json");
        write(&json, vec![e.clone()]).unwrap();
        assert!(
            std::fs::read_to_string(&json)
                .unwrap()
                .trim_start()
                .starts_with('{')
        );
        assert!(Baseline::load(&json).unwrap().take(&e));
    }
}
