//! Each text reader (`read::prepare` over a file named .txt, .md, .html,
//! .json): no panic, and the byte map points inside the file on char
//! boundaries.
#![no_main]

#[path = "common.rs"]
mod common;

use copydesk::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let file = SourceFile::new(common::name_for(selector, "input"), text);
    if let Ok(Some(prepared)) = copydesk::read::prepare(&file) {
        if let Some(map) = &prepared.map {
            for seg in map.segments() {
                assert!(seg.source.start <= seg.source.end && seg.source.end <= text.len());
            }
            // Any span of the prepared text maps into the file.
            let n = prepared.text.len();
            for span in [0..n, 0..0, n..n, n / 2..n] {
                let mapped = map.span(&span);
                assert!(
                    mapped.start <= mapped.end && mapped.end <= text.len(),
                    "{span:?} → {mapped:?}"
                );
            }
        }
    }
});
