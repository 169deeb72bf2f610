//! What every end-to-end target asserts of the findings and of each
//! renderer's output.

#![allow(dead_code)]

use copydesk::finding::Finding;
use copydesk::render::{Format, Sources, write_report};
use copydesk::source::SourceFile;
use copydesk::text::is_unsafe_for_terminal;

/// The file name a selector byte picks, so that every reader is reached.
pub fn name_for(selector: u8, stem: &str) -> String {
    let ext = match selector % 5 {
        0 => "txt",
        1 => "md",
        2 => "html",
        3 => "json",
        _ => "text",
    };
    format!("{stem}.{ext}")
}

/// A span of `findings` points into `file`: inside it, on char boundaries.
pub fn assert_span_in(file: &SourceFile, span: &std::ops::Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= file.text.len(),
        "{what} span {span:?} outside {} ({} bytes)",
        file.path,
        file.text.len()
    );
    assert!(
        file.text.is_char_boundary(span.start) && file.text.is_char_boundary(span.end),
        "{what} span {span:?} not on char boundaries of {}",
        file.path
    );
}

/// Every finding's span, and every related span into a known file, lies
/// inside its file on char boundaries.
pub fn assert_spans(findings: &[Finding], sources: &Sources) {
    for f in findings {
        let file = sources
            .get(&f.path)
            .unwrap_or_else(|| panic!("finding in unknown file {}", f.path));
        assert_span_in(file, &f.span, "primary");
        for r in &f.related {
            if let Some(file) = sources.get(&r.path) {
                assert_span_in(file, &r.span, "related");
            }
        }
    }
}

/// Render with every renderer and check each output.
pub fn render_all(findings: &[Finding], sources: &Sources, files: usize) {
    for format in [
        Format::Human,
        Format::Json,
        Format::Github,
        Format::Sarif,
        Format::Rdjsonl,
        Format::Checkstyle,
        Format::Junit,
        Format::Gitlab,
        Format::Concise,
    ] {
        let mut out = Vec::new();
        write_report(&mut out, format, findings, &[], sources, files, false)
            .expect("writing to a Vec does not fail");
        let text = String::from_utf8(out).expect("renderers write UTF-8");
        match format {
            Format::Json => {
                let doc: serde_json::Value =
                    serde_json::from_str(&text).expect("JSON output parses");
                assert_eq!(
                    doc["findings"].as_array().map(|a| a.len()),
                    Some(findings.len()),
                    "every finding in the JSON output"
                );
            }
            Format::Sarif => {
                let doc: serde_json::Value =
                    serde_json::from_str(&text).expect("SARIF output parses");
                assert_eq!(
                    doc["runs"][0]["results"].as_array().map(|a| a.len()),
                    Some(findings.len()),
                    "every finding in the SARIF output"
                );
            }
            Format::Gitlab => {
                let doc: serde_json::Value =
                    serde_json::from_str(&text).expect("GitLab output parses");
                assert_eq!(doc.as_array().map(|a| a.len()), Some(findings.len()));
            }
            Format::Rdjsonl => {
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line).expect("each line parses");
                }
                assert_eq!(text.lines().count(), findings.len());
            }
            Format::Checkstyle | Format::Junit => {}
            Format::Human | Format::Github | Format::Concise => {
                if let Some(c) = text.chars().find(|&c| is_unsafe_for_terminal(c)) {
                    panic!("{format:?} output carries raw U+{:04X}:\n{text}", c as u32);
                }
            }
        }
    }
}
