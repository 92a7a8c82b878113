//! The dates written with digits (`2024년 2월 21일`, `2024.02.21`, `3월 초`, `2010년대`,
//! `지난 3일`, `1년6개월간`): a hand-written reader of the grammar below, with no regex.
//!
//! ```text
//! (?:(?P<pre>지난|오는)[ \t]?)?(?:
//!    (?P<y1>[0-9]{4})[ \t]?년[ \t]?(?P<m1>[0-9]{1,2})[ \t]?월[ \t]?(?P<d1>[0-9]{1,2})[ \t]?일
//!   |(?P<y2>(?:19|20)[0-9]{2})[.\-/][ \t]?(?P<m2>[0-9]{1,2})[.\-/][ \t]?(?P<d2>[0-9]{1,2})(?-u:\b)
//!   |(?P<y3>[0-9]{4})[ \t]?년[ \t]?(?P<m3>[0-9]{1,2})[ \t]?월(?:[ \t]?(?P<mmod3>초순|중순|하순|초|말|께))?
//!   |(?P<m4>[0-9]{1,2})[ \t]?월[ \t]?(?P<d4>[0-9]{1,2})[ \t]?일
//!   |(?P<dec>[0-9]{3})0[ \t]?년대(?:[ \t]?(?:초반|중반|후반|초|말))?
//!   |(?P<y5>[0-9]{4})[ \t]?년(?:[ \t]?(?P<ymod5>상반기|하반기|[1-4][ \t]?분기|연말|연초|초|말))?
//!   |(?P<m6>[0-9]{1,2})[ \t]?월(?:[ \t]?(?P<mmod6>초순|중순|하순|초|말|께))?
//!   |(?P<dd>[0-9]{1,3})[ \t]?일[ \t]?(?:간|동안)
//!   |(?P<d7>[0-9]{1,2})[ \t]?일
//!   |(?P<n8>[0-9]{1,2})[ \t]?(?P<u8>년|개월|달|주|일)[ \t]?(?P<dir8>전|후|뒤)
//!   |(?P<dec2>[1-9])0[ \t]?년대
//!   |(?P<sy>[0-9]{4})[ \t]?(?:학년도|회계연도|년도)
//!   |(?P<dn>[0-9]+(?:\.[0-9]+)?)(?:[ \t]?여)?[ \t]?(?P<du>년|개월|주일|주|일[ \t]?간|일[ \t]?동안)
//!      (?:[ \t]?(?P<dn2>[0-9]+)[ \t]?(?P<du2>개월|일))?(?:[ \t]?(?:간|동안))?
//! )
//! ```
//!
//! Each branch is one [`DigitForm`]; the group names are those of the regex the tests keep
//! as the reader's oracle (`digits_oracle.rs`). The words of the grammar (년, 월, 초순 …,
//! the three separators) stay in code: they are the grammar itself, which the oracle checks
//! item by item, not a list of cues to extend.

use super::cursor::Cursor;

/// One date, month, day, decade or duration written with digits, as found by
/// [`digit_dates`]. Its parts are slices of the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DigitDate<'a> {
    /// Byte offset of the first character.
    pub(super) start: usize,
    /// Byte offset after the last character.
    pub(super) end: usize,
    /// The whole match.
    pub(super) text: &'a str,
    /// 지난 or 오는 written before it (`pre`).
    pub(super) pre: Option<&'a str>,
    /// Which branch matched, with its parts.
    pub(super) form: DigitForm<'a>,
}

/// The branches of the grammar, in its order (the first that matches wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DigitForm<'a> {
    /// `2024년 2월 21일` (y1 m1 d1), or `2024.02.21` when `dotted` (y2 m2 d2).
    Ymd {
        y: &'a str,
        m: &'a str,
        d: &'a str,
        dotted: bool,
    },
    /// `2024년 2월`, `2024년 2월 초순` (y3 m3 mmod3).
    YearMonth {
        y: &'a str,
        m: &'a str,
        modifier: Option<&'a str>,
    },
    /// `2월 21일` (m4 d4).
    MonthDay { m: &'a str, d: &'a str },
    /// `2010년대`, `1990년대 초반`: the first three digits of the year (dec).
    Decade { first3: &'a str },
    /// `2024년`, `2024년 상반기`, `2024년 3 분기` (y5 ymod5).
    Year {
        y: &'a str,
        modifier: Option<&'a str>,
    },
    /// `2월`, `2월 말` (m6 mmod6).
    Month {
        m: &'a str,
        modifier: Option<&'a str>,
    },
    /// `20일간`, `20일 동안`: a number of days (dd).
    Days { n: &'a str },
    /// `21일` (d7).
    Day { d: &'a str },
    /// `3년 전`, `2주 뒤` (n8 u8 dir8).
    Ago {
        n: &'a str,
        unit: &'a str,
        dir: &'a str,
    },
    /// `70년대`: the tens digit (dec2).
    ShortDecade { tens: &'a str },
    /// `2024학년도`, `2024 회계연도` (sy).
    SchoolYear { y: &'a str },
    /// `10년`, `1.5년`, `3여 개월`, `5일간`, `1년6개월 동안` (dn du, then dn2 du2).
    Duration {
        n: &'a str,
        unit: &'a str,
        then: Option<(&'a str, &'a str)>,
    },
}

/// The modifiers after a month (`mmod3`, `mmod6`).
const MONTH_MODS: &[&str] = &["초순", "중순", "하순", "초", "말", "께"];
/// The separators of `2024.02.21`.
const SEPARATORS: &[&str] = &[".", "-", "/"];

/// Finds the matches of the grammar the way a regex's `find_iter` does: leftmost-first (at
/// the first position where some branch matches, the first branch that matches wins, not
/// the longest), each search resuming where the previous match ended.
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
pub(super) fn digit_dates(s: &str) -> Vec<DigitDate<'_>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut duration_memo = None;
    // where the search resumes (after the last match)
    let mut i = 0;
    while let Some(j) = b[i..].iter().position(u8::is_ascii_digit).map(|k| i + k) {
        let m = prefix_start(b, i, j)
            .and_then(|p| digit_date_at(s, p, &mut duration_memo))
            .or_else(|| digit_date_at(s, j, &mut duration_memo));
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
fn digit_date_at<'a>(
    s: &'a str,
    i: usize,
    memo: &mut Option<DurationMemo<'a>>,
) -> Option<DigitDate<'a>> {
    let mut c = Cursor::at(s, i);
    // (?:(?P<pre>지난|오는)[ \t]?)?: when the word is there, the branches must match after it
    // (and its blank); leaving the word or the blank out cannot help, as a branch cannot
    // start with 지, 오 or a blank
    let pre = c.one_of(&["지난", "오는"]);
    if pre.is_some() {
        c.blank();
    }
    if !s.as_bytes().get(c.i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (form, end) = branches(Cursor::at(s, c.i), memo)?;
    Some(DigitDate {
        start: i,
        end,
        text: &s[i..end],
        pre,
        form,
    })
}

/// The branches of the grammar at the cursor (on a digit), in the order of the regex: the
/// first that matches, and where it ends.
fn branches<'a>(
    at: Cursor<'a>,
    memo: &mut Option<DurationMemo<'a>>,
) -> Option<(DigitForm<'a>, usize)> {
    ymd_in_words(at)
        .or_else(|| ymd_with_separators(at))
        .or_else(|| year_month(at))
        .or_else(|| month_day(at))
        .or_else(|| decade(at))
        .or_else(|| year(at))
        .or_else(|| month(at))
        .or_else(|| days(at))
        .or_else(|| day(at))
        .or_else(|| ago(at))
        .or_else(|| short_decade(at))
        .or_else(|| school_year(at))
        .or_else(|| duration(at, memo))
}

/// y1: 2024년 2월 21일
fn ymd_in_words(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let y = c.digits(4, 4)?;
    c.blank().lit("년").then_some(())?;
    let m = c.blank().digits(1, 2)?;
    c.blank().lit("월").then_some(())?;
    let d = c.blank().digits(1, 2)?;
    c.blank().lit("일").then_some(())?;
    let dotted = false;
    Some((DigitForm::Ymd { y, m, d, dotted }, c.i))
}

/// y2: 2024.02.21, 2024-2-21, 2024/ 2/ 21, then a word boundary (not a letter or _)
fn ymd_with_separators(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let y = c.digits(4, 4)?;
    (y.starts_with("19") || y.starts_with("20")).then_some(())?;
    c.one_of(SEPARATORS)?;
    let m = c.blank().digits(1, 2)?;
    c.one_of(SEPARATORS)?;
    let d = c.blank().digits(1, 2)?;
    let word_char = |x: &u8| x.is_ascii_alphabetic() || *x == b'_';
    (!c.s.as_bytes().get(c.i).is_some_and(word_char)).then_some(())?;
    let dotted = true;
    Some((DigitForm::Ymd { y, m, d, dotted }, c.i))
}

/// y3: 2024년 2월, 2024년 2월 초순
fn year_month(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let y = c.digits(4, 4)?;
    c.blank().lit("년").then_some(())?;
    let m = c.blank().digits(1, 2)?;
    c.blank().lit("월").then_some(())?;
    let modifier = c.opt(|c| c.blank().one_of(MONTH_MODS));
    Some((DigitForm::YearMonth { y, m, modifier }, c.i))
}

/// m4: 2월 21일
fn month_day(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let m = c.digits(1, 2)?;
    c.blank().lit("월").then_some(())?;
    let d = c.blank().digits(1, 2)?;
    c.blank().lit("일").then_some(())?;
    Some((DigitForm::MonthDay { m, d }, c.i))
}

/// dec: 2010년대, 1990년대 초반 (the decade is the first three digits)
fn decade(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let y = c.digits(4, 4)?;
    y.ends_with('0').then_some(())?;
    c.blank().lit("년대").then_some(())?;
    c.opt(|c| c.blank().one_of(&["초반", "중반", "후반", "초", "말"]));
    Some((DigitForm::Decade { first3: &y[..3] }, c.i))
}

/// y5: 2024년, 2024년 상반기, 2024년 3 분기
fn year(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let y = c.digits(4, 4)?;
    c.blank().lit("년").then_some(())?;
    let modifier = c.opt(|c| {
        let from = c.blank().i;
        // `[1-4][ \t]?분기` in an `opt` of its own: when it fails after its digit, the words
        // after it are tried where it started
        let quarter = |c: &mut Cursor| {
            c.opt(|c| {
                c.one_of(&["1", "2", "3", "4"])?;
                c.blank().lit("분기").then_some(())
            })
        };
        (c.one_of(&["상반기", "하반기"]).is_some()
            || quarter(c).is_some()
            || c.one_of(&["연말", "연초", "초", "말"]).is_some())
        .then(|| &c.s[from..c.i])
    });
    Some((DigitForm::Year { y, modifier }, c.i))
}

/// m6: 2월, 2월 말
fn month(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let m = c.digits(1, 2)?;
    c.blank().lit("월").then_some(())?;
    let modifier = c.opt(|c| c.blank().one_of(MONTH_MODS));
    Some((DigitForm::Month { m, modifier }, c.i))
}

/// dd: 20일간, 20일 동안 (up to three digits)
fn days(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let n = c.digits(1, 3)?;
    c.blank().lit("일").then_some(())?;
    c.blank().one_of(&["간", "동안"])?;
    Some((DigitForm::Days { n }, c.i))
}

/// d7: 21일
fn day(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let d = c.digits(1, 2)?;
    c.blank().lit("일").then_some(())?;
    Some((DigitForm::Day { d }, c.i))
}

/// n8: 3년 전, 2주 뒤 (with 일 never reached: d7 above matches 3일 first)
fn ago(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let n = c.digits(1, 2)?;
    let unit = c.blank().one_of(&["년", "개월", "달", "주", "일"])?;
    let dir = c.blank().one_of(&["전", "후", "뒤"])?;
    Some((DigitForm::Ago { n, unit, dir }, c.i))
}

/// dec2: 70년대
fn short_decade(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let d = c.digits(2, 2)?;
    (d.as_bytes()[0] != b'0' && d.ends_with('0')).then_some(())?;
    c.blank().lit("년대").then_some(())?;
    Some((DigitForm::ShortDecade { tens: &d[..1] }, c.i))
}

/// sy: 2024학년도, 2024 회계연도 (2024년도 never gets here: y5 matches 2024년 first)
fn school_year(mut c: Cursor<'_>) -> Option<(DigitForm<'_>, usize)> {
    let y = c.digits(4, 4)?;
    c.blank().one_of(&["학년도", "회계연도", "년도"])?;
    Some((DigitForm::SchoolYear { y }, c.i))
}

/// dn: a duration, 10년, 1.5년, 3여 개월, 5일간, 1년6개월 동안. Its `[0-9]+` takes the whole
/// run of digits, so what follows is the same for every start inside the run: computed at
/// the first start, reused at the next ones (else a long run would cost time quadratic in
/// its length).
fn duration<'a>(
    mut at: Cursor<'a>,
    memo: &mut Option<DurationMemo<'a>>,
) -> Option<(DigitForm<'a>, usize)> {
    let (s, p) = (at.s, at.i);
    if !memo
        .as_ref()
        .is_some_and(|d| (d.run_start..d.run_end).contains(&p))
    {
        let run_end = at.digits(1, usize::MAX).map(|n| p + n.len())?;
        *memo = Some(duration_after(s, p, run_end));
    }
    let d = memo.as_ref()?;
    let end = d.end?;
    let n = &s[p..d.number_end];
    Some((
        DigitForm::Duration {
            n,
            unit: d.unit?,
            then: d.then,
        },
        end,
    ))
}

/// The `dn` branch after its integer digits, for every start in the run of digits
/// `run_start..run_end`.
struct DurationMemo<'a> {
    run_start: usize,
    run_end: usize,
    /// Where the number ends (after `.5` of `1.5`).
    number_end: usize,
    /// `du`.
    unit: Option<&'a str>,
    /// `dn2` and `du2`.
    then: Option<(&'a str, &'a str)>,
    /// Where the match ends; None when the branch does not match.
    end: Option<usize>,
}

/// The rest of the `dn` branch after the integer digits ending at `run_end`:
/// `(?:\.[0-9]+)?(?:[ \t]?여)?[ \t]?(?P<du>…)(?:[ \t]?(?P<dn2>[0-9]+)[ \t]?(?P<du2>개월|일))?(?:[ \t]?(?:간|동안))?`
fn duration_after(s: &str, run_start: usize, run_end: usize) -> DurationMemo<'_> {
    let mut c = Cursor::at(s, run_end);
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
    let unit = c.blank().one_of(&["년", "개월", "주일", "주"]).or_else(|| {
        let from = c.i;
        (c.lit("일") && c.blank().one_of(&["간", "동안"]).is_some()).then(|| &s[from..c.i])
    });
    let mut memo = DurationMemo {
        run_start,
        run_end,
        number_end,
        unit,
        then: None,
        end: None,
    };
    if unit.is_some() {
        memo.then = c.opt(|c| {
            let n = c.blank().digits(1, usize::MAX)?;
            Some((n, c.blank().one_of(&["개월", "일"])?))
        });
        c.opt(|c| c.blank().one_of(&["간", "동안"]));
        memo.end = Some(c.i);
    }
    memo
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str) -> Option<&str> {
        digit_dates(s).first().map(|m| m.text)
    }

    #[test]
    fn the_first_branch_that_matches_wins() {
        // not the longest: 5일 is a day before it is 5일 뒤
        assert_eq!(first("5일 뒤 출국"), Some("5일"));
        assert_eq!(first("2031년도 예산"), Some("2031년"));
        assert!(matches!(
            digit_dates("2031년도")[0].form,
            DigitForm::Year {
                y: "2031",
                modifier: None
            }
        ));
    }

    #[test]
    fn forms_and_their_parts() {
        fn form(s: &str) -> DigitForm<'_> {
            digit_dates(s).remove(0).form
        }
        assert_eq!(
            form("1999/12/31 자정"),
            DigitForm::Ymd {
                y: "1999",
                m: "12",
                d: "31",
                dotted: true
            }
        );
        assert_eq!(
            form("2030년 11월 하순께"),
            DigitForm::YearMonth {
                y: "2030",
                m: "11",
                modifier: Some("하순")
            }
        );
        assert_eq!(
            form("2027년 2 분기"),
            DigitForm::Year {
                y: "2027",
                modifier: Some("2 분기")
            }
        );
        assert_eq!(form("80년대 음악"), DigitForm::ShortDecade { tens: "8" });
        assert_eq!(
            form("2.5여 년 3개월간"),
            DigitForm::Duration {
                n: "2.5",
                unit: "년",
                then: Some(("3", "개월"))
            }
        );
        // 지난/오는 right before the digits, with at most one blank
        let m = &digit_dates("오는\t9일 개막")[0];
        assert_eq!((m.pre, m.text), (Some("오는"), "오는\t9일"));
        assert_eq!(first("지난  9일"), Some("9일"));
    }

    #[test]
    fn numbers_that_are_not_dates_give_nothing() {
        for s in [
            "전화 1588",
            "3.14",
            "가격 999",
            "1234567",
            "2030.01.02x",
            "지난",
        ] {
            assert_eq!(first(s), None, "{s:?}");
        }
        // a month needs its run of digits to be one or two long: 123월 reads from 2
        assert_eq!(first("123월"), Some("23월"));
    }
}
