//! Words and particles: eojeol (space-separated word) tokens, and the test whether the
//! rest of a word after a known stem is a stack of particles (조사) such as 은, 과의, 에게는.
//!
//! Stripping is driven by the stem, never by the ending alone: a word is split only where
//! a known name, title or suffix ends and the remainder decomposes into entries of
//! `rules/particles.txt`. So `삼성전자의` → `삼성전자` + `의`, `회장과는` → `회장` + `과는`,
//! while `신한은행` stays whole (행 is no particle) and `경기도` is never cut to 경기.

use rustc_hash::FxHashSet as HashSet;

use crate::rules::RuleSet;

/// The particle table, ready for decomposition.
pub struct Particles {
    set: HashSet<String>,
    max_chars: usize,
}

impl Particles {
    /// Loads `particles.txt`.
    pub fn new(rules: &RuleSet) -> Particles {
        let set: HashSet<String> = rules
            .rows("particles.txt")
            .iter()
            .map(|r| r.get(0).to_string())
            .collect();
        let max_chars = set.iter().map(|p| p.chars().count()).max().unwrap_or(1);
        Particles { set, max_chars }
    }

    /// Is `rest` empty or a sequence of particles (은, 과+의, 에게+는 …)?
    pub fn is_tail(&self, rest: &str) -> bool {
        if rest.is_empty() {
            return true;
        }
        if rest.len() > 24 {
            return false;
        }
        if self.set.contains(rest) {
            return true;
        }
        // dynamic programming over char boundaries: ok[i] = rest[i..] decomposes
        let mut idx = [0usize; 26];
        let mut n = 0;
        for (i, _) in rest.char_indices() {
            idx[n] = i;
            n += 1;
        }
        idx[n] = rest.len();
        n += 1;
        let mut ok = [false; 26];
        ok[n - 1] = true;
        for a in (0..n - 1).rev() {
            for b in a + 1..n.min(a + 1 + self.max_chars) {
                if ok[b] && self.set.contains(&rest[idx[a]..idx[b]]) {
                    ok[a] = true;
                    break;
                }
            }
        }
        ok[0]
    }
}

/// A space-separated word with its byte span; punctuation at either end is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word.
    pub text: &'a str,
    /// Byte offset of the word in the text.
    pub start: usize,
    /// Byte offset after the word.
    pub end: usize,
}

fn is_word_char(c: char) -> bool {
    is_alnum(c) || matches!(c, '&' | '+' | '-' | '㈜')
}

/// `char::is_alphanumeric` with a fast path for ASCII and Hangul syllables, the bulk of
/// Korean news text.
#[inline]
pub fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Splits `s[start..end]` into words: runs of letters/digits (plus & + -), so that
/// punctuation, quotes and brackets separate words.
pub fn tokens(s: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut w: Option<usize> = None;
    for (i, c) in s[start..end].char_indices() {
        let i = i + start;
        if is_word_char(c) {
            if w.is_none() {
                w = Some(i);
            }
        } else if let Some(b) = w.take() {
            out.push(Token {
                text: &s[b..i],
                start: b,
                end: i,
            });
        }
    }
    if let Some(b) = w {
        out.push(Token {
            text: &s[b..end],
            start: b,
            end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Particles {
        Particles::new(&RuleSet::builtin().unwrap())
    }

    #[test]
    fn stacks_decompose() {
        let p = p();
        for t in [
            "",
            "은",
            "의",
            "과의",
            "에게는",
            "와는",
            "에서도",
            "으로부터",
            "이라고",
            "측",
        ] {
            assert!(p.is_tail(t), "{t}");
        }
        for t in ["행", "자의", "회장", "기"] {
            assert!(!p.is_tail(t), "{t}");
        }
    }

    #[test]
    fn words_split_at_punctuation() {
        let s = "“메타(페이스북)의 대표는, 삼성전자와”";
        let t: Vec<&str> = tokens(s, 0, s.len()).iter().map(|t| t.text).collect();
        assert_eq!(t, ["메타", "페이스북", "의", "대표는", "삼성전자와"]);
    }
}
