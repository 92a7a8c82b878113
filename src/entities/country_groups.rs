//! Groups of states written as one word: 한미, 한미일, 한중일, 남북, 미중 (one-syllable
//! abbreviations glued), 한ㆍ폴란드, 한-아세안, 미국ㆍ일본 (parts beside a separator). Each
//! part becomes a mention of its country, so that later stages see the states of 한미일
//! 협력 or 한·폴란드 정상회담 as the countries they are.

use super::builder::Builder;
use super::scan::Word;
use super::{EType, EntityRules};

/// The characters that part the members of a group (한ㆍ폴란드, 한·미·일, 한-아세안).
const SEPARATORS: &[char] = crate::rules::SEPARATORS;

/// A member of a group: its span and its country.
type Member = (usize, usize, &'static str);

/// Finds the groups of states in one sentence's words and adds their members as mentions
/// of their countries.
pub(super) fn country_groups(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    if rules.country_abbreviations.is_empty() {
        return;
    }
    let mut k = 0;
    while k < toks.len() {
        let (members, next) = group_at(rules, text, toks, k);
        for (s, e, country) in members {
            let key = format!("Place:{country}");
            // named by the country (한 of 한미일 is an alias of 한국)
            let ent = b.entity(&key, EType::Place, country, Some("country"), None);
            b.mention(ent, text, s, e, si, "pattern/country_group");
        }
        k = next;
    }
}

/// The members of the group that starts at word `k` (none when there is none) and the
/// index of the first word after it.
fn group_at(rules: &EntityRules, text: &str, toks: &[Word], k: usize) -> (Vec<Member>, usize) {
    // most words: no separator in them or after them, and no country abbreviation first
    let t = &toks[k];
    let joined = |j: usize| {
        toks.get(j + 1).is_some_and(|n| {
            let between = &text[toks[j].end..n.start];
            let mut cs = between.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if SEPARATORS.contains(&c))
        })
    };
    if !t.text.contains(SEPARATORS) && !joined(k) {
        let abbreviated = t
            .text
            .chars()
            .next()
            .is_some_and(|c| rules.country_abbreviations.contains_key(&c));
        return if abbreviated {
            (glued(rules, text, toks, k), k + 1)
        } else {
            (Vec::new(), k + 1)
        };
    }
    // the parts: the pieces of the word split at ㆍ, then the words joined to it by a
    // separator with no space around it
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut j = k;
    loop {
        let t = &toks[j];
        let mut s = t.start;
        for (i, c) in t.text.char_indices() {
            if SEPARATORS.contains(&c) {
                parts.push((s, t.start + i));
                s = t.start + i + c.len_utf8();
            }
        }
        parts.push((s, t.end));
        if !joined(j) {
            break;
        }
        j += 1;
    }
    let next = j + 1;
    let none = (Vec::new(), k + 1);
    if parts.iter().any(|&(s, e)| s >= e) {
        return none;
    }
    if parts.len() == 1 {
        return (glued(rules, text, toks, k), k + 1);
    }
    // parted: every part but the last is a country (an abbreviation or a name); the last is
    // one followed by particles or by a noun of groups; one abbreviation at least, or the
    // whole written with ㆍ (which the name tables do not see through)
    let mut members: Vec<Member> = Vec::new();
    let last = parts.len() - 1;
    for (i, &(s, e)) in parts.iter().enumerate() {
        let part = &text[s..e];
        let found = if i < last {
            country_of(rules, part).map(|c| (s, e, c))
        } else {
            last_member(rules, part).map(|(len, c)| (s, s + len, c))
        };
        match found {
            Some(m) => members.push(m),
            None => return none,
        }
    }
    let abbreviated = members
        .iter()
        .any(|&(s, e, _)| text[s..e].chars().nth(1).is_none());
    let dotted = toks[k..next].iter().any(|t| t.text.contains('ㆍ'));
    if !(abbreviated || dotted) || !distinct(&members) {
        return none;
    }
    (members, next)
}

/// A group of one-syllable abbreviations glued into word `k` (한미일은, 한일정상회담, 한미
/// 동맹): two to four of them, each a different country, then particles (or nothing, and
/// then a noun of groups in the next word) or a noun of groups glued.
fn glued(rules: &EntityRules, text: &str, toks: &[Word], k: usize) -> Vec<Member> {
    let t = &toks[k];
    let mut members: Vec<Member> = Vec::new();
    for (i, c) in t.text.char_indices().take(4) {
        match rules.country_abbreviations.get(&c) {
            Some(&(country, true)) => {
                members.push((t.start + i, t.start + i + c.len_utf8(), country))
            }
            _ => break,
        }
    }
    // the longest run that reads as a group
    while members.len() >= 2 {
        let end = members[members.len() - 1].1;
        let head = &text[t.start..end];
        let rest = &text[end..t.end];
        let followed = if rest.is_empty() {
            toks.get(k + 1)
                .is_some_and(|n| n.start == t.end + 1 && group_noun(rules, n.text))
        } else {
            group_noun(rules, rest) || (members.len() >= 3 && rules.particles.is_tail(rest))
        };
        if followed
            && distinct(&members)
            && !rules.not_country_groups.contains(head)
            && !rules.country_names.contains_key(head)
        {
            return members;
        }
        members.pop();
    }
    Vec::new()
}

/// The last part of a parted group: a country (abbreviation or name) and what follows it
/// in the word (particles or a noun of groups): (length of the country's form, country).
fn last_member(rules: &EntityRules, part: &str) -> Option<(usize, &'static str)> {
    part.char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .filter_map(|e| country_of(rules, &part[..e]).map(|c| (e, c)))
        .rfind(|&(e, _)| {
            let rest = &part[e..];
            rules.particles.is_tail(rest) || group_noun(rules, rest)
        })
}

/// The country a part names: a one-syllable abbreviation or a country's name or alias.
fn country_of(rules: &EntityRules, part: &str) -> Option<&'static str> {
    let mut cs = part.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => rules
            .country_abbreviations
            .get(&c)
            .map(|&(country, _)| country),
        (Some(_), Some(_)) => rules.country_names.get(part).copied(),
        _ => None,
    }
}

/// Does `word` start with a noun that groups of states modify (정상회담, 협력, 동맹, 간)?
fn group_noun(rules: &EntityRules, word: &str) -> bool {
    rules
        .country_group_nouns
        .iter()
        .any(|n| word.starts_with(n))
}

/// Are the members' countries all different (한한 is no group)?
fn distinct(members: &[Member]) -> bool {
    members
        .iter()
        .enumerate()
        .all(|(i, m)| members[..i].iter().all(|o| o.2 != m.2))
}

#[cfg(test)]
mod tests {
    use crate::entities::tests::run as analyze_entities;

    /// The countries found, with the surface of each mention, in text order.
    fn countries(text: &str) -> Vec<(String, String)> {
        let ents = analyze_entities(text);
        let mut out: Vec<(usize, String, String)> = ents
            .iter()
            .filter(|e| e.subtype.as_deref() == Some("country"))
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(|m| (m.start, e.key.clone(), text[m.start..m.end].to_string()))
            })
            .collect();
        out.sort();
        out.into_iter().map(|(_, k, s)| (k, s)).collect()
    }

    /// The mentions this pass made.
    fn grouped(text: &str) -> Vec<String> {
        let mut v: Vec<(usize, String)> = analyze_entities(text)
            .iter()
            .flat_map(|e| e.mentions.iter())
            .filter(|m| m.rule == "pattern/country_group")
            .map(|m| (m.start, text[m.start..m.end].to_string()))
            .collect();
        v.sort();
        v.into_iter().map(|(_, s)| s).collect()
    }

    fn keys(text: &str) -> Vec<String> {
        countries(text).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn glued_abbreviations_are_the_states() {
        assert_eq!(
            keys("제목\n한미일 정상은 만났다."),
            ["Place:한국", "Place:미국", "Place:일본"]
        );
        assert_eq!(
            keys("제목\n한중일은 협의했다."),
            ["Place:한국", "Place:중국", "Place:일본"]
        );
        assert_eq!(
            keys("제목\n한일정상회담이 열린다."),
            ["Place:한국", "Place:일본"]
        );
        assert_eq!(
            keys("제목\n남북 대화가 멈췄다."),
            ["Place:한국", "Place:북한"]
        );
        assert_eq!(
            keys("제목\n미중 관계가 나빠졌다."),
            ["Place:미국", "Place:중국"]
        );
        // the mention is the one syllable
        assert_eq!(
            countries("제목\n한미 동맹이 굳건하다.")[0],
            ("Place:한국".to_string(), "한".to_string())
        );
    }

    #[test]
    fn parted_groups_take_abbreviations_and_names() {
        assert_eq!(
            keys("제목\n한ㆍ폴란드 교통 협력 MOU를 맺었다."),
            ["Place:한국", "Place:폴란드"]
        );
        assert_eq!(
            keys("제목\n한·미·일 3국이 모였다."),
            ["Place:한국", "Place:미국", "Place:일본"]
        );
        assert_eq!(
            keys("제목\n미국ㆍ일본 관계가 좋다."),
            ["Place:미국", "Place:일본"]
        );
    }

    #[test]
    fn words_of_the_same_shape_are_no_states() {
        // regions, words that merely start with abbreviations, a group with no noun of
        // groups or particle after it, one country twice, countries' own names, rarer
        // forms glued (한인: Koreans abroad), a word of the not-list (중인)
        for text in [
            "제목\n북미 시장에 진출했다.",
            "제목\n중미 지역을 돌았다.",
            "제목\n남미 여행을 떠났다.",
            "제목\n한일 많이 남았다.",
            "제목\n미일보 기자가 왔다.",
            "제목\n한국미술은 중요하다.",
            "제목\n한한 관계는 없다.",
            "제목\n자유ㆍ인권ㆍ법치를 강조했다.",
            "제목\n독일 정부는 인도 정부와 만났다.",
            "제목\n한인 공동체가 모였다.",
            "제목\n논의 중인 정부 방침이다.",
        ] {
            assert!(grouped(text).is_empty(), "{text}: {:?}", grouped(text));
        }
    }
}
