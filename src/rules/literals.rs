//! Literal automata: which of many patterns can match a text, found in one pass.

/// An Aho-Corasick automaton of literals (standard semantics: every occurrence of every
/// literal is found by one overlapping search) that starts cheap and becomes
/// fast once it has been used enough: a contiguous NFA at first; after
/// [`Automaton::FAST_AFTER`] searches, a DFA, whose tables take a few hundred KB of fresh
/// memory to build. A one-article run never builds the DFA; a batch soon has it.
pub struct Automaton {
    lits: Vec<Vec<u8>>,
    first: aho_corasick::AhoCorasick,
    fast: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    uses: std::sync::atomic::AtomicUsize,
}

impl Automaton {
    /// After this many searches, the DFA is built.
    pub const FAST_AFTER: usize = 2000;

    /// The automaton of `lits`.
    pub fn new(lits: Vec<Vec<u8>>) -> Result<Automaton, aho_corasick::BuildError> {
        let first = Automaton::build(&lits, aho_corasick::AhoCorasickKind::ContiguousNFA)?;
        Ok(Automaton {
            lits,
            first,
            fast: std::sync::OnceLock::new(),
            uses: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    fn build(
        lits: &[Vec<u8>],
        kind: aho_corasick::AhoCorasickKind,
    ) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError> {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .kind(Some(kind))
            // dense transition rows only for the root's children: the default (three levels)
            // zero-filled some 200 KB for the trigger literals, ~50 fresh pages of a one-article
            // run, for searches that are as fast either way
            .dense_depth(1)
            .build(lits)
    }

    /// The automaton to search with now (the same matches either way).
    pub fn get(&self) -> &aho_corasick::AhoCorasick {
        if let Some(fast) = self.fast.get() {
            return fast.as_ref().unwrap_or(&self.first);
        }
        if self.uses.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < Self::FAST_AFTER {
            return &self.first;
        }
        self.fast
            .get_or_init(|| Automaton::build(&self.lits, aho_corasick::AhoCorasickKind::DFA).ok())
            .as_ref()
            .unwrap_or(&self.first)
    }

    /// Has the DFA been built?
    pub fn is_fast(&self) -> bool {
        self.fast.get().is_some_and(Option::is_some)
    }
}

/// Which of a list of regexes can match a text, found in one pass: every pattern's
/// possible beginnings (the prefix literals `regex-syntax` extracts, e.g. `회동`, `전화 통화`,
/// `전화통화` for `(전화|화상) ?(통화|회담)`) go into one Aho-Corasick automaton; a pattern
/// none of whose beginnings occur cannot match and need not be run. A pattern without a
/// finite set of non-empty beginnings is always a candidate.
pub struct LiteralFilter {
    ac: Option<Automaton>,
    /// For each literal of the automaton, the patterns it begins.
    owners: Vec<Vec<usize>>,
    /// Patterns that are always candidates.
    always: Vec<usize>,
    count: usize,
}

impl LiteralFilter {
    /// Builds the filter for `patterns` (regex syntax; a pattern that does not parse is
    /// always a candidate).
    pub fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> LiteralFilter {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut count = 0;
        for (i, re) in patterns.enumerate() {
            count += 1;
            let seq = regex_syntax::ParserBuilder::new()
                .build()
                .parse(re)
                .ok()
                .map(|hir| Extractor::new().kind(ExtractKind::Prefix).extract(&hir));
            let usable: Option<Vec<Vec<u8>>> = seq.and_then(|seq| {
                let ls = seq.literals()?;
                (!ls.is_empty() && ls.iter().all(|l| !l.as_bytes().is_empty()))
                    .then(|| ls.iter().map(|l| l.as_bytes().to_vec()).collect())
            });
            match usable {
                Some(ls) => {
                    for l in ls {
                        match lits.iter().position(|x| *x == l) {
                            Some(k) => owners[k].push(i),
                            None => {
                                lits.push(l);
                                owners.push(vec![i]);
                            }
                        }
                    }
                }
                None => always.push(i),
            }
        }
        let ac = (!lits.is_empty())
            .then(|| Automaton::new(lits).ok())
            .flatten();
        if ac.is_none() {
            // no automaton: every pattern is a candidate
            always = (0..count).collect();
            owners.clear();
        }
        LiteralFilter {
            ac,
            owners,
            always,
            count,
        }
    }

    /// For each pattern, can it match somewhere in `text`?
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut out = vec![false; self.count];
        for &i in &self.always {
            out[i] = true;
        }
        if let Some(ac) = self.ac.as_ref().map(Automaton::get) {
            // every occurrence of every literal, in one pass
            for m in ac.find_overlapping_iter(text) {
                for &i in &self.owners[m.pattern().as_usize()] {
                    out[i] = true;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_filter_keeps_every_pattern_that_can_match() {
        let res: Vec<regex::Regex> = [
            r"(전화|화상) ?(통화|회담)",
            r"만나[가-힣]*",
            r"회동",
            r".*",
            r"[0-9]+억",
        ]
        .iter()
        .map(|p| regex::Regex::new(p).unwrap())
        .collect();
        let f = LiteralFilter::new(res.iter().map(regex::Regex::as_str));
        for text in [
            "두 정상은 화상 회담을 했다",
            "전화통화에서",
            "만나서 회동했다",
            "3억 원",
            "",
            "아무 일도 없었다",
        ] {
            let c = f.candidates(text);
            for (i, re) in res.iter().enumerate() {
                if re.is_match(text) {
                    assert!(
                        c[i],
                        "{} matches {text:?} but was filtered out",
                        re.as_str()
                    );
                }
            }
        }
        let c = f.candidates("아무 일도 없었다");
        assert_eq!(c, [false, false, false, true, false]);
        // the faster automaton, built after enough uses, answers the same
        let texts = [
            "두 정상은 화상 회담을 했다",
            "전화통화에서 3억 원",
            "만나서 회동했다",
            "",
        ];
        let before: Vec<Vec<bool>> = texts.iter().map(|t| f.candidates(t)).collect();
        for _ in 0..Automaton::FAST_AFTER {
            f.candidates("");
        }
        assert!(
            f.ac.as_ref().is_some_and(Automaton::is_fast),
            "the DFA was built"
        );
        let after: Vec<Vec<bool>> = texts.iter().map(|t| f.candidates(t)).collect();
        assert_eq!(after, before);
    }
}
