//! `check` end to end through the library, against the shipped rules, with
//! every renderer: spans inside the file on char boundaries, JSON that
//! parses, no raw control or bidi characters in human or GitHub output.
#![no_main]

#[path = "common.rs"]
mod common;

use copydesk::checks::Checker;
use copydesk::metadata::Metadata;
use copydesk::render::Sources;
use copydesk::rules::RuleSet;
use copydesk::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<(RuleSet, Vec<SourceFile>)> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let (set, errors) = RuleSet::load(&[dir.clone()]);
    assert!(errors.is_empty(), "the shipped rules load");
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            let p = e.path();
            SourceFile::new(
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    (set, files)
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (rules, rule_files) = &*RULES;
    let file = SourceFile::new(common::name_for(selector, "article"), text);
    let checker = Checker::new(rules);
    let report = checker.check_file(&file, &Metadata::default(), &Metadata::default());
    let mut sources = Sources::default();
    sources.add(std::iter::once(&file));
    sources.add(rule_files.iter());
    common::assert_spans(&report.findings, &sources);
    common::render_all(&report.findings, &sources, 1);
});
