//! Entities: people, organizations, products and places, with their mentions and, for
//! people, their roles (title + organization + qualifier).
//!
//! Input: the text and its sentences. Output: entities in order of first mention, each with
//! mentions as byte spans that never include a particle. Sources, in order:
//! 1. one Aho-Corasick pass of every table name and alias over the whole text
//!    (`organizations.tsv`, `people.tsv`, `products.tsv`, `places.tsv`), kept only where the
//!    match starts a word and the rest of the word is a particle stack;
//! 2. per-sentence patterns: organization suffixes (`org_suffixes.tsv`), named units
//!    (`삼성전자 AGI 컴퓨팅 랩`), ‘quoted’ product names, model codes (H100, MI300X);
//! 3. Korean names (surname from `surnames.txt` + one or two syllables) right before a
//!    title (`titles.tsv`), optionally with a qualifier and organizations in between;
//! 4. roles for every person mention, then later mentions of the same names, and short
//!    forms (`이 회장` → the 이 with that title; a foreign family name alone).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use rustc_hash::FxHashSet as HashSet;

use crate::gazetteer::Gazetteer;
use crate::morph::{CharSet, Particles, Token, WordScan};
use crate::rules::{RuleError, RuleSet};
use crate::segment::{Sentence, is_hangul};

/// Entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EType {
    /// A person.
    Person,
    /// A company, government body, university, unit, party, media outlet.
    Organization,
    /// A chip, AI model, device, service or other named product.
    Product,
    /// A country, city, region or venue.
    Place,
}

impl EType {
    /// The type's name as entity keys spell it (`Person` of `Person:홍길동`).
    pub fn key_name(self) -> &'static str {
        match self {
            EType::Person => "Person",
            EType::Organization => "Organization",
            EType::Product => "Product",
            EType::Place => "Place",
        }
    }
}

/// One occurrence of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character (before any particle).
    pub end: usize,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// The rule or table line that found it.
    pub rule: String,
    /// People: end of the appositive phrase (`이재용 삼성전자 회장`), before its particle.
    pub phrase_end: usize,
}

/// A title held by a person, as the text states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The title (회장, 대표이사, CEO).
    pub title: String,
    /// Index of the organization entity, when one is named with the title.
    pub org: Option<usize>,
    /// `former`, `at_the_time`, `late` or `acting`.
    pub qualifier: Option<&'static str>,
}

/// An entity with all its mentions.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Type.
    pub etype: EType,
    /// Subtype from the table or rule (company, chip, country …).
    pub subtype: Option<String>,
    /// The fullest form used in the article.
    pub name: String,
    /// Other forms used in the article.
    pub aliases: Vec<String>,
    /// English name from the table.
    pub english: Option<String>,
    /// People only: titles and affiliations.
    pub roles: Vec<Role>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Key used for merging (type + canonical name).
    key: String,
    /// Family name for foreign people (for short forms such as 황 CEO).
    family: Option<String>,
}

#[derive(Debug, Clone)]
struct Entry {
    etype: EType,
    canonical: &'static str,
    subtype: Option<&'static str>,
    english: Option<&'static str>,
    /// The table line: (file, line), made into `file:line` when a mention is reported.
    origin: (&'static str, u32),
}

/// Compiled entity rules.
pub struct EntityRules {
    /// The name index, set by whoever builds it (possibly another thread, while this
    /// thread reads and splits the first article): the entity stage waits for it.
    names: std::sync::Arc<std::sync::OnceLock<NameIndex>>,
    rest: TitleRules,
}

impl std::ops::Deref for EntityRules {
    type Target = TitleRules;
    fn deref(&self) -> &TitleRules {
        &self.rest
    }
}

/// The names of the name tables (people, organizations, products, places), indexed: the
/// larger half of [`EntityRules`], built on its own so that it can be built on another
/// thread than [`TitleRules`].
#[derive(Default)]
pub struct NameIndex {
    names: Gazetteer,
    pattern_entry: Vec<u32>,
    entries: Vec<Entry>,
}

/// Titles, surnames, particles and organization suffixes: the rest of [`EntityRules`].
pub struct TitleRules {
    titles: HashSet<&'static str>,
    /// The titles of two or more characters by their first two (대표 → 대표, 대표이사 …).
    titles_by_head: rustc_hash::FxHashMap<(char, char), Vec<&'static str>>,
    /// The titles of two or more characters by their last two (사장 → 사장, 부사장 …), for
    /// compound titles.
    titles_by_tail: rustc_hash::FxHashMap<(char, char), Vec<&'static str>>,
    /// First characters of titles (a bitmap: most words start no title).
    title_first_chars: CharSet,
    /// First words of titles of several words (대표 of 대표 이사, 최고 of 최고 경영자).
    title_first_words: HashSet<&'static str>,
    /// Last characters of titles of two or more characters (a quick filter for compounds).
    title_last_chars: CharSet,
    surnames1: CharSet,
    surnames2: HashSet<&'static str>,
    /// First characters of two-character surnames (남 of 남궁): most words skip the lookup.
    surnames2_first: CharSet,
    not_names: HashSet<&'static str>,
    /// Syllables common in Korean given names (`given_syllables.txt`).
    given: CharSet,
    suffixes: Vec<(&'static str, &'static str, usize, String)>,
    /// Indexes into `suffixes` by the suffix's last character, in table order.
    suffixes_by_last: rustc_hash::FxHashMap<char, Vec<usize>>,
    /// The keys of `suffixes_by_last` (a bitmap: most characters end no suffix).
    suffix_last_chars: CharSet,
    particles: Particles,
}

const QUALIFIERS: &[(&str, &str)] = &[
    ("전", "former"),
    ("前", "former"),
    ("당시", "at_the_time"),
    ("선대", "late"),
    ("고", "late"),
    ("故", "late"),
    // 현 (current) is read as a qualifier word but reported as no qualifier (null)
];

const UNIT_SUFFIXES: &[&str] = &[
    "랩",
    "연구소",
    "연구실",
    "센터",
    "사업부",
    "연구원",
    "본부",
    "팀",
];

const PRODUCT_CUES: &[&str] = &[
    "출시",
    "공개",
    "탑재",
    "서비스",
    "앱",
    "애플리케이션",
    "브랜드",
    "모델",
    "플랫폼",
    "기기",
    "칩",
    "제품",
    "시리즈",
    "폰",
    "헤드셋",
    "게임",
    "솔루션",
];

impl EntityRules {
    /// Builds the name index and the other sets from the tables.
    pub fn new(rules: &RuleSet) -> Result<EntityRules, RuleError> {
        Ok(EntityRules::from_parts(
            NameIndex::new(rules)?,
            TitleRules::new(rules)?,
        ))
    }

    /// Puts together parts built apart (e.g. on two threads).
    pub fn from_parts(names: NameIndex, rest: TitleRules) -> EntityRules {
        let slot = std::sync::OnceLock::new();
        let _ = slot.set(names);
        EntityRules::with_names_from(std::sync::Arc::new(slot), rest)
    }

    /// The rules with a name index that another thread sets into `names` (it must set it,
    /// even if only to an empty index: the entity stage waits for it).
    pub fn with_names_from(
        names: std::sync::Arc<std::sync::OnceLock<NameIndex>>,
        rest: TitleRules,
    ) -> EntityRules {
        EntityRules { names, rest }
    }

    /// The name index, once it is built.
    fn names(&self) -> &NameIndex {
        self.names.wait()
    }
}

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

impl TitleRules {
    /// Builds the title, surname, particle and suffix sets.
    pub fn new(rules: &RuleSet) -> Result<TitleRules, RuleError> {
        let titles: HashSet<&'static str> = rules.rows("titles.tsv").map(|r| r.get(0)).collect();
        let title_last_chars = titles
            .iter()
            .filter(|t| t.chars().count() >= 2)
            .filter_map(|t| t.chars().next_back())
            .collect();
        let title_first_chars = titles.iter().filter_map(|t| t.chars().next()).collect();
        let title_first_words = titles
            .iter()
            .filter_map(|t| t.split_once(' ').map(|(w, _)| w))
            .collect();
        let mut titles_by_head: rustc_hash::FxHashMap<(char, char), Vec<&'static str>> =
            Default::default();
        let mut titles_by_tail: rustc_hash::FxHashMap<(char, char), Vec<&'static str>> =
            Default::default();
        for &t in &titles {
            let mut cs = t.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                titles_by_head.entry((a, b)).or_default().push(t);
            }
            let mut cs = t.chars().rev();
            if let (Some(z), Some(y)) = (cs.next(), cs.next()) {
                titles_by_tail.entry((y, z)).or_default().push(t);
            }
        }
        let mut surnames1 = CharSet::default();
        let mut surnames2_first = CharSet::default();
        let mut surnames2 = HashSet::default();
        for r in rules.rows("surnames.txt") {
            let s = r.get(0);
            let mut cs = s.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(c), None, _) => {
                    surnames1.insert(c);
                }
                (Some(c), Some(_), None) => {
                    surnames2.insert(s);
                    surnames2_first.insert(c);
                }
                _ => {}
            }
        }
        let not_names = rules.rows("not_names.txt").map(|r| r.get(0)).collect();
        let given = rules
            .rows("given_syllables.txt")
            .filter_map(|r| r.get(0).chars().next())
            .collect();
        let suffixes: Vec<(&'static str, &'static str, usize, String)> = rules
            .rows("org_suffixes.tsv")
            .map(|r| {
                (
                    r.get(0),
                    r.get(1),
                    r.get(2).parse().unwrap_or(2),
                    r.origin(),
                )
            })
            .collect();
        let mut suffixes_by_last: rustc_hash::FxHashMap<char, Vec<usize>> = Default::default();
        let mut suffix_last_chars = CharSet::default();
        for (i, (suffix, ..)) in suffixes.iter().enumerate() {
            if let Some(c) = suffix.chars().next_back() {
                suffixes_by_last.entry(c).or_default().push(i);
                suffix_last_chars.insert(c);
            }
        }
        Ok(TitleRules {
            titles,
            titles_by_head,
            titles_by_tail,
            title_first_chars,
            title_first_words,
            title_last_chars,
            surnames1,
            surnames2,
            surnames2_first,
            not_names,
            given,
            suffixes,
            suffixes_by_last,
            suffix_last_chars,
            particles: Particles::new(rules),
        })
    }

    /// The particle table (shared with the relation stage).
    pub fn particles(&self) -> &Particles {
        &self.particles
    }

    /// If `word` is a title followed by particles, the title.
    pub fn title_prefix<'w>(&self, word: &'w str) -> Option<&'w str> {
        // longer than any title, compound or not
        if word.len() > 16 * 4 || word.len() > 16 && word.chars().nth(16).is_some() {
            return None;
        }
        // the longest title that starts the word with only particles after it: the titles
        // that begin with the word's first two characters, and a title of one character
        let mut cs = word.chars();
        let c0 = cs.next()?;
        if self.title_first_chars.contains(c0) {
            let mut best: Option<&str> = None;
            if let Some(c1) = cs.next()
                && let Some(cands) = self.titles_by_head.get(&(c0, c1))
            {
                for t in cands {
                    if t.len() > best.map_or(0, str::len)
                        && word.starts_with(t)
                        && self.particles.is_tail(&word[t.len()..])
                    {
                        best = Some(&word[..t.len()]);
                    }
                }
            }
            let one = c0.len_utf8();
            if best.is_none()
                && self.titles.contains(&word[..one])
                && self.particles.is_tail(&word[one..])
            {
                best = Some(&word[..one]);
            }
            if best.is_some() {
                return best;
            }
        }
        // a compound title: a unit name glued to a title of two or more syllables
        // (정책협력실장, 대외협력국장보, 거대과학기술정책관)
        for (i, c) in word.char_indices().rev() {
            let e = i + c.len_utf8();
            if !self.title_last_chars.contains(c) || !self.particles.is_tail(&word[e..]) {
                continue;
            }
            let head = &word[..e];
            if head.chars().nth(14).is_some() || !head.chars().all(is_hangul) {
                continue;
            }
            // the title part: a title of two or more characters that ends the head and is not
            // all of it
            let Some(penult) = word[..i].chars().next_back() else {
                continue;
            };
            if let Some(cands) = self.titles_by_tail.get(&(penult, c))
                && cands
                    .iter()
                    .any(|t| t.len() < head.len() && head.ends_with(t))
            {
                return Some(head);
            }
        }
        None
    }

    /// As [`TitleRules::korean_name_lens`], accepting two-syllable names (박진, 김현) when
    /// `min` is 2.
    fn korean_name_len_min(&self, word: &str, min: usize) -> Option<usize> {
        self.korean_name_lens(word)[usize::from(min < 3)]
    }

    /// The length in bytes of a Korean personal name at the start of `word` (surname + one or
    /// two syllables), when `word` is the name followed by particles only: `[a name of three
    /// syllables or more, a name of two or more]`, worked out together.
    fn korean_name_lens(&self, word: &str) -> [Option<usize>; 2] {
        let mut found = [None; 2];
        // a name starts with a surname (most words are ruled out here)
        let Some(c0) = word.chars().next() else {
            return found;
        };
        if !self.surnames1.contains(c0) && !self.surnames2_first.contains(c0) {
            return found;
        }
        // the first four characters (a name is at most four) and how many there are
        let mut cs = ['\0'; 4];
        let mut count = 0;
        for c in word.chars() {
            if count < 4 {
                cs[count] = c;
            }
            count += 1;
            if count > 4 {
                break;
            }
        }
        if count < 2 || !cs.iter().take(count.min(3)).all(|&c| is_hangul(c)) {
            return found;
        }
        // Hangul syllables are three bytes each
        let sur = if count >= 3
            && self.surnames2_first.contains(cs[0])
            && self.surnames2.contains(&word[..6])
        {
            2
        } else if self.surnames1.contains(cs[0]) {
            1
        } else {
            return found;
        };
        for given in [2usize, 1] {
            let n = sur + given;
            if n > count {
                continue;
            }
            if !cs[..n].iter().all(|&c| is_hangul(c)) {
                continue;
            }
            let len = 3 * n;
            let name = &word[..len];
            // a given name does not end in a particle syllable (양국의, 진출은, 서구을), and a
            // title is not a name (사장이)
            if matches!(cs[n - 1], '의' | '은' | '는' | '을' | '를' | '와' | '과' | '에' | '로' | '이' | '가' | '도')
                // nor in a noun-forming suffix (점유율, 영향력, 이공계, 경쟁적)
                || matches!(cs[n - 1], '력' | '률' | '율' | '계' | '적' | '권' | '량' | '층')
                // nor in a verb's ending (기소된, 썼던, 진행될, 제치고, 소문난), nor in a
                // syllable that ends nouns, not names (음식점, 상대팀, 유가족, 기록물, 성추행)
                || matches!(cs[n - 1], '된' | '던' | '될' | '고' | '난' | '씨')
                // nor in an adverb's or a verb's ending (여전히, 여기다), and 해 ends a given
                // name (최재해) only after a given-name syllable, not a verb (감안해, 하락해)
                || matches!(cs[n - 1], '히' | '다')
                || (cs[n - 1] == '해' && n >= 2 && !self.given.contains(cs[n - 2]))
                || matches!(cs[n - 1], '점' | '팀' | '넷' | '족' | '행' | '물' | '결' | '방')
                || self.not_names.contains(name)
                || self.titles.contains(name)
                || self.titles.contains(&word[..len - 3])
            {
                continue;
            }
            if self.particles.is_tail(&word[len..]) {
                // the first name found, and the first of three syllables or more
                found[1] = found[1].or(Some(len));
                if n >= 3 {
                    found[0] = Some(len);
                    break; // the longer name is tried first: both are this one
                }
            }
        }
        found
    }
}

fn non_empty(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

/// A name and, when it joins Latin and Hangul, the same with a space and without one
/// (LG전자 / LG 전자, 오픈AI / 오픈 AI), each given to `f`. The name itself is borrowed.
fn spacing_variants(name: &'static str, mut f: impl FnMut(Cow<'static, str>)) {
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

fn is_word_char(c: char) -> bool {
    crate::morph::is_alnum(c)
}

/// Collects entities while the text is scanned.
struct Builder {
    entities: Vec<Entity>,
    by_key: rustc_hash::FxHashMap<String, usize>,
    /// Mentions by start byte: (end, entity). Mentions never overlap, so this ordered map
    /// answers "is this span free?" and "which entity is here?" in logarithmic time.
    taken: Taken,
    /// (person, mention start, end of the phrase with its title): set on the mentions once
    /// they are sorted, so that each costs a binary search, not a scan of the mentions.
    phrase_ends: Vec<(usize, usize, usize)>,
}

/// The mentions' spans: an ordered map from start to (end, entity), and a bitmap of the
/// bytes they cover, which answers "is anything here?" (mostly no) without a tree walk.
struct Taken {
    map: BTreeMap<usize, (usize, usize)>,
    covered: Vec<u64>,
}

impl Taken {
    fn new(text_len: usize) -> Taken {
        Taken {
            map: BTreeMap::new(),
            covered: vec![0; text_len / 64 + 1],
        }
    }

    /// Calls `f(word, mask)` for the bitmap words and bits of bytes `s..e`.
    fn words(s: usize, e: usize, mut f: impl FnMut(usize, u64) -> bool) -> bool {
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
    fn any(&self, s: usize, e: usize) -> bool {
        let covered = &self.covered;
        Taken::words(s, e, |w, mask| {
            covered.get(w).is_some_and(|x| x & mask != 0)
        })
    }

    fn mark(&mut self, s: usize, e: usize, on: bool) {
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

    fn insert(&mut self, s: usize, v: (usize, usize)) {
        if let Some((old_end, _)) = self.map.insert(s, v) {
            self.mark(s, old_end, false);
        }
        self.mark(s, v.0, true);
    }

    fn remove(&mut self, s: &usize) -> Option<(usize, usize)> {
        let v = self.map.remove(s)?;
        self.mark(*s, v.0, false);
        Some(v)
    }

    fn range<R: std::ops::RangeBounds<usize>>(
        &self,
        r: R,
    ) -> std::collections::btree_map::Range<'_, usize, (usize, usize)> {
        self.map.range(r)
    }

    fn get(&self, s: &usize) -> Option<&(usize, usize)> {
        self.map.get(s)
    }

    fn iter(&self) -> std::collections::btree_map::Iter<'_, usize, (usize, usize)> {
        self.map.iter()
    }
}

impl Builder {
    /// The entity of `key` (`Person:홍길동`), made from the other arguments when it is new
    /// (nothing is allocated for one already met).
    fn entity(
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
    fn org(&mut self, name: &str, subtype: &str) -> usize {
        let key = format!("Organization:{}", name.replace(' ', ""));
        self.entity(&key, EType::Organization, name, Some(subtype), None)
    }

    fn overlaps(&self, s: usize, e: usize) -> bool {
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
    fn clear_range(&mut self, s: usize, e: usize) {
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

    fn mention(
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

/// Finds the entities of `text`.
pub fn extract(rules: &EntityRules, text: &str, sentences: &[Sentence]) -> Vec<Entity> {
    extract_at(rules, text, sentences, &WordScan::new(text))
}

/// As [`extract`], with the words of `text` already scanned (later stages read the scan
/// too).
pub fn extract_at(
    rules: &EntityRules,
    text: &str,
    sentences: &[Sentence],
    scan: &WordScan,
) -> Vec<Entity> {
    let starts = &scan.starts[..];
    let mut b = Builder {
        entities: Vec::new(),
        by_key: Default::default(),
        taken: Taken::new(text.len()),
        phrase_ends: Vec::new(),
    };
    let sent_of = |pos: usize| -> usize {
        sentences
            .partition_point(|s| s.end <= pos)
            .min(sentences.len().saturating_sub(1))
    };
    let in_sentence = |s: usize, e: usize| -> bool {
        let i = sent_of(s);
        sentences.get(i).is_some_and(|x| x.start <= s && e <= x.end)
    };

    // 1. table names, longest first where matches overlap
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    let mut univ: Vec<(usize, usize)> = Vec::new();
    let mut extended: HashSet<(usize, usize)> = HashSet::default();
    let word_end_at = |e: usize| {
        text[e..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map(|(i, _)| e + i)
            .unwrap_or(text.len())
    };
    let index = rules.names();
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
            if rules.particles.is_tail(&text[me..word_end_at(me)]) && in_sentence(s, me) {
                hits.push((s, me, idx));
                extended.insert((s, me));
                continue;
            }
        }
        let rest = &text[e..word_end_at(e)];
        if entry.etype == EType::Place
            && rest.starts_with('대')
            && rules.particles.is_tail(&rest['대'.len_utf8()..])
            && in_sentence(s, e)
        {
            // 서울대, 몬트리올대: a place name + 대 is a university
            univ.push((s, e + '대'.len_utf8()));
            continue;
        }
        if !rules.particles.is_tail(rest) || !in_sentence(s, e) {
            continue;
        }
        hits.push((s, e, idx));
    }
    hits.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    // longest first; a hit overlapping one already chosen gives way (ordered map: no scan)
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
    // the key and rule of each hit, written into buffers reused from hit to hit
    let mut key = String::new();
    let mut origin = String::new();
    for (s, e, idx) in chosen {
        let entry = &index.entries[idx];
        // a family name extended by a model number is a product of its own
        let model = extended.contains(&(s, e));
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
        // keep the canonical form as the name when it appears; else the longest surface
        origin.clear();
        let _ = write!(origin, "{}:{}", entry.origin.0, entry.origin.1);
        b.mention(ent, text, s, e, sent_of(s), &origin);
    }

    for (s, e) in univ {
        let name = &text[s..e];
        let ent = b.org(name, "university");
        b.mention(ent, text, s, e, sent_of(s), "pattern/place_university");
    }

    // 2–3. per-sentence patterns
    // (boilerplate is passed over by every pass: its words are never read)
    let all_toks: Vec<Vec<Word>> = sentences
        .iter()
        .map(|s| match s.kind {
            crate::segment::Kind::Boilerplate => Vec::new(),
            _ => words(rules, text, s, scan),
        })
        .collect();
    for (si, sent) in sentences.iter().enumerate() {
        if sent.kind == crate::segment::Kind::Boilerplate {
            continue;
        }
        let toks = &all_toks[si];
        acronym_names(rules, text, toks, si, &mut b);
        counted_groups(text, toks, si, &mut b);
        org_suffix_pattern(rules, text, toks, si, &mut b);
        quoted_names(rules, text, sent, si, &mut b);
        unit_pattern(text, toks, si, &mut b);
        // a model code has a capital letter right before a digit
        let st = &text[sent.start..sent.end];
        let codes = st
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_digit());
        let found = if codes { model_codes(st) } else { Vec::new() };
        for (ms, me) in found {
            let (s, e) = (sent.start + ms, sent.start + me);
            let code = &st[ms..me];
            if rules.not_names.contains(code) {
                continue;
            }
            let key = format!("Product:{code}");
            let ent = b.entity(&key, EType::Product, code, Some("chip"), None);
            b.mention(ent, text, s, e, si, "pattern/model_code");
        }
        // the name patterns need a title or 씨 in the sentence (most sentences have neither)
        let titled = toks.iter().any(|w| w.title_at.is_some());
        let ssi = text[sent.start..sent.end].contains('씨');
        if titled || ssi {
            korean_names(rules, text, toks, si, &mut b);
        }
        if titled {
            foreign_names(rules, text, toks, si, &mut b);
            names_after_titles(text, toks, si, &mut b);
        }
        if ssi {
            ssi_names(rules, text, toks, si, &mut b);
        }
        if text[sent.start..sent.end].contains(['군', '양']) {
            gun_yang_names(rules, text, toks, si, &mut b);
        }
    }

    // 4. roles, later mentions, short forms
    for (si, sent) in sentences.iter().enumerate() {
        if sent.kind == crate::segment::Kind::Boilerplate {
            continue;
        }
        roles(text, &all_toks[si], &mut b);
    }
    later_mentions(rules, text, starts, sentences, &mut b, sent_of);
    for (si, toks) in all_toks.iter().enumerate() {
        if sentences[si].kind == crate::segment::Kind::Boilerplate {
            continue;
        }
        if toks.iter().any(|w| w.title_at.is_some()) {
            short_forms(rules, text, toks, si, &mut b);
        }
        bare_names(rules, text, toks, si, &mut b);
        name_lists(text, toks, si, &mut b);
        listed_names(rules, text, toks, si, &mut b);
        if text[sentences[si].start..sentences[si].end].contains('(') {
            bracket_names(rules, text, toks, si, &mut b);
        }
    }

    // the ends of the title phrases, on the mentions (each entity's sorted now: a sentence
    // can name one person thousands of times)
    for e in &mut b.entities {
        e.mentions.sort_by_key(|m| m.start);
    }
    for (p, start, end) in std::mem::take(&mut b.phrase_ends) {
        let ms = &mut b.entities[p].mentions;
        if let Ok(k) = ms.binary_search_by_key(&start, |m| m.start) {
            ms[k].phrase_end = ms[k].phrase_end.max(end);
        }
    }
    country_qualified_orgs(text, &mut b);

    // order mentions; entities that ended with no mention are dropped by finish()
    let mut ents: Vec<Entity> = b.entities;
    for e in &mut ents {
        e.mentions.sort_by_key(|m| m.start);
    }
    merge_parent_names(&mut ents);
    merge_counted_groups(&mut ents);
    finish(ents, text)
}

/// `독일 기독민주당`, `베트남 공산당`, `일본 롯데`: a country written right before an
/// organization (one space, no particle) is part of its name there. The organization's
/// mention takes the country in; the country's own mention goes.
const COUNTRY_PREFIX: &str = "pattern/country_prefix";

fn country_qualified_orgs(text: &str, b: &mut Builder) {
    let pairs: Vec<(usize, usize, usize, usize)> = b
        .taken
        .iter()
        .zip(b.taken.iter().skip(1))
        .filter_map(|((&ps, &(pe, pent)), (&os, &(_, oent)))| {
            let country = b.entities[pent].etype == EType::Place
                && b.entities[pent].subtype.as_deref() == Some("country");
            let org = b.entities[oent].etype == EType::Organization;
            (country && org && &text[pe..os] == " ").then_some((ps, os, pent, oent))
        })
        .collect();
    for (ps, os, pent, oent) in pairs {
        let Some((oe, _)) = b.taken.remove(&os) else {
            continue;
        };
        b.taken.remove(&ps);
        b.entities[pent].mentions.retain(|m| m.start != ps);
        if let Some(m) = b.entities[oent].mentions.iter_mut().find(|m| m.start == os) {
            m.start = ps;
            m.rule = format!("{} + {COUNTRY_PREFIX}", m.rule);
        }
        // the name without the country stays the organization's name; the longer one is an
        // alias
        let bare = text[os..oe].to_string();
        let long = text[ps..oe].to_string();
        let aliases = &mut b.entities[oent].aliases;
        for a in [bare, long] {
            if !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        b.taken.insert(ps, (oe, oent));
    }
}

/// `택시단체` is the same side as `택시 4단체` / `택시 4개 단체` named earlier: an unnamed
/// group and the same words without the count are one organization.
fn merge_counted_groups(ents: &mut [Entity]) {
    let base = |n: &str| -> String {
        n.chars()
            .filter(|c| !c.is_ascii_digit() && *c != ' ' && *c != '개')
            .collect()
    };
    let groups: Vec<(usize, String)> = (0..ents.len())
        .filter(|&i| {
            ents[i].etype == EType::Organization
                && ents[i]
                    .mentions
                    .iter()
                    .any(|m| m.rule == "pattern/counted_group")
        })
        .map(|i| (i, base(&ents[i].name)))
        .collect();
    for (g, gbase) in groups {
        for o in 0..ents.len() {
            if o == g
                || ents[o].etype != EType::Organization
                || ents[o].mentions.is_empty()
                || base(&ents[o].name) != gbase
            {
                continue;
            }
            let moved = std::mem::take(&mut ents[o].mentions);
            let name = ents[o].name.clone();
            ents[g].mentions.extend(moved);
            ents[g].mentions.sort_by_key(|m| m.start);
            if !ents[g].aliases.contains(&name) {
                ents[g].aliases.push(name);
            }
        }
    }
}

/// A loose parent name stands for the one affiliate the article names: `삼성` is an alias of
/// `삼성전자` when no other 삼성… organization appears, `카카오` of `카카오모빌리티`.
fn merge_parent_names(ents: &mut [Entity]) {
    let canon = |e: &Entity| -> String {
        e.key
            .split_once(':')
            .map(|(_, n)| n)
            .unwrap_or(&e.name)
            .replace(' ', "")
    };
    let orgs: Vec<usize> = (0..ents.len())
        .filter(|&i| ents[i].etype == EType::Organization)
        .collect();
    // each organization's name, written once (pairs of organizations are compared)
    let mut canons: Vec<String> = vec![String::new(); ents.len()];
    for &i in &orgs {
        canons[i] = canon(&ents[i]);
    }
    let mut redirect: Vec<Option<usize>> = vec![None; ents.len()];
    for &a in &orgs {
        let ca = &canons[a];
        // a name written as the group (SK그룹) means the group, not one of its companies
        let says_group =
            ents[a].name.ends_with("그룹") || ents[a].aliases.iter().any(|x| x.ends_with("그룹"));
        if ca.chars().count() < 2 || says_group {
            continue;
        }
        let children: Vec<usize> = orgs
            .iter()
            .copied()
            .filter(|&b| b != a && canons[b].len() > ca.len() && canons[b].starts_with(ca.as_str()))
            .filter(|&b| ents[b].subtype.as_deref() != Some("unit"))
            // a spelled-out name of several words (네이버 비즈니스 플랫폼) is a body of its own,
            // not what the parent's name stands for
            .filter(|&b| {
                !ents[b]
                    .name
                    .trim_start_matches(&ents[a].name)
                    .trim_start()
                    .contains(' ')
            })
            .collect();
        if children.len() == 1 {
            redirect[a] = Some(children[0]);
        }
    }
    if redirect.iter().all(Option::is_none) {
        return;
    }
    for a in 0..ents.len() {
        if let Some(b) = redirect[a] {
            let moved = std::mem::take(&mut ents[a].mentions);
            let name = ents[a].name.clone();
            ents[b].mentions.extend(moved);
            ents[b].mentions.sort_by_key(|m| m.start);
            if !ents[b].aliases.contains(&name) {
                ents[b].aliases.push(name);
            }
        }
    }
    for e in ents.iter_mut() {
        for r in &mut e.roles {
            if let Some(o) = r.org
                && let Some(b) = redirect[o]
            {
                r.org = Some(b);
            }
        }
    }
    // entities left without mentions are dropped by finish(); roles were remapped above
}

/// Orders entities by first mention, picks the fullest name, and remaps role organizations.
fn finish(mut ents: Vec<Entity>, text: &str) -> Vec<Entity> {
    let mut order: Vec<usize> = (0..ents.len())
        .filter(|&i| !ents[i].mentions.is_empty())
        .collect();
    order.sort_by_key(|&i| ents[i].mentions[0].start);
    let mut new_index = vec![None; ents.len()];
    for (n, &o) in order.iter().enumerate() {
        new_index[o] = Some(n);
    }
    for e in &mut ents {
        for r in &mut e.roles {
            r.org = r.org.and_then(|o| new_index[o]);
        }
        if e.mentions.is_empty() {
            continue;
        }
        // the surfaces used in the text, in order of first use, each once (a short form's
        // surface is the bare surname: it is no name; its alias "이 회장" is added with it)
        let mut used: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::default();
        for m in e
            .mentions
            .iter()
            .filter(|m| m.rule != "pattern/short_form" && !m.rule.ends_with(COUNTRY_PREFIX))
        {
            let f = &text[m.start..m.end];
            if seen.insert(f) {
                used.push(f);
            }
        }
        // fullest form: the longest surface used, else the name given at creation
        let best = used
            .iter()
            .copied()
            .max_by_key(|f| f.chars().count())
            .map(String::from)
            .unwrap_or_else(|| e.name.clone());
        let mut aliases: Vec<String> = Vec::new();
        let add = |a: String, aliases: &mut Vec<String>| {
            if a != best && !aliases.contains(&a) {
                aliases.push(a);
            }
        };
        for f in &used {
            add(f.to_string(), &mut aliases);
        }
        for a in std::mem::take(&mut e.aliases) {
            add(a, &mut aliases);
        }
        e.name = best;
        e.aliases = aliases;
    }
    let mut slots: Vec<Option<Entity>> = ents.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&o| slots[o].take().expect("each index once"))
        .collect()
}

/// `네이버 비즈니스 플랫폼(NBP)`, `국제박람회기구(BIE)`: a name spelled out before its
/// Latin acronym in brackets. The phrase (one to four words without particles) is an
/// organization when it starts with a known organization or place or ends with an
/// organization suffix; the acronym becomes an alias.
fn acronym_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for k in 1..toks.len() {
        let acro = &toks[k];
        let n = acro.text.len();
        if !(2..=6).contains(&n)
            || !acro
                .text
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c == b'&')
        {
            continue;
        }
        let prev = &toks[k - 1];
        if &text[prev.end..acro.start] != "(" || !text[acro.end..].starts_with(')') {
            continue;
        }
        let mut j = k - 1;
        while j > 0
            && k - j < 4
            && text[toks[j - 1].end..toks[j].start] == *" "
            && toks[j - 1]
                .text
                .chars()
                .all(|c| is_hangul(c) || c.is_ascii_alphanumeric())
        {
            // stop at a number or at a word that ends in a particle (unless it is a name)
            let w = &toks[j - 1];
            let known = entity_at(b, w.start, w.end, EType::Organization).is_some()
                || entity_at(b, w.start, w.end, EType::Place).is_some();
            let known_end = [EType::Organization, EType::Place]
                .iter()
                .find_map(|&t| entity_at(b, w.start, w.end, t))
                .map(|(_, end)| end);
            let particle_end = w.text.chars().count() > 1 && w.text.ends_with(VERB_ENDINGS);
            // nor a person's name (홍길순 한빛전자(HB) 사장: the name is no part of it)
            let a_name = !known && w.name_len == Some(w.text.len());
            if w.text.chars().any(|c| c.is_ascii_digit())
                || known_end.is_some_and(|end| end < w.end)
                || particle_end && !known
                || a_name
            {
                break;
            }
            j -= 1;
        }
        let (s, e) = (toks[j].start, prev.end);
        // the phrase may hold shorter organization or place names (미국 지질조사국): they give
        // way; a person or product inside means it is no organization name
        let holds_other = entity_at(b, s, e, EType::Person).is_some()
            || entity_at(b, s, e, EType::Product).is_some();
        let whole_known = entity_at(b, s, e, EType::Organization).is_some_and(|(_, end)| end >= e);
        if holds_other
            || whole_known
            || b.overlaps(s, e) && !b.taken.range(s..e).all(|(_, &(end, _))| end <= e)
        {
            continue;
        }
        // 네이버 비즈니스 플랫폼(NBP): a known company heads the name; a place heading it
        // (미국 지질조사국) is not enough without an organization ending
        let first_known = entity_at(b, toks[j].start, toks[j].end, EType::Organization).is_some();
        let suffix = rules
            .suffixes
            .iter()
            .any(|(suf, _, _, _)| prev.text.ends_with(suf))
            || prev.text.ends_with("기구")
            || prev.text.ends_with("국");
        if !(first_known && j < k - 1 || suffix) {
            continue;
        }
        // the shorter names inside the phrase give way to the full name
        b.clear_range(s, e);
        let name = &text[s..e];
        let ent = b.org(name, "other");
        if b.mention(ent, text, s, e, si, "pattern/acronym_name") {
            let a = acro.text.to_string();
            if !b.entities[ent].aliases.contains(&a) {
                b.entities[ent].aliases.push(a);
            }
            b.mention(ent, text, acro.start, acro.end, si, "pattern/acronym");
        }
    }
}

/// `택시 4단체`, `택시 4개 단체`: an unnamed group of organizations that acts as one side.
fn counted_groups(text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for k in 1..toks.len() {
        let (p, t) = (&toks[k - 1], &toks[k]);
        if !t.text.starts_with(|c: char| c.is_ascii_digit())
            || text[p.end..t.start] != *" "
            || !p.text.chars().all(is_hangul)
            || p.text.chars().count() > 4
        {
            continue;
        }
        let rest = &text[t.start..];
        let Some(len) = counted_group(rest) else {
            continue;
        };
        let (s, e) = (p.start, t.start + len);
        let name = &text[s..e];
        let ent = b.org(name, "other");
        b.mention(ent, text, s, e, si, "pattern/counted_group");
    }
}

fn org_suffix_pattern(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for t in toks {
        if b.overlaps(t.start, t.end) {
            continue;
        }
        // the name ends where a suffix ends and the rest of the word is particles; the
        // longest such name wins
        'ends: for (end, last) in t
            .text
            .char_indices()
            .rev()
            .map(|(i, c)| (i + c.len_utf8(), c))
        {
            if !rules.suffix_last_chars.contains(last) {
                continue;
            }
            let Some(cands) = rules.suffixes_by_last.get(&last) else {
                continue;
            };
            let name = &t.text[..end];
            if !rules.particles.is_tail(&t.text[end..]) {
                continue;
            }
            for &si_ in cands {
                let (suffix, subtype, min_stem, origin) = &rules.suffixes[si_];
                if !name.ends_with(suffix)
                    || name[..name.len() - suffix.len()].chars().count() < *min_stem
                {
                    continue;
                }
                if rules.not_names.contains(name)
                    || rules.titles.contains(name)
                    || name.chars().any(|c| c.is_ascii_digit())
                {
                    continue;
                }
                let ent = b.org(name, subtype);
                b.mention(ent, text, t.start, t.start + end, si, origin);
                break 'ends;
            }
        }
    }
}

/// ‘기어 VR’, ‘라마 3’: quoted names that look like products (Latin or digits inside, or a
/// product word after them) or units (‘AGI 컴퓨팅 랩’).
fn quoted_names(rules: &EntityRules, text: &str, sent: &Sentence, si: usize, b: &mut Builder) {
    let s = &text[sent.start..sent.end];
    let mut open: Option<(usize, char)> = None;
    for (i, c) in s.char_indices() {
        match (c, open) {
            ('‘', _) | ('\'', None) | ('「', _) => open = Some((i + c.len_utf8(), c)),
            ('’', Some((o, '‘'))) | ('\'', Some((o, '\''))) | ('」', Some((o, '「'))) => {
                open = None;
                let inner = &s[o..i];
                let n = inner.chars().count();
                if !(2..=20).contains(&n)
                    || inner.split(' ').count() > 4
                    || inner.contains(['.', ',', '?', '!', ';', '(', ')'])
                {
                    continue;
                }
                let (gs, ge) = (sent.start + o, sent.start + i);
                if b.overlaps(gs, ge) {
                    continue;
                }
                let after = &s[i + c.len_utf8()..];
                let next_word: String = after
                    .trim_start()
                    .chars()
                    .take_while(|c| crate::morph::is_alnum(*c))
                    .collect();
                let last_word = inner.rsplit(' ').next().unwrap_or(inner);
                let (etype, subtype, rule) = if UNIT_SUFFIXES.iter().any(|u| last_word.ends_with(u))
                {
                    (EType::Organization, "unit", "pattern/quoted_unit")
                } else if inner.chars().any(|c| c.is_ascii_alphanumeric())
                    || PRODUCT_CUES.iter().any(|p| next_word.starts_with(p))
                {
                    (EType::Product, "other", "pattern/quoted_product")
                } else {
                    continue;
                };
                if inner.chars().all(|c| c.is_ascii_digit() || c == ' ')
                    || rules.not_names.contains(inner)
                {
                    continue;
                }
                let key = format!("{}:{}", etype.key_name(), inner.replace(' ', ""));
                let ent = b.entity(&key, etype, inner, Some(subtype), None);
                b.mention(ent, text, gs, ge, si, rule);
            }
            _ => {}
        }
    }
}

/// `삼성전자 AGI 컴퓨팅 랩`: a unit word preceded by bare words after an organization.
fn unit_pattern(text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for (k, t) in toks.iter().enumerate() {
        if !UNIT_SUFFIXES.contains(&t.text) || k == 0 {
            continue;
        }
        // walk left over at most 3 bare words; stop at an organization mention
        let mut j = k;
        let mut org: Option<usize> = None;
        while j > 0 && k - j < 3 {
            let p = &toks[j - 1];
            if let Some(e) = org_covering(b, p.start, p.end) {
                org = Some(e);
                break;
            }
            if b.overlaps(p.start, p.end)
                || !p.text.chars().any(|c| c.is_ascii_uppercase()) && k - j >= 1
            {
                break;
            }
            j -= 1;
        }
        if j == k || org.is_none() {
            continue;
        }
        let (s, e) = (toks[j].start, t.end);
        let name = &text[s..e];
        let ent = b.org(name, "unit");
        if b.mention(ent, text, s, e, si, "pattern/named_unit")
            && let Some(o) = org
        {
            let full = format!("{} {}", b.entities[o].name, name);
            if !b.entities[ent].aliases.contains(&full) {
                b.entities[ent].aliases.push(full);
            }
        }
    }
}

fn org_covering(b: &Builder, s: usize, e: usize) -> Option<usize> {
    b.taken
        .get(&s)
        .filter(|&&(end, ent)| end <= e && b.entities[ent].etype == EType::Organization)
        .map(|&(_, ent)| ent)
}

/// The first mention of type `etype` that starts inside `s..e`: (entity, end of mention).
fn entity_at(b: &Builder, s: usize, e: usize, etype: EType) -> Option<(usize, usize)> {
    if !b.taken.any(s, e) {
        return None; // (a mention starting in s..e covers its start)
    }
    b.taken
        .range(s..e)
        .find(|&(_, &(_, ent))| b.entities[ent].etype == etype)
        .map(|(_, &(end, ent))| (ent, end))
}

/// A word of a sentence with the title questions the patterns ask of it again and again
/// (is it a title? does a two-word title start here?), answered once when the sentence is
/// read. Reads as its [`Token`] otherwise.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    tok: Token<'a>,
    /// The title the word starts with, when the rest of the word is particles.
    title: Option<&'a str>,
    /// [`title_at`] for this word: the title, how many words it spans, the particles after it.
    title_at: Option<(&'a str, usize, &'a str)>,
    /// [`TitleRules::korean_name_lens`] of the word (three syllables or more, two or more):
    /// worked out once, asked by several passes.
    name_len: Option<usize>,
    name_len2: Option<usize>,
}

impl<'a> std::ops::Deref for Word<'a> {
    type Target = Token<'a>;
    fn deref(&self) -> &Token<'a> {
        &self.tok
    }
}

/// The words of a sentence, with their titles worked out.
fn words<'a>(
    rules: &EntityRules,
    text: &'a str,
    sent: &Sentence,
    scan: &WordScan,
) -> Vec<Word<'a>> {
    let toks = scan.tokens(text, sent.start, sent.end);
    let mut out: Vec<Word<'a>> = toks
        .iter()
        .map(|&tok| {
            let lens = rules.korean_name_lens(tok.text);
            Word {
                tok,
                title: rules.title_prefix(tok.text),
                title_at: None,
                name_len: lens[0],
                name_len2: lens[1],
            }
        })
        .collect();
    for k in 0..toks.len() {
        let t = toks[k];
        // a title of two words (최고 경영자) when one space parts them
        let two = toks.get(k + 1).and_then(|n| {
            let joined = &text[t.start..n.end];
            (n.start == t.end + 1
                && text.as_bytes()[t.end] == b' '
                && t.text
                    .chars()
                    .next()
                    .is_some_and(|c| rules.title_first_chars.contains(c))
                && rules.title_first_words.contains(t.text))
            .then(|| rules.title_prefix(joined))
            .flatten()
            .filter(|tt| tt.len() > t.text.len())
            .map(|tt| (tt, 2, &n.text[tt.len() - t.text.len() - 1..]))
        });
        out[k].title_at = two.or_else(|| out[k].title.map(|tt| (tt, 1, &t.text[tt.len()..])));
    }
    out
}

/// Is word `k` a title (plus particles)? Returns the title, how many words it spans and the
/// particles after it.
fn title_at<'a>(toks: &[Word<'a>], k: usize) -> Option<(&'a str, usize, &'a str)> {
    toks.get(k)?.title_at
}

fn qualifier(word: &str) -> Option<&'static str> {
    QUALIFIERS.iter().find(|(w, _)| *w == word).map(|(_, q)| *q)
}

/// Is `word` a qualifier word (전, 당시, 고, 현 …), whatever it is reported as?
fn is_qualifier_word(word: &str) -> bool {
    qualifier(word).is_some() || word == "현"
}

/// Korean names before a title: `이재용 회장`, `이재용 삼성전자 회장`, `박근혜 전 대통령`,
/// `LG 조주완 사장`, and `조수미씨`.
fn korean_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for k in 0..toks.len() {
        let t = &toks[k];
        // 조수미씨 / 조수미 씨
        let ssi = t
            .text
            .strip_suffix('씨')
            .filter(|_| t.text.chars().count() == 4)
            .or_else(|| (toks.get(k + 1).is_some_and(|n| n.text == "씨")).then_some(t.text));
        let two = match ssi {
            Some(stem) if stem.len() != t.text.len() => rules.korean_name_len_min(stem, 2),
            _ => t.name_len2,
        };
        let Some(mut len) = two else {
            continue;
        };
        if b.overlaps(t.start, t.end) {
            continue;
        }
        if ssi.is_none() && len != t.text.len() {
            continue; // a name right before a title carries no particle
        }
        let mut ok = ssi.is_some() && len >= 9;
        let mut affiliated = false;
        let mut named_affiliation = false;
        // an organization or a place other than a country is named (`일본 시장` is none)
        let mut city_or_org = false;
        if ssi.is_none() {
            // [qualifier] [organization, place or unit words] [up to 2 more words] title:
            // 이재용 삼성전자 회장, 박항서 베트남 축구 국가대표팀 감독, 남영수 디지털금융부문 부행장
            let mut j = k + 1;
            let mut generic = 0;
            while j < toks.len()
                && j - k <= 5
                && (text[toks[j - 1].end..toks[j].start]
                    .chars()
                    .all(|c| c == ' ')
                    || acronym_gap(text, toks, j, b))
            {
                if let Some((title, _, _)) = title_at(toks, j) {
                    // 가속기 시장 is a market, not a mayor: such titles need a named affiliation
                    // (and a mayor is a city's: `일본 시장` is the Japanese market)
                    ok = (named_affiliation && (title != "시장" || city_or_org))
                        || !AMBIGUOUS_TITLES.contains(&title) && !POSITIONS.contains(&title);
                    break;
                }
                let w = &toks[j];
                let is_org = entity_at(b, w.start, w.end, EType::Organization)
                    .is_some_and(|(_, end)| end >= w.end);
                let place =
                    entity_at(b, w.start, w.end, EType::Place).filter(|&(_, end)| end >= w.end);
                let is_place = place.is_some();
                if is_org || place.is_some_and(|(ent, _)| !is_country(b, ent)) {
                    city_or_org = true;
                }
                // an acronym (LG, IM) or a unit word (디지털금융부문); not 5G or 2030
                let unit = w.text.chars().all(|c| c.is_ascii_uppercase()) && w.text.len() >= 2
                    || UNIT_WORDS.iter().any(|u| w.text.ends_with(u));
                if is_org || is_place {
                    affiliated = true;
                    named_affiliation = true;
                } else if unit {
                    affiliated = true;
                } else if is_qualifier_word(w.text) {
                } else if affiliated
                    && generic < 2
                    && w.text.chars().all(is_hangul)
                    // a word between that is a name itself holds the title (은인 경찰서 최석근 경장)
                    && w.name_len != Some(w.text.len())
                {
                    generic += 1;
                } else {
                    break;
                }
                j += 1;
            }
        }
        if !ok {
            continue;
        }
        if len < 9 && !affiliated && ssi.is_none() {
            // two-syllable names only with an affiliation (박진 외교부 장관)
            match t.name_len {
                Some(l) => len = l,
                None => continue,
            }
        }
        let name = &t.text[..len];
        if name.ends_with('대')
            && toks
                .get(k + 1)
                .is_some_and(|n| ACADEMIC.iter().any(|a| n.text.starts_with(a)))
        {
            continue; // 경찰대 교수: a university, not a person
        }
        let key = format!("Person:{name}");
        let ent = b.entity(&key, EType::Person, name, None, None);
        b.mention(
            ent,
            text,
            t.start,
            t.start + len,
            si,
            if ssi.is_some() {
                "pattern/name_ssi"
            } else {
                "pattern/name_title"
            },
        );
    }
}

/// Is entity `ent` a country?
fn is_country(b: &Builder, ent: usize) -> bool {
    b.entities[ent].subtype.as_deref() == Some("country")
}

/// Titles that are also everyday nouns (시장 market, 이사 moving, 감사 thanks): after a
/// name they count only with an organization or place in between (홍길동 서울 시장).
const AMBIGUOUS_TITLES: &[&str] = &["시장", "이사", "감사", "고문", "위원", "선수", "대사"];

/// Playing positions: after a word they are mostly modified (마무리 투수, 최전방 공격수), so
/// after a name they count only with a team in between; before a name they are titles
/// (투수 봉중근).
const POSITIONS: &[&str] = &["투수", "포수", "공격수", "수비수", "골키퍼", "미드필더"];

/// One-syllable words before a title that are not surnames there: 이 (this), 전 (former),
/// 현 (current), 고 (late), 주 (state), 각 (each), 양 (both), 총 (total) …
const NOT_SHORT_FORMS: &[&str] = &[
    "이", "전", "현", "고", "故", "前", "주", "각", "양", "총", "부", "차", "대", "동", "시", "도",
    "군", "구", "당", "새", "신", "구", "본", "해당", "두", "세", "네", "몇", "그", "저", "첫",
    "옛", "연", "중", "뒤", "앞", "후", "간", "내", "외",
];

/// Word endings of units inside an organization (디지털금융부문, 반도체사업부).
const UNIT_WORDS: &[&str] = &[
    "부문",
    "본부",
    "사업부",
    "사업본부",
    "팀",
    "센터",
    "연구소",
    "연구실",
    "연구원",
    "국",
    "실",
    "지사",
    "법인",
];

/// The model codes standing alone in `s` (H100, MI300X, A17) as byte spans: the ASCII
/// words (runs of `[0-9A-Za-z_]`, between any other bytes, non-ASCII ones included) made
/// of one to three capitals, two to four digits and at most two capitals. This is the regex
/// `(?-u:\b)[A-Z]{1,3}[0-9]{2,4}[A-Z]{0,2}(?-u:\b)` (checked against it by the tests):
/// with a word boundary at both ends, its match is always a whole word.
fn model_codes(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let is_word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_word(&b[i]) {
            i += 1;
            continue;
        }
        // a word: only ASCII bytes are stepped over, so both ends are char boundaries
        let start = i;
        i += b[i..].iter().take_while(|c| is_word(c)).count();
        if is_model_code(&b[start..i]) {
            out.push((start, i));
        }
    }
    out
}

/// Is the ASCII word `w` one to three capitals, two to four digits, and at most two
/// capitals?
fn is_model_code(w: &[u8]) -> bool {
    let run =
        |from: usize, class: fn(&u8) -> bool| w[from..].iter().take_while(|c| class(c)).count();
    let caps = run(0, u8::is_ascii_uppercase);
    let digits = run(caps, u8::is_ascii_digit);
    let tail = run(caps + digits, u8::is_ascii_uppercase);
    (1..=3).contains(&caps)
        && (2..=4).contains(&digits)
        && tail <= 2
        && caps + digits + tail == w.len()
}

/// The byte length of the model designation `s` starts with, after a product family name
/// (` 9610`, `3GS`, ` S24`, ` 7 시리즈`), if any: an optional space, a digit or capital,
/// up to six more letters, digits or `+` (as many as there are, up to six), and then
/// `시리즈` or ` 시리즈` if it follows. This is the regex
/// `^ ?[0-9A-Z][0-9A-Za-z+]{0,6}(?: ?시리즈)?` (checked against it by the tests).
fn model_suffix(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b' '));
    if !b
        .get(i)
        .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        return None;
    }
    i += 1;
    i += b[i..]
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'+')
        .count();
    // only ASCII bytes were read: `i` is a char boundary
    let rest = &s[i..];
    if rest.starts_with(" 시리즈") {
        i += " 시리즈".len();
    } else if rest.starts_with("시리즈") {
        i += "시리즈".len();
    }
    Some(i)
}

/// Academic words after `X대` that make it a university.
const ACADEMIC: &[&str] = &[
    "교수",
    "총장",
    "학장",
    "학생",
    "동문",
    "출신",
    "졸업",
    "캠퍼스",
    "연구팀",
    "연구진",
    "대학원",
];

/// Does a Hangul syllable look like a transliterated foreign sound (르, 브, 클, 엘, 뉘 …)?
fn foreign_syllable(c: char) -> bool {
    if !is_hangul(c) {
        return false;
    }
    let i = c as u32 - 0xAC00;
    let (initial, medial, fin) = (i / 588, (i % 588) / 28, i % 28);
    // ㅡ without final or with ㄹ after a consonant (르 브 크 트 스 클 블), ㅟ (뉘 쉬 뤼),
    // ㅔ + ㄹ (엘 델 벨), ㅒ, ㅖ after a consonant
    (medial == 18 && (fin == 0 || fin == 8) && initial != 11)
        || medial == 16
        || (medial == 5 && fin == 8)
        || medial == 3
        || medial == 7
        || (matches!(initial, 1 | 4 | 8 | 10 | 13) && matches!(medial, 4 | 13 | 14 | 19))
}

/// Verb and particle endings no transliterated name ends in (앞두고, 하며, 위해서).
const VERB_ENDINGS: &[char] = &[
    '고', '며', '서', '면', '다', '게', '지', '도', '만', '은', '는', '을', '를', '이', '가', '에',
    '께', '와', '과', '의', '로', '터', '들', '및', '등', '해', '려', '워', '져', '쳐', '춰', '데',
];

/// One-syllable words between a foreign name and its title that are no part of the name:
/// the qualifiers 전/현/고 (former, current, late) and 미 (the United States).
const QUALIFIER_SYLLABLES: &[&str] = &["전", "前", "현", "現", "故", "미"];

/// One-syllable words of Korean that stand between or before names (할 수, 온, 낸, 등, 및,
/// 미 for the United States, 더): never a syllable of a transliterated name.
const FUNCTION_SYLLABLES: &[&str] = &[
    "할", "온", "낸", "갈", "줄", "쓸", "될", "한", "된", "본", "쓴", "수", "등", "및", "더", "미",
    "올", "그", "이", "저", "또", "꼭", "잘", "못", "안", "새", "헌", "첫", "뒤", "곧",
];

/// Words that modify the name after them and are no part of it: 썼던, 급파된, 소문난,
/// 제기되자, 지난달, and a word of three syllables or more in 한 or 인 (취임한, 관계인; 요한
/// and 케인 are names).
fn is_modifier_word(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && (word.ends_with(['던', '된', '난', '자', '달'])
            || word.ends_with(['한', '인']) && word.chars().nth(2).is_some())
}

/// Endings of common nouns and organizations that a foreign personal name does not have.
const NOT_NAME_ENDINGS: &[char] = &[
    '계', '체', '업', '사', '단', '부', '청', '회', '측', '국', '도', '원', '처', '당', '권', '층',
    '들', '동', '읍', '점', '팀', '족', '물', '적',
];

/// Foreign names before a title: two or three Hangul words that sound transliterated
/// (`마이클 오브라이언 대외협력국장보`, `라잔 와드헤라 회장`), optionally with a country
/// or organization between the name and the title.
fn foreign_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    let adjacent = |a: &Token, c: &Token| text[a.end..c.start].chars().all(|x| x == ' ');
    // can each word be part of a foreign name? (worked out once; cheap tests first)
    let part: Vec<bool> = toks
        .iter()
        .map(|w| {
            let syl = w.text.chars().filter(|c| is_hangul(*c)).count();
            let verb_like = w.text.chars().nth(1).is_some() && w.text.ends_with(VERB_ENDINGS);
            let not_name = w.title.is_some()
                || w.text.ends_with(NOT_NAME_ENDINGS)
                || verb_like
                || is_modifier_word(w.text);
            !not_name
                && (1..=7).contains(&syl)
                && w.text.chars().all(|c| is_hangul(c) || c == '-')
                && !rules.not_names.contains(w.text)
                && !rules.particles.is_tail(w.text)
        })
        .collect();
    let mut k = 0;
    'words: while k < toks.len() {
        let mut longest = 0;
        while longest < 3 && k + longest < toks.len() {
            let w = &toks[k + longest];
            let ok = part[k + longest]
                && (longest == 0 || adjacent(&toks[k + longest - 1], w))
                && !b.overlaps(w.start, w.end);
            if !ok {
                break;
            }
            longest += 1;
        }
        // the longest name first, then a shorter one (`재닛 엘런 미 재무장관`: 미 is the
        // country between the name and the title)
        for n in (2..=longest).rev() {
            if n < longest && !QUALIFIER_SYLLABLES.contains(&toks[k + n].text) {
                continue; // only a qualifier (전, 현) or 미 is left out after a name
            }
            let words = &toks[k..k + n];
            let marked = words
                .iter()
                .filter(|w| w.text.chars().any(foreign_syllable))
                .count();
            let mut j = k + n;
            // a country or organization (and a word or two of it) between name and title
            while j < toks.len()
                && j < k + n + 3
                && adjacent(&toks[j - 1], &toks[j])
                && title_at(toks, j).is_none()
                && entity_at(b, toks[j].start, toks[j].end, EType::Person).is_none()
                && toks[j]
                    .text
                    .chars()
                    .all(|c| is_hangul(c) || c.is_ascii_alphanumeric())
            {
                j += 1;
            }
            let lone_surname = n >= 2
                && words[n - 1].text.chars().count() == 1
                && rules
                    .surnames1
                    .contains(words[n - 1].text.chars().next().unwrap_or(' '));
            let title = (j < toks.len() && adjacent(&toks[j - 1], &toks[j]))
                .then(|| title_at(toks, j))
                .flatten();
            // before 시장 (mayor, and far more often market) the words are a name only with
            // an organization or a city between (`스마트홈 시장` is a market)
            let titled = title.is_some_and(|(t, _, _)| {
                t != "시장"
                    || toks[k + n..j].iter().any(|w| {
                        entity_at(b, w.start, w.end, EType::Organization).is_some()
                            || entity_at(b, w.start, w.end, EType::Place)
                                .is_some_and(|(ent, _)| !is_country(b, ent))
                    })
            });
            let one_syllable = words.iter().any(|w| w.text.chars().count() == 1);
            // a one-syllable word of a name is no Korean word of its own (전 former, 할,
            // 등, 및): 보 반 트엉 is a name, `시간 전 무바라크` and `닫아야 할 그런` are not
            let syllables_ok = words.iter().all(|w| {
                w.text.chars().nth(1).is_some()
                    || !(NOT_SHORT_FORMS.contains(&w.text)
                        || FUNCTION_SYLLABLES.contains(&w.text)
                        || w.text.ends_with(VERB_ENDINGS)
                        || rules.particles.is_tail(w.text))
            });
            // 폴 볼커, 크리스 쿤: one syllable and a word of several that sounds foreign,
            // the single syllable no surname (김 대표) and no word of its own (새, 전, 각)
            let short_pair = n == 2
                && words.iter().any(|w| {
                    w.text.chars().nth(1).is_some() && w.text.chars().any(foreign_syllable)
                })
                && words.iter().all(|w| {
                    let mut cs = w.text.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => {
                            !rules.surnames1.contains(c)
                                && !VERB_ENDINGS.contains(&c)
                                && !NOT_SHORT_FORMS.contains(&w.text)
                                && !rules.particles.is_tail(w.text)
                        }
                        _ => true,
                    }
                });
            if titled
                && !lone_surname
                && syllables_ok
                && marked >= 1
                // 보 반 트엉: one-syllable parts in three-part names or in a foreign-sounding
                // pair; else half must sound foreign
                && if one_syllable { n == 3 || short_pair } else { marked * 2 >= n }
            {
                let (s, e) = (words[0].start, words[n - 1].end);
                let name = &text[s..e];
                let key = format!("Person:{name}");
                let ent = b.entity(&key, EType::Person, name, None, None);
                let family = words[n - 1].text.to_string();
                b.entities[ent].family = Some(family);
                b.mention(ent, text, s, e, si, "pattern/foreign_name_title");
                k += n;
                continue 'words;
            }
        }
        k += 1;
    }
}

/// Korean names after a title: `코레일 사장 최연혜가`, `대변인 박광온은`.
fn names_after_titles(text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for k in 1..toks.len() {
        let (p, t) = (&toks[k - 1], &toks[k]);
        if b.overlaps(t.start, t.end) || !text[p.end..t.start].chars().all(|c| c == ' ') {
            continue;
        }
        let Some(title) = p.title else {
            continue;
        };
        if title.len() != p.text.len() || AMBIGUOUS_TITLES.contains(&title) {
            continue; // the title must be bare: 사장 최연혜, not 사장은 최연혜
        }
        let Some(len) = t.name_len else {
            continue;
        };
        if t.text.chars().count() > 5 {
            continue;
        }
        let name = &t.text[..len];
        let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
        b.mention(ent, text, t.start, t.start + len, si, "pattern/title_name");
    }
}

/// Roles for person mentions: `NAME [qual] [ORG…] [qual] TITLE` and `ORG [TITLE] NAME`.
/// Words must follow each other with nothing but spaces between them (a comma ends the
/// phrase). The end of the appositive phrase is recorded on the mention, so that the
/// relation stage can read the particle that marks the person's role in the sentence
/// (`샘 올트먼 오픈AI CEO가` is a subject).
fn roles(text: &str, toks: &[Word], b: &mut Builder) {
    let adjacent = |a: &Token, c: &Token| text[a.end..c.start].chars().all(char::is_whitespace);
    for k in 0..toks.len() {
        let t = &toks[k];
        let Some((p, pend)) = entity_at(b, t.start, t.end, EType::Person) else {
            continue;
        };
        // the person mention may span several tokens (마크 저커버그)
        let mut last = k;
        while last + 1 < toks.len() && toks[last + 1].start < pend {
            last += 1;
        }
        if pend == toks[last].end {
            let mut j = last + 1;
            let mut org = None;
            let mut qual = None;
            let mut steps = 0;
            while j < toks.len()
                && steps < 5
                && (adjacent(&toks[j - 1], &toks[j]) || acronym_gap(text, toks, j, b))
            {
                let w = &toks[j];
                if is_qualifier_word(w.text) {
                    qual = qualifier(w.text);
                } else if let Some((title, span, tail)) = title_at(toks, j) {
                    let acting = toks
                        .get(j + span)
                        .is_some_and(|n| n.text.starts_with("대행"))
                        || title.ends_with("대행");
                    add_role(
                        b,
                        p,
                        title.to_string(),
                        org,
                        if acting { Some("acting") } else { qual },
                    );
                    let end = toks[j + span - 1].end - tail.len();
                    set_phrase_end(b, p, t.start, end);
                    break;
                } else if let Some((o, end)) = entity_at(b, w.start, w.end, EType::Organization) {
                    let tail = tail_in(w, end);
                    if !tail.is_empty() && tail != "의" {
                        break;
                    }
                    org = Some(o);
                    // an organization of several words (오픈 AI): skip its other words
                    while j + 1 < toks.len() && toks[j + 1].start < end {
                        j += 1;
                    }
                } else if entity_at(b, w.start, w.end, EType::Place).is_none()
                    && !(w.text.chars().any(|c| c.is_ascii_uppercase()) || w.text.ends_with("부문"))
                {
                    break;
                }
                j += 1;
                steps += 1;
            }
        }
        // backward: ORG TITLE NAME (오픈AI 최고경영자 샘 올트먼; 대표이사인 마크 저커버그)
        if k >= 1 && adjacent(&toks[k - 1], t) {
            let before_title = (1..=2).rev().filter(|&d| k >= d).find_map(|d| {
                title_at(toks, k - d).filter(|x| {
                    x.1 == d && matches!(x.2, "" | "인" | "이자" | "였던" | "이었던" | "인데")
                })
            });
            if let Some((title, span, _)) = before_title {
                let before = k - span;
                let org = (before >= 1 && adjacent(&toks[before - 1], &toks[before]))
                    .then(|| {
                        entity_at(
                            b,
                            toks[before - 1].start,
                            toks[before - 1].end,
                            EType::Organization,
                        )
                    })
                    .flatten()
                    .filter(|&(_, end)| matches!(tail_in(&toks[before - 1], end), "" | "의"))
                    .map(|(o, _)| o)
                    .or_else(|| org_before_aside(text, toks[before].start, b));
                add_role(b, p, title.to_string(), org, None);
            } else if let Some((o, end)) =
                entity_at(b, toks[k - 1].start, toks[k - 1].end, EType::Organization)
            {
                // LG 조주완 사장 / 삼성전자의 이재용 회장: the org goes with the title after the name
                let tail = tail_in(&toks[k - 1], end);
                if (tail.is_empty() || tail == "의")
                    && let Some(r) = b.entities[p].roles.last_mut()
                    && r.org.is_none()
                {
                    r.org = Some(o);
                }
            }
        }
    }
}

/// `메타(페이스북 모회사)의 대표이사인 …`: the organization that ends right before a
/// bracketed aside and 의, in front of the title starting at byte `at`.
fn org_before_aside(text: &str, at: usize, b: &Builder) -> Option<usize> {
    let left = text[..at].trim_end();
    let left = left.strip_suffix('의')?;
    let left = left.strip_suffix(')')?;
    let open = left.rfind('(')?;
    if left.len() - open > 120 {
        return None;
    }
    let (_, &(e, ent)) = b.taken.range(..open).next_back()?;
    (e == open && b.entities[ent].etype == EType::Organization).then_some(ent)
}

/// Between `toks[j - 1]` and `toks[j]`, is there only an organization's acronym in brackets
/// (국제원자력기구(IAEA) 사무총장, 한빛전자(HB) 사장)? Then the phrase goes on across it.
fn acronym_gap(text: &str, toks: &[Word], j: usize, b: &Builder) -> bool {
    let gap = &text[toks[j - 1].end..toks[j].start];
    let is_org = |t: &Token| entity_at(b, t.start, t.end, EType::Organization).is_some();
    let acronym = |t: &Token| {
        is_org(t) || t.text.len() >= 2 && t.text.bytes().all(|c| c.is_ascii_uppercase())
    };
    gap == "(" && is_org(&toks[j - 1]) && acronym(&toks[j]) && text[toks[j].end..].starts_with(')')
        || gap == ") " && acronym(&toks[j - 1])
}

fn set_phrase_end(b: &mut Builder, p: usize, start: usize, end: usize) {
    b.phrase_ends.push((p, start, end));
}

/// The part of token `t` after byte offset `end` (empty when `end` is at or past its end).
fn tail_in<'a>(t: &Token<'a>, end: usize) -> &'a str {
    if end <= t.start {
        t.text
    } else if end >= t.end {
        ""
    } else {
        t.text.get(end - t.start..).unwrap_or("")
    }
}

fn add_role(
    b: &mut Builder,
    p: usize,
    title: String,
    org: Option<usize>,
    qualifier: Option<&'static str>,
) {
    let roles = &mut b.entities[p].roles;
    if let Some(r) = roles
        .iter_mut()
        .find(|r| r.title == title && (r.org == org || org.is_none() || r.org.is_none()))
    {
        if r.org.is_none() {
            r.org = org;
        }
        return;
    }
    roles.push(Role {
        title,
        org,
        qualifier,
    });
}

/// Later mentions of people found by pattern (이재용 without a title), and of the family
/// name of foreign people from the table (저커버그 after 마크 저커버그).
fn later_mentions(
    rules: &EntityRules,
    text: &str,
    starts: &[(usize, char)],
    sentences: &[Sentence],
    b: &mut Builder,
    sent_of: impl Fn(usize) -> usize,
) {
    let names: Vec<(usize, String)> = b
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.etype == EType::Person)
        .flat_map(|(i, e)| {
            let mut v = vec![(i, e.name.clone())];
            if let Some(f) = &e.family
                && f.chars().count() >= 2
            {
                v.push((i, f.clone()));
            }
            v
        })
        .collect();
    if names.is_empty() {
        return;
    }
    // names start words: an index by their first two characters, looked up at each word
    // start (no automaton to build per article); the longest name at a start wins, and a
    // name found inside another is not a mention of its own
    let owners: Vec<usize> = names.iter().map(|(i, _)| *i).collect();
    let index = Gazetteer::new(names.into_iter().map(|(_, n)| n).collect());
    let found = index.find_at(text, starts);
    let mut cursor = 0;
    let mut k = 0;
    while k < found.len() {
        let s = found[k].0;
        let mut best = found[k];
        while k < found.len() && found[k].0 == s {
            if found[k].1 > best.1 {
                best = found[k];
            }
            k += 1;
        }
        if s < cursor {
            continue;
        }
        let (_, e, pattern) = best;
        cursor = e;
        let ent = owners[pattern];
        let word_end = text[e..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map(|(i, _)| e + i)
            .unwrap_or(text.len());
        if !rules.particles.is_tail(&text[e..word_end]) {
            continue;
        }
        let si = sent_of(s);
        if sentences
            .get(si)
            .is_none_or(|x| x.kind == crate::segment::Kind::Boilerplate)
        {
            continue;
        }
        b.mention(ent, text, s, e, si, "pattern/repeat");
    }
}

/// `이 회장`, `황 CEO`, `尹`: a surname followed by a title, resolved to the person of the
/// article with that surname (and that title when several share it).
fn short_forms(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for k in 0..toks.len().saturating_sub(1) {
        let t = &toks[k];
        let one_char = t.text.chars().count() == 1;
        if !one_char || b.overlaps(t.start, t.end) || text[t.end..toks[k + 1].start] != *" " {
            continue;
        }
        // a syllable glued to a closing quote or bracket is its particle ('피플'은 기자가)
        if text[..t.start].ends_with(['\'', '’', '”', '"', ')', ']', '」', '』', '》', '〉'])
        {
            continue;
        }
        // 박 전 차관, 이 당시 회장: a qualifier may stand between the surname and the title
        let q = usize::from(
            toks.get(k + 1).is_some_and(|w| is_qualifier_word(w.text))
                && toks
                    .get(k + 2)
                    .is_some_and(|w| w.start == toks[k + 1].end + 1),
        );
        let Some((title, span, tail)) = title_at(toks, k + 1 + q) else {
            continue;
        };
        let sur = t.text;
        let mut best: Option<(usize, bool)> = None;
        for (i, e) in b.entities.iter().enumerate() {
            if e.etype != EType::Person {
                continue;
            }
            let matches =
                e.name.starts_with(sur) && e.family.is_none() || e.family.as_deref() == Some(sur);
            if !matches {
                continue;
            }
            let has_title = e.roles.iter().any(|r| r.title == title);
            match best {
                Some((_, true)) => {
                    if has_title {
                        best = None; // two people fit: ambiguous
                        break;
                    }
                }
                _ => {
                    if best.is_none() || has_title {
                        best = Some((i, has_title));
                    }
                }
            }
        }
        let title_end = toks[k + q + span].end - tail.len();
        let short = format!("{sur} {}", &text[toks[k + 1].start..title_end]);
        let p = match best {
            Some((p, _)) => p,
            // nobody of that name yet: 최 판사, 진 장관 name a person all the same; but 이 is
            // also "this" (이 회사의 대표), so it needs someone to refer to
            None if !NOT_SHORT_FORMS.contains(&sur)
                && rules.surnames1.contains(sur.chars().next().unwrap_or(' '))
                && !AMBIGUOUS_TITLES.contains(&title) =>
            {
                b.entity(
                    &format!("Person:{short}"),
                    EType::Person,
                    &short,
                    None,
                    None,
                )
            }
            None => continue,
        };
        // the mention is the name part (the surname); the title is its appositive phrase
        if b.mention(p, text, t.start, t.end, si, "pattern/short_form") {
            set_phrase_end(b, p, t.start, title_end);
            let aliases = &mut b.entities[p].aliases;
            if !aliases.contains(&short) {
                aliases.push(short);
            }
            if b.entities[p].roles.is_empty() {
                add_role(b, p, title.to_string(), None, None);
            }
        }
    }
}

/// `조수미씨`, `박 씨`, `김모(33)씨`, `A씨`: a person named (or only surnamed) before 씨.
fn ssi_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for (k, t) in toks.iter().enumerate() {
        if b.overlaps(t.start, t.end) {
            continue;
        }
        // 박 씨, 박모(51)씨: 씨 after a space or an age in brackets
        // (not 여 in 김모(48·여)씨: a word closing a bracket it did not open)
        let inside_brackets = text[..t.start].ends_with(['·', 'ㆍ', ',', '(']);
        let next_is_ssi = toks.get(k + 1).is_some_and(|n| {
            let gap = &text[t.end..n.start];
            n.text.starts_with('씨')
                && gap.chars().all(|c| c == ' ' || c == '(' || c == ')')
                && !(inside_brackets && gap.contains(')'))
        }) || text[t.end..]
            .trim_start_matches([' ', '\t'])
            .starts_with('(')
            && age_then_ssi(&text[t.end..]);
        let (stem, spaced) = match ssi_stem(rules, t.text) {
            Some(stem) => (stem, false),
            None if next_is_ssi => (t.text, true),
            None => continue,
        };
        // 이 모 씨: 모 (so-and-so) stands for the given name; the surname before it is the
        // person, found with it
        if stem == "모" {
            if let Some(p) = k.checked_sub(1).map(|j| &toks[j])
                && text[p.end..t.start] == *" "
                && p.text.chars().count() == 1
                && p.text.chars().all(|c| rules.surnames1.contains(c))
                && !b.overlaps(p.start, p.end)
            {
                let display = format!("{}모씨", p.text);
                let ent = b.entity(
                    &format!("Person:{display}"),
                    EType::Person,
                    &display,
                    None,
                    None,
                );
                b.mention(ent, text, p.start, p.end, si, "pattern/name_ssi");
            }
            continue;
        }
        let cs: Vec<char> = stem.chars().collect();
        let name_len = match cs.as_slice() {
            // a single capital letter (A씨) or a surname alone (박씨)
            [c] if c.is_ascii_uppercase() || rules.surnames1.contains(*c) => c.len_utf8(),
            // 김모씨: the surname is the name
            [c, '모'] if rules.surnames1.contains(*c) => c.len_utf8(),
            _ if (2..=4).contains(&cs.len()) => match rules.korean_name_len_min(stem, 2) {
                Some(l) if l == stem.len() => l,
                // a word set apart before 씨 is a name whatever its shape (김수로 씨,
                // 솔지 씨, 낸시랭 씨): its particles follow 씨, not the name
                _ if spaced
                    && cs.iter().all(|&c| is_hangul(c))
                    && !rules.not_names.contains(stem)
                    && !rules.titles.contains(stem)
                    && !cs
                        .iter()
                        .all(|c| NOT_SHORT_FORMS.contains(&&*c.encode_utf8(&mut [0; 4]))) =>
                {
                    stem.len()
                }
                // a transliterated foreign name before 씨 (사토미 씨)
                _ if cs.iter().all(|&c| is_hangul(c))
                    && cs.iter().any(|&c| foreign_syllable(c)) =>
                {
                    stem.len()
                }
                _ => continue,
            },
            _ => continue,
        };
        let name = &stem[..name_len];
        let display = if name_len == stem.len() {
            format!("{name}씨")
        } else {
            format!("{stem}씨")
        };
        let key = if cs.len() >= 2 && name_len == stem.len() {
            format!("Person:{name}")
        } else {
            format!("Person:{display}")
        };
        let ent = b.entity(
            &key,
            EType::Person,
            if name_len == stem.len() && cs.len() >= 2 {
                name
            } else {
                &display
            },
            None,
            None,
        );
        b.mention(
            ent,
            text,
            t.start,
            t.start + name_len,
            si,
            "pattern/name_ssi",
        );
    }
}

/// `A군`, `B양은`, `김 군의`, `김모 양`, `이모군`: a young person named by a capital letter or a
/// surname with 군 (boy) or 양 (girl). Glued to a surname, 군 and 양 make words (공군, 육군,
/// 배양, 부양), so a surname takes them only after a space or 모; a capital letter takes them
/// either way. The name is the letter or surname; the entity is called `김군`, `A양`.
fn gun_yang_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    // `군`/`양` alone or with one case particle (not 양측, 양국, 양일간)
    let honorific = |w: &str| -> Option<char> {
        let c = w.chars().next().filter(|c| matches!(c, '군' | '양'))?;
        let rest = &w[c.len_utf8()..];
        (rest.is_empty() || NAME_PARTICLES.contains(&rest) || rest == "에게는").then_some(c)
    };
    let surname = |c: char| rules.surnames1.contains(c);
    for (k, t) in toks.iter().enumerate() {
        let mut cs = t.text.chars();
        let (first, second) = (cs.next(), cs.next());
        let Some(c0) = first else { continue };
        let letter = c0.is_ascii_uppercase();
        let lone =
            second.is_none() && (letter || surname(c0) && !NOT_SHORT_FORMS.contains(&t.text));
        // the name (letter or surname) and the word 군/양 that follows it
        let spaced_next = toks
            .get(k + 1)
            .filter(|n| text[t.end..n.start] == *" ")
            .and_then(|n| honorific(n.text));
        // a surname and one to three syllables set apart before 군/양: a full name, whatever
        // its last syllable (김태은 양이: the particles follow 양)
        let n_chars = t.text.chars().count();
        // (with a particle after 군/양: 양 alone before a noun is `both`, 양 기관)
        let full_name = (2..=4).contains(&n_chars)
            && surname(c0)
            && second != Some('모')
            && !t.text.ends_with([
                '고', '며', '서', '면', '다', '게', '지', '의', '에', '한', '를', '을', '로', '과',
                '와', '도', '만', '된', '던', '난',
            ])
            && toks
                .get(k + 1)
                .is_some_and(|n| n.text.chars().nth(1).is_some())
            && t.text.chars().all(is_hangul)
            && !rules.not_names.contains(t.text)
            && !rules.titles.contains(t.text);
        let found = if lone && spaced_next.is_some() {
            // 김 군은, A 양의
            spaced_next.map(|h| (c0.len_utf8(), h))
        } else if full_name && spaced_next.is_some() {
            // 김태은 양이, 홍길동 군의
            spaced_next.map(|h| (t.text.len(), h))
        } else if letter {
            // A군, B양은
            honorific(&t.text[1..]).map(|h| (1, h))
        } else if surname(c0) && second == Some('모') {
            // 김모군, 김모 군
            let after = &t.text[c0.len_utf8() + '모'.len_utf8()..];
            if after.is_empty() {
                toks.get(k + 1)
                    .filter(|n| text[t.end..n.start] == *" ")
                    .and_then(|n| honorific(n.text))
                    .map(|h| (c0.len_utf8(), h))
            } else {
                honorific(after).map(|h| (c0.len_utf8(), h))
            }
        } else {
            None
        };
        let Some((len, h)) = found else { continue };
        if b.overlaps(t.start, t.start + len) {
            continue;
        }
        let name = &t.text[..len];
        // a full name is the person's name; a letter or surname alone is called 김군, A양
        let display = if name.chars().nth(1).is_some() {
            name.to_string()
        } else {
            format!("{name}{h}")
        };
        let ent = b.entity(
            &format!("Person:{display}"),
            EType::Person,
            &display,
            None,
            None,
        );
        b.mention(
            ent,
            text,
            t.start,
            t.start + len,
            si,
            "pattern/name_gun_yang",
        );
    }
}

/// `박씨`, `박씨의`, `A씨를`, `홍길동씨에게`: the part of a word before 씨 when only particles
/// follow it.
fn ssi_stem<'w>(rules: &EntityRules, word: &'w str) -> Option<&'w str> {
    let i = word.find('씨').filter(|&i| i > 0)?;
    let e = i + '씨'.len_utf8();
    // 섭씨 (Celsius) and the like are words
    (rules.particles.is_tail(&word[e..]) && !rules.not_names.contains(&word[..e]))
        .then(|| &word[..i])
}

/// Names listed with a person (`이정미·김이수 재판관`, `구본길과 김정환은`) or followed by an
/// age in brackets (`홍길동(45)`) are people too.
fn listed_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    let is_person = |b: &Builder, t: &Token| entity_at(b, t.start, t.end, EType::Person).is_some();
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 4 {
        changed = false;
        rounds += 1;
        for k in 0..toks.len() {
            let t = &toks[k];
            if b.overlaps(t.start, t.end) {
                continue;
            }
            let Some(len) = t.name_len else {
                continue;
            };
            let tail = &t.text[len..];
            let gap_after = toks.get(k + 1).map(|n| &text[t.end..n.start]).unwrap_or("");
            // 홍길동(45), 홍길동(洪吉童): an age or the name in hanja in brackets; 홍길동(전남):
            // the team or employer in brackets (not a title: 대표이사(부회장) is no name)
            let after = &text[t.start + len..];
            let bracket = after.starts_with('(');
            let affiliation = bracket
                .then(|| bracketed_hangul(after))
                .flatten()
                .filter(|m| rules.title_prefix(m).is_none() && !rules.not_names.contains(m));
            let age =
                bracket && age_bracket(after, true, true, 15).is_some() || affiliation.is_some();
            let linked_next = toks.get(k + 1).is_some_and(|n| {
                is_person(b, n)
                    && (matches!(gap_after, "·" | "ㆍ" | ", " | ",") && tail.is_empty()
                        || matches!(tail, "과" | "와") && gap_after == " ")
            });
            let linked_prev = k > 0 && is_person(b, &toks[k - 1]) && {
                let p = &toks[k - 1];
                let gap = &text[p.end..t.start];
                let p_tail_join = entity_at(b, p.start, p.end, EType::Person)
                    .is_some_and(|(_, end)| matches!(&text[end..p.end], "과" | "와"));
                matches!(gap, "·" | "ㆍ" | ", " | ",") || p_tail_join && gap == " "
            };
            if age || linked_next || linked_prev {
                if let Some(m) = affiliation {
                    // the name inside the bracket that opens `after`
                    let os = t.start + len + '('.len_utf8();
                    let oe = os + m.len();
                    if !b.overlaps(os, oe) {
                        let org = b.org(m, "other");
                        b.mention(org, text, os, oe, si, "pattern/bracketed_affiliation");
                    }
                }
                let name = &t.text[..len];
                let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
                if b.mention(
                    ent,
                    text,
                    t.start,
                    t.start + len,
                    si,
                    "pattern/name_in_list",
                ) {
                    changed = true;
                }
            }
        }
    }
}

/// Last syllables that make common nouns out of anything (경기장, 이용자, 공무원, 현지인,
/// 이재민, 인원수, 공기중, 최소한, 금지령, 문화재 …): a three-syllable word ending in one is no
/// bare name (a real name ending so, 김민수, is found only with more evidence).
const NOUN_SUFFIXES: &[char] = &[
    '장', '자', '상', '동', '성', '소', '대', '국', '해', '병', '원', '인', '민', '선', '지', '진',
    '기', '주', '식', '관', '실', '부', '회', '청', '단', '사', '가', '물', '품', '비', '금', '세',
    '법', '학', '화', '형', '용', '점', '역', '당', '시', '군', '구', '호', '일', '월', '문', '도',
    '서', '제', '율', '률', '력', '표', '권', '계', '층', '량', '수', '중', '한', '신', '령', '재',
];

/// Of those, the ones that end given names very often (이대호, 한혜진, 송중기, 조인성 …): a
/// word ending in one may still be a name when it opens the sentence as its subject. Not
/// the ones that make nouns for people, places, rates or documents (이용자, 공무원, 경기장,
/// 지지율, 탄원서): such a word opens sentences as readily as a name.
const OPENING_NAME_ENDINGS: &[char] = &[
    '호', '진', '기', '성', '화', '도', '주', '선', '석', '형', '용', '일', '병', '동', '해', '상',
    '국', '세', '학', '구',
];

/// Particles after which a bare name shape is read as a name: case and topic markers that
/// follow people as subjects, objects, owners or partners.
const NAME_PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "의",
    "와",
    "과",
    "도",
    "을",
    "를",
    "에게",
    "에게는",
    "께서",
    "에게서",
];

/// `서연이 …`, `박지훈은 …`, `김민준의 …`: a word of a common surname and two given-name
/// syllables (`given_syllables.txt`) with a case particle is a person even with nothing
/// around it, unless its last syllable makes common nouns (공무원은, 지하수가).
fn bare_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    for (k, t) in toks.iter().enumerate() {
        // three syllables and a particle of one or two: 4 to 6 characters
        if t.text.len() < 12 || t.text.len() > 18 {
            continue;
        }
        // the subject that opens a sentence (이대호는 …) may end in any given-name syllable
        let opens = k == 0 && !text[..t.start].ends_with(|c: char| c.is_alphanumeric());
        let mut cs = t.text.chars();
        let (Some(c0), Some(c1), Some(c2)) = (cs.next(), cs.next(), cs.next()) else {
            continue;
        };
        if !rules.surnames1.contains(c0)
            || !rules.given.contains(c1)
            || !rules.given.contains(c2)
            || NOUN_SUFFIXES.contains(&c2) && !(opens && OPENING_NAME_ENDINGS.contains(&c2))
        {
            continue;
        }
        // Hangul syllables are three bytes each
        let (name, tail) = t.text.split_at(9);
        // the third syllable may itself begin the particles (염기만을, 민원만이: 만 + 을)
        if !NAME_PARTICLES.contains(&tail)
            || rules.particles.is_tail(&t.text[6..])
            || rules.not_names.contains(name)
            || rules.titles.contains(name)
            || rules.titles.contains(&name[3..])
            || b.overlaps(t.start, t.end)
        {
            continue;
        }
        let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
        b.mention(ent, text, t.start, t.start + 9, si, "pattern/bare_name");
    }
}

/// `전현무, 박지윤, 이창훈 등`: three or more name shapes (surname + two syllables) in a row,
/// parted by commas, are people when most of them do not end like common nouns (a list of
/// districts, 강남구, 서초구, 송파구, does).
fn name_lists(text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    let mut k = 0;
    while k < toks.len() {
        // the run of comma-parted words from k: all bare name shapes but the last, which
        // may carry a particle
        let mut j = k;
        while j < toks.len() {
            let w = &toks[j];
            let Some(len) = w.name_len else {
                break;
            };
            if len != 9 {
                break;
            }
            let bare = len == w.text.len();
            let comma_next = toks
                .get(j + 1)
                .is_some_and(|n| matches!(&text[w.end..n.start], ", " | ","));
            j += 1;
            if !(bare && comma_next) {
                break;
            }
        }
        let run = &toks[k..j];
        if run.len() >= 3 {
            let nounish = run
                .iter()
                .filter(|w| {
                    w.text[..9]
                        .chars()
                        .nth(2)
                        .is_some_and(|c| NOUN_SUFFIXES.contains(&c))
                })
                .count();
            if nounish * 3 <= run.len() {
                for w in run {
                    if b.overlaps(w.start, w.start + 9) {
                        continue;
                    }
                    let name = &w.text[..9];
                    let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
                    b.mention(ent, text, w.start, w.start + 9, si, "pattern/name_list");
                }
            }
        }
        k = j.max(k + 1);
    }
}

/// Is `w` a bare word that could be part of a name written in Hangul (no particle or verb
/// ending, no title, no known entity, no listed common word)?
fn bare_name_word(rules: &EntityRules, b: &Builder, w: &Word, max: usize) -> bool {
    let n = w.text.chars().count();
    (1..=max).contains(&n)
        && w.text.chars().all(is_hangul)
        && !(n >= 2 && w.text.ends_with(VERB_ENDINGS))
        && w.title.is_none()
        && !rules.not_names.contains(w.text)
        && !b.overlaps(w.start, w.end)
}

/// People marked by brackets:
/// - `싸이(본명 박재상·35)`, `캔디 고(한국명 고희경)`: the name in the brackets and the one
///   before them;
/// - `유시진 대위(송중기)`, `송미경(김지수)`: a Korean name in brackets right after a title
///   or a person (the actor after the part);
/// - `아유브 엘 카자니(25)`, `고토 겐지(後藤健二·47)`: a foreign name before an age or
///   its hanja (a Korean name there is [`listed_names`]'s).
fn bracket_names(rules: &EntityRules, text: &str, toks: &[Word], si: usize, b: &mut Builder) {
    let person = |b: &mut Builder, s: usize, e: usize, rule: &str| {
        let name = &text[s..e];
        let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
        b.mention(ent, text, s, e, si, rule);
    };
    for k in 0..toks.len() {
        let t = &toks[k];
        if !text[t.end..].starts_with('(') {
            continue;
        }
        let inner_start = t.end + 1;
        let Some(first) = toks.get(k + 1).filter(|n| n.start == inner_start) else {
            continue;
        };
        // (본명 박재상·35), (한국명 고희경)
        if matches!(first.text, "본명" | "한국명" | "실명") {
            if let Some(x) = toks.get(k + 2).filter(|x| x.start == first.end + 1)
                && text[x.end..].starts_with([')', '·', ',', 'ㆍ'])
                && bare_name_word(rules, b, x, 4)
                && x.text.chars().count() >= 2
            {
                person(b, x.start, x.end, "pattern/real_name");
                // the stage name glued to the bracket carries no particle (싸이, 최자, 원)
                if t.text != "씨"
                    && t.text.chars().count() <= 6
                    && t.text
                        .chars()
                        .all(|c| is_hangul(c) || c.is_ascii_alphanumeric())
                    && t.title.is_none()
                    && !rules.not_names.contains(t.text)
                    && !b.overlaps(t.start, t.end)
                {
                    person(b, t.start, t.end, "pattern/real_name");
                }
            }
            continue;
        }
        // 원(정제원·21), 은하(정은비·19): a real name with an age after a stage name
        let aged = text[first.end..].starts_with(['·', 'ㆍ'])
            && toks.get(k + 2).is_some_and(|a| {
                a.start == first.end + '·'.len_utf8()
                    && a.text.len() <= 3
                    && a.text.bytes().all(|c| c.is_ascii_digit())
                    && text[a.end..].starts_with(')')
            });
        if aged && first.name_len == Some(first.text.len()) && !b.overlaps(first.start, first.end) {
            person(b, first.start, first.end, "pattern/name_in_brackets");
            continue;
        }
        // 유시진 대위(송중기), 송미경(김지수)
        let closes = text[first.end..].starts_with([')', '·', 'ㆍ']);
        if closes
            && (t.title.is_some_and(|tt| tt.len() == t.text.len())
                || entity_at(b, t.start, t.end, EType::Person).is_some_and(|(_, e)| e == t.end))
            && first.name_len == Some(first.text.len())
            && !b.overlaps(first.start, first.end)
        {
            person(b, first.start, first.end, "pattern/name_in_brackets");
            continue;
        }
        // 아유브 엘 카자니(25): a foreign name before an age (a hanja bracket is mostly a
        // Chinese place or word: 창사(長沙)); the name starts where the words stop sounding
        // foreign, and a bare word before that start leaves it unclear (니콜 키드먼(47)
        // would lose 니콜): no guess then
        if age_bracket(&text[t.end..], false, true, 15).is_none()
            || !bare_name_word(rules, b, t, 7)
            || t.text.chars().count() < 2
            || !t.text.chars().any(foreign_syllable)
        {
            continue;
        }
        let spaced = |j: usize| {
            j > 0
                && toks[j - 1].end + 1 == toks[j].start
                && text.as_bytes()[toks[j - 1].end] == b' '
        };
        let mut j = k;
        while k - j < 3
            && spaced(j)
            && bare_name_word(rules, b, &toks[j - 1], 7)
            && toks[j - 1].text.chars().any(foreign_syllable)
        {
            j -= 1;
        }
        if spaced(j) && bare_name_word(rules, b, &toks[j - 1], 7) {
            continue;
        }
        person(b, toks[j].start, t.end, "pattern/name_age");
    }
}

// ---- brackets after a name, read by hand (each was a regex costing 0.1-0.4 ms to compile
// at every start; the tests hold the regexes they replace and compare on random text)

/// `(45)`, `(45·여)`, `(45, 서울)`, and with `hanja` `(洪吉童)`: an age of one to three
/// digits, or (with `hanja`) two to four hanja, then optionally a separator (`·`, `ㆍ`, `,`),
/// a space when `sep_space`, and one to `max` characters other than brackets; then `)`.
/// The byte length of the bracket at the start of `s`.
fn age_bracket(s: &str, hanja: bool, sep_space: bool, max: usize) -> Option<usize> {
    let rest = s.strip_prefix('(')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let body = match digits {
        1..=3 => digits,
        0 if hanja => {
            let n = rest.chars().take_while(|&c| is_han(c)).take(5).count();
            if !(2..=4).contains(&n) {
                return None;
            }
            rest.chars().take(n).map(char::len_utf8).sum()
        }
        _ => return None,
    };
    let after = &rest[body..];
    if after.starts_with(')') {
        return Some(1 + body + 1);
    }
    let sep = after
        .chars()
        .next()
        .filter(|c| matches!(c, '·' | 'ㆍ' | ','))?;
    let note = &after[sep.len_utf8()..];
    // the characters up to the closing bracket (none may be a bracket)
    let mut close = None;
    for (n, (i, c)) in note.char_indices().enumerate() {
        if n > max + 1 || c == '(' {
            return None;
        }
        if c == ')' {
            close = Some((n, i));
            break;
        }
    }
    let (n, i) = close?;
    // with a space after the separator, the note is one character shorter
    let fits = (1..=max).contains(&n) || sep_space && note.starts_with(' ') && n == max + 1;
    fits.then_some(1 + body + sep.len_utf8() + i + 1)
}

/// ` (45) 씨`, `(45·여)씨`: an age bracket (no space after its separator, a note of at most
/// twelve characters) between a name and 씨, with a space or tab allowed on either side.
fn age_then_ssi(s: &str) -> bool {
    let s = s.strip_prefix([' ', '\t']).unwrap_or(s);
    let Some(n) = age_bracket(s, false, false, 12) else {
        return false;
    };
    let rest = &s[n..];
    rest.strip_prefix([' ', '\t'])
        .unwrap_or(rest)
        .starts_with('씨')
}

/// `(전남)`, `(삼성전자)`: two to ten Hangul syllables in brackets at the start of `s`.
fn bracketed_hangul(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('(')?;
    let n = rest
        .chars()
        .take_while(|c| ('가'..='힣').contains(c))
        .take(11)
        .count();
    if !(2..=10).contains(&n) {
        return None;
    }
    let len = 3 * n; // a Hangul syllable is three bytes
    rest[len..].starts_with(')').then(|| &rest[..len])
}

/// `4단체`, `4개 단체`, `12개기관`: a number, optionally 개 and a space, and a group noun at
/// the start of `s`; its byte length.
fn counted_group(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut rest = &s[digits..];
    if let Some(r) = rest.strip_prefix('개') {
        rest = r.strip_prefix(' ').unwrap_or(r);
    }
    ["단체", "기관", "업체", "노조", "협회"]
        .iter()
        .find(|w| rest.starts_with(*w))
        .map(|w| s.len() - rest.len() + w.len())
}

/// Is `c` a Chinese character (Unicode script Han, as the regex class `\p{Han}`)?
fn is_han(c: char) -> bool {
    static HAN: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
        use regex_syntax::hir::{Class, HirKind};
        match regex_syntax::Parser::new()
            .parse(r"\p{Han}")
            .map(|h| h.into_kind())
        {
            Ok(HirKind::Class(Class::Unicode(c))) => {
                c.ranges().iter().map(|r| (r.start(), r.end())).collect()
            }
            _ => Vec::new(),
        }
    });
    if c < '\u{2E80}' {
        return false;
    }
    HAN.binary_search_by(|&(a, b)| {
        if b < c {
            std::cmp::Ordering::Less
        } else if a > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

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

    /// The hand-read brackets against the regexes they replace, on random text made of the
    /// characters that matter.
    #[test]
    fn bracket_readers_agree_with_their_regexes() {
        let age = regex::Regex::new(r"^\([0-9]{1,3}(?:[·ㆍ,] ?[^()]{1,15})?\)").unwrap();
        let age_hanja =
            regex::Regex::new(r"^\((?:[0-9]{1,3}|[\p{Han}]{2,4})(?:[·ㆍ,] ?[^()]{1,15})?\)")
                .unwrap();
        let age_ssi =
            regex::Regex::new(r"^[ \t]?\([0-9]{1,3}(?:[·ㆍ,][^()]{1,12})?\)[ \t]?씨").unwrap();
        let affiliation = regex::Regex::new(r"^\(([가-힣]{2,10})\)").unwrap();
        let group = regex::Regex::new(r"^[0-9]+(개 ?)?(단체|기관|업체|노조|협회)").unwrap();
        let alphabet: Vec<&str> = vec![
            "(", "(", ")", ")", "1", "2", "0", "45", "·", "ㆍ", ",", " ", " ", "\t", "씨", "여",
            "서울", "洪", "吉童", "㐀", "가", "힣", "개", "단체", "기관", "노조", "x", "\n", "ㄱ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut hits = [0usize; 5];
        for _ in 0..60_000 {
            let len = next(24);
            let mut t: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            if next(2) == 0 {
                t.insert(0, '(');
            }
            if next(3) == 0 {
                // the shape of an age bracket, each part possibly off by a little
                let pick = |k: usize, opts: &[&'static str]| opts[k % opts.len()];
                let mut shaped = String::new();
                shaped += pick(next(4), &["", " ", "\t", "  "]);
                shaped += "(";
                shaped += &"7".repeat(next(5));
                if next(2) == 0 {
                    shaped += pick(next(4), &["·", "ㆍ", ",", ";"]);
                    shaped += pick(next(3), &["", " ", "  "]);
                    shaped += &"여".repeat(next(15));
                }
                shaped += pick(next(3), &[")", ")", "("]);
                shaped += pick(next(3), &["", " ", "\t"]);
                shaped += pick(next(3), &["씨", "씨는", "군"]);
                t = shaped + &t;
            }
            let end = |re: &regex::Regex| re.find(&t).map(|m| m.end());
            assert_eq!(age_bracket(&t, false, true, 15), end(&age), "{t:?}");
            assert_eq!(age_bracket(&t, true, true, 15), end(&age_hanja), "{t:?}");
            assert_eq!(age_then_ssi(&t), age_ssi.is_match(&t), "{t:?}");
            let cap = affiliation
                .captures(&t)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str());
            assert_eq!(bracketed_hangul(&t), cap, "{t:?}");
            assert_eq!(counted_group(&t), end(&group), "{t:?}");
            hits[0] += end(&age).is_some() as usize;
            hits[1] += end(&age_hanja).is_some() as usize;
            hits[2] += age_ssi.is_match(&t) as usize;
            hits[3] += cap.is_some() as usize;
            hits[4] += end(&group).is_some() as usize;
        }
        // the text must exercise every reader: each matched many times
        assert!(
            hits.iter().all(|&h| h > 100),
            "matches per reader: {hits:?}"
        );
        let han = regex::Regex::new(r"^\p{Han}$").unwrap();
        for c in ['洪', '㐀', '〇', '々', '\u{20000}', '가', 'a', '·', '（'] {
            assert_eq!(is_han(c), han.is_match(&c.to_string()), "{c:?}");
        }
    }

    /// The regular expressions [`model_codes`] and [`model_suffix`] replace, kept as the
    /// oracles of their tests.
    static MODEL_CODE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?-u:\b)[A-Z]{1,3}[0-9]{2,4}[A-Z]{0,2}(?-u:\b)").unwrap()
    });
    static MODEL_SUFFIX: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^ ?[0-9A-Z][0-9A-Za-z+]{0,6}(?: ?시리즈)?").unwrap()
    });

    /// How often each model reader matched, and in which ways.
    #[derive(Default, Debug)]
    struct ModelSeen {
        codes: usize,
        codes_with_tail: usize,
        codes_at_ends: usize,
        suffixes: usize,
        suffixes_after_space: usize,
        suffixes_cut_at_seven: usize,
        series: usize,
    }

    impl ModelSeen {
        /// The least-seen part of the grammar.
        fn fewest(&self) -> usize {
            [
                self.codes,
                self.codes_with_tail,
                self.codes_at_ends,
                self.suffixes,
                self.suffixes_after_space,
                self.suffixes_cut_at_seven,
                self.series,
            ]
            .into_iter()
            .min()
            .unwrap_or(0)
        }
    }

    /// Checks both model readers on `s` against their regexes (the suffix at every char
    /// boundary, as the family names end anywhere), counting the matches in `seen`.
    fn same_models(s: &str, seen: &mut ModelSeen) {
        let want: Vec<(usize, usize)> = MODEL_CODE
            .find_iter(s)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(model_codes(s), want, "{s:?}");
        for &(a, e) in &want {
            seen.codes += 1;
            seen.codes_with_tail += usize::from(s.as_bytes()[e - 1].is_ascii_uppercase());
            seen.codes_at_ends += usize::from(a == 0 || e == s.len());
        }
        for (i, _) in s.char_indices() {
            let t = &s[i..];
            let want = MODEL_SUFFIX.find(t).map(|m| m.end());
            assert_eq!(model_suffix(t), want, "{t:?}");
            if let Some(e) = want {
                seen.suffixes += 1;
                seen.suffixes_after_space += usize::from(t.starts_with(' '));
                seen.series += usize::from(t[..e].ends_with("시리즈"));
                seen.suffixes_cut_at_seven += usize::from(
                    t[e..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '+'),
                );
            }
        }
    }

    /// Pieces that stress both model grammars: capitals, digits (single and in runs),
    /// small letters, `+`, `_`, blanks, 시리즈 and parts of it, other Hangul, other scripts.
    const MODEL_PIECES: &[&str] = &[
        "A",
        "H",
        "M",
        "X",
        "Z",
        "GS",
        "MI",
        "ABCD",
        "a",
        "x",
        "s",
        "_",
        "+",
        "0",
        "1",
        "9",
        "10",
        "100",
        "300",
        "2024",
        "12345",
        " ",
        " ",
        "  ",
        "\t",
        "-",
        ".",
        "시리즈",
        "시리즈",
        "시",
        "리즈",
        "가",
        "은",
        "·",
        "é",
        "😀",
        "\n",
        "(",
    ];

    #[test]
    fn model_readers_are_their_regexes_on_random_strings() {
        let mut rng = crate::test_support::Rng(0x9E37_79B9_7F4A_7C15);
        let mut seen = ModelSeen::default();
        let mut s = String::new();
        for _ in 0..60_000 {
            s.clear();
            for _ in 0..1 + rng.below(14) {
                s.push_str(rng.pick(MODEL_PIECES));
            }
            same_models(&s, &mut seen);
        }
        println!("{seen:?}");
        assert!(seen.fewest() >= 500, "{seen:?}");
    }

    #[test]
    fn model_readers_are_their_regexes_on_near_misses() {
        let mut rng = crate::test_support::Rng(0x2545_F491_4F6C_DD1D);
        let mut seen = ModelSeen::default();
        let mut s = String::new();
        let caps = |rng: &mut crate::test_support::Rng, n: usize, s: &mut String| {
            for _ in 0..n {
                s.push(char::from(b'A' + rng.below(26) as u8));
            }
        };
        for _ in 0..60_000 {
            s.clear();
            for _ in 0..1 + rng.below(3) {
                if rng.below(2) == 0 {
                    s.push_str(rng.pick(MODEL_PIECES));
                }
                // a code of 0 to 4 capitals, 1 to 5 digits, 0 to 3 capitals, and maybe
                // more of a word (a small letter, `_`, `+`), then maybe (space) 시리즈
                s.push_str(rng.pick(&["", "", " ", "  ", "\t"]));
                let n = rng.below(5);
                caps(&mut rng, n, &mut s);
                let n = 1 + rng.below(5);
                rng.digits(n, &mut s);
                let n = rng.below(4);
                caps(&mut rng, n, &mut s);
                s.push_str(rng.pick(&["", "", "", "a", "_", "+", "7", "+a"]));
                s.push_str(rng.pick(&["", "", "시리즈", " 시리즈", "  시리즈", " 시"]));
            }
            same_models(&s, &mut seen);
        }
        println!("{seen:?}");
        assert!(seen.fewest() >= 2_000, "{seen:?}");
        // examples
        let t = "H100은 MI300X, a17 B12_ A17 C1234DE ABCD12 A1 A12345 A12BCD";
        let codes: Vec<&str> = model_codes(t).iter().map(|&(a, e)| &t[a..e]).collect();
        assert_eq!(codes, ["H100", "MI300X", "A17", "C1234DE"]);
        assert_eq!(model_suffix(" ABCDEFGHI"), Some(8));
        assert_eq!(model_suffix("  9"), None);
        assert_eq!(model_suffix("7  시리즈"), Some(1));
    }

    #[test]
    #[ignore = "needs ../shared (run with --include-ignored)"]
    fn model_readers_are_their_regexes_on_the_corpus() {
        let texts = crate::test_support::corpus_texts().expect(crate::test_support::NEEDS_SHARED);
        let mut seen = ModelSeen::default();
        let mut lines = 0;
        for text in &texts {
            for line in text.lines() {
                same_models(line, &mut seen);
                lines += 1;
            }
        }
        println!("{lines} corpus lines: same model codes and suffixes; {seen:?}");
        assert!(seen.codes > 100 && seen.suffixes > 1_000, "{seen:?}");
    }

    fn run(text: &str) -> Vec<Entity> {
        let rules = RuleSet::builtin().unwrap();
        let er = EntityRules::new(&rules).unwrap();
        let sents = Segmenter::new(&rules).unwrap().split(text);
        extract(&er, text, &sents)
    }

    fn names(ents: &[Entity], t: EType) -> Vec<String> {
        ents.iter()
            .filter(|e| e.etype == t)
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn table_names_with_particles() {
        let e = run("제목\n삼성전자와 LG전자의 협력이다. 신한은행은 좋다.");
        let orgs = names(&e, EType::Organization);
        assert!(orgs.contains(&"삼성전자".to_string()), "{orgs:?}");
        assert!(orgs.contains(&"LG전자".to_string()), "{orgs:?}");
        assert!(orgs.contains(&"신한은행".to_string()), "{orgs:?}");
    }

    #[test]
    fn korean_name_with_title_and_org() {
        let e = run("제목\n홍길순 한빛전자 사장은 말했다. 홍 사장은 웃었다.");
        let p = e.iter().find(|x| x.name == "홍길순").expect("person");
        assert_eq!(p.roles[0].title, "사장");
        let org = &e[p.roles[0].org.unwrap()];
        assert_eq!(org.name, "한빛전자");
        assert_eq!(p.mentions.len(), 2, "short form 홍 사장 resolves");
    }

    #[test]
    fn qualifiers() {
        let e = run("제목\n박근혜 전 대통령을 만났다.");
        let p = e.iter().find(|x| x.name == "박근혜").unwrap();
        assert_eq!(p.roles[0].qualifier, Some("former"));
    }

    /// No person is found in `text`.
    fn assert_no_people(text: &str) {
        let p = person_surfaces(text);
        assert!(p.is_empty(), "{p:?} in {text}");
    }

    fn person_surfaces(text: &str) -> Vec<String> {
        let mut v: Vec<String> = run(text)
            .iter()
            .filter(|e| e.etype == EType::Person)
            .flat_map(|e| e.mentions.iter().map(|m| text[m.start..m.end].to_string()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn foreign_names_stop_at_korean_words() {
        // a qualifier or 미 between a foreign name and its title is no part of the name
        let p = person_surfaces(
            "제목\n몇 시간 전 토마스 베르너 대통령이 왔다. 마르틴 슐레겔 전 대통령이 말했다. \
             그 자리에 에밀리 브라운 미 상무장관이 있었다.",
        );
        assert_eq!(p, ["마르틴 슐레겔", "에밀리 브라운", "토마스 베르너"]);
        // 보 반 트엉: one-syllable parts of a three-part name are kept
        assert_eq!(
            person_surfaces("제목\n응우옌 쑤언 푹 총리가 도착했다."),
            ["응우옌 쑤언 푹"]
        );
        // verb forms, bound nouns and loanwords before a title are no name
        assert_no_people(
            "제목\n문을 닫아야 할 그런 대표가 없다. 제품 출시 및 프리미엄 전략 담당 사장이 \
             나섰다. 서비스를 통해 글로벌 드론 회장이 됐다.",
        );
    }

    #[test]
    fn market_is_no_mayor() {
        // 시장 after a country or loanwords is the market
        assert_no_people(
            "제목\n여전히 일본 시장은 어렵다. 스마트홈 시장이 커졌다. 글로벌 프리미엄 시장에서 \
             팔렸다. 수요를 감안해 시장을 넓혔다.",
        );
        // after a city or an organization, or as 서울시장, it is the mayor
        let p = person_surfaces("제목\n김민수 서울시장과 박영호 부산시장이 만났다.");
        assert_eq!(p, ["김민수", "박영호"]);
        // 해 ends a given name after a given-name syllable
        assert_eq!(
            person_surfaces("제목\n최재해 감사원장이 답했다."),
            ["최재해"]
        );
    }

    #[test]
    fn name_shaped_verbs_and_nouns_are_no_names() {
        // a modifier or connective ending, or a syllable that ends nouns, before a title
        let none = "제목\n불구속 기소된 미용실 원장 최모씨는 후보를 제치고 당 대표에 올랐다. \
                    프랜차이즈 음식점 CEO 회의가 열렸다. 당시 주한 대사가 '피플'은 기자가 \
                    만났다고 했다. 공화당 두 후보가 남았다.";
        let p = person_surfaces(none);
        assert_eq!(p, ["최"], "only 최모씨 is a person");
        // 이 모 씨: the surname is the person, not 모
        assert_eq!(person_surfaces("제목\n55살 이 모 씨도 일했다."), ["이"]);
    }

    #[test]
    fn names_set_apart_before_ssi_gun_yang() {
        // before a spaced 씨 any word is a name (stage names, names ending like particles)
        let p = person_surfaces(
            "제목\n멤버 광희 씨가 나섰고 앞서 김수로 씨는 말했다. 딸 김태은 양이 출연했다.",
        );
        assert_eq!(p, ["광희", "김수로", "김태은"]);
        // glued to a word, 씨 stays part of it
        assert_no_people("제목\n아가씨는 솜씨가 좋았다.");
        // 양 and 군 are also `amount`, `both` and `army`
        let none = "제목\n협력을 강화하고 양 기관이 만났다. 양측은 합의했다. 재난 지원금의 양이 \
                    적고 방대한 양의 자료가 있다. 이참에 군의 체계를 바꾼다. 회의를 연 양 의원은 \
                    말했다.";
        assert_no_people(none);
    }

    #[test]
    fn boys_and_girls_by_letter_or_surname() {
        let p = person_surfaces(
            "제목\n고교생 A군은 친구 B양과 함께 갔다. 김 군의 어머니는 최모 양에게 말했다. \
             박모군이 왔다.",
        );
        assert_eq!(p, ["A", "B", "김", "박", "최"]);
        // glued to a surname, 군 and 양 make words; 이 군 is `this county`
        let none = "제목\n공군과 육군은 세포를 배양했다. 이 군은 인구가 많다. 양 군이 맞섰다.";
        assert_no_people(none);
    }

    #[test]
    fn foreign_names_leave_out_the_words_before_them() {
        let p = person_surfaces(
            "제목\n지난달 크리스 쿤 상원의원은 말했다. 깐깐하기로 소문난 로버트 밀러 교수가 왔다.",
        );
        assert_eq!(p, ["로버트 밀러", "크리스 쿤"]);
        // a one-syllable word beside a foreign one is a name part only when it is no word
        // of its own (등, 및) and no surname
        let none = "제목\n인디펜던트 등 외신들은 전했다.";
        assert_no_people(none);
    }

    #[test]
    fn ssi_with_any_particle() {
        let p = person_surfaces("제목\n경찰은 박씨의 집에서 A씨를 붙잡았고 홍길순씨에게 연락했다.");
        assert_eq!(p, ["A", "박", "홍길순"]);
        // 섭씨 is Celsius; a word starting with 씨 is no name
        assert_no_people("제목\n낮 기온이 섭씨 35도를 넘었다. 씨앗을 심었다.");
        // 김모(48·여)씨: an age with a note in the brackets
        assert_eq!(
            person_surfaces("제목\n경찰은 김모(48·여)씨를 입건했다."),
            ["김"]
        );
    }

    #[test]
    fn short_form_with_qualifier() {
        let p = person_surfaces("제목\n재판부는 박 전 차관에게 징역 2년을 선고했다.");
        assert_eq!(p, ["박"]);
    }

    #[test]
    fn ranks_and_occupations_as_titles() {
        let p = person_surfaces("제목\n유시진 대위와 이연복 셰프가 나왔다. 투수 봉중근이 던졌다.");
        assert_eq!(p, ["봉중근", "유시진", "이연복"]);
        // a position after a common noun is no name (마무리 투수)
        assert_no_people("제목\nLG는 마무리 투수를 바꿨다.");
    }

    #[test]
    fn names_marked_by_brackets() {
        let p = person_surfaces("제목\n가수 싸이(본명 박재상·35)가 무대에 올랐다.");
        assert_eq!(p, ["박재상", "싸이"]);
        let p = person_surfaces("제목\n드라마에서 유시진 대위(송중기)가 돌아왔다.");
        assert_eq!(p, ["송중기", "유시진"]);
        let p = person_surfaces("제목\n경찰은 압델하미드 아바우드(27)를 추적했다.");
        assert_eq!(p, ["압델하미드 아바우드"]);
        // a Chinese place with its hanja, a photo position after a title: no people
        assert_no_people("제목\n중국 창사(長沙)시에서 열렸다.");
        let p = person_surfaces("제목\n박원기 대표(오른쪽)가 서명했다.");
        assert_eq!(p, ["박원기"]);
    }

    #[test]
    fn bare_names_with_case_particles() {
        let p = person_surfaces("제목\n김연경은 이날 30점을 올렸고 이재영도 힘을 보탰다.");
        assert_eq!(p, ["김연경", "이재영"]);
        // common nouns of the same shape: a noun-forming last syllable, or no particle
        let none = "제목\n공무원은 지하수가 오염됐다고 밝혔다. 지지율이 올랐다. 김연경 신드롬.";
        assert_no_people(none);
        // opening the sentence, a name may end in a common-noun syllable (호)
        assert_eq!(
            person_surfaces("제목\n이대호는 결승 홈런을 쳤다."),
            ["이대호"]
        );
        assert_no_people("제목\n팀은 이대호는 없다고 했다.");
        // a verb form listed as a common word
        assert_no_people("제목\n이기기 위해서는 뛰어야 한다.");
        // the third syllable begins the particles: a two-syllable noun + 만을 / 만이
        let nouns = "제목\n장비는 정원만을 갖췄고 주민은 민원만이 늘었다고 말했다. 인원수는 최소한의 \
                     수준이다.";
        assert_no_people(nouns);
    }

    #[test]
    fn comma_lists_of_names_and_real_names_with_age() {
        let p = person_surfaces("제목\n이번 회에는 유재석, 박명수, 정준하 등이 출연한다.");
        assert_eq!(p, ["박명수", "유재석", "정준하"]);
        // districts have the same shape but end like place nouns
        assert_no_people("제목\n강남구, 서초구, 송파구 등에서 열렸다.");
        let p = person_surfaces("제목\n래퍼 원(정제원·21)이 계약했다.");
        assert!(p.contains(&"정제원".to_string()), "{p:?}");
    }

    #[test]
    fn mentions_exclude_particles() {
        let text = "제목\n저커버그는 이재용 회장과는 만났다.";
        for en in run(text) {
            for m in en.mentions {
                let s = &text[m.start..m.end];
                assert!(!s.ends_with('는') && !s.ends_with("과는"), "{s}");
            }
        }
    }
}
