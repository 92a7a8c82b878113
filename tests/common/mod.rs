//! Helpers shared by the integration tests (`tests/cli.rs`, `tests/golden.rs`).
//!
//! Every test runs the real `analyze` binary (`CARGO_BIN_EXE_analyze`) from the package
//! root, so that paths in the output (`source.path`) are stable and relative.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// Path of the `analyze` binary built by cargo for this test run.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_analyze")
}

/// The package root (where `fixtures/` and `tests/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `fixtures/<name>`, relative to the package root.
pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Every `fixtures/*.txt`, sorted by name (including `*.utf8.txt`).
pub fn all_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// An `assert_cmd` command for the binary, run from the package root, with a clean
/// colour environment.
pub fn cmd() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(bin());
    c.current_dir(root());
    c.env_remove("NO_COLOR");
    c.timeout(std::time::Duration::from_secs(60));
    c
}

/// Parses a whole stdout as one JSON value.
pub fn one_json(stdout: &[u8]) -> Value {
    serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON value ({e}):\n{}",
            String::from_utf8_lossy(stdout)
        )
    })
}

/// Parses stdout as JSON Lines (every line must be one complete JSON value).
pub fn json_lines(stdout: &[u8]) -> Vec<Value> {
    let s = std::str::from_utf8(stdout).expect("stdout is UTF-8");
    assert!(
        s.is_empty() || s.ends_with('\n'),
        "JSON Lines output must end with a newline"
    );
    s.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("output line {} is not JSON ({e}): {l}", i + 1))
        })
        .collect()
}

/// A readable dump of a finished process, for assertion messages.
pub fn describe(out: &Output) -> String {
    let head = |b: &[u8]| {
        let s = String::from_utf8_lossy(b);
        if s.chars().count() > 3000 {
            s.chars().take(3000).collect::<String>() + " …"
        } else {
            s.into_owned()
        }
    };
    format!(
        "status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        head(&out.stdout),
        head(&out.stderr)
    )
}

/// Decodes input bytes the way the contract describes the "decoded input text": a UTF-8
/// BOM is dropped, valid UTF-8 is taken as is, anything else is read as EUC-KR (CP949).
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (t, _, had_errors) = encoding_rs::EUC_KR.decode(bytes);
            assert!(!had_errors, "test input is neither UTF-8 nor EUC-KR");
            t.into_owned()
        }
    }
}

/// Reads and decodes a text file.
pub fn read_text(path: &Path) -> String {
    decode_text(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn as_usize(v: &Value, what: &str) -> Result<usize, String> {
    v.as_u64()
        .map(|n| n as usize)
        .ok_or_else(|| format!("{what} is not a non-negative integer: {v}"))
}

/// Checks the offset and reference invariants of one report against its input text and
/// returns every violation found (empty when all hold):
///
/// - for every sentence, entity mention, date and quantity, `chars[start..end] == text`;
/// - mentions, dates and quantities lie inside the sentence they name;
/// - sentences have ids 0, 1, 2 …, are non-empty, ordered and non-overlapping, and cover
///   every non-whitespace character of the input exactly once;
/// - every meeting participant and partnership party id is an entity id.
pub fn offset_violations(text: &str, report: &Value) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut errs = Vec::new();
    let slice = |start: usize, end: usize| -> Option<String> {
        (start <= end && end <= chars.len()).then(|| chars[start..end].iter().collect())
    };
    let check_span =
        |what: String, item: &Value, errs: &mut Vec<String>| -> Option<(usize, usize)> {
            let start = match as_usize(&item["start"], "start") {
                Ok(s) => s,
                Err(e) => {
                    errs.push(format!("{what}: {e}"));
                    return None;
                }
            };
            let end = match as_usize(&item["end"], "end") {
                Ok(s) => s,
                Err(e) => {
                    errs.push(format!("{what}: {e}"));
                    return None;
                }
            };
            let Some(t) = item["text"].as_str() else {
                errs.push(format!("{what}: text is not a string"));
                return None;
            };
            match slice(start, end) {
                None => errs.push(format!(
                    "{what}: span {start}..{end} is outside the text ({} chars)",
                    chars.len()
                )),
                Some(s) if s != t => errs.push(format!(
                    "{what}: chars[{start}..{end}] is {s:?} but text is {t:?}"
                )),
                Some(_) => {}
            }
            Some((start, end))
        };

    // sentences
    let empty = Vec::new();
    let sentences = report["sentences"].as_array().unwrap_or(&empty);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        if s["id"].as_u64() != Some(i as u64) {
            errs.push(format!("sentence #{i}: id is {} (expected {i})", s["id"]));
        }
        let span = check_span(format!("sentence {i}"), s, &mut errs).unwrap_or((0, 0));
        if span.0 >= span.1 {
            errs.push(format!("sentence {i}: empty span {}..{}", span.0, span.1));
        }
        if let Some(&(_, prev_end)) = spans.last()
            && span.0 < prev_end
        {
            errs.push(format!(
                "sentence {i}: starts at {} before the previous one ends at {prev_end}",
                span.0
            ));
        }
        spans.push(span);
    }
    let mut cover = vec![0u32; chars.len()];
    for &(a, b) in &spans {
        for c in cover.iter_mut().take(b.min(chars.len())).skip(a) {
            *c += 1;
        }
    }
    let mut uncovered = Vec::new();
    for (i, (&c, n)) in chars.iter().zip(&cover).enumerate() {
        if !c.is_whitespace() && *n != 1 {
            uncovered.push((i, c, *n));
        }
    }
    if !uncovered.is_empty() {
        let show: Vec<String> = uncovered
            .iter()
            .take(10)
            .map(|(i, c, n)| format!("char {i} {c:?} covered {n} times"))
            .collect();
        errs.push(format!(
            "{} non-whitespace chars not covered exactly once by sentences: {}",
            uncovered.len(),
            show.join("; ")
        ));
    }
    let in_sentence = |what: &str, item: &Value, span: (usize, usize), errs: &mut Vec<String>| {
        let Some(si) = item["sentence"].as_u64() else {
            errs.push(format!("{what}: sentence is not an integer"));
            return;
        };
        match spans.get(si as usize) {
            None => errs.push(format!("{what}: sentence {si} does not exist")),
            Some(&(a, b)) if span.0 < a || span.1 > b => errs.push(format!(
                "{what}: span {}..{} is not inside sentence {si} ({a}..{b})",
                span.0, span.1
            )),
            Some(_) => {}
        }
    };

    // entities
    let mut ids = std::collections::HashSet::new();
    for e in report["entities"].as_array().unwrap_or(&empty) {
        let id = e["id"].as_str().unwrap_or("?").to_string();
        if !ids.insert(id.clone()) {
            errs.push(format!("entity id {id} is used twice"));
        }
        for (k, m) in e["mentions"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .enumerate()
        {
            let what = format!("entity {id} ({}) mention {k}", e["name"]);
            if let Some(span) = check_span(what.clone(), m, &mut errs) {
                in_sentence(&what, m, span, &mut errs);
            }
        }
    }
    for key in ["dates", "quantities"] {
        for (k, d) in report[key].as_array().unwrap_or(&empty).iter().enumerate() {
            let what = format!("{key}[{k}]");
            if let Some(span) = check_span(what.clone(), d, &mut errs) {
                in_sentence(&what, d, span, &mut errs);
            }
        }
    }

    // references of events
    for (key, field) in [("meetings", "participants"), ("partnerships", "parties")] {
        for ev in report[key].as_array().unwrap_or(&empty) {
            for r in ev[field].as_array().unwrap_or(&empty) {
                let rid = r["id"].as_str().unwrap_or("");
                if !ids.contains(rid) {
                    errs.push(format!(
                        "{key} {}: {field} id {rid:?} is not an entity id",
                        ev["id"]
                    ));
                }
            }
        }
    }
    errs
}

/// Differences between two JSON values, one line per differing path (at most `limit`).
pub fn json_diff(expected: &Value, actual: &Value, limit: usize) -> Vec<String> {
    fn short(v: &Value) -> String {
        let s = v.to_string();
        if s.chars().count() > 160 {
            s.chars().take(160).collect::<String>() + "…"
        } else {
            s
        }
    }
    fn walk(path: &str, e: &Value, a: &Value, out: &mut Vec<String>, limit: usize) {
        if out.len() >= limit || e == a {
            return;
        }
        match (e, a) {
            (Value::Object(eo), Value::Object(ao)) => {
                for (k, ev) in eo {
                    match ao.get(k) {
                        Some(av) => walk(&format!("{path}.{k}"), ev, av, out, limit),
                        None => out.push(format!("{path}.{k}: missing (expected {})", short(ev))),
                    }
                }
                for (k, av) in ao {
                    if !eo.contains_key(k) && out.len() < limit {
                        out.push(format!("{path}.{k}: unexpected {}", short(av)));
                    }
                }
            }
            (Value::Array(ea), Value::Array(aa)) => {
                for i in 0..ea.len().max(aa.len()) {
                    if out.len() >= limit {
                        return;
                    }
                    match (ea.get(i), aa.get(i)) {
                        (Some(x), Some(y)) => walk(&format!("{path}[{i}]"), x, y, out, limit),
                        (Some(x), None) => {
                            out.push(format!("{path}[{i}]: missing (expected {})", short(x)))
                        }
                        (None, Some(y)) => {
                            out.push(format!("{path}[{i}]: unexpected {}", short(y)))
                        }
                        (None, None) => {}
                    }
                }
            }
            _ => out.push(format!("{path}: expected {}, got {}", short(e), short(a))),
        }
    }
    let mut out = Vec::new();
    walk("$", expected, actual, &mut out, limit);
    out
}
