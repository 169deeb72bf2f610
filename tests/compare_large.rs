//! `compare` on ten versions of a long synthetic piece finds exactly the
//! planted unit changes. (Its speed is measured by `cargo bench --bench
//! compare`, not here.)

#[path = "../benches/support/versions.rs"]
mod versions;

use copydesk::compare::classify::compare;

#[test]
fn ten_long_versions_yield_exactly_the_planted_changes() {
    // Paragraphs 0, 17 and 34 changed in versions 1, 4 and 7.
    let files = versions::versions(50);
    assert!(files[0].text.split_whitespace().count() > 4_000);
    assert_eq!(compare(&files).len(), 9);
}
