//! Benchmark of `compare` (ignored by default: timings on a shared machine
//! are not a pass/fail signal for CI). Run it with
//! `cargo test --release --test compare_bench -- --ignored --nocapture`.
//!
//! Ten versions of a synthetic piece of about 10,000 words (500 sentences of
//! words drawn from a 3,000-word vocabulary, a name and a length in each),
//! three versions turning the length of one paragraph in 17 into miles and
//! half of them swapping two paragraphs. The same at half the length: the
//! time must grow no worse than about n log n.

use copydesk::compare::classify::compare;
use copydesk::source::SourceFile;
use std::time::{Duration, Instant};

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn versions(paragraphs: usize) -> Vec<SourceFile> {
    let mut rng = Lcg(7);
    let vocab: Vec<String> = (0..3000)
        .map(|_| {
            let len = 3 + rng.next(7);
            (0..len)
                .map(|_| (b'a' + rng.next(26) as u8) as char)
                .collect()
        })
        .collect();
    let cap = |w: &str| -> String {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    let mut paras: Vec<(String, String)> = Vec::new();
    for p in 0..paragraphs {
        let mut sentences = Vec::new();
        let mut first_length = String::new();
        for s in 0..5 {
            let mut ws: Vec<String> = (0..18).map(|_| vocab[rng.next(3000)].clone()).collect();
            ws.insert(
                5,
                format!(
                    "{} {}",
                    cap(&vocab[(p * 5 + s) % 200]),
                    cap(&vocab[200 + (p * 5 + s) % 200])
                ),
            );
            let length = format!("{},{}km", 2 + rng.next(997), 100 + rng.next(900));
            if s == 0 {
                first_length = length.clone();
            }
            ws.insert(10, length);
            let mut sentence = cap(&ws.join(" "));
            sentence.push('.');
            sentences.push(sentence);
        }
        paras.push((sentences.join(" "), first_length));
    }
    (0..10)
        .map(|v| {
            let mut out: Vec<String> = paras
                .iter()
                .enumerate()
                .map(|(i, (p, length))| {
                    if v % 3 == 1 && i % 17 == 0 {
                        p.replacen(length.as_str(), &length.replace("km", " miles"), 1)
                    } else {
                        p.clone()
                    }
                })
                .collect();
            if v % 2 == 1 && out.len() > 11 {
                out.swap(10, 11);
            }
            SourceFile::new(
                format!("v{v}.txt"),
                format!("Title\n\n{}\n", out.join("\n\n")),
            )
        })
        .collect()
}

fn timed(paragraphs: usize) -> (Duration, usize, usize) {
    let files = versions(paragraphs);
    let words = files[0].text.split_whitespace().count();
    let t = Instant::now();
    let findings = compare(&files);
    (t.elapsed(), findings.len(), words)
}

#[test]
#[ignore]
fn ten_versions_of_ten_thousand_words() {
    let (small, small_findings, small_words) = timed(50);
    let (large, large_findings, large_words) = timed(100);
    println!("10 × {small_words} words: {small:?}, {small_findings} findings");
    println!("10 × {large_words} words: {large:?}, {large_findings} findings");
    // Paragraphs 0, 17, 34 (and 51, 68, 85) changed in versions 1, 4 and 7.
    assert_eq!(small_findings, 9);
    assert_eq!(large_findings, 18);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
    println!("ratio for twice the text: {ratio:.2}");
    assert!(
        ratio < 3.0,
        "time grows faster than n log n: ratio {ratio:.2}"
    );
}
