//! `quantity-rounding` needs every version of a run at once, so it has no
//! per-check fixture folder: three small versions of one sentence live in
//! `fixtures/rounding/`, two rounding the pipeline as 3,200km and one as
//! 3,218km (within the rule's 1%).

use assert_cmd::Command;
use serde_json::Value;

fn run(files: &[&str], format: &str) -> (i32, String) {
    let mut cmd = Command::cargo_bin("copydesk").unwrap();
    cmd.args([
        "check",
        "--color",
        "never",
        "--format",
        format,
        "--rules",
        "fixtures/rounding/rules.toml",
    ]);
    for f in files {
        cmd.arg(format!("fixtures/rounding/{f}"));
    }
    let out = cmd.env_remove("NO_COLOR").output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn the_odd_rounding_out_gets_a_note() {
    let (exit, stdout) = run(&["a.txt", "b.txt", "c.txt"], "json");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["code"], "quantity-rounding");
    assert_eq!(f["severity"], "note");
    assert!(f["path"].as_str().unwrap().ends_with("c.txt"));
    assert_eq!(f["found"], "3,218 km");
    assert_eq!(f["expected"], "3,200 km");
    assert_eq!(exit, 0, "a note does not fail the run");
}

#[test]
fn versions_that_agree_are_quiet() {
    let (exit, stdout) = run(&["a.txt", "b.txt"], "json");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{stdout}");
    assert_eq!(exit, 0);
}

#[test]
fn one_version_alone_gets_no_note() {
    let (_, stdout) = run(&["c.txt"], "json");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{stdout}");
}

#[test]
fn human_output_snapshot() {
    let (_, stdout) = run(&["a.txt", "b.txt", "c.txt"], "human");
    insta::with_settings!({snapshot_path => "snapshots/checks", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("quantity-rounding__versions", stdout);
    });
}
