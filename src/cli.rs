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

mod check;
mod compare;
mod generate;
mod plan;
mod report;

use check::*;
use compare::*;
use plan::*;
use report::*;

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
            errors.push(no_rule_files_problem(&config));
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
        // The same message, with the same "did you mean", as `--select`.
        let message = Selection::new(&[code.to_string()], &[])
            .err()
            .unwrap_or_default();
        eprintln!("copydesk: error: {}", safe(&message));
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
