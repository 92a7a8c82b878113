//! Relative dates: the words of `date_words.tsv` (지난달, 내년, 다음 주, 이날, 어린이날,
//! 열흘, 매년), with the modifier that may follow them (내년 상반기, 이달 말, 올해 3분기),
//! resolved against the reference date.

use super::direction::word_direction;
use super::timex::with_mod;
use super::{DateMention, DateRules, Grain, Ymd, err};
use crate::rules::{Row, RuleError};

/// What a date word means (the unit and offset columns of `date_words.tsv`).
#[derive(Debug, Clone)]
pub(super) enum Rel {
    /// Days from the reference date (어제 = -1).
    Day(i64),
    /// Days from the day the article is about (이날 = 0, 전날 = -1).
    Anchor(i64),
    /// Weeks from the reference date's week.
    Week(i64),
    /// Months from the reference date's month.
    Month(i32),
    /// Years from the reference date's year.
    Year(i32),
    /// A yearly day (어린이날 = 05-05); None for lunar holidays (설, 추석).
    Holiday(Option<(u32, u32)>),
    /// A duration in days, weeks, months or years (하루 = P1D, 열흘 = P10D).
    Span(String),
    /// A recurring time (매년, 매주): TIMEX3 set, value null.
    Set,
}

impl Rel {
    /// The meaning of one row of `date_words.tsv`.
    pub(super) fn of_row(r: &Row) -> Result<Rel, RuleError> {
        let n = r.get(2);
        Ok(match (r.get(1), n) {
            ("day", x) if x.starts_with("anchor") => {
                let n = x.trim_start_matches("anchor");
                Rel::Anchor(if n.is_empty() {
                    0
                } else {
                    parse_n(n.trim_start_matches('+'), &r.origin())?
                })
            }
            ("day", x) => Rel::Day(parse_n(x, &r.origin())?),
            ("week", x) => Rel::Week(parse_n(x, &r.origin())?),
            ("month", x) => Rel::Month(parse_n(x, &r.origin())? as i32),
            ("year", x) => Rel::Year(parse_n(x, &r.origin())? as i32),
            ("holiday", "lunar") => Rel::Holiday(None),
            ("holiday", x) => {
                let md = x
                    .split_once('-')
                    .and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)));
                match md {
                    Some(md) => Rel::Holiday(Some(md)),
                    None => {
                        let msg = format!("holiday {x:?} is not MM-DD or lunar");
                        return Err(err(&r.origin(), msg));
                    }
                }
            }
            ("duration", x) if x.starts_with('P') => Rel::Span(x.to_string()),
            ("set", _) => Rel::Set,
            (u, _) => {
                return Err(err(
                    &r.origin(),
                    format!(
                        "unknown unit {u:?}; use day, week, month, year, holiday, duration or set"
                    ),
                ));
            }
        })
    }
}

/// An offset of at most 1000 units.
fn parse_n(x: &str, origin: &str) -> Result<i64, RuleError> {
    match x.parse::<i64>() {
        Ok(n) if n.abs() <= 1000 => Ok(n),
        Ok(_) => Err(err(
            origin,
            format!("offset {x} is out of range (-1000 to 1000)"),
        )),
        Err(_) => Err(err(origin, format!("offset {x:?} is not a number"))),
    }
}

/// A modifier right after a date word: 내년 상반기, 이달 말, 올해 3분기.
/// The modifier (상반기, 3분기, 말 …) at the start of `s`, after at most one space or tab:
/// its byte length with the blank, the first listed modifier that fits winning.
fn word_mod(s: &str) -> Option<usize> {
    let rest = s.strip_prefix([' ', '\t']).unwrap_or(s);
    let blank = s.len() - rest.len();
    // 1분기 … 4분기, a blank allowed before 분기
    let quarter = || {
        let q = rest.strip_prefix(['1', '2', '3', '4'])?;
        let q = q.strip_prefix([' ', '\t']).unwrap_or(q);
        q.starts_with("분기")
            .then(|| rest.len() - q.len() + "분기".len())
    };
    let word = |w: &str| rest.starts_with(w).then_some(w.len());
    word("상반기")
        .or_else(|| word("하반기"))
        .or_else(quarter)
        .or_else(|| {
            ["연말", "연초", "초순", "중순", "하순", "초", "말", "중"]
                .iter()
                .find_map(|w| word(w))
        })
        .map(|len| blank + len)
}

fn word_boundary_before(s: &str, i: usize) -> bool {
    !s[..i]
        .chars()
        .next_back()
        .is_some_and(crate::morph::is_alnum)
}

/// The longest date word at each word start of `s`, words inside a longer one skipped: the
/// start, end and name index of each.
fn longest_words(
    rules: &DateRules,
    s: &str,
    base: usize,
    starts: Option<&[(usize, char)]>,
) -> Vec<(usize, usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let words = match starts {
        Some(starts) => rules.words.find_in_piece(s, base, starts),
        None => rules.words.find(s, crate::morph::is_alnum),
    };
    for (ws, we, k) in words {
        match found.last_mut() {
            Some(last) if last.0 == ws => {
                if we > last.1 {
                    *last = (ws, we, k);
                }
            }
            Some(last) if ws < last.1 => {}
            _ => found.push((ws, we, k)),
        }
    }
    found
}

/// Adds the date words of sentence `si` to `out` (which holds its dates written with
/// digits): those that stand as a word of their own, perhaps with a particle after them,
/// and overlap no date found before.
pub(super) fn relative_dates(
    rules: &DateRules,
    s: &str,
    base: usize,
    si: usize,
    reference: Option<Ymd>,
    starts: Option<&[(usize, char)]>,
    out: &mut Vec<DateMention>,
) {
    for (ws, we, k) in longest_words(rules, s, base, starts) {
        // the rest of the word must be a particle or nothing (이날은, 내년에는), so that 설 is
        // not found in 설명 nor 올 in 올려
        let particle_after = |end: usize| {
            let rest: String = s[end..]
                .chars()
                .take_while(|c| crate::morph::is_alnum(*c))
                .collect();
            rest.is_empty()
                || rules.particles.contains(&rest.as_str())
                || rest.starts_with(|c: char| c.is_ascii_digit())
        };
        // the word, and the modifier after it when there is one (`end` after both)
        let mod_len = word_mod(&s[we..]);
        let mut end = we + mod_len.unwrap_or(0);
        let mut md = mod_len.map(|n| s[we..we + n].replace([' ', '\t'], ""));
        if md.is_some() && !particle_after(end) {
            // 지난달 말했다: the modifier was the start of the next word
            md = None;
            end = we;
        }
        let overlaps = out
            .iter()
            .any(|d| d.start < base + end && base + ws < d.end);
        if !word_boundary_before(s, ws) || overlaps || !particle_after(end) {
            continue;
        }
        let (word, rel, origin) = &rules.table[rules.word_row[k]];
        let key: String = word.chars().filter(|c| !c.is_whitespace()).collect();
        if key == "올" && md.is_none() {
            continue; // 올 alone is not a date (올 상반기, 올 초 are)
        }
        let (value, day) = word_value(rel, reference, md.as_deref());
        // the span takes the modifier along when it changes the value or ends the time
        let with_modifier = matches!(rel, Rel::Year(_))
            || md
                .as_deref()
                .is_some_and(|x| matches!(x, "초" | "말" | "초순" | "중순" | "하순"));
        // a bare relative year or month can take the month or day that follows (지난달 30일)
        let grain = match (rel, &md) {
            (Rel::Year(_), None) => Grain::Year,
            (Rel::Month(_), None) => Grain::Month,
            _ => Grain::Other,
        };
        out.push(DateMention {
            start: base + ws,
            end: base + if with_modifier { end } else { we },
            sentence: si,
            value,
            rule: origin.clone(),
            day,
            anchor_shift: if let Rel::Anchor(n) = rel {
                Some(*n)
            } else {
                None
            },
            grain,
            direction: word_direction(rel),
        });
    }
}

/// The value of a date word (and its modifier) against the reference date, and its day
/// when it names one. 이날 and its kin are resolved later, in text order.
fn word_value(
    rel: &Rel,
    reference: Option<Ymd>,
    md: Option<&str>,
) -> (Option<String>, Option<Ymd>) {
    match (rel, reference) {
        (Rel::Day(n), Some(r)) => {
            let d = r.add_days(*n);
            (Some(d.to_iso()), Some(d))
        }
        (Rel::Anchor(_), _) => (None, None),
        (Rel::Holiday(Some((mo, d))), r) => match r {
            Some(r) => (
                Ymd::parse(&format!("{}-{mo}-{d}", r.y)).map(|x| x.to_iso()),
                None,
            ),
            None => (Some(format!("XXXX-{mo:02}-{d:02}")), None),
        },
        (Rel::Span(p), _) => (Some(p.clone()), None),
        (Rel::Week(n), Some(r)) => (Some(r.add_days(7 * n).iso_week()), None),
        (Rel::Month(n), Some(r)) => {
            let (y, mo) = r.add_months(*n);
            (Some(format!("{y:04}-{mo:02}")), None)
        }
        (Rel::Year(n), Some(r)) => {
            let y = r.y + n;
            let v = match md {
                Some(x) => with_mod(y, x),
                None => format!("{y}"),
            };
            (Some(v), None)
        }
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use regex::Regex;

    /// The modifier reader against the regex it replaces, on every modifier with what can
    /// come before and after it.
    #[test]
    fn word_mod_reader_agrees_with_its_regex() {
        let re = Regex::new(
            r"^[ \t]?(?:상반기|하반기|[1-4][ \t]?분기|연말|연초|초순|중순|하순|초|말|중)",
        )
        .unwrap();
        let mut n = 0;
        for head in ["", " ", "\t", "  ", " \t", "x"] {
            for body in [
                "상반기",
                "하반기",
                "1분기",
                "4 분기",
                "5분기",
                "2\t분기",
                "3  분기",
                "3",
                "분기",
                "연말",
                "연초",
                "초순",
                "중순",
                "하순",
                "초",
                "말",
                "중",
                "상반",
                "연",
                "",
            ] {
                for tail in ["", "에", " 이후", "순", "기"] {
                    let t = format!("{head}{body}{tail}");
                    let want = re.find(&t).map(|m| m.end());
                    assert_eq!(word_mod(&t), want, "{t:?}");
                    n += usize::from(want.is_some());
                }
            }
        }
        assert!(n > 150, "{n} matches");
    }

    fn found(s: &str, reference: &str) -> Vec<(String, Option<String>)> {
        let rules = DateRules::new(&RuleSet::builtin().unwrap()).unwrap();
        let mut out = Vec::new();
        relative_dates(&rules, s, 0, 0, Ymd::parse(reference), None, &mut out);
        out.into_iter()
            .map(|d| (s[d.start..d.end].to_string(), d.value))
            .collect()
    }

    #[test]
    fn words_against_the_reference_date() {
        let r = "2031-11-05";
        assert_eq!(
            found("작년 가을", r),
            [("작년".into(), Some("2030".into()))]
        );
        assert_eq!(found("다음주에 발표", r)[0].1.as_deref(), Some("2031-W46"));
        assert_eq!(
            found("이달 말 출시", r),
            [("이달 말".into(), Some("2031-11".into()))]
        );
        assert_eq!(
            found("내년 하반기부터", r)[0],
            ("내년 하반기".into(), Some("2032-H2".into()))
        );
        assert_eq!(found("모레 귀국", r)[0].1.as_deref(), Some("2031-11-07"));
        // without a reference date the value stays unknown, the span is found
        assert_eq!(found("작년 가을", "none"), [("작년".into(), None)]);
    }

    #[test]
    fn words_inside_other_words_give_nothing() {
        let r = "2031-11-05";
        for s in [
            "설계를 마쳤다",
            "올리브유",
            "내일러",
            "명일동 주민",
            "지난한 과정",
        ] {
            assert!(found(s, r).is_empty(), "{s:?}: {:?}", found(s, r));
        }
        // a modifier glued to the next word is left out: 작년 말했다 is 작년
        assert_eq!(
            found("작년 말했다", r),
            [("작년".into(), Some("2030".into()))]
        );
    }
}
