//! Command-line behaviour of `analyze`: options, exit statuses, input kinds, output formats,
//! error lines, ordering under parallelism, streaming, broken pipes, the JSON Schema and
//! user rule tables. Everything runs the real binary (`CARGO_BIN_EXE_analyze`).
//!
//! Run with `cargo test --release --test integration cli::`.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use serde_json::Value;

const SUMMIT: &str = "fixtures/01-summit-meeting.txt";
const MOU: &str = "fixtures/02-mou-signing.txt";
const CHIPS: &str = "fixtures/04-chip-partnership.txt";
const EUCKR: &str = "fixtures/08-euckr.txt";

/// The error kinds of the contract.
const ERROR_KINDS: &[&str] = &[
    "not_found",
    "permission",
    "decode",
    "not_text",
    "too_large",
    "io",
    "bad_record",
];

fn status(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

/// Copies fixture `name` to `dir/new_name` and returns the new path.
fn copy_fixture(name: &str, dir: &Path, new_name: &str) -> PathBuf {
    let to = dir.join(new_name);
    std::fs::copy(root().join(name), &to).unwrap();
    to
}

/// Asserts that `v` is the contract's error object for a failed input.
fn assert_error_object(v: &Value, kind: &str, path: Option<&str>) {
    assert_eq!(v["schema_version"], 1, "error object: {v}");
    assert_eq!(v["error"]["kind"], kind, "error object: {v}");
    let msg = v["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("error.message is a string: {v}"));
    assert!(
        !msg.is_empty() && !msg.contains('\n'),
        "error.message is one non-empty line: {v}"
    );
    assert!(
        v["source"].is_object(),
        "error object has a source object: {v}"
    );
    if let Some(p) = path {
        assert_eq!(v["source"]["path"], p, "error object: {v}");
        assert!(
            msg.contains(p),
            "error.message names the input {p:?}: {msg}"
        );
    }
    // it must not look like a successful report
    assert!(
        v.get("entities").is_none() && v.get("sentences").is_none(),
        "error object: {v}"
    );
}

// ---------------------------------------------------------------------------------------
// options and usage errors

#[test]
fn help_mentions_examples() {
    let out = cmd().arg("--help").output().unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Examples:"),
        "--help has an Examples section:\n{s}"
    );
    assert!(
        s.contains("analyze article.txt"),
        "--help shows a basic example:\n{s}"
    );
    assert!(
        s.contains("--input jsonl"),
        "--help shows the jsonl example:\n{s}"
    );
    for opt in [
        "--date",
        "--format",
        "--input",
        "--rules",
        "--explain",
        "--jobs",
        "--schema",
        "--files-from",
    ] {
        assert!(s.contains(opt), "--help documents {opt}");
    }
}

#[test]
fn version_prints_name_and_version() {
    let out = cmd().arg("--version").output().unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("analyze {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bad_date_is_a_usage_error() {
    for bad in ["2024-13-40", "2024-02-30", "21/02/2024", "yesterday"] {
        let out = cmd().args(["--date", bad, SUMMIT]).output().unwrap();
        assert_eq!(status(&out), Some(2), "--date {bad}\n{}", describe(&out));
        assert!(
            out.stdout.is_empty(),
            "no output on a usage error: --date {bad}"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(bad),
            "stderr names the bad value {bad:?}: {err}"
        );
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = cmd().args(["--no-such-flag", SUMMIT]).output().unwrap();
    assert_eq!(status(&out), Some(2), "{}", describe(&out));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"));
}

#[test]
fn other_usage_errors_exit_2() {
    // standard input can be read only once
    let out = cmd()
        .args(["-", "-"])
        .write_stdin("본문.")
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(2), "`- -`\n{}", describe(&out));
    // -0 needs --files-from
    let out = cmd().args(["-0", SUMMIT]).output().unwrap();
    assert_eq!(
        status(&out),
        Some(2),
        "`-0` without --files-from\n{}",
        describe(&out)
    );
    // -j 0 is not a number of jobs
    let out = cmd().args(["-j", "0", SUMMIT]).output().unwrap();
    assert_eq!(status(&out), Some(2), "`-j 0`\n{}", describe(&out));
    // a bad --format value
    let out = cmd().args(["--format", "yaml", SUMMIT]).output().unwrap();
    assert_eq!(status(&out), Some(2), "`--format yaml`\n{}", describe(&out));
}

// ---------------------------------------------------------------------------------------
// one file, several files, order

#[test]
fn one_file_gives_one_pretty_object() {
    let out = cmd()
        .args(["--date", "2024-06-20", SUMMIT])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let s = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(s.starts_with("{\n"), "pretty-printed object:\n{s}");
    assert!(s.ends_with("}\n"), "ends with a newline");
    assert!(s.lines().count() > 20, "pretty-printed over many lines");
    let v = one_json(&out.stdout);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["source"]["path"], SUMMIT);
    assert_eq!(v["source"]["id"], Value::Null);
    assert_eq!(v["source"]["encoding"], "UTF-8");
    let bytes = std::fs::read(root().join(SUMMIT)).unwrap();
    assert_eq!(v["source"]["bytes"], bytes.len());
    assert_eq!(
        v["source"]["chars"],
        std::str::from_utf8(&bytes).unwrap().chars().count()
    );
    assert_eq!(v["reference_date"]["value"], "2024-06-20");
    assert_eq!(v["reference_date"]["origin"], "option");
    assert!(
        out.stderr.is_empty(),
        "nothing on stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn euckr_file_reports_its_encoding() {
    let out = cmd().arg(EUCKR).output().unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let v = one_json(&out.stdout);
    assert_eq!(v["source"]["encoding"], "EUC-KR");
    assert_eq!(v["headline"], "LG전자-메타, XR 헤드셋 공동 개발 착수");
}

/// 12 inputs in a tempdir, named so that argument order is neither alphabetical nor the
/// order of the fixtures, analyzed with -j 4 and -j 1.
#[test]
fn several_files_are_json_lines_in_input_order_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let sources = [
        SUMMIT,
        MOU,
        "fixtures/03-politics-talks.txt",
        CHIPS,
        "fixtures/05-flattened-oneline.txt",
        "fixtures/06-diplomacy-visit.txt",
        "fixtures/07-quotes-numbers.txt",
        EUCKR,
    ];
    let mut names = Vec::new();
    for k in 0..12 {
        // a short article next to a long one, so that workers finish out of order
        let name = format!("{}-{k:02}.txt", ["zeta", "alpha", "mid", "beta"][k % 4]);
        copy_fixture(sources[(k * 5) % sources.len()], dir.path(), &name);
        names.push(name);
    }
    names.reverse();
    let run = |jobs: &str| {
        let out = cmd()
            .current_dir(dir.path())
            .args(["--date", "2024-06-20", "-j", jobs])
            .args(&names)
            .output()
            .unwrap();
        assert_eq!(status(&out), Some(0), "-j {jobs}\n{}", describe(&out));
        out.stdout
    };
    let par = run("4");
    let seq = run("1");
    let lines = json_lines(&par);
    assert_eq!(lines.len(), names.len(), "one line per input");
    let paths: Vec<&str> = lines
        .iter()
        .map(|v| v["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, names, "output order is argument order");
    for v in &lines {
        assert_eq!(v["schema_version"], 1);
        assert!(v["entities"].is_array());
    }
    assert!(par == seq, "-j 4 and -j 1 give byte-identical output");
    // and with the default number of jobs
    let out = cmd()
        .current_dir(dir.path())
        .args(["--date", "2024-06-20"])
        .args(&names)
        .output()
        .unwrap();
    assert!(out.stdout == seq, "default -j gives the same output");
}

#[test]
fn format_jsonl_for_one_file_is_one_compact_line() {
    let out = cmd().args(["--format", "jsonl", SUMMIT]).output().unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["source"]["path"], SUMMIT);
}

// ---------------------------------------------------------------------------------------
// failed inputs

#[test]
fn missing_file_gets_an_error_line_and_the_others_still_run() {
    let missing = "no-such-article.txt";
    let out = cmd().args([SUMMIT, missing, MOU]).output().unwrap();
    assert_eq!(status(&out), Some(1), "{}", describe(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(
        lines.len(),
        3,
        "one line per input, the failed one included\n{}",
        describe(&out)
    );
    assert_eq!(lines[0]["source"]["path"], SUMMIT);
    assert!(!lines[0]["entities"].as_array().unwrap().is_empty());
    assert_error_object(&lines[1], "not_found", Some(missing));
    assert_eq!(lines[2]["source"]["path"], MOU);
    assert!(!lines[2]["entities"].as_array().unwrap().is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(missing),
        "stderr names the missing file: {err}"
    );
    assert!(
        !err.contains(SUMMIT) && !err.contains(MOU),
        "stderr speaks only of the failed input: {err}"
    );
}

#[test]
fn binary_undecodable_and_directory_inputs_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    )
    .unwrap();
    std::fs::write(dir.path().join("garbage.txt"), b"abc\xff\xff\xff").unwrap();
    std::fs::create_dir(dir.path().join("adir")).unwrap();
    copy_fixture(SUMMIT, dir.path(), "good.txt");
    let out = cmd()
        .current_dir(dir.path())
        .args(["binary.txt", "good.txt", "garbage.txt", "adir", "good.txt"])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(1), "{}", describe(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 5, "{}", describe(&out));
    assert_error_object(&lines[0], "not_text", Some("binary.txt"));
    assert_eq!(lines[1]["source"]["path"], "good.txt");
    assert_error_object(&lines[2], "decode", Some("garbage.txt"));
    let kind = lines[3]["error"]["kind"]
        .as_str()
        .unwrap_or_else(|| panic!("a directory gives an error line: {}", lines[3]));
    assert!(
        ERROR_KINDS.contains(&kind),
        "directory error kind {kind:?} is a contract kind"
    );
    assert_error_object(&lines[3], kind, Some("adir"));
    assert_eq!(lines[4]["source"]["path"], "good.txt");
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["binary.txt", "garbage.txt", "adir"] {
        assert!(err.contains(name), "stderr names {name}: {err}");
    }
}

#[test]
fn single_failed_input_prints_the_error_object_and_exits_1() {
    let out = cmd().arg("missing.txt").output().unwrap();
    assert_eq!(status(&out), Some(1), "{}", describe(&out));
    assert_error_object(&one_json(&out.stdout), "not_found", Some("missing.txt"));
}

#[test]
fn max_bytes_rejects_larger_inputs() {
    let out = cmd().args(["--max-bytes", "10", SUMMIT]).output().unwrap();
    assert_eq!(status(&out), Some(1), "{}", describe(&out));
    assert_error_object(&one_json(&out.stdout), "too_large", Some(SUMMIT));
    // the same limit on standard input
    let text = std::fs::read(root().join(SUMMIT)).unwrap();
    let out = cmd()
        .args(["--max-bytes", "10", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(1), "stdin\n{}", describe(&out));
    assert_eq!(one_json(&out.stdout)["error"]["kind"], "too_large");
    // a limit the file fits in
    let out = cmd()
        .args(["--max-bytes", "100000", SUMMIT])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------
// standard input

fn without_path(mut v: Value) -> Value {
    v["source"]["path"] = Value::Null;
    v
}

#[test]
fn stdin_gives_the_same_analysis_as_the_file() {
    for fixture in [SUMMIT, EUCKR] {
        let bytes = std::fs::read(root().join(fixture)).unwrap();
        let file = cmd()
            .args(["--date", "2024-06-20", fixture])
            .output()
            .unwrap();
        assert_eq!(status(&file), Some(0), "{}", describe(&file));
        let implicit = cmd()
            .args(["--date", "2024-06-20"])
            .write_stdin(bytes.clone())
            .output()
            .unwrap();
        assert_eq!(status(&implicit), Some(0), "{}", describe(&implicit));
        let dash = cmd()
            .args(["--date", "2024-06-20", "-"])
            .write_stdin(bytes.clone())
            .output()
            .unwrap();
        assert_eq!(status(&dash), Some(0), "{}", describe(&dash));
        let (f, i, d) = (
            one_json(&file.stdout),
            one_json(&implicit.stdout),
            one_json(&dash.stdout),
        );
        assert_eq!(i["source"]["path"], "-", "standard input is named `-`");
        assert_eq!(d["source"]["path"], "-");
        let diff = json_diff(&without_path(f.clone()), &without_path(i), 20);
        assert!(
            diff.is_empty(),
            "{fixture}: `cat | analyze` differs from the file:\n{}",
            diff.join("\n")
        );
        let diff = json_diff(&without_path(f), &without_path(d), 20);
        assert!(
            diff.is_empty(),
            "{fixture}: `analyze -` differs from the file:\n{}",
            diff.join("\n")
        );
    }
}

#[test]
fn real_shell_pipe_into_stdin() {
    let out = Command::new("sh")
        .current_dir(root())
        .arg("-c")
        .arg(format!("cat {SUMMIT} | '{}' --date 2024-06-20", bin()))
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let file = cmd()
        .args(["--date", "2024-06-20", SUMMIT])
        .output()
        .unwrap();
    assert_eq!(
        without_path(one_json(&out.stdout)),
        without_path(one_json(&file.stdout))
    );
}

// ---------------------------------------------------------------------------------------
// --input jsonl

const MEETING_TEXT: &str = "이재용 삼성전자 회장, 나델라 CEO와 회동\n이재용 삼성전자 회장은 21일 사티아 나델라 마이크로소프트 CEO를 만났다. 두 사람은 AI 협력 방안을 논의했다.";

fn record(id: Value, text: &str, date: Option<&str>) -> String {
    let mut r = serde_json::json!({"id": id, "text": text});
    if let Some(d) = date {
        r["date"] = Value::from(d);
    }
    r.to_string()
}

#[test]
fn jsonl_records_keep_their_ids_and_dates() {
    let input = [
        record(Value::from("a-1"), MEETING_TEXT, Some("2024-02-21")),
        record(Value::from(42), MEETING_TEXT, Some("2023-11-05")),
        record(Value::from("no-date"), MEETING_TEXT, None),
    ]
    .join("\n")
        + "\n";
    let out = cmd()
        .args(["--input", "jsonl", "--date", "2020-01-01"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(
        lines.len(),
        3,
        "one output line per record\n{}",
        describe(&out)
    );
    assert_eq!(lines[0]["source"]["id"], "a-1");
    assert_eq!(lines[1]["source"]["id"], 42, "a number id stays a number");
    assert_eq!(lines[2]["source"]["id"], "no-date");
    assert_eq!(
        lines[0]["reference_date"],
        serde_json::json!({"value": "2024-02-21", "origin": "input"})
    );
    assert_eq!(
        lines[1]["reference_date"],
        serde_json::json!({"value": "2023-11-05", "origin": "input"})
    );
    assert_eq!(
        lines[2]["reference_date"],
        serde_json::json!({"value": "2020-01-01", "origin": "option"})
    );
    // the record's date resolves 21일
    let d = &lines[0]["dates"].as_array().unwrap();
    assert!(
        d.iter()
            .any(|d| d["text"] == "21일" && d["value"] == "2024-02-21"),
        "dates: {}",
        lines[0]["dates"]
    );
    for v in &lines {
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["source"]["encoding"], "UTF-8");
        assert_eq!(v["source"]["chars"], MEETING_TEXT.chars().count());
        assert!(!v["entities"].as_array().unwrap().is_empty());
    }
}

/// A record with a `title`: the document is title + newline + text, `source.text_start`
/// says where the text begins, and every offset indexes the document.
#[test]
fn jsonl_record_titles_lead_the_document() {
    let title = "이재용 삼성전자 회장, 나델라 CEO와 회동";
    let body = "이재용 삼성전자 회장은 21일 사티아 나델라 마이크로소프트 CEO를 만났다.두 사람은 AI 협력 방안을 논의했다.";
    let input = serde_json::json!({"id": "t", "title": title, "text": body, "date": "2024-02-21"})
        .to_string()
        + "\n";
    let out = cmd()
        .args(["--input", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let v = &json_lines(&out.stdout)[0];
    let doc: Vec<char> = format!("{title}\n{body}").chars().collect();
    let start = title.chars().count() + 1;
    assert_eq!(v["source"]["text_start"], start);
    assert_eq!(v["source"]["chars"], doc.len());
    assert_eq!(v["headline"], title);
    let sents = v["sentences"].as_array().unwrap();
    assert_eq!(sents[0]["kind"], "headline");
    assert_eq!(sents.len(), 3, "title + two body sentences: {sents:?}");
    let slice = |s: &Value| -> String {
        doc[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    for s in sents {
        assert_eq!(slice(s), s["text"].as_str().unwrap());
    }
    for e in v["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert_eq!(slice(m), m["text"].as_str().unwrap());
        }
    }
    // without a title, the same body gives the same body sentences, offsets shifted
    let input = serde_json::json!({"id": "b", "text": body, "date": "2024-02-21"}).to_string();
    let out = cmd()
        .args(["--input", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    let w = &json_lines(&out.stdout)[0];
    assert!(w["source"].get("text_start").is_none());
    let texts = |v: &Value| -> Vec<String> {
        v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] != "headline")
            .map(|s| s["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(v), texts(w));
}

/// Empty and null dates are no date (a warning says so), not a bad record; the date forms
/// of `--date` work in records, and a bad one names the forms that work.
#[test]
fn jsonl_record_dates_in_common_forms() {
    let rec =
        |date: Value| serde_json::json!({"id": 1, "text": MEETING_TEXT, "date": date}).to_string();
    let input = [
        rec(Value::from("")),
        rec(Value::Null),
        rec(Value::from("2024.02.21")),
        rec(Value::from("2024/02/21")),
        rec(Value::from("2024-02-21T09:00:00+09:00")),
        rec(Value::from("21.02.2024")),
    ]
    .join("\n");
    let out = cmd()
        .args(["--input", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(1), "one bad date: {}", describe(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 6);
    for v in &lines[..2] {
        assert!(v["reference_date"].is_null(), "{v}");
        assert!(v["sentences"].is_array(), "analyzed: {v}");
        let w = v["warnings"].to_string();
        assert!(w.contains("date is empty"), "{w}");
    }
    for v in &lines[2..5] {
        assert_eq!(v["reference_date"]["value"], "2024-02-21", "{v}");
    }
    assert_error_object(&lines[5], "bad_record", None);
    let msg = lines[5]["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("21.02.2024") && msg.contains("YYYY-MM-DD") && msg.contains("YYYY.MM.DD"),
        "{msg}"
    );
    // --date takes the same forms
    let out = cmd()
        .args(["--date", "2024.06.20", SUMMIT])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
}

#[test]
fn jsonl_bad_record_gets_an_error_line_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let input = [
        record(Value::from(1), MEETING_TEXT, Some("2024-02-21")),
        record(Value::from(2), "첫 줄\n둘째 문장이다.", None),
        "{\"id\": 3, \"text\": ".to_string(), // line 3: truncated JSON
        record(Value::from(4), MEETING_TEXT, None),
        record(Value::from("5"), MEETING_TEXT, Some("2024-02-21")),
    ]
    .join("\n")
        + "\n";
    std::fs::write(dir.path().join("records.jsonl"), &input).unwrap();
    for via_stdin in [true, false] {
        let mut c = cmd();
        c.current_dir(dir.path()).args(["--input", "jsonl"]);
        if via_stdin {
            c.write_stdin(input.clone());
        } else {
            c.arg("records.jsonl");
        }
        let out = c.output().unwrap();
        assert_eq!(
            status(&out),
            Some(1),
            "stdin={via_stdin}\n{}",
            describe(&out)
        );
        let lines = json_lines(&out.stdout);
        assert_eq!(
            lines.len(),
            5,
            "one output line per input line\n{}",
            describe(&out)
        );
        let ids: Vec<Value> = lines.iter().map(|v| v["source"]["id"].clone()).collect();
        assert_eq!(ids[0], 1);
        assert_eq!(ids[1], 2);
        assert_eq!(ids[3], 4);
        assert_eq!(ids[4], "5");
        let bad = &lines[2];
        assert_error_object(bad, "bad_record", None);
        assert_eq!(bad["source"]["line"], 3, "bad record: {bad}");
        if !via_stdin {
            assert_eq!(bad["source"]["path"], "records.jsonl");
        }
        for i in [0, 1, 3, 4] {
            assert!(
                lines[i]["sentences"].is_array(),
                "record {} analyzed: {}",
                i + 1,
                lines[i]
            );
        }
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(":3"), "stderr gives the line number: {err}");
    }
}

#[test]
fn jsonl_records_of_the_wrong_shape_are_bad_records() {
    let input = [
        r#"[1, 2, 3]"#,
        r#"{"id": 1}"#,
        r#"{"id": {"x": 1}, "text": "본문."}"#,
        r#"{"id": 4, "text": "본문.", "date": 20240221}"#,
        r#"{"id": 5, "text": "본문.", "date": "2024-02-30"}"#,
        r#"{"id": 6, "text": "본문이다."}"#,
    ]
    .join("\n");
    let out = cmd()
        .args(["--input", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(1), "{}", describe(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 6, "{}", describe(&out));
    for (i, v) in lines.iter().take(5).enumerate() {
        assert_eq!(v["error"]["kind"], "bad_record", "line {}: {v}", i + 1);
        assert_eq!(v["source"]["line"], i + 1, "line {}: {v}", i + 1);
    }
    assert_eq!(
        lines[5]["source"]["id"], 6,
        "the last record (no trailing newline) is analyzed"
    );
}

/// One record written, stdin left open: its output line must come out before EOF.
#[test]
fn jsonl_output_streams_before_stdin_closes() {
    let mut child = Command::new(bin())
        .args(["--input", "jsonl", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    writeln!(
        stdin,
        "{}",
        record(Value::from("stream-1"), MEETING_TEXT, Some("2024-02-21"))
    )
    .unwrap();
    stdin.flush().unwrap();
    let first = match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(l) => l,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "no output line within 20 s while stdin stays open ({e}): output is not streamed"
            );
        }
    };
    let v: Value = serde_json::from_str(&first).expect("the streamed line is complete JSON");
    assert_eq!(v["source"]["id"], "stream-1");
    // a second record, then EOF
    writeln!(stdin, "{}", record(Value::from(2), MEETING_TEXT, None)).unwrap();
    drop(stdin);
    let second = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("second line");
    assert_eq!(
        serde_json::from_str::<Value>(&second).unwrap()["source"]["id"],
        2
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("analyze did not exit within 20 s after stdin was closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    reader.join().unwrap();
    assert!(rx.try_recv().is_err(), "no extra output lines");
    assert_eq!(exit.code(), Some(0));
}

// ---------------------------------------------------------------------------------------
// --files-from

fn files_from_dir() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let names = vec![
        "plain.txt".to_string(),
        "with space.txt".to_string(),
        "with\nnewline.txt".to_string(),
    ];
    copy_fixture(SUMMIT, dir.path(), &names[0]);
    copy_fixture(MOU, dir.path(), &names[1]);
    copy_fixture(EUCKR, dir.path(), &names[2]);
    (dir, names)
}

fn paths_of(out: &std::process::Output) -> Vec<String> {
    json_lines(&out.stdout)
        .iter()
        .map(|v| v["source"]["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn files_from_a_newline_list() {
    let (dir, names) = files_from_dir();
    // the newline-separated list cannot hold the name with a newline in it
    let list = format!("{}\n{}\r\n\n{}\n", names[1], names[0], names[1]);
    std::fs::write(dir.path().join("list.txt"), &list).unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args(["--files-from", "list.txt"])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let want = vec![names[1].clone(), names[0].clone(), names[1].clone()];
    assert_eq!(
        paths_of(&out),
        want,
        "list order, blank line skipped, CRLF handled"
    );
    let out = cmd()
        .current_dir(dir.path())
        .args(["--files-from", "-"])
        .write_stdin(list)
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    assert_eq!(paths_of(&out), want);
}

#[test]
fn files_from_a_nul_separated_list() {
    let (dir, names) = files_from_dir();
    let list = format!("{}\0{}\0{}\0", names[2], names[1], names[0]);
    std::fs::write(dir.path().join("list0"), &list).unwrap();
    for args in [
        &["--files-from", "list0", "-0"][..],
        &["--files-from", "-", "--null"][..],
    ] {
        let out = cmd()
            .current_dir(dir.path())
            .args(args)
            .write_stdin(list.clone())
            .output()
            .unwrap();
        assert_eq!(status(&out), Some(0), "{args:?}\n{}", describe(&out));
        assert_eq!(
            paths_of(&out),
            vec![names[2].clone(), names[1].clone(), names[0].clone()],
            "{args:?}"
        );
        let lines = json_lines(&out.stdout);
        assert_eq!(
            lines[0]["source"]["encoding"], "EUC-KR",
            "the file with a newline in its name was read"
        );
    }
}

#[test]
fn files_from_plus_arguments_and_a_missing_list() {
    let (dir, names) = files_from_dir();
    std::fs::write(dir.path().join("list.txt"), format!("{}\n", names[1])).unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args(["--files-from", "list.txt", &names[0]])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let mut got = paths_of(&out);
    got.sort();
    let mut want = vec![names[0].clone(), names[1].clone()];
    want.sort();
    assert_eq!(
        got, want,
        "both the argument and the list entry are analyzed"
    );
    let out = cmd()
        .current_dir(dir.path())
        .args(["--files-from", "no-such-list.txt"])
        .output()
        .unwrap();
    assert_eq!(
        status(&out),
        Some(2),
        "an unreadable list is a usage error\n{}",
        describe(&out)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-list.txt"));
}

// ---------------------------------------------------------------------------------------
// broken pipe

#[test]
fn broken_pipe_is_quiet() {
    let files = vec![SUMMIT; 30].join(" ");
    let out = Command::new("sh")
        .current_dir(root())
        .arg("-c")
        .arg(format!("'{}' -j 2 {files} | head -1", bin()))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked"),
        "no panic on a closed pipe: {err}"
    );
    assert!(
        !err.contains("Broken pipe"),
        "no broken-pipe message: {err}"
    );
    assert!(err.trim().is_empty(), "nothing on stderr: {err}");
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["source"]["path"], SUMMIT);
    assert!(
        lines[0]["partnerships"].is_array(),
        "the line is a complete report"
    );
}

#[test]
fn broken_pipe_exit_status_is_not_a_failure() {
    // `set -o pipefail` is not portable to every sh; ask for analyze's own status instead
    let files = vec![SUMMIT; 30].join(" ");
    let out = Command::new("bash")
        .current_dir(root())
        .arg("-c")
        .arg(format!(
            "'{}' {files} | head -c 100 > /dev/null; echo \"status=${{PIPESTATUS[0]}}\"",
            bin()
        ))
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    // 0 (quiet stop) or 141 (killed by SIGPIPE) are both what a Unix filter may do; 101 (panic) is not
    assert!(
        s.contains("status=0") || s.contains("status=141"),
        "analyze | head: {s} {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// --format text

#[test]
fn text_report_has_headline_and_meetings_and_no_escapes() {
    for no_color in [None, Some("1")] {
        let mut c = cmd();
        c.args(["--format", "text", "--date", "2024-06-20", SUMMIT]);
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let out = c.output().unwrap();
        assert_eq!(status(&out), Some(0), "{}", describe(&out));
        assert!(
            !out.stdout.contains(&0x1b),
            "no ESC byte when stdout is not a terminal (NO_COLOR={no_color:?})"
        );
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            s.contains("젠슨 황 엔비디아 CEO 다음 주 방한…이재용·최태원 회장과 연쇄 회동"),
            "headline:\n{s}"
        );
        assert!(
            s.lines().any(|l| l.trim() == "Meetings"),
            "a Meetings section:\n{s}"
        );
        assert!(s.contains("젠슨 황"), "{s}");
        assert!(serde_json::from_str::<Value>(&s).is_err(), "text, not JSON");
    }
}

/// Article text (and a record id) must never drive the terminal: control characters are
/// blanked in the text report.
#[test]
fn text_report_blanks_control_characters_of_the_input() {
    let text = "삼성전자\u{1b}[31m 신제품 공개\n이재용 삼성전자 회장은 21일 사티아 나델라 마이크로소프트 CEO를 만났다.\u{1b}]0;x\u{7}";
    let out = cmd()
        .args(["--input", "jsonl", "--format", "text"])
        .write_stdin(record(Value::from("id\u{1b}[2J"), text, Some("2024-02-21")))
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    assert!(
        !out.stdout.contains(&0x1b),
        "no ESC byte from the article: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!out.stdout.contains(&0x07), "no BEL byte from the article");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Meetings"));
}

#[test]
fn dateline_in_the_text_is_the_reference_date_without_date_option() {
    // fixture 06 has a line "입력 2023.06.20 10:31"
    let out = cmd()
        .arg("fixtures/06-diplomacy-visit.txt")
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let v = one_json(&out.stdout);
    assert_eq!(
        v["reference_date"],
        serde_json::json!({"value": "2023-06-20", "origin": "text"})
    );
    // --date wins over the dateline
    let out = cmd()
        .args(["--date", "2024-01-02", "fixtures/06-diplomacy-visit.txt"])
        .output()
        .unwrap();
    let v = one_json(&out.stdout);
    assert_eq!(
        v["reference_date"],
        serde_json::json!({"value": "2024-01-02", "origin": "option"})
    );
    // no date anywhere: null and a warning
    let out = cmd().arg(SUMMIT).output().unwrap();
    let v = one_json(&out.stdout);
    assert_eq!(v["reference_date"], Value::Null);
    assert!(
        !v["warnings"].as_array().unwrap().is_empty(),
        "a warning says there is no reference date"
    );
}

#[test]
fn text_report_of_several_files_and_errors() {
    let out = cmd()
        .args(["--format", "text", SUMMIT, "missing.txt", CHIPS])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(1), "{}", describe(&out));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains(SUMMIT) && s.contains(CHIPS),
        "both reports are there:\n{s}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}

// ---------------------------------------------------------------------------------------
// --schema and the contract

fn schema() -> Value {
    let out = cmd().arg("--schema").output().unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    one_json(&out.stdout)
}

#[test]
fn schema_is_a_json_schema_of_the_report() {
    let s = schema();
    assert!(
        s["$schema"]
            .as_str()
            .is_some_and(|u| u.contains("json-schema.org")),
        "$schema: {}",
        s["$schema"]
    );
    // one of a report and an error object (tests/schema.rs checks that part)
    let s = &s["$defs"]["Report"];
    assert_eq!(s["type"], "object");
    for key in [
        "schema_version",
        "source",
        "reference_date",
        "headline",
        "sentences",
        "entities",
        "dates",
        "quantities",
        "meetings",
        "partnerships",
        "warnings",
    ] {
        assert!(
            s["properties"].get(key).is_some(),
            "the schema describes {key}"
        );
    }
    jsonschema::validator_for(&schema()).expect("--schema output is a valid JSON Schema");
}

/// Runs all fixtures in one batch (JSON Lines) with the given extra arguments.
fn batch(extra: &[&str]) -> Vec<Value> {
    let fixtures = all_fixtures();
    let out = cmd()
        .args(["--format", "jsonl", "--date", "2024-06-20"])
        .args(extra)
        .args(&fixtures)
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), fixtures.len());
    lines
}

#[test]
fn every_fixture_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let mut lines = batch(&[]);
    lines.extend(batch(&["--explain"]));
    // a record of --input jsonl and a file without a reference date too
    let out = cmd()
        .args(["--input", "jsonl"])
        .write_stdin(record(Value::from(7), MEETING_TEXT, Some("2024-02-21")))
        .output()
        .unwrap();
    lines.extend(json_lines(&out.stdout));
    let out = cmd().args([SUMMIT]).output().unwrap();
    lines.push(one_json(&out.stdout));
    let mut problems = Vec::new();
    for v in &lines {
        let errors: Vec<String> = validator
            .iter_errors(v)
            .take(10)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if !errors.is_empty() {
            problems.push(format!(
                "{} / {}: {}",
                v["source"]["path"],
                v["source"]["id"],
                errors.join("; ")
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "outputs that do not validate:\n{}",
        problems.join("\n")
    );
}

#[test]
fn error_objects_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"a\0b").unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args(["missing.txt", "bin.txt"])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(1));
    let lines = json_lines(&out.stdout);
    assert_error_object(&lines[0], "not_found", Some("missing.txt"));
    assert_error_object(&lines[1], "not_text", Some("bin.txt"));
    // exactly the contract's shape: {"schema_version", "source": {"path"}, "error": {"kind", "message"}}
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&lines[0]), ["error", "schema_version", "source"]); // (serde_json sorts keys)
    assert_eq!(keys(&lines[0]["error"]), ["kind", "message"]);
    assert_eq!(
        lines[0],
        serde_json::json!({"schema_version": 1, "source": {"path": "missing.txt"},
            "error": {"kind": "not_found", "message": "missing.txt: No such file or directory"}}),
        "the contract's own example"
    );
}

fn one_of(v: &Value, allowed: &[&str], what: &str, errs: &mut Vec<String>) {
    if !v.as_str().is_some_and(|s| allowed.contains(&s)) {
        errs.push(format!("{what} is {v}, not one of {allowed:?}"));
    }
}

fn null_or_one_of(v: &Value, allowed: &[&str], what: &str, errs: &mut Vec<String>) {
    if !v.is_null() {
        one_of(v, allowed, what, errs);
    }
}

fn has_keys(v: &Value, keys: &[&str], what: &str, errs: &mut Vec<String>) {
    for k in keys {
        if v.get(*k).is_none() {
            errs.push(format!("{what} has no {k:?}: {v}"));
        }
    }
}

/// The field names, value sets and id forms of OUTPUT.md, checked directly (also without
/// the schema, whose enumerations tests/schema.rs checks).
#[test]
fn reports_use_the_contract_vocabulary() {
    let mut errs = Vec::new();
    for v in batch(&[]) {
        let p = v["source"]["path"].as_str().unwrap_or("?").to_string();
        has_keys(
            &v,
            &[
                "schema_version",
                "source",
                "reference_date",
                "headline",
                "sentences",
                "entities",
                "dates",
                "quantities",
                "meetings",
                "partnerships",
                "warnings",
            ],
            &p,
            &mut errs,
        );
        has_keys(
            &v["source"],
            &["path", "id", "encoding", "bytes", "chars"],
            &format!("{p} source"),
            &mut errs,
        );
        one_of(
            &v["reference_date"]["origin"],
            &["option", "input", "text"],
            &format!("{p} reference_date.origin"),
            &mut errs,
        );
        for s in v["sentences"].as_array().unwrap() {
            one_of(
                &s["kind"],
                &["headline", "body", "boilerplate"],
                &format!("{p} sentence kind"),
                &mut errs,
            );
        }
        for e in v["entities"].as_array().unwrap() {
            let what = format!("{p} entity {}", e["id"]);
            has_keys(
                e,
                &[
                    "id", "type", "subtype", "name", "aliases", "english", "roles", "mentions",
                ],
                &what,
                &mut errs,
            );
            let t = e["type"].as_str().unwrap_or("");
            one_of(
                &e["type"],
                &["person", "organization", "product", "place"],
                &what,
                &mut errs,
            );
            let prefix = match t {
                "person" => "p",
                "organization" => "o",
                "product" => "x",
                _ => "l",
            };
            if !e["id"].as_str().is_some_and(|id| id.starts_with(prefix)) {
                errs.push(format!("{what}: a {t} id starts with {prefix}"));
            }
            match t {
                "organization" => null_or_one_of(
                    &e["subtype"],
                    &[
                        "company",
                        "government",
                        "university",
                        "unit",
                        "media",
                        "other",
                    ],
                    &what,
                    &mut errs,
                ),
                "product" => null_or_one_of(
                    &e["subtype"],
                    &["chip", "ai_model", "device", "service", "other"],
                    &what,
                    &mut errs,
                ),
                _ => {}
            }
            if t != "person" && !e["roles"].as_array().unwrap().is_empty() {
                errs.push(format!("{what}: only people have roles"));
            }
            for r in e["roles"].as_array().unwrap() {
                has_keys(r, &["title", "organization", "qualifier"], &what, &mut errs);
                null_or_one_of(
                    &r["qualifier"],
                    &["former", "at_the_time", "late", "acting"],
                    &format!("{what} role qualifier"),
                    &mut errs,
                );
            }
            if e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == &e["name"])
            {
                errs.push(format!("{what}: name repeated among aliases"));
            }
            if e["mentions"].as_array().unwrap().is_empty() {
                errs.push(format!("{what}: no mentions"));
            }
        }
        for d in v["dates"].as_array().unwrap() {
            has_keys(
                d,
                &["id", "text", "value", "sentence", "start", "end"],
                &format!("{p} date"),
                &mut errs,
            );
        }
        for q in v["quantities"].as_array().unwrap() {
            has_keys(
                q,
                &["text", "value", "unit", "kind", "sentence", "start", "end"],
                &format!("{p} quantity"),
                &mut errs,
            );
            one_of(
                &q["kind"],
                &["money", "count", "percent", "other"],
                &format!("{p} quantity kind"),
                &mut errs,
            );
        }
        let n_sent = v["sentences"].as_array().unwrap().len() as u64;
        for m in v["meetings"].as_array().unwrap() {
            let what = format!("{p} meeting {}", m["id"]);
            has_keys(
                m,
                &[
                    "id",
                    "participants",
                    "date",
                    "place",
                    "status",
                    "hedge",
                    "topics",
                    "evidence",
                    "summary",
                ],
                &what,
                &mut errs,
            );
            one_of(
                &m["status"],
                &[
                    "happened",
                    "planned",
                    "requested",
                    "cancelled",
                    "speculated",
                ],
                &what,
                &mut errs,
            );
            null_or_one_of(
                &m["hedge"],
                &["reported", "expected", "speculated"],
                &what,
                &mut errs,
            );
            if m["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e.as_u64().is_none_or(|e| e >= n_sent))
            {
                errs.push(format!(
                    "{what}: evidence {} names a sentence that does not exist",
                    m["evidence"]
                ));
            }
        }
        for r in v["partnerships"].as_array().unwrap() {
            let what = format!("{p} partnership {}", r["id"]);
            has_keys(
                r,
                &[
                    "id", "parties", "topics", "status", "hedge", "date", "evidence", "summary",
                ],
                &what,
                &mut errs,
            );
            one_of(
                &r["status"],
                &[
                    "discussed",
                    "planned",
                    "agreed",
                    "ongoing",
                    "speculated",
                    "ended",
                ],
                &what,
                &mut errs,
            );
            null_or_one_of(
                &r["hedge"],
                &["reported", "expected", "speculated"],
                &what,
                &mut errs,
            );
            if r["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e.as_u64().is_none_or(|e| e >= n_sent))
            {
                errs.push(format!(
                    "{what}: evidence {} names a sentence that does not exist",
                    r["evidence"]
                ));
            }
        }
    }
    assert!(errs.is_empty(), "contract violations:\n{}", errs.join("\n"));
}

// ---------------------------------------------------------------------------------------
// --explain

fn rules_in(v: &Value) -> Vec<(String, Option<String>)> {
    // (what, rule) for every entity mention, date, meeting and partnership
    let mut out = Vec::new();
    let p = v["source"]["path"].as_str().unwrap_or("?");
    for e in v["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            out.push((
                format!("{p} mention {} of {}", m["text"], e["id"]),
                m["rule"].as_str().map(String::from),
            ));
        }
    }
    for key in ["dates", "meetings", "partnerships"] {
        for x in v[key].as_array().unwrap() {
            out.push((
                format!("{p} {key} {}", x["id"]),
                x["rule"].as_str().map(String::from),
            ));
        }
    }
    out
}

fn count_rule_keys(v: &Value) -> usize {
    match v {
        Value::Object(o) => o
            .iter()
            .map(|(k, x)| usize::from(k == "rule") + count_rule_keys(x))
            .sum(),
        Value::Array(a) => a.iter().map(count_rule_keys).sum(),
        _ => 0,
    }
}

#[test]
fn explain_names_a_rule_for_every_item() {
    let lines = batch(&["--explain"]);
    let items: Vec<_> = lines.iter().flat_map(rules_in).collect();
    assert!(
        items.iter().any(|(w, _)| w.contains("meetings")),
        "the fixtures have meetings"
    );
    assert!(
        items.iter().any(|(w, _)| w.contains("partnerships")),
        "the fixtures have partnerships"
    );
    let missing: Vec<&String> = items
        .iter()
        .filter(|(_, r)| r.as_deref().is_none_or(|r| r.trim().is_empty()))
        .map(|(w, _)| w)
        .collect();
    assert!(missing.is_empty(), "items without a rule: {missing:#?}");
    // the same analysis, only with the rules added
    let plain = batch(&[]);
    for (a, b) in plain.iter().zip(&lines) {
        assert_eq!(
            count_rule_keys(a),
            0,
            "no \"rule\" key without --explain: {}",
            a["source"]["path"]
        );
        assert_eq!(
            a["entities"].as_array().unwrap().len(),
            b["entities"].as_array().unwrap().len()
        );
        assert_eq!(
            a["meetings"].as_array().unwrap().len(),
            b["meetings"].as_array().unwrap().len()
        );
    }
}

// ---------------------------------------------------------------------------------------
// completions

#[test]
fn completions_for_bash() {
    let out = cmd().args(["completions", "bash"]).output().unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("analyze"), "{s}");
    assert!(s.contains("complete"), "a bash completion script");
    assert!(s.contains("--files-from"), "it completes the options");
    let out = cmd()
        .args(["completions", "no-such-shell"])
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(2), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------
// --rules

const RULES_ARTICLE: &str = "가나다라테크, 신형 반도체 공개\n가나다라테크는 새 반도체를 공개했다. 업계는 가나다라테크의 기술에 주목했다.";

fn org_named<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
}

#[test]
fn user_rule_table_adds_an_organization() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("organizations.tsv"),
        "가나다라테크\tcompany\t\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("article.txt"), RULES_ARTICLE).unwrap();
    // a file, and the directory holding it
    for rules in ["organizations.tsv", "."] {
        let out = cmd()
            .current_dir(dir.path())
            .args(["--rules", rules, "--date", "2024-06-20", "article.txt"])
            .output()
            .unwrap();
        assert_eq!(status(&out), Some(0), "--rules {rules}\n{}", describe(&out));
        let v = one_json(&out.stdout);
        let e = org_named(&v, "가나다라테크")
            .unwrap_or_else(|| panic!("--rules {rules}: no 가나다라테크 in {}", v["entities"]));
        assert_eq!(e["type"], "organization");
        assert_eq!(e["subtype"], "company");
        let mentions = e["mentions"].as_array().unwrap();
        assert_eq!(
            mentions.len(),
            3,
            "headline, 가나다라테크는, 가나다라테크의: {}",
            e["mentions"]
        );
        for m in mentions {
            assert_eq!(m["text"], "가나다라테크", "no particle in the mention");
        }
        let text = RULES_ARTICLE.chars().collect::<Vec<_>>();
        let body = RULES_ARTICLE
            .find("가나다라테크는")
            .map(|b| RULES_ARTICLE[..b].chars().count())
            .unwrap();
        assert!(
            mentions
                .iter()
                .any(|m| m["start"] == body && m["end"] == body + 6),
            "{}",
            e["mentions"]
        );
        assert_eq!(
            text[body..body + 6].iter().collect::<String>(),
            "가나다라테크"
        );
    }
}

#[test]
fn malformed_user_rule_table_is_a_usage_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let table = "# my organizations\n좋은회사\tcompany\n나쁜회사\tcompany\textra\tfields\tmore\n";
    std::fs::write(dir.path().join("organizations.tsv"), table).unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args(["--rules", "organizations.tsv"])
        .arg(root().join(SUMMIT))
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(2), "{}", describe(&out));
    assert!(out.stdout.is_empty(), "no analysis with a broken table");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("organizations.tsv:3"),
        "stderr names file and line: {err}"
    );
    // an unknown table name and a missing path are usage errors too
    std::fs::write(dir.path().join("nonsense.tsv"), "x\ty\n").unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args(["--rules", "nonsense.tsv"])
        .write_stdin("본문.")
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(2), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nonsense.tsv"));
    let out = cmd()
        .current_dir(dir.path())
        .args(["--rules", "missing-dir/organizations.tsv"])
        .write_stdin("본문.")
        .output()
        .unwrap();
    assert_eq!(status(&out), Some(2), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing-dir/organizations.tsv"));
}

// ---------------------------------------------------------------------------------------
// regressions for bugs found while writing these tests

/// `-j` accepts any value from 1 to 65535, and a large one must not crash the program
/// (there is never a reason to run more workers than inputs).
#[test]
fn huge_jobs_value_does_not_crash() {
    let out = cmd().args(["-j", "65535", EUCKR]).output().unwrap();
    assert_eq!(status(&out), Some(0), "{}", describe(&out));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        describe(&out)
    );
    assert_eq!(one_json(&out.stdout)["source"]["encoding"], "EUC-KR");
}

/// File names on Unix are bytes. `find … -print0 | analyze --files-from - -0` (the example
/// of --help) and plain arguments must open a file whose name is not UTF-8; only the
/// `source.path` string in the output may be lossy.
#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_analyzed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::copy(root().join(EUCKR), dir.path().join(name)).unwrap();
    let out = cmd().current_dir(dir.path()).arg(name).output().unwrap();
    assert_eq!(status(&out), Some(0), "as an argument\n{}", describe(&out));
    assert_eq!(one_json(&out.stdout)["source"]["encoding"], "EUC-KR");
    let out = cmd()
        .current_dir(dir.path())
        .args(["--files-from", "-", "-0"])
        .write_stdin(b"caf\xe9.txt\0".to_vec())
        .output()
        .unwrap();
    assert_eq!(
        status(&out),
        Some(0),
        "via --files-from -0\n{}",
        describe(&out)
    );
    assert_eq!(json_lines(&out.stdout)[0]["source"]["encoding"], "EUC-KR");
}
