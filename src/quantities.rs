//! Amounts: numbers with Korean number words and units (5,000만 원 = 50000000 KRW,
//! 35만 개 = 350000, 80%, 3억 달러, 2조 5,000억 원).
//!
//! A number is a digit group (with thousands commas or a decimal point) followed by any of
//! 조/억/만/천; several such groups in a row add up (2조 5,000억). An amount needs a unit
//! after it, or a multiplier word; a bare number is not reported.

use std::sync::LazyLock;

use crate::report::values::QUANTITY_KINDS;
use crate::rules::{RuleError, RuleSet};

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

/// The numbers of `s` (`2조 5,000억`, `35만`, `1,234.5`, `80`) as byte spans, left to
/// right, each search going on where the last number ended. A number is one or more digit
/// groups (see [`digit_group`]), each but the last followed by a number word (조, 억, 만,
/// 천; a blank may stand on either side of it), and the last one by an optional blank and
/// number word. This is the regex
/// `(?:G[ \t]?(?:조|억|만|천)[ \t]?)*G(?:[ \t]?(?:조|억|만|천))?` with
/// `G = (?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?` in its leftmost-first reading
/// (checked against it by the tests): a number starts at the first digit, and a group and
/// its word are taken while a digit follows them (after at most one blank); the blank after
/// the last word is not part of the number.
fn numbers(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // only ASCII bytes are read or stepped over: every offset is a char boundary
        let start = at + b.get(at..)?.iter().position(u8::is_ascii_digit)?;
        let mut i = start;
        let end = loop {
            let g = digit_group(b, i);
            let blank = usize::from(matches!(b.get(g), Some(b' ' | b'\t')));
            let Some(w) = number_word(&b[g + blank..]) else {
                break g; // no word: the number ends with this group
            };
            let after = g + blank + w;
            let blank = usize::from(matches!(b.get(after), Some(b' ' | b'\t')));
            if !b.get(after + blank).is_some_and(u8::is_ascii_digit) {
                break after; // the last group and its word
            }
            i = after + blank; // another group follows
        };
        at = end;
        Some((start, end))
    })
}

/// The end of the digit group starting at `b[i]`, a digit: `1,234,567` (one to three digits
/// and then groups of a comma and three digits) if there is at least one such comma group,
/// else the whole run of digits; then `.` and decimals if a digit follows the dot. The
/// comma form goes as far as it can and stops there even before a digit (`1,234,5678` is
/// `1,234,567`, then `8` on its own) as the regex prefers the comma form whenever it fits.
fn digit_group(b: &[u8], i: usize) -> usize {
    let digits_end =
        |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut e = digits_end(i);
    if e - i <= 3 {
        while b.get(e) == Some(&b',')
            && b.get(e + 1..e + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        {
            e += 4;
        }
    }
    if b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        e = digits_end(e + 1);
    }
    e
}

/// The byte length of the number word (조, 억, 만, 천) `b` starts with, if any.
fn number_word(b: &[u8]) -> Option<usize> {
    ["조", "억", "만", "천"]
        .iter()
        .find(|w| b.starts_with(w.as_bytes()))
        .map(|w| w.len())
}

/// A unit of `units.tsv`: as written after the number, the kind of amount it makes, and
/// the unit the report gives.
#[derive(Debug, Clone)]
struct Unit {
    written: String,
    kind: &'static str,
    reported: String,
}

/// The compiled units of `units.tsv`, longest first (the longest that fits wins: 개국
/// before 개).
pub struct QuantityRules {
    units: Vec<Unit>,
}

impl QuantityRules {
    /// Compiles `units.tsv`.
    pub fn new(rules: &RuleSet) -> Result<QuantityRules, RuleError> {
        let mut units = Vec::new();
        for r in rules.rows("units.tsv") {
            // (the table's check allows no other kind)
            let Some(kind) = QUANTITY_KINDS.iter().find(|k| **k == r.get(1)) else {
                let origin = r.origin();
                let (file, line) = origin.rsplit_once(':').unwrap_or((&origin, "0"));
                return Err(RuleError {
                    file: file.into(),
                    line: line.parse().unwrap_or(0),
                    msg: format!("unknown kind {:?}", r.get(1)),
                });
            };
            let reported = match r.get(2) {
                "" => r.get(0),
                x => x,
            };
            units.push(Unit {
                written: r.get(0).to_string(),
                kind,
                reported: reported.to_string(),
            });
        }
        units.sort_by_key(|u| std::cmp::Reverse(u.written.len()));
        Ok(QuantityRules { units })
    }

    /// The unit right at the start of `s`, after at most one space or tab: the unit and
    /// the byte length read.
    fn unit_at(&self, s: &str) -> Option<(&Unit, usize)> {
        let rest = s.strip_prefix([' ', '\t']).unwrap_or(s);
        self.units
            .iter()
            .find(|u| rest.starts_with(u.written.as_str()))
            .map(|u| (u, s.len() - rest.len() + u.written.len()))
    }
}

/// The rules of the built-in tables, for [`find`].
static BUILTIN: LazyLock<QuantityRules> = LazyLock::new(|| {
    let rules = RuleSet::builtin().expect("built-in rule tables are valid (checked by tests)");
    QuantityRules::new(&rules).expect("built-in units compile (checked by tests)")
});

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
/// sorted by start and not overlapping one another), with the built-in units.
pub fn find(s: &str, base: usize, si: usize, taken: &[(usize, usize)]) -> Vec<Quantity> {
    find_with(&BUILTIN, s, base, si, taken)
}

/// As [`find`], with the units of `rules`.
pub fn find_with(
    rules: &QuantityRules,
    s: &str,
    base: usize,
    si: usize,
    taken: &[(usize, usize)],
) -> Vec<Quantity> {
    let mut out = Vec::new();
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    for (n_start, n_end) in numbers(s) {
        // the number and its unit (a plain search for each: no capture groups to fill)
        let unit_match = rules.unit_at(&s[n_end..]);
        let m_end = n_end + unit_match.map_or(0, |(_, len)| len);
        let (gs, ge) = (base + n_start, base + m_end);
        // the last taken span starting before our end overlaps us if it ends after our start
        let k = taken.partition_point(|&(a, _)| a < ge);
        if k > 0 && taken[k - 1].1 > gs {
            continue;
        }
        if s[..n_start]
            .chars()
            .next_back()
            .is_some_and(|ch| crate::morph::is_alnum(ch) || ch == '.')
        {
            continue; // part of a model code or a longer token (H100, v2.0)
        }
        let num = &s[n_start..n_end];
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
            Some(u) => (u.kind, Some(u.reported.clone())),
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
    use crate::test_support::{NEEDS_SHARED, Rng, corpus_texts};
    use std::sync::LazyLock;

    /// The regular expression [`numbers`] replaces, kept as the oracle of its tests.
    static NUM: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?[ \t]?(?:조|억|만|천)[ \t]?)*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[ \t]?(?:조|억|만|천))?",
        )
        .unwrap()
    });

    /// The spans of the numbers of `s`, by the reader; asserts the regex finds the same.
    fn same_numbers(s: &str) -> Vec<(usize, usize)> {
        let got: Vec<(usize, usize)> = numbers(s).collect();
        let want: Vec<(usize, usize)> = NUM.find_iter(s).map(|m| (m.start(), m.end())).collect();
        assert_eq!(got, want, "{s:?}");
        got
    }

    /// How often each part of the grammar was matched, to show the tests reach it.
    #[derive(Default, Debug)]
    struct Seen {
        matches: usize,
        words: usize,
        several_words: usize,
        commas: usize,
        decimals: usize,
        blanks: usize,
        word_then_blank: usize,
        before_digit: usize,
    }

    impl Seen {
        fn count(&mut self, s: &str, spans: &[(usize, usize)]) {
            for &(a, e) in spans {
                let m = &s[a..e];
                let words = m.matches(['조', '억', '만', '천']).count();
                self.matches += 1;
                self.words += usize::from(words > 0);
                self.several_words += usize::from(words > 1);
                self.commas += usize::from(m.contains(','));
                self.decimals += usize::from(m.contains('.'));
                self.blanks += usize::from(m.contains([' ', '\t']));
                // a word and a blank after the number: the blank is given back
                self.word_then_blank += usize::from(
                    m.ends_with(['조', '억', '만', '천']) && s[e..].starts_with([' ', '\t']),
                );
                // a digit right after the number (1,234,5678)
                self.before_digit += usize::from(s[e..].starts_with(|c: char| c.is_ascii_digit()));
            }
        }

        fn assert_often(&self, n: usize) {
            let parts = [
                self.matches,
                self.words,
                self.several_words,
                self.commas,
                self.decimals,
                self.blanks,
                self.word_then_blank,
                self.before_digit,
            ];
            assert!(parts.iter().all(|&k| k >= n), "{self:?}");
        }
    }

    /// Pieces that stress the grammar: digits (often, and in runs), commas, dots, blanks,
    /// the number words, other Hangul, letters, other scripts.
    const PIECES: &[&str] = &[
        "0", "1", "2", "5", "9", "12", "123", "1234", "000", ",", ",", ",000", ",12", ".", ".",
        ".5", " ", " ", "\t", "  ", " \t", "조", "억", "만", "천", "조", "억", "만", "천", "원",
        "개", "가", "a", "Z", "_", "+", "-", "%", "·", "é", "😀", "\n",
    ];

    #[test]
    fn number_reader_is_the_regex_on_random_strings() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut seen = Seen::default();
        let mut s = String::new();
        for _ in 0..60_000 {
            s.clear();
            for _ in 0..1 + rng.below(16) {
                s.push_str(rng.pick(PIECES));
            }
            let spans = same_numbers(&s);
            seen.count(&s, &spans);
        }
        seen.assert_often(500);
    }

    impl Rng {
        /// A digit group, sometimes written wrong: a run of digits or 1 to 3 digits and
        /// comma groups (of three digits, or two or four), then maybe a dot and decimals.
        fn num_group(&mut self, s: &mut String) {
            if self.below(2) == 0 {
                let n = 1 + self.below(7);
                self.digits(n, s);
            } else {
                let most = if self.below(8) == 0 { 5 } else { 3 };
                let n = 1 + self.below(most);
                self.digits(n, s);
                for _ in 0..1 + self.below(3) {
                    s.push(',');
                    let n = if self.below(8) == 0 {
                        2 + 2 * self.below(2)
                    } else {
                        3
                    };
                    self.digits(n, s);
                }
            }
            if self.below(4) == 0 {
                s.push('.');
                let n = self.below(4);
                self.digits(n, s);
            }
        }

        /// A number of one to four groups, each but the last with a number word (sometimes
        /// another word, or none), with blanks around the words.
        fn num_template(&mut self, s: &mut String) {
            let groups = 1 + self.below(4);
            for k in 0..groups {
                self.num_group(s);
                let last = k + 1 == groups;
                if !last || self.below(2) == 0 {
                    self.blank(s);
                    let word = if self.below(10) == 0 {
                        self.pick(&["", "원", "개", "조원", "만명", "a", "."])
                    } else {
                        self.pick(&["조", "억", "만", "천"])
                    };
                    s.push_str(word);
                    if !last {
                        self.blank(s);
                    }
                }
            }
        }
    }

    #[test]
    fn number_reader_is_the_regex_on_strings_from_the_grammar() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut seen = Seen::default();
        let mut s = String::new();
        for _ in 0..100_000 {
            s.clear();
            // one to three numbers, glued with other pieces or nothing
            for _ in 0..1 + rng.below(3) {
                if rng.below(2) == 0 {
                    s.push_str(rng.pick(PIECES));
                }
                rng.num_template(&mut s);
            }
            if rng.below(2) == 0 {
                s.push_str(rng.pick(PIECES));
            }
            let spans = same_numbers(&s);
            seen.count(&s, &spans);
        }
        seen.assert_often(5_000);
    }

    #[test]
    fn number_reader_is_the_regex_on_all_short_strings() {
        const SHORT: &[&str] = &[
            "1", "12", "123", "1234", ",", ",000", ",00", ".", ".5", " ", "\t", "만", "조", "원",
            "a", "가", "·",
        ];
        let n = SHORT.len();
        for k in 0..n.pow(4) {
            let s: String = (0..4).map(|d| SHORT[k / n.pow(d) % n]).collect();
            same_numbers(&s);
        }
    }

    #[test]
    fn number_reader_examples_and_long_runs() {
        let texts = |s: &str| -> Vec<String> {
            same_numbers(s)
                .iter()
                .map(|&(a, e)| s[a..e].to_string())
                .collect()
        };
        // the comma form wins even before a digit, and the digit then starts a number
        assert_eq!(texts("1,234,5678원"), ["1,234,567", "8"]);
        assert_eq!(texts("1234,567"), ["1234", "567"]);
        // the blank after the last word is not part of the number
        assert_eq!(texts("2조 5,000억 원"), ["2조 5,000억"]);
        assert_eq!(texts("3 만\t2천 개"), ["3 만\t2천"]);
        assert_eq!(texts("1.5.3만"), ["1.5", "3만"]);
        assert_eq!(texts("5만  3"), ["5만", "3"]);
        // linear: these take seconds with a quadratic scan
        for piece in ["7", "1,000", "1만 ", "1.5조", ",123", "1 "] {
            let s = piece.repeat(100_000);
            same_numbers(&s);
            same_numbers(&format!("{s}x"));
        }
    }

    #[test]
    #[ignore = "needs ../shared (run with --include-ignored)"]
    fn number_reader_is_the_regex_on_the_corpus() {
        let texts = corpus_texts().expect(NEEDS_SHARED);
        let mut lines = 0;
        let mut seen = Seen::default();
        for text in &texts {
            same_numbers(text);
            for line in text.lines() {
                let spans = same_numbers(line);
                seen.count(line, &spans);
                lines += 1;
            }
        }
        println!("{lines} corpus lines: same numbers; {seen:?}");
        assert!(
            seen.matches > 10_000 && seen.several_words > 100,
            "{seen:?}"
        );
    }

    /// The unit reader against a regex of the built-in units in the order of the table
    /// (one optional space or tab, then the first listed unit that fits: the reader's
    /// longest-first order finds the same), on every unit with the texts that can follow it.
    #[test]
    fn unit_reader_agrees_with_its_regex() {
        let rules = RuleSet::builtin().unwrap();
        let listed: Vec<String> = rules
            .rows("units.tsv")
            .map(|r| r.get(0).to_string())
            .collect();
        let alternatives: Vec<String> = listed.iter().map(|u| regex::escape(u)).collect();
        let re = regex::Regex::new(&format!(r"^[ \t]?({})", alternatives.join("|"))).unwrap();
        let heads = ["", " ", "\t", "  ", "x"];
        let tails = ["", "를", " 이상", "국", "사의", "1", "B"];
        let mut n = 0;
        for h in &heads {
            for u in listed
                .iter()
                .map(String::as_str)
                .chain(["개국", "나", "G", "k", "마"])
            {
                for t in tails {
                    let s = format!("{h}{u}{t}");
                    let want = re.captures(&s).map(|c| (c[1].to_string(), c[0].len()));
                    let got = BUILTIN.unit_at(&s).map(|(u, l)| (u.written.clone(), l));
                    assert_eq!(got, want, "{s:?}");
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
        assert!(q("부품 12개x 상자").is_empty());
        assert!(q("숫자가 없는 문장").is_empty());
    }

    #[test]
    fn kinds_and_units_of_the_table() {
        let one = |s: &str| q(s).into_iter().next().map(|(t, _, u, k)| (t, u, k));
        let u = |t: &str, unit: &str, kind| Some((t.to_string(), Some(unit.to_string()), kind));
        assert_eq!(one("회원국 27개국이"), u("27개국", "개국", "count"));
        assert_eq!(one("공사 기간 18개월"), u("18개월", "개월", "other"));
        assert_eq!(one("값이 40퍼센트 올라"), u("40퍼센트", "%", "percent"));
        assert_eq!(one("120엔 오른"), u("120엔", "JPY", "money"));
        assert_eq!(one("2 ㎞ 떨어진"), u("2 ㎞", "㎞", "other"));
        assert_eq!(one("3만 그루"), Some(("3만".to_string(), None, "count")));
    }
}
