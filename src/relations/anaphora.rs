//! Words that point back to the parties named before (`rules/anaphora.tsv`): 양사 and 양 기관
//! for the two organizations of the last partnership, 두 사람 and 이들 for the people of the
//! last meeting, 양국 and 3국 for the last states named. Such a word stands for them only
//! where it acts: marked as subject, topic or joined, followed by 간, or by 의 right before
//! the trigger (양사의 협력; not 양사의 실적 … 협력).

use crate::rules::RuleSet;

use super::Article;
use super::participants::tail_after;

/// What a word of `anaphora.tsv` stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Stands {
    /// The parties of the last partnership or pair of organizations (양사).
    Parties,
    /// The participants of the last meeting (두 사람).
    People,
    /// The last two states named (양국).
    TwoStates,
    /// The last three states named (3국).
    ThreeStates,
    /// Right before a meeting noun, the last meeting named again (이날 회동).
    ThisEvent,
    /// After a partnership noun and 에, the agreement cited as a ground (협약에 따라).
    Basis,
}

/// The words of `anaphora.tsv`, each with what it stands for.
pub(super) struct Anaphora(Vec<(&'static str, Stands)>);

impl Anaphora {
    /// Reads `anaphora.tsv` (the column is checked when the table is read).
    pub(super) fn new(rules: &RuleSet) -> Anaphora {
        Anaphora(
            rules
                .rows("anaphora.tsv")
                .filter_map(|r| {
                    let stands = match r.get(1) {
                        "parties" => Stands::Parties,
                        "people" => Stands::People,
                        "two_states" => Stands::TwoStates,
                        "three_states" => Stands::ThreeStates,
                        "this_event" => Stands::ThisEvent,
                        "basis" => Stands::Basis,
                        _ => return None,
                    };
                    Some((r.get(0), stands))
                })
                .collect(),
        )
    }
}

/// Does `before` (the text up to a meeting noun) end with a word of kind `ThisEvent`
/// (이날 회동, 이번 회담)?
pub(super) fn names_the_event_again(art: &Article, before: &str) -> bool {
    let last = before.trim_end().rsplit(' ').next().unwrap_or("");
    !last.is_empty()
        && before.ends_with(' ')
        && art
            .rules
            .anaphora
            .0
            .iter()
            .any(|(w, k)| *k == Stands::ThisEvent && *w == last)
}

/// Is the partnership noun that starts `from_trigger` cited as the ground of what follows
/// (협약에 따라 공장을 짓는다, MOU에 의거해): the noun's word ends in 에 and the next word is
/// of kind `Basis`?
pub(super) fn cited_as_basis(art: &Article, from_trigger: &str) -> bool {
    let mut words = from_trigger.split_whitespace();
    let (Some(noun), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    noun.ends_with('에')
        && art
            .rules
            .anaphora
            .0
            .iter()
            .any(|(w, k)| *k == Stands::Basis && next.starts_with(w))
}

/// The most words between a word and the trigger it modifies through 의 (양사의 AI 반도체
/// 협력: three).
const MAX_WORDS_TO_TRIGGER: usize = 3;

/// Is `between` (the text from a word to the trigger) a few words with no punctuation but
/// the separators of a list (안보·경제)?
pub(super) fn modifies_trigger(between: &str) -> bool {
    between
        .chars()
        .all(|c| c == ' ' || crate::morph::is_alnum(c) || super::groups::SEPARATORS.contains(&c))
        && between.matches(' ').count() <= MAX_WORDS_TO_TRIGGER
}

/// Does `text` (which ends where the trigger starts) hold a word that stands for `kind`
/// and acts: at the start of a word, followed by a subject, topic or joining particle, by
/// 간, or by 의 when the trigger follows within a few words? The byte where the first such
/// word starts, and its particles.
pub(super) fn points_back<'t>(
    art: &Article,
    text: &'t str,
    kind: Stands,
) -> Option<(usize, &'t str)> {
    let particles = &art.rules.particles;
    let words = art.rules.anaphora.0.iter().filter(|(_, k)| *k == kind);
    words
        .filter_map(|(word, _)| {
            text.match_indices(word).find_map(|(i, _)| {
                let starts_word = text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !crate::morph::is_alnum(c));
                let after = &text[i + word.len()..];
                let tail = tail_after(after, 0);
                let acts = particles.is_subject(tail)
                    || particles.is_topic(tail)
                    || particles.joins(tail)
                    || tail == "간"
                    || (tail.is_empty() && after.starts_with(" 간"))
                    || (tail == "의" && modifies_trigger(&after[tail.len()..]));
                (starts_word && acts).then_some((i, tail))
            })
        })
        .min_by_key(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{meetings_of, partnerships};

    #[test]
    fn both_companies_are_the_last_pair() {
        let p = partnerships(
            "누리전자와 바다은행은 지난달 업무협약을 맺었다. 양사는 올해 공동 상품을 내놓는 등 협력을 넓히기로 했다.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["누리전자", "바다은행"]);
        assert_eq!(p[0].1, "agreed");
    }

    #[test]
    fn talks_that_end_in_an_agreement_are_one_entry() {
        let p = partnerships(
            "누리전자와 바다은행은 1년 넘게 합작 공장 설립을 검토해 왔다. 양사는 21일 합작법인 설립 계약을 체결했다.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].1, "agreed");
    }

    #[test]
    fn a_pair_linked_by_wa_without_a_partnership_before() {
        let p = partnerships(
            "한빛대학교는 20일 누리연구소과 인재 양성 방안을 논의했다. 양 기관은 반도체 분야에서 협력하기로 했다.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, ["한빛대학교", "누리연구소"]);
    }

    #[test]
    fn a_pair_word_that_does_not_act_gives_nothing() {
        // no pair before; 양사의 실적 is no partnership's subject
        assert!(partnerships("양사는 21일 3분기 실적을 발표했다.").is_empty());
        assert!(
            partnerships(
                "누리전자와 바다은행은 지난달 업무협약을 맺었다. 한빛증권은 양사의 실적 개선이 협력 덕분이라고 분석했다."
            )
            .iter()
            .all(|p| p.0 == ["누리전자", "바다은행"])
        );
    }

    #[test]
    fn the_two_are_the_last_meeting() {
        let m = meetings_of(
            "김가람 대표와 박누리 대표는 지난달 서울에서 만났다. 이들은 다음 달 부산에서 다시 만나기로 했다.",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[1].0, ["김가람", "박누리"]);
        assert_eq!(m[1].1, "planned");
    }

    #[test]
    fn the_meeting_that_day_is_the_meeting_before() {
        let m = meetings_of(
            "김가람 대표와 박누리 대표는 지난달 서울에서 만났다. 두 사람은 이날 회동에서 공동 투자에 합의했다.",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1, "happened");
        // a meeting noun without the determiner is a meeting of its own
        let m = meetings_of(
            "김가람 대표와 박누리 대표는 지난달 서울에서 만났다. 두 사람은 다음 달 다시 회동할 예정이다.",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[1].1, "planned");
    }
}
