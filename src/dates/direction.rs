//! Direction: where a date lies from the time of writing, as the words say it (지난, 오는,
//! 전, 후; the sign of a relative word's offset), and whether a sentence speaks of the future
//! (예정, 계획, 할 것 …), which decides the month of a bare day.

use std::sync::LazyLock;

use super::digits::{DigitDate, DigitForm};
use super::relative::Rel;

/// Words that put a sentence in the future (40 words, searched as words: no regex).
static FUTURE: LazyLock<crate::rules::Pattern> = LazyLock::new(|| {
    crate::rules::Pattern::new(
        r"예정|계획|방침|(ㄹ|할|될|갈|올|날|릴|을) (것|계획|예정|방침)|하기로|키로|전망|까지|앞두",
        file!(),
    )
    .expect("static pattern")
});

/// Builds the future cues now (they are otherwise built on first use).
pub(super) fn warm_up() {
    LazyLock::force(&FUTURE);
}

/// Does sentence `s` speak of the future?
pub(super) fn speaks_of_future(s: &str) -> bool {
    FUTURE.is_match(s)
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
    fn future_cues() {
        assert!(speaks_of_future("내달 착공할 계획이다"));
        assert!(speaks_of_future("연말까지 마무리한다"));
        assert!(speaks_of_future("개장을 앞두고"));
        assert!(!speaks_of_future("어제 문을 열었다"));
        assert!(!speaks_of_future("계 획"));
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
