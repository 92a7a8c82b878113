//! Dates: every temporal expression of a sentence, with a TIMEX3 value resolved against the
//! reference date (`--date`, the record's date, or a dateline found in the text).
//!
//! Values: `2024-02-21` (day), `2024-02` (month), `2024` (year), `2024-W09` (ISO week),
//! `2024-H2` (half), `2024-Q3` (quarter), `201` (decade, for 2010년대). Parts that cannot be
//! resolved are `X` (`XXXX-XX-21`); a relative expression without a reference date is null.
//! Bare day numbers (21일) take the month of the reference date, or the month before when
//! the day lies ahead and the sentence speaks of the past (and vice versa for 오는 N일).

use std::sync::LazyLock;

use crate::gazetteer::Gazetteer;

use crate::rules::{RuleError, RuleSet};

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

/// The first and last day a TIMEX3 value covers (`2024-W09` → Monday to Sunday of that
/// week, `2024-H2` → July 1 to December 31); None for values with unknown parts.
pub fn value_range(v: &str) -> Option<(Ymd, Ymd)> {
    let y: i32 = v.get(..4)?.parse().ok()?;
    let year = (Ymd { y, m: 1, d: 1 }, Ymd { y, m: 12, d: 31 });
    let rest = &v[4..];
    if rest.is_empty() {
        return Some(year);
    }
    let month = |a: u32, b: u32| {
        Some((
            Ymd { y, m: a, d: 1 },
            Ymd {
                y,
                m: b,
                d: days_in_month(y, b),
            },
        ))
    };
    if let Some(w) = rest.strip_prefix("-W") {
        let w: i64 = w.parse().ok()?;
        let jan4 = Ymd { y, m: 1, d: 4 };
        let monday = jan4.add_days(-((jan4.days() + 3).rem_euclid(7)) + 7 * (w - 1));
        return Some((monday, monday.add_days(6)));
    }
    match rest {
        "-H1" => return month(1, 6),
        "-H2" => return month(7, 12),
        "-Q1" => return month(1, 3),
        "-Q2" => return month(4, 6),
        "-Q3" => return month(7, 9),
        "-Q4" => return month(10, 12),
        _ => {}
    }
    if let Some(d) = Ymd::parse(v) {
        return Some((d, d));
    }
    let m: u32 = rest.strip_prefix('-')?.parse().ok()?;
    (1..=12).contains(&m).then(|| month(m, m)).flatten()
}

fn days_in_month(y: i32, m: u32) -> u32 {
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

#[derive(Debug, Clone)]
enum Rel {
    Day(i64),
    Anchor(i64),
    Week(i64),
    Month(i32),
    Year(i32),
    /// A yearly day (어린이날 = 05-05); None for lunar holidays (설, 추석).
    Holiday(Option<(u32, u32)>),
    /// A duration in days, weeks, months or years (하루 = P1D, 열흘 = P10D).
    Span(String),
    /// A recurring time (매년, 매주): TIMEX3 set, value null.
    Set,
}

/// Compiled date rules.
pub struct DateRules {
    /// Every date word as written (a space in a table word may be a space, a tab or
    /// nothing), found where words start.
    words: Gazetteer,
    /// For each name of `words`, its row in `table`.
    word_row: Vec<usize>,
    table: Vec<(String, Rel, String)>,
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

/// One absolute date, month, day, decade or duration written with digits (`2024년 2월 21일`,
/// `2024.02.21`, `3월 초`, `2010년대`, `지난 3일`, `1년6개월간`), as found by [`abs_dates`].
///
/// The fields are the parts of the grammar below, named as in the regular expression it
/// replaces; a part is `None` when the branch that matched does not have it.
///
/// ```text
/// (?:(?P<pre>지난|오는)[ \t]?)?(?:
///    (?P<y1>[0-9]{4})[ \t]?년[ \t]?(?P<m1>[0-9]{1,2})[ \t]?월[ \t]?(?P<d1>[0-9]{1,2})[ \t]?일
///   |(?P<y2>(?:19|20)[0-9]{2})[.\-/][ \t]?(?P<m2>[0-9]{1,2})[.\-/][ \t]?(?P<d2>[0-9]{1,2})(?-u:\b)
///   |(?P<y3>[0-9]{4})[ \t]?년[ \t]?(?P<m3>[0-9]{1,2})[ \t]?월(?:[ \t]?(?P<mmod3>초순|중순|하순|초|말|께))?
///   |(?P<m4>[0-9]{1,2})[ \t]?월[ \t]?(?P<d4>[0-9]{1,2})[ \t]?일
///   |(?P<dec>[0-9]{3})0[ \t]?년대(?:[ \t]?(?:초반|중반|후반|초|말))?
///   |(?P<y5>[0-9]{4})[ \t]?년(?:[ \t]?(?P<ymod5>상반기|하반기|[1-4][ \t]?분기|연말|연초|초|말))?
///   |(?P<m6>[0-9]{1,2})[ \t]?월(?:[ \t]?(?P<mmod6>초순|중순|하순|초|말|께))?
///   |(?P<dd>[0-9]{1,3})[ \t]?일[ \t]?(?:간|동안)
///   |(?P<d7>[0-9]{1,2})[ \t]?일
///   |(?P<n8>[0-9]{1,2})[ \t]?(?P<u8>년|개월|달|주|일)[ \t]?(?P<dir8>전|후|뒤)
///   |(?P<dec2>[1-9])0[ \t]?년대
///   |(?P<sy>[0-9]{4})[ \t]?(?:학년도|회계연도|년도)
///   |(?P<dn>[0-9]+(?:\.[0-9]+)?)(?:[ \t]?여)?[ \t]?(?P<du>년|개월|주일|주|일[ \t]?간|일[ \t]?동안)
///      (?:[ \t]?(?P<dn2>[0-9]+)[ \t]?(?P<du2>개월|일))?(?:[ \t]?(?:간|동안))?
/// )
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct AbsMatch<'a> {
    /// Byte offset of the first character.
    start: usize,
    /// Byte offset after the last character.
    end: usize,
    /// The whole match.
    text: &'a str,
    pre: Option<&'a str>,
    y1: Option<&'a str>,
    m1: Option<&'a str>,
    d1: Option<&'a str>,
    y2: Option<&'a str>,
    m2: Option<&'a str>,
    d2: Option<&'a str>,
    y3: Option<&'a str>,
    m3: Option<&'a str>,
    mmod3: Option<&'a str>,
    m4: Option<&'a str>,
    d4: Option<&'a str>,
    dec: Option<&'a str>,
    y5: Option<&'a str>,
    ymod5: Option<&'a str>,
    m6: Option<&'a str>,
    mmod6: Option<&'a str>,
    dd: Option<&'a str>,
    d7: Option<&'a str>,
    n8: Option<&'a str>,
    u8: Option<&'a str>,
    dir8: Option<&'a str>,
    dec2: Option<&'a str>,
    sy: Option<&'a str>,
    dn: Option<&'a str>,
    du: Option<&'a str>,
    dn2: Option<&'a str>,
    du2: Option<&'a str>,
}

/// Finds the matches of the grammar of [`AbsMatch`] the way a regex's `find_iter` does:
/// leftmost-first (at the first position where some branch matches, the first branch that
/// matches wins, not the longest), each search resuming where the previous match ended.
///
/// Every branch starts with a digit, so a match starts at a digit or at 지난/오는 followed by
/// an optional blank and a digit: the scan jumps from digit to digit, trying at each first
/// the start of 지난/오는 right before it, then the digit. Three facts make the regex's
/// backtracking unnecessary here:
///
/// * `[ \t]?` is always followed by something that cannot start with a blank, so it takes
///   the blank when there is one (without it, the next item would face the blank and fail).
/// * Counted digits (`[0-9]{1,2}`, `[0-9]{4}`, `[0-9]+`) are always followed by something
///   that cannot start with a digit, so they match exactly when the whole run of digits
///   there has an allowed length (fewer digits would leave a digit for the next item): in
///   `123월` the month cannot start at `1` but does start at `2`. The word boundary after
///   `d2` fails before a digit too, and before an ASCII letter or `_`.
/// * The optional tails (`(?:[ \t]?(?P<mmod3>초순|…))?`) end the match, so they are taken
///   when they match; within an alternation the first word written there wins (초순 before
///   초, which is also the longest).
///
/// Linear in the length of `s`: each start does a bounded amount of work, except for the
/// unbounded `[0-9]+` of a duration, whose outcome is the same for every start in a run of
/// digits and is computed once per run.
///
/// Panic-free on any text: the scan only starts at digits and at 지/오 and only moves over
/// ASCII bytes and whole words, so every slice lies on character boundaries.
fn abs_dates(s: &str) -> Vec<AbsMatch<'_>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut duration_memo = None;
    // where the search resumes (after the last match)
    let mut i = 0;
    while let Some(j) = b[i..].iter().position(u8::is_ascii_digit).map(|k| i + k) {
        let m = prefix_start(b, i, j)
            .and_then(|p| abs_at(s, p, &mut duration_memo))
            .or_else(|| abs_at(s, j, &mut duration_memo));
        match m {
            Some(m) => {
                i = m.end;
                out.push(m);
            }
            None => i = j + 1,
        }
    }
    out
}

/// Where 지난 or 오는 starts when it stands right before the digit at `j` (perhaps with a
/// blank between), if that is at or after `from`.
fn prefix_start(b: &[u8], from: usize, j: usize) -> Option<usize> {
    let before = &b[from..j];
    let before = before
        .strip_suffix(b" ")
        .or(before.strip_suffix(b"\t"))
        .unwrap_or(before);
    let w = ["지난", "오는"]
        .iter()
        .find(|w| before.ends_with(w.as_bytes()))?;
    Some(from + before.len() - w.len())
}

/// The match starting at byte `i`, if any.
fn abs_at<'a>(s: &'a str, i: usize, memo: &mut Option<DurationMemo<'a>>) -> Option<AbsMatch<'a>> {
    let mut m = AbsMatch {
        start: i,
        ..AbsMatch::default()
    };
    let mut c = Cur { s, i };
    // (?:(?P<pre>지난|오는)[ \t]?)?: when the word is there, the branches must match after it
    // (and its blank); leaving the word or the blank out cannot help, as a branch cannot
    // start with 지, 오 or a blank
    m.pre = c.one_of(&["지난", "오는"]);
    if m.pre.is_some() {
        c.blank();
    }
    if !s.as_bytes().get(c.i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    c.i = branches(s, c.i, &mut m, memo)?;
    m.end = c.i;
    m.text = &s[m.start..m.end];
    Some(m)
}

/// The branches of the grammar at byte `p` (a digit), in the order of the regex: fills the
/// parts of the first that matches and returns where it ends.
fn branches<'a>(
    s: &'a str,
    p: usize,
    m: &mut AbsMatch<'a>,
    memo: &mut Option<DurationMemo<'a>>,
) -> Option<usize> {
    const MONTH_MODS: &[&str] = &["초순", "중순", "하순", "초", "말", "께"];
    const SEPARATORS: &[&str] = &[".", "-", "/"];
    let at = || Cur { s, i: p };
    let b = s.as_bytes();

    // y1: 2024년 2월 21일
    let mut c = at();
    if let Some(y) = c.digits(4, 4)
        && c.blank().lit("년")
        && let Some(mo) = c.blank().digits(1, 2)
        && c.blank().lit("월")
        && let Some(d) = c.blank().digits(1, 2)
        && c.blank().lit("일")
    {
        (m.y1, m.m1, m.d1) = (Some(y), Some(mo), Some(d));
        return Some(c.i);
    }

    // y2: 2024.02.21, 2024-2-21, 2024/ 2/ 21, then a word boundary (not a letter or _)
    let mut c = at();
    if let Some(y) = c.digits(4, 4)
        && (y.starts_with("19") || y.starts_with("20"))
        && c.one_of(SEPARATORS).is_some()
        && let Some(mo) = c.blank().digits(1, 2)
        && c.one_of(SEPARATORS).is_some()
        && let Some(d) = c.blank().digits(1, 2)
        && !b
            .get(c.i)
            .is_some_and(|&x| x.is_ascii_alphabetic() || x == b'_')
    {
        (m.y2, m.m2, m.d2) = (Some(y), Some(mo), Some(d));
        return Some(c.i);
    }

    // y3: 2024년 2월, 2024년 2월 초순
    let mut c = at();
    if let Some(y) = c.digits(4, 4)
        && c.blank().lit("년")
        && let Some(mo) = c.blank().digits(1, 2)
        && c.blank().lit("월")
    {
        (m.y3, m.m3) = (Some(y), Some(mo));
        m.mmod3 = c.opt(|c| c.blank().one_of(MONTH_MODS));
        return Some(c.i);
    }

    // m4: 2월 21일
    let mut c = at();
    if let Some(mo) = c.digits(1, 2)
        && c.blank().lit("월")
        && let Some(d) = c.blank().digits(1, 2)
        && c.blank().lit("일")
    {
        (m.m4, m.d4) = (Some(mo), Some(d));
        return Some(c.i);
    }

    // dec: 2010년대, 1990년대 초반 (the decade is the first three digits)
    let mut c = at();
    if let Some(y) = c.digits(4, 4)
        && y.ends_with('0')
        && c.blank().lit("년대")
    {
        m.dec = Some(&y[..3]);
        c.opt(|c| c.blank().one_of(&["초반", "중반", "후반", "초", "말"]));
        return Some(c.i);
    }

    // y5: 2024년, 2024년 상반기, 2024년 3 분기
    let mut c = at();
    if let Some(y) = c.digits(4, 4)
        && c.blank().lit("년")
    {
        m.y5 = Some(y);
        m.ymod5 = c.opt(|c| {
            let from = c.blank().i;
            // `[1-4][ \t]?분기` in an `opt` of its own: when it fails after its digit, the
            // words after it are tried where it started
            let quarter = |c: &mut Cur| {
                c.opt(|c| {
                    c.one_of(&["1", "2", "3", "4"])?;
                    c.blank().lit("분기").then_some(())
                })
            };
            (c.one_of(&["상반기", "하반기"]).is_some()
                || quarter(c).is_some()
                || c.one_of(&["연말", "연초", "초", "말"]).is_some())
            .then(|| &s[from..c.i])
        });
        return Some(c.i);
    }

    // m6: 2월, 2월 말
    let mut c = at();
    if let Some(mo) = c.digits(1, 2)
        && c.blank().lit("월")
    {
        m.m6 = Some(mo);
        m.mmod6 = c.opt(|c| c.blank().one_of(MONTH_MODS));
        return Some(c.i);
    }

    // dd: 20일간, 20일 동안 (up to three digits)
    let mut c = at();
    if let Some(n) = c.digits(1, 3)
        && c.blank().lit("일")
        && c.blank().one_of(&["간", "동안"]).is_some()
    {
        m.dd = Some(n);
        return Some(c.i);
    }

    // d7: 21일
    let mut c = at();
    if let Some(d) = c.digits(1, 2)
        && c.blank().lit("일")
    {
        m.d7 = Some(d);
        return Some(c.i);
    }

    // n8: 3년 전, 2주 뒤 (with 일 never reached: d7 above matches 3일 first)
    let mut c = at();
    if let Some(n) = c.digits(1, 2)
        && let Some(u) = c.blank().one_of(&["년", "개월", "달", "주", "일"])
        && let Some(dir) = c.blank().one_of(&["전", "후", "뒤"])
    {
        (m.n8, m.u8, m.dir8) = (Some(n), Some(u), Some(dir));
        return Some(c.i);
    }

    // dec2: 70년대
    let mut c = at();
    if let Some(d) = c.digits(2, 2)
        && d.as_bytes()[0] != b'0'
        && d.ends_with('0')
        && c.blank().lit("년대")
    {
        m.dec2 = Some(&d[..1]);
        return Some(c.i);
    }

    // sy: 2024학년도, 2024 회계연도 (2024년도 never gets here: y5 matches 2024년 first)
    let mut c = at();
    if let Some(y) = c.digits(4, 4)
        && c.blank().one_of(&["학년도", "회계연도", "년도"]).is_some()
    {
        m.sy = Some(y);
        return Some(c.i);
    }

    // dn: a duration, 10년, 1.5년, 3여 개월, 5일간, 1년6개월 동안. Its `[0-9]+` takes the
    // whole run of digits, so what follows is the same for every start inside the run:
    // computed at the first start, reused at the next ones (else a long run would cost
    // time quadratic in its length)
    if !memo
        .as_ref()
        .is_some_and(|d| (d.run_start..d.run_end).contains(&p))
    {
        let run_end = at().digits(1, usize::MAX).map(|n| p + n.len())?;
        *memo = Some(duration_after(s, p, run_end));
    }
    let d = memo.as_ref()?;
    let end = d.end?;
    (m.dn, m.du, m.dn2, m.du2) = (Some(&s[p..d.number_end]), d.du, d.dn2, d.du2);
    Some(end)
}

/// The `dn` branch after its integer digits, for every start in the run of digits
/// `run_start..run_end`.
struct DurationMemo<'a> {
    run_start: usize,
    run_end: usize,
    /// Where the number ends (after `.5` of `1.5`).
    number_end: usize,
    du: Option<&'a str>,
    dn2: Option<&'a str>,
    du2: Option<&'a str>,
    /// Where the match ends; None when the branch does not match.
    end: Option<usize>,
}

/// The rest of the `dn` branch after the integer digits ending at `run_end`:
/// `(?:\.[0-9]+)?(?:[ \t]?여)?[ \t]?(?P<du>…)(?:[ \t]?(?P<dn2>[0-9]+)[ \t]?(?P<du2>개월|일))?(?:[ \t]?(?:간|동안))?`
fn duration_after(s: &str, run_start: usize, run_end: usize) -> DurationMemo<'_> {
    let mut c = Cur { s, i: run_end };
    // the decimals when there are any (leaving them out, or some of their digits, would
    // leave a '.' or a digit for the unit, which cannot start with one)
    c.opt(|c| {
        if c.lit(".") {
            c.digits(1, usize::MAX)
        } else {
            None
        }
    });
    let number_end = c.i;
    c.opt(|c| c.blank().lit("여").then_some(()));
    let du = c.blank().one_of(&["년", "개월", "주일", "주"]).or_else(|| {
        let from = c.i;
        (c.lit("일") && c.blank().one_of(&["간", "동안"]).is_some()).then(|| &s[from..c.i])
    });
    let mut memo = DurationMemo {
        run_start,
        run_end,
        number_end,
        du,
        dn2: None,
        du2: None,
        end: None,
    };
    if du.is_some() {
        if let Some((n, u)) = c.opt(|c| {
            let n = c.blank().digits(1, usize::MAX)?;
            Some((n, c.blank().one_of(&["개월", "일"])?))
        }) {
            (memo.dn2, memo.du2) = (Some(n), Some(u));
        }
        c.opt(|c| c.blank().one_of(&["간", "동안"]));
        memo.end = Some(c.i);
    }
    memo
}

/// A cursor for [`abs_dates`]: each method matches one item of the grammar at byte `i`
/// (always a char boundary: the items are ASCII bytes or whole words) and moves past it.
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    /// `[ \t]?` before an item that cannot start with a blank: the blank if there is one.
    fn blank(&mut self) -> &mut Self {
        if matches!(self.s.as_bytes().get(self.i), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        self
    }

    /// `[0-9]{min,max}` before an item that cannot start with a digit: the whole run of
    /// digits here, if its length is allowed.
    fn digits(&mut self, min: usize, max: usize) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let from = self.i;
        let mut j = from;
        // one digit more than `max` is enough to know the run is too long
        while j < b.len() && j - from <= max && b[j].is_ascii_digit() {
            j += 1;
        }
        if !(min..=max).contains(&(j - from)) {
            return None;
        }
        self.i = j;
        Some(&self.s[from..j])
    }

    /// The first of `words` written here (an alternation: the first that matches wins).
    fn one_of(&mut self, words: &[&str]) -> Option<&'a str> {
        let rest = &self.s.as_bytes()[self.i..];
        let w = words.iter().find(|w| rest.starts_with(w.as_bytes()))?;
        let from = self.i;
        self.i += w.len();
        Some(&self.s[from..self.i])
    }

    /// `word` written here.
    fn lit(&mut self, word: &str) -> bool {
        self.one_of(&[word]).is_some()
    }

    /// An optional group `(?:…)?`: `f` if it matches here, else nothing (and the cursor
    /// stays where it was).
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let from = self.i;
        let r = f(self);
        if r.is_none() {
            self.i = from;
        }
        r
    }
}

/// What may follow a date word inside the same word.
const DATE_PARTICLES: &[&str] = &[
    "", "에", "에는", "엔", "에도", "의", "은", "는", "이", "가", "을", "를", "도", "부터", "까지",
    "과", "와", "인", "만", "쯤", "께", "경", "처럼", "보다", "이나", "로", "으로", "이라", "이다",
];

/// Words that put a sentence in the future (40 words, searched as words: no regex).
static FUTURE: LazyLock<crate::rules::Pattern> = LazyLock::new(|| {
    crate::rules::Pattern::new(
        r"예정|계획|방침|(ㄹ|할|될|갈|올|날|릴|을) (것|계획|예정|방침)|하기로|키로|전망|까지|앞두",
        file!(),
    )
    .expect("static pattern")
});

impl DateRules {
    /// Compiles `date_words.tsv`.
    pub fn new(rules: &RuleSet) -> Result<DateRules, RuleError> {
        let mut table = Vec::new();
        for r in rules.rows("date_words.tsv") {
            let n = r.get(2);
            let rel = match (r.get(1), n) {
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
                            return Err(err(
                                &r.origin(),
                                format!("holiday {x:?} is not MM-DD or lunar"),
                            ));
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
            };
            table.push((r.get(0).to_string(), rel, r.origin()));
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

fn err(origin: &str, msg: String) -> RuleError {
    let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
    RuleError {
        file: file.into(),
        line: line.parse().unwrap_or(0),
        msg,
    }
}

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

fn word_boundary_before(s: &str, i: usize) -> bool {
    !s[..i]
        .chars()
        .next_back()
        .is_some_and(crate::morph::is_alnum)
}

fn ok_after(s: &str, e: usize) -> bool {
    // a date may be followed by particles or punctuation, not by 간 (duration) or 째
    let rest: String = s[e..].chars().take(2).collect();
    !(rest.starts_with('간')
        || rest.starts_with("동안")
        || rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
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

fn find_with(
    rules: &DateRules,
    s: &str,
    base: usize,
    si: usize,
    reference: Option<Ymd>,
    anchor: &mut Option<Ymd>,
    starts: Option<&[(usize, char)]>,
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    // does the sentence speak of the future? (asked only for a bare month-day or day)
    let future_cell = std::cell::OnceCell::new();
    let future = || *future_cell.get_or_init(|| FUTURE.is_match(s));
    let abs = if s.bytes().any(|b| b.is_ascii_digit()) {
        abs_dates(s)
    } else {
        Vec::new()
    };
    for c in abs {
        let digit_glued = s[..c.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',');
        // "10년 만에" is a span of time, not a date
        let years_since = c.text.ends_with('년') && s[c.end..].trim_start().starts_with('만');
        if digit_glued || years_since || !ok_after(s, c.end) {
            continue;
        }
        let pre = c.pre;
        let num = |x: Option<&str>| x.and_then(|x| x.parse::<i64>().ok());
        let (value, day, rule) = if let (Some(y), Some(mo), Some(d)) = (
            num(c.y1).or(num(c.y2)),
            num(c.m1).or(num(c.m2)),
            num(c.d1).or(num(c.d2)),
        ) {
            match Ymd::parse(&format!("{y}-{mo}-{d}")) {
                Some(x) => (Some(x.to_iso()), Some(x), "date/ymd"),
                None => continue,
            }
        } else if let (Some(y), Some(mo)) = (num(c.y3), num(c.m3)) {
            if !(1..=12).contains(&mo) {
                continue;
            }
            (Some(format!("{y:04}-{mo:02}")), None, "date/ym")
        } else if let (Some(mo), Some(d)) = (num(c.m4), num(c.d4)) {
            let (v, day) = month_day(reference, pre, mo as u32, d as u32, future());
            if v.is_none() && day.is_none() && Ymd::parse(&format!("2000-{mo}-{d}")).is_none() {
                continue;
            }
            (v, day, "date/md")
        } else if let Some(dec) = num(c.dec) {
            (Some(format!("{dec:03}")), None, "date/decade")
        } else if let Some(y) = num(c.y5) {
            if !(1900..=2100).contains(&y) {
                continue;
            }
            let v = match c.ymod5.map(|x| x.replace(' ', "")) {
                Some(md) => with_mod(y as i32, &md),
                None => format!("{y}"),
            };
            (Some(v), None, "date/y")
        } else if let Some(mo) = num(c.m6) {
            if !(1..=12).contains(&mo) {
                continue;
            }
            let v = match reference {
                Some(r) => {
                    let mut y = r.y;
                    if pre == Some("지난") && mo as u32 >= r.m {
                        y -= 1;
                    } else if pre == Some("오는") && (mo as u32) < r.m {
                        y += 1;
                    }
                    Some(format!("{y:04}-{mo:02}"))
                }
                None => Some(format!("XXXX-{mo:02}")),
            };
            (v, None, "date/m")
        } else if let Some(d) = num(c.d7) {
            if !(1..=31).contains(&d) {
                continue;
            }
            let (v, day) = bare_day(reference, pre, d as u32, future());
            (v, day, "date/d")
        } else if let Some(d2) = num(c.dec2) {
            (Some(format!("19{d2}")), None, "date/decade")
        } else if let Some(y) = num(c.sy) {
            (Some(format!("{y}")), None, "date/school_year")
        } else if let (Some(n), Some(u)) = (c.dn, c.du) {
            // a duration: 10년, 7개월, 5일간, 1년6개월 (TIMEX3 P10Y, P7M, P5D)
            if n.parse::<f64>().map_or(true, |x| x <= 0.0) {
                continue;
            }
            let unit = |u: &str| match u {
                "년" => "Y",
                "개월" => "M",
                "주" | "주일" => "W",
                _ => "D",
            };
            let mut v = format!("P{}{}", n, unit(u));
            if let (Some(n2), Some(u2)) = (c.dn2, c.du2) {
                v.push_str(&format!("{}{}", n2, unit(u2)));
            }
            (Some(v), None, "date/duration")
        } else if let Some(n) = num(c.dd) {
            (Some(format!("P{n}D")), None, "date/duration")
        } else if let (Some(n), Some(u), Some(dir)) = (num(c.n8), c.u8, c.dir8) {
            let sign = if dir == "전" { -1 } else { 1 };
            let v = reference.map(|r| match u {
                "년" => format!("{}", r.y + sign * n as i32),
                "개월" | "달" => {
                    let (y, mo) = r.add_months(sign * n as i32);
                    format!("{y:04}-{mo:02}")
                }
                "주" => r.add_days(sign as i64 * 7 * n).iso_week(),
                _ => r.add_days(sign as i64 * n).to_iso(),
            });
            (v, None, "date/ago")
        } else {
            continue;
        };
        let direction = match (pre, c.dir8) {
            (Some("지난"), _) | (_, Some("전")) => Some(-1),
            (Some("오는"), _) | (_, Some(_)) => Some(1),
            _ => None,
        };
        let grain = match rule {
            "date/y" if c.ymod5.is_none() => Grain::Year,
            "date/m" | "date/ym" if c.mmod3.is_none() && c.mmod6.is_none() => Grain::Month,
            _ => Grain::Other,
        };
        out.push(DateMention {
            start: base + c.start,
            end: base + c.end,
            sentence: si,
            value,
            rule: rule.into(),
            day,
            anchor_shift: None,
            grain,
            direction,
        });
    }
    // the longest date word at each word start, words inside a longer one skipped
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
    for (ws, we, k) in found {
        // the word, and the modifier after it when there is one (m spans both)
        let mod_len = word_mod(&s[we..]);
        let mut m = (ws, we + mod_len.unwrap_or(0));
        let mut md = mod_len.map(|n| s[we..we + n].replace([' ', '\t'], ""));
        let particle_after = |end: usize| {
            let rest: String = s[end..]
                .chars()
                .take_while(|c| crate::morph::is_alnum(*c))
                .collect();
            DATE_PARTICLES.contains(&rest.as_str())
                || rest.starts_with(|c: char| c.is_ascii_digit())
        };
        if md.is_some() && !particle_after(m.1) {
            // 지난달 말했다: the modifier was the start of the next word
            md = None;
            m = (ws, we);
        }
        if !word_boundary_before(s, m.0)
            || out
                .iter()
                .any(|d| d.start < base + m.1 && base + m.0 < d.end)
        {
            continue;
        }
        // the rest of the word must be a particle or nothing (이날은, 내년에는), so that 설 is
        // not found in 설명 nor 올 in 올려
        if !particle_after(m.1) {
            continue;
        }
        let (word, rel, origin) = &rules.table[rules.word_row[k]];
        let key: String = word.chars().filter(|c| !c.is_whitespace()).collect();
        if key == "올" && md.is_none() {
            continue; // 올 alone is not a date (올 상반기, 올 초 are)
        }
        let (value, day) = match (rel, reference) {
            (Rel::Day(n), Some(r)) => {
                let d = r.add_days(*n);
                (Some(d.to_iso()), Some(d))
            }
            (Rel::Anchor(_), _) => (None, None), // resolved after merging, in text order
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
                (
                    Some(match &md {
                        Some(x) => with_mod(y, x),
                        None => format!("{y}"),
                    }),
                    None,
                )
            }
            _ => (None, None),
        };
        let end = if matches!(rel, Rel::Year(_))
            || md
                .as_deref()
                .is_some_and(|x| matches!(x, "초" | "말" | "초순" | "중순" | "하순"))
        {
            m.1
        } else {
            we
        };
        let anchor_shift = if let Rel::Anchor(n) = rel {
            Some(*n)
        } else {
            None
        };
        // a bare relative year or month can take the month or day that follows (지난달 30일)
        let grain = match (rel, &md) {
            (Rel::Year(_), None) => Grain::Year,
            (Rel::Month(_), None) => Grain::Month,
            _ => Grain::Other,
        };
        let direction = match rel {
            Rel::Day(n) | Rel::Week(n) => Some(n.signum() as i8),
            Rel::Month(n) | Rel::Year(n) => Some(n.signum() as i8),
            _ => None,
        };
        out.push(DateMention {
            start: base + m.0,
            end: base + end,
            sentence: si,
            value,
            rule: origin.clone(),
            day,
            anchor_shift,
            grain,
            direction,
        });
    }
    out.sort_by_key(|d| d.start);
    let mut out = merge_adjacent(s, base, out);
    // 이날 / 전날: the last full day named before them, else the reference date
    let mut last_ym: Option<String> = None;
    for d in &mut out {
        if let Some(n) = d.anchor_shift {
            if let Some(a) = anchor.or(reference) {
                let day = a.add_days(n);
                d.value = Some(day.to_iso());
                d.day = Some(day);
            }
        } else if d.rule == "date/d" && !s[d.start - base..d.end - base].starts_with(['지', '오'])
        {
            // a bare day after a dated expression of the same sentence takes its month
            if let Some(ym) = &last_ym
                && let Some(x) = Ymd::parse(&format!(
                    "{ym}-{}",
                    s[d.start - base..d.end - base]
                        .trim_end_matches('일')
                        .trim()
                ))
            {
                d.value = Some(x.to_iso());
                d.day = Some(x);
            }
        } else if let Some(v) = &d.value
            && v.len() >= 7
            && v.as_bytes()[4] == b'-'
            && v.as_bytes()[5].is_ascii_digit()
        {
            last_ym = Some(v[..7].to_string());
        }
        // only a day near the reference date is "the day the article is about"
        if let Some(day) = d.day {
            let near = reference.is_none_or(|r| (day.days() - r.days()).abs() <= 7);
            if d.anchor_shift.is_none() && near {
                *anchor = Some(day);
            }
        }
    }
    out
}

/// Joins a year and the month after it (지난해 3월, 작년9월) and a month and the day after it
/// (지난달 13일, 다음달17일) into one expression.
fn merge_adjacent(s: &str, base: usize, list: Vec<DateMention>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::with_capacity(list.len());
    for d in list {
        if let Some(prev) = out.last_mut() {
            let gap = &s[prev.end - base..d.start - base];
            let pv = prev.value.clone().unwrap_or_default();
            let dv = d.value.clone().unwrap_or_default();
            let joins = match prev.grain {
                Grain::Year => d.rule == "date/m" || d.rule == "date/md",
                Grain::Month => d.rule == "date/d",
                Grain::Other => false,
            };
            if joins && gap.trim().is_empty() && gap.len() <= 1 {
                // the value: the year (or year-month) of the first with the rest of the second;
                // unknown when the first is relative and there is no reference date
                let known_prefix = match prev.grain {
                    Grain::Year => pv.len() == 4,
                    _ => pv.len() == 7,
                };
                let v = (known_prefix && dv.len() > pv.len())
                    .then(|| format!("{pv}{}", &dv[pv.len()..]));
                let day = v.as_deref().filter(|v| v.len() == 10).and_then(Ymd::parse);
                if v.as_ref().is_none_or(|v| v.len() != 10 || day.is_some()) {
                    prev.end = d.end;
                    prev.value = v;
                    prev.day = day;
                    prev.grain = Grain::Other;
                    prev.rule = format!("{} + {}", prev.rule, d.rule);
                    continue;
                }
            }
        }
        out.push(d);
    }
    out
}

fn with_mod(y: i32, md: &str) -> String {
    match md {
        "상반기" => format!("{y}-H1"),
        "하반기" => format!("{y}-H2"),
        "연말" | "말" => format!("{y}-12"),
        q if q.ends_with("분기") => format!("{y}-Q{}", &q[..1]),
        _ => format!("{y}"),
    }
}

fn bare_day(
    reference: Option<Ymd>,
    pre: Option<&str>,
    d: u32,
    future: bool,
) -> (Option<String>, Option<Ymd>) {
    let Some(r) = reference else {
        return (Some(format!("XXXX-XX-{d:02}")), None);
    };
    debug_assert!((1..=31).contains(&d));
    let month_shift = match pre {
        Some("지난") => -i32::from(d >= r.d),
        Some("오는") => i32::from(d <= r.d),
        // a day ahead of the reference date: this month when the sentence looks ahead or
        // the day is close (news announces the coming days), else last month
        _ if d > r.d && !future && d - r.d > 7 => -1,
        _ if d < r.d && future && r.d - d > 20 => 1,
        _ => 0,
    };
    let (y, m) = r.add_months(month_shift);
    match Ymd::parse(&format!("{y}-{m}-{d}")) {
        Some(x) => (Some(x.to_iso()), Some(x)),
        None => (None, None), // 31일 in a month without one: left unresolved
    }
}

fn month_day(
    reference: Option<Ymd>,
    pre: Option<&str>,
    mo: u32,
    d: u32,
    _future: bool,
) -> (Option<String>, Option<Ymd>) {
    let Some(r) = reference else {
        // a month and day that exist in some year (2월 29일 does; 2월 30일 does not)
        return match Ymd::parse(&format!("2000-{mo}-{d}")) {
            Some(_) => (Some(format!("XXXX-{mo:02}-{d:02}")), None),
            None => (None, None),
        };
    };
    let mut y = r.y;
    let cand = (mo, d);
    if pre == Some("지난") && cand >= (r.m, r.d) {
        y -= 1;
    } else if pre == Some("오는") && cand < (r.m, r.d) {
        y += 1;
    }
    match Ymd::parse(&format!("{y}-{mo}-{d}")) {
        Some(x) => (Some(x.to_iso()), Some(x)),
        None => (None, None),
    }
}

/// Words that introduce the publication date of an article (입력 2024.02.21), found in
/// one pass.
static DATELINE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(["입력", "등록", "발행", "송고", "작성"]).expect("static words")
});

/// A small cursor over a line for the hand-written dateline parsers (cheaper to start than
/// a regex, and a one-article run reads one dateline).
struct Scan<'a> {
    s: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn blanks(&mut self, at_least_one: bool) -> bool {
        let from = self.i;
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t') {
            self.i += 1;
        }
        !at_least_one || self.i > from
    }

    /// Up to `max` (at least `min`) ASCII digits, as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let from = self.i;
        let mut v = 0u32;
        while self.i < self.s.len() && self.i - from < max && self.s[self.i].is_ascii_digit() {
            v = v * 10 + u32::from(self.s[self.i] - b'0');
            self.i += 1;
        }
        (self.i - from >= min).then_some(v)
    }

    /// One of `options` (each a string), consumed.
    fn one_of(&mut self, options: &[&str]) -> bool {
        for o in options {
            if self.s[self.i..].starts_with(o.as_bytes()) {
                self.i += o.len();
                return true;
            }
        }
        false
    }

    /// A year of 19xx or 20xx.
    fn year(&mut self) -> Option<u32> {
        let y = self.digits(4, 4)?;
        (1900..2100).contains(&y).then_some(y)
    }
}

/// After a dateline word: `[ \t]*:?[ \t]*YYYY[ \t]*(.|-|/|년)[ \t]*M[M][ \t]*(.|-|/|월)[ \t]*D[D]`.
fn date_after_word(rest: &str) -> Option<(u32, u32, u32)> {
    let mut sc = Scan {
        s: rest.as_bytes(),
        i: 0,
    };
    sc.blanks(false);
    sc.one_of(&[":"]);
    sc.blanks(false);
    let y = sc.year()?;
    sc.blanks(false);
    if !sc.one_of(&[".", "-", "/", "년"]) {
        return None;
    }
    sc.blanks(false);
    let m = sc.digits(1, 2)?;
    sc.blanks(false);
    if !sc.one_of(&[".", "-", "/", "월"]) {
        return None;
    }
    sc.blanks(false);
    let d = sc.digits(1, 2)?;
    Some((y, m, d))
}

/// A line that holds only a date, perhaps with a time: `2024-02-21`, `2024.02.21. 14:30`.
fn bare_date_line(line: &str) -> Option<(u32, u32, u32)> {
    let mut sc = Scan {
        s: line.as_bytes(),
        i: 0,
    };
    sc.blanks(false);
    let y = sc.year()?;
    sc.one_of(&[".", "-", "/"]).then_some(())?;
    let m = sc.digits(1, 2)?;
    sc.one_of(&[".", "-", "/"]).then_some(())?;
    let d = sc.digits(1, 2)?;
    sc.one_of(&["."]);
    let after_date = sc.i;
    // an optional time: [ \t]+H[H]:MM[:SS]
    if sc.blanks(true) && sc.digits(1, 2).is_some() {
        let timed = sc.one_of(&[":"])
            && sc.digits(2, 2).is_some()
            && (!sc.one_of(&[":"]) || sc.digits(2, 2).is_some());
        if !timed {
            sc.i = after_date;
        }
    } else {
        sc.i = after_date;
    }
    sc.blanks(false);
    (sc.i == sc.s.len()).then_some((y, m, d))
}

/// Builds this stage's fixed word lists now (they are otherwise built on first use).
pub fn warm_up() {
    LazyLock::force(&FUTURE);
    LazyLock::force(&DATELINE_WORDS);
}

/// A publication date stated in the text (`입력 2024-02-21`, or a line holding only a date).
pub fn dateline(text: &str) -> Option<Ymd> {
    let head = &text[..floor_char(text, text.len().min(1 << 20))];
    let ymd = |(y, m, d): (u32, u32, u32)| Ymd::parse(&format!("{y}-{m}-{d}"));
    // the first dateline word followed by a date (only the first such date is read)
    let first = DATELINE_WORDS
        .find_iter(head)
        .find_map(|m| date_after_word(&head[m.end()..]));
    if let Some(d) = first.and_then(ymd) {
        return Some(d);
    }
    // else the first line that holds only a date
    head.split('\n').find_map(bare_date_line).and_then(ymd)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{NEEDS_SHARED, Rng, corpus_lines, corpus_texts};
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

    /// The regular expression `abs_dates` replaces, kept as the oracle of its tests.
    static ABS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?:(?P<pre>지난|오는)[ \t]?)?(?:",
            r"(?P<y1>[0-9]{4})[ \t]?년[ \t]?(?P<m1>[0-9]{1,2})[ \t]?월[ \t]?(?P<d1>[0-9]{1,2})[ \t]?일",
            r"|(?P<y2>(?:19|20)[0-9]{2})[.\-/][ \t]?(?P<m2>[0-9]{1,2})[.\-/][ \t]?(?P<d2>[0-9]{1,2})(?-u:\b)",
            r"|(?P<y3>[0-9]{4})[ \t]?년[ \t]?(?P<m3>[0-9]{1,2})[ \t]?월(?:[ \t]?(?P<mmod3>초순|중순|하순|초|말|께))?",
            r"|(?P<m4>[0-9]{1,2})[ \t]?월[ \t]?(?P<d4>[0-9]{1,2})[ \t]?일",
            r"|(?P<dec>[0-9]{3})0[ \t]?년대(?:[ \t]?(?:초반|중반|후반|초|말))?",
            r"|(?P<y5>[0-9]{4})[ \t]?년(?:[ \t]?(?P<ymod5>상반기|하반기|[1-4][ \t]?분기|연말|연초|초|말))?",
            r"|(?P<m6>[0-9]{1,2})[ \t]?월(?:[ \t]?(?P<mmod6>초순|중순|하순|초|말|께))?",
            r"|(?P<dd>[0-9]{1,3})[ \t]?일[ \t]?(?:간|동안)",
            r"|(?P<d7>[0-9]{1,2})[ \t]?일",
            r"|(?P<n8>[0-9]{1,2})[ \t]?(?P<u8>년|개월|달|주|일)[ \t]?(?P<dir8>전|후|뒤)",
            r"|(?P<dec2>[1-9])0[ \t]?년대",
            r"|(?P<sy>[0-9]{4})[ \t]?(?:학년도|회계연도|년도)",
            r"|(?P<dn>[0-9]+(?:\.[0-9]+)?)(?:[ \t]?여)?[ \t]?(?P<du>년|개월|주일|주|일[ \t]?간|일[ \t]?동안)(?:[ \t]?(?P<dn2>[0-9]+)[ \t]?(?P<du2>개월|일))?(?:[ \t]?(?:간|동안))?",
            r")"
        ))
        .expect("static regex")
    });

    const GROUPS: [&str; 28] = [
        "pre", "y1", "m1", "d1", "y2", "m2", "d2", "y3", "m3", "mmod3", "m4", "d4", "dec", "y5",
        "ymod5", "m6", "mmod6", "dd", "d7", "n8", "u8", "dir8", "dec2", "sy", "dn", "du", "dn2",
        "du2",
    ];

    fn group<'a>(m: &AbsMatch<'a>, name: &str) -> Option<&'a str> {
        match name {
            "pre" => m.pre,
            "y1" => m.y1,
            "m1" => m.m1,
            "d1" => m.d1,
            "y2" => m.y2,
            "m2" => m.m2,
            "d2" => m.d2,
            "y3" => m.y3,
            "m3" => m.m3,
            "mmod3" => m.mmod3,
            "m4" => m.m4,
            "d4" => m.d4,
            "dec" => m.dec,
            "y5" => m.y5,
            "ymod5" => m.ymod5,
            "m6" => m.m6,
            "mmod6" => m.mmod6,
            "dd" => m.dd,
            "d7" => m.d7,
            "n8" => m.n8,
            "u8" => m.u8,
            "dir8" => m.dir8,
            "dec2" => m.dec2,
            "sy" => m.sy,
            "dn" => m.dn,
            "du" => m.du,
            "dn2" => m.dn2,
            "du2" => m.du2,
            _ => panic!("no group {name}"),
        }
    }

    /// For each match: its span, then the span of each group of `GROUPS`.
    type Spans = Vec<Vec<Option<(usize, usize)>>>;

    /// The matches as `find` used to take them from the regex.
    fn by_regex(s: &str) -> Spans {
        ABS.find_iter(s)
            .filter_map(|m| ABS.captures_at(&s[..m.end()], m.start()))
            .map(|c| {
                std::iter::once(c.get(0))
                    .chain(GROUPS.iter().map(|g| c.name(g)))
                    .map(|g| g.map(|g| (g.start(), g.end())))
                    .collect()
            })
            .collect()
    }

    fn by_scanner(s: &str) -> Spans {
        // where a part lies in `s` (the parts are slices of it)
        let span = |g: &str| {
            let start = g.as_ptr() as usize - s.as_ptr() as usize;
            (start, start + g.len())
        };
        abs_dates(s)
            .iter()
            .map(|m| {
                assert_eq!(m.text, &s[m.start..m.end], "{s:?}");
                std::iter::once(Some((m.start, m.end)))
                    .chain(GROUPS.iter().map(|g| group(m, g).map(span)))
                    .collect()
            })
            .collect()
    }

    fn assert_same(s: &str) {
        assert_eq!(by_scanner(s), by_regex(s), "{s:?}");
    }

    #[test]
    fn abs_scanner_groups_are_the_regex_groups() {
        let names: Vec<&str> = ABS.capture_names().flatten().collect();
        assert_eq!(names, GROUPS);
    }

    #[test]
    fn abs_scanner_examples() {
        let first = |s| abs_dates(s).first().map(|m| m.text);
        // the first branch that matches wins, not the longest
        assert_eq!(first("3일 전"), Some("3일"));
        assert_eq!(first("2024년도"), Some("2024년"));
        assert_eq!(abs_dates("2024년도")[0].y5, Some("2024"));
        // counted digits: 123월 is not a month at 1, but 23월 is
        assert_eq!(first("123월"), Some("23월"));
        assert_eq!(abs_dates("123월")[0].m6, Some("23"));
        assert_eq!(first("지난 3일"), Some("지난 3일"));
        assert_eq!(abs_dates("오는3일")[0].pre, Some("오는"));
        assert_eq!(first("지난  3일"), Some("3일"));
        assert_eq!(first("2024.02.21a"), None);
        assert_eq!(first("2024.02.21_"), None);
        assert_eq!(first("2024.02.21가"), Some("2024.02.21"));
        assert_eq!(first("2024년 3 분기"), Some("2024년 3 분기"));
        assert_eq!(first("1.5년여"), Some("1.5년"));
        assert_eq!(
            first("1.5 여 년 6 개월 동안"),
            Some("1.5 여 년 6 개월 동안")
        );
        for s in [
            "",
            "1",
            "지난",
            "2024년 2월 21일",
            "1990-1-2",
            "2010년대 초반",
            "70년대",
            "2024학년도",
            "3주일간",
            "12월 말께",
            "1.2.3년",
            "09년",
            "2024.5년",
        ] {
            assert_same(s);
        }
    }

    /// Pieces that stress the grammar: digits (often, and in runs), blanks, separators, the
    /// words of every branch and parts of them, letters, other Hangul, other scripts.
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "9",
        "0",
        "1",
        "2",
        "19",
        "20",
        "10",
        "70",
        "2024",
        "1990",
        "2010",
        "123",
        " ",
        " ",
        "\t",
        "  ",
        ".",
        "-",
        "/",
        ",",
        "_",
        "년",
        "월",
        "일",
        "초",
        "말",
        "중",
        "순",
        "초순",
        "중순",
        "하순",
        "상반기",
        "하반기",
        "분기",
        "연말",
        "연초",
        "개월",
        "개",
        "주",
        "주일",
        "간",
        "동안",
        "동",
        "여",
        "전",
        "후",
        "뒤",
        "지난",
        "오는",
        "지",
        "난",
        "오",
        "는",
        "년대",
        "대",
        "초반",
        "중반",
        "후반",
        "학년도",
        "회계연도",
        "년도",
        "께",
        "달",
        "a",
        "Z",
        "x",
        "가",
        "한",
        "국",
        "에",
        "é",
        "😀",
        "\n",
        "~",
    ];

    #[test]
    fn abs_scanner_is_the_regex_on_random_strings() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut s = String::new();
        for _ in 0..60_000 {
            s.clear();
            for _ in 0..1 + rng.below(24) {
                s.push_str(PIECES[rng.below(PIECES.len())]);
            }
            assert_same(&s);
        }
    }

    /// The branches of the grammar as templates, one slot per item: `P` an optional 지난/오는
    /// with a blank, `B` a blank (or none, or two), `D1-2` a run of 1 to 2 digits, `Y` a
    /// year 19xx or 20xx, `F` decimals, `S` a date separator, `E` what ends `d2`, else words
    /// separated by `|` (an empty word makes the slot optional). Each slot is sometimes
    /// written wrong (another length, another word) to reach near misses.
    const TEMPLATES: &[&str] = &[
        "P D4-4 B 년 B D1-2 B 월 B D1-2 B 일",
        "P Y S B D1-2 S B D1-2 E",
        "P D4-4 B 년 B D1-2 B 월 B |초순|중순|하순|초|말|께",
        "P D1-2 B 월 B D1-2 B 일",
        "P D3-3 0 B 년대 B |초반|중반|후반|초|말",
        "P D4-4 B 년 B |상반기|하반기|연말|연초|초|말",
        "P D4-4 B 년 B 1|2|3|4|5|0 B 분기",
        "P D1-2 B 월 B |초순|중순|하순|초|말|께",
        "P D1-3 B 일 B 간|동안",
        "P D1-2 B 일",
        "P D1-2 B 년|개월|달|주|일 B 전|후|뒤",
        "P 1|2|7|9|0 0 B 년대",
        "P D4-4 B 학년도|회계연도|년도",
        "P D1-6 F B |여 B 년|개월|주일|주|일|일간|일 간|일동안 B D1-3 B |개월|일 B |간|동안",
    ];

    /// Every word of the grammar (for wrong words).
    const WORDS: &[&str] = &[
        "년",
        "월",
        "일",
        "초순",
        "중순",
        "하순",
        "초",
        "말",
        "께",
        "년대",
        "초반",
        "중반",
        "후반",
        "상반기",
        "하반기",
        "분기",
        "연말",
        "연초",
        "간",
        "동안",
        "개월",
        "달",
        "주",
        "전",
        "후",
        "뒤",
        "학년도",
        "회계연도",
        "년도",
        "여",
        "주일",
        "지난",
        "오는",
    ];

    impl Rng {
        /// One branch of the grammar, its slots sometimes written wrong.
        fn template(&mut self, s: &mut String) {
            let wrong = |r: &mut Rng| r.below(10) == 0;
            for slot in TEMPLATES[self.below(TEMPLATES.len())].split(' ') {
                match slot {
                    "P" => {
                        if self.below(3) == 0 {
                            s.push_str(["지난", "오는", "지", "오"][self.below(4)]);
                            self.blank(s);
                        }
                    }
                    "B" => self.blank(s),
                    "Y" => {
                        s.push_str(["19", "20", "21", "1"][self.below(4)]);
                        let n = if wrong(self) { self.below(4) } else { 2 };
                        self.digits(n, s);
                    }
                    "F" => {
                        if self.below(3) == 0 {
                            s.push('.');
                            let n = self.below(4);
                            self.digits(n, s);
                        }
                    }
                    "S" => s.push_str([".", "-", "/", ".", "-", "/", ",", " ", ""][self.below(9)]),
                    "E" => {
                        s.push_str(["", "", "", " ", "a", "_", "Z", "가", "1", "."][self.below(10)])
                    }
                    d if d.starts_with('D') => {
                        let (lo, hi) = d[1..].split_once('-').expect("D<lo>-<hi>");
                        let (lo, hi): (usize, usize) = (lo.parse().unwrap(), hi.parse().unwrap());
                        let n = if wrong(self) {
                            self.below(hi + 2)
                        } else {
                            lo + self.below(hi - lo + 1)
                        };
                        self.digits(n, s);
                    }
                    words => {
                        let words: Vec<&str> = words.split('|').collect();
                        if wrong(self) {
                            let w = WORDS[self.below(WORDS.len())];
                            // the word, or its first syllable
                            let cut = if self.below(2) == 0 { w.len() } else { 3 };
                            s.push_str(&w[..cut.min(w.len())]);
                        } else {
                            s.push_str(words[self.below(words.len())]);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn abs_scanner_is_the_regex_on_strings_from_the_grammar() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut s = String::new();
        let mut seen = [0usize; GROUPS.len()];
        for _ in 0..150_000 {
            s.clear();
            // one to three branches, glued with other pieces or nothing
            for _ in 0..1 + rng.below(3) {
                if rng.below(2) == 0 {
                    s.push_str(PIECES[rng.below(PIECES.len())]);
                }
                rng.template(&mut s);
            }
            assert_same(&s);
            for m in abs_dates(&s) {
                for (k, g) in GROUPS.iter().enumerate() {
                    seen[k] += usize::from(group(&m, g).is_some());
                }
            }
        }
        // every part of the grammar was reached, often
        for (g, n) in GROUPS.iter().zip(seen) {
            assert!(n >= 500, "group {g} matched only {n} times");
        }
    }

    #[test]
    fn abs_scanner_is_the_regex_on_all_short_strings() {
        const SHORT: &[&str] = &[
            "1",
            "12",
            "123",
            "2024",
            "2010",
            "70",
            "0",
            " ",
            "\t",
            ".",
            "-",
            "a",
            "년",
            "월",
            "일",
            "초",
            "말",
            "순",
            "분기",
            "개월",
            "주",
            "간",
            "동안",
            "여",
            "전",
            "지난",
            "년대",
            "상반기",
            "학년도",
            "가",
        ];
        let n = SHORT.len();
        for k in 0..n * n * n {
            let s = format!("{}{}{}", SHORT[k % n], SHORT[k / n % n], SHORT[k / n / n]);
            assert_same(&s);
            assert_same(&s[..s.len() - SHORT[k / n / n].len()]);
        }
    }

    #[test]
    fn abs_scanner_is_linear_on_long_runs_of_digits() {
        // a quadratic scan takes ~50 s here (0.2 s with the memo of the duration branch)
        let run = "7".repeat(200_000);
        for s in [
            run.clone(),
            format!("{run}x"),
            format!("{run}.{run}x"),
            format!("{run}.{run}년 {run}일"),
            format!("{run} 여 개월 {run}x"),
            format!("지난 {run}."),
        ] {
            assert_same(&s);
        }
    }

    #[test]
    #[ignore = "needs ../shared (run with --include-ignored)"]
    fn abs_scanner_is_the_regex_on_the_corpus() {
        let mut lines = 0;
        for text in corpus_texts().expect(NEEDS_SHARED) {
            assert_same(&text);
            for line in text.lines() {
                assert_same(line);
                lines += 1;
            }
        }
        for line in corpus_lines("klue-news-sentences.txt.gz").expect(NEEDS_SHARED) {
            assert_same(&line);
            lines += 1;
        }
        println!("{lines} corpus lines: same matches and groups");
    }

    #[test]
    fn datelines() {
        let d = |t: &str| dateline(t).map(|x| x.to_iso());
        assert_eq!(
            d("제목\n입력 2024.02.21 14:30 수정 2024.02.22"),
            Some("2024-02-21".into())
        );
        assert_eq!(d("기사입력 : 2023-11-05 오전"), Some("2023-11-05".into()));
        assert_eq!(d("등록 2024년 3월 1일"), Some("2024-03-01".into()));
        assert_eq!(d("송고2024/12/31"), Some("2024-12-31".into()));
        // the first dateline word with a date wins, whatever the word
        assert_eq!(d("작성 2022.1.2 입력 2021.3.4"), Some("2022-01-02".into()));
        // a line holding only a date, with or without a time
        assert_eq!(
            d("제목\n 2024.02.21. 09:05 \n본문"),
            Some("2024-02-21".into())
        );
        assert_eq!(d("제목\n2024-02-21\n본문"), Some("2024-02-21".into()));
        for t in [
            "2024.02.21에 만났다",
            "입력 1850.01.01",
            "입력 없음",
            "2024-02-21 14:3",
            "2024-02-21\r\n",
            "",
        ] {
            assert_eq!(d(t), None, "{t:?}");
        }
        // an impossible first dateline falls back to a bare date line
        assert_eq!(d("입력 2024.02.31\n2024.03.01"), Some("2024-03-01".into()));
    }

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
    fn ranges() {
        let d = |s| Ymd::parse(s).unwrap();
        assert_eq!(
            value_range("2024-W09"),
            Some((d("2024-02-26"), d("2024-03-03")))
        );
        assert_eq!(
            value_range("2024-H2"),
            Some((d("2024-07-01"), d("2024-12-31")))
        );
        assert_eq!(
            value_range("2024-02"),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            value_range("2024-02-21"),
            Some((d("2024-02-21"), d("2024-02-21")))
        );
        assert_eq!(value_range("XXXX-XX-21"), None);
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
