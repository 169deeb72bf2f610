//! `copydesk.toml` end to end: found walking up from each file (nearest
//! wins), `--config` and `--no-config`, paths relative to the file, every
//! key, `[severity]`, unknown keys and codes with "did you mean", and the
//! run that finds no rules. Also the everyday flags: `--output`, `--quiet`,
//! `--statistics`, `--exit-zero`, and colour from the environment.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, args, &[])
}

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = Command::cargo_bin("copydesk").unwrap();
    for v in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
        c.env_remove(v);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.current_dir(dir).args(args).output().unwrap();
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A newsroom tree: `copydesk.toml` at the root naming `canon/`, a desk
/// folder with its own config, and an article that flags
/// `entity-near-miss` (a warning by default) in each.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("canon")).unwrap();
    std::fs::create_dir_all(root.join("world")).unwrap();
    std::fs::create_dir_all(root.join("sport/deep")).unwrap();
    std::fs::copy(
        repo("fixtures/checks/entity-near-miss/rules.toml"),
        root.join("canon/people.toml"),
    )
    .unwrap();
    let flag = repo("fixtures/checks/entity-near-miss/flag.txt");
    std::fs::copy(&flag, root.join("world/piece.txt")).unwrap();
    std::fs::copy(&flag, root.join("sport/deep/piece.txt")).unwrap();
    std::fs::write(root.join("copydesk.toml"), "rules = [\"canon\"]\n").unwrap();
    // The sport desk makes near-misses errors; its rules path is relative
    // to its own folder.
    std::fs::write(
        root.join("sport/copydesk.toml"),
        "rules = [\"../canon\"]\n[severity]\nentity-near-miss = \"error\"\n",
    )
    .unwrap();
    dir
}

/// The (path, severity) pairs of a JSON report, each once.
fn severities(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut pairs: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// How many findings a JSON report holds.
fn findings(json: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"].as_array().unwrap().len()
}

#[test]
fn the_nearest_config_governs_each_file() {
    let dir = newsroom();
    let r = run_in(dir.path(), &["check", "--format", "json", "world", "sport"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let got = severities(&r.stdout);
    assert!(
        got.contains(&("world/piece.txt".into(), "warning".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("sport/deep/piece.txt".into(), "error".into())),
        "{got:?}"
    );
    // Run from inside the desk: the config is found walking up.
    let r = run_in(
        &dir.path().join("sport/deep"),
        &["check", "--format", "json", "piece.txt"],
    );
    assert_eq!(
        severities(&r.stdout),
        [("piece.txt".to_string(), "error".to_string())]
    );
}

#[test]
fn config_flag_and_no_config() {
    let dir = newsroom();
    // --config names one file for every file: the root's (warnings only).
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "copydesk.toml",
            "sport",
        ],
    );
    assert_eq!(
        severities(&r.stdout),
        [("sport/deep/piece.txt".into(), "warning".into())]
    );
    assert_eq!(r.code, 0);
    // --no-config: no rules are found, and that is an error.
    let r = run_in(dir.path(), &["check", "--no-config", "world"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no rules to check against"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--no-rules"), "{}", r.stderr);
    // … unless the run means it.
    let r = run_in(dir.path(), &["check", "--no-config", "--no-rules", "world"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no findings in 1 file"), "{}", r.stdout);
}

#[test]
fn no_rules_anywhere_is_an_error_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "A short piece with nothing in it.",
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("error[config]: no rules to check against"),
        "{}",
        r.stderr
    );
    let r = run_in(dir.path(), &["check", "--format", "json", "a.txt"]);
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["errors"][0]["kind"], "config");
    let r = run_in(dir.path(), &["check", "--format", "github", "a.txt"]);
    assert!(r.stdout.starts_with("::error "), "{}", r.stdout);
    // `rules = []` in the config says no rules are meant.
    std::fs::write(dir.path().join("copydesk.toml"), "rules = []\n").unwrap();
    let r = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn every_key_of_the_file() {
    let dir = newsroom();
    let root = dir.path();
    std::fs::write(root.join("world/old.draft.txt"), "Sergey Lavrow spoke.").unwrap();
    std::fs::write(
        root.join("copydesk.toml"),
        r#"rules = ["canon"]
format = "json"
fail_on = "warning"
select = ["entity"]
ignore = ["entity-role"]
exclude = ["*.draft.txt"]
locale = "en-GB"
outlet = "The World Desk"
"#,
    )
    .unwrap();
    let r = run_in(root, &["check", "world"]);
    // format = json, fail_on = warning, exclude leaves out the draft.
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        severities(&r.stdout),
        [("world/piece.txt".into(), "warning".into())]
    );
    // Flags win: --format and --fail-on.
    let r = run_in(
        root,
        &["check", "--format", "human", "--fail-on", "error", "world"],
    );
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("warning"), "{}", r.stdout);
    // select = ["entity"] with --select replaced: nothing of `term` here.
    let r = run_in(root, &["check", "--select", "term", "world"]);
    assert!(severities(&r.stdout).is_empty(), "{}", r.stdout);
    // --exit-zero: findings never fail.
    let r = run_in(root, &["check", "--exit-zero", "world"]);
    assert_eq!(r.code, 0);
    assert!(!severities(&r.stdout).is_empty());
}

/// The (rule, severity) pairs of a JSON report, each once.
fn by_rule(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut pairs: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

#[test]
fn severity_by_code_kind_and_rule_id_or_off() {
    let dir = newsroom();
    let root = dir.path();
    let run_with = |severity: &str| {
        std::fs::write(
            root.join("copydesk.toml"),
            format!("rules = [\"canon\"]\n[severity]\n{severity}\n"),
        )
        .unwrap();
        let r = run_in(root, &["check", "--format", "json", "world"]);
        by_rule(&r.stdout)
    };
    let before = run_with("");
    assert!(before.len() >= 2, "several rules flag: {before:?}");
    assert!(before.iter().all(|(_, s)| s == "warning"));
    let (one, _) = before[0].clone();
    // By code and by kind: every finding.
    assert!(
        run_with("entity-near-miss = \"error\"")
            .iter()
            .all(|(_, s)| s == "error")
    );
    assert!(
        run_with("entity = \"note\"")
            .iter()
            .all(|(_, s)| s == "note")
    );
    assert!(run_with("entity-near-miss = \"off\"").is_empty());
    // By rule id: that rule's findings only; the rule wins over its check.
    let got = run_with(&format!(
        "\"{one}\" = \"error\"\nentity-near-miss = \"note\""
    ));
    for (rule, s) in &got {
        assert_eq!(s, if *rule == one { "error" } else { "note" }, "{got:?}");
    }
    let got = run_with(&format!("\"{one}\" = \"off\""));
    assert_eq!(got.len(), before.len() - 1);
    assert!(got.iter().all(|(rule, _)| *rule != one));
}

#[test]
fn unknown_keys_and_codes_point_into_the_file_with_did_you_mean() {
    let dir = newsroom();
    let root = dir.path();
    std::fs::write(
        root.join("copydesk.toml"),
        "rules = [\"canon\"]\nfail-on = \"warning\"\n",
    )
    .unwrap();
    let r = run_in(root, &["check", "--color", "never", "world"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("error[config]: unknown key `fail-on`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("copydesk.toml:2:1"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `fail_on`?"), "{}", r.stderr);
    std::fs::write(
        root.join("copydesk.toml"),
        "rules = [\"canon\"]\nignore = [\"entity-near-mis\"]\n[severity]\nentity-nearmiss = \"error\"\n",
    )
    .unwrap();
    let r = run_in(root, &["check", "--color", "never", "world"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no check or kind named `entity-near-mis`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("no check, kind or rule named `entity-nearmiss`"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("did you mean `entity-near-miss`?").count(),
        2,
        "{}",
        r.stderr
    );
    // A mistyped code on the command line is a usage error with the same help.
    let r = run_in(root, &["check", "--select", "entity-varient", "world"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `entity-variant`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn compare_reads_the_config_of_its_versions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let versions = repo("fixtures/compare-cli/two-papers");
    std::fs::create_dir_all(root.join("piece")).unwrap();
    for e in std::fs::read_dir(&versions).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), root.join("piece").join(e.file_name())).unwrap();
    }
    let r = run_in(root, &["compare", "--format", "json", "piece"]);
    let before = severities(&r.stdout);
    assert!(!before.is_empty(), "the two papers disagree: {}", r.stdout);
    std::fs::write(
        root.join("copydesk.toml"),
        "format = \"json\"\n[severity]\ncompare = \"note\"\n",
    )
    .unwrap();
    let r = run_in(root, &["compare", "piece"]);
    let after = severities(&r.stdout);
    assert_eq!(after.len(), before.len());
    assert!(after.iter().all(|(_, s)| s == "note"), "{after:?}");
    assert_eq!(r.code, 0);
    // `reference`, relative to the config file: findings land only in the
    // other version, and the message says whose reading decides.
    std::fs::write(
        root.join("copydesk.toml"),
        "format = \"json\"\nreference = \"piece/coast-herald.txt\"\n",
    )
    .unwrap();
    let r = run_in(root, &["compare", "piece"]);
    let got = severities(&r.stdout);
    assert!(!got.is_empty());
    assert!(
        got.iter().all(|(p, _)| p == "piece/valley-post.txt"),
        "{got:?}"
    );
    assert!(r.stdout.contains("the reference version"), "{}", r.stdout);
}

#[test]
fn output_writes_the_report_whole_and_the_summary_to_the_terminal() {
    let dir = newsroom();
    let root = dir.path();
    let r = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--output",
            "report.json",
            "world",
        ],
    );
    assert_eq!(r.code, 0);
    let report = std::fs::read_to_string(root.join("report.json")).unwrap();
    let n = findings(&report);
    assert!(n > 0);
    assert_eq!(
        r.stdout,
        format!("0 errors, {n} warnings, 0 notes in 1 file (report in report.json)\n")
    );
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("copydesk-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A folder that does not exist: an error before any work, naming it.
    let r = run_in(root, &["check", "--output", "no/such/dir/r.json", "world"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--output no/such/dir/r.json"),
        "{}",
        r.stderr
    );
}

#[test]
fn quiet_and_statistics() {
    let dir = newsroom();
    let root = dir.path();
    let json = run_in(root, &["check", "--format", "json", "world", "sport"]).stdout;
    let n = findings(&json) / 2;
    let r = run_in(root, &["check", "--color", "never", "world", "sport"]);
    assert!(
        r.stdout
            .ends_with(&format!("{n} errors, {n} warnings, 0 notes in 2 files\n")),
        "{}",
        r.stdout
    );
    let q = run_in(
        root,
        &["check", "--color", "never", "--quiet", "world", "sport"],
    );
    assert!(!q.stdout.contains(" in 2 files"), "{}", q.stdout);
    assert!(q.stdout.contains("entity-near-miss"), "{}", q.stdout);
    let s = run_in(
        root,
        &[
            "check",
            "--color",
            "never",
            "--statistics",
            "world",
            "sport",
        ],
    );
    let last = s.stdout.lines().last().unwrap();
    assert!(
        last.contains("entity-near-miss") && last.trim_start().starts_with(&(2 * n).to_string()),
        "{}",
        s.stdout
    );
    assert!(
        last.contains(&format!("{n} errors, {n} warnings")),
        "{last}"
    );
    // For a machine format the table goes to standard error; the JSON stays whole.
    let s = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--statistics",
            "world",
            "sport",
        ],
    );
    serde_json::from_str::<serde_json::Value>(&s.stdout).unwrap();
    assert!(s.stderr.contains("entity-near-miss"), "{}", s.stderr);
}

#[test]
fn colour_follows_clicolor_force_and_no_color() {
    let dir = newsroom();
    let root = dir.path();
    let plain = run_env(root, &["check", "world"], &[]);
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "not a terminal: no colour"
    );
    let forced = run_env(root, &["check", "world"], &[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.stdout.contains('\u{1b}'),
        "CLICOLOR_FORCE colours a pipe"
    );
    let never = run_env(
        root,
        &["check", "--color", "never", "world"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!never.stdout.contains('\u{1b}'), "--color never wins");
    let no = run_env(
        root,
        &["check", "world"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(
        !no.stdout.contains('\u{1b}'),
        "NO_COLOR wins over CLICOLOR_FORCE"
    );
}
