//! The oracle of the digit-date reader ([`super::digits`]): the regular expression it
//! replaces, and tests that both find the same matches with the same groups, on random
//! strings, on strings built from the grammar, on all short strings, on long runs of digits
//! and on the corpus. The word lists here (`PIECES`, `TEMPLATES`, `WORDS`, `SHORT`) generate
//! test strings from the grammar; they are no rules and stay in code.

use super::digits::{DigitDate, DigitForm, digit_dates};
use crate::test_support::{NEEDS_SHARED, Rng, corpus_lines, corpus_texts};
use regex::Regex;
use std::sync::LazyLock;

/// The regular expression `digit_dates` replaces, kept as the oracle of its tests.
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
    "ymod5", "m6", "mmod6", "dd", "d7", "n8", "u8", "dir8", "dec2", "sy", "dn", "du", "dn2", "du2",
];

/// The part of `m` that the regex's group `name` captures.
fn group<'a>(m: &DigitDate<'a>, name: &str) -> Option<&'a str> {
    use DigitForm as F;
    let part = match (&m.form, name) {
        (_, "pre") => return m.pre,
        (
            F::Ymd {
                y, dotted: false, ..
            },
            "y1",
        ) => y,
        (
            F::Ymd {
                m, dotted: false, ..
            },
            "m1",
        ) => m,
        (
            F::Ymd {
                d, dotted: false, ..
            },
            "d1",
        ) => d,
        (
            F::Ymd {
                y, dotted: true, ..
            },
            "y2",
        ) => y,
        (
            F::Ymd {
                m, dotted: true, ..
            },
            "m2",
        ) => m,
        (
            F::Ymd {
                d, dotted: true, ..
            },
            "d2",
        ) => d,
        (F::YearMonth { y, .. }, "y3") => y,
        (F::YearMonth { m, .. }, "m3") => m,
        (F::YearMonth { modifier, .. }, "mmod3") => return *modifier,
        (F::MonthDay { m, .. }, "m4") => m,
        (F::MonthDay { d, .. }, "d4") => d,
        (F::Decade { first3 }, "dec") => first3,
        (F::Year { y, .. }, "y5") => y,
        (F::Year { modifier, .. }, "ymod5") => return *modifier,
        (F::Month { m, .. }, "m6") => m,
        (F::Month { modifier, .. }, "mmod6") => return *modifier,
        (F::Days { n }, "dd") => n,
        (F::Day { d }, "d7") => d,
        (F::Ago { n, .. }, "n8") => n,
        (F::Ago { unit, .. }, "u8") => unit,
        (F::Ago { dir, .. }, "dir8") => dir,
        (F::ShortDecade { tens }, "dec2") => tens,
        (F::SchoolYear { y }, "sy") => y,
        (F::Duration { n, .. }, "dn") => n,
        (F::Duration { unit, .. }, "du") => unit,
        (F::Duration { then, .. }, "dn2") => return then.map(|t| t.0),
        (F::Duration { then, .. }, "du2") => return then.map(|t| t.1),
        (_, g) if GROUPS.contains(&g) => return None,
        (_, g) => panic!("no group {g}"),
    };
    Some(part)
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
    digit_dates(s)
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
fn digit_reader_groups_are_the_regex_groups() {
    let names: Vec<&str> = ABS.capture_names().flatten().collect();
    assert_eq!(names, GROUPS);
}

#[test]
fn digit_reader_examples() {
    let first = |s| digit_dates(s).first().map(|m| m.text);
    // the first branch that matches wins, not the longest
    assert_eq!(first("3일 전"), Some("3일"));
    assert_eq!(first("2024년도"), Some("2024년"));
    assert_eq!(group(&digit_dates("2024년도")[0], "y5"), Some("2024"));
    // counted digits: 123월 is not a month at 1, but 23월 is
    assert_eq!(first("123월"), Some("23월"));
    assert_eq!(group(&digit_dates("123월")[0], "m6"), Some("23"));
    assert_eq!(first("지난 3일"), Some("지난 3일"));
    assert_eq!(digit_dates("오는3일")[0].pre, Some("오는"));
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
fn digit_reader_is_the_regex_on_random_strings() {
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
                "E" => s.push_str(["", "", "", " ", "a", "_", "Z", "가", "1", "."][self.below(10)]),
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
fn digit_reader_is_the_regex_on_strings_from_the_grammar() {
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
        for m in digit_dates(&s) {
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
fn digit_reader_is_the_regex_on_all_short_strings() {
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
fn digit_reader_is_linear_on_long_runs_of_digits() {
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
fn digit_reader_is_the_regex_on_the_corpus() {
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
