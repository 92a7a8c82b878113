//! Dates: every temporal expression of a sentence, with a TIMEX3 value resolved against the
//! reference date (`--date`, the record's date, or a dateline found in the text).
//!
//! Values: `2024-02-21` (day), `2024-02` (month), `2024` (year), `2024-W09` (ISO week),
//! `2024-H2` (half), `2024-Q3` (quarter), `201` (decade, for 2010년대). Parts that cannot be
//! resolved are `X` (`XXXX-XX-21`); a relative expression without a reference date is null.
//! Bare day numbers (21일) take the month of the reference date, or the month before when
//! the day lies ahead and the sentence speaks of the past (and vice versa for 오는 N일).

mod absolute;
mod cursor;
mod dateline;
mod digits;
#[cfg(test)]
mod digits_oracle;
mod direction;
mod join;
mod relative;
mod timex;

use crate::gazetteer::Gazetteer;
use crate::rules::{RuleError, RuleSet};

pub use dateline::dateline;
pub use timex::value_range;

use relative::Rel;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
}

impl Ymd {
    /// Parses `YYYY-MM-DD` (also with `.` or `/`), rejecting impossible dates.
    pub fn parse(s: &str) -> Option<Ymd> {
        let parts: Vec<&str> = s.trim().split(['-', '.', '/']).collect();
        if parts.len() != 3 {
            return None;
        }
        let y: i32 = parts[0].parse().ok()?;
        if !(1..=9999).contains(&y) {
            return None; // keeps date arithmetic far from overflow
        }
        let m = parts[1].parse().ok()?;
        let d = parts[2].parse().ok()?;
        (1..=12).contains(&m).then_some(())?;
        (d >= 1 && d <= days_in_month(y, m)).then_some(Ymd { y, m, d })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        // days since 1970-01-01 (civil from days, H. Hinnant)
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    fn from_days(z: i64) -> Ymd {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Ymd {
            y: (y + i64::from(m <= 2)) as i32,
            m,
            d,
        }
    }

    /// The date `n` days later.
    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    fn add_months(self, n: i32) -> (i32, u32) {
        let total = self.y * 12 + self.m as i32 - 1 + n;
        (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
    }

    /// ISO 8601 week `YYYY-Www`.
    pub fn iso_week(self) -> String {
        let wd = (self.days() + 3).rem_euclid(7); // 0 = Monday
        let thursday = self.add_days(3 - wd);
        let jan1 = Ymd {
            y: thursday.y,
            m: 1,
            d: 1,
        };
        let week = (thursday.days() - jan1.days()) / 7 + 1;
        format!("{}-W{:02}", thursday.y, week)
    }

    /// `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

pub(super) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// A temporal expression found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Sentence index.
    pub sentence: usize,
    /// TIMEX3 value, or None when it cannot be resolved.
    pub value: Option<String>,
    /// The rule that found it.
    pub rule: String,
    /// The full day it denotes, when it denotes one (anchor for 이날, 전날).
    pub day: Option<Ymd>,
    /// For 이날 (0), 전날 (-1), 다음날 (1): days from the anchor, resolved in text order.
    pub anchor_shift: Option<i64>,
    /// Whether it names a bare year or month that a following month or day can refine.
    pub grain: Grain,
    /// Where the text itself puts it from the time of writing, whether or not a reference
    /// date resolves it: 1 ahead (다음 주, 오는 28일, 내년, 3일 후), -1 behind (지난달, 어제,
    /// 지난 3일, 2년 전), 0 now (이번 주, 오늘), None when the words do not say (28일, 3월).
    pub direction: Option<i8>,
}

/// The unit a date expression can be refined in (지난해 + 3월, 지난달 + 13일).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    /// A bare year (2019년, 지난해).
    Year,
    /// A bare month (3월, 지난달).
    Month,
    /// Anything else.
    Other,
}

/// Compiled date rules.
pub struct DateRules {
    /// Every date word as written (a space in a table word may be a space, a tab or
    /// nothing), found where words start.
    words: Gazetteer,
    /// For each name of `words`, its row in `table`.
    word_row: Vec<usize>,
    /// The words of `date_words.tsv`: the word, its meaning, its `file:line`.
    table: Vec<(String, Rel, String)>,
    /// The cues of `future_cues.txt` (does a sentence speak of the future?).
    future: crate::rules::Pattern,
    /// What may follow a date word inside its word (`date_particles.txt`: 에, 에는, 부터 …).
    particles: Vec<&'static str>,
}

impl DateRules {
    /// Compiles `date_words.tsv`, `future_cues.txt` and `date_particles.txt`.
    pub fn new(rules: &RuleSet) -> Result<DateRules, RuleError> {
        let mut table = Vec::new();
        for r in rules.rows("date_words.tsv") {
            table.push((r.get(0).to_string(), Rel::of_row(&r)?, r.origin()));
        }
        // longest words first so that 지난해 wins over 지난
        table.sort_by_key(|w| std::cmp::Reverse(w.0.chars().count()));
        let mut names = Vec::new();
        let mut word_row = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for (i, (w, _, _)) in table.iter().enumerate() {
            for v in spellings(w) {
                if seen.insert(v.clone()) {
                    names.push(v);
                    word_row.push(i);
                }
            }
        }
        Ok(DateRules {
            words: Gazetteer::new(names),
            word_row,
            table,
            future: direction::future_cues(rules)?,
            particles: rules.rows("date_particles.txt").map(|r| r.get(0)).collect(),
        })
    }
}

/// The ways a table word is written: each space may be a space, a tab or nothing
/// (`이번 주`: 이번 주, 이번\t주, 이번주). At most 3^4 spellings: more spaces stay spaces.
fn spellings(w: &str) -> Vec<String> {
    let parts: Vec<&str> = w.split(' ').filter(|p| !p.is_empty()).collect();
    if parts.len() > 5 {
        return vec![w.to_string()];
    }
    let mut out = vec![parts.first().copied().unwrap_or("").to_string()];
    for p in parts.iter().skip(1) {
        out = out
            .iter()
            .flat_map(|o| ["", " ", "\t"].map(|sep| format!("{o}{sep}{p}")))
            .collect();
    }
    out
}

pub(super) fn err(origin: &str, msg: String) -> RuleError {
    let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
    RuleError {
        file: file.into(),
        line: line.parse().unwrap_or(0),
        msg,
    }
}

/// Finds the dates of sentence `si` (`s` = its text, `base` = its offset). `anchor` is the
/// last full day named so far in the article (for 이날, 전날); it is updated.
pub fn find(
    rules: &DateRules,
    s: &str,
    base: usize,
    si: usize,
    reference: Option<Ymd>,
    anchor: &mut Option<Ymd>,
) -> Vec<DateMention> {
    find_with(rules, s, base, si, reference, anchor, None)
}

/// As [`find`], with the word starts of the whole article
/// ([`crate::gazetteer::alnum_starts`] of the text `s` is part of), worked out once for all
/// its sentences.
pub fn find_at(
    rules: &DateRules,
    s: &str,
    base: usize,
    si: usize,
    reference: Option<Ymd>,
    anchor: &mut Option<Ymd>,
    starts: &[(usize, char)],
) -> Vec<DateMention> {
    find_with(rules, s, base, si, reference, anchor, Some(starts))
}

/// The dates of one sentence: those written with digits, then the date words that overlap
/// none of them, in text order, joined and resolved.
fn find_with(
    rules: &DateRules,
    s: &str,
    base: usize,
    si: usize,
    reference: Option<Ymd>,
    anchor: &mut Option<Ymd>,
    starts: Option<&[(usize, char)]>,
) -> Vec<DateMention> {
    let mut out = absolute::absolute_dates(&rules.future, s, base, si, reference);
    relative::relative_dates(rules, s, base, si, reference, starts, &mut out);
    out.sort_by_key(|d| d.start);
    let mut out = join::merge_adjacent(s, base, out);
    join::resolve_in_order(s, base, reference, anchor, &mut out);
    out
}

/// Builds this stage's fixed word lists now (they are otherwise built on first use).
pub fn warm_up() {
    dateline::warm_up();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(s: &str, r: &str) -> Vec<(String, Option<String>)> {
        let rules = DateRules::new(&RuleSet::builtin().unwrap()).unwrap();
        let mut anchor = None;
        find(&rules, s, 0, 0, Ymd::parse(r), &mut anchor)
            .into_iter()
            .map(|d| (s[d.start..d.end].to_string(), d.value))
            .collect()
    }

    fn one(s: &str, r: &str) -> String {
        vals(s, r)[0].1.clone().unwrap_or_default()
    }

    #[test]
    fn absolute() {
        assert_eq!(one("2013년 6월 이후", "2024-02-21"), "2013-06");
        assert_eq!(one("2014년 10월에도", "2024-02-21"), "2014-10");
        assert_eq!(one("2020년 별세", "2024-02-21"), "2020");
        assert_eq!(one("2024.02.21 입력", "2024-02-21"), "2024-02-21");
        assert_eq!(one("2010년대 초반", "2024-02-21"), "201");
    }

    #[test]
    fn relative() {
        let r = "2024-02-21";
        assert_eq!(one("지난해 출시", r), "2023");
        assert_eq!(one("지난달 말했다", r), "2024-01");
        assert_eq!(one("다음 주 중 방문", r), "2024-W09");
        assert_eq!(one("올해 연말까지", r), "2024-12");
        assert_eq!(vals("올해 연말까지", r)[0].0, "올해 연말");
        assert_eq!(one("내년 공개", r), "2025");
        assert_eq!(one("올 상반기", r), "2024-H1");
        assert_eq!(one("내달 초", r), "2024-03");
        assert_eq!(one("올 초", r), "2024");
        assert_eq!(one("지난해3월", r), "2023-03");
        assert_eq!(vals("지난해3월", r)[0].0, "지난해3월");
        assert_eq!(one("지난달 13일", r), "2024-01-13");
        assert_eq!(
            vals("다음달17일과 18일", r)[1].1.as_deref(),
            Some("2024-03-18")
        );
        assert_eq!(one("3년 전", r), "2021");
        assert_eq!(one("어제 밝혔다", r), "2024-02-20");
    }

    #[test]
    fn bare_days_follow_tense() {
        let r = "2024-02-21";
        assert_eq!(one("21일 업계에 따르면", r), "2024-02-21");
        assert_eq!(one("25일 만났다", r), "2024-02-25");
        assert_eq!(one("29일 만났다", r), "2024-01-29");
        assert_eq!(one("25일 만날 예정이다", r), "2024-02-25");
        assert_eq!(one("지난 3일 만났다", r), "2024-02-03");
        assert_eq!(one("오는 3일 만난다", r), "2024-03-03");
        assert_eq!(one("21일", "bad"), "XXXX-XX-21");
    }

    #[test]
    fn anchor_for_inal() {
        let rules = DateRules::new(&RuleSet::builtin().unwrap()).unwrap();
        let mut anchor = None;
        let r = Ymd::parse("2019-05-21");
        find(&rules, "20일 업계에 따르면", 0, 0, r, &mut anchor);
        let d = find(&rules, "이날 회의는", 0, 1, r, &mut anchor);
        assert_eq!(d[0].value.as_deref(), Some("2019-05-20"));
        let d = find(&rules, "전날 밝혔다", 0, 1, r, &mut anchor);
        assert_eq!(d[0].value.as_deref(), Some("2019-05-19"));
    }

    #[test]
    fn not_dates() {
        assert!(vals("10년 만에", "2024-02-21").is_empty());
        assert!(
            vals("설명했다", "2024-02-21").is_empty(),
            "설 (the holiday) is not in 설명"
        );
        assert!(vals("올려 놓았다", "2024-02-21").is_empty());
    }

    #[test]
    fn durations_holidays_sets() {
        assert_eq!(one("20일간 머물렀다", "2024-02-21"), "P20D");
        assert_eq!(one("7개월 연속", "2024-02-21"), "P7M");
        assert_eq!(one("1년6개월을 선고", "2024-02-21"), "P1Y6M");
        assert_eq!(one("열흘 앞두고", "2024-02-21"), "P10D");
        assert_eq!(one("스승의 날 행사", "2024-02-21"), "2024-05-15");
        assert_eq!(vals("매년 열린다", "2024-02-21")[0].1, None);
        assert_eq!(one("70년대 가요", "2024-02-21"), "197");
    }

    #[test]
    fn weeks_and_dateline() {
        assert_eq!(Ymd::parse("2024-02-26").unwrap().iso_week(), "2024-W09");
        assert_eq!(Ymd::parse("2021-01-01").unwrap().iso_week(), "2020-W53");
        assert_eq!(
            dateline("제목\n입력 2019-03-24 11:40 수정"),
            Ymd::parse("2019-03-24")
        );
        assert_eq!(Ymd::parse("2023-02-30"), None);
    }
}
