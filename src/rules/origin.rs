//! Where a rule comes from: the table file and line of a row ([`Origin`]).

use std::fmt;

/// The table file and 1-based line of a row (`meeting_triggers.tsv:12`, or a user's path):
/// what `--explain` names as the rule that fired, and where an error in a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin<'t> {
    /// The table file (`organizations.tsv`, or a user's path).
    pub file: &'t str,
    /// Its 1-based line number (0 when the whole file is meant).
    pub line: u32,
}

/// `file:line`.
impl fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Reads back an origin kept as its `file:line` text (by stages that store a row's
/// [`RowOf::origin`](super::RowOf::origin) string): the file is everything before the
/// last `:`. A text without a line number is the whole file (line 0).
impl<'t> From<&'t str> for Origin<'t> {
    fn from(s: &'t str) -> Origin<'t> {
        match s
            .rsplit_once(':')
            .and_then(|(f, l)| Some((f, l.parse().ok()?)))
        {
            Some((file, line)) => Origin { file, line },
            None => Origin { file: s, line: 0 },
        }
    }
}

impl<'t> From<&'t String> for Origin<'t> {
    fn from(s: &'t String) -> Origin<'t> {
        Origin::from(s.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_and_read_back_as_file_colon_line() {
        let o = Origin {
            file: "my:rules/status_cues.tsv",
            line: 2,
        };
        assert_eq!(o.to_string(), "my:rules/status_cues.tsv:2");
        assert_eq!(Origin::from(o.to_string().as_str()), o);
        // no line number: the whole file
        assert_eq!(
            Origin::from("hedges.tsv"),
            Origin {
                file: "hedges.tsv",
                line: 0
            }
        );
        assert_eq!(Origin::from("a.tsv:x").line, 0);
    }

    #[test]
    fn an_error_at_an_origin_names_file_and_line_once() {
        let o = Origin {
            file: "status_cues.tsv",
            line: 2,
        };
        let e = super::super::RuleError::at(o, "bad".into());
        assert_eq!(e.to_string(), "status_cues.tsv:2: bad");
    }
}
