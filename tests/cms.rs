//! The CMS-export reader end to end: a WordPress REST post and an ANS story
//! find what the same article as plain text finds, every finding points
//! into the JSON file at the words it reports (escapes and all), furniture
//! and clean versions stay quiet, and broken exports are input errors that
//! do not stop the run.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

/// (export, the same article as plain text, its clean version).
const PAIRS: &[(&str, &str, &str)] = &[
    (
        "fixtures/cms/wordpress.json",
        "fixtures/cms/wordpress.txt",
        "fixtures/cms/wordpress-clean.json",
    ),
    (
        "fixtures/cms/ans.json",
        "fixtures/cms/ans.txt",
        "fixtures/cms/ans-clean.json",
    ),
];

fn run(paths: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--format", "json", "--rules", "rules"])
        .args(paths)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON document");
    (out.status.code().unwrap(), doc)
}

fn findings(path: &str) -> Vec<Value> {
    run(&[path]).1["findings"].as_array().unwrap().clone()
}

fn span(f: &Value) -> std::ops::Range<usize> {
    f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize
}

/// What a reader sees in a slice of a JSON string: its escapes decoded
/// (by serde_json, which fails if the slice cuts an escape), its tags
/// dropped and the references the fixtures use decoded. An oracle
/// independent of the reader.
fn visible(json_slice: &str) -> String {
    let decoded: String = serde_json::from_str(&format!("\"{json_slice}\""))
        .unwrap_or_else(|e| panic!("{json_slice:?} is not whole JSON string content: {e}"));
    let mut out = String::new();
    let mut rest = decoded.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            continue;
        }
        if let Some(r) = rest.strip_prefix("&nbsp;") {
            out.push(' ');
            rest = r;
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_span_slices_the_export_to_the_words_the_text_version_reports() {
    for &(json_path, txt_path, _) in PAIRS {
        let json = std::fs::read_to_string(json_path).unwrap();
        let txt = std::fs::read_to_string(txt_path).unwrap();
        let (code, doc) = run(&[json_path]);
        assert_eq!(code, 1, "{json_path}: {doc:#}");
        let from_json = doc["findings"].as_array().unwrap().clone();
        let from_txt = findings(txt_path);
        assert!(from_json.len() >= 9, "{json_path}: {from_json:#?}");
        assert_eq!(from_json.len(), from_txt.len(), "{json_path}");
        for (j, t) in from_json.iter().zip(&from_txt) {
            assert_eq!(j["code"], t["code"], "{j}\n{t}");
            assert_eq!(j["found"], t["found"], "{j}\n{t}");
            let (js, ts) = (span(j), span(t));
            assert!(js.start < js.end && js.end <= json.len(), "{j}");
            let seen = visible(&json[js.clone()]);
            assert_eq!(squeeze(&seen), squeeze(&txt[ts]), "{json_path}: {j}");
            // Line and column agree with the offset.
            let line = json[..js.start].matches('\n').count() + 1;
            assert_eq!(j["line"].as_u64().unwrap() as usize, line, "{j}");
        }
    }
}

#[test]
fn escaped_names_and_quotations_are_reported_as_written_in_the_file() {
    let json = std::fs::read_to_string("fixtures/cms/wordpress.json").unwrap();
    let list = findings("fixtures/cms/wordpress.json");
    let slices: Vec<&str> = list.iter().map(|f| &json[span(f)]).collect();
    assert!(slices.contains(&r"Wang\u00a0Li"), "{slices:?}");
    assert!(slices.contains(&r"Wang<\/strong>\u00a0Li"), "{slices:?}");
    assert!(slices.contains(&"apply the break"), "{slices:?}");
    // A safe suggestion would rewrite the escape: it is not offered as safe.
    let wang = list
        .iter()
        .find(|f| &json[span(f)] == r"Wang\u00a0Li")
        .unwrap();
    if let Some(s) = wang["suggestion"].as_object() {
        assert_eq!(s["applicability"], "unsafe", "{wang}");
    }
}

#[test]
fn clean_exports_and_their_furniture_stay_quiet() {
    for &(_, _, clean) in PAIRS {
        let (code, doc) = run(&[clean]);
        assert_eq!(code, 0, "{clean}: {doc:#}");
        assert!(doc["findings"].as_array().unwrap().is_empty(), "{doc:#}");
        assert!(doc["errors"].as_array().unwrap().is_empty(), "{doc:#}");
    }
    // Every piece of furniture (the excerpt, captions, the share bar and
    // its script, a newsletter embed, a pull quote, a link to another
    // story, the SEO title) carries drift: that the drifted exports find
    // no more than their text versions, which hold none of it, is tested
    // above.
}

#[test]
fn the_export_date_note_names_its_field() {
    for (path, field) in [
        ("fixtures/cms/wordpress.json", "`date`"),
        ("fixtures/cms/ans.json", "`first_publish_date`"),
    ] {
        let list = findings(path);
        let date = list
            .iter()
            .find(|f| f["code"] == "date-relative")
            .expect("a date finding");
        let notes = date["notes"].to_string();
        assert!(notes.contains(field), "{path}: {notes}");
        assert!(notes.contains("2017-11-20"), "{path}: {notes}");
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-cms-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn broken_exports_are_input_errors_and_the_run_goes_on() {
    let dir = temp_dir("broken");
    let malformed = dir.join("malformed.json");
    std::fs::write(
        &malformed,
        "{\n  \"title\": {\"rendered\": \"Wang Li\"},\n  \"content\": {\"rendered\": \"<p>Wang Li on the peninsular</p>\"\n",
    )
    .unwrap();
    let neither = dir.join("neither.json");
    std::fs::write(&neither, r#"{"name": "copydesk", "version": "1.0.0"}"#).unwrap();
    let (malformed, neither) = (malformed.to_str().unwrap(), neither.to_str().unwrap());
    let (code, doc) = run(&[malformed, "fixtures/cms/ans.json", neither]);
    assert_eq!(code, 2, "{doc:#}");
    let errors = doc["errors"].as_array().unwrap();
    let error = |path: &str| {
        errors
            .iter()
            .find(|e| e["path"] == path)
            .unwrap_or_else(|| panic!("no error for {path}: {doc:#}"))
    };
    let m = error(malformed);
    assert_eq!(m["kind"], "input");
    let message = m["message"].as_str().unwrap();
    assert!(message.contains("malformed JSON at line 4"), "{message}");
    let n = error(neither);
    assert!(
        n["message"]
            .as_str()
            .unwrap()
            .contains("not a WordPress post or an ANS story"),
        "{n}"
    );
    // The good export in the same run is still checked.
    let checked = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "fixtures/cms/ans.json")
        .count();
    assert!(checked >= 9, "{doc:#}");
    // A refused export has no article text: its raw JSON ("Wang Li", the
    // markup) is not checked as prose.
    let in_broken = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == malformed || f["path"] == neither)
        .count();
    assert_eq!(in_broken, 0, "{doc:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn compare_reads_exports_like_their_text() {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["compare", "--format", "json"])
        .args([
            "fixtures/cms/wordpress.json",
            "fixtures/cms/ans-clean.json",
            "fixtures/cms/wordpress-clean.json",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON document");
    let json = std::fs::read_to_string("fixtures/cms/wordpress.json").unwrap();
    let list = doc["findings"].as_array().unwrap();
    let names: Vec<&str> = list
        .iter()
        .filter(|f| f["code"] == "compare-name" && f["path"] == "fixtures/cms/wordpress.json")
        .map(|f| &json[span(f)])
        .collect();
    assert!(names.contains(&r"Wang\u00a0Li"), "{doc:#}");
}
