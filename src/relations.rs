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

use crate::dates::DateMention;
use crate::entities::{EType, Entity};
use crate::rules::{LazyRegex, RuleError, RuleSet};
use crate::segment::{Kind, Sentence};

/// A meeting between people (or organizations when one side is named only so).
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Entity indices of the participants, in order of mention.
    pub participants: Vec<usize>,
    /// Index into the article's dates.
    pub date: Option<usize>,
    /// Place entity index.
    pub place: Option<usize>,
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

/// A partnership between organizations.
#[derive(Debug, Clone)]
pub struct Partnership {
    /// Organization entity indices.
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
                    .find(|&(start, _)| !quotes.inside(start))
                    .map(|(start, end)| (start..end, o.as_str(), kind.as_str()))
            })
            .min_by_key(|(m, _, _)| m.start)
    }
}

struct Cue {
    re: std::sync::Arc<LazyRegex>,
    status: &'static str,
    origin: String,
}

/// Compiled relation rules.
pub struct RelationRules {
    meeting: Triggers,
    partnership: Triggers,
    /// Which meeting and partnership triggers (in that order) can match a sentence at all,
    /// found in one pass (most sentences hold none).
    filter: crate::rules::LiteralFilter,
    meeting_cues: Vec<Cue>,
    partnership_cues: Vec<Cue>,
    hedges: Vec<(LazyRegex, &'static str)>,
}

pub(crate) const MEETING_STATUS: &[&str] = crate::report::values::MEETING_STATUSES;
pub(crate) const PARTNERSHIP_STATUS: &[&str] = crate::report::values::PARTNERSHIP_STATUSES;
pub(crate) const HEDGES: &[&str] = crate::report::values::HEDGES;

fn intern(s: &str, set: &[&'static str], origin: &str) -> Result<&'static str, RuleError> {
    set.iter().copied().find(|x| *x == s).ok_or_else(|| {
        let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
        RuleError {
            file: file.into(),
            line: line.parse().unwrap_or(0),
            msg: format!("unknown value {s:?}; expected one of {}", set.join(", ")),
        }
    })
}

impl RelationRules {
    /// Compiles the trigger, cue and hedge tables.
    pub fn new(rules: &RuleSet) -> Result<RelationRules, RuleError> {
        let triggers = |name: &str| -> Result<Triggers, RuleError> {
            let list = rules
                .rows(name)
                .map(|r| {
                    Ok((
                        LazyRegex::for_short_texts(r.get(0).to_string(), &r.origin(), !r.builtin)?,
                        r.origin(),
                        r.get(1).to_string(),
                    ))
                })
                .collect::<Result<Vec<_>, RuleError>>()?;
            Ok(Triggers { list })
        };
        let mut meeting_cues = Vec::new();
        let mut partnership_cues = Vec::new();
        for r in rules.rows("status_cues.tsv") {
            let re = std::sync::Arc::new(LazyRegex::for_short_texts(
                r.get(1).to_string(),
                &r.origin(),
                !r.builtin,
            )?);
            match r.get(0) {
                "meeting" => meeting_cues.push(Cue {
                    re,
                    status: intern(r.get(2), MEETING_STATUS, &r.origin())?,
                    origin: r.origin(),
                }),
                "partnership" => partnership_cues.push(Cue {
                    re,
                    status: intern(r.get(2), PARTNERSHIP_STATUS, &r.origin())?,
                    origin: r.origin(),
                }),
                "any" => {
                    meeting_cues.push(Cue {
                        re: re.clone(),
                        status: intern(r.get(2), MEETING_STATUS, &r.origin())?,
                        origin: r.origin(),
                    });
                    partnership_cues.push(Cue {
                        re,
                        status: intern(r.get(2), PARTNERSHIP_STATUS, &r.origin())?,
                        origin: r.origin(),
                    });
                }
                other => {
                    return Err(RuleError {
                        file: r.file().into(),
                        line: r.line() as usize,
                        msg: format!(
                            "unknown scope {other:?}; expected meeting, partnership or any"
                        ),
                    });
                }
            }
        }
        let hedges = rules
            .rows("hedges.tsv")
            .map(|r| {
                Ok((
                    LazyRegex::for_short_texts(r.get(0).to_string(), &r.origin(), !r.builtin)?,
                    intern(r.get(1), HEDGES, &r.origin())?,
                ))
            })
            .collect::<Result<_, RuleError>>()?;
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
            meeting_cues,
            partnership_cues,
            hedges,
        })
    }
}

/// A mention of an entity in one sentence, with the particles after it.
#[derive(Debug, Clone)]
struct Slot<'a> {
    ent: usize,
    start: usize,
    /// End of the mention (before any appositive title and particle).
    end: usize,
    tail: &'a str,
}

fn tail_after(text: &str, end: usize) -> &str {
    let stop = text[end..]
        .char_indices()
        .find(|&(_, c)| !crate::morph::is_alnum(c))
        .map(|(i, _)| end + i)
        .unwrap_or(text.len());
    &text[end..stop]
}

fn is_subject(tail: &str) -> bool {
    matches!(
        tail,
        "은" | "는" | "이" | "가" | "께서" | "께서는" | "측은" | "측이" | "이나" | "만"
    )
}

fn is_topic(tail: &str) -> bool {
    matches!(tail, "은" | "는" | "께서는" | "측은")
}

fn joins(tail: &str) -> bool {
    matches!(tail, "와" | "과" | "하고" | "및" | "," | "랑" | "이랑")
}

/// Builds this stage's fixed word list now (it is otherwise built on first use).
pub fn warm_up() {
    std::sync::LazyLock::force(&PAST_WORD);
}

fn status_of(cues: &[Cue], clause: &str, default: &'static str) -> (&'static str, String) {
    for c in cues {
        if c.re.get().is_match(clause) {
            return (c.status, c.origin.clone());
        }
    }
    (default, "default".into())
}

fn hedge_of(rules: &RelationRules, s: &str) -> Option<&'static str> {
    rules
        .hedges
        .iter()
        .find(|(re, _)| re.get().is_match(s))
        .map(|(_, h)| *h)
}

/// Bounds on the work per sentence and per event, far above what news holds (the most in
/// the 4,355 articles of the development corpus: 19 people in one sentence, 8 participants
/// in one meeting), so that a crafted sentence costs time linear in its length. Past a
/// bound the article's `warnings` say what was left out.
///
/// The mentions of one type (people, organizations, places, products) of one sentence that
/// are looked at: the first ones, in text order.
pub const MAX_SLOTS: usize = 256;
/// Participants of one meeting.
pub const MAX_PARTICIPANTS: usize = 16;
/// Meetings one sentence yields (`A는 B, C, D와 각각 만났다`: three).
pub const MAX_MEETINGS_PER_SENTENCE: usize = 32;
/// Partnership pairs one sentence yields.
pub const MAX_PAIRS_PER_SENTENCE: usize = 256;
/// Earlier events of the same participants that a new one is compared with to merge (the
/// most recent ones): past it, an event told again is listed again rather than merged.
pub const MAX_MERGE_CANDIDATES: usize = 64;

/// The people and organizations of each sentence, in text order, at most [`MAX_SLOTS`] of
/// each sentence (the sentences cut short are pushed to `cut`).
fn slots<'a>(
    text: &'a str,
    entities: &[Entity],
    n: usize,
    etype: EType,
    cut: &mut Vec<usize>,
) -> Vec<Vec<Slot<'a>>> {
    let mut out: Vec<Vec<Slot>> = vec![Vec::new(); n];
    for (i, e) in entities.iter().enumerate() {
        if e.etype != etype {
            continue;
        }
        for m in &e.mentions {
            if m.sentence < n {
                out[m.sentence].push(Slot {
                    ent: i,
                    start: m.start,
                    end: m.end,
                    tail: tail_after(text, m.phrase_end.max(m.end)),
                });
            }
        }
    }
    for (si, v) in out.iter_mut().enumerate() {
        v.sort_by_key(|s| s.start);
        if v.len() > MAX_SLOTS {
            v.truncate(MAX_SLOTS);
            cut.push(si);
        }
    }
    out
}

/// Is `pos` inside quotation marks in `s` (counted from the sentence start)?
/// `s` with the text inside quotation marks blanked (the marks stay), so that cue words
/// inside quoted speech do not decide an event's status.
fn without_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    let mut straight = false;
    for c in s.chars() {
        match c {
            '“' | '‘' => {
                depth += 1;
                out.push(c);
            }
            '”' | '’' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            '"' => {
                straight = !straight;
                out.push(c);
            }
            _ if depth > 0 || straight => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Where a sentence's quotation marks are, to tell whether a position is inside a quote
/// in logarithmic time (a sentence can be a whole flattened article).
#[derive(Default)]
struct Quotes {
    opens: Vec<usize>,
    closes: Vec<usize>,
    straight: Vec<usize>,
}

impl Quotes {
    fn new(s: &str) -> Quotes {
        let mut q = Quotes {
            opens: Vec::new(),
            closes: Vec::new(),
            straight: Vec::new(),
        };
        // “ and ” are E2 80 9C and E2 80 9D in UTF-8: a byte scan finds them and "
        let b = s.as_bytes();
        for (i, &x) in b.iter().enumerate() {
            match x {
                b'"' => q.straight.push(i),
                0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                    Some(0x9C) => q.opens.push(i),
                    Some(0x9D) => q.closes.push(i),
                    _ => {}
                },
                _ => {}
            }
        }
        q
    }

    /// Is byte `pos` (from the sentence start) inside quotation marks?
    fn inside(&self, pos: usize) -> bool {
        let before = |v: &Vec<usize>| v.partition_point(|&x| x < pos);
        before(&self.opens) + before(&self.straight) % 2 > before(&self.closes)
    }
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
    let n = sentences.len();
    let mut bounds = Bounds::default();
    let people = slots(text, entities, n, EType::Person, &mut bounds.slots);
    let orgs = slots(text, entities, n, EType::Organization, &mut bounds.slots);
    let places = slots(text, entities, n, EType::Place, &mut bounds.slots);
    let products = slots(text, entities, n, EType::Product, &mut bounds.slots);
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut partnerships: Vec<Partnership> = Vec::new();
    let mut merge = MergeIndex::default();
    // who holds which title at which organization, by organization (for "IAEA 사무총장")
    let mut holders: Vec<Vec<(usize, &str)>> = vec![Vec::new(); entities.len()];
    for (p, e) in entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.etype == EType::Person)
    {
        for r in &e.roles {
            if let Some(o) = r.org {
                holders[o].push((p, r.title.as_str()));
            }
        }
    }
    // the first date of each sentence, found once (dates are in text order)
    let mut first_date: Vec<Option<usize>> = vec![None; n];
    for (i, d) in dates.iter().enumerate().rev() {
        if d.sentence < n {
            first_date[d.sentence] = Some(i);
        }
    }
    let mut running_person: Option<usize> = None;
    let mut running_org: Option<usize> = None;

    for (si, sent) in sentences.iter().enumerate() {
        if sent.kind == Kind::Boilerplate {
            continue;
        }
        let s = &text[sent.start..sent.end];
        let cands = rules.filter.candidates(s);
        let (meeting_cands, partnership_cands) = cands.split_at(rules.meeting.list.len());
        // the running subject for the sentences that follow: the topic of this one
        let move_subject =
            |quotes: &Quotes, person: &mut Option<usize>, org: &mut Option<usize>| {
                if let Some(p) = people[si]
                    .iter()
                    .find(|p| is_topic(p.tail) && !quotes.inside(p.start - sent.start))
                {
                    *person = Some(p.ent);
                }
                if let Some(o) = orgs[si].iter().find(|o| is_topic(o.tail)) {
                    *org = Some(o.ent);
                }
            };
        if !cands.contains(&true) {
            // no trigger: only the running subject moves on (quotes are found only when
            // a topic might be quoted)
            let quotes = if people[si].iter().any(|p| is_topic(p.tail)) {
                Quotes::new(s)
            } else {
                Quotes::default()
            };
            move_subject(&quotes, &mut running_person, &mut running_org);
            continue;
        }
        let date = first_date.get(si).copied().flatten();
        let place = places[si].first().map(|p| p.ent);
        let topics: Vec<String> = products[si]
            .iter()
            .map(|p| entities[p.ent].name.clone())
            .fold(Vec::new(), |mut v, t| {
                if !v.contains(&t) {
                    v.push(t);
                }
                v
            });
        let quotes = Quotes::new(s);
        // "IAEA 사무총장" with no name: the person of the article who holds that title there
        let holders: Vec<Slot> = orgs[si]
            .iter()
            .filter_map(|o| title_holder(text, &holders, o))
            .filter(|h| !people[si].iter().any(|p| p.ent == h.ent))
            .collect();
        let mut ppl: Vec<&Slot> = people[si]
            .iter()
            .chain(holders.iter())
            .filter(|p| !quotes.inside(p.start - sent.start))
            .collect();
        ppl.sort_by_key(|p| p.start);

        // meetings
        if let Some((tm, trig_origin, _)) = rules.meeting.first(s, &quotes, meeting_cands) {
            let clause_owned = without_quotes(&s[tm.start..]);
            let clause = clause_owned.as_str();
            // the trigger's own word may carry the tense (만났고, 회담했으며): that decides,
            // whatever the end of the sentence plans next
            let own = clause.split(char::is_whitespace).next().unwrap_or("");
            let (status, cue) = if PAST_WORD.is_match(own)
                && !rules
                    .meeting_cues
                    .iter()
                    .take_while(|c| c.status != "planned")
                    .any(|c| c.re.get().is_match(clause))
            {
                ("happened", "pattern/past_tense_trigger".to_string())
            } else if own.ends_with("에서") || own.ends_with("에서는") || own.ends_with("에선")
            {
                // "이번 회동에서 … 제안할 것": the meeting is the setting; what is proposed or
                // cancelled there is something else, so only its tense counts
                let tense: Vec<&Cue> = rules
                    .meeting_cues
                    .iter()
                    .filter(|c| matches!(c.status, "planned" | "happened"))
                    .collect();
                tense
                    .iter()
                    .find(|c| c.re.get().is_match(clause))
                    .map(|c| (c.status, c.origin.clone()))
                    .unwrap_or(("happened", "default".into()))
            } else {
                status_of(&rules.meeting_cues, clause, "happened")
            };
            let hedge = hedge_of(rules, clause);
            let mut seen = rustc_hash::FxHashSet::default();
            let distinct: Vec<usize> = ppl
                .iter()
                .map(|p| p.ent)
                .filter(|&e| seen.insert(e))
                .collect();
            // subject group: the first person marked as subject, with those joined to it;
            // else the running subject of the article
            let subj_pos = ppl.iter().position(|p| is_subject(p.tail));
            let mut group: Vec<usize> = Vec::new();
            if let Some(k) = subj_pos {
                let mut j = k;
                while j > 0 && joins(ppl[j - 1].tail) {
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
            let mut others: Vec<usize> = distinct
                .iter()
                .copied()
                .filter(|e| !group.contains(e))
                .collect();
            // no one named: organizations joined by 와/과 meet as such (카카오모빌리티와 택시
            // 4단체 등은 오는 23일 만나)
            if distinct.is_empty() {
                let cut = sent.start + tm.start;
                let os: Vec<&Slot> = orgs[si]
                    .iter()
                    .filter(|o| o.start < cut && !quotes.inside(o.start - sent.start))
                    .filter(|o| !is_modifier(text, &orgs[si], &people[si], o))
                    .collect();
                if os.len() >= 2 && joins(os[0].tail) {
                    group.clear();
                    others = os
                        .iter()
                        .take_while(|o| joins(o.tail))
                        .map(|o| o.ent)
                        .collect();
                    if let Some(last) = os.get(others.len()) {
                        others.push(last.ent);
                    }
                    others.dedup();
                }
            }
            // one side named only as an organization
            if group.len() + others.len() == 1 {
                let affiliated: Vec<usize> = group
                    .iter()
                    .chain(others.iter())
                    .flat_map(|&p| entities[p].roles.iter().filter_map(|r| r.org))
                    .collect();
                if let Some(o) = orgs[si]
                    .iter()
                    .find(|o| !affiliated.contains(&o.ent) && o.start < sent.start + tm.start)
                {
                    others.push(o.ent);
                }
            }
            // "A와 B 등 고위경영진과 회동" is one meeting; "A, B와 연이어 만났다" is several
            let before_trigger = &s[..tm.start];
            let together = before_trigger.contains(" 등")
                && !SEPARATELY.iter().any(|w| before_trigger.contains(w))
                || TOGETHER.iter().any(|w| s.contains(w));
            // a headline-style list with no subject marker: the first named meets the rest
            // (젠슨 황, 이재용·최태원 회장과 연쇄 회동)
            if group.is_empty() && others.len() >= 3 && !together {
                group.push(others.remove(0));
            }
            let mut parties: Vec<Vec<usize>> = if group.is_empty() || others.is_empty() {
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
            };
            // a meeting told without tense but dated ahead is planned: by its words (다음 주,
            // 오는 28일, 내년), whether or not a reference date resolves them, or by a
            // resolved date after the reference date
            let ahead = date.is_some_and(|d| {
                dates[d].direction == Some(1)
                    || matches!((dates[d].value.as_deref(), reference), (Some(v), Some(r)) if after_reference(v, r))
            });
            let status = if status == "happened" && cue == "default" && ahead {
                "planned"
            } else {
                status
            };
            if parties.len() > MAX_MEETINGS_PER_SENTENCE {
                parties.truncate(MAX_MEETINGS_PER_SENTENCE);
                bounds.meetings.push(si);
            }
            for p in &mut parties {
                if p.len() > MAX_PARTICIPANTS {
                    p.truncate(MAX_PARTICIPANTS);
                    bounds.participants.push(si);
                }
            }
            for participants in parties {
                add_meeting(
                    &mut merge,
                    &mut meetings,
                    Meeting {
                        participants,
                        date,
                        place,
                        status,
                        hedge,
                        topics: topics.clone(),
                        evidence: vec![si],
                        rule: format!("{trig_origin} + {cue}"),
                    },
                    dates,
                );
            }
        }

        // partnerships
        if let Some((tm, trig_origin, kind)) =
            rules.partnership.first(s, &quotes, partnership_cands)
        {
            let clause_owned = without_quotes(&s[tm.start..]);
            let clause = clause_owned.as_str();
            // no cue: an agreement word (MOU, 협약) names a signed agreement, a negotiation one
            // under discussion, any other an existing collaboration
            let default = match kind {
                "agreement" => "agreed",
                "discuss" => "discussed",
                _ => "ongoing",
            };
            let (status, cue) = status_of(&rules.partnership_cues, clause, default);
            let hedge = hedge_of(rules, clause);
            let cut = sent.start + tm.start;
            let mut parties: Vec<(usize, bool)> = Vec::new();
            let mut links: Vec<(usize, usize)> = Vec::new();
            let mut prev_joining: Option<usize> = None;
            let mut in_parties = rustc_hash::FxHashSet::default();
            for o in orgs[si]
                .iter()
                .filter(|o| o.start < cut && !quotes.inside(o.start - sent.start))
            {
                if entities[o.ent].subtype.as_deref() == Some("media")
                    || is_modifier(text, &orgs[si], &people[si], o)
                {
                    continue;
                }
                if let Some(a) = prev_joining.take()
                    && a != o.ent
                {
                    links.push((a, o.ent));
                }
                if joins(o.tail) {
                    prev_joining = Some(o.ent);
                }
                if in_parties.insert(o.ent) {
                    parties.push((o.ent, is_subject(o.tail)));
                }
            }
            // people stand for their organizations
            for p in ppl.iter().filter(|p| p.start < cut) {
                if let Some(o) = person_org(&entities[p.ent])
                    && in_parties.insert(o)
                {
                    parties.push((o, is_subject(p.tail)));
                }
            }
            if parties.len() == 1 {
                let fill =
                    running_org.or_else(|| running_person.and_then(|p| person_org(&entities[p])));
                if let Some(f) = fill
                    && parties[0].0 != f
                {
                    parties.insert(0, (f, true));
                }
            }
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
            if pairs.len() > MAX_PAIRS_PER_SENTENCE {
                pairs.truncate(MAX_PAIRS_PER_SENTENCE);
                bounds.pairs.push(si);
            }
            for parties in pairs {
                add_partnership(
                    &mut merge,
                    &mut partnerships,
                    Partnership {
                        parties,
                        topics: topics.clone(),
                        status,
                        hedge,
                        date,
                        evidence: vec![si],
                        rule: format!("{trig_origin} + {cue}"),
                    },
                );
            }
        }

        move_subject(&quotes, &mut running_person, &mut running_org);
    }
    bounds.missed_merges = merge.missed;
    bounds.warn(warnings);
    (meetings, partnerships)
}

/// Where the bounds on the work cut something short (sentence indices).
#[derive(Default)]
struct Bounds {
    slots: Vec<usize>,
    participants: Vec<usize>,
    meetings: Vec<usize>,
    pairs: Vec<usize>,
    missed_merges: bool,
}

impl Bounds {
    fn warn(mut self, warnings: &mut Vec<String>) {
        let mut say = |v: &mut Vec<usize>, what: String| {
            if v.is_empty() {
                return;
            }
            v.sort_unstable();
            v.dedup();
            let list: Vec<String> = v.iter().take(5).map(|i| i.to_string()).collect();
            let more = if v.len() > 5 { ", …" } else { "" };
            warnings.push(format!(
                "{what} (sentence {}{more}): events there may be incomplete",
                list.join(", ")
            ));
        };
        say(
            &mut self.slots,
            format!(
                "more than {MAX_SLOTS} names of one kind in a sentence; only the first {MAX_SLOTS} were read for events"
            ),
        );
        say(
            &mut self.participants,
            format!(
                "a meeting of more than {MAX_PARTICIPANTS} participants; only the first {MAX_PARTICIPANTS} were kept"
            ),
        );
        say(
            &mut self.meetings,
            format!(
                "more than {MAX_MEETINGS_PER_SENTENCE} meetings in a sentence; only the first {MAX_MEETINGS_PER_SENTENCE} were kept"
            ),
        );
        say(
            &mut self.pairs,
            format!(
                "more than {MAX_PAIRS_PER_SENTENCE} partnerships in a sentence; only the first {MAX_PAIRS_PER_SENTENCE} were kept"
            ),
        );
        if self.missed_merges {
            warnings.push(format!(
                "more than {MAX_MERGE_CANDIDATES} separate events of the same participants: some events told again may be listed twice"
            ));
        }
    }
}

/// The events found so far, by their participants (as a sorted list), so that a new event
/// is compared only with those of the same participants, the most recent first.
#[derive(Default)]
struct MergeIndex {
    meetings: rustc_hash::FxHashMap<Vec<usize>, Vec<usize>>,
    partnerships: rustc_hash::FxHashMap<Vec<usize>, Vec<usize>>,
    missed: bool,
}

fn set_key(v: &[usize]) -> Vec<usize> {
    let mut k = v.to_vec();
    k.sort_unstable();
    k.dedup();
    k
}

/// Adds sentence `e` to an evidence list (kept in sentence order, without repeats).
fn add_evidence(evidence: &mut Vec<usize>, e: usize) {
    // sentences come in order: a new one is at the end (the scan is for any other case)
    if evidence.last().is_none_or(|&l| l < e) || !evidence.contains(&e) {
        evidence.push(e);
    }
}

/// `IAEA 사무총장` (an organization and a title, no name): the one person of the article
/// who holds that title at that organization, as a participant slot at the same place.
fn title_holder<'a>(
    text: &'a str,
    holders: &[Vec<(usize, &str)>],
    o: &Slot<'a>,
) -> Option<Slot<'a>> {
    if !o.tail.is_empty() {
        return None;
    }
    let after = &text[o.end..];
    let gap = after.len() - after.trim_start_matches(' ').len();
    if gap != 1 {
        return None;
    }
    let word_start = o.end + gap;
    let mut found = holders
        .get(o.ent)?
        .iter()
        .filter(|(_, title)| text[word_start..].starts_with(title));
    let &(ent, title) = found.next()?;
    if found.any(|&(p, _)| p != ent) {
        return None; // two people hold it: unclear
    }
    Some(Slot {
        ent,
        start: o.start,
        end: o.end,
        tail: tail_after(text, word_start + title.len()),
    })
}

/// The organization a person stands for: a current role (not 창업주, not 전/당시/고).
fn person_org(e: &Entity) -> Option<usize> {
    const FOUNDER: &[&str] = &["창업주", "창업자", "설립자", "공동창업자"];
    e.roles
        .iter()
        .rev()
        .filter(|r| r.qualifier.is_none() && !FOUNDER.contains(&r.title.as_str()))
        .find_map(|r| r.org)
        .or_else(|| e.roles.iter().find_map(|r| r.org))
}

/// An organization name used to modify a noun (`하버드대 동문`, `삼성 재단`) rather than
/// as an actor: no particle after it and a plain word (no other name) right after.
fn is_modifier(text: &str, orgs: &[Slot], people: &[Slot], o: &Slot) -> bool {
    if !o.tail.is_empty() {
        return false;
    }
    let rest = &text[o.end..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.len() == rest.len() {
        return false; // punctuation or end right after the name
    }
    let next = o.end + (rest.len() - trimmed.len());
    // slots are sorted by start: a name starting right there is found by binary search
    let starts_at = |v: &[Slot]| v.binary_search_by_key(&next, |x| x.start).is_ok();
    if starts_at(orgs) || starts_at(people) {
        return false;
    }
    trimmed.chars().next().is_some_and(crate::morph::is_alnum)
        && !ACTOR_NEXT.iter().any(|w| trimmed.starts_with(w))
}

/// Words after a bare organization name that keep it the actor: its side (측, 쪽), its
/// standpoint (입장에서), "X too" (역시, 또한, 도), lists (및, 등), itself (자체).
const ACTOR_NEXT: &[&str] = &[
    "측",
    "쪽",
    "및",
    "등",
    "입장",
    "역시",
    "또한",
    "자체",
    "스스로",
    "모두",
    "양측",
];

/// A past-tense verb ending (만났다, 회담했으며): 36 words, searched as words.
static PAST_WORD: std::sync::LazyLock<crate::rules::Pattern> = std::sync::LazyLock::new(|| {
    crate::rules::Pattern::new(r"(났|했|였|었|았|졌)(다|고|으며|는데|지만|던)", file!())
        .expect("static pattern")
});

/// Words that make everyone named one party to the same meeting.
const TOGETHER: &[&str] = &["3자", "4자", "동석", "함께", "참석", "배석", "자리를 같이"];

/// Is the TIMEX3 value `v` (2024-02-28, 2024-W09, 2024-03, 2025) wholly after `r`?
fn after_reference(v: &str, r: crate::dates::Ymd) -> bool {
    if let Some(d) = crate::dates::Ymd::parse(v) {
        return d > r;
    }
    let ref_week = r.iso_week();
    if v.contains("-W") {
        return v > ref_week.as_str();
    }
    let ym = format!("{:04}-{:02}", r.y, r.m);
    match v.len() {
        7 if v.as_bytes()[4] == b'-' => v > ym.as_str(),
        4 => v > format!("{:04}", r.y).as_str(),
        _ => false,
    }
}

const SEPARATELY: &[&str] = &["연이어", "잇따라", "각각", "차례로", "연쇄"];

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
                _ => dates[x].start == dates[y].start,
            }
        }
        _ => true,
    }
}

fn same_set(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// Statuses of a meeting that has not taken place, strongest first: the same participants
/// told as planned in one sentence and requested in the next are one event.
const NOT_YET: &[&str] = &["cancelled", "requested", "planned", "speculated"];

fn same_time(a: &str, b: &str) -> bool {
    a == b || NOT_YET.contains(&a) && NOT_YET.contains(&b)
}

fn add_meeting(index: &mut MergeIndex, list: &mut Vec<Meeting>, m: Meeting, dates: &[DateMention]) {
    let key = set_key(&m.participants);
    let same = index.meetings.entry(key).or_default();
    if same.len() > MAX_MERGE_CANDIDATES {
        index.missed = true;
    }
    // the first in list order among the candidates (as a scan of the whole list found)
    let found = same[same.len().saturating_sub(MAX_MERGE_CANDIDATES)..]
        .iter()
        .copied()
        .find(|&i| {
            let o = &list[i];
            same_set(&o.participants, &m.participants)
                && same_time(o.status, m.status)
                && dates_compatible(o.date, m.date, dates)
        });
    if let Some(old) = found.map(|i| &mut list[i]) {
        let rank = |s: &str| NOT_YET.iter().position(|x| *x == s).unwrap_or(usize::MAX);
        if rank(m.status) < rank(old.status) {
            old.status = m.status;
        }
        for e in m.evidence {
            add_evidence(&mut old.evidence, e);
        }
        old.date = old.date.or(m.date);
        old.place = old.place.or(m.place);
        old.hedge = old.hedge.or(m.hedge);
        for t in m.topics {
            if !old.topics.contains(&t) {
                old.topics.push(t);
            }
        }
        return;
    }
    same.push(list.len());
    list.push(m);
}

fn add_partnership(index: &mut MergeIndex, list: &mut Vec<Partnership>, p: Partnership) {
    let key = set_key(&p.parties);
    let same = index.partnerships.entry(key).or_default();
    if same.len() > MAX_MERGE_CANDIDATES {
        index.missed = true;
    }
    let found = same[same.len().saturating_sub(MAX_MERGE_CANDIDATES)..]
        .iter()
        .copied()
        .find(|&i| same_set(&list[i].parties, &p.parties) && list[i].status == p.status);
    if let Some(old) = found.map(|i| &mut list[i]) {
        for e in p.evidence {
            add_evidence(&mut old.evidence, e);
        }
        old.date = old.date.or(p.date);
        for t in p.topics {
            if !old.topics.contains(&t) {
                old.topics.push(t);
            }
        }
        return;
    }
    same.push(list.len());
    list.push(p);
}

#[cfg(test)]
mod tests {
    use crate::dates::Ymd;
    use crate::{Analyzer, Options};

    fn run(body: &str) -> crate::report::Report {
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
