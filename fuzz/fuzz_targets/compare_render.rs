//! `compare` end to end through the library with every renderer: the input
//! is split on NUL bytes into two to four versions.
#![no_main]

#[path = "common.rs"]
mod common;

use copydesk::compare::classify::compare;
use copydesk::render::Sources;
use copydesk::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<SourceFile> = text
        .split('\0')
        .take(4)
        .enumerate()
        .map(|(i, t)| SourceFile::new(format!("v{i}.txt"), t))
        .collect();
    if files.len() < 2 {
        return;
    }
    let findings = compare(&files);
    let mut sources = Sources::default();
    sources.add(files.iter());
    common::assert_spans(&findings, &sources);
    common::render_all(&findings, &sources, files.len());
});
