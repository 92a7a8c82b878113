use super::WordRules;
use super::scan::Word;
use crate::segment::is_hangul;

impl WordRules {
    /// If `word` is a title followed by particles, the title.
    pub fn title_prefix<'w>(&self, word: &'w str) -> Option<&'w str> {
        // longer than any title, compound or not
        if word.len() > 16 * 4 || word.len() > 16 && word.chars().nth(16).is_some() {
            return None;
        }
        // the longest title that starts the word with only particles after it: the titles
        // that begin with the word's first two characters, and a title of one character
        let mut cs = word.chars();
        let c0 = cs.next()?;
        if self.title_first_chars.contains(c0) {
            let mut best: Option<&str> = None;
            if let Some(c1) = cs.next()
                && let Some(cands) = self.titles_by_head.get(&(c0, c1))
            {
                for t in cands {
                    if t.len() > best.map_or(0, str::len)
                        && word.starts_with(t)
                        && self.particles.is_tail(&word[t.len()..])
                    {
                        best = Some(&word[..t.len()]);
                    }
                }
            }
            let one = c0.len_utf8();
            if best.is_none()
                && self.titles.contains(&word[..one])
                && self.particles.is_tail(&word[one..])
            {
                best = Some(&word[..one]);
            }
            if best.is_some() {
                return best;
            }
        }
        // a compound title: a unit name glued to a title of two or more syllables
        // (정책협력실장, 대외협력국장보, 거대과학기술정책관)
        for (i, c) in word.char_indices().rev() {
            let e = i + c.len_utf8();
            if !self.title_last_chars.contains(c) || !self.particles.is_tail(&word[e..]) {
                continue;
            }
            let head = &word[..e];
            if head.chars().nth(14).is_some() || !head.chars().all(is_hangul) {
                continue;
            }
            // the title part: a title of two or more characters that ends the head and is not
            // all of it
            let Some(penult) = word[..i].chars().next_back() else {
                continue;
            };
            if let Some(cands) = self.titles_by_tail.get(&(penult, c))
                && cands
                    .iter()
                    .any(|t| t.len() < head.len() && head.ends_with(t))
            {
                return Some(head);
            }
        }
        None
    }
}

pub(super) const QUALIFIERS: &[(&str, &str)] = &[
    ("전", "former"),
    ("前", "former"),
    ("당시", "at_the_time"),
    ("선대", "late"),
    ("고", "late"),
    ("故", "late"),
    // 현 (current) is read as a qualifier word but reported as no qualifier (null)
];

/// Is word `k` a title (plus particles)? Returns the title, how many words it spans and the
/// particles after it.
pub(super) fn title_at<'a>(toks: &[Word<'a>], k: usize) -> Option<(&'a str, usize, &'a str)> {
    toks.get(k)?.title_at
}

pub(super) fn qualifier(word: &str) -> Option<&'static str> {
    QUALIFIERS.iter().find(|(w, _)| *w == word).map(|(_, q)| *q)
}

/// Is `word` a qualifier word (전, 당시, 고, 현 …), whatever it is reported as? 현 (current),
/// 신임 (newly appointed) and 초대 (first holder) are read but reported as no qualifier.
pub(super) fn is_qualifier_word(word: &str) -> bool {
    qualifier(word).is_some() || matches!(word, "현" | "신임" | "초대")
}

/// Titles that are also everyday nouns (시장 market, 이사 moving, 감사 thanks): after a
/// name they count only with an organization or place in between (홍길동 서울 시장).
pub(super) const AMBIGUOUS_TITLES: &[&str] =
    &["시장", "이사", "감사", "고문", "위원", "선수", "대사"];

/// Playing positions: after a word they are mostly modified (마무리 투수, 최전방 공격수), so
/// after a name they count only with a team in between; before a name they are titles
/// (투수 봉중근).
pub(super) const POSITIONS: &[&str] = &["투수", "포수", "공격수", "수비수", "골키퍼", "미드필더"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tests::{assert_no_people, person_surfaces};
    use crate::rules::RuleSet;
    #[test]
    fn ranks_and_occupations_as_titles() {
        let p = person_surfaces("제목\n유시진 대위와 이연복 셰프가 나왔다. 투수 봉중근이 던졌다.");
        assert_eq!(p, ["봉중근", "유시진", "이연복"]);
        // a position after a common noun is no name (마무리 투수)
        assert_no_people("제목\nLG는 마무리 투수를 바꿨다.");
    }

    #[test]
    fn titles_with_particles_and_compound_titles() {
        let rules = WordRules::new(&RuleSet::builtin().unwrap()).unwrap();
        assert_eq!(rules.title_prefix("사장은"), Some("사장"));
        assert_eq!(rules.title_prefix("대표이사가"), Some("대표이사"));
        // a unit name glued to a title is one title
        assert_eq!(rules.title_prefix("기술전략실장이"), Some("기술전략실장"));
        // a word that only starts like a title
        assert_eq!(rules.title_prefix("사과는"), None);
        assert_eq!(rules.title_prefix("회의는"), None);
        // 님 and 들 are tails after a title
        assert_eq!(rules.title_prefix("회장님들과"), Some("회장"));
        assert_eq!(qualifier("당시"), Some("at_the_time"));
        assert!(is_qualifier_word("현") && qualifier("현").is_none());
    }
}
