//! Direction: where a date lies from the time of writing, as the words say it (지난, 오는,
//! 전, 후; the sign of a relative word's offset), and whether a sentence speaks of the future
//! (예정, 계획, 할 것 …), which decides the month of a bare day.

use super::digits::{DigitDate, DigitForm};
use super::relative::Rel;
use crate::rules::{Pattern, RuleError, RuleSet};

/// The cues of `future_cues.txt` as one search for any of them (a list of words, no regex).
pub(super) fn future_cues(rules: &RuleSet) -> Result<Pattern, RuleError> {
    let cues: Vec<String> = rules
        .rows("future_cues.txt")
        .map(|r| regex::escape(r.get(0)))
        .collect();
    Pattern::new(&cues.join("|"), "future_cues.txt")
}

/// Does sentence `s` speak of the future (does it hold one of the `future` cues)?
pub(super) fn speaks_of_future(future: &Pattern, s: &str) -> bool {
    future.is_match(s)
}

/// The direction of a date written with digits: behind after 지난 or before 전, ahead after
/// 오는 or before 후 and 뒤, else unsaid.
pub(super) fn digit_direction(c: &DigitDate<'_>) -> Option<i8> {
    let dir = match c.form {
        DigitForm::Ago { dir, .. } => Some(dir),
        _ => None,
    };
    match (c.pre, dir) {
        (Some("지난"), _) | (_, Some("전")) => Some(-1),
        (Some("오는"), _) | (_, Some(_)) => Some(1),
        _ => None,
    }
}

/// The direction of a relative date word: the sign of its offset in days, weeks, months or
/// years (이날, holidays, durations and sets say none).
pub(super) fn word_direction(rel: &Rel) -> Option<i8> {
    match rel {
        Rel::Day(n) | Rel::Week(n) => Some(n.signum() as i8),
        Rel::Month(n) | Rel::Year(n) => Some(n.signum() as i8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::digits::digit_dates;
    use super::*;

    #[test]
    fn future_cues_of_the_table() {
        let cues = future_cues(&RuleSet::builtin().unwrap()).unwrap();
        let future = |s: &str| speaks_of_future(&cues, s);
        assert!(future("내달 착공할 계획이다"));
        assert!(future("연말까지 마무리한다"));
        assert!(future("개장을 앞두고"));
        assert!(future("곧 문을 열 예정"));
        assert!(!future("어제 문을 열었다"));
        assert!(!future("계 획"));
        assert!(!future(""));
    }

    #[test]
    fn directions_of_digit_dates() {
        let dir = |s: &str| digit_direction(&digit_dates(s)[0]);
        assert_eq!(dir("지난 4일"), Some(-1));
        assert_eq!(dir("오는 4일"), Some(1));
        assert_eq!(dir("2주 전"), Some(-1));
        assert_eq!(dir("6개월 뒤"), Some(1));
        assert_eq!(dir("4일"), None);
        assert_eq!(dir("2031년"), None);
    }

    #[test]
    fn directions_of_words() {
        assert_eq!(word_direction(&Rel::Year(-1)), Some(-1));
        assert_eq!(word_direction(&Rel::Week(0)), Some(0));
        assert_eq!(word_direction(&Rel::Day(2)), Some(1));
        assert_eq!(word_direction(&Rel::Anchor(-1)), None);
        assert_eq!(word_direction(&Rel::Set), None);
    }
}
