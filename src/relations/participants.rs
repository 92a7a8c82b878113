//! Who can take part in an event: the mentions of people and organizations of each
//! sentence with the particles after them (subject, topic, joining), the person an
//! organization and title stand for, the organization a person stands for, and the
//! organization names that only modify a noun.

use crate::entities::{EType, Entity};
use crate::rules::RuleSet;

use super::MAX_SLOTS;

/// A mention of an entity in one sentence, with the particles after it.
#[derive(Debug, Clone)]
pub(super) struct Slot<'a> {
    pub(super) ent: usize,
    pub(super) start: usize,
    /// End of the mention (before any appositive title and particle).
    pub(super) end: usize,
    pub(super) tail: &'a str,
}

/// The letters and digits right after byte `end` (the particles of a mention).
pub(super) fn tail_after(text: &str, end: usize) -> &str {
    let stop = text[end..]
        .char_indices()
        .find(|&(_, c)| !crate::morph::is_alnum(c))
        .map(|(i, _)| end + i)
        .unwrap_or(text.len());
    &text[end..stop]
}

/// The particles after a name that give it a role (`relation_particles.tsv`): subject,
/// topic, joined to the next name, or additive (X도).
pub(super) struct Particles {
    subject: Vec<&'static str>,
    topic: Vec<&'static str>,
    join: Vec<&'static str>,
    additive: Vec<&'static str>,
}

impl Particles {
    /// Reads `relation_particles.tsv`.
    pub(super) fn new(rules: &RuleSet) -> Particles {
        let mut p = Particles {
            subject: Vec::new(),
            topic: Vec::new(),
            join: Vec::new(),
            additive: Vec::new(),
        };
        for r in rules.rows("relation_particles.tsv") {
            for role in r.list(1) {
                let list = match role {
                    "subject" => &mut p.subject,
                    "topic" => &mut p.topic,
                    "additive" => &mut p.additive,
                    _ => &mut p.join, // (the table check allows only these four)
                };
                list.push(r.get(0));
            }
        }
        p
    }

    /// Does the particle `tail` mark the subject of the sentence?
    pub(super) fn is_subject(&self, tail: &str) -> bool {
        self.subject.contains(&tail)
    }

    /// Does the particle `tail` mark the topic (who later sentences without a subject are
    /// about)?
    pub(super) fn is_topic(&self, tail: &str) -> bool {
        self.topic.contains(&tail)
    }

    /// Does the particle `tail` say "X too" (X도): the subject when another name follows,
    /// else the one met?
    pub(super) fn is_additive(&self, tail: &str) -> bool {
        self.additive.contains(&tail)
    }

    /// Does the particle `tail` join a mention to the next one (A와 B)?
    pub(super) fn joins(&self, tail: &str) -> bool {
        self.join.contains(&tail)
    }
}

/// The mentions of type `etype` of each of the `n` sentences, in text order, at most
/// [`MAX_SLOTS`] of each sentence (the sentences cut short are pushed to `cut`).
pub(super) fn slots<'a>(
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

/// Who holds which title at which organization, by organization (for `IAEA 사무총장`).
pub(super) fn title_holders(entities: &[Entity]) -> Vec<Vec<(usize, &str)>> {
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
    holders
}

/// `IAEA 사무총장` (an organization and a title, no name): the one person of the article
/// who holds that title at that organization, as a participant slot at the same place.
pub(super) fn title_holder<'a>(
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
pub(super) fn person_org(e: &Entity) -> Option<usize> {
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
pub(super) fn is_modifier(text: &str, orgs: &[Slot], people: &[Slot], o: &Slot) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(text: &str, name: &str) -> Slot<'static> {
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        let start = text.find(name).unwrap();
        let end = start + name.len();
        Slot {
            ent: 0,
            start,
            end,
            tail: tail_after(text, end),
        }
    }

    #[test]
    fn particles_after_a_name() {
        let text = "한빛전자는 두리은행과 세모증권, 누리공사 측은 만났다";
        assert_eq!(tail_after(text, text.find("는").unwrap()), "는");
        assert_eq!(slot(text, "한빛전자").tail, "는");
        assert_eq!(slot(text, "두리은행").tail, "과");
        assert_eq!(slot(text, "세모증권").tail, "");
        let p = Particles::new(&RuleSet::builtin().unwrap());
        assert!(p.is_subject("는") && p.is_topic("는"));
        assert!(p.is_subject("가") && !p.is_topic("가"));
        assert!(p.joins("과") && p.joins("및") && !p.joins("를"));
        assert!(!p.is_subject("") && !p.joins("") && !p.is_topic("을"));
    }

    #[test]
    fn a_user_table_adds_particles() {
        let dir = std::env::temp_dir().join(format!("analyze-particles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("relation_particles.tsv");
        std::fs::write(&path, "# 더 있는 조사\n님께서\tsubject | topic\n").unwrap();
        let mut rules = RuleSet::builtin().unwrap();
        rules.extend_from(&path).unwrap();
        std::fs::write(&path, "님께\tobject\n").unwrap();
        let bad = RuleSet::builtin().unwrap().extend_from(&path).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        let p = Particles::new(&rules);
        assert!(p.is_subject("님께서") && p.is_topic("님께서") && !p.joins("님께서"));
        assert!(p.is_subject("는"), "the built-in ones stay");
        assert!(
            bad.to_string().contains(":1: unknown role \"object\""),
            "{bad}"
        );
    }

    #[test]
    fn a_name_before_a_plain_word_only_modifies_it() {
        let text = "한빛대 동문 모임";
        let o = slot(text, "한빛대");
        assert!(is_modifier(text, std::slice::from_ref(&o), &[], &o));
        // its side (측) keeps it the actor; so does a particle or punctuation after it
        let text = "한빛대 측 관계자";
        let o = slot(text, "한빛대");
        assert!(!is_modifier(text, std::slice::from_ref(&o), &[], &o));
        let text = "한빛대와 만났다";
        let o = slot(text, "한빛대");
        assert!(!is_modifier(text, std::slice::from_ref(&o), &[], &o));
        let text = "한빛대, 두리대";
        let o = slot(text, "한빛대");
        assert!(!is_modifier(text, std::slice::from_ref(&o), &[], &o));
    }

    #[test]
    fn an_organization_and_title_name_its_one_holder() {
        let text = "두리은행 행장을 만났다";
        let o = slot(text, "두리은행");
        let holders = vec![vec![(7, "행장")]];
        let h = title_holder(text, &holders, &o).expect("the holder");
        assert_eq!((h.ent, h.start, h.tail), (7, 0, "을"));
        // two people with that title there: nobody
        let two = vec![vec![(7, "행장"), (8, "행장")]];
        assert!(title_holder(text, &two, &o).is_none());
        // another title: nobody
        let other = vec![vec![(7, "이사")]];
        assert!(title_holder(text, &other, &o).is_none());
    }
}
