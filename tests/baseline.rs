//! Baselines end to end through the library: write a run's findings, edit
//! the article, check again and see only what is new. Rules:
//! `fixtures/suppress/rules.toml` (a near-miss "Halvorson", a term
//! "cause way").

use copydesk::baseline::{self, Baseline};
use copydesk::checks::Checker;
use copydesk::codes::Check;
use copydesk::finding::Finding;
use copydesk::problem::ProblemKind;
use copydesk::rules::RuleSet;
use copydesk::source::SourceFile;
use std::path::{Path, PathBuf};

fn rules() -> RuleSet {
    let (rules, errors) = RuleSet::load(&[PathBuf::from("fixtures/suppress/rules.toml")]);
    assert!(errors.is_empty(), "{errors:?}");
    rules
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-baseline-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const PIECE: &str = "The causeway vote\n\n\
Mayor Ingrid Halvorsen opened the debate before dawn.\n\n\
By noon, Mayor Halvorson had counted the votes twice.\n\n\
The old cause way will close in the spring.\n";

/// Check `text` as the file `path`.
fn check(rules: &RuleSet, path: &str, text: &str) -> (SourceFile, Vec<Finding>) {
    let src = SourceFile::new(path, text);
    let found = Checker::new(rules).check(&src);
    (src, found)
}

/// Write a baseline of the findings of `files` to `to`.
fn write(rules: &RuleSet, files: &[(&str, &str)], to: &Path) {
    let mut entries = Vec::new();
    for (path, text) in files {
        let (src, found) = check(rules, path, text);
        entries.extend(baseline::entries(&found, &src));
    }
    baseline::write(to, entries).unwrap();
}

/// The findings of `text` the baseline at `from` does not accept.
fn new_findings(rules: &RuleSet, from: &Path, path: &str, text: &str) -> Vec<Finding> {
    let mut base = Baseline::load(from).unwrap();
    let (src, found) = check(rules, path, text);
    base.filter(found, &src)
}

#[test]
fn an_edit_elsewhere_does_not_bring_accepted_findings_back() {
    let rules = rules();
    let dir = temp_dir("edit");
    let base = dir.join("copydesk-baseline.toml");
    write(&rules, &[("opinion/piece.txt", PIECE)], &base);
    let (_, before) = check(&rules, "opinion/piece.txt", PIECE);
    assert_eq!(before.len(), 2, "{before:?}");
    // A paragraph inserted before each finding, and the first paragraph reworded.
    let edited = PIECE
        .replace("before dawn", "well before dawn, as promised")
        .replace("By noon", "A new paragraph about the tides.\n\nBy noon")
        .replace("The old", "Everyone agreed.\n\nThe old");
    assert!(new_findings(&rules, &base, "opinion/piece.txt", &edited).is_empty());
    // Another file with the same words is not accepted by this one's entries.
    assert_eq!(
        new_findings(&rules, &base, "opinion/other.txt", PIECE).len(),
        2
    );
}

#[test]
fn a_new_finding_is_reported_and_a_fixed_one_drops_out_when_rewritten() {
    let rules = rules();
    let dir = temp_dir("new-and-fixed");
    let base = dir.join("base.json");
    write(&rules, &[("piece.txt", PIECE)], &base);
    // New: another sentence with the near-miss.
    let grown = format!("{PIECE}\nHalvorson later thanked the harbour staff.\n");
    let left = new_findings(&rules, &base, "piece.txt", &grown);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].check, Check::EntityNearMiss);
    assert!(grown[left[0].span.clone()].starts_with("Halvorson"));
    assert!(grown[left[0].span.end..].starts_with(" later"));
    // Fixed: the term corrected, the baseline written again from this run.
    let fixed = PIECE.replace("cause way", "causeway");
    write(&rules, &[("piece.txt", &fixed)], &base);
    let text = std::fs::read_to_string(&base).unwrap();
    assert!(!text.contains("cause way"), "{text}");
    assert!(text.contains("\"check\": \"entity-near-miss\""), "{text}");
    // And the term, if it comes back, is new again.
    assert_eq!(new_findings(&rules, &base, "piece.txt", PIECE).len(), 1);
}

#[test]
fn multiplicity_two_known_three_now_reports_one() {
    let rules = rules();
    let dir = temp_dir("multiplicity");
    let base = dir.join("base.toml");
    let sentence = "\n\nHalvorson waved.\n";
    let two = format!("{PIECE}{sentence}{sentence}");
    let three = format!("{two}{sentence}");
    write(&rules, &[("piece.txt", &two)], &base);
    let mut b = Baseline::load(&base).unwrap();
    let (src, found) = check(&rules, "piece.txt", &three);
    assert_eq!(found.len(), 5, "{found:?}");
    let left = b.filter(found, &src);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(b.unmatched(), 0);
    // Fewer now than known: nothing reported, the rest left unmatched.
    let mut b = Baseline::load(&base).unwrap();
    let (src, found) = check(&rules, "piece.txt", PIECE);
    assert!(b.filter(found, &src).is_empty());
    assert_eq!(b.unmatched(), 2);
}

#[test]
fn the_baseline_file_is_sorted_diff_friendly_and_broken_ones_name_the_file() {
    let rules = rules();
    let dir = temp_dir("file");
    let base = dir.join("base.toml");
    write(
        &rules,
        &[("b\\piece.txt", PIECE), ("a/piece.txt", PIECE)],
        &base,
    );
    let text = std::fs::read_to_string(&base).unwrap();
    let paths: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("path = "))
        .collect();
    assert_eq!(
        paths,
        [
            "\"a/piece.txt\"",
            "\"a/piece.txt\"",
            "\"b/piece.txt\"",
            "\"b/piece.txt\""
        ]
    );
    let keys: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .collect();
    for k in keys {
        assert!(
            ["version", "path", "check", "rule", "found", "fingerprint"].contains(&k),
            "no line numbers or offsets: {text}"
        );
    }
    // A baseline broken by hand: the problem names it and points at the value.
    let broken = text.replacen("fingerprint = \"", "fingerprint = ", 1);
    std::fs::write(&base, &broken).unwrap();
    let p = Baseline::load(&base).unwrap_err();
    assert_eq!(p.kind, ProblemKind::Baseline);
    assert_eq!(p.path, base.display().to_string());
    assert!(p.span.is_some(), "{p:?}");
}
