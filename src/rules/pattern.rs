//! Compiling the patterns of the pattern tables: a word list searched as words, or a regex
//! with a size limit; [`LazyRegex`] compiles one when it is first used.

use super::{MAX_LINE_BYTES, Origin, RuleError};

/// Compiles a regex from a rule table with a size limit, so that a user table cannot make
/// the program build an enormous automaton.
pub fn compile_regex<'o>(pattern: &str, origin: impl Into<Origin<'o>>) -> Result<Regex, RuleError> {
    compile_with(pattern, origin.into(), true)
}

/// A compiled regex of the regex crate's engine (`regex_automata::meta`, which
/// `regex::Regex` wraps: the same syntax and matches), built here so that the prefilter can
/// be left out: a pattern only ever run over a clause or a sentence gains nothing from a
/// literal prefilter, which is most of its compile time (0.4 ms against 0.1 for the
/// photo-caption trigger, cold).
pub type Regex = regex_automata::meta::Regex;

fn compile_with(pattern: &str, origin: Origin<'_>, prefilter: bool) -> Result<Regex, RuleError> {
    let limit = 1 << 20;
    regex_automata::meta::Builder::new()
        .configure(
            regex_automata::meta::Config::new()
                .nfa_size_limit(Some(limit))
                .onepass_size_limit(Some(limit))
                .hybrid_cache_capacity(1 << 22)
                .auto_prefilter(prefilter),
        )
        .build(pattern)
        .map_err(|e| {
            let why = match (e.syntax_error(), e.size_limit()) {
                (Some(syntax), _) => one_line(syntax),
                (None, Some(size)) => {
                    format!("too big: the compiled pattern exceeds the size limit of {size} bytes")
                }
                (None, None) => e.to_string(),
            };
            RuleError::at(origin, format!("bad regular expression: {why}"))
        })
}

/// A regex syntax error on one line (`unclosed group at character 1`): the parser's own
/// message draws the pattern with a caret under it on several lines.
fn one_line(e: &regex_syntax::Error) -> String {
    let (kind, span) = match e {
        regex_syntax::Error::Parse(p) => (p.kind().to_string(), *p.span()),
        regex_syntax::Error::Translate(t) => (t.kind().to_string(), *t.span()),
        other => {
            let s = other.to_string();
            return s
                .lines()
                .last()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
        }
    };
    format!("{kind} at character {}", span.start.column)
}

/// A compiled pattern of a rule table. Most of them only list words (`취소|무산|불발`,
/// `(전화|화상) ?(통화|회담)`, which is eight words): such a pattern is kept as its words and
/// searched word by word, which needs no set-up, where compiling it as a regex takes a tenth
/// to half a millisecond (for a one-article run, the bulk of its start-up). Any other
/// pattern is a regex. Both kinds find the same matches: the leftmost, and at one place the
/// word the regex prefers (the first alternative), non-overlapping.
pub enum Pattern {
    /// A finite list of non-empty words, in the regex's order of preference.
    Words(Words),
    /// An alternation whose first branches only list words and whose other branches do
    /// not (`예정이다|…|만나기로|(한다|된다)\.?\s*$`): the words are searched as words and
    /// only the other branches are compiled, as one regex. A match of the words wins over
    /// one of the regex at the same place, as the earlier branch does in the whole pattern.
    Mixed(Words, Regex),
    /// Any other pattern.
    Regex(Regex),
}

/// The words of a pattern that only lists words, searched for one by one (few words) or
/// with one packed (SIMD "Teddy") searcher (many: a few KB of masks to build, where an
/// Aho-Corasick automaton took fresh tables).
pub struct Words {
    words: Vec<String>,
    ac: Option<aho_corasick::packed::Searcher>,
}

/// Up to this many words are searched one by one (no automaton to build).
const FEW_WORDS: usize = 16;

impl Words {
    /// The words a pattern stands for, when it is nothing but a finite set of non-empty
    /// words (no classes of more than a few characters, no repetition, no anchors or word
    /// boundaries), in the order the regex prefers them.
    pub fn of(pattern: &str) -> Option<Words> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let mut words: Vec<String> = Vec::new();
        // the common case read directly: words of letters, digits and spaces between `|`
        // (`취소|무산|불발`: no regex syntax at all, so no parse is needed)
        let plain = |c: char| c.is_alphanumeric() || c == ' ' || c == '|';
        if pattern.chars().all(plain) {
            for w in pattern.split('|') {
                if w.is_empty() {
                    return None; // an empty branch matches everywhere
                }
                if !words.iter().any(|x| x == w) {
                    words.push(w.to_string());
                }
            }
            return Words::from_list(words);
        }
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .ok()?;
        if !hir.properties().look_set().is_empty() {
            return None; // ^ $ \b: a condition the words alone do not say
        }
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        if !seq.is_exact() {
            return None;
        }
        for lit in seq.literals()? {
            let w = std::str::from_utf8(lit.as_bytes()).ok()?;
            if w.is_empty() {
                return None;
            }
            if !words.iter().any(|x| x == w) {
                words.push(w.to_string());
            }
        }
        Words::from_list(words)
    }

    fn from_list(words: Vec<String>) -> Option<Words> {
        if words.is_empty() {
            return None;
        }
        // (no packed searcher on this CPU or for these words: one by one)
        let ac = (words.len() > FEW_WORDS)
            .then(|| {
                aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(&words)
                    .build()
            })
            .flatten();
        Some(Words { words, ac })
    }

    /// The first match starting at `from` or later: the leftmost; at one place, the
    /// preferred word.
    fn find_at(&self, hay: &str, from: usize) -> Option<(usize, usize)> {
        if from > hay.len() || !hay.is_char_boundary(from) {
            return None;
        }
        if let Some(ac) = &self.ac {
            return ac
                .find_in(hay, aho_corasick::Span::from(from..hay.len()))
                .map(|m| (m.start(), m.end()));
        }
        let mut best: Option<(usize, usize)> = None;
        for w in &self.words {
            // a later word only matters if it starts before the best so far
            let mut limit = best.map_or(hay.len(), |(s, _)| (s + w.len()).min(hay.len()));
            while !hay.is_char_boundary(limit) {
                limit += 1;
            }
            if let Some(p) = hay[from..limit].find(w.as_str()) {
                let s = from + p;
                if best.is_none_or(|(bs, _)| s < bs) {
                    best = Some((s, s + w.len()));
                }
            }
        }
        best
    }
}

impl Pattern {
    /// Compiles `pattern` (from the row at `origin`, for error messages).
    pub fn new<'o>(pattern: &str, origin: impl Into<Origin<'o>>) -> Result<Pattern, RuleError> {
        Pattern::build(pattern, origin, true)
    }

    /// Compiles `pattern`, with a literal prefilter for its regex part or not (see
    /// [`Regex`]).
    pub fn build<'o>(
        pattern: &str,
        origin: impl Into<Origin<'o>>,
        prefilter: bool,
    ) -> Result<Pattern, RuleError> {
        let origin = origin.into();
        // one limit for both ways of searching: a word list is not a way around the size
        // limit of a regex (a table line is no longer than this anyway)
        if pattern.len() > MAX_LINE_BYTES {
            return Err(RuleError::at(
                origin,
                format!(
                    "pattern too big: {} bytes, more than the limit of {MAX_LINE_BYTES}",
                    pattern.len()
                ),
            ));
        }
        if let Some(w) = Words::of(pattern) {
            return Ok(Pattern::Words(w));
        }
        if let Some((w, rest)) = Pattern::split_words(pattern) {
            return Ok(Pattern::Mixed(w, compile_with(rest, origin, prefilter)?));
        }
        compile_with(pattern, origin, prefilter).map(Pattern::Regex)
    }

    /// A top-level alternation's leading branches that only list words, and the text of
    /// the other branches, when there are both. Not for patterns that set flags (`(?i)`
    /// applies to the branches after it), nor when the other branches can match the empty
    /// string.
    fn split_words(pattern: &str) -> Option<(Words, &str)> {
        use regex_syntax::ast::Ast;
        if pattern.contains("(?") {
            return None;
        }
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .ok()?;
        let Ast::Alternation(alt) = &ast else {
            return None;
        };
        let branch = |a: &Ast| &pattern[a.span().start.offset..a.span().end.offset];
        let k = alt
            .asts
            .iter()
            .take_while(|a| Words::of(branch(a)).is_some())
            .count();
        if k == 0 || k == alt.asts.len() {
            return None;
        }
        let words_end = alt.asts[k - 1].span().end.offset;
        let rest = &pattern[alt.asts[k].span().start.offset..];
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(rest)
            .ok()?;
        if hir.properties().minimum_len().is_none_or(|n| n == 0) {
            return None;
        }
        Some((Words::of(&pattern[..words_end])?, rest))
    }

    /// Does the pattern match somewhere in `hay`?
    pub fn is_match(&self, hay: &str) -> bool {
        match self {
            Pattern::Words(w) => Pattern::words_match(w, hay),
            Pattern::Mixed(w, re) => Pattern::words_match(w, hay) || re.is_match(hay),
            Pattern::Regex(re) => re.is_match(hay),
        }
    }

    fn words_match(w: &Words, hay: &str) -> bool {
        match &w.ac {
            Some(ac) => ac.find(hay).is_some(),
            None => w.words.iter().any(|x| hay.contains(x.as_str())),
        }
    }

    /// The first match that starts at byte `from` or later, as a byte range of `hay` (a
    /// regex sees the text before `from` for its anchors and word boundaries).
    pub fn find_at(&self, hay: &str, from: usize) -> Option<(usize, usize)> {
        match self {
            Pattern::Words(w) => w.find_at(hay, from),
            Pattern::Mixed(w, re) => {
                let by_words = w.find_at(hay, from);
                // the regex only matters if it matches before the words do
                let upto = by_words.map_or(hay.len(), |(s, _)| s);
                let by_regex = re
                    .search(&regex_automata::Input::new(hay).range(from..))
                    .filter(|m| m.start() < upto)
                    .map(|m| (m.start(), m.end()));
                by_regex.or(by_words)
            }
            Pattern::Regex(re) => re
                .search(&regex_automata::Input::new(hay).range(from..))
                .map(|m| (m.start(), m.end())),
        }
    }

    /// All non-overlapping matches, left to right (each search resumes where the last
    /// match ended; a regex's empty matches are reported as the regex crate does).
    pub fn find_iter<'h>(&'h self, hay: &'h str) -> Box<dyn Iterator<Item = (usize, usize)> + 'h> {
        match self {
            Pattern::Words(_) | Pattern::Mixed(..) => {
                // matches are never empty: each search starts where the last match ended
                let mut at = 0;
                Box::new(std::iter::from_fn(move || {
                    let m = self.find_at(hay, at)?;
                    at = m.1;
                    Some(m)
                }))
            }
            Pattern::Regex(re) => Box::new(re.find_iter(hay).map(|m| (m.start(), m.end()))),
        }
    }
}

/// A pattern of a rule table, compiled when first used: the analysis of one article
/// compiles only the patterns that article needs (most boilerplate and trigger patterns are
/// never tried on a given article). Patterns from a user's table are compiled when the
/// table is loaded as well, so that a bad one is reported with its file and line before any
/// input is read; the built-in ones are checked by the tests.
pub struct LazyRegex {
    pattern: String,
    /// The row's file and line (for the error of a pattern compiled when loaded).
    file: String,
    line: u32,
    /// With a literal prefilter (for patterns searched over whole lines).
    prefilter: bool,
    re: std::sync::OnceLock<Pattern>,
}

impl LazyRegex {
    /// A pattern of the row at `origin`, searched over long texts (lines); compiled now
    /// when `check` is set.
    pub fn new<'o>(
        pattern: String,
        origin: impl Into<Origin<'o>>,
        check: bool,
    ) -> Result<LazyRegex, RuleError> {
        LazyRegex::with(pattern, origin.into(), check, true)
    }

    /// A pattern only ever searched over a sentence or a clause: compiled without a
    /// literal prefilter (see [`Regex`]).
    pub fn for_short_texts<'o>(
        pattern: String,
        origin: impl Into<Origin<'o>>,
        check: bool,
    ) -> Result<LazyRegex, RuleError> {
        LazyRegex::with(pattern, origin.into(), check, false)
    }

    fn with(
        pattern: String,
        origin: Origin<'_>,
        check: bool,
        prefilter: bool,
    ) -> Result<LazyRegex, RuleError> {
        let re = std::sync::OnceLock::new();
        if check {
            let _ = re.set(Pattern::build(&pattern, origin, prefilter)?);
        }
        Ok(LazyRegex {
            pattern,
            file: origin.file.to_string(),
            line: origin.line,
            prefilter,
            re,
        })
    }

    /// The compiled pattern. A pattern that does not compile (only possible in a built-in
    /// table that the tests did not run on) matches nothing.
    pub fn get(&self) -> &Pattern {
        self.re.get_or_init(|| {
            let origin = Origin {
                file: &self.file,
                line: self.line,
            };
            Pattern::build(&self.pattern, origin, self.prefilter)
                .unwrap_or_else(|_| Pattern::Regex(Regex::new(r"[^\s\S]").expect("static regex")))
        })
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// The built-in patterns are compiled only when an article needs them: each must
    /// compile.
    #[test]
    fn builtin_patterns_compile() {
        let rules = RuleSet::builtin().unwrap();
        let mut n = 0;
        for (table, field) in [
            ("boilerplate.tsv", 0),
            ("meeting_triggers.tsv", 0),
            ("partnership_triggers.tsv", 0),
            ("status_cues.tsv", 1),
            ("hedges.tsv", 0),
        ] {
            for r in rules.rows(table) {
                assert!(r.builtin);
                compile_regex(r.get(field), r.at())
                    .unwrap_or_else(|e| panic!("{e}: {}", r.get(field)));
                n += 1;
            }
        }
        assert!(n > 50, "{n} patterns");
    }

    /// The matches of a pattern as words and as a regex, on `text`: both the same.
    fn same_matches(pattern: &str, text: &str) {
        let p = Pattern::new(pattern, "test:1").unwrap();
        let re = regex::Regex::new(pattern).unwrap();
        let want: Vec<(usize, usize)> = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        let got: Vec<(usize, usize)> = p.find_iter(text).collect();
        assert_eq!(got, want, "{pattern} on {text:?}");
        assert_eq!(p.is_match(text), re.is_match(text), "{pattern} on {text:?}");
        for (from, _) in text.char_indices().step_by(3) {
            let want = re.find_at(text, from).map(|m| (m.start(), m.end()));
            assert_eq!(
                p.find_at(text, from),
                want,
                "{pattern} at {from} of {text:?}"
            );
        }
    }

    #[test]
    fn word_lists_are_searched_as_words_with_the_regex_preferences() {
        for (pattern, kind) in [
            ("취소|무산|불발", "words"),
            ("(전화|화상) ?(통화|회담)", "words"),
            ("a|ab", "words"),
            ("ab|a", "words"),
            ("(a|ab)(c|bcd)", "words"),
            ("(났|했)(다|고|으며)", "words"),
            ("(?i)mou", "words"),
            ("연기(됐|되|$)", "regex"),
            ("취소|무산|연기(됐|$)|미뤄", "mixed"),
            ("취소|무산|미뤄|연기(됐|$)", "mixed"),
            (r"예정이다|했다|(한다|된다)\.?\s*$", "mixed"),
            ("연기(됐|$)|취소", "regex"),
            ("취소|(?i)mou|a$", "regex"),
            ("취소|a?", "regex"),
            ("만나[ㄱ-ㅎ가-힣]*", "regex"),
            (r"\bMOU", "regex"),
            ("", "regex"),
            ("a?", "regex"),
        ] {
            let p = Pattern::new(pattern, "test:1").unwrap();
            let got = match p {
                Pattern::Words(_) => "words",
                Pattern::Mixed(..) => "mixed",
                Pattern::Regex(_) => "regex",
            };
            assert_eq!(got, kind, "{pattern}");
            for text in [
                "",
                "abcd ab a abc",
                "전화통화와 화상 회담, 화상회담을 취소했고 무산됐다",
                "연기됐다 연기 연기되 만나서 만났다 났으며 했다",
                "MOU mou Mou",
                "회의를 연기 예정이다 취소 미뤄 했다. 연기됐다 연기",
                "회의는 내일 열린다. ",
                "된다 한다. 했다",
            ] {
                same_matches(pattern, text);
            }
        }
        // many words: one automaton, the same matches
        let many = "(났|했|였|었|았|졌)(다|고|으며|는데|지만|던)";
        assert!(matches!(
            Pattern::new(many, "t:1").unwrap(),
            Pattern::Words(Words { ac: Some(_), .. })
        ));
        same_matches(many, "만났다 했으며 회담했는데 열렸던 갔지만 졌고 했");
    }

    /// Every built-in table pattern, on every line of the fixtures and (when it is there)
    /// of the shared article set: words or regex, the same matches as the regex.
    #[test]
    fn builtin_patterns_find_what_their_regex_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = Vec::new();
        for dir in [root.join("fixtures"), root.join("../shared/eval/articles")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                if e.path().extension().is_some_and(|x| x == "txt")
                    && let Ok(t) = std::fs::read_to_string(e.path())
                {
                    lines.extend(t.lines().map(String::from));
                }
            }
        }
        assert!(lines.len() > 30, "{} lines", lines.len()); // the fixtures alone: 44
        let rules = RuleSet::builtin().unwrap();
        let mut words = 0;
        for (table, field) in [
            ("meeting_triggers.tsv", 0),
            ("partnership_triggers.tsv", 0),
            ("status_cues.tsv", 1),
            ("hedges.tsv", 0),
        ] {
            for r in rules.rows(table) {
                let pattern = r.get(field);
                let p = Pattern::new(pattern, r.at()).unwrap();
                let re = regex::Regex::new(pattern).unwrap();
                if matches!(p, Pattern::Words(_)) {
                    words += 1;
                }
                for l in &lines {
                    let want: Vec<(usize, usize)> =
                        re.find_iter(l).map(|m| (m.start(), m.end())).collect();
                    assert_eq!(p.find_iter(l).collect::<Vec<_>>(), want, "{pattern} on {l}");
                }
            }
        }
        assert!(words > 40, "only {words} patterns are word lists");
    }

    #[test]
    fn user_patterns_are_checked_when_loaded() {
        let bad = LazyRegex::new("(unclosed".into(), "x.tsv:3", true);
        assert!(bad.is_err_and(|e| e.line == 3 && e.msg.contains("regular expression")));
        let lazy = LazyRegex::new("(unclosed".into(), "x.tsv:3", false).unwrap();
        assert!(
            !lazy.get().is_match("(unclosed"),
            "a bad pattern matches nothing"
        );
        let ok = LazyRegex::new("회동".into(), "x.tsv:4", false).unwrap();
        assert!(ok.get().is_match("두 사람의 회동"));
    }

    #[test]
    fn regex_size_limit() {
        assert!(compile_regex("(a{1000}){1000}", "x.tsv:3").is_err());
        assert!(compile_regex("만나", "x.tsv:3").is_ok());
    }
}
