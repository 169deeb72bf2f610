//! The measuring instrument for `copydesk compare`: mutation testing on eight
//! pieces written for the purpose, and planted drift found or missed.
//!
//! Three pieces are the TUNE set (`fixtures/compare/renata-landfall`,
//! `zarechny-grain`, `skerrow-ferry`): tune compare against them. Five are
//! HELD OUT (`fixtures/compare-heldout/`): never tune code on them; their
//! figures tell whether what was tuned generalises.
//!
//! Mutations (`tests/mutations/<piece>.toml`): each changes one phrase of one
//! version (`from`, present exactly once in that file, becomes `to`) in a
//! fresh temporary copy of the piece's folder, with the piece's planted
//! drift left in place, and runs the built binary (`compare --format json`,
//! with `--reference` for the two-version pieces when the binary has it). A
//! mutation is CAUGHT when a warning or an error has its primary span in the
//! mutated file over the changed bytes (the part of `to` that differs from
//! `from`, widened to whole words; for a dropped word, the words on either
//! side of the gap).
//!
//! Noise: on each unmutated piece, the warnings and errors whose primary span
//! overlaps no row of Table 1 of `tests/planted/<piece>.md`, per five
//! versions (the count times five over the number of versions).
//!
//! Run `cargo test --test compare_mutation -- --nocapture` to see the tables:
//! catch rate per kind and per set, noise, every missed mutation with the
//! findings near it, and every planted row found or MISSED. The floors below
//! are what the code achieved when they were set: raise them (and lower the
//! ceiling) as compare improves.

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Lowest catch rate (percent of mutations caught) on the tune set
/// (57.0% when set, on main at 56f7e6b: 45 of 79; 94.9% with every kind of
/// fact and names across the piece compared, and a name swapped in one
/// place reported: 76 of 79; 96.4% with fractions, temperatures and decades
/// read and five mutations of those kinds added: 81 of 84; 100% with a
/// misspelt speaker, an update's lone swap and conversions inside
/// quotations handled: 84 of 84).
const TUNE_CATCH_FLOOR: f64 = 99.0;
/// Lowest catch rate (percent) on the held-out set (63.2% when set: 48 of 76;
/// 90.8%: 69 of 76; 93.4%: 71 of 76; 97.4%: 74 of 76; then two pieces
/// written by someone who had not read the code were added, harbour-strike
/// and mekong-dams: 47 of their 54 caught on the first run, 121 of 130 in
/// all (93.1%); 93.8% with appositive speakers read: 122 of 130; 97.7%
/// with moved dates, reworded quotations between aligned sentences, tons
/// and pronoun attributions read: 127 of 130).
const HELDOUT_CATCH_FLOOR: f64 = 97.0;
/// Highest noise over all the pieces, unmutated: warnings and errors no
/// Table 1 row explains, per five versions (4.1 when set: 18 in 22 versions;
/// 0.2: 1 in 22; 0.0; with the two pieces added, 6 in 31 on the first run:
/// 1.0; 0.0 now). The target is one per five versions.
const NOISE_CEILING: f64 = 1.0;

/// Table 1 rows compare misses today, as (piece, file, wrong text). The
/// planted test asserts every other row is found; take a row off this list
/// when compare starts finding it (the test says which).
const KNOWN_MISSES: &[(&str, &str, &str)] = &[];

/// The pieces, as (name, folder, set).
const PIECES: &[(&str, &str, Set)] = &[
    (
        "renata-landfall",
        "fixtures/compare/renata-landfall",
        Set::Tune,
    ),
    (
        "zarechny-grain",
        "fixtures/compare/zarechny-grain",
        Set::Tune,
    ),
    ("skerrow-ferry", "fixtures/compare/skerrow-ferry", Set::Tune),
    (
        "ridgeline-fire",
        "fixtures/compare-heldout/ridgeline-fire",
        Set::Heldout,
    ),
    (
        "yellow-sea-envoys",
        "fixtures/compare-heldout/yellow-sea-envoys",
        Set::Heldout,
    ),
    (
        "waitara-dam",
        "fixtures/compare-heldout/waitara-dam",
        Set::Heldout,
    ),
    (
        "harbour-strike",
        "fixtures/compare-heldout/harbour-strike",
        Set::Heldout,
    ),
    (
        "mekong-dams",
        "fixtures/compare-heldout/mekong-dams",
        Set::Heldout,
    ),
];

/// The kinds a mutation may have.
const KINDS: &[&str] = &[
    "name",
    "number",
    "number-word",
    "count",
    "date",
    "weekday",
    "year",
    "conversion",
    "percentage",
    "money",
    "rank",
    "speed",
    "fraction",
    "temperature",
    "decade",
    "quote-word",
    "quote-drop",
    "quote-reword",
    "speaker",
    "look-alike",
];

/// At least this many mutations per set.
const MIN_MUTATIONS_PER_SET: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Set {
    Tune,
    Heldout,
}

impl Set {
    fn name(self) -> &'static str {
        match self {
            Set::Tune => "tune",
            Set::Heldout => "held-out",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MutationFile {
    piece: String,
    set: String,
    dir: String,
    /// The reference version (two-version pieces), passed as `--reference`.
    reference: Option<String>,
    mutation: Vec<Mutation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Mutation {
    file: String,
    kind: String,
    from: String,
    to: String,
    /// Overrides the file's `reference` for this entry.
    reference: Option<String>,
}

/// One mutation with the piece it belongs to.
#[derive(Debug, Clone)]
struct Case {
    piece: String,
    dir: String,
    set: Set,
    reference: Option<String>,
    m: Mutation,
}

/// A finding of the JSON output: the fields the measures need.
#[derive(Debug, Clone)]
struct Found {
    file: String,
    span: Range<usize>,
    severity: String,
    code: String,
    found: String,
    message: String,
    /// The related labels, as (file name, span).
    related: Vec<(String, Range<usize>)>,
}

impl Found {
    fn counts(&self) -> bool {
        self.severity == "error" || self.severity == "warning"
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn span(v: &Value) -> Range<usize> {
    v["start"].as_u64().unwrap() as usize..v["end"].as_u64().unwrap() as usize
}

/// Whether the spans share a byte; an empty span counts as the point it
/// stands at.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() {
        return b.start <= a.start && a.start <= b.end;
    }
    if b.is_empty() {
        return a.start <= b.start && b.start <= a.end;
    }
    a.start < b.end && b.start < a.end
}

fn has_reference_flag() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| {
        let out = Command::cargo_bin("copydesk")
            .unwrap()
            .args(["compare", "--help"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains("--reference")
    })
}

/// `compare --format json` on `dir`: the findings and the number of files.
fn compare(dir: &Path, reference: Option<&str>) -> (Vec<Found>, usize) {
    let mut cmd = Command::cargo_bin("copydesk").unwrap();
    cmd.env_remove("NO_COLOR")
        .args(["compare", "--format", "json"]);
    if let Some(r) = reference
        && has_reference_flag()
    {
        cmd.arg("--reference").arg(dir.join(r));
    }
    let out = cmd.arg(dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {stdout}\n{}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let errors = v["errors"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(errors, 0, "{}: input errors: {v:#}", dir.display());
    let findings = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| Found {
            file: file_name(f["path"].as_str().unwrap()),
            span: span(f),
            severity: f["severity"].as_str().unwrap_or_default().to_string(),
            code: f["code"].as_str().unwrap_or_default().to_string(),
            found: f["found"].as_str().unwrap_or_default().to_string(),
            message: f["message"].as_str().unwrap_or_default().to_string(),
            related: f["related"]
                .as_array()
                .map(|r| {
                    r.iter()
                        .map(|l| (file_name(l["path"].as_str().unwrap()), span(l)))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let files = v["summary"]["files"].as_u64().unwrap() as usize;
    (findings, files)
}

fn mutation_files() -> Vec<MutationFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("tests/mutations")
        .expect("tests/mutations exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

/// Every mutation, checked: a known piece, set and kind; `from` exactly
/// once in its file; `to` different; the reference never mutated.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for table in mutation_files() {
        let Some(&(_, dir, set)) = PIECES.iter().find(|p| p.0 == table.piece) else {
            problems.push(format!("unknown piece {}", table.piece));
            continue;
        };
        if table.dir != dir || table.set != set.name().replace('-', "") {
            problems.push(format!(
                "{}: dir/set should be {dir} and {}",
                table.piece,
                set.name().replace('-', "")
            ));
        }
        for m in &table.mutation {
            let at = format!("{}/{} `{}`", table.piece, m.file, m.from);
            if !KINDS.contains(&m.kind.as_str()) {
                problems.push(format!("{at}: unknown kind {}", m.kind));
            }
            match std::fs::read_to_string(Path::new(dir).join(&m.file)) {
                Ok(text) => {
                    let n = text.matches(&m.from).count();
                    if n != 1 {
                        problems.push(format!("{at}: `from` occurs {n} times"));
                    }
                }
                Err(e) => problems.push(format!("{at}: {e}")),
            }
            if m.from == m.to || m.from.is_empty() {
                problems.push(format!("{at}: the mutation changes nothing"));
            }
            let reference = m.reference.clone().or(table.reference.clone());
            if reference.as_deref() == Some(m.file.as_str()) {
                problems.push(format!("{at}: mutates the reference version"));
            }
            cases.push(Case {
                piece: table.piece.clone(),
                dir: dir.to_string(),
                set,
                reference,
                m: m.clone(),
            });
        }
    }
    assert!(problems.is_empty(), "bad mutation tables:\n{problems:#?}");
    cases
}

/// The bytes of the mutated file that differ from the original: the part of
/// `to` between the prefix and suffix it shares with `from`, widened to
/// whole words; a pure deletion covers the words on either side of the gap.
fn changed_span(at: usize, from: &str, to: &str) -> Range<usize> {
    let mut prefix = 0;
    for ((i, a), b) in from.char_indices().zip(to.chars()) {
        if a != b {
            break;
        }
        prefix = i + a.len_utf8();
    }
    let mut suffix = 0;
    for (a, b) in from[prefix..].chars().rev().zip(to[prefix..].chars().rev()) {
        if a != b {
            break;
        }
        suffix += a.len_utf8();
    }
    let (mut s, mut e) = (prefix, to.len() - suffix);
    let before = |i: usize| to[..i].chars().next_back();
    let after = |i: usize| to[i..].chars().next();
    if s == e {
        // A deletion: the word before the gap and the word after it.
        while let Some(c) = before(s).filter(|c| c.is_whitespace()) {
            s -= c.len_utf8();
        }
        while let Some(c) = after(e).filter(|c| c.is_whitespace()) {
            e += c.len_utf8();
        }
    }
    while let Some(c) = before(s).filter(|c| !c.is_whitespace()) {
        s -= c.len_utf8();
    }
    while let Some(c) = after(e).filter(|c| !c.is_whitespace()) {
        e += c.len_utf8();
    }
    at + s..at + e
}

#[test]
fn changed_bytes_are_whole_words() {
    let span = |from: &str, to: &str| {
        let r = changed_span(0, from, to);
        to[r].to_string()
    };
    assert_eq!(
        span("it had rescued 57 people", "it had rescued 75 people"),
        "75"
    );
    assert_eq!(
        span("“Give us a dozen more boats", "“Give us a dozen boats"),
        "dozen boats"
    );
    assert_eq!(span("“a flat charge will", "“a charge will"), "“a charge");
    assert_eq!(
        span("at $6 billion to $9 billion", "at £6 billion to £9 billion"),
        "£6 billion to £9"
    );
    assert_eq!(span("the levee at", "the levy at"), "levy");
    assert_eq!(span("Kōwhai Gorge", "Kowhai Gorge"), "Kowhai");
}

/// Does warning or error `f`, in `file`, point at `span`? Its primary label
/// or one of its labels in the same file ("attributed to Bell" on the
/// quotation, "Bell here" on the name).
fn hits(f: &Found, file: &str, span: &Range<usize>) -> bool {
    f.counts()
        && f.file == file
        && (overlaps(&f.span, span)
            || f.related
                .iter()
                .any(|(r, s)| r == file && overlaps(s, span)))
}

/// The result of one mutation run.
struct Outcome {
    case: Case,
    caught: bool,
    /// The changed bytes in the mutated file, and the mutated file's text.
    span: Range<usize>,
    text: String,
    findings: Vec<Found>,
}

fn run_case(case: &Case) -> Outcome {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&case.dir).unwrap().flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), tmp.path().join(entry.file_name())).unwrap();
        }
    }
    let path = tmp.path().join(&case.m.file);
    let original = std::fs::read_to_string(&path).unwrap();
    let at = original.find(&case.m.from).unwrap();
    let text = original.replacen(&case.m.from, &case.m.to, 1);
    std::fs::write(&path, &text).unwrap();
    let span = changed_span(at, &case.m.from, &case.m.to);
    let (findings, _) = compare(tmp.path(), case.reference.as_deref());
    let caught = findings.iter().any(|f| hits(f, &case.m.file, &span));
    Outcome {
        case: case.clone(),
        caught,
        span,
        text,
        findings,
    }
}

/// Run `f` over `items` on a few threads (each item runs the binary).
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    results.lock().unwrap().push((i, r));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[path = "support/planted.rs"]
mod planted_table;

fn planted_md(piece: &str) -> String {
    format!("tests/planted/{piece}.md")
}

/// The Table 1 rows of a piece with their spans: (row, span).
fn table1(piece: &str, dir: &str) -> Vec<(planted_table::Row, Range<usize>)> {
    planted_table::table(&planted_md(piece), "## Table 1", 3)
        .into_iter()
        .map(|row| {
            let text = std::fs::read_to_string(Path::new(dir).join(&row.file)).unwrap();
            let at = text
                .find(&row.text)
                .unwrap_or_else(|| panic!("{piece}/{}: `{}` not in file", row.file, row.text));
            let span = at..at + row.text.len();
            (row, span)
        })
        .collect()
}

/// Noise of one unmutated piece: (unexplained warnings and errors, versions).
fn noise(piece: &str, dir: &str, reference: Option<&str>) -> (Vec<Found>, usize) {
    let rows = table1(piece, dir);
    let (findings, files) = compare(Path::new(dir), reference);
    let unexplained = findings
        .into_iter()
        .filter(|f| f.counts())
        .filter(|f| {
            !rows
                .iter()
                .any(|(row, span)| row.file == f.file && overlaps(&f.span, span))
        })
        .collect();
    (unexplained, files)
}

fn reference_of(piece: &str) -> Option<String> {
    mutation_files()
        .into_iter()
        .find(|t| t.piece == piece)
        .and_then(|t| t.reference)
}

fn excerpt(text: &str, span: &Range<usize>) -> String {
    let mut s = span.start.saturating_sub(40);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (span.end + 40).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    text[s..e].replace('\n', " ⏎ ")
}

fn percent(caught: usize, injected: usize) -> f64 {
    if injected == 0 {
        0.0
    } else {
        100.0 * caught as f64 / injected as f64
    }
}

#[test]
fn mutations_are_caught_and_noise_stays_low() {
    let cases = cases();
    for set in [Set::Tune, Set::Heldout] {
        let n = cases.iter().filter(|c| c.set == set).count();
        assert!(
            n >= MIN_MUTATIONS_PER_SET,
            "{}: only {n} mutations",
            set.name()
        );
    }
    let outcomes = parallel(&cases, run_case);

    let mut report = String::new();
    // Catch rate per set and kind.
    let mut rates = BTreeMap::new();
    for set in [Set::Tune, Set::Heldout] {
        report.push_str(&format!(
            "\n== {} set: mutations caught (a warning or error over the changed bytes)\n",
            set.name()
        ));
        report.push_str(&format!(
            "{:<14} {:>8} {:>7} {:>7}\n",
            "kind", "injected", "caught", "%"
        ));
        let mut total = (0, 0);
        for kind in KINDS {
            let of_kind: Vec<&Outcome> = outcomes
                .iter()
                .filter(|o| o.case.set == set && o.case.m.kind == *kind)
                .collect();
            let caught = of_kind.iter().filter(|o| o.caught).count();
            total.0 += of_kind.len();
            total.1 += caught;
            report.push_str(&format!(
                "{:<14} {:>8} {:>7} {:>6.1}%\n",
                kind,
                of_kind.len(),
                caught,
                percent(caught, of_kind.len())
            ));
        }
        let rate = percent(total.1, total.0);
        report.push_str(&format!(
            "{:<14} {:>8} {:>7} {:>6.1}%\n",
            "all", total.0, total.1, rate
        ));
        rates.insert(set, rate);
    }

    // Noise on the unmutated pieces.
    report.push_str("\n== noise: warnings and errors no Table 1 row explains, unmutated pieces\n");
    let noise_runs = parallel(PIECES, |(piece, dir, _)| {
        noise(piece, dir, reference_of(piece).as_deref())
    });
    let mut per_set: BTreeMap<Set, (usize, usize)> = BTreeMap::new();
    let mut noise_detail = String::new();
    for ((piece, dir, set), (unexplained, files)) in PIECES.iter().zip(&noise_runs) {
        let entry = per_set.entry(*set).or_default();
        entry.0 += unexplained.len();
        entry.1 += files;
        report.push_str(&format!(
            "{:<9} {:<18} {:>2} versions {:>3} unexplained ({:.1} per five versions)\n",
            set.name(),
            piece,
            files,
            unexplained.len(),
            unexplained.len() as f64 * 5.0 / *files as f64
        ));
        for f in unexplained {
            let text = std::fs::read_to_string(Path::new(dir).join(&f.file)).unwrap();
            noise_detail.push_str(&format!(
                "  {piece}/{} {} {}: `{}`: {}\n",
                f.file,
                f.severity,
                f.code,
                excerpt(&text, &f.span),
                f.message
            ));
        }
    }
    let mut all = (0, 0);
    for (set, (count, files)) in &per_set {
        all.0 += count;
        all.1 += files;
        report.push_str(&format!(
            "{:<9} set: {count} unexplained in {files} versions: {:.1} per five versions\n",
            set.name(),
            *count as f64 * 5.0 / *files as f64
        ));
    }
    let noise_all = all.0 as f64 * 5.0 / all.1 as f64;
    report.push_str(&format!(
        "all       : {} unexplained in {} versions: {noise_all:.1} per five versions\n",
        all.0, all.1
    ));
    report.push_str(&noise_detail);

    // Every miss, with the findings near it.
    report.push_str("\n== missed mutations\n");
    for o in outcomes.iter().filter(|o| !o.caught) {
        report.push_str(&format!(
            "MISSED {:<8} {}/{} {:<12} `{}` → `{}`\n",
            o.case.set.name(),
            o.case.piece,
            o.case.m.file,
            o.case.m.kind,
            o.case.m.from,
            o.case.m.to
        ));
        let near: Vec<&Found> = o
            .findings
            .iter()
            .filter(|f| {
                (f.file == o.case.m.file
                    && f.span.start < o.span.end + 200
                    && o.span.start < f.span.end + 200)
                    || f.related
                        .iter()
                        .any(|(file, s)| *file == o.case.m.file && overlaps(s, &o.span))
            })
            .collect();
        if near.is_empty() {
            report.push_str("       no finding near it\n");
        }
        for f in near {
            let place = if f.file == o.case.m.file {
                format!("`{}`", excerpt(&o.text, &f.span))
            } else {
                format!("in {}", f.file)
            };
            report.push_str(&format!(
                "       {} {} {place}: {}\n",
                f.severity, f.code, f.message
            ));
        }
    }
    let tune = rates[&Set::Tune];
    let heldout = rates[&Set::Heldout];
    let set_noise = |set| {
        let (count, files) = per_set[&set];
        count as f64 * 5.0 / files as f64
    };
    report.push_str(&format!(
        "\nSUMMARY caught: tune {tune:.1}% (floor {TUNE_CATCH_FLOOR}), held-out {heldout:.1}% \
         (floor {HELDOUT_CATCH_FLOOR}); noise per five versions: {noise_all:.1} (ceiling \
         {NOISE_CEILING}; tune {:.1}, held-out {:.1})\n",
        set_noise(Set::Tune),
        set_noise(Set::Heldout)
    ));
    println!("{report}");

    assert!(
        tune >= TUNE_CATCH_FLOOR,
        "tune catch rate {tune:.1}% under the floor {TUNE_CATCH_FLOOR}% (report above)"
    );
    assert!(
        heldout >= HELDOUT_CATCH_FLOOR,
        "held-out catch rate {heldout:.1}% under the floor {HELDOUT_CATCH_FLOOR}% (report above)"
    );
    assert!(
        noise_all <= NOISE_CEILING,
        "noise {noise_all:.1} per five versions over the ceiling {NOISE_CEILING} (report above)"
    );
}

/// Does `f` report the Table 1 row at `span` in `file`? Its primary label,
/// or for a tie or a per-version spelling note, one of its labels there.
fn reports(f: &Found, file: &str, span: &Range<usize>) -> bool {
    if f.file == file && overlaps(&f.span, span) {
        return true;
    }
    let grouped = f.message.contains("no majority") || f.code == "compare-spelling";
    grouped
        && f.related
            .iter()
            .any(|(r, s)| r == file && overlaps(s, span))
}

#[test]
fn planted_drift_is_found_except_known_misses() {
    let mut report = String::new();
    let mut failures = Vec::new();
    let mut now_found = Vec::new();
    let runs = parallel(PIECES, |(piece, dir, _)| {
        compare(Path::new(dir), reference_of(piece).as_deref()).0
    });
    for ((piece, dir, set), findings) in PIECES.iter().zip(&runs) {
        report.push_str(&format!("== {} {piece}\n", set.name()));
        // Every text of both tables stands exactly once in its file.
        for heading in ["## Table 1", "## Table 2"] {
            let cell = if heading == "## Table 1" { 3 } else { 2 };
            let rows = planted_table::table(&planted_md(piece), heading, cell);
            assert!(rows.len() >= 3, "{piece}: {heading} not read");
            for row in rows {
                let text = std::fs::read_to_string(Path::new(dir).join(&row.file))
                    .unwrap_or_else(|e| panic!("{piece}/{}: {e}", row.file));
                let n = text.matches(&row.text).count();
                assert_eq!(
                    n, 1,
                    "{piece}/{}: `{}` occurs {n} times ({heading})",
                    row.file, row.text
                );
            }
        }
        let rows = table1(piece, dir);
        assert!(
            (3..=16).contains(&rows.len()),
            "{piece}: {} Table 1 rows",
            rows.len()
        );
        for (row, span) in &rows {
            let hit = findings
                .iter()
                .find(|f| f.code == row.category && reports(f, &row.file, span));
            let known = KNOWN_MISSES
                .iter()
                .any(|&(p, file, text)| p == *piece && file == row.file && text == row.text);
            let status = match (hit, known) {
                (Some(f), false) => format!("found ({}, {})", f.code, f.severity),
                (Some(f), true) => {
                    now_found.push(format!("(\"{piece}\", \"{}\", \"{}\")", row.file, row.text));
                    format!(
                        "found ({}, {}); known miss: take it off KNOWN_MISSES",
                        f.code, f.severity
                    )
                }
                (None, true) => "MISSED (known)".to_string(),
                (None, false) => {
                    failures.push(format!("{piece}/{}: MISSED `{}`", row.file, row.text));
                    "MISSED".to_string()
                }
            };
            let other = findings
                .iter()
                .filter(|f| f.code != row.category && f.file == row.file && overlaps(&f.span, span))
                .map(|f| format!(" [also {} {}: {}]", f.severity, f.code, f.found))
                .collect::<String>();
            report.push_str(&format!(
                "  {:<18} {:<17} {:<48} {status}{other}\n",
                row.file,
                row.category,
                row.text.chars().take(48).collect::<String>()
            ));
        }
        // Table 2 rows reported (counted as noise by the mutation test).
        for row in planted_table::table(&planted_md(piece), "## Table 2", 2) {
            let text = std::fs::read_to_string(Path::new(dir).join(&row.file)).unwrap();
            let at = text.find(&row.text).unwrap();
            let span = at..at + row.text.len();
            for f in findings
                .iter()
                .filter(|f| f.file == row.file && overlaps(&f.span, &span))
            {
                report.push_str(&format!(
                    "  {:<18} legitimate edit reported ({}): `{}`: {} {}: {}\n",
                    row.file,
                    row.category,
                    row.text.chars().take(48).collect::<String>(),
                    f.severity,
                    f.code,
                    f.message
                ));
            }
        }
    }
    for &(piece, file, text) in KNOWN_MISSES {
        let listed = PIECES.iter().any(|p| p.0 == piece)
            && table1(piece, PIECES.iter().find(|p| p.0 == piece).unwrap().1)
                .iter()
                .any(|(row, _)| row.file == file && row.text == text);
        assert!(
            listed,
            "KNOWN_MISSES names no Table 1 row: {piece}/{file} `{text}`"
        );
    }
    if !now_found.is_empty() {
        report.push_str(&format!(
            "\nKnown misses now found: take them off KNOWN_MISSES:\n  {}\n",
            now_found.join(",\n  ")
        ));
    }
    println!("{report}");
    assert!(
        failures.is_empty(),
        "planted drift missed (not in KNOWN_MISSES):\n{failures:#?}"
    );
}
