//! The rule-file loader over arbitrary TOML text; what it accepts is then
//! used to check a short article.
#![no_main]

use copydesk::checks::Checker;
use copydesk::rules::RuleSet;
use copydesk::source::SourceFile;
use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "Foreign Minister Wang Li said on Monday that the 3,200km \
    pipeline would “apply the break” to tension on the peninsular.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = RuleSet::default();
    let mut errors = Vec::new();
    set.add_file(SourceFile::new("fuzz.toml", text), &mut errors);
    let article = SourceFile::new("a.txt", ARTICLE);
    for f in Checker::new(&set).check(&article) {
        assert!(f.span.end <= ARTICLE.len() && ARTICLE.is_char_boundary(f.span.start));
        assert!(ARTICLE.is_char_boundary(f.span.end));
    }
});
