//! The command line: flags are parsed and validated into a plan before any
//! work starts; the library below knows nothing of clap.
//!
//! Exit codes: 0 nothing at or above the fail level, 1 findings at or above
//! it, 2 usage, rule-file or input errors (other files are still checked).

use crate::baseline::{self, Baseline};
use crate::checks::{Checker, FileReport};
use crate::codes::{ALL_CHECKS, Check, Selection};
use crate::config::{self, Config, Discovery, FailOn, Severities};
use crate::finding::{Finding, Summary, sort_findings};
use crate::input::{self, InputError, Inputs};
use crate::metadata::{MANIFEST_FILE, Manifest, Metadata};
use crate::ordered;
use crate::problem::{Problem, ProblemKind};
use crate::render::human;
use crate::render::{self, Emitter, Format, Sources};
use crate::rules::RuleSet;
use crate::source::SourceFile;
use crate::suppress::{self, Suppressor};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod generate;

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
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) of copydesk, or of one subcommand (`copydesk man rules draft`).
    Man {
        /// The subcommand whose page to print; omit for copydesk(1).
        subcommand: Vec<String>,
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
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Draft a rule file from the versions of one piece.
    Draft(DraftArgs),
}

/// How findings are written, and which fail the run (`check` and `compare`).
#[derive(Debug, clap::Args)]
struct OutputArgs {
    /// Output format. Default: copydesk.toml's `format`, else human.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the report to FILE (whole, or not at all); the summary line
    /// still goes to the terminal.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// When to colour the output (NO_COLOR, CLICOLOR, CLICOLOR_FORCE and
    /// TERM=dumb are honoured).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Lowest severity that makes the run exit with code 1. Default:
    /// copydesk.toml's `fail_on`, else error.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Findings never make the run exit 1 (`--fail-on never`).
    #[arg(long, conflicts_with = "fail_on")]
    exit_zero: bool,
    /// Only the findings: no summary line, no notes on standard error.
    #[arg(short, long)]
    quiet: bool,
    /// After the findings, how many of each check (on standard error when
    /// the format is for machines).
    #[arg(long)]
    statistics: bool,
    /// Report only the findings the baseline FILE does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record this run's findings in FILE, replacing it: they are accepted,
    /// and do not make this run exit 1.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Which `copydesk.toml` a run reads.
#[derive(Debug, clap::Args)]
struct ConfigArgs {
    /// Read the settings from FILE, for every file, instead of the nearest
    /// copydesk.toml walking up from each file's folder.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no copydesk.toml.
    #[arg(long)]
    no_config: bool,
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
    /// Rule file or directory of `*.toml` (repeatable). Default:
    /// copydesk.toml's `rules`, else `rules/` beside copydesk.toml, else ./rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Check with no rules at all: only the checks that need none run
    /// (without it, finding no rules is an error).
    #[arg(long, conflicts_with = "rules")]
    no_rules: bool,
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

/// Whether to colour `stream`: `--color always|never` as said; `auto` as
/// `anstream` decides for the stream (a terminal, and not NO_COLOR,
/// CLICOLOR=0 or TERM=dumb; CLICOLOR_FORCE colours anything).
fn use_color<S: anstream::stream::RawStream>(choice: ColorChoice, stream: &S) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            anstream::AutoStream::choice(stream) != colorchoice::ColorChoice::Never
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
        Command::Rules(RulesCommand::Check {
            rules,
            color,
            config,
        }) => run_rules_check(rules, color, &config),
        Command::Rules(RulesCommand::Draft(args)) => run_rules_draft(args),
        Command::Explain { code } => run_explain(code.as_deref()),
        Command::Completions { shell } => generate::completions(shell),
        Command::Man { subcommand } => generate::man_page(&subcommand),
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

/// `--exclude` (with the configs' `exclude`), `--stdin-filename` and how
/// URLs are fetched, validated; a bad glob is a usage error.
fn inputs(
    exclude: &[String],
    fetch: &FetchArgs,
    stdin_filename: Option<String>,
) -> Result<Inputs, i32> {
    let fetcher =
        crate::fetch::Fetcher::new(fetch.timeout).caching(fetch.cache.clone(), fetch.refresh);
    match Inputs::new().excluding(exclude) {
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
fn list_inputs(inputs: &Inputs, paths: &[PathBuf], quiet: bool) -> (Vec<PathBuf>, Vec<Problem>) {
    let listing = inputs.list(paths);
    for line in listing.notes.iter().filter(|_| !quiet) {
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

/// The `copydesk.toml` files of a run, each read once: the one `--config`
/// names, none with `--no-config`, else the nearest one walking up from
/// each file's folder.
struct Configs {
    /// `--config FILE`, as an index into `loaded`.
    given: Option<usize>,
    /// `--no-config`.
    none: bool,
    discovery: Discovery,
    /// The configs read; index 0 is "no config file".
    loaded: Vec<Config>,
    by_path: std::collections::HashMap<PathBuf, usize>,
    /// Problems met reading them, not yet reported.
    problems: Vec<Problem>,
}

impl Configs {
    fn new(args: &ConfigArgs) -> Configs {
        let mut c = Configs {
            given: None,
            none: args.no_config,
            discovery: Discovery::default(),
            loaded: vec![Config::default()],
            by_path: Default::default(),
            problems: Vec::new(),
        };
        if let Some(path) = &args.config {
            c.given = Some(c.load(path));
        }
        c
    }

    fn load(&mut self, path: &Path) -> usize {
        if let Some(&i) = self.by_path.get(path) {
            return i;
        }
        let (config, problems) = Config::load(path);
        self.problems.extend(problems);
        self.loaded.push(config);
        self.by_path
            .insert(path.to_path_buf(), self.loaded.len() - 1);
        self.loaded.len() - 1
    }

    /// The config governing `file` (or a folder given), as an index.
    fn for_file(&mut self, file: &Path) -> usize {
        if let Some(i) = self.given {
            return i;
        }
        if self.none {
            return 0;
        }
        match self.discovery.for_file(file) {
            Some(p) => self.load(&p),
            None => 0,
        }
    }

    fn get(&self, i: usize) -> &Config {
        &self.loaded[i]
    }

    /// The texts of the configs read, for diagnostics pointing into them.
    fn sources(&self) -> Vec<SourceFile> {
        self.loaded
            .iter()
            .filter_map(|c| c.source.clone())
            .collect()
    }
}

/// What the report of a run looks like and where it goes, settled before
/// any work: a bad `--output` path is an error before anything is checked.
struct Report {
    format: Format,
    stdout_color: bool,
    stderr_color: bool,
    quiet: bool,
    statistics: bool,
    /// The file `--output` names, being written.
    file: Option<(PathBuf, crate::atomic::AtomicFile)>,
    /// `$GITHUB_STEP_SUMMARY` (empty counts as unset): the GitHub format
    /// appends its Markdown table there.
    step_summary: Option<PathBuf>,
}

impl Report {
    fn new(args: &OutputArgs, config_format: Option<Format>) -> Result<Report, i32> {
        let file = match &args.output {
            None => None,
            Some(path) => match crate::atomic::AtomicFile::create(path, true) {
                Ok(f) => Some((path.clone(), f)),
                Err(e) => {
                    eprintln!(
                        "copydesk: error: --output {}: {}",
                        safe(&path.display().to_string()),
                        safe(&e.to_string())
                    );
                    return Err(EXIT_ERROR);
                }
            },
        };
        Ok(Report {
            format: args.format.or(config_format).unwrap_or(Format::Human),
            stdout_color: file.is_none() && use_color(args.color, &io::stdout()),
            stderr_color: use_color(args.color, &io::stderr()),
            quiet: args.quiet,
            statistics: args.statistics,
            file,
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
        })
    }

    /// Whether the format is read by people (the summary and statistics go
    /// with the findings), not by machines.
    fn for_people(&self) -> bool {
        matches!(self.format, Format::Human | Format::Concise)
    }

    fn emit_options(&self) -> render::EmitOptions {
        render::EmitOptions {
            color: self.stdout_color,
            step_summary: self.step_summary.clone(),
        }
    }
}

/// How many findings of each check a run reported (`--statistics`).
#[derive(Default)]
struct Statistics {
    by_check: std::collections::BTreeMap<&'static str, [usize; 3]>,
}

impl Statistics {
    fn count(&mut self, findings: &[Finding]) {
        for f in findings {
            self.by_check.entry(f.check.code()).or_default()[f.severity as usize] += 1;
        }
    }

    fn add(&mut self, other: &Statistics) {
        for (code, n) in &other.by_check {
            let mine = self.by_check.entry(code).or_default();
            for i in 0..3 {
                mine[i] += n[i];
            }
        }
    }

    /// One line per check: its count, its code, and the count per severity.
    fn write(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut rows: Vec<(&str, usize, [usize; 3])> = self
            .by_check
            .iter()
            .map(|(code, n)| (*code, n.iter().sum(), *n))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (code, total, n) in rows {
            let mut parts = Vec::new();
            for (i, level) in ["note", "warning", "error"].iter().enumerate().rev() {
                if n[i] > 0 {
                    parts.push(format!(
                        "{} {level}{}",
                        n[i],
                        if n[i] == 1 { "" } else { "s" }
                    ));
                }
            }
            writeln!(w, "{total:>6}  {code:<28} {}", parts.join(", "))?;
        }
        Ok(())
    }
}

/// Where the report is written: standard output, or the `--output` file.
enum Sink {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    File(crate::atomic::AtomicFile),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w) => w.flush(),
        }
    }
}

/// A run under way: its emitter and sink, its problems, its counts.
struct Run {
    emitter: Box<dyn Emitter>,
    out: Sink,
    /// `--output`'s path, to name it in errors.
    output_path: Option<PathBuf>,
    log: ProblemLog,
    summary: Summary,
    statistics: Statistics,
    /// Whether a finding is at or above its fail level.
    failed: bool,
    format: Format,
    quiet: bool,
    show_statistics: bool,
    for_people: bool,
    /// How the emitters of the run are made (one per file when rendering
    /// in parallel).
    emit_options: render::EmitOptions,
    /// `--baseline`: what may still be met without being reported.
    baseline: Option<std::sync::Arc<std::sync::Mutex<Baseline>>>,
    /// `--baseline`'s path, to name it in the summary.
    baseline_path: Option<PathBuf>,
    /// `--write-baseline`, and the findings recorded for it.
    write_baseline: Option<(PathBuf, Vec<baseline::Entry>)>,
    /// Findings suppressed by comments, and findings the baseline knew.
    suppressed: usize,
    known: usize,
}

impl Run {
    fn start(mut report: Report, args: &OutputArgs) -> io::Result<Run> {
        let for_people = report.for_people();
        let emit_options = report.emit_options();
        let mut baseline_problem = None;
        let baseline = args.baseline.as_deref().map(|p| {
            std::sync::Arc::new(std::sync::Mutex::new(Baseline::load(p).unwrap_or_else(
                |e| {
                    baseline_problem = Some(*e);
                    Baseline::default()
                },
            )))
        });
        let (out, output_path) = match report.file.take() {
            Some((path, file)) => (Sink::File(file), Some(path)),
            None => (Sink::Stdout(io::BufWriter::new(io::stdout().lock())), None),
        };
        let mut run = Run {
            emitter: render::emitter(report.format, &emit_options),
            out,
            output_path,
            log: ProblemLog::new(report.stderr_color),
            summary: Summary::default(),
            statistics: Statistics::default(),
            failed: false,
            format: report.format,
            quiet: report.quiet,
            show_statistics: report.statistics,
            for_people,
            emit_options,
            baseline,
            baseline_path: args.baseline.clone(),
            write_baseline: args.write_baseline.clone().map(|p| (p, Vec::new())),
            suppressed: 0,
            known: 0,
        };
        run.emitter.start(&mut run.out)?;
        if let Some(p) = baseline_problem {
            let text = std::fs::read_to_string(&p.path)
                .ok()
                .map(|t| SourceFile::new(p.path.clone(), t));
            let mut sources = Sources::default();
            sources.add(text.iter());
            run.problems(&[p], &sources)?;
        }
        Ok(run)
    }

    fn problems(&mut self, problems: &[Problem], sources: &Sources) -> io::Result<()> {
        self.log
            .report(&mut *self.emitter, &mut self.out, problems, sources)
    }

    /// Count `findings`, whose fail level is `fail_on`.
    fn tally(&mut self, findings: &[Finding], fail_on: FailOn) {
        self.summary.count(findings);
        self.statistics.count(findings);
        self.failed |= findings.iter().any(|f| fail_on.fails(f.severity));
    }

    /// Take in what [`Decider::decide`] left aside for one file.
    fn record(&mut self, decided: Decided) {
        self.suppressed += decided.suppressed;
        self.known += decided.known;
        if let Some((_, entries)) = &mut self.write_baseline {
            entries.extend(decided.entries);
        }
    }

    /// The decider of one group of files.
    fn decider<'a>(&self, suppressor: Suppressor, severities: &'a Severities) -> Decider<'a> {
        Decider {
            suppressor,
            severities,
            baseline: self.baseline.clone(),
            record: self.write_baseline.is_some(),
        }
    }

    /// Finish the report (and put the `--output` file in place); the exit code.
    fn finish(mut self) -> io::Result<i32> {
        if let Some((path, entries)) = self.write_baseline.take() {
            let recorded = entries.len();
            match baseline::write(&path, entries) {
                Ok(()) => {
                    // The findings are accepted: they no longer fail the run.
                    self.failed = false;
                    if !self.quiet {
                        note(
                            &path.display().to_string(),
                            &format!("baseline written: {}", count(recorded, "finding")),
                        );
                    }
                }
                Err(e) => self.problems(&[*e], &Sources::default())?,
            }
        }
        if !self.quiet && (self.suppressed > 0 || self.known > 0) {
            let mut parts = Vec::new();
            if self.suppressed > 0 {
                parts.push(format!(
                    "{} suppressed by comments",
                    count(self.suppressed, "finding")
                ));
            }
            if self.known > 0 {
                let shown = self
                    .baseline_path
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                parts.push(format!(
                    "{} known from the baseline {shown}",
                    count(self.known, "finding")
                ));
            }
            eprintln!("copydesk: note: {}", safe(&parts.join("; ")));
        }
        let quiet_summary = self.quiet && self.for_people;
        if !quiet_summary {
            self.emitter.finish(&mut self.out, &self.summary)?;
        }
        if self.show_statistics && self.for_people {
            self.statistics.write(&mut self.out)?;
        }
        self.out.flush()?;
        if let Sink::File(file) = self.out {
            let shown = self
                .output_path
                .as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            if let Err(e) = file.commit() {
                eprintln!(
                    "copydesk: error: --output {}: {}",
                    safe(&shown),
                    safe(&e.to_string())
                );
                return Ok(EXIT_ERROR);
            }
            // The report is in the file; the terminal still gets the summary.
            if !self.quiet {
                let mut stdout = io::stdout().lock();
                writeln!(
                    stdout,
                    "{} (report in {})",
                    human::summary_line(&self.summary),
                    safe(&shown)
                )?;
            }
        }
        if self.show_statistics && (!self.for_people || self.output_path.is_some()) {
            let mut stderr = io::stderr().lock();
            self.statistics.write(&mut stderr)?;
        }
        Ok(if self.log.count > 0 {
            EXIT_ERROR
        } else if self.failed {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        })
    }
}

/// The last steps of what is reported, per file, after the resolve stage:
/// suppression comments (and the severity `[severity]` gives their
/// `unused-suppression` notes), then the baseline. What it keeps is
/// reported; what `--write-baseline` records is what the comments left.
struct Decider<'a> {
    suppressor: Suppressor,
    severities: &'a Severities,
    baseline: Option<std::sync::Arc<std::sync::Mutex<Baseline>>>,
    /// Whether `--write-baseline` records the findings.
    record: bool,
}

/// What [`Decider::decide`] left for one file.
#[derive(Default)]
struct Decided {
    /// What is reported.
    findings: Vec<Finding>,
    /// What `--write-baseline` records.
    entries: Vec<baseline::Entry>,
    suppressed: usize,
    known: usize,
}

impl Decider<'_> {
    /// Decide the findings of `source` (all of them, those found across
    /// files too), given its `directives`.
    fn decide(
        &self,
        findings: Vec<Finding>,
        directives: &[suppress::Directive],
        source: Option<&SourceFile>,
        path: &str,
    ) -> Decided {
        let applied = self.suppressor.apply(findings, directives, path);
        let mut findings = applied.findings;
        crate::checks::resolve::apply_severities(self.severities, &mut findings);
        let mut decided = Decided {
            suppressed: applied.suppressed.len(),
            ..Decided::default()
        };
        let Some(source) = source.filter(|_| self.record || self.baseline.is_some()) else {
            decided.findings = findings;
            return decided;
        };
        let entries = baseline::entries(&findings, source);
        match &self.baseline {
            Some(b) => {
                let mut b = b.lock().unwrap_or_else(|e| e.into_inner());
                for (f, e) in findings.into_iter().zip(&entries) {
                    if b.take(e) {
                        decided.known += 1;
                    } else {
                        decided.findings.push(f);
                    }
                }
            }
            None => decided.findings = findings,
        }
        if self.record {
            decided.entries = entries;
        }
        decided
    }
}

/// What one config makes of the flags: the settings of the files it governs.
struct GroupPlan {
    /// Rule paths; `None` when none were found and none were meant.
    rules: Option<Vec<PathBuf>>,
    selection: Selection,
    severities: Severities,
    fail_on: FailOn,
    /// Outlet and locale from the config (under front matter and manifests).
    metadata: Metadata,
}

/// The settings of the files `config` governs: flags win over the config;
/// `--select` replaces its `select`, `--ignore` adds to its `ignore`, and a
/// check or kind `[severity]` turns `off` is ignored too.
fn group_plan(
    config: &Config,
    rules: &[PathBuf],
    no_rules: bool,
    output: &OutputArgs,
    select: &[String],
    ignore: &[String],
) -> Result<GroupPlan, String> {
    let rules = if !rules.is_empty() {
        Some(rules.to_vec())
    } else if no_rules {
        Some(Vec::new())
    } else if let Some(r) = &config.rules {
        Some(r.clone())
    } else if config.broken {
        // Its problem is reported; another folder's rules would mislead.
        None
    } else {
        let beside = config
            .path()
            .map(|p| Path::new(p).parent().unwrap_or(Path::new("")).join("rules"));
        [beside, Some(PathBuf::from("rules"))]
            .into_iter()
            .flatten()
            .find(|p| p.is_dir())
            .map(|p| vec![p])
    };
    let select = if select.is_empty() {
        config.select.clone()
    } else {
        select.to_vec()
    };
    let mut ignore = ignore.to_vec();
    ignore.extend(config.ignore.iter().cloned());
    ignore.extend(
        config
            .severity
            .iter()
            .filter(|o| {
                o.level == config::Level::Off
                    && Selection::new(std::slice::from_ref(&o.key), &[]).is_ok()
            })
            .map(|o| o.key.clone()),
    );
    let selection = Selection::new(&select, &ignore)?;
    let fail_on = if output.exit_zero {
        FailOn::Never
    } else {
        output.fail_on.or(config.fail_on).unwrap_or(FailOn::Error)
    };
    Ok(GroupPlan {
        rules,
        selection,
        severities: Severities::new(&config.severity),
        fail_on,
        metadata: config.metadata.clone(),
    })
}

/// The problem of a run that found no rules where it expected some.
fn no_rules_problem(config: &Config, first: &str) -> Problem {
    let (path, where_) = match config.path() {
        Some(p) => (p.to_string(), format!("`{p}` names no `rules` and there is no `rules/` beside it or in the working directory")),
        None => (
            first.to_string(),
            "no --rules given, no copydesk.toml found walking up from here, and no ./rules directory".to_string(),
        ),
    };
    Problem::whole(
        ProblemKind::Config,
        path,
        format!("no rules to check against: {where_}"),
    )
    .with_help("give --rules PATH, set `rules` in copydesk.toml, or pass --no-rules to run only the checks that need no rules")
}

fn run_check(args: CheckArgs) -> io::Result<i32> {
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
    if let Err(e) = Selection::new(&args.select, &args.ignore) {
        eprintln!("copydesk: error: {}", safe(&e.to_string()));
        return Ok(EXIT_ERROR);
    }
    let mut configs = Configs::new(&args.output.config);
    // The configs of the paths given: their `exclude` applies to the walk,
    // and the first one's `format` to the run.
    let given: Vec<usize> = args.paths.iter().map(|p| configs.for_file(p)).collect();
    let mut exclude = args.walk.exclude.clone();
    for &i in &given {
        for glob in &configs.get(i).exclude {
            if !exclude.contains(glob) {
                exclude.push(glob.clone());
            }
        }
    }
    let inputs = match inputs(&exclude, &args.fetch, args.stdin_filename.clone()) {
        Ok(i) => i,
        Err(code) => return Ok(code),
    };
    let first_format = given.first().and_then(|&i| configs.get(i).format);
    let report = match Report::new(&args.output, first_format) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let (files, listing_problems) = list_inputs(&inputs, &args.paths, report.quiet);
    // Files in the order given, grouped by the config that governs them.
    let mut groups: Vec<(usize, Vec<PathBuf>)> = Vec::new();
    for f in files {
        let i = configs.for_file(&f);
        match groups.iter_mut().find(|g| g.0 == i) {
            Some(g) => g.1.push(f),
            None => groups.push((i, vec![f])),
        }
    }
    // Each group's settings and rules, loaded before anything is reported,
    // so that rule-file problems come first, as they are the likeliest cause
    // of the rest.
    let config_files = configs.sources();
    let mut problems = std::mem::take(&mut configs.problems);
    let mut plans: Vec<(GroupPlan, Option<RuleSet>)> = Vec::new();
    for (i, files) in &groups {
        let config = configs.get(*i);
        let plan = match group_plan(
            config,
            &args.rules,
            args.no_rules,
            &args.output,
            &args.select,
            &args.ignore,
        ) {
            Ok(p) => p,
            Err(e) => {
                // Only the flags' own codes can fail here, and they were
                // checked above; a config's bad codes are its problems.
                eprintln!("copydesk: error: {}", safe(&e));
                return Ok(EXIT_ERROR);
            }
        };
        let rules = match &plan.rules {
            Some(paths) => {
                let (rules, load_errors) = RuleSet::load(paths);
                problems.extend(load_errors.into_iter().map(Problem::from));
                problems.extend(config.check_severity_keys(&rules.rule_ids()));
                Some(rules)
            }
            // A broken config is reported: that is why it names no rules.
            None if config.broken => None,
            None => {
                let first = files.first().map(|p| inputs.shown(p)).unwrap_or_default();
                problems.push(no_rules_problem(config, &first));
                None
            }
        };
        plans.push((plan, rules));
    }
    let mut run = Run::start(report, &args.output)?;
    {
        let mut sources = Sources::default();
        sources.add(&config_files);
        for rules in plans.iter().filter_map(|p| p.1.as_ref()) {
            sources.add(&rules.files);
        }
        run.problems(&problems, &sources)?;
    }
    run.problems(&listing_problems, &Sources::default())?;
    // Standard input is read once, here, and kept: it cannot be read again
    // when its findings are rendered.
    let stdin = groups
        .iter()
        .flat_map(|g| &g.1)
        .any(|p| input::is_stdin(p))
        .then(|| {
            inputs.read_stdin().map(|l| {
                if let Some(text) = &l.note {
                    note(&l.source.path, text);
                }
                l.source
            })
        });
    for ((_, files), (plan, rules)) in groups.iter().zip(&plans) {
        let Some(rules) = rules else {
            continue;
        };
        let group = Group {
            args: &args,
            inputs: &inputs,
            stdin: stdin.as_ref(),
            command_line: &command_line,
            plan,
        };
        check_group(&mut run, &group, rules, files)?;
    }
    // The process ends soon: freeing a large canon's indexes piece by
    // piece would take longer than the exit that frees them at once.
    std::mem::forget(plans);
    run.finish()
}

/// What [`check_group`] needs besides the run and the rules.
struct Group<'a> {
    args: &'a CheckArgs,
    inputs: &'a Inputs,
    /// Standard input, read once, when a file is `-`.
    stdin: Option<&'a Result<SourceFile, InputError>>,
    command_line: &'a Metadata,
    plan: &'a GroupPlan,
}

/// Check `files` (governed by one config) against `rules`, into `run`.
fn check_group(run: &mut Run, group: &Group, rules: &RuleSet, files: &[PathBuf]) -> io::Result<()> {
    let Group {
        args,
        inputs,
        stdin,
        command_line,
        plan,
    } = *group;
    let fail_on = plan.fail_on;
    let (manifests, manifest_problems) = load_manifests(args.manifest.as_deref(), files);
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
        run.problems(&manifest_problems, &sources)?;
    }
    let checker = Checker::with_selection(rules, plan.selection.clone())
        .with_severities(plan.severities.clone());
    let decider = run.decider(
        Suppressor::for_check(rules, &plan.selection),
        &plan.severities,
    );
    let no_metadata = Metadata::default();
    let quiet = run.quiet;
    // Pass 1, in parallel: check every file and keep only its findings and
    // the small facts cross-version checks need; the text is dropped.
    let check_one = |p: &PathBuf| -> Result<Checked, InputError> {
        let (src, read_note, from_manifest) = match stdin {
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
        let under = from_manifest.over(&plan.metadata);
        let mut report = checker.check_file(&src, command_line, &under);
        let problems = std::mem::take(&mut report.front_matter_errors)
            .into_iter()
            .map(|message| Problem::whole(ProblemKind::Input, src.path.clone(), message))
            .collect();
        Ok((src, report, problems, read_note.filter(|_| !quiet)))
    };
    let fixed_sources: Vec<&SourceFile> = rules
        .files
        .iter()
        .chain(&manifest_sources)
        .chain(stdin.into_iter().filter_map(|r| r.as_ref().ok()))
        .collect();
    if checker.needs_across() {
        // Cross-version findings belong in the middle of the sorted output:
        // check everything first, keeping only findings and small facts (the
        // texts are dropped), then render file by file, reading each text
        // again only while its findings are written.
        let results: Vec<Result<Checked, InputError>> = files.par_iter().map(check_one).collect();
        let mut findings = Vec::new();
        let mut facts = Vec::new();
        let mut problems = Vec::new();
        // Each file's suppression comments (small), by path: they are
        // applied once its findings across files are known too.
        let mut directives: std::collections::BTreeMap<String, Vec<suppress::Directive>> =
            Default::default();
        // A pipe or FIFO named on the command line cannot be read again:
        // its text is kept (regular files are read again when rendered).
        let mut kept = Vec::new();
        for r in results {
            match r {
                Ok((src, mut report, mut file_problems, read_note)) => {
                    if let Some(text) = &read_note {
                        note(&src.path, text);
                    }
                    directives.insert(src.path.clone(), suppress::directives(&src));
                    if !report.findings.is_empty() && !is_regular_file(&src.path) {
                        kept.push(src);
                    }
                    findings.append(&mut report.findings);
                    facts.push(report.facts);
                    problems.append(&mut file_problems);
                    run.summary.files += 1;
                }
                Err(e) => problems.push(e.into()),
            }
        }
        run.problems(&problems, &Sources::default())?;
        findings.extend(checker.check_across(&facts));
        drop(facts);
        sort_findings(&mut findings);
        let fixed_sources: Vec<&SourceFile> = fixed_sources.iter().copied().chain(&kept).collect();
        // Every file with findings or comments, in path order (the order
        // the findings are sorted in).
        let mut by_path: std::collections::BTreeMap<String, Vec<Finding>> =
            directives.keys().map(|p| (p.clone(), Vec::new())).collect();
        for f in findings {
            by_path.entry(f.path.clone()).or_default().push(f);
        }
        for (path, group) in by_path {
            let file_directives = directives.get(&path).map(Vec::as_slice).unwrap_or_default();
            if group.is_empty() && file_directives.is_empty() {
                continue;
            }
            let texts = texts_for(&group, &fixed_sources, None);
            let source = texts
                .iter()
                .chain(fixed_sources.iter().copied())
                .find(|t| t.path == path);
            let decided = decider.decide(group, file_directives, source, &path);
            emit_group(
                &mut *run.emitter,
                &mut run.out,
                &decided.findings,
                &fixed_sources,
                &texts,
            )?;
            run.tally(&decided.findings, fail_on);
            run.record(decided);
        }
    } else {
        // Nothing needs all files at once: each worker checks and renders
        // the next file as soon as it is free (and frees its findings), and
        // this thread writes the files' output in path order as it comes,
        // with at most `STREAM_WINDOW` files checked ahead of it.
        let check_one = &check_one;
        let fixed_sources = &fixed_sources;
        let format = run.format;
        let emit_options = &run.emit_options.clone();
        let decider = &decider;
        let render_one = move |p: &PathBuf| -> Result<Rendered, InputError> {
            let (src, report, problems, read_note) = check_one(p)?;
            let mut decided = decider.decide(
                report.findings,
                &suppress::directives(&src),
                Some(&src),
                &src.path,
            );
            let findings = std::mem::take(&mut decided.findings);
            let mut statistics = Statistics::default();
            statistics.count(&findings);
            let mut rendered = Rendered {
                output: Vec::new(),
                counts: Summary::of(0, &findings),
                statistics,
                findings: findings.len(),
                fails: findings.iter().any(|f| fail_on.fails(f.severity)),
                problems,
                note: read_note.map(|text| (src.path.clone(), text)),
                decided,
            };
            if !findings.is_empty() {
                let texts = texts_for(&findings, fixed_sources, Some(src));
                let mut fresh = render::emitter(format, emit_options);
                emit_group(
                    &mut *fresh,
                    &mut rendered.output,
                    &findings,
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
                        run.problems(&r.problems, &Sources::default())?;
                        run.summary.files += 1;
                        run.summary.add(&r.counts);
                        run.statistics.add(&r.statistics);
                        run.failed |= r.fails;
                        run.emitter.append(&mut run.out, &r.output, r.findings)?;
                        run.record(r.decided);
                    }
                    Err(e) => {
                        let e = Problem::from(e);
                        run.problems(std::slice::from_ref(&e), &Sources::default())?;
                    }
                }
                Ok(())
            },
        )?;
    }
    std::mem::forget(checker);
    Ok(())
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
    statistics: Statistics,
    findings: usize,
    /// Whether a finding is at or above the fail level.
    fails: bool,
    /// Problems with its front matter.
    problems: Vec<Problem>,
    /// Its path and a line about how it was read.
    note: Option<(String, String)>,
    /// What the suppression and baseline steps left aside.
    decided: Decided,
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

/// Read every version listed (`-` is standard input), with the path each
/// was read from; unreadable ones become input problems.
fn read_versions(
    inputs: &Inputs,
    files: Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    quiet: bool,
) -> (Vec<SourceFile>, Vec<PathBuf>) {
    let mut read = Vec::new();
    let mut at = Vec::new();
    for p in files {
        match inputs.read(&p) {
            Ok(loaded) => {
                if let Some(text) = loaded.note.as_ref().filter(|_| !quiet) {
                    note(&loaded.source.path, text);
                }
                read.push(loaded.source);
                at.push(p);
            }
            Err(e) => problems.push(e.into()),
        }
    }
    (read, at)
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
    let mut configs = Configs::new(&args.output.config);
    // One piece, one config: the one governing the first version given.
    let ci = args.paths.first().map(|p| configs.for_file(p)).unwrap_or(0);
    let config = configs.get(ci).clone();
    let mut exclude = args.walk.exclude.clone();
    exclude.extend(config.exclude.iter().cloned());
    let inputs = match inputs(&exclude, &args.fetch, args.stdin_filename.clone()) {
        Ok(i) => i,
        Err(code) => return Ok(code),
    };
    let plan = match group_plan(&config, &[], true, &args.output, &[], &[]) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("copydesk: error: {}", safe(&e));
            return Ok(EXIT_ERROR);
        }
    };
    let report = match Report::new(&args.output, config.format) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let (files, mut input_problems) = list_inputs(&inputs, &args.paths, report.quiet);
    let (mut versions, mut at) = read_versions(&inputs, files, &mut input_problems, report.quiet);
    let reference = args.reference.clone().or(config.reference.clone());
    let (mut options, manifest_sources) = compare_options(
        reference.as_ref(),
        args.manifest.as_deref(),
        &inputs,
        &mut versions,
        &mut at,
        &mut input_problems,
    );
    // Rules only when given (or named by the config): the rule loader of
    // `check`, its errors too.
    let rule_paths = if args.rules.is_empty() {
        config.rules.clone().unwrap_or_default()
    } else {
        args.rules.clone()
    };
    let (rules, rule_errors) = if rule_paths.is_empty() {
        (RuleSet::default(), Vec::new())
    } else {
        RuleSet::load(&rule_paths)
    };
    let mut config_problems = std::mem::take(&mut configs.problems);
    config_problems.extend(rule_errors.into_iter().map(Problem::from));
    config_problems.extend(config.check_severity_keys(&rules.rule_ids()));
    options.entities = rules.entities.clone();
    let mut findings = crate::compare::classify::compare_with(&versions, &options);
    findings.retain(|f| plan.selection.allows(f.check));
    crate::checks::resolve::apply_severities(&plan.severities, &mut findings);
    let mut run = Run::start(report, &args.output)?;
    // Suppression comments and the baseline, version by version.
    let decider = run.decider(
        Suppressor::for_compare((!rule_paths.is_empty()).then_some(&rules), &plan.selection),
        &plan.severities,
    );
    let mut kept = Vec::new();
    for v in &versions {
        let (mine, rest): (Vec<Finding>, Vec<Finding>) =
            findings.into_iter().partition(|f| f.path == v.path);
        findings = rest;
        let mut decided = decider.decide(mine, &suppress::directives(v), Some(v), &v.path);
        kept.append(&mut decided.findings);
        run.record(decided);
    }
    kept.append(&mut findings);
    let mut findings = kept;
    sort_findings(&mut findings);
    let config_files = configs.sources();
    let mut sources = Sources::default();
    sources.add(&config_files);
    sources.add(&manifest_sources);
    sources.add(&rules.files);
    run.problems(&config_problems, &sources)?;
    run.problems(&input_problems, &sources)?;
    sources.add(&versions);
    run.emitter.emit(&mut run.out, &findings, &sources)?;
    run.summary.files = versions.len();
    run.tally(&findings, plan.fail_on);
    run.finish()
}

fn run_rules_draft(args: DraftArgs) -> io::Result<i32> {
    let color = use_color(ColorChoice::Auto, &io::stderr());
    let inputs = match inputs(&args.walk.exclude, &args.fetch, None) {
        Ok(i) => i,
        Err(code) => return Ok(code),
    };
    let (files, mut input_problems) = list_inputs(&inputs, &args.paths, false);
    let (mut versions, mut at) = read_versions(&inputs, files, &mut input_problems, false);
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

fn run_rules_check(
    paths: Vec<PathBuf>,
    color: ColorChoice,
    config: &ConfigArgs,
) -> io::Result<i32> {
    let color = use_color(color, &io::stderr());
    let mut configs = Configs::new(config);
    let ci = configs.for_file(Path::new(""));
    let config = configs.get(ci).clone();
    let mut errors = std::mem::take(&mut configs.problems);
    let paths = match group_plan(&config, &paths, false, &NO_OUTPUT_ARGS, &[], &[]) {
        Ok(GroupPlan { rules: Some(p), .. }) => p,
        _ => {
            errors.push(no_rules_problem(&config, "."));
            Vec::new()
        }
    };
    let (rules, load_errors) = RuleSet::load(&paths);
    errors.extend(load_errors.into_iter().map(Problem::from));
    errors.extend(config.check_severity_keys(&rules.rule_ids()));
    let config_files = configs.sources();
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

/// The output flags as their defaults (`rules check` has none).
const NO_OUTPUT_ARGS: OutputArgs = OutputArgs {
    format: None,
    output: None,
    color: ColorChoice::Auto,
    fail_on: None,
    exit_zero: false,
    quiet: false,
    statistics: false,
    baseline: None,
    write_baseline: None,
    config: ConfigArgs {
        config: None,
        no_config: false,
    },
};

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
