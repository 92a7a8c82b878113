//! Organizations named by apposition, which no table or suffix knows:
//! - `중국 로봇기업인 하궁즈넝과`: the name right after a noun of kind (`org_kind_nouns.txt`)
//!   + 인 ("which is a …") is an organization, and so are its later mentions;
//! - `누리중공업 로봇사업부문(이하 누리로보틱스)`: the short name after 이하 ("hereafter") is
//!   an alias of the entity before the bracket, or, when that is no entity but ends in a unit
//!   or organization word, an organization of its own.

use super::builder::Builder;
use super::scan::Word;
use super::{EType, EntityRules};

const RULE: &str = "pattern/apposition";

/// The word that gives a short name in brackets: `(이하 Y)`, "hereafter Y".
const HEREAFTER: &str = "이하";

/// The end of the Korean legal forms of non-profit and special organizations (사단법인,
/// 재단법인, 학교법인, 의료법인), written before the name.
const LEGAL_FORM: &str = "법인";

/// The organizations named after a noun of kind + 인, in every sentence (`all_toks`), then
/// their later mentions.
pub(super) fn described_orgs(
    rules: &EntityRules,
    text: &str,
    all_toks: &[Vec<Word>],
    b: &mut Builder,
) {
    // (the short names of `(이하 Y)` are found by then)
    let mut found: Vec<(String, usize)> = b
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            e.mentions
                .iter()
                .filter(|m| m.rule == RULE)
                .map(move |m| (text[m.start..m.end].to_string(), i))
        })
        .collect();
    for (si, toks) in all_toks.iter().enumerate() {
        for k in 1..toks.len() {
            let (p, t) = (&toks[k - 1], &toks[k]);
            if text[p.end..t.start] != *" " || !describes(rules, p.text) {
                continue;
            }
            // a legal form before the name (`지원단체인 사단법인 누리회`) is part of the description
            let (k, t) = match toks.get(k + 1) {
                Some(next) if t.text.ends_with(LEGAL_FORM) => (k + 1, next),
                _ => (k, t),
            };
            let Some(len) = name_len(rules, t.text) else {
                continue;
            };
            let bare = len == t.text.len();
            let next = toks.get(k + 1).filter(|n| text[t.end..n.start] == *" ");
            // a rank or an amount after the name: `업체인 세계 3위의` describes on
            if bare && next.is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit())) {
                continue;
            }
            let mut e = t.start + len;
            // a generic suffix word after the name belongs to it (`부품회사인 리어 코퍼레이션은`)
            if let Some(n) = next.filter(|_| bare)
                && let Some(suffix) = suffix_word(rules, n.text)
            {
                e = n.start + suffix;
            }
            let s = t.start;
            if b.overlaps(s, e) {
                continue;
            }
            let ent = b.org(&text[s..e], "company");
            if b.mention(ent, text, s, e, si, RULE) {
                found.push((text[s..e].to_string(), ent));
            }
        }
    }
    if !found.is_empty() {
        for (si, toks) in all_toks.iter().enumerate() {
            later(rules, text, toks, si, &found, b);
        }
    }
}

/// Is `word` a noun of kind + 인 (`로봇기업인`, `자회사인`; not the bare 기업인, "business
/// person")?
fn describes(rules: &EntityRules, word: &str) -> bool {
    let Some(noun) = word.strip_suffix('인') else {
        return false;
    };
    rules
        .org_kinds
        .iter()
        .any(|k| noun.ends_with(k) && (noun.len() > k.len() || *k != "기업"))
}

/// The length of the name at the start of `word` (the word without its particles), when it
/// can be a name: two characters or more, starting with a letter, no known ordinary word.
fn name_len(rules: &EntityRules, word: &str) -> Option<usize> {
    let p = rules.particles();
    // the shortest name whose rest is particles (하궁즈넝과 → 하궁즈넝)
    let len = word
        .char_indices()
        .skip(2)
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .find(|&i| p.is_tail(&word[i..]))?;
    let name = &word[..len];
    let first = name.chars().next()?;
    let bound = rules.bound_nouns.iter().any(|n| {
        word.strip_prefix(n)
            .is_some_and(|rest| p.is_tail(rest) || rest.starts_with(['하', '이', '한', '해']))
    });
    let ok = !bound
        && name.chars().nth(1).is_some()
        && !rules.suffixes.iter().any(|(suffix, ..)| *suffix == name)
        && (crate::segment::is_hangul(first) || first.is_ascii_uppercase())
        && name.chars().all(crate::morph::is_alnum)
        && !rules.not_names.contains(name)
        && !rules.titles.contains(name)
        && !rules.org_kinds.contains(&name);
    ok.then_some(len)
}

/// The length of the generic organization suffix that `word` is, without its particles
/// (`코퍼레이션은` → 코퍼레이션).
fn suffix_word(rules: &EntityRules, word: &str) -> Option<usize> {
    rules
        .suffixes
        .iter()
        .map(|(suffix, ..)| *suffix)
        .filter(|suffix| suffix.chars().nth(1).is_some())
        .find(|suffix| {
            word.strip_prefix(suffix)
                .is_some_and(|rest| rules.particles().is_tail(rest))
        })
        .map(str::len)
}

/// The mentions in `toks` of the names `found` so far: the same word with particles.
fn later(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    found: &[(String, usize)],
    b: &mut Builder,
) {
    for t in toks {
        for (name, ent) in found {
            if t.text.starts_with(name.as_str())
                && rules.particles().is_tail(&t.text[name.len()..])
                && !b.overlaps(t.start, t.start + name.len())
            {
                b.mention(*ent, text, t.start, t.start + name.len(), si, RULE);
            }
        }
    }
}

/// `X(이하 Y)`: Y is a short name of the entity X (or of the new organization Y, when X is
/// a phrase ending in a unit or organization word that no pass took).
pub(super) fn hereafter_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for k in 1..toks.len() {
        let (p, t) = (&toks[k - 1], &toks[k]);
        let Some(open) = text[..p.start].strip_suffix("(") else {
            continue;
        };
        if p.text != HEREAFTER || text[p.end..t.start] != *" " {
            continue;
        }
        let name_end = t.end;
        if !text[name_end..].starts_with(')') || !t.text.chars().all(crate::morph::is_alnum) {
            continue;
        }
        let (s, e) = (t.start, name_end);
        // a generic word as the short name (`(이하 대학)`, `(이하 회사)`) is no name
        let generic = rules.suffixes.iter().any(|(suffix, ..)| *suffix == t.text)
            || rules.org_kinds.contains(&t.text);
        if generic || b.overlaps(s, e) || t.text.chars().count() < 2 {
            continue;
        }
        let head_end = open.len();
        let before = b
            .taken
            .range(..head_end)
            .next_back()
            .filter(|&(_, &(end, _))| end == head_end)
            .map(|(_, &(_, ent))| ent);
        if let Some(ent) = before {
            if b.entities[ent].etype != EType::Place {
                b.mention(ent, text, s, e, si, RULE);
            }
            continue;
        }
        let head_word = open.rsplit(' ').next().unwrap_or("");
        let unit_or_org = rules
            .org_kinds
            .iter()
            .chain(&rules.unit_suffixes)
            .any(|w| head_word.len() > w.len() && head_word.ends_with(w));
        if unit_or_org {
            let ent = b.org(&text[s..e], "company");
            b.mention(ent, text, s, e, si, RULE);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::entities::EType;
    use crate::entities::tests::{names, run};

    fn orgs(text: &str) -> Vec<String> {
        names(&run(text), EType::Organization)
    }

    #[test]
    fn a_name_after_a_noun_of_kind_is_an_organization() {
        let o = orgs("독일 물류기업인 베르덴하임과 손잡았다. 베르덴하임은 유럽 3위다.");
        assert!(o.contains(&"베르덴하임".to_string()), "{o:?}");
        let o = orgs("시장조사업체인 모아리서치에 따르면 판매가 늘었다.");
        assert!(o.contains(&"모아리서치".to_string()), "{o:?}");
        // a legal form before the name is part of the description
        let o = orgs("청소년 지원단체인 사단법인 푸른솔의 대표가 말했다.");
        assert!(o.contains(&"푸른솔".to_string()), "{o:?}");
        // a generic suffix word after the name belongs to it
        let o = orgs("미국 부품회사인 토렌 코퍼레이션은 공장을 지었다.");
        assert!(o.contains(&"토렌 코퍼레이션".to_string()), "{o:?}");
    }

    #[test]
    fn the_rest_of_a_clause_after_a_noun_of_kind_is_no_name() {
        for text in [
            // the bare 기업인 is a business person
            "기업인 홍길동 씨가 참석했다.",
            // bound nouns after the modifier
            "세계 1위 업체인 만큼 영향이 크다.",
            "중립적인 시민단체인 척하는지 모르겠다.",
            "계열사는 모두 7개 업체인 것으로 나타났다.",
            // an indefinite 한, a rank, a generic word
            "은행 자회사인 한 조선소 관계자가 말했다.",
            "부품업체인 세계 3위 규모의 철강회사가 나섰다.",
            "고등교육기관인 대학이 사회에 미치는 영향이다.",
        ] {
            let ents = run(text);
            assert!(
                ents.iter()
                    .all(|e| e.mentions.iter().all(|m| m.rule != super::RULE)),
                "{text}: {:?}",
                ents.iter().map(|e| &e.name).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn hereafter_gives_a_short_name() {
        // of an entity found before the bracket
        let text = "누리전자(이하 누리)는 신제품을 냈다. 누리는 올해 흑자다.";
        let ents = run(text);
        let nuri = ents
            .iter()
            .find(|e| e.name == "누리전자")
            .expect("누리전자");
        let short = nuri
            .mentions
            .iter()
            .filter(|m| &text[m.start..m.end] == "누리");
        assert_eq!(short.count(), 2, "{nuri:?}");
        // of a new organization, when the phrase before ends in a unit word
        let o =
            orgs("바다중공업 로봇사업부문(이하 바다로보틱스)이 분사했다. 바다로보틱스는 상장한다.");
        assert!(o.contains(&"바다로보틱스".to_string()), "{o:?}");
        // not of an ordinary phrase, nor as a generic word
        let o = orgs("교육여건 점수(이하 괄호)는 60점이다. 서울의 한빛대학교(이하 대학)는 1위다.");
        assert!(!o.iter().any(|n| n == "괄호" || n == "대학"), "{o:?}");
    }

    #[test]
    fn a_company_glued_to_capitals_is_its_subsidiary() {
        // 포스코 is a company of the table; ABC is no known name
        let o = orgs("포스코ABC는 새 공장을 열었다.");
        assert!(o.contains(&"포스코ABC".to_string()), "{o:?}");
        // two capitals are a product line or a service more often (…TV)
        let o = orgs("포스코TV는 새 방송을 열었다.");
        assert!(!o.contains(&"포스코TV".to_string()), "{o:?}");
    }
}
