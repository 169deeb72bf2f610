//! End-to-end tests of the command line: exit codes, formats, colour,
//! rule-file errors, input errors, and snapshots of every op-ed version.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn copydesk() -> Command {
    let mut c = Command::cargo_bin("copydesk").unwrap();
    c.env_remove("NO_COLOR").env_remove("GITHUB_STEP_SUMMARY");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = copydesk().args(args).output().unwrap();
    Run {
        code: out.status.code().expect("exited normally, no signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const OPED: &str = "fixtures/china-russia-2017";

#[test]
fn op_ed_versions_snapshots() {
    for version in ["clean", "taipei", "national", "scmp", "arabnews"] {
        let path = format!("{OPED}/{version}.txt");
        let r = run(&["check", "--color", "never", "--rules", "rules", &path]);
        insta::with_settings!({snapshot_path => "snapshots/op-ed", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(version, r.stdout);
        });
    }
}

#[test]
fn exit_codes_follow_the_fail_level() {
    assert_eq!(
        run(&["check", "--rules", "rules", &format!("{OPED}/clean.txt")]).code,
        0
    );
    assert_eq!(
        run(&["check", "--rules", "rules", &format!("{OPED}/taipei.txt")]).code,
        1
    );
    assert_eq!(
        run(&[
            "check",
            "--rules",
            "rules",
            "--fail-on",
            "never",
            &format!("{OPED}/taipei.txt")
        ])
        .code,
        0
    );
    // Only warnings: passes at the default level, fails at --fail-on warning.
    let warn_only = "fixtures/checks/entity-near-miss";
    let args = [
        "check",
        "--rules",
        &format!("{warn_only}/rules.toml"),
        &format!("{warn_only}/flag.txt"),
    ];
    assert_eq!(run(&args).code, 0);
    let mut strict = args.to_vec();
    strict.extend(["--fail-on", "warning"]);
    assert_eq!(run(&strict).code, 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["check"]).code, 2);
    assert_eq!(run(&["check", "--format", "xml", OPED]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
    assert_eq!(run(&["--help"]).code, 0);
}

#[test]
fn missing_rules_path_is_an_error() {
    let r = run(&[
        "check",
        "--rules",
        "no/such/rules",
        &format!("{OPED}/clean.txt"),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no/such/rules"), "{}", r.stderr);
}

#[test]
fn empty_rules_directory_runs_rule_less_checks_only() {
    let dir = temp_dir("empty-rules");
    let r = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        dir.to_str().unwrap(),
        OPED,
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let found: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            // Rule-less findings carry their check's code as rule id.
            assert_eq!(f["rule"], f["code"], "{f}");
            let file = f["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (file, f["found"].as_str().unwrap().to_string())
        })
        .collect();
    // Exactly the planted drift that needs no rule: a weekday that does not
    // match its date, a mixed-spelling word, a closing mark with no opening.
    // (The wrong Dh conversion needs the rule file's exchange rate.)
    assert_eq!(
        found,
        [
            (
                "arabnews.txt".to_string(),
                "Monday, 31 October 2017".to_string()
            ),
            ("arabnews.txt".to_string(), "destabilizing".to_string()),
            ("scmp.txt".to_string(), "”".to_string()),
        ]
    );
}

#[test]
fn unreadable_and_non_utf8_inputs_are_reported_and_others_still_checked() {
    let dir = temp_dir("bad-input");
    let bad = dir.join("latin1.txt");
    std::fs::write(&bad, b"first line\nWang Yi said caf\xe9\n").unwrap();
    let r = run(&[
        "check",
        "--color",
        "never",
        "--rules",
        "rules",
        bad.to_str().unwrap(),
        "no-such-file.txt",
        &format!("{OPED}/taipei.txt"),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("latin1.txt") && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("no-such-file.txt"), "{}", r.stderr);
    assert!(
        r.stdout.contains("Wang Li"),
        "taipei.txt was still checked: {}",
        r.stdout
    );
}

#[test]
fn broken_rule_files_are_diagnosed_with_exit_2() {
    let mut cases: Vec<_> = std::fs::read_dir("tests/data/bad-rules")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6);
    for case in cases {
        let name = case.file_stem().unwrap().to_str().unwrap().to_string();
        let r = run(&[
            "rules",
            "check",
            "--color",
            "never",
            "--rules",
            case.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 2, "{name}");
        assert!(
            r.stderr.contains(&format!("{}:", case.display())),
            "{name}: names the file\n{}",
            r.stderr
        );
        insta::with_settings!({snapshot_path => "snapshots/rule-errors", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name.clone(), r.stderr);
        });
        // `check` with a broken rule file still checks, and exits 2.
        let r = run(&[
            "check",
            "--color",
            "never",
            "--rules",
            case.to_str().unwrap(),
            &format!("{OPED}/clean.txt"),
        ]);
        assert_eq!(r.code, 2, "{name}");
        assert!(r.stdout.contains("in 1 file"), "{name}: {}", r.stdout);
    }
}

#[test]
fn shipped_rules_are_valid() {
    let r = run(&["rules", "check", "--rules", "rules"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(": ok"));
}

#[test]
fn json_is_the_versioned_contract() {
    let r = run(&["check", "--format", "json", "--rules", "rules", OPED]);
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let mut last: Option<(String, u64)> = None;
    for f in findings {
        for key in [
            "path",
            "rule",
            "kind",
            "severity",
            "message",
            "start",
            "end",
            "line",
            "column",
            "found",
            "expected",
            "help",
            "label",
            "notes",
            "related",
            "suggestion",
        ] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        // start/end are byte offsets into the file on disk; line/column agree.
        let path = f["path"].as_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        let slice = &text[s..e];
        let line = text[..s].matches('\n').count() + 1;
        let column = text[..s].rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(f["line"].as_u64().unwrap() as usize, line);
        assert_eq!(f["column"].as_u64().unwrap() as usize, column);
        assert!(!slice.is_empty());
        // Sorted by path, then start.
        let key = (path.to_string(), s as u64);
        if let Some(prev) = &last {
            assert!(*prev <= key, "not sorted: {prev:?} then {key:?}");
        }
        last = Some(key);
    }
    let s = &v["summary"];
    assert_eq!(s["files"], 5);
    let total = s["errors"].as_u64().unwrap()
        + s["warnings"].as_u64().unwrap()
        + s["notes"].as_u64().unwrap();
    assert_eq!(total as usize, findings.len());
}

#[test]
fn json_wang_li_finding_is_exact() {
    let r = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        "rules",
        &format!("{OPED}/taipei.txt"),
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["found"] == "Wang Li")
        .expect("Wang Li reported");
    assert_eq!(f["rule"], "wang-yi");
    assert_eq!(f["kind"], "entity");
    assert_eq!(f["code"], "entity-variant");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["expected"], "Wang Yi");
    assert_eq!(f["help"], "write “Wang Yi”");
    assert_eq!(f["label"], "found “Wang Li”");
    // The rule that declares the fact, at its line and column in the rule file.
    let related = f["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{related:?}");
    let r = &related[0];
    assert_eq!(r["path"], "rules/china-russia-2017.toml");
    let toml = std::fs::read_to_string("rules/china-russia-2017.toml").unwrap();
    let (s, e) = (
        r["start"].as_u64().unwrap() as usize,
        r["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&toml[s..e], "\"Wang Yi\"");
    assert_eq!(r["line"], toml[..s].matches('\n').count() + 1);
    assert_eq!(
        r["column"],
        toml[..s].rsplit('\n').next().unwrap().chars().count() + 1
    );
    assert_eq!(r["end_line"], r["line"]);
    assert_eq!(r["end_column"], r["column"].as_u64().unwrap() + 9);
    assert!(r["message"].as_str().unwrap().contains("wang-yi"), "{r}");
}

#[test]
fn json_compare_findings_point_at_the_other_versions() {
    let r = run(&["compare", "--format", "json", OPED]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["found"] == "Wang Li" && f["path"] == format!("{OPED}/taipei.txt"))
        .expect("Wang Li reported in taipei.txt");
    assert!(!f["label"].as_str().unwrap().is_empty(), "{f}");
    let related = f["related"].as_array().unwrap();
    assert!(!related.is_empty(), "{f}");
    for r in related {
        let path = r["path"].as_str().unwrap();
        assert!(
            path.starts_with(OPED) && !path.ends_with("taipei.txt"),
            "{r}"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let s = r["start"].as_u64().unwrap() as usize;
        let e = r["end"].as_u64().unwrap() as usize;
        // Each label quotes the words it points at in that version.
        assert!(
            r["message"]
                .as_str()
                .unwrap()
                .contains(&format!("“{}”", &text[s..e])),
            "{r}"
        );
        assert_eq!(r["line"], text[..s].matches('\n').count() + 1, "{r}");
        assert_eq!(
            r["column"],
            text[..s].rsplit('\n').next().unwrap().chars().count() + 1,
            "{r}"
        );
    }
    assert!(
        f["notes"].is_array() && f.get("suggestion").is_some(),
        "{f}"
    );
}

#[test]
fn github_format_prints_workflow_commands() {
    let r = run(&[
        "check",
        "--format",
        "github",
        "--rules",
        "rules",
        &format!("{OPED}/taipei.txt"),
    ]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(
            l.starts_with("::error file=")
                || l.starts_with("::warning file=")
                || l.starts_with("::notice file="),
            "{l}"
        );
        assert!(
            l.contains(",line=")
                && l.contains(",col=")
                && l.contains(",endColumn=")
                && l.contains(",title="),
            "{l}"
        );
    }
    assert!(
        r.stdout
            .contains("::error file=fixtures/china-russia-2017/taipei.txt,line=19,col=229"),
        "{}",
        r.stdout
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let path = format!("{OPED}/taipei.txt");
    let always = run(&["check", "--color", "always", "--rules", "rules", &path]);
    assert!(always.stdout.contains('\u{1b}'));
    let never = run(&["check", "--color", "never", "--rules", "rules", &path]);
    assert!(!never.stdout.contains('\u{1b}'));
    // auto: stdout is a pipe here, so no colour.
    let auto = run(&["check", "--rules", "rules", &path]);
    assert!(!auto.stdout.contains('\u{1b}'));
    let out = copydesk()
        .env("NO_COLOR", "1")
        .args(["check", "--rules", "rules", &path])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn long_paragraphs_are_windowed_and_keep_true_positions() {
    let r = run(&[
        "check",
        "--color",
        "never",
        "--rules",
        "rules",
        &format!("{OPED}/taipei.txt"),
    ]);
    for line in r.stdout.lines() {
        assert!(line.chars().count() < 200, "line too long: {line}");
    }
    assert!(r.stdout.contains("taipei.txt:19:229"), "{}", r.stdout);
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal() {
    let dir = temp_dir("control");
    let path = dir.join("evil.txt");
    std::fs::write(
        &path,
        "Foreign Minister Wang Li\u{1b}[2J said \u{202e}olleh\u{7} today.",
    )
    .unwrap();
    let r = run(&[
        "check",
        "--color",
        "never",
        "--rules",
        "rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        !r.stdout.contains('\u{1b}')
            && !r.stdout.contains('\u{202e}')
            && !r.stdout.contains('\u{7}'),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("<U+001B>"), "{}", r.stdout);
}

#[test]
fn spans_ending_inside_multibyte_text_do_not_panic() {
    let dir = temp_dir("cjk");
    let path = dir.join("cjk.txt");
    let long = "字".repeat(400);
    std::fs::write(&path, format!("{long} Wang Li (王力) {long}\n\n“Wang Li”")).unwrap();
    let r = run(&[
        "check",
        "--color",
        "never",
        "--rules",
        "rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("cjk.txt:1:402"), "{}", r.stdout);
    assert!(r.stdout.contains("cjk.txt:3:2"), "{}", r.stdout);
}

#[test]
fn directories_are_walked_in_order_for_txt_and_md() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), "Wang Li").unwrap();
    std::fs::write(dir.join("sub/a.md"), "Wang Li").unwrap();
    std::fs::write(dir.join("c.json"), "Wang Li").unwrap();
    let r = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        "rules",
        dir.to_str().unwrap(),
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths[0].ends_with("b.txt")
            && paths[1].ends_with(&format!("sub{}a.md", std::path::MAIN_SEPARATOR))
    );
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn explain_prints_the_long_description() {
    let r = run(&["explain", "entity-near-miss"]);
    assert_eq!(r.code, 0);
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        assert!(r.stdout.contains(heading));
    }
    let kind = run(&["explain", "entity"]);
    assert!(kind.stdout.contains("entity-variant") && kind.stdout.contains("entity-role"));
    assert_eq!(run(&["explain", "no-such-check"]).code, 2);
    assert!(run(&["explain"]).stdout.contains("term"));
}

#[test]
fn output_is_deterministic() {
    let a = run(&["check", "--format", "json", "--rules", "rules", OPED]).stdout;
    let b = run(&["check", "--format", "json", "--rules", "rules", OPED]).stdout;
    assert_eq!(a, b);
}

#[test]
fn config_file_sets_the_default_rules() {
    let dir = temp_dir("config");
    std::fs::write(
        dir.join("copydesk.toml"),
        "rules = [\"my-rules\"]\nfail_on = \"warning\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("my-rules")).unwrap();
    std::fs::copy(
        "fixtures/checks/entity-near-miss/rules.toml",
        dir.join("my-rules/r.toml"),
    )
    .unwrap();
    std::fs::copy(
        "fixtures/checks/entity-near-miss/flag.txt",
        dir.join("flag.txt"),
    )
    .unwrap();
    let out = copydesk()
        .current_dir(&dir)
        .args(["check", "flag.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "fail_on = warning from the config"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Lavrow"), "{stdout}");
    // The finding points into the rule file the config named.
    let rule_file = Path::new("my-rules").join("r.toml");
    assert!(
        stdout.contains(&format!("{}:3:13", rule_file.display())),
        "{stdout}"
    );
    std::fs::write(dir.join("copydesk.toml"), "rulez = []\n").unwrap();
    let out = copydesk()
        .current_dir(&dir)
        .args(["check", "flag.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The diagnostic names the config file and the key it does not know.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("copydesk.toml") && stderr.contains("rulez"),
        "{stderr}"
    );
}

#[test]
fn select_and_ignore_choose_checks() {
    let all = run(&["check", "--format", "json", "--rules", "rules", OPED]);
    let only = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        "rules",
        "--select",
        "entity,term",
        OPED,
    ]);
    let some = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        "rules",
        "--ignore",
        "entity-near-miss,quote",
        OPED,
    ]);
    let codes = |r: &Run| -> Vec<String> {
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    let (all, only, some) = (codes(&all), codes(&only), codes(&some));
    assert!(
        all.iter().any(|c| c.starts_with("quantity"))
            && all.iter().any(|c| c == "entity-near-miss")
    );
    assert!(
        !only.is_empty() && only.iter().all(|c| c.starts_with("entity") || c == "term"),
        "{only:?}"
    );
    assert_eq!(
        only.len(),
        all.iter()
            .filter(|c| c.starts_with("entity") || *c == "term")
            .count()
    );
    assert!(
        !some
            .iter()
            .any(|c| c == "entity-near-miss" || c.starts_with("quote")),
        "{some:?}"
    );
    assert_eq!(run(&["check", "--select", "nonsense", OPED]).code, 2);
}

/// `copydesk check … | head`: a reader that stops early is not an error, in
/// every format (the JSON writer's errors keep their I/O kind).
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = temp_dir("closed-pipe");
    let text = std::fs::read_to_string(format!("{OPED}/taipei.txt")).unwrap();
    for i in 0..200 {
        std::fs::write(dir.join(format!("v{i:03}.txt")), &text).unwrap();
    }
    for format in ["json", "human", "github"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("copydesk"))
            .args(["check", "--format", format, "--rules", "rules"])
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is dropped here: the next writes fail.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(!stderr.contains("error"), "{format}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
