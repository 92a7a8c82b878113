//! Partnerships of one sentence: the organizations named before the trigger (people stand
//! for their organizations), paired with the subject, along the links of 와/과, or each
//! with each.

use super::anaphora::{Stands, points_back};
use super::merge::Merged;
use super::participants::{Slot, is_modifier, person_org, tail_after};
use super::quotes::without_quotes;
use super::{Article, Bounds, MAX_PAIRS_PER_SENTENCE, Partnership, Scene};

/// Adds the partnerships of the sentence `sc` whose partnership trigger (of rule and kind
/// `trigger`) starts a span `rest` of the sentence (bytes, from the trigger to the end of
/// its clause, which starts at byte `from`).
#[allow(clippy::too_many_arguments)]
pub(super) fn add(
    art: &Article,
    sc: &Scene,
    rest: std::ops::Range<usize>,
    from: usize,
    (trigger, kind): (&str, &str),
    running: (Option<usize>, Option<usize>),
    last: Option<(usize, &[usize])>,
    bounds: &mut Bounds,
    out: &mut Merged<Partnership>,
) -> Vec<usize> {
    let at = rest.start;
    let clause_owned = without_quotes(&sc.s[rest]);
    let clause = clause_owned.as_str();
    let (mut status, mut cue) = art.rules.cues.partnership(clause, kind);
    // 협력하지 않기로 했다: told as not taking place, no partnership
    if status == super::status::NO_EVENT {
        return Vec::new();
    }
    let hedge = art.rules.cues.hedge(clause);
    let Found {
        parties,
        links,
        one: group,
        mut restated,
    } = parties(art, sc, from..at, running, last);
    // 다음 달 함께 출시한다: work together told without a cue but dated ahead is planned
    if status == "ongoing"
        && cue == "default"
        && super::status::dated_ahead(sc.date, art.dates, art.reference)
    {
        status = "planned";
    }
    // 협약에 따라 …할 계획이다: the agreement in force, cited; what is planned is not it
    if super::anaphora::cited_as_basis(art, clause) {
        (status, cue, restated) = ("ongoing", "pattern/cited_as_basis".into(), true);
    }
    // a group of states is one partnership of all its members (한미일 협력), and so are
    // the parties 양사 stands for
    let mut pairs = if group {
        vec![parties.iter().map(|p| p.0).collect()]
    } else {
        pairs(&parties, &links)
    };
    if pairs.len() > MAX_PAIRS_PER_SENTENCE {
        pairs.truncate(MAX_PAIRS_PER_SENTENCE);
        bounds.pairs.push(sc.si);
    }
    let mut added = Vec::new();
    for parties in pairs {
        let p = Partnership {
            parties,
            topics: sc.topics.clone(),
            status,
            hedge,
            date: sc.date,
            evidence: vec![sc.si],
            rule: format!("{trigger} + {cue}"),
        };
        added.push(if restated {
            out.restate(p)
        } else {
            out.add(p, art.dates)
        });
    }
    added
}

/// The status a later clause gives the partnership of the clause before, when it names no
/// parties of its own (`A와 B는 합작법인을 세웠지만 2019년 합작 관계를 끝냈다`: ended; `협력을
/// 논의했고 협약을 체결했다`: agreed): its cue's, if it has one.
pub(super) fn continued_status(
    art: &Article,
    sc: &Scene,
    rest: std::ops::Range<usize>,
    kind: &str,
) -> Option<&'static str> {
    let (status, cue) = art
        .rules
        .cues
        .partnership(&without_quotes(&sc.s[rest]), kind);
    (cue != "default").then_some(status)
}

/// An organization of a partnership, and whether it is marked as subject.
type Party = (usize, bool);

/// The parties of a clause.
struct Found {
    parties: Vec<Party>,
    /// The links of 와/과 between them.
    links: Vec<(usize, usize)>,
    /// They are one partnership of all of them (a group of states, the parties of 양사).
    one: bool,
    /// They are the parties of an earlier partnership that 양사 points back to: the same
    /// partnership told again.
    restated: bool,
}

/// How many sentences back 양사 may point to the partnership it stands for.
const ANTECEDENT_SENTENCES: usize = 3;

/// The organizations of the clause before the trigger (bytes `span` of the sentence), each
/// with whether it is marked as subject, and the links of 와/과 between them. One alone is
/// joined by the running organization (or the running person's): `running` is (person,
/// organization). A word that points back (양사는, 양 기관의 협력) stands for the parties of
/// `last` (the sentence and parties of the last partnership found) or of the last pair
/// of organizations linked by 와/과, when no name of the clause is marked as subject.
fn parties(
    art: &Article,
    sc: &Scene,
    span: std::ops::Range<usize>,
    (running_person, running_org): (Option<usize>, Option<usize>),
    last: Option<(usize, &[usize])>,
) -> Found {
    let si = sc.si;
    let cut = sc.sent.start + span.end;
    let from = sc.sent.start + span.start;
    let particles = &art.rules.particles;
    let mut parties: Vec<Party> = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut prev_joining: Option<usize> = None;
    let mut in_parties = rustc_hash::FxHashSet::default();
    let mut named: Vec<(Slot, bool)> = art.orgs[si]
        .iter()
        .filter(|o| o.start >= from && o.start < cut && !sc.quotes.inside(o.start - sc.sent.start))
        .map(|o| (o.clone(), false))
        .collect();
    let countries = acting_countries(art, sc, from..cut);
    if !countries.is_empty() {
        named.extend(countries.into_iter().map(|c| (c, true)));
        named.sort_by_key(|(o, _)| o.start);
        keep_linked_countries(particles, &mut named);
    }
    // a clause with a subject of its own and a second organization names its own pair
    let own_pair = named.len() >= 2
        && named
            .iter()
            .any(|(o, _)| particles.is_subject(o.tail) || particles.is_topic(o.tail));
    if let Some(pair) = pointed_back(art, sc, from..cut, last).filter(|_| !own_pair) {
        return Found {
            parties: pair.into_iter().map(|p| (p, false)).collect(),
            links: Vec::new(),
            one: true,
            restated: true,
        };
    }
    for (o, country) in &named {
        if !country
            && (art.entities[o.ent].subtype.as_deref() == Some("media")
                || is_modifier(art.text, &art.orgs[si], &art.people[si], o))
        {
            continue;
        }
        if let Some(a) = prev_joining.take()
            && a != o.ent
        {
            links.push((a, o.ent));
        }
        if particles.joins(o.tail) {
            prev_joining = Some(o.ent);
        }
        if in_parties.insert(o.ent) {
            parties.push((o.ent, particles.is_subject(o.tail)));
        }
    }
    // people stand for their organizations, except the topic of a sentence that reports
    // what a named subject does (박 장관은 한국이 …와 협력해 왔다고 말했다)
    let embedded_subject = named
        .iter()
        .find(|(o, _)| particles.is_subject(o.tail) && !particles.is_topic(o.tail));
    for p in sc.ppl.iter().filter(|p| p.start >= from && p.start < cut) {
        if embedded_subject.is_some_and(|(o, _)| o.start > p.start) && particles.is_topic(p.tail) {
            continue;
        }
        if let Some(o) = person_org(&art.entities[p.ent])
            && in_parties.insert(o)
        {
            parties.push((o, particles.is_subject(p.tail)));
        }
    }
    // a group of states that acts (한미일 협력, 양국은 …): its members, each with each,
    // when no organization is named (a named ministry or association stays the party: in
    // `협회는 한·인도 협력을 논의했다` the states are the topic)
    if parties.is_empty() {
        let group = super::groups::group_parties(art, sc, from, cut);
        if !group.is_empty() {
            return Found {
                parties: group.into_iter().map(|g| (g, false)).collect(),
                links: Vec::new(),
                one: true,
                restated: false,
            };
        }
    }
    if headline_partners(art, sc, &named, &parties) {
        match protagonist(art, si) {
            Some(f) if parties.iter().all(|p| p.0 != f) => parties.insert(0, (f, true)),
            _ => parties.clear(),
        }
    } else if parties.len() == 1 {
        let fill =
            running_org.or_else(|| running_person.and_then(|p| person_org(&art.entities[p])));
        if let Some(f) = fill
            && parties[0].0 != f
        {
            parties.insert(0, (f, true));
        }
    }
    Found {
        parties,
        links,
        one: false,
        restated: false,
    }
}

/// Partnerships told in quoted speech (`"엔비디아와 협력하고 있다"고 김 사장은 말했다`): the
/// speaker, the person or organization outside the quote marked as subject or topic (else
/// the running subject), speaks for their organization, which works with each
/// organization named inside the quote. The status comes from the quote's own words
/// (협력하겠다 planned, 협력하기를 바란다 speculated), from the trigger to the quote's end; a
/// partnership of the same parties told before is the same one told again.
pub(super) fn add_quoted(
    art: &Article,
    sc: &Scene,
    trigger: std::ops::Range<usize>,
    (rule, kind): (&str, &str),
    (running_person, running_org): (Option<usize>, Option<usize>),
    out: &mut Merged<Partnership>,
) -> Vec<usize> {
    let Some(quote) = sc.quotes.span_at(sc.s, trigger.start) else {
        return Vec::new();
    };
    let particles = &art.rules.particles;
    let (qs, qe) = (sc.sent.start + quote.start, sc.sent.start + quote.end);
    let at = sc.sent.start + trigger.start;
    // a trigger inside a name (경제협력개발기구) is none
    if art.orgs[sc.si].iter().any(|o| o.start <= at && at < o.end) {
        return Vec::new();
    }
    let outside = |x: &&Slot| !sc.quotes.inside(x.start - sc.sent.start);
    let marked = |x: &&Slot| particles.is_subject(x.tail) || particles.is_topic(x.tail);
    // a quote with a named subject of its own (“윤 대통령이 나토와 …”) is not the
    // speaker's side
    let own_subject = |v: &[Slot]| v.iter().any(|x| x.start > qs && x.start < at && marked(&x));
    if own_subject(&art.people[sc.si]) || own_subject(&art.orgs[sc.si]) {
        return Vec::new();
    }
    let speaker_person = art.people[sc.si]
        .iter()
        .filter(outside)
        .find(marked)
        .map(|p| p.ent);
    let speaker_org = art.orgs[sc.si]
        .iter()
        .filter(outside)
        .find(marked)
        .map(|o| o.ent);
    let speaker = match (speaker_person, speaker_org) {
        (Some(p), _) => person_org(&art.entities[p]),
        (None, Some(o)) => Some(o),
        (None, None) => {
            running_org.or_else(|| running_person.and_then(|p| person_org(&art.entities[p])))
        }
    };
    let Some(speaker) = speaker else {
        return Vec::new();
    };
    let mut partners: Vec<usize> = Vec::new();
    for o in art.orgs[sc.si]
        .iter()
        .filter(|o| o.start > qs && o.end <= qe)
    {
        // a group and its affiliates share the head of their names (삼성, 삼성전자): one side
        let (a, b) = (&art.entities[o.ent].name, &art.entities[speaker].name);
        let same_group = a.starts_with(b.as_str()) || b.starts_with(a.as_str());
        if o.ent != speaker
            && !same_group
            && art.entities[o.ent].subtype.as_deref() != Some("media")
            && !is_modifier(art.text, &art.orgs[sc.si], &art.people[sc.si], o)
            && !partners.contains(&o.ent)
        {
            partners.push(o.ent);
        }
    }
    let clause = &sc.s[trigger.start..quote.end];
    let (status, cue) = art.rules.cues.partnership(clause, kind);
    if status == super::status::NO_EVENT {
        return Vec::new();
    }
    partners.truncate(MAX_PAIRS_PER_SENTENCE);
    partners
        .into_iter()
        .map(|o| {
            // what the speaker says of a partnership told before is that one told again
            out.restate(Partnership {
                parties: vec![speaker, o],
                topics: sc.topics.clone(),
                status,
                hedge: Some("reported"),
                date: sc.date,
                evidence: vec![sc.si],
                rule: format!("{rule} + pattern/quoted_speech + {cue}"),
            })
        })
        .collect()
}

/// A headline's `A·B와 손잡고 …`: every party is a partner "with" whom, listed with a
/// middle dot (a comma marks the subject in headlines: `A, B와 맞손`); the subject left out
/// is the article's protagonist, and the partners are not each other's (구글·퀄컴과 손잡고
/// is no 구글–퀄컴 partnership).
fn headline_partners(art: &Article, sc: &Scene, named: &[(Slot, bool)], parties: &[Party]) -> bool {
    let listed: Vec<&Slot> = named
        .iter()
        .filter(|(o, _)| parties.iter().any(|p| p.0 == o.ent))
        .map(|(o, _)| o)
        .collect();
    sc.sent.kind == crate::segment::Kind::Headline
        && listed.len() >= 2
        && parties.len() == listed.len()
        && listed
            .last()
            .is_some_and(|o| art.rules.particles.joins(o.tail))
        && listed.windows(2).all(|w| {
            let gap = art.text[w[0].end..w[1].start].trim();
            w[0].tail.is_empty() && matches!(gap, "·" | "ㆍ")
        })
}

/// Who a headline at sentence `si` is about when it leaves its subject out: the first
/// organization marked as subject or topic in the few sentences after it (the lead).
fn protagonist(art: &Article, si: usize) -> Option<usize> {
    let particles = &art.rules.particles;
    (si + 1..art.orgs.len().min(si + 1 + ANTECEDENT_SENTENCES)).find_map(|k| {
        art.orgs[k]
            .iter()
            .filter(|o| art.entities[o.ent].subtype.as_deref() != Some("media"))
            .filter(|o| !is_modifier(art.text, &art.orgs[k], &art.people[k], o))
            .find(|o| particles.is_subject(o.tail) || particles.is_topic(o.tail))
            .map(|o| o.ent)
    })
}

/// The parties that a word of the clause (bytes `within` of the text) points back to
/// (양사는 …, 양 기관의 협력): those of `last` when it is at most a few sentences back,
/// else the last pair of organizations linked by 와/과 in the sentences before. None when
/// no such word acts.
fn pointed_back(
    art: &Article,
    sc: &Scene,
    within: std::ops::Range<usize>,
    last: Option<(usize, &[usize])>,
) -> Option<Vec<usize>> {
    let (_, tail) = points_back(art, &art.text[within], Stands::Parties)?;
    // 양사와 …: a third party that works with both (not read). A name of the clause
    // marked as subject or topic only reports on them (C는 양사의 협력이 …라고 분석했다)
    if art.rules.particles.joins(tail) {
        return None;
    }
    last.filter(|(k, parties)| sc.si - k <= ANTECEDENT_SENTENCES && parties.len() >= 2)
        .map(|(_, parties)| parties.to_vec())
        .or_else(|| linked_pair(art, sc.si))
}

/// The last two organizations linked by 와/과 in the few sentences before sentence `si`:
/// `A와 B는`, or a subject or topic with a name joined after it (`A는 … B와`).
fn linked_pair(art: &Article, si: usize) -> Option<Vec<usize>> {
    let particles = &art.rules.particles;
    (si.saturating_sub(ANTECEDENT_SENTENCES)..si)
        .rev()
        .find_map(|k| {
            let orgs: Vec<&Slot> = art.orgs[k]
                .iter()
                .filter(|o| art.entities[o.ent].subtype.as_deref() != Some("media"))
                .filter(|o| !is_modifier(art.text, &art.orgs[k], &art.people[k], o))
                .collect();
            let mut best = None;
            for (i, a) in orgs.iter().enumerate() {
                let Some(b) = orgs[i + 1..].iter().find(|b| b.ent != a.ent) else {
                    continue;
                };
                let adjacent = b.start == a.end + a.tail.len() + 1;
                let a_joined = particles.joins(a.tail) && adjacent;
                let a_leads = (particles.is_subject(a.tail) || particles.is_topic(a.tail))
                    && particles.joins(b.tail);
                if a_joined || a_leads {
                    best = Some(vec![a.ent, b.ent]);
                }
            }
            best
        })
}

/// The countries named `within` the clause before the trigger that act themselves (the contract's countries as
/// parties): a country, or `X 정부`, marked as subject or topic or joined to the next name
/// (한국과 폴란드는 …에 합의했다, 한국 정부는 베트남 정부와 …). A country right before
/// another word (미국 애플, 한국 기업과) only modifies it: its tail holds no particle.
fn acting_countries<'a>(
    art: &Article<'a>,
    sc: &Scene,
    within: std::ops::Range<usize>,
) -> Vec<Slot<'a>> {
    let particles = &art.rules.particles;
    art.places[sc.si]
        .iter()
        .filter(|c| within.contains(&c.start) && !sc.quotes.inside(c.start - sc.sent.start))
        .filter(|c| art.entities[c.ent].subtype.as_deref() == Some("country"))
        .filter_map(|c| {
            let mut c = c.clone();
            let after = &art.text[c.end..];
            if c.tail.is_empty() && after.starts_with(GOVERNMENT) {
                c.tail = tail_after(art.text, c.end + GOVERNMENT.len());
            }
            // 미국과 한국의 협력: joined to a name that modifies a noun, the pair is the
            // topic, not the parties
            let next_modifies = particles.joins(c.tail)
                && art.places[sc.si]
                    .iter()
                    .find(|n| n.start > c.start)
                    .is_some_and(|n| n.tail == GENITIVE);
            let acts = particles.joins(c.tail)
                || particles.is_subject(c.tail)
                || particles.is_topic(c.tail);
            (acts && !next_modifies).then_some(c)
        })
        .collect()
}

/// Keeps the countries of `named` (names before the trigger, in text order, each with
/// whether it is a country) that are linked by 와/과 to another party: a country joined to
/// the next name (한국과 폴란드는), unless that name only modifies a noun (미국과 한국의
/// 협력: the pair is the topic, not the parties); a subject or topic joined from the name
/// before it, or followed by a name joined to it (한국은 폴란드와). A country alone as
/// subject (인도는 … 파트너이다) is no party.
fn keep_linked_countries(
    particles: &super::participants::Particles,
    named: &mut Vec<(Slot, bool)>,
) {
    let genitive = |t: &str| t == GENITIVE;
    let keep: Vec<bool> = (0..named.len())
        .map(|i| {
            let (c, country) = &named[i];
            if !country {
                return true;
            }
            if particles.joins(c.tail) {
                return match named.get(i + 1) {
                    Some((next, _)) => !genitive(next.tail),
                    None => named[..i]
                        .iter()
                        .any(|(o, _)| particles.is_subject(o.tail) || particles.is_topic(o.tail)),
                };
            }
            let joined_from = i > 0 && particles.joins(named[i - 1].0.tail);
            let partner_after = named[i + 1..].iter().any(|(o, _)| particles.joins(o.tail));
            joined_from || partner_after
        })
        .collect();
    let mut k = keep.iter();
    named.retain(|_| *k.next().unwrap_or(&false));
}

/// The genitive particle: a name followed by it modifies the noun after it.
const GENITIVE: &str = "의";

/// The word after a country that names its government (`한국 정부와`).
const GOVERNMENT: &str = " 정부";

/// The pairs of a sentence's parties: two are one pair; more are paired with the subject,
/// else along the links, else the first four each with each.
fn pairs(parties: &[Party], links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let subject = parties.iter().position(|p| p.1);
    let mut pairs: Vec<Vec<usize>> = Vec::new();
    match (parties.len(), subject) {
        (0 | 1, _) => {}
        (2, _) => pairs.push(parties.iter().map(|p| p.0).collect()),
        (_, Some(k)) => {
            for (j, p) in parties.iter().enumerate() {
                if j != k {
                    pairs.push(vec![parties[k].0, p.0]);
                }
            }
        }
        (_, None) if !links.is_empty() => {
            pairs.extend(links.iter().map(|&(a, b2)| vec![a, b2]));
        }
        (_, None) => {
            let first: Vec<usize> = parties.iter().take(4).map(|p| p.0).collect();
            for a in 0..first.len() {
                for b2 in a + 1..first.len() {
                    pairs.push(vec![first[a], first[b2]]);
                }
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::super::tests::partnerships;
    use super::pairs;

    #[test]
    fn an_mou_is_an_agreed_partnership() {
        let p = partnerships("누리전자와 바다은행은 어제 업무협약(MOU)을 맺었다.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["누리전자", "바다은행"]);
        assert_eq!(p[0].1, "agreed");
    }

    #[test]
    fn a_planned_partnership() {
        let p = partnerships("누리전자는 바다은행과 공동 개발을 추진하기로 했다.");
        assert_eq!(p[0].1, "planned", "{p:?}");
    }

    #[test]
    fn a_person_stands_for_their_organization() {
        // (the organizations named come first, then those people stand for)
        let p = partnerships("윤가람 누리전자 사장은 바다은행과 협력하기로 했다.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["바다은행", "누리전자"]);
    }

    #[test]
    fn a_person_and_their_own_organization_are_no_pair() {
        let p = partnerships("윤가람 누리전자 사장은 누리전자의 협력을 강조했다.");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn no_partnership_without_a_trigger() {
        assert!(partnerships("누리전자와 바다은행은 어제 실적을 발표했다.").is_empty());
    }

    #[test]
    fn countries_that_act_are_parties() {
        let p = partnerships("한국과 칠레는 어제 광물 협력 양해각서를 맺었다.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["한국", "칠레"]);
        assert_eq!(p[0].1, "agreed");
        let p = partnerships("한국 정부는 칠레 정부와 광물 협력 협정에 서명했다.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["한국", "칠레"]);
    }

    #[test]
    fn countries_that_only_modify_are_no_parties() {
        // a country before a name or a noun, a pair of countries before 의, a country
        // alone as subject
        let p = partnerships("미국 누리전자와 바다은행은 어제 업무협약을 맺었다.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["누리전자", "바다은행"]);
        let p = partnerships("누리전자와 바다은행은 한국과 칠레의 광물 협력 방안을 논의했다.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["누리전자", "바다은행"]);
        assert!(partnerships("칠레는 우리 기업의 핵심 파트너다.").is_empty());
    }

    #[test]
    fn a_reporting_topic_is_not_the_party_of_what_it_reports() {
        // the minister reports what the country does: the ministry is no party
        let p = partnerships(
            "윤가람 외교부 장관은 한국이 국제원자력기구와 오랫동안 협력해 왔다고 말했다.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["한국", "국제원자력기구"]);
    }

    #[test]
    fn pairs_by_subject_links_or_each_with_each() {
        assert!(pairs(&[(1, true)], &[]).is_empty());
        assert_eq!(pairs(&[(1, false), (2, false)], &[]), [vec![1, 2]]);
        assert_eq!(
            pairs(&[(1, false), (2, true), (3, false)], &[]),
            [vec![2, 1], vec![2, 3]]
        );
        assert_eq!(
            pairs(&[(1, false), (2, false), (3, false)], &[(1, 3)]),
            [vec![1, 3]]
        );
        assert_eq!(
            pairs(&[(1, false), (2, false), (3, false)], &[]),
            [vec![1, 2], vec![1, 3], vec![2, 3]]
        );
    }
}
