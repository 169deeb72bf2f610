//! The Markdown reader end to end (issue 14): `fixtures/markdown/` holds an
//! op-ed version in Markdown with planted drift (`flag.md`), the same
//! version as plain text (`flag.txt`, line for line) and a clean version
//! (`clean.md`). Both Markdown files carry "peninsular" and a wrong pipeline
//! length in every place that is not prose: an HTML comment, a link URL and
//! title, an image path and title, a code block, code spans and an HTML
//! attribute.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

const FLAG: &str = "fixtures/markdown/flag.md";
const FLAG_TXT: &str = "fixtures/markdown/flag.txt";
const CLEAN: &str = "fixtures/markdown/clean.md";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-markdown-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The exit code and the findings of `check --rules rules PATH` in JSON.
fn check(path: &str) -> (i32, Vec<Value>) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--rules", "rules", "--format", "json", path])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("a JSON document");
    assert_eq!(doc["errors"], Value::Array(vec![]), "{path}");
    let findings = doc["findings"].as_array().unwrap().clone();
    (out.status.code().unwrap(), findings)
}

fn span(f: &Value) -> (usize, usize) {
    (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    )
}

fn str_of<'a>(f: &'a Value, key: &str) -> &'a str {
    f[key].as_str().unwrap()
}

/// Markdown source as its prose reads: emphasis markers dropped, the
/// entities the fixture uses decoded, white space (line breaks, no-break
/// spaces) as one space.
fn prose(source: &str) -> String {
    let decoded = source
        .replace("**", "")
        .replace('*', "")
        .replace("&nbsp;", " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn one_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_finding_slices_the_markdown_file_to_the_words_reported() {
    let file = std::fs::read_to_string(FLAG).unwrap();
    let (code, findings) = check(FLAG);
    assert_eq!(code, 1);
    let slices: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            let (start, end) = span(f);
            (str_of(f, "code"), &file[start..end])
        })
        .collect();
    assert_eq!(
        slices,
        [
            ("entity-near-miss", "Dmitry&nbsp;Medevdev"),
            ("quantity-value", "3,800km"),
            ("quantity-magnitude", "US$400 million"),
            ("entity-near-miss", "Sergei Lavrow"),
            ("entity-variant", "Wang** Li"),
            ("term", "peninsular"),
            (
                "entity-official-spelling",
                "Terminal High Altitude Area Defence"
            ),
            ("entity-variant", "Wang\nLi"),
        ]
    );
    for f in &findings {
        let (start, end) = span(f);
        // Quantities report their normalised reading ("3,800 km"); every
        // other finding the words themselves.
        if str_of(f, "kind") != "quantity" {
            assert_eq!(
                prose(&file[start..end]),
                one_space(str_of(f, "found")),
                "{f}"
            );
        }
        // Line and column are the .md file's.
        let line_start = file[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(
            f["line"].as_u64().unwrap() as usize,
            file[..start].matches('\n').count() + 1,
            "{f}"
        );
        assert_eq!(
            f["column"].as_u64().unwrap() as usize,
            file[line_start..start].chars().count() + 1,
            "{f}"
        );
    }
}

/// Byte ranges of `flag.md` that are not prose: every one holds
/// "peninsular" or a wrong pipeline length.
fn not_prose(file: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut add = |from: &str, to: &str| {
        let mut at = 0;
        while let Some(i) = file[at..].find(from) {
            let start = at + i;
            let end = start + from.len() + file[start + from.len()..].find(to).unwrap() + to.len();
            out.push((start, end));
            at = end;
        }
    };
    add("<!--", "-->");
    add("](", ")");
    add("```text", "```");
    add("`the", "`");
    add("`a 300km", "`");
    add("<span", ">");
    out
}

#[test]
fn code_urls_titles_images_comments_and_html_stay_quiet() {
    // The clean version carries every trap and nothing else.
    let (code, findings) = check(CLEAN);
    assert_eq!((code, findings), (0, vec![]));

    // The flagged version: no finding inside a trap.
    let file = std::fs::read_to_string(FLAG).unwrap();
    let traps = not_prose(&file);
    assert_eq!(traps.len(), 7, "{traps:?}");
    for t in &traps {
        let inside = &file[t.0..t.1];
        assert!(
            inside.contains("peninsular") || inside.contains("300km"),
            "{inside:?}"
        );
    }
    let (_, findings) = check(FLAG);
    for f in &findings {
        let (start, end) = span(f);
        assert!(
            traps.iter().all(|t| end <= t.0 || start >= t.1),
            "{f} lies in a non-prose place"
        );
    }

    // The traps are real: the clean version read as plain text trips on
    // every one of them (comment, link, image, code block, code spans and
    // attribute lines).
    let dir = temp_dir("as-text");
    let as_text = dir.join("clean.txt");
    std::fs::copy(CLEAN, &as_text).unwrap();
    let (code, findings) = check(as_text.to_str().unwrap());
    assert_eq!(code, 1);
    let mut lines: Vec<u64> = findings
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    lines.dedup();
    assert_eq!(lines, [9, 13, 15, 27, 32]);
}

#[test]
fn the_same_drift_is_found_in_the_plain_text_version_at_the_same_place() {
    // `flag.txt` is `flag.md` with its markup removed line for line (what is
    // not prose left as blank lines; the last paragraph, wrapped in the
    // Markdown, on one line).
    let summary = |path: &str| -> Vec<(String, String, String, String, u64)> {
        let (code, findings) = check(path);
        assert_eq!(code, 1, "{path}");
        findings
            .iter()
            .map(|f| {
                (
                    str_of(f, "code").to_string(),
                    str_of(f, "rule").to_string(),
                    str_of(f, "found").to_string(),
                    str_of(f, "message").to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let md = summary(FLAG);
    assert_eq!(md.len(), 8);
    assert_eq!(md, summary(FLAG_TXT));
}

#[test]
fn human_output_points_into_the_markdown_file() {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--rules", "rules", "--color", "never", FLAG])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // `**Wang** Li` on line 24, `Wang` at column 62.
    assert!(
        stdout.contains("fixtures/markdown/flag.md:24:62"),
        "{stdout}"
    );
    assert!(stdout.contains("Foreign Minister **Wang** Li"), "{stdout}");
}

#[test]
fn a_suggestion_across_markup_is_never_safe() {
    let (_, findings) = check(FLAG);
    let source = std::fs::read_to_string(FLAG).unwrap();
    let mut seen = (0, 0);
    for f in &findings {
        let Some(s) = f["suggestion"].as_object() else {
            continue;
        };
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let written = &source[start..end];
        let plain = !written.contains(['*', '&', '\n']);
        if s["applicability"] == "safe" {
            assert!(plain, "a safe suggestion over markup: {written:?}");
            seen.0 += 1;
        } else if !plain {
            seen.1 += 1;
        }
    }
    // "**Wang** Li" and "Wang\nLi" (entity-variant) are unsafe here; the
    // emphasised term "*peninsular*" is replaced inside its markers: safe.
    assert!(seen.0 >= 1 && seen.1 >= 2, "{seen:?}");
}
