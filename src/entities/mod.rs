//! Entities: people, organizations, products and places, with their mentions and, for
//! people, their roles (title + organization + qualifier).
//!
//! Input: the text, its sentences and its word scan. Output: entities in order of first
//! mention, each with mentions as byte spans that never include a particle. The passes, in
//! the order [`extract_at`] runs them, one file each:
//! 1. [`table_names`]: the names and aliases of `people.tsv`, `organizations.tsv`,
//!    `products.tsv` and `places.tsv`, looked up at every word start (a [`Gazetteer`]),
//!    kept where the rest of the word is particles; a product family takes the model after
//!    it, a place + 대 is a university, and a company + capitals (`포스코ICT`) its
//!    subsidiary; then [`country_groups`]: groups of states written as abbreviations
//!    (`한미일`, `한ㆍ폴란드`), each part a mention of its country
//!    (`rules/country_abbreviations.tsv`, `rules/country_group_nouns.txt`);
//! 2. per sentence, over its words ([`scan`], with their titles from [`titles`]):
//!    [`organizations`] (acronyms in brackets, counted groups, `org_suffixes.tsv`, named
//!    units), [`products`] (quoted names, model codes), [`korean_names`] and
//!    [`foreign_names`] before a title, names after a title, [`ssi`] (씨, 군, 양),
//!    and `X(이하 Y)` short names ([`appositions`]);
//! 3. [`appositions`]: the name after a noun of kind + 인 (`로봇기업인 X`) and its later
//!    mentions; [`roles`] for every person mention; [`short_forms`]: later mentions of the same names
//!    and `이 회장`; [`bare_names`] (a name shape with a case particle, lists of names) and
//!    [`brackets`] (real names, ages);
//! 4. [`merge`]: a country before an organization joins its name, loose parent names and
//!    counted groups join the one organization they stand for, and the entities are ordered.
//!
//! The mentions found so far live in a [`builder::Builder`]; a pass never takes a span
//! another one holds, so the order above is also the order of precedence.

mod appositions;
mod bare_names;
mod brackets;
mod builder;
mod country_groups;
mod foreign_names;
mod korean_names;
mod merge;
mod organizations;
mod products;
mod roles;
mod scan;
mod short_forms;
mod ssi;
mod table_names;
mod titles;
mod word_rules;

use rustc_hash::FxHashSet as HashSet;

use crate::gazetteer::Gazetteer;
use crate::morph::{CharSet, Particles, WordScan};
use crate::rules::{RuleError, RuleSet};
use crate::segment::{Kind, Sentence};

use builder::Builder;
use scan::{Word, words};

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
    rest: WordRules,
}

impl std::ops::Deref for EntityRules {
    type Target = WordRules;
    fn deref(&self) -> &WordRules {
        &self.rest
    }
}

/// The names of the name tables (people, organizations, products, places), indexed: the
/// larger half of [`EntityRules`], built on its own so that it can be built on another
/// thread than [`WordRules`].
#[derive(Default)]
pub struct NameIndex {
    names: Gazetteer,
    pattern_entry: Vec<u32>,
    entries: Vec<Entry>,
}

/// The word sets the passes test words against, the rest of [`EntityRules`] beside the
/// name index: titles, surnames, given-name syllables, words that are no names,
/// organization suffixes and particles (built in `word_rules.rs`).
pub struct WordRules {
    titles: HashSet<&'static str>,
    /// The class of each title (business, government, politics …).
    title_classes: rustc_hash::FxHashMap<&'static str, &'static str>,
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
    /// One-syllable Korean words that are no part of a foreign name (`function_syllables.txt`).
    function_syllables: HashSet<&'static str>,
    /// Short words before a title that are no surname there (이, 전, 각: `not_surnames.txt`).
    not_surnames: HashSet<&'static str>,
    /// Words that make Japanese names expected in an article (`japanese_names.tsv`).
    japanese_name_cues: Vec<&'static str>,
    /// Last syllables of Japanese given names that look like Korean endings (로, 지).
    japanese_given_endings: CharSet,
    /// Syllables common in Korean given names (`given_syllables.txt`).
    given: CharSet,
    /// Last syllables no transliterated name ends in (`foreign_not_endings.txt`).
    foreign_not_endings: CharSet,
    /// Last syllables of verb forms and particles (`verb_endings.txt`).
    verb_endings: CharSet,
    /// Last syllables that make common nouns (`noun_suffixes.txt`): no bare name ends so.
    noun_suffixes: CharSet,
    /// Of those, the ones that end given names very often (`opening_name_endings.txt`): a
    /// word that opens its sentence may end in one and still be a name.
    opening_name_endings: CharSet,
    suffixes: Vec<(&'static str, &'static str, usize, String)>,
    /// Indexes into `suffixes` by the suffix's last character, in table order.
    suffixes_by_last: rustc_hash::FxHashMap<char, Vec<usize>>,
    /// The keys of `suffixes_by_last` (a bitmap: most characters end no suffix).
    suffix_last_chars: CharSet,
    particles: Particles,
    /// Nouns of a kind of organization (`org_kind_nouns.txt`: 기업, 자회사, 업체 …).
    org_kinds: Vec<&'static str>,
    /// Nouns that only follow a modifier (`bound_nouns.txt`: 것, 척, 만큼 …).
    bound_nouns: Vec<&'static str>,
    /// Words that end the name of a unit of an organization (`unit_suffixes.txt`: 랩,
    /// 연구소, 센터 …).
    unit_suffixes: Vec<&'static str>,
    /// Words after a quoted name that make it a product (`product_cues.txt`: 출시, 탑재 …).
    product_cues: Vec<&'static str>,
    /// Particles after which a bare name shape is a name (`name_particles.txt`: 은, 의 …).
    name_particles: Vec<&'static str>,
    /// Word endings of units inside an organization (`unit_endings.txt`: 부문, 사업부 …).
    unit_endings: Vec<&'static str>,
    /// Words after `X대` that make it a university (`academic_words.txt`: 교수, 총장 …).
    academic_words: Vec<&'static str>,
    /// One-syllable forms of countries (`country_abbreviations.tsv`): the country, and
    /// whether the form is glued into groups (한미일) or only parted (한ㆍ독).
    country_abbreviations: rustc_hash::FxHashMap<char, (&'static str, bool)>,
    /// Words of a group's shape that are no group of states (북미, 중미).
    not_country_groups: HashSet<&'static str>,
    /// The names and aliases of the countries of `places.tsv`, with the country's name.
    country_names: rustc_hash::FxHashMap<&'static str, &'static str>,
    /// Nouns that groups of states modify (`country_group_nouns.txt`).
    country_group_nouns: Vec<&'static str>,
}

impl EntityRules {
    /// Builds the name index and the other sets from the tables.
    pub fn new(rules: &RuleSet) -> Result<EntityRules, RuleError> {
        Ok(EntityRules::from_parts(
            NameIndex::new(rules)?,
            WordRules::new(rules)?,
        ))
    }

    /// Puts together parts built apart (e.g. on two threads).
    pub fn from_parts(names: NameIndex, rest: WordRules) -> EntityRules {
        let slot = std::sync::OnceLock::new();
        let _ = slot.set(names);
        EntityRules::with_names_from(std::sync::Arc::new(slot), rest)
    }

    /// The rules with a name index that another thread sets into `names` (it must set it,
    /// even if only to an empty index: the entity stage waits for it).
    pub fn with_names_from(
        names: std::sync::Arc<std::sync::OnceLock<NameIndex>>,
        rest: WordRules,
    ) -> EntityRules {
        EntityRules { names, rest }
    }

    /// The name index, once it is built.
    fn names(&self) -> &NameIndex {
        self.names.wait()
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
    let mut b = Builder::new(text.len());
    let at = SentenceOf(sentences);
    table_names::table_names(rules, text, &scan.starts, &at, &mut b);
    // (boilerplate is passed over by every pass: its words are never read)
    let all_toks: Vec<Vec<Word>> = sentences
        .iter()
        .map(|s| match s.kind {
            Kind::Boilerplate => Vec::new(),
            _ => words(rules, text, s, scan),
        })
        .collect();
    for (si, toks) in all_toks.iter().enumerate() {
        country_groups::country_groups(rules, text, toks, si, &mut b);
    }
    for (si, sent) in sentences.iter().enumerate() {
        if sent.kind != Kind::Boilerplate {
            sentence_patterns(rules, text, sent, si, &all_toks[si], &mut b);
        }
    }
    appositions::described_orgs(rules, text, &all_toks, &mut b);
    people_around_names(rules, text, sentences, &scan.starts, &all_toks, &at, &mut b);
    b.set_phrase_ends();
    organizations::country_qualified_orgs(text, &mut b);
    merge::merge_and_order(b.entities, text)
}

/// Which sentence holds a byte offset: the sentences are in text order.
pub(super) struct SentenceOf<'s>(&'s [Sentence]);

impl SentenceOf<'_> {
    /// The index of the sentence at `pos` (the last one past the end).
    fn index(&self, pos: usize) -> usize {
        self.0
            .partition_point(|s| s.end <= pos)
            .min(self.0.len().saturating_sub(1))
    }

    /// Is `s..e` inside one sentence?
    fn holds(&self, s: usize, e: usize) -> bool {
        let i = self.index(s);
        self.0.get(i).is_some_and(|x| x.start <= s && e <= x.end)
    }
}

/// The patterns read within one sentence: organizations, products, and names marked by a
/// title, 씨, 군 or 양.
fn sentence_patterns(
    rules: &EntityRules,
    text: &str,
    sent: &Sentence,
    si: usize,
    toks: &[Word],
    b: &mut Builder,
) {
    organizations::acronym_names(rules, text, toks, si, b);
    organizations::counted_groups(text, toks, si, b);
    organizations::org_suffix_pattern(rules, text, toks, si, b);
    products::quoted_names(rules, text, sent, si, b);
    organizations::unit_pattern(rules, text, toks, si, b);
    if text[sent.start..sent.end].contains("(이하 ") {
        appositions::hereafter_names(rules, text, toks, si, b);
    }
    products::model_code_names(rules, text, sent, si, b);
    // the name patterns need a title or 씨 in the sentence (most sentences have neither)
    let titled = toks.iter().any(|w| w.title_at.is_some());
    // (one character at a time: `str::contains` of a set of characters decodes every
    // character, of one character it searches for its bytes)
    let st = &text[sent.start..sent.end];
    let ssi = st.contains('씨');
    if titled || ssi {
        korean_names::korean_names(rules, text, toks, si, b);
    }
    if titled {
        foreign_names::foreign_names(rules, text, toks, si, b);
        korean_names::names_after_titles(text, toks, si, b);
    }
    if ssi {
        ssi::ssi_names(rules, text, toks, si, b);
    }
    if st.contains('군') || st.contains('양') {
        ssi::gun_yang_names(rules, text, toks, si, b);
    }
}

/// The passes that read the people found so far: their roles, their later mentions, short
/// forms, and the names listed or bracketed beside them.
fn people_around_names(
    rules: &EntityRules,
    text: &str,
    sentences: &[Sentence],
    starts: &[(usize, char)],
    all_toks: &[Vec<Word>],
    at: &SentenceOf,
    b: &mut Builder,
) {
    let mut shared = Vec::new();
    for (si, sent) in sentences.iter().enumerate() {
        if sent.kind != Kind::Boilerplate {
            shared.extend(roles::roles(text, &all_toks[si], b));
        }
    }
    roles::share_organizations(rules, shared, b);
    short_forms::later_mentions(rules, text, starts, sentences, b, |p| at.index(p));
    for (si, toks) in all_toks.iter().enumerate() {
        if sentences[si].kind == Kind::Boilerplate {
            continue;
        }
        if toks.iter().any(|w| w.title_at.is_some()) {
            short_forms::short_forms(rules, text, toks, si, b);
        }
        bare_names::bare_names(rules, text, toks, si, b);
        bare_names::name_lists(rules, text, toks, si, b);
        bare_names::listed_names(rules, text, toks, si, b);
        if text[sentences[si].start..sentences[si].end].contains('(') {
            brackets::bracket_names(rules, text, toks, si, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;
    pub(super) fn run(text: &str) -> Vec<Entity> {
        let rules = RuleSet::builtin().unwrap();
        let er = EntityRules::new(&rules).unwrap();
        let sents = Segmenter::new(&rules).unwrap().split(text);
        extract(&er, text, &sents)
    }

    pub(super) fn names(ents: &[Entity], t: EType) -> Vec<String> {
        ents.iter()
            .filter(|e| e.etype == t)
            .map(|e| e.name.clone())
            .collect()
    }

    /// No person is found in `text`.
    pub(super) fn assert_no_people(text: &str) {
        let p = person_surfaces(text);
        assert!(p.is_empty(), "{p:?} in {text}");
    }

    pub(super) fn person_surfaces(text: &str) -> Vec<String> {
        let mut v: Vec<String> = run(text)
            .iter()
            .filter(|e| e.etype == EType::Person)
            .flat_map(|e| e.mentions.iter().map(|m| text[m.start..m.end].to_string()))
            .collect();
        v.sort();
        v
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

    #[test]
    fn entities_come_in_order_of_first_mention_and_boilerplate_is_not_read() {
        let e = run("제목\n한빛전자는 웃었고 삼성전자는 울었다. 한빛전자는 또 웃었다.");
        let o = names(&e, EType::Organization);
        assert_eq!(o, ["한빛전자", "삼성전자"]);
        assert!(e[0].mentions.windows(2).all(|w| w[0].start < w[1].start));
        assert!(run("").is_empty());
    }
}
