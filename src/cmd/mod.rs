//! One file per subcommand; each wires the stages together and prints what happened.

mod build;
mod check;
mod handout;
mod init;
mod list;
mod new;

use crate::cli::{Cli, Command};
use crate::diag::{Diagnostic, Diagnostics, print_one};
use std::process::ExitCode;

/// Runs a subcommand. A panic (a bug) ends it with an error instead of a crash: every command changes its
/// output only once all of it is made (`output::Spool`, whose staging folder goes when it is dropped), so a
/// panic while building leaves the last output as it was.
pub fn run(cli: Cli) -> ExitCode {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(cli))) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(payload) => {
            print_one(Diagnostic::internal(
                &*payload,
                "Nothing more was written: the output is as the last finished build left it",
            ));
            // EX_SOFTWARE: an internal error, told apart from a site with errors (1).
            ExitCode::from(70)
        }
    }
}

fn dispatch(cli: Cli) -> bool {
    match cli.command {
        Command::Build { root, out, drafts, future, strict } => {
            let options = crate::build::BuildOptions { drafts, future, base_url: None };
            build::run(&root, out.as_deref(), &options, strict)
        }
        Command::Check { root, external, timeout, drafts, strict, recheck, format } => {
            let external = external.then(|| crate::external::Options {
                timeout: std::time::Duration::from_secs_f64(timeout.max(0.001)),
                strict,
                recheck,
            });
            check::run(&root, external.as_ref(), drafts, strict, format)
        }
        Command::New { collection, title, root } => new::run(&root, &collection, &title),
        Command::Init { dir } => init::run(&dir),
        Command::List { collection, root, lang } => list::run(&root, collection.as_deref(), lang.as_deref()),
        Command::Serve { root, port, bind, open, poll, edit } => {
            crate::serve::run(&crate::serve::ServeOptions { root, port, bind, open, poll, edit })
        }
        Command::Handout(args) => handout::run(&args),
    }
}

fn counts(diagnostics: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(diagnostics.error_count(), "error"), plural(diagnostics.warning_count(), "warning"))
}
