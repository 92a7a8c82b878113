//! The batch engine: analyzes the inputs of a [`Config`] and writes their outputs in input
//! order. One article file is analyzed on the main thread ([`run_one`]); anything else goes
//! through three stages joined by bounded channels, so memory stays flat however long the
//! stream is:
//!
//! - the producer thread ([`spawn_producer`]) turns the inputs into [`Job`]s, in order, and
//!   hands them over in numbered batches ([`Batcher`]);
//! - `config.jobs` worker threads ([`spawn_workers`]) analyze the batches ([`process`]);
//! - the main thread ([`write_in_order`]) writes the finished batches in input order
//!   ([`InOrder`]), with a progress bar on a terminal's stderr.
//!
//! Exit status: 0 all inputs analyzed, 1 some input failed (the others are still printed),
//! 2 when the `--files-from` list cannot be read.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use analyze::html;
use analyze::input::{self, Job};
use analyze::report::Report;
use analyze::{Analyzer, Options};

use crate::cli::{Config, Format, InputKind, Inputs};
use crate::say;

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

/// Analyzes every input of `config` with `analyzer` and writes the outputs in input order.
pub fn run(analyzer: &'static Analyzer, mut config: Config) -> anyhow::Result<ExitCode> {
    if config.one_article().is_some() {
        return Ok(run_one(analyzer, config));
    }
    let inputs = std::mem::take(&mut config.inputs);
    let config = Arc::new(config);
    let (job_tx, job_rx) = sync_channel::<Batch>(config.jobs * 4);
    let producer = spawn_producer(inputs, config.input, config.max_bytes, job_tx);
    let (done_tx, done_rx) = sync_channel::<(usize, Vec<Done>)>(config.jobs * 4);
    let workers = spawn_workers(analyzer, &config, job_rx, done_tx);
    let progress = progress_bar(&config);
    let end = write_in_order(&config, done_rx, progress.as_ref());
    if end.broken {
        // the reader of our output went away (| head): stop quietly
        std::process::exit(if end.failed { 1 } else { 0 });
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
    Ok(exit_code(end.failed))
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The message of an analysis that panicked, for input number `n` (1-based).
fn internal_error(config: &Config, n: usize) -> Done {
    let err = input::InputError {
        kind: "internal",
        message: format!(
            "input #{n}: internal error while analyzing (a bug: please report it with the input)"
        ),
    };
    render_error(config, &err.report(None, None, None))
}

/// One article file (the shell loop `for f in *.txt; do analyze "$f"; done`): no threads
/// to start and hand the article between, it is analyzed and written right here.
fn run_one(analyzer: &Analyzer, mut config: Config) -> ExitCode {
    let file = config.inputs.files.swap_remove(0);
    let job = Job::File(file);
    // the same safety net as the batch workers: a bug is reported, not a crash
    let d = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process(analyzer, &config, job)
    }))
    .unwrap_or_else(|_| internal_error(&config, 1));
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
    exit_code(d.failed.is_some())
}

/// The producer: turns the inputs into jobs, in order, into a bounded channel. Records that
/// are already read go in batches (fewer hand-overs between threads); a batch is sent as
/// soon as the input has nothing more buffered, so a slow stream is never held back. Fails
/// (with the message) when the `--files-from` list cannot be read.
fn spawn_producer(
    inputs: Inputs,
    kind: InputKind,
    max_bytes: u64,
    job_tx: SyncSender<Batch>,
) -> JoinHandle<Result<(), String>> {
    std::thread::spawn(move || -> Result<(), String> {
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
            match kind {
                InputKind::Text => send.send(Job::File(path), false),
                InputKind::Jsonl => {
                    input::stream_records(&path, max_bytes, |job, more_ready| {
                        send.send(job, more_ready)
                    }) && send.flush()
                }
            }
        };
        for path in inputs.files {
            if !one(path, false) {
                return Ok(());
            }
        }
        if let Some(list) = inputs.files_from {
            // names stream from the list: the first file is analyzed while the list is read
            let reader: Box<dyn BufRead> = if list == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                Box::new(std::io::BufReader::new(
                    std::fs::File::open(&list).map_err(|e| format!("--files-from {list}: {e}"))?,
                ))
            };
            input::read_list(reader, inputs.null, |p| one(p, true))
                .map_err(|e| format!("--files-from {list}: {e}"))?;
        }
        Ok(())
    })
}

/// The workers: each takes the next batch of jobs, analyzes them and sends the finished
/// batch (with the number of its first job) to the writer. A panic in an analysis becomes
/// that input's `internal` error.
fn spawn_workers(
    analyzer: &'static Analyzer,
    config: &Arc<Config>,
    job_rx: Receiver<Batch>,
    done_tx: SyncSender<(usize, Vec<Done>)>,
) -> Vec<JoinHandle<()>> {
    let job_rx = Arc::new(Mutex::new(job_rx));
    let mut workers = Vec::new();
    for _ in 0..config.jobs {
        let rx: Arc<Mutex<Receiver<Batch>>> = Arc::clone(&job_rx);
        let tx = done_tx.clone();
        let config = Arc::clone(config);
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
                            if config.jobs > 1 {
                                done.render(&config)
                            } else {
                                done
                            }
                        }))
                        .unwrap_or_else(|_| internal_error(&config, first + k + 1))
                    })
                    .collect();
                if tx.send((first, done)).is_err() {
                    break;
                }
            }
        }));
    }
    workers
}

/// Progress on a terminal's stderr only, for batches (never on stdout, never in a pipe).
fn progress_bar(config: &Config) -> Option<indicatif::ProgressBar> {
    (config.several && std::io::stderr().is_terminal()).then(|| {
        let bar = match config.known_total() {
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
    })
}

/// How the writer ended.
struct WriterEnd {
    /// Some input failed.
    failed: bool,
    /// Standard output was closed by its reader.
    broken: bool,
}

/// The writer: writes the finished batches to standard output in input order (each batch
/// flushed at once, so a stream is answered as it goes), says each failure on stderr, and
/// writes the `--format html` page at the end.
fn write_in_order(
    config: &Config,
    done_rx: Receiver<(usize, Vec<Done>)>,
    progress: Option<&indicatif::ProgressBar>,
) -> WriterEnd {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut order = InOrder::new();
    let mut failed = false;
    let mut broken = false;
    // --format html: the page's entries, in input order, written at the end
    let mut page: Vec<html::Entry> = Vec::new();
    'batches: for (i, d) in done_rx.iter() {
        order.insert(i, d);
        while let Some(batch) = order.pop_ready() {
            for d in batch {
                if let Some(msg) = &d.failed {
                    say(&format!("analyze: {msg}"));
                    failed = true;
                }
                if let Output::Page(entry) = d.out {
                    page.push(*entry);
                } else if d.write_to(config, &mut out).is_err() {
                    broken = true;
                    break 'batches;
                }
                if let Some(p) = progress {
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
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if config.format == Format::Html && !broken {
        broken = write_page(&page, &mut out)
            .and_then(|_| out.flush())
            .is_err();
    }
    WriterEnd { failed, broken }
}

/// Puts batches that finish in any order back into input order: a batch is ready when
/// every job before its first one has been handed out.
struct InOrder<T> {
    /// Batches that came early, by the number of their first job.
    pending: BTreeMap<usize, Vec<T>>,
    /// The number of the next job to hand out.
    next: usize,
}

impl<T> InOrder<T> {
    fn new() -> Self {
        InOrder {
            pending: BTreeMap::new(),
            next: 0,
        }
    }

    /// Takes a finished batch whose first job is number `first`.
    fn insert(&mut self, first: usize, batch: Vec<T>) {
        self.pending.insert(first, batch);
    }

    /// The next batch in input order, when it has come.
    fn pop_ready(&mut self) -> Option<Vec<T>> {
        let batch = self.pending.remove(&self.next)?;
        self.next += batch.len();
        Some(batch)
    }
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
    tx: SyncSender<Batch>,
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

/// Analyzes one job: reads and decodes a file, or prepares a record, then runs the
/// analyzer; a failure becomes the input's error object.
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
    fn batches_come_out_in_input_order_whatever_order_they_finish_in() {
        let mut order = InOrder::new();
        order.insert(3, vec!['d']);
        assert_eq!(order.pop_ready(), None, "jobs 0 to 2 are not in");
        order.insert(1, vec!['b', 'c']);
        assert_eq!(order.pop_ready(), None);
        order.insert(0, vec!['a']);
        let mut out = Vec::new();
        while let Some(b) = order.pop_ready() {
            out.extend(b);
        }
        assert_eq!(out, ['a', 'b', 'c', 'd']);
        assert_eq!(order.pop_ready(), None);
        order.insert(4, vec!['e']);
        assert_eq!(order.pop_ready(), Some(vec!['e']));
    }

    #[test]
    fn the_batcher_numbers_jobs_and_sends_when_no_more_is_ready() {
        let (tx, rx) = sync_channel::<Batch>(16);
        let mut b = Batcher {
            tx,
            n: 0,
            batch: Vec::new(),
        };
        let job = || Job::File("x".into());
        assert!(b.send(job(), true) && b.send(job(), true));
        assert!(rx.try_recv().is_err(), "held while more input is at hand");
        assert!(b.send(job(), false));
        let (first, jobs) = rx.try_recv().unwrap();
        assert_eq!((first, jobs.len()), (0, 3));
        for _ in 0..BATCH {
            assert!(b.send(job(), true));
        }
        let (first, jobs) = rx.try_recv().unwrap();
        assert_eq!((first, jobs.len()), (3, BATCH), "a full batch goes at once");
        assert!(b.flush(), "nothing queued");
        assert!(rx.try_recv().is_err());
        drop(rx);
        assert!(!b.send(job(), false), "the workers are gone");
    }

    fn config(format: Format) -> Config {
        Config {
            reference: None,
            format,
            input: InputKind::Text,
            explain: false,
            jobs: 1,
            max_bytes: 1 << 20,
            color: false,
            several: false,
            inputs: Inputs::default(),
            stdin_hint: None,
        }
    }

    #[test]
    fn a_failure_is_rendered_in_the_format_and_named() {
        let err = input::InputError {
            kind: "io",
            message: "gone.txt: No such file or directory".into(),
        }
        .report(Some("gone.txt".into()), None, None);
        let d = render_error(&config(Format::Jsonl), &err);
        assert_eq!(d.failed.as_deref(), Some(err.error.message.as_str()));
        let Output::Rendered(line) = &d.out else {
            panic!("rendered at once")
        };
        assert!(
            line.ends_with("}\n") && line.matches('\n').count() == 1,
            "{line}"
        );
        let d = render_error(&config(Format::Text), &err);
        assert!(
            matches!(&d.out, Output::Rendered(s) if s.is_empty()),
            "only on stderr"
        );
        let d = render_error(&config(Format::Html), &err);
        assert!(matches!(d.out, Output::Page(_)));
    }
}
