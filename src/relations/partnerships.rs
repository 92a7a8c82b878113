//! Partnerships of one sentence: the organizations named before the trigger (people stand
//! for their organizations), paired with the subject, along the links of 와/과, or each
//! with each.

use super::merge::Merged;
use super::participants::{is_modifier, person_org};
use super::quotes::without_quotes;
use super::{Article, Bounds, MAX_PAIRS_PER_SENTENCE, Partnership, Scene};

/// Adds the partnerships of the sentence `sc`, whose partnership trigger (of rule `trigger`
/// and kind `kind`) starts at byte `at` of the sentence.
#[allow(clippy::too_many_arguments)]
pub(super) fn add(
    art: &Article,
    sc: &Scene,
    at: usize,
    trigger: &str,
    kind: &str,
    running: (Option<usize>, Option<usize>),
    bounds: &mut Bounds,
    out: &mut Merged<Partnership>,
) {
    let clause_owned = without_quotes(&sc.s[at..]);
    let clause = clause_owned.as_str();
    let (status, cue) = art.rules.cues.partnership(clause, kind);
    let hedge = art.rules.cues.hedge(clause);
    let (parties, links) = parties(art, sc, at, running);
    let mut pairs = pairs(&parties, &links);
    if pairs.len() > MAX_PAIRS_PER_SENTENCE {
        pairs.truncate(MAX_PAIRS_PER_SENTENCE);
        bounds.pairs.push(sc.si);
    }
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
        out.add(p, art.dates);
    }
}

/// An organization of a partnership, and whether it is marked as subject.
type Party = (usize, bool);

/// The organizations before the trigger (at byte `at`), each with whether it is marked as
/// subject, and the links of 와/과 between them. One alone is joined by the running
/// organization (or the running person's): `running` is (person, organization).
fn parties(
    art: &Article,
    sc: &Scene,
    at: usize,
    (running_person, running_org): (Option<usize>, Option<usize>),
) -> (Vec<Party>, Vec<(usize, usize)>) {
    let si = sc.si;
    let cut = sc.sent.start + at;
    let particles = &art.rules.particles;
    let mut parties: Vec<Party> = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut prev_joining: Option<usize> = None;
    let mut in_parties = rustc_hash::FxHashSet::default();
    for o in art.orgs[si]
        .iter()
        .filter(|o| o.start < cut && !sc.quotes.inside(o.start - sc.sent.start))
    {
        if art.entities[o.ent].subtype.as_deref() == Some("media")
            || is_modifier(art.text, &art.orgs[si], &art.people[si], o)
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
    // people stand for their organizations
    for p in sc.ppl.iter().filter(|p| p.start < cut) {
        if let Some(o) = person_org(&art.entities[p.ent])
            && in_parties.insert(o)
        {
            parties.push((o, particles.is_subject(p.tail)));
        }
    }
    if parties.len() == 1 {
        let fill =
            running_org.or_else(|| running_person.and_then(|p| person_org(&art.entities[p])));
        if let Some(f) = fill
            && parties[0].0 != f
        {
            parties.insert(0, (f, true));
        }
    }
    (parties, links)
}

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
