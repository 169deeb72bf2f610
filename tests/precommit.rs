//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run as a newsroom would
//! run them: `pre-commit try-repo` on a fresh clone of this repository at
//! HEAD (committed work only), in a throw-away git repository holding the
//! China–Russia op-ed versions and the rules. `copydesk-check` must fail on
//! the versions with planted drift and pass on `clean.txt` alone;
//! `copydesk-check-all` must re-check every piece when only a rule file is
//! named.
//!
//! pre-commit comes from PyPI, into a virtualenv kept under
//! `CARGO_TARGET_TMPDIR` (installed once). Without python3, venv, pip or
//! PyPI, or without git, the test prints `skipped: …` and passes.
//!
//! `language: rust` makes pre-commit run `cargo install --bins --path .` on
//! its clone, with `CARGO_HOME` set to a fresh folder inside its store: the
//! user's `CARGO_HOME` cannot be reused (pre-commit overrides it), and a new
//! `CARGO_HOME` would also move every crate's source and so rebuild every
//! dependency (cargo's fingerprints hash a crate's absolute source path). So
//! the test vendors the crates of Cargo.lock once (`cargo vendor --locked`,
//! into a fixed folder) and points crates.io at that folder through a
//! `.cargo/config.toml` above pre-commit's temporary directory (`TMPDIR`);
//! with `CARGO_TARGET_DIR` fixed too, the dependencies are compiled once and
//! later runs rebuild copydesk itself only. The hook's build uses opt-level 0
//! and incremental compilation (`CARGO_PROFILE_RELEASE_*`): this test checks
//! the hook's plumbing, not the optimiser. The first run takes some minutes
//! (pip, and every dependency compiled); later ones about a minute (three
//! hook installs, each re-linking copydesk).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where what outlives a run is kept: the virtualenv, the vendored crates,
/// the hook's cargo target dir, pre-commit's `TMPDIR`.
fn persistent() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("precommit")
}

fn run(cmd: &mut Command) -> std::io::Result<Output> {
    cmd.output()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The last lines of `s`, for a skip message.
fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(5)..].join("\n")
}

/// `cmd` ran and exited 0, or the reason it did not.
fn succeeds(cmd: &mut Command) -> Result<Output, String> {
    match run(cmd) {
        Ok(out) if out.status.success() => Ok(out),
        Ok(out) => Err(format!(
            "{:?} exited with {}: {}",
            cmd,
            out.status,
            tail(&text(&out))
        )),
        Err(e) => Err(format!("{:?} could not run: {e}", cmd.get_program())),
    }
}

/// The `pre-commit` of the virtualenv, installed there if missing.
fn pre_commit() -> Result<PathBuf, String> {
    let venv = persistent().join("venv");
    let bin = if cfg!(windows) {
        venv.join("Scripts")
    } else {
        venv.join("bin")
    };
    let exe = bin.join(if cfg!(windows) {
        "pre-commit.exe"
    } else {
        "pre-commit"
    });
    if exe.is_file() {
        return Ok(exe);
    }
    let _ = std::fs::remove_dir_all(&venv);
    let python = if cfg!(windows) { "python" } else { "python3" };
    succeeds(Command::new(python).arg("-m").arg("venv").arg(&venv))?;
    let pip = bin.join(if cfg!(windows) { "pip.exe" } else { "pip" });
    succeeds(Command::new(&pip).args(["install", "--quiet", "pre-commit"]))?;
    Ok(exe)
}

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .args([
            "-c",
            "user.name=copydesk test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ]);
    c
}

/// Vendor the crates of `lock`'s folder into `<persistent>/vendor` (again
/// only when Cargo.lock changed), and write the cargo config that makes
/// builds under `<persistent>/tmp` read crates.io from there.
fn vendor(hook_repo: &Path) -> Result<PathBuf, String> {
    let dir = persistent();
    let vendor = dir.join("vendor");
    let stamp = dir.join("vendor.lock");
    let lock = std::fs::read(hook_repo.join("Cargo.lock")).map_err(|e| e.to_string())?;
    if std::fs::read(&stamp).ok().as_deref() != Some(&lock[..]) {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
        succeeds(
            Command::new(cargo)
                .current_dir(hook_repo)
                .args(["vendor", "--locked", "--quiet"])
                .arg(&vendor),
        )?;
        std::fs::write(&stamp, &lock).map_err(|e| e.to_string())?;
    }
    let tmp = dir.join("tmp");
    std::fs::create_dir_all(tmp.join(".cargo")).map_err(|e| e.to_string())?;
    // TOML basic strings: a Windows path's backslashes escaped.
    let path = vendor.display().to_string().replace('\\', "\\\\");
    std::fs::write(
        tmp.join(".cargo/config.toml"),
        format!(
            "# Written by tests/precommit.rs: pre-commit's hook builds read the vendored crates.\n\
             [source.crates-io]\nreplace-with = \"vendored\"\n\n\
             [source.vendored]\ndirectory = \"{path}\"\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    Ok(tmp)
}

/// `pre-commit ARGS…` in `articles`, with the environment the hook builds
/// need; `home` is pre-commit's store (`PRE_COMMIT_HOME`), else its default.
fn pre_commit_in(
    pre_commit: &Path,
    tmp: &Path,
    articles: &Path,
    home: Option<&Path>,
    args: &[&OsStr],
) -> (i32, String) {
    let mut cmd = Command::new(pre_commit);
    cmd.current_dir(articles)
        .args(args)
        .env("TMPDIR", tmp)
        .env("CARGO_TARGET_DIR", persistent().join("cargo-target"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("NO_COLOR");
    match home {
        Some(home) => cmd.env("PRE_COMMIT_HOME", home),
        None => cmd.env_remove("PRE_COMMIT_HOME"),
    };
    // What `cargo test` sets for this test's own crate is not the hook's.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
            "CARGO_PRIMARY_",
        ]
        .iter()
        .any(|p| key.starts_with(p))
            || key == "CARGO_TARGET_TMPDIR"
        {
            cmd.env_remove(&*key);
        }
    }
    let out = run(&mut cmd).expect("pre-commit runs");
    (out.status.code().unwrap_or(-1), text(&out))
}

/// `pre-commit try-repo HOOK_REPO HOOK --files FILES…` in `articles`.
fn try_repo(
    pre_commit: &Path,
    tmp: &Path,
    hook_repo: &Path,
    articles: &Path,
    hook: &str,
    files: &[&str],
) -> (i32, String) {
    let mut args: Vec<&OsStr> = vec![
        "try-repo".as_ref(),
        hook_repo.as_os_str(),
        hook.as_ref(),
        "--verbose".as_ref(),
        "--color=never".as_ref(),
        "--files".as_ref(),
    ];
    args.extend(files.iter().map(OsStr::new));
    pre_commit_in(pre_commit, tmp, articles, None, &args)
}

/// The `.pre-commit-config.yaml` block of README.md, pointed at `hook_repo`
/// at `rev` instead of the project's address and a placeholder commit.
fn readme_config(root: &Path, hook_repo: &Path, rev: &str) -> String {
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = readme
        .split("```yaml\n")
        .find(|b| b.starts_with("# .pre-commit-config.yaml"))
        .and_then(|b| b.split("```").next())
        .expect("README.md has a .pre-commit-config.yaml block");
    let mut config = String::new();
    for line in block.lines() {
        let key = line.trim_start().trim_start_matches("- ");
        if key.starts_with("repo: ") {
            config += &format!("  - repo: {}\n", hook_repo.display());
        } else if key.starts_with("rev: ") {
            config += &format!("    rev: {rev}\n");
        } else {
            config += line;
            config += "\n";
        }
    }
    config
}

#[test]
fn pre_commit_hooks_fail_on_drift_and_pass_on_the_clean_version() {
    let started = std::time::Instant::now();
    if let Err(e) = succeeds(Command::new("git").arg("--version")) {
        eprintln!("skipped: no git: {e}");
        return;
    }
    std::fs::create_dir_all(persistent()).unwrap();
    let pre_commit = match pre_commit() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("skipped: pre-commit could not be installed from PyPI: {e}");
            return;
        }
    };

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    // The hook repository: this one at HEAD, as a newsroom's pre-commit would fetch it.
    let hook_repo = work.path().join("copydesk");
    succeeds(
        git(work.path())
            .args(["clone", "--quiet"])
            .arg(root)
            .arg(&hook_repo),
    )
    .unwrap();
    let tmp = match vendor(&hook_repo) {
        Ok(tmp) => tmp,
        Err(e) => {
            eprintln!("skipped: the crates could not be vendored (no crates.io?): {e}");
            return;
        }
    };

    // The newsroom's repository: the op-ed versions (with their manifest) and the rules.
    let articles = work.path().join("newsroom");
    let piece = articles.join("opinion/china-russia-2017");
    std::fs::create_dir_all(&piece).unwrap();
    std::fs::create_dir_all(articles.join("rules")).unwrap();
    for entry in std::fs::read_dir(root.join("fixtures/china-russia-2017")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), piece.join(entry.file_name())).unwrap();
    }
    for name in ["china-russia-2017.toml", "README.md"] {
        std::fs::copy(
            root.join("rules").join(name),
            articles.join("rules").join(name),
        )
        .unwrap();
    }
    succeeds(git(&articles).args(["init", "--quiet"])).unwrap();
    succeeds(git(&articles).args(["add", "--all"])).unwrap();
    succeeds(git(&articles).args(["commit", "--quiet", "-m", "op-ed versions"])).unwrap();

    let versions = [
        "opinion/china-russia-2017/arabnews.txt",
        "opinion/china-russia-2017/clean.txt",
        "opinion/china-russia-2017/national.txt",
        "opinion/china-russia-2017/scmp.txt",
        "opinion/china-russia-2017/taipei.txt",
    ];
    let (code, out) = try_repo(
        &pre_commit,
        &tmp,
        &hook_repo,
        &articles,
        "copydesk-check",
        &versions,
    );
    // pre-commit exits 1 when a hook fails; the hook itself exited 1: findings, not errors.
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("- exit code: 1"), "{out}");
    assert!(out.contains("Wang Li"), "{out}");
    eprintln!(
        "copydesk-check on the versions: failed as it must ({:.0?} so far)",
        started.elapsed()
    );

    let (code, out) = try_repo(
        &pre_commit,
        &tmp,
        &hook_repo,
        &articles,
        "copydesk-check",
        &["opinion/china-russia-2017/clean.txt"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Passed"), "{out}");

    // Only the rule file changed: every piece is checked again, and fails.
    let (code, out) = try_repo(
        &pre_commit,
        &tmp,
        &hook_repo,
        &articles,
        "copydesk-check-all",
        &["rules/china-russia-2017.toml"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("- exit code: 1"), "{out}");
    assert!(out.contains("taipei.txt"), "{out}");

    // The README's `.pre-commit-config.yaml`, pasted as a newcomer would
    // (this clone in place of the project's address): every hook runs on
    // `--all-files` and fails on the planted drift, compare included.
    let rev = succeeds(git(&hook_repo).args(["rev-parse", "HEAD"])).unwrap();
    let rev = String::from_utf8(rev.stdout).unwrap();
    let config = readme_config(root, &hook_repo, rev.trim());
    std::fs::write(articles.join(".pre-commit-config.yaml"), &config).unwrap();
    succeeds(git(&articles).args(["add", ".pre-commit-config.yaml"])).unwrap();
    let home = tempfile::tempdir_in(&tmp).unwrap();
    let (code, out) = {
        let mut args: Vec<&OsStr> = vec!["run".as_ref(), "--all-files".as_ref()];
        args.extend(["--verbose", "--color=never"].map(OsStr::new));
        // The store inside TMPDIR, where the vendored crates' config applies.
        pre_commit_in(&pre_commit, &tmp, &articles, Some(home.path()), &args)
    };
    assert_eq!(code, 1, "{config}\n{out}");
    for hook in [
        "copydesk check",
        "copydesk check (every piece",
        "copydesk compare",
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(hook))
            .unwrap_or_else(|| panic!("no `{hook}` hook ran:\n{out}"));
        assert!(line.ends_with("Failed"), "{line}\n{out}");
    }
    assert!(!out.contains("- exit code: 2"), "{out}");
    eprintln!("pre-commit hooks tested in {:.0?}", started.elapsed());
}
