//! Contract checks shared by `tests/properties.rs`, `tests/hostile.rs` and the fuzz targets
//! (`fuzz/fuzz_targets/*.rs` include this file with `#[path]`). It depends on nothing but
//! `analyze` and `serde_json`, so that the fuzz crate can use it too.
//!
//! Every check panics with a message naming the broken rule of
//! `shared/contract/OUTPUT.md` (or of the module docs of `src/segment.rs`).

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use analyze::report::Report;

/// Known bugs that the checks tolerate until they are fixed, so that the property suite
/// keeps finding new problems meanwhile. Each one has an ignored `regression_*` test in
/// `tests/hostile.rs`; when the fix lands, set the flag to `false` and un-ignore the test.
pub mod known_bugs {
    /// `30일`/`31일` resolved into a month that has no such day (`2024-02-31`):
    /// `regression_bare_day_beyond_month_end`.
    pub const IMPOSSIBLE_BARE_DAY: bool = false;
    /// `13월 0일` without a reference date gives `XXXX-13-00`:
    /// `regression_impossible_month_day_without_reference`.
    pub const IMPOSSIBLE_MONTH_DAY_UNRESOLVED: bool = false;
    /// `이재용 현 삼성전자 회장` gives the role qualifier `"current"`, which the contract
    /// does not have (null | former | at_the_time | late | acting):
    /// `regression_current_qualifier_is_not_in_the_contract`.
    pub const CURRENT_QUALIFIER: bool = false;
    /// An amount too large for an f64 (a 400-digit number of 원) has the value `null`:
    /// `regression_huge_amount_has_a_number_value`.
    pub const HUGE_AMOUNT_NULL_VALUE: bool = false;
    /// A UTF-8 byte-order mark followed by NUL bytes decodes as text (`\xEF\xBB\xBFa\0b`
    /// → `a\0b`) instead of failing with `not_text`: `regression_nul_after_utf8_bom_is_not_text`.
    pub const NUL_AFTER_UTF8_BOM: bool = false;
}

// the contract's closed vocabularies, in one place (also what `--schema` lists)
use analyze::report::values::{
    ENTITY_TYPES, HEDGES, MEETING_STATUSES as MEETING_STATUS,
    ORGANIZATION_SUBTYPES as ORG_SUBTYPES, PARTNERSHIP_STATUSES as PARTNERSHIP_STATUS,
    PRODUCT_SUBTYPES, QUALIFIERS, QUANTITY_KINDS, SENTENCE_KINDS,
};

/// The characters `start..end` of `chars`, or a panic naming `what` when the span is bad.
fn span(chars: &[char], start: usize, end: usize, what: &str) -> String {
    assert!(
        start <= end && end <= chars.len(),
        "{what}: span {start}..{end} outside 0..{}",
        chars.len()
    );
    chars[start..end].iter().collect()
}

/// Checks every structural promise of the output contract for `report`, the analysis of
/// `text`. `strict_values` also checks the format of date values (TIMEX3), which only holds
/// for reference dates with four-digit years.
pub fn check_report(text: &str, r: &Report, strict_values: bool) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    assert_eq!(r.schema_version, 1, "schema_version");
    assert_eq!(
        r.source.chars, n,
        "source.chars must be the character count of the text"
    );

    // --- sentences: ordered, non-overlapping, trimmed, covering every non-space char once
    let mut covered = vec![false; n];
    let mut prev_end = 0usize;
    for (i, s) in r.sentences.iter().enumerate() {
        assert_eq!(s.id, i, "sentence ids are 0, 1, 2 …");
        let got = span(&chars, s.start, s.end, &format!("sentence {i}"));
        assert!(
            s.start < s.end,
            "sentence {i} is empty ({}..{})",
            s.start,
            s.end
        );
        assert!(
            s.start >= prev_end,
            "sentence {i} ({}..{}) overlaps or precedes the one before (ends {prev_end})",
            s.start,
            s.end
        );
        assert_eq!(got, s.text, "sentence {i}: text != input[start..end]");
        assert!(
            !chars[s.start].is_whitespace() && !chars[s.end - 1].is_whitespace(),
            "sentence {i} starts or ends with whitespace: {:?}",
            s.text
        );
        assert!(
            SENTENCE_KINDS.contains(&s.kind),
            "sentence {i}: kind {:?}",
            s.kind
        );
        for c in &mut covered[s.start..s.end] {
            *c = true;
        }
        prev_end = s.end;
    }
    for (i, c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            assert!(covered[i], "character {i} ({c:?}) belongs to no sentence");
        }
    }
    match &r.headline {
        Some(h) => {
            let s0 = r.sentences.first().expect("a headline needs a sentence");
            assert_eq!(
                s0.kind, "headline",
                "headline but sentence 0 is {}",
                s0.kind
            );
            assert_eq!(&s0.text, h, "headline != sentence 0");
        }
        None => assert!(
            r.sentences.first().is_none_or(|s| s.kind != "headline"),
            "sentence 0 is a headline but headline is null"
        ),
    }
    let in_sentence = |si: usize, start: usize, end: usize, what: &str| {
        let s = r
            .sentences
            .get(si)
            .unwrap_or_else(|| panic!("{what}: sentence {si} does not exist"));
        assert!(
            s.start <= start && end <= s.end,
            "{what}: span {start}..{end} is not inside its sentence {si} ({}..{})",
            s.start,
            s.end
        );
    };

    // --- entities
    let mut ids: HashMap<&str, (&str, &str)> = HashMap::new(); // id -> (type, name)
    let mut counters: HashMap<&str, usize> = HashMap::new();
    let mut prev_first = 0usize;
    for e in &r.entities {
        assert!(
            ENTITY_TYPES.contains(&e.etype),
            "entity {}: type {:?}",
            e.id,
            e.etype
        );
        let prefix = match e.etype {
            "person" => "p",
            "organization" => "o",
            "product" => "x",
            _ => "l",
        };
        let k = counters.entry(prefix).or_insert(0);
        *k += 1;
        assert_eq!(
            e.id,
            format!("{prefix}{k}"),
            "entity ids are p1, p2 …, o1 … per type, in order"
        );
        assert!(
            ids.insert(&e.id, (e.etype, &e.name)).is_none(),
            "duplicate entity id {}",
            e.id
        );
        match e.etype {
            "person" => assert!(
                e.subtype.is_none(),
                "person {} has subtype {:?}",
                e.id,
                e.subtype
            ),
            "organization" => assert!(
                e.subtype
                    .as_deref()
                    .is_none_or(|s| ORG_SUBTYPES.contains(&s)),
                "organization {}: subtype {:?}",
                e.id,
                e.subtype
            ),
            "product" => assert!(
                e.subtype
                    .as_deref()
                    .is_none_or(|s| PRODUCT_SUBTYPES.contains(&s)),
                "product {}: subtype {:?}",
                e.id,
                e.subtype
            ),
            _ => {}
        }
        assert!(
            !e.name.trim().is_empty(),
            "entity {} has an empty name",
            e.id
        );
        assert!(
            !e.aliases.contains(&e.name),
            "entity {}: its name {:?} is also an alias",
            e.id,
            e.name
        );
        let uniq: HashSet<&String> = e.aliases.iter().collect();
        assert_eq!(
            uniq.len(),
            e.aliases.len(),
            "entity {}: duplicate aliases {:?}",
            e.id,
            e.aliases
        );
        assert!(
            !e.mentions.is_empty(),
            "entity {} ({}) has no mention",
            e.id,
            e.name
        );
        if e.etype != "person" {
            assert!(e.roles.is_empty(), "{} {} has roles", e.etype, e.id);
        }
        let mut prev = None;
        for m in &e.mentions {
            let what = format!("mention of {} ({})", e.id, e.name);
            let got = span(&chars, m.start, m.end, &what);
            assert!(m.start < m.end, "{what}: empty span {}..{}", m.start, m.end);
            assert_eq!(got, m.text, "{what}: text != input[start..end]");
            in_sentence(m.sentence, m.start, m.end, &what);
            if let Some(p) = prev {
                assert!(
                    p < (m.start, m.end),
                    "{what}: mentions not in text order or repeated ({p:?} then {}..{})",
                    m.start,
                    m.end
                );
            }
            prev = Some((m.start, m.end));
        }
        let first = e.mentions[0].start;
        assert!(
            first >= prev_first,
            "entity {} ({}) first appears at {first}, before the entity listed ahead of it ({prev_first})",
            e.id,
            e.name
        );
        prev_first = first;
    }
    let check_ref = |id: &str, name: &str, what: &str| -> &str {
        let (t, n) = ids
            .get(id)
            .unwrap_or_else(|| panic!("{what}: entity id {id} does not exist"));
        assert_eq!(
            *n, name,
            "{what}: name of {id} differs from the entity's name"
        );
        t
    };
    for e in &r.entities {
        for role in &e.roles {
            assert!(!role.title.is_empty(), "{}: empty title", e.id);
            if let Some(o) = &role.organization {
                let t = check_ref(&o.id, &o.name, &format!("role of {}", e.id));
                assert_eq!(
                    t, "organization",
                    "role of {}: {} is a {t}, not an organization",
                    e.id, o.id
                );
            }
            assert!(
                role.qualifier.is_none_or(|q| QUALIFIERS.contains(&q)
                    || (known_bugs::CURRENT_QUALIFIER && q == "current")),
                "role of {} ({}): qualifier {:?} is not one of null|former|at_the_time|late|acting",
                e.id,
                e.name,
                role.qualifier
            );
        }
    }

    // --- dates
    let mut date_ids: HashMap<&str, (&str, Option<&str>)> = HashMap::new();
    let mut prev = 0usize;
    for (i, d) in r.dates.iter().enumerate() {
        let what = format!("date {}", d.id);
        assert_eq!(d.id, format!("d{}", i + 1), "date ids are d1, d2 …");
        let got = span(&chars, d.start, d.end, &what);
        assert!(d.start < d.end, "{what}: empty span");
        assert_eq!(got, d.text, "{what}: text != input[start..end]");
        in_sentence(d.sentence, d.start, d.end, &what);
        assert!(d.start >= prev, "{what}: dates not in text order");
        prev = d.start;
        if strict_values && let Some(v) = &d.value {
            assert!(
                is_timex(v),
                "{what} ({:?}): value {v:?} is not TIMEX3",
                d.text
            );
        }
        date_ids.insert(&d.id, (&d.text, d.value.as_deref()));
    }
    let check_date = |dr: &analyze::report::DateRef, what: &str| {
        let (t, v) = date_ids
            .get(dr.id.as_str())
            .unwrap_or_else(|| panic!("{what}: date {} does not exist", dr.id));
        assert_eq!(*t, dr.text, "{what}: date text differs from {}", dr.id);
        assert_eq!(
            *v,
            dr.value.as_deref(),
            "{what}: date value differs from {}",
            dr.id
        );
    };

    // --- quantities
    let mut prev = 0usize;
    for q in &r.quantities {
        let what = format!("quantity {:?}", q.text);
        let got = span(&chars, q.start, q.end, &what);
        assert!(q.start < q.end, "{what}: empty span");
        assert_eq!(got, q.text, "{what}: text != input[start..end]");
        in_sentence(q.sentence, q.start, q.end, &what);
        assert!(q.start >= prev, "{what}: quantities not in text order");
        prev = q.start;
        assert!(
            QUANTITY_KINDS.contains(&q.kind),
            "{what}: kind {:?}",
            q.kind
        );
        assert!(
            q.value.is_number() || (known_bugs::HUGE_AMOUNT_NULL_VALUE && q.value.is_null()),
            "{what}: value {} is not a number",
            q.value
        );
        if q.kind == "percent" {
            assert_eq!(
                q.unit.as_deref(),
                Some("%"),
                "{what}: percent without unit %"
            );
        }
    }

    // --- meetings and partnerships
    let nsent = r.sentences.len();
    let check_evidence = |ev: &[usize], what: &str| {
        assert!(!ev.is_empty(), "{what}: no evidence");
        for w in ev.windows(2) {
            assert!(w[0] < w[1], "{what}: evidence {ev:?} not sorted and unique");
        }
        assert!(
            ev.iter().all(|&s| s < nsent),
            "{what}: evidence {ev:?} names a sentence beyond {nsent}"
        );
    };
    let names: HashSet<&str> = r.entities.iter().map(|e| e.name.as_str()).collect();
    for (i, m) in r.meetings.iter().enumerate() {
        let what = format!("meeting {}", m.id);
        assert_eq!(m.id, format!("m{}", i + 1), "meeting ids are m1, m2 …");
        assert!(
            m.participants.len() >= 2,
            "{what}: {} participant(s)",
            m.participants.len()
        );
        let mut seen = HashSet::new();
        for p in &m.participants {
            check_ref(&p.id, &p.name, &what);
            assert!(seen.insert(&p.id), "{what}: participant {} twice", p.id);
        }
        if let Some(d) = &m.date {
            check_date(d, &what);
        }
        if let Some(p) = &m.place {
            assert!(
                names.contains(p.as_str()),
                "{what}: place {p:?} is no entity's name"
            );
        }
        assert!(
            MEETING_STATUS.contains(&m.status),
            "{what}: status {:?}",
            m.status
        );
        assert!(
            m.hedge.is_none_or(|h| HEDGES.contains(&h)),
            "{what}: hedge {:?}",
            m.hedge
        );
        check_evidence(&m.evidence, &what);
        assert!(!m.summary.is_empty(), "{what}: empty summary");
    }
    for (i, p) in r.partnerships.iter().enumerate() {
        let what = format!("partnership {}", p.id);
        assert_eq!(p.id, format!("r{}", i + 1), "partnership ids are r1, r2 …");
        assert!(
            p.parties.len() >= 2,
            "{what}: {} part(y/ies)",
            p.parties.len()
        );
        let mut seen = HashSet::new();
        for o in &p.parties {
            check_ref(&o.id, &o.name, &what);
            assert!(seen.insert(&o.id), "{what}: party {} twice", o.id);
        }
        if let Some(d) = &p.date {
            check_date(d, &what);
        }
        assert!(
            PARTNERSHIP_STATUS.contains(&p.status),
            "{what}: status {:?}",
            p.status
        );
        assert!(
            p.hedge.is_none_or(|h| HEDGES.contains(&h)),
            "{what}: hedge {:?}",
            p.hedge
        );
        check_evidence(&p.evidence, &what);
        assert!(!p.summary.is_empty(), "{what}: empty summary");
    }
}

/// Is `v` a TIMEX3 value of the forms the contract lists: `2024-02-21` (a real day),
/// `2024-02`, `2024`, `2024-W09`, `2024-H2`, `2024-Q3`, `201` (decade), with `XXXX`/`XX`
/// for unknown parts, or a duration (`P20D`)?
pub fn is_timex(v: &str) -> bool {
    // Years beyond 9999 or before 0 come only from absurd text (9999년 12월 31일 이튿날,
    // 0000년 1월 1일 전날); they may have more digits or a sign.
    if let Some(d) = v.strip_prefix('P') {
        // a TIMEX3 duration: P20D, P3Y, P2W, PT3H, PXD
        return !d.is_empty()
            && d.chars().any(|c| "YMWDHS".contains(c))
            && d.chars()
                .all(|c| c.is_ascii_digit() || "YMWDHST.X".contains(c));
    }
    if v.starts_with('-') {
        return true; // "-001-12-31": {:04} of a negative year
    }
    let unsigned = v;
    let p: Vec<&str> = unsigned.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let year = |s: &str| (s.len() >= 4 && s.bytes().all(|b| b.is_ascii_digit())) || s == "XXXX";
    match p.as_slice() {
        [d] if digits(d, 3) && v == unsigned => true,
        [y] => year(y),
        [y, w] if w.starts_with('W') => {
            year(y) && digits(&w[1..], 2) && (1..=53).contains(&w[1..].parse::<u32>().unwrap_or(0))
        }
        [y, h] if h.starts_with('H') => year(y) && matches!(&h[1..], "1" | "2"),
        [y, q] if q.starts_with('Q') => year(y) && matches!(&q[1..], "1" | "2" | "3" | "4"),
        [y, m] => {
            year(y)
                && (*m == "XX"
                    || (digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))))
        }
        [y, m, d] => {
            if !(year(y) && (*m == "XX" || digits(m, 2)) && digits(d, 2)) {
                return false;
            }
            let dd: u32 = d.parse().unwrap_or(0);
            if *y == "XXXX" || *m == "XX" {
                let mm: u32 = m.parse().unwrap_or(1);
                return ((1..=12).contains(&mm) && (1..=31).contains(&dd))
                    || known_bugs::IMPOSSIBLE_MONTH_DAY_UNRESOLVED;
            }
            let mm: u32 = m.parse().unwrap_or(0);
            let yy: u64 = y.parse().unwrap_or(0);
            let leap = (yy.is_multiple_of(4) && !yy.is_multiple_of(100)) || yy.is_multiple_of(400);
            let month_len = match mm {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => 0,
            };
            (1..=month_len).contains(&dd)
                || (known_bugs::IMPOSSIBLE_BARE_DAY
                    && (1..=12).contains(&mm)
                    && (29..=31).contains(&dd))
        }
        _ => false,
    }
}

/// The report as JSON with every `rule` key removed (what `--explain` adds).
pub fn without_rules(r: &Report) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("rule");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(r).expect("report serializes");
    strip(&mut v);
    v
}

/// Analyzes `text` with `opts` twice and with `explain` toggled, checks the contract, that
/// the JSON is the same both times, and that `--explain` only adds `rule` fields. Returns
/// the report.
pub fn analyze_checked(text: &str, opts: &analyze::Options, strict_values: bool) -> Report {
    let analyzer = analyze::Analyzer::builtin();
    let r = analyzer.analyze(text, opts);
    check_report(text, &r, strict_values);
    let again = analyzer.analyze(text, opts);
    let a = serde_json::to_string(&r).expect("serializes");
    let b = serde_json::to_string(&again).expect("serializes");
    assert_eq!(a, b, "analyzing the same text twice gave different JSON");
    let mut ex = opts.clone();
    ex.explain = !opts.explain;
    let other = analyzer.analyze(text, &ex);
    assert_eq!(
        without_rules(&r),
        without_rules(&other),
        "--explain changed more than the rule fields"
    );
    r
}
