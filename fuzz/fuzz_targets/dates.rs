//! The date parsers: relative expressions and weekday dates lie inside the
//! text on char boundaries, and resolve without panicking.
#![no_main]

use copydesk::text::relative_dates::{find_expressions, find_weekday_dates};
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
    let published = jiff::civil::date(2017, 11, 20);
    for e in find_expressions(text) {
        assert!(inside(text, &e.span), "{e:?}");
        let _ = e.relative.clone().precision();
        for range in e.relative.clone().resolve(published) {
            assert!(range.start <= range.end, "{e:?}: {range:?}");
        }
    }
    for w in find_weekday_dates(text) {
        assert!(inside(text, &w.span), "{w:?}");
    }
});
