//! Reading tables: a user's table file from disk, and the rows of a table's text, line by
//! line.

use std::path::Path;

#[cfg(test)]
use super::Row;
use super::spec::{SPECS, Spec};
use super::{MAX_FIELDS, MAX_LINE_BYTES, MAX_TABLE_BYTES, Pattern, RowOf, RuleError, Source};

/// Reads a user's table file: only a regular file (a FIFO, device, socket or directory is an
/// error naming what it is; a FIFO is opened without blocking and never read), at most
/// [`MAX_TABLE_BYTES`].
pub(super) fn read_table(path: &Path) -> Result<Vec<u8>, String> {
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
pub(super) fn no_control_characters(file: &str, text: &str) -> Result<(), RuleError> {
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
            Pattern::build(row.get(f), row.at(), false)?;
        }
        n += 1;
    }
    Ok(n)
}

/// Reads the rows of one text of a table, line by line: `Err` for a malformed line.
pub(super) struct Lines<'t> {
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
    pub(super) fn new(spec: &'static Spec, src: Source<'t>) -> Lines<'t> {
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
pub(super) fn parse(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

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
}
