//! What a run writes, and how it decides what it writes: the report
//! (format, `--output`, `--quiet`, `--statistics`), the emitter and sink of
//! a run under way, its problems, counts and exit code, and the last steps
//! of what is reported (suppression comments, baselines).

use super::*;

/// Every problem of a run is reported here, as it is met: as a diagnostic
/// on standard error (whatever the format, so that a log shows it), and to
/// the emitter (the JSON `errors` array, GitHub `::error` annotations).
pub(super) struct ProblemLog {
    /// Whether standard error is coloured.
    pub(super) color: bool,
    /// Problems reported so far: any makes the run exit with code 2.
    pub(super) count: usize,
}

impl ProblemLog {
    pub(super) fn new(color: bool) -> Self {
        ProblemLog { color, count: 0 }
    }

    pub(super) fn report(
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
    pub(super) fn on_stderr(&mut self, problems: &[Problem], sources: &Sources) -> io::Result<()> {
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

/// What the report of a run looks like and where it goes, settled before
/// any work: a bad `--output` path is an error before anything is checked.
pub(super) struct Report {
    pub(super) format: Format,
    pub(super) stdout_color: bool,
    pub(super) stderr_color: bool,
    pub(super) quiet: bool,
    pub(super) statistics: bool,
    /// The file `--output` names, being written.
    pub(super) file: Option<(PathBuf, crate::atomic::AtomicFile)>,
    /// `$GITHUB_STEP_SUMMARY` (empty counts as unset): the GitHub format
    /// appends its Markdown table there.
    pub(super) step_summary: Option<PathBuf>,
}

impl Report {
    pub(super) fn new(args: &OutputArgs, config_format: Option<Format>) -> Result<Report, i32> {
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
    pub(super) fn for_people(&self) -> bool {
        matches!(self.format, Format::Human | Format::Concise)
    }

    pub(super) fn emit_options(&self) -> render::EmitOptions {
        render::EmitOptions {
            color: self.stdout_color,
            step_summary: self.step_summary.clone(),
        }
    }
}

/// How many findings of each check a run reported (`--statistics`).
#[derive(Default)]
pub(super) struct Statistics {
    pub(super) by_check: std::collections::BTreeMap<&'static str, [usize; 3]>,
}

impl Statistics {
    pub(super) fn count(&mut self, findings: &[Finding]) {
        for f in findings {
            self.by_check.entry(f.check.code()).or_default()[f.severity as usize] += 1;
        }
    }

    pub(super) fn add(&mut self, other: &Statistics) {
        for (code, n) in &other.by_check {
            let mine = self.by_check.entry(code).or_default();
            for i in 0..3 {
                mine[i] += n[i];
            }
        }
    }

    /// One line per check: its count, its code, and the count per severity.
    pub(super) fn write(&self, w: &mut dyn Write) -> io::Result<()> {
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
pub(super) enum Sink {
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
pub(super) struct Run {
    pub(super) emitter: Box<dyn Emitter>,
    pub(super) out: Sink,
    /// `--output`'s path, to name it in errors.
    pub(super) output_path: Option<PathBuf>,
    pub(super) log: ProblemLog,
    pub(super) summary: Summary,
    pub(super) statistics: Statistics,
    /// Whether a finding is at or above its fail level.
    pub(super) failed: bool,
    pub(super) format: Format,
    pub(super) quiet: bool,
    pub(super) show_statistics: bool,
    pub(super) for_people: bool,
    /// How the emitters of the run are made (one per file when rendering
    /// in parallel).
    pub(super) emit_options: render::EmitOptions,
    /// `--baseline`: what may still be met without being reported.
    pub(super) baseline: Option<std::sync::Arc<std::sync::Mutex<Baseline>>>,
    /// `--baseline`'s path, to name it in the summary.
    pub(super) baseline_path: Option<PathBuf>,
    /// `--write-baseline`, and the findings recorded for it.
    pub(super) write_baseline: Option<(PathBuf, Vec<baseline::Entry>)>,
    /// Findings suppressed by comments, and findings the baseline knew.
    pub(super) suppressed: usize,
    pub(super) known: usize,
}

impl Run {
    pub(super) fn start(mut report: Report, args: &OutputArgs) -> io::Result<Run> {
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

    pub(super) fn problems(&mut self, problems: &[Problem], sources: &Sources) -> io::Result<()> {
        self.log
            .report(&mut *self.emitter, &mut self.out, problems, sources)
    }

    /// Count `findings`, whose fail level is `fail_on`.
    pub(super) fn tally(&mut self, findings: &[Finding], fail_on: FailOn) {
        self.summary.count(findings);
        self.statistics.count(findings);
        self.failed |= findings.iter().any(|f| fail_on.fails(f.severity));
    }

    /// Take in what [`Decider::decide`] left aside for one file.
    pub(super) fn record(&mut self, decided: Decided) {
        self.suppressed += decided.suppressed;
        self.known += decided.known;
        if let Some((_, entries)) = &mut self.write_baseline {
            entries.extend(decided.entries);
        }
    }

    /// The decider of one group of files.
    pub(super) fn decider<'a>(
        &self,
        suppressor: Suppressor,
        severities: &'a Severities,
    ) -> Decider<'a> {
        Decider {
            suppressor,
            severities,
            baseline: self.baseline.clone(),
            record: self.write_baseline.is_some(),
        }
    }

    /// Finish the report (and put the `--output` file in place); the exit code.
    pub(super) fn finish(mut self) -> io::Result<i32> {
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
pub(super) struct Decider<'a> {
    pub(super) suppressor: Suppressor,
    pub(super) severities: &'a Severities,
    pub(super) baseline: Option<std::sync::Arc<std::sync::Mutex<Baseline>>>,
    /// Whether `--write-baseline` records the findings.
    pub(super) record: bool,
}

/// What [`Decider::decide`] left for one file.
#[derive(Default)]
pub(super) struct Decided {
    /// What is reported.
    pub(super) findings: Vec<Finding>,
    /// What `--write-baseline` records.
    pub(super) entries: Vec<baseline::Entry>,
    pub(super) suppressed: usize,
    pub(super) known: usize,
}

impl Decider<'_> {
    /// Decide the findings of `source` (all of them, those found across
    /// files too), given its `directives`.
    pub(super) fn decide(
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
