//! Sentence ends in running text: after `.`, `?` or `!` (and the closing quotes and brackets
//! that follow), not inside quotation marks or brackets that close in the same span, not at
//! a decimal point or after a Latin abbreviation; a quotation that ends a sentence ends it
//! unless a quotative continues it.

use super::{Kind, Sentence, is_hangul, push_trimmed};

fn is_open(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '〈' => '〉',
        '(' => ')',
        '[' => ']',
        '【' => '】',
        '<' => '>',
        _ => return None,
    })
}

/// The bytes that begin a quotation mark or bracket: ASCII ones, and E2 / E3, the first
/// byte of “ ” ‘ ’ 「 」 《 》 【 】 and the like.
const MARK_BYTES: [bool; 256] =
    byte_table(&[b'"', b'\'', b'(', b')', b'[', b']', b'<', b'>', 0xE2, 0xE3]);

/// A table of the bytes in `bytes`, for a search that skips all others.
const fn byte_table(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
}

/// Byte ranges (open, close) of quotation marks and brackets that close on the same span.
/// Straight quotes pair up in order. Unclosed openers are ignored.
pub(super) fn quoted_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut ranges = Vec::new();
    let mut straight: [Option<usize>; 2] = [None, None];
    // every quotation mark and bracket is ASCII or starts with byte E2 or E3 (“ ” ‘ ’, 「 」
    // 《 》 【 】 …): other bytes (Hangul, letters) are passed over without decoding
    let b = s.as_bytes();
    let mut next = 0;
    // the next byte that can begin a mark, found by a table lookup per byte
    while let Some(k) = b[next..].iter().position(|&x| MARK_BYTES[usize::from(x)]) {
        let i = next + k;
        next = i + 1;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c == '"' || c == '\'' {
            let k = usize::from(c == '\'');
            // An apostrophe between two Latin letters is not a quote (Moody's).
            if c == '\'' {
                let prev = s[..i].chars().next_back();
                let next = s[i + 1..].chars().next();
                if prev.is_some_and(|p| p.is_ascii_alphanumeric())
                    && next.is_some_and(|n| n.is_ascii_alphabetic())
                {
                    continue;
                }
            }
            match straight[k].take() {
                Some(o) => ranges.push((o, i)),
                None => straight[k] = Some(i),
            }
            continue;
        }
        if let Some(close) = is_open(c) {
            if stack.len() < 64 {
                stack.push((close, i));
            }
            continue;
        }
        if let Some(p) = stack.iter().rposition(|&(cl, _)| cl == c) {
            let (_, o) = stack[p];
            stack.truncate(p);
            ranges.push((o, i));
        }
    }
    ranges
}

const CLOSERS: &[char] = &[
    '”', '’', '"', '\'', ')', ']', '」', '』', '》', '〉', '】', '>',
];

/// The bytes that begin a character that can end a sentence: `.` `?` `!` `"` `'`, and E2 /
/// E3, the first byte of ” ’ and 。.
const END_BYTES: [bool; 256] = byte_table(&[b'.', b'?', b'!', b'"', b'\'', 0xE2, 0xE3]);

/// Splits one span of body text at sentence ends (`go_on`: what goes on a sentence after a
/// closing quote, from `quote_continuations.tsv`).
pub(super) fn split_body(go_on: &[String], s: &str, base: usize, out: &mut Vec<Sentence>) {
    if s.trim().is_empty() {
        return;
    }
    // a bracketed deck opening the text ([지난해 3월 … 논의될 듯]본문) is a sentence
    let lead = s.len() - s.trim_start().len();
    if s[lead..].starts_with('[')
        && let Some(&(_, c)) = quoted_ranges(s).iter().find(|&&(o, _)| o == lead)
        && s[lead..c].chars().count() >= 12
        && c + 1 < s.trim_end().len()
    {
        push_trimmed(s, base, 0, c + 1, Kind::Body, None, out);
        return split_body(go_on, &s[c + 1..], base + c + 1, out);
    }
    // Quote/bracket depth at byte i, kept by a sweep over the sorted opening and closing
    // events as i grows (no per-byte array: a flattened article can be one huge span).
    let ranges = quoted_ranges(s);
    let mut events: Vec<(usize, i32)> = Vec::with_capacity(ranges.len() * 2);
    for &(o, c) in &ranges {
        events.push((o + 1, 1));
        events.push((c, -1));
    }
    events.sort_unstable();
    let mut ev_pos = 0usize;
    let mut depth = 0i32;
    let mut depth_at = |i: usize| -> i32 {
        while ev_pos < events.len() && events[ev_pos].0 <= i {
            depth += events[ev_pos].1;
            ev_pos += 1;
        }
        depth
    };
    let mut closes: Vec<usize> = ranges.iter().map(|&(_, c)| c).collect();
    let mut opens: Vec<usize> = ranges.iter().map(|&(o, _)| o).collect();
    closes.sort_unstable();
    opens.sort_unstable();

    // only final marks and closing quotes can end a sentence: every other character is
    // passed over at once
    let mut last = 0usize;
    let mut resume = 0usize;
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&x| END_BYTES[usize::from(x)]) {
        let i = from + k;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        from = i + c.len_utf8();
        let mark = matches!(c, '.' | '?' | '!' | '。');
        if i < resume || !mark && !matches!(c, '”' | '"' | '’' | '\'') {
            continue;
        }
        let prev = s[..i].chars().next_back();
        let after = i + c.len_utf8();
        let next = s[after..].chars().next();
        let outside = depth_at(i) <= 0;
        let mut cut_end: Option<usize> = None;
        if outside && mark {
            // a run of terminal marks (?!, ?!?) but not an ellipsis
            let mut end = after;
            for d in s[after..].chars() {
                if !matches!(d, '?' | '!') {
                    break;
                }
                end += d.len_utf8();
            }
            let is_end = match c {
                '.' => period_ends(s, i, prev, next),
                _ => true,
            };
            if is_end {
                // absorb closing quotes/brackets that belong to this sentence
                for d in s[end..].chars() {
                    if !CLOSERS.contains(&d) || opens.binary_search(&end).is_ok() {
                        break;
                    }
                    end += d.len_utf8();
                }
                cut_end = Some(end);
            }
        } else if outside
            && prev.is_some_and(|p| matches!(p, '.' | '?' | '!'))
            && closes.binary_search(&i).is_ok()
            && quote_ends_sentence(go_on, &s[after..])
        {
            cut_end = Some(after);
        }
        if let Some(end) = cut_end {
            push_trimmed(s, base, last, end, Kind::Body, None, out);
            last = end;
            resume = end;
        }
    }
    push_trimmed(s, base, last, s.len(), Kind::Body, None, out);
}

/// Does the period at byte `i` of `s` end a sentence (`prev` and `next` are the characters
/// around it)?
fn period_ends(s: &str, i: usize, prev: Option<char>, next: Option<char>) -> bool {
    let Some(p) = prev else { return false };
    if next == Some('.') || p == '.' {
        return false; // ellipsis "..."
    }
    if p.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) {
        return false; // 3.5
    }
    if is_hangul(p) {
        return true; // 했다. / 했다.이어 / 했다.24일
    }
    if p.is_ascii_digit() && next.is_some_and(is_hangul) && ends_with_dotted_date(&s[..i]) {
        return true; // a caption's date stamp: …하고 있다. 2023.06.20.윤석열 대통령이 …
    }
    let spaced = next.is_none_or(|n| n.is_whitespace() || CLOSERS.contains(&n));
    if p.is_ascii_alphabetic() {
        // U.S. / Inc. / e.g.: a single letter or a short capitalised word before the period
        let word: String = s[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '.')
            .collect();
        if word.len() <= 1 || word.contains('.') {
            return false;
        }
        return spaced;
    }
    spaced
}

/// Does `s` end with a dotted date, `2023.06.20` or `2023.6.2`?
fn ends_with_dotted_date(s: &str) -> bool {
    let mut parts = s.rsplit('.');
    let (Some(d), Some(m), Some(y)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let y = y.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
    let digits = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)
}

/// After a closing quote preceded by sentence-final punctuation (`after` is the text after
/// the quote): does the sentence end here? Not when a comma or one of `go_on` follows.
fn quote_ends_sentence(go_on: &[String], after: &str) -> bool {
    let trimmed = after.trim_start();
    if trimmed.is_empty() {
        return true;
    }
    if trimmed.len() == after.len() {
        return false; // ”고 / ”, / ”라며
    }
    let rest: String = trimmed.chars().take(4).collect();
    !(rest.starts_with(',') || go_on.iter().any(|g| rest.starts_with(g.as_str())))
}

#[cfg(test)]
mod tests {
    use super::super::tests::split;
    use super::*;

    #[test]
    fn no_space_after_period_and_numbers() {
        let t =
            "제목\n매출이 3.5% 늘었다고 밝혔다.이어 5,000만 원을 냈다.24일 업계에 따르면 그렇다.";
        assert_eq!(
            split(t),
            [
                "제목",
                "매출이 3.5% 늘었다고 밝혔다.",
                "이어 5,000만 원을 냈다.",
                "24일 업계에 따르면 그렇다."
            ]
        );
    }

    #[test]
    fn quotes_are_not_cut() {
        let t = "제목\n그는 “큰 나라다. 여당끼리 하자”고 밝혔다. 다음 문장이다.";
        assert_eq!(
            split(t),
            [
                "제목",
                "그는 “큰 나라다. 여당끼리 하자”고 밝혔다.",
                "다음 문장이다."
            ]
        );
        let t = "제목\n“우리가 최고다.” 그는 이렇게 말했다.";
        assert_eq!(
            split(t),
            ["제목", "“우리가 최고다.”", "그는 이렇게 말했다."]
        );
        let t = "제목\n“느낀다.”, “싸움이다.” 등의 반응을 보였다.";
        assert_eq!(
            split(t),
            ["제목", "“느낀다.”, “싸움이다.” 등의 반응을 보였다."]
        );
    }

    #[test]
    fn a_date_stamp_ends_a_caption() {
        let t = "악수하고 있다. 2023.06.20.윤석열 대통령이 회담을 가졌다.";
        assert_eq!(
            split(t),
            [
                "악수하고 있다.",
                "2023.06.20.",
                "윤석열 대통령이 회담을 가졌다."
            ]
        );
        // a decimal or a list number is no date stamp
        assert_eq!(
            split("규모가 2.5배다. 전년 대비 3.5.이라는 숫자"),
            ["규모가 2.5배다.", "전년 대비 3.5.이라는 숫자"]
        );
    }

    #[test]
    fn abbreviations_and_decimals() {
        let t = "제목\nU.S. Steel이 2.5배 늘었다. 끝이다.";
        assert_eq!(split(t), ["제목", "U.S. Steel이 2.5배 늘었다.", "끝이다."]);
    }

    #[test]
    fn quoted_ranges_pair_marks_that_close() {
        let s = "그는 “값(원)”이라 했다 'A' (닫히지 않음";
        let mut got: Vec<&str> = quoted_ranges(s).iter().map(|&(o, c)| &s[o..c]).collect();
        got.sort_unstable();
        assert_eq!(got, ["'A", "(원", "“값(원)"]);
        // an apostrophe inside a Latin word is no quote
        let s = "Moody's는 'AA'를 줬다";
        let got: Vec<&str> = quoted_ranges(s).iter().map(|&(o, c)| &s[o..c]).collect();
        assert_eq!(got, ["'AA"]);
        assert!(quoted_ranges("따옴표도 괄호도 없는 글").is_empty());
        assert!(quoted_ranges("닫는 것만 있다) ” 」").is_empty());
    }

    #[test]
    fn dotted_dates_and_quotatives() {
        assert!(ends_with_dotted_date("촬영 2025.11.30"));
        assert!(ends_with_dotted_date("2025.1.3"));
        assert!(!ends_with_dotted_date("3.5"));
        assert!(!ends_with_dotted_date("2025.11.300"));
        assert!(!ends_with_dotted_date("25.11.30"));
        let seg = super::super::Segmenter::new(&crate::rules::RuleSet::builtin().unwrap()).unwrap();
        let go_on = &seg.quote_continuations;
        assert!(quote_ends_sentence(go_on, ""));
        assert!(quote_ends_sentence(go_on, " 그는 떠났다."));
        assert!(!quote_ends_sentence(go_on, "고 말했다."));
        assert!(!quote_ends_sentence(go_on, " 라며 웃었다."));
        assert!(!quote_ends_sentence(go_on, " , 그리고"));
        assert!(quote_ends_sentence(go_on, " 고객이 왔다."));
    }

    #[test]
    fn marks_that_end_nothing() {
        assert_eq!(
            split("버전 3.5가 나왔고 값은 1.25다"),
            ["버전 3.5가 나왔고 값은 1.25다"]
        );
        assert_eq!(
            split("글이 끝나지 않는다... 계속된다"),
            ["글이 끝나지 않는다... 계속된다"]
        );
        assert_eq!(
            split("그는 (정말 좋다. 그렇다) 하고 갔다."),
            ["그는 (정말 좋다. 그렇다) 하고 갔다."]
        );
        assert_eq!(split("왜? 정말!"), ["왜?", "정말!"]);
    }
}
