use super::brackets::age_bracket;
use super::builder::Builder;
use super::foreign_names::foreign_syllable;
use super::scan::Word;
use super::{EType, EntityRules};
use crate::segment::is_hangul;

/// `조수미씨`, `박 씨`, `김모(33)씨`, `A씨`: a person named (or only surnamed) before 씨.
pub(super) fn ssi_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    for (k, t) in toks.iter().enumerate() {
        if b.overlaps(t.start, t.end) {
            continue;
        }
        // 박 씨, 박모(51)씨: 씨 after a space or an age in brackets
        // (not 여 in 김모(48·여)씨: a word closing a bracket it did not open)
        let inside_brackets = text[..t.start].ends_with(['·', 'ㆍ', ',', '(']);
        let next_is_ssi = toks.get(k + 1).is_some_and(|n| {
            let gap = &text[t.end..n.start];
            n.text.starts_with('씨')
                && gap.chars().all(|c| c == ' ' || c == '(' || c == ')')
                && !(inside_brackets && gap.contains(')'))
        }) || text[t.end..]
            .trim_start_matches([' ', '\t'])
            .starts_with('(')
            && age_then_ssi(&text[t.end..]);
        let (stem, spaced) = match ssi_stem(rules, t.text) {
            Some(stem) => (stem, false),
            None if next_is_ssi => (t.text, true),
            None => continue,
        };
        // 이 모 씨: 모 (so-and-so) stands for the given name; the surname before it is the
        // person, found with it
        if stem == "모" {
            if let Some(p) = k.checked_sub(1).map(|j| &toks[j])
                && text[p.end..t.start] == *" "
                && p.text.chars().count() == 1
                && p.text.chars().all(|c| rules.surnames1.contains(c))
                && !b.overlaps(p.start, p.end)
            {
                let display = format!("{}모씨", p.text);
                let ent = b.entity(
                    &format!("Person:{display}"),
                    EType::Person,
                    &display,
                    None,
                    None,
                );
                b.mention(ent, text, p.start, p.end, si, "pattern/name_ssi");
            }
            continue;
        }
        let cs: Vec<char> = stem.chars().collect();
        let name_len = match cs.as_slice() {
            // a single capital letter (A씨) or a surname alone (박씨)
            [c] if c.is_ascii_uppercase() || rules.surnames1.contains(*c) => c.len_utf8(),
            // 김모씨: the surname is the name
            [c, '모'] if rules.surnames1.contains(*c) => c.len_utf8(),
            _ if (2..=4).contains(&cs.len()) => match rules.korean_name_len_min(stem, 2) {
                Some(l) if l == stem.len() => l,
                // a word set apart before 씨 is a name whatever its shape (김수로 씨,
                // 솔지 씨, 낸시랭 씨): its particles follow 씨, not the name
                _ if spaced
                    && cs.iter().all(|&c| is_hangul(c))
                    && !rules.not_names.contains(stem)
                    && !rules.titles.contains(stem)
                    && !cs
                        .iter()
                        .all(|c| rules.not_surnames.contains(&*c.encode_utf8(&mut [0; 4]))) =>
                {
                    stem.len()
                }
                // a transliterated foreign name before 씨 (사토미 씨)
                _ if cs.iter().all(|&c| is_hangul(c))
                    && cs.iter().any(|&c| foreign_syllable(c)) =>
                {
                    stem.len()
                }
                _ => continue,
            },
            _ => continue,
        };
        let name = &stem[..name_len];
        let display = if name_len == stem.len() {
            format!("{name}씨")
        } else {
            format!("{stem}씨")
        };
        let key = if cs.len() >= 2 && name_len == stem.len() {
            format!("Person:{name}")
        } else {
            format!("Person:{display}")
        };
        let ent = b.entity(
            &key,
            EType::Person,
            if name_len == stem.len() && cs.len() >= 2 {
                name
            } else {
                &display
            },
            None,
            None,
        );
        b.mention(
            ent,
            text,
            t.start,
            t.start + name_len,
            si,
            "pattern/name_ssi",
        );
    }
}

/// `A군`, `B양은`, `김 군의`, `김모 양`, `이모군`: a young person named by a capital letter or a
/// surname with 군 (boy) or 양 (girl). Glued to a surname, 군 and 양 make words (공군, 육군,
/// 배양, 부양), so a surname takes them only after a space or 모; a capital letter takes them
/// either way. The name is the letter or surname; the entity is called `김군`, `A양`.
pub(super) fn gun_yang_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    // `군`/`양` alone or with one case particle (not 양측, 양국, 양일간)
    let honorific = |w: &str| -> Option<char> {
        let c = w.chars().next().filter(|c| matches!(c, '군' | '양'))?;
        let rest = &w[c.len_utf8()..];
        (rest.is_empty() || rules.name_particles.contains(&rest) || rest == "에게는").then_some(c)
    };
    let surname = |c: char| rules.surnames1.contains(c);
    for (k, t) in toks.iter().enumerate() {
        let mut cs = t.text.chars();
        let (first, second) = (cs.next(), cs.next());
        let Some(c0) = first else { continue };
        let letter = c0.is_ascii_uppercase();
        let lone =
            second.is_none() && (letter || surname(c0) && !rules.not_surnames.contains(t.text));
        // the name (letter or surname) and the word 군/양 that follows it
        let spaced_next = toks
            .get(k + 1)
            .filter(|n| text[t.end..n.start] == *" ")
            .and_then(|n| honorific(n.text));
        // a surname and one to three syllables set apart before 군/양: a full name, whatever
        // its last syllable (김태은 양이: the particles follow 양)
        let n_chars = t.text.chars().count();
        // (with a particle after 군/양: 양 alone before a noun is `both`, 양 기관)
        let full_name = (2..=4).contains(&n_chars)
            && surname(c0)
            && second != Some('모')
            && !t.text.ends_with([
                '고', '며', '서', '면', '다', '게', '지', '의', '에', '한', '를', '을', '로', '과',
                '와', '도', '만', '된', '던', '난',
            ])
            && toks
                .get(k + 1)
                .is_some_and(|n| n.text.chars().nth(1).is_some())
            && t.text.chars().all(is_hangul)
            && !rules.not_names.contains(t.text)
            && !rules.titles.contains(t.text);
        let found = if lone && spaced_next.is_some() {
            // 김 군은, A 양의
            spaced_next.map(|h| (c0.len_utf8(), h))
        } else if full_name && spaced_next.is_some() {
            // 김태은 양이, 홍길동 군의
            spaced_next.map(|h| (t.text.len(), h))
        } else if letter {
            // A군, B양은
            honorific(&t.text[1..]).map(|h| (1, h))
        } else if surname(c0) && second == Some('모') {
            // 김모군, 김모 군
            let after = &t.text[c0.len_utf8() + '모'.len_utf8()..];
            if after.is_empty() {
                toks.get(k + 1)
                    .filter(|n| text[t.end..n.start] == *" ")
                    .and_then(|n| honorific(n.text))
                    .map(|h| (c0.len_utf8(), h))
            } else {
                honorific(after).map(|h| (c0.len_utf8(), h))
            }
        } else {
            None
        };
        let Some((len, h)) = found else { continue };
        if b.overlaps(t.start, t.start + len) {
            continue;
        }
        let name = &t.text[..len];
        // a full name is the person's name; a letter or surname alone is called 김군, A양
        let display = if name.chars().nth(1).is_some() {
            name.to_string()
        } else {
            format!("{name}{h}")
        };
        let ent = b.entity(
            &format!("Person:{display}"),
            EType::Person,
            &display,
            None,
            None,
        );
        b.mention(
            ent,
            text,
            t.start,
            t.start + len,
            si,
            "pattern/name_gun_yang",
        );
    }
}

/// `박씨`, `박씨의`, `A씨를`, `홍길동씨에게`: the part of a word before 씨 when only particles
/// follow it.
pub(super) fn ssi_stem<'w>(rules: &EntityRules, word: &'w str) -> Option<&'w str> {
    let i = word.find('씨').filter(|&i| i > 0)?;
    let e = i + '씨'.len_utf8();
    // 섭씨 (Celsius) and the like are words
    (rules.particles.is_tail(&word[e..]) && !rules.not_names.contains(&word[..e]))
        .then(|| &word[..i])
}

/// ` (45) 씨`, `(45·여)씨`: an age bracket (no space after its separator, a note of at most
/// twelve characters) between a name and 씨, with a space or tab allowed on either side.
pub(super) fn age_then_ssi(s: &str) -> bool {
    let s = s.strip_prefix([' ', '\t']).unwrap_or(s);
    let Some(n) = age_bracket(s, false, false, 12) else {
        return false;
    };
    let rest = &s[n..];
    rest.strip_prefix([' ', '\t'])
        .unwrap_or(rest)
        .starts_with('씨')
}

#[cfg(test)]
mod tests {
    use crate::entities::tests::{assert_no_people, person_surfaces};
    #[test]
    fn names_set_apart_before_ssi_gun_yang() {
        // before a spaced 씨 any word is a name (stage names, names ending like particles)
        let p = person_surfaces(
            "제목\n멤버 광희 씨가 나섰고 앞서 김수로 씨는 말했다. 딸 김태은 양이 출연했다.",
        );
        assert_eq!(p, ["광희", "김수로", "김태은"]);
        // glued to a word, 씨 stays part of it
        assert_no_people("제목\n아가씨는 솜씨가 좋았다.");
        // 양 and 군 are also `amount`, `both` and `army`
        let none = "제목\n협력을 강화하고 양 기관이 만났다. 양측은 합의했다. 재난 지원금의 양이 \
                    적고 방대한 양의 자료가 있다. 이참에 군의 체계를 바꾼다. 회의를 연 양 의원은 \
                    말했다.";
        assert_no_people(none);
    }

    #[test]
    fn boys_and_girls_by_letter_or_surname() {
        let p = person_surfaces(
            "제목\n고교생 A군은 친구 B양과 함께 갔다. 김 군의 어머니는 최모 양에게 말했다. \
             박모군이 왔다.",
        );
        assert_eq!(p, ["A", "B", "김", "박", "최"]);
        // glued to a surname, 군 and 양 make words; 이 군 is `this county`
        let none = "제목\n공군과 육군은 세포를 배양했다. 이 군은 인구가 많다. 양 군이 맞섰다.";
        assert_no_people(none);
    }

    #[test]
    fn ssi_with_any_particle() {
        let p = person_surfaces("제목\n경찰은 박씨의 집에서 A씨를 붙잡았고 홍길순씨에게 연락했다.");
        assert_eq!(p, ["A", "박", "홍길순"]);
        // 섭씨 is Celsius; a word starting with 씨 is no name
        assert_no_people("제목\n낮 기온이 섭씨 35도를 넘었다. 씨앗을 심었다.");
        // 김모(48·여)씨: an age with a note in the brackets
        assert_eq!(
            person_surfaces("제목\n경찰은 김모(48·여)씨를 입건했다."),
            ["김"]
        );
    }

    #[test]
    fn ssi_after_a_surname_a_name_or_a_letter() {
        assert_eq!(
            person_surfaces("제목\n이웃 주민 최씨와 B씨는 서다은 씨에게 물었다."),
            ["B", "서다은", "최"]
        );
        // words that end in 씨 and 씨 starting a word are no names
        assert_no_people(
            "제목\n마을 사람들은 솜씨 좋은 목수를 찾았다. 맵시 있는 아가씨가 씨름을 봤다.",
        );
    }
}
