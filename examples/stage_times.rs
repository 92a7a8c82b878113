//! Where the time goes: each stage of the analysis timed over a whole JSON Lines corpus
//! (`{"title":…,"text":…}` or `{"text":…}` per line), one thread.
//!
//!     gzip -dc ../shared/corpus/news-articles.jsonl.gz > /tmp/corpus.jsonl
//!     cargo run --release --example stage_times -- /tmp/corpus.jsonl
//!
//! Prints the set-up time of each part of the rules, then seconds and share per stage (the
//! stages of `analyze::stages`: normalization, segmentation, entities, dates and amounts,
//! relations, report building; then JSON writing) and the whole analysis in MB/s of
//! article text. The criterion benches (`cargo bench`) time the same stages on fixed texts;
//! this answers "which stage is slow on real news" in one run.

use std::io::BufRead;
use std::time::{Duration, Instant};

use analyze::rules::RuleSet;
use analyze::segment::Segmenter;
use analyze::stages::{self, Stage};
use analyze::{Analyzer, Options, dates, entities, relations};

/// The allocator of the `analyze` binary, so that the stages are timed as they run there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: stage_times CORPUS.jsonl"))?;
    let file = std::io::BufReader::new(std::fs::File::open(&path)?);
    let mut texts = Vec::new();
    for line in file.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let title = v.get("title").and_then(|t| t.as_str()).unwrap_or("");
        let body = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
        texts.push(if title.is_empty() {
            body.to_string()
        } else {
            format!("{title}\n{body}")
        });
    }
    let bytes: usize = texts.iter().map(String::len).sum();

    // rule loading, each part on its own (one thread; `Analyzer::new` builds them on two)
    let mut setup = Vec::new();
    let t0 = Instant::now();
    let rules = RuleSet::builtin()?;
    setup.push(("tables", t0.elapsed()));
    let t = Instant::now();
    let _segmenter = Segmenter::new(&rules)?;
    setup.push(("segmenter", t.elapsed()));
    let t = Instant::now();
    let _entity_rules = entities::EntityRules::new(&rules)?;
    setup.push(("entity rules", t.elapsed()));
    let t = Instant::now();
    let _date_rules = dates::DateRules::new(&rules)?;
    setup.push(("date rules", t.elapsed()));
    let t = Instant::now();
    let _relation_rules = relations::RelationRules::new(&rules)?;
    setup.push(("relation rules", t.elapsed()));
    let t = Instant::now();
    let analyzer = Analyzer::new(&rules)?;
    setup.push(("Analyzer::new", t.elapsed()));

    // the stages as `Analyzer::analyze` runs them, each timed from the end of the one before
    let mut t = [Duration::ZERO; Stage::ALL.len()];
    let mut json = Duration::ZERO;
    let mut whole = Duration::ZERO;
    let opts = Options::default();
    for text in &texts {
        let start = Instant::now();
        let mut last = start;
        let report = stages::run(&analyzer, text, &opts, |stage| {
            let now = Instant::now();
            t[stage as usize] += now - last;
            last = now;
        });
        whole += start.elapsed();

        let s = Instant::now();
        std::hint::black_box(serde_json::to_vec(&report)?);
        json += s.elapsed();
    }
    let parts: Vec<String> = setup
        .iter()
        .map(|(n, d)| format!("{n} {:.2}", d.as_secs_f64() * 1e3))
        .collect();
    println!("set-up, ms: {}", parts.join(", "));
    println!(
        "{} articles, {:.1} MB of text",
        texts.len(),
        bytes as f64 / 1e6
    );
    for (stage, d) in Stage::ALL.iter().zip(t) {
        println!(
            "{:>14}  {:7.3} s  {:5.1}%",
            stage.name(),
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / whole.as_secs_f64()
        );
    }
    println!(
        "{:>14}  {:7.3} s  {:5.1}%  (not part of the analysis)",
        "json",
        json.as_secs_f64(),
        100.0 * json.as_secs_f64() / whole.as_secs_f64()
    );
    println!(
        "whole analysis {:.2} MB/s, with JSON {:.2} MB/s (one thread)",
        bytes as f64 / 1e6 / whole.as_secs_f64(),
        bytes as f64 / 1e6 / (whole + json).as_secs_f64()
    );
    Ok(())
}
