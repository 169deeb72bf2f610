//! Write the generated benchmark corpus to disk, for `scripts/bench.sh`:
//!
//!     cargo run --release --example gen_corpus -- OUT_DIR [ARTICLES]
//!
//! OUT_DIR/articles/opedNNNNN.txt, OUT_DIR/truth.jsonl,
//! OUT_DIR/rules/kK/rules.toml and OUT_DIR/rules/kK/patterns.txt for K in
//! 100, 1,000 and 10,000.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_corpus OUT_DIR [ARTICLES]");
        std::process::exit(2);
    };
    let articles: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    const SEED: u64 = 20_240_601;
    let universe = corpus::universe(SEED, 10_000);
    std::fs::create_dir_all(out.join("articles"))?;
    let mut truth = std::io::BufWriter::new(std::fs::File::create(out.join("truth.jsonl"))?);
    let mut bytes = 0;
    for i in 0..articles {
        let (text, injected) = corpus::article(SEED, i, &universe);
        let name = format!("oped{i:05}.txt");
        bytes += text.len();
        std::fs::write(out.join("articles").join(&name), text)?;
        for t in injected {
            writeln!(
                truth,
                "{{\"file\": \"{name}\", \"byte_offset\": {}, \"variant\": \"{}\", \"rule_id\": {}}}",
                t.offset, t.variant, t.rule
            )?;
        }
    }
    for k in [100, 1_000, 10_000] {
        let dir = out.join("rules").join(format!("k{k}"));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("rules.toml"), corpus::rules_toml(&universe, k))?;
        std::fs::write(dir.join("patterns.txt"), corpus::patterns(&universe, k))?;
    }
    eprintln!("{articles} articles, {bytes} bytes -> {}", out.display());
    Ok(())
}
