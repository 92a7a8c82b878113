//! Arbitrary lines through `analyze::input::parse_record`, then, for a record, the same
//! steps as `analyze --input jsonl` (`input::prepare_record`, then the analysis).
#![no_main]

#[path = "../../tests/robust/check.rs"]
mod check;

use analyze::input::{parse_record, prepare_record, Job};
use analyze::Analyzer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    match parse_record("fuzz.jsonl", 3, line) {
        Job::Record { id, text, title, date, date_field, .. } => {
            assert!(id.is_string() || id.is_number() || id.is_null());
            let Ok(p) = prepare_record(id, text, title, date.as_deref(), date_field, None, false) else {
                return; // bad_record
            };
            let r = Analyzer::builtin().analyze(&p.document, &p.options);
            let reference = p.options.reference_date;
            let strict = reference.is_none_or(|d| (1000..=9998).contains(&d.y));
            check::check_report(&p.document, &r, strict);
            serde_json::to_string(&r).expect("report serializes");
        }
        Job::Failed(e) => {
            assert_eq!(e.error.kind, "bad_record");
            assert!(e.error.message.starts_with("fuzz.jsonl:3: "));
            serde_json::to_string(&e).expect("error serializes");
        }
        Job::File(_) => panic!("a record became a file job"),
    }
});
