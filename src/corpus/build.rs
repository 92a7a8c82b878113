//! From the whole [`State`] to the corpus summary: which signatures are one real-world
//! entity (a node), which reports are one event, and the network between nodes.
//!
//! Everything here is a function of the state alone, computed in sorted order with every
//! tie broken by a total order, so the output is the same whatever order the articles came
//! in and however the input was split into `--partial` states.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use super::cluster::{
    Cluster, Obs, Proto, cluster_entities, cluster_meetings, cluster_partnerships,
};
use super::state::{Counts, EntAgg, EntKey, Source, State};

/// The corpus summary printed by `analyze corpus --format json` (corpus_version 1).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Summary {
    /// Always 1.
    pub corpus_version: u32,
    /// Lines read: articles, analyze error lines, unreadable lines.
    pub input: InputCounts,
    /// Totals over what is listed below (after --since/--until/--min-articles).
    pub stats: Stats,
    /// People, organizations and countries, sorted by id.
    pub nodes: Vec<Node>,
    /// Meetings then partnerships, sorted by date, then participants; ids m1…, r1….
    pub events: Vec<Event>,
    /// The network: one edge per kind and pair of nodes, sorted by kind, source, target.
    pub edges: Vec<Edge>,
}

/// Line counts of the input.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct InputCounts {
    /// Analysis lines read.
    pub articles: u64,
    /// `analyze` error objects (lines with an `"error"` key), skipped.
    pub error_lines: u64,
    /// Lines that are not analyze output (bad JSON, not UTF-8, too long), skipped.
    pub bad_lines: u64,
}

/// Totals.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Stats {
    /// Person nodes.
    pub persons: u64,
    /// Organization nodes.
    pub organizations: u64,
    /// Country nodes.
    pub countries: u64,
    /// Meeting reports (one per meeting of an article).
    pub meeting_reports: u64,
    /// Meetings after merging reports.
    pub meetings: u64,
    /// Meetings told by more than one report.
    pub meetings_merged: u64,
    /// Partnership reports.
    pub partnership_reports: u64,
    /// Partnerships after merging reports.
    pub partnerships: u64,
    /// Partnerships told by more than one report.
    pub partnerships_merged: u64,
    /// Events whose status changed between reports.
    pub status_changed: u64,
}

/// A role with the number of articles stating it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct RoleCount {
    /// The title as written.
    pub title: String,
    /// The organization named with it, or null.
    pub organization: Option<String>,
    /// null, former, at_the_time, late, acting.
    pub qualifier: Option<String>,
    /// Articles stating it.
    pub articles: u64,
}

/// One real-world person, organization or country.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Node {
    /// `person:<English or Korean name>`, `organization:…`, `country:…`; a person who shares
    /// a name with another gets `@<an organization of theirs>` (or `@?` when none is known).
    pub id: String,
    /// person, organization, country.
    #[serde(rename = "type")]
    pub ntype: String,
    /// The name most articles use.
    pub name: String,
    /// The English name the rule tables give, or null.
    pub english: Option<String>,
    /// Every other form seen, sorted.
    pub aliases: Vec<String>,
    /// Articles that name it.
    pub articles: u64,
    /// Earliest publication date of those articles (`YYYY-MM-DD`), or null.
    pub first_seen: Option<String>,
    /// Latest publication date, or null.
    pub last_seen: Option<String>,
    /// People: roles, most stated first.
    pub roles: Vec<RoleCount>,
    /// Meetings it takes part in (listed events).
    pub meetings: u64,
    /// Partnerships it is a party of (listed events).
    pub partnerships: u64,
}

/// A participant of an event.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Participant {
    /// Node id.
    pub id: String,
    /// Node name.
    pub name: String,
}

/// One report of an event.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SourceOut {
    /// The article: its `source.id`, else its `source.path`.
    pub article: String,
    /// The meeting's or partnership's id in that article (m1, r2 …).
    pub item: String,
    /// The status it reports.
    pub status: String,
    /// The date value it gives (TIMEX3), or null.
    pub date: Option<String>,
    /// The article's publication date, or null.
    pub published: Option<String>,
}

/// A step of an event's status history.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct HistoryStep {
    /// The status.
    pub status: String,
    /// Publication date of the first report with it.
    pub published: Option<String>,
    /// That report's article.
    pub article: String,
}

/// One meeting or partnership, however many articles report it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Event {
    /// m1, m2 … (meetings), r1, r2 … (partnerships).
    pub id: String,
    /// meeting or partnership.
    pub kind: String,
    /// Participants (parties), sorted by id.
    pub participants: Vec<Participant>,
    /// The most precise date value its reports give (TIMEX3: 2024-02-21, 2024-W09, 2024-02),
    /// or null.
    pub date: Option<String>,
    /// First day the event's date covers (`YYYY-MM-DD`); with no date, the first publication.
    pub date_from: Option<String>,
    /// Last day the event's date covers; with no date, the last publication.
    pub date_to: Option<String>,
    /// Topics named by its reports.
    pub topics: Vec<String>,
    /// Places named by its reports.
    pub places: Vec<String>,
    /// The status of the latest report (publication order).
    pub status: String,
    /// True when reports disagree on the status over time (the history has several steps).
    pub status_changed: bool,
    /// Statuses in publication order, repeats collapsed: planned → happened.
    pub history: Vec<HistoryStep>,
    /// Distinct articles reporting it.
    pub articles: u64,
    /// Every report, in publication order.
    pub sources: Vec<SourceOut>,
}

/// An edge of the network.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Edge {
    /// met (meetings) or partnered (partnerships).
    pub kind: String,
    /// Node id (the smaller).
    pub source: String,
    /// Node id (the larger).
    pub target: String,
    /// Name of the source node.
    pub source_name: String,
    /// Name of the target node.
    pub target_name: String,
    /// Events behind the edge.
    pub count: u64,
    /// Reports behind it (sum of the events' distinct articles).
    pub articles: u64,
    /// Earliest event day (`date_from`), or null.
    pub first: Option<String>,
    /// Latest event day (`date_to`), or null.
    pub last: Option<String>,
    /// Final statuses of its events, with counts.
    pub statuses: BTreeMap<String, u64>,
    /// The ids of its events.
    pub events: Vec<String>,
}

/// Filters of the build.
#[derive(Debug, Clone, Default)]
pub struct BuildOpts {
    /// Keep events whose dates reach this day or later (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Keep events whose dates begin on this day or earlier.
    pub until: Option<String>,
    /// Drop nodes seen in fewer articles (and the events and edges that involve them).
    pub min_articles: u64,
}

/// The days (since 1970) a TIMEX3 value covers, and its precision, when it is a day, an
/// ISO week or a month; None for anything vaguer or malformed.
pub(super) fn interval(v: &str) -> Option<(u8, i64, i64)> {
    use analyze::dates::{Ymd, value_range};
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let prec = match b.len() {
        10 if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) => {
            Ymd::parse(v)?;
            0
        }
        8 if digits(0..4) && &b[4..6] == b"-W" && digits(6..8) => {
            let w: u32 = v[6..].parse().ok()?;
            if !(1..=53).contains(&w) {
                return None;
            }
            1
        }
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => 2,
        _ => return None,
    };
    if v.starts_with("0000") {
        return None;
    }
    let (a, z) = value_range(v)?;
    Some((prec, a.days(), z.days()))
}

pub(super) fn day_of(s: &str) -> Option<i64> {
    interval(s).filter(|i| i.0 == 0).map(|i| i.1)
}

fn iso(days: i64) -> String {
    analyze::dates::Ymd {
        y: 1970,
        m: 1,
        d: 1,
    }
    .add_days(days)
    .to_iso()
}

/// Lifecycle rank: on one publication day, an announcement comes before an outcome.
fn status_rank(s: &str) -> u8 {
    match s {
        "speculated" | "requested" | "discussed" => 0,
        "planned" => 1,
        "happened" | "agreed" | "ongoing" => 2,
        "cancelled" | "ended" => 3,
        _ => 1,
    }
}

/// Builds the summary.
pub fn build(state: &State, opts: &BuildOpts) -> Summary {
    let keys: Vec<(&EntKey, &EntAgg)> = state.ents.iter().collect();
    let (clusters, of) = cluster_entities(&keys);
    let key_index: HashMap<&EntKey, usize> =
        keys.iter().enumerate().map(|(i, (k, _))| (*k, i)).collect();

    // nodes
    let mut nodes: Vec<Node> = clusters.iter().map(|c| node_of(c, &keys)).collect();
    distinguish_ids(&mut nodes, &clusters, &keys);

    // events
    let groups = group_events(state, &key_index, &of);
    let mut built = build_events(groups, &nodes);
    sort_and_number(&mut built);

    // filters
    let keep_node: Vec<bool> = nodes
        .iter()
        .map(|n| n.articles >= opts.min_articles)
        .collect();
    built.retain(|b| {
        b.parts.iter().all(|&n| keep_node[n])
            && opts
                .since
                .as_ref()
                .is_none_or(|s| b.ev.date_to.as_ref().is_some_and(|d| d >= s))
            && opts
                .until
                .as_ref()
                .is_none_or(|u| b.ev.date_from.as_ref().is_some_and(|d| d <= u))
    });

    // edges and per-node counts
    let (edges, mut stats) = tally(&built, &mut nodes);
    let mut out_nodes: Vec<Node> = nodes
        .into_iter()
        .zip(keep_node)
        .filter_map(|(n, k)| k.then_some(n))
        .collect();
    out_nodes.sort_by(|a, b| a.id.cmp(&b.id));
    for n in &out_nodes {
        match n.ntype.as_str() {
            "person" => stats.persons += 1,
            "organization" => stats.organizations += 1,
            _ => stats.countries += 1,
        }
    }
    let mut edges: Vec<Edge> = edges.into_values().collect();
    edges.sort_by(|a, b| (&a.kind, &a.source, &a.target).cmp(&(&b.kind, &b.source, &b.target)));
    let Counts {
        articles,
        error_lines,
        bad_lines,
    } = state.counts;
    Summary {
        corpus_version: 1,
        input: InputCounts {
            articles,
            error_lines,
            bad_lines,
        },
        stats,
        nodes: out_nodes,
        events: built.into_iter().map(|b| b.ev).collect(),
        edges,
    }
}

/// The node of a cluster: its most used name, English name, aliases, roles, article
/// count and first and last dates (the id is `type:English or name`, not yet unique).
fn node_of(c: &Cluster, keys: &[(&EntKey, &EntAgg)]) -> Node {
    let mut name_count: BTreeMap<&str, u64> = BTreeMap::new();
    let mut aliases = BTreeSet::new();
    let mut roles: BTreeMap<(&str, Option<&str>, Option<&str>), u64> = BTreeMap::new();
    let mut english = None::<&str>;
    let mut agg = EntAgg::default();
    for &i in &c.keys {
        let (k, a) = keys[i];
        *name_count.entry(&k.name).or_default() += a.articles;
        aliases.insert(k.name.clone());
        aliases.extend(a.aliases.iter().cloned());
        if let Some(e) = &k.english
            && english.is_none_or(|x| e.as_str() < x)
        {
            english = Some(e);
        }
        for (r, n) in &a.roles {
            *roles
                .entry((&r.title, r.organization.as_deref(), r.qualifier.as_deref()))
                .or_default() += n;
        }
        agg.articles += a.articles;
        if let Some(f) = &a.first
            && agg.first.as_ref().is_none_or(|x| f < x)
        {
            agg.first = Some(f.clone());
        }
        if let Some(l) = &a.last
            && agg.last.as_ref().is_none_or(|x| l > x)
        {
            agg.last = Some(l.clone());
        }
    }
    let name = name_count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(n, _)| n.to_string())
        .unwrap_or_default();
    aliases.remove(&name);
    let mut roles: Vec<RoleCount> = roles
        .into_iter()
        .map(|((t, o, q), n)| RoleCount {
            title: t.to_string(),
            organization: o.map(str::to_string),
            qualifier: q.map(str::to_string),
            articles: n,
        })
        .collect();
    roles.sort_by_key(|r| std::cmp::Reverse(r.articles));
    Node {
        id: format!("{}:{}", c.ntype, english.unwrap_or(&name)),
        ntype: c.ntype.clone(),
        name,
        english: english.map(str::to_string),
        aliases: aliases.into_iter().collect(),
        articles: agg.articles,
        first_seen: agg.first,
        last_seen: agg.last,
        roles,
        meetings: 0,
        partnerships: 0,
    }
}

/// Makes node ids unique: people who share a name are told apart by an organization of
/// theirs (`@org`, `@?` when unattributed), and any id still repeated gets `#2`, `#3` ….
fn distinguish_ids(nodes: &mut [Node], clusters: &[Cluster], keys: &[(&EntKey, &EntAgg)]) {
    let mut base_count: HashMap<String, usize> = HashMap::new();
    for n in nodes.iter() {
        *base_count.entry(n.id.clone()).or_default() += 1;
    }
    for (ci, n) in nodes.iter_mut().enumerate() {
        if base_count.get(&n.id).copied().unwrap_or(0) > 1 {
            let c = &clusters[ci];
            let org = c
                .keys
                .iter()
                .flat_map(|&i| keys[i].0.orgs.iter())
                .min()
                .filter(|_| !c.unattributed);
            n.id = format!("{}@{}", n.id, org.map(String::as_str).unwrap_or("?"));
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for n in nodes.iter_mut() {
        let k = seen.entry(n.id.clone()).or_default();
        *k += 1;
        if *k > 1 {
            n.id = format!("{}#{}", n.id, k);
        }
    }
}

/// Event signatures grouped by kind and set of participant nodes (sorted, deduplicated);
/// signatures with no known participant are dropped.
#[allow(clippy::type_complexity)]
fn group_events<'a>(
    state: &'a State,
    key_index: &HashMap<&EntKey, usize>,
    of: &[usize],
) -> BTreeMap<(&'a str, Vec<usize>), Vec<Obs<'a>>> {
    let mut groups: BTreeMap<(&str, Vec<usize>), Vec<Obs>> = BTreeMap::new();
    for (k, a) in &state.events {
        let mut p: Vec<usize> = k
            .parties
            .iter()
            .filter_map(|e| key_index.get(e).map(|&i| of[i]))
            .collect();
        p.sort_unstable();
        p.dedup();
        if p.is_empty() {
            continue;
        }
        groups.entry((k.kind.as_str(), p)).or_default().push((k, a));
    }
    groups
}

/// An event with its kind and participant nodes, before filtering.
struct Built {
    kind: String,
    parts: Vec<usize>,
    ev: Event,
}

/// The events of each group (meetings clustered by date, partnerships by topic), not yet
/// sorted nor numbered.
fn build_events(groups: BTreeMap<(&str, Vec<usize>), Vec<Obs>>, nodes: &[Node]) -> Vec<Built> {
    let mut built: Vec<Built> = Vec::new();
    for ((kind, parts), obs) in groups {
        let protos = if kind == "meeting" {
            cluster_meetings(&obs)
        } else {
            cluster_partnerships(&obs)
        };
        for p in protos {
            built.push(event_of(kind, &parts, p, nodes));
        }
    }
    built
}

/// One event from its proto: sources in publication order, status history, date value
/// and range, final status.
fn event_of(kind: &str, parts: &[usize], p: Proto, nodes: &[Node]) -> Built {
    let mut sources: Vec<&Source> = p.sources.iter().collect();
    sources.sort_by(|a, b| {
        (&a.published, status_rank(&a.status), &a.article, &a.item).cmp(&(
            &b.published,
            status_rank(&b.status),
            &b.article,
            &b.item,
        ))
    });
    let mut history: Vec<HistoryStep> = Vec::new();
    for s in &sources {
        if history.last().is_none_or(|h| h.status != s.status) {
            history.push(HistoryStep {
                status: s.status.clone(),
                published: s.published.clone(),
                article: s.article.clone(),
            });
        }
    }
    let range = p.range.or_else(|| fallback_range(kind, &sources));
    let value = p.value.clone().or_else(|| {
        // a partnership's date: the most precise value its reports agree on first
        sources
            .iter()
            .filter_map(|s| s.date.clone())
            .find(|d| interval(d).is_some())
            .filter(|_| kind == "partnership")
    });
    let articles: BTreeSet<&str> = sources.iter().map(|s| s.article.as_str()).collect();
    let status = sources.last().map(|s| s.status.clone()).unwrap_or_default();
    let distinct: BTreeSet<&str> = history.iter().map(|h| h.status.as_str()).collect();
    Built {
        kind: kind.to_string(),
        parts: parts.to_vec(),
        ev: Event {
            id: String::new(),
            kind: kind.to_string(),
            participants: parts
                .iter()
                .map(|&n| Participant {
                    id: nodes[n].id.clone(),
                    name: nodes[n].name.clone(),
                })
                .collect(),
            date: value,
            date_from: range.map(|r| iso(r.0)),
            date_to: range.map(|r| iso(r.1)),
            topics: p.topics.into_iter().collect(),
            places: p.places.into_iter().collect(),
            status,
            status_changed: distinct.len() > 1,
            history,
            articles: articles.len() as u64,
            sources: sources
                .into_iter()
                .map(|s| SourceOut {
                    article: s.article.clone(),
                    item: s.item.clone(),
                    status: s.status.clone(),
                    date: s.date.clone(),
                    published: s.published.clone(),
                })
                .collect(),
        },
    }
}

/// The days of an event whose reports give no usable date cluster: for a partnership, the
/// span of its reports' date values; else (or with none) the span of their publications.
fn fallback_range(kind: &str, sources: &[&Source]) -> Option<(i64, i64)> {
    let spans: Vec<(i64, i64)> = if kind == "partnership" {
        sources
            .iter()
            .filter_map(|s| s.date.as_deref().and_then(interval))
            .map(|i| (i.1, i.2))
            .collect()
    } else {
        Vec::new()
    };
    let spans = if spans.is_empty() {
        sources
            .iter()
            .filter_map(|s| s.published.as_deref().and_then(day_of))
            .map(|d| (d, d))
            .collect()
    } else {
        spans
    };
    let a = spans.iter().map(|s| s.0).min()?;
    let z = spans.iter().map(|s| s.1).max()?;
    Some((a, z))
}

/// Sorts each event's participants by id, the events (meetings first, then by date,
/// participants, topics, first source), and numbers them m1…, r1….
fn sort_and_number(built: &mut [Built]) {
    for b in built.iter_mut() {
        b.ev.participants.sort_by(|x, y| x.id.cmp(&y.id));
    }
    built.sort_by(|a, b| {
        let ka = (
            a.kind != "meeting",
            a.ev.date_from.is_none(),
            &a.ev.date_from,
            &a.ev.date_to,
            a.ev.participants.iter().map(|p| &p.id).collect::<Vec<_>>(),
            &a.ev.topics,
            &a.ev.sources.first().map(|s| (&s.article, &s.item)),
        );
        let kb = (
            b.kind != "meeting",
            b.ev.date_from.is_none(),
            &b.ev.date_from,
            &b.ev.date_to,
            b.ev.participants.iter().map(|p| &p.id).collect::<Vec<_>>(),
            &b.ev.topics,
            &b.ev.sources.first().map(|s| (&s.article, &s.item)),
        );
        ka.cmp(&kb)
    });
    let (mut nm, mut nr) = (0, 0);
    for b in built.iter_mut() {
        b.ev.id = if b.kind == "meeting" {
            nm += 1;
            format!("m{nm}")
        } else {
            nr += 1;
            format!("r{nr}")
        };
    }
}

/// The edges (by kind and node pair) of the kept events, their totals, and each node's
/// meeting and partnership counts; node totals of the stats are left at 0.
#[allow(clippy::type_complexity)]
fn tally(
    built: &[Built],
    nodes: &mut [Node],
) -> (BTreeMap<(&'static str, usize, usize), Edge>, Stats) {
    let mut edges: BTreeMap<(&str, usize, usize), Edge> = BTreeMap::new();
    let mut stats = Stats {
        persons: 0,
        organizations: 0,
        countries: 0,
        meeting_reports: 0,
        meetings: 0,
        meetings_merged: 0,
        partnership_reports: 0,
        partnerships: 0,
        partnerships_merged: 0,
        status_changed: 0,
    };
    for b in built {
        let meeting = b.kind == "meeting";
        let reports = b.ev.sources.len() as u64;
        if meeting {
            stats.meetings += 1;
            stats.meeting_reports += reports;
            stats.meetings_merged += u64::from(reports > 1);
        } else {
            stats.partnerships += 1;
            stats.partnership_reports += reports;
            stats.partnerships_merged += u64::from(reports > 1);
        }
        stats.status_changed += u64::from(b.ev.status_changed);
        for &n in &b.parts {
            if meeting {
                nodes[n].meetings += 1;
            } else {
                nodes[n].partnerships += 1;
            }
        }
        let kind = if meeting { "met" } else { "partnered" };
        add_edges(b, kind, nodes, &mut edges);
    }
    (edges, stats)
}

/// Adds an event to the `kind` edge of each pair of its participants.
fn add_edges(
    b: &Built,
    kind: &'static str,
    nodes: &[Node],
    edges: &mut BTreeMap<(&'static str, usize, usize), Edge>,
) {
    for (x, &a) in b.parts.iter().enumerate() {
        for &c in &b.parts[x + 1..] {
            let (s, t) = if nodes[a].id <= nodes[c].id {
                (a, c)
            } else {
                (c, a)
            };
            let e = edges.entry((kind, s, t)).or_insert_with(|| Edge {
                kind: kind.into(),
                source: nodes[s].id.clone(),
                target: nodes[t].id.clone(),
                source_name: nodes[s].name.clone(),
                target_name: nodes[t].name.clone(),
                count: 0,
                articles: 0,
                first: None,
                last: None,
                statuses: BTreeMap::new(),
                events: Vec::new(),
            });
            e.count += 1;
            e.articles += b.ev.articles;
            if let Some(f) = &b.ev.date_from
                && e.first.as_ref().is_none_or(|x| f < x)
            {
                e.first = Some(f.clone());
            }
            if let Some(l) = &b.ev.date_to
                && e.last.as_ref().is_none_or(|x| l > x)
            {
                e.last = Some(l.clone());
            }
            *e.statuses.entry(b.ev.status.clone()).or_default() += 1;
            e.events.push(b.ev.id.clone());
        }
    }
}
