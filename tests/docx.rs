//! The Word-draft reader end to end (issue 14). `fixtures/docx/flag/` and
//! `fixtures/docx/clean/` hold the parts of two drafts as reviewable XML;
//! each test zips them into a `.docx` in a temporary folder
//! ([`build_docx`]). What the fixtures plant is listed in
//! `fixtures/docx/README.md`.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-docx-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir`, as (path in the zip, bytes), in name order.
fn parts_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap();
                let name = name
                    .components()
                    .map(|c| c.as_os_str().to_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// Zip `parts` (deflated) into `to`.
fn write_zip(to: &Path, parts: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// The draft whose parts are under `fixtures/docx/<fixture>/`, zipped as
/// `dir/<name>`.
fn build_docx(fixture: &str, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    write_zip(&path, &parts_of(&Path::new("fixtures/docx").join(fixture)));
    path
}

/// The exit code and JSON document of `copydesk ARGS --format json`.
fn run_json(args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("a JSON document");
    (out.status.code().unwrap(), doc)
}

fn check_json(paths: &[&Path]) -> (i32, Value) {
    let mut args = vec!["check", "--rules", "rules"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    run_json(&args)
}

/// The paragraphs of the draft as copydesk reads them, from the fixture's
/// own XML: what the locations must point into.
fn paragraph(fixture: &str, n: usize) -> String {
    let docx = build_docx(fixture, &temp_dir(&format!("para-{fixture}-{n}")), "a.docx");
    let text = copydesk::input::read(&docx).unwrap().text;
    text.split('\n').nth(n - 1).unwrap().to_string()
}

#[test]
fn the_planted_drift_is_found_at_its_paragraph() {
    let dir = temp_dir("flag");
    let docx = build_docx("flag", &dir, "draft.docx");
    let (code, doc) = check_json(&[&docx]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(doc["errors"], json!([]));
    let findings = doc["findings"].as_array().unwrap();
    let got: Vec<(&str, &str, Value)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["found"].as_str().unwrap(),
                f["location"].clone(),
            )
        })
        .collect();
    // "Wang Li" across two runs; the tracked insertion "3,800km". Nothing
    // else: not the deletion's "peninsular", not the footnote, the comment
    // or the field instruction, and not the right length in the table.
    assert_eq!(
        got,
        [
            (
                "entity-variant",
                "Wang Li",
                json!({"paragraph": 3, "offset": 43})
            ),
            (
                "quantity-value",
                "3,800 km",
                json!({"paragraph": 5, "offset": 36})
            ),
        ],
        "{doc}"
    );
    for (f, words) in findings.iter().zip(["Wang Li", "3,800km"]) {
        // No byte offsets into a zip; no byte-replacing suggestion.
        assert_eq!((&f["start"], &f["end"]), (&Value::Null, &Value::Null));
        assert_eq!(f["suggestion"], Value::Null);
        // line is the paragraph, column the character in it (1-based).
        let n = f["location"]["paragraph"].as_u64().unwrap() as usize;
        let offset = f["location"]["offset"].as_u64().unwrap() as usize;
        assert_eq!(f["line"], json!(n));
        assert_eq!(f["column"], json!(offset + 1));
        let text = paragraph("flag", n);
        let at: String = text
            .chars()
            .skip(offset)
            .take(words.chars().count())
            .collect();
        assert_eq!(at, words, "paragraph {n}: {text}");
        // The rule file's place keeps its byte offsets.
        assert!(f["related"][0]["start"].is_u64());
        assert!(f["related"][0].get("location").is_none());
    }
    // Tracked changes are read as accepted; references give no text.
    assert_eq!(
        paragraph("flag", 4),
        "Both capitals watch the Korean peninsula with unease, and neither wants the stand-off to grow."
    );
    assert_eq!(
        paragraph("flag", 6),
        "Officials call the partnership one of equals."
    );
    assert_eq!(paragraph("flag", 7), "");
    assert_eq!(
        paragraph("flag", 8),
        "Trade between the two grew last year.\u{2028}It is still smaller than either side hoped."
    );
    assert_eq!(paragraph("flag", 2), "By a contributing columnist Opinion");
}

#[test]
fn the_footnote_and_comment_parts_are_not_checked() {
    // The same parts, read as text, are flagged: the quiet above is the
    // reader's doing, not the rules'.
    let dir = temp_dir("parts");
    for part in ["footnotes.xml", "comments.xml"] {
        let text =
            std::fs::read_to_string(Path::new("fixtures/docx/flag/word").join(part)).unwrap();
        let txt = dir.join(format!("{part}.txt"));
        std::fs::write(&txt, text).unwrap();
        let (code, doc) = check_json(&[&txt]);
        assert_eq!(code, 1, "{part}: {doc}");
        let codes: Vec<&str> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"term"), "{part}: {codes:?}");
    }
}

#[test]
fn a_clean_draft_stays_quiet() {
    let dir = temp_dir("clean");
    let docx = build_docx("clean", &dir, "clean.docx");
    let (code, doc) = check_json(&[&docx]);
    assert_eq!((code, &doc["findings"]), (0, &json!([])), "{doc}");
    assert_eq!(doc["errors"], json!([]));
    assert_eq!(
        paragraph("clean", 3),
        "Speaking after the talks, Foreign Minister Wang Yi said both sides would keep their word."
    );
}

#[test]
fn human_output_names_the_paragraph() {
    let dir = temp_dir("human");
    let docx = build_docx("flag", &dir, "draft.docx");
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--rules", "rules", "--color", "never"])
        .arg(&docx)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let shown = docx.display();
    assert!(
        stdout.contains(&format!("{shown}: paragraph 3, character 44 ]")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{shown}: paragraph 5, character 37 ]")),
        "{stdout}"
    );
    assert!(
        stdout.contains("are paragraphs of the Word draft"),
        "{stdout}"
    );
    assert!(stdout.contains("Foreign Minister Wang Li said"), "{stdout}");
}

#[test]
fn drafts_are_walked_and_read_from_standard_input() {
    let dir = temp_dir("walk");
    build_docx("flag", &dir, "Draft.DOCX");
    let (code, doc) = check_json(&[&dir]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 2);
    let bytes = std::fs::read(dir.join("Draft.DOCX")).unwrap();
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["check", "--rules", "rules", "--format", "json"])
        .args(["--stdin-filename", "desk/draft.docx", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{doc}");
    assert_eq!(doc["findings"][0]["path"], "desk/draft.docx");
    assert_eq!(
        doc["findings"][0]["location"],
        json!({"paragraph": 3, "offset": 43})
    );
}

#[test]
fn a_draft_is_compared_with_other_versions() {
    let dir = temp_dir("compare");
    let docx = build_docx("flag", &dir, "draft.docx");
    let line = |n| paragraph("clean", n);
    let text: String = (1..=11).map(|n| line(n) + "\n").collect();
    for name in ["a.txt", "b.txt"] {
        std::fs::write(dir.join(name), &text).unwrap();
    }
    let (code, doc) = run_json(&["compare", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{doc}");
    let names: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == json!(docx.to_str().unwrap()))
        .collect();
    assert!(
        names
            .iter()
            .any(|f| f["found"] == "Wang Li" && f["location"]["paragraph"] == 3),
        "{doc}"
    );
}

#[test]
fn bad_drafts_are_input_errors_and_the_rest_is_checked() {
    let dir = temp_dir("bad");
    let good = build_docx("flag", &dir, "good.docx");
    let fixture = parts_of(Path::new("fixtures/docx/flag"));
    let without = |part: &str| -> Vec<(String, Vec<u8>)> {
        fixture.iter().filter(|(n, _)| n != part).cloned().collect()
    };
    // A zip bomb: a document.xml of spaces above the 64 MiB limit.
    let bomb = dir.join("bomb.docx");
    let mut parts = without("word/document.xml");
    let mut xml = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(xml.len() + 65 * 1024 * 1024, b' ');
    parts.push(("word/document.xml".into(), xml));
    write_zip(&bomb, &parts);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1024 * 1024);
    // No word/document.xml.
    let missing = dir.join("missing.docx");
    write_zip(&missing, &without("word/document.xml"));
    // Corrupt: the archive cut in half, its directory lost; and one whose
    // compressed document is overwritten with noise.
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.join("truncated.docx");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    // Malformed XML: a run's text never closed.
    let malformed = dir.join("malformed.docx");
    let mut parts = without("word/document.xml");
    parts.push((
        "word/document.xml".into(),
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Wang Li</w:r></w:p></w:body></w:document>".to_vec(),
    ));
    write_zip(&malformed, &parts);
    // Not a zip at all, named .docx.
    let text = dir.join("text.docx");
    std::fs::write(&text, "Wang Li wrote this as plain text.").unwrap();

    let (code, doc) = check_json(&[&bomb, &good, &malformed, &missing, &text, &truncated]);
    assert_eq!(code, 2, "{doc}");
    let errors: Vec<(String, String)> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["kind"], "input");
            (
                e["path"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let message = |p: &Path| -> &str {
        let shown = p.to_str().unwrap();
        &errors
            .iter()
            .find(|(path, _)| path == shown)
            .unwrap_or_else(|| panic!("no error for {shown}: {errors:?}"))
            .1
    };
    assert!(message(&bomb).contains("more than 64 MiB"), "{errors:?}");
    assert!(
        message(&missing).contains("without word/document.xml"),
        "{errors:?}"
    );
    assert!(message(&truncated).contains("zip archive"), "{errors:?}");
    assert!(message(&text).contains("zip archive"), "{errors:?}");
    assert!(
        message(&malformed).contains("not well-formed XML"),
        "{errors:?}"
    );
    assert_eq!(errors.len(), 5, "{errors:?}");
    // The good draft is still checked.
    assert_eq!(doc["summary"]["errors"], 2, "{doc}");
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["path"] == json!(good.to_str().unwrap()))
    );
}

#[test]
fn a_zip_with_noise_for_its_document_is_an_error() {
    let dir = temp_dir("noise");
    let good = build_docx("flag", &dir, "good.docx");
    let mut bytes = std::fs::read(&good).unwrap();
    // The compressed data of word/document.xml, after its local header,
    // overwritten.
    let name = b"word/document.xml";
    let at = bytes.windows(name.len()).position(|w| w == name).unwrap() + name.len();
    for b in &mut bytes[at + 40..at + 400] {
        *b = 0x5a;
    }
    let noisy = dir.join("noisy.docx");
    std::fs::write(&noisy, &bytes).unwrap();
    let (code, doc) = check_json(&[&noisy]);
    assert_eq!(code, 2, "{doc}");
    assert_eq!(doc["errors"][0]["path"], json!(noisy.to_str().unwrap()));
}
