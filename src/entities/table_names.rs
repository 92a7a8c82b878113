use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::gazetteer::Gazetteer;
use crate::rules::{RuleError, RuleSet};
use crate::segment::is_hangul;
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

use super::builder::{Builder, is_word_char};
use super::products::model_suffix;
use super::{EType, EntityRules, Entry, NameIndex, SentenceOf};

impl NameIndex {
    /// Indexes every name and alias of the name tables, with their spacing variants.
    pub fn new(rules: &RuleSet) -> Result<NameIndex, RuleError> {
        let tables = [
            ("people.tsv", EType::Person),
            ("organizations.tsv", EType::Organization),
            ("products.tsv", EType::Product),
            ("places.tsv", EType::Place),
        ];
        // sized once from the line and alias counts (growing them copied hundreds of KB:
        // in a one-article run, fresh memory is a good part of the cost)
        let lines: usize = tables.iter().map(|(t, _)| rules.count_byte(t, b'\n')).sum();
        let aliases: usize = tables.iter().map(|(t, _)| rules.count_byte(t, b'|')).sum();
        let mut entries = Vec::with_capacity(lines);
        let mut patterns: Vec<Cow<'static, str>> = Vec::with_capacity(2 * (lines + aliases));
        let mut pattern_entry = Vec::with_capacity(2 * (lines + aliases));
        // a name written twice (as a name and as an alias, or in two tables) goes to its first
        // entry: the gazetteer keeps the first of equal names
        let add = |surface: &'static str,
                   idx: usize,
                   patterns: &mut Vec<Cow<'static, str>>,
                   pe: &mut Vec<u32>| {
            spacing_variants(surface, |v| {
                if v.chars().nth(1).is_some() {
                    patterns.push(v);
                    pe.push(idx as u32);
                }
            });
        };
        for (table, etype) in tables {
            for r in rules.rows(table) {
                let idx = entries.len();
                let (subtype, english) = match etype {
                    EType::Person => (None, non_empty(r.get(1))),
                    _ => (non_empty(r.get(1)), None),
                };
                entries.push(Entry {
                    etype,
                    canonical: r.get(0),
                    subtype,
                    english,
                    origin: (r.file(), r.line()),
                });
                add(r.get(0), idx, &mut patterns, &mut pattern_entry);
                for a in r.list(2) {
                    add(a, idx, &mut patterns, &mut pattern_entry);
                }
            }
        }
        Ok(NameIndex {
            names: Gazetteer::new(patterns),
            pattern_entry,
            entries,
        })
    }
}

pub(super) fn non_empty(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

/// A name and, when it joins Latin and Hangul, the same with a space and without one
/// (LG전자 / LG 전자, 오픈AI / 오픈 AI), each given to `f`. The name itself is borrowed.
pub(super) fn spacing_variants(name: &'static str, mut f: impl FnMut(Cow<'static, str>)) {
    f(Cow::Borrowed(name));
    // a name with no ASCII character (most: 삼성전자) has no space and no Latin-Hangul seam
    if !name.bytes().any(|b| b.is_ascii()) {
        return;
    }
    let joins = |p: char, c: char| {
        (p.is_ascii_alphanumeric() && is_hangul(c)) || (is_hangul(p) && c.is_ascii_alphabetic())
    };
    let mut prev: Option<char> = None;
    if name.chars().any(|c| {
        let j = prev.is_some_and(|p| joins(p, c));
        prev = Some(c);
        j
    }) {
        let mut spaced = String::with_capacity(name.len() + 4);
        let mut prev: Option<char> = None;
        for c in name.chars() {
            if prev.is_some_and(|p| joins(p, c)) {
                spaced.push(' ');
            }
            spaced.push(c);
            prev = Some(c);
        }
        f(Cow::Owned(spaced));
    }
    if name.contains(' ') {
        let joined: String = name.chars().filter(|c| *c != ' ').collect();
        if joined.chars().count() >= 3 {
            f(Cow::Owned(joined));
        }
    }
}

/// The table names found in `text`, as spans with their entry (`hits`); those extended by
/// a model number (`extended`); and the place names followed by 대 (`universities`).
#[derive(Default)]
struct Found {
    hits: Vec<(usize, usize, usize)>,
    extended: HashSet<(usize, usize)>,
    universities: Vec<(usize, usize)>,
    /// A company of the table glued to capital letters (`포스코ICT`, `누리DS`): a
    /// subsidiary named after it.
    subsidiaries: Vec<(usize, usize)>,
}

/// Names of the name tables at the word starts of `text`, where the rest of the word is
/// particles and the name stays inside one sentence; where they overlap, the longest.
pub(super) fn table_names(
    rules: &EntityRules,
    text: &str,
    starts: &[(usize, char)],
    at: &SentenceOf,
    b: &mut Builder,
) {
    let index = rules.names();
    let found = look_up(rules, index, text, starts, at);
    let chosen = longest_first(found.hits);
    // the key and rule of each hit, written into buffers reused from hit to hit
    let mut key = String::new();
    let mut origin = String::new();
    for (s, e, idx) in chosen {
        let entry = &index.entries[idx];
        // a family name extended by a model number is a product of its own
        let model = found.extended.contains(&(s, e));
        key.clear();
        if model {
            key.push_str("Product:");
            key.extend(text[s..e].chars().filter(|&c| c != ' '));
        } else {
            key.push_str(entry.etype.key_name());
            key.push(':');
            key.push_str(entry.canonical);
        }
        let ent = b.entity(&key, entry.etype, &text[s..e], entry.subtype, entry.english);
        if entry.etype == EType::Person && entry.canonical.contains(' ') {
            b.entities[ent].family = entry.canonical.rsplit(' ').next().map(String::from);
        }
        // the name given here is the first surface; the entity's name is chosen at the end
        origin.clear();
        let _ = write!(origin, "{}:{}", entry.origin.0, entry.origin.1);
        b.mention(ent, text, s, e, at.index(s), &origin);
    }
    for (s, e) in found.universities {
        let name = &text[s..e];
        let ent = b.org(name, "university");
        b.mention(ent, text, s, e, at.index(s), "pattern/place_university");
    }
    for (s, e) in found.subsidiaries {
        let ent = b.org(&text[s..e], "company");
        b.mention(ent, text, s, e, at.index(s), "pattern/subsidiary");
    }
}

/// Every table name that starts a word and ends where particles (or nothing) end it.
fn look_up(
    rules: &EntityRules,
    index: &NameIndex,
    text: &str,
    starts: &[(usize, char)],
    at: &SentenceOf,
) -> Found {
    let mut found = Found::default();
    let word_end_at = |e: usize| {
        text[e..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map(|(i, _)| e + i)
            .unwrap_or(text.len())
    };
    for (s, e, pattern) in index.names.find_at(text, starts) {
        let idx = index.pattern_entry[pattern] as usize;
        let entry = &index.entries[idx];
        // a product family takes the model after it (엑시노스 9610, 아이폰3GS, 갤럭시 S24)
        // when the model ends its word; else the family name alone is tried
        // (not after a family that ends in a digit, nor when a number word follows: H100 60만)
        let family_ends_in_letter = text[..e]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_ascii_digit());
        if entry.etype == EType::Product
            && family_ends_in_letter
            && let Some(len) = model_suffix(&text[e..]).filter(|&len| {
                !text[e + len..].starts_with([
                    '만', '억', '천', '조', '개', '명', '대', '원', '%', '년', '월', '일',
                ])
            })
        {
            let me = e + len;
            if rules.particles.is_tail(&text[me..word_end_at(me)]) && at.holds(s, me) {
                found.hits.push((s, me, idx));
                found.extended.insert((s, me));
                continue;
            }
        }
        let rest = &text[e..word_end_at(e)];
        if entry.etype == EType::Place
            && rest.starts_with('대')
            && rules.particles.is_tail(&rest['대'.len_utf8()..])
            && at.holds(s, e)
        {
            // 서울대, 몬트리올대: a place name + 대 is a university
            found.universities.push((s, e + '대'.len_utf8()));
            continue;
        }
        let caps = rest.bytes().take_while(u8::is_ascii_uppercase).count();
        if entry.etype == EType::Organization
            && entry.subtype == Some("company")
            && text[..e]
                .chars()
                .next_back()
                .is_some_and(crate::segment::is_hangul)
            && (3..=5).contains(&caps)
            && rules.particles.is_tail(&rest[caps..])
            && at.holds(s, e + caps)
        {
            found.subsidiaries.push((s, e + caps));
            continue;
        }
        if !rules.particles.is_tail(rest) || !at.holds(s, e) {
            continue;
        }
        found.hits.push((s, e, idx));
    }
    found
}

/// The hits that overlap no longer one (of equal length, the earlier wins), in text order.
fn longest_first(mut hits: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    hits.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    // a hit overlapping one already chosen gives way (an ordered map of the chosen: no scan)
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
    for h in hits {
        let before = taken
            .range(..h.1)
            .next_back()
            .is_some_and(|(_, &end)| end > h.0);
        if !before {
            taken.insert(h.0, h.1);
            chosen.push(h);
        }
    }
    chosen.sort();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tests::{names, run};
    #[test]
    fn table_names_with_particles() {
        let e = run("제목\n삼성전자와 LG전자의 협력이다. 신한은행은 좋다.");
        let orgs = names(&e, EType::Organization);
        assert!(orgs.contains(&"삼성전자".to_string()), "{orgs:?}");
        assert!(orgs.contains(&"LG전자".to_string()), "{orgs:?}");
        assert!(orgs.contains(&"신한은행".to_string()), "{orgs:?}");
    }

    #[test]
    fn spacing_variants_join_and_split_latin_and_hangul() {
        let mut got = Vec::new();
        spacing_variants("SK하이닉스", |v| got.push(v.into_owned()));
        assert_eq!(got, ["SK하이닉스", "SK 하이닉스"]);
        got.clear();
        spacing_variants("뉴욕 타임스", |v| got.push(v.into_owned()));
        assert_eq!(got, ["뉴욕 타임스", "뉴욕타임스"]);
        got.clear();
        spacing_variants("한국전력", |v| got.push(v.into_owned()));
        assert_eq!(got, ["한국전력"]);
    }

    #[test]
    fn a_place_and_dae_is_a_university_and_a_longer_word_is_no_name() {
        let e = run("제목\n서울대 연구진이 새 소재를 찾았다.");
        let u = e.iter().find(|x| x.name == "서울대").expect("university");
        assert_eq!(u.subtype.as_deref(), Some("university"));
        // a table name followed by more than particles is not that name
        let e = run("제목\n카카오톡방에서 이야기했다.");
        assert!(!names(&e, EType::Organization).contains(&"카카오".to_string()));
    }
}
