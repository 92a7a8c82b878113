//! Meetings of one sentence: the subject group (the person marked as subject with those
//! joined to it, or the running subject) meets each other person named, or everyone meets
//! together; organizations stand in when no one or only one side is named.

use super::anaphora::{Stands, names_the_event_again, points_back};
use super::merge::Merged;
use super::participants::{Slot, is_modifier};
use super::quotes::without_quotes;
use super::status::{NO_EVENT, planned_if_ahead};
use super::{Article, Bounds, MAX_MEETINGS_PER_SENTENCE, MAX_PARTICIPANTS, Meeting, Scene};

/// The words of `meeting_groups.tsv`: those that make everyone named one party to the same
/// meeting, and those that make a list of people met one by one.
pub(super) struct Groupings {
    together: Vec<&'static str>,
    separately: Vec<&'static str>,
    unnamed: Vec<&'static str>,
}

impl Groupings {
    /// Reads `meeting_groups.tsv` (the column is checked when the table is read).
    pub(super) fn new(rules: &crate::rules::RuleSet) -> Groupings {
        let mut g = Groupings {
            together: Vec::new(),
            separately: Vec::new(),
            unnamed: Vec::new(),
        };
        for r in rules.rows("meeting_groups.tsv") {
            match r.get(1) {
                "together" => g.together.push(r.get(0)),
                "unnamed" => g.unnamed.push(r.get(0)),
                _ => g.separately.push(r.get(0)),
            }
        }
        g
    }

    /// Is the word right before the trigger (the end of `before`) unnamed people with
    /// their particle (기자들과 만나)?
    fn unnamed_before(&self, before: &str, particles: &crate::morph::Particles) -> bool {
        let Some(word) = before.split_whitespace().next_back() else {
            return false;
        };
        self.unnamed.iter().any(|w| {
            word.strip_prefix(w)
                .is_some_and(|rest| !rest.is_empty() && particles.is_tail(rest))
        })
    }

    /// Does `text` hold a word that makes the people met one by one?
    fn separately(&self, text: &str) -> bool {
        self.separately.iter().any(|w| text.contains(w))
    }
}

/// What the sentences before leave for this one.
#[derive(Clone, Copy, Default)]
pub(super) struct Before {
    /// The running subject: the last person marked as subject or topic.
    pub(super) person: Option<usize>,
    /// The last meeting found: its sentence and its index among the entries.
    pub(super) meeting: Option<(usize, usize)>,
}

/// Adds the meetings of the sentence `sc`, whose meeting trigger (of rule `trigger`) starts
/// at byte `at` of the sentence.
pub(super) fn add(
    art: &Article,
    sc: &Scene,
    at: usize,
    trigger: &str,
    before: Before,
    bounds: &mut Bounds,
    out: &mut Merged<Meeting>,
) -> Vec<usize> {
    let clause_owned = without_quotes(&sc.s[at..]);
    let clause = clause_owned.as_str();
    let (status, cue) = art.rules.cues.meeting(clause);
    // 만나지 않았다, 만난 적이 없다: told as not taking place, no meeting; 기자들과 만나:
    // with people not named
    if status == NO_EVENT
        || art
            .rules
            .groups
            .unnamed_before(&sc.s[..at], &art.rules.tails)
    {
        return Vec::new();
    }
    let hedge = art.rules.cues.hedge(clause);
    let mut parties = match pointed_back(art, sc, at, before.meeting) {
        // 두 사람의 회동: the meeting before, named again (its status stays)
        Back::Again(i) => {
            let e = &mut out.list[i];
            if !e.evidence.contains(&sc.si) {
                e.evidence.push(sc.si);
            }
            return vec![i];
        }
        Back::Same(i) => vec![out.list[i].participants.clone()],
        Back::Unresolved => return Vec::new(),
        Back::No => sides(art, sc, at, before.person, bounds),
    };
    let mut date = date_of(art, sc, at);
    let status = planned_if_ahead(status, &cue, date, art.dates, art.reference);
    // an itinerary told sentence by sentence (26일 A를 만난다. 오후에는 B와 면담한다): a meeting
    // with no date of its own, right after one in the same state, is on that one's date
    if date.is_none()
        && let Some((k, i)) = before.meeting
        && sc.si - k <= ITINERARY_SENTENCES
        && out.list[i].status == status
    {
        date = out.list[i].date;
    }
    if parties.len() > MAX_MEETINGS_PER_SENTENCE {
        parties.truncate(MAX_MEETINGS_PER_SENTENCE);
        bounds.meetings.push(sc.si);
    }
    for p in &mut parties {
        if p.len() > MAX_PARTICIPANTS {
            p.truncate(MAX_PARTICIPANTS);
            bounds.participants.push(sc.si);
        }
    }
    let mut added = Vec::new();
    for mut participants in parties {
        // each participant once; a meeting needs two
        let mut seen = rustc_hash::FxHashSet::default();
        participants.retain(|&e| seen.insert(e));
        if participants.len() < 2 {
            continue;
        }
        let m = Meeting {
            participants,
            date,
            place: super::place::of_meeting(art, sc, at),
            status,
            hedge,
            topics: sc.topics.clone(),
            evidence: vec![sc.si],
            rule: format!("{trigger} + {cue}"),
        };
        added.push(out.add(m, art.dates));
    }
    added
}

/// How many sentences back the meeting may be whose date a dateless one takes.
const ITINERARY_SENTENCES: usize = 2;

/// How many sentences back 두 사람 may point to the meeting it stands for.
const ANTECEDENT_SENTENCES: usize = 3;

/// Whether a word before the trigger (at byte `at`) points back to the participants of
/// `last` (the sentence and entry of the last meeting found: 두 사람은, 이들은), no person
/// before the trigger being marked as subject or topic; and whether it only names that
/// meeting again (두 사람의 회동에 관심이 쏠렸다; 두 사람은 이날 회동에서 합의했다).
fn pointed_back(art: &Article, sc: &Scene, at: usize, last: Option<(usize, usize)>) -> Back {
    let before = without_quotes(&sc.s[..at]);
    let Some((_, tail)) = points_back(art, &before, Stands::People) else {
        return Back::No;
    };
    let particles = &art.rules.particles;
    let cut = sc.sent.start + at;
    let named_subject = sc
        .ppl
        .iter()
        .any(|p| p.start < cut && (particles.is_subject(p.tail) || particles.is_topic(p.tail)));
    if named_subject || particles.joins(tail) {
        return Back::No;
    }
    match last {
        Some((k, i)) if sc.si - k <= ANTECEDENT_SENTENCES => {
            if tail == "의" || names_the_event_again(art, &before) {
                Back::Again(i)
            } else {
                Back::Same(i)
            }
        }
        // 두 사람 with no meeting to stand for: the sides are not named here
        _ => Back::Unresolved,
    }
}

/// The meeting's date: of the sentence's dates that are not durations (7개월 만에), the last
/// before the trigger at byte `at` (20일 업계에 따르면 … 오는 23일 만나: 23일), else the first
/// after it.
fn date_of(art: &Article, sc: &Scene, at: usize) -> Option<usize> {
    let first = sc.date?;
    let cut = sc.sent.start + at;
    let of_sentence = (first..art.dates.len())
        .take_while(|&i| art.dates[i].sentence == sc.si)
        .filter(|&i| {
            !art.dates[i]
                .value
                .as_deref()
                .is_some_and(|v| v.starts_with('P'))
        });
    let mut after = None;
    let mut before = None;
    for i in of_sentence {
        if art.dates[i].start < cut {
            before = Some(i);
        } else if after.is_none() {
            after = Some(i);
        }
    }
    before.or(after)
}

/// What a word pointing back (두 사람, 이들) makes of a meeting trigger.
enum Back {
    /// No such word acts before the trigger.
    No,
    /// The meeting of entry `i`, named again (두 사람의 회동).
    Again(usize),
    /// A meeting of the participants of entry `i` (이들은 다시 만나기로 했다).
    Same(usize),
    /// The word acts but there is no meeting it could stand for.
    Unresolved,
}

/// The participants of each meeting of the sentence (a trigger at byte `at`).
fn sides(
    art: &Article,
    sc: &Scene,
    at: usize,
    running_person: Option<usize>,
    bounds: &mut Bounds,
) -> Vec<Vec<usize>> {
    if let Some(pair) = hyphened(art, sc, at) {
        return vec![pair];
    }
    // who is named after the report closes (만났다고 C가 전했다) reports the meeting
    let reported_by = art
        .rules
        .quotative
        .first_end(&sc.s[at..], &sc.quotes, at)
        .map(|e| sc.sent.start + at + e);
    let mut seen = rustc_hash::FxHashSet::default();
    let distinct: Vec<usize> = sc
        .ppl
        .iter()
        .filter(|p| reported_by.is_none_or(|cut| p.start < cut))
        .map(|p| p.ent)
        .filter(|&e| seen.insert(e))
        .collect();
    let mut group = subject_group(art, &sc.ppl, running_person, sc.si, bounds);
    let mut others: Vec<usize> = distinct
        .iter()
        .copied()
        .filter(|e| !group.contains(e))
        .collect();
    // no one named: organizations joined by 와/과 meet as such (카카오모빌리티와 택시
    // 4단체 등은 오는 23일 만나)
    if distinct.is_empty()
        && let Some(os) = joined_organizations(art, sc, at)
    {
        group.clear();
        others = os;
    }
    // one side named only as an organization
    if group.len() + others.len() == 1 {
        let affiliated: Vec<usize> = group
            .iter()
            .chain(others.iter())
            .flat_map(|&p| art.entities[p].roles.iter().filter_map(|r| r.org))
            .collect();
        // not a news outlet (뉴스1과의 통화에서: an interview, the source of the news)
        let media = |e: usize| art.entities[e].subtype.as_deref() == Some("media");
        if let Some(o) = art.orgs[sc.si]
            .iter()
            .find(|o| !affiliated.contains(&o.ent) && o.start < sc.sent.start + at && !media(o.ent))
        {
            others.push(o.ent);
        }
    }
    let together =
        together(&art.rules.groups, sc.s, at) || listed_counterparts(art, sc, at, &others);
    // a headline-style list with no subject marker: the first named meets the rest
    // (젠슨 황, 이재용·최태원 회장과 연쇄 회동)
    if group.is_empty() && others.len() >= 3 && !together {
        group.push(others.remove(0));
    }
    if group.is_empty() || others.is_empty() {
        let all: Vec<usize> = group.iter().chain(others.iter()).copied().collect();
        if all.len() >= 2 { vec![all] } else { vec![] }
    } else if together {
        vec![group.iter().chain(others.iter()).copied().collect()]
    } else {
        others
            .iter()
            .map(|&o| {
                let mut g = group.clone();
                g.push(o);
                g
            })
            .collect()
    }
}

/// People joined by hyphens right before the meeting noun (이재명-이낙연 회동, A-B-C
/// '막걸리 회동'): the news shorthand for a meeting of exactly those people, whoever the
/// sentence is about.
fn hyphened(art: &Article, sc: &Scene, at: usize) -> Option<Vec<usize>> {
    let cut = sc.sent.start + at;
    let ppl: Vec<&Slot> = sc.ppl.iter().filter(|p| p.end <= cut).collect();
    let last = ppl.last()?;
    let to_trigger: String = art.text[last.end..cut]
        .chars()
        .filter(|c| !matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”'))
        .collect();
    if !last.tail.is_empty() || !super::anaphora::modifies_trigger(&to_trigger) {
        return None;
    }
    let mut pair = vec![last.ent];
    for w in ppl.windows(2).rev() {
        if !matches!(&art.text[w[0].end..w[1].start], "-" | "–") {
            break;
        }
        pair.push(w[0].ent);
    }
    pair.reverse();
    pair.dedup();
    (pair.len() >= 2).then_some(pair)
}

/// The subject group: the first person marked as subject (or "too", X도, before another
/// person), with those joined to it (A와 B가; A 대표, B 회장이); else the running subject
/// of the article.
fn subject_group(
    art: &Article,
    ppl: &[Slot],
    running_person: Option<usize>,
    si: usize,
    bounds: &mut Bounds,
) -> Vec<usize> {
    let particles = &art.rules.particles;
    let mut group: Vec<usize> = Vec::new();
    // X도 B에게 …: without a subject, a person "too" ahead of another person heads the
    // sentence (B도 만났다, with no one after, is the one met)
    let subject = ppl
        .iter()
        .position(|p| particles.is_subject(p.tail))
        .or_else(|| {
            ppl.iter()
                .position(|p| particles.is_additive(p.tail))
                .filter(|&k| ppl[k + 1..].iter().any(|q| q.ent != ppl[k].ent))
        });
    if let Some(k) = subject {
        let mut j = k;
        while j > 0
            && (particles.joins(ppl[j - 1].tail) || listed_before(art.text, &ppl[j - 1], &ppl[j]))
        {
            j -= 1;
        }
        let mut seen = rustc_hash::FxHashSet::default();
        group.extend(ppl[j..=k].iter().map(|p| p.ent).filter(|&e| seen.insert(e)));
        // (room for the other side)
        if group.len() >= MAX_PARTICIPANTS {
            group.truncate(MAX_PARTICIPANTS - 1);
            bounds.participants.push(si);
        }
    } else if let Some(r) = running_person {
        group.push(r);
    }
    group
}

/// Is `a` an item of a list that `b` continues: no particle after `a` (and its title) and a
/// list comma or middle dot right before `b`, with no other comma between (A 대표, B 회장이)?
fn listed_before(text: &str, a: &Slot, b: &Slot) -> bool {
    let gap = &text[a.end..b.start];
    let Some(head) = gap.trim_end().strip_suffix([',', '·', 'ㆍ']) else {
        return false;
    };
    a.tail.is_empty() && !head.contains([',', '·', 'ㆍ']) && head.split_whitespace().count() <= 4
}

/// Are the people met one list, named with commas and closed by 와/과 right before the
/// trigger at byte `at` (A는 B 회장, C 회장과 만난다: one meeting of three; not with 연이어)?
fn listed_counterparts(art: &Article, sc: &Scene, at: usize, others: &[usize]) -> bool {
    let cut = sc.sent.start + at;
    let list: Vec<&Slot> = sc.ppl.iter().filter(|p| others.contains(&p.ent)).collect();
    let (Some(last), true) = (list.last(), list.len() >= 2) else {
        return false;
    };
    let comitative = art.rules.particles.joins(last.tail);
    // 연이어, 각각: one by one all the same
    let separately = art.rules.groups.separately(&sc.s[..at]);
    comitative
        && !separately
        && last.end < cut
        && art.text[last.end..cut].split_whitespace().count() <= 4
        && list.windows(2).all(|w| listed_before(art.text, w[0], w[1]))
}

/// The organizations before the trigger (at byte `at`) joined by 와/과 and the one they
/// are joined to, when there are at least two.
fn joined_organizations(art: &Article, sc: &Scene, at: usize) -> Option<Vec<usize>> {
    let cut = sc.sent.start + at;
    let si = sc.si;
    let os: Vec<&Slot> = art.orgs[si]
        .iter()
        .filter(|o| o.start < cut && !sc.quotes.inside(o.start - sc.sent.start))
        .filter(|o| !is_modifier(art.text, &art.orgs[si], &art.people[si], o))
        .collect();
    let particles = &art.rules.particles;
    if os.len() < 2 || !particles.joins(os[0].tail) {
        return None;
    }
    let mut others: Vec<usize> = os
        .iter()
        .take_while(|o| particles.joins(o.tail))
        .map(|o| o.ent)
        .collect();
    if let Some(last) = os.get(others.len()) {
        others.push(last.ent);
    }
    // one organization named twice in the list is one participant
    let mut seen = rustc_hash::FxHashSet::default();
    others.retain(|&e| seen.insert(e));
    (others.len() >= 2).then_some(others)
}

/// Do all named meet together? "A와 B 등 고위경영진과 회동" is one meeting; "A, B와
/// 연이어 만났다" is several.
fn together(groups: &Groupings, s: &str, at: usize) -> bool {
    let before_trigger = &s[..at];
    before_trigger.contains(" 등") && !groups.separately(before_trigger)
        || groups.together.iter().any(|w| s.contains(w))
}

#[cfg(test)]
mod tests {
    use super::super::tests::meetings_of as meetings;
    use super::together;

    /// The meetings of `body`: participants and the date's text.
    fn meetings_full(body: &str) -> Vec<(Vec<String>, Option<String>)> {
        super::super::tests::run(body)
            .meetings
            .into_iter()
            .map(|m| {
                let p = m.participants.into_iter().map(|p| p.name).collect();
                (p, m.date.map(|d| d.text))
            })
            .collect()
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tea_and_tours_together_are_meetings() {
        for s in [
            "윤가람 누리전자 대표는 어제 박하늘 바다은행 행장과 차담을 나눴다.",
            "윤가람 누리전자 대표는 어제 박하늘 바다은행 행장과 함께 공장을 둘러봤다.",
        ] {
            let m = meetings(s);
            assert_eq!(m.len(), 1, "{s}: {m:?}");
            assert_eq!(m[0].1, "happened", "{s}");
        }
        // a visit with no one to meet, and a tour alone, are no meetings
        assert!(meetings("윤가람 누리전자 대표는 어제 평택 공장을 방문했다.").is_empty());
        assert!(meetings("윤가람 누리전자 대표는 어제 공장을 둘러봤다.").is_empty());
    }

    #[test]
    fn an_organization_listed_twice_takes_part_once() {
        // (a jsonl_record fuzz finding: a meeting listed one organization twice)
        let m = meetings("누리전자와 한국 대표단, 바다은행과 누리전자는 양자 회담을 가졌다.");
        for e in &m {
            let mut names = e.0.clone();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), e.0.len(), "{m:?}");
            assert!(e.0.len() >= 2, "{m:?}");
        }
    }

    #[test]
    fn hyphened_names_before_a_meeting_noun_are_its_participants() {
        let m = meetings(
            "정하늘 대표와 최민호 회장은 웃었다. 박가람 대표는 정하늘-최민호 회동이 다음 주로 미뤄졌다고 말했다.",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].0, names(&["정하늘", "최민호"]));
        assert_eq!(m[0].1, "planned");
        // a hyphen elsewhere joins nothing
        let m = meetings("정하늘-최민호 대표 체제 이후 박가람 대표는 정하늘 대표를 만났다.");
        assert!(
            m.iter().all(|e| e.0 != names(&["정하늘", "최민호"])),
            "{m:?}"
        );
    }

    #[test]
    fn the_date_is_the_one_before_the_trigger_and_no_duration() {
        let m = meetings_full(
            "20일 업계에 따르면 정하늘 대표와 최민호 회장은 오는 23일 만날 예정이다.",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("오는 23일"));
        let m = meetings_full("정하늘 대표는 최민호 회장과 7개월 만에 다시 만났다.");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1, None);
    }

    #[test]
    fn an_itinerary_keeps_its_day() {
        let m = meetings_full(
            "김가람 대표는 26일 박누리 회장을 만난다. 오후에는 최하늘 장관과 면담한다.",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[1].1.as_deref(), Some("26일"));
        // not across a change of state
        let m = meetings_full(
            "김가람 대표는 지난 3일 박누리 회장을 만났다. 오후에는 최하늘 장관과 면담할 예정이다.",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[1].1, None);
    }

    #[test]
    fn the_two_with_no_meeting_before_give_none() {
        let m = meetings("정하늘 대표는 웃었다. 두 사람은 다음 주 다시 만날 예정이다.");
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn a_meeting_with_manna() {
        let m = meetings("윤가람 누리전자 사장은 서하늘 바다은행 행장을 만났다.");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].0, names(&["윤가람", "서하늘"]));
        assert_eq!(m[0].1, "happened");
        assert!(m[0].2.starts_with("meeting_triggers.tsv:"), "{}", m[0].2);
    }

    #[test]
    fn a_meeting_with_hoedong() {
        let m = meetings("윤가람 누리전자 사장은 어제 서하늘 바다은행 행장과 회동했다.");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1, "happened");
    }

    #[test]
    fn a_phone_call_is_a_meeting() {
        let m = meetings("윤가람 누리전자 사장은 서하늘 바다은행 행장과 전화 통화를 했다.");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].0, names(&["윤가람", "서하늘"]));
    }

    #[test]
    fn a_planned_meeting() {
        let m = meetings("윤가람 누리전자 사장은 서하늘 바다은행 행장과 만날 계획이다.");
        assert_eq!(m[0].1, "planned");
    }

    #[test]
    fn a_cancelled_meeting() {
        let m = meetings("윤가람 누리전자 사장과 서하늘 바다은행 행장의 면담이 무산됐다.");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1, "cancelled");
    }

    #[test]
    fn a_meeting_dated_ahead_without_tense_is_planned() {
        let m = meetings("윤가람 누리전자 사장, 다음 주 서하늘 바다은행 행장과 회동");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1, "planned");
    }

    #[test]
    fn no_meeting_without_a_trigger_or_a_second_side() {
        assert!(meetings("윤가람 누리전자 사장은 서하늘 바다은행 행장을 칭찬했다.").is_empty());
        assert!(meetings("윤가람 누리전자 사장은 오늘 만남의 광장을 찾았다.").is_empty());
    }

    #[test]
    fn a_quoted_meeting_word_triggers_nothing() {
        let m = meetings("윤가람 누리전자 사장은 서하늘 바다은행 행장에게 “곧 만나자”고 말했다.");
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn together_or_one_by_one() {
        let g = super::Groupings::new(&crate::rules::RuleSet::builtin().unwrap());
        assert!(together(
            &g,
            "A와 B 등 임원진과 회동",
            "A와 B 등 임원진과 ".len()
        ));
        assert!(!together(
            &g,
            "A와 B 등과 연이어 회동",
            "A와 B 등과 연이어 ".len()
        ));
        assert!(together(&g, "A는 B와 함께 만났다", "A는 B와 함께 ".len()));
        assert!(!together(&g, "A는 B, C와 만났다", "A는 B, C와 ".len()));
    }
}
