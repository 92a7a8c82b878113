use super::builder::{Builder, entity_at};
use super::scan::Word;
use super::titles::{is_qualifier_word, qualifier, title_at};
use super::{EType, EntityRules, Role};
use crate::morph::Token;

/// Roles for person mentions: `NAME [qual] [ORG…] [qual] TITLE` and `ORG [TITLE] NAME`.
/// Words must follow each other with nothing but spaces between them (a comma ends the
/// phrase). The end of the appositive phrase is recorded on the mention, so that the
/// relation stage can read the particle that marks the person's role in the sentence
/// (`샘 올트먼 오픈AI CEO가` is a subject).
///
/// Returns the shared organizations of coordinated people (`누리전자 김가람 대표와 박누리
/// 부사장`: 박누리 is 누리전자's too), for [`share_organizations`] once every sentence is read.
pub(super) fn roles(text: &str, toks: &[Word], b: &mut Builder) -> Vec<Shared> {
    let mut shared = Vec::new();
    let adjacent = |a: &Token, c: &Token| text[a.end..c.start].chars().all(char::is_whitespace);
    for k in 0..toks.len() {
        let t = &toks[k];
        let Some((p, pend)) = entity_at(b, t.start, t.end, EType::Person) else {
            continue;
        };
        // the person mention may span several tokens (마크 저커버그)
        let mut last = k;
        while last + 1 < toks.len() && toks[last + 1].start < pend {
            last += 1;
        }
        if pend == toks[last].end {
            let mut j = last + 1;
            let mut org = None;
            let mut qual = None;
            let mut steps = 0;
            while j < toks.len()
                && steps < 5
                && (adjacent(&toks[j - 1], &toks[j]) || acronym_gap(text, toks, j, b))
            {
                let w = &toks[j];
                if is_qualifier_word(w.text) {
                    qual = qualifier(w.text);
                } else if let Some((title, span, tail)) = title_at(toks, j) {
                    let acting = toks
                        .get(j + span)
                        .is_some_and(|n| n.text.starts_with("대행"))
                        || title.ends_with("대행");
                    add_role(
                        b,
                        p,
                        title.to_string(),
                        org,
                        if acting { Some("acting") } else { qual },
                    );
                    // only divisions (IM부문, DX부문) between the name and the title
                    let direct = toks[last + 1..j].iter().all(|w| {
                        w.text.ends_with("부문") || w.text.chars().any(|c| c.is_ascii_uppercase())
                    });
                    if org.is_none()
                        && direct
                        && let Some((o, first_title)) = coordinated_org(text, toks, k, b)
                    {
                        shared.push(Shared {
                            person: p,
                            title: title.to_string(),
                            org: o,
                            first_title,
                        });
                    }
                    let end = toks[j + span - 1].end - tail.len();
                    set_phrase_end(b, p, t.start, end);
                    break;
                } else if let Some((o, end)) = entity_at(b, w.start, w.end, EType::Organization) {
                    let tail = tail_in(w, end);
                    if !tail.is_empty() && tail != "의" {
                        break;
                    }
                    org = Some(o);
                    // an organization of several words (오픈 AI): skip its other words
                    while j + 1 < toks.len() && toks[j + 1].start < end {
                        j += 1;
                    }
                } else if entity_at(b, w.start, w.end, EType::Place).is_none()
                    && !(w.text.chars().any(|c| c.is_ascii_uppercase()) || w.text.ends_with("부문"))
                {
                    break;
                }
                j += 1;
                steps += 1;
            }
        }
        // backward: ORG TITLE NAME (오픈AI 최고경영자 샘 올트먼; 대표이사인 마크 저커버그)
        if k >= 1 && adjacent(&toks[k - 1], t) {
            let before_title = (1..=2).rev().filter(|&d| k >= d).find_map(|d| {
                title_at(toks, k - d).filter(|x| {
                    x.1 == d && matches!(x.2, "" | "인" | "이자" | "였던" | "이었던" | "인데")
                })
            });
            if let Some((title, span, _)) = before_title {
                let before = k - span;
                let org = (before >= 1 && adjacent(&toks[before - 1], &toks[before]))
                    .then(|| {
                        entity_at(
                            b,
                            toks[before - 1].start,
                            toks[before - 1].end,
                            EType::Organization,
                        )
                    })
                    .flatten()
                    .filter(|&(_, end)| matches!(tail_in(&toks[before - 1], end), "" | "의"))
                    .map(|(o, _)| o)
                    .or_else(|| org_before_aside(text, toks[before].start, b))
                    .or_else(|| org_around_bracket(text, toks, before, pend, b));
                add_role(b, p, title.to_string(), org, None);
            } else if let Some((o, end)) =
                entity_at(b, toks[k - 1].start, toks[k - 1].end, EType::Organization)
            {
                // LG 조주완 사장 / 삼성전자의 이재용 회장: the org goes with the title after the name
                let tail = tail_in(&toks[k - 1], end);
                if (tail.is_empty() || tail == "의")
                    && let Some(r) = b.entities[p].roles.last_mut()
                    && r.org.is_none()
                {
                    r.org = Some(o);
                }
            }
        }
    }
    shared
}

/// An organization that a person shares with the person before them in a coordination.
pub(super) struct Shared {
    person: usize,
    title: String,
    org: usize,
    /// The first person's title: the two must be of one class (a party's 대표 and the
    /// 국무총리 beside him hold different offices).
    first_title: String,
}

/// `ORG NAME₁ TITLE₁와/과/및 NAME₂ TITLE₂`: the organization in front of the first person
/// is the second's too, when the first person's phrase ends right before the joining
/// particle and the second person (word `k`) has no organization of their own.
fn coordinated_org(text: &str, toks: &[Word], k: usize, b: &Builder) -> Option<(usize, String)> {
    let adjacent = |a: &Word, c: &Word| {
        text.get(a.end..c.start)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
    };
    let mut prev = toks.get(k.checked_sub(1)?)?;
    let mut joined = false;
    if prev.text == "및" && adjacent(prev, &toks[k]) {
        joined = true;
        prev = toks.get(k.checked_sub(2)?)?;
    }
    if !adjacent(prev, if joined { &toks[k - 1] } else { &toks[k] }) {
        return None;
    }
    let (_, _, tail) = prev.title_at?;
    let end = prev.end.checked_sub(tail.len())?;
    if !(joined && tail.is_empty() || !joined && matches!(tail, "와" | "과")) {
        return None;
    }
    let &(p1, _, _) = b.phrase_ends.iter().rev().find(|&&(_, _, e)| e == end)?;
    let title = text.get(prev.start..end)?;
    let r = b.entities[p1]
        .roles
        .iter()
        .rev()
        .find(|r| title.ends_with(r.title.as_str()))?;
    Some((r.org?, r.title.clone()))
}

/// Applies the shared organizations: only to people who got no organization anywhere in
/// the article (SK 최태원 회장 elsewhere keeps 최태원 out of 현대차 in `현대차 정의선 회장과
/// 최태원 회장`).
pub(super) fn share_organizations(rules: &EntityRules, shared: Vec<Shared>, b: &mut Builder) {
    for s in shared {
        let class = rules.title_class(&s.title);
        if class.is_none() || class != rules.title_class(&s.first_title) {
            continue;
        }
        let roles = &mut b.entities[s.person].roles;
        if roles.iter().all(|r| r.org.is_none())
            && let Some(r) = roles.iter_mut().find(|r| r.title == s.title)
        {
            r.org = Some(s.org);
        }
    }
}

/// `누리협회(회장 김가람)`: a title and name in brackets right after an organization.
fn org_around_bracket(
    text: &str,
    toks: &[Word],
    title_at: usize,
    name_end: usize,
    b: &Builder,
) -> Option<usize> {
    let org_tok = toks.get(title_at.checked_sub(1)?)?;
    let gap = text.get(org_tok.end..toks[title_at].start)?;
    if gap.trim() != "(" || !text.get(name_end..)?.starts_with(')') {
        return None;
    }
    entity_at(b, org_tok.start, org_tok.end, EType::Organization)
        .filter(|&(_, end)| end == org_tok.end)
        .map(|(o, _)| o)
}

/// `메타(페이스북 모회사)의 대표이사인 …`: the organization that ends right before a
/// bracketed aside and 의, in front of the title starting at byte `at`.
pub(super) fn org_before_aside(text: &str, at: usize, b: &Builder) -> Option<usize> {
    let left = text[..at].trim_end();
    let left = left.strip_suffix('의')?;
    let left = left.strip_suffix(')')?;
    let open = left.rfind('(')?;
    if left.len() - open > 120 {
        return None;
    }
    let (_, &(e, ent)) = b.taken.range(..open).next_back()?;
    (e == open && b.entities[ent].etype == EType::Organization).then_some(ent)
}

/// Between `toks[j - 1]` and `toks[j]`, is there only an organization's acronym in brackets
/// (국제원자력기구(IAEA) 사무총장, 한빛전자(HB) 사장)? Then the phrase goes on across it.
pub(super) fn acronym_gap(text: &str, toks: &[Word], j: usize, b: &Builder) -> bool {
    let gap = &text[toks[j - 1].end..toks[j].start];
    let is_org = |t: &Token| entity_at(b, t.start, t.end, EType::Organization).is_some();
    let acronym = |t: &Token| {
        is_org(t) || t.text.len() >= 2 && t.text.bytes().all(|c| c.is_ascii_uppercase())
    };
    gap == "(" && is_org(&toks[j - 1]) && acronym(&toks[j]) && text[toks[j].end..].starts_with(')')
        || gap == ") " && acronym(&toks[j - 1])
}

pub(super) fn set_phrase_end(b: &mut Builder, p: usize, start: usize, end: usize) {
    b.phrase_ends.push((p, start, end));
}

/// The part of token `t` after byte offset `end` (empty when `end` is at or past its end).
pub(super) fn tail_in<'a>(t: &Token<'a>, end: usize) -> &'a str {
    if end <= t.start {
        t.text
    } else if end >= t.end {
        ""
    } else {
        t.text.get(end - t.start..).unwrap_or("")
    }
}

pub(super) fn add_role(
    b: &mut Builder,
    p: usize,
    title: String,
    org: Option<usize>,
    qualifier: Option<&'static str>,
) {
    let roles = &mut b.entities[p].roles;
    if let Some(r) = roles
        .iter_mut()
        .find(|r| r.title == title && (r.org == org || org.is_none() || r.org.is_none()))
    {
        if r.org.is_none() {
            r.org = org;
        }
        return;
    }
    roles.push(Role {
        title,
        org,
        qualifier,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tests::run;
    #[test]
    fn qualifiers() {
        let e = run("제목\n박근혜 전 대통령을 만났다.");
        let p = e.iter().find(|x| x.name == "박근혜").unwrap();
        assert_eq!(p.roles[0].qualifier, Some("former"));
    }

    #[test]
    fn a_role_holds_the_title_the_organization_and_the_qualifier() {
        let e = run("제목\n김나래 한빛은행 전 행장이 회고록을 냈다.");
        let p = e.iter().find(|x| x.name == "김나래").expect("person");
        assert_eq!(p.roles.len(), 1);
        assert_eq!(p.roles[0].title, "행장");
        assert_eq!(p.roles[0].qualifier, Some("former"));
        assert_eq!(e[p.roles[0].org.expect("org")].name, "한빛은행");
        // the appositive phrase runs to the title, before its particle
        let text = "제목\n김나래 한빛은행 전 행장이 회고록을 냈다.";
        let m = &p.mentions[0];
        assert_eq!(&text[m.start..m.phrase_end], "김나래 한빛은행 전 행장");
    }

    #[test]
    fn a_title_before_the_name_and_acting_titles() {
        let e = run("제목\n한빛은행 행장 대행 오민석이 답했다.");
        let p = e.iter().find(|x| x.name == "오민석");
        assert!(
            p.is_none_or(|p| p.roles.iter().all(|r| r.title == "행장")),
            "{e:?}"
        );
        assert_eq!(tail_in(&crate::morph::tokens("행장이", 0, 9)[0], 6), "이");
    }

    fn org_of(text: &str, name: &str) -> Option<String> {
        let e = run(text);
        let p = e.iter().find(|x| x.name == name).expect(name);
        p.roles
            .iter()
            .find_map(|r| r.org)
            .map(|o| e[o].name.clone())
    }

    #[test]
    fn coordinated_people_share_the_organization_in_front() {
        let text = "제목\n누리전자 김가람 대표이사와 박누리 부사장이 참석했다.";
        assert_eq!(org_of(text, "박누리").as_deref(), Some("누리전자"));
        let text = "제목\n바다은행 최하늘 행장 및 김가람 부행장이 나왔다.";
        assert_eq!(org_of(text, "김가람").as_deref(), Some("바다은행"));
        // an organization of their own elsewhere in the article wins
        let text =
            "제목\n누리전자 김가람 대표와 최하늘 회장이 만났다. 바다그룹 최하늘 회장은 웃었다.";
        assert_eq!(org_of(text, "최하늘").as_deref(), Some("바다그룹"));
        // offices of different kinds are not shared (a party leader and the prime minister)
        let text = "제목\n바다당 김가람 대표와 박누리 국무총리가 만났다.";
        assert_eq!(org_of(text, "박누리"), None);
        // a word between the second name and the title: that person's own affiliation
        let text = "제목\n누리전자 김가람 사장과 박누리 부산 사장이 왔다.";
        assert_eq!(org_of(text, "박누리"), None);
        // a division between them is the same company's
        let text = "제목\n누리전자 김가람 부회장과 박누리 모바일부문 사장이 왔다.";
        assert_eq!(org_of(text, "박누리").as_deref(), Some("누리전자"));
        // no organization in front of the first person: nothing to share
        let text = "제목\n김가람 대표와 박누리 부사장이 참석했다.";
        assert_eq!(org_of(text, "박누리"), None);
        // a comma or a verb between them is no coordination
        let text = "제목\n누리전자 김가람 대표가 왔고 박누리 부사장이 떠났다.";
        assert_eq!(org_of(text, "박누리"), None);
    }

    #[test]
    fn a_title_and_name_in_brackets_after_an_organization() {
        let text = "제목\n누리협회(회장 김가람)는 29일 총회를 열었다.";
        assert_eq!(org_of(text, "김가람").as_deref(), Some("누리협회"));
        // the name must close the bracket
        let text = "제목\n누리협회(회장 김가람 등 10명)는 총회를 열었다.";
        let e = run(text);
        if let Some(p) = e.iter().find(|x| x.name == "김가람") {
            assert!(p.roles.iter().all(|r| r.org.is_none()), "{e:?}");
        }
    }

    #[test]
    fn newly_appointed_and_first_holders_keep_their_role() {
        let text = "제목\n박누리 더불어민주당 신임 원내대표가 말했다.";
        assert_eq!(org_of(text, "박누리").as_deref(), Some("더불어민주당"));
        let e = run(text);
        let p = e.iter().find(|x| x.name == "박누리").unwrap();
        assert_eq!(
            (p.roles[0].title.as_str(), p.roles[0].qualifier),
            ("원내대표", None)
        );
    }
}
