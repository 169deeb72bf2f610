//! The Word-draft reader over arbitrary bytes: an error or a text, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = copydesk::read::docx::read(data);
});
