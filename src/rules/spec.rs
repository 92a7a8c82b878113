//! The list of tables ([`SPECS`]): each table's name, built-in text, number of fields, and
//! the check of its closed columns.

use super::MAX_FIELDS;

/// A table's name, its built-in text, how many fields a line has (min, max), and the
/// check of its closed columns (subtypes, kinds, scopes, statuses: a value outside the
/// allowed ones is an error naming file and line, never a value that reaches the output).
pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) text: &'static str,
    pub(super) min: usize,
    pub(super) max: usize,
    pub(super) check: Check,
}

/// Checks the fields of one line: `Err` says what is wrong.
pub(super) type Check = fn(&[&str; MAX_FIELDS]) -> Result<(), String>;

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spec").field("name", &self.name).finish()
    }
}

macro_rules! table {
    ($name:literal, $min:expr, $max:expr) => {
        table!($name, $min, $max, |_| Ok(()))
    };
    ($name:literal, $min:expr, $max:expr, $check:expr) => {
        Spec {
            name: $name,
            text: include_str!(concat!("../../rules/", $name)),
            min: $min,
            max: $max,
            check: $check,
        }
    };
}

/// Organization subtypes (`organizations.tsv`, `org_suffixes.tsv`), product subtypes and
/// place kinds: the output contract's lists, which these columns reach unchanged.
use crate::report::values::{
    ORGANIZATION_SUBTYPES as ORG_SUBTYPES, PLACE_SUBTYPES as PLACE_KINDS, PRODUCT_SUBTYPES,
};
const TITLE_CLASSES: &[&str] = &[
    "business",
    "government",
    "politics",
    "academic",
    "diplomacy",
    "military",
    "religion",
    "media",
    "sports",
    "other",
];
const MEETING_KINDS: &[&str] = &["meet", "call", "event"];
const PARTNERSHIP_KINDS: &[&str] = &[
    "cooperate",
    "alliance",
    "agreement",
    "joint",
    "supply",
    "discuss",
];
const PARTICLE_ROLES: &[&str] = &["subject", "topic", "join", "additive"];
const SCOPES: &[&str] = &["meeting", "partnership", "any"];

/// `Ok` when `value` is one of `allowed`; else what is wrong, naming the column.
fn one_of(column: &str, value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "unknown {column} {value:?}; expected one of {}",
            allowed.join(", ")
        ))
    }
}

/// `status_cues.tsv`: a scope, and a status of that scope.
fn check_cue(f: &[&str; MAX_FIELDS]) -> Result<(), String> {
    use crate::relations::{MEETING_STATUS, NO_EVENT, PARTNERSHIP_STATUS};
    one_of("scope", f[0], SCOPES)?;
    if f[2] == NO_EVENT {
        return Ok(()); // the event is not told as taking place: none of either scope
    }
    match f[0] {
        "meeting" => one_of("meeting status", f[2], MEETING_STATUS),
        "partnership" => one_of("partnership status", f[2], PARTNERSHIP_STATUS),
        _ => one_of("status (scope any: a status of both)", f[2], MEETING_STATUS).and_then(|()| {
            one_of(
                "status (scope any: a status of both)",
                f[2],
                PARTNERSHIP_STATUS,
            )
        }),
    }
}

/// `relation_particles.tsv`: one or more roles of a particle.
fn check_particle_roles(f: &[&str; MAX_FIELDS]) -> Result<(), String> {
    let mut n = 0;
    for role in f[1].split('|').map(str::trim).filter(|r| !r.is_empty()) {
        one_of("role", role, PARTICLE_ROLES)?;
        n += 1;
    }
    if n == 0 {
        return Err("no role; expected one or more of subject, topic, join".into());
    }
    Ok(())
}

/// `org_suffixes.tsv`: a subtype, and a minimum stem length of 1 to 20 characters (or none).
fn check_suffix(f: &[&str; MAX_FIELDS]) -> Result<(), String> {
    one_of("subtype", f[1], ORG_SUBTYPES)?;
    match f[2] {
        "" => Ok(()),
        n => match n.parse::<usize>() {
            Ok(1..=20) => Ok(()),
            _ => Err(format!(
                "min_stem {n:?} is not a number of characters from 1 to 20"
            )),
        },
    }
}

pub(super) const SPECS: &[Spec] = &[
    table!("organizations.tsv", 2, 3, |f| one_of(
        "subtype",
        f[1],
        ORG_SUBTYPES
    )),
    table!("people.tsv", 1, 3),
    table!("products.tsv", 2, 3, |f| one_of(
        "subtype",
        f[1],
        PRODUCT_SUBTYPES
    )),
    table!("places.tsv", 2, 3, |f| one_of("kind", f[1], PLACE_KINDS)),
    table!("titles.tsv", 1, 2, |f| match f[1] {
        "" => Ok(()),
        class => one_of("class", class, TITLE_CLASSES),
    }),
    table!("surnames.txt", 1, 1),
    table!("particles.txt", 1, 1),
    table!("org_suffixes.tsv", 2, 3, check_suffix),
    table!("not_names.txt", 1, 1),
    table!("given_syllables.txt", 1, 1),
    table!("meeting_triggers.tsv", 2, 2, |f| one_of(
        "kind",
        f[1],
        MEETING_KINDS
    )),
    table!("partnership_triggers.tsv", 2, 2, |f| one_of(
        "kind",
        f[1],
        PARTNERSHIP_KINDS
    )),
    table!("status_cues.tsv", 3, 3, check_cue),
    table!("hedges.tsv", 2, 2, |f| one_of(
        "hedge",
        f[1],
        crate::relations::HEDGES
    )),
    table!("boilerplate.tsv", 2, 3),
    table!("quote_continuations.tsv", 2, 2, |f| one_of(
        "how",
        f[1],
        &["word", "start"]
    )),
    table!("date_words.tsv", 3, 3),
    table!("date_particles.txt", 1, 1),
    table!("relation_particles.tsv", 2, 2, check_particle_roles),
    table!("future_cues.txt", 1, 1),
    table!("clause_endings.txt", 1, 1),
    table!("quotative_endings.txt", 1, 1),
    table!("japanese_names.tsv", 2, 2, |f| one_of(
        "kind",
        f[0],
        &["cue", "ending"]
    )),
    table!("meeting_groups.tsv", 2, 2, |f| one_of(
        "how",
        f[1],
        &["together", "separately", "unnamed"]
    )),
    table!("org_kind_nouns.txt", 1, 1),
    table!("bound_nouns.txt", 1, 1),
    table!("unit_suffixes.txt", 1, 1),
    table!("product_cues.txt", 1, 1),
    table!("name_particles.txt", 1, 1),
    table!("unit_endings.txt", 1, 1),
    table!("academic_words.txt", 1, 1),
    table!("place_words.tsv", 2, 2, |f| one_of(
        "role",
        f[1],
        &["locative", "object", "visit", "venue", "indefinite"]
    )),
    table!("units.tsv", 2, 3, |f| one_of(
        "kind",
        f[1],
        crate::report::values::QUANTITY_KINDS
    )),
    table!("not_surnames.txt", 1, 1),
    table!("country_abbreviations.tsv", 2, 3, |f| {
        match (f[0].chars().nth(1).is_some(), f[1] == "-") {
            (false, false) => one_of("use", f[2], &["glued", "parted"]),
            (true, true) if f[2].is_empty() => Ok(()),
            (true, true) => Err(format!("{:?}: a word that is no group takes no use", f[0])),
            (false, true) => Err(format!("{:?}: a one-syllable form needs a country", f[0])),
            (true, false) => Err(format!(
                "{:?}: only a one-syllable form stands for a country (a longer one takes `-`)",
                f[0]
            )),
        }
    }),
    table!("country_group_nouns.txt", 1, 1),
    table!("anaphora.tsv", 2, 2, |f| one_of(
        "stands for",
        f[1],
        &[
            "parties",
            "people",
            "two_states",
            "three_states",
            "this_event",
            "basis"
        ]
    )),
    table!("function_syllables.txt", 1, 1, one_syllable),
    table!("noun_suffixes.txt", 1, 1, one_syllable),
    table!("opening_name_endings.txt", 1, 1, one_syllable),
    table!("foreign_not_endings.txt", 1, 1, one_syllable),
    table!("verb_endings.txt", 1, 1, one_syllable),
    table!("separators.txt", 1, 1, one_character),
];

/// A line of a table of characters holds one character.
fn one_character(f: &[&str; MAX_FIELDS]) -> Result<(), String> {
    match f[0].chars().nth(1) {
        None => Ok(()),
        Some(_) => Err(format!("{:?} is no single character", f[0])),
    }
}

/// The tables compiled in as constants, which `--rules` cannot extend.
pub(super) const CONSTANT_TABLES: &[&str] = &["separators.txt"];

/// The characters of `separators.txt` (ㆍ · - …), read when the program is built: the
/// passes that part groups of states (한ㆍ미ㆍ일) use them as a constant.
pub(crate) const SEPARATORS: &[char] = &SEPARATOR_CHARS;
const SEPARATORS_TEXT: &str = include_str!("../../rules/separators.txt");
const SEPARATOR_CHARS: [char; entries(SEPARATORS_TEXT)] = first_chars(SEPARATORS_TEXT);

/// The end of the line that starts at `from` (its `\n`, or the end of the text).
const fn line_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

/// Where the entry of line `from..to` starts: its first byte that is no blank, unless the
/// line is blank or a comment.
const fn entry_start(b: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut i = from;
    while i < to && matches!(b[i], b' ' | b'\t' | b'\r') {
        i += 1;
    }
    if i == to || b[i] == b'#' {
        None
    } else {
        Some(i)
    }
}

/// How many entries (lines that are neither blank nor comments) `text` has.
const fn entries(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut n, mut at) = (0, 0);
    while at < b.len() {
        let end = line_end(b, at);
        if entry_start(b, at, end).is_some() {
            n += 1;
        }
        at = end + 1;
    }
    n
}

/// The first character of each of the `N` entries of `text`.
const fn first_chars<const N: usize>(text: &str) -> [char; N] {
    let b = text.as_bytes();
    let mut out = ['\0'; N];
    let (mut n, mut at) = (0, 0);
    while at < b.len() {
        let end = line_end(b, at);
        if let Some(i) = entry_start(b, at, end) {
            out[n] = utf8_char_at(b, i);
            n += 1;
        }
        at = end + 1;
    }
    out
}

/// The character whose UTF-8 encoding starts at `b[i]`.
const fn utf8_char_at(b: &[u8], i: usize) -> char {
    let c = b[i] as u32;
    let (len, mut v) = match c {
        0..0x80 => (1, c),
        0xC0..0xE0 => (2, c & 0x1F),
        0xE0..0xF0 => (3, c & 0x0F),
        _ => (4, c & 0x07),
    };
    let mut k = 1;
    while k < len {
        v = (v << 6) | (b[i + k] as u32 & 0x3F);
        k += 1;
    }
    match char::from_u32(v) {
        Some(ch) => ch,
        None => panic!("a rule table is not UTF-8"),
    }
}

/// A line of a table of syllables holds one character.
fn one_syllable(f: &[&str; MAX_FIELDS]) -> Result<(), String> {
    match f[0].chars().nth(1) {
        None => Ok(()),
        Some(_) => Err(format!("{:?} is no single syllable", f[0])),
    }
}

/// The table names, for error messages.
pub(super) fn names() -> String {
    SPECS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}
