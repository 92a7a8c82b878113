//! The `analyze` command: parses options, feeds inputs through the library in order, and
//! prints JSON, JSON Lines or a text report. Exit status: 0 all inputs analyzed, 1 some
//! input failed (the others are still printed), 2 usage error.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use analyze::dates::Ymd;
use analyze::html;
use analyze::input::{self, Job};
use analyze::report::Report;
use analyze::rules::RuleSet;
use analyze::{Analyzer, Options};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

mod corpus;

/// mimalloc instead of the system allocator: the analysis makes many small, short-lived
/// allocations (words, mentions, report strings), and glibc's malloc/free were ~12% of a
/// one-thread run over the corpus (-j 1 ~8% faster with mimalloc). Built without transparent
/// huge pages (`no_thp`): with them the peak RSS of a corpus run went 15 -> 55 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
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
enum InputKind {
    /// Each input is one article.
    Text,
    /// Each input line is a record {"id", "text", "date"?}.
    Jsonl,
}

/// When `--format text` uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
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
struct Args {
    /// Articles to analyze; none or `-` reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<std::ffi::OsString>,

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
    rules: Vec<PathBuf>,

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
    schema: bool,

    /// Colour in --format text: auto (a terminal, and NO_COLOR unset or empty), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    color: ColorChoice,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
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

/// Writes a message line to standard error; a closed stderr is ignored, never a panic.
fn say(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{msg}");
}

fn parse_date(s: &str) -> Result<Ymd, String> {
    input::parse_date(s)
}

/// Everything the run needs, without clap types.
struct Config {
    reference: Option<Ymd>,
    format: Format,
    input: InputKind,
    explain: bool,
    jobs: usize,
    max_bytes: u64,
    color: bool,
}

/// One finished input: the text to print and whether it failed.
struct Done {
    out: Output,
    failed: Option<String>,
}

/// What a job prints: an analysis is rendered by the writer thread when there is one
/// worker (that work then overlaps with the next article's analysis) and by the worker
/// itself when there are several (they render in parallel, and each report is freed by the
/// thread that allocated it); an error is rendered at once.
enum Output {
    Rendered(String),
    Report(Box<Report>),
    /// `--format html`: an article (with its document) or an error for the page, which is
    /// written once all inputs are in (see [`write_page`]).
    Page(Box<html::Entry>),
}

impl Done {
    /// An analyzed input; `document` is the text the report's offsets count in (kept only
    /// for the html page, which draws the marks on it).
    fn analysis(config: &Config, report: Report, document: String) -> Done {
        let out = if config.format == Format::Html {
            Output::Page(Box::new(html::Entry::Article {
                report: Box::new(report),
                document,
            }))
        } else {
            Output::Report(Box::new(report))
        };
        Done { out, failed: None }
    }

    /// Writes the output (one line, or one pretty document, each ending in a newline).
    /// Renders the report now, on this thread.
    fn render(self, config: &Config) -> Done {
        let Output::Report(_) = &self.out else {
            return self;
        };
        let mut buf = Vec::with_capacity(16 * 1024);
        match self.write_to(config, &mut buf) {
            // (JSON and text are UTF-8; a failed rendering is left to the writer)
            Ok(()) => match String::from_utf8(buf) {
                Ok(text) => Done {
                    out: Output::Rendered(text),
                    failed: self.failed,
                },
                Err(_) => self,
            },
            Err(_) => self,
        }
    }

    fn write_to(&self, config: &Config, out: &mut impl Write) -> std::io::Result<()> {
        match &self.out {
            Output::Rendered(s) => out.write_all(s.as_bytes()),
            // a part of the page, written by write_page
            Output::Page(_) => Ok(()),
            Output::Report(r) => {
                match config.format {
                    Format::Json => serde_json::to_writer_pretty(&mut *out, r)?,
                    Format::Jsonl => serde_json::to_writer(&mut *out, r)?,
                    Format::Text => out.write_all(r.to_text(config.color).as_bytes())?,
                    // (never here: an html report is an Output::Page)
                    Format::Html => {}
                }
                out.write_all(b"\n")
            }
        }
    }
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

fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(Command::Corpus(c)) = args.command {
        return corpus::run(c);
    }
    if let Some(Command::Completions { shell }) = args.command {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Args::command(), "analyze", &mut buf);
        let _ = std::io::stdout().lock().write_all(&buf); // a closed pipe is not an error here
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(Command::Man) = args.command {
        let _ = std::io::stdout().lock().write_all(&man_page()?);
        return Ok(ExitCode::SUCCESS);
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
    let analyzer: &'static Analyzer = if args.rules.is_empty() {
        Analyzer::builtin()
    } else {
        let mut rules = RuleSet::builtin()?;
        for p in &args.rules {
            rules.extend_from(p)?;
        }
        Box::leak(Box::new(Analyzer::new(&rules)?))
    };
    let mut files = args.files.clone();
    if files.is_empty() && args.files_from.is_none() {
        if let Some(hint) = stdin_hint(
            true,
            std::io::stdin().is_terminal(),
            args.input_kind == InputKind::Jsonl,
        ) {
            say(hint);
        }
        files.push("-".into());
    }
    if files.iter().filter(|f| *f == "-").count() > 1
        || (args.files_from.as_deref() == Some("-") && files.iter().any(|f| f == "-"))
    {
        anyhow::bail!("standard input can be read only once; give `-` a single time");
    }
    let several =
        files.len() > 1 || args.files_from.is_some() || args.input_kind == InputKind::Jsonl;
    let n_files = files.len();
    let files_from_none = args.files_from.is_none();
    let format = args
        .format
        .unwrap_or(if several { Format::Jsonl } else { Format::Json });
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let config = Config {
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
        color: use_color(
            args.color,
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        ),
    };

    // one article file (the shell loop `for f in *.txt; do analyze "$f"; done`): no threads
    // to start and hand the article between, it is analyzed and written right here
    if config.input == InputKind::Text && files_from_none && n_files == 1 && files[0] != "-" {
        let job = Job::File(files.swap_remove(0));
        // the same safety net as the batch workers: a bug is reported, not a crash
        let d = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            process(analyzer, &config, job)
        }))
        .unwrap_or_else(|_| {
            let err = input::InputError {
                kind: "internal",
                message: "input #1: internal error while analyzing (a bug: please report it with the input)".into(),
            };
            render_error(&config, &err.report(None, None, None))
        });
        if let Some(msg) = &d.failed {
            say(&format!("analyze: {msg}"));
        }
        let mut out = std::io::stdout().lock();
        // a closed pipe (| head) is no error of ours
        let mut buf = std::io::BufWriter::new(&mut out);
        let _ = match d.out {
            Output::Page(entry) => write_page(&[*entry], &mut buf),
            _ => d.write_to(&config, &mut buf),
        }
        .and_then(|_| buf.flush());
        return Ok(if d.failed.is_some() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }

    // producer: turns the inputs into jobs, in order, into a bounded channel. Records that
    // are already read go in batches (fewer hand-overs between threads); a batch is sent
    // as soon as the input has nothing more buffered, so a slow stream is never held back.
    let (job_tx, job_rx) = sync_channel::<Batch>(config.jobs * 4);
    let files_from = args.files_from.clone();
    let input = config.input;
    let max_bytes = config.max_bytes;
    let nul = args.null;
    let producer = std::thread::spawn(move || -> Result<(), String> {
        let mut send = Batcher {
            tx: job_tx,
            n: 0,
            batch: Vec::new(),
        };
        let mut one = |path: std::ffi::OsString, listed: bool| -> bool {
            if listed && let Some(err) = input::not_listable(&path) {
                let shown = input::display(&path);
                return send.send(
                    Job::Failed(Box::new(err.report(Some(shown), None, None))),
                    false,
                );
            }
            match input {
                InputKind::Text => send.send(Job::File(path), false),
                InputKind::Jsonl => stream_records(&path, max_bytes, &mut send) && send.flush(),
            }
        };
        for path in files {
            if !one(path, false) {
                return Ok(());
            }
        }
        if let Some(list) = files_from {
            // names stream from the list: the first file is analyzed while the list is read
            let reader: Box<dyn BufRead> = if list == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                Box::new(std::io::BufReader::new(
                    std::fs::File::open(&list).map_err(|e| format!("--files-from {list}: {e}"))?,
                ))
            };
            input::read_list(reader, nul, |p| one(p, true))
                .map_err(|e| format!("--files-from {list}: {e}"))?;
        }
        Ok(())
    });

    // workers
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = sync_channel::<(usize, Vec<Done>)>(config.jobs * 4);
    let config = Arc::new(config);
    let mut workers = Vec::new();
    for _ in 0..config.jobs {
        let rx: Arc<Mutex<Receiver<Batch>>> = Arc::clone(&job_rx);
        let tx = done_tx.clone();
        let config = Arc::clone(&config);
        workers.push(std::thread::spawn(move || {
            loop {
                let next = rx.lock().map(|r| r.recv());
                let Ok(Ok((first, jobs))) = next else { break };
                let done: Vec<Done> = jobs
                    .into_iter()
                    .enumerate()
                    .map(|(k, job)| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            let done = process(analyzer, &config, job);
                            if config.jobs > 1 { done.render(&config) } else { done }
                        }))
                            .unwrap_or_else(|_| {
                                let err = input::InputError {
                                    kind: "internal",
                                    message: format!("input #{}: internal error while analyzing (a bug: please report it with the input)", first + k + 1),
                                };
                                render_error(&config, &err.report(None, None, None))
                            })
                    })
                    .collect();
                if tx.send((first, done)).is_err() {
                    break;
                }
            }
        }));
    }
    drop(done_tx);

    // progress on a terminal's stderr only, for batches (never on stdout, never in a pipe)
    let progress = (several && std::io::stderr().is_terminal()).then(|| {
        let total = if input == InputKind::Text && files_from_none {
            Some(n_files as u64)
        } else {
            None
        };
        let bar = match total {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos}/{len} articles  {per_sec}  {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });

    // writer: in input order
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut pending: BTreeMap<usize, Vec<Done>> = BTreeMap::new();
    let mut next = 0usize;
    let mut failed = false;
    let mut broken = false;
    // --format html: the page's entries, in input order, written at the end
    let mut page: Vec<html::Entry> = Vec::new();
    'batches: for (i, d) in done_rx.iter() {
        pending.insert(i, d);
        while let Some(batch) = pending.remove(&next) {
            next += batch.len();
            for d in batch {
                if let Some(msg) = &d.failed {
                    say(&format!("analyze: {msg}"));
                    failed = true;
                }
                if let Output::Page(entry) = d.out {
                    page.push(*entry);
                } else if d.write_to(&config, &mut out).is_err() {
                    broken = true;
                    break 'batches;
                }
                if let Some(p) = &progress {
                    p.inc(1);
                }
            }
            // each batch reaches the reader at once (a stream is answered as it goes)
            if out.flush().is_err() {
                broken = true;
                break 'batches;
            }
        }
    }
    drop(done_rx);
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    if config.format == Format::Html && !broken {
        broken = write_page(&page, &mut out)
            .and_then(|_| out.flush())
            .is_err();
    }
    if broken {
        // the reader of our output went away (| head): stop quietly
        std::process::exit(if failed { 1 } else { 0 });
    }
    for w in workers {
        let _ = w.join();
    }
    match producer.join() {
        Ok(Ok(())) => {}
        Ok(Err(msg)) => {
            say(&format!("analyze: error: {msg}"));
            return Ok(ExitCode::from(2));
        }
        Err(_) => anyhow::bail!("the input reader stopped unexpectedly"),
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the `--format html` page of all inputs (one document: a table of contents and a
/// section per input, failures in place).
fn write_page(entries: &[html::Entry], out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(html::page(entries).as_bytes())
}

/// A batch of jobs and the number of its first job.
type Batch = (usize, Vec<Job>);

/// Most records handed to a worker at once.
const BATCH: usize = 32;

/// Hands jobs to the workers in batches, numbered in input order.
struct Batcher {
    tx: std::sync::mpsc::SyncSender<Batch>,
    /// Number of the next batch's first job.
    n: usize,
    batch: Vec<Job>,
}

impl Batcher {
    /// Queues `job`; sends the batch when it is full or when no more input is at hand
    /// (`more_ready` false). False when the workers are gone (output stopped).
    fn send(&mut self, job: Job, more_ready: bool) -> bool {
        self.batch.push(job);
        if more_ready && self.batch.len() < BATCH {
            return true;
        }
        self.flush()
    }

    /// Sends what is queued.
    fn flush(&mut self) -> bool {
        if self.batch.is_empty() {
            return true;
        }
        let first = self.n;
        self.n += self.batch.len();
        self.tx
            .send((first, std::mem::take(&mut self.batch)))
            .is_ok()
    }
}

/// Whether `--format text` is coloured: `auto` colours a terminal unless `NO_COLOR` is set
/// to a non-empty value (<https://no-color.org>: set but empty means not set).
fn use_color(
    choice: ColorChoice,
    stdout_is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
) -> bool {
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
fn man_page() -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Args::command()).render(&mut buf)?;
    Ok(buf)
}

/// Sends one job per line of a JSON Lines input, saying with each whether more input is
/// already buffered. Returns false when output stopped.
fn stream_records(os_path: &std::ffi::OsStr, max_bytes: u64, send: &mut Batcher) -> bool {
    let shown = input::display(os_path);
    let path = shown.as_str();
    let reader: std::io::BufReader<Box<dyn std::io::Read>> = if os_path == "-" {
        std::io::BufReader::with_capacity(1 << 16, Box::new(std::io::stdin()))
    } else {
        match std::fs::File::open(os_path) {
            Ok(f) => std::io::BufReader::with_capacity(1 << 16, Box::new(f)),
            Err(e) => {
                let err =
                    input::read_input(os_path, max_bytes)
                        .err()
                        .unwrap_or(input::InputError {
                            kind: "io",
                            message: format!("{path}: {e}"),
                        });
                return send.send(
                    Job::Failed(Box::new(err.report(Some(path.to_string()), None, None))),
                    false,
                );
            }
        }
    };
    let mut line_no = 0usize;
    let mut reader = reader;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match std::io::Read::take(&mut reader, max_bytes + 1).read_until(b'\n', &mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => {
                let err = input::InputError {
                    kind: "io",
                    message: format!("{path}: {e}"),
                };
                return send.send(
                    Job::Failed(Box::new(err.report(
                        Some(path.to_string()),
                        None,
                        Some(line_no + 1),
                    ))),
                    false,
                );
            }
        }
        line_no += 1;
        let job = match std::str::from_utf8(&buf) {
            _ if buf.len() as u64 > max_bytes => Job::Failed(Box::new(
                input::InputError {
                    kind: "too_large",
                    message: format!("{path}:{line_no}: record larger than {max_bytes} bytes"),
                }
                .report(Some(path.to_string()), None, Some(line_no)),
            )),
            // one output line per input line: a blank line is a bad record, not skipped
            Ok(s) if s.trim().is_empty() => Job::Failed(Box::new(
                input::InputError {
                    kind: "bad_record",
                    message: format!("{path}:{line_no}: empty line; every line must be a record"),
                }
                .report(Some(path.to_string()), None, Some(line_no)),
            )),
            Ok(s) => {
                input::parse_record(path, line_no, s.trim_end().trim_start_matches('\u{feff}'))
            }
            Err(_) => Job::Failed(Box::new(
                input::InputError {
                    kind: "bad_record",
                    message: format!("{path}:{line_no}: not UTF-8"),
                }
                .report(Some(path.to_string()), None, Some(line_no)),
            )),
        };
        // more records at hand: keep filling the batch; else send it now (a stream is
        // answered line by line as it comes)
        let more_ready = !reader.buffer().is_empty();
        if !send.send(job, more_ready) {
            return false;
        }
        if buf.len() as u64 > max_bytes {
            // skip the rest of an oversized line
            let mut sink = Vec::new();
            if reader.read_until(b'\n', &mut sink).is_err() {
                return true;
            }
        }
    }
}

fn render_error(config: &Config, e: &analyze::report::ErrorReport) -> Done {
    let out = match config.format {
        Format::Json => serde_json::to_string_pretty(e).unwrap_or_default() + "\n",
        Format::Jsonl => serde_json::to_string(e).unwrap_or_default() + "\n",
        Format::Text => String::new(),
        // the page shows the error in the input's place
        Format::Html => {
            return Done {
                out: Output::Page(Box::new(html::Entry::Failed(Box::new(e.clone())))),
                failed: Some(e.error.message.clone()),
            };
        }
    };
    Done {
        out: Output::Rendered(out),
        failed: Some(e.error.message.clone()),
    }
}

fn process(analyzer: &Analyzer, config: &Config, job: Job) -> Done {
    match job {
        Job::Failed(e) => render_error(config, &e),
        Job::File(os_path) => {
            let path = input::display(&os_path);
            let decoded = input::read_input(&os_path, config.max_bytes)
                .and_then(|bytes| input::decode_input(&path, &bytes).map(|d| (d, bytes.len())));
            match decoded {
                Err(e) => render_error(config, &e.report(Some(path), None, None)),
                Ok((d, n)) => {
                    let opts = Options {
                        reference_date: config.reference,
                        date_origin: config.reference.map(|_| "option"),
                        explain: config.explain,
                        source: input::file_source(&path, d.encoding, n),
                    };
                    let mut report = analyzer.analyze(&d.text, &opts);
                    if d.encoding != "UTF-8" {
                        report.warnings.push(format!("decoded as {}", d.encoding));
                    }
                    Done::analysis(config, report, d.text)
                }
            }
        }
        Job::Record {
            origin,
            path,
            id,
            text,
            title,
            date,
            date_field,
        } => {
            let line = origin.rsplit(':').next().and_then(|l| l.parse().ok());
            match input::prepare_record(
                id.clone(),
                text,
                title,
                date.as_deref(),
                date_field,
                config.reference,
                config.explain,
            ) {
                Ok(p) => {
                    let mut report = analyzer.analyze(&p.document, &p.options);
                    report.warnings.extend(p.warnings);
                    Done::analysis(config, report, p.document)
                }
                Err(msg) => {
                    let err = input::InputError {
                        kind: "bad_record",
                        message: format!("{origin}: {msg}"),
                    };
                    render_error(config, &err.report(Some(path), Some(id), line))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_valid() {
        Args::command().debug_assert();
    }

    #[test]
    fn color_follows_the_choice_the_terminal_and_no_color() {
        use std::ffi::OsStr;
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
