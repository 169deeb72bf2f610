//! `copydesk compare`: planted vs found on every multi-version fixture, human
//! output snapshots, exit codes and edge cases (empty, single, identical).
//!
//! Each piece has a table in `tests/planted/`: Table 1 lists the drift
//! compare must report (file, wrong text, majority reading, check code),
//! Table 2 the legitimate edits it must not report. Every finding must
//! correspond to a Table 1 row.

use assert_cmd::Command;
use copydesk::compare::classify::compare;
use copydesk::finding::Finding;
use copydesk::source::SourceFile;
use serde_json::Value;
use std::path::PathBuf;

const VARNA: &str = "fixtures/compare/varna-desalination";
const ARCTIC: &str = "fixtures/compare/arctic-route";

/// One test module per piece, each test its own case, so a mismatch in one
/// piece does not hide the others.
macro_rules! piece {
    ($name:ident, $dir:expr, $md:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn planted_drift_is_found_and_nothing_else() {
                assert_planted_drift_found($dir, $md);
            }
            #[test]
            fn human_output_snapshot() {
                assert_human_snapshot($dir);
            }
            #[test]
            fn draft_round_trips_through_check() {
                assert_draft_round_trips($dir);
            }
        }
    };
}

piece!(
    china_russia_2017,
    "fixtures/china-russia-2017",
    "tests/planted/compare-china-russia-2017.md"
);
piece!(
    varna_desalination,
    VARNA,
    "tests/planted/varna-desalination.md"
);
piece!(arctic_route, ARCTIC, "tests/planted/arctic-route.md");

#[path = "support/planted.rs"]
mod planted_table;
use planted_table::{Row, table};

fn sources(dir: &str) -> Vec<SourceFile> {
    let (files, errors) = copydesk::input::collect(&[PathBuf::from(dir)]);
    assert!(errors.is_empty(), "{errors:?}");
    files
        .iter()
        .map(|p| copydesk::input::read(p).unwrap())
        .collect()
}

fn span_of(dir: &str, row: &Row) -> (String, std::ops::Range<usize>) {
    let path = format!("{dir}/{}", row.file);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text
        .find(&row.text)
        .unwrap_or_else(|| panic!("{}: `{}` not in file", row.file, row.text));
    (path, at..at + row.text.len())
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Does `f` report the drift at `span` in `path`? Its primary label, or for
/// a tie or a per-version spelling note, one of its labels in that file.
fn reports(f: &Finding, path: &str, span: &std::ops::Range<usize>) -> bool {
    if f.path == path && overlaps(&f.span, span) {
        return true;
    }
    let grouped =
        f.message.contains("no majority") || f.check == copydesk::codes::Check::CompareSpelling;
    grouped
        && f.related
            .iter()
            .any(|r| r.path == path && overlaps(&r.span, span))
}

fn assert_planted_drift_found(dir: &str, md: &str) {
    let mut report = String::new();
    let mut failures = Vec::new();
    let findings = compare(&sources(dir));
    let planted = table(md, "## Table 1", 3);
    let legit = table(md, "## Table 2", 2);
    assert!(planted.len() >= 8, "{md}: table not read");
    assert!(legit.len() >= 6, "{md}: table 2 not read");
    report.push_str(&format!("== {dir}\n"));
    for row in &planted {
        let (path, span) = span_of(dir, row);
        let hit = findings
            .iter()
            .find(|f| f.check.code() == row.category && reports(f, &path, &span));
        let status = match (hit, row.category.as_str()) {
            (Some(f), _) => format!("found ({})", f.check.code()),
            (None, "not-compared") => "not compared (by design)".to_string(),
            (None, _) => {
                failures.push(format!("{}: MISSED {} `{}`", dir, row.file, row.text));
                "MISSED".to_string()
            }
        };
        report.push_str(&format!(
            "{:<18} {:<17} {:<50} {status}\n",
            row.file,
            row.category,
            row.text.chars().take(50).collect::<String>()
        ));
    }
    for f in &findings {
        let explained = planted.iter().any(|row| {
            let (path, span) = span_of(dir, row);
            f.path == path && overlaps(&f.span, &span)
        });
        if !explained {
            failures.push(format!(
                "{dir}: finding on no planted drift: {} {:?} {}",
                f.path, f.span, f.message
            ));
        }
    }
    for row in &legit {
        let (path, span) = span_of(dir, row);
        for f in &findings {
            if f.path == path && overlaps(&f.span, &span) {
                failures.push(format!(
                    "{dir}: legitimate edit reported: {} `{}`: {}",
                    row.file, row.text, f.message
                ));
            }
        }
    }
    println!("{report}");
    assert!(failures.is_empty(), "{report}\n{failures:#?}");
}

fn copydesk() -> Command {
    let mut c = Command::cargo_bin("copydesk").unwrap();
    c.env_remove("NO_COLOR").env_remove("GITHUB_STEP_SUMMARY");
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = copydesk().args(args).output().unwrap();
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn assert_human_snapshot(dir: &str) {
    let (_, stdout, _) = run(&["compare", "--color", "never", dir]);
    let name = dir.rsplit('/').next().unwrap().to_string();
    insta::with_settings!({snapshot_path => "snapshots/compare", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, stdout);
    });
}

#[test]
fn exit_codes_and_json_follow_check() {
    let (code, stdout, _) = run(&["compare", "--format", "json", VARNA]);
    assert_eq!(code, 1, "errors found");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["version"], 1);
    let findings = v["findings"].as_array().unwrap();
    let sohlberg = findings
        .iter()
        .find(|f| f["found"] == "Ingrid Sohlberg")
        .expect("the name drift");
    assert_eq!(sohlberg["code"], "compare-name");
    assert_eq!(sohlberg["kind"], "compare");
    assert_eq!(sohlberg["expected"], "Ingrid Solberg");
    assert!(sohlberg["path"].as_str().unwrap().ends_with("herald.txt"));
    let text = std::fs::read_to_string(format!("{VARNA}/herald.txt")).unwrap();
    let (s, e) = (
        sohlberg["start"].as_u64().unwrap() as usize,
        sohlberg["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &text[s..e],
        "Ingrid Sohlberg",
        "bytes of the deviating version"
    );
    assert_eq!(v["summary"]["files"], 4);

    let (code, _, _) = run(&["compare", "--fail-on", "never", VARNA]);
    assert_eq!(code, 0);
    let (code, stdout, _) = run(&["compare", "--format", "github", VARNA]);
    assert_eq!(code, 1);
    assert!(stdout.contains("::error"), "{stdout}");
    let (code, _, stderr) = run(&["compare", "no/such/dir"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/dir"), "{stderr}");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-compare-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn empty_single_and_identical_versions_are_quiet() {
    let dir = temp_dir("edge");
    std::fs::write(dir.join("empty1.txt"), "").unwrap();
    std::fs::write(dir.join("empty2.txt"), "\n\n").unwrap();
    let (code, stdout, _) = run(&["compare", "--color", "never", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("no findings in 2 files"), "{stdout}");

    let one = format!("{}/original.txt", VARNA);
    let (code, stdout, _) = run(&["compare", "--color", "never", &one]);
    assert_eq!(code, 0);
    assert!(stdout.contains("no findings in 1 file"), "{stdout}");

    let (code, stdout, _) = run(&["compare", "--color", "never", &one, &one, &one]);
    assert_eq!(code, 0);
    assert!(stdout.contains("no findings"), "{stdout}");

    // Scraps of punctuation, quotation marks and numbers do not panic.
    std::fs::write(dir.join("odd1.txt"), "“ ” ‘ … 3,2 . . . (\n\n[ ] $ US$ 1.").unwrap();
    std::fs::write(
        dir.join("odd2.txt"),
        "” “ 3,2km (4 mile) … Wang\u{a0}Yi said “x",
    )
    .unwrap();
    let (code, _, stderr) = run(&["compare", dir.to_str().unwrap()]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `rules draft` on each piece loads, passes `rules check`, and `check`
/// with it on the same versions reproduces the compare findings: every
/// compare finding is matched by a check finding at overlapping bytes,
/// except the kinds no rule kind expresses (time expressions, an outlet's
/// spelling style), ties (no majority to make canonical) and facts the draft
/// lists under "Not drafted"; and check finds nothing compare did not.
fn assert_draft_round_trips(dir: &str) {
    let mut summary = String::new();
    let tmp = temp_dir(&format!("draft-{}", dir.rsplit('/').next().unwrap()));
    let rules = tmp.join("rules.toml");
    let (code, _, stderr) = run(&["rules", "draft", dir, "-o", rules.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let drafted = std::fs::read_to_string(&rules).unwrap();
    let (code, stdout, stderr) = run(&["rules", "check", "--rules", rules.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}\n{drafted}");
    let not_drafted = drafted.split("Not drafted").nth(1).unwrap_or("");

    let json = |args: &[&str]| -> Vec<Value> {
        let (_, stdout, stderr) = run(args);
        let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        v["findings"].as_array().unwrap().clone()
    };
    let compared = json(&["compare", "--format", "json", dir]);
    let checked = json(&[
        "check",
        "--format",
        "json",
        "--rules",
        rules.to_str().unwrap(),
        dir,
    ]);
    let overlap = |a: &Value, b: &Value| {
        a["path"] == b["path"]
            && a["start"].as_u64() < b["end"].as_u64()
            && b["start"].as_u64() < a["end"].as_u64()
    };
    let mut reproduced = 0;
    for f in &compared {
        if checked.iter().any(|g| overlap(f, g)) {
            reproduced += 1;
            continue;
        }
        let code = f["code"].as_str().unwrap();
        let expected = f["expected"].as_str().unwrap_or("");
        let excused = matches!(code, "compare-time" | "compare-spelling")
            || f["message"].as_str().unwrap().contains("no majority")
            || (!expected.is_empty() && not_drafted.contains(expected));
        assert!(
            excused,
            "{dir}: compare finding not reproduced by check: {f:#}\n{drafted}"
        );
    }
    // Checks that need no rule (unbalanced marks, conversions, weekdays,
    // mixed spelling) run whatever the rules: only what the drafted rules
    // add must come from compare. Their findings carry the check's code
    // as their rule id.
    // A compare finding covers its labels too (a spelling note labels every
    // word of the outlet's style).
    let covers = |f: &Value, g: &Value| {
        overlap(f, g)
            || f["related"]
                .as_array()
                .is_some_and(|r| r.iter().any(|r| overlap(r, g)))
    };
    for g in checked.iter().filter(|g| g["rule"] != g["code"]) {
        assert!(
            compared.iter().any(|f| covers(f, g)),
            "{dir}: check with the draft found what compare did not: {g:#}\n{drafted}"
        );
    }
    assert!(reproduced >= 5, "{dir}: only {reproduced} reproduced");
    summary.push_str(&format!(
        "{dir}: {reproduced} of {} compare findings reproduced by check\n",
        compared.len()
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    println!("{summary}");
}

#[test]
fn draft_never_overwrites_silently() {
    let tmp = temp_dir("overwrite");
    let rules = tmp.join("rules.toml");
    std::fs::write(&rules, "# mine\n").unwrap();
    let dir = ARCTIC;
    let (code, _, stderr) = run(&["rules", "draft", dir, "-o", rules.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&rules).unwrap(), "# mine\n");
    let (code, _, _) = run(&[
        "rules",
        "draft",
        dir,
        "-o",
        rules.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&rules)
            .unwrap()
            .contains("[[entity]]")
    );
    // To standard output when no file is named; the same text every time.
    let (code, a, _) = run(&["rules", "draft", dir]);
    let (_, b, _) = run(&["rules", "draft", dir]);
    assert_eq!(code, 0);
    assert_eq!(a, b, "deterministic");
    assert!(a.contains("# CONFIRM:"), "{a}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn versions_that_differ_only_legitimately_stay_quiet() {
    // A paragraph moved, a rephrasing ("a number of … fora" / "numerous …
    // forums"), a truncated reprint, and CMS residue (image placeholder,
    // digit id, PUBLISHED stamp, related-link headline, Follow, disclaimer).
    let (code, stdout, stderr) =
        run(&["compare", "--format", "json", "fixtures/compare/quiet-oped"]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["summary"]["files"], 3);
    assert!(v["findings"].as_array().unwrap().is_empty(), "{stdout}");
}
