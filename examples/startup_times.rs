//! Where a one-article run spends its start-up: each phase timed once, cold, in a fresh
//! process (run it a few times; the first phase also pays for page faults).
//!
//!     cargo run --release --example startup_times -- fixtures/01-summit-meeting.txt
//!
//! Prints the milliseconds of reading the tables, building each stage's rules, and the
//! first and second analysis of the article (the first compiles the patterns the article
//! needs and builds the stages' fixed word lists).

use std::time::Instant;

use analyze::rules::RuleSet;
use analyze::{Analyzer, Options};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: startup_times ARTICLE.txt"))?;
    let text = std::fs::read_to_string(&path)?;
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t0 = Instant::now();
    let t = Instant::now();
    let rules = RuleSet::builtin()?;
    println!("tables        {:6.2} ms", ms(t));
    let t = Instant::now();
    let _ = analyze::segment::Segmenter::new(&rules)?;
    println!("segmenter     {:6.2} ms", ms(t));
    let t = Instant::now();
    let _ = analyze::entities::EntityRules::new(&rules)?;
    println!("entity rules  {:6.2} ms", ms(t));
    let t = Instant::now();
    let _ = analyze::dates::DateRules::new(&rules)?;
    println!("date rules    {:6.2} ms", ms(t));
    let t = Instant::now();
    let _ = analyze::relations::RelationRules::new(&rules)?;
    println!("relation rules{:6.2} ms", ms(t));
    let t = Instant::now();
    let a = Analyzer::new(&rules)?;
    println!("Analyzer::new {:6.2} ms (again, two threads)", ms(t));
    let t = Instant::now();
    let r = a.analyze(&text, &Options::default());
    println!("1st analysis  {:6.2} ms", ms(t));
    let t = Instant::now();
    let r2 = a.analyze(&text, &Options::default());
    println!("2nd analysis  {:6.2} ms", ms(t));
    let t = Instant::now();
    let json = serde_json::to_string_pretty(&r)?;
    println!("JSON          {:6.2} ms ({} bytes)", ms(t), json.len());
    assert_eq!(r.sentences.len(), r2.sentences.len());
    println!("total         {:6.2} ms", ms(t0));
    Ok(())
}
