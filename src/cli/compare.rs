//! `copydesk compare` and `copydesk rules draft`: the versions of one
//! piece, read whole, with their manifest metadata and reference version.

use super::*;

/// Read every version listed (`-` is standard input), with the path each
/// was read from; unreadable ones become input problems.
pub(super) fn read_versions(
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
                // What `check` reports of a file, `compare` reports too: a
                // reader's refusal, a bad front-matter value.
                let none = Metadata::default();
                let errors = crate::document::Document::read(&loaded.source, &none, &none)
                    .front_matter_errors;
                problems.extend(errors.into_iter().map(|message| {
                    Problem::whole(ProblemKind::Input, loaded.source.path.clone(), message)
                }));
                read.push(loaded.source);
                at.push(p);
            }
            Err(e) => problems.push(e.into()),
        }
    }
    (read, at)
}

/// The same file, however the two paths spell it.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The versions' manifest metadata and the reference version's index:
/// `--reference` (read and added when it is not among the versions), else
/// the manifest entry marked `reference = true`.
pub(super) fn compare_options(
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

pub(super) fn run_compare(args: CompareArgs) -> io::Result<i32> {
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
    let (mut files, mut input_problems) = list_inputs(&inputs, &args.paths, report.quiet);
    if let Some(p) = too_many_versions(&files, &inputs, &args.paths) {
        input_problems.push(p);
        files.clear();
    }
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

pub(super) fn run_rules_draft(args: DraftArgs) -> io::Result<i32> {
    let color = use_color(ColorChoice::Auto, &io::stderr());
    let inputs = match inputs(&args.walk.exclude, &args.fetch, None) {
        Ok(i) => i,
        Err(code) => return Ok(code),
    };
    let (mut files, mut input_problems) = list_inputs(&inputs, &args.paths, false);
    if let Some(p) = too_many_versions(&files, &inputs, &args.paths) {
        input_problems.push(p);
        files.clear();
    }
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

/// The most versions `compare` and `rules draft` take: the versions of one
/// piece are compared with each other, and that work (time and memory)
/// grows with the square of their number (500 versions: some 13 s and
/// 400 MB here; 20,000 would need hours and tens of gigabytes).
pub(super) const MAX_VERSIONS: usize = 200;

/// The problem of a run given more files than one piece has versions: a
/// folder of an archive named by mistake, say, which is refused at once
/// rather than compared for hours.
pub(super) fn too_many_versions(
    files: &[PathBuf],
    inputs: &Inputs,
    paths: &[PathBuf],
) -> Option<Problem> {
    (files.len() > MAX_VERSIONS).then(|| {
        let shown: Vec<String> = paths.iter().map(|p| inputs.shown(p)).collect();
        Problem::whole(
            ProblemKind::Input,
            shown.join(", "),
            format!(
                "{} files given: the versions of one piece are compared with each other, at most {MAX_VERSIONS}",
                files.len()
            ),
        )
        .with_help(
            "name the folder of one piece; to check an archive against rules, use `copydesk check`",
        )
    })
}
