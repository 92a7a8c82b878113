//! After the finding, in text order: a bare year or month joins the month or day right
//! after it (지난해 3월, 지난달 13일), 이날 and its kin take the day the article is about, and
//! a bare day after a dated expression of the same sentence takes its month.

use super::{DateMention, Grain, Ymd};

/// Joins a year and the month after it (지난해 3월, 작년9월) and a month and the day after it
/// (지난달 13일, 다음달17일) into one expression.
pub(super) fn merge_adjacent(s: &str, base: usize, list: Vec<DateMention>) -> Vec<DateMention> {
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

/// Resolves, in text order, 이날 / 전날 (the last full day named before them near the
/// reference date, else the reference date) and the bare days after a dated expression of
/// the same sentence; `anchor` is updated with every full day named near the reference date.
pub(super) fn resolve_in_order(
    s: &str,
    base: usize,
    reference: Option<Ymd>,
    anchor: &mut Option<Ymd>,
    out: &mut [DateMention],
) {
    let mut last_ym: Option<String> = None;
    for d in out {
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
}

#[cfg(test)]
mod tests {
    use super::super::{DateRules, find};
    use super::*;
    use crate::rules::RuleSet;

    fn spans(sentences: &[&str], reference: &str) -> Vec<Vec<(String, Option<String>)>> {
        let rules = DateRules::new(&RuleSet::builtin().unwrap()).unwrap();
        let mut anchor = None;
        sentences
            .iter()
            .enumerate()
            .map(|(si, s)| {
                find(&rules, s, 0, si, Ymd::parse(reference), &mut anchor)
                    .into_iter()
                    .map(|d| (s[d.start..d.end].to_string(), d.value))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_year_or_month_joins_what_follows() {
        let r = "2031-11-05";
        let got = spans(&["작년 9월 개관했고 지난달 2일 재개관", "다음달20일"], r);
        assert_eq!(got[0][0], ("작년 9월".into(), Some("2030-09".into())));
        assert_eq!(got[0][1], ("지난달 2일".into(), Some("2031-10-02".into())));
        assert_eq!(got[1][0], ("다음달20일".into(), Some("2031-12-20".into())));
        // two words apart: no join
        let got = spans(&["작년  9월"], r);
        assert_eq!(got[0].len(), 2);
    }

    #[test]
    fn inal_takes_the_day_named_before() {
        let r = "2031-11-05";
        let got = spans(
            &["3일 시민들이 모였다", "이날 행사는", "다음날 해산했다"],
            r,
        );
        assert_eq!(got[1][0].1.as_deref(), Some("2031-11-03"));
        assert_eq!(got[2][0].1.as_deref(), Some("2031-11-04"));
        // a day far from the reference date is no anchor: 이날 is the reference date
        let got = spans(&["2001년 5월 3일 창립", "이날 밝혔다"], r);
        assert_eq!(got[1][0].1.as_deref(), Some("2031-11-05"));
    }

    #[test]
    fn a_bare_day_takes_the_month_named_before() {
        let got = spans(&["2029년 3월 10일과 12일"], "2031-11-05");
        assert_eq!(got[0][1], ("12일".into(), Some("2029-03-12".into())));
    }
}
