//! Every check has a folder under `fixtures/checks/<code>/` with a text that
//! must flag (`flag.txt`), a text that must stay quiet (`clean.txt`) and the
//! rules both are checked with (`rules.toml`, optional). Checks that compare
//! the versions of one run (`quantity-rounding`, `compare-*`) have folders
//! of versions instead: `flag/` and `clean/`.
//!
//! This is a `harness = false` test target (libtest-mimic): every fixture is
//! its own test case, so one mismatch does not hide the others, and
//! `cargo test --test check_fixtures -- term/` runs one check's cases.
//! Per fixture: its findings and exit code (JSON), and a snapshot of the
//! human output with colour off. Per check in `ALL_CHECKS`: both fixtures
//! exist, the README's Checks table has its row, and `copydesk explain`
//! describes it under the four headings.

use assert_cmd::Command;
use copydesk::codes::{ALL_CHECKS, Check};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIXTURES: &str = "fixtures/checks";

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for &check in ALL_CHECKS {
        let code = check.code();
        trials.push(Trial::test(
            format!("{code}/has_flag_and_clean_fixtures"),
            move || has_fixtures(code),
        ));
        trials.push(Trial::test(format!("{code}/has_a_readme_row"), move || {
            has_readme_row(check)
        }));
        trials.push(Trial::test(format!("{code}/has_explain_text"), move || {
            has_explain_text(code)
        }));
    }
    trials.push(Trial::test(
        "readme/every_row_is_a_check",
        readme_rows_are_checks,
    ));
    for dir in check_dirs() {
        let code = dir.file_name().unwrap().to_str().unwrap().to_string();
        {
            let code = code.clone();
            trials.push(Trial::test(format!("{code}/is_a_check_code"), move || {
                match Check::from_code(&code) {
                    Some(_) => Ok(()),
                    None => {
                        Err(format!("{FIXTURES}/{code} is not named after a check code").into())
                    }
                }
            }));
        }
        for which in [Fixture::Flag, Fixture::Clean] {
            let name = which.name();
            let (d, c) = (dir.clone(), code.clone());
            trials.push(Trial::test(format!("{code}/{name}/findings"), move || {
                which.check_findings(&d, &c)
            }));
            let (d, c) = (dir.clone(), code.clone());
            trials.push(Trial::test(
                format!("{code}/{name}/human_snapshot"),
                move || snapshot(&d, &c, which),
            ));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

fn check_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .expect("fixtures/checks exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[derive(Clone, Copy)]
enum Fixture {
    Flag,
    Clean,
}

impl Fixture {
    fn name(self) -> &'static str {
        match self {
            Fixture::Flag => "flag",
            Fixture::Clean => "clean",
        }
    }

    /// `flag.txt`, or `flag/` for checks across versions.
    fn path(self, dir: &Path) -> Option<PathBuf> {
        let file = dir.join(format!("{}.txt", self.name()));
        let folder = dir.join(self.name());
        if file.is_file() {
            Some(file)
        } else if folder.is_dir() {
            Some(folder)
        } else {
            None
        }
    }

    fn check_findings(self, dir: &Path, code: &str) -> Result<(), Failed> {
        let (exit, findings) = json_findings(dir, code, self)?;
        match self {
            Fixture::Flag => {
                if !findings.iter().any(|f| f["code"] == code) {
                    return Err(format!("raised no {code} finding: {findings:#?}").into());
                }
                let has_error = findings.iter().any(|f| f["severity"] == "error");
                let want = if has_error { 1 } else { 0 };
                if exit != want {
                    return Err(format!("exit code {exit}, expected {want}").into());
                }
            }
            Fixture::Clean => {
                if !findings.is_empty() {
                    return Err(format!("raised {findings:#?}").into());
                }
                if exit != 0 {
                    return Err(format!("exit code {exit}, expected 0").into());
                }
            }
        }
        Ok(())
    }
}

/// `copydesk check` with the folder's rules (or none), or `copydesk compare`
/// for the compare checks, on one fixture.
fn run(dir: &Path, code: &str, which: Fixture, format: &str) -> Result<(i32, String), Failed> {
    let input = which
        .path(dir)
        .ok_or_else(|| format!("{}: no {} fixture", dir.display(), which.name()))?;
    let mut cmd = Command::cargo_bin("copydesk").unwrap();
    if code.starts_with("compare-") {
        cmd.arg("compare");
    } else {
        let rules = dir.join("rules.toml");
        // No rules.toml: a folder with no `*.toml` in it is an empty rule set.
        let rules = if rules.exists() {
            rules
        } else {
            dir.to_path_buf()
        };
        cmd.args(["check", "--rules"]).arg(rules);
    }
    let out = cmd
        .args(["--color", "never", "--format", format])
        .arg(input)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let exit = out.status.code().ok_or("copydesk was ended by a signal")?;
    let stdout = String::from_utf8(out.stdout).map_err(|e| format!("stdout: {e}"))?;
    Ok((exit, stdout))
}

fn json_findings(dir: &Path, code: &str, which: Fixture) -> Result<(i32, Vec<Value>), Failed> {
    let (exit, stdout) = run(dir, code, which, "json")?;
    let v: Value =
        serde_json::from_str(&stdout).map_err(|e| format!("bad JSON ({e}): {stdout}"))?;
    let findings = v["findings"]
        .as_array()
        .ok_or_else(|| format!("no findings array: {stdout}"))?
        .clone();
    Ok((exit, findings))
}

fn snapshot(dir: &Path, code: &str, which: Fixture) -> Result<(), Failed> {
    let (_, stdout) = run(dir, code, which, "human")?;
    let name = format!("{code}__{}", which.name());
    insta::with_settings!({snapshot_path => "snapshots/checks", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, stdout);
    });
    Ok(())
}

fn has_fixtures(code: &str) -> Result<(), Failed> {
    let dir = Path::new(FIXTURES).join(code);
    let missing: Vec<&str> = [Fixture::Flag, Fixture::Clean]
        .into_iter()
        .filter(|f| f.path(&dir).is_none())
        .map(Fixture::name)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: no {} fixture (flag.txt / clean.txt, or flag/ / clean/ for checks across versions)",
            dir.display(),
            missing.join(" or ")
        )
        .into())
    }
}

/// The lines of the README's Checks table, up to the next heading.
fn readme_checks_table() -> Result<Vec<String>, Failed> {
    let readme = std::fs::read_to_string("README.md").map_err(|e| format!("README.md: {e}"))?;
    let table = readme
        .split("\n## Checks\n")
        .nth(1)
        .ok_or("README.md has no `## Checks` section")?
        .split("\n## ")
        .next()
        .unwrap();
    Ok(table.lines().map(str::to_string).collect())
}

/// Every row of the Checks table names a check that exists.
fn readme_rows_are_checks() -> Result<(), Failed> {
    let unknown: Vec<String> = readme_checks_table()?
        .iter()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .filter(|code| Check::from_code(code).is_none())
        .map(str::to_string)
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(format!("README Checks table rows for no check: {unknown:?}").into())
    }
}

/// A row `| `code` | kind | …` in the README's Checks table.
fn has_readme_row(check: Check) -> Result<(), Failed> {
    let table = readme_checks_table()?;
    let row = table
        .iter()
        .find(|l| l.starts_with(&format!("| `{}` |", check.code())))
        .ok_or_else(|| format!("no row for `{}` in the README's Checks table", check.code()))?;
    let kind = row.split('|').nth(2).map(str::trim).unwrap_or_default();
    if kind != check.kind() {
        return Err(format!(
            "README row gives kind `{kind}`, the check's is `{}`",
            check.kind()
        )
        .into());
    }
    Ok(())
}

fn has_explain_text(code: &str) -> Result<(), Failed> {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["explain", code])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.code() != Some(0) {
        return Err(format!(
            "`copydesk explain {code}` exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let missing: Vec<&str> = [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ]
    .into_iter()
    .filter(|h| !stdout.contains(h))
    .collect();
    if !missing.is_empty() {
        return Err(format!("`copydesk explain {code}` lacks {missing:?}:\n{stdout}").into());
    }
    // Each heading has text under it: no two headings in a row, none last.
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("## ") && lines.get(i + 1).is_none_or(|n| n.starts_with("## ")) {
            return Err(format!("`copydesk explain {code}`: `{l}` has no text:\n{stdout}").into());
        }
    }
    Ok(())
}
