//! Arbitrary bytes through `analyze::decode::decode`; text that decodes is analyzed and
//! checked. Valid UTF-8 without a byte-order mark must decode to itself.
#![no_main]

#[path = "../../tests/robust/check.rs"]
mod check;

use analyze::decode::{decode, DecodeError};
use analyze::{dates::Ymd, Analyzer, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match decode(bytes) {
        Ok(d) => {
            let bom_nul = check::known_bugs::NUL_AFTER_UTF8_BOM && d.encoding == "UTF-8 (BOM)";
            assert!(bom_nul || !d.text.contains('\0'), "decoded text holds NUL");
            match d.encoding {
                "UTF-8" => assert_eq!(d.text.as_bytes(), bytes),
                "UTF-8 (BOM)" => assert_eq!(d.text.as_bytes(), &bytes[3..]),
                "UTF-16LE" | "UTF-16BE" | "EUC-KR" => {}
                other => panic!("unknown encoding {other:?}"),
            }
            let opts = Options { reference_date: Ymd::parse("2024-02-21"), ..Default::default() };
            let r = Analyzer::builtin().analyze(&d.text, &opts);
            check::check_report(&d.text, &r, true);
        }
        Err(DecodeError::Decode { offset }) => assert!(offset <= bytes.len()),
        Err(DecodeError::NotText(_)) => {}
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        let bom = bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
        let control = s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
        if !bom && !control {
            let d = decode(bytes).expect("valid UTF-8 text without control characters decodes");
            assert_eq!(d.encoding, "UTF-8");
            assert_eq!(d.text, s);
        }
    }
});
