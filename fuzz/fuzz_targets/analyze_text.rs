//! Arbitrary text through `Analyzer::builtin().analyze`, without and with a reference
//! date; every output is checked against the contract (tests/robust/check.rs), and the
//! dated analysis is run twice to check that the JSON is the same.
#![no_main]

#[path = "../../tests/robust/check.rs"]
mod check;

use analyze::{dates::Ymd, Analyzer, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let analyzer = Analyzer::builtin();
    let r = analyzer.analyze(text, &Options::default());
    check::check_report(text, &r, true);
    let dated = Options { reference_date: Ymd::parse("2024-02-21"), date_origin: Some("option"), ..Default::default() };
    let a = analyzer.analyze(text, &dated);
    check::check_report(text, &a, true);
    let b = analyzer.analyze(text, &dated);
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap(), "same input, different JSON");
});
