//! The stages of the analysis of one article, in the order [`Analyzer::analyze`] runs
//! them, so that a caller (`examples/stage_times.rs`) can time each one without copying
//! the order:
//!
//! ```
//! use analyze::stages::{self, Stage};
//! let analyzer = analyze::Analyzer::builtin();
//! let mut seen = Vec::new();
//! let report = stages::run(analyzer, "제목\n본문이다.", &Default::default(), |s| seen.push(s));
//! assert_eq!(seen, Stage::ALL);
//! assert_eq!(report.sentences.len(), 2);
//! ```

use crate::entities::{self, EType};
use crate::report::Report;
use crate::{Analyzer, Options, dates, morph, normalize, quantities, relations, segment};

/// One stage of the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// NFC text and the map back to the input's offsets (`normalize.rs`).
    Normalize,
    /// Sentences, headline and boilerplate (`segment/`).
    Segment,
    /// Where words start (`morph.rs`), then people, organizations, products and places
    /// (`entities/`).
    Entities,
    /// The reference date (given, or the dateline), then dates and amounts per sentence
    /// (`dates/`, `quantities.rs`).
    DatesAndAmounts,
    /// Meetings and partnerships (`relations/`).
    Relations,
    /// The output form: character offsets, ids, summaries (`lib.rs`, `report.rs`).
    Report,
}

impl Stage {
    /// The stages in the order they run.
    pub const ALL: [Stage; 6] = [
        Stage::Normalize,
        Stage::Segment,
        Stage::Entities,
        Stage::DatesAndAmounts,
        Stage::Relations,
        Stage::Report,
    ];

    /// A short name (`normalize`, `segment`, `entities`, `dates+amounts`, `relations`,
    /// `report`).
    pub fn name(self) -> &'static str {
        match self {
            Stage::Normalize => "normalize",
            Stage::Segment => "segment",
            Stage::Entities => "entities",
            Stage::DatesAndAmounts => "dates+amounts",
            Stage::Relations => "relations",
            Stage::Report => "report",
        }
    }
}

/// Analyzes one article as [`Analyzer::analyze`] does (which calls this), calling `done`
/// with each stage as it ends, in the order of [`Stage::ALL`]: the time from one call to
/// the next is the next stage's.
pub fn run(
    analyzer: &Analyzer,
    original: &str,
    opts: &Options,
    mut done: impl FnMut(Stage),
) -> Report {
    let nm = normalize::Normalized::new(original);
    let text = nm.text();
    done(Stage::Normalize);
    let sentences = analyzer
        .segmenter
        .split_titled(text, opts.source.text_start.is_some());
    done(Stage::Segment);
    // where words start, worked out once for the entity and date stages
    let scan = morph::WordScan::new(text);
    let ents = entities::extract_at(&analyzer.entity_rules, text, &sentences, &scan);
    done(Stage::Entities);
    let mut warnings = Vec::new();
    let (reference, origin) = reference_date(text, opts, &mut warnings);
    let (all_dates, quants) =
        dates_and_amounts(analyzer, text, &sentences, &ents, &scan, reference);
    done(Stage::DatesAndAmounts);
    let (meetings, partnerships) = relations::extract_with_warnings(
        &analyzer.relation_rules,
        text,
        &sentences,
        &ents,
        &all_dates,
        reference,
        &mut warnings,
    );
    done(Stage::Relations);
    let report = analyzer.build_report(
        original,
        &nm,
        opts,
        reference,
        origin,
        sentences,
        ents,
        all_dates,
        quants,
        meetings,
        partnerships,
        warnings,
    );
    done(Stage::Report);
    report
}

/// The reference date and where it came from: the one given, else a dateline found in the
/// text, else none (with a warning).
fn reference_date(
    text: &str,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> (Option<dates::Ymd>, Option<&'static str>) {
    let (reference, origin) = match (opts.reference_date, opts.date_origin) {
        (Some(d), o) => (Some(d), Some(o.unwrap_or("option"))),
        (None, _) => match dates::dateline(text) {
            Some(d) => (Some(d), Some("text")),
            None => (None, None),
        },
    };
    if reference.is_none() {
        warnings.push("no reference date: relative dates are unresolved (give --date)".to_string());
    }
    (reference, origin)
}

/// The dates and amounts of every sentence but boilerplate, in order (a date resolved
/// against the one before: `anchor`); a date's or a product name's span (H100) is no amount.
fn dates_and_amounts(
    analyzer: &Analyzer,
    text: &str,
    sentences: &[segment::Sentence],
    ents: &[entities::Entity],
    scan: &morph::WordScan,
    reference: Option<dates::Ymd>,
) -> (Vec<dates::DateMention>, Vec<quantities::Quantity>) {
    let mut all_dates = Vec::new();
    let mut quants = Vec::new();
    let mut anchor = None;
    // product names are no amounts: their spans, per sentence, gathered once
    let mut products: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sentences.len()];
    for e in ents.iter().filter(|e| e.etype == EType::Product) {
        for m in &e.mentions {
            if let Some(v) = products.get_mut(m.sentence) {
                v.push((m.start, m.end));
            }
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        if s.kind == segment::Kind::Boilerplate {
            continue;
        }
        let st = &text[s.start..s.end];
        let ds = dates::find_at(
            &analyzer.date_rules,
            st,
            s.start,
            si,
            reference,
            &mut anchor,
            &scan.starts,
        );
        let mut taken: Vec<(usize, usize)> = ds.iter().map(|d| (d.start, d.end)).collect();
        taken.append(&mut products[si]);
        taken.sort_unstable();
        quants.extend(quantities::find_with(
            &analyzer.quantity_rules,
            st,
            s.start,
            si,
            &taken,
        ));
        all_dates.extend(ds);
    }
    (all_dates, quants)
}
