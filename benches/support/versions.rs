//! Ten versions of a synthetic piece (paragraphs of five sentences from a
//! 3,000-word vocabulary, a name and a length in each sentence); versions 1,
//! 4 and 7 write the length of every 17th paragraph in miles. Shared by
//! `benches/compare.rs` and `tests/compare_large.rs`.

#![allow(dead_code)]

use copydesk::source::SourceFile;

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

pub fn versions(paragraphs: usize) -> Vec<SourceFile> {
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
