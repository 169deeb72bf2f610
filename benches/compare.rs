//! `cargo bench --bench compare`: `compare` on ten versions of a synthetic
//! piece of about 5,000 and 10,000 words; twice the text should take no
//! more than about twice the time (n log n).

#[path = "support/versions.rs"]
mod versions;

use copydesk::compare::classify::compare;
use divan::{Bencher, black_box};

#[divan::bench(args = [50, 100], sample_count = 5)]
fn ten_versions(bencher: Bencher, paragraphs: usize) {
    let files = versions::versions(paragraphs);
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| compare(black_box(&files)).len());
}

fn main() {
    divan::main();
}
