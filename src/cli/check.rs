//! `copydesk check`: configs → groups of files → each group's rules and
//! plan → files checked in parallel, rendered in order (or all at once when
//! findings need every file) → the report.

use super::*;

pub(super) fn run_check(args: CheckArgs) -> io::Result<i32> {
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
pub(super) struct Group<'a> {
    pub(super) args: &'a CheckArgs,
    pub(super) inputs: &'a Inputs,
    /// Standard input, read once, when a file is `-`.
    pub(super) stdin: Option<&'a Result<SourceFile, InputError>>,
    pub(super) command_line: &'a Metadata,
    pub(super) plan: &'a GroupPlan,
}

/// Check `files` (governed by one config) against `rules`, into `run`.
pub(super) fn check_group(
    run: &mut Run,
    group: &Group,
    rules: &RuleSet,
    files: &[PathBuf],
) -> io::Result<()> {
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
        // check everything first, then render file by file. Each text is
        // kept, so that positions come from the bytes that were checked
        // (a file replaced during the run is never read a second time): this
        // path holds the run's texts in memory, which only runs with
        // quantity rules and `quantity-rounding` selected need.
        let results: Vec<Result<Checked, InputError>> = files.par_iter().map(check_one).collect();
        let mut findings = Vec::new();
        let mut facts = Vec::new();
        let mut problems = Vec::new();
        // Each file's suppression comments (small), by path: they are
        // applied once its findings across files are known too.
        let mut directives: std::collections::BTreeMap<String, Vec<suppress::Directive>> =
            Default::default();
        let mut kept = Vec::new();
        for r in results {
            match r {
                Ok((src, mut report, mut file_problems, read_note)) => {
                    if let Some(text) = &read_note {
                        note(&src.path, text);
                    }
                    directives.insert(src.path.clone(), suppress::directives(&src));
                    kept.push(src);
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
pub(super) const STREAM_WINDOW: usize = 256;

/// The article texts `findings` point into: `own` (the file being written,
/// when still in memory) and any other article, read again from disk.
pub(super) fn texts_for(
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

pub(super) fn emit_group(
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
pub(super) type Checked = (SourceFile, FileReport, Vec<Problem>, Option<String>);

/// Whether `path` is a regular file, which can be read again; a pipe, a
/// FIFO or standard input cannot (and opening a FIFO waits for a writer);
/// a URL is never fetched twice (its text is kept like standard input's).
pub(super) fn is_regular_file(path: &str) -> bool {
    !crate::fetch::is_url_str(path) && std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// A file read, checked and rendered, ready to be written in its turn.
pub(super) struct Rendered {
    /// Its findings as a fresh emitter writes them.
    pub(super) output: Vec<u8>,
    pub(super) counts: Summary,
    pub(super) statistics: Statistics,
    pub(super) findings: usize,
    /// Whether a finding is at or above the fail level.
    pub(super) fails: bool,
    /// Problems with its front matter.
    pub(super) problems: Vec<Problem>,
    /// Its path and a line about how it was read.
    pub(super) note: Option<(String, String)>,
    /// What the suppression and baseline steps left aside.
    pub(super) decided: Decided,
}
