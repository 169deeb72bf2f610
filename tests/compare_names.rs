//! `copydesk compare` on names, through the command line: `--rules` decides
//! names, a Han gloss decides a two-against-two, and with no evidence every
//! version involved gets its own finding, in JSON and GitHub output.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> (i32, Vec<Value>) {
    let (code, stdout, stderr) = run(args);
    let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    (code, v["findings"].as_array().unwrap().clone())
}

fn names(findings: &[Value]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f["code"] == "compare-name")
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (file, f["found"].as_str().unwrap().to_string())
        })
        .collect();
    v.sort();
    v
}

/// Four versions: `li` of them write "Wang Li" where the rest write "Wang
/// Yi"; with `gloss`, each also names him with his characters elsewhere.
fn piece(name: &str, li: &[usize], gloss: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-names-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..4 {
        let who = if li.contains(&i) {
            "Wang Li"
        } else {
            "Wang Yi"
        };
        let mut text = String::from("Radar talks\n\n");
        if gloss {
            text.push_str("Chinese Foreign Minister Wang Yi (王毅) urged restraint on all sides of the dispute.\n\n");
        }
        text.push_str(&format!(
            "Foreign Minister {who} has raised the issue of the radar repeatedly with Seoul and Tokyo.\n"
        ));
        std::fs::write(dir.join(format!("v{i}.txt")), text).unwrap();
    }
    dir
}

#[test]
fn a_gloss_decides_two_against_two() {
    let dir = piece("gloss", &[1, 3], true);
    let (code, f) = json(&["compare", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        names(&f),
        [
            ("v1.txt".to_string(), "Wang Li".to_string()),
            ("v3.txt".to_string(), "Wang Li".to_string())
        ],
        "{f:#?}"
    );
    for x in f.iter().filter(|x| x["code"] == "compare-name") {
        assert_eq!(x["expected"], "Wang Yi");
        assert!(
            x["message"]
                .as_str()
                .unwrap()
                .contains("“王毅” reads Wáng Yì"),
            "{x:#}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_no_evidence_every_side_has_its_own_finding_in_every_format() {
    let dir = piece("tie", &[1, 3], false);
    let d = dir.to_str().unwrap();
    let (code, f) = json(&["compare", "--format", "json", d]);
    assert_eq!(code, 1);
    let got = names(&f);
    assert_eq!(got.len(), 4, "{f:#?}");
    for x in f.iter().filter(|x| x["code"] == "compare-name") {
        assert!(
            x["message"].as_str().unwrap().contains("no majority"),
            "{x:#}"
        );
        assert_eq!(x["related"].as_array().unwrap().len(), 3, "{x:#}");
    }
    let (code, stdout, _) = run(&["compare", "--format", "github", d]);
    assert_eq!(code, 1);
    for i in 0..4 {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with("::error") && l.contains(&format!("v{i}.txt"))),
            "v{i}.txt: {stdout}"
        );
    }
    let (_, stdout, _) = run(&["compare", "--color", "never", d]);
    assert_eq!(stdout.matches("no majority").count(), 4, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_decide_names_in_compare() {
    let dir = piece("rules", &[1, 2, 3], false);
    // Three versions against one, but the rule file says Wang Yi.
    let (code, f) = json(&[
        "compare",
        "--rules",
        "rules",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        names(&f),
        [
            ("v1.txt".to_string(), "Wang Li".to_string()),
            ("v2.txt".to_string(), "Wang Li".to_string()),
            ("v3.txt".to_string(), "Wang Li".to_string())
        ],
        "{f:#?}"
    );
    let x = &f[0];
    assert!(
        x["message"]
            .as_str()
            .unwrap()
            .contains("the rule `wang-yi`"),
        "{x:#}"
    );
    assert!(
        x["related"].as_array().unwrap().iter().any(|r| r["path"]
            .as_str()
            .unwrap()
            .ends_with("china-russia-2017.toml")),
        "{x:#}"
    );
    // The human output renders the label in the rule file.
    let (_, stdout, _) = run(&[
        "compare",
        "--rules",
        "rules",
        "--color",
        "never",
        dir.to_str().unwrap(),
    ]);
    assert!(stdout.contains("china-russia-2017.toml"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rule_problems_are_reported_as_in_check() {
    let dir = piece("broken", &[1], false);
    let (code, _, stderr) = run(&["compare", "--rules", "no/such/rules", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no/such/rules"), "{stderr}");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[[entity]]\nid = \"x\"\ncanonical = \"\"\n").unwrap();
    let (code, _, stderr) = run(&[
        "compare",
        "--rules",
        bad.to_str().unwrap(),
        dir.join("v0.txt").to_str().unwrap(),
        dir.join("v1.txt").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error[rules]"), "{stderr}");
    assert!(Path::new(&bad).exists());
    let _ = std::fs::remove_dir_all(&dir);
}
