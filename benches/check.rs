//! `cargo bench`: checking throughput on a generated corpus, for canons of
//! 100, 1,000 and 10,000 names, with entity/term checks only and with every
//! engine. The corpus comes from `benches/support/corpus.rs`; nothing outside the
//! repository is read. For the side-by-side comparison with ripgrep on the
//! shared benchmark corpus, see `scripts/bench.sh` and BENCHMARKS.md.

#[path = "support/corpus.rs"]
mod corpus;

use copydesk::checks::Checker;
use copydesk::codes::Selection;
use copydesk::rules::RuleSet;
use copydesk::source::SourceFile;
use divan::{Bencher, black_box};
use std::sync::LazyLock;

const SEED: u64 = 20_240_601;
const ARTICLES: usize = 200;

static UNIVERSE: LazyLock<Vec<corpus::Canon>> = LazyLock::new(|| corpus::universe(SEED, 10_000));
static ARTICLE_TEXTS: LazyLock<Vec<SourceFile>> = LazyLock::new(|| {
    (0..ARTICLES)
        .map(|i| {
            SourceFile::new(
                format!("oped{i:05}.txt"),
                corpus::article(SEED, i, &UNIVERSE).0,
            )
        })
        .collect()
});

fn rules(k: usize) -> RuleSet {
    let mut set = RuleSet::default();
    let mut errors = Vec::new();
    set.add_file(
        SourceFile::new("canon.toml", corpus::rules_toml(&UNIVERSE, k)),
        &mut errors,
    );
    assert!(errors.is_empty());
    set
}

fn run(bencher: Bencher, k: usize, selection: Selection) {
    let rules = rules(k);
    let checker = Checker::with_selection(&rules, selection);
    let bytes: usize = ARTICLE_TEXTS.iter().map(|a| a.text.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            let mut n = 0;
            for a in ARTICLE_TEXTS.iter() {
                n += checker.check(black_box(a)).len();
            }
            n
        });
}

/// Entity and term checks only (the literal automaton and near-miss index).
#[divan::bench(args = [100, 1_000, 10_000], sample_count = 10)]
fn entity_term(bencher: Bencher, k: usize) {
    let sel = Selection::new(&["entity".into(), "term".into()], &[]).unwrap();
    run(bencher, k, sel);
}

/// Every engine (quantities, quotations, dates, style included).
#[divan::bench(args = [100, 1_000, 10_000], sample_count = 10)]
fn every_engine(bencher: Bencher, k: usize) {
    run(bencher, k, Selection::all());
}

/// Compiling the rules: parse, validate, build the automaton and indexes.
#[divan::bench(args = [100, 1_000, 10_000], sample_count = 5)]
fn compile_rules(bencher: Bencher, k: usize) {
    let text = corpus::rules_toml(&UNIVERSE, k);
    bencher.bench(|| {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(SourceFile::new("canon.toml", text.clone()), &mut errors);
        let checker = Checker::new(&set);
        black_box(&checker);
        set.len()
    });
}

/// One paragraph with no full stop, of 20,000 and 80,000 words mixing
/// names, quotations, numbers and dates, against the shipped op-ed rules: the
/// time must grow with the text, not with its square (each number, quotation
/// and word is judged within a bounded window).
#[divan::bench(args = [20_000, 80_000], sample_count = 3)]
fn long_paragraph(bencher: Bencher, words: usize) {
    let pieces = [
        "Wang Yi",
        "said",
        "“apply the brakes”",
        "Sergei Lavrow",
        "the",
        "3,200km",
        "pipeline",
        "$400 billion",
        "(Dh1.2 billion)",
        "last Monday",
        "favoured",
        "favored",
        "peninsular",
        "’90s",
        "don’t",
        "Trump",
    ];
    let mut rng = corpus::Rng::new(7);
    let text: Vec<&str> = (0..words).map(|_| rng.pick(&pieces)).collect();
    let file = SourceFile::new("long.txt", text.join(" "));
    let mut set = RuleSet::default();
    let mut errors = Vec::new();
    let rules =
        std::fs::read_to_string("rules/china-russia-2017.toml").expect("run from the crate root");
    set.add_file(
        SourceFile::new("rules/china-russia-2017.toml", rules),
        &mut errors,
    );
    let checker = Checker::new(&set);
    bencher
        .counter(divan::counter::BytesCount::new(file.text.len()))
        .bench(|| checker.check(black_box(&file)).len());
}

fn main() {
    divan::main();
}
