//! The human renderer (and every other) never panics, whatever the spans
//! and the text around them: `compare` puts labels in several versions full of curly quotes, and
//! ariadne 0.6 once panicked on them ("end byte index N is not a char
//! boundary; it is inside '“'", from its write.rs).

use assert_cmd::Command;
use copydesk::codes::Check;
use copydesk::compare::classify::compare;
use copydesk::finding::{Finding, RelatedSpan, Severity};
use copydesk::render::{Format, Sources, write_findings};
use copydesk::source::SourceFile;
use proptest::prelude::*;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The two files of the report, through the binary.
#[test]
fn compare_with_curly_quotes_in_both_versions_renders() {
    let dir = temp_dir("curly-compare");
    std::fs::write(
        dir.join("a.txt"),
        "d walkers alike,” she said, and the council “has n”",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), "council“has alike”").unwrap();
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .current_dir(&dir)
        .args(["compare", "--color", "never", "a.txt", "b.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Both versions are shown, each at its true line and column.
    assert!(stdout.contains("b.txt:1:13"), "{stdout}");
    assert!(stdout.contains("a.txt:1:"), "{stdout}");
    // One against one: each version its own finding.
    assert!(stdout.contains("2 errors"), "{stdout}");
}

/// The human output of `findings`; every other format renders them too.
fn render_human(findings: &[Finding], files: &[SourceFile]) -> String {
    let mut sources = Sources::default();
    sources.add(files);
    for format in <Format as clap::ValueEnum>::value_variants() {
        let mut out = Vec::new();
        write_findings(&mut out, *format, findings, &sources, files.len(), false).unwrap();
        String::from_utf8(out).expect("every renderer writes UTF-8");
    }
    let mut out = Vec::new();
    write_findings(
        &mut out,
        Format::Human,
        findings,
        &sources,
        files.len(),
        false,
    )
    .unwrap();
    String::from_utf8(out).expect("the renderer writes UTF-8")
}

/// Words and marks the random versions are made of: curly and straight
/// quotation marks, multi-byte letters, line breaks.
const PIECES: &[&str] = &[
    "“", "”", "‘", "’", "\"", "'", "council", "has", "alike", "n", "walkers", "she", "said",
    "Wang Yi", "Wang Li", "王毅", "…", ",", ".", " ", " ", " ", "\n", "3,200km", "3,800km",
];

fn version() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `compare` over random curly-quoted versions: whatever it finds renders.
    #[test]
    fn compare_output_always_renders(texts in proptest::collection::vec(version(), 2..4)) {
        let files: Vec<SourceFile> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("v{i}.txt"), t.clone()))
            .collect();
        let findings = compare(&files);
        let _ = render_human(&findings, &files);
    }

    /// Any byte spans at all, primary and related, in several files.
    #[test]
    fn any_spans_render(
        texts in proptest::collection::vec(version(), 1..4),
        spans in proptest::collection::vec((0usize..4, 0usize..200, 0usize..200), 1..5),
    ) {
        let files: Vec<SourceFile> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("v{i}.txt"), t.clone()))
            .collect();
        let span = |(f, a, b): (usize, usize, usize)| {
            let f = f % files.len();
            let len = files[f].text.len() + 1;
            let (a, b) = (a % len, b % len);
            (files[f].path.clone(), a.min(b)..a.max(b))
        };
        let (path, primary) = span(spans[0]);
        let related = spans[1..]
            .iter()
            .map(|s| {
                let (path, span) = span(*s);
                RelatedSpan { path, span, message: "here".into() }
            })
            .collect();
        let finding = Finding {
            path,
            check: Check::CompareQuote,
            rule: "compare-quote".into(),
            severity: Severity::Error,
            message: "m".into(),
            span: primary,
            label: "l".into(),
            found: String::new(),
            expected: None,
            help: None,
            notes: Vec::new(),
            related,
            suggestion: None,
        };
        let _ = render_human(&[finding], &files);
    }
}
