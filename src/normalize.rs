//! Normalization: decomposed Hangul (NFD, as macOS file systems and some CMSs store it) and
//! other combining sequences are composed (NFC) before analysis, with a map back to byte
//! offsets of the original text, so that every reported span still indexes the input.
//!
//! The text is cut into segments that start at a character that cannot combine with what
//! precedes it; each segment is composed on its own. A span the analysis reports always
//! starts and ends on segment boundaries (a name never starts inside a syllable), so the
//! map only needs the segment boundaries of the segments that changed.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A text ready for analysis and the way back to the original offsets.
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// Changed segments: (normalized start, normalized end, original start, original end).
    changed: Vec<(usize, usize, usize, usize)>,
}

/// Can `c` combine with the character before it (a combining mark or a Hangul vowel or
/// final consonant jamo)?
fn joins_previous(c: char) -> bool {
    canonical_combining_class(c) != 0
        || ('\u{1160}'..='\u{11FF}').contains(&c)
        || ('\u{D7B0}'..='\u{D7FF}').contains(&c)
}

/// The characters of `s` that are neither ASCII nor precomposed Hangul syllables, in order.
/// Read byte by byte: ASCII is one byte, and a character led by EB or EC (U+B000 to U+CFFF)
/// is a syllable of three bytes; only the other characters are decoded.
fn rare_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            match b[i] {
                x if x < 0x80 => i += 1,
                0xEB | 0xEC => i += 3,
                _ => {
                    let c = s[i..].chars().next()?;
                    i += c.len_utf8();
                    if !('\u{AC00}'..='\u{D7A3}').contains(&c) {
                        return Some(c);
                    }
                }
            }
        }
        None
    })
}

impl<'a> Normalized<'a> {
    /// Composes `original` (borrowed as is when it is already NFC, the common case).
    pub fn new(original: &'a str) -> Normalized<'a> {
        // ASCII and precomposed Hangul syllables are NFC whatever surrounds them (a jamo that
        // could join a syllable is itself checked): only the other characters are looked up
        if is_nfc_quick(rare_chars(original)) == IsNormalized::Yes {
            return Normalized {
                text: Cow::Borrowed(original),
                changed: Vec::new(),
            };
        }
        let mut out = String::with_capacity(original.len());
        let mut changed = Vec::new();
        let mut seg_start = 0;
        let mut flush = |seg: &str, orig_start: usize, out: &mut String| {
            let n0 = out.len();
            let composed: String = seg.nfc().collect();
            out.push_str(&composed);
            if composed != seg {
                // the unchanged characters that open the segment (a starter such as `.`
                // before marks that NFC only reorders) stay outside the changed range, so
                // a span boundary after them maps to itself: a sentence that ends at such
                // a `.` and the one after it meet there instead of overlapping
                let same: usize = seg
                    .chars()
                    .zip(composed.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a.len_utf8())
                    .sum();
                changed.push((
                    n0 + same,
                    out.len(),
                    orig_start + same,
                    orig_start + seg.len(),
                ));
            }
        };
        // a blank ends its segment even when a mark follows: it composes with nothing, and
        // a segment " \u{340}" (which NFC changes to " \u{300}") mapped the start of the
        // mark back to the blank before it, so a sentence began with whitespace
        let mut after_blank = false;
        for (i, c) in original.char_indices() {
            if i > seg_start && (after_blank || !joins_previous(c)) {
                flush(&original[seg_start..i], seg_start, &mut out);
                seg_start = i;
            }
            after_blank = c.is_whitespace();
        }
        flush(&original[seg_start..], seg_start, &mut out);
        Normalized {
            text: Cow::Owned(out),
            changed,
        }
    }

    /// The text to analyze.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn map(&self, b: usize, end: bool) -> usize {
        // the last changed segment that starts at or before b
        let k = self.changed.partition_point(|&(ns, _, _, _)| ns <= b);
        if k == 0 {
            return b;
        }
        let (ns, ne, os, oe) = self.changed[k - 1];
        if b >= ne {
            return oe + (b - ne); // after the segment: shifted by its change in length
        }
        if b == ns || !end { os } else { oe }
    }

    /// The original byte offset of a span start.
    pub fn start(&self, b: usize) -> usize {
        self.map(b, false)
    }

    /// The original byte offset of a span end.
    pub fn end(&self, b: usize) -> usize {
        self.map(b, true)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rare_characters_read_from_the_bytes_are_those_decoded() {
        let pieces = [
            "가", "힣", "뉴", "칭", "퀴", "a", " ", "\u{1100}", "\u{1161}", "\u{301}", "é", "ꀀ",
            "\u{D7A4}", "\u{D7B0}", "😀", "中", "·",
        ];
        let mut rng = crate::test_support::Rng(0x51_7cc1_b727_220a);
        for _ in 0..5000 {
            let t = rng.text(&pieces, 12);
            let slow: Vec<char> = t
                .chars()
                .filter(|&c| !c.is_ascii() && !('\u{AC00}'..='\u{D7A3}').contains(&c))
                .collect();
            assert_eq!(super::rare_chars(&t).collect::<Vec<_>>(), slow, "{t:?}");
        }
    }

    use super::*;

    #[test]
    fn composed_text_is_borrowed() {
        let n = Normalized::new("삼성전자");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.start(3), 3);
    }

    /// A blank and then a mark with a singleton decomposition (U+0340 → U+0300): the
    /// changed segment is the mark alone, so the mark maps to itself, not to the blank.
    #[test]
    fn a_blank_is_never_part_of_a_changed_segment() {
        for mark in ['\u{340}', '\u{341}', '\u{343}', '\u{374}'] {
            let original = format!("가 {mark}나");
            let n = Normalized::new(&original);
            assert_eq!(n.text().nfc().collect::<String>(), n.text(), "{mark:?}");
            let at = n
                .text()
                .find(|c: char| c != '가' && !c.is_whitespace())
                .unwrap();
            assert_eq!(&original[..n.start(at)], "가 ", "{mark:?}");
        }
    }

    #[test]
    fn decomposed_hangul_maps_back() {
        let nfc = "이재용 회장";
        let nfd: String = nfc.nfd().collect();
        let n = Normalized::new(&nfd);
        assert_eq!(n.text(), nfc);
        // 회장 in the composed text, mapped back to the decomposed input
        let s = nfc.find("회장").unwrap();
        let e = s + "회장".len();
        assert_eq!(&nfd[n.start(s)..n.end(e)], "회장".nfd().collect::<String>());
        assert_eq!(n.start(0), 0);
        assert_eq!(n.end(nfc.len()), nfd.len());
    }
}
