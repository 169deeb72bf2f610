//! Recall and precision of listed variants on a generated corpus: every
//! injected variant of a rule in the rule set is found at its exact offset,
//! and no variant finding lies anywhere else.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn every_injected_variant_is_found_and_nothing_else() {
    const SEED: u64 = 20_240_601;
    const K: usize = 300;
    let universe = corpus::universe(SEED, 1000);
    let dir = std::env::temp_dir().join(format!("copydesk-recall-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(dir.join("rules.toml"), corpus::rules_toml(&universe, K)).unwrap();
    let mut expected: BTreeSet<(String, usize)> = BTreeSet::new();
    let mut injected_elsewhere = 0;
    for i in 0..150 {
        let (text, truth) = corpus::article(SEED, i, &universe);
        let name = format!("oped{i:05}.txt");
        std::fs::write(dir.join("articles").join(&name), text).unwrap();
        for t in truth {
            if t.rule < K {
                expected.insert((name.clone(), t.offset));
            } else {
                injected_elsewhere += 1;
            }
        }
    }
    assert!(
        expected.len() > 100,
        "the corpus injects enough variants ({})",
        expected.len()
    );
    assert!(
        injected_elsewhere > 0,
        "some variants belong to rules outside the set"
    );

    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--select",
            "entity-variant",
            "--rules",
        ])
        .arg(dir.join("rules.toml"))
        .arg(dir.join("articles"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: BTreeSet<(String, usize)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let file = path.rsplit(['/', '\\']).next().unwrap().to_string();
            (file, f["start"].as_u64().unwrap() as usize)
        })
        .collect();
    let missed: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty(),
        "missed {} of {}: {missed:?}",
        missed.len(),
        expected.len()
    );
    assert!(
        extra.is_empty(),
        "variant findings outside the truth: {extra:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
