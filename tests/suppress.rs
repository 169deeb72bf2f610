//! Suppression comments end to end through the library: the checker finds,
//! `suppress::Suppressor` drops what the comments name and reports the
//! comments that suppressed nothing. Fixtures: `fixtures/suppress/` (see
//! its README).

use copydesk::checks::Checker;
use copydesk::codes::{Check, Selection};
use copydesk::finding::{Finding, Severity};
use copydesk::rules::RuleSet;
use copydesk::source::SourceFile;
use copydesk::suppress::{Applied, Suppressor, directives};
use std::io::Write;
use std::path::{Path, PathBuf};

const DIR: &str = "fixtures/suppress";

fn rules() -> RuleSet {
    let (rules, errors) = RuleSet::load(&[PathBuf::from(DIR).join("rules.toml")]);
    assert!(errors.is_empty(), "{errors:?}");
    rules
}

/// A file read as `copydesk check` reads it.
fn read(path: &Path) -> SourceFile {
    let bytes = std::fs::read(path).unwrap();
    copydesk::input::decode(path.display().to_string(), bytes)
        .unwrap()
        .source
}

/// Check `source` and apply its directives, every check selected.
fn check(source: &SourceFile) -> (Vec<Finding>, Applied) {
    let rules = rules();
    let found = Checker::new(&rules).check(source);
    let applied = Suppressor::for_check(&rules, &Selection::all()).check(found.clone(), source);
    (found, applied)
}

/// (code, the file's text at the span) of each finding.
fn seen(source: &SourceFile, findings: &[Finding]) -> Vec<(&'static str, String)> {
    findings
        .iter()
        .map(|f| {
            let text = source.text.get(f.span.clone()).unwrap_or("?").to_string();
            (f.check.code(), text)
        })
        .collect()
}

fn fixture(name: &str) -> SourceFile {
    read(&Path::new(DIR).join(name))
}

#[test]
fn next_line_suppresses_the_finding_under_it_and_keeps_its_reason() {
    let src = fixture("next-line.md");
    let (found, out) = check(&src);
    assert!(
        seen(&src, &found).contains(&("entity-near-miss", "Halvorson".into())),
        "the fixture must flag without its comment: {:?}",
        seen(&src, &found)
    );
    assert_eq!(
        seen(&src, &out.findings),
        [("term", "cause way".to_string())]
    );
    assert_eq!(out.suppressed.len(), 1);
    let s = &out.suppressed[0];
    assert_eq!(s.finding.check, Check::EntityNearMiss);
    assert_eq!(
        s.reason.as_deref(),
        Some("the Tidewater Courier spells her name so")
    );
    assert!(src.text[s.directive.clone()].starts_with("<!-- copydesk-disable-next-line"));
}

#[test]
fn a_range_ends_at_its_enable() {
    let src = fixture("range.md");
    let (found, out) = check(&src);
    let terms = |f: &[Finding]| f.iter().filter(|f| f.check == Check::Term).count();
    assert_eq!(terms(&found), 3, "{:?}", seen(&src, &found));
    assert_eq!(terms(&out.findings), 1);
    let after = src.text.find("Mayor Halvorson said").unwrap();
    assert!(
        out.findings
            .iter()
            .all(|f| f.span.start > after && f.check != Check::UnusedSuppression),
        "{:?}",
        seen(&src, &out.findings)
    );
    assert!(
        out.findings
            .iter()
            .any(|f| f.check == Check::EntityNearMiss)
    );
}

#[test]
fn a_file_directive_covers_the_whole_file_for_its_kind() {
    let src = fixture("file.md");
    let (found, out) = check(&src);
    let near = |f: &[Finding]| {
        f.iter()
            .filter(|f| f.check == Check::EntityNearMiss)
            .count()
    };
    assert_eq!(near(&found), 2);
    assert_eq!(near(&out.findings), 0);
    assert_eq!(
        seen(&src, &out.findings),
        [("term", "cause way".to_string())]
    );
    assert!(
        out.suppressed
            .iter()
            .all(|s| s.reason.as_deref() == Some("house spelling throughout"))
    );
}

#[test]
fn unused_misspelt_and_unknown_directives_are_notes() {
    let src = fixture("unused.md");
    let (_, out) = check(&src);
    let notes: Vec<&Finding> = out
        .findings
        .iter()
        .filter(|f| f.check == Check::UnusedSuppression)
        .collect();
    assert_eq!(notes.len(), 3, "{:#?}", out.findings);
    assert!(notes.iter().all(|n| n.severity == Severity::Note));
    assert!(
        notes
            .iter()
            .all(|n| src.text[n.span.clone()].starts_with("<!-- copydesk-"))
    );
    // Nothing on the line under the first: it is no longer needed.
    assert!(
        notes[0].message.contains("`entity-near-miss`"),
        "{}",
        notes[0].message
    );
    assert!(
        notes[0]
            .notes
            .iter()
            .any(|n| n == "its reason: fixed since")
    );
    // The misspelt code suppresses nothing, says so, and guesses.
    assert!(
        notes[1]
            .notes
            .iter()
            .any(|n| n.contains("did you mean `entity-near-miss`")),
        "{:?}",
        notes[1].notes
    );
    assert!(
        out.findings
            .iter()
            .any(|f| f.check == Check::EntityNearMiss),
        "the near-miss under the misspelt code stays"
    );
    assert!(notes[2].message.contains("copydesk-disable-line"));
    assert!(out.suppressed.is_empty());
    // The comment in the code block is no directive at all.
    assert_eq!(directives(&src).len(), 3);
}

#[test]
fn html_comments_name_rule_ids() {
    let src = fixture("page.html");
    let (found, out) = check(&src);
    assert!(found.iter().any(|f| f.check == Check::EntityNearMiss));
    assert_eq!(
        seen(&src, &out.findings),
        [("term", "cause way".to_string())]
    );
    assert_eq!(out.suppressed[0].finding.rule, "ingrid-halvorsen");
}

#[test]
fn cms_exports_read_comments_inside_their_html_strings() {
    let src = fixture("post.json");
    let (found, out) = check(&src);
    assert!(found.iter().any(|f| f.check == Check::EntityNearMiss));
    let left = seen(&src, &out.findings);
    assert_eq!(left.len(), 2, "{left:?}");
    assert_eq!(left[0], ("term", "cause way".to_string()));
    // The unused one is reported on the comment's bytes in the JSON file.
    assert_eq!(left[1].0, "unused-suppression");
    assert_eq!(left[1].1, "<!-- copydesk-disable-next-line quote -->");
    assert_eq!(
        out.suppressed[0].reason.as_deref(),
        Some("the Courier\u{2019}s house spelling")
    );
}

/// The Word draft whose parts are under `fixtures/suppress/draft/`, zipped.
fn draft() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-suppress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("draft.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let root = Path::new(DIR).join("draft");
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/comments.xml",
    ] {
        zip.start_file(part, options).unwrap();
        zip.write_all(&std::fs::read(root.join(part)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn word_comments_suppress_the_text_they_are_anchored_on() {
    let src = read(&draft());
    assert_eq!(
        src.comments.len(),
        2,
        "the ordinary review comment is left out"
    );
    let (found, out) = check(&src);
    let near: Vec<usize> = found
        .iter()
        .filter(|f| f.check == Check::EntityNearMiss)
        .map(|f| src.line_col(f.span.start).line)
        .collect();
    assert_eq!(near, [2, 3], "{:?}", seen(&src, &found));
    let left: Vec<(&str, usize)> = out
        .findings
        .iter()
        .map(|f| (f.check.code(), src.line_col(f.span.start).line))
        .collect();
    assert_eq!(
        left,
        [
            ("entity-near-miss", 3),
            // The note is on the commented text, which begins before the term.
            ("unused-suppression", 4),
            ("term", 4)
        ]
    );
    assert_eq!(
        out.suppressed[0].reason.as_deref(),
        Some("the Courier's house spelling")
    );
}

#[test]
fn clean_files_have_no_directives() {
    for text in [
        "Mayor Ingrid Halvorsen spoke. <!-- an ordinary comment -->",
        "copydesk-disable-file is only words in plain text",
    ] {
        for name in ["a.md", "a.txt", "a.html"] {
            let src = SourceFile::new(name, text);
            if name == "a.txt" || !text.contains("<!--") {
                assert!(directives(&src).is_empty(), "{name}: {text}");
            }
            let (found, out) = check(&src);
            assert_eq!(found, out.findings, "{name}: {text}");
        }
    }
}
