use super::{EType, Entity, Mention};
use std::collections::BTreeMap;

pub(super) fn is_word_char(c: char) -> bool {
    crate::morph::is_alnum(c)
}

/// Collects entities while the text is scanned.
pub(super) struct Builder {
    pub(super) entities: Vec<Entity>,
    pub(super) by_key: rustc_hash::FxHashMap<String, usize>,
    /// Mentions by start byte: (end, entity). Mentions never overlap, so this ordered map
    /// answers "is this span free?" and "which entity is here?" in logarithmic time.
    pub(super) taken: Taken,
    /// (person, mention start, end of the phrase with its title): set on the mentions once
    /// they are sorted, so that each costs a binary search, not a scan of the mentions.
    pub(super) phrase_ends: Vec<(usize, usize, usize)>,
}

/// The mentions' spans: an ordered map from start to (end, entity), and a bitmap of the
/// bytes they cover, which answers "is anything here?" (mostly no) without a tree walk.
pub(super) struct Taken {
    pub(super) map: BTreeMap<usize, (usize, usize)>,
    pub(super) covered: Vec<u64>,
}

impl Taken {
    pub(super) fn new(text_len: usize) -> Taken {
        Taken {
            map: BTreeMap::new(),
            covered: vec![0; text_len / 64 + 1],
        }
    }

    /// Calls `f(word, mask)` for the bitmap words and bits of bytes `s..e`.
    pub(super) fn words(s: usize, e: usize, mut f: impl FnMut(usize, u64) -> bool) -> bool {
        let mut i = s;
        while i < e {
            let lo = i % 64;
            let n = (64 - lo).min(e - i);
            let mask = if n == 64 {
                u64::MAX
            } else {
                ((1u64 << n) - 1) << lo
            };
            if f(i / 64, mask) {
                return true;
            }
            i += n;
        }
        false
    }

    /// Does any mention cover a byte of `s..e`?
    pub(super) fn any(&self, s: usize, e: usize) -> bool {
        let covered = &self.covered;
        Taken::words(s, e, |w, mask| {
            covered.get(w).is_some_and(|x| x & mask != 0)
        })
    }

    pub(super) fn mark(&mut self, s: usize, e: usize, on: bool) {
        let covered = &mut self.covered;
        Taken::words(s, e, |w, mask| {
            if let Some(x) = covered.get_mut(w) {
                if on {
                    *x |= mask;
                } else {
                    *x &= !mask;
                }
            }
            false
        });
    }

    pub(super) fn insert(&mut self, s: usize, v: (usize, usize)) {
        if let Some((old_end, _)) = self.map.insert(s, v) {
            self.mark(s, old_end, false);
        }
        self.mark(s, v.0, true);
    }

    pub(super) fn remove(&mut self, s: &usize) -> Option<(usize, usize)> {
        let v = self.map.remove(s)?;
        self.mark(*s, v.0, false);
        Some(v)
    }

    pub(super) fn range<R: std::ops::RangeBounds<usize>>(
        &self,
        r: R,
    ) -> std::collections::btree_map::Range<'_, usize, (usize, usize)> {
        self.map.range(r)
    }

    pub(super) fn get(&self, s: &usize) -> Option<&(usize, usize)> {
        self.map.get(s)
    }

    pub(super) fn iter(&self) -> std::collections::btree_map::Iter<'_, usize, (usize, usize)> {
        self.map.iter()
    }
}

impl Builder {
    /// A builder with no entity yet, for a text of `text_len` bytes.
    pub(super) fn new(text_len: usize) -> Builder {
        Builder {
            entities: Vec::new(),
            by_key: Default::default(),
            taken: Taken::new(text_len),
            phrase_ends: Vec::new(),
        }
    }

    /// Sorts each entity's mentions and writes the ends of the title phrases onto them
    /// (sorted first: a sentence can name one person thousands of times, and each end
    /// costs a binary search).
    pub(super) fn set_phrase_ends(&mut self) {
        for e in &mut self.entities {
            e.mentions.sort_by_key(|m| m.start);
        }
        for (p, start, end) in std::mem::take(&mut self.phrase_ends) {
            let ms = &mut self.entities[p].mentions;
            if let Ok(k) = ms.binary_search_by_key(&start, |m| m.start) {
                ms[k].phrase_end = ms[k].phrase_end.max(end);
            }
        }
    }

    /// The entity of `key` (`Person:홍길동`), made from the other arguments when it is new
    /// (nothing is allocated for one already met).
    pub(super) fn entity(
        &mut self,
        key: &str,
        etype: EType,
        name: &str,
        subtype: Option<&str>,
        english: Option<&str>,
    ) -> usize {
        if let Some(&i) = self.by_key.get(key) {
            return i;
        }
        let i = self.entities.len();
        self.entities.push(Entity {
            etype,
            subtype: subtype.map(String::from),
            name: name.to_string(),
            aliases: Vec::new(),
            english: english.map(String::from),
            roles: Vec::new(),
            mentions: Vec::new(),
            key: key.to_string(),
            family: None,
        });
        self.by_key.insert(key.to_string(), i);
        i
    }

    /// The organization a pattern found, merged with others of the same name written with
    /// or without spaces (오픈 AI = 오픈AI).
    pub(super) fn org(&mut self, name: &str, subtype: &str) -> usize {
        let key = format!("Organization:{}", name.replace(' ', ""));
        self.entity(&key, EType::Organization, name, Some(subtype), None)
    }

    pub(super) fn overlaps(&self, s: usize, e: usize) -> bool {
        if s >= e {
            // an empty span "overlaps" a mention that strictly contains its place
            return self
                .taken
                .range(..e)
                .next_back()
                .is_some_and(|(_, &(end, _))| end > s);
        }
        self.taken.any(s, e)
    }

    /// Removes every mention that lies inside `s..e`.
    pub(super) fn clear_range(&mut self, s: usize, e: usize) {
        let inside: Vec<(usize, usize)> = self
            .taken
            .range(s..e)
            .filter(|&(_, &(end, _))| end <= e)
            .map(|(&start, &(_, ent))| (start, ent))
            .collect();
        for (start, ent) in inside {
            self.taken.remove(&start);
            self.entities[ent].mentions.retain(|m| m.start != start);
        }
    }

    pub(super) fn mention(
        &mut self,
        ent: usize,
        text: &str,
        s: usize,
        e: usize,
        sentence: usize,
        rule: &str,
    ) -> bool {
        if self.overlaps(s, e) {
            return false;
        }
        self.taken.insert(s, (e, ent));
        let surface = &text[s..e];
        let en = &mut self.entities[ent];
        if surface != en.name
            && !en.aliases.iter().any(|a| a == surface)
            && rule != "pattern/short_form"
        {
            en.aliases.push(surface.to_string());
        }
        en.mentions.push(Mention {
            start: s,
            end: e,
            sentence,
            rule: rule.to_string(),
            phrase_end: e,
        });
        true
    }
}

pub(super) fn org_covering(b: &Builder, s: usize, e: usize) -> Option<usize> {
    b.taken
        .get(&s)
        .filter(|&&(end, ent)| end <= e && b.entities[ent].etype == EType::Organization)
        .map(|&(_, ent)| ent)
}

/// The first mention of type `etype` that starts inside `s..e`: (entity, end of mention).
pub(super) fn entity_at(b: &Builder, s: usize, e: usize, etype: EType) -> Option<(usize, usize)> {
    if !b.taken.any(s, e) {
        return None; // (a mention starting in s..e covers its start)
    }
    b.taken
        .range(s..e)
        .find(|&(_, &(_, ent))| b.entities[ent].etype == etype)
        .map(|(_, &(end, ent))| (ent, end))
}

/// Is entity `ent` a country?
pub(super) fn is_country(b: &Builder, ent: usize) -> bool {
    b.entities[ent].subtype.as_deref() == Some("country")
}

#[cfg(test)]
mod tests {
    use super::*;
    /// The covered-bytes bitmap answers "does a mention overlap s..e?" as the ordered map
    /// alone did, through inserts, replacements and removals across word boundaries.
    #[test]
    fn taken_bitmap_agrees_with_the_map() {
        let mut t = Taken::new(300);
        let by_map = |t: &Taken, s: usize, e: usize| {
            t.range(..e)
                .next_back()
                .is_some_and(|(_, &(end, _))| end > s)
        };
        let b = |t: Taken| Builder {
            entities: Vec::new(),
            by_key: Default::default(),
            taken: t,
            phrase_ends: Vec::new(),
        };
        let spans = [
            (0, 3),
            (60, 70),
            (127, 129),
            (200, 264),
            (64, 65),
            (290, 300),
        ];
        let mut step = 0;
        for &(s, e) in &spans {
            t.insert(s, (e, step));
            step += 1;
            if step % 2 == 0 {
                t.remove(&s);
            }
            for a in 0..300 {
                for e in [a, a + 1, a + 2, a + 63, a + 64, a + 65] {
                    let e = e.min(300);
                    let want = by_map(&t, a, e);
                    if a < e {
                        assert_eq!(t.any(a, e), want, "{a}..{e} after {step} spans");
                    }
                    let builder = b(Taken {
                        map: t.map.clone(),
                        covered: t.covered.clone(),
                    });
                    assert_eq!(builder.overlaps(a, e), want, "{a}..{e} after {step} spans");
                }
            }
        }
        t.insert(0, (5, 9)); // a replacement shrinks or grows the span
        assert!(t.any(4, 5) && !t.any(5, 6));
    }

    #[test]
    fn a_mention_never_overlaps_another_and_cleared_spans_are_free() {
        let text = "한빛전자 한빛";
        let mut b = Builder::new(text.len());
        let org = b.org("한빛전자", "company");
        assert!(b.mention(org, text, 0, 12, 0, "test"));
        let part = b.org("한빛", "company");
        assert!(!b.mention(part, text, 0, 6, 0, "test"), "inside the first");
        assert!(b.mention(part, text, 13, 19, 0, "test"));
        assert_eq!(entity_at(&b, 0, 19, EType::Organization), Some((org, 12)));
        b.clear_range(0, 12);
        assert!(!b.overlaps(0, 12) && b.overlaps(13, 14));
        assert!(b.entities[org].mentions.is_empty());
    }
}
