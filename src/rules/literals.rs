//! Literal automata: which of many patterns can match a text, found in one pass.

/// An Aho-Corasick automaton of literals (standard semantics: every occurrence of every
/// literal is found by one overlapping search) that starts cheap and becomes
/// fast once it has been used enough: a contiguous NFA at first; after
/// [`Automaton::FAST_AFTER`] searches, a DFA, whose tables take a few hundred KB of fresh
/// memory to build. A one-article run never builds the DFA; a batch soon has it.
///
/// The search is a loop of its own over the automaton's transitions
/// ([`Automaton::for_each_match`]) rather than the crate's overlapping iterator, which
/// keeps its position in memory and goes through a `dyn` call per match: the same matches
/// in the same order, in about a third of the instructions per byte.
pub struct Automaton {
    lits: Vec<Vec<u8>>,
    first: aho_corasick::nfa::contiguous::NFA,
    fast: std::sync::OnceLock<Option<aho_corasick::dfa::DFA>>,
    uses: std::sync::atomic::AtomicUsize,
}

impl Automaton {
    /// After this many searches, the DFA is built.
    pub const FAST_AFTER: usize = 2000;

    /// The automaton of `lits`.
    pub fn new(lits: Vec<Vec<u8>>) -> Result<Automaton, aho_corasick::BuildError> {
        let first = aho_corasick::nfa::contiguous::Builder::new()
            .build_from_noncontiguous(&Automaton::nfa(&lits)?)?;
        Ok(Automaton {
            lits,
            first,
            fast: std::sync::OnceLock::new(),
            uses: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// The noncontiguous NFA both automata are built from. No prefilter: the searches
    /// below walk every byte.
    fn nfa(
        lits: &[Vec<u8>],
    ) -> Result<aho_corasick::nfa::noncontiguous::NFA, aho_corasick::BuildError> {
        aho_corasick::nfa::noncontiguous::Builder::new()
            .match_kind(aho_corasick::MatchKind::Standard)
            .prefilter(false)
            // dense transition rows only for the root's children: the default (three levels)
            // zero-filled some 200 KB for the trigger literals, ~50 fresh pages of a one-article
            // run, for searches that are as fast either way
            .dense_depth(1)
            .build(lits)
    }

    /// Calls `f(start, end, literal)` for every occurrence of every literal in `hay`, in the
    /// order of their ends (at one end, in the automaton's order): the matches of
    /// `find_overlapping_iter`, in its order.
    #[inline]
    pub fn for_each_match(&self, hay: &[u8], f: impl FnMut(usize, usize, usize)) {
        if let Some(fast) = self.fast.get() {
            return match fast {
                Some(dfa) => overlapping(dfa, hay, f),
                None => overlapping(&self.first, hay, f),
            };
        }
        if self.uses.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < Self::FAST_AFTER {
            return overlapping(&self.first, hay, f);
        }
        let fast = self.fast.get_or_init(|| {
            let nfa = Automaton::nfa(&self.lits).ok()?;
            aho_corasick::dfa::Builder::new()
                .build_from_noncontiguous(&nfa)
                .ok()
        });
        match fast {
            Some(dfa) => overlapping(dfa, hay, f),
            None => overlapping(&self.first, hay, f),
        }
    }

    /// Has the DFA been built?
    pub fn is_fast(&self) -> bool {
        self.fast.get().is_some_and(Option::is_some)
    }
}

/// The overlapping search of `aut` (built unanchored, standard semantics, no prefilter)
/// over `hay`, as `aho_corasick`'s own: after each byte, a special state is the dead state
/// (the search ends) or a match state (each of its matches, in order), or else a start
/// state (nothing to report); a start state that matches is reported before the first byte.
#[inline]
fn overlapping<A: aho_corasick::automaton::Automaton>(
    aut: &A,
    hay: &[u8],
    mut f: impl FnMut(usize, usize, usize),
) {
    let Ok(mut sid) = aut.start_state(aho_corasick::Anchored::No) else {
        return;
    };
    let mut report = |sid, end: usize| {
        for k in 0..aut.match_len(sid) {
            let pid = aut.match_pattern(sid, k);
            f(end - aut.pattern_len(pid), end, pid.as_usize());
        }
    };
    if aut.is_match(sid) {
        report(sid, 0);
    }
    for (i, &b) in hay.iter().enumerate() {
        sid = aut.next_state(aho_corasick::Anchored::No, sid, b);
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                return;
            }
            if aut.is_match(sid) {
                report(sid, i + 1);
            }
        }
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
        if let Some(ac) = &self.ac {
            // every occurrence of every literal, in one pass
            ac.for_each_match(text.as_bytes(), |_, _, lit| {
                for &i in &self.owners[lit] {
                    out[i] = true;
                }
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_search_finds_the_crates_overlapping_matches_in_its_order() {
        // literals that share prefixes and suffixes, nest and repeat, and an empty one
        let sets: [&[&str]; 2] = [
            &[
                "화",
                "통화",
                "전화 통화",
                "전화",
                "화상",
                "기자",
                "자",
                "=",
                "@",
                "ab",
                "b",
            ],
            &["", "가", "가나", "나"],
        ];
        let pieces = [
            "전", "화", " ", "통", "상", "기", "자", "=", "@", "a", "b", "가", "나",
        ];
        let mut rng = crate::test_support::Rng(0x9e37_79b9_7f4a_7c15);
        for lits in sets {
            let bytes: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
            let own = Automaton::new(bytes.clone()).unwrap();
            let theirs = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(&bytes)
                .unwrap();
            for round in 0..2 * Automaton::FAST_AFTER {
                let text = rng.text(&pieces, 12);
                let want: Vec<(usize, usize, usize)> = theirs
                    .find_overlapping_iter(&text)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect();
                let mut got = Vec::new();
                own.for_each_match(text.as_bytes(), |s, e, k| got.push((s, e, k)));
                assert_eq!(got, want, "{lits:?} {text:?} (search {round})");
            }
            assert!(own.is_fast(), "the DFA was built and searched with");
        }
    }

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
