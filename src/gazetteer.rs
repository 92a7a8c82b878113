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
        Gazetteer {
            by_prefix,
            single,
            first,
            names,
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
                for &k in cands {
                    let name = &self.names[k as usize];
                    if text[i..].starts_with(name.as_ref()) {
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
}
