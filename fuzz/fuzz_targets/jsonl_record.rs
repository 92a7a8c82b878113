//! Arbitrary lines through `analyze::input::parse_record`, then, for a record, the same
//! steps as `analyze --input jsonl` (src/main.rs `process`): its date, then the analysis.
#![no_main]

#[path = "../../tests/robust/check.rs"]
mod check;

use analyze::input::{parse_record, Job};
use analyze::{dates::Ymd, Analyzer, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    match parse_record("fuzz.jsonl", 3, line) {
        Job::Record { id, text, date, .. } => {
            assert!(id.is_string() || id.is_number() || id.is_null());
            let reference = match date.as_deref().map(Ymd::parse) {
                Some(Some(d)) => Some(d),
                Some(None) => return, // bad_record
                None => None,
            };
            let opts = Options { reference_date: reference, date_origin: reference.map(|_| "input"), ..Default::default() };
            let r = Analyzer::builtin().analyze(&text, &opts);
            let strict = reference.is_none_or(|d| (1000..=9998).contains(&d.y));
            check::check_report(&text, &r, strict);
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
