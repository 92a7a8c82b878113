//! `analyze`: reads a Korean news article and returns a structured summary of it — its
//! sentences; the people (with titles and affiliations), organizations, products, places,
//! dates and amounts it names; and the meetings and partnerships it describes.
//!
//! The pipeline, one module per stage: [`decode`] (bytes → text) → [`segment`] (sentences)
//! → [`entities`] (with [`morph`] for particles) → [`dates`] and [`quantities`] →
//! [`relations`] (meetings, partnerships) → [`report`] (the JSON of the output contract).
//! All rules live in the text tables under `rules/` ([`rules`]).
//!
//! ```
//! let analyzer = analyze::Analyzer::builtin();
//! let text = "제목\n이재용 삼성전자 회장은 21일 사티아 나델라 마이크로소프트 CEO를 만났다.";
//! let opts = analyze::Options { reference_date: analyze::dates::Ymd::parse("2024-02-21"), ..Default::default() };
//! let report = analyzer.analyze(text, &opts);
//! assert_eq!(report.meetings.len(), 1);
//! assert_eq!(report.meetings[0].status, "happened");
//! assert_eq!(report.dates[0].value.as_deref(), Some("2024-02-21"));
//! ```

#![warn(missing_docs)]

pub mod dates;
pub mod decode;
pub mod entities;
pub mod gazetteer;
pub mod html;
pub mod input;
pub mod morph;
pub mod normalize;
pub mod quantities;
pub mod relations;
pub mod report;
pub mod rules;
pub mod segment;
#[cfg(test)]
mod test_support;
pub mod text;

use std::sync::LazyLock;

use entities::EType;
use report::*;
use rules::{RuleError, RuleSet};

/// Per-article settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Reference (publication) date for relative dates.
    pub reference_date: Option<dates::Ymd>,
    /// Where the reference date came from: `option` or `input`; a dateline found in the
    /// text is used (origin `text`) when this is None.
    pub date_origin: Option<&'static str>,
    /// Report the rule behind every item.
    pub explain: bool,
    /// Source description copied into the report.
    pub source: Source,
}

/// All compiled rules; build once, analyze many articles (it is `Sync`).
pub struct Analyzer {
    segmenter: segment::Segmenter,
    entity_rules: entities::EntityRules,
    date_rules: dates::DateRules,
    relation_rules: relations::RelationRules,
}

static BUILTIN: LazyLock<Analyzer> = LazyLock::new(|| {
    let rules = RuleSet::builtin().expect("built-in rule tables are valid (checked by tests)");
    Analyzer::new(&rules).expect("built-in rule tables compile (checked by tests)")
});

/// Builds, on a thread of its own, the fixed word lists of the date and relation stages
/// (they are otherwise built on first use). Call it first thing: it overlaps with loading
/// the tables. Returns at once. (The numbers, model codes and dates are read by hand-written
/// scanners and need nothing; the thread is kept all the same: on the otherwise idle
/// two-core test VM a one-article run that starts a thread this early measured 0.4–1.0 ms
/// faster in wall time than one that does not, even when the thread does nothing; under
/// load the two were even.)
pub fn warm_up() {
    let _ = std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(|| {
            dates::warm_up();
            relations::warm_up();
        });
}

/// Maps byte offsets of a text to character offsets.
struct CharIndex {
    /// Character count before every [`CharIndex::BLOCK`]th byte.
    blocks: Vec<usize>,
}

/// How many characters begin in `bytes` (the bytes that are no UTF-8 continuation byte),
/// in a form the compiler vectorizes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from((b as i8) >= -0x40)).sum()
}

impl CharIndex {
    /// Bytes per block: a lookup counts at most this many.
    const BLOCK: usize = 64;

    fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / Self::BLOCK + 2);
        let mut count = 0usize;
        blocks.push(0);
        for chunk in bytes.chunks(Self::BLOCK) {
            count += count_chars(chunk);
            blocks.push(count);
        }
        CharIndex { blocks }
    }

    fn char_at(&self, text: &str, byte: usize) -> usize {
        let block = byte / Self::BLOCK;
        let base = block * Self::BLOCK;
        let extra = count_chars(&text.as_bytes()[base.min(text.len())..byte.min(text.len())]);
        self.blocks.get(block).copied().unwrap_or(0) + extra
    }
}

impl Analyzer {
    /// Compiles a rule set.
    pub fn new(rules: &RuleSet) -> Result<Analyzer, RuleError> {
        // The stages compile independently. The name index, the largest part, is built on
        // a second thread, which is not waited for: the first article is read, normalized
        // and split into sentences meanwhile, and only its entity stage waits for the
        // index (on a two-core machine, a one-article run overlaps the two).
        let names = std::sync::Arc::new(std::sync::OnceLock::new());
        let slot = std::sync::Arc::clone(&names);
        let own_rules = rules.clone();
        let spawned = std::thread::Builder::new()
            .name("name-index".into())
            .spawn(move || {
                // the slot is always set, so that nobody waits forever: a failure here
                // (none is known; the tables were checked when loaded) leaves no names
                let index = std::panic::catch_unwind(|| entities::NameIndex::new(&own_rules))
                    .ok()
                    .and_then(Result::ok)
                    .unwrap_or_default();
                let _ = slot.set(index);
            });
        if spawned.is_err() {
            // no thread to be had: built here
            let _ = names.set(entities::NameIndex::new(rules)?);
        }
        Ok(Analyzer {
            entity_rules: entities::EntityRules::with_names_from(
                names,
                entities::WordRules::new(rules)?,
            ),
            relation_rules: relations::RelationRules::new(rules)?,
            segmenter: segment::Segmenter::new(rules)?,
            date_rules: dates::DateRules::new(rules)?,
        })
    }

    /// The analyzer of the built-in rules, compiled on first use.
    pub fn builtin() -> &'static Analyzer {
        &BUILTIN
    }

    /// Analyzes one article.
    pub fn analyze(&self, original: &str, opts: &Options) -> Report {
        let nm = normalize::Normalized::new(original);
        let text = nm.text();
        let mut warnings = Vec::new();
        let sentences = self
            .segmenter
            .split_titled(text, opts.source.text_start.is_some());
        let (reference, origin) = match (opts.reference_date, opts.date_origin) {
            (Some(d), o) => (Some(d), Some(o.unwrap_or("option"))),
            (None, _) => match dates::dateline(text) {
                Some(d) => (Some(d), Some("text")),
                None => (None, None),
            },
        };
        if reference.is_none() {
            warnings
                .push("no reference date: relative dates are unresolved (give --date)".to_string());
        }
        // where words start, worked out once for the entity and date stages
        let scan = morph::WordScan::new(text);
        let ents = entities::extract_at(&self.entity_rules, text, &sentences, &scan);
        let mut all_dates = Vec::new();
        let mut quants = Vec::new();
        let mut anchor = None;
        // product names (H100) are no amounts: their spans, per sentence, gathered once
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
                &self.date_rules,
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
            quants.extend(quantities::find(st, s.start, si, &taken));
            all_dates.extend(ds);
        }
        let (meetings, partnerships) = relations::extract_with_warnings(
            &self.relation_rules,
            text,
            &sentences,
            &ents,
            &all_dates,
            reference,
            &mut warnings,
        );
        self.build_report(
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
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn build_report(
        &self,
        text: &str,
        nm: &normalize::Normalized,
        opts: &Options,
        reference: Option<dates::Ymd>,
        origin: Option<&'static str>,
        sentences: Vec<segment::Sentence>,
        ents: Vec<entities::Entity>,
        all_dates: Vec<dates::DateMention>,
        quants: Vec<quantities::Quantity>,
        meetings: Vec<relations::Meeting>,
        partnerships: Vec<relations::Partnership>,
        warnings: Vec<String>,
    ) -> Report {
        // offsets come from the normalized text; they are reported on the original
        let ci = CharIndex::new(text);
        let cs = |b: usize| ci.char_at(text, nm.start(b));
        let ce = |b: usize| ci.char_at(text, nm.end(b));
        let sl = |s: usize, e: usize| text[nm.start(s)..nm.end(e)].to_string();
        let explain = |r: &str| opts.explain.then(|| r.to_string());
        let mut counters = [0usize; 4];
        let ids: Vec<String> = ents
            .iter()
            .map(|e| {
                let (p, k) = match e.etype {
                    EType::Person => ("p", 0),
                    EType::Organization => ("o", 1),
                    EType::Product => ("x", 2),
                    EType::Place => ("l", 3),
                };
                counters[k] += 1;
                format!("{p}{}", counters[k])
            })
            .collect();
        let eref = |i: usize| Ref {
            id: ids[i].clone(),
            name: ents[i].name.clone(),
        };
        let entities = ents
            .iter()
            .enumerate()
            .map(|(i, e)| EntityOut {
                id: ids[i].clone(),
                etype: match e.etype {
                    EType::Person => "person",
                    EType::Organization => "organization",
                    EType::Product => "product",
                    EType::Place => "place",
                },
                subtype: e.subtype.as_deref().map(|s| match s {
                    "party" => "other".to_string(),
                    "international" => "government".to_string(),
                    s => s.to_string(),
                }),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                english: e.english.clone(),
                roles: e
                    .roles
                    .iter()
                    .map(|r| RoleOut {
                        title: r.title.clone(),
                        organization: r.org.map(eref),
                        qualifier: r.qualifier,
                    })
                    .collect(),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| MentionOut {
                        sentence: m.sentence,
                        start: cs(m.start),
                        end: ce(m.end),
                        text: sl(m.start, m.end),
                        rule: explain(&m.rule),
                    })
                    .collect(),
            })
            .collect();
        let date_ids: Vec<String> = (1..=all_dates.len()).map(|i| format!("d{i}")).collect();
        let dref = |i: usize| DateRef {
            id: date_ids[i].clone(),
            text: sl(all_dates[i].start, all_dates[i].end),
            value: all_dates[i].value.clone(),
        };
        let place_name = |p: Option<usize>| p.map(|i| ents[i].name.clone());
        let status_word = |s: &str| match s {
            "happened" => "만남",
            "planned" => "만남 예정",
            "requested" => "만남 요청",
            "cancelled" => "만남 취소",
            _ => "만남 관측",
        };
        let meetings_out = meetings
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let names: Vec<String> = m
                    .participants
                    .iter()
                    .map(|&p| ents[p].name.clone())
                    .collect();
                let mut extra: Vec<String> = Vec::new();
                if let Some(d) = m.date {
                    extra.push(sl(all_dates[d].start, all_dates[d].end));
                }
                if let Some(p) = place_name(m.place) {
                    extra.push(p);
                }
                let mut summary = format!("{} {}", names.join("–"), status_word(m.status));
                if !extra.is_empty() {
                    summary.push_str(&format!(" ({})", extra.join(", ")));
                }
                MeetingOut {
                    id: format!("m{}", i + 1),
                    participants: m.participants.iter().map(|&p| eref(p)).collect(),
                    date: m.date.map(dref),
                    place: place_name(m.place),
                    status: m.status,
                    hedge: m.hedge,
                    topics: m.topics.clone(),
                    evidence: m.evidence.clone(),
                    summary,
                    rule: explain(&m.rule),
                }
            })
            .collect();
        let pstatus = |s: &str| match s {
            "discussed" => "협력 논의",
            "planned" => "협력 추진",
            "agreed" => "협력 합의",
            "ongoing" => "협력",
            "speculated" => "협력 관측",
            _ => "협력 종료",
        };
        let partnerships_out = partnerships
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let names: Vec<String> = p.parties.iter().map(|&o| ents[o].name.clone()).collect();
                let topic = p
                    .topics
                    .first()
                    .map(|t| format!("{t} "))
                    .unwrap_or_default();
                PartnershipOut {
                    id: format!("r{}", i + 1),
                    parties: p.parties.iter().map(|&o| eref(o)).collect(),
                    topics: p.topics.clone(),
                    status: p.status,
                    hedge: p.hedge,
                    date: p.date.map(dref),
                    evidence: p.evidence.clone(),
                    summary: format!("{} {topic}{}", names.join("–"), pstatus(p.status)),
                    rule: explain(&p.rule),
                }
            })
            .collect();
        let headline = sentences
            .first()
            .filter(|s| s.kind == segment::Kind::Headline)
            .map(|s| sl(s.start, s.end));
        let mut source = opts.source.clone();
        source.chars = ci.char_at(text, text.len());
        Report {
            schema_version: 1,
            source,
            reference_date: reference.map(|d| ReferenceDate {
                value: d.to_iso(),
                origin: origin.unwrap_or("option"),
            }),
            headline,
            sentences: sentences
                .iter()
                .enumerate()
                .map(|(i, s)| SentenceOut {
                    id: i,
                    start: cs(s.start),
                    end: ce(s.end),
                    text: sl(s.start, s.end),
                    kind: match s.kind {
                        segment::Kind::Headline => "headline",
                        segment::Kind::Body => "body",
                        segment::Kind::Boilerplate => "boilerplate",
                    },
                    rule: if opts.explain { s.rule.clone() } else { None },
                })
                .collect(),
            entities,
            dates: all_dates
                .iter()
                .enumerate()
                .map(|(i, d)| DateOut {
                    id: date_ids[i].clone(),
                    text: sl(d.start, d.end),
                    value: d.value.clone(),
                    sentence: d.sentence,
                    start: cs(d.start),
                    end: ce(d.end),
                    rule: explain(&d.rule),
                })
                .collect(),
            quantities: quants
                .iter()
                .map(|q| QuantityOut {
                    text: sl(q.start, q.end),
                    value: if q.value.fract() == 0.0 && q.value.abs() < 9e15 {
                        serde_json::Value::from(q.value as i64)
                    } else {
                        serde_json::Value::from(q.value)
                    },
                    unit: q.unit.clone(),
                    kind: q.kind,
                    sentence: q.sentence,
                    start: cs(q.start),
                    end: ce(q.end),
                })
                .collect(),
            meetings: meetings_out,
            partnerships: partnerships_out,
            warnings,
        }
    }
}
