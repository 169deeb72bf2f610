//! The number parser: every mention's spans lie inside the text on char
//! boundaries, nested as documented.
#![no_main]

use copydesk::text::numbers::{quantities, scan};
use libfuzzer_sys::fuzz_target;

fn inside(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for mentions in [scan(text), quantities(text)] {
        for m in &mentions {
            assert!(inside(text, &m.span), "{m:?}");
            assert!(inside(text, &m.number), "{m:?}");
            assert!(
                m.span.start <= m.number.start && m.number.end <= m.span.end,
                "{m:?}"
            );
            if let Some(s) = &m.magnitude_span {
                assert!(inside(text, s), "{m:?}");
            }
            if let Some(i) = m.converts {
                assert!(i < mentions.len(), "{m:?}");
            }
            let _ = (m.precision(), m.centre());
        }
    }
});
