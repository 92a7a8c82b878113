//! The dateline: the publication date an article states (`입력 2024-02-21`, or a line that
//! holds only a date), the reference date of its relative dates when none is given.

use std::sync::LazyLock;

use super::Ymd;
use super::cursor::Cursor;

/// Words that introduce the publication date of an article (입력 2024.02.21), found in
/// one pass.
static DATELINE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(["입력", "등록", "발행", "송고", "작성"]).expect("static words")
});

/// Builds the dateline words now (they are otherwise built on first use).
pub(super) fn warm_up() {
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

/// A year of 19xx or 20xx (four digits read, even before a fifth).
fn year(c: &mut Cursor<'_>) -> Option<u32> {
    let y = c.number(4, 4)?;
    (1900..2100).contains(&y).then_some(y)
}

/// After a dateline word: `[ \t]*:?[ \t]*YYYY[ \t]*(.|-|/|년)[ \t]*M[M][ \t]*(.|-|/|월)[ \t]*D[D]`.
fn date_after_word(rest: &str) -> Option<(u32, u32, u32)> {
    let mut c = Cursor::at(rest, 0);
    c.blanks();
    c.lit(":");
    c.blanks();
    let y = year(&mut c)?;
    c.blanks();
    c.one_of(&[".", "-", "/", "년"])?;
    c.blanks();
    let m = c.number(1, 2)?;
    c.blanks();
    c.one_of(&[".", "-", "/", "월"])?;
    c.blanks();
    let d = c.number(1, 2)?;
    Some((y, m, d))
}

/// A line that holds only a date, perhaps with a time: `2024-02-21`, `2024.02.21. 14:30`.
fn bare_date_line(line: &str) -> Option<(u32, u32, u32)> {
    let mut c = Cursor::at(line, 0);
    c.blanks();
    let y = year(&mut c)?;
    c.one_of(&[".", "-", "/"])?;
    let m = c.number(1, 2)?;
    c.one_of(&[".", "-", "/"])?;
    let d = c.number(1, 2)?;
    c.lit(".");
    let after_date = c.i;
    // an optional time: [ \t]+H[H]:MM[:SS]
    if c.blanks() > 0 && c.number(1, 2).is_some() {
        let timed =
            c.lit(":") && c.number(2, 2).is_some() && (!c.lit(":") || c.number(2, 2).is_some());
        if !timed {
            c.i = after_date;
        }
    } else {
        c.i = after_date;
    }
    c.blanks();
    c.at_end().then_some((y, m, d))
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

    fn d(t: &str) -> Option<String> {
        dateline(t).map(|x| x.to_iso())
    }

    #[test]
    fn dateline_words_and_date_lines() {
        assert_eq!(
            d("속보\n입력 2031.11.05 08:12 수정 2031.11.06"),
            Some("2031-11-05".into())
        );
        assert_eq!(d("최종 발행 : 2030-7-9 오후"), Some("2030-07-09".into()));
        assert_eq!(
            d("송고시간 없음, 등록2029년 1월 30일"),
            Some("2029-01-30".into())
        );
        // the first dateline word with a date wins, whatever the word
        assert_eq!(d("작성 2031/1/2 입력 2030/3/4"), Some("2031-01-02".into()));
        assert_eq!(
            d("머리말\n  2031.11.05. 23:59:01 \n본문"),
            Some("2031-11-05".into())
        );
        // an impossible dateline falls back to a bare date line
        assert_eq!(d("입력 2031.02.30\n2031-03-01"), Some("2031-03-01".into()));
    }

    #[test]
    fn numbers_that_are_no_dateline_give_nothing() {
        for t in [
            "2031.11.05에 개최",
            "입력 1899.12.31",
            "입력 번호 2031",
            "2031-11-05 8:1",
            "2031-11-05\r\n",
            "전화 02-2031-1105",
            "",
        ] {
            assert_eq!(d(t), None, "{t:?}");
        }
    }

    #[test]
    fn the_dateline_is_read_within_the_first_mebibyte_on_a_char_boundary() {
        let mut t = "가".repeat((1 << 20) / 3 + 1);
        t.push_str("\n입력 2031.11.05");
        assert_eq!(d(&t), None);
    }
}
