use super::builder::{Builder, entity_at};
use super::scan::Word;
use super::titles::{is_qualifier_word, qualifier, title_at};
use super::{EType, Role};
use crate::morph::Token;

/// Roles for person mentions: `NAME [qual] [ORG…] [qual] TITLE` and `ORG [TITLE] NAME`.
/// Words must follow each other with nothing but spaces between them (a comma ends the
/// phrase). The end of the appositive phrase is recorded on the mention, so that the
/// relation stage can read the particle that marks the person's role in the sentence
/// (`샘 올트먼 오픈AI CEO가` is a subject).
pub(super) fn roles(text: &str, toks: &[Word], b: &mut Builder) {
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
                    .or_else(|| org_before_aside(text, toks[before].start, b));
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
}
