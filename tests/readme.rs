//! Every example command of README.md runs. The shell blocks of the README
//! (fences tagged `sh`, `bash`, `shell` or `console`) are read line by line;
//! each line that runs copydesk (`copydesk …`, `cargo run [--release] -- …`)
//! is run with the binary under test, in README order, in a temporary copy
//! of the fixtures and rules, so that an example that writes a file (`rules
//! draft … -o FILE`) writes there. Each must exit with the code its line's
//! comment gives (`# exit 1`), else anything but 2 (usage or input error).
//! The README's first command (which "exits with code 1") must still exit 1
//! after all the others have run, and `rules/` must be as it was.
//!
//! Skipped, with the reason printed: commands with a URL (network) or a
//! file that is not in the repository (`wire.txt`), and the lines that run
//! something else that this test knows (`cargo test`, `cargo install`,
//! `pre-commit`). Any other line of a shell block fails the test: a new
//! example is run, or this test is taught what it is.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A line of a shell block that runs copydesk.
struct Example {
    /// 1-based line in README.md.
    line: usize,
    text: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    /// The exit code the line's comment gives (`# exit 1`).
    expected: Option<i32>,
}

/// What a shell block line is.
enum Line {
    Run(Example),
    Skip(String),
}

/// Shell words of `line`: whitespace-separated, with '…' and "…" quoting;
/// an unquoted `#` at the start of a word begins the comment, returned apart.
fn words(line: &str) -> (Vec<String>, String) {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' if !in_word => return (words, line[i + 1..].trim().to_string()),
            '\'' | '"' => {
                in_word = true;
                for (_, q) in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    word.push(q);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    (words, String::new())
}

/// The exit code a comment states: `exit 1`, `exits 2`, `exits with code 1`
/// (the first number within three words of "exit" or "exits").
fn stated_code(comment: &str) -> Option<i32> {
    let lower = comment.to_lowercase();
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let at = tokens.iter().position(|t| *t == "exit" || *t == "exits")?;
    tokens[at + 1..].iter().take(3).find_map(|t| {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

const SHELL_FENCES: &[&str] = &["sh", "bash", "shell", "console"];

/// Classify one logical line (continuations joined) of a shell block.
fn classify(line_no: usize, text: &str) -> Option<Line> {
    let text = text.trim();
    let text = text.strip_prefix("$ ").unwrap_or(text);
    let (words, comment) = words(text);
    if words.is_empty() {
        return None; // blank or comment only
    }
    // The command ends at the first pipe or list operator; redirections of
    // its output are dropped (nothing is written outside the temporary copy).
    let mut command: Vec<String> = Vec::new();
    let mut iter = words.into_iter();
    while let Some(w) = iter.next() {
        match w.as_str() {
            "|" | "||" | "&&" | ";" => break,
            ">" | ">>" | "2>" | "2>>" => {
                iter.next();
            }
            w if w.starts_with('>') || w.starts_with("2>") => {}
            w if w.starts_with('<') => {
                return Some(Line::Skip(format!(
                    "line {line_no}: `{text}` reads standard input from a file"
                )));
            }
            _ => command.push(w),
        }
    }
    let mut env = Vec::new();
    while let Some((k, v)) = command.first().and_then(|w| w.split_once('=')) {
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            break;
        }
        env.push((k.to_string(), v.to_string()));
        command.remove(0);
    }
    let args: Vec<String> = match command.first().map(String::as_str) {
        Some("copydesk") => command[1..].to_vec(),
        Some("cargo") if command.get(1).map(String::as_str) == Some("run") => {
            match command.iter().position(|w| w == "--") {
                Some(i) => command[i + 1..].to_vec(),
                None => {
                    panic!("README line {line_no}: `{text}`: cargo run without `--` and arguments")
                }
            }
        }
        Some("cargo") => {
            let sub = command.get(1).map(String::as_str).unwrap_or_default();
            let why = match sub {
                "test" => "the test suite itself",
                "install" => "installs copydesk (not run by the tests)",
                "bench" => "a benchmark (long)",
                "fuzz" => "fuzzing (long, needs cargo-fuzz)",
                _ => panic!(
                    "README line {line_no}: `{text}`: a cargo command tests/readme.rs does not know; \
                     run it here or say why not"
                ),
            };
            return Some(Line::Skip(format!("line {line_no}: `{text}`: {why}")));
        }
        Some("pre-commit") => {
            return Some(Line::Skip(format!(
                "line {line_no}: `{text}`: pre-commit (tested in tests/precommit.rs)"
            )));
        }
        Some("git") => {
            return Some(Line::Skip(format!(
                "line {line_no}: `{text}`: version control of the reader's own repository"
            )));
        }
        _ => panic!(
            "README line {line_no}: `{text}`: a shell example that does not run copydesk; \
             teach tests/readme.rs what it is"
        ),
    };
    Some(Line::Run(Example {
        line: line_no,
        text: text.to_string(),
        args,
        env,
        expected: stated_code(&comment),
    }))
}

/// Every line of every shell block of `readme`, classified.
fn examples(readme: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut fence: Option<(String, bool)> = None; // (the fence's backticks, is a shell block)
    let mut pending: Option<(usize, String)> = None; // a line continued with `\`
    for (i, raw) in readme.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = raw.trim_start();
        match &fence {
            None => {
                if let Some(rest) = trimmed.strip_prefix("```") {
                    let ticks = format!(
                        "```{}",
                        rest.chars().take_while(|&c| c == '`').collect::<String>()
                    );
                    let info = rest.trim_start_matches('`').trim();
                    let lang = info.split([' ', ',', '{']).next().unwrap_or_default();
                    fence = Some((ticks, SHELL_FENCES.contains(&lang)));
                }
            }
            Some((ticks, shell)) => {
                if trimmed.starts_with(ticks.as_str())
                    && trimmed.trim_start_matches('`').trim().is_empty()
                {
                    assert!(
                        pending.is_none(),
                        "README line {line_no}: a `\\` continues past the block's end"
                    );
                    fence = None;
                } else if *shell {
                    let (start, mut text) = pending.take().unwrap_or((line_no, String::new()));
                    text.push_str(raw);
                    if let Some(head) = text.strip_suffix('\\') {
                        pending = Some((start, format!("{head} ")));
                    } else if let Some(l) = classify(start, &text) {
                        lines.push(l);
                    }
                }
            }
        }
    }
    assert!(fence.is_none(), "README.md: a code block is never closed");
    lines
}

/// Flags whose value is a file or folder copydesk writes (so it need not exist).
const WRITTEN: &[&str] = &["-o", "--output", "--cache"];

/// Why `args` cannot run here, if they cannot: a URL, or a path that is
/// not in the copy. A word counts as a path when it has a `/` or a file
/// extension of an article or rule file.
fn cannot_run(args: &[String], dir: &Path) -> Option<String> {
    let mut previous = "";
    for a in args {
        if a.starts_with("http://") || a.starts_with("https://") {
            return Some(format!("needs the network ({a})"));
        }
        let looks_like_path = !a.starts_with('-')
            && (a.contains('/')
                || [".txt", ".md", ".html", ".htm", ".json", ".docx", ".toml"]
                    .iter()
                    .any(|e| a.to_lowercase().ends_with(e)));
        if looks_like_path && !WRITTEN.contains(&previous) && !dir.join(a).exists() {
            return Some(format!("needs {a}, which is not in the repository"));
        }
        previous = a;
    }
    None
}

/// Copy `from` into `to`, leaving out the held-out fixtures (never read).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_name() == "compare-heldout" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, in name order.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

fn run(example: &Example, dir: &Path) -> (i32, String) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .envs(example.env.iter().map(|(k, v)| (k, v)))
        .args(&example.args)
        .output()
        .unwrap();
    let code = out.status.code().expect("exited normally, no signal");
    (code, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn every_readme_example_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for sub in ["fixtures", "rules"] {
        copy_tree(&root.join(sub), &dir.join(sub));
    }
    if root.join("copydesk.toml").exists() {
        std::fs::copy(root.join("copydesk.toml"), dir.join("copydesk.toml")).unwrap();
    }
    let rules_before = snapshot(&dir.join("rules"));

    let mut first: Option<Example> = None;
    let mut ran = 0;
    let mut failures = Vec::new();
    for line in examples(&readme) {
        let example = match line {
            Line::Skip(why) => {
                eprintln!("skipped: {why}");
                continue;
            }
            Line::Run(example) => example,
        };
        if let Some(why) = cannot_run(&example.args, dir) {
            eprintln!("skipped: line {}: `{}`: {why}", example.line, example.text);
            continue;
        }
        let (code, stderr) = run(&example, dir);
        ran += 1;
        eprintln!(
            "ran: line {}: `{}`: exit {code}",
            example.line, example.text
        );
        let ok = match example.expected {
            Some(expected) => code == expected,
            None => code != 2,
        };
        if !ok {
            failures.push(format!(
                "README line {}: `{}` exited {code}, expected {}\n{stderr}",
                example.line,
                example.text,
                example
                    .expected
                    .map_or("anything but 2".to_string(), |c| c.to_string()),
            ));
        }
        // A file the example says it writes is written, in the copy.
        for pair in example.args.windows(2) {
            if ["-o", "--output"].contains(&pair[0].as_str()) && code != 2 {
                assert!(
                    dir.join(&pair[1]).is_file(),
                    "README line {}: `{}` did not write {}",
                    example.line,
                    example.text,
                    pair[1]
                );
            }
        }
        if first.is_none() {
            first = Some(example);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // "The first command exits with code 1" (README, "The two commands"),
    // and still does once the other examples (the rule draft among them) ran.
    let first = first.expect("README.md has a copydesk example");
    assert_eq!(
        first.args,
        ["check", "--rules", "rules", "fixtures/china-russia-2017"],
        "README's first command changed: update this test's reading of it"
    );
    let (code, stderr) = run(&first, dir);
    assert_eq!(
        code, 1,
        "the README's first command, run again last:\n{stderr}"
    );
    assert!(
        snapshot(&dir.join("rules")) == rules_before,
        "an example wrote into rules/"
    );
    // A parse that finds nothing would pass vacuously.
    assert!(ran >= 8, "only {ran} README examples ran");
}

#[test]
fn the_parse_reads_what_a_shell_would() {
    let (w, comment) = words(r#"copydesk check --exclude '*.draft.txt' "a b.txt" # exit 1"#);
    assert_eq!(
        w,
        ["copydesk", "check", "--exclude", "*.draft.txt", "a b.txt"]
    );
    assert_eq!(stated_code(&comment), Some(1));
    assert_eq!(stated_code("exits with code 2"), Some(2));
    assert_eq!(stated_code("with fpath+=(~/.zfunc) before compinit"), None);
    let Some(Line::Run(e)) = classify(1, "NO_COLOR=1 copydesk man check | man -l -") else {
        panic!("not run");
    };
    assert_eq!(e.args, ["man", "check"]);
    assert_eq!(e.env, [("NO_COLOR".to_string(), "1".to_string())]);
    let Some(Line::Run(e)) = classify(
        1,
        "cargo run --release -- completions zsh > ~/.zfunc/_copydesk",
    ) else {
        panic!("not run");
    };
    assert_eq!(e.args, ["completions", "zsh"]);
    let blocks = "```sh\ncopydesk check \\\n  a.txt\n# a comment\n```\n```\ncopydesk CODE\n```\n";
    let lines = examples(blocks);
    assert_eq!(lines.len(), 1, "only the shell block's command");
    let Line::Run(e) = &lines[0] else {
        panic!("not run")
    };
    assert_eq!(
        (e.line, e.args.clone()),
        (2, vec!["check".to_string(), "a.txt".to_string()])
    );
}
