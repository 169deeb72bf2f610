//! What the flags and `copydesk.toml` files make of a run, before any
//! article is read: which config governs each file, and each group of
//! files' rules, selection, severities, fail level and metadata; manifests.

use super::*;

/// The `copydesk.toml` files of a run, each read once: the one `--config`
/// names, none with `--no-config`, else the nearest one walking up from
/// each file's folder.
pub(super) struct Configs {
    /// `--config FILE`, as an index into `loaded`.
    pub(super) given: Option<usize>,
    /// `--no-config`.
    pub(super) none: bool,
    pub(super) discovery: Discovery,
    /// The configs read; index 0 is "no config file".
    pub(super) loaded: Vec<Config>,
    pub(super) by_path: std::collections::HashMap<PathBuf, usize>,
    /// Problems met reading them, not yet reported.
    pub(super) problems: Vec<Problem>,
}

impl Configs {
    pub(super) fn new(args: &ConfigArgs) -> Configs {
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

    pub(super) fn load(&mut self, path: &Path) -> usize {
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
    pub(super) fn for_file(&mut self, file: &Path) -> usize {
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

    pub(super) fn get(&self, i: usize) -> &Config {
        &self.loaded[i]
    }

    /// The texts of the configs read, for diagnostics pointing into them.
    pub(super) fn sources(&self) -> Vec<SourceFile> {
        self.loaded
            .iter()
            .filter_map(|c| c.source.clone())
            .collect()
    }
}

/// What one config makes of the flags: the settings of the files it governs.
pub(super) struct GroupPlan {
    /// Rule paths; `None` when none were found and none were meant.
    pub(super) rules: Option<Vec<PathBuf>>,
    pub(super) selection: Selection,
    pub(super) severities: Severities,
    pub(super) fail_on: FailOn,
    /// Outlet and locale from the config (under front matter and manifests).
    pub(super) metadata: Metadata,
}

/// The settings of the files `config` governs: flags win over the config;
/// `--select` replaces its `select`, `--ignore` adds to its `ignore`, and a
/// check or kind `[severity]` turns `off` is ignored too.
pub(super) fn group_plan(
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
pub(super) fn no_rules_problem(config: &Config, first: &str) -> Problem {
    no_rules_problem_with(
        config,
        first,
        "no --rules given",
        "give --rules PATH, set `rules` in copydesk.toml, or pass --no-rules to run only the checks that need no rules",
    )
}

/// The same problem for `rules check`, which has rules to check or nothing
/// to do (it takes no `--no-rules`).
pub(super) fn no_rule_files_problem(config: &Config) -> Problem {
    no_rules_problem_with(
        config,
        ".",
        "no rule files given",
        "give the rule files or folders to check (`copydesk rules check rules/`), or set `rules` in copydesk.toml",
    )
}

fn no_rules_problem_with(config: &Config, first: &str, given: &str, help: &str) -> Problem {
    let (path, where_) = match config.path() {
        Some(p) => (
            p.to_string(),
            format!(
                "`{p}` names no `rules` and there is no `rules/` beside it or in the working directory"
            ),
        ),
        None => (
            first.to_string(),
            format!(
                "{given}, no copydesk.toml found walking up from here, and no ./rules directory"
            ),
        ),
    };
    Problem::whole(
        ProblemKind::Config,
        path,
        format!("no rules to check against: {where_}"),
    )
    .with_help(help)
}

/// The manifest given with `--manifest`, else every `copydesk.versions.toml`
/// in the folders of the files checked (standard input and URLs have no folder).
pub(super) fn load_manifests(
    given: Option<&Path>,
    files: &[PathBuf],
) -> (Vec<Manifest>, Vec<Problem>) {
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
