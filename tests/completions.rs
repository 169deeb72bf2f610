//! `copydesk completions SHELL` and `copydesk man`: what the scripts and
//! pages must hold, not their whole text (that is clap_complete's and
//! clap_mangen's, and changes with every flag added). The error cases are
//! trycmd cases (`tests/cmd/completions-unknown-shell.toml`,
//! `tests/cmd/man-unknown-subcommand.toml`).

use assert_cmd::Command;
use std::process::Stdio;

fn stdout_of(args: &[&str]) -> String {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "copydesk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "copydesk {args:?} wrote to stderr");
    String::from_utf8(out.stdout).unwrap()
}

/// Every subcommand, nested ones too, and a flag of each kind.
const WORDS: &[&str] = &[
    "check",
    "compare",
    "rules",
    "draft",
    "explain",
    "completions",
    "man",
    "fail-on",
    "format",
];

#[test]
fn every_shell_gets_a_script_naming_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for word in WORDS {
            assert!(
                script.contains(word),
                "{shell} script lacks `{word}`:\n{script}"
            );
        }
    }
}

/// The bash script is valid bash (`bash -n` parses without running it).
#[test]
fn the_bash_script_parses() {
    let script = stdout_of(&["completions", "bash"]);
    let Ok(out) = std::process::Command::new("bash")
        .args(["-n", "-c", &script])
        .output()
    else {
        eprintln!("skipped: no bash on this machine");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The first line that is not one of roff's string definitions (`.ie`/`.el`
/// lines clap_mangen puts first) is the title line.
fn title_line(page: &str) -> &str {
    page.lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
        .unwrap_or_default()
}

#[test]
fn the_man_page_is_roff_with_a_title_and_the_subcommands() {
    let page = stdout_of(&["man"]);
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        title_line(&page),
        format!(".TH copydesk 1  \"copydesk {version}\" ")
    );
    assert!(page.contains(".SH NAME\ncopydesk \\- "), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in ["check", "compare", "rules", "explain", "completions", "man"] {
        assert!(
            page.contains(&format!("copydesk\\-{sub}(1)")),
            "no {sub}:\n{page}"
        );
    }
}

#[test]
fn a_subcommand_has_its_own_page_with_its_options() {
    let page = stdout_of(&["man", "check"]);
    assert!(
        title_line(&page).starts_with(".TH copydesk-check 1 "),
        "{page}"
    );
    assert!(page.contains("\\fB\\-\\-fail\\-on\\fR"), "{page}");
    let page = stdout_of(&["man", "rules", "draft"]);
    assert!(
        title_line(&page).starts_with(".TH copydesk-rules-draft 1 "),
        "{page}"
    );
    assert!(page.contains("\\fB\\-\\-force\\fR"), "{page}");
}

/// groff, where installed, renders the page without a warning.
#[test]
fn groff_reads_the_page_cleanly() {
    use std::io::Write;
    let page = stdout_of(&["man"]);
    let Ok(mut child) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: no groff on this machine");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
