use super::bare_names::bare_name_word;
use super::builder::{Builder, entity_at};
use super::foreign_names::foreign_syllable;
use super::scan::Word;
use super::{EType, EntityRules};
use crate::segment::is_hangul;

/// People marked by brackets:
/// - `싸이(본명 박재상·35)`, `캔디 고(한국명 고희경)`: the name in the brackets and the one
///   before them;
/// - `유시진 대위(송중기)`, `송미경(김지수)`: a Korean name in brackets right after a title
///   or a person (the actor after the part);
/// - `아유브 엘 카자니(25)`, `고토 겐지(後藤健二·47)`: a foreign name before an age or
///   its hanja (a Korean name there is [`listed_names`]'s).
pub(super) fn bracket_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    let person = |b: &mut Builder, s: usize, e: usize, rule: &str| {
        let name = &text[s..e];
        let ent = b.entity(&format!("Person:{name}"), EType::Person, name, None, None);
        b.mention(ent, text, s, e, si, rule);
    };
    for k in 0..toks.len() {
        let t = &toks[k];
        if !text[t.end..].starts_with('(') {
            continue;
        }
        let inner_start = t.end + 1;
        let Some(first) = toks.get(k + 1).filter(|n| n.start == inner_start) else {
            continue;
        };
        // (본명 박재상·35), (한국명 고희경)
        if matches!(first.text, "본명" | "한국명" | "실명") {
            if let Some(x) = toks.get(k + 2).filter(|x| x.start == first.end + 1)
                && text[x.end..].starts_with([')', '·', ',', 'ㆍ'])
                && bare_name_word(rules, b, x, 4)
                && x.text.chars().count() >= 2
            {
                person(b, x.start, x.end, "pattern/real_name");
                // the stage name glued to the bracket carries no particle (싸이, 최자, 원)
                if t.text != "씨"
                    && t.text.chars().count() <= 6
                    && t.text
                        .chars()
                        .all(|c| is_hangul(c) || c.is_ascii_alphanumeric())
                    && t.title.is_none()
                    && !rules.not_names.contains(t.text)
                    && !b.overlaps(t.start, t.end)
                {
                    person(b, t.start, t.end, "pattern/real_name");
                }
            }
            continue;
        }
        // 원(정제원·21), 은하(정은비·19): a real name with an age after a stage name
        let aged = text[first.end..].starts_with(['·', 'ㆍ'])
            && toks.get(k + 2).is_some_and(|a| {
                a.start == first.end + '·'.len_utf8()
                    && a.text.len() <= 3
                    && a.text.bytes().all(|c| c.is_ascii_digit())
                    && text[a.end..].starts_with(')')
            });
        if aged && first.name_len == Some(first.text.len()) && !b.overlaps(first.start, first.end) {
            person(b, first.start, first.end, "pattern/name_in_brackets");
            continue;
        }
        // 유시진 대위(송중기), 송미경(김지수)
        let closes = text[first.end..].starts_with([')', '·', 'ㆍ']);
        if closes
            && (t.title.is_some_and(|tt| tt.len() == t.text.len())
                || entity_at(b, t.start, t.end, EType::Person).is_some_and(|(_, e)| e == t.end))
            && first.name_len == Some(first.text.len())
            && !b.overlaps(first.start, first.end)
        {
            person(b, first.start, first.end, "pattern/name_in_brackets");
            continue;
        }
        // 아유브 엘 카자니(25): a foreign name before an age (a hanja bracket is mostly a
        // Chinese place or word: 창사(長沙)); the name starts where the words stop sounding
        // foreign, and a bare word before that start leaves it unclear (니콜 키드먼(47)
        // would lose 니콜): no guess then
        if age_bracket(&text[t.end..], false, true, 15).is_none()
            || !bare_name_word(rules, b, t, 7)
            || t.text.chars().count() < 2
            || !t.text.chars().any(foreign_syllable)
        {
            continue;
        }
        let spaced = |j: usize| {
            j > 0
                && toks[j - 1].end + 1 == toks[j].start
                && text.as_bytes()[toks[j - 1].end] == b' '
        };
        let mut j = k;
        while k - j < 3
            && spaced(j)
            && bare_name_word(rules, b, &toks[j - 1], 7)
            && toks[j - 1].text.chars().any(foreign_syllable)
        {
            j -= 1;
        }
        if spaced(j) && bare_name_word(rules, b, &toks[j - 1], 7) {
            continue;
        }
        person(b, toks[j].start, t.end, "pattern/name_age");
    }
}

/// `(45)`, `(45·여)`, `(45, 서울)`, and with `hanja` `(洪吉童)`: an age of one to three
/// digits, or (with `hanja`) two to four hanja, then optionally a separator (`·`, `ㆍ`, `,`),
/// a space when `sep_space`, and one to `max` characters other than brackets; then `)`.
/// The byte length of the bracket at the start of `s`.
pub(super) fn age_bracket(s: &str, hanja: bool, sep_space: bool, max: usize) -> Option<usize> {
    let rest = s.strip_prefix('(')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let body = match digits {
        1..=3 => digits,
        0 if hanja => {
            let n = rest.chars().take_while(|&c| is_han(c)).take(5).count();
            if !(2..=4).contains(&n) {
                return None;
            }
            rest.chars().take(n).map(char::len_utf8).sum()
        }
        _ => return None,
    };
    let after = &rest[body..];
    if after.starts_with(')') {
        return Some(1 + body + 1);
    }
    let sep = after
        .chars()
        .next()
        .filter(|c| matches!(c, '·' | 'ㆍ' | ','))?;
    let note = &after[sep.len_utf8()..];
    // the characters up to the closing bracket (none may be a bracket)
    let mut close = None;
    for (n, (i, c)) in note.char_indices().enumerate() {
        if n > max + 1 || c == '(' {
            return None;
        }
        if c == ')' {
            close = Some((n, i));
            break;
        }
    }
    let (n, i) = close?;
    // with a space after the separator, the note is one character shorter
    let fits = (1..=max).contains(&n) || sep_space && note.starts_with(' ') && n == max + 1;
    fits.then_some(1 + body + sep.len_utf8() + i + 1)
}

/// `(전남)`, `(삼성전자)`: two to ten Hangul syllables in brackets at the start of `s`.
pub(super) fn bracketed_hangul(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('(')?;
    let n = rest
        .chars()
        .take_while(|c| ('가'..='힣').contains(c))
        .take(11)
        .count();
    if !(2..=10).contains(&n) {
        return None;
    }
    let len = 3 * n; // a Hangul syllable is three bytes
    rest[len..].starts_with(')').then(|| &rest[..len])
}

/// Is `c` a Chinese character (Unicode script Han, as the regex class `\p{Han}`)?
pub(super) fn is_han(c: char) -> bool {
    static HAN: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
        use regex_syntax::hir::{Class, HirKind};
        match regex_syntax::Parser::new()
            .parse(r"\p{Han}")
            .map(|h| h.into_kind())
        {
            Ok(HirKind::Class(Class::Unicode(c))) => {
                c.ranges().iter().map(|r| (r.start(), r.end())).collect()
            }
            _ => Vec::new(),
        }
    });
    if c < '\u{2E80}' {
        return false;
    }
    HAN.binary_search_by(|&(a, b)| {
        if b < c {
            std::cmp::Ordering::Less
        } else if a > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::organizations::counted_group;
    use crate::entities::ssi::age_then_ssi;
    use crate::entities::tests::{assert_no_people, person_surfaces};
    /// The hand-read brackets against the regexes they replace, on random text made of the
    /// characters that matter.
    #[test]
    fn bracket_readers_agree_with_their_regexes() {
        let age = regex::Regex::new(r"^\([0-9]{1,3}(?:[·ㆍ,] ?[^()]{1,15})?\)").unwrap();
        let age_hanja =
            regex::Regex::new(r"^\((?:[0-9]{1,3}|[\p{Han}]{2,4})(?:[·ㆍ,] ?[^()]{1,15})?\)")
                .unwrap();
        let age_ssi =
            regex::Regex::new(r"^[ \t]?\([0-9]{1,3}(?:[·ㆍ,][^()]{1,12})?\)[ \t]?씨").unwrap();
        let affiliation = regex::Regex::new(r"^\(([가-힣]{2,10})\)").unwrap();
        let group = regex::Regex::new(r"^[0-9]+(개 ?)?(단체|기관|업체|노조|협회)").unwrap();
        let alphabet: Vec<&str> = vec![
            "(", "(", ")", ")", "1", "2", "0", "45", "·", "ㆍ", ",", " ", " ", "\t", "씨", "여",
            "서울", "洪", "吉童", "㐀", "가", "힣", "개", "단체", "기관", "노조", "x", "\n", "ㄱ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut hits = [0usize; 5];
        for _ in 0..60_000 {
            let len = next(24);
            let mut t: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            if next(2) == 0 {
                t.insert(0, '(');
            }
            if next(3) == 0 {
                // the shape of an age bracket, each part possibly off by a little
                let pick = |k: usize, opts: &[&'static str]| opts[k % opts.len()];
                let mut shaped = String::new();
                shaped += pick(next(4), &["", " ", "\t", "  "]);
                shaped += "(";
                shaped += &"7".repeat(next(5));
                if next(2) == 0 {
                    shaped += pick(next(4), &["·", "ㆍ", ",", ";"]);
                    shaped += pick(next(3), &["", " ", "  "]);
                    shaped += &"여".repeat(next(15));
                }
                shaped += pick(next(3), &[")", ")", "("]);
                shaped += pick(next(3), &["", " ", "\t"]);
                shaped += pick(next(3), &["씨", "씨는", "군"]);
                t = shaped + &t;
            }
            let end = |re: &regex::Regex| re.find(&t).map(|m| m.end());
            assert_eq!(age_bracket(&t, false, true, 15), end(&age), "{t:?}");
            assert_eq!(age_bracket(&t, true, true, 15), end(&age_hanja), "{t:?}");
            assert_eq!(age_then_ssi(&t), age_ssi.is_match(&t), "{t:?}");
            let cap = affiliation
                .captures(&t)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str());
            assert_eq!(bracketed_hangul(&t), cap, "{t:?}");
            assert_eq!(counted_group(&t), end(&group), "{t:?}");
            hits[0] += end(&age).is_some() as usize;
            hits[1] += end(&age_hanja).is_some() as usize;
            hits[2] += age_ssi.is_match(&t) as usize;
            hits[3] += cap.is_some() as usize;
            hits[4] += end(&group).is_some() as usize;
        }
        // the text must exercise every reader: each matched many times
        assert!(
            hits.iter().all(|&h| h > 100),
            "matches per reader: {hits:?}"
        );
        let han = regex::Regex::new(r"^\p{Han}$").unwrap();
        for c in ['洪', '㐀', '〇', '々', '\u{20000}', '가', 'a', '·', '（'] {
            assert_eq!(is_han(c), han.is_match(&c.to_string()), "{c:?}");
        }
    }

    #[test]
    fn names_marked_by_brackets() {
        let p = person_surfaces("제목\n가수 싸이(본명 박재상·35)가 무대에 올랐다.");
        assert_eq!(p, ["박재상", "싸이"]);
        let p = person_surfaces("제목\n드라마에서 유시진 대위(송중기)가 돌아왔다.");
        assert_eq!(p, ["송중기", "유시진"]);
        let p = person_surfaces("제목\n경찰은 압델하미드 아바우드(27)를 추적했다.");
        assert_eq!(p, ["압델하미드 아바우드"]);
        // a Chinese place with its hanja, a photo position after a title: no people
        assert_no_people("제목\n중국 창사(長沙)시에서 열렸다.");
        let p = person_surfaces("제목\n박원기 대표(오른쪽)가 서명했다.");
        assert_eq!(p, ["박원기"]);
    }
}
