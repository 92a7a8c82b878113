//! Arbitrary text as a user's `--rules` table (`analyze::rules::check_table`, the checks
//! `RuleSet::extend_from` makes on a file once it is read): the first byte picks the table,
//! the rest is its text. No panic; an error names the file and a line that exists (or the
//! whole file), on one line; a table that passes has no row longer than the line limit.
#![no_main]

use analyze::rules::{check_table, MAX_LINE_BYTES};
use libfuzzer_sys::fuzz_target;

const TABLES: &[&str] = &[
    "organizations.tsv",
    "people.tsv",
    "products.tsv",
    "places.tsv",
    "titles.tsv",
    "surnames.txt",
    "particles.txt",
    "org_suffixes.tsv",
    "not_names.txt",
    "given_syllables.txt",
    "meeting_triggers.tsv",
    "partnership_triggers.tsv",
    "status_cues.tsv",
    "hedges.tsv",
    "boilerplate.tsv",
    "date_words.tsv",
    "future_cues.txt",
    "units.tsv",
    "relation_particles.tsv",
    "noun_suffixes.txt",
    "not_surnames.txt",
    "verb_endings.txt",
    "function_syllables.txt",
    "foreign_not_endings.txt",
    "place_words.tsv",
    "clause_endings.txt",
    "org_kind_nouns.txt",
    "bound_nouns.txt",
    "country_abbreviations.tsv",
    "country_group_nouns.txt",
    "anaphora.tsv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return; // (not UTF-8 is refused before any parsing)
    };
    let name = TABLES[pick as usize % TABLES.len()];
    let file = format!("fuzz/{name}");
    let lines = text.split('\n').count();
    match check_table(name, &file, text) {
        Ok(rows) => {
            assert!(rows <= lines, "{rows} rows from {lines} lines");
            assert!(text.split('\n').all(|l| l.len() <= MAX_LINE_BYTES));
            assert!(!text.contains('\0'), "a NUL byte passed");
        }
        Err(e) => {
            assert_eq!(e.file, file, "{e}");
            assert!(e.line <= lines, "{e}: line {} of {lines}", e.line);
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "multi-line message {msg:?}");
            let at = if e.line == 0 { format!("{file}: ") } else { format!("{file}:{}: ", e.line) };
            assert!(msg.starts_with(&at), "{msg}");
        }
    }
});
