//! Property tests: generated Korean-ish text through the library API, checked against the
//! output contract (`tests/robust/check.rs`), plus the decoder and the `--input jsonl`
//! record parser on arbitrary input. These are the same three targets as the cargo-fuzz
//! crate in `fuzz/` (analyze_text, decode_bytes, jsonl_record), for machines without a
//! nightly toolchain.
//!
//! Cases per property: 256 by default; raise with `PROPTEST_CASES=100000 cargo test
//! --release --test integration properties::`.

use crate::check;

use analyze::Options;
use analyze::dates::Ymd;
use analyze::decode::{DecodeError, decode};
use analyze::input::{Job, parse_record};
use check::analyze_checked;
use proptest::prelude::*;

// ---------------------------------------------------------------- generators

/// One character of "Korean-ish" text: Hangul syllables, conjoining jamo, spaces and line
/// breaks, sentence punctuation, quotes, brackets, digits, commas, %, Latin letters,
/// emoji, control characters (never NUL: that is rejected before analysis) and, rarely,
/// any other scalar value.
fn korean_char() -> impl Strategy<Value = char> {
    prop_oneof![
        30 => proptest::char::range('\u{AC00}', '\u{D7A3}'),
        4 => proptest::char::range('\u{1100}', '\u{11FF}'),
        2 => proptest::char::range('\u{3131}', '\u{318E}'), // compatibility jamo (ㄱ, ㆍ)
        10 => Just(' '),
        3 => prop::sample::select(vec!['\n', '\r', '\t', '\u{3000}', '\u{a0}', '\u{2028}', '\u{b}', '\u{c}']),
        8 => prop::sample::select(vec!['.', '?', '!', '…', ',', '。', '·', 'ㆍ', '•', '-', '=', '/', ':', '~', '▶', 'ⓒ', '@']),
        6 => prop::sample::select(vec!['“', '”', '‘', '’', '"', '\'', '(', ')', '[', ']', '【', '】', '「', '」', '『', '』', '《', '》', '〈', '〉', '<', '>']),
        5 => proptest::char::range('0', '9'),
        2 => prop::sample::select(vec!['%', '％', '㈜', '&', '+', '$', '￦']),
        4 => prop::sample::select(('a'..='z').chain('A'..='Z').collect::<Vec<_>>()),
        1 => prop::sample::select(vec!['😀', '🇰', '🇷', '\u{200D}', '\u{FE0F}', '👍', '\u{1F3FB}', '\u{FEFF}', '\u{200B}']),
        1 => proptest::char::range('\u{1}', '\u{1F}'),
        1 => prop::sample::select(vec!['\u{7F}', '\u{85}', '\u{9F}', '\u{AD}', '\u{D7FF}', '\u{E000}', '\u{FFFD}', '\u{10FFFF}']),
        1 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
    ]
}

fn korean_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(korean_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

const PEOPLE: &[&str] = &[
    "이재용",
    "최태원",
    "구광모",
    "젠슨 황",
    "황",
    "마크 저커버그",
    "저커버그",
    "사티아 나델라",
    "나델라",
    "샘 올트먼",
    "올트먼",
    "김철수",
    "남궁훈",
    "조주완",
    "이",
    "최",
    "김",
    "홍길동",
    "조수미씨",
    "에마뉘엘 마크롱",
    "마크롱",
];
const ORGS: &[&str] = &[
    "삼성전자",
    "SK하이닉스",
    "SK",
    "엔비디아",
    "메타",
    "네이버",
    "네이버클라우드",
    "LG전자",
    "LG",
    "마이크로소프트",
    "MS",
    "오픈AI",
    "오픈 AI",
    "KAIST",
    "현대차그룹",
    "LG에너지솔루션",
    "한빛전자",
    "대한반도체협회",
    "삼성전자 AGI 컴퓨팅 랩",
    "더불어민주당",
    "국민의힘",
    "인텔",
    "TSMC",
    "AMD",
    "OECD",
    "연합뉴스",
    "신한은행",
];
const TITLES: &[&str] = &[
    "회장",
    "사장",
    "대표",
    "대표이사",
    "CEO",
    "최고경영자(CEO)",
    "최고경영자",
    "대통령",
    "총리",
    "원내대표",
    "사무총장",
    "부회장",
    "이사회 의장",
    "대표 대행",
    "권한대행",
];
const QUALIFIERS: &[&str] = &["전", "前", "당시", "선대", "고", "故", "현"];
const PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "와",
    "과",
    "과의",
    "와는",
    "에게",
    "에게는",
    "에서",
    "에서도",
    "으로",
    "으로부터",
    "도",
    "측은",
    "측",
    "께서는",
    "이라고",
    "만",
    "하고",
    "및",
    "이나",
    "씨",
    "",
];
const NUMBERS: &[&str] = &[
    "5,000만 원",
    "35만 개",
    "3억 달러",
    "80%",
    "2조 5,000억 원",
    "3.5%",
    "1.2배",
    "12",
    "100명",
    "3곳",
    "2.5배",
    "7nm",
    "1,234,567원",
    "0.0001%",
    "999999999999999999999999999999999999999조 원",
    "1,000,000,000,000,000,000,000,000조",
    "3만",
    "5천",
    "10억",
    "1.5조 원",
    "50％",
    "20퍼센트",
    "300 달러",
    "4,00만 원",
    "1,0000원",
    "3..5%",
];
const DATES: &[&str] = &[
    "21일",
    "지난해",
    "지난 3일",
    "오는 28일",
    "다음 주",
    "다음주",
    "2013년 6월",
    "2024년 2월 30일",
    "2024년 2월 29일",
    "2023년 2월 29일",
    "2024.02.21",
    "2024-13-45",
    "이날",
    "전날",
    "이튿날",
    "다음날",
    "올해 하반기",
    "내년 상반기",
    "3분기",
    "3년 전",
    "31일",
    "30일",
    "29일",
    "2010년대 초반",
    "12월 말",
    "올 초",
    "지난달",
    "내달 초",
    "이번 주",
    "10년 만에",
    "20일간",
    "9999년 12월 31일",
    "0000년 1월 1일",
    "1월 1일",
    "13월",
    "0일",
    "99일",
    "5개월 후",
    "2주 뒤",
    "어제",
    "그저께",
    "모레",
    "재작년",
    "내후년",
    "2024년 4분기",
    "2100년",
    "1899년",
];
const TRIGGERS: &[&str] = &[
    "만났다",
    "만날 예정이다",
    "만나기로 했다",
    "회동할 것으로 알려졌다",
    "회동했다",
    "회담을 가졌다",
    "접견했다",
    "면담",
    "예방했다",
    "만찬을 겸해",
    "오찬",
    "전화 통화했다",
    "화상 회의",
    "협약식",
    "기념촬영",
    "협력",
    "협력 방안을 논의했다",
    "MOU를 체결했다",
    "업무협약",
    "양해각서",
    "손잡았다",
    "손을 잡",
    "공동 개발",
    "합작",
    "공급하기로",
    "제휴",
    "취소됐다",
    "무산됐다",
    "연기됐다",
    "제안했다",
    "요청했다",
    "추측",
    "관측된다",
    "전망이다",
    "보인다",
    "전해졌다",
    "결별했다",
    "논의",
    "추진",
    "계약했다",
    "파트너",
];
const GLUE: &[&str] = &[
    " ",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    ".",
    ". ",
    "다. ",
    "했다.",
    "?",
    "!",
    "?!",
    "…",
    "...",
    ",",
    ", ",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "【",
    "】",
    "ㆍ",
    "·",
    "=",
    "▶",
    "ⓒ",
    " 기자",
    "(서울=연합뉴스) 홍길동 기자 = ",
    "【서울=뉴시스】김민수 기자 =",
    "hong@yna.co.kr",
    "무단전재 및 재배포 금지",
    "<저작권자 ⓒ 뉴시스, 무단 전재-재배포 금지>",
    "댓글0",
    "입력 2024-02-21 10:31",
    "2024.02.21",
    "사진=대통령실 제공",
    "\t",
    "”라고 말했다.",
    "”고 밝혔다.",
    "”며",
    "라며",
    "U.S.",
    "Inc.",
    "AI",
    "HBM",
    "H100",
    "HBM3E",
    "갤럭시 S24",
    "GPT-4o",
    "서울",
    "한국",
    "미국",
    "파리",
    "엘리제궁",
    "또한",
    "그는",
    "두 사람은",
    "양사는",
    "한편",
    "재계에 따르면",
    "업계에서는",
    "반도체",
    "AI 반도체",
    "에서",
    "를 찾아",
];

fn fragment() -> impl Strategy<Value = String> {
    let sel = |t: &'static [&'static str]| prop::sample::select(t).prop_map(String::from);
    prop_oneof![
        6 => sel(PEOPLE),
        6 => sel(ORGS),
        5 => sel(TITLES),
        1 => sel(QUALIFIERS),
        6 => sel(PARTICLES),
        3 => sel(NUMBERS),
        4 => sel(DATES),
        5 => sel(TRIGGERS),
        12 => sel(GLUE),
        2 => korean_text(4),
    ]
}

/// Text glued from realistic fragments, so that names, titles, roles, dates, amounts,
/// triggers and quotes meet each other and the deep code paths run.
fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..80).prop_map(|v| v.concat())
}

/// A realistic-looking "person title, meets person title" sentence, many times over.
fn sentence() -> impl Strategy<Value = String> {
    let sel = |t: &'static [&'static str]| prop::sample::select(t);
    let qual = prop_oneof![3 => Just(""), 1 => prop::sample::select(QUALIFIERS)];
    (
        (sel(PEOPLE), qual, sel(ORGS), sel(TITLES), sel(PARTICLES)),
        (
            sel(DATES),
            sel(PEOPLE),
            sel(ORGS),
            sel(TITLES),
            sel(TRIGGERS),
            sel(NUMBERS),
        ),
    )
        .prop_map(|((p1, q, o1, t1, k1), (d, p2, o2, t2, tr, n))| {
            let q = if q.is_empty() {
                String::new()
            } else {
                format!("{q} ")
            };
            format!("{p1} {q}{o1} {t1}{k1} {d} {o2} {t2} {p2}과 {n} 규모 {tr}.")
        })
}

fn sentences_article() -> impl Strategy<Value = String> {
    (
        sentence(),
        prop::collection::vec(
            (
                sentence(),
                prop::sample::select(&[" ", "\n", "", "\n\n"][..]),
            ),
            0..12,
        ),
    )
        .prop_map(|(h, rest)| {
            let mut s = h;
            for (x, sep) in rest {
                s.push_str(sep);
                s.push_str(&x);
            }
            s
        })
}

/// A reference date with a four-digit year (strict TIMEX checks hold), or None.
fn reference() -> impl Strategy<Value = Option<Ymd>> {
    prop_oneof![
        1 => Just(None),
        4 => (1990i32..2035, 1u32..=12, 1u32..=31).prop_filter_map("real date", |(y, m, d)| Ymd::parse(&format!("{y}-{m}-{d}"))).prop_map(Some),
        1 => prop::sample::select(vec!["2024-02-29", "2023-12-31", "2024-01-01", "2020-12-31", "2021-01-01", "1000-01-01", "9998-12-31", "2024-03-31", "2024-01-31"])
            .prop_map(Ymd::parse),
    ]
}

/// Any date `Ymd::parse` accepts (years 1 to 9999, the range through which reference
/// dates enter: `--date`, a record's `date`, a dateline), including the extremes.
fn extreme_reference() -> impl Strategy<Value = Option<Ymd>> {
    prop_oneof![
        Just(None),
        (1i32..=9999, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| Ymd::parse(&format!("{y:04}-{m:02}-{d:02}"))),
        prop::sample::select(vec![
            "0001-01-01",
            "0001-12-31",
            "9999-12-31",
            "9999-01-01",
            "1600-02-29",
            "2000-02-29"
        ])
        .prop_map(Ymd::parse),
    ]
}

fn opts(reference: Option<Ymd>, explain: bool) -> Options {
    Options {
        reference_date: reference,
        date_origin: None,
        explain,
        ..Default::default()
    }
}

fn config() -> ProptestConfig {
    // PROPTEST_CASES is honoured by ProptestConfig::default() (default 256).
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- target: analyze_text

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_text_keeps_the_contract(text in korean_text(400), reference in reference(), explain in any::<bool>()) {
        analyze_checked(&text, &opts(reference, explain), true);
    }

    #[test]
    fn glued_fragments_keep_the_contract(text in article(), reference in reference(), explain in any::<bool>()) {
        analyze_checked(&text, &opts(reference, explain), true);
    }

    #[test]
    fn sentence_articles_keep_the_contract(text in sentences_article(), reference in reference()) {
        analyze_checked(&text, &opts(reference, false), true);
    }

    #[test]
    fn extreme_reference_dates_do_not_break_the_structure(text in article(), reference in extreme_reference()) {
        // date values may leave the four-digit TIMEX forms here; the structure may not
        analyze_checked(&text, &opts(reference, false), false);
    }

    #[test]
    fn text_without_line_breaks_keeps_the_contract(text in article()) {
        // 05-flattened-oneline.txt style: the whole body on one line
        let flat = text.replace(['\n', '\r'], " ");
        analyze_checked(&flat, &opts(Ymd::parse("2024-02-21"), false), true);
    }
}

// ---------------------------------------------------------------- target: decode_bytes

fn euc_kr(s: &str) -> Vec<u8> {
    let (b, _, _) = encoding_rs::EUC_KR.encode(s);
    b.into_owned()
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(any::<u8>(), 0..300),
        2 => korean_text(200).prop_map(String::into_bytes),
        2 => article().prop_map(|s| euc_kr(&s)),
        1 => (article(), any::<bool>()).prop_map(|(s, le)| utf16(&s, le)),
        1 => article().prop_map(|s| [&b"\xEF\xBB\xBF"[..], s.as_bytes()].concat()),
        // a byte-order mark in front of anything
        1 => (prop::sample::select(vec![&b"\xEF\xBB\xBF"[..], &b"\xFF\xFE"[..], &b"\xFE\xFF"[..]]), prop::collection::vec(any::<u8>(), 0..64))
            .prop_map(|(bom, rest)| [bom, &rest[..]].concat()),
        // valid text with a few bytes flipped
        2 => (article(), prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)).prop_map(|(s, flips)| {
            let mut b = s.into_bytes();
            if !b.is_empty() {
                for (i, x) in flips {
                    let k = i.index(b.len());
                    b[k] = x;
                }
            }
            b
        }),
    ]
}

fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_never_panics_and_round_trips(b in bytes()) {
        match decode(&b) {
            Ok(d) => {
                match d.encoding {
                    "UTF-8" => prop_assert_eq!(d.text.as_bytes(), &b[..]),
                    "UTF-8 (BOM)" => prop_assert_eq!(d.text.as_bytes(), &b[3..]),
                    "UTF-16LE" => prop_assert_eq!(utf16(&d.text, true), b.clone()),
                    "UTF-16BE" => prop_assert_eq!(utf16(&d.text, false), b.clone()),
                    "EUC-KR" => {
                        prop_assert!(std::str::from_utf8(&b).is_err(), "valid UTF-8 read as EUC-KR");
                        prop_assert_eq!(euc_kr(&d.text), b.clone(), "EUC-KR text does not re-encode to the input");
                    }
                    other => prop_assert!(false, "unknown encoding name {other:?}"),
                }
                let bom_nul = check::known_bugs::NUL_AFTER_UTF8_BOM && d.encoding == "UTF-8 (BOM)";
                prop_assert!(bom_nul || !d.text.contains('\0'), "decoded text holds NUL");
                // and the text analyzes within the contract
                analyze_checked(&d.text, &opts(Ymd::parse("2024-02-21"), false), true);
            }
            Err(DecodeError::Decode { offset }) => {
                prop_assert!(offset <= b.len(), "offset {offset} beyond the input ({} bytes)", b.len());
            }
            Err(DecodeError::NotText(_)) => {}
        }
        // valid UTF-8 without a BOM, NUL or control characters must decode to itself
        if let Ok(s) = std::str::from_utf8(&b) {
            let bom = b.starts_with(b"\xEF\xBB\xBF") || b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF");
            if !bom && !s.chars().any(|c| c == '\0' || is_control(c)) {
                let d = decode(&b);
                prop_assert!(d.is_ok(), "valid UTF-8 text rejected: {d:?}");
                let d = d.unwrap();
                prop_assert_eq!(d.encoding, "UTF-8");
                prop_assert_eq!(d.text, s);
            }
        }
    }

    #[test]
    fn euc_kr_text_decodes_to_itself(text in article()) {
        // Korean text without control characters, encoded as EUC-KR/CP949, decodes back
        // (unless its bytes also happen to be valid UTF-8, which then wins by design).
        let text: String = text
            .chars()
            .filter(|&c| !is_control(c) && c != '\0' && !encoding_rs::EUC_KR.encode(c.encode_utf8(&mut [0; 4])).2)
            .collect();
        let b = euc_kr(&text);
        if std::str::from_utf8(&b).is_ok() {
            return Ok(()); // ASCII only, or bytes that are valid UTF-8 too: read as UTF-8 by design
        }
        let d = decode(&b);
        prop_assert!(d.is_ok(), "EUC-KR text rejected: {d:?}");
        let d = d.unwrap();
        prop_assert_eq!(d.encoding, "EUC-KR");
        prop_assert_eq!(d.text, text);
    }

    #[test]
    fn utf16_text_decodes_to_itself(text in article(), le in any::<bool>()) {
        let text: String = text.chars().filter(|&c| !is_control(c) && c != '\0').collect();
        let d = decode(&utf16(&text, le));
        prop_assert!(d.is_ok(), "UTF-16 text rejected: {d:?}");
        let d = d.unwrap();
        prop_assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
        prop_assert_eq!(d.text, text);
    }
}

// ---------------------------------------------------------------- target: jsonl_record

fn record_line() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        Just(serde_json::Value::Null),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        korean_text(10).prop_map(serde_json::Value::from),
        Just(serde_json::json!([1])),
        Just(serde_json::json!({"a": 1})),
        Just(serde_json::json!(true)),
    ];
    let date = prop_oneof![
        Just(None),
        Just(Some(serde_json::Value::Null)),
        reference().prop_map(|d| d.map(|d| serde_json::Value::from(d.to_iso()))),
        prop::sample::select(vec![
            "2024-02-30",
            "2024/02/21",
            "2024.02.21",
            "2147483647-12-31",
            "-1-01-01",
            "+2024-01-01",
            "0-1-1",
            "99999-01-01",
            " 2024-02-21 ",
            "2024-02-21T00:00",
            "",
            "오늘",
        ])
        .prop_map(|s| Some(serde_json::Value::from(s))),
        Just(Some(serde_json::json!(20240221))),
    ];
    let text = prop_oneof![
        3 => article().prop_map(serde_json::Value::from),
        1 => korean_text(100).prop_map(serde_json::Value::from),
        1 => Just(serde_json::Value::Null),
        1 => Just(serde_json::json!(42)),
    ];
    let title = prop_oneof![
        2 => Just(None),
        2 => korean_text(30).prop_map(|t| Some(serde_json::Value::from(t))),
        1 => Just(Some(serde_json::Value::from("제목\n둘째 줄"))),
        1 => Just(Some(serde_json::Value::Null)),
        1 => Just(Some(serde_json::json!(7))),
    ];
    (id, text, date, any::<bool>(), title).prop_map(|(id, text, date, with_id, title)| {
        let mut m = serde_json::Map::new();
        if with_id {
            m.insert("id".into(), id);
        }
        if let Some(t) = title {
            m.insert("title".into(), t);
        }
        m.insert("text".into(), text);
        if let Some(d) = date {
            m.insert("date".into(), d);
        }
        serde_json::Value::Object(m).to_string()
    })
}

/// What `analyze --input jsonl` does with one line (see `process` in src/main.rs).
fn run_record(line: &str) {
    match parse_record("in.jsonl", 7, line) {
        Job::Record {
            origin,
            id,
            text,
            title,
            date,
            date_field,
            ..
        } => {
            assert_eq!(origin, "in.jsonl:7");
            assert!(
                id.is_string() || id.is_number() || id.is_null(),
                "id {id} passed"
            );
            let with_title = title.is_some();
            let Ok(p) = analyze::input::prepare_record(
                id,
                text.clone(),
                title.clone(),
                date.as_deref(),
                date_field,
                None,
                false,
            ) else {
                return; // bad_record
            };
            let reference = p.options.reference_date;
            let strict = reference.is_none_or(|d| (1000..=9998).contains(&d.y));
            let r = analyze_checked(&p.document, &p.options, strict);
            // with a title, the text starts at text_start, and the title is the headline
            let start = r.source.text_start.unwrap_or(0);
            let chars: Vec<char> = p.document.chars().collect();
            assert_eq!(chars[start..].iter().collect::<String>(), text);
            assert_eq!(start > 0, with_title);
            if with_title && !chars[..start].iter().all(|c| c.is_whitespace()) {
                assert_eq!(r.sentences[0].kind, "headline");
                assert!(r.sentences[0].end < start);
            }
        }
        Job::Failed(e) => {
            assert_eq!(e.error.kind, "bad_record");
            assert!(
                e.error.message.starts_with("in.jsonl:7: "),
                "{}",
                e.error.message
            );
            assert!(
                !e.error.message.contains('\n'),
                "multi-line message {:?}",
                e.error.message
            );
            assert_eq!(e.source.line, Some(7));
        }
        Job::File(f) => panic!("a record became a file job {f:?}"),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn jsonl_records_parse_or_fail_cleanly(line in record_line()) {
        run_record(&line);
    }

    #[test]
    fn arbitrary_lines_parse_or_fail_cleanly(line in prop_oneof![korean_text(100), "\\PC{0,100}", record_line().prop_map(|s| s.chars().rev().collect())]) {
        run_record(&line);
    }
}

// ---------------------------------------------------------------- the printed schema

/// The JSON Schema that `analyze --schema` prints, compiled once.
static SCHEMA: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_analyze"))
        .arg("--schema")
        .output()
        .expect("run analyze --schema");
    assert!(out.status.success(), "analyze --schema failed");
    let schema: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
});

proptest! {
    #![proptest_config(config())]

    #[test]
    fn reports_match_the_printed_schema(text in article(), reference in reference(), explain in any::<bool>()) {
        let r = analyze::Analyzer::builtin().analyze(&text, &opts(reference, explain));
        let v = serde_json::to_value(&r).expect("serializes");
        if let Err(e) = SCHEMA.validate(&v) {
            prop_assert!(false, "report does not match `analyze --schema`: {e} at {}", e.instance_path());
        }
    }
}

/// Found by `glued_fragments_keep_the_contract`: a one-line text with no headline, where the
/// copyright row reached back into a name and cut it between two sentences.
#[test]
fn boilerplate_reaching_into_a_name_keeps_the_contract() {
    let text = "에마뉘엘 마크롱?에마뉘엘 마크롱?저커버그【서울=뉴시스】김민수 기자 =서울서울<저작권자 ⓒ 뉴시스, 무단 전재-재배포 금지>";
    analyze_checked(text, &opts(None, false), true);
}

// ---------------------------------------------------------------- layout invariance

/// The sentence texts of `text` as the analyzer splits it.
fn sentence_texts(text: &str) -> Vec<String> {
    let r = analyze::Analyzer::builtin().analyze(text, &opts(Ymd::parse("2024-02-21"), false));
    r.sentences.into_iter().map(|s| s.text).collect()
}

/// Body text with its line breaks, with them replaced by spaces, and with them removed
/// (the three layouts archives hand over): the same sentences.
fn assert_layout_invariant(body: &str) {
    let lined = sentence_texts(body);
    for flat in [body.replace('\n', " "), body.replace('\n', "")] {
        assert_eq!(
            lined,
            sentence_texts(&flat),
            "layout changed the sentences of {flat:?}"
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sentences_do_not_depend_on_line_breaks(
        parts in prop::collection::vec((sentence(), prop::sample::select(&["\n", " ", "\n\n"][..])), 1..10)
    ) {
        let body: String = parts.iter().map(|(s, sep)| format!("{s}{sep}")).collect();
        assert_layout_invariant(body.trim_end());
    }
}

/// The bodies of the bundled articles: their body sentences, one per line, then joined
/// by spaces and with nothing between.
#[test]
fn fixture_bodies_do_not_depend_on_line_breaks() {
    let mut checked = 0;
    for entry in std::fs::read_dir("fixtures").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") || path.to_string_lossy().contains("euckr") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // the body sentences as the analyzer finds them in the file, one per line
        let r = analyze::Analyzer::builtin().analyze(&text, &opts(Ymd::parse("2024-02-21"), false));
        let lines: Vec<String> = r
            .sentences
            .into_iter()
            .filter(|s| s.kind == "body")
            .map(|s| s.text)
            .filter(|l| {
                l.trim_end_matches(['”', '"', '’', '\'', ')'])
                    .ends_with(['.', '?', '!'])
            })
            .collect();
        if lines.len() < 2 {
            continue;
        }
        assert_layout_invariant(&lines.join("\n"));
        checked += 1;
    }
    assert!(
        checked >= 6,
        "only {checked} fixtures had a body of several sentences"
    );
}
