//! Tests of the merge logic on hand-written analyze output lines (shaped like real output,
//! see `contract/OUTPUT.md`), independent of the analyzer's own accuracy; and the property
//! that merging the partial states of any split of the input equals one run over all of it.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::build::{BuildOpts, Event, Summary, build};
use super::state::{LineKind, State};

fn person(
    id: &str,
    name: &str,
    english: Option<&str>,
    roles: &[(&str, Option<(&str, &str)>)],
) -> Value {
    json!({
        "id": id, "type": "person", "subtype": null, "name": name, "aliases": [],
        "english": english,
        "roles": roles.iter().map(|(t, o)| json!({
            "title": t,
            "organization": o.map(|(i, n)| json!({"id": i, "name": n})),
            "qualifier": null
        })).collect::<Vec<_>>(),
        "mentions": [{"sentence": 0, "start": 0, "end": 2, "text": name}]
    })
}

fn org(id: &str, name: &str) -> Value {
    json!({"id": id, "type": "organization", "subtype": "company", "name": name, "aliases": [],
           "english": null, "roles": [], "mentions": []})
}

fn meeting(id: &str, parts: &[(&str, &str)], date: Option<&str>, status: &str) -> Value {
    json!({
        "id": id,
        "participants": parts.iter().map(|(i, n)| json!({"id": i, "name": n})).collect::<Vec<_>>(),
        "date": date.map(|d| json!({"id": "d1", "text": "…", "value": d})),
        "place": null, "status": status, "hedge": null, "topics": [], "evidence": [1],
        "summary": "…"
    })
}

fn partnership(id: &str, parts: &[(&str, &str)], topics: &[&str], status: &str) -> Value {
    json!({
        "id": id,
        "parties": parts.iter().map(|(i, n)| json!({"id": i, "name": n})).collect::<Vec<_>>(),
        "topics": topics, "status": status, "hedge": null, "date": null, "evidence": [1],
        "summary": "…"
    })
}

fn article(
    id: &str,
    date: &str,
    entities: Vec<Value>,
    meetings: Vec<Value>,
    partnerships: Vec<Value>,
) -> String {
    json!({
        "schema_version": 1,
        "source": {"path": null, "id": id, "encoding": "UTF-8", "bytes": 100, "chars": 50},
        "reference_date": {"value": date, "origin": "input"},
        "headline": "제목",
        "sentences": [{"id": 0, "start": 0, "end": 2, "text": "제목", "kind": "headline"}],
        "entities": entities, "dates": [], "quantities": [],
        "meetings": meetings, "partnerships": partnerships, "warnings": []
    })
    .to_string()
}

const LEE: (&str, &str) = ("p1", "이재용");
const ZUCK: (&str, &str) = ("p2", "마크 저커버그");

fn lee_zuck(id: &str, date: &str, mdate: Option<&str>, status: &str) -> String {
    article(
        id,
        date,
        vec![
            person(
                "p1",
                "이재용",
                Some("Lee Jae-yong"),
                &[("회장", Some(("o1", "삼성전자")))],
            ),
            person(
                "p2",
                "마크 저커버그",
                Some("Mark Zuckerberg"),
                &[("CEO", Some(("o2", "메타")))],
            ),
            org("o1", "삼성전자"),
            org("o2", "메타"),
        ],
        vec![meeting("m1", &[LEE, ZUCK], mdate, status)],
        vec![],
    )
}

/// The story of the fixture corpus, as analyze output lines.
fn story() -> Vec<String> {
    let chey = ("p1", "최태원");
    let nadella = ("p2", "사티아 나델라");
    let chey_nadella = |id: &str, date: &str, mdate: &str, status: &str| {
        article(
            id,
            date,
            vec![
                person(
                    "p1",
                    "최태원",
                    Some("Chey Tae-won"),
                    &[("회장", Some(("o1", "SK그룹")))],
                ),
                person(
                    "p2",
                    "사티아 나델라",
                    Some("Satya Nadella"),
                    &[("CEO", Some(("o2", "마이크로소프트")))],
                ),
                org("o1", "SK그룹"),
                org("o2", "마이크로소프트"),
            ],
            vec![meeting("m1", &[chey, nadella], Some(mdate), status)],
            vec![],
        )
    };
    let kim = |id: &str, date: &str, org_name: &str, title: &str, other: (&str, &str, &str)| {
        article(
            id,
            date,
            vec![
                org("o1", org_name),
                person("p1", "김민수", None, &[(title, Some(("o1", org_name)))]),
                person("p2", other.1, Some(other.2), &[]),
            ],
            vec![meeting(
                "m1",
                &[("p1", "김민수"), (other.0, other.1)],
                Some(date),
                "happened",
            )],
            vec![],
        )
    };
    let samsung_naver = |id: &str, date: &str, status: &str| {
        article(
            id,
            date,
            vec![org("o1", "삼성전자"), org("o2", "네이버")],
            vec![],
            vec![partnership(
                "r1",
                &[("o1", "삼성전자"), ("o2", "네이버")],
                &["AI 반도체"],
                status,
            )],
        )
    };
    vec![
        lee_zuck("herald-0214", "2024-02-14", Some("2024-W08"), "planned"),
        lee_zuck("daily-0221", "2024-02-21", Some("2024-02-21"), "happened"),
        lee_zuck("times-0222", "2024-02-22", Some("2024-02-21"), "happened"),
        chey_nadella("herald-0304", "2024-03-04", "2024-03-15", "planned"),
        chey_nadella("daily-0313", "2024-03-13", "2024-03-15", "cancelled"),
        kim("times-0305", "2024-03-05", "현대자동차", "부사장", ("p2", "정의선", "Chung Eui-sun")),
        kim("herald-0306", "2024-03-06", "LG전자", "연구원", ("p2", "구광모", "Koo Kwang-mo")),
        samsung_naver("daily-0110", "2024-01-10", "agreed"),
        samsung_naver("times-0502", "2024-05-02", "ended"),
        r#"{"schema_version":1,"source":{"path":"gone.txt"},"error":{"kind":"not_found","message":"gone.txt: No such file"}}"#.to_string(),
        "{not json".to_string(),
    ]
}

fn run_lines(lines: &[String]) -> Summary {
    let mut st = State::default();
    for l in lines {
        st.add_line(l.as_bytes());
    }
    build(&st, &BuildOpts::default())
}

fn event_of<'a>(s: &'a Summary, kind: &str, a: &str, b: &str) -> Vec<&'a Event> {
    s.events
        .iter()
        .filter(|e| {
            e.kind == kind
                && e.participants.iter().any(|p| p.id == a)
                && e.participants.iter().any(|p| p.id == b)
        })
        .collect()
}

fn history(e: &Event) -> Vec<&str> {
    e.history.iter().map(|h| h.status.as_str()).collect()
}

#[test]
fn announced_then_held_meeting_is_one_event_with_three_sources() {
    let s = run_lines(&story());
    let ev = event_of(
        &s,
        "meeting",
        "person:Lee Jae-yong",
        "person:Mark Zuckerberg",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = ev[0];
    assert_eq!(history(e), ["planned", "happened"]);
    assert_eq!(e.sources.len(), 3);
    assert_eq!(e.articles, 3);
    assert_eq!(e.status, "happened");
    assert!(e.status_changed);
    assert_eq!(e.date.as_deref(), Some("2024-02-21"));
    assert_eq!(e.history[0].article, "herald-0214");
    assert_eq!(e.history[1].published.as_deref(), Some("2024-02-21"));
    // sources in publication order
    let arts: Vec<&str> = e.sources.iter().map(|s| s.article.as_str()).collect();
    assert_eq!(arts, ["herald-0214", "daily-0221", "times-0222"]);
    // the edge
    let edge = s
        .edges
        .iter()
        .find(|x| x.kind == "met" && x.source == "person:Lee Jae-yong")
        .expect("met edge");
    assert_eq!(edge.target, "person:Mark Zuckerberg");
    assert_eq!((edge.count, edge.articles), (1, 3));
    assert_eq!(edge.events, std::slice::from_ref(&e.id));
    assert_eq!(edge.statuses.get("happened"), Some(&1));
    assert_eq!(s.stats.meetings_merged, 2);
}

#[test]
fn cancelled_meeting_history() {
    let s = run_lines(&story());
    let ev = event_of(&s, "meeting", "person:Chey Tae-won", "person:Satya Nadella");
    assert_eq!(ev.len(), 1);
    assert_eq!(history(ev[0]), ["planned", "cancelled"]);
    assert_eq!(ev[0].status, "cancelled");
}

#[test]
fn same_name_different_organizations_are_two_people() {
    let s = run_lines(&story());
    let kims: Vec<&str> = s
        .nodes
        .iter()
        .filter(|n| n.name == "김민수")
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(kims, ["person:김민수@LG전자", "person:김민수@현대자동차"]);
    // each met someone else
    assert_eq!(
        event_of(&s, "meeting", "person:김민수@LG전자", "person:Koo Kwang-mo").len(),
        1
    );
    assert_eq!(
        event_of(
            &s,
            "meeting",
            "person:김민수@현대자동차",
            "person:Chung Eui-sun"
        )
        .len(),
        1
    );
    // a third article naming 김민수 with no organization cannot be given to either
    let mut lines = story();
    lines.push(article(
        "x-1",
        "2024-03-07",
        vec![person("p1", "김민수", None, &[("씨", None)])],
        vec![],
        vec![],
    ));
    let s = run_lines(&lines);
    assert!(s.nodes.iter().any(|n| n.id == "person:김민수@?"));
    assert_eq!(s.nodes.iter().filter(|n| n.name == "김민수").count(), 3);
}

#[test]
fn same_name_without_conflict_is_one_person() {
    let a = |id: &str, roles: &[(&str, Option<(&str, &str)>)]| {
        article(
            id,
            "2024-01-01",
            vec![org("o1", "현대자동차"), person("p1", "박지훈", None, roles)],
            vec![],
            vec![],
        )
    };
    let s = run_lines(&[
        a("a", &[("부사장", Some(("o1", "현대자동차")))]),
        a("b", &[]),
        a("c", &[("사장", Some(("o1", "현대자동차")))]),
    ]);
    let p: Vec<_> = s.nodes.iter().filter(|n| n.name == "박지훈").collect();
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].id, "person:박지훈");
    assert_eq!(p[0].articles, 3);
    assert_eq!(p[0].roles.len(), 2);
}

#[test]
fn english_name_joins_names_and_unknown_mentions() {
    let s = run_lines(&[
        article(
            "a",
            "2024-01-01",
            vec![person("p1", "마크 저커버그", Some("Mark Zuckerberg"), &[])],
            vec![],
            vec![],
        ),
        article(
            "b",
            "2024-01-05",
            vec![person("p1", "저커버그", Some("Mark Zuckerberg"), &[])],
            vec![],
            vec![],
        ),
        article(
            "c",
            "2024-01-09",
            vec![person("p1", "마크 저커버그", None, &[])],
            vec![],
            vec![],
        ),
        article(
            "d",
            "2023-12-30",
            vec![person("p1", "마크 저커버그", Some("Mark Zuckerberg"), &[])],
            vec![],
            vec![],
        ),
    ]);
    assert_eq!(s.nodes.len(), 1, "{:#?}", s.nodes);
    let n = &s.nodes[0];
    assert_eq!(n.id, "person:Mark Zuckerberg");
    assert_eq!(n.name, "마크 저커버그");
    assert_eq!(n.aliases, ["저커버그"]);
    assert_eq!(n.articles, 4);
    assert_eq!(n.first_seen.as_deref(), Some("2023-12-30"));
    assert_eq!(n.last_seen.as_deref(), Some("2024-01-09"));
}

#[test]
fn partnership_agreed_then_ended() {
    let s = run_lines(&story());
    let ev = event_of(
        &s,
        "partnership",
        "organization:네이버",
        "organization:삼성전자",
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(history(ev[0]), ["agreed", "ended"]);
    assert_eq!(ev[0].topics, ["AI 반도체"]);
    assert_eq!(ev[0].date_from.as_deref(), Some("2024-01-10"));
    assert_eq!(ev[0].date_to.as_deref(), Some("2024-05-02"));
    assert!(
        s.edges
            .iter()
            .any(|e| e.kind == "partnered" && e.count == 1)
    );
}

#[test]
fn partnerships_on_other_topics_stay_apart() {
    let sn = |id: &str, topics: &[&str]| {
        article(
            id,
            "2024-01-01",
            vec![org("o1", "삼성전자"), org("o2", "네이버")],
            vec![],
            vec![partnership(
                "r1",
                &[("o1", "삼성전자"), ("o2", "네이버")],
                topics,
                "agreed",
            )],
        )
    };
    let s = run_lines(&[
        sn("a", &["AI 반도체"]),
        sn("b", &["클라우드"]),
        sn("c", &["AI 반도체", "데이터센터"]),
    ]);
    assert_eq!(s.stats.partnerships, 2);
    let e = s.edges.iter().find(|e| e.kind == "partnered").unwrap();
    assert_eq!(e.count, 2);
}

#[test]
fn dates_must_be_compatible() {
    let s = run_lines(&[
        lee_zuck("a", "2024-02-19", Some("2024-02-21"), "happened"),
        lee_zuck("b", "2024-06-01", Some("2024-06-01"), "happened"),
        lee_zuck("c", "2024-05-20", Some("2024-W22"), "planned"), // 2024-05-27 … 06-02
        lee_zuck("d", "2024-05-20", Some("2024-W21"), "planned"), // no day inside: its own
        lee_zuck("e", "2024-02-10", Some("2024-02"), "planned"),
        lee_zuck("f", "2024-02-22", None, "happened"), // no date: nearest within 7 days
        lee_zuck("g", "2023-01-01", None, "happened"), // far from all: its own
    ]);
    let ev = event_of(
        &s,
        "meeting",
        "person:Lee Jae-yong",
        "person:Mark Zuckerberg",
    );
    let mut got: Vec<(Option<&str>, Vec<&str>)> = ev
        .iter()
        .map(|e| {
            (
                e.date.as_deref(),
                e.sources.iter().map(|s| s.article.as_str()).collect(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (None, vec!["g"]),
            (Some("2024-02-21"), vec!["e", "a", "f"]),
            (Some("2024-06-01"), vec!["c", "b"]),
            (Some("2024-W21"), vec!["d"]),
        ]
    );
}

#[test]
fn filters() {
    let lines = story();
    let mut st = State::default();
    for l in &lines {
        st.add_line(l.as_bytes());
    }
    let s = build(
        &st,
        &BuildOpts {
            since: Some("2024-03-01".into()),
            until: Some("2024-03-31".into()),
            min_articles: 1,
        },
    );
    assert!(
        s.events
            .iter()
            .all(|e| e.date_to.as_deref().unwrap() >= "2024-03-01"
                && e.date_from.as_deref().unwrap() <= "2024-03-31")
    );
    assert!(
        s.events
            .iter()
            .any(|e| e.participants.iter().any(|p| p.id == "person:Chey Tae-won"))
    );
    assert!(
        !s.events
            .iter()
            .any(|e| e.participants.iter().any(|p| p.id == "person:Lee Jae-yong"))
    );
    // min-articles 2 keeps only nodes of two or more articles, and events among them
    let s = build(
        &st,
        &BuildOpts {
            min_articles: 2,
            ..BuildOpts::default()
        },
    );
    assert!(s.nodes.iter().all(|n| n.articles >= 2));
    assert!(!s.nodes.iter().any(|n| n.name == "김민수"));
    let ids: std::collections::BTreeSet<&str> = s.nodes.iter().map(|n| n.id.as_str()).collect();
    for e in &s.events {
        assert!(e.participants.iter().all(|p| ids.contains(p.id.as_str())));
    }
    for e in &s.edges {
        assert!(ids.contains(e.source.as_str()) && ids.contains(e.target.as_str()));
    }
    assert_eq!(s.stats.meetings, 2);
}

#[test]
fn bad_lines_are_counted_never_fatal() {
    let mut st = State::default();
    let kinds: Vec<LineKind> = [
        &b"\xff\xfe not utf-8"[..],
        b"[1,2,3]",
        b"{\"entities\": 5}",
        b"{\"schema_version\": 2, \"entities\": []}",
        b"{\"analyze_corpus_partial\": 9}",
        b"",
        b"null",
        b"{\"entities\":[{\"id\":\"p1\",\"type\":\"person\",\"name\":\"\"}],\"meetings\":[{\"participants\":[{\"id\":\"p1\"}]}]}",
        "[".repeat(100_000).as_bytes(),
    ]
    .iter()
    .map(|l| st.add_line(l))
    .collect();
    assert_eq!(
        kinds,
        [
            LineKind::Bad,
            LineKind::Bad,
            LineKind::Bad,
            LineKind::Bad,
            LineKind::Bad,
            LineKind::Blank,
            LineKind::Bad,
            LineKind::Article,
            LineKind::Bad
        ]
    );
    assert_eq!(st.counts.bad_lines, 7);
    assert_eq!(st.counts.articles, 1);
    let s = build(&st, &BuildOpts::default());
    assert!(s.nodes.is_empty() && s.events.is_empty());
    // too long lines are skipped without being held
    let mut st = State::default();
    let input = format!(
        "{}\n{}\n",
        "x".repeat(50_000),
        lee_zuck("a", "2024-01-01", None, "happened")
    );
    super::read_into(&mut st, &mut std::io::Cursor::new(input.clone()), 20_000).unwrap();
    assert_eq!((st.counts.bad_lines, st.counts.articles), (1, 1));
    // with a limit below the article's length, both lines are too long
    let mut st = State::default();
    super::read_into(&mut st, &mut std::io::Cursor::new(input), 100).unwrap();
    assert_eq!((st.counts.bad_lines, st.counts.articles), (2, 0));
    let mut st = State::default();
    let input = format!(
        "{}\n{}",
        "x".repeat(50),
        lee_zuck("a", "2024-01-01", None, "happened")
    );
    super::read_into(&mut st, &mut std::io::Cursor::new(input), 10_000).unwrap();
    assert_eq!((st.counts.bad_lines, st.counts.articles), (1, 1));
}

#[test]
fn counts_in_the_story() {
    let s = run_lines(&story());
    assert_eq!(
        (s.input.articles, s.input.error_lines, s.input.bad_lines),
        (9, 1, 1)
    );
    assert_eq!(s.stats.meetings, 4);
    assert_eq!(s.stats.partnerships, 1);
    assert_eq!(s.stats.status_changed, 3);
    // ids are sorted and unique
    let ids: Vec<&str> = s.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
}

fn partial_of(lines: &[String]) -> Vec<u8> {
    let mut st = State::default();
    for l in lines {
        st.add_line(l.as_bytes());
    }
    let mut out = Vec::new();
    st.write_partial(&mut out).unwrap();
    out
}

/// More varied lines than the story: random people, dates and statuses.
fn random_line() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "이재용",
        "최태원",
        "김민수",
        "박지훈",
        "마크 저커버그",
    ]);
    let orgs = prop::sample::select(vec!["삼성전자", "SK그룹", "LG전자", "현대자동차", "메타"]);
    let dates = prop::sample::select(vec![
        "2024-02-19",
        "2024-02-21",
        "2024-02-26",
        "2024-W09",
        "2024-02",
        "2024-03",
        "2024",
        "XXXX-XX-21",
        "",
    ]);
    let statuses =
        prop::sample::select(vec!["planned", "happened", "cancelled", "agreed", "ended"]);
    (
        (names.clone(), orgs.clone(), any::<bool>(), any::<bool>()),
        (names, orgs),
        (dates.clone(), dates, statuses),
        (0u8..8, any::<bool>(), 0u8..3),
    )
        .prop_map(
            |((n1, o1, eng, role), (n2, o2), (pub_date, mdate, status), (id, partner, alias))| {
                let pub_date = if pub_date.len() == 10 {
                    pub_date
                } else {
                    "2024-02-20"
                };
                let roles1: Vec<(&str, Option<(&str, &str)>)> = if role {
                    vec![("회장", Some(("o1", o1)))]
                } else {
                    vec![]
                };
                let mut p1 = person("p1", n1, eng.then_some("Eng"), &roles1);
                // short forms, as the analyzer lists them
                p1["aliases"] = [json!(["이 회장"]), json!(["회장", "그"]), json!([])]
                    [alias as usize % 3]
                    .clone();
                let mut o1v = org("o1", o1);
                o1v["aliases"] =
                    [json!(["삼성"]), json!([]), json!([])][alias as usize % 3].clone();
                let e = vec![
                    p1,
                    person("p2", n2, None, &[("CEO", Some(("o2", o2)))]),
                    o1v,
                    org("o2", o2),
                ];
                let (m, r) = if partner {
                    (
                        vec![],
                        vec![partnership(
                            "r1",
                            &[("o1", o1), ("o2", o2)],
                            if role { &["AI"][..] } else { &[][..] },
                            status,
                        )],
                    )
                } else {
                    (
                        vec![meeting(
                            "m1",
                            &[("p1", n1), ("p2", n2)],
                            (!mdate.is_empty()).then_some(mdate),
                            status,
                        )],
                        vec![],
                    )
                };
                article(&format!("a{id}"), pub_date, e, m, r)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Merging the partial states of any split of the input, in any order, equals one run.
    #[test]
    fn partials_of_any_split_merge_to_one_run(
        lines in prop::collection::vec(random_line(), 0..24),
        cuts in prop::collection::vec(0usize..24, 0..4),
        shuffle in any::<u64>(),
    ) {
        let mut all = lines.clone();
        all.extend(story());
        let whole = run_lines(&all);
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(all.len())).collect();
        cuts.sort_unstable();
        let mut parts: Vec<Vec<String>> = Vec::new();
        let mut prev = 0;
        for c in cuts.into_iter().chain([all.len()]) {
            parts.push(all[prev..c].to_vec());
            prev = c;
        }
        // the reduce step sees the partials in any order
        let k = parts.len();
        parts.rotate_left((shuffle as usize) % k);
        // merged through the text of the partial states, as `analyze corpus p0 p1 …` does
        let mut merged = State::default();
        for p in &parts {
            for line in partial_of(p).split(|&b| b == b'\n') {
                merged.add_line(line);
            }
        }
        let from_partials = build(&merged, &BuildOpts::default());
        prop_assert_eq!(&from_partials, &whole);
        // and State::merge agrees with reading the partial lines
        let mut by_merge = State::default();
        for p in &parts {
            let mut st = State::default();
            for l in p {
                st.add_line(l.as_bytes());
            }
            by_merge.merge(st);
        }
        prop_assert_eq!(&by_merge, &merged);
        // a partial of partials is the same partial
        let mut again = Vec::new();
        merged.write_partial(&mut again).unwrap();
        prop_assert_eq!(again, partial_of(&all));
    }

    /// Any bytes: never a panic, always a count.
    #[test]
    fn any_line_is_safe(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut st = State::default();
        st.add_line(&bytes);
        let _ = build(&st, &BuildOpts::default());
    }
}
