//! States named as a group (한미일, 한ㆍ폴란드: the entity stage gives each member its own
//! mention) and the words that point back to a pair or group of states (양국, 3국, 두 나라).
//! A group right before the partnership trigger, or marked as subject, topic or joined, is
//! the parties (한미일 협력, 한미일은 …을 조율 중이다); 양국 in the clause before the
//! trigger stands for the last pair of states named up to there.

use super::anaphora::{Stands, modifies_trigger, points_back};
use super::participants::Slot;
use super::{Article, Scene};

/// The characters that part the members of a group (as the entity stage reads them).
pub(super) const SEPARATORS: &[char] = crate::rules::SEPARATORS;

/// The groups of states of sentence `si`: runs of two or more mentions of different
/// countries with nothing or one separator between them, each as (entities, start, end).
fn groups(art: &Article, si: usize) -> Vec<(Vec<usize>, usize, usize)> {
    let country = |s: &Slot| art.entities[s.ent].subtype.as_deref() == Some("country");
    let mut out: Vec<(Vec<usize>, usize, usize)> = Vec::new();
    let mut run: Option<(Vec<usize>, usize, usize)> = None;
    for s in art.places[si].iter().filter(|s| country(s)) {
        let joined = run.as_ref().is_some_and(|(ents, _, end)| {
            let between = &art.text[*end..s.start.max(*end)];
            let mut cs = between.chars();
            let glued = match (cs.next(), cs.next()) {
                (None, _) => true,
                (Some(c), None) => SEPARATORS.contains(&c),
                _ => false,
            };
            glued && !ents.contains(&s.ent)
        });
        if joined {
            if let Some((ents, _, end)) = run.as_mut() {
                ents.push(s.ent);
                *end = s.end;
            }
        } else {
            if let Some(r) = run.take().filter(|r| r.0.len() >= 2) {
                out.push(r);
            }
            run = Some((vec![s.ent], s.start, s.end));
        }
    }
    if let Some(r) = run.filter(|r| r.0.len() >= 2) {
        out.push(r);
    }
    out
}

/// Is the place mention `p` of sentence `si` a member of a group of states (한 of 한미일)?
/// Such a country names a party, never where something happens.
pub(super) fn grouped(art: &Article, si: usize, p: &Slot) -> bool {
    groups(art, si)
        .iter()
        .any(|(_, s, e)| *s <= p.start && p.end <= *e)
}

/// The states that are the parties of a partnership whose trigger starts at byte `at` of
/// the text, its clause starting at `from`: a group in the clause that the trigger follows
/// within a few words with no particle between (한미일 3국 협력), or that particles mark as
/// subject, topic or joined (한미일은, 한ㆍ폴란드가); else, when the clause has 양국 (3국 for
/// three) before the trigger, the last group or joined pair of states named up to there.
pub(super) fn group_parties(art: &Article, sc: &Scene, from: usize, at: usize) -> Vec<usize> {
    let particles = &art.rules.particles;
    for (ents, s, e) in groups(art, sc.si).into_iter().rev() {
        if s < from || e > at || sc.quotes.inside(s - sc.sent.start) {
            continue;
        }
        let tail = super::participants::tail_after(art.text, e);
        let marked =
            particles.is_subject(tail) || particles.is_topic(tail) || particles.joins(tail);
        let modifies = tail.is_empty() && modifies_trigger(&art.text[e..at]);
        if marked || modifies {
            return ents;
        }
    }
    let clause = &art.text[from..at];
    let size = if points_back(art, clause, Stands::TwoStates).is_some() {
        2
    } else if points_back(art, clause, Stands::ThreeStates).is_some() {
        3
    } else {
        return Vec::new();
    };
    last_states(art, sc.si, at)
        .filter(|g| g.len() == size)
        .unwrap_or_default()
}

/// The last group of states named before byte `at`, in sentence `si` or before it: a group
/// (한ㆍ폴란드) or two countries joined by 와/과 (한국과 폴란드는).
fn last_states(art: &Article, si: usize, at: usize) -> Option<Vec<usize>> {
    let particles = &art.rules.particles;
    (0..=si).rev().find_map(|k| {
        let mut best: Option<(usize, Vec<usize>)> = groups(art, k)
            .into_iter()
            .filter(|g| g.2 <= at)
            .map(|(ents, s, _)| (s, ents))
            .next_back();
        let countries: Vec<&Slot> = art.places[k]
            .iter()
            .filter(|s| s.end <= at)
            .filter(|s| art.entities[s.ent].subtype.as_deref() == Some("country"))
            .collect();
        for w in countries.windows(2) {
            if particles.joins(w[0].tail)
                && w[1].start == w[0].end + w[0].tail.len() + 1
                && w[0].ent != w[1].ent
                && best.as_ref().is_none_or(|(s, _)| w[0].start > *s)
            {
                best = Some((w[0].start, vec![w[0].ent, w[1].ent]));
            }
        }
        best.map(|(_, ents)| ents)
    })
}
