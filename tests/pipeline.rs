//! The pipeline's shapes, end to end: what the prepared document, the rule
//! index and the resolve stage promise, each as a case that failed before
//! the pipeline was rebuilt (issue 12) and must stay fixed.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-pipeline-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `(code, found)` of every finding of a JSON run, and the exit code.
fn json_run(args: &[&str]) -> (i32, Vec<(String, String)>) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("a JSON document");
    let findings = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["found"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap(), findings)
}

fn codes(findings: &[(String, String)]) -> Vec<&str> {
    findings.iter().map(|(c, _)| c.as_str()).collect()
}

const TAIPEI: &str = "fixtures/china-russia-2017/taipei.txt";

#[test]
fn a_selected_quotation_check_is_not_lost_to_an_unselected_term() {
    // "apply the break" is a term finding and, inside Wang Yi's quotation,
    // a quote-homophone finding; the term absorbs it only when both are
    // reported.
    for flags in [&["--select", "quote"][..], &["--ignore", "term"][..]] {
        let mut args = vec!["check", "--rules", "rules", TAIPEI];
        args.extend_from_slice(flags);
        let (_, found) = json_run(&args);
        assert!(
            found
                .iter()
                .any(|(c, f)| c == "quote-homophone" && f == "break"),
            "{flags:?}: {found:?}"
        );
        assert!(!codes(&found).contains(&"term"), "{flags:?}: {found:?}");
    }
    let (_, all) = json_run(&["check", "--rules", "rules", TAIPEI]);
    assert!(
        all.iter()
            .any(|(c, f)| c == "term" && f == "apply the break")
    );
    assert!(!codes(&all).contains(&"quote-homophone"), "{all:?}");
}

#[test]
fn nothing_is_reported_inside_front_matter() {
    let dir = temp_dir("front-matter");
    let flag = dir.join("flag.md");
    std::fs::write(
        &flag,
        "---\ntitle: \"He said “no\noutlet: example\n---\nThe talks “went on” and “ended.\n",
    )
    .unwrap();
    let (_, found) = json_run(&["check", "--rules", "rules", flag.to_str().unwrap()]);
    // The one unbalanced mark in the article text is reported; the two in
    // the title are not.
    assert_eq!(codes(&found), ["quote-unbalanced"], "{found:?}");
    let clean = dir.join("clean.md");
    std::fs::write(
        &clean,
        "---\ntitle: \"He said “no\n---\nThe talks went on.\n",
    )
    .unwrap();
    let (code, found) = json_run(&["check", "--rules", "rules", clean.to_str().unwrap()]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn single_quotation_marks_are_quoted_for_the_style_check() {
    let dir = temp_dir("style-quotes");
    let quiet = dir.join("single.txt");
    std::fs::write(
        &quiet,
        "The minister said ‘we favour the talks’ before the summit. The destabilizing move \
         came from the center of the city.",
    )
    .unwrap();
    let (code, found) = json_run(&["check", "--rules", "rules", quiet.to_str().unwrap()]);
    assert_eq!((code, found), (0, vec![]));
    let mixed = dir.join("unquoted.txt");
    std::fs::write(
        &mixed,
        "The minister said we favour the talks before the summit. The destabilizing move \
         came from the center of the city.",
    )
    .unwrap();
    let (_, found) = json_run(&["check", "--rules", "rules", mixed.to_str().unwrap()]);
    assert!(
        found
            .iter()
            .any(|(c, f)| c == "style-mixed" && f == "favour"),
        "{found:?}"
    );
}

fn aqueduct_rules(dir: &Path) -> PathBuf {
    let rules = dir.join("aqueduct.toml");
    std::fs::write(
        &rules,
        "[[quantity]]\nid = \"aqueduct-length\"\ncue = [\"aqueduct\"]\nvalue = 240\nunit = \"km\"\n",
    )
    .unwrap();
    rules
}

#[test]
fn a_title_inside_a_sentence_does_not_cut_it() {
    let dir = temp_dir("titles");
    let rules = aqueduct_rules(&dir);
    let rules = rules.to_str().unwrap();
    for (name, text) in [
        ("dr", "The aqueduct, Dr. Okafor said, will run 260km."),
        (
            "sen",
            "The aqueduct, Sen. Ruiz told the U.S. Senate, will run 260km.",
        ),
        (
            "initial",
            "The aqueduct that George W. Hale designed will run 260km.",
        ),
    ] {
        let file = dir.join(format!("{name}.txt"));
        std::fs::write(&file, text).unwrap();
        let (code, found) = json_run(&["check", "--rules", rules, file.to_str().unwrap()]);
        assert_eq!(codes(&found), ["quantity-value"], "{text}: {found:?}");
        assert_eq!(code, 1);
    }
    // A real sentence end still separates the cue from the number.
    let file = dir.join("two.txt");
    std::fs::write(&file, "The aqueduct was approved. The road will run 260km.").unwrap();
    let (code, found) = json_run(&["check", "--rules", rules, file.to_str().unwrap()]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_cue_inside_a_name_still_binds_its_number() {
    // Cues are found with overlapping matches: "pipeline" is the quantity
    // rule's cue even where an entity form covers it.
    let dir = temp_dir("cue-in-name");
    let rules = dir.join("rules.toml");
    std::fs::write(
        &rules,
        "[[entity]]\nid = \"pos\"\ncanonical = \"Power of Siberia pipeline\"\n\n\
         [[quantity]]\nid = \"len\"\ncue = [\"pipeline\"]\nvalue = 3000\nunit = \"km\"\n",
    )
    .unwrap();
    let file = dir.join("a.txt");
    std::fs::write(&file, "The Power of Siberia pipeline will run 3,800km.").unwrap();
    let (_, found) = json_run(&[
        "check",
        "--rules",
        rules.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(codes(&found), ["quantity-value"], "{found:?}");
}

#[test]
fn rule_message_and_help_override_every_check_of_the_rule() {
    let dir = temp_dir("overrides");
    let rules = dir.join("rules.toml");
    std::fs::write(
        &rules,
        "[[entity]]\nid = \"reyes\"\ncanonical = \"Ana Reyes\"\n\n\
         [[entity]]\nid = \"hale\"\ncanonical = \"Tom Hale\"\n\n\
         [[quote]]\nid = \"q\"\nspeaker = \"reyes\"\ntext = \"we will keep every promise we made\"\n\
         message = \"house: misquoted\"\nhelp = \"house: check the tape\"\n",
    )
    .unwrap();
    let mut seen = Vec::new();
    for (name, text) in [
        (
            "order",
            "Ana Reyes said: “every promise we made … we will keep”.",
        ),
        (
            "speaker",
            "“We will keep every promise we made,” Tom Hale said.",
        ),
        (
            "word",
            "Ana Reyes said: “we will keep every single promise we made”.",
        ),
    ] {
        let file = dir.join(format!("{name}.txt"));
        std::fs::write(&file, text).unwrap();
        let out = Command::cargo_bin("copydesk")
            .unwrap()
            .args(["check", "--format", "json", "--rules"])
            .args([&rules, &file])
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        for f in doc["findings"].as_array().unwrap() {
            if f["rule"] != "q" {
                continue;
            }
            assert_eq!(f["message"], "house: misquoted", "{f}");
            assert_eq!(f["help"], "house: check the tape", "{f}");
            seen.push(f["code"].as_str().unwrap().to_string());
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen, ["quote-order", "quote-speaker", "quote-word"]);
}
