//! Publication context end to end: versions that word an event differently
//! but mean the same day, metadata from the command line and from a manifest.

use assert_cmd::Command;
use serde_json::Value;

fn findings(args: &[&str]) -> (i32, Vec<Value>) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        v["findings"].as_array().unwrap().clone(),
    )
}

const RULES: &str = "fixtures/checks/date-relative/rules.toml";

#[test]
fn two_versions_worded_differently_stay_quiet() {
    // "last Monday" published on a Sunday, "Monday last week" the next day:
    // both mean Monday, 15 March 2021, the day the bridge opened.
    let (code, f) = findings(&["--rules", RULES, "tests/data/two-versions"]);
    assert_eq!(f, Vec::<Value>::new());
    assert_eq!(code, 0);
}

#[test]
fn command_line_date_wins_over_front_matter() {
    let (code, f) = findings(&[
        "--rules",
        RULES,
        "--published",
        "2021-04-05",
        "tests/data/two-versions/sunday.txt",
    ]);
    assert_eq!(code, 1);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["code"], "date-relative");
    assert!(f[0]["message"].as_str().unwrap().contains("29 March 2021"));
}

#[test]
fn bad_command_line_date_is_a_usage_error() {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--published", "5/4/2021", "--rules", RULES])
        .arg("tests/data/two-versions")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--published"));
}

#[test]
fn the_op_ed_manifest_is_picked_up() {
    // scmp.txt has no front matter: its date comes from the manifest beside it.
    let (_, f) = findings(&["--rules", "rules", "fixtures/china-russia-2017/scmp.txt"]);
    let dates: Vec<&Value> = f.iter().filter(|f| f["kind"] == "date").collect();
    assert_eq!(dates.len(), 1, "{f:#?}");
    assert_eq!(dates[0]["code"], "date-relative");
    assert!(
        dates[0]["message"]
            .as_str()
            .unwrap()
            .contains("Monday, 13 November 2017")
    );
}
