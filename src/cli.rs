//! The command line: the clap definition ([`Args`]) and the plain [`Config`] it is turned
//! into. Every default and every check of the analysis options is made here, in
//! [`Config::new`], so that the batch engine ([`crate::batch`]) sees only a `Config`.

use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::PathBuf;

use analyze::dates::Ymd;
use analyze::input;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::corpus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One object per input, pretty-printed.
    Json,
    /// One compact object per line.
    Jsonl,
    /// A readable report for a terminal.
    Text,
    /// One self-contained HTML page: the articles with their findings marked.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// Each input is one article.
    Text,
    /// Each input line is a record {"id", "text", "date"?}.
    Jsonl,
}

/// When `--format text` uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and NO_COLOR is not set to a non-empty value.
    Auto,
    /// Always (even into a pipe, and whatever NO_COLOR says).
    Always,
    /// Never.
    Never,
}

const EXAMPLES: &str = "\
Examples:
  analyze article.txt                         one article, pretty JSON
  analyze --date 2024-02-21 article.txt       resolve 지난달, 21일 … against that date
  analyze --format text article.txt           a readable report
  analyze --format html news/*.txt > page.html   the articles with their findings marked
  analyze news/*.txt > out.jsonl              many articles, JSON Lines in input order
  find news -name '*.txt' -print0 | analyze --files-from - -0
  zcat records.jsonl.gz | analyze --input jsonl -j 2    records {id, title?, text, date?}
  analyze news/*.txt | analyze corpus         who met whom across the articles
  analyze article.txt | jq '.meetings[].summary'";

/// Reads Korean news articles and prints who meets or works with whom: sentences, people
/// with titles, organizations, products, places, dates, amounts, meetings and partnerships.
#[derive(Debug, Parser)]
#[command(name = "analyze", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Articles to analyze; none or `-` reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<OsString>,

    /// Reference (publication) date for relative dates (지난달, 21일, 내년).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Ymd>,

    /// Output format [default: json for one input, jsonl for several or for --input jsonl].
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// How inputs are read.
    #[arg(long = "input", value_enum, default_value = "text")]
    input_kind: InputKind,

    /// Extra rule tables (a table file named like a built-in one, or a directory of them).
    #[arg(long, value_name = "PATH")]
    pub rules: Vec<PathBuf>,

    /// Name the rule behind every extracted item ("rule" fields).
    #[arg(long)]
    explain: bool,

    /// Articles analyzed in parallel [default: number of cores]. Output order is input order.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,

    /// Read input paths from FILE (`-` for standard input), one per line.
    #[arg(long, value_name = "FILE")]
    files_from: Option<String>,

    /// With --files-from: paths are separated by NUL bytes (find -print0).
    #[arg(short = '0', long = "null", requires = "files_from")]
    null: bool,

    /// Largest input accepted, in bytes; larger inputs fail with kind too_large.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    max_bytes: u64,

    /// Print the JSON Schema of the output and exit.
    #[arg(long)]
    pub schema: bool,

    /// Colour in --format text: auto (a terminal, and NO_COLOR unset or empty), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    color: ColorChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the manual page (roff): `analyze man > analyze.1; man ./analyze.1`.
    Man,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Summarize many analyses (analyze's JSON Lines): people, organizations and
    /// countries across articles, each meeting and partnership once, and their network.
    Corpus(corpus::CorpusArgs),
}

fn parse_date(s: &str) -> Result<Ymd, String> {
    input::parse_date(s)
}

/// What the options are resolved against: facts about the terminal, the environment and
/// the machine, gathered once ([`Env::detect`]) so that [`Config::new`] can be tested.
#[derive(Debug, Clone)]
pub struct Env {
    /// Standard input is a terminal.
    pub stdin_is_terminal: bool,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// The value of `NO_COLOR`, when set.
    pub no_color: Option<OsString>,
    /// Cores available to this process.
    pub cores: usize,
}

impl Env {
    /// The facts of this process.
    pub fn detect() -> Env {
        Env {
            stdin_is_terminal: std::io::stdin().is_terminal(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            no_color: std::env::var_os("NO_COLOR"),
            cores: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
        }
    }
}

/// Where the inputs come from: the FILE arguments (`-` is standard input), then the paths
/// listed in `--files-from`.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The FILE arguments; `-` alone when none and no `--files-from` was given.
    pub files: Vec<OsString>,
    /// `--files-from`: a file listing inputs (`-` for standard input).
    pub files_from: Option<String>,
    /// The list is NUL-separated (`-0`).
    pub null: bool,
}

/// Everything an analysis run needs, without clap types: each option resolved to its value.
#[derive(Debug)]
pub struct Config {
    /// `--date`: the reference date for relative dates.
    pub reference: Option<Ymd>,
    /// The output format (defaulted from the number of inputs).
    pub format: Format,
    /// How each input is read.
    pub input: InputKind,
    /// `--explain`: reports name their rules.
    pub explain: bool,
    /// Worker threads, at least 1.
    pub jobs: usize,
    /// Largest input (file, or record line) accepted.
    pub max_bytes: u64,
    /// `--format text` is coloured.
    pub color: bool,
    /// More than one output may come (several files, a list, records): JSON Lines by
    /// default, and a progress bar on a terminal.
    pub several: bool,
    /// The inputs; the batch engine takes them out (see [`std::mem::take`]).
    pub inputs: Inputs,
    /// The line to say on stderr before reading: standard input is a terminal and nothing
    /// else was given to read, so the user may not know the program is waiting.
    pub stdin_hint: Option<&'static str>,
}

impl Config {
    /// Resolves the options: inputs (standard input when none), the default format, the
    /// number of workers and the colour. Fails when standard input is named twice.
    pub fn new(args: Args, env: &Env) -> anyhow::Result<Config> {
        let mut files = args.files;
        let mut hint = None;
        if files.is_empty() && args.files_from.is_none() {
            hint = stdin_hint(
                true,
                env.stdin_is_terminal,
                args.input_kind == InputKind::Jsonl,
            );
            files.push("-".into());
        }
        if files.iter().filter(|f| *f == "-").count() > 1
            || (args.files_from.as_deref() == Some("-") && files.iter().any(|f| f == "-"))
        {
            anyhow::bail!("standard input can be read only once; give `-` a single time");
        }
        let several =
            files.len() > 1 || args.files_from.is_some() || args.input_kind == InputKind::Jsonl;
        let format = args
            .format
            .unwrap_or(if several { Format::Jsonl } else { Format::Json });
        let cores = env.cores;
        Ok(Config {
            reference: args.date,
            format,
            input: args.input_kind,
            explain: args.explain,
            // more workers than a few per core only cost memory and thread set-up
            jobs: args
                .jobs
                .map(usize::from)
                .unwrap_or(cores)
                .clamp(1, (cores * 8).max(64)),
            max_bytes: args.max_bytes,
            color: use_color(args.color, env.stdout_is_terminal, env.no_color.as_deref()),
            several,
            inputs: Inputs {
                files,
                files_from: args.files_from,
                null: args.null,
            },
            stdin_hint: hint,
        })
    }

    /// The one article file to analyze when the inputs are exactly that (the shell loop
    /// `for f in *.txt; do analyze "$f"; done`): a single FILE, not `-`, read as text.
    pub fn one_article(&self) -> Option<&OsStr> {
        let i = &self.inputs;
        (self.input == InputKind::Text
            && i.files_from.is_none()
            && i.files.len() == 1
            && i.files[0] != "-")
            .then(|| i.files[0].as_os_str())
    }

    /// The number of inputs when it is known before reading (FILE arguments only, as text),
    /// for the progress bar.
    pub fn known_total(&self) -> Option<u64> {
        (self.input == InputKind::Text && self.inputs.files_from.is_none())
            .then_some(self.inputs.files.len() as u64)
    }
}

/// Whether `--format text` is coloured: `auto` colours a terminal unless `NO_COLOR` is set
/// to a non-empty value (<https://no-color.org>: set but empty means not set).
fn use_color(choice: ColorChoice, stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// The line said on stderr when standard input is a terminal and nothing else was given
/// to read (no FILE, no --files-from): the user may not know the program is waiting.
fn stdin_hint(
    no_inputs_given: bool,
    stdin_is_terminal: bool,
    records: bool,
) -> Option<&'static str> {
    (no_inputs_given && stdin_is_terminal).then_some(if records {
        "analyze: reading JSON Lines records from standard input (Ctrl-D to end; analyze --help for usage)"
    } else {
        "analyze: reading an article from standard input (Ctrl-D to end; analyze --help for usage)"
    })
}

/// The manual page, in roff.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Args::command()).render(&mut buf)?;
    Ok(buf)
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "analyze", &mut buf);
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Env {
        Env {
            stdin_is_terminal: false,
            stdout_is_terminal: false,
            no_color: None,
            cores: 2,
        }
    }

    fn config(args: &[&str], env: &Env) -> anyhow::Result<Config> {
        let mut argv = vec!["analyze"];
        argv.extend_from_slice(args);
        Config::new(Args::try_parse_from(argv).expect("valid arguments"), env)
    }

    #[test]
    fn cli_definition_is_valid() {
        Args::command().debug_assert();
    }

    #[test]
    fn no_input_reads_standard_input_once() {
        let c = config(&[], &env()).unwrap();
        assert_eq!(c.inputs.files, ["-"]);
        assert_eq!(c.format, Format::Json);
        assert!(!c.several && c.stdin_hint.is_none());
        assert_eq!(c.one_article(), None, "standard input is not a file");
        let c = config(&["--input", "jsonl"], &env()).unwrap();
        assert!(c.several);
        assert_eq!(c.format, Format::Jsonl);
        assert_eq!(c.known_total(), None);
    }

    #[test]
    fn standard_input_named_twice_is_refused() {
        for args in [
            &["-", "a.txt", "-"][..],
            &["--files-from", "-", "-"],
            &["--files-from", "-", "b.txt", "-"],
        ] {
            let e = config(args, &env()).unwrap_err();
            assert!(e.to_string().contains("only once"), "{args:?}: {e}");
        }
        assert!(config(&["--files-from", "-", "b.txt"], &env()).is_ok());
    }

    #[test]
    fn format_defaults_to_json_lines_for_several_inputs() {
        let one = config(&["a.txt"], &env()).unwrap();
        assert_eq!(one.format, Format::Json);
        assert_eq!(one.one_article(), Some(OsStr::new("a.txt")));
        let two = config(&["a.txt", "b.txt"], &env()).unwrap();
        assert_eq!(two.format, Format::Jsonl);
        assert_eq!(two.one_article(), None);
        assert_eq!(two.known_total(), Some(2));
        let listed = config(&["--files-from", "list"], &env()).unwrap();
        assert_eq!(listed.format, Format::Jsonl);
        assert!(listed.inputs.files.is_empty(), "no standard input added");
        assert_eq!(listed.known_total(), None);
        let chosen = config(&["--format", "text", "a.txt", "b.txt"], &env()).unwrap();
        assert_eq!(chosen.format, Format::Text);
    }

    #[test]
    fn jobs_default_to_the_cores_and_are_bounded() {
        let mut e = env();
        e.cores = 3;
        assert_eq!(config(&[], &e).unwrap().jobs, 3);
        assert_eq!(config(&["-j", "5"], &e).unwrap().jobs, 5);
        assert_eq!(config(&["-j", "65535"], &e).unwrap().jobs, 64);
        e.cores = 16;
        assert_eq!(config(&["-j", "65535"], &e).unwrap().jobs, 128);
        assert!(Args::try_parse_from(["analyze", "-j", "0"]).is_err());
    }

    #[test]
    fn the_hint_is_for_a_waiting_terminal_only() {
        let mut e = env();
        e.stdin_is_terminal = true;
        assert!(config(&[], &e).unwrap().stdin_hint.is_some());
        assert!(config(&["a.txt"], &e).unwrap().stdin_hint.is_none());
        assert!(
            config(&["--files-from", "l"], &e)
                .unwrap()
                .stdin_hint
                .is_none()
        );
    }

    #[test]
    fn color_follows_the_choice_the_terminal_and_no_color() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        // auto: a terminal, NO_COLOR unset or set but empty
        assert!(use_color(ColorChoice::Auto, true, None));
        assert!(use_color(ColorChoice::Auto, true, empty));
        assert!(!use_color(ColorChoice::Auto, true, set));
        assert!(!use_color(ColorChoice::Auto, true, Some(OsStr::new("0"))));
        assert!(!use_color(ColorChoice::Auto, false, None));
        assert!(!use_color(ColorChoice::Auto, false, empty));
        // always and never ignore both
        for tty in [true, false] {
            for env in [None, empty, set] {
                assert!(use_color(ColorChoice::Always, tty, env));
                assert!(!use_color(ColorChoice::Never, tty, env));
            }
        }
        let mut e = env();
        e.stdout_is_terminal = true;
        assert!(config(&["--format", "text"], &e).unwrap().color);
        e.no_color = Some("1".into());
        assert!(!config(&["--format", "text"], &e).unwrap().color);
    }

    #[test]
    fn stdin_hint_only_for_a_terminal_with_nothing_given() {
        let hint = stdin_hint(true, true, false).expect("a hint");
        assert!(
            hint.starts_with("analyze: ") && hint.contains("Ctrl-D"),
            "{hint}"
        );
        assert!(hint.contains("--help") && !hint.contains('\n'), "{hint}");
        assert!(stdin_hint(true, true, true).is_some_and(|h| h.contains("records")));
        assert_eq!(stdin_hint(true, false, false), None, "a pipe or file");
        assert_eq!(stdin_hint(false, true, false), None, "a FILE was given");
    }

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2024-02-21").is_ok());
        assert!(parse_date("2024-02-30").is_err());
        // the forms records carry are accepted here too
        assert!(parse_date("2024.02.21").is_ok());
        assert!(parse_date("2024/2/21").is_ok());
        assert!(parse_date("20240221").is_ok());
        assert!(parse_date("2024-02-21T09:30:00+09:00").is_ok());
        for bad in [
            "2024-02",
            "21.02.2024",
            "2024-02/21",
            "yesterday",
            "",
            "2024-13-01",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert!(e.contains("YYYY-MM-DD"), "{bad}: {e}");
        }
    }
}
