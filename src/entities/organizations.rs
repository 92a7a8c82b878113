use super::builder::{Builder, entity_at, org_covering};
use super::scan::Word;
use super::{EType, EntityRules};
use crate::segment::is_hangul;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// `독일 기독민주당`, `베트남 공산당`, `일본 롯데`: a country written right before an
/// organization (one space, no particle) is part of its name there. The organization's
/// mention takes the country in; the country's own mention goes.
pub(super) const COUNTRY_PREFIX: &str = "pattern/country_prefix";

pub(super) fn country_qualified_orgs(text: &str, b: &mut Builder) {
    let pairs: Vec<(usize, usize, usize, usize)> = b
        .taken
        .iter()
        .zip(b.taken.iter().skip(1))
        .filter_map(|((&ps, &(pe, pent)), (&os, &(_, oent)))| {
            let country = b.entities[pent].etype == EType::Place
                && b.entities[pent].subtype.as_deref() == Some("country");
            let org = b.entities[oent].etype == EType::Organization;
            (country && org && &text[pe..os] == " ").then_some((ps, os, pent, oent))
        })
        .collect();
    // the mentions are changed after the loop, once per entity (changing them pair by pair
    // scanned all mentions of the country for each pair: quadratic on `미국 애플 미국 애플 …`)
    let mut dropped: HashMap<usize, HashSet<usize>> = HashMap::default();
    let mut moved: HashMap<usize, HashMap<usize, usize>> = HashMap::default();
    for (ps, os, pent, oent) in pairs {
        let Some((oe, _)) = b.taken.remove(&os) else {
            continue;
        };
        b.taken.remove(&ps);
        dropped.entry(pent).or_default().insert(ps);
        moved.entry(oent).or_default().insert(os, ps);
        // the name without the country stays the organization's name; the longer one is an
        // alias
        let bare = text[os..oe].to_string();
        let long = text[ps..oe].to_string();
        let aliases = &mut b.entities[oent].aliases;
        for a in [bare, long] {
            if !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        b.taken.insert(ps, (oe, oent));
    }
    for (ent, starts) in dropped {
        b.entities[ent]
            .mentions
            .retain(|m| !starts.contains(&m.start));
    }
    for (ent, starts) in moved {
        for m in &mut b.entities[ent].mentions {
            if let Some(&ps) = starts.get(&m.start) {
                m.start = ps;
                m.rule = format!("{} + {COUNTRY_PREFIX}", m.rule);
            }
        }
    }
}

/// `네이버 비즈니스 플랫폼(NBP)`, `국제박람회기구(BIE)`: a name spelled out before its
/// Latin acronym in brackets. The phrase (one to four words without particles) is an
/// organization when it starts with a known organization or place or ends with an
/// organization suffix; the acronym becomes an alias.
pub(super) fn acronym_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for k in 1..toks.len() {
        let acro = &toks[k];
        let n = acro.text.len();
        if !(2..=6).contains(&n)
            || !acro
                .text
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c == b'&')
        {
            continue;
        }
        let prev = &toks[k - 1];
        if &text[prev.end..acro.start] != "(" || !text[acro.end..].starts_with(')') {
            continue;
        }
        let mut j = k - 1;
        while j > 0
            && k - j < 4
            && text[toks[j - 1].end..toks[j].start] == *" "
            && toks[j - 1]
                .text
                .chars()
                .all(|c| is_hangul(c) || c.is_ascii_alphanumeric())
        {
            // stop at a number or at a word that ends in a particle (unless it is a name)
            let w = &toks[j - 1];
            let known = entity_at(b, w.start, w.end, EType::Organization).is_some()
                || entity_at(b, w.start, w.end, EType::Place).is_some();
            let known_end = [EType::Organization, EType::Place]
                .iter()
                .find_map(|&t| entity_at(b, w.start, w.end, t))
                .map(|(_, end)| end);
            let particle_end = w.text.chars().count() > 1 && rules.ends_like_a_verb(w.text);
            // nor a person's name (홍길순 한빛전자(HB) 사장: the name is no part of it)
            let a_name = !known && w.name_len == Some(w.text.len());
            if w.text.chars().any(|c| c.is_ascii_digit())
                || known_end.is_some_and(|end| end < w.end)
                || particle_end && !known
                || a_name
            {
                break;
            }
            j -= 1;
        }
        let (s, e) = (toks[j].start, prev.end);
        // the phrase may hold shorter organization or place names (미국 지질조사국): they give
        // way; a person or product inside means it is no organization name
        let holds_other = entity_at(b, s, e, EType::Person).is_some()
            || entity_at(b, s, e, EType::Product).is_some();
        let whole_known = entity_at(b, s, e, EType::Organization).is_some_and(|(_, end)| end >= e);
        if holds_other
            || whole_known
            || b.overlaps(s, e) && !b.taken.range(s..e).all(|(_, &(end, _))| end <= e)
        {
            continue;
        }
        // 네이버 비즈니스 플랫폼(NBP): a known company heads the name; a place heading it
        // (미국 지질조사국) is not enough without an organization ending
        let first_known = entity_at(b, toks[j].start, toks[j].end, EType::Organization).is_some();
        let suffix = rules
            .suffixes
            .iter()
            .any(|(suf, _, _, _)| prev.text.ends_with(suf))
            || prev.text.ends_with("기구")
            || prev.text.ends_with("국");
        if !(first_known && j < k - 1 || suffix) {
            continue;
        }
        // the shorter names inside the phrase give way to the full name
        b.clear_range(s, e);
        let name = &text[s..e];
        let ent = b.org(name, "other");
        if b.mention(ent, text, s, e, si, "pattern/acronym_name") {
            let a = acro.text.to_string();
            if !b.entities[ent].aliases.contains(&a) {
                b.entities[ent].aliases.push(a);
            }
            b.mention(ent, text, acro.start, acro.end, si, "pattern/acronym");
        }
    }
}

/// `택시 4단체`, `택시 4개 단체`: an unnamed group of organizations that acts as one side.
pub(super) fn counted_groups(text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for k in 1..toks.len() {
        let (p, t) = (&toks[k - 1], &toks[k]);
        if !t.text.starts_with(|c: char| c.is_ascii_digit())
            || text[p.end..t.start] != *" "
            || !p.text.chars().all(is_hangul)
            || p.text.chars().count() > 4
        {
            continue;
        }
        let rest = &text[t.start..];
        let Some(len) = counted_group(rest) else {
            continue;
        };
        let (s, e) = (p.start, t.start + len);
        let name = &text[s..e];
        let ent = b.org(name, "other");
        b.mention(ent, text, s, e, si, "pattern/counted_group");
    }
}

pub(super) fn org_suffix_pattern(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for t in toks {
        if b.overlaps(t.start, t.end) {
            continue;
        }
        // 누리전자-바다은행: two names by suffix joined by a hyphen (the headline pair) are
        // two organizations, not one hyphenated name
        if let Some(h) = t.text.find(['-', '–'])
            && let Some((left_end, left_subtype, left_origin)) = by_suffix(rules, &t.text[..h])
            && left_end == h
        {
            let dash = t.text[h..].chars().next().map_or(1, char::len_utf8);
            if let Some((end, subtype, origin)) = by_suffix(rules, &t.text[h + dash..]) {
                let ent = b.org(&t.text[..h], left_subtype);
                b.mention(ent, text, t.start, t.start + h, si, left_origin);
                let ent = b.org(&t.text[h + dash..h + dash + end], subtype);
                let s = t.start + h + dash;
                b.mention(ent, text, s, s + end, si, origin);
                continue;
            }
        }
        if let Some((end, subtype, origin)) = by_suffix(rules, t.text) {
            let ent = b.org(&t.text[..end], subtype);
            b.mention(ent, text, t.start, t.start + end, si, origin);
        }
    }
}

/// The organization name a word starts with by `org_suffixes.tsv`: where it ends (the rest
/// of the word being particles; the longest such name wins), its subtype and rule.
fn by_suffix<'r>(rules: &'r EntityRules, word: &str) -> Option<(usize, &'static str, &'r str)> {
    for (end, last) in word
        .char_indices()
        .rev()
        .map(|(i, c)| (i + c.len_utf8(), c))
    {
        if !rules.suffix_last_chars.contains(last) {
            continue;
        }
        let Some(cands) = rules.suffixes_by_last.get(&last) else {
            continue;
        };
        let name = &word[..end];
        if !rules.particles.is_tail(&word[end..]) {
            continue;
        }
        for &k in cands {
            let (suffix, subtype, min_stem, origin) = &rules.suffixes[k];
            if !name.ends_with(suffix)
                || name[..name.len() - suffix.len()].chars().count() < *min_stem
            {
                continue;
            }
            if rules.not_names.contains(name)
                || rules.titles.contains(name)
                || name.chars().any(|c| c.is_ascii_digit())
            {
                continue;
            }
            return Some((end, subtype, origin.as_str()));
        }
    }
    None
}

/// `삼성전자 AGI 컴퓨팅 랩`: a unit word preceded by bare words after an organization.
pub(super) fn unit_pattern(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for (k, t) in toks.iter().enumerate() {
        if !rules.unit_suffixes.contains(&t.text) || k == 0 {
            continue;
        }
        // walk left over at most 3 bare words; stop at an organization mention
        let mut j = k;
        let mut org: Option<usize> = None;
        while j > 0 && k - j < 3 {
            let p = &toks[j - 1];
            if let Some(e) = org_covering(b, p.start, p.end) {
                org = Some(e);
                break;
            }
            if b.overlaps(p.start, p.end)
                || !p.text.chars().any(|c| c.is_ascii_uppercase()) && k - j >= 1
            {
                break;
            }
            j -= 1;
        }
        if j == k || org.is_none() {
            continue;
        }
        let (s, e) = (toks[j].start, t.end);
        let name = &text[s..e];
        let ent = b.org(name, "unit");
        if b.mention(ent, text, s, e, si, "pattern/named_unit")
            && let Some(o) = org
        {
            let full = format!("{} {}", b.entities[o].name, name);
            if !b.entities[ent].aliases.contains(&full) {
                b.entities[ent].aliases.push(full);
            }
        }
    }
}

/// `4단체`, `4개 단체`, `12개기관`: a number, optionally 개 and a space, and a group noun at
/// the start of `s`; its byte length.
pub(super) fn counted_group(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut rest = &s[digits..];
    if let Some(r) = rest.strip_prefix('개') {
        rest = r.strip_prefix(' ').unwrap_or(r);
    }
    ["단체", "기관", "업체", "노조", "협회"]
        .iter()
        .find(|w| rest.starts_with(*w))
        .map(|w| s.len() - rest.len() + w.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tests::{names, run};

    #[test]
    fn organizations_by_suffix_acronym_and_count() {
        let e = run("제목\n국제우주협력기구(ISCO)와 버스 3개 단체가 한빛기술연구원에서 만났다.");
        let o = names(&e, EType::Organization);
        for want in ["국제우주협력기구", "버스 3개 단체", "한빛기술연구원"] {
            assert!(o.contains(&want.to_string()), "{want} in {o:?}");
        }
        let isco = e.iter().find(|x| x.name == "국제우주협력기구").unwrap();
        assert!(isco.aliases.contains(&"ISCO".to_string()));
        // a suffix alone, or with too short a stem, is no name
        let e = run("제목\n은행은 문을 열었다. 협회는 답하지 않았다.");
        assert!(names(&e, EType::Organization).is_empty(), "{e:?}");
        assert_eq!(counted_group("12개기관"), Some("12개기관".len()));
        assert_eq!(counted_group("3개 사과"), None);
    }

    #[test]
    fn company_name_endings_in_english_words() {
        let e =
            run("제목\n누리모터스는 바다로보틱스, 하늘파이낸셜과 손잡았다. 모터스 공장은 크다.");
        let o = names(&e, EType::Organization);
        for want in ["누리모터스", "바다로보틱스", "하늘파이낸셜"] {
            assert!(o.contains(&want.to_string()), "{want} in {o:?}");
        }
        // the ending alone, with no name before it, is no organization
        assert!(!o.contains(&"모터스".to_string()), "{o:?}");
    }

    #[test]
    fn two_names_by_suffix_joined_by_a_hyphen_are_two() {
        let e = run("누리전자-바다은행, 금융 협력 위해 손잡아\n본문이다.");
        let o = names(&e, EType::Organization);
        assert!(
            o.contains(&"누리전자".to_string()) && o.contains(&"바다은행".to_string()),
            "{o:?}"
        );
        // a hyphen inside one name, the left part no name by suffix, stays one name
        let e = run("제목\n한빛-누리연구원은 문을 열었다.");
        let o = names(&e, EType::Organization);
        assert_eq!(o, ["한빛-누리연구원"], "{o:?}");
    }
}
