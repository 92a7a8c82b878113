//! `analyze`: reads a Korean news article and returns a structured summary of it — its
//! sentences; the people (with titles and affiliations), organizations, products, places,
//! dates and amounts it names; and the meetings and partnerships it describes.
//!
//! The pipeline, one module per stage: [`decode`] (bytes → text) → [`segment`] (sentences)
//! → [`entities`] (with [`morph`] for particles) → [`dates`] and [`quantities`] →
//! [`relations`] (meetings, partnerships) → [`report`] (the JSON of the output contract).
//! All rules live in the text tables under `rules/` ([`rules`]). [`stages`] runs the
//! stages in order (what [`Analyzer::analyze`] does) and tells a caller as each one ends.
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
pub mod stages;
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
    quantity_rules: quantities::QuantityRules,
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
    /// Compiles, on a thread of its own, the patterns of the relation stage that are
    /// otherwise compiled in the middle of the first article (the status cues are the
    /// largest part of a one-article run after the name index). Returns at once.
    pub fn prepare(&'static self) {
        let _ = std::thread::Builder::new()
            .name("prepare".into())
            .spawn(|| self.relation_rules.compile_all());
    }

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
            quantity_rules: quantities::QuantityRules::new(rules)?,
        })
    }

    /// The analyzer of the built-in rules, compiled on first use.
    pub fn builtin() -> &'static Analyzer {
        &BUILTIN
    }

    /// Analyzes one article: the stages of [`stages`], in order.
    pub fn analyze(&self, original: &str, opts: &Options) -> Report {
        stages::run(self, original, opts, |_| {})
    }

    /// The report of one article from the stages' results: [`Render`] turns each part
    /// into its output form.
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
        let out = Render::new(text, nm, opts.explain, &ents, &all_dates);
        let headline = sentences
            .first()
            .filter(|s| s.kind == segment::Kind::Headline)
            .map(|s| out.slice(s.start, s.end));
        let mut source = opts.source.clone();
        source.chars = out.ci.char_at(text, text.len());
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
                .map(|(i, s)| out.sentence(i, s))
                .collect(),
            entities: ents
                .iter()
                .enumerate()
                .map(|(i, e)| out.entity(i, e))
                .collect(),
            dates: all_dates
                .iter()
                .enumerate()
                .map(|(i, d)| out.date(i, d))
                .collect(),
            quantities: quants.iter().map(|q| out.quantity(q)).collect(),
            meetings: meetings
                .iter()
                .enumerate()
                .map(|(i, m)| out.meeting(i, m))
                .collect(),
            partnerships: partnerships
                .iter()
                .enumerate()
                .map(|(i, p)| out.partnership(i, p))
                .collect(),
            warnings,
        }
    }
}

/// What the parts of a report need to be written out: the original text and where the
/// normalized text's byte offsets are in it (reported as character offsets), whether rules
/// are shown, and the ids of the entities (`p1`, `o1`, `x1`, `l1` by type) and dates (`d1`).
struct Render<'a> {
    text: &'a str,
    nm: &'a normalize::Normalized<'a>,
    ci: CharIndex,
    explain: bool,
    ents: &'a [entities::Entity],
    dates: &'a [dates::DateMention],
    ids: Vec<String>,
    date_ids: Vec<String>,
}

impl<'a> Render<'a> {
    fn new(
        text: &'a str,
        nm: &'a normalize::Normalized<'a>,
        explain: bool,
        ents: &'a [entities::Entity],
        dates: &'a [dates::DateMention],
    ) -> Render<'a> {
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
        Render {
            text,
            nm,
            ci: CharIndex::new(text),
            explain,
            ents,
            dates,
            ids,
            date_ids: (1..=dates.len()).map(|i| format!("d{i}")).collect(),
        }
    }

    /// The character offset of the normalized text's byte `b` as a start, and as an end.
    fn char_start(&self, b: usize) -> usize {
        self.ci.char_at(self.text, self.nm.start(b))
    }

    fn char_end(&self, b: usize) -> usize {
        self.ci.char_at(self.text, self.nm.end(b))
    }

    /// The original text of the normalized text's bytes `s..e`.
    fn slice(&self, s: usize, e: usize) -> String {
        self.text[self.nm.start(s)..self.nm.end(e)].to_string()
    }

    /// The rule, when rules are shown.
    fn rule(&self, r: &str) -> Option<String> {
        self.explain.then(|| r.to_string())
    }

    fn entity_ref(&self, i: usize) -> Ref {
        Ref {
            id: self.ids[i].clone(),
            name: self.ents[i].name.clone(),
        }
    }

    fn date_ref(&self, i: usize) -> DateRef {
        let d = &self.dates[i];
        DateRef {
            id: self.date_ids[i].clone(),
            text: self.slice(d.start, d.end),
            value: d.value.clone(),
        }
    }

    fn sentence(&self, i: usize, s: &segment::Sentence) -> SentenceOut {
        SentenceOut {
            id: i,
            start: self.char_start(s.start),
            end: self.char_end(s.end),
            text: self.slice(s.start, s.end),
            kind: match s.kind {
                segment::Kind::Headline => "headline",
                segment::Kind::Body => "body",
                segment::Kind::Boilerplate => "boilerplate",
            },
            rule: if self.explain { s.rule.clone() } else { None },
        }
    }

    /// Entity `i`; the organization subtypes `party` and `international` are reported as
    /// `other` and `government`.
    fn entity(&self, i: usize, e: &entities::Entity) -> EntityOut {
        EntityOut {
            id: self.ids[i].clone(),
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
                    organization: r.org.map(|o| self.entity_ref(o)),
                    qualifier: r.qualifier,
                })
                .collect(),
            mentions: e
                .mentions
                .iter()
                .map(|m| MentionOut {
                    sentence: m.sentence,
                    start: self.char_start(m.start),
                    end: self.char_end(m.end),
                    text: self.slice(m.start, m.end),
                    rule: self.rule(&m.rule),
                })
                .collect(),
        }
    }

    fn date(&self, i: usize, d: &dates::DateMention) -> DateOut {
        DateOut {
            id: self.date_ids[i].clone(),
            text: self.slice(d.start, d.end),
            value: d.value.clone(),
            sentence: d.sentence,
            start: self.char_start(d.start),
            end: self.char_end(d.end),
            rule: self.rule(&d.rule),
        }
    }

    /// A quantity; a whole value is written as an integer.
    fn quantity(&self, q: &quantities::Quantity) -> QuantityOut {
        QuantityOut {
            text: self.slice(q.start, q.end),
            value: if q.value.fract() == 0.0 && q.value.abs() < 9e15 {
                serde_json::Value::from(q.value as i64)
            } else {
                serde_json::Value::from(q.value)
            },
            unit: q.unit.clone(),
            kind: q.kind,
            sentence: q.sentence,
            start: self.char_start(q.start),
            end: self.char_end(q.end),
        }
    }

    /// Meeting `i`, with its summary: the participants, the status in words, and the date
    /// and place in brackets.
    fn meeting(&self, i: usize, m: &relations::Meeting) -> MeetingOut {
        let place_name = m.place.map(|p| match p.at {
            relations::PlaceRef::Entity(e) => self.ents[e].name.clone(),
            relations::PlaceRef::Span(start, end) => self.slice(start, end),
        });
        let names: Vec<String> = m
            .participants
            .iter()
            .map(|&p| self.ents[p].name.clone())
            .collect();
        let mut extra: Vec<String> = Vec::new();
        if let Some(d) = m.date {
            extra.push(self.slice(self.dates[d].start, self.dates[d].end));
        }
        if let Some(p) = place_name.clone() {
            extra.push(p);
        }
        let mut summary = format!("{} {}", names.join("–"), meeting_status_words(m.status));
        if !extra.is_empty() {
            summary.push_str(&format!(" ({})", extra.join(", ")));
        }
        MeetingOut {
            id: format!("m{}", i + 1),
            participants: m.participants.iter().map(|&p| self.entity_ref(p)).collect(),
            date: m.date.map(|d| self.date_ref(d)),
            place: place_name,
            status: m.status,
            hedge: m.hedge,
            topics: m.topics.clone(),
            evidence: m.evidence.clone(),
            summary,
            rule: self.rule(&m.rule),
        }
    }

    /// Partnership `i`, with its summary: the parties, the first topic, the status in words.
    fn partnership(&self, i: usize, p: &relations::Partnership) -> PartnershipOut {
        let names: Vec<String> = p
            .parties
            .iter()
            .map(|&o| self.ents[o].name.clone())
            .collect();
        let topic = p
            .topics
            .first()
            .map(|t| format!("{t} "))
            .unwrap_or_default();
        PartnershipOut {
            id: format!("r{}", i + 1),
            parties: p.parties.iter().map(|&o| self.entity_ref(o)).collect(),
            topics: p.topics.clone(),
            status: p.status,
            hedge: p.hedge,
            date: p.date.map(|d| self.date_ref(d)),
            evidence: p.evidence.clone(),
            summary: format!(
                "{} {topic}{}",
                names.join("–"),
                partnership_status_words(p.status)
            ),
            rule: self.rule(&p.rule),
        }
    }
}

/// A meeting status in the words of a summary.
fn meeting_status_words(s: &str) -> &'static str {
    match s {
        "happened" => "만남",
        "planned" => "만남 예정",
        "requested" => "만남 요청",
        "cancelled" => "만남 취소",
        _ => "만남 관측",
    }
}

/// A partnership status in the words of a summary.
fn partnership_status_words(s: &str) -> &'static str {
    match s {
        "discussed" => "협력 논의",
        "planned" => "협력 추진",
        "agreed" => "협력 합의",
        "ongoing" => "협력",
        "speculated" => "협력 관측",
        _ => "협력 종료",
    }
}
