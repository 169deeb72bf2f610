//! Every check has a folder under `fixtures/checks/<code>/` with a text that
//! must flag (`flag.txt`), a text that must stay quiet (`clean.txt`) and the
//! rules both are checked with (`rules.toml`, optional). This test runs all
//! of them, checks the JSON findings and exit codes, and snapshots the human
//! output with colour off.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn check_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("fixtures/checks")
        .expect("fixtures/checks exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn run(dir: &Path, file: &str, format: &str) -> (i32, String) {
    let rules = dir.join("rules.toml");
    let rules = if rules.exists() {
        rules
    } else {
        dir.to_path_buf()
    };
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--color", "never", "--format", format, "--rules"])
        .arg(&rules)
        .arg(dir.join(file))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn json_findings(dir: &Path, file: &str) -> (i32, Vec<Value>) {
    let (code, stdout) = run(dir, file, "json");
    let v: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{}: bad JSON {e}: {stdout}", dir.display()));
    (code, v["findings"].as_array().unwrap().clone())
}

#[test]
fn every_check_has_both_fixtures() {
    let dirs = check_dirs();
    assert!(dirs.len() >= 5, "expected a folder per check");
    for dir in dirs {
        let code = dir.file_name().unwrap().to_str().unwrap();
        assert!(
            copydesk::codes::Check::from_code(code).is_some(),
            "{code} is not a check code"
        );
        assert!(dir.join("flag.txt").exists(), "{code}: flag.txt missing");
        assert!(dir.join("clean.txt").exists(), "{code}: clean.txt missing");
    }
}

#[test]
fn flag_fixtures_raise_their_check() {
    for dir in check_dirs() {
        let code = dir.file_name().unwrap().to_str().unwrap();
        let (exit, findings) = json_findings(&dir, "flag.txt");
        assert!(
            findings.iter().any(|f| f["code"] == code),
            "{code}: flag.txt raised no {code} finding: {findings:#?}"
        );
        let has_error = findings.iter().any(|f| f["severity"] == "error");
        assert_eq!(exit, if has_error { 1 } else { 0 }, "{code}: exit code");
    }
}

#[test]
fn clean_fixtures_stay_quiet() {
    for dir in check_dirs() {
        let code = dir.file_name().unwrap().to_str().unwrap();
        let (exit, findings) = json_findings(&dir, "clean.txt");
        assert!(
            findings.is_empty(),
            "{code}: clean.txt raised {findings:#?}"
        );
        assert_eq!(exit, 0, "{code}: clean exit code");
    }
}

#[test]
fn human_output_snapshots() {
    for dir in check_dirs() {
        let code = dir.file_name().unwrap().to_str().unwrap().to_string();
        for file in ["flag.txt", "clean.txt"] {
            let (_, stdout) = run(&dir, file, "human");
            let name = format!("{code}__{}", file.trim_end_matches(".txt"));
            insta::with_settings!({snapshot_path => "snapshots/checks", prepend_module_to_snapshot => false}, {
                insta::assert_snapshot!(name, stdout);
            });
        }
    }
}
