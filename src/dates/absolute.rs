//! Absolute dates: the dates written with digits ([`super::digits`]) turned into mentions
//! with a TIMEX3 value. A full date is its own value; a month-day, a bare month or a bare
//! day takes its year (and month) from the reference date, in the direction the sentence
//! speaks ([`super::direction`]).

use super::digits::{DigitDate, DigitForm, digit_dates};
use super::direction::{digit_direction, speaks_of_future};
use super::timex::{bare_day, month_day, with_mod};
use super::{DateMention, Grain, Ymd};
use crate::rules::Pattern;

/// The dates written with digits in sentence `si` (`s` its text, `base` its offset).
pub(super) fn absolute_dates(
    future_cues: &Pattern,
    s: &str,
    base: usize,
    si: usize,
    reference: Option<Ymd>,
) -> Vec<DateMention> {
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    // does the sentence speak of the future? (asked only for a bare month-day or day)
    let future_cell = std::cell::OnceCell::new();
    let future = || *future_cell.get_or_init(|| speaks_of_future(future_cues, s));
    let mut out = Vec::new();
    for c in digit_dates(s) {
        if !stands_alone(s, &c) {
            continue;
        }
        let Some((mut value, mut day, mut rule)) = value_of(&c, reference, &future) else {
            continue;
        };
        let mut start = c.start;
        if let (DigitForm::Day { d }, Some(from)) = (&c.form, nights_before(s, c.start)) {
            // 1박 2일: a stay of two days, not the second of the month
            (value, day, rule, start) = (Some(format!("P{d}D")), None, "date/duration", from);
        }
        let grain = match c.form {
            DigitForm::Year { modifier: None, .. } => Grain::Year,
            DigitForm::Month { modifier: None, .. }
            | DigitForm::YearMonth { modifier: None, .. } => Grain::Month,
            _ => Grain::Other,
        };
        out.push(DateMention {
            start: base + start,
            end: base + c.end,
            sentence: si,
            value,
            rule: rule.into(),
            day,
            anchor_shift: None,
            grain,
            direction: digit_direction(&c),
        });
    }
    out
}

/// Where `N박` (nights, with an optional blank after it) ends right before byte `at`: the
/// day count that follows is the length of a stay (`1박 2일`, `3박4일`), not a day of a month.
fn nights_before(s: &str, at: usize) -> Option<usize> {
    let head = s[..at].trim_end_matches([' ', '\t']);
    let head = head.strip_suffix('박')?.trim_end_matches([' ', '\t']);
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let from = head.len() - digits;
    let glued = head[..from]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric());
    (1..=2)
        .contains(&digits)
        .then_some(())
        .filter(|_| !glued)
        .map(|_| from)
}

/// Is the match a date of its own: not glued to a number or word before it (`v2.2024`),
/// not `10년 만에` (a span of time), not followed by 간, 동안 or a letter or digit?
fn stands_alone(s: &str, c: &DigitDate<'_>) -> bool {
    let digit_glued = s[..c.start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',');
    let years_since = c.text.ends_with('년') && s[c.end..].trim_start().starts_with('만');
    !digit_glued && !years_since && ok_after(s, c.end)
}

/// A date may be followed by particles or punctuation, not by 간 or 동안 (a duration) nor by
/// an ASCII letter or digit.
fn ok_after(s: &str, e: usize) -> bool {
    let rest: String = s[e..].chars().take(2).collect();
    !(rest.starts_with('간')
        || rest.starts_with("동안")
        || rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

/// A value, the full day when there is one, and the rule; None when the match is no date
/// after all (2024.02.31, 13월, 0일).
type Resolved = (Option<String>, Option<Ymd>, &'static str);

/// The value of one match against the reference date.
fn value_of(
    c: &DigitDate<'_>,
    reference: Option<Ymd>,
    future: &impl Fn() -> bool,
) -> Option<Resolved> {
    let num = |x: &str| x.parse::<i64>().ok();
    let pre = c.pre;
    Some(match c.form {
        DigitForm::Ymd { y, m, d, .. } => {
            let (y, mo, d) = (num(y)?, num(m)?, num(d)?);
            let x = Ymd::parse(&format!("{y}-{mo}-{d}"))?;
            (Some(x.to_iso()), Some(x), "date/ymd")
        }
        DigitForm::YearMonth { y, m, .. } => {
            let (y, mo) = (num(y)?, num(m)?);
            (1..=12).contains(&mo).then_some(())?;
            (Some(format!("{y:04}-{mo:02}")), None, "date/ym")
        }
        DigitForm::MonthDay { m, d } => {
            let (mo, d) = (num(m)?, num(d)?);
            let (v, day) = month_day(reference, pre, mo as u32, d as u32, future());
            let exists = || Ymd::parse(&format!("2000-{mo}-{d}")).is_some();
            (v.is_some() || day.is_some() || exists()).then_some(())?;
            (v, day, "date/md")
        }
        DigitForm::Decade { first3 } => (Some(format!("{:03}", num(first3)?)), None, "date/decade"),
        DigitForm::Year { y, modifier } => {
            let y = num(y)?;
            (1900..=2100).contains(&y).then_some(())?;
            let v = match modifier.map(|x| x.replace(' ', "")) {
                Some(md) => with_mod(y as i32, &md),
                None => format!("{y}"),
            };
            (Some(v), None, "date/y")
        }
        DigitForm::Month { m, .. } => (month_of(num(m)?, pre, reference)?, None, "date/m"),
        DigitForm::Day { d } => {
            let d = num(d)?;
            (1..=31).contains(&d).then_some(())?;
            let (v, day) = bare_day(reference, pre, d as u32, future());
            (v, day, "date/d")
        }
        DigitForm::ShortDecade { tens } => (Some(format!("19{}", num(tens)?)), None, "date/decade"),
        DigitForm::SchoolYear { y } => (Some(format!("{}", num(y)?)), None, "date/school_year"),
        DigitForm::Duration { n, unit, then } => {
            (Some(duration(n, unit, then)?), None, "date/duration")
        }
        DigitForm::Days { n } => (Some(format!("P{}D", num(n)?)), None, "date/duration"),
        DigitForm::Ago { n, unit, dir } => (ago(num(n)?, unit, dir, reference), None, "date/ago"),
    })
}

/// A bare month (3월): in the reference year, the year before after 지난 when the month is
/// not yet past, the year after after 오는 when it is; `XXXX-MM` without a reference date.
fn month_of(mo: i64, pre: Option<&str>, reference: Option<Ymd>) -> Option<Option<String>> {
    (1..=12).contains(&mo).then_some(())?;
    Some(Some(match reference {
        Some(r) => {
            let mut y = r.y;
            if pre == Some("지난") && mo as u32 >= r.m {
                y -= 1;
            } else if pre == Some("오는") && (mo as u32) < r.m {
                y += 1;
            }
            format!("{y:04}-{mo:02}")
        }
        None => format!("XXXX-{mo:02}"),
    }))
}

/// A duration: 10년, 7개월, 5일간, 1년6개월 (TIMEX3 P10Y, P7M, P5D, P1Y6M); None for zero.
fn duration(n: &str, unit: &str, then: Option<(&str, &str)>) -> Option<String> {
    if n.parse::<f64>().map_or(true, |x| x <= 0.0) {
        return None;
    }
    let unit_letter = |u: &str| match u {
        "년" => "Y",
        "개월" => "M",
        "주" | "주일" => "W",
        _ => "D",
    };
    let mut v = format!("P{}{}", n, unit_letter(unit));
    if let Some((n2, u2)) = then {
        v.push_str(&format!("{}{}", n2, unit_letter(u2)));
    }
    Some(v)
}

/// `n` units before (전) or after (후, 뒤) the reference date: a year, a month, an ISO week
/// or a day.
fn ago(n: i64, unit: &str, dir: &str, reference: Option<Ymd>) -> Option<String> {
    let sign = if dir == "전" { -1 } else { 1 };
    reference.map(|r| match unit {
        "년" => format!("{}", r.y + sign * n as i32),
        "개월" | "달" => {
            let (y, mo) = r.add_months(sign * n as i32);
            format!("{y:04}-{mo:02}")
        }
        "주" => r.add_days(sign as i64 * 7 * n).iso_week(),
        _ => r.add_days(sign as i64 * n).to_iso(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str, reference: &str) -> Vec<(String, Option<String>, String)> {
        let cues = super::super::direction::future_cues(&crate::rules::RuleSet::builtin().unwrap());
        absolute_dates(&cues.unwrap(), s, 0, 0, Ymd::parse(reference))
            .into_iter()
            .map(|d| (s[d.start..d.end].to_string(), d.value, d.rule))
            .collect()
    }

    fn value(s: &str, reference: &str) -> String {
        found(s, reference)[0].1.clone().unwrap_or_default()
    }

    #[test]
    fn full_dates_are_their_own_value() {
        assert_eq!(
            found("1999년 12월 31일 자정", "2030-06-15")[0],
            (
                "1999년 12월 31일".into(),
                Some("1999-12-31".into()),
                "date/ymd".into()
            )
        );
        assert_eq!(value("2028/3/9 공시", "2030-06-15"), "2028-03-09");
        assert_eq!(value("2031년 하반기 착공", "2030-06-15"), "2031-H2");
        assert_eq!(value("2029년 4분기에", "2030-06-15"), "2029-Q4");
        assert_eq!(value("1980년대 후반", "2030-06-15"), "198");
        assert_eq!(value("2030학년도 입시", "2030-06-15"), "2030");
    }

    #[test]
    fn months_and_days_take_the_reference_year() {
        let r = "2030-06-15";
        assert_eq!(value("9월 개강", r), "2030-09");
        assert_eq!(value("지난 8월 열린", r), "2029-08");
        assert_eq!(value("오는 2월 완공", r), "2031-02");
        assert_eq!(value("7월 4일 독립기념일", r), "2030-07-04");
        assert_eq!(value("12일 발표했다", r), "2030-06-12");
        assert_eq!(value("2년 뒤", r), "2032");
        assert_eq!(value("3주 전", r), "2030-W21");
        // no reference date: the unknown parts are X
        assert_eq!(value("9월 개강", "none"), "XXXX-09");
        assert_eq!(found("2년 뒤", "none")[0].1, None);
    }

    #[test]
    fn durations() {
        let r = "2030-06-15";
        assert_eq!(value("석 달, 즉 3개월 동안", r), "P3M");
        assert_eq!(value("2.5년 걸린", r), "P2.5Y");
        assert_eq!(value("45일간 파업", r), "P45D");
        assert_eq!(value("1박 2일 일정으로", r), "P2D");
        assert_eq!(value("3박4일간", r), "P4D");
        assert_eq!(found("1박 2일 일정으로", r)[0].0, "1박 2일");
    }

    #[test]
    fn numbers_that_are_not_dates_give_nothing() {
        let r = "2030-06-15";
        for s in [
            "2030.02.30 입력",
            "13월의 월급",
            "32일",
            "5년 만에 재회",
            "A380기 20대",
            "v1.2030년",
            "0개월",
            "1.7 리터",
        ] {
            assert!(found(s, r).is_empty(), "{s:?}: {:?}", found(s, r));
        }
    }
}
