//! Rule tables: plain UTF-8 text files under `rules/`, compiled into the binary with
//! `include_str!` and extendable at run time with `--rules PATH`.
//!
//! Every table has the same syntax: one entry per line, fields separated by TAB, `#` starts
//! a comment line, blank lines are ignored. Each table's header says what its columns mean.
//! A user file extends the built-in table whose file name it shares (`my/organizations.tsv`
//! adds to `organizations.tsv`); a directory extends every table it holds a file for.
//! Each entry remembers `file:line`, which `--explain` reports as the rule that fired.

use std::path::Path;

/// A malformed rule table line, or an unreadable rule file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}: {msg}")]
pub struct RuleError {
    /// File name (built-in tables are named `rules/<name>`).
    pub file: String,
    /// 1-based line number (0 when the whole file is at fault).
    pub line: usize,
    /// What is wrong and how to fix it.
    pub msg: String,
}

/// Most fields a line of any table has.
const MAX_FIELDS: usize = 3;

/// One data line of a table. Its fields borrow from the table's text, which lives as long
/// as the program (built-in tables are compiled in; a user's table is read once and kept),
/// so that loading the tables allocates next to nothing.
#[derive(Debug, Clone)]
pub struct Row {
    fields: [&'static str; MAX_FIELDS],
    file: &'static str,
    line: u32,
    /// From a built-in table (checked by the tests) rather than a user's file.
    pub builtin: bool,
}

impl Row {
    /// Field `i`, trimmed, or `""` when absent.
    pub fn get(&self, i: usize) -> &'static str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// The `|`-separated list in field `i` (items trimmed, empty items dropped).
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'static str> + use<> {
        self.get(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// `file:line`, the provenance reported by `--explain`.
    pub fn origin(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// The table file this line is in (`organizations.tsv`, or a user's path).
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// Its 1-based line number.
    pub fn line(&self) -> u32 {
        self.line
    }
}

/// A table's name, its built-in text, and how many fields a line has (min, max).
struct Spec {
    name: &'static str,
    text: &'static str,
    min: usize,
    max: usize,
}

macro_rules! table {
    ($name:literal, $min:expr, $max:expr) => {
        Spec {
            name: $name,
            text: include_str!(concat!("../rules/", $name)),
            min: $min,
            max: $max,
        }
    };
}

const SPECS: &[Spec] = &[
    table!("organizations.tsv", 2, 3),
    table!("people.tsv", 1, 3),
    table!("products.tsv", 2, 3),
    table!("places.tsv", 2, 3),
    table!("titles.tsv", 1, 2),
    table!("surnames.txt", 1, 1),
    table!("particles.txt", 1, 1),
    table!("org_suffixes.tsv", 2, 3),
    table!("not_names.txt", 1, 1),
    table!("given_syllables.txt", 1, 1),
    table!("meeting_triggers.tsv", 2, 2),
    table!("partnership_triggers.tsv", 2, 2),
    table!("status_cues.tsv", 3, 3),
    table!("hedges.tsv", 2, 2),
    table!("boilerplate.tsv", 2, 3),
    table!("date_words.tsv", 3, 3),
];

/// All rule tables, built-in plus user additions.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    tables: Vec<(&'static str, Vec<Row>)>,
}

impl RuleSet {
    /// The built-in tables only. Panics never: the built-in tables are checked by tests.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut tables = Vec::with_capacity(SPECS.len());
        for spec in SPECS {
            let rows = parse(spec, spec.name, spec.text, true)?;
            tables.push((spec.name, rows));
        }
        Ok(RuleSet { tables })
    }

    /// Adds the tables found at `path`: a single table file, or a directory of them.
    pub fn extend_from(&mut self, path: &Path) -> Result<(), RuleError> {
        let err = |msg: String| RuleError {
            file: path.display().to_string(),
            line: 0,
            msg,
        };
        if path.is_dir() {
            let mut found = false;
            let mut entries: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| err(format!("cannot read directory: {e}")))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .collect();
            entries.sort();
            for p in entries {
                let known = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| SPECS.iter().any(|s| s.name == n));
                if known {
                    self.extend_file(&p)?;
                    found = true;
                }
            }
            if !found {
                return Err(err(format!(
                    "no rule table in this directory; table files are named {}",
                    names()
                )));
            }
            Ok(())
        } else {
            self.extend_file(path)
        }
    }

    fn extend_file(&mut self, path: &Path) -> Result<(), RuleError> {
        let file = path.display().to_string();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(spec) = SPECS.iter().find(|s| s.name == name) else {
            return Err(RuleError {
                file,
                line: 0,
                msg: format!(
                    "unknown rule table name {name:?}; name the file after the table it extends: {}",
                    names()
                ),
            });
        };
        let bytes = std::fs::read(path).map_err(|e| RuleError {
            file: file.clone(),
            line: 0,
            msg: format!("cannot read: {e}"),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| RuleError {
            file: file.clone(),
            line: 0,
            msg: format!(
                "not UTF-8 (invalid byte at offset {}); rule tables must be UTF-8",
                e.utf8_error().valid_up_to()
            ),
        })?;
        // kept for the life of the program: rows borrow from it (a user's tables are read
        // once per run and are size-limited)
        let text: &'static str = Box::leak(text.into_boxed_str());
        let file: &'static str = Box::leak(file.into_boxed_str());
        let rows = parse(spec, file, text, false)?;
        if let Some((_, t)) = self.tables.iter_mut().find(|(n, _)| *n == spec.name) {
            t.extend(rows);
        }
        Ok(())
    }

    /// The rows of table `name` (e.g. `"organizations.tsv"`), built-in first.
    pub fn rows(&self, name: &str) -> &[Row] {
        self.tables
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[])
    }
}

fn names() -> String {
    SPECS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

fn parse(
    spec: &Spec,
    file: &'static str,
    text: &'static str,
    builtin: bool,
) -> Result<Vec<Row>, RuleError> {
    let mut rows = Vec::with_capacity(text.len() / 16);
    let shown = |file: &str| {
        if builtin {
            format!("rules/{file}")
        } else {
            file.to_string()
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut fields = [""; MAX_FIELDS];
        let mut n = 0;
        for f in line.split('\t') {
            if n < MAX_FIELDS {
                fields[n] = f.trim();
            }
            n += 1;
        }
        if n < spec.min || n > spec.max {
            let want = if spec.min == spec.max {
                format!("{}", spec.min)
            } else {
                format!("{} to {}", spec.min, spec.max)
            };
            return Err(RuleError {
                file: shown(file),
                line: i + 1,
                msg: format!("expected {want} TAB-separated fields, found {n}"),
            });
        }
        if fields[0].is_empty() {
            return Err(RuleError {
                file: shown(file),
                line: i + 1,
                msg: "the first field is empty".into(),
            });
        }
        rows.push(Row {
            fields,
            file,
            line: (i + 1) as u32,
            builtin,
        });
    }
    Ok(rows)
}

/// Compiles a regex from a rule table with a size limit, so that a user table cannot make
/// the program build an enormous automaton.
pub fn compile_regex(pattern: &str, origin: &str) -> Result<regex::Regex, RuleError> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .dfa_size_limit(1 << 22)
        .build()
        .map_err(|e| {
            let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
            RuleError {
                file: file.to_string(),
                line: line.parse().unwrap_or(0),
                msg: format!("bad regular expression: {e}"),
            }
        })
}

/// A regular expression of a rule table, compiled when first used: the analysis of one
/// article compiles only the patterns that article needs (most boilerplate and trigger
/// patterns are never tried on a given article). Patterns from a user's table are compiled
/// when the table is loaded as well, so that a bad one is reported with its file and line
/// before any input is read; the built-in ones are checked by the tests.
pub struct LazyRegex {
    pattern: String,
    origin: String,
    re: std::sync::OnceLock<regex::Regex>,
}

impl LazyRegex {
    /// A pattern of the row at `origin`; compiled now when `check` is set.
    pub fn new(pattern: String, origin: &str, check: bool) -> Result<LazyRegex, RuleError> {
        let re = std::sync::OnceLock::new();
        if check {
            let _ = re.set(compile_regex(&pattern, origin)?);
        }
        Ok(LazyRegex {
            pattern,
            origin: origin.to_string(),
            re,
        })
    }

    /// The compiled regex. A pattern that does not compile (only possible in a built-in
    /// table that the tests did not run on) matches nothing.
    pub fn get(&self) -> &regex::Regex {
        self.re.get_or_init(|| {
            compile_regex(&self.pattern, &self.origin)
                .unwrap_or_else(|_| regex::Regex::new(r"[^\s\S]").expect("static regex"))
        })
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

/// Which of a list of regexes can match a text, found in one pass: every pattern's
/// possible beginnings (the prefix literals `regex-syntax` extracts, e.g. `회동`, `전화 통화`,
/// `전화통화` for `(전화|화상) ?(통화|회담)`) go into one Aho-Corasick automaton; a pattern
/// none of whose beginnings occur cannot match and need not be run. A pattern without a
/// finite set of non-empty beginnings is always a candidate.
pub struct LiteralFilter {
    ac: Option<aho_corasick::AhoCorasick>,
    /// For each literal of the automaton, the patterns it begins, or that a literal which
    /// is a prefix of it begins (found at the same place, so implied by it).
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
        // the search reports the longest literal at each place: it stands for the literals
        // that are prefixes of it as well
        for k in 0..lits.len() {
            let mut implied: Vec<usize> = (0..lits.len())
                .filter(|&j| j != k && lits[k].starts_with(&lits[j]))
                .flat_map(|j| owners[j].clone())
                .collect();
            owners[k].append(&mut implied);
            owners[k].sort_unstable();
            owners[k].dedup();
        }
        let ac = (!lits.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(&lits)
                    .ok()
            })
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
            // one search from each place a literal starts (a non-overlapping search can use
            // the automaton's fast prefilter; resuming one byte after each match's start
            // still sees every place)
            let mut at = 0;
            while at < text.len() {
                let input = aho_corasick::Input::new(text).span(at..text.len());
                let Some(m) = ac.find(input) else { break };
                for &i in &self.owners[m.pattern().as_usize()] {
                    out[i] = true;
                }
                at = m.start() + 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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
                compile_regex(r.get(field), &r.origin())
                    .unwrap_or_else(|e| panic!("{e}: {}", r.get(field)));
                n += 1;
            }
        }
        assert!(n > 50, "{n} patterns");
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
    }

    #[test]
    fn builtin_tables_parse_without_duplicates() {
        let rules = RuleSet::builtin().unwrap();
        for spec in SPECS {
            let rows = rules.rows(spec.name);
            assert!(!rows.is_empty(), "{} is empty", spec.name);
            let mut seen = HashSet::new();
            for r in rows {
                let key = r.fields[..spec.min.min(r.fields.len())].join("\t");
                assert!(
                    seen.insert(key.clone()),
                    "{}: duplicate {key:?}",
                    r.origin()
                );
            }
        }
    }

    #[test]
    fn table_sizes_meet_the_floor() {
        let rules = RuleSet::builtin().unwrap();
        assert!(rules.rows("organizations.tsv").len() >= 200);
        assert!(rules.rows("people.tsv").len() >= 100);
        assert!(rules.rows("products.tsv").len() >= 80);
        assert!(rules.rows("titles.tsv").len() >= 80);
    }

    #[test]
    fn bad_line_names_file_and_line() {
        let dir = std::env::temp_dir().join(format!("analyze-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("meeting_triggers.tsv");
        std::fs::write(&p, "# header\n만나\tmeet\textra\tfield\n").unwrap();
        let mut rules = RuleSet::builtin().unwrap();
        let e = rules.extend_from(&p).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("meeting_triggers.tsv:2: expected 2"));
        let p2 = dir.join("nonsense.tsv");
        std::fs::write(&p2, "x\ty\n").unwrap();
        assert!(
            rules
                .extend_from(&p2)
                .unwrap_err()
                .msg
                .contains("unknown rule table")
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn regex_size_limit() {
        assert!(compile_regex("(a{1000}){1000}", "x.tsv:3").is_err());
        assert!(compile_regex("만나", "x.tsv:3").is_ok());
    }
}
