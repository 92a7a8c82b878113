//! Bounds on the work per sentence and per event, far above what news holds (the most in
//! the 4,355 articles of the development corpus: 19 people in one sentence, 8 participants
//! in one meeting), so that a crafted sentence costs time linear in its length. Past a
//! bound the article's `warnings` say what was left out ([`Bounds`]).

/// The mentions of one type (people, organizations, places, products) of one sentence that
/// are looked at: the first ones, in text order.
pub const MAX_SLOTS: usize = 256;
/// Participants of one meeting.
pub const MAX_PARTICIPANTS: usize = 16;
/// Meetings one sentence yields (`A는 B, C, D와 각각 만났다`: three).
pub const MAX_MEETINGS_PER_SENTENCE: usize = 32;
/// Partnership pairs one sentence yields.
pub const MAX_PAIRS_PER_SENTENCE: usize = 256;
/// Earlier events of the same participants that a new one is compared with to merge (the
/// most recent ones): past it, an event told again is listed again rather than merged.
pub const MAX_MERGE_CANDIDATES: usize = 64;

/// Where the bounds on the work cut something short (sentence indices).
#[derive(Default)]
pub(super) struct Bounds {
    pub(super) slots: Vec<usize>,
    pub(super) participants: Vec<usize>,
    pub(super) meetings: Vec<usize>,
    pub(super) pairs: Vec<usize>,
    pub(super) missed_merges: bool,
}

impl Bounds {
    pub(super) fn warn(mut self, warnings: &mut Vec<String>) {
        let mut say = |v: &mut Vec<usize>, what: String| {
            if v.is_empty() {
                return;
            }
            v.sort_unstable();
            v.dedup();
            let list: Vec<String> = v.iter().take(5).map(|i| i.to_string()).collect();
            let more = if v.len() > 5 { ", …" } else { "" };
            warnings.push(format!(
                "{what} (sentence {}{more}): events there may be incomplete",
                list.join(", ")
            ));
        };
        say(
            &mut self.slots,
            format!(
                "more than {MAX_SLOTS} names of one kind in a sentence; only the first {MAX_SLOTS} were read for events"
            ),
        );
        say(
            &mut self.participants,
            format!(
                "a meeting of more than {MAX_PARTICIPANTS} participants; only the first {MAX_PARTICIPANTS} were kept"
            ),
        );
        say(
            &mut self.meetings,
            format!(
                "more than {MAX_MEETINGS_PER_SENTENCE} meetings in a sentence; only the first {MAX_MEETINGS_PER_SENTENCE} were kept"
            ),
        );
        say(
            &mut self.pairs,
            format!(
                "more than {MAX_PAIRS_PER_SENTENCE} partnerships in a sentence; only the first {MAX_PAIRS_PER_SENTENCE} were kept"
            ),
        );
        if self.missed_merges {
            warnings.push(format!(
                "more than {MAX_MERGE_CANDIDATES} separate events of the same participants: some events told again may be listed twice"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_reached_is_one_warning_naming_the_sentences() {
        let mut warnings = Vec::new();
        Bounds::default().warn(&mut warnings);
        assert!(warnings.is_empty());
        let b = Bounds {
            pairs: vec![9, 3, 3, 1, 2, 4, 5],
            missed_merges: true,
            ..Default::default()
        };
        b.warn(&mut warnings);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("(sentence 1, 2, 3, 4, 5, …)"),
            "{}",
            warnings[0]
        );
        assert!(warnings[1].contains("listed twice"));
    }
}
