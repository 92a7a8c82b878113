//! Headline and deck lines: whether a line reads as running text or as a headline, and the
//! `ㆍ` bullets a headline or deck line is split at (it is never split further).

use super::{Kind, Sentence, push_trimmed};

/// Does a line read as running text rather than a deck (sub-headline)? It does when a
/// sentence ending (다, 요, 까, 죠, 음, 함, 임, 됨) takes a final mark somewhere in it, when
/// it ends with a final mark (and perhaps a closing quote), or when it is long.
pub(super) fn has_final_punct(line: &str) -> bool {
    let ending = |c: char| matches!(c, '다' | '요' | '까' | '죠' | '음' | '함' | '임' | '됨');
    let fin = |c: char| matches!(c, '.' | '?' | '!');
    let mut prev = ' ';
    for c in line.chars() {
        if ending(prev) && fin(c) {
            return true;
        }
        prev = c;
    }
    let t = line.trim_end_matches([' ', '\t']);
    let t = t
        .strip_suffix(['”', '"', '’', '\''])
        .filter(|u| u.ends_with(fin))
        .unwrap_or(t);
    t.ends_with(fin) || line.chars().nth(200).is_some()
}

/// Does the first line, followed by `rest`, read as a headline? It does when it is short,
/// holds no sentence end ([`has_final_punct`]) and more text follows it.
pub(super) fn reads_as_headline(line: &str, rest: &str) -> bool {
    const LONGEST: usize = 150;
    !rest.trim().is_empty() && line.chars().nth(LONGEST).is_none() && !has_final_punct(line)
}

/// A headline or deck line: one sentence, or one per `ㆍ`/`·` bullet when it starts with one.
pub(super) fn split_bullets(line: &str, base: usize, out: &mut Vec<Sentence>) {
    let trimmed = line.trim_start();
    let bullet = trimmed.starts_with('ㆍ') || trimmed.starts_with('•') || trimmed.starts_with('-');
    if !bullet {
        push_trimmed(line, base, 0, line.len(), Kind::Headline, None, out);
        return;
    }
    let lead = trimmed.chars().next().unwrap_or('ㆍ');
    let mut last = 0;
    for (i, c) in line.char_indices() {
        if c == lead && i > last && !line[last..i].trim().is_empty() {
            push_trimmed(line, base, last, i, Kind::Headline, None, out);
            last = i;
        }
    }
    push_trimmed(line, base, last, line.len(), Kind::Headline, None, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_punctuation_marks_running_text() {
        for line in [
            "두 정상은 회담을 가졌다. 이어 만찬을 했다",
            "끝났다.",
            "그렇습니까?",
            "“잘 될 것”이라고 했다.”",
            "이것으로 끝.  ",
            "정말이요!\t",
        ] {
            assert!(has_final_punct(line), "{line}");
        }
        for line in [
            "삼성전자, 엔비디아와 AI 칩 협력",
            "3.5% 오른 주가",
            "“협력 강화”",
            "끝.”.x",
        ] {
            assert!(!has_final_punct(line), "{line}");
        }
        assert!(has_final_punct(&"가".repeat(201)));
    }

    #[test]
    fn headlines_read_short_and_open() {
        assert!(reads_as_headline(
            "한빛전자, 새 공장 착공",
            "공장이 문을 열었다."
        ));
        assert!(!reads_as_headline("한빛전자, 새 공장 착공", " \n\t"));
        assert!(!reads_as_headline("공장이 문을 열었다.", "본문이다."));
        assert!(!reads_as_headline(&"긴 제목 ".repeat(40), "본문이다."));
    }

    fn bullets(line: &str) -> Vec<(&str, Kind)> {
        let mut out = Vec::new();
        split_bullets(line, 0, &mut out);
        out.iter()
            .map(|s| (&line[s.start..s.end], s.kind))
            .collect()
    }

    #[test]
    fn deck_bullets_each_a_headline() {
        assert_eq!(
            bullets(" ㆍ첫 공장 착공 ㆍ둘째 공장 설계 "),
            [
                ("ㆍ첫 공장 착공", Kind::Headline),
                ("ㆍ둘째 공장 설계", Kind::Headline)
            ]
        );
        assert_eq!(
            bullets("- 하나 - 둘"),
            [("- 하나", Kind::Headline), ("- 둘", Kind::Headline)]
        );
        // no bullet at the start: one headline, bullets inside it stay
        assert_eq!(
            bullets("새 공장ㆍ연구소 착공"),
            [("새 공장ㆍ연구소 착공", Kind::Headline)]
        );
        assert!(bullets(" \t ").is_empty());
    }
}
