use super::builder::{Builder, entity_at, is_country};
use super::scan::Word;
use super::titles::{AMBIGUOUS_TITLES, title_at};
use super::{EType, EntityRules};
use crate::morph::Token;
use crate::segment::is_hangul;

/// Does a Hangul syllable look like a transliterated foreign sound (르, 브, 클, 엘, 뉘 …)?
pub(super) fn foreign_syllable(c: char) -> bool {
    if !is_hangul(c) {
        return false;
    }
    let i = c as u32 - 0xAC00;
    let (initial, medial, fin) = (i / 588, (i % 588) / 28, i % 28);
    // ㅡ without final or with ㄹ after a consonant (르 브 크 트 스 클 블), ㅟ (뉘 쉬 뤼),
    // ㅔ + ㄹ (엘 델 벨), ㅒ, ㅖ after a consonant, ㅋ with ㅐ or ㅔ (캐 케 켈 캠: loanword
    // sounds, in no Korean name)
    (medial == 18 && (fin == 0 || fin == 8) && initial != 11)
        || (initial == 15 && matches!(medial, 1 | 5))
        || medial == 16
        || (medial == 5 && fin == 8)
        || medial == 3
        || medial == 7
        || (matches!(initial, 1 | 4 | 8 | 10 | 13) && matches!(medial, 4 | 13 | 14 | 19))
}

/// Could a Hangul syllable spell a Japanese sound (the Korean transliteration of kana: 가
/// 기 구 게 고, 사 시 스 세 소, 쓰, 자 조 주, 차 치 추 …, with no final but ㄴ for ん and ㅅ
/// for a doubled consonant)? 정, 영, 혁, 철, 서 and most Korean name syllables cannot.
pub(super) fn japanese_syllable(c: char) -> bool {
    if !is_hangul(c) {
        return false;
    }
    let i = c as u32 - 0xAC00;
    let (initial, medial, fin) = (i / 588, (i % 588) / 28, i % 28);
    // initials: ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ (no ㄲ ㄸ ㅃ ㅉ)
    let initial_ok = !matches!(initial, 1 | 4 | 8 | 13);
    let medial_ok = match medial {
        0 | 5 | 8 | 13 | 20 => initial != 10, // ㅏ ㅔ ㅗ ㅜ ㅣ (ㅆ only in 쓰)
        2 | 12 | 17 => !matches!(initial, 3 | 10 | 16), // ㅑ ㅛ ㅠ: 교 쇼 류 (no 댜 쌰 툐)
        18 => matches!(initial, 9 | 10 | 12), // ㅡ only in 스 쓰 즈
        9 => initial == 11,                   // ㅘ only in 와
        _ => false,
    };
    initial_ok && medial_ok && matches!(fin, 0 | 4 | 19)
}

/// Do two words read as a Japanese family and given name (`가와베 겐타로`, `오노데라
/// 이쓰노리`): each of two to four syllables, five or more in all, every syllable a
/// Japanese sound?
fn sounds_japanese(words: &[Word]) -> bool {
    let lens: Vec<usize> = words.iter().map(|w| w.text.chars().count()).collect();
    words.len() == 2
        && lens.iter().all(|n| (2..=4).contains(n))
        && lens.iter().sum::<usize>() >= 5
        && words.iter().all(|w| w.text.chars().all(japanese_syllable))
}

/// One-syllable words between a foreign name and its title that are no part of the name:
/// the qualifiers 전/현/고 (former, current, late) and 미 (the United States).
pub(super) const QUALIFIER_SYLLABLES: &[&str] = &["전", "前", "현", "現", "故", "미"];

/// Words that modify the name after them and are no part of it: 썼던, 급파된, 소문난,
/// 제기되자, 지난달, and a word of three syllables or more in 한 or 인 (취임한, 관계인; 요한
/// and 케인 are names, and so are the transliterated -line and -lane: 캐럴라인, 애들레인).
pub(super) fn is_modifier_word(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && (word.ends_with(['던', '된', '난', '자', '달'])
            || word.ends_with(['한', '인'])
                && word.chars().nth(2).is_some()
                && !word.ends_with("라인")
                && !word.ends_with("레인"))
}

/// Foreign names before a title: two or three Hangul words that sound transliterated
/// (`마이클 오브라이언 대외협력국장보`, `라잔 와드헤라 회장`), optionally with a country
/// or organization between the name and the title.
pub(super) fn foreign_names(
    rules: &EntityRules,
    text: &str,
    toks: &[Word],
    si: usize,
    b: &mut Builder,
) {
    let adjacent = |a: &Token, c: &Token| text[a.end..c.start].chars().all(|x| x == ' ');
    let part = name_part_words(rules, toks);
    let mut k = 0;
    'words: while k < toks.len() {
        let mut longest = 0;
        while longest < 3 && k + longest < toks.len() {
            let w = &toks[k + longest];
            let ok = part[k + longest]
                && (longest == 0 || adjacent(&toks[k + longest - 1], w))
                && !b.overlaps(w.start, w.end);
            if !ok {
                break;
            }
            longest += 1;
        }
        // the longest name first, then a shorter one (`재닛 엘런 미 재무장관`: 미 is the
        // country between the name and the title)
        for n in (2..=longest).rev() {
            if n < longest && !QUALIFIER_SYLLABLES.contains(&toks[k + n].text) {
                continue; // only a qualifier (전, 현) or 미 is left out after a name
            }
            let words = &toks[k..k + n];
            let mut j = k + n;
            // a country or organization (and a word or two of it) between name and title
            while j < toks.len()
                && j < k + n + 3
                && adjacent(&toks[j - 1], &toks[j])
                && title_at(toks, j).is_none()
                && entity_at(b, toks[j].start, toks[j].end, EType::Person).is_none()
                && toks[j]
                    .text
                    .chars()
                    .all(|c| is_hangul(c) || c.is_ascii_alphanumeric())
            {
                j += 1;
            }
            let title = (j < toks.len() && adjacent(&toks[j - 1], &toks[j]))
                .then(|| title_at(toks, j))
                .flatten();
            // before 시장 (mayor, and far more often market) the words are a name only with
            // an organization or a city between (`스마트홈 시장` is a market)
            let titled = title.is_some_and(|(t, _, _)| {
                t != "시장"
                    || toks[k + n..j].iter().any(|w| {
                        entity_at(b, w.start, w.end, EType::Organization).is_some()
                            || entity_at(b, w.start, w.end, EType::Place)
                                .is_some_and(|(ent, _)| !is_country(b, ent))
                    })
            });
            if titled && sounds_like_a_name(rules, words) {
                add_name(text, words, si, b);
                k += n;
                continue 'words;
            }
        }
        if japanese_name_at(rules, text, toks, k, b) {
            add_name(text, &toks[k..k + 2], si, b);
            k += 2;
            continue;
        }
        k += 1;
    }
}

fn add_name(text: &str, words: &[Word], si: usize, b: &mut Builder) {
    let (s, e) = (words[0].start, words[words.len() - 1].end);
    let name = &text[s..e];
    let key = format!("Person:{name}");
    let ent = b.entity(&key, EType::Person, name, None, None);
    b.entities[ent].family = words.last().map(|w| w.text.to_string());
    b.mention(ent, text, s, e, si, "pattern/foreign_name_title");
}

/// A Japanese family and given name right before a title (`가와베 겐타로 CEO`, `나카무라
/// 다로 사장`). Their last syllables may look like Korean particles or endings (와, 로, 게),
/// which keep such words out of the other foreign names; here every syllable must be a
/// Japanese sound, a title must follow at once, and the article must speak of Japan
/// (`japanese_names.tsv`): `우리와 다시 장관` in other news is no name.
fn japanese_name_at(rules: &EntityRules, text: &str, toks: &[Word], k: usize, b: &Builder) -> bool {
    let (Some(a), Some(c)) = (toks.get(k), toks.get(k + 1)) else {
        return false;
    };
    let spaced = |x: &Word, y: &Word| text.get(x.end..y.start) == Some(" ");
    let word_ok = |w: &Word| {
        w.title.is_none()
            && w.title_at.is_none()
            && !b.overlaps(w.start, w.end)
            && !rules.not_names.contains(w.text)
            && !resident_in(rules, w.text)
    };
    let titled = |j: usize| {
        title_at(toks, j).is_some_and(|(title, _, _)| !AMBIGUOUS_TITLES.contains(&title))
    };
    // the title at once, or after one word of the company (`이데자와 다케시 라인 사장`)
    let title_follows = toks.get(k + 2).is_some_and(|t| spaced(c, t))
        && (titled(k + 2)
            || toks.get(k + 3).is_some_and(|t| {
                let between = &toks[k + 2];
                spaced(between, t)
                    && titled(k + 3)
                    && between.title_at.is_none()
                    && !rules.ends_like_a_verb(between.text)
            }));
    // no word ends like a Korean particle or verb (`분이 본인이`, `이라고 쓰고`), but
    // family names of three syllables or more (기시다, 아라이, 이데자와; `우리와 다시 장관`
    // is a noun joined to the next word) and given names in 로, 지 (다로, 겐지)
    let family_ok = !rules.ends_like_a_verb(a.text)
        || a.text.chars().nth(3).is_some()
        || a.text.chars().nth(2).is_some()
            && !a.text.ends_with(['와', '과'])
            && !particle_after_consonant(a.text);
    let given_ok = !rules.ends_like_a_verb(c.text)
        || c.text
            .chars()
            .next_back()
            .is_some_and(|e| rules.japanese_given_endings.contains(e))
            && !particle_after_consonant(c.text);
    spaced(a, c)
        && family_ok
        && given_ok
        && word_ok(a)
        && word_ok(c)
        && title_follows
        && sounds_japanese(&toks[k..k + 2])
        && rules
            .japanese_name_cues
            .iter()
            .any(|cue| text.contains(cue))
}

/// Does the word end in 이 after a syllable with a final consonant (`제안이`, `본인이`: the
/// subject particle after a noun)? Japanese names in 이 have no final before it (아라이).
fn particle_after_consonant(word: &str) -> bool {
    let mut cs = word.chars().rev();
    matches!((cs.next(), cs.next()), (Some('이'), Some(c)) if is_hangul(c) && !(c as u32 - 0xAC00).is_multiple_of(28))
}

/// Is the word 주 + the one-syllable form of a country (주한, 주일, 주미: "resident in", as
/// in 주한 미국대사), which belongs to the title after a name, not to the name?
fn resident_in(rules: &EntityRules, word: &str) -> bool {
    let mut cs = word.chars();
    matches!(
        (cs.next(), cs.next(), cs.next()),
        (Some('주'), Some(c), None) if rules.country_abbreviations.contains_key(&c)
    )
}

/// Can each word be part of a foreign name? (worked out once per sentence; cheap tests
/// first)
fn name_part_words(rules: &EntityRules, toks: &[Word]) -> Vec<bool> {
    toks.iter()
        .map(|w| {
            let syl = w.text.chars().filter(|c| is_hangul(*c)).count();
            let verb_like = w.text.chars().nth(1).is_some() && rules.ends_like_a_verb(w.text);
            let not_name = w.title.is_some()
                || w.text
                    .chars()
                    .next_back()
                    .is_some_and(|c| rules.foreign_not_endings.contains(c))
                || verb_like
                || is_modifier_word(w.text)
                || resident_in(rules, w.text);
            !not_name
                && (1..=7).contains(&syl)
                && w.text.chars().all(|c| is_hangul(c) || c == '-')
                && !rules.not_names.contains(w.text)
                && !rules.particles.is_tail(w.text)
        })
        .collect()
}

/// Do the two or three words before a title sound like one transliterated name: at least
/// one sounds foreign, the last is no lone surname, and their one-syllable words are no
/// Korean words of their own?
fn sounds_like_a_name(rules: &EntityRules, words: &[Word]) -> bool {
    let n = words.len();
    let marked = words
        .iter()
        .filter(|w| w.text.chars().any(foreign_syllable))
        .count();
    let lone_surname = n >= 2
        && words[n - 1].text.chars().count() == 1
        && rules
            .surnames1
            .contains(words[n - 1].text.chars().next().unwrap_or(' '));
    let one_syllable = words.iter().any(|w| w.text.chars().count() == 1);
    // a one-syllable word of a name is no Korean word of its own (전 former, 할,
    // 등, 및): 보 반 트엉 is a name, `시간 전 무바라크` and `닫아야 할 그런` are not
    let syllables_ok = words.iter().all(|w| {
        w.text.chars().nth(1).is_some()
            || !(rules.not_surnames.contains(w.text)
                || rules.function_syllables.contains(w.text)
                || rules.ends_like_a_verb(w.text)
                || rules.particles.is_tail(w.text))
    });
    // 폴 볼커, 크리스 쿤: one syllable and a word of several that sounds foreign,
    // the single syllable no surname (김 대표) and no word of its own (새, 전, 각)
    let short_pair = n == 2
        && words
            .iter()
            .any(|w| w.text.chars().nth(1).is_some() && w.text.chars().any(foreign_syllable))
        && words.iter().all(|w| {
            let mut cs = w.text.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => {
                    !rules.surnames1.contains(c)
                        && !rules.verb_endings.contains(c)
                        && !rules.not_surnames.contains(w.text)
                        && !rules.particles.is_tail(w.text)
                }
                _ => true,
            }
        });
    !lone_surname
        && syllables_ok
        && marked >= 1
        // 보 반 트엉: one-syllable parts in three-part names or in a foreign-sounding
        // pair; else half must sound foreign
        && if one_syllable { n == 3 || short_pair } else { marked * 2 >= n }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tests::{assert_no_people, person_surfaces};
    #[test]
    fn foreign_names_stop_at_korean_words() {
        // a qualifier or 미 between a foreign name and its title is no part of the name
        let p = person_surfaces(
            "제목\n몇 시간 전 토마스 베르너 대통령이 왔다. 마르틴 슐레겔 전 대통령이 말했다. \
             그 자리에 에밀리 브라운 미 상무장관이 있었다.",
        );
        assert_eq!(p, ["마르틴 슐레겔", "에밀리 브라운", "토마스 베르너"]);
        // 보 반 트엉: one-syllable parts of a three-part name are kept
        assert_eq!(
            person_surfaces("제목\n응우옌 쑤언 푹 총리가 도착했다."),
            ["응우옌 쑤언 푹"]
        );
        // verb forms, bound nouns and loanwords before a title are no name
        assert_no_people(
            "제목\n문을 닫아야 할 그런 대표가 없다. 제품 출시 및 프리미엄 전략 담당 사장이 \
             나섰다. 서비스를 통해 글로벌 드론 회장이 됐다.",
        );
    }

    #[test]
    fn foreign_names_leave_out_the_words_before_them() {
        let p = person_surfaces(
            "제목\n지난달 크리스 쿤 상원의원은 말했다. 깐깐하기로 소문난 로버트 밀러 교수가 왔다.",
        );
        assert_eq!(p, ["로버트 밀러", "크리스 쿤"]);
        // a one-syllable word beside a foreign one is a name part only when it is no word
        // of its own (등, 및) and no surname
        let none = "제목\n인디펜던트 등 외신들은 전했다.";
        assert_no_people(none);
    }

    #[test]
    fn a_transliterated_name_before_a_title() {
        assert_eq!(
            person_surfaces("제목\n어제 클라라 오브라이언 최고경영자가 서울에 왔다."),
            ["클라라 오브라이언"]
        );
        // Korean words before a title, however foreign some syllables sound
        assert_no_people("제목\n새로 뽑힌 회장이 인사했다. 다음 달 열릴 총회에서 대표가 나선다.");
        assert!(foreign_syllable('르') && foreign_syllable('뷔') && !foreign_syllable('김'));
        assert!(is_modifier_word("취임한") && !is_modifier_word("요한"));
        assert!(is_modifier_word("관계인") && !is_modifier_word("캐럴라인"));
    }

    #[test]
    fn japanese_names_in_an_article_about_japan() {
        // every syllable a kana sound, a title after (directly or after the company)
        let p = person_surfaces(
            "제목\n일본 정부는 말했다. 가와베 겐타로 사장과 나카무라 다로 회장이 왔다.",
        );
        assert_eq!(p, ["가와베 겐타로", "나카무라 다로"]);
        let p = person_surfaces("제목\n도쿄에서 오노데라 이쓰노리 누리상사 사장이 말했다.");
        assert_eq!(p, ["오노데라 이쓰노리"]);
        // the same words in an article that never speaks of Japan
        assert_no_people("제목\n가와베 겐타로 사장과 나카무라 다로 회장이 왔다.");
        // Korean words made of the same sounds: a noun joined by 와, a syllable with ㅓ/ㅇ
        assert_no_people("제목\n일본에서 우리와 다시 장관이 만났다.");
        assert_no_people("제목\n일본에서 정말 다시 장관이 만났다.");
        assert!(japanese_syllable('쓰') && japanese_syllable('겐') && japanese_syllable('교'));
        assert!(!japanese_syllable('정') && !japanese_syllable('서') && !japanese_syllable('씨'));
    }
}
