//! The clauses of a sentence (`clause_endings.txt`): long sentences chain clauses with
//! connective endings (`…체결했고, …맺었다`), each with its own partner and tense. The
//! partnership pass pairs the names of one clause and reads the status of that clause.

use crate::rules::RuleSet;

use super::quotes::Quotes;

/// The connective endings that close a clause.
pub(super) struct ClauseEndings(Vec<&'static str>);

impl ClauseEndings {
    /// Reads `clause_endings.txt`.
    pub(super) fn new(rules: &RuleSet) -> ClauseEndings {
        ClauseEndings(rules.rows("clause_endings.txt").map(|r| r.get(0)).collect())
    }

    /// The clauses of sentence `s`, as byte ranges that cover it in order: a clause ends
    /// after a word (outside quotes) that ends in a connective ending.
    pub(super) fn split(&self, s: &str, quotes: &Quotes) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut word_start = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            if !c.is_whitespace() {
                word_start.get_or_insert(i);
                continue;
            }
            let Some(ws) = word_start.take() else {
                continue;
            };
            let word = &s[ws..i];
            if i < s.len() && !quotes.inside(ws) && self.0.iter().any(|e| word.ends_with(e)) {
                out.push(start..i);
                start = i;
            }
        }
        out.push(start..s.len());
        out
    }
}

/// The quotative endings that close reported speech (`quotative_endings.txt`).
pub(super) struct QuotativeEndings(Vec<&'static str>);

impl QuotativeEndings {
    /// Reads `quotative_endings.txt`.
    pub(super) fn new(rules: &RuleSet) -> QuotativeEndings {
        QuotativeEndings(
            rules
                .rows("quotative_endings.txt")
                .map(|r| r.get(0))
                .collect(),
        )
    }

    /// Where the first word of `s` that ends in a quotative ending ends (만났다고 C가
    /// 전했다: after 만났다고), outside quotes (`quotes` counts from `base`).
    pub(super) fn first_end(&self, s: &str, quotes: &Quotes, base: usize) -> Option<usize> {
        let mut at = 0;
        for word in s.split(' ') {
            let end = at + word.len();
            let w = word.trim_end_matches(|c: char| !crate::morph::is_alnum(c));
            if !w.is_empty() && !quotes.inside(base + at) && self.0.iter().any(|e| w.ends_with(e)) {
                return Some(end);
            }
            at = end + 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::partnerships;

    #[test]
    fn each_clause_has_its_partner_and_status() {
        let p = partnerships(
            "누리전자은 이달 초 한빛은행와 양해각서(MOU)를 체결했고, 지난해엔 바다증권와 \
             공동 연구를 추진하기로 했다.",
        );
        let mut got: Vec<(String, &str)> = p.iter().map(|e| (e.0.join("+"), e.1)).collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("누리전자+바다증권".to_string(), "planned"),
                ("누리전자+한빛은행".to_string(), "agreed"),
            ],
            "{p:?}"
        );
    }

    #[test]
    fn one_clause_stays_one() {
        let p = partnerships("누리전자과 한빛은행는 공동 연구를 추진하기로 했다.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].1, "planned");
    }

    #[test]
    fn a_quoted_ending_splits_nothing() {
        let s = "누리전자은 “한빛은행와 만났고, 협력은 이어진다”며 바다증권와 협약을 맺었다.";
        let p = partnerships(s);
        assert!(
            p.iter().all(|e| e.0.contains(&"바다증권".to_string())),
            "{p:?}"
        );
    }
}
