//! Where the time goes: each stage of the analysis timed over a whole JSON Lines corpus
//! (`{"title":…,"text":…}` or `{"text":…}` per line), one thread.
//!
//!     gzip -dc ../shared/corpus/news-articles.jsonl.gz > /tmp/corpus.jsonl
//!     cargo run --release --example stage_times -- /tmp/corpus.jsonl
//!
//! Prints the set-up time of each part of the rules, then seconds and share per stage (normalization, segmentation, entities, dates and
//! amounts, relations, report building, JSON writing) and the whole analysis in MB/s of
//! article text. The criterion benches (`cargo bench`) time the same stages on fixed texts;
//! this answers "which stage is slow on real news" in one run.

use std::io::BufRead;
use std::time::{Duration, Instant};

use analyze::dates;
use analyze::entities::{self, EType};
use analyze::morph::WordScan;
use analyze::normalize::Normalized;
use analyze::quantities;
use analyze::relations;
use analyze::rules::RuleSet;
use analyze::segment::{self, Segmenter};
use analyze::{Analyzer, Options};

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
    let segmenter = Segmenter::new(&rules)?;
    setup.push(("segmenter", t.elapsed()));
    let t = Instant::now();
    let entity_rules = entities::EntityRules::new(&rules)?;
    setup.push(("entity rules", t.elapsed()));
    let t = Instant::now();
    let date_rules = dates::DateRules::new(&rules)?;
    setup.push(("date rules", t.elapsed()));
    let t = Instant::now();
    let relation_rules = relations::RelationRules::new(&rules)?;
    setup.push(("relation rules", t.elapsed()));
    let t = Instant::now();
    let analyzer = Analyzer::new(&rules)?;
    setup.push(("Analyzer::new", t.elapsed()));

    let names = [
        "normalize",
        "segment",
        "entities",
        "dates+amounts",
        "relations",
        "whole analyze",
        "json",
    ];
    let mut t = [Duration::ZERO; 7];
    let opts = Options::default();
    for text in &texts {
        let s = Instant::now();
        let nm = Normalized::new(text);
        t[0] += s.elapsed();
        let text = nm.text();

        let s = Instant::now();
        let sentences = segmenter.split(text);
        t[1] += s.elapsed();

        let s = Instant::now();
        // the word scan serves the entity and date stages; it is timed with the entities
        let scan = WordScan::new(text);
        let ents = entities::extract_at(&entity_rules, text, &sentences, &scan);
        t[2] += s.elapsed();

        let s = Instant::now();
        let reference = dates::dateline(text);
        let mut anchor = None;
        let mut all_dates = Vec::new();
        let mut products: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sentences.len()];
        for e in ents.iter().filter(|e| e.etype == EType::Product) {
            for m in &e.mentions {
                products[m.sentence].push((m.start, m.end));
            }
        }
        let mut quants = Vec::new();
        for (si, sent) in sentences.iter().enumerate() {
            if sent.kind == segment::Kind::Boilerplate {
                continue;
            }
            let st = &text[sent.start..sent.end];
            let ds = dates::find_at(
                &date_rules,
                st,
                sent.start,
                si,
                reference,
                &mut anchor,
                &scan.starts,
            );
            let mut taken: Vec<(usize, usize)> = ds.iter().map(|d| (d.start, d.end)).collect();
            taken.append(&mut products[si]);
            taken.sort_unstable();
            quants.extend(quantities::find(st, sent.start, si, &taken));
            all_dates.extend(ds);
        }
        t[3] += s.elapsed();

        let s = Instant::now();
        let rel = relations::extract(
            &relation_rules,
            text,
            &sentences,
            &ents,
            &all_dates,
            reference,
        );
        t[4] += s.elapsed();
        std::hint::black_box((rel, quants));

        let s = Instant::now();
        let report = analyzer.analyze(nm.text(), &opts);
        t[5] += s.elapsed();

        let s = Instant::now();
        std::hint::black_box(serde_json::to_vec(&report)?);
        t[6] += s.elapsed();
    }
    let whole = t[5];
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
    for (name, d) in names.iter().zip(t) {
        println!(
            "{name:>14}  {:7.3} s  {:5.1}%",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / whole.as_secs_f64()
        );
    }
    let report_building = whole.saturating_sub(t[0] + t[1] + t[2] + t[3] + t[4]);
    println!(
        "{:>14}  {:7.3} s  (whole minus the stages: report building, char offsets)",
        "rest",
        report_building.as_secs_f64()
    );
    println!(
        "whole analysis {:.2} MB/s, with JSON {:.2} MB/s (one thread)",
        bytes as f64 / 1e6 / whole.as_secs_f64(),
        bytes as f64 / 1e6 / (whole + t[6]).as_secs_f64()
    );
    Ok(())
}
