//! Every output format on the op-ed fixtures, on a broken rule file and on
//! `compare`: snapshots of the output (colour off, relative paths), and
//! what each format must be: SARIF valid against the official 2.1.0 schema
//! (`tests/data/sarif-schema-2.1.0.json`), checkstyle and JUnit well-formed
//! XML, each rdjsonl line a JSON object, GitLab's report a JSON array.

use assert_cmd::Command;
use serde_json::Value;

const OPED: &str = "fixtures/china-russia-2017";
const BROKEN_RULES: &str = "tests/data/bad-rules/duplicate-id.toml";
const COMPARE: &str = "fixtures/checks/compare-number/flag";

const FORMATS: &[&str] = &[
    "sarif",
    "rdjsonl",
    "checkstyle",
    "junit",
    "gitlab",
    "concise",
    "github",
];

struct Run {
    code: i32,
    stdout: String,
}

fn copydesk(args: &[&str]) -> Run {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
    }
}

fn check(format: &str, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--color", "never", "--format", format];
    args.extend_from_slice(extra);
    copydesk(&args)
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "snapshots/formats", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

/// The number of findings of the same run, from the JSON contract.
fn json_findings(extra: &[&str]) -> usize {
    let v: Value = serde_json::from_str(&check("json", extra).stdout).unwrap();
    v["findings"].as_array().unwrap().len()
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap(),
    )
    .expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid_sarif(text: &str) -> Value {
    let doc: Value = serde_json::from_str(text).expect("SARIF output is JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    // The validator does bite: a level SARIF does not know is refused.
    let mut wrong = doc.clone();
    if let Some(result) = wrong["runs"][0]["results"].get_mut(0) {
        result["level"] = Value::from("fatal");
        assert!(
            !validator.is_valid(&wrong),
            "a wrong level passes the schema"
        );
    }
    doc
}

/// Elements named `name` in a well-formed XML document (tags balanced,
/// attributes parse and unescape, only the predefined entities).
fn xml_elements(text: &str, name: &str) -> usize {
    use quick_xml::events::{BytesStart, Event};
    let attributes_parse = |e: &BytesStart| {
        for a in e.attributes() {
            let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}\n{text}"));
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .unwrap_or_else(|err| panic!("bad attribute value: {err}\n{text}"));
        }
    };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut count = 0;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                depth += 1;
                attributes_parse(&e);
                count += usize::from(e.name().0 == name);
            }
            Ok(Event::Empty(e)) => {
                attributes_parse(&e);
                count += usize::from(e.name().0 == name);
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::GeneralRef(r)) => {
                let predefined = ["amp", "lt", "gt", "quot", "apos"].contains(&&*r.xml10_content());
                assert!(
                    predefined || r.resolve_char_ref().unwrap().is_some(),
                    "unknown entity {:?}",
                    r.xml10_content()
                );
            }
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed at {}: {e}\n{text}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "every element closed");
    count
}

fn assert_rdjsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            assert!(v.is_object(), "{l}");
            v
        })
        .collect()
}

fn assert_gitlab(text: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(text).expect("GitLab report is JSON");
    let issues = v.as_array().expect("a JSON array").clone();
    for i in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[key].is_string(), "{key}: {i}");
        }
        assert!(i["location"]["path"].is_string(), "{i}");
        assert!(
            i["location"]["lines"]["begin"].as_u64().unwrap() >= 1,
            "{i}"
        );
    }
    issues
}

#[test]
fn op_ed_fixtures_in_every_format() {
    for format in FORMATS {
        let r = check(format, &["--rules", "rules", OPED]);
        assert_eq!(r.code, 1, "{format}");
        snapshot(&format!("op-ed-{format}"), &r.stdout);
    }
}

#[test]
fn a_broken_rule_file_in_every_format() {
    for format in FORMATS {
        let r = check(
            format,
            &["--rules", BROKEN_RULES, &format!("{OPED}/clean.txt")],
        );
        assert_eq!(r.code, 2, "{format}");
        assert!(
            r.stdout.contains("duplicate-id.toml"),
            "{format}: {}",
            r.stdout
        );
        snapshot(&format!("broken-rules-{format}"), &r.stdout);
    }
}

#[test]
fn compare_in_sarif_and_concise() {
    for format in ["sarif", "concise"] {
        let r = copydesk(&["compare", "--color", "never", "--format", format, COMPARE]);
        assert_eq!(r.code, 1, "{format}");
        snapshot(&format!("compare-{format}"), &r.stdout);
        if format == "sarif" {
            let doc = assert_valid_sarif(&r.stdout);
            let results = doc["runs"][0]["results"].as_array().unwrap();
            assert!(!results.is_empty());
            assert!(
                results.iter().any(|r| r["relatedLocations"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())),
                "the other versions are related locations"
            );
        }
    }
}

/// The runs the validity tests look at: the op-ed fixtures (checked all
/// at once for the cross-version check, and with it ignored, file by file
/// in parallel), a broken rule file, and an article that cannot be read.
fn cases() -> Vec<Vec<&'static str>> {
    vec![
        vec!["--rules", "rules", OPED],
        vec!["--rules", "rules", "--ignore", "quantity", OPED],
        vec![
            "--rules",
            BROKEN_RULES,
            "fixtures/china-russia-2017/clean.txt",
        ],
        vec![
            "--rules",
            "rules",
            "fixtures/china-russia-2017/taipei.txt",
            "no-such-file.txt",
        ],
    ]
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    for case in cases() {
        let r = check("sarif", &case);
        let doc = assert_valid_sarif(&r.stdout);
        let run = &doc["runs"][0];
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), json_findings(&case), "{case:?}");
        // One rule per check that appears, and nothing else.
        let mut used: Vec<&str> = results
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap())
            .collect();
        used.sort();
        used.dedup();
        let rules: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(rules, used, "{case:?}");
        let invocation = &run["invocations"][0];
        let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
        assert_eq!(
            invocation["executionSuccessful"],
            Value::Bool(notifications.is_empty()),
            "{case:?}"
        );
        assert_eq!(r.code == 2, !notifications.is_empty(), "{case:?}");
        for result in results {
            let fp = result["partialFingerprints"]["copydeskFinding/v1"]
                .as_str()
                .unwrap();
            assert!(fp.len() >= 16, "{fp}");
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(uri.starts_with("fixtures/"), "{uri}");
        }
    }
}

#[test]
fn checkstyle_and_junit_are_well_formed_xml() {
    for case in cases() {
        let findings = json_findings(&case);
        let broken = case.contains(&BROKEN_RULES) || case.contains(&"no-such-file.txt");
        let r = check("checkstyle", &case);
        let errors = xml_elements(&r.stdout, "error");
        assert_eq!(xml_elements(&r.stdout, "checkstyle"), 1);
        assert_eq!(
            errors,
            findings + usize::from(broken),
            "{case:?}\n{}",
            r.stdout
        );
        let r = check("junit", &case);
        assert_eq!(xml_elements(&r.stdout, "testsuites"), 1);
        assert_eq!(xml_elements(&r.stdout, "failure"), findings, "{case:?}");
        assert_eq!(
            xml_elements(&r.stdout, "error"),
            usize::from(broken),
            "{case:?}"
        );
    }
}

#[test]
fn rdjsonl_lines_and_the_gitlab_array_parse() {
    for case in cases() {
        let findings = json_findings(&case);
        let broken = case.contains(&BROKEN_RULES) || case.contains(&"no-such-file.txt");
        let lines = assert_rdjsonl(&check("rdjsonl", &case).stdout);
        assert_eq!(lines.len(), findings + usize::from(broken), "{case:?}");
        for l in &lines {
            assert_eq!(l["source"]["name"], "copydesk");
            assert!(["ERROR", "WARNING", "INFO"].contains(&l["severity"].as_str().unwrap()));
        }
        let issues = assert_gitlab(&check("gitlab", &case).stdout);
        assert_eq!(issues.len(), findings + usize::from(broken), "{case:?}");
        let mut fps: Vec<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        fps.sort();
        fps.dedup();
        assert_eq!(fps.len(), issues.len(), "fingerprints are unique");
    }
}

#[test]
fn fingerprints_do_not_move_with_the_lines() {
    let dir = std::env::temp_dir().join(format!("copydesk-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let original = std::fs::read_to_string(format!("{OPED}/taipei.txt")).unwrap();
    let file = dir.join("taipei.txt");
    let fingerprints = |text: &str| -> Vec<String> {
        std::fs::write(&file, text).unwrap();
        let r = check("sarif", &["--rules", "rules", file.to_str().unwrap()]);
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["copydeskFinding/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = fingerprints(&original);
    let after = fingerprints(&format!("An editor's note.\n\n{original}"));
    assert!(!before.is_empty());
    assert_eq!(before, after);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn github_step_summary_is_appended_when_asked() {
    let dir = std::env::temp_dir().join(format!("copydesk-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("step-summary.md");
    std::fs::write(&summary, "earlier step\n\n").unwrap();
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .env_remove("NO_COLOR")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github", "--rules", "rules", OPED])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("::notice title=copydesk::GitHub shows at most 10"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .ends_with("(all are in the step summary)")
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n\n### copydesk\n"), "{md}");
    snapshot("github-step-summary", &md);
    let _ = std::fs::remove_dir_all(&dir);
}
