//! One event told in several sentences is one entry: a new meeting or partnership is merged
//! into an earlier one of the same participants (and compatible status and date), which
//! gains its evidence sentences, topics and whatever it left unknown.

use rustc_hash::FxHashMap;

use super::status::NOT_YET;
use super::{MAX_MERGE_CANDIDATES, Meeting, Partnership};
use crate::dates::DateMention;

/// An event that can absorb the same event told again.
pub(super) trait Event {
    /// Entity indices of who takes part.
    fn members(&self) -> &[usize];
    /// Is `new` (of the same members) the same event told again?
    fn same_event(&self, new: &Self, dates: &[DateMention]) -> bool;
    /// Takes in what `new`, the same event told again, adds.
    fn absorb(&mut self, new: Self);
}

impl Event for Meeting {
    fn members(&self) -> &[usize] {
        &self.participants
    }

    fn same_event(&self, new: &Meeting, dates: &[DateMention]) -> bool {
        same_set(&self.participants, &new.participants)
            && same_time(self.status, new.status)
            && dates_compatible(self.date, new.date, dates)
    }

    fn absorb(&mut self, m: Meeting) {
        let rank = |s: &str| NOT_YET.iter().position(|x| *x == s).unwrap_or(usize::MAX);
        if rank(m.status) < rank(self.status) {
            self.status = m.status;
        }
        for e in m.evidence {
            add_evidence(&mut self.evidence, e);
        }
        self.date = self.date.or(m.date);
        // the most detailed place (a venue over a city over a country); the first of equals
        if m.place.map(|p| p.detail) > self.place.map(|p| p.detail) {
            self.place = m.place;
        }
        self.hedge = self.hedge.or(m.hedge);
        add_topics(&mut self.topics, m.topics);
    }
}

impl Event for Partnership {
    fn members(&self) -> &[usize] {
        &self.parties
    }

    fn same_event(&self, new: &Partnership, _: &[DateMention]) -> bool {
        same_set(&self.parties, &new.parties) && self.status == new.status
    }

    fn absorb(&mut self, p: Partnership) {
        for e in p.evidence {
            add_evidence(&mut self.evidence, e);
        }
        self.date = self.date.or(p.date);
        add_topics(&mut self.topics, p.topics);
    }
}

/// The events found so far (`list`) and their indices by participants (as a sorted list),
/// so that a new event is compared only with those of the same participants, the most
/// recent first.
pub(super) struct Merged<E> {
    pub(super) list: Vec<E>,
    by_members: FxHashMap<Vec<usize>, Vec<usize>>,
    /// Some event was compared with only the last [`MAX_MERGE_CANDIDATES`] of its
    /// participants.
    pub(super) missed: bool,
}

impl<E> Default for Merged<E> {
    fn default() -> Self {
        Merged {
            list: Vec::new(),
            by_members: FxHashMap::default(),
            missed: false,
        }
    }
}

impl<E: Event> Merged<E> {
    /// Adds `e`, merged into an earlier entry if it is the same event told again; the index
    /// of the entry that holds it.
    pub(super) fn add(&mut self, e: E, dates: &[DateMention]) -> usize {
        let same = self.by_members.entry(set_key(e.members())).or_default();
        if same.len() > MAX_MERGE_CANDIDATES {
            self.missed = true;
        }
        // the first in list order among the candidates (as a scan of the whole list found)
        let list = &mut self.list;
        let found = same[same.len().saturating_sub(MAX_MERGE_CANDIDATES)..]
            .iter()
            .copied()
            .find(|&i| list[i].same_event(&e, dates));
        match found {
            Some(i) => {
                list[i].absorb(e);
                i
            }
            None => {
                same.push(list.len());
                list.push(e);
                list.len() - 1
            }
        }
    }
}

impl Merged<Partnership> {
    /// Adds `p`, the partnership that an earlier one's parties are pointed back to with
    /// (양사는 …): it is that partnership told again, so it goes into the last entry of the
    /// same parties whatever its status, which becomes the further one of the two (talks
    /// that end in an agreement are the agreement; an agreement followed by plans stays
    /// agreed). The index of the entry that holds it.
    pub(super) fn restate(&mut self, p: Partnership) -> usize {
        let last = self
            .by_members
            .get(&set_key(&p.parties))
            .and_then(|v| v.last().copied());
        match last {
            Some(i) => {
                let e = &mut self.list[i];
                if outcome_rank(p.status) > outcome_rank(e.status) {
                    e.status = p.status;
                }
                e.absorb(p);
                i
            }
            None => self.add(p, &[]),
        }
    }
}

/// How many sentences apart a meeting with no date may be from the larger one it is part of.
const PART_SENTENCES: usize = 2;

/// One meeting told first with some of its participants and later with all of them (A met
/// B in June; then A, B and C held talks): the smaller entry goes into the larger one, when
/// the two are at the same time (the same state and compatible dates) and either both are
/// dated or they are told within [`PART_SENTENCES`] of each other. Entries keep their order.
pub(super) fn fold_parts(list: Vec<Meeting>, dates: &[DateMention]) -> Vec<Meeting> {
    let n = list.len();
    let mut into: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let small = &list[i];
        let near = |m: &Meeting| {
            small
                .evidence
                .iter()
                .any(|&a| m.evidence.iter().any(|&b| a.abs_diff(b) <= PART_SENTENCES))
        };
        into[i] = (0..n).find(|&j| {
            let big = &list[j];
            j != i
                && into[j].is_none()
                && big.participants.len() > small.participants.len()
                && small
                    .participants
                    .iter()
                    .all(|p| big.participants.contains(p))
                && same_time(small.status, big.status)
                && dates_compatible(small.date, big.date, dates)
                && ((small.date.is_some() && big.date.is_some()) || near(big))
        });
    }
    let mut slots: Vec<Option<Meeting>> = list.into_iter().map(Some).collect();
    for i in 0..n {
        if let Some(j) = into[i]
            && let Some(small) = slots[i].take()
        {
            // the larger entry keeps its participants, in its order
            if let Some(big) = slots[j].as_mut() {
                big.absorb(small);
                big.evidence.sort_unstable();
                big.evidence.dedup();
            }
        }
    }
    slots.into_iter().flatten().collect()
}

/// How far a partnership has gone, for [`Merged::restate`]: what is only said of it, then
/// asked, talked about, planned, under way, agreed, and ended.
fn outcome_rank(status: &str) -> usize {
    const ORDER: &[&str] = &[
        "speculated",
        "requested",
        "discussed",
        "planned",
        "ongoing",
        "agreed",
        "ended",
    ];
    ORDER.iter().position(|s| *s == status).unwrap_or(0)
}

fn set_key(v: &[usize]) -> Vec<usize> {
    let mut k = v.to_vec();
    k.sort_unstable();
    k.dedup();
    k
}

fn same_set(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

fn same_time(a: &str, b: &str) -> bool {
    a == b || NOT_YET.contains(&a) && NOT_YET.contains(&b)
}

fn dates_compatible(a: Option<usize>, b: Option<usize>, dates: &[DateMention]) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            let (vx, vy) = (&dates[x].value, &dates[y].value);
            match (vx, vy) {
                (Some(vx), Some(vy)) => {
                    match (crate::dates::value_range(vx), crate::dates::value_range(vy)) {
                        (Some((a1, b1)), Some((a2, b2))) => a1 <= b2 && a2 <= b1,
                        _ => vx == vy,
                    }
                }
                // unresolved (no reference date): the same mention, or the same relative
                // words (the same rule and shift: 다음 주 … 다음 주) told again
                (None, None) => {
                    let (dx, dy) = (&dates[x], &dates[y]);
                    dx.start == dy.start
                        || (dx.rule == dy.rule
                            && dx.anchor_shift == dy.anchor_shift
                            && dx.grain == dy.grain
                            && dx.direction == dy.direction)
                }
                _ => dates[x].start == dates[y].start,
            }
        }
        _ => true,
    }
}

/// Adds sentence `e` to an evidence list (kept in sentence order, without repeats).
fn add_evidence(evidence: &mut Vec<usize>, e: usize) {
    // sentences come in order: a new one is at the end (the scan is for any other case)
    if evidence.last().is_none_or(|&l| l < e) || !evidence.contains(&e) {
        evidence.push(e);
    }
}

fn add_topics(topics: &mut Vec<String>, new: Vec<String>) {
    for t in new {
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a reference date, the same relative words told again (headline and lead)
    /// are one time, and other words are not.
    #[test]
    fn unresolved_dates_of_the_same_words_merge() {
        let a = crate::Analyzer::builtin();
        let opts = crate::Options::default();
        let text = "윤가람 대표, 다음 주 박하늘 회장과 회동\n\
                    윤가람 누리전자 대표는 다음 주 박하늘 바다은행 회장과 회동할 예정이다.";
        let r = a.analyze(text, &opts);
        assert_eq!(r.meetings.len(), 1, "{:?}", r.meetings);
        assert_eq!(r.meetings[0].evidence, [0, 1]);
        let text = "윤가람 누리전자 대표는 다음 주 박하늘 바다은행 회장과 회동할 예정이다. \
                    윤가람 대표는 다음 달 박하늘 회장과 다시 회동할 예정이다.";
        let r = a.analyze(text, &opts);
        assert_eq!(r.meetings.len(), 2, "{:?}", r.meetings);
    }

    fn meeting(participants: &[usize], status: &'static str, sentence: usize) -> Meeting {
        Meeting {
            participants: participants.to_vec(),
            date: None,
            place: None,
            status,
            hedge: None,
            topics: vec![],
            evidence: vec![sentence],
            rule: String::new(),
        }
    }

    #[test]
    fn a_meeting_told_with_fewer_people_goes_into_the_larger_one() {
        // A met B (sentence 1), then A, B and C met (sentence 2): one meeting of three
        let parts = fold_parts(
            vec![
                meeting(&[0, 1], "happened", 1),
                meeting(&[0, 1, 2], "happened", 2),
            ],
            &[],
        );
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].participants, [0, 1, 2]);
        assert_eq!(parts[0].evidence, [1, 2]);
        // far apart and undated: two meetings
        let apart = fold_parts(
            vec![
                meeting(&[0, 1], "happened", 1),
                meeting(&[0, 1, 2], "happened", 9),
            ],
            &[],
        );
        assert_eq!(apart.len(), 2);
        // one held, one only planned: two meetings
        let states = fold_parts(
            vec![
                meeting(&[0, 1], "happened", 1),
                meeting(&[0, 1, 2], "planned", 2),
            ],
            &[],
        );
        assert_eq!(states.len(), 2);
        // only sharing someone is not being part of it
        let other = fold_parts(
            vec![
                meeting(&[0, 3], "happened", 1),
                meeting(&[0, 1, 2], "happened", 2),
            ],
            &[],
        );
        assert_eq!(other.len(), 2);
    }

    fn partnership(parties: &[usize], status: &'static str, sentence: usize) -> Partnership {
        Partnership {
            parties: parties.to_vec(),
            topics: vec![format!("t{sentence}")],
            status,
            hedge: None,
            date: None,
            evidence: vec![sentence],
            rule: String::new(),
        }
    }

    #[test]
    fn the_same_meeting_told_again_is_merged() {
        let mut m = Merged::default();
        m.add(meeting(&[1, 2], "happened", 0), &[]);
        m.add(meeting(&[2, 1], "happened", 3), &[]);
        m.add(meeting(&[1, 3], "happened", 4), &[]);
        assert_eq!(m.list.len(), 2);
        assert_eq!(m.list[0].evidence, [0, 3]);
        assert!(!m.missed);
    }

    #[test]
    fn a_meeting_not_yet_held_takes_the_strongest_status() {
        let mut m = Merged::default();
        m.add(meeting(&[1, 2], "planned", 0), &[]);
        m.add(meeting(&[1, 2], "cancelled", 1), &[]);
        m.add(meeting(&[1, 2], "happened", 2), &[]);
        assert_eq!(m.list.len(), 2);
        assert_eq!(m.list[0].status, "cancelled");
        assert_eq!(m.list[1].status, "happened");
    }

    #[test]
    fn partnerships_merge_only_with_the_same_status() {
        let mut p = Merged::default();
        p.add(partnership(&[5, 6], "agreed", 0), &[]);
        p.add(partnership(&[6, 5], "agreed", 2), &[]);
        p.add(partnership(&[5, 6], "planned", 3), &[]);
        assert_eq!(p.list.len(), 2);
        assert_eq!(p.list[0].evidence, [0, 2]);
        assert_eq!(p.list[0].topics, ["t0", "t2"]);
    }

    #[test]
    fn evidence_stays_in_order_without_repeats() {
        let mut v = vec![1, 4];
        add_evidence(&mut v, 4);
        add_evidence(&mut v, 2);
        add_evidence(&mut v, 5);
        assert_eq!(v, [1, 4, 2, 5]);
    }
}
