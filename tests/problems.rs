//! Problems (input, rule-file, config and manifest errors) through the
//! command line: every one names its file, on every path through `check`,
//! `compare` and `rules draft`; standard input is read once as `-`; a run
//! that matches no file fails; and every emitter renders problems (JSON
//! `errors`, GitHub `::error`, human diagnostics on standard error).

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

const OPED: &str = "fixtures/china-russia-2017";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: Option<&PathBuf>, args: &[&str], stdin: Option<&str>) -> Run {
    let mut c = Command::cargo_bin("copydesk").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args);
    if let Some(dir) = dir {
        c.current_dir(dir);
    }
    c.write_stdin(stdin.unwrap_or("").as_bytes().to_vec());
    let out = c.output().unwrap();
    Run {
        code: out.status.code().expect("exited normally, no signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(None, args, None)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-problems-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// `--select entity` runs no cross-version check, so files are streamed;
/// the default selection needs all files at once. Both must report.
const BRANCHES: &[&[&str]] = &[&[], &["--select", "entity"]];

#[test]
fn a_missing_file_is_named_on_both_branches_of_check() {
    for extra in BRANCHES {
        let mut args = vec!["check", "--color", "never", "--rules", "rules"];
        args.extend_from_slice(extra);
        args.push("missing.txt");
        let r = run(&args);
        assert_eq!(r.code, 2, "{extra:?}");
        assert!(
            r.stderr.contains("error[input]: missing.txt: cannot read"),
            "{extra:?}: {}",
            r.stderr
        );
        // And beside a file that is checked.
        let mut args = args.clone();
        args.push("fixtures/china-russia-2017/taipei.txt");
        let r = run(&args);
        assert_eq!(r.code, 2, "{extra:?}");
        assert!(r.stderr.contains("missing.txt"), "{extra:?}: {}", r.stderr);
        assert!(r.stdout.contains("Wang Li"), "{extra:?}: {}", r.stdout);
    }
}

#[test]
fn a_missing_file_is_named_by_compare_and_draft() {
    let r = run(&["compare", "--color", "never", "missing.txt", OPED]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("missing.txt: cannot read"),
        "{}",
        r.stderr
    );
    let r = run(&["rules", "draft", "missing.txt", OPED]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("missing.txt: cannot read"),
        "{}",
        r.stderr
    );
}

#[test]
fn paths_that_match_no_file_fail_and_are_named() {
    let dir = temp_dir("no-articles");
    std::fs::write(dir.join("page.json"), "Wang Li").unwrap();
    let shown = dir.to_str().unwrap();
    for extra in BRANCHES {
        let mut args = vec!["check", "--color", "never", "--rules", "rules"];
        args.extend_from_slice(extra);
        args.push(shown);
        let r = run(&args);
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "error[input]: {shown}: holds no file copydesk reads"
            )),
            "{extra:?}: {}",
            r.stderr
        );
    }
    let r = run(&["compare", shown]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(shown), "{}", r.stderr);
    let r = run(&["rules", "draft", shown]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(shown), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no draft is written: {}", r.stdout);
    // An empty folder beside a real file is not an error.
    let r = run(&[
        "check",
        "--rules",
        "rules",
        shown,
        &format!("{OPED}/clean.txt"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

const WANG_LI: &str = "Foreign Minister Wang Li said so.\n";

#[test]
fn dash_reads_standard_input_on_both_branches() {
    for extra in BRANCHES {
        let mut args = vec!["check", "--color", "never", "--rules", "rules"];
        args.extend_from_slice(extra);
        args.push("-");
        let r = run_in(None, &args, Some(WANG_LI));
        assert_eq!(r.code, 1, "{extra:?}: {}", r.stderr);
        // The text is shown: it was kept, not read again from a file "-".
        assert!(r.stdout.contains("<stdin>:1:18"), "{extra:?}: {}", r.stdout);
        assert!(
            r.stdout.contains("1 │ Foreign Minister Wang Li said so."),
            "{extra:?}: {}",
            r.stdout
        );
        assert!(r.stdout.contains("in 1 file"), "{extra:?}: {}", r.stdout);

        let mut args = vec!["check", "--format", "json", "--rules", "rules"];
        args.extend_from_slice(extra);
        args.push("-");
        let v = json(&run_in(None, &args, Some(WANG_LI)));
        let f = &v["findings"][0];
        assert_eq!(f["path"], "<stdin>");
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(1), Some(18))
        );
        assert_eq!(v["errors"], Value::Array(Vec::new()));
    }
}

#[test]
fn dash_is_a_version_for_compare_and_draft() {
    let dir = temp_dir("stdin-compare");
    for (name, who) in [("a.txt", "Wang Yi"), ("b.txt", "Wang Yi")] {
        std::fs::write(dir.join(name), format!("Foreign Minister {who} said so.\n")).unwrap();
    }
    let r = run_in(
        Some(&dir),
        &["compare", "--format", "json", "a.txt", "b.txt", "-"],
        Some(WANG_LI),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(v["summary"]["files"], 3);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "<stdin>" && f["found"] == "Wang Li"),
        "{}",
        r.stdout
    );
    let r = run_in(
        Some(&dir),
        &["rules", "draft", "a.txt", "b.txt", "-"],
        Some(WANG_LI),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Wang Yi"), "{}", r.stdout);
}

#[test]
fn json_lists_problems_in_errors() {
    let r = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        "tests/data/bad-rules/duplicate-id.toml",
        "missing.txt",
        &format!("{OPED}/clean.txt"),
    ]);
    assert_eq!(r.code, 2);
    let v = json(&r);
    assert_eq!(v["version"], 1);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    let rules = &errors[0];
    assert_eq!(rules["kind"], "rules");
    assert_eq!(rules["path"], "tests/data/bad-rules/duplicate-id.toml");
    assert_eq!(rules["message"], "duplicate rule id `wang-yi`");
    assert_eq!(
        (rules["line"].as_u64(), rules["column"].as_u64()),
        (Some(6), Some(6))
    );
    assert_eq!(rules["label"], "this rule reuses the id");
    assert_eq!(rules["related"][0]["line"], 2);
    assert_eq!(rules["related"][0]["message"], "first declared here");
    let input = &errors[1];
    assert_eq!(input["kind"], "input");
    assert_eq!(input["path"], "missing.txt");
    assert!(input.get("line").is_none(), "no place, no line: {input}");
    // The other file is still checked and counted.
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn json_errors_from_compare_and_on_a_clean_run() {
    let r = run(&["compare", "--format", "json", "missing.txt", OPED]);
    assert_eq!(r.code, 2);
    let v = json(&r);
    assert_eq!(v["errors"][0]["path"], "missing.txt");
    assert!(!v["findings"].as_array().unwrap().is_empty());
    let r = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        "rules",
        &format!("{OPED}/clean.txt"),
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(json(&r)["errors"], Value::Array(Vec::new()));
}

#[test]
fn config_and_manifest_problems_have_their_kinds() {
    let dir = temp_dir("config-manifest");
    std::fs::write(dir.join("copydesk.toml"), "rulez = []\n").unwrap();
    std::fs::write(dir.join("a.txt"), "Nothing to see.\n").unwrap();
    std::fs::write(
        dir.join("copydesk.versions.toml"),
        "[[version]]\nfile = \"a.txt\"\npublished = \"yesterday\"\n",
    )
    .unwrap();
    let r = run_in(
        Some(&dir),
        &["check", "--format", "json", "--rules", "no-rules", "a.txt"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    let kinds: Vec<(&str, &str)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("config", "copydesk.toml"),
            ("rules", "no-rules"),
            ("manifest", "copydesk.versions.toml"),
        ],
        "{}",
        r.stdout
    );
    let manifest = &v["errors"][2];
    assert_eq!(
        (manifest["line"].as_u64(), manifest["column"].as_u64()),
        (Some(3), Some(13))
    );
    let config = &v["errors"][0];
    assert_eq!(config["line"], 1);
    assert!(r.stderr.contains("error[config]"), "{}", r.stderr);
    assert!(r.stderr.contains("error[manifest]"), "{}", r.stderr);
}

#[test]
fn github_annotates_problems() {
    let r = run(&[
        "check",
        "--format",
        "github",
        "--rules",
        "tests/data/bad-rules/duplicate-id.toml",
        "miss,ing.txt",
        &format!("{OPED}/clean.txt"),
    ]);
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=tests/data/bad-rules/duplicate-id.toml,line=6,col=6,endColumn=15,title=copydesk rules::duplicate rule id `wang-yi`%0Ahelp: give every rule its own id: findings and suppressions refer to it"
    );
    assert!(
        lines[1].starts_with("::error file=miss%2Cing.txt,title=copydesk input::cannot read: "),
        "{}",
        r.stdout
    );
}

#[test]
fn control_characters_in_file_names_never_reach_the_terminal() {
    let name = "gone\u{1b}[2J\u{202e}.txt";
    for format in ["human", "github"] {
        let r = run(&["check", "--format", format, "--rules", "rules", name]);
        assert_eq!(r.code, 2);
        for out in [&r.stdout, &r.stderr] {
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{202e}'),
                "{format}: {out:?}"
            );
        }
        assert!(
            r.stderr.contains("gone<U+001B>[2J<U+202E>.txt"),
            "{}",
            r.stderr
        );
    }
    // In JSON the name is data, written exactly (escaped by JSON itself).
    let r = run(&["check", "--format", "json", "--rules", "rules", name]);
    assert_eq!(json(&r)["errors"][0]["path"], name);
}

#[test]
fn front_matter_problems_name_the_file() {
    let dir = temp_dir("front-matter");
    let path = dir.join("fm.txt");
    std::fs::write(&path, "+++\npublished = \"soon\"\n+++\nText.\n").unwrap();
    for extra in BRANCHES {
        let mut args = vec!["check", "--format", "json", "--rules", "rules"];
        args.extend_from_slice(extra);
        args.push(path.to_str().unwrap());
        let r = run(&args);
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stderr);
        let v = json(&r);
        assert_eq!(v["errors"][0]["kind"], "input", "{}", r.stdout);
        assert_eq!(v["errors"][0]["path"], path.to_str().unwrap());
        assert!(r.stderr.contains("fm.txt"), "{}", r.stderr);
    }
}

#[test]
fn user_text_in_plain_errors_is_made_safe() {
    let r = run(&["explain", "no\u{1b}[2Jcheck"]);
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    assert!(r.stderr.contains("no<U+001B>[2Jcheck"), "{}", r.stderr);
}

/// Found by fuzzing `check_render`: a `.json` file that is no JSON but
/// begins with front matter was checked as an empty text whose body began
/// past its end, and `check` panicked. It is an input error naming the
/// file, and the run goes on.
#[test]
fn a_json_file_that_is_no_json_but_has_front_matter_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.json");
    std::fs::write(
        &file,
        "+++\npublished = 2021-03-22\n+++\nThe harbour bridge opened on Monday, 16 March 2021, and the ferry ends on Frrday, April 2, 2021.",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--color", "never", "--rules", "rules"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("error[input]") && stderr.contains("story.json"),
        "{stderr}"
    );
}

/// `compare` reports what `check` reports of a version: a file its reader
/// refuses and a front-matter value that is no date are input errors
/// naming the file (and the line), exit 2, in human and JSON output; the
/// other versions are still compared.
#[test]
fn compare_reports_a_version_its_reader_refuses_and_bad_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("export.json"),
        "this CMS export is no JSON: Foreign Minister Wang Yi spoke.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("dated.md"),
        "---\npublished: 2017-13-45\n---\nForeign Minister Wang Yi spoke on Monday.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("plain.txt"),
        "Foreign Minister Wang Yi spoke on Monday.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("other.txt"),
        "Foreign Minister Wang Yi spoke on Monday.",
    )
    .unwrap();
    let args = [
        "compare",
        "--no-config",
        "--color",
        "never",
        "export.json",
        "dated.md",
        "plain.txt",
        "other.txt",
    ];
    let human = assert_cmd::Command::cargo_bin("copydesk")
        .unwrap()
        .current_dir(dir.path())
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(human.stderr).unwrap();
    assert_eq!(human.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error[input]: export.json: malformed JSON at line 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[input]: dated.md: front matter `published` on line 2"),
        "{stderr}"
    );
    let json = assert_cmd::Command::cargo_bin("copydesk")
        .unwrap()
        .current_dir(dir.path())
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    let text = doc.to_string();
    assert!(
        text.contains("export.json") && text.contains("dated.md"),
        "{text}"
    );
    // A clean pair stays clean: no error for versions that read.
    let clean = assert_cmd::Command::cargo_bin("copydesk")
        .unwrap()
        .current_dir(dir.path())
        .args(["compare", "--no-config", "plain.txt", "other.txt"])
        .output()
        .unwrap();
    assert_eq!(clean.status.code(), Some(0));
}
