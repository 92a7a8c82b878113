//! Which entity signatures are one real-world entity: organizations and countries joined
//! by name, English name and unambiguous alias; people by table identity, else by name
//! with organizations that do not conflict. And which reports of one set of participants
//! are one event: meetings by date, partnerships by topic.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::build::{day_of, interval};
use super::state::{EntAgg, EntKey, EvAgg, EvKey, Source};

/// A small union-find over `0..n`.
pub struct UnionFind(Vec<usize>);

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }
    /// The representative of `a` (the smallest member of its set).
    pub fn find(&mut self, a: usize) -> usize {
        let mut r = a;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut a = a;
        while self.0[a] != r {
            let next = self.0[a];
            self.0[a] = r;
            a = next;
        }
        r
    }
    /// Joins the sets of `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// A node under construction.
pub(super) struct Cluster {
    pub(super) ntype: String,
    pub(super) keys: Vec<usize>,
    pub(super) unattributed: bool,
}

/// Entity signatures, sorted, with what is kept under each.
type Keys<'a> = [(&'a EntKey, &'a EntAgg)];

/// Groups entity signatures into nodes. Returns the clusters and, per key, its cluster.
pub(super) fn cluster_entities<'a>(keys: &'a Keys<'a>) -> (Vec<Cluster>, Vec<usize>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut of = vec![usize::MAX; keys.len()];
    // organizations and countries: one node per name or English name (transitively)
    for t in ["organization", "country"] {
        cluster_named(keys, t, &mut clusters, &mut of);
    }
    let org_node = org_nodes(keys, &of);
    let (mut by_english, english_of_name, unknown) = people_by_identity(keys);
    // people without one: the same name is one person when their organizations do not
    // conflict. A name that exactly one table identity uses joins it.
    let mut extra: Vec<Cluster> = Vec::new();
    for (name, members) in unknown {
        if let Some(es) = english_of_name.get(name)
            && es.len() == 1
        {
            let e = *es.iter().next().unwrap_or(&"");
            if let Some(v) = by_english.get_mut(e) {
                v.extend(members);
                continue;
            }
        }
        cluster_by_organization(keys, members, &org_node, &mut extra);
    }
    for (_, mut ks) in by_english {
        ks.sort_unstable();
        extra.push(Cluster {
            ntype: "person".into(),
            keys: ks,
            unattributed: false,
        });
    }
    for c in extra {
        for &i in &c.keys {
            of[i] = clusters.len();
        }
        clusters.push(c);
    }
    (clusters, of)
}

/// Clusters the signatures of type `t` (organization or country): one node per name or
/// English name, transitively, and per unambiguous alias; pushes them to `clusters` and
/// records each key's cluster in `of`.
fn cluster_named<'a>(keys: &'a Keys<'a>, t: &str, clusters: &mut Vec<Cluster>, of: &mut [usize]) {
    let idx: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].0.etype == t).collect();
    let mut uf = UnionFind::new(idx.len());
    let mut by: HashMap<&str, usize> = HashMap::new();
    for (j, &i) in idx.iter().enumerate() {
        let k = keys[i].0;
        for s in std::iter::once(k.name.as_str()).chain(k.english.as_deref()) {
            match by.get(s) {
                Some(&o) => uf.union(o, j),
                None => {
                    by.insert(s, j);
                }
            }
        }
    }
    join_aliases(keys, &idx, &by, &mut uf);
    let mut comp: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, &i) in idx.iter().enumerate() {
        comp.entry(uf.find(j)).or_default().push(i);
    }
    for members in comp.into_values() {
        for &i in &members {
            of[i] = clusters.len();
        }
        clusters.push(Cluster {
            ntype: t.into(),
            keys: members,
            unattributed: false,
        });
    }
}

/// Joins, in `uf` over the positions of `idx`, each alias to the one name that uses it;
/// an alias that several names use (삼성 for 삼성전자 and for 삼성물산) joins nothing
/// (claims are counted per node so far, until nothing changes).
fn join_aliases(keys: &Keys, idx: &[usize], by: &HashMap<&str, usize>, uf: &mut UnionFind) {
    loop {
        let mut claims: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (j, &i) in idx.iter().enumerate() {
            let root = uf.find(j);
            for a in &keys[i].1.aliases {
                if by.contains_key(a.as_str()) {
                    claims.entry(a).or_default().insert(root);
                }
            }
        }
        let mut changed = false;
        for (alias, roots) in claims {
            if let (Some(&a), Some(&root)) = (by.get(alias), roots.first())
                && roots.len() == 1
                && uf.find(a) != uf.find(root)
            {
                uf.union(a, root);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The organization node of an organization name (organizations before countries), by
/// name and by English name.
fn org_nodes<'a>(keys: &'a Keys<'a>, of: &[usize]) -> HashMap<&'a str, usize> {
    let mut org_node: HashMap<&str, usize> = HashMap::new();
    for t in ["organization", "country"] {
        for (i, (k, _)) in keys.iter().enumerate() {
            if k.etype == t {
                org_node.entry(k.name.as_str()).or_insert(of[i]);
                if let Some(e) = &k.english {
                    org_node.entry(e.as_str()).or_insert(of[i]);
                }
            }
        }
    }
    org_node
}

/// People signatures, with a table identity: by English name (one node each), with the
/// English names each name has; and without one: by name.
#[allow(clippy::type_complexity)]
fn people_by_identity<'a>(
    keys: &'a Keys<'a>,
) -> (
    BTreeMap<&'a str, Vec<usize>>,
    BTreeMap<&'a str, BTreeSet<&'a str>>,
    BTreeMap<&'a str, Vec<usize>>,
) {
    let mut by_english: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut english_of_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut unknown: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (k, _)) in keys.iter().enumerate() {
        if k.etype != "person" {
            continue;
        }
        match &k.english {
            Some(e) => {
                by_english.entry(e).or_default().push(i);
                english_of_name.entry(&k.name).or_default().insert(e);
            }
            None => unknown.entry(&k.name).or_default().push(i),
        }
    }
    (by_english, english_of_name, unknown)
}

/// The signatures of one name with no table identity, as people: those sharing an
/// organization (node, else raw name) are one, transitively; those naming none join the
/// only one, else are one of their own, unattributed. Pushes them to `extra`.
fn cluster_by_organization(
    keys: &Keys,
    members: Vec<usize>,
    org_node: &HashMap<&str, usize>,
    extra: &mut Vec<Cluster>,
) {
    let with: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| !keys[i].0.orgs.is_empty())
        .collect();
    let without: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| keys[i].0.orgs.is_empty())
        .collect();
    let mut uf = UnionFind::new(with.len());
    let mut by_org: HashMap<String, usize> = HashMap::new();
    for (j, &i) in with.iter().enumerate() {
        for o in &keys[i].0.orgs {
            let id = match org_node.get(o.as_str()) {
                Some(n) => format!("n{n}"),
                None => format!("raw:{o}"),
            };
            match by_org.get(&id) {
                Some(&p) => uf.union(p, j),
                None => {
                    by_org.insert(id, j);
                }
            }
        }
    }
    let mut comp: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, &i) in with.iter().enumerate() {
        comp.entry(uf.find(j)).or_default().push(i);
    }
    let mut comps: Vec<Vec<usize>> = comp.into_values().collect();
    let mut unattributed = false;
    match comps.len() {
        0 => comps.push(without),
        1 => comps[0].extend(without),
        _ if without.is_empty() => {}
        _ => {
            // several people of this name are known by their organizations: a mention
            // without one cannot be given to any of them
            comps.push(without);
            unattributed = true;
        }
    }
    let n = comps.len();
    for (c, mut ks) in comps.into_iter().enumerate() {
        ks.sort_unstable();
        extra.push(Cluster {
            ntype: "person".into(),
            keys: ks,
            unattributed: unattributed && c == n - 1,
        });
    }
}

/// An event signature with what is kept under it.
pub(super) type Obs<'a> = (&'a EvKey, &'a EvAgg);

/// A meeting or partnership under construction.
#[derive(Default)]
pub(super) struct Proto {
    pub(super) value: Option<String>,
    pub(super) range: Option<(i64, i64)>,
    pub(super) sources: BTreeSet<Source>,
    pub(super) topics: BTreeSet<String>,
    pub(super) places: BTreeSet<String>,
}

impl Proto {
    fn take(&mut self, agg: &EvAgg) {
        self.sources.extend(agg.sources.iter().cloned());
        self.topics.extend(agg.topics.iter().cloned());
        self.places.extend(agg.places.iter().cloned());
    }
}

/// The reports of one set of participants grouped into meetings by date: each day is a
/// meeting; a week or a month joins the earliest meeting inside it, else is a meeting of
/// its own; a report with no usable date joins the meeting nearest its publication day
/// within 7 days, else the undated meeting of its publication week.
pub(super) fn cluster_meetings(obs: &[Obs]) -> Vec<Proto> {
    let mut dated: Vec<((u8, i64, i64), &str, &EvAgg)> = Vec::new();
    let mut vague: Vec<&EvAgg> = Vec::new();
    for (k, a) in obs {
        match k.date.as_deref().and_then(|v| interval(v).map(|i| (i, v))) {
            Some((i, v)) => dated.push((i, v, a)),
            None => vague.push(a),
        }
    }
    dated.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    let mut out: Vec<Proto> = Vec::new();
    for ((prec, a, z), v, agg) in dated {
        let found = if prec == 0 {
            out.iter().position(|p| p.range == Some((a, z)))
        } else {
            out.iter()
                .enumerate()
                .filter(|(_, p)| p.range.is_some_and(|(pa, pz)| pa >= a && pz <= z))
                .min_by_key(|(i, p)| (p.range, *i))
                .map(|(i, _)| i)
        };
        let i = found.unwrap_or_else(|| {
            out.push(Proto {
                value: Some(v.to_string()),
                range: Some((a, z)),
                ..Proto::default()
            });
            out.len() - 1
        });
        out[i].take(agg);
    }
    let mut undated: BTreeMap<Option<String>, Proto> = BTreeMap::new();
    for agg in vague {
        for s in &agg.sources {
            let day = s.published.as_deref().and_then(day_of);
            let near = day.and_then(|d| {
                out.iter()
                    .enumerate()
                    .filter_map(|(i, p)| {
                        let (a, z) = p.range?;
                        let dist = if d < a { a - d } else { (d - z).max(0) };
                        (dist <= 7).then_some((dist, a, i))
                    })
                    .min()
                    .map(|t| t.2)
            });
            let p = match near {
                Some(i) => &mut out[i],
                None => {
                    let week = day.map(|d| {
                        analyze::dates::Ymd {
                            y: 1970,
                            m: 1,
                            d: 1,
                        }
                        .add_days(d)
                        .iso_week()
                    });
                    undated.entry(week).or_default()
                }
            };
            p.sources.insert(s.clone());
            p.topics.extend(agg.topics.iter().cloned());
            p.places.extend(agg.places.iter().cloned());
        }
    }
    out.extend(undated.into_values());
    out
}

/// The reports of one set of parties grouped into partnerships by topic: reports sharing a
/// topic are one (transitively); reports naming none join the only one, else are one of
/// their own.
pub(super) fn cluster_partnerships(obs: &[Obs]) -> Vec<Proto> {
    let with: Vec<usize> = (0..obs.len())
        .filter(|&i| !obs[i].0.topics.is_empty())
        .collect();
    let mut uf = UnionFind::new(with.len());
    let mut by: HashMap<&str, usize> = HashMap::new();
    for (j, &i) in with.iter().enumerate() {
        for t in &obs[i].0.topics {
            match by.get(t.as_str()) {
                Some(&p) => uf.union(p, j),
                None => {
                    by.insert(t, j);
                }
            }
        }
    }
    let mut comp: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, &i) in with.iter().enumerate() {
        comp.entry(uf.find(j)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = comp.into_values().collect();
    let without: Vec<usize> = (0..obs.len())
        .filter(|&i| obs[i].0.topics.is_empty())
        .collect();
    if groups.len() == 1 {
        groups[0].extend(without);
    } else if !without.is_empty() {
        groups.push(without);
    }
    groups
        .into_iter()
        .map(|g| {
            let mut p = Proto::default();
            for i in g {
                p.take(obs[i].1);
                p.topics.extend(obs[i].0.topics.iter().cloned());
            }
            p
        })
        .collect()
}
