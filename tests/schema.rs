//! `analyze --schema`: one schema for every line the binary prints — a report or an error
//! object (`oneOf`) — with the closed fields' values as `enum`s.
//!
//! - the enums are the lists of `analyze::report::values`, and those lists are OUTPUT.md's
//!   (written out again here, so that a change to either is seen) and cover every value the
//!   built-in tables can produce;
//! - real error lines of every kind the binary can be made to print validate, and so does
//!   every fixture output; outputs with a value outside a list, or a report and an error
//!   mixed, do not;
//! - every article of the corpus as a record validates (needs `../shared`, ignored without).

use crate::common;

use analyze::report::values;
use analyze::rules::RuleSet;
use common::*;
use serde_json::{Value, json};

fn schema() -> Value {
    let out = cmd().arg("--schema").output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    one_json(&out.stdout)
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("--schema prints a valid JSON Schema")
}

/// The validation errors of `v`, or an empty list.
fn errors(validator: &jsonschema::Validator, v: &Value) -> Vec<String> {
    validator
        .iter_errors(v)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| match x {
            Value::Null => "null".to_string(),
            x => x.as_str().expect("a string").to_string(),
        })
        .collect()
}

fn list(items: &[&str], null: bool) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    if null {
        v.push("null".into());
    }
    v
}

#[test]
fn schema_is_one_of_report_and_error_line() {
    let s = schema();
    let one_of = s["oneOf"].as_array().expect("a oneOf at the top");
    let refs: Vec<&str> = one_of.iter().filter_map(|b| b["$ref"].as_str()).collect();
    assert_eq!(refs, ["#/$defs/Report", "#/$defs/ErrorReport"]);
    let err = &s["$defs"]["ErrorReport"];
    assert_eq!(
        strings(&err["required"]),
        ["schema_version", "source", "error"]
    );
}

#[test]
fn closed_fields_are_enums_of_the_contract_values() {
    let s = schema();
    let d = &s["$defs"];
    let cases: [(&str, &Value, Vec<String>); 11] = [
        (
            "entity type",
            &d["EntityOut"]["properties"]["type"]["enum"],
            list(values::ENTITY_TYPES, false),
        ),
        (
            "sentence kind",
            &d["SentenceOut"]["properties"]["kind"]["enum"],
            list(values::SENTENCE_KINDS, false),
        ),
        (
            "quantity kind",
            &d["QuantityOut"]["properties"]["kind"]["enum"],
            list(values::QUANTITY_KINDS, false),
        ),
        (
            "meeting status",
            &d["MeetingOut"]["properties"]["status"]["enum"],
            list(values::MEETING_STATUSES, false),
        ),
        (
            "meeting hedge",
            &d["MeetingOut"]["properties"]["hedge"]["enum"],
            list(values::HEDGES, true),
        ),
        (
            "partnership status",
            &d["PartnershipOut"]["properties"]["status"]["enum"],
            list(values::PARTNERSHIP_STATUSES, false),
        ),
        (
            "partnership hedge",
            &d["PartnershipOut"]["properties"]["hedge"]["enum"],
            list(values::HEDGES, true),
        ),
        (
            "role qualifier",
            &d["RoleOut"]["properties"]["qualifier"]["enum"],
            list(values::QUALIFIERS, true),
        ),
        (
            "reference date origin",
            &d["ReferenceDate"]["properties"]["origin"]["enum"],
            list(values::DATE_ORIGINS, false),
        ),
        (
            "error kind",
            &d["ErrorBody"]["properties"]["kind"]["enum"],
            list(values::ERROR_KINDS, false),
        ),
        (
            "entity subtype (any type)",
            &d["EntityOut"]["properties"]["subtype"]["enum"],
            list(
                &[
                    values::ORGANIZATION_SUBTYPES,
                    &values::PRODUCT_SUBTYPES[..4], // "other" is already in
                    values::PLACE_SUBTYPES,
                ]
                .concat(),
                true,
            ),
        ),
    ];
    for (what, got, want) in cases {
        assert_eq!(strings(got), want, "{what}");
    }
    // subtype by type: the if/then branches
    let branches = d["EntityOut"]["allOf"].as_array().expect("allOf by type");
    let by_type = |t: &str| -> &Value {
        &branches
            .iter()
            .find(|b| b["if"]["properties"]["type"]["const"] == t)
            .unwrap_or_else(|| panic!("a branch for {t}"))["then"]["properties"]["subtype"]
    };
    assert_eq!(by_type("person"), &json!({"type": "null"}));
    for (t, want) in [
        ("organization", values::ORGANIZATION_SUBTYPES),
        ("product", values::PRODUCT_SUBTYPES),
        ("place", values::PLACE_SUBTYPES),
    ] {
        assert_eq!(strings(&by_type(t)["enum"]), list(want, false), "{t}");
    }
}

/// The lists are OUTPUT.md's, written out here a second time.
#[test]
fn value_lists_are_the_contracts() {
    assert_eq!(
        values::ENTITY_TYPES,
        ["person", "organization", "product", "place"]
    );
    assert_eq!(values::SENTENCE_KINDS, ["headline", "body", "boilerplate"]);
    assert_eq!(
        values::QUANTITY_KINDS,
        ["money", "count", "percent", "other"]
    );
    assert_eq!(
        values::MEETING_STATUSES,
        [
            "happened",
            "planned",
            "requested",
            "cancelled",
            "speculated"
        ]
    );
    assert_eq!(
        values::PARTNERSHIP_STATUSES,
        [
            "discussed",
            "planned",
            "agreed",
            "ongoing",
            "speculated",
            "ended"
        ]
    );
    assert_eq!(values::HEDGES, ["reported", "expected", "speculated"]);
    assert_eq!(
        values::QUALIFIERS,
        ["former", "at_the_time", "late", "acting"]
    );
    assert_eq!(values::DATE_ORIGINS, ["option", "input", "text"]);
    assert_eq!(
        values::PRODUCT_SUBTYPES,
        ["chip", "ai_model", "device", "service", "other"]
    );
    for kind in [
        "not_found",
        "permission",
        "decode",
        "not_text",
        "too_large",
        "io",
        "bad_record",
    ] {
        assert!(values::ERROR_KINDS.contains(&kind), "{kind}");
    }
}

/// Every value the built-in tables can put in the output is in its list.
#[test]
fn builtin_tables_keep_to_the_lists() {
    let rules = RuleSet::builtin().unwrap();
    let mut bad = Vec::new();
    let mut check = |table: &str, field: usize, allowed: &[&str]| {
        let mut n = 0;
        for r in rules.rows(table) {
            n += 1;
            if !allowed.contains(&r.get(field)) {
                bad.push(format!(
                    "{}: {:?} not in {allowed:?}",
                    r.origin(),
                    r.get(field)
                ));
            }
        }
        assert!(n > 0, "{table} has rows");
    };
    check("organizations.tsv", 1, values::ORGANIZATION_SUBTYPES);
    check("org_suffixes.tsv", 1, values::ORGANIZATION_SUBTYPES);
    check("products.tsv", 1, values::PRODUCT_SUBTYPES);
    check("places.tsv", 1, values::PLACE_SUBTYPES);
    check("hedges.tsv", 1, values::HEDGES);
    // `none`: a cue that says the event did not take place (no event; never in the output)
    let statuses = [
        values::MEETING_STATUSES,
        values::PARTNERSHIP_STATUSES,
        &["none"],
    ]
    .concat();
    check("status_cues.tsv", 2, &statuses);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Runs the binary in `dir` and returns its JSON Lines, checking the exit status.
fn lines_of(dir: &std::path::Path, args: &[&str], stdin: Option<&str>, code: i32) -> Vec<Value> {
    let mut c = cmd();
    c.current_dir(dir).args(args);
    if let Some(s) = stdin {
        c.write_stdin(s);
    }
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        describe(&out)
    );
    json_lines(&out.stdout)
}

#[test]
fn real_error_lines_validate() {
    let v = validator();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("nul.txt"), b"a\0b").unwrap();
    std::fs::write(p.join("bad.txt"), b"\xEF\xBB\xBFabc\xFF").unwrap(); // UTF-8 BOM, then not UTF-8
    std::fs::write(p.join("big.txt"), "삼성전자는 발표했다. ".repeat(20)).unwrap();
    std::fs::create_dir(p.join("dir.txt")).unwrap();
    let mut lines = lines_of(
        p,
        &[
            "--format",
            "jsonl",
            "--max-bytes",
            "100",
            "missing.txt",
            "nul.txt",
            "bad.txt",
            "big.txt",
            "dir.txt",
        ],
        None,
        1,
    );
    // records: not JSON, no text, a bad date, an empty line (line numbers, ids)
    lines.extend(lines_of(
        p,
        &["--input", "jsonl"],
        Some("not json\n{\"id\": 3}\n{\"id\": \"x\", \"text\": \"가\", \"date\": \"soon\"}\n\n"),
        1,
    ));
    let kinds: Vec<&str> = lines
        .iter()
        .map(|l| l["error"]["kind"].as_str().unwrap_or("(no error)"))
        .collect();
    assert_eq!(
        kinds,
        [
            "not_found",
            "not_text",
            "decode",
            "too_large",
            "io",
            "bad_record",
            "bad_record",
            "bad_record",
            "bad_record"
        ],
        "{lines:#?}"
    );
    let mut problems = Vec::new();
    for l in &lines {
        let e = errors(&v, l);
        if !e.is_empty() {
            problems.push(format!("{l}: {}", e.join("; ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // the contract's own example line
    let example = json!({"schema_version": 1, "source": {"path": "missing.txt"},
        "error": {"kind": "not_found", "message": "missing.txt: No such file or directory"}});
    assert!(v.is_valid(&example));
}

#[test]
fn outputs_outside_the_lists_or_mixed_do_not_validate() {
    let v = validator();
    let out = cmd()
        .args(["--format", "json", "--date", "2024-06-20"])
        .arg("fixtures/01-summit-meeting.txt")
        .output()
        .unwrap();
    let report = one_json(&out.stdout);
    assert!(errors(&v, &report).is_empty(), "{:?}", errors(&v, &report));
    let error = json!({"schema_version": 1, "source": {"path": "x.txt"},
        "error": {"kind": "io", "message": "x.txt: Is a directory"}});
    assert!(v.is_valid(&error));

    let org = report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["type"] == "organization")
        .expect("an organization in the fixture");
    let person = report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["type"] == "person")
        .expect("a person in the fixture");
    let role = report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| !e["roles"].as_array().unwrap().is_empty())
        .expect("a role in the fixture");
    let edits: Vec<(&str, String, Value)> = vec![
        (
            "unknown subtype",
            format!("/entities/{org}/subtype"),
            json!("bogus"),
        ),
        (
            "a product subtype on an organization",
            format!("/entities/{org}/subtype"),
            json!("chip"),
        ),
        (
            "a subtype on a person",
            format!("/entities/{person}/subtype"),
            json!("company"),
        ),
        (
            "unknown type",
            format!("/entities/{org}/type"),
            json!("animal"),
        ),
        (
            "unknown qualifier",
            format!("/entities/{role}/roles/0/qualifier"),
            json!("current"),
        ),
        (
            "unknown sentence kind",
            "/sentences/0/kind".into(),
            json!("title"),
        ),
        (
            "unknown meeting status",
            "/meetings/0/status".into(),
            json!("done"),
        ),
        (
            "a partnership status on a meeting",
            "/meetings/0/status".into(),
            json!("agreed"),
        ),
        (
            "unknown hedge",
            "/meetings/0/hedge".into(),
            json!("rumoured"),
        ),
        (
            "unknown date origin",
            "/reference_date/origin".into(),
            json!("guess"),
        ),
    ];
    for (what, pointer, value) in edits {
        let mut bad = report.clone();
        *bad.pointer_mut(&pointer)
            .unwrap_or_else(|| panic!("{pointer} in the fixture output")) = value;
        assert!(!v.is_valid(&bad), "{what} ({pointer}) validates");
    }
    let mut bad = error.clone();
    bad["error"]["kind"] = json!("oops");
    assert!(!v.is_valid(&bad), "unknown error kind validates");
    // a report with an error object, an error line without its message: neither branch
    let mut mixed = report.clone();
    mixed["error"] = error["error"].clone();
    assert!(
        !v.is_valid(&mixed),
        "a report carrying an error object validates (it matches both branches of oneOf)"
    );
    let mut half = error.clone();
    half["error"].as_object_mut().unwrap().remove("message");
    assert!(!v.is_valid(&half), "an error without message validates");
}

/// Every article of the corpus, as a record without title (`id`, `text`, `date`), and with
/// `--explain`, validates.
#[test]
#[ignore = "needs ../shared (run with --include-ignored)"]
fn corpus_outputs_validate() {
    let gz = root().join("../shared/corpus/news-articles.jsonl.gz");
    assert!(
        gz.exists(),
        "{} is missing: this test needs ../shared beside the clone",
        gz.display()
    );
    let raw = std::process::Command::new("gzip")
        .arg("-dc")
        .arg(&gz)
        .output()
        .expect("gzip runs");
    assert!(raw.status.success());
    let records: String = String::from_utf8(raw.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let r: Value = serde_json::from_str(l).unwrap();
            json!({"id": r["id"], "text": r["text"], "date": r["date"]}).to_string() + "\n"
        })
        .collect();
    let v = validator();
    for extra in [&[][..], &["--explain"][..]] {
        let out = cmd()
            .args(["--input", "jsonl", "-j", "2"])
            .args(extra)
            .write_stdin(records.clone())
            .timeout(std::time::Duration::from_secs(600))
            .output()
            .unwrap();
        let lines = json_lines(&out.stdout);
        assert!(lines.len() > 1000, "{} lines", lines.len());
        let mut problems = Vec::new();
        for l in &lines {
            let e = errors(&v, l);
            if !e.is_empty() {
                problems.push(format!("{}: {}", l["source"]["id"], e.join("; ")));
            }
        }
        assert!(
            problems.is_empty(),
            "{extra:?}: {} of {} lines do not validate:\n{}",
            problems.len(),
            lines.len(),
            problems[..problems.len().min(20)].join("\n")
        );
    }
}
