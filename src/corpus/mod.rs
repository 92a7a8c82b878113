//! `analyze corpus`: reads the JSON Lines that `analyze` writes and prints one summary of
//! the whole corpus: one node per real-world person, organization or country, one event
//! per real meeting or partnership however many articles report it, and the network
//! between them, as JSON, GraphML, CSV or one self-contained HTML page.
//!
//! The input streams through [`state::State`], whose size grows with distinct entities and
//! events (not articles); `--partial` prints that state, and partial states are accepted as
//! input, so a map-reduce job can reduce partitions separately and merge them at the end.

pub mod build;
mod cluster;
pub mod layout;
pub mod render;
pub mod state;
#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;

/// Output formats of `analyze corpus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusFormat {
    /// The corpus summary (see `--schema`), pretty-printed.
    Json,
    /// GraphML for Gephi, Cytoscape, networkx (nodes, met/partnered edges).
    Graphml,
    /// Nodes and edges as CSV: two files with --out-dir, else two sections on stdout.
    Csv,
    /// One self-contained HTML page: network, timeline, tables.
    Html,
}

const CORPUS_HELP: &str = "\
Input: JSON Lines written by `analyze` (`--format jsonl` or `--input jsonl`), and/or
partial states written by `analyze corpus --partial` (lines with \"analyze_corpus_partial\").
Error lines (objects with an \"error\" key) and unreadable lines are counted and skipped.

CSV: with --out-dir DIR, writes DIR/nodes.csv and DIR/edges.csv (and DIR/events.csv).
Without it, prints two sections to stdout: a line `# nodes`, the nodes CSV with its
header, an empty line, a line `# edges`, the edges CSV with its header.

Examples:
  analyze --input jsonl < records.jsonl > out.jsonl
  analyze corpus out.jsonl | jq '.stats'
  analyze corpus --format html out.jsonl > corpus.html
  analyze corpus --format csv --out-dir tables out.jsonl
  analyze corpus --partial part-0.jsonl > p0 ; analyze corpus --partial part-1.jsonl > p1
  analyze corpus p0 p1                      the same summary as one run over both parts";

/// Summarize many analyses: people, organizations and countries across articles, each
/// meeting and partnership once with all its reports, and the network between them.
#[derive(Debug, clap::Args)]
#[command(after_help = CORPUS_HELP)]
pub struct CorpusArgs {
    /// analyze output (JSON Lines) or partial states; none or `-` reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<OsString>,

    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: CorpusFormat,

    /// With --format csv: write nodes.csv, edges.csv and events.csv into DIR.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Keep events whose date reaches this day or later.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    since: Option<String>,

    /// Keep events whose date begins on this day or earlier.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    until: Option<String>,

    /// Drop nodes seen in fewer than N articles, with their events and edges.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_articles: u64,

    /// Print the mergeable intermediate state (JSON Lines) instead of a summary.
    #[arg(long, conflicts_with_all = ["format", "out_dir", "since", "until", "min_articles", "schema"])]
    partial: bool,

    /// Print the JSON Schema of `--format json` and exit.
    #[arg(long)]
    schema: bool,

    /// With --format html: link each source to this URL, `{id}` replaced by the article
    /// id (percent-encoded). Without it, sources that are file paths link to the file.
    #[arg(long, value_name = "TEMPLATE")]
    source_url: Option<String>,

    /// Longest input line accepted, in bytes; longer lines are counted as unreadable.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    max_line_bytes: u64,
}

fn parse_day(s: &str) -> Result<String, String> {
    (s.len() == 10 && analyze::dates::Ymd::parse(s).is_some())
        .then(|| s.to_string())
        .ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

fn say(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "analyze corpus: {msg}");
}

/// Reads every line of `reader` into `state`, skipping (and counting) lines longer than
/// `max` bytes without holding them in memory.
pub fn read_into(
    state: &mut state::State,
    reader: &mut impl BufRead,
    max: u64,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = std::io::Read::take(&mut *reader, max + 1).read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        if buf.len() as u64 > max {
            state.counts.bad_lines += 1;
            // skip the rest of the line
            loop {
                let chunk = reader.fill_buf()?;
                if chunk.is_empty() {
                    return Ok(());
                }
                match memchr::memchr(b'\n', chunk) {
                    Some(i) => {
                        reader.consume(i + 1);
                        break;
                    }
                    None => {
                        let l = chunk.len();
                        reader.consume(l);
                    }
                }
            }
            continue;
        }
        state.add_line(&buf);
    }
}

/// Runs `analyze corpus`.
pub fn run(args: CorpusArgs) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    if args.schema {
        let schema = schemars::schema_for!(build::Summary);
        let _ = writeln!(stdout, "{}", serde_json::to_string_pretty(&schema)?);
        return Ok(ExitCode::SUCCESS);
    }
    if args.out_dir.is_some() && args.format != CorpusFormat::Csv {
        anyhow::bail!("--out-dir goes with --format csv");
    }
    let mut files = args.files.clone();
    if files.is_empty() {
        files.push("-".into());
    }
    if files.iter().filter(|f| *f == "-").count() > 1 {
        anyhow::bail!("standard input can be read only once; give `-` a single time");
    }
    let mut st = state::State::default();
    let mut failed = false;
    for f in &files {
        let shown = analyze::input::display(f);
        let result = if f == "-" {
            let mut r = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
            read_into(&mut st, &mut r, args.max_line_bytes)
        } else {
            match std::fs::File::open(f) {
                Ok(file) => {
                    let mut r = std::io::BufReader::with_capacity(1 << 16, file);
                    read_into(&mut st, &mut r, args.max_line_bytes)
                }
                Err(e) => Err(e),
            }
        };
        if let Err(e) = result {
            say(&format!("{shown}: {e}"));
            failed = true;
        }
    }
    let skipped = st.counts.error_lines + st.counts.bad_lines;
    if skipped > 0 {
        say(&format!(
            "skipped {} error line(s) and {} unreadable line(s)",
            st.counts.error_lines, st.counts.bad_lines
        ));
    }
    let mut out = std::io::BufWriter::new(&mut stdout);
    let written: std::io::Result<()> = if args.partial {
        st.write_partial(&mut out)
    } else {
        let summary = build::build(
            &st,
            &build::BuildOpts {
                since: args.since.clone(),
                until: args.until.clone(),
                min_articles: args.min_articles,
            },
        );
        drop(st);
        match args.format {
            CorpusFormat::Json => serde_json::to_writer_pretty(&mut out, &summary)
                .map_err(std::io::Error::other)
                .and_then(|_| out.write_all(b"\n")),
            CorpusFormat::Graphml => out.write_all(render::graphml(&summary).as_bytes()),
            CorpusFormat::Csv => match &args.out_dir {
                Some(dir) => {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("--out-dir {}", dir.display()))?;
                    for (name, text) in [
                        ("nodes.csv", render::nodes_csv(&summary)),
                        ("edges.csv", render::edges_csv(&summary)),
                        ("events.csv", render::events_csv(&summary)),
                    ] {
                        let p = dir.join(name);
                        std::fs::write(&p, text).with_context(|| format!("{}", p.display()))?;
                    }
                    Ok(())
                }
                None => out.write_all(
                    format!(
                        "# nodes\n{}\n# edges\n{}",
                        render::nodes_csv(&summary),
                        render::edges_csv(&summary)
                    )
                    .as_bytes(),
                ),
            },
            CorpusFormat::Html => {
                out.write_all(render::html(&summary, args.source_url.as_deref()).as_bytes())
            }
        }
    };
    // a closed pipe (| head) is no error of ours
    let _ = written.and_then(|_| out.flush());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
