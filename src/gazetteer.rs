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
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let starts = !prev_word;
            prev_word = is_word_char(c);
            if !starts || !self.first.contains(c) {
                continue;
            }
            if !self.single.is_empty()
                && let Some(cands) = self.single.get(&c)
            {
                out.extend(cands.iter().map(|&k| (i, i + c.len_utf8(), k as usize)));
            }
            let Some(&(_, c2)) = it.peek() else { break };
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
        out
    }
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
}
