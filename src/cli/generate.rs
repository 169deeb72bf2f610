//! What is generated from the clap definition of the command line: shell
//! completion scripts (`copydesk completions SHELL`) and roff man pages
//! (`copydesk man [SUBCOMMAND]…`). Both are built in memory and written in
//! one go, so a closed pipe is an `io::Error` the caller treats like any
//! other output's, never a panic inside the generator.

use super::{Cli, EXIT_CLEAN, EXIT_ERROR, safe};
use clap::CommandFactory;
use std::io::{self, Write};

/// The name the scripts complete and the man page is titled by.
const BIN: &str = "copydesk";

/// Print the completion script for `shell` on standard output.
pub(super) fn completions(shell: clap_complete::Shell) -> io::Result<i32> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut script);
    io::stdout().lock().write_all(&script)?;
    Ok(EXIT_CLEAN)
}

/// Print the man page of copydesk, or of the subcommand the `path` of
/// names leads to (`["rules", "draft"]` is copydesk-rules-draft(1)).
pub(super) fn man_page(path: &[String]) -> io::Result<i32> {
    let mut cmd = Cli::command();
    // Building names each subcommand `copydesk-check`, `copydesk-rules-draft`:
    // the titles of their pages.
    cmd.build();
    let mut page = &cmd;
    for name in path {
        match page.find_subcommand(name) {
            Some(sub) => page = sub,
            None => {
                eprintln!(
                    "copydesk: error: no subcommand `{}` of `{}`; `{} --help` lists them",
                    safe(name),
                    page.get_display_name().unwrap_or(BIN),
                    page.get_display_name().unwrap_or(BIN).replace('-', " "),
                );
                return Ok(EXIT_ERROR);
            }
        }
    }
    // A subcommand has no version of its own: its page's footer gets the
    // program's, set after building so that no `--version` flag appears.
    let page = page.clone().version(env!("CARGO_PKG_VERSION"));
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    io::stdout().lock().write_all(&roff)?;
    Ok(EXIT_CLEAN)
}
