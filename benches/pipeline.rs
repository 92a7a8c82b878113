//! Criterion benchmarks of the analysis pipeline.
//!
//!     cargo bench --bench pipeline                 # everything (a few minutes)
//!     cargo bench --bench pipeline -- --quick      # fewer samples, same benches
//!     cargo bench --bench pipeline -- stages/      # only the per-stage benches
//!
//! Groups:
//! - `setup`:  reading every row of the built-in tables, and `Analyzer::new` from them (no
//!   analysis).
//! - `stages/<text>`: each stage alone, on one article (`fixtures/01-summit-meeting.txt`) and
//!   on a longer text (all UTF-8 fixture articles concatenated): segmentation, entities,
//!   dates (per sentence), quantities, relations, JSON writing, and the whole `analyze` call.
//!   Each stage gets the previous stages' results precomputed, so only that stage is timed.
//! - `scaling`: the whole analysis of one 64 KB, 256 KB and 1 MB article (fixtures repeated);
//!   equal MiB/s means linear time.
//! - `corpus`: the whole analysis of every article of `../shared/corpus/news-articles.jsonl.gz`
//!   (override with `ANALYZE_BENCH_CORPUS=PATH`), decompressed once with `gzip -dc`, measured
//!   in bytes of article text. Skipped with a message when the file is missing.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use analyze::dates::{self, Ymd};
use analyze::entities::{self, EntityRules};
use analyze::quantities;
use analyze::relations::{self, RelationRules};
use analyze::rules::RuleSet;
use analyze::segment::{self, Segmenter};
use analyze::{Analyzer, Options};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

/// Used for texts without a dateline, so that relative dates are resolved as in real use.
const FALLBACK_DATE: &str = "2024-02-21";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The UTF-8 fixture articles, sorted by name: every `fixtures/*.txt` except the `*.utf8.txt`
/// twins and files that are not UTF-8 (the EUC-KR one).
fn fixture_articles() -> Vec<(String, String)> {
    let dir = manifest_dir().join("fixtures");
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    for p in names {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.ends_with(".txt") || name.ends_with(".utf8.txt") {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&p) {
            out.push((name, text));
        }
    }
    out
}

fn reference_for(text: &str) -> Ymd {
    dates::dateline(text)
        .or_else(|| Ymd::parse(FALLBACK_DATE))
        .expect("fallback date parses")
}

struct Compiled {
    segmenter: Segmenter,
    entity_rules: EntityRules,
    date_rules: dates::DateRules,
    relation_rules: RelationRules,
}

fn compile() -> Compiled {
    let rules = RuleSet::builtin().expect("built-in rules load");
    Compiled {
        segmenter: Segmenter::new(&rules).expect("segmenter"),
        entity_rules: EntityRules::new(&rules).expect("entity rules"),
        date_rules: dates::DateRules::new(&rules).expect("date rules"),
        relation_rules: RelationRules::new(&rules).expect("relation rules"),
    }
}

/// The dates stage as `Analyzer::analyze` runs it: per non-boilerplate sentence, in order.
fn find_dates(
    c: &Compiled,
    text: &str,
    sentences: &[segment::Sentence],
    reference: Option<Ymd>,
) -> Vec<dates::DateMention> {
    let mut all = Vec::new();
    let mut anchor = None;
    for (si, s) in sentences.iter().enumerate() {
        if s.kind == segment::Kind::Boilerplate {
            continue;
        }
        all.extend(dates::find(
            &c.date_rules,
            &text[s.start..s.end],
            s.start,
            si,
            reference,
            &mut anchor,
        ));
    }
    all
}

fn bench_setup(c: &mut Criterion) {
    let mut g = c.benchmark_group("setup");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let rules = RuleSet::builtin().expect("rules");
    // the tables are read line by line when a part of the analyzer asks for its rows: this
    // is the reading of every row of every table, once
    g.bench_function("read_all_rows", |b| {
        b.iter(|| {
            rules
                .tables()
                .map(|t| rules.rows(black_box(t)).count())
                .sum::<usize>()
        })
    });
    g.bench_function("analyzer_new", |b| {
        b.iter(|| black_box(Analyzer::new(black_box(&rules)).expect("analyzer")))
    });
    g.bench_function("ruleset_and_analyzer", |b| {
        b.iter(|| {
            let rules = RuleSet::builtin().expect("rules");
            black_box(Analyzer::new(&rules).expect("analyzer"))
        })
    });
    g.finish();
}

fn stage_benches(
    g: &mut BenchmarkGroup<'_, WallTime>,
    c: &Compiled,
    analyzer: &Analyzer,
    text: &str,
) {
    let reference = Some(reference_for(text));
    let sentences = c.segmenter.split(text);
    let ents = entities::extract(&c.entity_rules, text, &sentences);
    let ds = find_dates(c, text, &sentences, reference);
    let opts = Options {
        reference_date: reference,
        date_origin: Some("option"),
        ..Default::default()
    };
    let report = analyzer.analyze(text, &opts);
    assert!(
        !sentences.is_empty() && !ents.is_empty(),
        "the bench text should give sentences and entities"
    );

    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("segment", |b| {
        b.iter(|| black_box(c.segmenter.split(black_box(text))))
    });
    g.bench_function("entities", |b| {
        b.iter(|| {
            black_box(entities::extract(
                &c.entity_rules,
                black_box(text),
                &sentences,
            ))
        })
    });
    g.bench_function("dates", |b| {
        b.iter(|| black_box(find_dates(c, black_box(text), &sentences, reference)))
    });
    g.bench_function("quantities", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for (si, s) in sentences.iter().enumerate() {
                if s.kind != segment::Kind::Boilerplate {
                    out.extend(quantities::find(&text[s.start..s.end], s.start, si, &[]));
                }
            }
            black_box(out)
        })
    });
    g.bench_function("relations", |b| {
        b.iter(|| {
            black_box(relations::extract(
                &c.relation_rules,
                black_box(text),
                &sentences,
                &ents,
                &ds,
                reference,
            ))
        })
    });
    g.bench_function("json", |b| {
        b.iter(|| black_box(serde_json::to_string(black_box(&report)).expect("json")))
    });
    g.bench_function("analyze", |b| {
        b.iter(|| black_box(analyzer.analyze(black_box(text), &opts)))
    });
    g.bench_function("analyze_and_json", |b| {
        b.iter(|| {
            black_box(
                serde_json::to_string(&analyzer.analyze(black_box(text), &opts)).expect("json"),
            )
        })
    });
}

fn bench_stages(c: &mut Criterion) {
    let compiled = compile();
    let analyzer = Analyzer::new(&RuleSet::builtin().expect("rules")).expect("analyzer");
    let fixtures = fixture_articles();
    let one = fixtures
        .iter()
        .find(|(n, _)| n == "01-summit-meeting.txt")
        .map(|(_, t)| t.clone())
        .expect("fixtures/01-summit-meeting.txt");
    let long: String = fixtures
        .iter()
        .map(|(_, t)| t.trim_end())
        .collect::<Vec<_>>()
        .join("\n\n");

    for (label, text) in [("summit", &one), ("fixtures_concat", &long)] {
        let mut g = c.benchmark_group(format!("stages/{label}"));
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        stage_benches(&mut g, &compiled, &analyzer, text);
        g.finish();
    }
}

/// The whole analysis of one long article (the UTF-8 fixtures repeated to 64 KB, 256 KB and
/// 1 MB): the MiB/s of the three should be about equal; a drop with size means some stage is
/// super-linear in the article length.
fn bench_scaling(c: &mut Criterion) {
    let analyzer = Analyzer::new(&RuleSet::builtin().expect("rules")).expect("analyzer");
    let unit: String = fixture_articles()
        .iter()
        .map(|(_, t)| t.trim_end())
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n\n";
    let opts = Options {
        reference_date: Ymd::parse(FALLBACK_DATE),
        date_origin: Some("option"),
        ..Default::default()
    };
    let mut g = c.benchmark_group("scaling");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(6));
    for (label, size) in [("64KB", 64 << 10), ("256KB", 256 << 10), ("1MB", 1 << 20)] {
        let text = unit.repeat(size / unit.len() + 1);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(label, |b| {
            b.iter(|| black_box(analyzer.analyze(black_box(&text), &opts).sentences.len()))
        });
    }
    g.finish();
}

/// One corpus article: title + "\n" + text (the form the CLI is benchmarked on), and its date.
struct Article {
    text: String,
    date: Option<Ymd>,
}

fn corpus_path() -> PathBuf {
    std::env::var_os("ANALYZE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("../shared/corpus/news-articles.jsonl.gz"))
}

fn load_corpus(path: &Path) -> Result<Vec<Article>, String> {
    let out = Command::new("gzip")
        .arg("-dc")
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip -dc: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "gzip -dc {} failed: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let raw = String::from_utf8(out.stdout).map_err(|_| "corpus is not UTF-8".to_string())?;
    let mut arts = Vec::new();
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let body = v["text"].as_str().unwrap_or_default();
        let text = match v["title"].as_str() {
            Some(t) if !t.is_empty() => format!("{t}\n{body}"),
            _ => body.to_string(),
        };
        arts.push(Article {
            text,
            date: v["date"].as_str().and_then(Ymd::parse),
        });
    }
    Ok(arts)
}

fn bench_corpus(c: &mut Criterion) {
    let path = corpus_path();
    if !path.exists() {
        eprintln!(
            "corpus: skipped: {} is missing (set ANALYZE_BENCH_CORPUS to use another file)",
            path.display()
        );
        return;
    }
    let arts = match load_corpus(&path) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("corpus: skipped: {e}");
            return;
        }
    };
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    eprintln!(
        "corpus: {} articles, {:.1} MB of text ({})",
        arts.len(),
        bytes as f64 / 1e6,
        path.display()
    );
    let analyzer = Analyzer::new(&RuleSet::builtin().expect("rules")).expect("analyzer");
    let opts: Vec<Options> = arts
        .iter()
        .map(|a| Options {
            reference_date: a.date,
            date_origin: a.date.map(|_| "input"),
            ..Default::default()
        })
        .collect();

    let mut g = c.benchmark_group("corpus");
    // one iteration is seconds long: flat sampling with the minimum sample count (10 samples
    // of one pass each) keeps this to about a minute
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(45));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("analyze", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (a, o) in arts.iter().zip(&opts) {
                n += analyzer.analyze(&a.text, o).sentences.len();
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // fewer bootstrap resamples than the default 100,000: the analysis step, not the
    // measuring, was most of the run time on a 2-core machine
    config = Criterion::default().nresamples(20_000);
    targets = bench_setup, bench_stages, bench_scaling, bench_corpus
}
criterion_main!(benches);
