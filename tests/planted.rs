//! Planted vs found on the China–Russia op-ed versions.
//!
//! `tests/planted/china-russia-2017.md` lists every drift planted in the
//! fixture versions. For every planted drift whose kind copydesk checks, a
//! finding of that check (or kind) must cover the wrong words; and every
//! finding must correspond to a planted drift: legitimate editing stays quiet.

use assert_cmd::Command;
use copydesk::codes::{ALL_CHECKS, Check};
use serde_json::Value;
use std::collections::BTreeSet;

#[path = "support/planted.rs"]
mod planted_table;

fn planted() -> Vec<planted_table::Row> {
    planted_table::table("tests/planted/china-russia-2017.md", "## Table 1", 3)
}

fn findings(dir: &str) -> Vec<Value> {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--format", "json", "--rules", "rules", dir])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

fn kind_is_checked(category: &str) -> bool {
    Check::from_code(category).is_some()
        || ALL_CHECKS
            .iter()
            .any(|c| c.kind() == category.split('-').next().unwrap())
}

#[test]
fn planted_drift_is_found_and_nothing_else() {
    let dir = "fixtures/china-russia-2017";
    let all = findings(dir);
    let planted = planted();
    assert!(planted.len() >= 20, "the planted table was not read");
    let mut table = String::new();
    let mut explained = vec![false; all.len()];
    let mut checked = 0;
    for p in &planted {
        let path = format!("{dir}/{}", p.file);
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text
            .find(&p.text)
            .unwrap_or_else(|| panic!("{}: `{}` not in file", p.file, p.text));
        let span = at..at + p.text.len();
        let mut hit = None;
        for (i, f) in all.iter().enumerate() {
            let (s, e) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            if f["path"] == path.as_str() && s < span.end && span.start < e {
                explained[i] = true;
                if f["code"] == p.category.as_str()
                    || f["kind"] == p.category.split('-').next().unwrap()
                {
                    hit = Some(f["code"].as_str().unwrap().to_string());
                }
            }
        }
        assert!(
            kind_is_checked(&p.category),
            "no check for category {}",
            p.category
        );
        let status = match &hit {
            Some(code) => format!("found ({code})"),
            None => "MISSED".to_string(),
        };
        checked += 1;
        table.push_str(&format!(
            "{:<13} {:<26} {:<60} {status}\n",
            p.file, p.category, p.text
        ));
    }
    println!("{table}");
    assert!(!table.contains("MISSED"), "planted drift missed:\n{table}");
    assert!(
        checked >= 9,
        "expected at least the entity and term drift to be checked"
    );
    let unexplained: Vec<&Value> = all
        .iter()
        .zip(&explained)
        .filter(|(_, e)| !**e)
        .map(|(f, _)| f)
        .collect();
    assert!(
        unexplained.is_empty(),
        "findings on legitimate text: {unexplained:#?}"
    );
}

#[test]
fn clean_version_stays_quiet() {
    let f = findings("fixtures/china-russia-2017/clean.txt");
    assert!(f.is_empty(), "{f:#?}");
}

/// Every version in the fixture folder but `clean.txt` has rows in the
/// planted table and findings of its own: a version added without its
/// table rows, or one whose drift copydesk stops reporting, fails here.
#[test]
fn every_drifted_version_is_planted_and_flagged() {
    let dir = "fixtures/china-russia-2017";
    let all = findings(dir);
    let planted = planted();
    let mut versions: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt") && name != "clean.txt")
        .collect();
    versions.sort();
    assert!(versions.len() >= 4, "{versions:?}");
    let mut problems = Vec::new();
    for version in &versions {
        let rows = planted.iter().filter(|p| &p.file == version).count();
        if rows == 0 {
            problems.push(format!("{version}: no row in the planted table"));
        }
        let path = format!("{dir}/{version}");
        let found = all.iter().filter(|f| f["path"] == path.as_str()).count();
        if found == 0 {
            problems.push(format!("{version}: no finding"));
        }
    }
    let unknown: BTreeSet<&str> = planted
        .iter()
        .map(|p| p.file.as_str())
        .filter(|f| !versions.iter().any(|v| v == f))
        .collect();
    if !unknown.is_empty() {
        problems.push(format!("planted rows for files not in {dir}: {unknown:?}"));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
