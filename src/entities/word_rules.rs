use super::WordRules;
use crate::morph::{CharSet, Particles};
use crate::rules::{RuleError, RuleSet};
use rustc_hash::FxHashSet as HashSet;

impl WordRules {
    /// Builds the title, surname, particle and suffix sets.
    pub fn new(rules: &RuleSet) -> Result<WordRules, RuleError> {
        let titles: HashSet<&'static str> = rules.rows("titles.tsv").map(|r| r.get(0)).collect();
        let title_classes = rules
            .rows("titles.tsv")
            .map(|r| (r.get(0), r.get(1)))
            .collect();
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
        let (titles_by_head, titles_by_tail) = titles_by_ends(&titles);
        let (surnames1, surnames2, surnames2_first) = surnames(rules);
        let not_names = rules.rows("not_names.txt").map(|r| r.get(0)).collect();
        let function_syllables = rules
            .rows("function_syllables.txt")
            .map(|r| r.get(0))
            .collect();
        let not_surnames = rules.rows("not_surnames.txt").map(|r| r.get(0)).collect();
        let japanese = |kind: &'static str| {
            rules
                .rows("japanese_names.tsv")
                .filter(move |r| r.get(0) == kind)
                .map(|r| r.get(1))
        };
        let japanese_name_cues = japanese("cue").collect();
        let japanese_given_endings = japanese("ending")
            .filter_map(|w| w.chars().next())
            .collect();
        let given = first_chars(rules, "given_syllables.txt");
        let foreign_not_endings = first_chars(rules, "foreign_not_endings.txt");
        let verb_endings = first_chars(rules, "verb_endings.txt");
        let noun_suffixes = first_chars(rules, "noun_suffixes.txt");
        let opening_name_endings = rules
            .rows("opening_name_endings.txt")
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
        Ok(WordRules {
            titles,
            title_classes,
            titles_by_head,
            titles_by_tail,
            title_first_chars,
            title_first_words,
            title_last_chars,
            surnames1,
            surnames2,
            surnames2_first,
            not_names,
            function_syllables,
            not_surnames,
            japanese_name_cues,
            japanese_given_endings,
            given,
            foreign_not_endings,
            verb_endings,
            noun_suffixes,
            opening_name_endings,
            suffixes,
            suffixes_by_last,
            suffix_last_chars,
            particles: Particles::new(rules),
            org_kinds: rules.rows("org_kind_nouns.txt").map(|r| r.get(0)).collect(),
            bound_nouns: rules.rows("bound_nouns.txt").map(|r| r.get(0)).collect(),
            unit_suffixes: rules.rows("unit_suffixes.txt").map(|r| r.get(0)).collect(),
            product_cues: rules.rows("product_cues.txt").map(|r| r.get(0)).collect(),
            name_particles: rules.rows("name_particles.txt").map(|r| r.get(0)).collect(),
            unit_endings: rules.rows("unit_endings.txt").map(|r| r.get(0)).collect(),
            academic_words: rules.rows("academic_words.txt").map(|r| r.get(0)).collect(),
            country_abbreviations: rules
                .rows("country_abbreviations.tsv")
                .filter(|r| r.get(1) != "-")
                .filter_map(|r| {
                    let c = r.get(0).chars().next()?;
                    Some((c, (r.get(1), r.get(2) == "glued")))
                })
                .collect(),
            not_country_groups: rules
                .rows("country_abbreviations.tsv")
                .filter(|r| r.get(1) == "-")
                .map(|r| r.get(0))
                .collect(),
            country_names: rules
                .rows("places.tsv")
                .filter(|r| r.get(1) == "country")
                .flat_map(|r| {
                    let name = r.get(0);
                    std::iter::once(name)
                        .chain(r.list(2))
                        .map(move |a| (a, name))
                })
                .collect(),
            country_group_nouns: rules
                .rows("country_group_nouns.txt")
                .map(|r| r.get(0))
                .collect(),
        })
    }

    /// Does `word` end in a syllable of a verb form or particle (`verb_endings.txt`)?
    #[inline]
    /// The class of a title (`titles.tsv`: business, government, politics …).
    pub(super) fn title_class(&self, title: &str) -> Option<&'static str> {
        self.title_classes.get(title).copied()
    }

    pub(super) fn ends_like_a_verb(&self, word: &str) -> bool {
        word.chars()
            .next_back()
            .is_some_and(|c| self.verb_endings.contains(c))
    }

    /// The particle table (shared with the relation stage).
    pub fn particles(&self) -> &Particles {
        &self.particles
    }
}

/// The titles of two or more characters by their first two and by their last two.
#[allow(clippy::type_complexity)]
fn titles_by_ends(
    titles: &HashSet<&'static str>,
) -> (
    rustc_hash::FxHashMap<(char, char), Vec<&'static str>>,
    rustc_hash::FxHashMap<(char, char), Vec<&'static str>>,
) {
    let mut by_head: rustc_hash::FxHashMap<(char, char), Vec<&'static str>> = Default::default();
    let mut by_tail: rustc_hash::FxHashMap<(char, char), Vec<&'static str>> = Default::default();
    for &t in titles {
        let mut cs = t.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            by_head.entry((a, b)).or_default().push(t);
        }
        let mut cs = t.chars().rev();
        if let (Some(z), Some(y)) = (cs.next(), cs.next()) {
            by_tail.entry((y, z)).or_default().push(t);
        }
    }
    (by_head, by_tail)
}

/// The surnames of one syllable, those of two, and the first syllables of the latter.
fn surnames(rules: &RuleSet) -> (CharSet, HashSet<&'static str>, CharSet) {
    let mut one = CharSet::default();
    let mut two_first = CharSet::default();
    let mut two = HashSet::default();
    for r in rules.rows("surnames.txt") {
        let s = r.get(0);
        let mut cs = s.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(c), None, _) => {
                one.insert(c);
            }
            (Some(c), Some(_), None) => {
                two.insert(s);
                two_first.insert(c);
            }
            _ => {}
        }
    }
    (one, two, two_first)
}

/// The first character of each line of a one-syllable table.
fn first_chars(rules: &RuleSet, table: &str) -> CharSet {
    rules
        .rows(table)
        .filter_map(|r| r.get(0).chars().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn surnames_of_one_and_two_syllables_are_kept_apart() {
        let r = WordRules::new(&RuleSet::builtin().unwrap()).unwrap();
        assert!(r.surnames1.contains('김') && !r.surnames1.contains('밥'));
        assert!(!r.surnames2.contains("김") && !r.surnames2.contains("밥상"));
        assert!(r.surnames2.contains("남궁") && r.surnames2_first.contains('남'));
        assert!(r.particles().is_tail("에게는") && !r.particles().is_tail("사과"));
        assert!(r.not_surnames.contains("해당") && !r.not_surnames.contains("박"));
        assert!(
            r.ends_like_a_verb("앞두고") && !r.ends_like_a_verb("브릭") && !r.ends_like_a_verb("")
        );
        assert!(r.function_syllables.contains("및") && !r.function_syllables.contains("쿤"));
        assert!(r.foreign_not_endings.contains('팀') && !r.foreign_not_endings.contains('스'));
        assert!(r.noun_suffixes.contains('장') && !r.noun_suffixes.contains('준'));
        assert!(r.titles.contains("사장") && r.title_first_words.contains("최고"));
    }
}
