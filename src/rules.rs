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
}

/// Most fields a line of any table has.
const MAX_FIELDS: usize = 3;

/// One data line of a table. Its fields borrow from the table's text, which lives as long
/// as the program (built-in tables are compiled in; a user's table is read once and kept),
/// so that loading the tables allocates next to nothing.
#[derive(Debug, Clone)]
pub struct RowOf<'t> {
    fields: [&'t str; MAX_FIELDS],
    file: &'t str,
    line: u32,
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

    /// `file:line`, the provenance reported by `--explain`.
    pub fn origin(&self) -> String {
        format!("{}:{}", self.file, self.line)
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

/// A table's name, its built-in text, how many fields a line has (min, max), and the
/// check of its closed columns (subtypes, kinds, scopes, statuses: a value outside the
/// allowed ones is an error naming file and line, never a value that reaches the output).
struct Spec {
    name: &'static str,
    text: &'static str,
    min: usize,
    max: usize,
    check: Check,
}

/// Checks the fields of one line: `Err` says what is wrong.
type Check = fn(&[&str; MAX_FIELDS]) -> Result<(), String>;

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spec").field("name", &self.name).finish()
    }
}

macro_rules! table {
    ($name:literal, $min:expr, $max:expr) => {
        table!($name, $min, $max, |_| Ok(()))
    };
    ($name:literal, $min:expr, $max:expr, $check:expr) => {
        Spec {
            name: $name,
            text: include_str!(concat!("../rules/", $name)),
            min: $min,
            max: $max,
            check: $check,
        }
    };
}

/// Organization subtypes (`organizations.tsv`, `org_suffixes.tsv`), product subtypes and
/// place kinds: the output contract's lists, which these columns reach unchanged.
use crate::report::values::{
    ORGANIZATION_SUBTYPES as ORG_SUBTYPES, PLACE_SUBTYPES as PLACE_KINDS, PRODUCT_SUBTYPES,
};
const TITLE_CLASSES: &[&str] = &[
    "business",
    "government",
    "politics",
    "academic",
    "diplomacy",
    "military",
    "religion",
    "media",
    "sports",
    "other",
];
const MEETING_KINDS: &[&str] = &["meet", "call", "event"];
const PARTNERSHIP_KINDS: &[&str] = &[
    "cooperate",
    "alliance",
    "agreement",
    "joint",
    "supply",
    "discuss",
];
const SCOPES: &[&str] = &["meeting", "partnership", "any"];

/// `Ok` when `value` is one of `allowed`; else what is wrong, naming the column.
fn one_of(column: &str, value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "unknown {column} {value:?}; expected one of {}",
            allowed.join(", ")
        ))
    }
}

/// `status_cues.tsv`: a scope, and a status of that scope.
fn check_cue(f: &[&str; MAX_FIELDS]) -> Result<(), String> {
    use crate::relations::{MEETING_STATUS, PARTNERSHIP_STATUS};
    one_of("scope", f[0], SCOPES)?;
    match f[0] {
        "meeting" => one_of("meeting status", f[2], MEETING_STATUS),
        "partnership" => one_of("partnership status", f[2], PARTNERSHIP_STATUS),
        _ => one_of("status (scope any: a status of both)", f[2], MEETING_STATUS).and_then(|()| {
            one_of(
                "status (scope any: a status of both)",
                f[2],
                PARTNERSHIP_STATUS,
            )
        }),
    }
}

/// `org_suffixes.tsv`: a subtype, and a minimum stem length of 1 to 20 characters (or none).
fn check_suffix(f: &[&str; MAX_FIELDS]) -> Result<(), String> {
    one_of("subtype", f[1], ORG_SUBTYPES)?;
    match f[2] {
        "" => Ok(()),
        n => match n.parse::<usize>() {
            Ok(1..=20) => Ok(()),
            _ => Err(format!(
                "min_stem {n:?} is not a number of characters from 1 to 20"
            )),
        },
    }
}

const SPECS: &[Spec] = &[
    table!("organizations.tsv", 2, 3, |f| one_of(
        "subtype",
        f[1],
        ORG_SUBTYPES
    )),
    table!("people.tsv", 1, 3),
    table!("products.tsv", 2, 3, |f| one_of(
        "subtype",
        f[1],
        PRODUCT_SUBTYPES
    )),
    table!("places.tsv", 2, 3, |f| one_of("kind", f[1], PLACE_KINDS)),
    table!("titles.tsv", 1, 2, |f| match f[1] {
        "" => Ok(()),
        class => one_of("class", class, TITLE_CLASSES),
    }),
    table!("surnames.txt", 1, 1),
    table!("particles.txt", 1, 1),
    table!("org_suffixes.tsv", 2, 3, check_suffix),
    table!("not_names.txt", 1, 1),
    table!("given_syllables.txt", 1, 1),
    table!("not_surnames.txt", 1, 1),
    table!(
        "function_syllables.txt",
        1,
        1,
        |f| match f[0].chars().nth(1) {
            None => Ok(()),
            Some(_) => Err(format!("{:?} is no single syllable", f[0])),
        }
    ),
    table!("noun_suffixes.txt", 1, 1, |f| match f[0].chars().nth(1) {
        None => Ok(()),
        Some(_) => Err(format!("{:?} is no single syllable", f[0])),
    }),
    table!(
        "foreign_not_endings.txt",
        1,
        1,
        |f| match f[0].chars().nth(1) {
            None => Ok(()),
            Some(_) => Err(format!("{:?} is no single syllable", f[0])),
        }
    ),
    table!("verb_endings.txt", 1, 1, |f| match f[0].chars().nth(1) {
        None => Ok(()),
        Some(_) => Err(format!("{:?} is no single syllable", f[0])),
    }),
    table!("meeting_triggers.tsv", 2, 2, |f| one_of(
        "kind",
        f[1],
        MEETING_KINDS
    )),
    table!("partnership_triggers.tsv", 2, 2, |f| one_of(
        "kind",
        f[1],
        PARTNERSHIP_KINDS
    )),
    table!("status_cues.tsv", 3, 3, check_cue),
    table!("hedges.tsv", 2, 2, |f| one_of(
        "hedge",
        f[1],
        crate::relations::HEDGES
    )),
    table!("boilerplate.tsv", 2, 3),
    table!("date_words.tsv", 3, 3),
];

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
struct Source<'t> {
    file: &'t str,
    text: &'t str,
    builtin: bool,
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

/// Reads a user's table file: only a regular file (a FIFO, device, socket or directory is an
/// error naming what it is; a FIFO is opened without blocking and never read), at most
/// [`MAX_TABLE_BYTES`].
fn read_table(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let not_regular = |t: std::fs::FileType| -> Option<String> {
        if t.is_file() {
            return None;
        }
        let what = crate::input::file_kind(t);
        Some(format!("{what}; a rule table must be a regular file"))
    };
    // (metadata follows symbolic links: a link to /dev/zero is a device)
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if let Some(why) = not_regular(meta.file_type()) {
        return Err(why);
    }
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        // should the file have been swapped for a FIFO since, opening it does not wait for
        // a writer
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file = open.open(path).map_err(|e| format!("cannot read: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if let Some(why) = not_regular(meta.file_type()) {
        return Err(why);
    }
    let too_big = || format!("larger than the limit of {MAX_TABLE_BYTES} bytes for a rule table");
    if meta.len() > MAX_TABLE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// NUL and control characters (other than TAB and line ends) are never part of a rule: a
/// table holding one is corrupt or not a table.
fn no_control_characters(file: &str, text: &str) -> Result<(), RuleError> {
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        let line = text[..at].bytes().filter(|&b| b == b'\n').count() + 1;
        let c = text[at..].chars().next().unwrap_or('\0');
        return Err(RuleError {
            file: file.to_string(),
            line,
            msg: format!(
                "control character U+{:04X}; rule tables hold text, TABs and line ends only",
                c as u32
            ),
        });
    }
    Ok(())
}

/// Checks `text` as the user's table `file` extending table `name` is checked when it is
/// added with `--rules` (every line, its fields and closed columns, control characters,
/// the size limits, and the patterns of the pattern tables compiled), without keeping it.
/// Returns the number of rows. For the table-parsing fuzz target and tests.
pub fn check_table(name: &str, file: &str, text: &str) -> Result<usize, RuleError> {
    let whole = |msg: String| RuleError {
        file: file.to_string(),
        line: 0,
        msg,
    };
    let Some(spec) = SPECS.iter().find(|s| s.name == name) else {
        return Err(whole(format!("unknown rule table name {name:?}")));
    };
    if text.len() as u64 > MAX_TABLE_BYTES {
        return Err(whole(format!(
            "larger than the limit of {MAX_TABLE_BYTES} bytes for a rule table"
        )));
    }
    no_control_characters(file, text)?;
    let pattern_field = match name {
        "meeting_triggers.tsv" | "partnership_triggers.tsv" | "hedges.tsv" | "boilerplate.tsv" => {
            Some(0)
        }
        "status_cues.tsv" => Some(1),
        _ => None,
    };
    let src = Source {
        file,
        text,
        builtin: false,
    };
    let mut n = 0;
    for row in Lines::new(spec, src) {
        let row = row?;
        if let Some(f) = pattern_field {
            let origin = format!("{file}:{}", row.line());
            Pattern::build(row.get(f), &origin, false)?;
        }
        n += 1;
    }
    Ok(n)
}

fn names() -> String {
    SPECS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

/// Reads the rows of one text of a table, line by line: `Err` for a malformed line.
struct Lines<'t> {
    spec: &'static Spec,
    src: Source<'t>,
    /// The tabs and line ends of the text, found by one vectorized scan as the reading
    /// goes (a table is thousands of short lines).
    marks: memchr::Memchr2<'t>,
    /// Where the next line starts.
    at: usize,
    /// The number of the last line read.
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(spec: &'static Spec, src: Source<'t>) -> Lines<'t> {
        Lines {
            spec,
            src,
            marks: memchr::memchr2_iter(b'\t', b'\n', src.text.as_bytes()),
            at: 0,
            line: 0,
        }
    }

    fn error(&self, msg: String) -> RuleError {
        RuleError {
            file: if self.src.builtin {
                format!("rules/{}", self.src.file)
            } else {
                self.src.file.to_string()
            },
            line: self.line,
            msg,
        }
    }
}

impl<'t> Iterator for Lines<'t> {
    type Item = Result<RowOf<'t>, RuleError>;

    fn next(&mut self) -> Option<Result<RowOf<'t>, RuleError>> {
        let text = self.src.text;
        let bytes = text.as_bytes();
        loop {
            if self.at >= bytes.len() {
                return None;
            }
            // this line's first tabs, how many it has, and its end
            let from = self.at;
            let mut tabs = [0usize; MAX_FIELDS];
            let mut n_tabs = 0;
            let end = loop {
                match self.marks.next() {
                    Some(p) if bytes[p] == b'\t' => {
                        if n_tabs < MAX_FIELDS {
                            tabs[n_tabs] = p;
                        }
                        n_tabs += 1;
                    }
                    Some(p) => break p,
                    None => break bytes.len(), // the last line has no line end
                }
            };
            self.at = end + 1;
            self.line += 1;
            if end - from > MAX_LINE_BYTES {
                return Some(Err(self.error(format!(
                    "line of {} bytes, longer than the limit of {MAX_LINE_BYTES}",
                    end - from
                ))));
            }
            let line = text[from..end].trim_end_matches('\r');
            let lead = line.trim_start();
            if lead.is_empty() || lead.starts_with('#') {
                continue;
            }
            let mut fields = [""; MAX_FIELDS];
            let mut field_start = from;
            for (f, &t) in tabs.iter().enumerate().take(n_tabs.min(MAX_FIELDS)) {
                fields[f] = trim_field(&text[field_start..t]);
                field_start = t + 1;
            }
            let n = n_tabs + 1;
            if n <= MAX_FIELDS {
                fields[n - 1] = trim_field(&text[field_start..from + line.len()]);
            }
            let spec = self.spec;
            if n < spec.min || n > spec.max {
                let want = if spec.min == spec.max {
                    format!("{}", spec.min)
                } else {
                    format!("{} to {}", spec.min, spec.max)
                };
                return Some(Err(
                    self.error(format!("expected {want} TAB-separated fields, found {n}"))
                ));
            }
            if fields[0].is_empty() {
                return Some(Err(self.error("the first field is empty".into())));
            }
            if let Err(msg) = (spec.check)(&fields) {
                return Some(Err(self.error(msg)));
            }
            return Some(Ok(RowOf {
                fields,
                file: self.src.file,
                line: self.line as u32,
                builtin: self.src.builtin,
            }));
        }
    }
}

/// `field.trim()`, without looking at characters when the field plainly starts and ends
/// with no blank: an ASCII graphic character or a character of U+A000–U+DFFF (Hangul
/// syllables among them; no Unicode blank is there).
fn trim_field(field: &str) -> &str {
    let b = field.as_bytes();
    let clean = |c: u8| c.is_ascii_graphic() || (0xEA..=0xED).contains(&c);
    let n = b.len();
    let start = b.first().is_some_and(|&c| clean(c));
    let end = b.last().is_some_and(|&c| c.is_ascii_graphic())
        || n >= 3 && (0xEA..=0xED).contains(&b[n - 3]);
    if start && end { field } else { field.trim() }
}

/// All rows of one text, or the first malformed line.
#[cfg(test)]
fn parse(
    spec: &'static Spec,
    file: &'static str,
    text: &'static str,
    builtin: bool,
) -> Result<Vec<Row>, RuleError> {
    Lines::new(
        spec,
        Source {
            file,
            text,
            builtin,
        },
    )
    .collect()
}

/// Compiles a regex from a rule table with a size limit, so that a user table cannot make
/// the program build an enormous automaton.
pub fn compile_regex(pattern: &str, origin: &str) -> Result<Regex, RuleError> {
    compile_with(pattern, origin, true)
}

/// A compiled regex of the regex crate's engine (`regex_automata::meta`, which
/// `regex::Regex` wraps: the same syntax and matches), built here so that the prefilter can
/// be left out: a pattern only ever run over a clause or a sentence gains nothing from a
/// literal prefilter, which is most of its compile time (0.4 ms against 0.1 for the
/// photo-caption trigger, cold).
pub type Regex = regex_automata::meta::Regex;

fn compile_with(pattern: &str, origin: &str, prefilter: bool) -> Result<Regex, RuleError> {
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
            let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
            let why = match (e.syntax_error(), e.size_limit()) {
                (Some(syntax), _) => one_line(syntax),
                (None, Some(size)) => {
                    format!("too big: the compiled pattern exceeds the size limit of {size} bytes")
                }
                (None, None) => e.to_string(),
            };
            RuleError {
                file: file.to_string(),
                line: line.parse().unwrap_or(0),
                msg: format!("bad regular expression: {why}"),
            }
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
    pub fn new(pattern: &str, origin: &str) -> Result<Pattern, RuleError> {
        Pattern::build(pattern, origin, true)
    }

    /// Compiles `pattern`, with a literal prefilter for its regex part or not (see
    /// [`Regex`]).
    pub fn build(pattern: &str, origin: &str, prefilter: bool) -> Result<Pattern, RuleError> {
        // one limit for both ways of searching: a word list is not a way around the size
        // limit of a regex (a table line is no longer than this anyway)
        if pattern.len() > MAX_LINE_BYTES {
            let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
            return Err(RuleError {
                file: file.to_string(),
                line: line.parse().unwrap_or(0),
                msg: format!(
                    "pattern too big: {} bytes, more than the limit of {MAX_LINE_BYTES}",
                    pattern.len()
                ),
            });
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
    origin: String,
    /// With a literal prefilter (for patterns searched over whole lines).
    prefilter: bool,
    re: std::sync::OnceLock<Pattern>,
}

impl LazyRegex {
    /// A pattern of the row at `origin`, searched over long texts (lines); compiled now
    /// when `check` is set.
    pub fn new(pattern: String, origin: &str, check: bool) -> Result<LazyRegex, RuleError> {
        LazyRegex::with(pattern, origin, check, true)
    }

    /// A pattern only ever searched over a sentence or a clause: compiled without a
    /// literal prefilter (see [`Regex`]).
    pub fn for_short_texts(
        pattern: String,
        origin: &str,
        check: bool,
    ) -> Result<LazyRegex, RuleError> {
        LazyRegex::with(pattern, origin, check, false)
    }

    fn with(
        pattern: String,
        origin: &str,
        check: bool,
        prefilter: bool,
    ) -> Result<LazyRegex, RuleError> {
        let re = std::sync::OnceLock::new();
        if check {
            let _ = re.set(Pattern::build(&pattern, origin, prefilter)?);
        }
        Ok(LazyRegex {
            pattern,
            origin: origin.to_string(),
            prefilter,
            re,
        })
    }

    /// The compiled pattern. A pattern that does not compile (only possible in a built-in
    /// table that the tests did not run on) matches nothing.
    pub fn get(&self) -> &Pattern {
        self.re.get_or_init(|| {
            Pattern::build(&self.pattern, &self.origin, self.prefilter)
                .unwrap_or_else(|_| Pattern::Regex(Regex::new(r"[^\s\S]").expect("static regex")))
        })
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

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
                let p = Pattern::new(pattern, &r.origin()).unwrap();
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

    /// Line ends, comments, blank lines, spaces around fields and a missing final line end
    /// are read as the header of every table says; line numbers count every line.
    #[test]
    fn lines_and_fields_are_read_as_documented() {
        let spec = &SPECS[SPECS
            .iter()
            .position(|s| s.name == "org_suffixes.tsv")
            .unwrap()];
        let text = "# comment\r\n\r\n  # indented comment\n 협회 \t media\r\n\n재단\tcompany\t 3 \n \t \n기구\tother";
        let rows = parse(spec, "t.tsv", text, false).unwrap();
        let got: Vec<(u32, [&str; 3])> = rows
            .iter()
            .map(|r| (r.line(), [r.get(0), r.get(1), r.get(2)]))
            .collect();
        let want = vec![
            (4, ["협회", "media", ""]),
            (6, ["재단", "company", "3"]),
            (8, ["기구", "other", ""]),
        ];
        assert_eq!(got, want);
        // a line of blanks and tabs is blank; one that starts with a tab has an empty first
        // field: an error, with its line number
        let bad = parse(spec, "t.tsv", "재단\tcompany\n\tother\n", false).unwrap_err();
        assert_eq!(
            (bad.line, bad.msg.as_str()),
            (2, "the first field is empty")
        );
        let too_many = parse(spec, "t.tsv", "a\tb\tc\td", false).unwrap_err();
        assert_eq!(too_many.line, 1);
        assert!(too_many.msg.contains("found 4"), "{}", too_many.msg);
        let last = parse(spec, "t.tsv", "기구\tother", false).unwrap();
        assert_eq!(
            (last[0].get(0), last[0].get(1), last[0].line()),
            ("기구", "other", 1)
        );
    }

    #[test]
    fn fields_are_trimmed_as_str_trim_does() {
        for f in [
            "",
            " ",
            "삼성",
            " 삼성 ",
            "삼성\u{3000}",
            "\u{3000}삼성",
            "a",
            "a ",
            "\u{a0}x",
            "x\u{a0}",
            "가\u{2009}",
            "힣",
            "LG 전자",
            "\u{2028}",
            "ㄱ",
            "ㄱ ",
            "·",
            "삼성·",
            "\t삼성\t",
        ] {
            assert_eq!(trim_field(f), f.trim(), "{f:?}");
        }
    }

    /// `check_table` (the fuzz target's entry) accepts every built-in table and refuses
    /// what loading a user's file refuses, with the same location.
    #[test]
    fn check_table_checks_as_loading_does() {
        for spec in SPECS {
            let n = check_table(spec.name, spec.name, spec.text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(n, RuleSet::builtin().unwrap().rows(spec.name).count());
        }
        let e =
            check_table("meeting_triggers.tsv", "m.tsv", "회담\tmeet\n(만나\tmeet\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("m.tsv", 2));
        let e = check_table("hedges.tsv", "h.tsv", "x\tmaybe\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "h.tsv:1: unknown hedge \"maybe\"; expected one of reported, expected, speculated"
        );
        let e = check_table("titles.tsv", "t.tsv", "a\tother\n\nb\u{1}\tother").unwrap_err();
        assert_eq!(e.line, 3);
        let words = vec!["가"; 10_000].join("|");
        let e = check_table("hedges.tsv", "h.tsv", &format!("{words}\treported")).unwrap_err();
        assert!(e.msg.contains("line of"), "{e}");
        assert!(
            Pattern::new(&words, "h.tsv:1").is_err(),
            "a word list past the limit"
        );
    }

    #[test]
    fn regex_size_limit() {
        assert!(compile_regex("(a{1000}){1000}", "x.tsv:3").is_err());
        assert!(compile_regex("만나", "x.tsv:3").is_ok());
    }
}
