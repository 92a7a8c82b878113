//! Rule tables: plain UTF-8 text files under `rules/`, compiled into the binary with
//! `include_str!` and extendable at run time with `--rules PATH`.
//!
//! Every table has the same syntax: one entry per line, fields separated by TAB, `#` starts
//! a comment line, blank lines are ignored. Each table's header says what its columns mean.
//! A user file extends the built-in table whose file name it shares (`my/organizations.tsv`
//! adds to `organizations.tsv`); a directory extends every table it holds a file for.
//! Each entry remembers `file:line`, which `--explain` reports as the rule that fired.
//!
//! The files of this module: [`spec`] lists the tables and checks their closed columns,
//! [`read`] reads a table's text line by line (and a user's file from disk), [`pattern`]
//! compiles the patterns of the pattern tables, [`literals`] finds which of many patterns
//! can match a text in one pass, and [`origin`] is the `file:line` of a row.

mod literals;
mod origin;
mod pattern;
mod read;
mod spec;

use std::path::Path;

pub use literals::{Automaton, LiteralFilter};
pub use origin::Origin;
pub use pattern::{LazyRegex, Pattern, Regex, Words, compile_regex};
pub use read::check_table;
use read::{Lines, no_control_characters, read_table};
pub(crate) use spec::SEPARATORS;
use spec::{CONSTANT_TABLES, SPECS, Spec, names};

/// A malformed rule table line, or an unreadable rule file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {msg}", self.location())]
pub struct RuleError {
    /// File name (built-in tables are named `rules/<name>`).
    pub file: String,
    /// 1-based line number (0 when the whole file is at fault).
    pub line: usize,
    /// What is wrong and how to fix it.
    pub msg: String,
}

impl RuleError {
    /// `file:line`, or `file` alone when the whole file is at fault.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}", self.file, self.line)
        }
    }

    /// An error on the line at `origin`.
    pub fn at(origin: Origin<'_>, msg: String) -> RuleError {
        RuleError {
            file: origin.file.to_string(),
            line: origin.line as usize,
            msg,
        }
    }
}

/// Most fields a line of any table has.
pub(super) const MAX_FIELDS: usize = 3;

/// One data line of a table. Its fields borrow from the table's text, which lives as long
/// as the program (built-in tables are compiled in; a user's table is read once and kept),
/// so that loading the tables allocates next to nothing.
#[derive(Debug, Clone)]
pub struct RowOf<'t> {
    pub(super) fields: [&'t str; MAX_FIELDS],
    pub(super) file: &'t str,
    pub(super) line: u32,
    /// From a built-in table (checked by the tests) rather than a user's file.
    pub builtin: bool,
}

/// A row of a table that lives as long as the program (every table a [`RuleSet`] holds).
pub type Row = RowOf<'static>;

impl<'t> RowOf<'t> {
    /// Field `i`, trimmed, or `""` when absent.
    pub fn get(&self, i: usize) -> &'t str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// The `|`-separated list in field `i` (items trimmed, empty items dropped).
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'t str> + use<'t> {
        self.get(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// Where this row is: its file and line.
    pub fn at(&self) -> Origin<'t> {
        Origin {
            file: self.file,
            line: self.line,
        }
    }

    /// `file:line`, the provenance reported by `--explain`.
    pub fn origin(&self) -> String {
        self.at().to_string()
    }

    /// The table file this line is in (`organizations.tsv`, or a user's path).
    pub fn file(&self) -> &'t str {
        self.file
    }

    /// Its 1-based line number.
    pub fn line(&self) -> u32 {
        self.line
    }
}

/// The largest user table file read, in bytes (the biggest built-in one is 76 KB).
pub const MAX_TABLE_BYTES: u64 = 16 << 20;

/// The longest line of a table, in bytes (the longest built-in one is 420 bytes). It also
/// bounds every pattern, whether it is compiled as a regex or searched as a word list.
pub const MAX_LINE_BYTES: usize = 16 << 10;

/// All rule tables, built-in plus user additions. A table is kept as its texts (the
/// built-in one, then each user file that extends it) and read line by line whenever its
/// rows are asked for: each part of the analyzer reads its tables once, and no table is
/// ever held as thousands of row structs (whose fresh memory cost more, in page faults,
/// than reading the lines).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    tables: Vec<(&'static Spec, Vec<Source<'static>>)>,
}

/// One text of a table: the built-in one, or a user's file (checked when it was added).
#[derive(Debug, Clone, Copy)]
pub(super) struct Source<'t> {
    pub(super) file: &'t str,
    pub(super) text: &'t str,
    pub(super) builtin: bool,
}

impl RuleSet {
    /// The built-in tables only (they are checked by the tests; the error is for the
    /// signature's sake).
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let tables = SPECS
            .iter()
            .map(|spec| {
                let src = Source {
                    file: spec.name,
                    text: spec.text,
                    builtin: true,
                };
                (spec, vec![src])
            })
            .collect();
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
        if CONSTANT_TABLES.contains(&spec.name) {
            return Err(RuleError {
                file,
                line: 0,
                msg: format!(
                    "{name} is compiled in as a constant and cannot be extended with --rules"
                ),
            });
        }
        let bytes = read_table(path).map_err(|msg| RuleError {
            file: file.clone(),
            line: 0,
            msg,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| RuleError {
            file: file.clone(),
            line: 0,
            msg: format!(
                "not UTF-8 (invalid byte at offset {}); rule tables must be UTF-8",
                e.utf8_error().valid_up_to()
            ),
        })?;
        no_control_characters(&file, &text)?;
        // kept for the life of the program: rows borrow from it (a user's tables are read
        // once per run and are size-limited)
        let text: &'static str = Box::leak(text.into_boxed_str());
        let file: &'static str = Box::leak(file.into_boxed_str());
        // every line is checked now, so that a bad one is reported before any input is read
        let src = Source {
            file,
            text,
            builtin: false,
        };
        for row in Lines::new(spec, src) {
            row?;
        }
        if let Some((_, t)) = self.tables.iter_mut().find(|(s, _)| s.name == spec.name) {
            t.push(src);
        }
        Ok(())
    }

    /// The names of the tables (`organizations.tsv`, …).
    pub fn tables(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.tables.iter().map(|(s, _)| s.name)
    }

    /// How many times `byte` occurs in the texts of table `name` (e.g. line ends: a bound
    /// on its rows, to size what is built from them in one allocation).
    pub fn count_byte(&self, name: &str, byte: u8) -> usize {
        self.tables
            .iter()
            .filter(|(s, _)| s.name == name)
            .flat_map(|(_, sources)| sources)
            .map(|src| memchr::memchr_iter(byte, src.text.as_bytes()).count() + 1)
            .sum()
    }

    /// The rows of table `name` (e.g. `"organizations.tsv"`), built-in first, read from
    /// the table's texts now.
    pub fn rows<'a>(&'a self, name: &'a str) -> impl Iterator<Item = Row> + 'a {
        self.tables
            .iter()
            .filter(move |(s, _)| s.name == name)
            .flat_map(|(spec, sources)| {
                // (the texts were checked: a built-in one by the tests, a user's when added)
                sources
                    .iter()
                    .flat_map(|&src| Lines::new(spec, src).filter_map(Result::ok))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::read::parse;
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn builtin_tables_parse_without_duplicates() {
        let rules = RuleSet::builtin().unwrap();
        for spec in SPECS {
            // every line well-formed (rows() would skip a malformed one)
            let rows = parse(spec, spec.name, spec.text, true).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(rows.len(), rules.rows(spec.name).count());
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
    fn constant_tables_are_the_tables_and_refuse_extension() {
        let rules = RuleSet::builtin().unwrap();
        let read: Vec<char> = rules
            .rows("separators.txt")
            .filter_map(|r| r.get(0).chars().next())
            .collect();
        assert_eq!(SEPARATORS, read.as_slice());
        let dir = std::env::temp_dir().join(format!("analyze-consts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("separators.txt");
        std::fs::write(&p, "/\n").unwrap();
        let mut rules = RuleSet::builtin().unwrap();
        let e = rules.extend_from(&p).unwrap_err();
        assert!(e.msg.contains("compiled in as a constant"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn table_sizes_meet_the_floor() {
        let rules = RuleSet::builtin().unwrap();
        assert!(rules.rows("organizations.tsv").count() >= 200);
        assert!(rules.rows("people.tsv").count() >= 100);
        assert!(rules.rows("products.tsv").count() >= 80);
        assert!(rules.rows("titles.tsv").count() >= 80);
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
}
