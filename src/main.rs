//! The `analyze` command: parses the options and dispatches. [`cli`] holds the options and
//! turns them into a [`cli::Config`]; [`batch`] analyzes the inputs and writes the outputs
//! in input order; [`corpus`] is the `analyze corpus` subcommand. Exit status: 0 all inputs
//! analyzed, 1 some input failed (the others are still printed), 2 usage error.

use std::io::Write;
use std::process::ExitCode;

use analyze::Analyzer;
use analyze::rules::RuleSet;
use clap::Parser;

mod batch;
mod cli;
mod corpus;

use cli::{Args, Command, Config, Env};

/// mimalloc instead of the system allocator: the analysis makes many small, short-lived
/// allocations (words, mentions, report strings), and glibc's malloc/free were ~12% of a
/// one-thread run over the corpus (-j 1 ~8% faster with mimalloc). Built without transparent
/// huge pages (`no_thp`): with them the peak RSS of a corpus run went 15 -> 55 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Writes a message line to standard error; a closed stderr is ignored, never a panic.
fn say(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{msg}");
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            say(&format!("analyze: error: {e:#}"));
            ExitCode::from(2)
        }
    }
}

fn run(mut args: Args) -> anyhow::Result<ExitCode> {
    match args.command.take() {
        Some(Command::Corpus(c)) => return corpus::run(c),
        Some(Command::Completions { shell }) => {
            // a closed pipe is not an error here
            let _ = std::io::stdout().lock().write_all(&cli::completions(shell));
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            let _ = std::io::stdout().lock().write_all(&cli::man_page()?);
            return Ok(ExitCode::SUCCESS);
        }
        None => {}
    }
    if args.schema {
        let schema = analyze::report::output_schema();
        let _ = writeln!(
            std::io::stdout().lock(),
            "{}",
            serde_json::to_string_pretty(&schema)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    // the fixed word lists build on another core while the tables load
    analyze::warm_up();
    let analyzer = load_analyzer(&args.rules)?;
    analyzer.prepare();
    let config = Config::new(args, &Env::detect())?;
    if let Some(hint) = config.stdin_hint {
        say(hint);
    }
    batch::run(analyzer, config)
}

/// The built-in analyzer, or one built from the built-in tables extended with `--rules`.
fn load_analyzer(extra: &[std::path::PathBuf]) -> anyhow::Result<&'static Analyzer> {
    if extra.is_empty() {
        return Ok(Analyzer::builtin());
    }
    let mut rules = RuleSet::builtin()?;
    for p in extra {
        rules.extend_from(p)?;
    }
    Ok(Box::leak(Box::new(Analyzer::new(&rules)?)))
}
