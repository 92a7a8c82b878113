//! Meetings and partnerships: events built from trigger words (`meeting_triggers.tsv`,
//! `partnership_triggers.tsv`) and the people and organizations of the same sentence.
//!
//! Participants: the sentence's subject (a person marked 은/는/이/가, with the people joined
//! to it by 와/과), or, when Korean leaves the subject out, the running subject (the last
//! person marked as a topic in an earlier sentence), meets each other person named. Status
//! and hedge come from `status_cues.tsv` and `hedges.tsv`, read from the trigger to the end
//! of the sentence; date and place are the first of the sentence. Entries for the same
//! participants, status and compatible dates are merged into one event with several
//! evidence sentences.

mod anaphora;
mod clauses;
mod groups;
mod limits;
mod meetings;
mod merge;
mod participants;
mod partnerships;
mod place;
mod quotes;
mod status;

use crate::dates::DateMention;
use crate::entities::{EType, Entity};
use crate::rules::{LazyRegex, RuleError, RuleSet};
use crate::segment::{Kind, Sentence};

use limits::Bounds;
pub use limits::{
    MAX_MEETINGS_PER_SENTENCE, MAX_MERGE_CANDIDATES, MAX_PAIRS_PER_SENTENCE, MAX_PARTICIPANTS,
    MAX_SLOTS,
};
use merge::Merged;
use participants::{Particles, Slot, slots, title_holder, title_holders};
pub use place::{Detail, Place, PlaceRef};
use quotes::Quotes;
pub(crate) use status::{HEDGES, MEETING_STATUS, NO_EVENT, PARTNERSHIP_STATUS};

/// A meeting between people (or organizations when one side is named only so).
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Entity indices of the participants, in order of mention.
    pub participants: Vec<usize>,
    /// Index into the article's dates.
    pub date: Option<usize>,
    /// Where it takes place: a place entity, or a venue's span of the text.
    pub place: Option<Place>,
    /// happened, planned, requested, cancelled, speculated.
    pub status: &'static str,
    /// reported, expected, speculated.
    pub hedge: Option<&'static str>,
    /// Topics named in the same sentences.
    pub topics: Vec<String>,
    /// Sentence indices.
    pub evidence: Vec<usize>,
    /// Trigger rule and status rule, for --explain.
    pub rule: String,
}

/// A partnership between organizations (or countries that act themselves).
#[derive(Debug, Clone)]
pub struct Partnership {
    /// Entity indices of the parties: organizations, or places of subtype country.
    pub parties: Vec<usize>,
    /// Topics.
    pub topics: Vec<String>,
    /// discussed, planned, agreed, ongoing, speculated, ended.
    pub status: &'static str,
    /// reported, expected, speculated.
    pub hedge: Option<&'static str>,
    /// Index into the article's dates.
    pub date: Option<usize>,
    /// Sentence indices.
    pub evidence: Vec<usize>,
    /// Trigger rule and status rule, for --explain.
    pub rule: String,
}

/// Trigger regexes with their rule names.
struct Triggers {
    /// (regex, rule origin, kind from the table's second column)
    list: Vec<(LazyRegex, String, String)>,
}

impl Triggers {
    /// The earliest trigger of `s` outside quotation marks, with its rule, trying only the
    /// triggers that `cands` (from the literal filter) says can match.
    fn first(
        &self,
        s: &str,
        quotes: &Quotes,
        cands: &[bool],
    ) -> Option<(std::ops::Range<usize>, &str, &str)> {
        self.first_in(s, quotes, cands, 0..s.len())
    }

    /// The earliest trigger of `s` inside quotation marks.
    fn first_quoted(
        &self,
        s: &str,
        quotes: &Quotes,
        cands: &[bool],
    ) -> Option<(std::ops::Range<usize>, &str, &str)> {
        self.first_where(s, cands, |start| quotes.inside(start))
    }

    /// [`Triggers::first`] among the matches that start in `within` (a clause of `s`).
    fn first_in(
        &self,
        s: &str,
        quotes: &Quotes,
        cands: &[bool],
        within: std::ops::Range<usize>,
    ) -> Option<(std::ops::Range<usize>, &str, &str)> {
        self.first_where(s, cands, |start| {
            within.contains(&start) && !quotes.inside(start)
        })
    }

    /// The earliest match of the candidate triggers whose start `keep` accepts.
    fn first_where(
        &self,
        s: &str,
        cands: &[bool],
        keep: impl Fn(usize) -> bool,
    ) -> Option<(std::ops::Range<usize>, &str, &str)> {
        if !cands.contains(&true) {
            return None;
        }
        self.list
            .iter()
            .zip(cands)
            .filter(|(_, c)| **c)
            .filter_map(|((re, o, kind), _)| {
                re.get()
                    .find_iter(s)
                    .find(|&(start, _)| keep(start))
                    .map(|(start, end)| (start..end, o.as_str(), kind.as_str()))
            })
            .min_by_key(|(m, _, _)| m.start)
    }
}

/// Compiled relation rules.
pub struct RelationRules {
    meeting: Triggers,
    partnership: Triggers,
    /// Which meeting and partnership triggers (in that order) can match a sentence at all,
    /// found in one pass (most sentences hold none).
    filter: crate::rules::LiteralFilter,
    cues: status::Cues,
    particles: Particles,
    places: place::PlaceWords,
    clauses: clauses::ClauseEndings,
    quotative: clauses::QuotativeEndings,
    groups: meetings::Groupings,
    anaphora: anaphora::Anaphora,
    /// The particle stacks after words (`particles.txt`: 과, 들과, 에게는 …).
    tails: crate::morph::Particles,
}

impl RelationRules {
    /// Compiles every trigger and status cue now (they are otherwise compiled on first use,
    /// in the middle of the first article).
    pub fn compile_all(&self) {
        for (re, ..) in self.meeting.list.iter().chain(&self.partnership.list) {
            re.get();
        }
        self.cues.compile_all();
    }

    /// Compiles the trigger, cue and hedge tables.
    pub fn new(rules: &RuleSet) -> Result<RelationRules, RuleError> {
        let triggers = |name: &str| -> Result<Triggers, RuleError> {
            let list = rules
                .rows(name)
                .map(|r| {
                    Ok((
                        LazyRegex::for_short_texts(r.get(0).to_string(), r.at(), !r.builtin)?,
                        r.origin(),
                        r.get(1).to_string(),
                    ))
                })
                .collect::<Result<Vec<_>, RuleError>>()?;
            Ok(Triggers { list })
        };
        let cues = status::Cues::new(rules)?;
        let meeting = triggers("meeting_triggers.tsv")?;
        let partnership = triggers("partnership_triggers.tsv")?;
        let filter = crate::rules::LiteralFilter::new(
            meeting
                .list
                .iter()
                .chain(&partnership.list)
                .map(|(re, _, _)| re.as_str()),
        );
        Ok(RelationRules {
            meeting,
            partnership,
            filter,
            cues,
            particles: Particles::new(rules),
            places: place::PlaceWords::new(rules),
            clauses: clauses::ClauseEndings::new(rules),
            quotative: clauses::QuotativeEndings::new(rules),
            groups: meetings::Groupings::new(rules),
            anaphora: anaphora::Anaphora::new(rules),
            tails: crate::morph::Particles::new(rules),
        })
    }
}

/// Builds this stage's fixed word list now (it is otherwise built on first use).
pub fn warm_up() {
    status::warm_up();
}

/// Finds the meetings and partnerships of an article.
pub fn extract(
    rules: &RelationRules,
    text: &str,
    sentences: &[Sentence],
    entities: &[Entity],
    dates: &[DateMention],
    reference: Option<crate::dates::Ymd>,
) -> (Vec<Meeting>, Vec<Partnership>) {
    let mut warnings = Vec::new();
    extract_with_warnings(
        rules,
        text,
        sentences,
        entities,
        dates,
        reference,
        &mut warnings,
    )
}

/// What the passes over the sentences know of the article: its names by sentence (people,
/// organizations, places, products, in text order), the title holders, the first date of
/// each sentence.
struct Article<'a> {
    rules: &'a RelationRules,
    text: &'a str,
    entities: &'a [Entity],
    dates: &'a [DateMention],
    reference: Option<crate::dates::Ymd>,
    people: Vec<Vec<Slot<'a>>>,
    orgs: Vec<Vec<Slot<'a>>>,
    places: Vec<Vec<Slot<'a>>>,
    products: Vec<Vec<Slot<'a>>>,
    /// Who holds which title at which organization, by organization (for "IAEA 사무총장").
    holders: Vec<Vec<(usize, &'a str)>>,
    /// The first date of each sentence.
    first_date: Vec<Option<usize>>,
}

impl<'a> Article<'a> {
    fn new(
        rules: &'a RelationRules,
        text: &'a str,
        n: usize,
        entities: &'a [Entity],
        dates: &'a [DateMention],
        reference: Option<crate::dates::Ymd>,
        bounds: &mut Bounds,
    ) -> Article<'a> {
        let people = slots(text, entities, n, EType::Person, &mut bounds.slots);
        let orgs = slots(text, entities, n, EType::Organization, &mut bounds.slots);
        let places = slots(text, entities, n, EType::Place, &mut bounds.slots);
        let products = slots(text, entities, n, EType::Product, &mut bounds.slots);
        // found once (dates are in text order)
        let mut first_date: Vec<Option<usize>> = vec![None; n];
        for (i, d) in dates.iter().enumerate().rev() {
            if d.sentence < n {
                first_date[d.sentence] = Some(i);
            }
        }
        Article {
            rules,
            text,
            entities,
            dates,
            reference,
            people,
            orgs,
            places,
            products,
            holders: title_holders(entities),
            first_date,
        }
    }

    /// What the event passes need of sentence `si` (which holds a trigger).
    fn scene<'s>(&'s self, si: usize, sent: &'s Sentence, quotes: Quotes) -> Scene<'s> {
        let text = self.text;
        let topics: Vec<String> = self.products[si]
            .iter()
            .map(|p| self.entities[p.ent].name.clone())
            .fold(Vec::new(), |mut v, t| {
                if !v.contains(&t) {
                    v.push(t);
                }
                v
            });
        // "IAEA 사무총장" with no name: the person of the article who holds that title there
        let holders: Vec<Slot> = self.orgs[si]
            .iter()
            .filter_map(|o| title_holder(text, &self.holders, o))
            .filter(|h| !self.people[si].iter().any(|p| p.ent == h.ent))
            .collect();
        let mut ppl: Vec<Slot> = self.people[si]
            .iter()
            .chain(holders.iter())
            .filter(|p| !quotes.inside(p.start - sent.start))
            .cloned()
            .collect();
        ppl.sort_by_key(|p| p.start);
        Scene {
            si,
            sent,
            s: &text[sent.start..sent.end],
            date: self.first_date.get(si).copied().flatten(),
            topics,
            quotes,
            ppl,
        }
    }

    /// Who a clause starting at byte `from` of the sentence `sc` is about when it leaves
    /// its subject out: the person and organization marked as subject or topic earlier in
    /// the sentence, else the running subject.
    fn subject_before(&self, sc: &Scene, from: usize, running: Running) -> Running {
        if from == 0 {
            return running;
        }
        let cut = sc.sent.start + from;
        let p = &self.rules.particles;
        let marked = |v: &[Slot]| {
            v.iter()
                .filter(|x| x.start < cut && !sc.quotes.inside(x.start - sc.sent.start))
                .find(|x| p.is_subject(x.tail) || p.is_topic(x.tail))
                .map(|x| x.ent)
        };
        let person = marked(&sc.ppl);
        let org = marked(&self.orgs[sc.si]);
        match (person, org) {
            (None, None) => running,
            _ => (person, org),
        }
    }

    /// The running subject for the sentences after `si` (person, organization): the topic
    /// of this one, if it has one.
    fn move_subject(&self, si: usize, sent: &Sentence, quotes: &Quotes, running: &mut Running) {
        if let Some(p) = self.people[si]
            .iter()
            .find(|p| self.rules.particles.is_topic(p.tail) && !quotes.inside(p.start - sent.start))
        {
            running.0 = Some(p.ent);
        }
        if let Some(o) = self.orgs[si]
            .iter()
            .find(|o| self.rules.particles.is_topic(o.tail))
        {
            running.1 = Some(o.ent);
        }
    }
}

/// The running subject (person, organization): the last person and organization marked as
/// a topic, who a sentence without subject is about.
type Running = (Option<usize>, Option<usize>);

/// One sentence with a trigger, as the meeting and partnership passes see it.
struct Scene<'s> {
    si: usize,
    sent: &'s Sentence,
    /// The sentence's text.
    s: &'s str,
    /// Its first date, and its products (as topics).
    date: Option<usize>,
    topics: Vec<String>,
    quotes: Quotes,
    /// The people named outside quotes (and the holders of titles named with an
    /// organization), in text order.
    ppl: Vec<Slot<'s>>,
}

/// [`extract`], saying in `warnings` where a bound on the work (see [`MAX_SLOTS`]) left
/// something out.
pub fn extract_with_warnings(
    rules: &RelationRules,
    text: &str,
    sentences: &[Sentence],
    entities: &[Entity],
    dates: &[DateMention],
    reference: Option<crate::dates::Ymd>,
    warnings: &mut Vec<String>,
) -> (Vec<Meeting>, Vec<Partnership>) {
    let mut bounds = Bounds::default();
    let art = Article::new(
        rules,
        text,
        sentences.len(),
        entities,
        dates,
        reference,
        &mut bounds,
    );
    let mut meetings: Merged<Meeting> = Merged::default();
    let mut partnerships: Merged<Partnership> = Merged::default();
    let mut running: Running = (None, None);
    // the sentence and entry of the last partnership found (what 양사 points back to)
    let mut last_partnership: Option<(usize, usize)> = None;
    // and of the last meeting (what 두 사람 points back to)
    let mut last_meeting: Option<(usize, usize)> = None;
    for (si, sent) in sentences.iter().enumerate() {
        if sent.kind == Kind::Boilerplate {
            continue;
        }
        let s = &text[sent.start..sent.end];
        let cands = rules.filter.candidates(s);
        if !cands.contains(&true) {
            // no trigger: only the running subject moves on (quotes are found only when
            // a topic might be quoted)
            let quotes = if art.people[si]
                .iter()
                .any(|p| rules.particles.is_topic(p.tail))
            {
                Quotes::new(s)
            } else {
                Quotes::default()
            };
            art.move_subject(si, sent, &quotes, &mut running);
            continue;
        }
        let (meeting_cands, partnership_cands) = cands.split_at(rules.meeting.list.len());
        let sc = art.scene(si, sent, Quotes::new(s));
        if let Some((tm, trigger, _)) = rules.meeting.first(s, &sc.quotes, meeting_cands) {
            let added = meetings::add(
                &art,
                &sc,
                tm.start,
                trigger,
                meetings::Before {
                    person: running.0,
                    meeting: last_meeting,
                },
                &mut bounds,
                &mut meetings,
            );
            if let Some(&i) = added.last() {
                last_meeting = Some((si, i));
            }
        }
        if partnership_cands.contains(&true) {
            sentence_partnerships(
                &art,
                &sc,
                partnership_cands,
                running,
                &mut last_partnership,
                &mut bounds,
                &mut partnerships,
            );
        }
        art.move_subject(si, sent, &sc.quotes, &mut running);
    }
    bounds.missed_merges = meetings.missed || partnerships.missed;
    bounds.warn(warnings);
    (merge::fold_parts(meetings.list, dates), partnerships.list)
}

/// The partnerships of one sentence: each clause its first partnership trigger (a clause
/// after the first that leaves its subject out is about the sentence's subject), else one
/// in quoted speech.
fn sentence_partnerships(
    art: &Article,
    sc: &Scene,
    partnership_cands: &[bool],
    running: Running,
    last_partnership: &mut Option<(usize, usize)>,
    bounds: &mut Bounds,
    partnerships: &mut Merged<Partnership>,
) {
    let rules = art.rules;
    let s = sc.s;
    // each clause its first partnership trigger; a clause after the first that leaves
    // its subject out is about the sentence's subject
    let mut found_partnership = false;
    {
        // the partnerships of the last clause that named parties
        let mut before: Vec<usize> = Vec::new();
        for clause in rules.clauses.split(s, &sc.quotes) {
            let Some((tm, trigger, kind)) =
                rules
                    .partnership
                    .first_in(s, &sc.quotes, partnership_cands, clause.clone())
            else {
                continue;
            };
            let running = art.subject_before(sc, clause.start, running);
            let last = (*last_partnership)
                .map(|(k, i): (usize, usize)| (k, partnerships.list[i].parties.clone()));
            let added = partnerships::add(
                art,
                sc,
                tm.start..clause.end,
                clause.start,
                (trigger, kind),
                running,
                last.as_ref().map(|(k, p)| (*k, p.as_slice())),
                bounds,
                partnerships,
            );
            if let Some(&i) = added.last() {
                *last_partnership = Some((sc.si, i));
            }
            if !added.is_empty() {
                found_partnership = true;
                before = added;
            } else if let Some(status) =
                partnerships::continued_status(art, sc, tm.start..clause.end, kind)
            {
                for &i in &before {
                    partnerships.list[i].status = status;
                }
            }
        }
    }
    // "…와 협력하겠다"고 말했다: what the speaker says of their own side
    if !found_partnership
        && !sc.quotes.is_empty()
        && let Some((tm, trigger, kind)) =
            rules
                .partnership
                .first_quoted(s, &sc.quotes, partnership_cands)
    {
        let added = partnerships::add_quoted(art, sc, tm, (trigger, kind), running, partnerships);
        if let Some(&i) = added.last() {
            *last_partnership = Some((sc.si, i));
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::dates::Ymd;
    use crate::{Analyzer, Options};

    /// The meetings (participant names, status, rule) and partnerships (party names, status,
    /// rule) that the relation stage finds in `body` after the stages before it, with
    /// 2024-02-21 as the reference date.
    fn events(body: &str) -> (Vec<Event>, Vec<Event>) {
        let a = Analyzer::builtin();
        let text = format!("제목\n{body}");
        let sentences = a.segmenter.split(&text);
        let scan = crate::morph::WordScan::new(&text);
        let ents = crate::entities::extract_at(&a.entity_rules, &text, &sentences, &scan);
        let reference = Ymd::parse("2024-02-21");
        let mut anchor = None;
        let mut dates = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            dates.extend(crate::dates::find_at(
                &a.date_rules,
                &text[s.start..s.end],
                s.start,
                si,
                reference,
                &mut anchor,
                &scan.starts,
            ));
        }
        let (m, p) = super::extract(
            &a.relation_rules,
            &text,
            &sentences,
            &ents,
            &dates,
            reference,
        );
        let names = |v: &[usize]| v.iter().map(|&i| ents[i].name.clone()).collect();
        (
            m.iter()
                .map(|m| (names(&m.participants), m.status, m.rule.clone()))
                .collect(),
            p.iter()
                .map(|p| (names(&p.parties), p.status, p.rule.clone()))
                .collect(),
        )
    }

    /// Names, status and rule of an event.
    pub(super) type Event = (Vec<String>, &'static str, String);

    /// The meetings of `body` (see [`events`]).
    pub(super) fn meetings_of(body: &str) -> Vec<Event> {
        events(body).0
    }

    /// The partnerships of `body` (see [`events`]).
    pub(super) fn partnerships(body: &str) -> Vec<Event> {
        events(body).1
    }

    /// The report of `body` under a headline `제목`, dated 2024-02-21.
    pub(super) fn run(body: &str) -> crate::report::Report {
        let opts = Options {
            reference_date: Ymd::parse("2024-02-21"),
            ..Default::default()
        };
        Analyzer::builtin().analyze(&format!("제목\n{body}"), &opts)
    }

    fn meetings(body: &str) -> Vec<(Vec<String>, &'static str)> {
        run(body)
            .meetings
            .into_iter()
            .map(|m| {
                (
                    m.participants.into_iter().map(|p| p.name).collect(),
                    m.status,
                )
            })
            .collect()
    }

    #[test]
    fn status_from_the_verb() {
        assert_eq!(
            meetings("홍길순 한빛전자 사장은 김철수 두리은행 행장을 만났다.")[0].1,
            "happened"
        );
        assert_eq!(
            meetings("홍길순 한빛전자 사장은 김철수 두리은행 행장을 만날 예정이다.")[0].1,
            "planned"
        );
        assert_eq!(
            meetings("홍길순 한빛전자 사장은 김철수 두리은행 행장에게 면담을 요청했다.")[0].1,
            "requested"
        );
        assert_eq!(
            meetings("홍길순 한빛전자 사장과 김철수 두리은행 행장의 회동이 취소됐다.")[0].1,
            "cancelled"
        );
    }

    #[test]
    fn the_trigger_word_keeps_its_own_tense() {
        // 만났고 … 예정이다: the meeting happened; what is planned is something else
        let m = meetings(
            "홍길순 한빛전자 사장은 김철수 두리은행 행장과 만났고 다음 달 공장을 지을 예정이다.",
        );
        assert_eq!(m[0].1, "happened");
    }

    #[test]
    fn a_dropped_subject_is_the_running_topic() {
        let m = meetings(
            "홍길순 한빛전자 사장은 이번 주 서울을 찾았다. 또한 김철수 두리은행 행장을 만날 예정이다.",
        );
        assert_eq!(
            m,
            [(vec!["홍길순".to_string(), "김철수".to_string()], "planned")]
        );
    }

    #[test]
    fn one_event_told_twice_is_one_entry() {
        let r = run(
            "홍길순 한빛전자 사장은 21일 김철수 두리은행 행장을 만났다. 홍 사장은 이날 김 행장과 만나 협력을 논의했다.",
        );
        assert_eq!(r.meetings.len(), 1, "{:?}", r.meetings);
        assert_eq!(r.meetings[0].evidence, [1, 2]);
    }

    #[test]
    fn listed_objects_are_separate_meetings_unless_together() {
        let m = meetings(
            "홍길순 한빛전자 사장은 김철수 두리은행 행장, 박영희 세모증권 대표와 연이어 만났다.",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        let m = meetings(
            "홍길순 한빛전자 사장은 김철수 두리은행 행장, 박영희 세모증권 대표와 함께 만찬을 했다.",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].0.len(), 3);
    }

    #[test]
    fn an_organization_and_title_stand_for_its_holder() {
        // 한빛전자 사장 (no name) is 홍길순, who holds that title there
        let m = meetings(
            "홍길순 한빛전자(HB) 사장은 21일 귀국했다. 김철수 두리은행 행장은 22일 한빛전자 사장을 만났다.",
        );
        assert_eq!(
            m,
            [(vec!["김철수".to_string(), "홍길순".to_string()], "happened")]
        );
    }

    #[test]
    fn organizations_meet_when_no_one_is_named() {
        let m = meetings("한빛전자와 두리은행 등은 오는 23일 만나 최종 방안을 확정할 방침이다.");
        assert_eq!(
            m,
            [(
                vec!["한빛전자".to_string(), "두리은행".to_string()],
                "planned"
            )]
        );
    }

    #[test]
    fn partnerships_pair_along_links() {
        let r = run("한빛전자와 두리은행, 한빛전자와 세모증권의 협업 소식이 전해졌다.");
        let pairs: Vec<Vec<String>> = r
            .partnerships
            .iter()
            .map(|p| p.parties.iter().map(|x| x.name.clone()).collect())
            .collect();
        assert_eq!(
            pairs,
            [vec!["한빛전자", "두리은행"], vec!["한빛전자", "세모증권"]]
        );
        let r = run("한빛전자와 두리은행은 21일 업무협약(MOU)을 체결했다.");
        assert_eq!(r.partnerships[0].status, "agreed");
        let r = run("한빛전자는 두리은행과 공동 개발을 추진하기로 했다.");
        assert_eq!(r.partnerships[0].status, "planned");
    }
}
