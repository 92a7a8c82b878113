use super::builder::{Builder, entity_at, is_country};
use super::roles::acronym_gap;
use super::scan::Word;
use super::titles::{AMBIGUOUS_TITLES, POSITIONS, is_qualifier_word, title_at};
use super::{EType, EntityRules, WordRules};
use crate::segment::is_hangul;

impl WordRules {
    /// As [`WordRules::korean_name_lens`], accepting two-syllable names (박진, 김현) when
    /// `min` is 2.
    pub(super) fn korean_name_len_min(&self, word: &str, min: usize) -> Option<usize> {
        self.korean_name_lens(word)[usize::from(min < 3)]
    }

    /// The length in bytes of a Korean personal name at the start of `word` (surname + one or
    /// two syllables), when `word` is the name followed by particles only: `[a name of three
    /// syllables or more, a name of two or more]`, worked out together.
    pub(super) fn korean_name_lens(&self, word: &str) -> [Option<usize>; 2] {
        let mut found = [None; 2];
        // a name starts with a surname (most words are ruled out here)
        let Some(c0) = word.chars().next() else {
            return found;
        };
        if !self.surnames1.contains(c0) && !self.surnames2_first.contains(c0) {
            return found;
        }
        // the first four characters (a name is at most four) and how many there are
        let mut cs = ['\0'; 4];
        let mut count = 0;
        for c in word.chars() {
            if count < 4 {
                cs[count] = c;
            }
            count += 1;
            if count > 4 {
                break;
            }
        }
        if count < 2 || !cs.iter().take(count.min(3)).all(|&c| is_hangul(c)) {
            return found;
        }
        // Hangul syllables are three bytes each
        let sur = if count >= 3
            && self.surnames2_first.contains(cs[0])
            && self.surnames2.contains(&word[..6])
        {
            2
        } else if self.surnames1.contains(cs[0]) {
            1
        } else {
            return found;
        };
        for given in [2usize, 1] {
            let n = sur + given;
            if n > count {
                continue;
            }
            if !cs[..n].iter().all(|&c| is_hangul(c)) {
                continue;
            }
            let len = 3 * n;
            let name = &word[..len];
            // a given name does not end in a particle syllable (양국의, 진출은, 서구을), and a
            // title is not a name (사장이)
            if matches!(cs[n - 1], '의' | '은' | '는' | '을' | '를' | '와' | '과' | '에' | '로' | '이' | '가' | '도')
                // nor in a noun-forming suffix (점유율, 영향력, 이공계, 경쟁적; not 권, which ends
                // given names as often: 손영권, and nouns only before no title: 주도권)
                || matches!(cs[n - 1], '력' | '률' | '율' | '계' | '적' | '량' | '층')
                // nor in a verb's ending (기소된, 썼던, 진행될, 제치고, 소문난), nor in a
                // syllable that ends nouns, not names (음식점, 상대팀, 유가족, 기록물, 성추행)
                || matches!(cs[n - 1], '된' | '던' | '될' | '고' | '난' | '씨')
                // nor in an adverb's or a verb's ending (여전히, 여기다), and 해 ends a given
                // name (최재해) only after a given-name syllable, not a verb (감안해, 하락해)
                || matches!(cs[n - 1], '히' | '다')
                || (cs[n - 1] == '해' && n >= 2 && !self.given.contains(cs[n - 2]))
                || matches!(cs[n - 1], '점' | '팀' | '넷' | '족' | '행' | '물' | '결' | '방')
                || self.not_names.contains(name)
                || self.titles.contains(name)
                || self.titles.contains(&word[..len - 3])
            {
                continue;
            }
            if self.particles.is_tail(&word[len..]) {
                // the first name found, and the first of three syllables or more
                found[1] = found[1].or(Some(len));
                if n >= 3 {
                    found[0] = Some(len);
                    break; // the longer name is tried first: both are this one
                }
            }
        }
        found
    }
}

/// Korean names before a title: `이재용 회장`, `이재용 삼성전자 회장`, `박근혜 전 대통령`,
/// `LG 조주완 사장`, and `조수미씨`.
pub(super) fn korean_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for k in 0..toks.len() {
        let t = &toks[k];
        // 조수미씨 / 조수미 씨
        let ssi = t
            .text
            .strip_suffix('씨')
            .filter(|_| t.text.chars().count() == 4)
            .or_else(|| (toks.get(k + 1).is_some_and(|n| n.text == "씨")).then_some(t.text));
        let two = match ssi {
            Some(stem) if stem.len() != t.text.len() => rules.korean_name_len_min(stem, 2),
            _ => t.name_len2,
        };
        let Some(mut len) = two else {
            continue;
        };
        if b.overlaps(t.start, t.end) {
            continue;
        }
        if ssi.is_none() && len != t.text.len() {
            continue; // a name right before a title carries no particle
        }
        let mut ok = ssi.is_some() && len >= 9;
        let mut affiliated = false;
        let mut named_affiliation = false;
        // an organization or a place other than a country is named (`일본 시장` is none)
        let mut city_or_org = false;
        if ssi.is_none() {
            // [qualifier] [organization, place or unit words] [up to 2 more words] title:
            // 이재용 삼성전자 회장, 박항서 베트남 축구 국가대표팀 감독, 남영수 디지털금융부문 부행장
            let mut j = k + 1;
            let mut generic = 0;
            while j < toks.len()
                && j - k <= 5
                && (text[toks[j - 1].end..toks[j].start]
                    .chars()
                    .all(|c| c == ' ')
                    || acronym_gap(text, toks, j, b))
            {
                if let Some((title, _, _)) = title_at(toks, j) {
                    // 가속기 시장 is a market, not a mayor: such titles need a named affiliation
                    // (and a mayor is a city's: `일본 시장` is the Japanese market)
                    ok = (named_affiliation && (title != "시장" || city_or_org))
                        || !AMBIGUOUS_TITLES.contains(&title) && !POSITIONS.contains(&title);
                    break;
                }
                let w = &toks[j];
                let is_org = entity_at(b, w.start, w.end, EType::Organization)
                    .is_some_and(|(_, end)| end >= w.end);
                let place =
                    entity_at(b, w.start, w.end, EType::Place).filter(|&(_, end)| end >= w.end);
                let is_place = place.is_some();
                if is_org || place.is_some_and(|(ent, _)| !is_country(b, ent)) {
                    city_or_org = true;
                }
                // an acronym (LG, IM) or a unit word (디지털금융부문); not 5G or 2030
                let unit = w.text.chars().all(|c| c.is_ascii_uppercase()) && w.text.len() >= 2
                    || rules.unit_endings.iter().any(|u| w.text.ends_with(u));
                if is_org || is_place {
                    affiliated = true;
                    named_affiliation = true;
                } else if unit {
                    affiliated = true;
                } else if is_qualifier_word(w.text) {
                } else if affiliated
                    && generic < 2
                    && w.text.chars().all(is_hangul)
                    // a word between that is a name itself holds the title (은인 경찰서 최석근 경장)
                    && w.name_len != Some(w.text.len())
                {
                    generic += 1;
                } else {
                    break;
                }
                j += 1;
            }
        }
        if !ok {
            continue;
        }
        if len < 9 && !affiliated && ssi.is_none() {
            // two-syllable names only with an affiliation (박진 외교부 장관)
            match t.name_len {
                Some(l) => len = l,
                None => continue,
            }
        }
        let name = &t.text[..len];
        if name.ends_with('대')
            && toks
                .get(k + 1)
                .is_some_and(|n| rules.academic_words.iter().any(|a| n.text.starts_with(a)))
        {
            continue; // 경찰대 교수: a university, not a person
        }
        let key = format!("Person:{name}");
        let ent = b.entity(&key, EType::Person, name, None, None);
        b.mention(
            ent,
            text,
            t.start,
            t.start + len,
            si,
            if ssi.is_some() {
                "pattern/name_ssi"
            } else {
                "pattern/name_title"
            },
        );
    }
}

/// Korean names after a title: `코레일 사장 최연혜가`, `대변인 박광온은`.
pub(super) fn names_after_titles(text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for k in 1..toks.len() {
        let (p, t) = (&toks[k - 1], &toks[k]);
        if b.overlaps(t.start, t.end) || !text[p.end..t.start].chars().all(|c| c == ' ') {
            continue;
        }
        let Some(title) = p.title else {
            continue;
        };
        if title.len() != p.text.len() || AMBIGUOUS_TITLES.contains(&title) {
            continue; // the title must be bare: 사장 최연혜, not 사장은 최연혜
        }
        let Some(len) = t.name_len else {
            continue;
        };
        if t.text.chars().count() > 5 {
            continue;
        }
        let name = &t.text[..len];
        let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
        b.mention(ent, text, t.start, t.start + len, si, "pattern/title_name");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tests::{assert_no_people, person_surfaces, run};
    use crate::rules::RuleSet;
    #[test]
    fn korean_name_with_title_and_org() {
        let e = run("제목\n홍길순 한빛전자 사장은 말했다. 홍 사장은 웃었다.");
        let p = e.iter().find(|x| x.name == "홍길순").expect("person");
        assert_eq!(p.roles[0].title, "사장");
        let org = &e[p.roles[0].org.unwrap()];
        assert_eq!(org.name, "한빛전자");
        assert_eq!(p.mentions.len(), 2, "short form 홍 사장 resolves");
    }

    #[test]
    fn market_is_no_mayor() {
        // 시장 after a country or loanwords is the market
        assert_no_people(
            "제목\n여전히 일본 시장은 어렵다. 스마트홈 시장이 커졌다. 글로벌 프리미엄 시장에서 \
             팔렸다. 수요를 감안해 시장을 넓혔다.",
        );
        // after a city or an organization, or as 서울시장, it is the mayor
        let p = person_surfaces("제목\n김민수 서울시장과 박영호 부산시장이 만났다.");
        assert_eq!(p, ["김민수", "박영호"]);
        // 해 ends a given name after a given-name syllable
        assert_eq!(
            person_surfaces("제목\n최재해 감사원장이 답했다."),
            ["최재해"]
        );
    }

    #[test]
    fn name_shaped_verbs_and_nouns_are_no_names() {
        // a modifier or connective ending, or a syllable that ends nouns, before a title
        let none = "제목\n불구속 기소된 미용실 원장 최모씨는 후보를 제치고 당 대표에 올랐다. \
                    프랜차이즈 음식점 CEO 회의가 열렸다. 당시 주한 대사가 '피플'은 기자가 \
                    만났다고 했다. 공화당 두 후보가 남았다.";
        let p = person_surfaces(none);
        assert_eq!(p, ["최"], "only 최모씨 is a person");
        // 이 모 씨: the surname is the person, not 모
        assert_eq!(person_surfaces("제목\n55살 이 모 씨도 일했다."), ["이"]);
    }

    #[test]
    fn name_lengths_by_shape() {
        let rules = WordRules::new(&RuleSet::builtin().unwrap()).unwrap();
        assert_eq!(rules.korean_name_lens("정하늘은"), [Some(9), Some(9)]);
        assert_eq!(rules.korean_name_lens("남궁민수가"), [Some(12), Some(12)]);
        assert_eq!(rules.korean_name_lens("박진"), [None, Some(6)]);
        // 권 ends given names (손영권) as well as nouns (주도권)
        assert_eq!(rules.korean_name_lens("도영권이"), [Some(9), Some(9)]);
        assert_eq!(rules.korean_name_lens("영향력이"), [None, None]);
        // a title, or a noun ending in a particle syllable
        assert_eq!(rules.korean_name_lens("사장이"), [None, None]);
        assert_eq!(rules.korean_name_lens("양국의"), [None, None]);
    }

    #[test]
    fn a_name_before_an_affiliation_and_a_title_but_not_a_market() {
        assert_eq!(
            person_surfaces("제목\n정하늘 삼성전자 부사장이 계획을 밝혔다."),
            ["정하늘"]
        );
        // 시장 after a product word is the market
        assert_no_people("제목\n올해 전기차 배터리 시장은 커졌다. 국내 시장이 작다.");
        // a word ending in 대 before 교수 is a university
        assert_no_people("제목\n한빛대 교수들이 모였다.");
    }
}
