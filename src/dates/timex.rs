//! TIMEX3 values: the value of a year with its modifier (`2024-H1`, `2024-Q3`), of a bare
//! day or month-day against the reference date, and the days a value covers.

use super::{Ymd, days_in_month};

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

/// A year with a modifier: 상반기 `YYYY-H1`, 하반기 `YYYY-H2`, 연말 and 말 `YYYY-12`, N분기
/// `YYYY-QN`; else the year.
pub(super) fn with_mod(y: i32, md: &str) -> String {
    match md {
        "상반기" => format!("{y}-H1"),
        "하반기" => format!("{y}-H2"),
        "연말" | "말" => format!("{y}-12"),
        q if q.ends_with("분기") => format!("{y}-Q{}", &q[..1]),
        _ => format!("{y}"),
    }
}

/// A bare day (21일) in the month of the reference date, or the month before or after: 지난
/// and 오는 say which, else the tense of the sentence (`future`) and how far the day lies
/// from the reference date. `XXXX-XX-DD` without a reference date.
pub(super) fn bare_day(
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

/// A month and day (3월 5일) in the year of the reference date, the year before after 지난
/// when it is not yet past, the year after after 오는 when it is past. `XXXX-MM-DD` without
/// a reference date, when the day exists in some year.
pub(super) fn month_day(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Ymd {
        Ymd::parse(s).unwrap()
    }

    #[test]
    fn ranges_of_values() {
        assert_eq!(
            value_range("2032-W01"),
            Some((d("2031-12-29"), d("2032-01-04")))
        );
        assert_eq!(
            value_range("2031-Q2"),
            Some((d("2031-04-01"), d("2031-06-30")))
        );
        assert_eq!(
            value_range("2032-02"),
            Some((d("2032-02-01"), d("2032-02-29")))
        );
        assert_eq!(
            value_range("2031"),
            Some((d("2031-01-01"), d("2031-12-31")))
        );
        assert_eq!(
            value_range("2031-11-05"),
            Some((d("2031-11-05"), d("2031-11-05")))
        );
        for v in ["XXXX-11", "XXXX-XX-05", "P3D", "2031-13", "203"] {
            assert_eq!(value_range(v), None, "{v}");
        }
    }

    #[test]
    fn years_with_modifiers() {
        assert_eq!(with_mod(2031, "상반기"), "2031-H1");
        assert_eq!(with_mod(2031, "연말"), "2031-12");
        assert_eq!(with_mod(2031, "3분기"), "2031-Q3");
        assert_eq!(with_mod(2031, "연초"), "2031");
    }

    #[test]
    fn bare_days_follow_the_tense_and_the_distance() {
        let r = Ymd::parse("2031-11-05");
        let v = |pre, day, future| bare_day(r, pre, day, future).0;
        assert_eq!(v(None, 3, false).as_deref(), Some("2031-11-03"));
        // ahead of the reference date: this month when near or looking ahead, else last month
        assert_eq!(v(None, 9, false).as_deref(), Some("2031-11-09"));
        assert_eq!(v(None, 28, false).as_deref(), Some("2031-10-28"));
        assert_eq!(v(None, 28, true).as_deref(), Some("2031-11-28"));
        assert_eq!(v(Some("지난"), 5, false).as_deref(), Some("2031-10-05"));
        assert_eq!(v(Some("오는"), 2, false).as_deref(), Some("2031-12-02"));
        assert_eq!(v(None, 31, false).as_deref(), Some("2031-10-31"));
        // 31일 in a month without one stays unresolved
        let december = Ymd::parse("2031-12-05");
        assert_eq!(bare_day(december, None, 31, false), (None, None));
        assert_eq!(
            bare_day(None, None, 7, false).0.as_deref(),
            Some("XXXX-XX-07")
        );
    }

    #[test]
    fn month_days() {
        let r = Ymd::parse("2031-11-05");
        assert_eq!(
            month_day(r, Some("지난"), 12, 1, false).0.as_deref(),
            Some("2030-12-01")
        );
        assert_eq!(
            month_day(r, Some("오는"), 1, 9, false).0.as_deref(),
            Some("2032-01-09")
        );
        assert_eq!(
            month_day(None, None, 2, 29, false).0.as_deref(),
            Some("XXXX-02-29")
        );
        assert_eq!(month_day(None, None, 2, 30, false), (None, None));
        assert_eq!(month_day(r, None, 2, 29, false), (None, None));
    }
}
