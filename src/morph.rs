//! Words and particles: eojeol (space-separated word) tokens, and the test whether the
//! rest of a word after a known stem is a stack of particles (조사) such as 은, 과의, 에게는.
//!
//! Stripping is driven by the stem, never by the ending alone: a word is split only where
//! a known name, title or suffix ends and the remainder decomposes into entries of
//! `rules/particles.txt`. So `삼성전자의` → `삼성전자` + `의`, `회장과는` → `회장` + `과는`,
//! while `신한은행` stays whole (행 is no particle) and `경기도` is never cut to 경기.

use rustc_hash::FxHashSet as HashSet;

use crate::rules::RuleSet;

/// A set of characters with a bitmap for Hangul syllables (the common case in Korean text)
/// and a hash set for everything else: membership is one shift and mask for a syllable.
#[derive(Debug, Clone)]
pub struct CharSet {
    hangul: Box<[u64]>,
    other: HashSet<char>,
}

impl Default for CharSet {
    fn default() -> CharSet {
        CharSet {
            hangul: vec![0u64; HANGUL_COUNT.div_ceil(64)].into_boxed_slice(),
            other: HashSet::default(),
        }
    }
}

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_COUNT: usize = 11172;

impl CharSet {
    /// Adds `c`.
    pub fn insert(&mut self, c: char) {
        match (c as u32).checked_sub(HANGUL_FIRST) {
            Some(i) if (i as usize) < HANGUL_COUNT => {
                self.hangul[i as usize / 64] |= 1 << (i % 64);
            }
            _ => {
                self.other.insert(c);
            }
        }
    }

    /// Is `c` in the set?
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        match (c as u32).checked_sub(HANGUL_FIRST) {
            Some(i) if (i as usize) < HANGUL_COUNT => {
                self.hangul[i as usize / 64] & (1 << (i % 64)) != 0
            }
            _ => !self.other.is_empty() && self.other.contains(&c),
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> CharSet {
        let mut s = CharSet::default();
        for c in iter {
            s.insert(c);
        }
        s
    }
}

/// The particle table, ready for decomposition.
pub struct Particles {
    set: HashSet<String>,
    max_chars: usize,
    /// First characters of particles: a word rest that starts with anything else is no
    /// particle stack (the usual answer, found without hashing).
    first: CharSet,
}

impl Particles {
    /// Loads `particles.txt`.
    pub fn new(rules: &RuleSet) -> Particles {
        let set: HashSet<String> = rules
            .rows("particles.txt")
            .map(|r| r.get(0).to_string())
            .collect();
        let max_chars = set.iter().map(|p| p.chars().count()).max().unwrap_or(1);
        let first = set.iter().filter_map(|p| p.chars().next()).collect();
        Particles {
            set,
            max_chars,
            first,
        }
    }

    /// Is `rest` empty or a sequence of particles (은, 과+의, 에게+는 …)?
    pub fn is_tail(&self, rest: &str) -> bool {
        if rest.is_empty() {
            return true;
        }
        if rest.len() > 24 || !rest.chars().next().is_some_and(|c| self.first.contains(c)) {
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
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || c.is_ascii_alphanumeric()
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// One pass over a text for two things that later stages read per sentence: where words of
/// letters and digits may start (every character after one that is not [`is_alnum`], and
/// the start; with the character there), which the name and date tables are looked up at,
/// and the runs of word characters that [`tokens`] splits a sentence into.
pub struct WordScan {
    /// Byte offsets and characters of the places where a word may start, in order.
    pub starts: Vec<(usize, char)>,
    /// The runs of word characters (`start`, `end`), in order.
    runs: Vec<(usize, usize)>,
}

impl WordScan {
    /// Scans `text`.
    pub fn new(text: &str) -> WordScan {
        let mut starts = Vec::with_capacity(text.len() / 8);
        let mut runs = Vec::with_capacity(text.len() / 12);
        let mut prev_alnum = false;
        let mut run: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if !prev_alnum {
                starts.push((i, c));
            }
            prev_alnum = is_alnum(c);
            if prev_alnum || matches!(c, '&' | '+' | '-' | '㈜') {
                run.get_or_insert(i);
            } else if let Some(b) = run.take() {
                runs.push((b, i));
            }
        }
        if let Some(b) = run {
            runs.push((b, text.len()));
        }
        WordScan { starts, runs }
    }

    /// [`tokens`]`(text, start, end)` for the `text` that was scanned, from the runs
    /// (a run that crosses `start` or `end` is cut there).
    pub fn tokens<'a>(&self, text: &'a str, start: usize, end: usize) -> Vec<Token<'a>> {
        let from = self.runs.partition_point(|&(_, e)| e <= start);
        self.runs[from..]
            .iter()
            .take_while(|&&(s, _)| s < end)
            .map(|&(s, e)| (s.max(start), e.min(end)))
            .filter(|&(s, e)| s < e)
            .map(|(s, e)| Token {
                text: &text[s..e],
                start: s,
                end: e,
            })
            .collect()
    }
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
    fn char_sets_hold_hangul_and_other_characters() {
        let s: CharSet = ['가', '힣', 'A', '㈜'].into_iter().collect();
        for c in ['가', '힣', 'A', '㈜'] {
            assert!(s.contains(c), "{c}");
        }
        for c in ['각', '힢', 'B', '\u{D7A4}'] {
            assert!(!s.contains(c), "{c}");
        }
        assert!(!CharSet::default().contains('가'));
    }

    #[test]
    fn scanned_words_are_the_tokens_of_every_span() {
        let pieces = [
            "삼성", "전자", " ", "LG", "-", "&", "+", "㈜", "3", "(", "“", "·", "é", "😀", ".",
            "\u{a0}", "中", "",
        ];
        let mut rng = crate::test_support::Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..1500 {
            let text = rng.text(&pieces, 9);
            let scan = WordScan::new(&text);
            let bounds = crate::test_support::char_bounds(&text);
            for (k, &a) in bounds.iter().enumerate() {
                for &b in &bounds[k..] {
                    assert_eq!(
                        scan.tokens(&text, a, b),
                        tokens(&text, a, b),
                        "{text:?} {a}..{b}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_split_at_punctuation() {
        let s = "“메타(페이스북)의 대표는, 삼성전자와”";
        let t: Vec<&str> = tokens(s, 0, s.len()).iter().map(|t| t.text).collect();
        assert_eq!(t, ["메타", "페이스북", "의", "대표는", "삼성전자와"]);
    }
}
