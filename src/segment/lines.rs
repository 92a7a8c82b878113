//! The cuts of a body line before it is split into sentences: where a flattened article
//! hides its line breaks (runs of three or more spaces, tabs, list bullets, `ㆍ` bullets).

use super::ends::quoted_ranges;
use super::{Segmenter, Sentence};

impl Segmenter {
    /// A body line: split first where a flattened article hides its line breaks (runs of
    /// three or more spaces outside brackets; `ㆍ` bullets of a line that starts with one),
    /// then into sentences.
    pub(super) fn split_line(&self, line: &str, base: usize, out: &mut Vec<Sentence>) {
        let bullets = line.trim_start().starts_with('ㆍ');
        // brackets are worked out only when a line has a place to cut (most have none)
        let ranges = std::cell::OnceCell::new();
        let inside = |i: usize| {
            ranges
                .get_or_init(|| quoted_ranges(line))
                .iter()
                .any(|&(o, c)| o < i && i < c)
        };
        let mut cuts = vec![0usize];
        let mut run_start: Option<usize> = None;
        let mut run = 0;
        // a run of three spaces holds three ASCII spaces in a row or another kind of space
        // (most lines have neither: they are not walked)
        let b = line.as_bytes();
        // list bullets (■ ◇ △ ● …: personnel lists, fact boxes) all begin with E2 96 or E2 97
        let has_bullets = memchr::memmem::find(b, b"\xE2\x96").is_some()
            || memchr::memmem::find(b, b"\xE2\x97").is_some();
        let may_cut = bullets
            || has_bullets
            || memchr::memchr(b'\t', b).is_some()
            || memchr::memmem::find(b, b"   ").is_some()
            || memchr::memmem::find(b, "\u{a0}".as_bytes()).is_some()
            || memchr::memmem::find(b, "\u{3000}".as_bytes()).is_some();
        // bullets cut only after the last sentence ending of the line: before it they
        // enumerate inside a sentence
        let list_from = if has_bullets {
            last_sentence_end(line)
        } else {
            0
        };
        if may_cut {
            for (i, c) in line.char_indices() {
                if c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{3000}' {
                    if run == 0 {
                        run_start = Some(i);
                    }
                    run += 1;
                    continue;
                }
                if run >= 3
                    && let Some(rs) = run_start
                    && !inside(rs)
                {
                    cuts.push(rs);
                }
                run = 0;
                // a list bullet begins an item, unless a number follows it (△3.5% is minus
                // 3.5%, ▲ up), it stands inside quotes or brackets, or the items are an
                // enumeration inside a sentence that ends later on the line (협약에 따라
                // ▲공동 연구 ▲기술 자문 등을 하기로 했다.)
                if has_bullets
                    && i > 0
                    && LIST_BULLETS.contains(&c)
                    && i >= list_from
                    && !line[i + c.len_utf8()..]
                        .trim_start()
                        .starts_with(|d: char| d.is_ascii_digit())
                    && !inside(i)
                {
                    cuts.push(i);
                }
                if bullets && c == 'ㆍ' && i > 0 && !inside(i) {
                    cuts.push(i);
                }
            }
        }
        cuts.push(line.len());
        cuts.dedup();
        for w in cuts.windows(2) {
            self.split_piece(&line[w[0]..w[1]], base + w[0], out);
        }
    }
}

/// The byte offset after the last sentence ending (a final syllable such as 다, then `.`,
/// `?` or `!`) of `line`, or 0.
fn last_sentence_end(line: &str) -> usize {
    let ending = |c: char| matches!(c, '다' | '요' | '까' | '죠');
    let mut prev = ' ';
    let mut last = 0;
    for (i, c) in line.char_indices() {
        if ending(prev) && matches!(c, '.' | '?' | '!') {
            last = i + 1;
        }
        prev = c;
    }
    last
}

/// Bullets that begin the items of a list inside a line (personnel lists, fact boxes):
/// each item is a sentence of its own.
const LIST_BULLETS: &[char] = &['■', '□', '▲', '△', '▷', '◆', '◇', '○', '●'];

#[cfg(test)]
mod tests {
    use super::super::tests::split;
    use super::*;

    #[test]
    fn list_items_each_a_sentence() {
        let t = "■한빛부 ◇승진 △기획관 홍길동 ◇전보 △대변인 김철수■다음부 △국장 이영희";
        assert_eq!(
            split(t),
            [
                "■한빛부",
                "◇승진",
                "△기획관 홍길동",
                "◇전보",
                "△대변인 김철수",
                "■다음부",
                "△국장 이영희"
            ]
        );
        // an enumeration inside a sentence stays in it
        let t = "양측은 ▲공동 연구 ▲기술 자문 ▲교육 등을 하기로 했다. ◇승진 △국장 이영희 ◇전보 △과장 박민수";
        assert_eq!(
            split(t),
            [
                "양측은 ▲공동 연구 ▲기술 자문 ▲교육 등을 하기로 했다.",
                "◇승진",
                "△국장 이영희",
                "◇전보",
                "△과장 박민수"
            ]
        );
        // a number after △/▲ is a sign (minus, up), not an item
        assert_eq!(
            split("영업이익은 △3.5% 줄었고 주가는 ▲ 2% 올랐다."),
            ["영업이익은 △3.5% 줄었고 주가는 ▲ 2% 올랐다."]
        );
    }

    #[test]
    fn wide_gaps_cut_a_flattened_line() {
        assert_eq!(
            split("첫 단락의 끝   둘째 단락"),
            ["첫 단락의 끝", "둘째 단락"]
        );
        assert_eq!(split("첫째 칸\t\t\t둘째 칸"), ["첫째 칸", "둘째 칸"]);
        assert_eq!(
            split("ㆍ첫째 항목 ㆍ둘째 항목"),
            ["ㆍ첫째 항목", "ㆍ둘째 항목"]
        );
        // no cut: a gap inside brackets, two spaces, a bullet inside a line
        assert_eq!(split("(괄호 안   공백) 이다"), ["(괄호 안   공백) 이다"]);
        assert_eq!(split("두 칸  띄운 글"), ["두 칸  띄운 글"]);
        assert_eq!(split("한 칸\t띄운 글"), ["한 칸\t띄운 글"]);
        assert_eq!(split("새 공장ㆍ연구소 착공"), ["새 공장ㆍ연구소 착공"]);
    }

    #[test]
    fn last_sentence_end_of_a_line() {
        assert_eq!(
            last_sentence_end("문을 열었다. 그리고 ▲하나"),
            "문을 열었다.".len()
        );
        assert_eq!(last_sentence_end("정말요? 네!"), "정말요?".len());
        assert_eq!(last_sentence_end("마침표가 없는 줄"), 0);
        assert_eq!(last_sentence_end("값은 3.5 이상. 끝"), 0);
    }
}
