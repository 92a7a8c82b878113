use super::brackets::{age_bracket, bracketed_hangul};
use super::builder::{Builder, entity_at};
use super::scan::Word;
use super::{EType, EntityRules};
use crate::morph::Token;
use crate::segment::is_hangul;

/// Names listed with a person (`이정미·김이수 재판관`, `구본길과 김정환은`) or followed by an
/// age in brackets (`홍길동(45)`) are people too.
pub(super) fn listed_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    let is_person = |b: &Builder, t: &Token| entity_at(b, t.start, t.end, EType::Person).is_some();
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 4 {
        changed = false;
        rounds += 1;
        for k in 0..toks.len() {
            let t = &toks[k];
            if b.overlaps(t.start, t.end) {
                continue;
            }
            let Some(len) = t.name_len else {
                continue;
            };
            let tail = &t.text[len..];
            let gap_after = toks.get(k + 1).map(|n| &text[t.end..n.start]).unwrap_or("");
            // 홍길동(45), 홍길동(洪吉童): an age or the name in hanja in brackets; 홍길동(전남):
            // the team or employer in brackets (not a title: 대표이사(부회장) is no name)
            let after = &text[t.start + len..];
            let bracket = after.starts_with('(');
            let affiliation = bracket
                .then(|| bracketed_hangul(after))
                .flatten()
                .filter(|m| rules.title_prefix(m).is_none() && !rules.not_names.contains(m));
            let age =
                bracket && age_bracket(after, true, true, 15).is_some() || affiliation.is_some();
            let linked_next = toks.get(k + 1).is_some_and(|n| {
                is_person(b, n)
                    && (matches!(gap_after, "·" | "ㆍ" | ", " | ",") && tail.is_empty()
                        || matches!(tail, "과" | "와") && gap_after == " ")
            });
            let linked_prev = k > 0 && is_person(b, &toks[k - 1]) && {
                let p = &toks[k - 1];
                let gap = &text[p.end..t.start];
                let p_tail_join = entity_at(b, p.start, p.end, EType::Person)
                    .is_some_and(|(_, end)| matches!(&text[end..p.end], "과" | "와"));
                matches!(gap, "·" | "ㆍ" | ", " | ",") || p_tail_join && gap == " "
            };
            if age || linked_next || linked_prev {
                if let Some(m) = affiliation {
                    // the name inside the bracket that opens `after`
                    let os = t.start + len + '('.len_utf8();
                    let oe = os + m.len();
                    if !b.overlaps(os, oe) {
                        let org = b.org(m, "other");
                        b.mention(org, text, os, oe, si, "pattern/bracketed_affiliation");
                    }
                }
                let name = &t.text[..len];
                let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
                if b.mention(
                    ent,
                    text,
                    t.start,
                    t.start + len,
                    si,
                    "pattern/name_in_list",
                ) {
                    changed = true;
                }
            }
        }
    }
}

/// `서연이 …`, `박지훈은 …`, `김민준의 …`: a word of a common surname and two given-name
/// syllables (`given_syllables.txt`) with a case particle is a person even with nothing
/// around it, unless its last syllable makes common nouns (공무원은, 지하수가).
pub(super) fn bare_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for (k, t) in toks.iter().enumerate() {
        // three syllables and a particle of one or two: 4 to 6 characters
        if t.text.len() < 12 || t.text.len() > 18 {
            continue;
        }
        // the subject that opens a sentence (이대호는 …) may end in any given-name syllable
        let opens = k == 0 && !text[..t.start].ends_with(|c: char| c.is_alphanumeric());
        let mut cs = t.text.chars();
        let (Some(c0), Some(c1), Some(c2)) = (cs.next(), cs.next(), cs.next()) else {
            continue;
        };
        if !rules.surnames1.contains(c0)
            || !rules.given.contains(c1)
            || !rules.given.contains(c2)
            || rules.noun_suffixes.contains(c2)
                && !(opens && rules.opening_name_endings.contains(c2))
        {
            continue;
        }
        // Hangul syllables are three bytes each
        let (name, tail) = t.text.split_at(9);
        // the third syllable may itself begin the particles (염기만을, 민원만이: 만 + 을)
        if !rules.name_particles.contains(&tail)
            || rules.particles.is_tail(&t.text[6..])
            || rules.not_names.contains(name)
            || rules.titles.contains(name)
            || rules.titles.contains(&name[3..])
            || b.overlaps(t.start, t.end)
        {
            continue;
        }
        let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
        b.mention(ent, text, t.start, t.start + 9, si, "pattern/bare_name");
    }
}

/// `전현무, 박지윤, 이창훈 등`: three or more name shapes (surname + two syllables) in a row,
/// parted by commas, are people when most of them do not end like common nouns (a list of
/// districts, 강남구, 서초구, 송파구, does).
pub(super) fn name_lists(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    let mut k = 0;
    while k < toks.len() {
        // the run of comma-parted words from k: all bare name shapes but the last, which
        // may carry a particle
        let mut j = k;
        while j < toks.len() {
            let w = &toks[j];
            let Some(len) = w.name_len else {
                break;
            };
            if len != 9 {
                break;
            }
            let bare = len == w.text.len();
            let comma_next = toks
                .get(j + 1)
                .is_some_and(|n| matches!(&text[w.end..n.start], ", " | ","));
            j += 1;
            if !(bare && comma_next) {
                break;
            }
        }
        let run = &toks[k..j];
        if run.len() >= 3 {
            let nounish = run
                .iter()
                .filter(|w| {
                    w.text[..9]
                        .chars()
                        .nth(2)
                        .is_some_and(|c| rules.noun_suffixes.contains(c))
                })
                .count();
            if nounish * 3 <= run.len() {
                for w in run {
                    if b.overlaps(w.start, w.start + 9) {
                        continue;
                    }
                    let name = &w.text[..9];
                    let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
                    b.mention(ent, text, w.start, w.start + 9, si, "pattern/name_list");
                }
            }
        }
        k = j.max(k + 1);
    }
}

/// Is `w` a bare word that could be part of a name written in Hangul (no particle or verb
/// ending, no title, no known entity, no listed common word)?
pub(super) fn bare_name_word(rules: &EntityRules, b: &Builder, w: &Word, max: usize) -> bool {
    let n = w.text.chars().count();
    (1..=max).contains(&n)
        && w.text.chars().all(is_hangul)
        && !(n >= 2 && rules.ends_like_a_verb(w.text))
        && w.title.is_none()
        && !rules.not_names.contains(w.text)
        && !b.overlaps(w.start, w.end)
}

#[cfg(test)]
mod tests {
    use crate::entities::tests::{assert_no_people, person_surfaces};
    #[test]
    fn bare_names_with_case_particles() {
        let p = person_surfaces("제목\n김연경은 이날 30점을 올렸고 이재영도 힘을 보탰다.");
        assert_eq!(p, ["김연경", "이재영"]);
        // common nouns of the same shape: a noun-forming last syllable, or no particle
        let none = "제목\n공무원은 지하수가 오염됐다고 밝혔다. 지지율이 올랐다. 김연경 신드롬.";
        assert_no_people(none);
        // opening the sentence, a name may end in a common-noun syllable (호)
        assert_eq!(
            person_surfaces("제목\n이대호는 결승 홈런을 쳤다."),
            ["이대호"]
        );
        assert_no_people("제목\n팀은 이대호는 없다고 했다.");
        // a verb form listed as a common word
        assert_no_people("제목\n이기기 위해서는 뛰어야 한다.");
        // the third syllable begins the particles: a two-syllable noun + 만을 / 만이
        let nouns = "제목\n장비는 정원만을 갖췄고 주민은 민원만이 늘었다고 말했다. 인원수는 최소한의 \
                     수준이다.";
        assert_no_people(nouns);
    }

    #[test]
    fn comma_lists_of_names_and_real_names_with_age() {
        let p = person_surfaces("제목\n이번 회에는 유재석, 박명수, 정준하 등이 출연한다.");
        assert_eq!(p, ["박명수", "유재석", "정준하"]);
        // districts have the same shape but end like place nouns
        assert_no_people("제목\n강남구, 서초구, 송파구 등에서 열렸다.");
        let p = person_surfaces("제목\n래퍼 원(정제원·21)이 계약했다.");
        assert!(p.contains(&"정제원".to_string()), "{p:?}");
    }
}
