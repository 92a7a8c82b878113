//! Table names found in a text: an index from the first two characters of every name to
//! the names that start with them.
//!
//! Names are only ever accepted where a word starts, so instead of an Aho-Corasick automaton
//! (whose construction over thousands of names dominated start-up) the text is scanned word
//! start by word start and each start is looked up by its first two characters. Building
//! the index is one hash insert per name; scanning is linear in the text.

use std::borrow::Cow;

use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use crate::morph::CharSet;

/// The index of names.
#[derive(Default)]
pub struct Gazetteer {
    by_prefix: FxHashMap<(char, char), Vec<u32>>,
    /// Names of one character.
    single: FxHashMap<char, Vec<u32>>,
    /// First characters of all names: most word starts are looked up no further.
    first: CharSet,
    names: Vec<Cow<'static, str>>,
    /// For each name, its first eight bytes (zero-padded) and the mask of those it has: a
    /// bucket can hold dozens of names of one first two characters, and most are ruled out
    /// by one comparison of eight bytes of the text, without comparing strings.
    heads: Vec<(u64, u64)>,
}

/// Up to the first eight bytes of `b`, little-endian, zero-padded, and the mask of those
/// present.
#[inline]
fn head8(b: &[u8]) -> (u64, u64) {
    let mut buf = [0u8; 8];
    let n = b.len().min(8);
    buf[..n].copy_from_slice(&b[..n]);
    let mask = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    (u64::from_le_bytes(buf), mask)
}

impl Gazetteer {
    /// Indexes `names` (empty names are never found). A name equal to an earlier one is not
    /// indexed: the first keeps it.
    pub fn new<N: Into<Cow<'static, str>>>(names: Vec<N>) -> Gazetteer {
        let names: Vec<Cow<'static, str>> = names.into_iter().map(Into::into).collect();
        let mut by_prefix: FxHashMap<(char, char), Vec<u32>> =
            FxHashMap::with_capacity_and_hasher(names.len() / 2, Default::default());
        let mut single: FxHashMap<char, Vec<u32>> = FxHashMap::default();
        let mut first = CharSet::default();
        // equal names share a bucket: a scan of it finds them, comparing a hash of each
        // name before the name itself (a bucket can hold a hundred names of one length)
        let hashes: Vec<u32> = names
            .iter()
            .map(|n| rustc_hash::FxBuildHasher.hash_one(n.as_bytes()) as u32)
            .collect();
        for (i, n) in names.iter().enumerate() {
            let mut cs = n.chars();
            let bucket = match (cs.next(), cs.next()) {
                (Some(a), Some(b)) => by_prefix.entry((a, b)).or_default(),
                (Some(a), None) => single.entry(a).or_default(),
                _ => continue,
            };
            let h = hashes[i];
            if !bucket
                .iter()
                .any(|&k| hashes[k as usize] == h && names[k as usize] == *n)
            {
                first.insert(n.chars().next().unwrap_or_default());
                bucket.push(i as u32);
            }
        }
        let heads = names.iter().map(|n| head8(n.as_bytes())).collect();
        Gazetteer {
            by_prefix,
            single,
            first,
            names,
            heads,
        }
    }

    /// Every name that occurs in `text` starting where a word starts (the character before
    /// is not a word character): `(start, end, name index)` in byte offsets, in text order;
    /// several names may start at the same place.
    pub fn find(
        &self,
        text: &str,
        is_word_char: impl Fn(char) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut prev_word = false;
        for (i, c) in text.char_indices() {
            if !prev_word {
                self.lookup(text, i, c, &mut out);
            }
            prev_word = is_word_char(c);
        }
        out
    }

    /// As [`Gazetteer::find`], with the places where words start already worked out: the
    /// byte offset and the character there, in text order (e.g. [`alnum_starts`]). A text
    /// whose names several indexes look up is scanned once.
    pub fn find_at(&self, text: &str, starts: &[(usize, char)]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for &(i, c) in starts {
            self.lookup(text, i, c, &mut out);
        }
        out
    }

    /// As [`Gazetteer::find`] over `piece`, the part of a longer text that begins at byte
    /// `base` of it, with the word starts of the longer text (`starts`, as
    /// [`alnum_starts`] gives them): those inside the piece, and the start of the piece
    /// itself. Offsets are the piece's.
    pub fn find_in_piece(
        &self,
        piece: &str,
        base: usize,
        starts: &[(usize, char)],
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let lo = starts.partition_point(|&(p, _)| p < base);
        let hi = starts.partition_point(|&(p, _)| p < base + piece.len());
        let inside = &starts[lo..hi];
        if inside.first().is_none_or(|&(p, _)| p != base)
            && let Some(c) = piece.chars().next()
        {
            self.lookup(piece, 0, c, &mut out);
        }
        for &(i, c) in inside {
            self.lookup(piece, i - base, c, &mut out);
        }
        out
    }

    /// The names that start at byte `i` of `text`, where character `c` is, added to `out`.
    #[inline]
    fn lookup(&self, text: &str, i: usize, c: char, out: &mut Vec<(usize, usize, usize)>) {
        if !self.first.contains(c) {
            return;
        }
        if !self.single.is_empty()
            && let Some(cands) = self.single.get(&c)
        {
            out.extend(cands.iter().map(|&k| (i, i + c.len_utf8(), k as usize)));
        }
        let Some(c2) = text.get(i + c.len_utf8()..).and_then(|t| t.chars().next()) else {
            return;
        };
        if let Some(cands) = self.by_prefix.get(&(c, c2)) {
            let at = &text.as_bytes()[i..];
            let (t8, _) = head8(at);
            for &k in cands {
                let (h, mask) = self.heads[k as usize];
                if t8 & mask != h {
                    continue;
                }
                let name = self.names[k as usize].as_bytes();
                // (a name with a NUL byte could match the padding past the end)
                if name.len() <= at.len() && (name.len() <= 8 || at.starts_with(name)) {
                    out.push((i, i + name.len(), k as usize));
                }
            }
        }
    }
}

/// The places where a word of letters and digits may start in `text`, and the character
/// there: the start of the text and every character after one that is not alphanumeric
/// ([`crate::morph::is_alnum`]), in byte offsets ([`crate::morph::WordScan`] works them out
/// with the words of the text).
pub fn alnum_starts(text: &str) -> Vec<(usize, char)> {
    crate::morph::WordScan::new(text).starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_at_word_starts_only() {
        let g = Gazetteer::new(vec!["삼성", "삼성전자", "LG 전자", "x", "삼성"]);
        let text = "삼성전자와 LG 전자, 비삼성 x";
        let found: Vec<&str> = g
            .find(text, char::is_alphanumeric)
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(found, ["삼성", "삼성전자", "LG 전자", "x"]);
    }

    #[test]
    fn names_sharing_their_first_bytes_and_ending_the_text() {
        // one bucket; the names differ after eight bytes, or only in length; the text ends
        // inside some of them; a NUL byte is never matched by the end of the text
        let g = Gazetteer::new(vec![
            "대한민국",
            "대한민국 정부",
            "대한민국 국회",
            "대한",
            "대한\0",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgX",
        ]);
        for (text, want) in [
            (
                "대한민국 국회의장",
                vec!["대한", "대한민국", "대한민국 국회"],
            ),
            ("대한민국 정", vec!["대한", "대한민국"]),
            ("대한", vec!["대한"]),
            ("abcdefghi", vec!["ab", "abcdefgh", "abcdefghi"]),
            ("abcdefgXi abcdefg", vec!["ab", "abcdefgX", "ab"]),
        ] {
            let mut found: Vec<(usize, &str)> = g
                .find(text, char::is_alphanumeric)
                .iter()
                .map(|&(s, e, _)| (s, &text[s..e]))
                .collect();
            found.sort();
            let found: Vec<&str> = found.into_iter().map(|(_, n)| n).collect();
            assert_eq!(found, want, "{text}");
        }
    }

    #[test]
    fn word_starts_are_those_of_a_char_by_char_scan() {
        // ASCII, Hangul, other three-byte letters and signs, two- and four-byte characters
        let pieces = [
            "삼성", "전자", " ", "LG", "-", "3", "(", "“", "”", "·", "ㆍ", "中", "國", "é", "€",
            "😀", "\u{a0}", "\u{3000}", "ꥠ", "힣", "힤", "ힰ", "㈜", "\n", ".", "Ⅳ", "",
        ];
        let mut rng = crate::test_support::Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let text = rng.text(&pieces, 12);
            let mut want = Vec::new();
            let mut prev_word = false;
            for (i, c) in text.char_indices() {
                if !prev_word {
                    want.push((i, c));
                }
                prev_word = c.is_alphanumeric();
            }
            assert_eq!(alnum_starts(&text), want, "{text:?}");
        }
    }

    #[test]
    fn a_piece_is_searched_as_a_text_of_its_own() {
        let g = Gazetteer::new(vec!["삼성", "삼성전자", "전자", "LG", "A", "3월", "·"]);
        let pieces = ["삼성", "전자", " ", "LG", "3월", "·", "A", ".", "가"];
        let mut rng = crate::test_support::Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let text = rng.text(&pieces, 10);
            let starts = alnum_starts(&text);
            let bounds = crate::test_support::char_bounds(&text);
            for (k, &a) in bounds.iter().enumerate() {
                for &b in &bounds[k..] {
                    let piece = &text[a..b];
                    assert_eq!(
                        g.find_in_piece(piece, a, &starts),
                        g.find(piece, crate::morph::is_alnum),
                        "{text:?} {a}..{b}"
                    );
                }
            }
        }
    }
}
