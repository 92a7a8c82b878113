use super::builder::{Builder, is_word_char};
use super::roles::{add_role, set_phrase_end};
use super::scan::Word;
use super::titles::{AMBIGUOUS_TITLES, is_qualifier_word, qualifier, title_at};
use super::{EType, EntityRules};
use crate::gazetteer::Gazetteer;
use crate::segment::Sentence;

/// Later mentions of people found by pattern (이재용 without a title), and of the family
/// name of foreign people from the table (저커버그 after 마크 저커버그).
pub(super) fn later_mentions(
    rules: &EntityRules,
    text: &str,
    starts: &[(usize, char)],
    sentences: &[Sentence],
    b: &mut Builder,
    sent_of: impl Fn(usize) -> usize,
) {
    let names: Vec<(usize, String)> = b
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.etype == EType::Person)
        .flat_map(|(i, e)| {
            let mut v = vec![(i, e.name.clone())];
            if let Some(f) = &e.family
                && f.chars().count() >= 2
            {
                v.push((i, f.clone()));
            }
            v
        })
        .collect();
    if names.is_empty() {
        return;
    }
    // names start words: an index by their first two characters, looked up at each word
    // start (no automaton to build per article); the longest name at a start wins, and a
    // name found inside another is not a mention of its own
    let owners: Vec<usize> = names.iter().map(|(i, _)| *i).collect();
    let index = Gazetteer::new(names.into_iter().map(|(_, n)| n).collect());
    let found = index.find_at(text, starts);
    let mut cursor = 0;
    let mut k = 0;
    while k < found.len() {
        let s = found[k].0;
        let mut best = found[k];
        while k < found.len() && found[k].0 == s {
            if found[k].1 > best.1 {
                best = found[k];
            }
            k += 1;
        }
        if s < cursor {
            continue;
        }
        let (_, e, pattern) = best;
        cursor = e;
        let ent = owners[pattern];
        let word_end = text[e..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map(|(i, _)| e + i)
            .unwrap_or(text.len());
        if !rules.particles.is_tail(&text[e..word_end]) {
            continue;
        }
        let si = sent_of(s);
        if sentences
            .get(si)
            .is_none_or(|x| x.kind == crate::segment::Kind::Boilerplate)
        {
            continue;
        }
        b.mention(ent, text, s, e, si, "pattern/repeat");
    }
}

/// The person a surname and a title at byte `at` refer to: of the people with that surname,
/// those with that title, then those with the same qualifier (김 전 의원: a former 의원),
/// then the one mentioned most often before (and last, on a tie); `Some(None)` when nobody has the surname, `None`
/// when two people fit equally (no one is guessed).
fn resolve(
    b: &Builder,
    sur: &str,
    title: &str,
    qual: Option<&'static str>,
    at: usize,
) -> Option<Option<usize>> {
    type Key = (bool, bool, (usize, Option<usize>));
    let mut best: Option<(Key, usize)> = None;
    let mut tied = false;
    for (i, e) in b.entities.iter().enumerate() {
        if e.etype != EType::Person {
            continue;
        }
        if !(e.name.starts_with(sur) && e.family.is_none() || e.family.as_deref() == Some(sur)) {
            continue;
        }
        let titled: Vec<&super::Role> = e.roles.iter().filter(|r| r.title == title).collect();
        let same_qualifier = !titled.is_empty() && titled.iter().any(|r| r.qualifier == qual);
        let before = e.mentions.iter().filter(|m| m.start < at);
        let salience = (before.clone().count(), before.map(|m| m.start).max());
        let key = (!titled.is_empty(), same_qualifier, salience);
        match &best {
            Some((k, _)) if *k > key => {}
            Some((k, _)) if *k == key => tied = true,
            _ => {
                best = Some((key, i));
                tied = false;
            }
        }
    }
    match best {
        None => Some(None),
        // several people fit, none mentioned before this one: no guess
        Some(((true, _, (_, None)), _)) if tied => None,
        Some((_, i)) if !tied => Some(Some(i)),
        Some(((false, _, _), i)) => Some(Some(i)),
        Some(_) => None,
    }
}

/// `이 회장`, `황 CEO`, `尹`: a surname followed by a title, resolved to the person of the
/// article with that surname (and that title when several share it).
pub(super) fn short_forms(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for k in 0..toks.len().saturating_sub(1) {
        let t = &toks[k];
        let one_char = t.text.chars().count() == 1;
        if !one_char || b.overlaps(t.start, t.end) || text[t.end..toks[k + 1].start] != *" " {
            continue;
        }
        // a syllable glued to a closing quote or bracket is its particle ('피플'은 기자가)
        if text[..t.start].ends_with(['\'', '’', '”', '"', ')', ']', '」', '』', '》', '〉'])
        {
            continue;
        }
        // 박 전 차관, 이 당시 회장: a qualifier may stand between the surname and the title
        let q = usize::from(
            toks.get(k + 1).is_some_and(|w| is_qualifier_word(w.text))
                && toks
                    .get(k + 2)
                    .is_some_and(|w| w.start == toks[k + 1].end + 1),
        );
        let Some((title, span, tail)) = title_at(toks, k + 1 + q) else {
            continue;
        };
        let sur = t.text;
        let qual = (q == 1).then(|| qualifier(toks[k + 1].text)).flatten();
        let Some(best) = resolve(b, sur, title, qual, t.start) else {
            continue;
        };
        let title_end = toks[k + q + span].end - tail.len();
        let short = format!("{sur} {}", &text[toks[k + 1].start..title_end]);
        let p = match best {
            Some(p) => p,
            // nobody of that name yet: 최 판사, 진 장관 name a person all the same; but 이 is
            // also "this" (이 회사의 대표), so it needs someone to refer to
            None if !rules.not_surnames.contains(sur)
                && rules.surnames1.contains(sur.chars().next().unwrap_or(' '))
                && !AMBIGUOUS_TITLES.contains(&title) =>
            {
                b.entity(
                    &format!("Person:{short}"),
                    EType::Person,
                    &short,
                    None,
                    None,
                )
            }
            None => continue,
        };
        // the mention is the name part (the surname); the title is its appositive phrase
        if b.mention(p, text, t.start, t.end, si, "pattern/short_form") {
            set_phrase_end(b, p, t.start, title_end);
            let aliases = &mut b.entities[p].aliases;
            if !aliases.contains(&short) {
                aliases.push(short);
            }
            if b.entities[p].roles.is_empty() {
                add_role(b, p, title.to_string(), None, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::entities::tests::{assert_no_people, person_surfaces, run};
    #[test]
    fn short_form_with_qualifier() {
        let p = person_surfaces("제목\n재판부는 박 전 차관에게 징역 2년을 선고했다.");
        assert_eq!(p, ["박"]);
    }

    #[test]
    fn a_surname_and_a_title_refer_to_the_person_named_before() {
        let e = run("제목\n한도윤 한빛전자 사장은 웃었다. 한 사장은 답했다. 한도윤은 떠났다.");
        let p = e.iter().find(|x| x.name == "한도윤").expect("person");
        assert_eq!(p.mentions.len(), 3, "{p:?}");
        assert!(p.aliases.contains(&"한 사장".to_string()));
        // 이 before a title is `this`, with nobody it could refer to
        assert_no_people("제목\n이 회사의 대표는 말했다. 각 부서 과장이 모였다.");
        assert_eq!(person_surfaces("제목\n최 판사는 판결했다."), ["최"]);
    }

    #[test]
    fn a_short_form_goes_to_the_person_with_that_qualifier_and_title() {
        // two 의원 named 김: 전 picks the former one, wherever the other is named
        let e = run(
            "제목\n김하늘 전 의원은 부산에 있다. 김 전 의원은 웃었다. 김가람 의원은 서울에 있다.",
        );
        let p = e.iter().find(|x| x.name == "김하늘").expect("person");
        assert_eq!(p.mentions.len(), 2, "{e:?}");
        assert!(e.iter().all(|x| x.name != "김 전 의원"), "{e:?}");
    }

    #[test]
    fn a_short_form_goes_to_the_person_named_most_before() {
        let e = run(
            "제목\n박하늘 대표는 박가람 대표를 만났다. 박하늘 대표는 웃었다. 박 대표는 답했다.",
        );
        let p = e.iter().find(|x| x.name == "박하늘").expect("person");
        assert_eq!(p.mentions.len(), 3, "{e:?}");
        let q = e.iter().find(|x| x.name == "박가람").expect("person");
        assert_eq!(q.mentions.len(), 1, "{e:?}");
        // equally likely and neither named before: no guess, and no new person
        let e = run("제목\n윤 대표는 답했다. 윤하늘 대표와 윤가람 대표가 왔다.");
        assert!(e.iter().all(|x| x.name != "윤 대표"), "{e:?}");
    }
}
