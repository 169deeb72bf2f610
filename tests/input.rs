//! How copydesk finds and reads its input: ignore files, `--exclude`,
//! hidden files, symbolic links and their loops, one file however it is
//! spelt, FIFOs, the size limit, UTF-16, binary files, `--stdin-filename`,
//! and the README's table of extensions. Every run has a timeout: a hang
//! is a failure, not a stuck suite.

use assert_cmd::Command;
use copydesk::input::{self, Inputs, MAX_FILE_SIZE};
use copydesk::read::Format;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

const WANG_LI: &str = "Foreign Minister Wang Li said so.\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let root = env!("CARGO_MANIFEST_DIR");
    let rules = format!("{root}/rules");
    let mut c = Command::cargo_bin("copydesk").unwrap();
    c.env_remove("NO_COLOR")
        .current_dir(dir)
        .timeout(Duration::from_secs(20));
    // `check` gets the shipped rules wherever it runs.
    if args.first() == Some(&"check") {
        c.args(["check", "--rules", &rules]).args(&args[1..]);
    } else {
        c.args(args);
    }
    c.write_stdin(stdin.to_vec());
    let out = c.output().unwrap();
    Run {
        code: out
            .status
            .code()
            .expect("exited, not killed by the timeout"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr))
}

/// The paths of a JSON run's findings, once each, in order.
fn finding_paths(v: &Value) -> Vec<String> {
    let mut paths: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    paths
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-input-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The files a walk of `dir` lists, relative to it, with `/` between names.
fn listed(inputs: &Inputs, dir: &Path) -> Vec<String> {
    let listing = inputs.list(&[dir.to_path_buf()]);
    assert!(listing.errors.is_empty(), "{:?}", listing.errors);
    listing
        .files
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap();
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

#[test]
fn ignore_files_are_honoured_outside_a_git_repository() {
    let dir = temp_dir("ignores");
    for name in [
        "kept.txt",
        "draft.txt",
        "old/a.txt",
        "wires/b.txt",
        "wires/keep.txt",
        "local.txt",
    ] {
        write(&dir, name, WANG_LI);
    }
    write(&dir, ".gitignore", "draft.txt\nold/\n");
    write(&dir, ".ignore", "local.txt\n");
    // The copydesk file wins over .gitignore, as ripgrep's .rgignore does.
    write(&dir, "wires/.gitignore", "keep.txt\n");
    write(&dir, "wires/.copydeskignore", "b.txt\n!keep.txt\n");
    assert!(!dir.join(".git").exists());
    assert_eq!(listed(&Inputs::new(), &dir), ["kept.txt", "wires/keep.txt"]);
}

#[test]
fn exclude_leaves_out_what_it_matches_while_walking() {
    let dir = temp_dir("exclude");
    for name in [
        "a.txt",
        "a.draft.txt",
        "old/b.txt",
        "new/old.txt",
        "new/c.md",
    ] {
        write(&dir, name, WANG_LI);
    }
    let inputs = Inputs::new()
        .excluding(&["*.draft.txt".into(), "old/".into()])
        .unwrap();
    assert_eq!(listed(&inputs, &dir), ["a.txt", "new/c.md", "new/old.txt"]);
    // A file named explicitly is read whatever --exclude says.
    let named = inputs.list(&[dir.join("a.draft.txt")]);
    assert_eq!(named.files.len(), 1);
    // A bad glob is refused before anything is walked.
    let e = Inputs::new().excluding(&["[".into()]).unwrap_err();
    assert!(e.contains("--exclude ["), "{e}");

    // On the command line: check, compare and rules draft.
    let r = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--exclude",
            "old",
            "--exclude",
            "*.draft.txt",
            ".",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    // `old` is a folder's name: new/old.txt stays.
    assert_eq!(
        finding_paths(&json(&r)),
        ["./a.txt", "./new/c.md", "./new/old.txt"]
    );
    let r = run_in(
        &dir,
        &["compare", "--format", "json", "--exclude", "*.txt", "."],
        b"",
    );
    assert_eq!(json(&r)["summary"]["files"], 1, "{}", r.stderr);
    let r = run_in(&dir, &["rules", "draft", "--exclude", "*", "."], b"");
    assert_eq!(r.code, 2, "nothing left to draft from: {}", r.stderr);
    let r = run_in(&dir, &["compare", "--exclude", "[", "."], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--exclude ["), "{}", r.stderr);
}

#[test]
fn hidden_files_and_folders_are_skipped_unless_named() {
    let dir = temp_dir("hidden");
    for name in ["a.txt", ".b.txt", ".drafts/c.txt", "sub/.d.md"] {
        write(&dir, name, WANG_LI);
    }
    assert_eq!(listed(&Inputs::new(), &dir), ["a.txt"]);
    // Named, a hidden file is read, and a hidden folder is walked.
    let named = Inputs::new().list(&[dir.join(".b.txt"), dir.join(".drafts")]);
    assert_eq!(named.files, [dir.join(".b.txt"), dir.join(".drafts/c.txt")]);
}

#[test]
fn every_extension_read_in_any_case_is_walked_and_no_other() {
    let dir = temp_dir("extensions");
    for name in [
        "a.TXT",
        "b.text",
        "c.Md",
        "d.markdown",
        "e.HTML",
        "f.htm",
        "g.json",
        "h.docx",
        "i",
        "j.txt.bak",
    ] {
        write(&dir, name, WANG_LI);
    }
    assert_eq!(
        listed(&Inputs::new(), &dir),
        [
            "a.TXT",
            "b.text",
            "c.Md",
            "d.markdown",
            "e.HTML",
            "f.htm",
            "h.docx"
        ]
    );
    // Named explicitly, anything is read.
    let named = Inputs::new().list(&[dir.join("g.json"), dir.join("i")]);
    assert_eq!(named.files.len(), 2);
    let r = run_in(
        &dir,
        &["check", "--format", "json", "a.TXT", "b.text", "i"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(finding_paths(&json(&r)), ["a.TXT", "b.text", "i"]);
}

#[test]
fn one_file_however_it_is_spelt_keeps_the_first_spelling() {
    let dir = temp_dir("spellings");
    write(&dir, "a.txt", WANG_LI);
    let abs = dir.join("a.txt");
    let abs = abs.to_str().unwrap();
    let r = run_in(
        &dir,
        &["check", "--format", "json", "a.txt", "./a.txt", abs, "."],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(finding_paths(&v), ["a.txt"]);
    let r = run_in(
        &dir,
        &["check", "--format", "json", "./a.txt", "a.txt"],
        b"",
    );
    assert_eq!(finding_paths(&json(&r)), ["./a.txt"]);
    // compare sees one version, not three that agree.
    let r = run_in(
        &dir,
        &["compare", "--format", "json", "a.txt", "./a.txt", abs],
        b"",
    );
    assert_eq!(json(&r)["summary"]["files"], 1, "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_once_and_loops_end() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("links");
    write(&dir, "a.txt", WANG_LI);
    write(&dir, "sub/b.md", WANG_LI);
    symlink("a.txt", dir.join("link.txt")).unwrap();
    symlink("..", dir.join("sub/up")).unwrap();
    symlink(".", dir.join("sub/here")).unwrap();
    symlink("sub", dir.join("sub2")).unwrap();
    symlink("nowhere.txt", dir.join("sub/broken.png")).unwrap();
    symlink("cycle.jpg", dir.join("cycle.jpg")).unwrap();
    let listing = Inputs::new().list(std::slice::from_ref(&dir));
    assert!(listing.errors.is_empty(), "{:?}", listing.errors);
    assert_eq!(listing.files, [dir.join("a.txt"), dir.join("sub/b.md")]);
    assert!(
        listing
            .notes
            .iter()
            .any(|n| n.contains("symbolic link back to")),
        "{:?}",
        listing.notes
    );
    let r = run_in(&dir, &["check", "--format", "json", "."], b"");
    assert_eq!(r.code, 1, "a loop is a note, not an error: {}", r.stderr);
    assert_eq!(json(&r)["summary"]["files"], 2);
    assert!(r.stderr.contains("copydesk: note: "), "{}", r.stderr);
    // A link to no file, where a file would be read, is an error naming it.
    symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
    let listing = Inputs::new().list(std::slice::from_ref(&dir));
    assert_eq!(listing.errors.len(), 1, "{:?}", listing.errors);
    assert!(listing.errors[0].path.ends_with("dangling.txt"));
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_met_while_walking_is_skipped_and_one_named_is_read() {
    let dir = temp_dir("fifo");
    write(&dir, "a.txt", WANG_LI);
    mkfifo(&dir.join("pipe.txt"));
    let r = run_in(&dir, &["check", "--format", "json", "."], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(json(&r)["summary"]["files"], 1);
    // Named, it is read (as `<(…)` is), on both branches of `check`:
    // streamed, and all files at once with the text kept for rendering.
    for extra in [&["--select", "entity"][..], &[]] {
        let fifo = dir.join("pipe.txt");
        let writer = std::thread::spawn(move || std::fs::write(fifo, WANG_LI).unwrap());
        let mut args = vec!["check", "--color", "never"];
        args.extend_from_slice(extra);
        args.push("pipe.txt");
        let r = run_in(&dir, &args, b"");
        writer.join().unwrap();
        assert_eq!(r.code, 1, "{extra:?}: {}", r.stderr);
        assert!(
            r.stdout.contains("pipe.txt:1:18"),
            "{extra:?}: {}",
            r.stdout
        );
        assert!(
            r.stdout.contains("1 │ Foreign Minister Wang Li said so."),
            "{extra:?}: {}",
            r.stdout
        );
    }
}

#[cfg(unix)]
#[test]
fn dev_zero_ends_with_the_size_error() {
    let e = Inputs::new().read(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(e.path, "/dev/zero");
    assert!(e.message.contains("too large"), "{}", e.message);
    assert!(e.message.contains("64 MiB"), "{}", e.message);
}

#[test]
fn a_file_above_the_limit_is_refused_unread() {
    let dir = temp_dir("big");
    let path = dir.join("big.txt");
    // Sparse: no 64 MiB is written or read.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_FILE_SIZE + 1)
        .unwrap();
    write(&dir, "a.txt", WANG_LI);
    let r = run_in(
        &dir,
        &["check", "--format", "json", "big.txt", "a.txt"],
        b"",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(v["errors"][0]["path"], "big.txt");
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("too large: 67108865 bytes"), "{message}");
    assert_eq!(
        finding_paths(&v),
        ["a.txt"],
        "the other file is still checked"
    );
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for u in units {
        bytes.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_with_a_bom_is_decoded_with_a_note() {
    let text = "Título.\nForeign Minister Wang Li said so.\n";
    for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let dir = temp_dir(&format!("utf16-{name}"));
        write(&dir, "a.txt", utf16(text, big_endian, true));
        let loaded = Inputs::new().read(&dir.join("a.txt")).unwrap();
        assert_eq!(loaded.source.text, text);
        assert!(loaded.note.as_deref().unwrap().contains(name));

        let r = run_in(&dir, &["check", "--format", "json", "a.txt"], b"");
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("copydesk: note: a.txt: decoded from {name}")),
            "{}",
            r.stderr
        );
        let v = json(&r);
        let f = &v["findings"][0];
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(2), Some(18))
        );
        // Byte offsets count in the decoded text, as the note says.
        let (start, end) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
        assert_eq!(&text[start as usize..end as usize], "Wang Li");
    }
}

#[test]
fn utf16_without_a_bom_and_binary_files_are_refused_by_name() {
    let dir = temp_dir("binary");
    write(&dir, "le.txt", utf16(WANG_LI, false, false));
    write(&dir, "be.txt", utf16(WANG_LI, true, false));
    write(&dir, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(&dir, "odd.txt", &utf16(WANG_LI, false, true)[..9]);
    write(&dir, "ok.txt", WANG_LI);
    let r = run_in(&dir, &["check", "--format", "json", "."], b"");
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    let errors: Vec<(String, String)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let message = |name: &str| {
        errors
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .unwrap_or_else(|| panic!("no error for {name}: {errors:?}"))
            .1
            .clone()
    };
    assert!(message("le.txt").contains("UTF-16LE text without a byte-order mark"));
    assert!(message("be.txt").contains("UTF-16BE text without a byte-order mark"));
    assert!(message("image.txt").contains("binary file"));
    assert!(message("odd.txt").contains("odd number of bytes"));
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(finding_paths(&v)[0].ends_with("ok.txt"), "still checked");
    // On standard error too, naming the file.
    assert!(
        r.stderr.contains("le.txt: looks like UTF-16LE"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_utf8_bom_is_kept_and_skipped_as_before() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(WANG_LI.as_bytes());
    let loaded = input::decode("a.txt".into(), bytes).unwrap();
    assert!(loaded.note.is_none());
    assert_eq!(loaded.source.text, format!("\u{feff}{WANG_LI}"));
}

#[test]
fn stdin_filename_names_standard_input_and_picks_its_reader() {
    let dir = temp_dir("stdin-name");
    let r = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "web/piece.md",
            "-",
        ],
        WANG_LI.as_bytes(),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(finding_paths(&json(&r)), ["web/piece.md"]);
    // The reader is picked from the name the source carries.
    let loaded = Inputs::new()
        .stdin_named(Some("web/piece.md".into()))
        .shown(Path::new("-"));
    assert_eq!(Format::of(Path::new(&loaded)), Format::Markdown);

    write(&dir, "a.txt", "Foreign Minister Wang Yi said so.\n");
    write(&dir, "b.txt", "Foreign Minister Wang Yi said so.\n");
    let r = run_in(
        &dir,
        &[
            "compare",
            "--format",
            "json",
            "--stdin-filename",
            "c.txt",
            "a.txt",
            "b.txt",
            "-",
        ],
        WANG_LI.as_bytes(),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(finding_paths(&json(&r)), ["c.txt"]);
    // Without it, standard input is `<stdin>` as before.
    let r = run_in(
        &dir,
        &["check", "--format", "json", "-"],
        WANG_LI.as_bytes(),
    );
    assert_eq!(finding_paths(&json(&r)), ["<stdin>"]);
}

/// The README's one table of extensions says what `Format` does.
#[test]
fn the_readme_table_of_extensions_is_true() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("| extension (any case) |")
        .expect("README has the table of extensions");
    let rows: Vec<&str> = readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let mut seen = 0;
    for row in rows {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (exts, walked, reader) = (cells[1], cells[2], cells[3]);
        for ext in exts
            .split(',')
            .map(str::trim)
            .filter(|e| e.starts_with("`."))
        {
            let name = format!("a{}", ext.trim_matches('`'));
            let upper = name.to_ascii_uppercase();
            for name in [&name, &upper] {
                let format = Format::of(Path::new(name));
                assert!(
                    reader
                        .to_lowercase()
                        .contains(&format!("{format:?}").to_lowercase()),
                    "{name}: {format:?}, README says {reader}"
                );
                assert_eq!(Format::walked(Path::new(name)), walked == "yes", "{name}");
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 8, "every extension walked has a row");
}

#[test]
fn a_file_of_unknown_extension_named_explicitly_is_read_as_text_with_a_note() {
    let dir = temp_dir("unknown-extension");
    write(&dir, "story.xyz", WANG_LI);
    write(&dir, "story.txt", WANG_LI);
    let unknown = run_in(&dir, &["check", "--format", "json", "story.xyz"], b"");
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert_eq!(finding_paths(&json(&unknown)), ["story.xyz"]);
    assert!(
        unknown
            .stderr
            .contains("story.xyz: no reader for this file's extension"),
        "{}",
        unknown.stderr
    );
    let known = run_in(&dir, &["check", "--format", "json", "story.txt"], b"");
    assert_eq!(known.code, 1);
    assert!(!known.stderr.contains("no reader"), "{}", known.stderr);
}
