//! Accepting findings from the command line: suppression comments in
//! `check` and `compare` (used, unused, with their reason), and baselines
//! (`--write-baseline`, then `--baseline`): stable under edits elsewhere in
//! the file, a new finding reported, a fixed one dropped when rewritten.

use assert_cmd::Command;
use std::path::Path;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .env_remove("GITHUB_STEP_SUMMARY")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The (code, found) pairs of a JSON report.
fn found(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["found"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_comment_suppresses_and_an_unused_one_is_a_note() {
    let root = repo("");
    let args = |file: &str| {
        vec![
            "check".to_string(),
            "--format".into(),
            "json".into(),
            "--rules".into(),
            "fixtures/suppress/rules.toml".into(),
            format!("fixtures/suppress/{file}"),
        ]
    };
    let r = |file: &str| {
        let a = args(file);
        run_in(&root, &a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let next = r("next-line.md");
    let codes: Vec<String> = found(&next.stdout).into_iter().map(|c| c.0).collect();
    assert_eq!(
        codes,
        ["term"],
        "the near-miss is suppressed, the term stays: {}",
        next.stdout
    );
    assert!(
        next.stderr.contains("1 finding suppressed by comments"),
        "{}",
        next.stderr
    );
    let unused = r("unused.md");
    let notes = found(&unused.stdout)
        .into_iter()
        .filter(|(c, _)| c == "unused-suppression")
        .count();
    assert_eq!(notes, 3, "{}", unused.stdout);
    // Notes do not fail the run; the reason is shown in the human output.
    let human = run_in(
        &root,
        &[
            "check",
            "--color",
            "never",
            "--rules",
            "fixtures/suppress/rules.toml",
            "fixtures/checks/unused-suppression/flag/piece.md",
        ],
    );
    assert_eq!(human.code, 0, "{}", human.stdout);
    assert!(
        human.stdout.contains("note[unused-suppression]"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("its reason:"), "{}", human.stdout);
    // Every other format carries them too (the HTML page, the CMS export).
    for (file, format) in [("page.html", "sarif"), ("post.json", "concise")] {
        let a = [
            "check",
            "--format",
            format,
            "--rules",
            "fixtures/suppress/rules.toml",
            &format!("fixtures/suppress/{file}"),
        ];
        let out = run_in(&root, &a);
        assert_eq!(out.code, 1, "{file}: {}", out.stderr);
        assert!(
            !out.stdout.contains("Halvorson"),
            "{file}: the near-miss is suppressed: {}",
            out.stdout
        );
        // What is not suppressed is still reported, and the suppression counted.
        assert!(
            out.stdout.contains("causeway"),
            "{file}: the term finding stays: {}",
            out.stdout
        );
        assert!(
            out.stderr.contains("1 finding suppressed by comments"),
            "{file}: {}",
            out.stderr
        );
    }
}

#[test]
fn compare_honours_comments_in_its_versions() {
    let dir = tempfile::tempdir().unwrap();
    let piece = dir.path().join("piece");
    std::fs::create_dir_all(&piece).unwrap();
    let versions = repo("fixtures/compare-cli/two-papers");
    for name in ["coast-herald.txt", "valley-post.txt"] {
        std::fs::copy(versions.join(name), piece.join(name.replace(".txt", ".md"))).unwrap();
    }
    let before = run_in(dir.path(), &["compare", "--format", "json", "piece"]);
    let n = found(&before.stdout).len();
    assert!(n > 0);
    let post = piece.join("valley-post.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        format!("<!-- copydesk-disable-file compare -- the Post ran its own figures -->\n\n{text}"),
    )
    .unwrap();
    let after = run_in(dir.path(), &["compare", "--format", "json", "piece"]);
    let left = found(&after.stdout);
    assert!(
        left.len() < n,
        "findings in valley-post are suppressed: {left:?}"
    );
    let v: serde_json::Value = serde_json::from_str(&after.stdout).unwrap();
    for f in v["findings"].as_array().unwrap() {
        assert_eq!(
            f["path"], "piece/coast-herald.md",
            "only the other version keeps findings"
        );
    }
    assert!(
        after.stderr.contains("suppressed by comments"),
        "{}",
        after.stderr
    );
}

#[test]
fn a_baseline_accepts_today_and_reports_only_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::copy(
        repo("fixtures/suppress/rules.toml"),
        root.join("rules.toml"),
    )
    .unwrap();
    let flag = std::fs::read_to_string(repo("fixtures/checks/entity-near-miss/flag.txt")).unwrap();
    let piece = root.join("articles/piece.txt");
    std::fs::copy(repo("fixtures/checks/entity-near-miss/flag.txt"), &piece).unwrap();
    std::fs::copy(
        repo("fixtures/checks/entity-near-miss/rules.toml"),
        root.join("people.toml"),
    )
    .unwrap();
    let check = |extra: &[&str]| {
        let mut a = vec!["check", "--format", "json", "--rules", "people.toml"];
        a.extend_from_slice(extra);
        a.push("articles");
        run_in(root, &a)
    };
    let today = check(&[]);
    let n = found(&today.stdout).len();
    assert!(n > 0);
    // Written: the run is accepted (exit 0), and the file is sorted TOML.
    let w = check(&["--write-baseline", "baseline.toml"]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert!(
        w.stderr.contains(&format!("baseline written: {n} finding")),
        "{}",
        w.stderr
    );
    let text = std::fs::read_to_string(root.join("baseline.toml")).unwrap();
    assert_eq!(text.matches("[[finding]]").count(), n);
    // With it: nothing is reported, and the run passes.
    let b = check(&["--baseline", "baseline.toml"]);
    assert!(found(&b.stdout).is_empty(), "{}", b.stdout);
    assert_eq!(b.code, 0);
    assert!(b.stderr.contains(&format!("{n} finding")), "{}", b.stderr);
    // An edit elsewhere (a paragraph added at the top) re-raises nothing.
    std::fs::write(
        &piece,
        format!("A new first paragraph, added by the night desk.\n\n{flag}"),
    )
    .unwrap();
    let b = check(&["--baseline", "baseline.toml"]);
    assert!(
        found(&b.stdout).is_empty(),
        "moved findings stay accepted: {}",
        b.stdout
    );
    // A new finding is reported, and fails the run.
    std::fs::write(
        &piece,
        format!("{flag}\n\nLater, Sergei Lavrof spoke again.\n"),
    )
    .unwrap();
    let b = check(&["--baseline", "baseline.toml"]);
    let new = found(&b.stdout);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].1, "Sergei Lavrof");
    // Fixed findings drop out when the baseline is written again.
    std::fs::write(&piece, "Sergei Lavrov spoke. Nothing else drifted.\n").unwrap();
    let w = check(&["--write-baseline", "baseline.toml"]);
    assert_eq!(w.code, 0);
    let text = std::fs::read_to_string(root.join("baseline.toml")).unwrap();
    assert_eq!(text.matches("[[finding]]").count(), 0, "{text}");
    // A broken baseline is an error naming the file.
    std::fs::write(root.join("broken.toml"), "[[finding]]\npath = 3\n").unwrap();
    let b = check(&["--baseline", "broken.toml"]);
    assert_eq!(b.code, 2);
    let v: serde_json::Value = serde_json::from_str(&b.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "broken.toml");
}

/// Hostile text in a suppression comment's reason and codes, in a config's
/// `outlet`, and in a baseline's path: shown escaped, never raw, in the
/// human and GitHub formats; a baseline that is not TOML at all is an error
/// naming it.
#[test]
fn hostile_comments_configs_and_baselines_never_reach_a_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("copydesk.toml"),
        "rules = []\noutlet = \"Evil\\u001b[2J\\u202eDesk\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("a.md"),
        "# T\n\n<!-- copydesk-disable-next-line entity-near-mis\u{1b}[31m -- why \u{1b}]0;pwned\u{7} \u{202e}here -->\nSome text.\n",
    )
    .unwrap();
    for format in ["human", "github", "concise"] {
        let r = run_in(
            root,
            &["check", "--color", "never", "--format", format, "a.md"],
        );
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        for (what, out) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            assert!(
                !out.contains(['\u{1b}', '\u{7}', '\u{202e}']),
                "{format} {what}: {out:?}"
            );
        }
        assert!(
            r.stdout.contains("unused-suppression"),
            "{format}: {}",
            r.stdout
        );
    }
    let human = run_in(root, &["check", "--color", "never", "a.md"]);
    assert!(
        human.stdout.contains("<U+001B>]0;pwned<U+0007>"),
        "{}",
        human.stdout
    );
    std::fs::write(root.join("b\u{1b}[2Jl.toml"), [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let r = run_in(
        root,
        &[
            "check",
            "--color",
            "never",
            "--baseline",
            "b\u{1b}[2Jl.toml",
            "a.md",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    assert!(r.stderr.contains("b<U+001B>[2Jl.toml"), "{}", r.stderr);
}
