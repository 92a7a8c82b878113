//! The mergeable state of `analyze corpus`: what is kept of every article line read, as
//! maps keyed by entity and event *signatures* (not by article), so that memory grows with
//! the distinct entities and events of a corpus, not with its articles.
//!
//! The state is a commutative monoid: [`State::merge`] adds counts, takes minima and
//! maxima, unions sets. Identity resolution (which signatures are one person, which reports
//! are one meeting) happens only at the end, in [`super::build`], from the whole state. So
//! merging the `--partial` states of any split of the input gives the same state, and the
//! same output, as one run over all of it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// What one article says about one person, organization or country, reduced to what
/// identifies it: the signature under which it is counted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntKey {
    /// `person`, `organization` or `country`.
    #[serde(rename = "type")]
    pub etype: String,
    /// The name the article uses (its fullest form).
    pub name: String,
    /// The English name a rule table gave, if any.
    pub english: Option<String>,
    /// People: the names of the organizations in their roles, sorted, without repeats.
    pub orgs: Vec<String>,
}

/// A role as counted across articles.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RoleKey {
    /// The title as written.
    pub title: String,
    /// The organization's name, if one was named with it.
    pub organization: Option<String>,
    /// null, former, at_the_time, late, acting.
    pub qualifier: Option<String>,
}

/// What is counted under one entity signature.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntAgg {
    /// Articles in which it appears.
    pub articles: u64,
    /// Earliest publication date (`reference_date.value`) of those articles.
    pub first: Option<String>,
    /// Latest publication date.
    pub last: Option<String>,
    /// Other forms used for it.
    pub aliases: BTreeSet<String>,
    /// Roles, with the number of articles stating each.
    pub roles: BTreeMap<RoleKey, u64>,
}

/// One report of an event in one article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Publication date of the article, or null. First field: sources sort by it.
    pub published: Option<String>,
    /// The article: `source.id` (a number as its JSON text) or `source.path`.
    pub article: String,
    /// The meeting's or partnership's id in that article (m1, r2 …).
    pub item: String,
    /// Its status there.
    pub status: String,
    /// Its date value there (TIMEX3), or null.
    pub date: Option<String>,
}

/// The signature of an event report: kind, parties and what must match for two reports to
/// be counted together before the final clustering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EvKey {
    /// `meeting` or `partnership`.
    pub kind: String,
    /// The participants (parties), sorted, without repeats.
    pub parties: Vec<EntKey>,
    /// Meetings: the date value reported (TIMEX3), or null. Partnerships: always null.
    pub date: Option<String>,
    /// Partnerships: their topics, sorted. Meetings: always empty (topics are in the agg).
    pub topics: Vec<String>,
}

/// What is kept under one event signature.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvAgg {
    /// Every report, in publication order.
    pub sources: BTreeSet<Source>,
    /// Topics named (meetings).
    pub topics: BTreeSet<String>,
    /// Places named.
    pub places: BTreeSet<String>,
}

/// Line counts of the input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Article lines read.
    pub articles: u64,
    /// Lines that were `analyze` error objects (an `"error"` key).
    pub error_lines: u64,
    /// Lines that could not be read: not JSON, not UTF-8, too long, not an analysis.
    pub bad_lines: u64,
}

/// The whole state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Line counts.
    pub counts: Counts,
    /// Entity signatures.
    pub ents: BTreeMap<EntKey, EntAgg>,
    /// Event signatures.
    pub events: BTreeMap<EvKey, EvAgg>,
}

// ---- reading analyze output (tolerant: unknown fields are ignored, missing ones default)

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub(crate) struct SourceIn {
    path: Option<String>,
    id: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RefDateIn {
    value: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RefIn {
    id: String,
    name: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RoleIn {
    title: String,
    organization: Option<RefIn>,
    qualifier: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub(crate) struct EntIn {
    id: String,
    #[serde(rename = "type")]
    etype: String,
    subtype: Option<String>,
    name: String,
    aliases: Vec<String>,
    english: Option<String>,
    roles: Vec<RoleIn>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct DateRefIn {
    value: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub(crate) struct MeetingIn {
    id: String,
    participants: Vec<RefIn>,
    date: Option<DateRefIn>,
    place: Option<String>,
    status: String,
    topics: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub(crate) struct PartnershipIn {
    id: String,
    parties: Vec<RefIn>,
    topics: Vec<String>,
    status: String,
    date: Option<DateRefIn>,
}

/// A partial-state entity line.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PEnt {
    key: EntKey,
    #[serde(flatten)]
    agg: PEntAgg,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PEntAgg {
    articles: u64,
    first: Option<String>,
    last: Option<String>,
    aliases: BTreeSet<String>,
    roles: Vec<(RoleKey, u64)>,
}

/// A partial-state event line.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PEv {
    key: EvKey,
    agg: EvAgg,
}

/// One input line: an analysis, an error object, or a line of a partial state
/// (`"analyze_corpus_partial": 1`). One pass of serde decides.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub(crate) struct Line {
    analyze_corpus_partial: Option<u32>,
    counts: Option<Counts>,
    entity: Option<PEnt>,
    event: Option<PEv>,
    error: Option<serde::de::IgnoredAny>,
    schema_version: Option<u32>,
    source: Option<SourceIn>,
    reference_date: Option<RefDateIn>,
    entities: Option<Vec<EntIn>>,
    meetings: Vec<MeetingIn>,
    partnerships: Vec<PartnershipIn>,
}

/// What a line turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// An analysis, added.
    Article,
    /// An analyze error object, counted.
    Error,
    /// A partial-state line, merged.
    Partial,
    /// Not readable, counted.
    Bad,
    /// An empty line, ignored.
    Blank,
}

fn min_opt(a: &mut Option<String>, b: &Option<String>) {
    if let Some(b) = b
        && a.as_ref().is_none_or(|a| b < a)
    {
        *a = Some(b.clone());
    }
}

fn max_opt(a: &mut Option<String>, b: &Option<String>) {
    if let Some(b) = b
        && a.as_ref().is_none_or(|a| b > a)
    {
        *a = Some(b.clone());
    }
}

/// A date value kept only when it is a real `YYYY-MM-DD`.
fn clean_date(s: &str) -> Option<String> {
    (s.len() == 10 && analyze::dates::Ymd::parse(s).is_some()).then(|| s.to_string())
}

impl EntAgg {
    fn merge(&mut self, o: EntAgg) {
        self.articles += o.articles;
        min_opt(&mut self.first, &o.first);
        max_opt(&mut self.last, &o.last);
        self.aliases.extend(o.aliases);
        for (r, n) in o.roles {
            *self.roles.entry(r).or_default() += n;
        }
    }
}

impl EvAgg {
    fn merge(&mut self, o: EvAgg) {
        self.sources.extend(o.sources);
        self.topics.extend(o.topics);
        self.places.extend(o.places);
    }
}

impl State {
    /// Adds another state to this one (what reading a partial state does, line by line).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn merge(&mut self, o: State) {
        self.counts.articles += o.counts.articles;
        self.counts.error_lines += o.counts.error_lines;
        self.counts.bad_lines += o.counts.bad_lines;
        for (k, v) in o.ents {
            self.ents.entry(k).or_default().merge(v);
        }
        for (k, v) in o.events {
            self.events.entry(k).or_default().merge(v);
        }
    }

    /// Reads one input line (without its newline). Never panics; a line that is not an
    /// analysis, an error object or a partial-state line is counted in `bad_lines`.
    pub fn add_line(&mut self, line: &[u8]) -> LineKind {
        let Ok(text) = std::str::from_utf8(line) else {
            self.counts.bad_lines += 1;
            return LineKind::Bad;
        };
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            // blank lines (a trailing newline, files joined with cat) carry nothing
            return LineKind::Blank;
        }
        let parsed: Line = match serde_json::from_str(text) {
            Ok(l) => l,
            Err(_) => {
                self.counts.bad_lines += 1;
                return LineKind::Bad;
            }
        };
        if let Some(v) = parsed.analyze_corpus_partial {
            if v != 1 {
                self.counts.bad_lines += 1;
                return LineKind::Bad;
            }
            if let Some(c) = parsed.counts {
                self.counts.articles += c.articles;
                self.counts.error_lines += c.error_lines;
                self.counts.bad_lines += c.bad_lines;
            }
            if let Some(e) = parsed.entity {
                let agg = EntAgg {
                    articles: e.agg.articles,
                    first: e.agg.first,
                    last: e.agg.last,
                    aliases: e.agg.aliases,
                    roles: e.agg.roles.into_iter().collect(),
                };
                self.ents.entry(e.key).or_default().merge(agg);
            }
            if let Some(e) = parsed.event {
                self.events.entry(e.key).or_default().merge(e.agg);
            }
            return LineKind::Partial;
        }
        if parsed.error.is_some() {
            self.counts.error_lines += 1;
            return LineKind::Error;
        }
        let Some(entities) = parsed.entities else {
            self.counts.bad_lines += 1;
            return LineKind::Bad;
        };
        if parsed.schema_version.is_some_and(|v| v != 1) {
            self.counts.bad_lines += 1;
            return LineKind::Bad;
        }
        let source = parsed.source.unwrap_or_default();
        let article = match (&source.id, &source.path) {
            (Some(serde_json::Value::String(s)), _) => s.clone(),
            (Some(v), _) if !v.is_null() => v.to_string(),
            (_, Some(p)) => p.clone(),
            _ => "-".to_string(),
        };
        let published = parsed
            .reference_date
            .as_ref()
            .and_then(|d| clean_date(&d.value));
        self.add_article(
            article,
            published,
            entities,
            parsed.meetings,
            parsed.partnerships,
        );
        self.counts.articles += 1;
        LineKind::Article
    }

    /// Adds one article's analysis: its people, organizations and countries (one per name
    /// within the article), then its meetings and partnerships between them.
    fn add_article(
        &mut self,
        article: String,
        published: Option<String>,
        entities: Vec<EntIn>,
        meetings: Vec<MeetingIn>,
        partnerships: Vec<PartnershipIn>,
    ) {
        let names: BTreeMap<&str, &str> = entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        let kept = kept_entities(&entities);
        let mut key_of: BTreeMap<&str, EntKey> = BTreeMap::new();
        for members in same_entity_groups(&entities, &kept).values() {
            let ents: Vec<&EntIn> = members.iter().map(|&k| &entities[kept[k].0]).collect();
            let etype = kept[members[0]].1;
            let (key, aliases, roles) = entity_of(&ents, etype, &names);
            let agg = self.ents.entry(key.clone()).or_default();
            agg.articles += 1;
            min_opt(&mut agg.first, &published);
            max_opt(&mut agg.last, &published);
            agg.aliases.extend(aliases);
            for r in roles {
                *agg.roles.entry(r).or_default() += 1;
            }
            for e in ents {
                key_of.insert(e.id.as_str(), key.clone());
            }
        }
        self.add_meetings(&article, &published, meetings, &key_of);
        self.add_partnerships(&article, &published, partnerships, &key_of);
    }

    /// Adds the meetings of one article that have a party among the kept entities: one
    /// event per set of parties and date.
    fn add_meetings(
        &mut self,
        article: &str,
        published: &Option<String>,
        meetings: Vec<MeetingIn>,
        key_of: &BTreeMap<&str, EntKey>,
    ) {
        for m in meetings {
            let p = parties(key_of, &m.participants);
            if p.is_empty() {
                continue;
            }
            let date = m.date.and_then(|d| d.value).filter(|v| v.len() <= 32);
            let key = EvKey {
                kind: "meeting".into(),
                parties: p,
                date: date.clone(),
                topics: Vec::new(),
            };
            let agg = self.events.entry(key).or_default();
            agg.sources.insert(Source {
                published: published.clone(),
                article: article.to_string(),
                item: m.id,
                status: m.status,
                date,
            });
            agg.topics
                .extend(m.topics.into_iter().filter(|t| !t.is_empty()));
            agg.places.extend(m.place.filter(|p| !p.is_empty()));
        }
    }

    /// Adds the partnerships of one article that have a party among the kept entities: one
    /// event per set of parties and topics.
    fn add_partnerships(
        &mut self,
        article: &str,
        published: &Option<String>,
        partnerships: Vec<PartnershipIn>,
        key_of: &BTreeMap<&str, EntKey>,
    ) {
        for r in partnerships {
            let p = parties(key_of, &r.parties);
            if p.is_empty() {
                continue;
            }
            let topics: BTreeSet<String> = r.topics.into_iter().filter(|t| !t.is_empty()).collect();
            let key = EvKey {
                kind: "partnership".into(),
                parties: p,
                date: None,
                topics: topics.into_iter().collect(),
            };
            let agg = self.events.entry(key).or_default();
            agg.sources.insert(Source {
                published: published.clone(),
                article: article.to_string(),
                item: r.id,
                status: r.status,
                date: r.date.and_then(|d| d.value).filter(|v| v.len() <= 32),
            });
        }
    }

    /// Writes the state as partial-state JSON Lines, sorted, so that equal states give
    /// equal bytes.
    pub fn write_partial(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct CountsLine<'a> {
            analyze_corpus_partial: u32,
            counts: &'a Counts,
        }
        #[derive(Serialize)]
        struct EntLine<'a> {
            analyze_corpus_partial: u32,
            entity: PEntRef<'a>,
        }
        #[derive(Serialize)]
        struct PEntRef<'a> {
            key: &'a EntKey,
            articles: u64,
            first: &'a Option<String>,
            last: &'a Option<String>,
            aliases: &'a BTreeSet<String>,
            roles: Vec<(&'a RoleKey, u64)>,
        }
        #[derive(Serialize)]
        struct EvLine<'a> {
            analyze_corpus_partial: u32,
            event: PEvRef<'a>,
        }
        #[derive(Serialize)]
        struct PEvRef<'a> {
            key: &'a EvKey,
            agg: &'a EvAgg,
        }
        serde_json::to_writer(
            &mut *out,
            &CountsLine {
                analyze_corpus_partial: 1,
                counts: &self.counts,
            },
        )?;
        out.write_all(b"\n")?;
        for (k, v) in &self.ents {
            serde_json::to_writer(
                &mut *out,
                &EntLine {
                    analyze_corpus_partial: 1,
                    entity: PEntRef {
                        key: k,
                        articles: v.articles,
                        first: &v.first,
                        last: &v.last,
                        aliases: &v.aliases,
                        roles: v.roles.iter().map(|(r, n)| (r, *n)).collect(),
                    },
                },
            )?;
            out.write_all(b"\n")?;
        }
        for (k, v) in &self.events {
            serde_json::to_writer(
                &mut *out,
                &EvLine {
                    analyze_corpus_partial: 1,
                    event: PEvRef { key: k, agg: v },
                },
            )?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// The entities of an article that become nodes (people, organizations, countries with a
/// name), by index, with their node type.
fn kept_entities(entities: &[EntIn]) -> Vec<(usize, &'static str)> {
    entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let t = match e.etype.as_str() {
                "person" => "person",
                "organization" => "organization",
                "place" if e.subtype.as_deref() == Some("country") => "country",
                _ => return None,
            };
            (!e.name.trim().is_empty()).then_some((i, t))
        })
        .collect()
}

/// The kept entities (by position in `kept`) grouped into one per entity: within one
/// article, entities of one type sharing a name or an English name are one (the analyzer
/// should have merged them already; this keeps counts honest).
fn same_entity_groups(
    entities: &[EntIn],
    kept: &[(usize, &'static str)],
) -> BTreeMap<usize, Vec<usize>> {
    let mut uf = super::cluster::UnionFind::new(kept.len());
    for a in 0..kept.len() {
        for b in a + 1..kept.len() {
            let (ea, eb) = (&entities[kept[a].0], &entities[kept[b].0]);
            if kept[a].1 == kept[b].1
                && (ea.name == eb.name || (ea.english.is_some() && ea.english == eb.english))
            {
                uf.union(a, b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for k in 0..kept.len() {
        groups.entry(uf.find(k)).or_default().push(k);
    }
    groups
}

/// One entity of an article from the mentions grouped as one: its key (the fullest name,
/// the smallest English name, a person's organizations), its other names and a person's
/// roles (organizations named as in `names`, the article's entity names by id).
fn entity_of(
    ents: &[&EntIn],
    etype: &'static str,
    names: &BTreeMap<&str, &str>,
) -> (EntKey, BTreeSet<String>, BTreeSet<RoleKey>) {
    // the fullest form: longest name, then the smallest
    let name = ents
        .iter()
        .map(|e| e.name.as_str())
        .max_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(b.cmp(a)))
        .unwrap_or_default()
        .to_string();
    let english = ents.iter().filter_map(|e| e.english.clone()).min();
    let mut orgs = BTreeSet::new();
    let mut roles = BTreeSet::new();
    let mut aliases = BTreeSet::new();
    for e in ents {
        aliases.insert(e.name.clone());
        aliases.extend(e.aliases.iter().cloned());
        if etype != "person" {
            continue;
        }
        for r in &e.roles {
            let org = r.organization.as_ref().map(|o| {
                names
                    .get(o.id.as_str())
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| o.name.clone())
            });
            if let Some(o) = &org {
                orgs.insert(o.clone());
            }
            if !r.title.is_empty() || org.is_some() {
                roles.insert(RoleKey {
                    title: r.title.clone(),
                    organization: org,
                    qualifier: r.qualifier.clone(),
                });
            }
        }
    }
    aliases.remove(&name);
    aliases.retain(|a| !a.trim().is_empty());
    let key = EntKey {
        etype: etype.to_string(),
        name,
        english,
        orgs: orgs.into_iter().collect(),
    };
    (key, aliases, roles)
}

/// The keys of the kept entities among an event's references, each once, sorted.
fn parties(key_of: &BTreeMap<&str, EntKey>, refs: &[RefIn]) -> Vec<EntKey> {
    let set: BTreeSet<EntKey> = refs
        .iter()
        .filter_map(|r| key_of.get(r.id.as_str()).cloned())
        .collect();
    set.into_iter().collect()
}
