use super::builder::Builder;
use super::{EType, EntityRules};
use crate::segment::Sentence;

/// ‘기어 VR’, ‘라마 3’: quoted names that look like products (Latin or digits inside, or a
/// product word after them) or units (‘AGI 컴퓨팅 랩’).
pub(super) fn quoted_names(
    rules: &EntityRules,
    text: &str,
    sent: &Sentence,
    si: usize,
    b: &mut Builder,
) {
    let s = &text[sent.start..sent.end];
    let mut open: Option<(usize, char)> = None;
    // only the quotes matter: ASCII `'`, and ‘ ’ 「 」, which begin with byte E2 or E3 (never
    // inside a character); the other characters are passed over without decoding
    for i in memchr::memchr3_iter(b'\'', 0xE2, 0xE3, s.as_bytes()) {
        let Some(c) = s[i..].chars().next() else {
            continue;
        };
        match (c, open) {
            ('‘', _) | ('\'', None) | ('「', _) => open = Some((i + c.len_utf8(), c)),
            ('’', Some((o, '‘'))) | ('\'', Some((o, '\''))) | ('」', Some((o, '「'))) => {
                open = None;
                let inner = &s[o..i];
                let n = inner.chars().count();
                if !(2..=20).contains(&n)
                    || inner.split(' ').count() > 4
                    || inner.contains(['.', ',', '?', '!', ';', '(', ')'])
                {
                    continue;
                }
                let (gs, ge) = (sent.start + o, sent.start + i);
                if b.overlaps(gs, ge) {
                    continue;
                }
                let after = &s[i + c.len_utf8()..];
                let next_word: String = after
                    .trim_start()
                    .chars()
                    .take_while(|c| crate::morph::is_alnum(*c))
                    .collect();
                let last_word = inner.rsplit(' ').next().unwrap_or(inner);
                let (etype, subtype, rule) =
                    if rules.unit_suffixes.iter().any(|u| last_word.ends_with(u)) {
                        (EType::Organization, "unit", "pattern/quoted_unit")
                    } else if inner.chars().any(|c| c.is_ascii_alphanumeric())
                        || rules.product_cues.iter().any(|p| next_word.starts_with(p))
                    {
                        (EType::Product, "other", "pattern/quoted_product")
                    } else {
                        continue;
                    };
                if inner.chars().all(|c| c.is_ascii_digit() || c == ' ')
                    || rules.not_names.contains(inner)
                {
                    continue;
                }
                let key = format!("{}:{}", etype.key_name(), inner.replace(' ', ""));
                let ent = b.entity(&key, etype, inner, Some(subtype), None);
                b.mention(ent, text, gs, ge, si, rule);
            }
            _ => {}
        }
    }
}

/// The bytes of `w` (eight, little-endian) that are ASCII in `lo..=hi`, as their high bits.
#[inline]
fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    const H: u64 = 0x8080_8080_8080_8080;
    const L: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = w & L; // each byte below 0x80: the sums below carry into no other byte
    let ge_lo = x + u64::from(0x80 - lo) * 0x0101_0101_0101_0101;
    let gt_hi = x + u64::from(0x7F - hi) * 0x0101_0101_0101_0101;
    ge_lo & !gt_hi & !w & H
}

/// Does a capital letter stand right before a digit somewhere in `b`? Eight bytes at a
/// time, in windows that overlap by one byte so that every pair lies inside one of them.
fn upper_then_digit(b: &[u8]) -> bool {
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(chunk);
        if (in_range(w, b'A', b'Z') << 8) & in_range(w, b'0', b'9') != 0 {
            return true;
        }
        i += 7;
    }
    b[i..]
        .windows(2)
        .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_digit())
}

/// Model codes standing alone in the sentence (H100, MI300X) are chips, unless listed in
/// `not_names.txt`.
pub(super) fn model_code_names(
    rules: &EntityRules,
    text: &str,
    sent: &Sentence,
    si: usize,
    b: &mut Builder,
) {
    // a model code has a capital letter right before a digit
    let st = &text[sent.start..sent.end];
    if !upper_then_digit(st.as_bytes()) {
        return;
    }
    for (ms, me) in model_codes(st) {
        let (s, e) = (sent.start + ms, sent.start + me);
        let code = &st[ms..me];
        if rules.not_names.contains(code) {
            continue;
        }
        let key = format!("Product:{code}");
        let ent = b.entity(&key, EType::Product, code, Some("chip"), None);
        b.mention(ent, text, s, e, si, "pattern/model_code");
    }
}

/// The model codes standing alone in `s` (H100, MI300X, A17) as byte spans: the ASCII
/// words (runs of `[0-9A-Za-z_]`, between any other bytes, non-ASCII ones included) made
/// of one to three capitals, two to four digits and at most two capitals. This is the regex
/// `(?-u:\b)[A-Z]{1,3}[0-9]{2,4}[A-Z]{0,2}(?-u:\b)` (checked against it by the tests):
/// with a word boundary at both ends, its match is always a whole word.
pub(super) fn model_codes(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let is_word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_word(&b[i]) {
            i += 1;
            continue;
        }
        // a word: only ASCII bytes are stepped over, so both ends are char boundaries
        let start = i;
        i += b[i..].iter().take_while(|c| is_word(c)).count();
        if is_model_code(&b[start..i]) {
            out.push((start, i));
        }
    }
    out
}

/// Is the ASCII word `w` one to three capitals, two to four digits, and at most two
/// capitals?
pub(super) fn is_model_code(w: &[u8]) -> bool {
    let run =
        |from: usize, class: fn(&u8) -> bool| w[from..].iter().take_while(|c| class(c)).count();
    let caps = run(0, u8::is_ascii_uppercase);
    let digits = run(caps, u8::is_ascii_digit);
    let tail = run(caps + digits, u8::is_ascii_uppercase);
    (1..=3).contains(&caps)
        && (2..=4).contains(&digits)
        && tail <= 2
        && caps + digits + tail == w.len()
}

/// The byte length of the model designation `s` starts with, after a product family name
/// (` 9610`, `3GS`, ` S24`, ` 7 시리즈`), if any: an optional space, a digit or capital,
/// up to six more letters, digits or `+` (as many as there are, up to six), and then
/// `시리즈` or ` 시리즈` if it follows. This is the regex
/// `^ ?[0-9A-Z][0-9A-Za-z+]{0,6}(?: ?시리즈)?` (checked against it by the tests).
pub(super) fn model_suffix(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b' '));
    if !b
        .get(i)
        .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        return None;
    }
    i += 1;
    i += b[i..]
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'+')
        .count();
    // only ASCII bytes were read: `i` is a char boundary
    let rest = &s[i..];
    if rest.starts_with(" 시리즈") {
        i += " 시리즈".len();
    } else if rest.starts_with("시리즈") {
        i += "시리즈".len();
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    #[test]
    fn capital_before_digit_found_as_one_byte_at_a_time_finds_it() {
        let slow = |b: &[u8]| {
            b.windows(2)
                .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_digit())
        };
        let pieces = [
            "H", "1", "가", "a", "Z", "9", "@", "0", "[", "/", " ", "\u{FF}", "é",
        ];
        let mut rng = crate::test_support::Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let t = rng.text(&pieces, 24);
            assert_eq!(
                super::upper_then_digit(t.as_bytes()),
                slow(t.as_bytes()),
                "{t:?}"
            );
        }
        for b in 0..=255u8 {
            for c in 0..=255u8 {
                let t = [b' ', b' ', b' ', b' ', b' ', b' ', b, c, b' '];
                assert_eq!(super::upper_then_digit(&t), slow(&t), "{b} {c}");
            }
        }
    }

    use super::*;
    use crate::entities::tests::{names, run};
    /// The regular expressions [`model_codes`] and [`model_suffix`] replace, kept as the
    /// oracles of their tests.
    static MODEL_CODE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?-u:\b)[A-Z]{1,3}[0-9]{2,4}[A-Z]{0,2}(?-u:\b)").unwrap()
    });
    static MODEL_SUFFIX: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^ ?[0-9A-Z][0-9A-Za-z+]{0,6}(?: ?시리즈)?").unwrap()
    });

    /// How often each model reader matched, and in which ways.
    #[derive(Default, Debug)]
    struct ModelSeen {
        codes: usize,
        codes_with_tail: usize,
        codes_at_ends: usize,
        suffixes: usize,
        suffixes_after_space: usize,
        suffixes_cut_at_seven: usize,
        series: usize,
    }

    impl ModelSeen {
        /// The least-seen part of the grammar.
        fn fewest(&self) -> usize {
            [
                self.codes,
                self.codes_with_tail,
                self.codes_at_ends,
                self.suffixes,
                self.suffixes_after_space,
                self.suffixes_cut_at_seven,
                self.series,
            ]
            .into_iter()
            .min()
            .unwrap_or(0)
        }
    }

    /// Checks both model readers on `s` against their regexes (the suffix at every char
    /// boundary, as the family names end anywhere), counting the matches in `seen`.
    fn same_models(s: &str, seen: &mut ModelSeen) {
        let want: Vec<(usize, usize)> = MODEL_CODE
            .find_iter(s)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(model_codes(s), want, "{s:?}");
        for &(a, e) in &want {
            seen.codes += 1;
            seen.codes_with_tail += usize::from(s.as_bytes()[e - 1].is_ascii_uppercase());
            seen.codes_at_ends += usize::from(a == 0 || e == s.len());
        }
        for (i, _) in s.char_indices() {
            let t = &s[i..];
            let want = MODEL_SUFFIX.find(t).map(|m| m.end());
            assert_eq!(model_suffix(t), want, "{t:?}");
            if let Some(e) = want {
                seen.suffixes += 1;
                seen.suffixes_after_space += usize::from(t.starts_with(' '));
                seen.series += usize::from(t[..e].ends_with("시리즈"));
                seen.suffixes_cut_at_seven += usize::from(
                    t[e..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '+'),
                );
            }
        }
    }

    /// Pieces that stress both model grammars: capitals, digits (single and in runs),
    /// small letters, `+`, `_`, blanks, 시리즈 and parts of it, other Hangul, other scripts.
    const MODEL_PIECES: &[&str] = &[
        "A",
        "H",
        "M",
        "X",
        "Z",
        "GS",
        "MI",
        "ABCD",
        "a",
        "x",
        "s",
        "_",
        "+",
        "0",
        "1",
        "9",
        "10",
        "100",
        "300",
        "2024",
        "12345",
        " ",
        " ",
        "  ",
        "\t",
        "-",
        ".",
        "시리즈",
        "시리즈",
        "시",
        "리즈",
        "가",
        "은",
        "·",
        "é",
        "😀",
        "\n",
        "(",
    ];

    #[test]
    fn model_readers_are_their_regexes_on_random_strings() {
        let mut rng = crate::test_support::Rng(0x9E37_79B9_7F4A_7C15);
        let mut seen = ModelSeen::default();
        let mut s = String::new();
        for _ in 0..60_000 {
            s.clear();
            for _ in 0..1 + rng.below(14) {
                s.push_str(rng.pick(MODEL_PIECES));
            }
            same_models(&s, &mut seen);
        }
        println!("{seen:?}");
        assert!(seen.fewest() >= 500, "{seen:?}");
    }

    #[test]
    fn model_readers_are_their_regexes_on_near_misses() {
        let mut rng = crate::test_support::Rng(0x2545_F491_4F6C_DD1D);
        let mut seen = ModelSeen::default();
        let mut s = String::new();
        let caps = |rng: &mut crate::test_support::Rng, n: usize, s: &mut String| {
            for _ in 0..n {
                s.push(char::from(b'A' + rng.below(26) as u8));
            }
        };
        for _ in 0..60_000 {
            s.clear();
            for _ in 0..1 + rng.below(3) {
                if rng.below(2) == 0 {
                    s.push_str(rng.pick(MODEL_PIECES));
                }
                // a code of 0 to 4 capitals, 1 to 5 digits, 0 to 3 capitals, and maybe
                // more of a word (a small letter, `_`, `+`), then maybe (space) 시리즈
                s.push_str(rng.pick(&["", "", " ", "  ", "\t"]));
                let n = rng.below(5);
                caps(&mut rng, n, &mut s);
                let n = 1 + rng.below(5);
                rng.digits(n, &mut s);
                let n = rng.below(4);
                caps(&mut rng, n, &mut s);
                s.push_str(rng.pick(&["", "", "", "a", "_", "+", "7", "+a"]));
                s.push_str(rng.pick(&["", "", "시리즈", " 시리즈", "  시리즈", " 시"]));
            }
            same_models(&s, &mut seen);
        }
        println!("{seen:?}");
        assert!(seen.fewest() >= 2_000, "{seen:?}");
        // examples
        let t = "H100은 MI300X, a17 B12_ A17 C1234DE ABCD12 A1 A12345 A12BCD";
        let codes: Vec<&str> = model_codes(t).iter().map(|&(a, e)| &t[a..e]).collect();
        assert_eq!(codes, ["H100", "MI300X", "A17", "C1234DE"]);
        assert_eq!(model_suffix(" ABCDEFGHI"), Some(8));
        assert_eq!(model_suffix("  9"), None);
        assert_eq!(model_suffix("7  시리즈"), Some(1));
    }

    #[test]
    #[ignore = "needs ../shared (run with --include-ignored)"]
    fn model_readers_are_their_regexes_on_the_corpus() {
        let texts = crate::test_support::corpus_texts().expect(crate::test_support::NEEDS_SHARED);
        let mut seen = ModelSeen::default();
        let mut lines = 0;
        for text in &texts {
            for line in text.lines() {
                same_models(line, &mut seen);
                lines += 1;
            }
        }
        println!("{lines} corpus lines: same model codes and suffixes; {seen:?}");
        assert!(seen.codes > 100 && seen.suffixes > 1_000, "{seen:?}");
    }

    #[test]
    fn quoted_products_and_model_codes() {
        let e = run("제목\n회사는 ‘별빛 노트’ 앱을 내놓고 새 칩 QX200을 공개했다.");
        let p = names(&e, EType::Product);
        assert!(p.contains(&"별빛 노트".to_string()), "{p:?}");
        assert!(p.contains(&"QX200".to_string()), "{p:?}");
        // a quoted phrase with no product word after it, and a code-like date, are none
        let e = run("제목\n그는 ‘좋은 아침’이라고 말했다. 회의는 오전 10시였다.");
        assert!(names(&e, EType::Product).is_empty(), "{e:?}");
    }
}
