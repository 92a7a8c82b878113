//! `analyze corpus`, run as the real binary.
//!
//! Fixtures (`tests/corpus/`), all written for these tests:
//! - `articles.jsonl`: nine short articles as `{"id","text","date"}` records: a meeting
//!   announced (14 Feb, "다음 주"), then reported as held by two outlets (21 and 22 Feb); a
//!   meeting announced and then cancelled; two different people named 김민수 (현대자동차,
//!   LG전자); a partnership agreed (Jan) and ended (May).
//! - `analyzed.jsonl`: `analyze --input jsonl articles.jsonl` as it was when the corpus view
//!   was written (frozen, so that the merge logic is tested on real output independently of
//!   later changes to the analyzer).
//! - `summary.json`: the golden `analyze corpus analyzed.jsonl`. Regenerate with
//!   `UPDATE_GOLDEN=1 cargo test --test integration corpus::` and review `git diff tests/corpus`.
//!
//! The end-to-end test analyzes `articles.jsonl` with the current analyzer and asserts only
//! the robust facts of the story.

use crate::common;

use std::path::PathBuf;

use common::{cmd, describe, one_json, root};
use serde_json::{Value, json};

fn fx(name: &str) -> PathBuf {
    root().join("tests/corpus").join(name)
}

fn corpus(args: &[&str], stdin: Option<Vec<u8>>) -> std::process::Output {
    let mut c = cmd();
    c.arg("corpus").args(args);
    if let Some(s) = stdin {
        c.write_stdin(s);
    }
    c.output().expect("runs")
}

fn corpus_json(args: &[&str], stdin: Option<Vec<u8>>) -> Value {
    let out = corpus(args, stdin);
    assert!(out.status.success(), "{}", describe(&out));
    one_json(&out.stdout)
}

fn events_between<'a>(s: &'a Value, kind: &str, a: &str, b: &str) -> Vec<&'a Value> {
    s["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let ids: Vec<&str> = e["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap())
                .collect();
            e["kind"] == kind && ids.contains(&a) && ids.contains(&b)
        })
        .collect()
}

fn history(e: &Value) -> Vec<&str> {
    e["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect()
}

/// The facts of the story, true of any reasonable analysis of `articles.jsonl`.
fn assert_story(s: &Value) {
    let m = events_between(
        s,
        "meeting",
        "person:Lee Jae-yong",
        "person:Mark Zuckerberg",
    );
    assert_eq!(m.len(), 1, "one meeting of 이재용 and 저커버그: {m:#?}");
    assert_eq!(history(m[0]), ["planned", "happened"]);
    assert_eq!(m[0]["sources"].as_array().unwrap().len(), 3);
    assert_eq!(m[0]["date"], "2024-02-21");
    assert_eq!(m[0]["status"], "happened");
    let srcs: Vec<&str> = m[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["article"].as_str().unwrap())
        .collect();
    assert_eq!(srcs, ["herald-0214", "daily-0221", "times-0222"]);

    let c: Vec<&Value> =
        events_between(s, "meeting", "person:Chey Tae-won", "person:Satya Nadella")
            .into_iter()
            .filter(|e| e["date"] == "2024-03-15")
            .collect();
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(history(c[0]), ["planned", "cancelled"]);
    assert_eq!(c[0]["status"], "cancelled");

    let kims: Vec<&str> = s["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["name"] == "김민수")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(kims, ["person:김민수@LG전자", "person:김민수@현대자동차"]);
    assert_eq!(
        events_between(
            s,
            "meeting",
            "person:김민수@현대자동차",
            "person:Chung Eui-sun"
        )
        .len(),
        1
    );
    assert_eq!(
        events_between(s, "meeting", "person:김민수@LG전자", "person:Koo Kwang-mo").len(),
        1
    );

    let p = events_between(
        s,
        "partnership",
        "organization:삼성전자",
        "organization:네이버",
    );
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(history(p[0]), ["agreed", "ended"]);
    assert_eq!(p[0]["status"], "ended");

    let lee = s["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "person:Lee Jae-yong")
        .expect("이재용 node");
    assert_eq!(lee["articles"], 3);
    assert_eq!(lee["first_seen"], "2024-02-14");
    assert_eq!(lee["last_seen"], "2024-02-22");
    assert!(
        lee["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["title"] == "회장" && r["organization"] == "삼성전자" && r["articles"] == 3)
    );
    let edge = s["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "met" && e["source"] == "person:Lee Jae-yong")
        .expect("met edge");
    assert_eq!(edge["target"], "person:Mark Zuckerberg");
    assert_eq!(edge["count"], 1);
    assert_eq!(edge["articles"], 3);
    assert_eq!(s["input"]["articles"], 9);
}

#[test]
fn frozen_analysis_golden_and_story() {
    let out = corpus(&["tests/corpus/analyzed.jsonl"], None);
    assert!(out.status.success(), "{}", describe(&out));
    let s = one_json(&out.stdout);
    assert_story(&s);
    let golden = fx("summary.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &out.stdout).unwrap();
    }
    let expected: Value = serde_json::from_slice(
        &std::fs::read(&golden).expect("tests/corpus/summary.json (UPDATE_GOLDEN=1 makes it)"),
    )
    .unwrap();
    assert_eq!(s, expected, "differs from tests/corpus/summary.json");
}

#[test]
fn end_to_end_on_the_current_analyzer() {
    let analyzed = cmd()
        .args(["--input", "jsonl", "-j", "1", "tests/corpus/articles.jsonl"])
        .output()
        .unwrap();
    assert!(analyzed.status.success(), "{}", describe(&analyzed));
    let s = corpus_json(&[], Some(analyzed.stdout));
    assert_story(&s);
}

#[test]
fn output_matches_its_schema() {
    let schema = corpus_json(&["--schema"], None);
    let v = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let s = corpus_json(&["tests/corpus/analyzed.jsonl"], None);
    let errors: Vec<String> = v.iter_errors(&s).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // the schema describes the fields (not just "any object")
    let text = schema.to_string();
    for f in [
        "status_changed",
        "history",
        "sources",
        "first_seen",
        "edges",
    ] {
        assert!(text.contains(f), "{f}");
    }
}

#[test]
fn partials_merge_to_the_same_summary() {
    let all = std::fs::read(fx("analyzed.jsonl")).unwrap();
    let lines: Vec<&[u8]> = all.split_inclusive(|&b| b == b'\n').collect();
    let dir = tempfile::tempdir().unwrap();
    let mut parts = Vec::new();
    for (k, chunk) in [&lines[..2], &lines[2..5], &lines[5..]].iter().enumerate() {
        let input: Vec<u8> = chunk.concat();
        let out = corpus(&["--partial"], Some(input));
        assert!(out.status.success(), "{}", describe(&out));
        let first: Value =
            serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
        assert_eq!(first["analyze_corpus_partial"], 1);
        let p = dir.path().join(format!("p{k}.jsonl"));
        std::fs::write(&p, &out.stdout).unwrap();
        parts.push(p.to_string_lossy().into_owned());
    }
    let whole = corpus(&["tests/corpus/analyzed.jsonl"], None);
    // partials in another order, and a partial mixed with raw analyses
    let args: Vec<&str> = vec![parts[2].as_str(), parts[0].as_str(), parts[1].as_str()];
    let merged = corpus(&args, None);
    assert!(merged.status.success(), "{}", describe(&merged));
    assert_eq!(
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&whole.stdout)
    );
    let raw_tail: Vec<u8> = lines[5..].concat();
    let mixed_file = dir.path().join("tail.jsonl");
    std::fs::write(&mixed_file, raw_tail).unwrap();
    let mixed = corpus(&[&parts[0], &parts[1], mixed_file.to_str().unwrap()], None);
    assert_eq!(
        String::from_utf8_lossy(&mixed.stdout),
        String::from_utf8_lossy(&whole.stdout)
    );
}

#[test]
fn error_and_unreadable_lines_are_counted_and_skipped() {
    let mut input = std::fs::read(fx("analyzed.jsonl")).unwrap();
    input.extend_from_slice(b"{\"schema_version\":1,\"source\":{\"path\":\"x.txt\"},\"error\":{\"kind\":\"not_found\",\"message\":\"x\"}}\n");
    input.extend_from_slice(b"\xff\xfe\xfd not UTF-8\n{\"half\": \n");
    input.extend_from_slice(&vec![b'['; 300_000]);
    input.push(b'\n');
    let out = corpus(&["--max-line-bytes", "200000"], Some(input));
    assert!(out.status.success(), "{}", describe(&out));
    let s = one_json(&out.stdout);
    assert_eq!(s["input"]["articles"], 9);
    assert_eq!(s["input"]["error_lines"], 1);
    assert_eq!(s["input"]["bad_lines"], 3);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("skipped 1 error line(s) and 3 unreadable line(s)")
    );
    assert_story(&s);
}

#[test]
fn missing_file_and_usage_errors() {
    let out = corpus(
        &["tests/corpus/analyzed.jsonl", "tests/corpus/no-such-file"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file"));
    assert_eq!(one_json(&out.stdout)["input"]["articles"], 9);
    for bad in [
        &["--out-dir", "x"][..],
        &["--partial", "--format", "html"],
        &["--since", "2024-02-30"],
        &["--format", "xml"],
        &["-", "-"],
    ] {
        let out = corpus(bad, Some(Vec::new()));
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", describe(&out));
        assert!(!out.stderr.is_empty());
    }
    // empty input: an empty summary
    let s = corpus_json(&[], Some(Vec::new()));
    assert_eq!(s["input"]["articles"], 0);
    assert_eq!(s["nodes"], json!([]));
}

#[test]
fn filters_by_date_and_articles() {
    let s = corpus_json(
        &[
            "tests/corpus/analyzed.jsonl",
            "--since",
            "2024-03-01",
            "--until",
            "2024-03-31",
        ],
        None,
    );
    for e in s["events"].as_array().unwrap() {
        assert!(e["date_to"].as_str().unwrap() >= "2024-03-01", "{e}");
        assert!(e["date_from"].as_str().unwrap() <= "2024-03-31", "{e}");
    }
    assert!(
        events_between(
            &s,
            "meeting",
            "person:Lee Jae-yong",
            "person:Mark Zuckerberg"
        )
        .is_empty()
    );
    let s = corpus_json(
        &["tests/corpus/analyzed.jsonl", "--min-articles", "3"],
        None,
    );
    let names: Vec<&str> = s["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"이재용") && !names.contains(&"김민수"),
        "{names:?}"
    );
    assert_eq!(s["stats"]["meetings"], 1);
}

#[test]
fn graphml_and_csv() {
    let s = corpus_json(&["tests/corpus/analyzed.jsonl"], None);
    let n_nodes = s["nodes"].as_array().unwrap().len();
    let n_edges = s["edges"].as_array().unwrap().len();
    let out = corpus(
        &["tests/corpus/analyzed.jsonl", "--format", "graphml"],
        None,
    );
    assert!(out.status.success());
    let g = String::from_utf8(out.stdout).unwrap();
    assert!(g.starts_with("<?xml"));
    assert_eq!(g.matches("<node id=").count(), n_nodes);
    assert_eq!(g.matches("<edge id=").count(), n_edges);
    assert!(g.contains("<node id=\"person:Lee Jae-yong\">"));
    assert!(g.trim_end().ends_with("</graphml>"));

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("tables");
    let out = corpus(
        &[
            "tests/corpus/analyzed.jsonl",
            "--format",
            "csv",
            "--out-dir",
            d.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", describe(&out));
    let nodes = std::fs::read_to_string(d.join("nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(d.join("edges.csv")).unwrap();
    assert!(nodes.starts_with("id,type,name,english,aliases,articles,"));
    assert_eq!(nodes.lines().count(), n_nodes + 1);
    assert_eq!(edges.lines().count(), n_edges + 1);
    assert!(
        edges.contains("met,person:Lee Jae-yong,person:Mark Zuckerberg,이재용,마크 저커버그,1,3,")
    );
    assert!(
        std::fs::read_to_string(d.join("events.csv"))
            .unwrap()
            .contains("planned → happened")
    );
    // without --out-dir: two sections on stdout
    let out = corpus(&["tests/corpus/analyzed.jsonl", "--format", "csv"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let (a, b) = text.split_once("\n# edges\n").expect("two sections");
    assert_eq!(
        a.strip_prefix("# nodes\n").unwrap(),
        nodes.trim_end_matches('\n').to_string() + "\n"
    );
    assert_eq!(b, edges);
}

/// A name with markup and quotes, as an analysis might carry it.
fn hostile_line() -> Vec<u8> {
    let evil = "<script>alert(\"x\")</script>";
    let quote = "O'Brien \"&\" Co</b>";
    let v = json!({
        "schema_version": 1,
        "source": {"path": "javascript:alert(1).txt", "id": null, "encoding": "UTF-8", "bytes": 1, "chars": 1},
        "reference_date": {"value": "2024-02-21", "origin": "input"},
        "entities": [
            {"id": "p1", "type": "person", "subtype": null, "name": evil, "aliases": [], "english": null, "roles": [], "mentions": []},
            {"id": "o1", "type": "organization", "subtype": null, "name": quote, "aliases": ["</script><script>alert(2)</script>"], "english": null, "roles": [], "mentions": []}
        ],
        "meetings": [{"id": "m1", "participants": [{"id": "p1", "name": evil}, {"id": "o1", "name": quote}],
                      "date": {"id": "d1", "text": "21일", "value": "2024-02-21"}, "place": null,
                      "status": "happened", "hedge": null, "topics": ["<img src=x onerror=alert(3)>"],
                      "evidence": [0], "summary": ""}],
        "partnerships": []
    });
    let mut l = serde_json::to_vec(&v).unwrap();
    l.push(b'\n');
    l
}

#[test]
fn html_is_self_contained_and_escaped() {
    let mut input = std::fs::read(fx("analyzed.jsonl")).unwrap();
    input.extend(hostile_line());
    let out = corpus(&["--format", "html"], Some(input.clone()));
    assert!(out.status.success(), "{}", describe(&out));
    let h = String::from_utf8(out.stdout).unwrap();
    assert!(h.starts_with("<!DOCTYPE html>"));
    // no markup from the data: exactly the page's own two script elements
    assert_eq!(h.matches("<script").count(), 2, "script tags");
    assert!(!h.contains("<img"), "img");
    assert!(!h.contains("alert(\"x\")"), "raw quotes");
    assert!(h.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(h.contains("O&#39;Brien &quot;&amp;&quot; Co&lt;/b&gt;"));
    // nothing is fetched: no src/href to a network location, no @import or url()
    for bad in ["src=", "http://", "https://", "@import", "url("] {
        let allowed = h.matches(bad).count()
            - h.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
                * usize::from(bad == "http://");
        assert_eq!(allowed, 0, "{bad}");
    }
    // the embedded data is valid JSON and keeps the names
    let start = h
        .find("<script type=\"application/json\" id=\"corpus-data\">")
        .unwrap();
    let body = &h[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    let data: Value = serde_json::from_str(body).unwrap();
    let names: Vec<&str> = data["nodes"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"<script>alert(\"x\")</script>"));
    assert!(names.contains(&"이재용"));
    // a javascript: path becomes a relative link
    assert!(body.contains("\"href\":\"javascript%3Aalert%281%29.txt\""));
    // the story is on the page
    assert!(h.contains("이재용") && h.contains("planned → happened"));
    // deterministic
    let again = corpus(&["--format", "html"], Some(input));
    assert_eq!(again.stdout, h.as_bytes());
}
