//! The command line: flags are parsed and validated into a plan before any
//! work starts; the library below knows nothing of clap.
//!
//! Exit codes: 0 nothing at or above the fail level, 1 findings at or above
//! it, 2 usage, rule-file or input errors (other files are still checked).

use crate::checks::{Checker, FileReport};
use crate::codes::{ALL_CHECKS, Check, Selection};
use crate::finding::{Finding, Severity, Summary, sort_findings};
use crate::input::{self, InputError, Inputs};
use crate::metadata::{MANIFEST_FILE, Manifest, Metadata};
use crate::ordered;
use crate::problem::{Problem, ProblemKind};
use crate::render::human;
use crate::render::{self, Emitter, Format, Sources};
use crate::rules::RuleSet;
use crate::source::SourceFile;
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Exit code: nothing at or above the fail level.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the fail level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage, rule-file or input errors.
pub const EXIT_ERROR: i32 = 2;

/// Checks syndicated op-eds for fact drift.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check articles against the rules.
    Check(CheckArgs),
    /// Compare the versions of one piece with each other, with no rules.
    Compare(CompareArgs),
    /// Work with rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print the long description of a check (or of every check of a kind).
    Explain {
        /// A check code (`entity-near-miss`) or kind (`entity`); omit to list all.
        code: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Validate rule files only.
    Check {
        /// Rule file or directory of `*.toml` (repeatable).
        #[arg(long = "rules", value_name = "PATH")]
        rules: Vec<PathBuf>,
        /// When to colour the output.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Draft a rule file from the versions of one piece.
    Draft(DraftArgs),
}

/// How findings are written, and which fail the run (`check` and `compare`).
#[derive(Debug, clap::Args)]
struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the output (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Lowest severity that makes the run exit with code 1.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

/// Which files a walk reads (`check`, `compare`, `rules draft`).
#[derive(Debug, clap::Args)]
struct WalkArgs {
    /// Leave out files and folders matching GLOB while walking directories
    /// (a `.gitignore` line; repeatable). Files named explicitly are always read.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

/// How URLs given as paths are fetched (`check`, `compare`, `rules draft`).
#[derive(Debug, clap::Args)]
struct FetchArgs {
    /// Give up fetching a URL after SECS seconds (connecting, and the whole exchange).
    #[arg(long, value_name = "SECS", default_value = "20", value_parser = parse_timeout)]
    timeout: std::time::Duration,
    /// Keep fetched pages in DIR, and read them from there on later runs (no network access).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Fetch every URL anew, even one the cache holds (and keep the new copy).
    #[arg(long)]
    refresh: bool,
}

/// `--timeout`: seconds, a positive number (fractions allowed).
fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    match s.parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs.is_finite() && secs <= 86_400.0 => {
            Ok(std::time::Duration::from_secs_f64(secs))
        }
        _ => Err(format!(
            "`{s}` is not a number of seconds above 0 and at most 86400"
        )),
    }
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The versions: files or directories (walked for .txt, .md and .html files), or http(s):// URLs.
    #[arg(required = true, value_name = "VERSION")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    walk: WalkArgs,
    #[command(flatten)]
    fetch: FetchArgs,
    /// Name standard input (`-`) NAME in output, and read it as NAME's extension says.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Judge every other version against FILE (the syndicate's original,
    /// the wire copy), whatever the majority says; read it too if it is not
    /// among the versions. Default: the manifest entry with `reference = true`.
    #[arg(long, value_name = "FILE")]
    reference: Option<PathBuf>,
    /// Manifest listing versions with outlet, published date, locale and
    /// the reference. Default: copydesk.versions.toml in each file's folder.
    #[arg(long, value_name = "PATH")]
    manifest: Option<PathBuf>,
    /// Rule file or directory of `*.toml` (repeatable): its `[[entity]]`
    /// canonical names and variants decide the names the versions disagree
    /// on. Default: none (compare needs no rules).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct DraftArgs {
    /// The versions: files or directories (walked for .txt, .md and .html files), or http(s):// URLs.
    #[arg(required = true, value_name = "VERSION")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    walk: WalkArgs,
    #[command(flatten)]
    fetch: FetchArgs,
    /// Write the rule file here (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    force: bool,
    /// Take FILE's readings as canonical (see `compare --reference`).
    #[arg(long, value_name = "FILE")]
    reference: Option<PathBuf>,
    /// Manifest listing the versions (see `compare --manifest`).
    #[arg(long, value_name = "PATH")]
    manifest: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories (walked for .txt, .md and .html files), or http(s):// URLs.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    walk: WalkArgs,
    #[command(flatten)]
    fetch: FetchArgs,
    /// Name standard input (`-`) NAME in output, and read it as NAME's extension says.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Rule file or directory of `*.toml` (repeatable). Default: copydesk.toml's `rules`, else ./rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    /// Report only these checks: codes or kinds, comma-separated (`entity,term`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Do not report these checks: codes or kinds, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// Publication date (YYYY-MM-DD) of every file given; wins over front matter and manifests.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Outlet of every file given (picks its `style` profile).
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Locale of every file given (en-GB, en-US…).
    #[arg(long, value_name = "LOCALE")]
    locale: Option<String>,
    /// Manifest listing versions with outlet, published date and locale.
    /// Default: copydesk.versions.toml in each file's folder.
    #[arg(long, value_name = "PATH")]
    manifest: Option<PathBuf>,
}

/// `--color`: `auto` colours the output only on a terminal and honours
/// `NO_COLOR`; `always` and `never` do what they say.
///
/// The variants have no doc comments of their own: clap would print them
/// in `--help` as the values' descriptions.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--fail-on` (and `fail_on` in `copydesk.toml`): the lowest severity of
/// finding that makes the run exit 1; with `never`, findings never do.
///
/// The variants have no doc comments of their own: clap would print them
/// in `--help` as the values' descriptions.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

/// `copydesk.toml` in the working directory.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectConfig {
    #[serde(default)]
    rules: Vec<PathBuf>,
    fail_on: Option<FailOn>,
}

const CONFIG_FILE: &str = "copydesk.toml";

fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Run the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Compare(args) => run_compare(args),
        Command::Rules(RulesCommand::Check { rules, color }) => run_rules_check(rules, color),
        Command::Rules(RulesCommand::Draft(args)) => run_rules_draft(args),
        Command::Explain { code } => run_explain(code.as_deref()),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`copydesk check … | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("copydesk: error: {}", safe(&e.to_string()));
            EXIT_ERROR
        }
    }
}

/// Text from the user (flag values, paths, messages quoting them) as it
/// may be written to a terminal.
fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    render::terminal_safe(s, true)
}

/// Read `copydesk.toml` if present; a broken one is a config problem.
fn load_config(errors: &mut Vec<Problem>) -> ProjectConfig {
    let path = Path::new(CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(path) else {
        return ProjectConfig::default();
    };
    match toml::from_str::<ProjectConfig>(&text) {
        Ok(c) => c,
        Err(e) => {
            errors.push(Problem::at(
                ProblemKind::Config,
                CONFIG_FILE,
                e.span().unwrap_or(0..0),
                e.message().trim(),
                "here",
            ));
            ProjectConfig::default()
        }
    }
}

/// Resolve which rule paths to load. A missing default is not an error: only
/// the checks that need no rules run, and stderr says so.
fn rule_paths(given: Vec<PathBuf>, config: &ProjectConfig) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given;
    }
    if !config.rules.is_empty() {
        return config.rules.clone();
    }
    let default = PathBuf::from("rules");
    if default.exists() {
        vec![default]
    } else {
        eprintln!(
            "copydesk: no --rules given and no ./rules directory: only checks that need no rules run"
        );
        Vec::new()
    }
}

/// Every problem of a run is reported here, as it is met: as a diagnostic
/// on standard error (whatever the format, so that a log shows it), and to
/// the emitter (the JSON `errors` array, GitHub `::error` annotations).
struct ProblemLog {
    /// Whether standard error is coloured.
    color: bool,
    /// Problems reported so far: any makes the run exit with code 2.
    count: usize,
}

impl ProblemLog {
    fn new(color: bool) -> Self {
        ProblemLog { color, count: 0 }
    }

    fn report(
        &mut self,
        emitter: &mut dyn Emitter,
        out: &mut dyn Write,
        problems: &[Problem],
        sources: &Sources,
    ) -> io::Result<()> {
        if problems.is_empty() {
            return Ok(());
        }
        self.on_stderr(problems, sources)?;
        emitter.problems(out, problems, sources)
    }

    /// Only on standard error (commands without an output format).
    fn on_stderr(&mut self, problems: &[Problem], sources: &Sources) -> io::Result<()> {
        let stderr = io::stderr();
        let mut w = stderr.lock();
        for p in problems {
            human::render_problem(&mut w, p, sources, self.color)?;
            // A diagnostic that may point into a file ends with a blank
            // line; the one-line input problems follow each other.
            if p.kind != ProblemKind::Input {
                writeln!(w)?;
            }
        }
        self.count += problems.len();
        Ok(())
    }
}

/// `--exclude`, `--stdin-filename` and how URLs are fetched, validated; a
/// bad glob is a usage error.
fn inputs(
    walk: &WalkArgs,
    fetch: &FetchArgs,
    stdin_filename: Option<String>,
) -> Result<Inputs, i32> {
    let fetcher =
        crate::fetch::Fetcher::new(fetch.timeout).caching(fetch.cache.clone(), fetch.refresh);
    match Inputs::new().excluding(&walk.exclude) {
        Ok(i) => Ok(i.stdin_named(stdin_filename).fetching(fetcher)),
        Err(e) => {
            eprintln!("copydesk: error: {}", safe(&e));
            Err(EXIT_ERROR)
        }
    }
}

/// A line about how `path` was listed or read, on standard error.
fn note(path: &str, text: &str) {
    eprintln!("copydesk: note: {}", safe(&format!("{path}: {text}")));
}

/// The files `paths` stand for, and the problems met listing them. A run
/// whose paths match no file at all is a problem that names them: a CI
/// step pointed at the wrong folder must not pass.
fn list_inputs(inputs: &Inputs, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let listing = inputs.list(paths);
    for line in &listing.notes {
        eprintln!("copydesk: note: {}", safe(line));
    }
    let mut problems: Vec<Problem> = listing.errors.into_iter().map(Problem::from).collect();
    if listing.files.is_empty() {
        for dir in &listing.unmatched {
            problems.push(
                Problem::whole(
                    ProblemKind::Input,
                    dir.display().to_string(),
                    "holds no file copydesk reads (.txt, .text, .md, .markdown, .html, .htm): nothing to check",
                )
                .with_help("name the files themselves to check other extensions"),
            );
        }
        if problems.is_empty() {
            let shown: Vec<String> = paths.iter().map(|p| inputs.shown(p)).collect();
            problems.push(Problem::whole(
                ProblemKind::Input,
                shown.join(", "),
                "no file to check",
            ));
        }
    }
    (listing.files, problems)
}

fn config_source() -> Vec<SourceFile> {
    std::fs::read_to_string(CONFIG_FILE)
        .map(|t| vec![SourceFile::new(CONFIG_FILE, t)])
        .unwrap_or_default()
}

fn run_check(args: CheckArgs) -> io::Result<i32> {
    let stderr_color = use_color(args.output.color, io::stderr().is_terminal());
    let stdout_color = use_color(args.output.color, io::stdout().is_terminal());
    // Usage errors first, before any work or output.
    let command_line = match Metadata::from_command_line(
        args.outlet.as_deref(),
        args.published.as_deref(),
        args.locale.as_deref(),
    ) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("copydesk: error: {}", safe(&e.to_string()));
            return Ok(EXIT_ERROR);
        }
    };
    let selection = match Selection::new(&args.select, &args.ignore) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("copydesk: error: {}", safe(&e.to_string()));
            return Ok(EXIT_ERROR);
        }
    };
    let inputs = match inputs(&args.walk, &args.fetch, args.stdin_filename.clone()) {
        Ok(i) => i,
        Err(code) => return Ok(code),
    };
    let mut config_problems = Vec::new();
    let config = load_config(&mut config_problems);
    let fail_on = args
        .output
        .fail_on
        .or(config.fail_on)
        .unwrap_or(FailOn::Error);
    let paths = rule_paths(args.rules, &config);
    // The files to check are listed while the rules load.
    let ((rules, load_errors), (files, listing_problems)) = rayon::join(
        || RuleSet::load(&paths),
        || list_inputs(&inputs, &args.paths),
    );
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut emitter = render::emitter(
        args.output.format,
        &render::EmitOptions {
            color: stdout_color,
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
        },
    );
    emitter.start(&mut out)?;
    let mut log = ProblemLog::new(stderr_color);
    let config_files = config_source();
    {
        let mut sources = Sources::default();
        sources.add(&rules.files);
        sources.add(&config_files);
        config_problems.extend(load_errors.into_iter().map(Problem::from));
        log.report(&mut *emitter, &mut out, &config_problems, &sources)?;
    }
    log.report(
        &mut *emitter,
        &mut out,
        &listing_problems,
        &Sources::default(),
    )?;
    // Standard input is read once, here, and kept: it cannot be read again
    // when its findings are rendered.
    let stdin = files.iter().any(|p| input::is_stdin(p)).then(|| {
        inputs.read_stdin().map(|l| {
            if let Some(text) = &l.note {
                note(&l.source.path, text);
            }
            l.source
        })
    });
    let (manifests, manifest_problems) = load_manifests(args.manifest.as_deref(), &files);
    let manifest_sources: Vec<SourceFile> = manifests
        .iter()
        .filter_map(|m| {
            std::fs::read_to_string(&m.path)
                .ok()
                .map(|t| SourceFile::new(m.path.display().to_string(), t))
        })
        .collect();
    {
        let mut sources = Sources::default();
        sources.add(&manifest_sources);
        log.report(&mut *emitter, &mut out, &manifest_problems, &sources)?;
    }
    let checker = Checker::with_selection(&rules, selection);
    let no_metadata = Metadata::default();
    // Pass 1, in parallel: check every file and keep only its findings and
    // the small facts cross-version checks need; the text is dropped.
    let check_one = |p: &PathBuf| -> Result<Checked, InputError> {
        let (src, read_note, from_manifest) = match &stdin {
            Some(read) if input::is_stdin(p) => (read.clone()?, None, &no_metadata),
            _ => {
                let loaded = inputs.read(p)?;
                (
                    loaded.source,
                    loaded.note,
                    manifests
                        .iter()
                        .find_map(|m| m.lookup(p))
                        .unwrap_or(&no_metadata),
                )
            }
        };
        let mut report = checker.check_file(&src, &command_line, from_manifest);
        let problems = std::mem::take(&mut report.front_matter_errors)
            .into_iter()
            .map(|message| Problem::whole(ProblemKind::Input, src.path.clone(), message))
            .collect();
        Ok((src, report, problems, read_note))
    };
    let fixed_sources: Vec<&SourceFile> = rules
        .files
        .iter()
        .chain(&manifest_sources)
        .chain(stdin.iter().filter_map(|r| r.as_ref().ok()))
        .collect();
    let mut summary = Summary::default();
    let mut failed = false;
    let mut tally = |findings: &[Finding], summary: &mut Summary| {
        summary.count(findings);
        failed |= findings.iter().any(|f| fail_on.fails(f.severity));
    };
    if checker.needs_across() {
        // Cross-version findings belong in the middle of the sorted output:
        // check everything first, keeping only findings and small facts (the
        // texts are dropped), then render file by file, reading each text
        // again only while its findings are written.
        let results: Vec<Result<Checked, InputError>> = files.par_iter().map(check_one).collect();
        let mut findings = Vec::new();
        let mut facts = Vec::new();
        let mut problems = Vec::new();
        // A pipe or FIFO named on the command line cannot be read again:
        // its text is kept (regular files are read again when rendered).
        let mut kept = Vec::new();
        for r in results {
            match r {
                Ok((src, mut report, mut file_problems, read_note)) => {
                    if let Some(text) = &read_note {
                        note(&src.path, text);
                    }
                    if !report.findings.is_empty() && !is_regular_file(&src.path) {
                        kept.push(src);
                    }
                    findings.append(&mut report.findings);
                    facts.push(report.facts);
                    problems.append(&mut file_problems);
                    summary.files += 1;
                }
                Err(e) => problems.push(e.into()),
            }
        }
        log.report(&mut *emitter, &mut out, &problems, &Sources::default())?;
        findings.extend(checker.check_across(&facts));
        drop(facts);
        sort_findings(&mut findings);
        let fixed_sources: Vec<&SourceFile> = fixed_sources.iter().copied().chain(&kept).collect();
        for group in findings.chunk_by(|a, b| a.path == b.path) {
            let texts = texts_for(group, &fixed_sources, None);
            emit_group(&mut *emitter, &mut out, group, &fixed_sources, &texts)?;
            tally(group, &mut summary);
        }
    } else {
        // Nothing needs all files at once: each worker checks and renders
        // the next file as soon as it is free (and frees its findings), and
        // this thread writes the files' output in path order as it comes,
        // with at most `STREAM_WINDOW` files checked ahead of it.
        let check_one = &check_one;
        let files = &files;
        let fixed_sources = &fixed_sources;
        let format = args.output.format;
        let render_one = move |p: &PathBuf| -> Result<Rendered, InputError> {
            let (src, report, problems, read_note) = check_one(p)?;
            let mut rendered = Rendered {
                output: Vec::new(),
                counts: Summary::of(0, &report.findings),
                findings: report.findings.len(),
                fails: report.findings.iter().any(|f| fail_on.fails(f.severity)),
                problems,
                note: read_note.map(|text| (src.path.clone(), text)),
            };
            if !report.findings.is_empty() {
                let texts = texts_for(&report.findings, fixed_sources, Some(src));
                let mut fresh = render::emitter(format, &render::EmitOptions::plain(stdout_color));
                emit_group(
                    &mut *fresh,
                    &mut rendered.output,
                    &report.findings,
                    fixed_sources,
                    &texts,
                )
                .expect("writing to memory cannot fail");
            }
            Ok(rendered)
        };
        ordered::for_each_in_order(
            files,
            rayon::current_num_threads(),
            STREAM_WINDOW,
            render_one,
            |r| -> io::Result<()> {
                match r {
                    Ok(r) => {
                        if let Some((path, text)) = &r.note {
                            note(path, text);
                        }
                        log.report(&mut *emitter, &mut out, &r.problems, &Sources::default())?;
                        summary.files += 1;
                        summary.add(&r.counts);
                        failed |= r.fails;
                        emitter.append(&mut out, &r.output, r.findings)?;
                    }
                    Err(e) => {
                        let e = Problem::from(e);
                        log.report(
                            &mut *emitter,
                            &mut out,
                            std::slice::from_ref(&e),
                            &Sources::default(),
                        )?;
                    }
                }
                Ok(())
            },
        )?;
    }
    emitter.finish(&mut out, &summary)?;
    out.flush()?;
    // The process ends here: freeing a large canon's indexes piece by piece
    // would take longer than the exit that frees them at once.
    std::mem::forget(checker);
    std::mem::forget(rules);

    Ok(if log.count > 0 {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Files checked ahead of the one being written, when the output can be
/// streamed: what waits is only each file's rendered output (its text and
/// findings are freed by the worker), so memory stays small.
const STREAM_WINDOW: usize = 256;

/// The article texts `findings` point into: `own` (the file being written,
/// when still in memory) and any other article, read again from disk.
fn texts_for(
    findings: &[Finding],
    fixed: &[&SourceFile],
    own: Option<SourceFile>,
) -> Vec<SourceFile> {
    let mut texts: Vec<SourceFile> = own.into_iter().collect();
    let mut wanted: Vec<&str> = Vec::new();
    for f in findings {
        for p in std::iter::once(f.path.as_str()).chain(f.related.iter().map(|r| r.path.as_str())) {
            if !wanted.contains(&p) {
                wanted.push(p);
            }
        }
    }
    for path in wanted {
        let known = fixed.iter().any(|f| f.path == path) || texts.iter().any(|t| t.path == path);
        if !known
            && is_regular_file(path)
            && let Ok(src) = input::read(Path::new(path))
        {
            texts.push(src);
        }
    }
    texts
}

fn emit_group(
    emitter: &mut dyn render::Emitter,
    out: &mut dyn Write,
    findings: &[Finding],
    fixed: &[&SourceFile],
    texts: &[SourceFile],
) -> io::Result<()> {
    let mut sources = Sources::default();
    sources.add(fixed.iter().copied());
    sources.add(texts);
    emitter.emit(out, findings, &sources)
}

/// A file read and checked: its findings, any problems with its front
/// matter, and a line about how it was read.
type Checked = (SourceFile, FileReport, Vec<Problem>, Option<String>);

/// Whether `path` is a regular file, which can be read again; a pipe, a
/// FIFO or standard input cannot (and opening a FIFO waits for a writer);
/// a URL is never fetched twice (its text is kept like standard input's).
fn is_regular_file(path: &str) -> bool {
    !crate::fetch::is_url_str(path) && std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// A file read, checked and rendered, ready to be written in its turn.
struct Rendered {
    /// Its findings as a fresh emitter writes them.
    output: Vec<u8>,
    counts: Summary,
    findings: usize,
    /// Whether a finding is at or above the fail level.
    fails: bool,
    /// Problems with its front matter.
    problems: Vec<Problem>,
    /// Its path and a line about how it was read.
    note: Option<(String, String)>,
}

/// The manifest given with `--manifest`, else every `copydesk.versions.toml`
/// in the folders of the files checked (standard input and URLs have no folder).
fn load_manifests(given: Option<&Path>, files: &[PathBuf]) -> (Vec<Manifest>, Vec<Problem>) {
    let mut errors = Vec::new();
    let paths: Vec<PathBuf> = match given {
        Some(p) => vec![p.to_path_buf()],
        None => {
            let mut dirs: Vec<PathBuf> = files
                .iter()
                .filter(|f| !input::is_stdin(f) && !crate::fetch::is_url(f))
                .map(|f| f.parent().unwrap_or(Path::new("")).join(MANIFEST_FILE))
                .filter(|p| p.is_file())
                .collect();
            dirs.sort();
            dirs.dedup();
            dirs
        }
    };
    let manifests = paths
        .iter()
        .map(|p| {
            let (m, e) = Manifest::load(p);
            errors.extend(
                e.into_iter()
                    .map(|e| Problem::from_rule_error(e, ProblemKind::Manifest)),
            );
            m
        })
        .collect();
    (manifests, errors)
}

/// Read every version named by `paths` (`-` is standard input), with the
/// path each was read from; unreadable ones, and paths that match nothing,
/// become input problems.
fn read_versions_at(
    inputs: &Inputs,
    paths: &[PathBuf],
) -> (Vec<SourceFile>, Vec<PathBuf>, Vec<Problem>) {
    let (files, mut problems) = list_inputs(inputs, paths);
    let mut read = Vec::new();
    let mut at = Vec::new();
    for p in files {
        match inputs.read(&p) {
            Ok(loaded) => {
                if let Some(text) = &loaded.note {
                    note(&loaded.source.path, text);
                }
                read.push(loaded.source);
                at.push(p);
            }
            Err(e) => problems.push(e.into()),
        }
    }
    (read, at, problems)
}

/// The same file, however the two paths spell it.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The versions' manifest metadata and the reference version's index:
/// `--reference` (read and added when it is not among the versions), else
/// the manifest entry marked `reference = true`.
fn compare_options(
    reference_arg: Option<&PathBuf>,
    manifest_arg: Option<&Path>,
    inputs: &Inputs,
    versions: &mut Vec<SourceFile>,
    at: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) -> (crate::compare::classify::Options, Vec<SourceFile>) {
    let mut reference = None;
    if let Some(r) = reference_arg {
        reference = at.iter().position(|p| same_file(p, r));
        if reference.is_none() {
            match inputs.read(r) {
                Ok(loaded) => {
                    versions.push(loaded.source);
                    at.push(r.clone());
                    reference = Some(versions.len() - 1);
                }
                Err(e) => problems
                    .push(Problem::from(e).with_help(
                        "`--reference` names the version the others are judged against",
                    )),
            }
        }
    }
    let (manifests, manifest_problems) = load_manifests(manifest_arg, at);
    problems.extend(manifest_problems);
    if reference.is_none() && reference_arg.is_none() {
        reference = manifests
            .iter()
            .filter_map(|m| m.reference())
            .find_map(|r| at.iter().position(|p| same_file(p, r)));
    }
    let no_metadata = Metadata::default();
    let metadata = at
        .iter()
        .map(|p| {
            manifests
                .iter()
                .find_map(|m| m.lookup(p))
                .unwrap_or(&no_metadata)
                .clone()
        })
        .collect();
    let manifest_sources = manifests
        .iter()
        .filter_map(|m| {
            std::fs::read_to_string(&m.path)
                .ok()
                .map(|t| SourceFile::new(m.path.display().to_string(), t))
        })
        .collect();
    (
        crate::compare::classify::Options {
            reference,
            metadata,
            entities: Vec::new(),
        },
        manifest_sources,
    )
}

fn run_compare(args: CompareArgs) -> io::Result<i32> {
    let stderr_color = use_color(args.output.color, io::stderr().is_terminal());
    let stdout_color = use_color(args.output.color, io::stdout().is_terminal());
    let mut config_problems = Vec::new();
    let config = load_config(&mut config_problems);
    let fail_on = args
        .output
        .fail_on
        .or(config.fail_on)
        .unwrap_or(FailOn::Error);
    let inputs = match inputs(&args.walk, &args.fetch, args.stdin_filename.clone()) {
        Ok(i) => i,
        Err(code) => return Ok(code),
    };
    let (mut versions, mut at, mut input_problems) = read_versions_at(&inputs, &args.paths);
    let (mut options, manifest_sources) = compare_options(
        args.reference.as_ref(),
        args.manifest.as_deref(),
        &inputs,
        &mut versions,
        &mut at,
        &mut input_problems,
    );
    // Rules only when given: the rule loader of `check`, its errors too.
    let (rules, rule_errors) = if args.rules.is_empty() {
        (RuleSet::default(), Vec::new())
    } else {
        RuleSet::load(&args.rules)
    };
    config_problems.extend(rule_errors.into_iter().map(Problem::from));
    options.entities = rules.entities.clone();
    let findings = crate::compare::classify::compare_with(&versions, &options);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut emitter = render::emitter(
        args.output.format,
        &render::EmitOptions {
            color: stdout_color,
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
        },
    );
    emitter.start(&mut out)?;
    let mut log = ProblemLog::new(stderr_color);
    let config_files = config_source();
    let mut sources = Sources::default();
    sources.add(&config_files);
    sources.add(&manifest_sources);
    sources.add(&rules.files);
    log.report(&mut *emitter, &mut out, &config_problems, &sources)?;
    log.report(&mut *emitter, &mut out, &input_problems, &sources)?;
    sources.add(&versions);
    emitter.emit(&mut out, &findings, &sources)?;
    emitter.finish(&mut out, &Summary::of(versions.len(), &findings))?;
    out.flush()?;
    Ok(if log.count > 0 {
        EXIT_ERROR
    } else if findings.iter().any(|f| fail_on.fails(f.severity)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn run_rules_draft(args: DraftArgs) -> io::Result<i32> {
    let color = use_color(ColorChoice::Auto, io::stderr().is_terminal());
    let inputs = match inputs(&args.walk, &args.fetch, None) {
        Ok(i) => i,
        Err(code) => return Ok(code),
    };
    let (mut versions, mut at, mut input_problems) = read_versions_at(&inputs, &args.paths);
    let (options, manifest_sources) = compare_options(
        args.reference.as_ref(),
        args.manifest.as_deref(),
        &inputs,
        &mut versions,
        &mut at,
        &mut input_problems,
    );
    if input_problems.is_empty() && versions.len() < 2 {
        let shown: Vec<String> = args.paths.iter().map(|p| inputs.shown(p)).collect();
        input_problems.push(
            Problem::whole(
                ProblemKind::Input,
                shown.join(", "),
                format!(
                    "drafting needs two versions of the piece at least, and {} given",
                    if versions.is_empty() { "none was".to_string() } else { "one was".to_string() }
                ),
            )
            .with_help("a rule file is drafted from what the versions agree on: name a folder of versions, or several files"),
        );
    }
    let mut log = ProblemLog::new(color);
    let mut sources = Sources::default();
    sources.add(&manifest_sources);
    log.on_stderr(&input_problems, &sources)?;
    if log.count > 0 {
        return Ok(EXIT_ERROR);
    }
    let text = crate::compare::draft::draft_with(&versions, &options);
    match &args.output {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            if let Err(e) = crate::compare::draft::write_new(path, &text, args.force) {
                eprintln!(
                    "copydesk: error: {}: {}",
                    safe(&path.display().to_string()),
                    safe(&e.to_string())
                );
                return Ok(EXIT_ERROR);
            }
            eprintln!("copydesk: drafted {}", safe(&path.display().to_string()));
        }
    }
    Ok(EXIT_CLEAN)
}

fn run_rules_check(paths: Vec<PathBuf>, color: ColorChoice) -> io::Result<i32> {
    let color = use_color(color, io::stderr().is_terminal());
    let mut errors = Vec::new();
    let config = load_config(&mut errors);
    let paths = rule_paths(paths, &config);
    let (rules, load_errors) = RuleSet::load(&paths);
    errors.extend(load_errors.into_iter().map(Problem::from));
    let config_files = config_source();
    let mut sources = Sources::default();
    sources.add(&rules.files);
    sources.add(&config_files);
    ProblemLog::new(color).on_stderr(&errors, &sources)?;
    let files = rules.files.len();
    if errors.is_empty() {
        println!(
            "{} in {}: ok",
            count(rules.len(), "rule"),
            count(files, "file")
        );
        Ok(EXIT_CLEAN)
    } else {
        eprintln!("{} in rule files", count(errors.len(), "error"));
        Ok(EXIT_ERROR)
    }
}

fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn run_explain(code: Option<&str>) -> io::Result<i32> {
    let mut out = io::stdout().lock();
    let Some(code) = code else {
        for c in ALL_CHECKS {
            writeln!(out, "{:<28} {}", c.code(), c.kind())?;
        }
        return Ok(EXIT_CLEAN);
    };
    let selected: Vec<Check> = match Check::from_code(code) {
        Some(c) => vec![c],
        None => ALL_CHECKS
            .iter()
            .copied()
            .filter(|c| c.kind() == code)
            .collect(),
    };
    if selected.is_empty() {
        eprintln!(
            "copydesk: error: no check or kind named `{}`; `copydesk explain` lists them",
            safe(code)
        );
        return Ok(EXIT_ERROR);
    }
    for (i, c) in selected.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "# {} ({})\n", c.code(), c.kind())?;
        write!(out, "{}", crate::explain::explanation(*c))?;
    }
    Ok(EXIT_CLEAN)
}
