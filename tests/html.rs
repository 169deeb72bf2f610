//! The HTML reader end to end: findings point into the page's source at the
//! words they report, furniture stays quiet, and a page finds what the same
//! article as plain text finds.

use assert_cmd::Command;
use serde_json::Value;

const DRIFT: &str = "fixtures/html/drift.html";
const CLEAN: &str = "fixtures/html/clean.html";
const DRIFT_TXT: &str = "fixtures/html/drift.txt";

fn findings(path: &str) -> (i32, Vec<Value>) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--format", "json", "--rules", "rules", path])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON document");
    let list = doc["findings"].as_array().unwrap().clone();
    (out.status.code().unwrap(), list)
}

/// The words a reader sees in `html`: tags dropped, the references the
/// fixtures use decoded (an oracle independent of the reader).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            continue;
        }
        if c == '&'
            && let Some(semi) = rest.find(';')
        {
            let decoded = match &rest[..=semi] {
                "&nbsp;" => Some(" "),
                "&ldquo;" => Some("“"),
                "&rdquo;" => Some("”"),
                "&rsquo;" => Some("’"),
                "&#x2C;" => Some(","),
                "&amp;" => Some("&"),
                _ => None,
            };
            if let Some(d) = decoded {
                out.push_str(d);
                rest = &rest[semi + 1..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// Whether byte `at` of `html` lies inside a tag or a character reference.
fn inside_markup(html: &str, at: usize) -> bool {
    let before = &html[..at];
    let in_tag = match (before.rfind('<'), before.rfind('>')) {
        (Some(lt), Some(gt)) => lt > gt,
        (Some(_), None) => true,
        _ => false,
    };
    let in_ref = before
        .rfind('&')
        .is_some_and(|amp| !before[amp..].contains([';', ' ', '<', '\n']));
    in_tag || in_ref
}

#[test]
fn every_span_slices_the_page_to_the_words_reported() {
    let html = std::fs::read_to_string(DRIFT).unwrap();
    let (code, list) = findings(DRIFT);
    assert_eq!(code, 1);
    assert!(list.len() >= 5, "{list:#?}");
    for f in &list {
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= html.len(), "{f}");
        assert!(!inside_markup(&html, start), "starts inside markup: {f}");
        assert!(
            !html[..end].ends_with('>') && !inside_markup(&html, end),
            "ends inside markup: {f}"
        );
        let seen = visible(&html[start..end]);
        let found = f["found"].as_str().unwrap();
        assert_eq!(squeeze(&seen), squeeze(found), "{f}");
        // Line and column agree with the offset.
        let line = html[..start].matches('\n').count() + 1;
        assert_eq!(f["line"].as_u64().unwrap() as usize, line, "{f}");
    }
}

#[test]
fn furniture_stays_quiet() {
    let (code, list) = findings(CLEAN);
    assert_eq!(code, 0, "{list:#?}");
    assert!(list.is_empty(), "{list:#?}");
    // In the drifted page every finding lies in the article body.
    let html = std::fs::read_to_string(DRIFT).unwrap();
    let body = html.find("itemprop=\"articleBody\"").unwrap()..html.find("related-links").unwrap();
    for f in findings(DRIFT).1 {
        let start = f["start"].as_u64().unwrap() as usize;
        assert!(body.contains(&start), "outside the article body: {f}");
    }
}

#[test]
fn the_page_finds_what_the_plain_text_finds() {
    let key = |list: Vec<Value>| {
        let mut k: Vec<(String, String)> = list
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["found"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        k.sort();
        k
    };
    let html = key(findings(DRIFT).1);
    let txt = key(findings(DRIFT_TXT).1);
    assert_eq!(html, txt);
    for code in ["entity-variant", "term", "quantity-value", "date-relative"] {
        assert!(html.iter().any(|(c, _)| c == code), "{code}: {html:?}");
    }
}

#[test]
fn the_page_date_note_reaches_the_user() {
    let (_, list) = findings(DRIFT);
    let date = list
        .iter()
        .find(|f| f["code"] == "date-relative")
        .expect("a date finding");
    let notes: Vec<&str> = date["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("article:published_time")),
        "{notes:?}"
    );
}
