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

/// Readings of a page are in the reader's text; the cross-version note
/// must still point at the number in the page's source.
#[test]
fn rounding_across_pages_points_into_each_page() {
    let dir = std::env::temp_dir().join(format!("copydesk-rounding-pages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a", "b", "c"] {
        let text = std::fs::read_to_string(format!("fixtures/rounding/{name}.txt")).unwrap();
        let page = format!(
            "<html><head><title>t</title><script>var x = 1;</script></head><body>\
             <nav><a href=\"/\">Home</a></nav><article><p>{}</p></article></body></html>",
            text.trim()
        );
        std::fs::write(dir.join(format!("{name}.html")), page).unwrap();
    }
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--format", "json", "--fail-on", "never", "--rules"])
        .arg("fixtures/rounding/rules.toml")
        .arg(&dir)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "quantity-rounding")
        .collect();
    assert!(!notes.is_empty(), "{doc:#}");
    for f in notes {
        let file = std::fs::read_to_string(f["path"].as_str().unwrap()).unwrap();
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(file[s..e].starts_with("3,"), "{:?} in {f}", &file[s..e]);
        let pages = f["related"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["path"].as_str().unwrap().ends_with(".html"));
        for r in pages {
            let other = std::fs::read_to_string(r["path"].as_str().unwrap()).unwrap();
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(other[s..e].starts_with("3,"), "{:?} in {r}", &other[s..e]);
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
