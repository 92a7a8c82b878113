//! Amounts: numbers with Korean number words and units (5,000만 원 = 50000000 KRW,
//! 35만 개 = 350000, 80%, 3억 달러, 2조 5,000억 원).
//!
//! A number is a digit group (with thousands commas or a decimal point) followed by any of
//! 조/억/만/천; several such groups in a row add up (2조 5,000억). An amount needs a unit
//! after it, or a multiplier word; a bare number is not reported.

use std::sync::LazyLock;

use regex::Regex;

/// An amount found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Sentence index.
    pub sentence: usize,
    /// The value with the number words applied.
    pub value: f64,
    /// KRW, USD, EUR, JPY, CNY, GBP, %, or the counter word (개, 명, 대 …); None if none.
    pub unit: Option<String>,
    /// money, count, percent or other.
    pub kind: &'static str,
}

/// A number: digit groups with number words (2조 5,000억).
static NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?[ \t]?(?:조|억|만|천)[ \t]?)*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[ \t]?(?:조|억|만|천))?",
    )
    .expect("static regex")
});

/// The units a number may take, the first that fits winning (개국 before 개).
const UNITS: &[&str] = &[
    "%",
    "％",
    "퍼센트",
    "원",
    "달러",
    "유로",
    "엔",
    "위안",
    "파운드",
    "루피",
    "개국",
    "개사",
    "개월",
    "가구",
    "개",
    "명",
    "대",
    "건",
    "곳",
    "척",
    "마리",
    "배",
    "톤",
    "주",
    "회",
    "bp",
    "GB",
    "TB",
    "MB",
    "nm",
    "나노",
    "㎾",
    "kW",
    "MW",
    "GW",
    "㎞",
    "km",
    "kg",
    "㎏",
];

/// The unit right at the start of `s`, after at most one space or tab: the unit and the
/// byte length read.
fn unit_at(s: &str) -> Option<(&'static str, usize)> {
    let rest = s.strip_prefix([' ', '\t']).unwrap_or(s);
    UNITS
        .iter()
        .find(|u| rest.starts_with(**u))
        .map(|u| (*u, s.len() - rest.len() + u.len()))
}

/// Compiles this stage's fixed patterns now (they are otherwise compiled on first use).
pub fn warm_up() {
    LazyLock::force(&NUM);
}

fn currency(u: &str) -> Option<&'static str> {
    Some(match u {
        "원" => "KRW",
        "달러" => "USD",
        "유로" => "EUR",
        "엔" => "JPY",
        "위안" => "CNY",
        "파운드" => "GBP",
        "루피" => "INR",
        _ => return None,
    })
}

/// Parses `2조 5,000억` into 2500000000000.
pub fn parse_korean_number(s: &str) -> Option<f64> {
    let mut total = 0f64;
    let mut cur = String::new();
    let mut any = false;
    for c in s.chars() {
        let mult = match c {
            '조' => 1e12,
            '억' => 1e8,
            '만' => 1e4,
            '천' => 1e3,
            ',' | ' ' => continue,
            _ => {
                cur.push(c);
                continue;
            }
        };
        let n: f64 = cur.parse().ok()?;
        total += n * mult;
        cur.clear();
        any = true;
    }
    if !cur.is_empty() {
        total += cur.parse::<f64>().ok()?;
        any = true;
    }
    any.then_some(total)
}

/// Finds the amounts of a sentence, skipping spans in `taken` (dates and product names,
/// sorted by start and not overlapping one another).
pub fn find(s: &str, base: usize, si: usize, taken: &[(usize, usize)]) -> Vec<Quantity> {
    let mut out = Vec::new();
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    for nm in NUM.find_iter(s) {
        // the number and its unit (a plain search for each: no capture groups to fill)
        let unit_match = unit_at(&s[nm.end()..]);
        let m_end = nm.end() + unit_match.map_or(0, |(_, len)| len);
        let (gs, ge) = (base + nm.start(), base + m_end);
        // the last taken span starting before our end overlaps us if it ends after our start
        let k = taken.partition_point(|&(a, _)| a < ge);
        if k > 0 && taken[k - 1].1 > gs {
            continue;
        }
        if s[..nm.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| crate::morph::is_alnum(ch) || ch == '.')
        {
            continue; // part of a model code or a longer token (H100, v2.0)
        }
        let num = nm.as_str();
        let unit = unit_match.map(|(u, _)| u);
        let has_word = num.contains(['조', '억', '만', '천']);
        // the unit must end the word (개국 vs 개, 명 vs 명단)
        let after = s[m_end..].chars().next();
        if unit.is_some() && after.is_some_and(|ch| ch.is_ascii_alphanumeric()) {
            continue;
        }
        if unit.is_none() && !has_word {
            continue;
        }
        let Some(value) = parse_korean_number(num).filter(|v| v.is_finite()) else {
            continue;
        };
        let (kind, unit) = match unit {
            Some("%") | Some("％") | Some("퍼센트") => ("percent", Some("%".to_string())),
            Some(u) if currency(u).is_some() => ("money", currency(u).map(String::from)),
            Some(
                u @ ("개" | "명" | "대" | "건" | "곳" | "척" | "마리" | "가구" | "개국" | "개사"),
            ) => ("count", Some(u.to_string())),
            Some(u) => ("other", Some(u.to_string())),
            None => ("count", None),
        };
        out.push(Quantity {
            start: gs,
            end: ge,
            sentence: si,
            value,
            unit,
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unit reader against the regex it replaces (one optional space or tab, then
    /// the first listed unit that fits), on every unit with the texts that can follow it.
    #[test]
    fn unit_reader_agrees_with_its_regex() {
        let re = regex::Regex::new(&format!(r"^[ \t]?({})", UNITS.join("|"))).unwrap();
        let heads = ["", " ", "\t", "  ", "x"];
        let tails = ["", "를", " 이상", "국", "사의", "1", "B"];
        let mut n = 0;
        for h in &heads {
            for u in UNITS.iter().chain(&["개국", "나", "G", "k", "마"]) {
                for t in tails {
                    let s = format!("{h}{u}{t}");
                    let want = re.captures(&s).map(|c| (c[1].to_string(), c[0].len()));
                    assert_eq!(unit_at(&s).map(|(u, l)| (u.to_string(), l)), want, "{s:?}");
                    n += usize::from(want.is_some());
                }
            }
        }
        assert!(n > 500, "{n} matches");
    }

    fn q(s: &str) -> Vec<(String, f64, Option<String>, &'static str)> {
        find(s, 0, 0, &[])
            .into_iter()
            .map(|x| (s[x.start..x.end].to_string(), x.value, x.unit, x.kind))
            .collect()
    }

    #[test]
    fn korean_numbers() {
        assert_eq!(
            q("대 당 5,000만 원에"),
            [("5,000만 원".into(), 5e7, Some("KRW".into()), "money")]
        );
        assert_eq!(q("H100 35만 개를")[0].1, 350000.0);
        assert_eq!(q("H100 35만 개를")[0].0, "35만 개");
        assert_eq!(q("80%를 점유")[0].3, "percent");
        assert_eq!(q("3억 달러")[0].2.as_deref(), Some("USD"));
        assert_eq!(q("2조 5,000억 원")[0].1, 2.5e12);
        assert_eq!(q("3.5%")[0].1, 3.5);
    }

    #[test]
    fn not_amounts() {
        assert!(q("H100은 칩").is_empty());
        assert!(q("2024 행사").is_empty());
    }
}
